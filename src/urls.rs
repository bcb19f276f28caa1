//! Every URL of the site, in one place, so that a link and the file it
//! points to can never disagree. Paths here are site-relative (`en/tags/`);
//! [`crate::config::BaseUrl`] turns them into links.

use crate::config::Taxonomy;

pub fn home(lang: &str) -> String {
    format!("{lang}/")
}

pub fn document(lang: &str, key: &str) -> String {
    format!("{lang}/{key}/")
}

pub fn taxonomy_index(lang: &str, taxonomy: Taxonomy) -> String {
    format!("{lang}/{}/", taxonomy.table())
}

/// Page 1 of a listing is its plain URL; later pages are `…/page/N/`.
pub fn term(lang: &str, taxonomy: Taxonomy, key: &str, page: usize) -> String {
    paged(format!("{lang}/{}/{key}/", taxonomy.table()), page)
}

pub fn term_feed(lang: &str, taxonomy: Taxonomy, key: &str) -> String {
    format!("{lang}/{}/{key}/atom.xml", taxonomy.table())
}

pub fn timeline(lang: &str) -> String {
    format!("{lang}/timeline/")
}

/// One year of the timeline: a page per year keeps pages light however
/// large the archive grows.
pub fn timeline_year(lang: &str, year: u16) -> String {
    format!("{lang}/timeline/{year}/")
}

/// A month of a year of the timeline (`None`: the documents known only to
/// the year), as a link to its heading on the year's page.
pub fn timeline_month(lang: &str, year: u16, month: Option<u8>) -> String {
    format!(
        "{}#{}",
        timeline_year(lang, year),
        timeline_month_anchor(year, month)
    )
}

/// The id of a month's heading on its year's page.
pub fn timeline_month_anchor(year: u16, month: Option<u8>) -> String {
    match month {
        Some(m) => format!("y{year}-{m:02}"),
        None => format!("y{year}-undated"),
    }
}

pub fn search(lang: &str) -> String {
    format!("{lang}/search/")
}

/// A file of the search index of a language.
pub fn search_file(lang: &str, name: &str) -> String {
    format!("search/{lang}/{name}")
}

pub fn not_found(lang: &str) -> String {
    format!("{lang}/404.html")
}

pub fn feed(lang: &str) -> String {
    format!("{lang}/atom.xml")
}

pub fn attachment(section: &str, name: &str) -> String {
    format!("files/{section}/{name}")
}

/// The first-page preview of an attached PDF, named by the PDF's content
/// hash so that hosts may cache it forever.
pub fn attachment_preview(hash: &str) -> String {
    format!("previews/{hash}.png")
}

/// The id of a page of an attached PDF's text on its document's page.
pub fn attachment_text_anchor(attachment: usize, page: u32) -> String {
    format!("pdf-{attachment}-page-{page}")
}

/// The id of the note on a document's page that links the whole text of
/// its attachment number `attachment` when the page shows only its first
/// pages: where a search result on a page not shown lands.
pub fn attachment_text_more_anchor(attachment: usize) -> String {
    format!("pdf-{attachment}-more")
}

/// The whole text of an attached PDF as plain text, named by the PDF's
/// content hash (as its preview is).
pub fn attachment_text(hash: &str) -> String {
    format!("texts/{hash}.txt")
}

/// A theme file. `version` hashes every file of the theme's static folder,
/// so a page and the files it loads always come from the same build, and
/// readers (and the service worker) may keep them forever.
pub fn asset(version: &str, path: &str) -> String {
    format!("{}{version}/{path}", assets_root())
}

/// The folder holding every build's theme files.
pub fn assets_root() -> String {
    "assets/".to_string()
}

/// The service worker: at the site's root, so that its scope is the site.
pub fn service_worker() -> String {
    "sw.js".to_string()
}

/// The web app manifest of a language: the installed app opens in it.
pub fn app_manifest(lang: &str) -> String {
    format!("{lang}/manifest.json")
}

/// What the catalogue holds, field by field, and how to cite the archive.
pub fn data(lang: &str) -> String {
    format!("{lang}/data/")
}

/// What the archive is, where its data is, and how to add to it.
pub fn about(lang: &str) -> String {
    format!("{lang}/about/")
}

/// The catalogue of every document's metadata (see `output::catalog`).
pub fn catalog(extension: &str) -> String {
    format!("catalog.{extension}")
}

/// The documents saved on this device (filled in by the browser).
/// The form that writes a new document's files for a contributor.
pub fn contribute(lang: &str) -> String {
    format!("{lang}/contribute/")
}

pub fn saved(lang: &str) -> String {
    format!("{lang}/saved/")
}

/// What "save for offline" on a listing saves: see `render::saving`.
pub fn term_save_set(lang: &str, taxonomy: Taxonomy, key: &str) -> String {
    format!("{lang}/{}/{key}/offline.json", taxonomy.table())
}

pub fn timeline_year_save_set(lang: &str, year: u16) -> String {
    format!("{lang}/timeline/{year}/offline.json")
}

pub fn paged(first: String, page: usize) -> String {
    if page <= 1 {
        first
    } else {
        format!("{first}page/{page}/")
    }
}

/// The file that serves a site-relative URL path.
pub fn file_for(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_files() {
        assert_eq!(term("km", Taxonomy::Tag, "ballot", 1), "km/tags/ballot/");
        assert_eq!(
            term("km", Taxonomy::Tag, "ballot", 2),
            "km/tags/ballot/page/2/"
        );
        assert_eq!(file_for("km/tags/ballot/"), "km/tags/ballot/index.html");
        assert_eq!(file_for("km/atom.xml"), "km/atom.xml");
        assert_eq!(file_for(""), "index.html");
        assert_eq!(
            timeline_month("km", 2023, Some(6)),
            "km/timeline/2023/#y2023-06"
        );
        assert_eq!(
            timeline_month("en", 2019, None),
            "en/timeline/2019/#y2019-undated"
        );
    }
}
