//! The published search index, read back with the types of
//! `sastra::search::format` and compared with a golden dump, so that a
//! change to the format, the tokenizer or the scoring fails here unless the
//! golden file is updated with it (`UPDATE_GOLDEN=1 cargo test --test
//! it search_format`), and the browser's decoder with it.

use std::fmt::Write as _;

use crate::common::{repo, Site};
use sastra::search::format::{DisplayRow, Manifest, Meta, PostingsChunk, FORMAT_VERSION};

const GOLDEN: &str = "tests/golden/search-index-basic.txt";

fn read<T: serde::de::DeserializeOwned>(site: &Site, lang: &str, name: &str) -> T {
    let path = format!("search/{lang}/{name}");
    serde_json::from_str(&site.read(&path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every file but the manifest is named by a hash of its content.
fn assert_named_by_content(site: &Site, lang: &str, name: &str) {
    let hash = blake3::hash(site.read(&format!("search/{lang}/{name}")).as_bytes()).to_hex();
    let stem = name.trim_end_matches(".json");
    let named = &stem[stem.len() - 12..];
    assert_eq!(
        named,
        &hash[..12],
        "{lang}/{name} is not named by its content"
    );
}

/// Files `file(0..count)`, in groups of `group`, are named
/// `<kind>-<hash>-<k>.json` by a hash of their group's contents.
fn assert_groups_named_by_content(
    site: &Site,
    lang: &str,
    count: usize,
    group: usize,
    file: impl Fn(usize) -> String,
) {
    let names: Vec<String> = (0..count).map(file).collect();
    for members in names.chunks(group) {
        let contents: Vec<String> = members
            .iter()
            .map(|name| site.read(&format!("search/{lang}/{name}")))
            .collect();
        let hash = blake3::hash(contents.join("\n").as_bytes()).to_hex();
        for (k, name) in members.iter().enumerate() {
            assert_eq!(
                name,
                &format!("{}-{}-{k}.json", &name[..1], &hash[..12]),
                "{lang}/{name} is not named by its group's content"
            );
        }
    }
}

fn dump(site: &Site, lang: &str, out: &mut String) {
    let manifest: Manifest = read(site, lang, "manifest.json");
    assert_eq!(manifest.version, FORMAT_VERSION);
    writeln!(
        out,
        "# {lang}: {} documents, {} chunks",
        manifest.docs,
        manifest.chunks.firsts.len()
    )
    .unwrap();
    let chunks = &manifest.chunks;
    assert_groups_named_by_content(site, lang, chunks.firsts.len(), chunks.group, |i| {
        chunks.file(i)
    });
    for (i, first) in chunks.firsts.iter().enumerate() {
        let postings: PostingsChunk = read(site, lang, &chunks.file(i));
        let next = chunks.firsts.get(i + 1).map(String::as_str);
        for (term, encoded) in &postings.terms {
            let utf16 = |s: &str| s.encode_utf16().collect::<Vec<_>>();
            assert!(utf16(first) <= utf16(term), "{term} before its chunk");
            assert!(
                next.is_none_or(|n| utf16(term) < utf16(n)),
                "{term} after its chunk"
            );
            let docs = encoded
                .decode()
                .unwrap_or_else(|| panic!("{term}: {encoded:?}"));
            let docs: Vec<String> = docs
                .iter()
                .map(|(doc, score)| format!("{doc}:{score:.3}"))
                .collect();
            writeln!(out, "{term} {}", docs.join(" ")).unwrap();
        }
    }
    let meta: Meta = read(site, lang, &manifest.meta);
    assert_named_by_content(site, lang, &manifest.meta);
    writeln!(out, "types {:?}", meta.docs.types).unwrap();
    writeln!(out, "organizations {:?}", meta.docs.organizations).unwrap();
    writeln!(out, "years {:?}", meta.docs.years).unwrap();
    writeln!(out, "tags {:?}", meta.docs.tags).unwrap();
    writeln!(out, "entries {:?}", meta.docs.entries).unwrap();
    writeln!(out, "sections {:?}", meta.docs.sections).unwrap();
    let display = &manifest.display;
    let files = manifest.docs.div_ceil(display.size);
    assert_groups_named_by_content(site, lang, files, display.group / display.size, |k| {
        let group = &display.hashes[k * display.size / display.group];
        format!("d-{group}-{}.json", k % (display.group / display.size))
    });
    for doc in 0..manifest.docs {
        let group = &display.hashes[doc / display.group];
        let file = format!("d-{group}-{}.json", doc % display.group / display.size);
        let rows: Vec<DisplayRow> = read(site, lang, &file);
        let row = &rows[doc % display.size];
        writeln!(
            out,
            "doc {doc} {} | {} | {} | {} | {} | {} chars",
            row.url,
            row.title,
            row.date,
            row.doc_type,
            row.organization,
            row.excerpt.chars().count()
        )
        .unwrap();
    }
}

/// Every display row of a language, in record order.
fn display_rows(site: &Site, lang: &str) -> Vec<DisplayRow> {
    let manifest: Manifest = read(site, lang, "manifest.json");
    let display = &manifest.display;
    (0..manifest.docs)
        .map(|doc| {
            let group = &display.hashes[doc / display.group];
            let file = format!("d-{group}-{}.json", doc % display.group / display.size);
            let rows: Vec<DisplayRow> = read(site, lang, &file);
            rows[doc % display.size].clone()
        })
        .collect()
}

#[test]
fn a_long_documents_sections_are_records_leading_to_their_headings() {
    let site = Site::fixture("basic");
    let settings = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", &format!("search_sections = true\n{settings}"));
    let filler =
        "The commission counted every ballot twice before it wrote the results down. ".repeat(30);
    site.write(
        "content/reports/long-report.en.md",
        &format!(
            "---\ntitle: \"A long report\"\ndate: 2018-07-30\ntype: report\n---\n{filler}\n\n\
             ## Findings on the count\n\n{filler}\n\nObservers saw a tabulation sheet go missing.\n\n\
             ## Recommendations\n\nKeep the sheets.\n"
        ),
    );
    site.build();
    let manifest: Manifest = read(&site, "en", "manifest.json");
    let meta: Meta = read(&site, "en", &manifest.meta);
    let rows = display_rows(&site, "en");
    let mut record = 0;
    let sections: Vec<&DisplayRow> = meta
        .docs
        .sections
        .iter()
        .map(|delta| {
            record += delta;
            &rows[record]
        })
        .collect();
    let page = site.read("en/reports/long-report/index.html");
    assert!(sections.len() >= 3, "{sections:?}");
    for row in &sections {
        let (url, anchor) = row
            .url
            .split_once('#')
            .expect("a section leads to its heading");
        assert!(url.ends_with("/en/reports/long-report/"), "{}", row.url);
        assert!(
            page.contains(&format!("id=\"{anchor}\"")),
            "#{anchor} is not on the page"
        );
        let place = row.place.as_deref().unwrap_or_default();
        assert!(place.starts_with("in the section “"), "{place}");
        assert!(row.excerpt.chars().count() <= sastra::search::index::PASSAGE_CHARS);
        assert!(
            !row.excerpt.ends_with('…'),
            "a passage is kept whole: {}",
            row.excerpt
        );
    }
    // The words deep in the first section are in the excerpt of one of its
    // passages, which leads to its heading.
    let holding = sections
        .iter()
        .find(|r| r.excerpt.contains("tabulation sheet"))
        .expect("a passage holds the words");
    assert!(
        holding.url.ends_with("#findings-on-the-count"),
        "{}",
        holding.url
    );
    assert_eq!(
        holding.place.as_deref(),
        Some("in the section “Findings on the count”")
    );
    // The short documents have no section records.
    assert!(sections.iter().all(|r| r.title == "A long report"));
}

#[test]
fn the_basic_fixture_index_reads_back_as_the_golden_dump() {
    let site = Site::fixture("basic");
    site.build();
    let mut out = String::new();
    for lang in ["en", "km"] {
        dump(&site, lang, &mut out);
    }
    let golden = repo().join(GOLDEN);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &out).unwrap();
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_default();
    assert!(
        out == expected,
        "the search index of tests/fixtures/basic differs from {GOLDEN}; if the change is meant, \
         run UPDATE_GOLDEN=1 cargo test --test it search_format and bump the format version\n{}",
        out.lines()
            .zip(expected.lines().chain(std::iter::repeat("<missing>")))
            .filter(|(a, b)| a != b)
            .take(5)
            .map(|(a, b)| format!("  got:      {a}\n  expected: {b}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn sections_are_records_only_where_the_site_asks() {
    let site = Site::fixture("basic");
    let filler = "Every ballot was counted twice. ".repeat(40);
    site.write(
        "content/reports/long-report.en.md",
        &format!(
            "---\ntitle: \"A long report\"\ndate: 2018-07-30\ntype: report\n---\n{filler}\n\n## Findings\n\n{filler}\n"
        ),
    );
    site.build();
    let manifest: Manifest = read(&site, "en", "manifest.json");
    let meta: Meta = read(&site, "en", &manifest.meta);
    assert!(meta.docs.sections.is_empty(), "{:?}", meta.docs.sections);
}
