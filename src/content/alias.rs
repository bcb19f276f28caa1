//! A document's old addresses (`aliases:`): each becomes a small page that
//! sends the reader on to the document, so citations and shared links to a
//! document whose slug or section changed keep working.
//!
//! An alias is written as a path of the site (`/km/old-section/old-slug/`,
//! relative to the base URL), or as the whole old address on the site's own
//! host. It names a page: a folder (`…/old/`) or an `.html` file. It may not
//! leave the site, climb out with `..`, or land among the files the build
//! writes that are not pages (attachments, theme files, the search index).

use crate::config::BaseUrl;
use crate::diagnostics::Message;

/// One old address of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The site path, as plan pages write theirs: `km/old/slug/` for a
    /// folder, `old/page.html` for a file.
    pub path: String,
    /// The front matter line it is written on.
    pub line: usize,
    /// Its place in the `aliases:` list, for messages.
    pub index: usize,
}

/// First folders of the output that hold files, not pages.
const RESERVED: &[&str] = &["assets", "files", "previews", "search"];

/// Why an alias cannot be published; worded, in both languages, by
/// [`AliasError::message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AliasError {
    OtherSite(String),
    QueryOrFragment(String),
    Root(String),
    UnsafePart { given: String, part: String },
    NotAPage(String),
    Reserved { given: String, folder: &'static str },
}

impl AliasError {
    /// The error as the message catalogue writes it, in either language.
    pub fn message(&self) -> Message {
        match self.clone() {
            AliasError::OtherSite(given) => Message::AliasOtherSite { given },
            AliasError::QueryOrFragment(given) => Message::AliasQueryOrFragment { given },
            AliasError::Root(given) => Message::AliasRoot { given },
            AliasError::UnsafePart { given, part } => Message::AliasUnsafePart { given, part },
            AliasError::NotAPage(given) => Message::AliasNotAPage { given },
            AliasError::Reserved { given, folder } => Message::AliasReserved {
                given,
                folder: folder.into(),
            },
        }
    }
}

/// The site path `given` stands for, checked.
pub fn parse(given: &str, base: &BaseUrl) -> Result<String, AliasError> {
    let path = site_path(given, base)?;
    if path.contains(['?', '#']) {
        return Err(AliasError::QueryOrFragment(given.into()));
    }
    let mut parts: Vec<&str> = path.split('/').collect();
    // A folder's path ends in `/`: its last part is empty.
    let folder = parts.last() == Some(&"");
    if folder {
        parts.pop();
    }
    if parts.is_empty() {
        return Err(AliasError::Root(given.into()));
    }
    for part in &parts {
        let safe = !part.is_empty()
            && *part != "."
            && *part != ".."
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~'));
        if !safe {
            return Err(AliasError::UnsafePart {
                given: given.into(),
                part: part.to_string(),
            });
        }
    }
    if let Some(folder) = RESERVED.iter().find(|r| **r == parts[0]) {
        return Err(AliasError::Reserved {
            given: given.into(),
            folder,
        });
    }
    let last = parts[parts.len() - 1];
    if !folder && last == "index.html" {
        // The folder's page itself, as plan pages are written.
        parts.pop();
        if parts.is_empty() {
            return Err(AliasError::Root(given.into()));
        }
        return Ok(format!("{}/", parts.join("/")));
    }
    let is_html = last.ends_with(".html") || last.ends_with(".htm");
    if !folder && !is_html && last.contains('.') {
        return Err(AliasError::NotAPage(given.into()));
    }
    if folder || !is_html {
        return Ok(format!("{}/", parts.join("/")));
    }
    Ok(parts.join("/"))
}

/// The path below the site's root: a whole address must be on the site's
/// own origin and under its base path.
fn site_path(given: &str, base: &BaseUrl) -> Result<String, AliasError> {
    let other_site = || AliasError::OtherSite(given.into());
    if given.starts_with("//") || given.contains('\\') {
        return Err(other_site());
    }
    match url::Url::parse(given) {
        Ok(url) => {
            let own = url::Url::parse(&base.absolute("")).map_err(|_| other_site())?;
            if url.origin() != own.origin() {
                return Err(other_site());
            }
            if url.query().is_some() || url.fragment().is_some() {
                return Err(AliasError::QueryOrFragment(given.into()));
            }
            url.path()
                .strip_prefix(base.path())
                .map(str::to_string)
                .ok_or_else(other_site)
        }
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            Ok(given.trim_start_matches('/').to_string())
        }
        Err(_) => Err(other_site()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> BaseUrl {
        BaseUrl::parse("https://owner.github.io/repo/").unwrap()
    }

    #[test]
    fn old_paths_become_site_paths() {
        for (given, path) in [
            ("/km/announcements/old-slug/", "km/announcements/old-slug/"),
            ("km/announcements/old-slug", "km/announcements/old-slug/"),
            ("/en/2019/05/ballot.html", "en/2019/05/ballot.html"),
            ("/en/old/index.html", "en/old/"),
            ("https://owner.github.io/repo/km/old-slug/", "km/old-slug/"),
        ] {
            assert_eq!(parse(given, &base()).as_deref(), Ok(path), "{given}");
        }
    }

    #[test]
    fn paths_that_leave_the_site_or_are_not_pages_are_refused() {
        for given in [
            "https://evil.example/km/x/",
            "http://owner.github.io/repo/km/x/",
            "https://owner.github.io/other/km/x/",
            "//evil.example/x/",
            "javascript:alert(1)",
            "/km/../../etc/passwd/",
            "/km/./x/",
            "/km//x/",
            "/km/x\\y/",
            "/km/\u{7}/",
            "/km/x y/",
            "/km/ក/",
            "/km/x/?page=2",
            "/km/x/#top",
            "/",
            "",
            "/index.html",
            "/files/announcements/x.pdf",
            "/files/x/",
            "/assets/x/",
            "/search/km/",
            "/km/atom.xml",
            "/sw.js",
            "/catalog.json",
        ] {
            assert!(parse(given, &base()).is_err(), "{given:?} was accepted");
        }
    }
}
