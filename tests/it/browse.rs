//! Browsing: tag, organisation and type pages, the timeline, pagination,
//! related documents, 404, robots.txt, feeds, sitemap and the catalogue.

use crate::common;
use crate::common::Site;

fn doc(site: &Site, slug: &str, date: &str, tags: &str) {
    site.write(
        &format!("content/announcements/{slug}.en.md"),
        &format!("---\ntitle: \"Notice {slug}\"\ndate: \"{date}\"\ntype: announcement\norganization: nec\ntags: [{tags}]\n---\nText.\n"),
    );
}

#[test]
fn every_document_is_reachable_from_its_taxonomy_and_timeline_pages() {
    let site = Site::fixture("basic");
    site.build();
    let cases = [
        (
            "announcements/ballot-draw/",
            vec!["types/announcement/", "organizations/nec/", "tags/ballot/"],
        ),
        (
            "announcements/registration/",
            vec![
                "types/announcement/",
                "organizations/nec/",
                "tags/voter-registration/",
                "tags/ballot/",
            ],
        ),
        (
            "reports/observation/",
            vec!["types/report/", "tags/voter-registration/"],
        ),
    ];
    for lang in ["km", "en"] {
        // The overview links each year's page, which lists the documents.
        let overview = site.read(&format!("{lang}/timeline/index.html"));
        let timeline: String = ["2023", "2022", "2017"]
            .iter()
            .map(|year| {
                assert!(overview.contains(&format!("href=\"/repo/{lang}/timeline/{year}/\"")));
                site.read(&format!("{lang}/timeline/{year}/index.html"))
            })
            .collect();
        for (document, listings) in &cases {
            // A listing links to the reader's language version, or the only one.
            let target_lang = if site.exists(&format!("{lang}/{document}index.html")) {
                lang
            } else {
                "en"
            };
            let href = format!("href=\"/repo/{target_lang}/{document}\"");
            assert!(timeline.contains(&href), "{lang} timeline lacks {document}");
            for listing in listings {
                let page = site.read(&format!("{lang}/{listing}index.html"));
                assert!(page.contains(&href), "{lang}/{listing} lacks {document}");
            }
        }
    }
}

