//! Links written in document bodies. Authors link to another document by
//! its source file (`../reports/anfrel-2017.en.md`) and to attached files
//! by their path (`files/notice.pdf`); the build turns those into site URLs,
//! so links keep working wherever the site is served from, and `check`
//! reports the ones that lead nowhere.

use std::path::{Component, Path, PathBuf};

/// What a link in a body points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// Another document's source, by translation key and language.
    Document {
        key: String,
        lang: String,
        fragment: Option<String>,
    },
    /// A file under the content folder, relative to it.
    File(PathBuf),
    /// A web address, `mailto:`, a fragment on the same page, or a
    /// root-relative path: left as written.
    Unchanged,
    /// A relative path that climbs out of `content/`.
    Escapes,
}

/// Resolves `url` written in a document of `section`.
pub fn resolve(section: &str, url: &str) -> LinkTarget {
    let has_scheme = url.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    if url.is_empty() || has_scheme || url.starts_with('#') || url.starts_with('/') {
        return LinkTarget::Unchanged;
    }
    let (path, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (url, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    let Some(within_content) = normalise(&Path::new(section).join(path)) else {
        return LinkTarget::Escapes;
    };
    let name = within_content
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("");
    if let Some(stem) = name.strip_suffix(".md") {
        if let (Some((slug, lang)), Some(parent)) = (stem.rsplit_once('.'), within_content.parent())
        {
            let key = format!("{}/{slug}", parent.to_string_lossy().replace('\\', "/"));
            return LinkTarget::Document {
                key,
                lang: lang.to_string(),
                fragment,
            };
        }
    }
    LinkTarget::File(within_content)
}

/// Folds `.` and `..`; `None` when the path leaves its root.
fn normalise(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(c) => out.push(c),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_documents_files_and_leaves_the_rest() {
        assert_eq!(
            resolve("announcements", "../reports/anfrel.en.md#summary"),
            LinkTarget::Document {
                key: "reports/anfrel".into(),
                lang: "en".into(),
                fragment: Some("summary".into())
            }
        );
        assert_eq!(
            resolve("announcements", "files/a.pdf"),
            LinkTarget::File("announcements/files/a.pdf".into())
        );
        assert_eq!(
            resolve("announcements", "https://nec.gov.kh/"),
            LinkTarget::Unchanged
        );
        assert_eq!(
            resolve("announcements", "mailto:a@b.org"),
            LinkTarget::Unchanged
        );
        assert_eq!(resolve("announcements", "#top"), LinkTarget::Unchanged);
        assert_eq!(
            resolve("announcements", "../../etc/passwd"),
            LinkTarget::Escapes
        );
    }
}
