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

pub fn asset(path: &str) -> String {
    format!("assets/{path}")
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
    }
}
