//! What a page tells machines about itself, read back by third-party
//! readers: Python's extruct (JSON-LD, Open Graph, Dublin Core) and, for
//! the Highwire `citation_*` tags, a reader that sees those tags alone, as
//! Zotero's connector does. `scripts/test` installs extruct in the
//! virtualenv named by `SASTRA_PYTHON`.

use std::process::Command;

use serde_json::Value;

use crate::common::{self, Site};

/// Each page's metadata as extruct and a `citation_*` reader see it, by
/// the page's path in the output.
fn extract(site: &Site, pages: &[&str]) -> serde_json::Map<String, Value> {
    let python = std::env::var("SASTRA_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = r#"
import sys, json, extruct
from html.parser import HTMLParser

class Citation(HTMLParser):
    """Only what Zotero's Embedded Metadata translator reads first: the
    citation_* meta tags, each name with every value it has."""
    def __init__(self):
        super().__init__()
        self.tags = {}
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("name", "").startswith("citation_"):
            self.tags.setdefault(attrs["name"], []).append(attrs.get("content"))

base = sys.argv[1]
out = {}
for path in sys.argv[2:]:
    html = open(path, encoding="utf-8").read()
    page = path.split("/public/", 1)[1]
    data = extruct.extract(html, base_url=base + page,
                           syntaxes=["json-ld", "opengraph", "dublincore"], uniform=True)
    citation = Citation()
    citation.feed(html)
    data["citation"] = citation.tags
    out[page] = data
print(json.dumps(out))
"#;
    let output = Command::new(&python)
        .arg("-c")
        .arg(script)
        .arg("https://owner.github.io/repo/")
        .args(pages.iter().map(|p| site.out().join(p)))
        .output()
        .expect("python3 is needed for this test; `scripts/test` installs it");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("No module named 'extruct'"),
        "Python's extruct is needed for this test; `scripts/test` installs it"
    );
    assert!(output.status.success(), "{stderr}");
    let all: Value = serde_json::from_slice(&output.stdout).unwrap();
    all.as_object().unwrap().clone()
}

/// The basic fixture, with a document that has two PDFs and a placeholder.
fn site() -> Site {
    let site = Site::fixture("basic");
    let files = site.root().join("content/reports/files");
    std::fs::create_dir_all(&files).unwrap();
    for name in ["first", "second", "stand-in"] {
        let pdf = common::hand_written_pdf("Helvetica", name, &[]);
        std::fs::write(files.join(format!("{name}.pdf")), pdf).unwrap();
    }
    site.write(
        "content/reports/two-pdfs.en.md",
        &[
            "---",
            "title: \"Two reports & </script> one stand-in\"",
            "date: 2023-07",
            "type: report",
            "source: \"https://example.org/original\"",
            "attachments:",
            "  - file: files/first.pdf",
            "    title: First",
            "  - file: files/second.pdf",
            "    title: Second",
            "  - file: files/stand-in.pdf",
            "    title: Stand-in",
            "    placeholder: true",
            "---",
            "Text.",
            "",
        ]
        .join("\n"),
    );
    site.build();
    site
}

/// Dublin Core elements by their term (`title`, `date`…); extruct gives
/// `DC.type` as the object's `@type`.
fn dublin_core(page: &Value) -> std::collections::BTreeMap<String, String> {
    let dc = &page["dublincore"][0];
    let mut elements: std::collections::BTreeMap<String, String> = dc["elements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let uri = e["URI"].as_str().unwrap();
            let term = uri.rsplit('/').next().unwrap().to_string();
            (term, e["content"].as_str().unwrap().to_string())
        })
        .collect();
    if let Some(doc_type) = dc["@type"].as_str() {
        elements.insert("type".into(), doc_type.into());
    }
    elements
}

