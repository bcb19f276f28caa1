//! The build pipeline on a small fixture archive: pages in both languages,
//! language switch, Khmer dates, attachments, footnotes, subpath URLs.

use crate::common;
use crate::common::Site;
use sastra::content::body_text::Bodies;

#[test]
fn every_document_has_a_page_in_each_of_its_languages() {
    let site = Site::fixture("basic");
    let report = site.build();
    assert_eq!(report.documents, 4);
    for page in [
        "km/announcements/ballot-draw/index.html",
        "en/announcements/ballot-draw/index.html",
        "en/announcements/registration/index.html",
        "en/reports/observation/index.html",
    ] {
        assert!(site.exists(page), "missing {page}");
    }
    // English-only documents have no Khmer page…
    assert!(!site.exists("km/announcements/registration/index.html"));
    // …but Khmer listings still show them, marked with their language.
    let home = site.read("km/index.html");
    assert!(home.contains(r#"<li class="item" lang="en">"#), "{home}");
    assert!(home.contains("Voter registration guideline"));
    assert!(home.contains(r#"<span lang="en">English</span>"#));
}

#[test]
fn root_index_is_the_default_languages_home() {
    let site = Site::fixture("basic");
    site.build();
    let root = site.read("index.html");
    assert!(root.contains(r#"<html lang="km">"#));
    assert!(root.contains(r#"<link rel="canonical" href="https://owner.github.io/repo/">"#));
    assert!(site
        .read("sitemap.xml")
        .contains("<loc>https://owner.github.io/repo/</loc>"));
}

#[test]
fn language_switch_and_hreflang_go_both_ways() {
    let site = Site::fixture("basic");
    site.build();
    let km = site.read("km/announcements/ballot-draw/index.html");
    let en = site.read("en/announcements/ballot-draw/index.html");
    assert!(km.contains(r#"<html lang="km">"#));
    assert!(en.contains(r#"<html lang="en">"#));
    for page in [&km, &en] {
        assert!(page.contains(r#"<link rel="alternate" hreflang="km" href="https://owner.github.io/repo/km/announcements/ballot-draw/">"#));
        assert!(page.contains(r#"<link rel="alternate" hreflang="en" href="https://owner.github.io/repo/en/announcements/ballot-draw/">"#));
    }
    assert!(km.contains(
        r#"<a href="/repo/en/announcements/ballot-draw/" hreflang="en" lang="en">English</a>"#
    ));
    assert!(en.contains(
        r#"<a href="/repo/km/announcements/ballot-draw/" hreflang="km" lang="km">ខ្មែរ</a>"#
    ));
}

#[test]
fn khmer_pages_write_dates_the_khmer_way() {
    let site = Site::fixture("basic");
    site.build();
    let km = site.read("km/announcements/ballot-draw/index.html");
    assert!(
        km.contains(r#"<time datetime="2023-05-29">ថ្ងៃទី២៩ ខែឧសភា ឆ្នាំ២០២៣</time>"#),
        "{km}"
    );
    let en = site.read("en/announcements/ballot-draw/index.html");
    assert!(en.contains(r#"<time datetime="2023-05-29">29 May 2023</time>"#));
    // Partial dates are shown at their precision, never with an invented day.
    let registration = site.read("en/announcements/registration/index.html");
    assert!(registration.contains(r#"<time datetime="2022-10">October 2022</time>"#));
    let report = site.read("en/reports/observation/index.html");
    assert!(report.contains(r#"<time datetime="2017">2017</time>"#));
}

#[test]
fn attachments_are_copied_and_their_size_shown() {
    let site = Site::fixture("basic");
    site.build();
    assert_eq!(
        std::fs::metadata(site.out().join("files/announcements/ballot-draw.pdf"))
            .unwrap()
            .len(),
        2503
    );
    let en = site.read("en/announcements/ballot-draw/index.html");
    assert!(
        en.contains(
            r#"<a href="/repo/files/announcements/ballot-draw.pdf" download>Announcement (PDF)</a>"#
        ),
        "{en}"
    );
    assert!(
        en.contains("(PDF, 3 KB, in <span lang=\"km\">ខ្មែរ</span>)"),
        "{en}"
    );
    assert!(en.contains("placeholder"));
    let km = site.read("km/announcements/ballot-draw/index.html");
    assert!(km.contains("(PDF, ៣ KB"), "{km}");
}

#[test]
fn footnotes_and_table_of_contents_render() {
    let site = Site::fixture("basic");
    site.build();
    let report = site.read("en/reports/observation/index.html");
    assert!(
        report.contains(r##"<sup class="footnote-reference"><a href="#1">1</a></sup>"##),
        "{report}"
    );
    assert!(report.contains(r#"<div class="footnote-definition" id="1">"#));
    assert!(report.contains(r##"<a href="#recommendations">Recommendations</a>"##));
    assert!(report.contains(r#"<h3 id="to-the-nec">"#));
}

#[test]
fn every_internal_link_honours_the_base_path_and_resolves() {
    let site = Site::fixture("basic");
    site.build();
    assert!(common::assert_internal_links_resolve(&site, "/repo/") > 100);
}

#[test]
fn theme_assets_are_published() {
    let site = Site::fixture("basic");
    site.build();
    // Under a folder named by the theme files' hash.
    let assets = std::fs::read_dir(site.out().join("assets"))
        .expect("an assets folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .into_string()
                .expect("UTF-8")
        })
        .collect::<Vec<_>>();
    assert_eq!(assets.len(), 1, "{assets:?}");
    assert!(assets[0].len() == 12 && assets[0].bytes().all(|b| b.is_ascii_hexdigit()));
    assert!(site.exists(&format!("assets/{}/css/site.css", assets[0])));
    assert!(site.exists(&format!(
        "assets/{}/fonts/noto-sans-khmer-khmer-400-normal.woff2",
        assets[0]
    )));
}

#[test]
fn missing_required_field_fails_naming_file_and_field() {
    let site = Site::fixture("basic");
    site.write(
        "content/announcements/untitled.en.md",
        "---\ndate: 2023-01-01\ntype: announcement\n---\nBody\n",
    );
    let error = sastra::build::build(&sastra::build::BuildOptions::new(site.root())).unwrap_err();
    let sastra::build::BuildError::Invalid(diagnostics) = error else {
        panic!("expected invalid archive")
    };
    let messages: Vec<String> = diagnostics
        .sorted()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        messages.contains(&"content/announcements/untitled.en.md:2:1: error: field `title`: the required field `title` is missing".to_string()),
        "{messages:#?}"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_site() {
    let site = Site::fixture("basic");
    site.build();
    let before = site.read("en/announcements/ballot-draw/index.html");
    site.write(
        "content/announcements/broken.en.md",
        "---\ntitle: [unclosed\n---\n",
    );
    assert!(sastra::build::build(&sastra::build::BuildOptions::new(site.root())).is_err());
    assert_eq!(site.read("en/announcements/ballot-draw/index.html"), before);
}

#[test]
fn deleted_documents_leave_no_stale_pages() {
    let site = Site::fixture("basic");
    site.build();
    assert!(site.exists("en/reports/observation/index.html"));
    std::fs::remove_file(site.root().join("content/reports/observation.en.md")).unwrap();
    site.build();
    assert!(!site.exists("en/reports/observation/index.html"));
}

#[test]
fn each_document_page_links_to_its_file_in_the_forges_editor() {
    let site = Site::fixture("basic");
    // Without a repository, no link.
    site.build();
    assert!(!site
        .read("km/announcements/ballot-draw/index.html")
        .contains("class=\"edit\""));
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        &config.replacen(
            "page_size = 2\n",
            "page_size = 2\nrepository = \"https://codeberg.org/owner/archive.git\"\nrepository_branch = \"pages\"\n",
            1,
        ),
    );
    site.build();
    let km = site.read("km/announcements/ballot-draw/index.html");
    assert!(
        km.contains(r#"<p class="edit"><a href="https://codeberg.org/owner/archive/_edit/pages/content/announcements/ballot-draw.km.md" rel="external noopener">កែសម្រួលឯកសារនេះ</a></p>"#),
        "{km}"
    );
    let en = site.read("en/announcements/ballot-draw/index.html");
    assert!(en.contains("_edit/pages/content/announcements/ballot-draw.en.md\" rel=\"external noopener\">Edit this document</a>"));
}

/// Publishes the fixture as `build` does, with its bodies left in their
/// files, after `between` has run (between the check and the rendering);
/// returns what the publishing returned.
fn publish_with_bodies_in_files(
    site: &Site,
    search_index: bool,
    between: impl FnOnce(),
) -> Result<sastra::build::Published, sastra::build::BuildError> {
    use sastra::build::{self, BuildOptions, Steps};
    let options = BuildOptions::new(site.root());
    let output = sastra::output::writer::Output::claim(&options.output_dir(), site.root()).unwrap();
    let (loaded, theme) = build::load_checked_with(&options, Bodies::InFiles).unwrap();
    assert!(loaded.documents.iter().all(|d| d.body.held().is_none()));
    between();
    let archive = sastra::archive::Archive::new(&loaded.config, loaded.documents, false);
    let plan = sastra::plan::plan(&loaded.config, &archive);
    build::publish(
        &loaded.config,
        &archive,
        &theme,
        &plan,
        &output,
        Steps {
            progress: false,
            search_index,
            offline: true,
            attachments: &loaded.attachments,
        },
    )
}

#[test]
fn bodies_read_again_from_their_files_publish_the_same_site() {
    let site = Site::fixture("basic");
    site.build();
    let held: Vec<(String, Vec<u8>)> = site
        .files()
        .into_iter()
        .map(|f| (f.clone(), site.read_bytes(&f)))
        .collect();
    publish_with_bodies_in_files(&site, true, || {}).unwrap();
    let again: Vec<(String, Vec<u8>)> = site
        .files()
        .into_iter()
        .map(|f| (f.clone(), site.read_bytes(&f)))
        .collect();
    assert_eq!(held.len(), again.len());
    for ((file, a), (_, b)) in held.iter().zip(&again) {
        assert!(a == b, "{file} differs");
    }
}

#[test]
fn a_body_edited_during_the_build_fails_it_and_leaves_the_previous_site() {
    let site = Site::fixture("basic");
    site.build();
    let before = site.read("en/reports/observation/index.html");
    let edited = std::fs::read_to_string(site.root().join("content/reports/observation.en.md"))
        .unwrap()
        .replace("observed the elections", "observed the count");
    // Found by the document page (no index) and by the index alike.
    for search_index in [false, true] {
        let edit = || site.write("content/reports/observation.en.md", &edited);
        let refused = publish_with_bodies_in_files(&site, search_index, edit).unwrap_err();
        let sastra::build::BuildError::Changed(changed) = &refused else {
            panic!("{refused}");
        };
        assert!(changed.file.ends_with("content/reports/observation.en.md"));
        assert!(refused
            .to_string()
            .contains("changed while the site was being built"));
        assert_eq!(site.read("en/reports/observation/index.html"), before);
        // Put back for the next round.
        site.write(
            "content/reports/observation.en.md",
            &edited.replace("observed the count", "observed the elections"),
        );
    }
    let only_index = || {
        let options = sastra::build::BuildOptions::new(site.root());
        let (loaded, theme) = sastra::build::load_checked_with(&options, Bodies::InFiles).unwrap();
        site.write("content/reports/observation.en.md", &edited);
        let archive = sastra::archive::Archive::new(&loaded.config, loaded.documents, false);
        let sink = tempfile::tempdir().unwrap();
        let output =
            sastra::output::writer::Output::claim(&sink.path().join("out"), site.root()).unwrap();
        let staging = sastra::output::writer::Staging::new(&output).unwrap();
        sastra::build::write_search_index(
            &loaded.config,
            &archive,
            &theme,
            &staging,
            &loaded.attachments,
        )
    };
    assert!(matches!(
        only_index(),
        Err(sastra::build::BuildError::Changed(_))
    ));
}