#[test]
fn taxonomy_indexes_count_documents_in_the_pages_language() {
    let site = Site::fixture("basic");
    site.build();
    let km = site.read("km/tags/index.html");
    assert!(
        km.contains(r#"<a href="/repo/km/tags/ballot/">សន្លឹកឆ្នោត</a> <span class="count">២</span>"#),
        "{km}"
    );
    let en = site.read("en/tags/index.html");
    assert!(
        en.contains(r#"<a href="/repo/en/tags/ballot/">Ballot</a> <span class="count">2</span>"#),
        "{en}"
    );
    // No English tag name on a Khmer page.
    assert!(!km.contains(">Ballot<"));
}

#[test]
fn khmer_timeline_uses_khmer_months_and_digits_and_keeps_partial_dates() {
    let site = Site::fixture("basic");
    site.build();
    let km = site.read("km/timeline/index.html");
    assert!(
        km.contains(r#"<a href="/repo/km/timeline/2023/">២០២៣</a>"#),
        "{km}"
    );
    assert!(
        km.contains(r#"<a href="/repo/km/timeline/2023/#y2023-05">ឧសភា</a>"#),
        "{km}"
    );
    let years: Vec<usize> = ["y2023\"", "y2022\"", "y2017\""]
        .iter()
        .map(|y| km.find(&format!("<h2 id=\"{y}")).unwrap())
        .collect();
    assert!(
        years.windows(2).all(|w| w[0] < w[1]),
        "years are newest first"
    );
    let year = site.read("km/timeline/2023/index.html");
    assert!(
        year.contains(r#"<h2 id="y2023-05">ឧសភា ២០២៣</h2>"#),
        "{year}"
    );
    let year = site.read("km/timeline/2022/index.html");
    assert!(
        year.contains(r#"<h2 id="y2022-10">តុលា ២០២២</h2>"#),
        "{year}"
    );
    // The report is dated only by its year: it has a group of its own.
    let year = site.read("km/timeline/2017/index.html");
    assert!(
        year.contains(r#"<h2 id="y2017-undated">មិនដឹងខែ ២០១៧</h2>"#),
        "{year}"
    );
    let en = site.read("en/timeline/2023/index.html");
    assert!(en.contains(r#"<h2 id="y2023-05">May 2023</h2>"#));
    // Each year's page leads to its neighbours.
    assert!(
        en.contains(r#"<a href="/repo/en/timeline/2022/">2022 →</a>"#),
        "{en}"
    );
}

#[test]
fn pagination_splits_at_exactly_the_page_size() {
    let site = Site::fixture("basic");
    // page_size is 2 in the fixture: two documents fit one page…
    doc(&site, "a", "2020-01-01", "voter-registration");
    site.build();
    // ballot has 2 documents, voter-registration now 3.
    assert!(site.exists("en/tags/ballot/index.html"));
    assert!(!site.exists("en/tags/ballot/page/2/index.html"));
    let first = site.read("en/tags/ballot/index.html");
    assert!(!first.contains("rel=\"next\""));
    // …and one more makes a second page, linked both ways.
    let first = site.read("en/tags/voter-registration/index.html");
    assert!(
        first.contains(r#"<link rel="next" href="/repo/en/tags/voter-registration/page/2/">"#),
        "{first}"
    );
    assert!(first.contains(r#"<a rel="next" href="/repo/en/tags/voter-registration/page/2/">"#));
    let second = site.read("en/tags/voter-registration/page/2/index.html");
    assert!(
        second.contains(r#"<link rel="prev" href="/repo/en/tags/voter-registration/">"#),
        "{second}"
    );
    assert!(!second.contains("rel=\"next\""));
    assert!(!site.exists("en/tags/voter-registration/page/3/index.html"));
    let shown = |html: &str| html.matches("<li class=\"item\"").count();
    assert_eq!(shown(&first) + shown(&second), 3);
    assert_eq!(shown(&second), 1);
}

#[test]
fn document_pages_link_their_taxonomies_and_related_documents() {
    let site = Site::fixture("basic");
    doc(&site, "b", "2023-05-30", "ballot");
    doc(&site, "c", "2010", "voter-registration");
    site.build();
    let page = site.read("en/announcements/ballot-draw/index.html");
    for href in [
        "/repo/en/tags/ballot/",
        "/repo/en/organizations/nec/",
        "/repo/en/types/announcement/",
    ] {
        assert!(page.contains(&format!("href=\"{href}\"")), "missing {href}");
    }
    let related = &page[page.find("class=\"related\"").expect("related block")..];
    // Both share the tag `ballot`; the nearer date comes first; `c` shares none.
    let b = related.find("/repo/en/announcements/b/").unwrap();
    let registration = related
        .find("/repo/en/announcements/registration/")
        .unwrap();
    assert!(b < registration);
    assert!(!related.contains("/repo/en/announcements/c/"));
}

#[test]
fn not_found_pages_and_robots() {
    let site = Site::fixture("basic");
    site.build();
    assert!(site
        .read("404.html")
        .contains(r#"<meta name="robots" content="noindex">"#));
    assert!(site.read("en/404.html").contains("Page not found"));
    assert!(site.read("km/404.html").contains("<html lang=\"km\">"));
    assert_eq!(
        site.read("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://owner.github.io/repo/sitemap.xml\n"
    );
}

#[test]
fn feeds_list_documents_with_language_and_absolute_links() {
    let site = Site::fixture("basic");
    site.build();
    let feed = site.read("km/atom.xml");
    assert!(feed.contains(r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="km">"#));
    assert!(feed.contains(r#"<title xml:lang="km">សេចក្តីប្រកាសស្តីពីការចាប់ឆ្នោត</title>"#));
    // An English-only document is in the Khmer feed, marked as English.
    assert!(feed.contains(r#"<link href="https://owner.github.io/repo/en/announcements/registration/" rel="alternate" hreflang="en" type="text/html"/>"#), "{feed}");
    let tag = site.read("en/tags/ballot/atom.xml");
    assert_eq!(tag.matches("<entry>").count(), 2);
}

#[test]
fn sitemap_pairs_translations() {
    let site = Site::fixture("basic");
    site.build();
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://owner.github.io/repo/en/announcements/ballot-draw/</loc>\n  <lastmod>2023-05-29</lastmod>\n  <xhtml:link rel=\"alternate\" hreflang=\"km\" href=\"https://owner.github.io/repo/km/announcements/ballot-draw/\"/>"), "{sitemap}");
    // Untranslated pages have no alternates; 404 pages are not listed.
    assert!(sitemap
        .contains("<loc>https://owner.github.io/repo/en/reports/observation/</loc>\n </url>"));
    assert!(!sitemap.contains("404"));
    // Every listed page exists.
    for loc in sitemap.split("<loc>").skip(1) {
        let url = &loc[..loc.find("</loc>").unwrap()];
        let path = url.trim_start_matches("https://owner.github.io/repo/");
        assert!(
            site.exists(&format!("{path}index.html")),
            "sitemap lists missing {url}"
        );
    }
}

#[test]
fn catalog_lists_every_document_with_its_urls() {
    let site = Site::fixture("basic");
    site.build();
    let catalog: serde_json::Value = serde_json::from_str(&site.read("catalog.json")).unwrap();
    assert_eq!(catalog["format"], 2);
    let records = catalog["documents"].as_array().unwrap();
    assert_eq!(records.len(), 3);
    let ballot = records
        .iter()
        .find(|r| r["key"] == "announcements/ballot-draw")
        .unwrap();
    assert_eq!(ballot["languages"], serde_json::json!(["km", "en"]));
    assert_eq!(ballot["date"], "2023-05-29");
    let pdf = site
        .root()
        .join("content/announcements/files/ballot-draw.pdf");
    let sha256 = sastra::attachments::cache::Sha256::of(&pdf).unwrap();
    assert_eq!(
        ballot["attachments"],
        serde_json::json!([{
            "url": "https://owner.github.io/repo/files/announcements/ballot-draw.pdf",
            "title": ballot["attachments"][0]["title"],
            "bytes": std::fs::metadata(&pdf).unwrap().len(),
            "sha256": sha256.hex(),
            "placeholder": true,
            "lang": "km",
        }])
    );
    // The page shows the same checksum, with the commands to compute it.
    let page = site.read("en/announcements/ballot-draw/index.html");
    let shown: String = sha256
        .grouped()
        .split(' ')
        .map(|g| format!("<span>{g}</span>"))
        .collect();
    assert!(page.contains(&shown), "no checksum on the page");
    assert!(page.contains("<code>sha256sum ballot-draw.pdf</code>"));
    assert!(page.contains("<code>certutil -hashfile ballot-draw.pdf SHA256</code>"));
    assert_eq!(
        ballot["pages"]["km"],
        "https://owner.github.io/repo/km/announcements/ballot-draw/"
    );
    let csv = site.read("catalog.csv");
    assert!(csv.starts_with("\u{FEFF}key,languages,date,type,organization,tags,title_km,title_en,url_km,url_en,attachments,lunar_date_km,attachments_sha256,format\n"));
    assert!(csv.contains(&format!(",{},2\n", sha256.hex())), "{csv}");
    assert_eq!(
        ballot["lunar_date_km"],
        "ថ្ងៃចន្ទ ១០កើត ខែជេស្ឋ ឆ្នាំថោះ បញ្ចស័ក ព.ស.២៥៦៧"
    );
    // A month shows the year counts that hold throughout it; a year none.
    let lunar =
        |key: &str| records.iter().find(|r| r["key"] == key).unwrap()["lunar_date_km"].clone();
    assert_eq!(lunar("announcements/registration"), "ឆ្នាំខាល ចត្វាស័ក ព.ស.២៥៦៦");
    assert!(lunar("reports/observation").is_null());
    assert!(csv.contains("announcements/registration,en,2022-10,announcement,nec,voter-registration; ballot,,Voter registration guideline,"));
}

#[test]
fn sample_archive_builds_and_every_link_resolves() {
    let site = Site::sample();
    let report = site.build();
    assert!(
        report.documents >= 48,
        "the sample archive has {} documents",
        report.documents
    );
    let checked = common::assert_internal_links_resolve(&site, "/");
    assert!(checked > 1000, "only {checked} links checked");
}

/// An alias is a small page that sends the reader to the document, and is
/// listed nowhere: not in the sitemap, feeds, search index or catalogue.
#[test]
fn an_alias_redirects_and_is_listed_nowhere() {
    let site = Site::fixture("basic");
    let path = "content/announcements/ballot-draw.en.md";
    let text = std::fs::read_to_string(site.root().join(path)).unwrap();
    site.write(
        path,
        &text.replacen(
            "---\n",
            "---\naliases: [/en/2023/old-ballot-draw/, /en/old.html]\n",
            1,
        ),
    );
    site.build();
    let target = "https://owner.github.io/repo/en/announcements/ballot-draw/";
    for file in ["en/2023/old-ballot-draw/index.html", "en/old.html"] {
        let html = site.read(file);
        assert!(
            html.contains(&format!(
                "<meta http-equiv=\"refresh\" content=\"0; url={target}\">"
            )),
            "{html}"
        );
        assert!(
            html.contains(&format!("<link rel=\"canonical\" href=\"{target}\">")),
            "{html}"
        );
        assert!(!html.contains("<script"), "{html}");
    }
    for file in site.files() {
        if file.ends_with(".html") {
            continue;
        }
        let text = String::from_utf8_lossy(&site.read_bytes(&file)).into_owned();
        assert!(
            !text.contains("old-ballot-draw") && !text.contains("en/old.html"),
            "{file} lists an alias"
        );
    }
}

/// The data page, in each language, explains every field of both
/// catalogues, says that no licence is stated, and how to cite the
/// archive; every page's footer links it.
#[test]
fn the_data_page_explains_the_catalogue_in_each_language() {
    let site = Site::fixture("basic");
    site.build();
    let json: serde_json::Value = serde_json::from_str(&site.read("catalog.json")).unwrap();
    let csv = site.read("catalog.csv");
    let columns: Vec<&str> = csv
        .trim_start_matches('\u{FEFF}')
        .lines()
        .next()
        .unwrap()
        .split(',')
        .collect();
    for (lang, licence, cite) in [
        (
            "en",
            "This archive states no licence",
            "Test archive. https://owner.github.io/repo/en/ (accessed on",
        ),
        (
            "km",
            "បណ្ណសារនេះមិនបានបញ្ជាក់អាជ្ញាប័ណ្ណ",
            "បណ្ណសារសាកល្បង. https://owner.github.io/repo/km/ (ចូលមើលនៅ",
        ),
    ] {
        let page = site.read(&format!("{lang}/data/index.html"));
        for field in json["documents"][0].as_object().unwrap().keys() {
            assert!(
                page.contains(&format!("<code>{field}</code>")),
                "{lang}: {field}"
            );
        }
        for column in &columns {
            assert!(
                page.contains(&format!("<code>{column}</code>")),
                "{lang}: {column}"
            );
        }
        assert!(page.contains("<code>attachments[].sha256</code>"));
        assert!(page.contains("<strong>2</strong>"), "the format version");
        assert!(page.contains(licence), "{lang}: licence");
        assert!(page.contains(cite), "{lang}: citation");
        assert!(page.contains("href=\"/repo/catalog.csv\" download"));
    }
    for page in [
        "en/index.html",
        "km/announcements/ballot-draw/index.html",
        "en/timeline/index.html",
    ] {
        let lang = &page[..2];
        assert!(
            site.read(page)
                .contains(&format!("<a href=\"/repo/{lang}/data/\">")),
            "{page}"
        );
    }
}