#[test]
fn document_pages_carry_citation_tags_dublin_core_and_json_ld() {
    let site = site();
    let day_km = "km/announcements/ballot-draw/index.html";
    let day_en = "en/announcements/ballot-draw/index.html";
    let month = "en/announcements/registration/index.html";
    let two = "en/reports/two-pdfs/index.html";
    let pages = extract(&site, &[day_km, day_en, month, two]);
    let base = "https://owner.github.io/repo/";

    // Dated to the day, in Khmer: a placeholder is its only file, so no PDF.
    let km = &pages[day_km];
    let citation = &km["citation"];
    assert_eq!(citation["citation_title"][0], "សេចក្តីប្រកាសស្តីពីការចាប់ឆ្នោត");
    assert_eq!(citation["citation_publication_date"][0], "2023/05/29");
    assert_eq!(citation["citation_language"][0], "km");
    assert_eq!(
        citation["citation_publisher"][0],
        "គណៈកម្មាធិការជាតិរៀបចំការបោះឆ្នោត"
    );
    assert!(citation.get("citation_pdf_url").is_none(), "{citation}");
    assert_eq!(
        citation["citation_abstract_html_url"][0],
        format!("{base}km/announcements/ballot-draw/")
    );
    let dc = dublin_core(km);
    assert_eq!(dc["title"], "សេចក្តីប្រកាសស្តីពីការចាប់ឆ្នោត");
    assert_eq!(dc["date"], "2023-05-29");
    assert_eq!(dc["language"], "km");
    assert_eq!(dc["type"], "សេចក្តីប្រកាស");
    assert_eq!(dc["publisher"], "គណៈកម្មាធិការជាតិរៀបចំការបោះឆ្នោត");
    assert_eq!(
        dc["identifier"],
        format!("{base}km/announcements/ballot-draw/")
    );
    let ld = &km["json-ld"];
    assert_eq!(ld.as_array().unwrap().len(), 1, "one JSON-LD object");
    let ld = &ld[0];
    assert_eq!(ld["@type"], "DigitalDocument");
    assert_eq!(ld["inLanguage"], "km");
    assert_eq!(ld["datePublished"], "2023-05-29");
    assert_eq!(ld["publisher"]["name"], "គណៈកម្មាធិការជាតិរៀបចំការបោះឆ្នោត");
    assert!(ld.get("encoding").is_none(), "a placeholder offered: {ld}");

    // The same document in English: its own language and labels.
    let en = &pages[day_en];
    assert_eq!(en["citation"]["citation_language"][0], "en");
    assert_eq!(
        en["citation"]["citation_publisher"][0],
        "National Election Committee"
    );
    // Not as an author: Zotero would split it into a person's names.
    assert!(en["citation"].get("citation_author").is_none());
    assert_eq!(en["json-ld"][0]["inLanguage"], "en");
    assert_eq!(dublin_core(en)["type"], "Announcement");

    // Dated to the month.
    let month = &pages[month];
    assert_eq!(month["citation"]["citation_publication_date"][0], "2022/10");
    assert_eq!(dublin_core(month)["date"], "2022-10");
    assert_eq!(month["json-ld"][0]["datePublished"], "2022-10");

    // Two PDFs and a placeholder; no organisation, so none is named.
    let two = &pages[two];
    let citation = &two["citation"];
    assert_eq!(
        citation["citation_pdf_url"],
        serde_json::json!([
            format!("{base}files/reports/first.pdf"),
            format!("{base}files/reports/second.pdf")
        ])
    );
    assert_eq!(citation["citation_publication_date"][0], "2023/07");
    assert_eq!(
        citation["citation_title"][0],
        "Two reports & </script> one stand-in"
    );
    assert!(citation.get("citation_publisher").is_none());
    assert!(citation.get("citation_author").is_none());
    assert!(!dublin_core(two).contains_key("publisher"));
    let ld = &two["json-ld"][0];
    assert_eq!(ld["name"], "Two reports & </script> one stand-in");
    assert!(ld.get("publisher").is_none());
    assert_eq!(ld["isBasedOn"], "https://example.org/original");
    let encoding = ld["encoding"].as_array().unwrap();
    assert_eq!(encoding.len(), 2);
    let first = site.root().join("content/reports/files/first.pdf");
    assert_eq!(
        encoding[0]["contentUrl"],
        format!("{base}files/reports/first.pdf")
    );
    assert_eq!(encoding[0]["encodingFormat"], "application/pdf");
    assert_eq!(
        encoding[0]["contentSize"],
        format!("{} B", std::fs::metadata(&first).unwrap().len())
    );
    assert_eq!(
        encoding[0]["sha256"],
        sastra::attachments::cache::Sha256::of(&first)
            .unwrap()
            .hex()
    );
    // The title cannot end the script it sits in.
    let html = site.read("en/reports/two-pdfs/index.html");
    let script = &html[html.find("application/ld+json").unwrap()..];
    let script = &script[..script.find("</script>").unwrap()];
    assert!(script.contains("\\u003c/script\\u003e"), "{script}");
}

/// A reference manager that reads only the `citation_*` tags gets what a
/// citation needs: title, date, organisation and the PDF.
#[test]
fn citation_tags_alone_make_a_reference() {
    let site = Site::sample();
    site.build();
    let page = "en/announcements/2023-06-22-identification-documents-application/index.html";
    let pages = extract(&site, &[page]);
    let citation = pages[page]["citation"].as_object().unwrap();
    let one = |name: &str| citation[name][0].as_str().unwrap().to_string();
    assert!(one("citation_title").starts_with("Press release of the NEC spokesperson"));
    assert_eq!(one("citation_publication_date"), "2023/06/22");
    assert_eq!(
        one("citation_publisher"),
        "National Election Committee (NEC)"
    );
    let pdf = one("citation_pdf_url");
    assert!(
        pdf.starts_with("https://") && pdf.ends_with(".pdf"),
        "{pdf}"
    );
    let path = pdf.split_once("://").unwrap().1.split_once('/').unwrap().1;
    assert!(site.exists(path), "the PDF {pdf} is published");
}

/// Every kind of page has Open Graph and Twitter card tags in its own
/// language, its canonical URL, and a share image: its document type's, or
/// the site's for a type the theme has none for.
#[test]
fn every_page_has_open_graph_tags_and_a_share_image() {
    let site = site();
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        &toml.replace(
            "[types]\n",
            "[types]\nmemo = { km = \"អនុស្សរណៈ\", en = \"Memo\" }\n",
        ),
    );
    site.write(
        "content/reports/memo.en.md",
        "---\ntitle: A memo\ndate: 2023\ntype: memo\n---\nText.\n",
    );
    site.build();
    let pages = [
        "km/index.html",
        "en/index.html",
        "km/announcements/ballot-draw/index.html",
        "en/announcements/ballot-draw/index.html",
        "en/reports/memo/index.html",
        "en/types/report/index.html",
        "km/timeline/index.html",
        "en/search/index.html",
    ];
    let found = extract(&site, &pages);
    let base = "https://owner.github.io/repo/";
    for path in pages {
        let og = &found[path]["opengraph"][0];
        let html = site.read(path);
        let canonical = html
            .split("<link rel=\"canonical\" href=\"")
            .nth(1)
            .unwrap();
        let canonical = &canonical[..canonical.find('"').unwrap()];
        assert_eq!(og["og:url"], canonical, "{path}");
        let km = path.starts_with("km/");
        assert_eq!(
            og["og:locale"],
            if km { "km_KH" } else { "en_US" },
            "{path}"
        );
        let alternate = match path {
            // In English only: no other language to offer.
            p if p.contains("memo") => serde_json::Value::Null,
            _ if km => "en_US".into(),
            _ => "km_KH".into(),
        };
        assert_eq!(og["og:locale:alternate"], alternate, "{path}");
        for field in ["og:title", "og:description", "og:image:alt"] {
            let text = og[field]
                .as_str()
                .unwrap_or_else(|| panic!("{path}: no {field}"));
            let khmer = text.chars().any(|c| ('\u{1780}'..='\u{17FF}').contains(&c));
            assert_eq!(
                khmer, km,
                "{path}: {field} {text:?} is not in the page's language"
            );
        }
        assert!(html.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
        let image = og["og:image"].as_str().unwrap();
        let file = image.strip_prefix(base).unwrap();
        let png = site.read_bytes(file);
        assert_eq!(
            &png[16..24],
            &[0, 0, 4, 176, 0, 0, 2, 118],
            "{file} is 1200x630"
        );
        assert!(png.len() < 100_000, "{file}: {} bytes", png.len());
        let expected = match path {
            p if p.contains("ballot-draw") => "share/type-announcement.png",
            p if p.contains("types/report") => "share/type-report.png",
            _ => "share/site.png",
        };
        assert!(file.ends_with(expected), "{path}: {file}");
    }
    assert_eq!(
        found["en/announcements/ballot-draw/index.html"]["opengraph"][0]["@type"], "article",
        "extruct gives og:type as @type"
    );
}
