//! The forge the archive's sources live on (`repository` in `site.toml`),
//! for the "edit this document" link on every document page: the forge's
//! own editor opens the file, and saving it proposes a change (a fork and a
//! pull request for a contributor without write access).

use url::Url;

use crate::diagnostics::Message;

/// The forges whose editing URL is known: each writes it its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forge {
    /// `https://github.com/o/r/edit/main/content/a.md`
    GitHub,
    /// `https://gitlab.com/o/r/-/edit/main/content/a.md`
    GitLab,
    /// Codeberg and other Forgejo or Gitea hosts:
    /// `https://codeberg.org/o/r/_edit/main/content/a.md`
    Forgejo,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repository {
    forge: Forge,
    /// `https://github.com/o/r`, without a trailing `/` or `.git`.
    base: String,
    branch: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RepositoryError {
    #[error("`{0}` is not an https address of a repository")]
    NotHttps(String),
    #[error("`{0}` is not on GitHub, GitLab or Codeberg")]
    UnknownForge(String),
}

impl RepositoryError {
    pub fn message(&self) -> Message {
        match self {
            RepositoryError::NotHttps(given) => Message::RepositoryNotHttps {
                given: given.clone(),
            },
            RepositoryError::UnknownForge(given) => Message::RepositoryUnknownForge {
                given: given.clone(),
            },
        }
    }
}

impl Repository {
    /// `https://github.com/owner/repo` (a trailing `/` or `.git` is
    /// allowed), on `branch`.
    pub fn parse(written: &str, branch: &str) -> Result<Repository, RepositoryError> {
        let not_https = || RepositoryError::NotHttps(written.to_string());
        let url = Url::parse(written.trim()).map_err(|_| not_https())?;
        if url.scheme() != "https" || url.query().is_some() || url.fragment().is_some() {
            return Err(not_https());
        }
        let host = url.host_str().ok_or_else(not_https)?.to_ascii_lowercase();
        let path = url.path().trim_end_matches('/').trim_end_matches(".git");
        // An owner and a repository at least (GitLab nests groups deeper).
        if path.trim_start_matches('/').split('/').count() < 2 {
            return Err(not_https());
        }
        let forge = match host.as_str() {
            "github.com" => Forge::GitHub,
            h if h == "gitlab.com" || h.starts_with("gitlab.") => Forge::GitLab,
            h if h == "codeberg.org" || h.starts_with("gitea.") || h.starts_with("forgejo.") => {
                Forge::Forgejo
            }
            _ => return Err(RepositoryError::UnknownForge(written.to_string())),
        };
        Ok(Repository {
            forge,
            base: format!("https://{host}{path}"),
            branch: branch.to_string(),
        })
    }

    /// The forge's editor for the file at `path` (relative to the
    /// repository's root, `/` separated).
    pub fn edit_url(&self, path: &str) -> String {
        let path = encode_path(path);
        let (base, branch) = (&self.base, &self.branch);
        match self.forge {
            Forge::GitHub => format!("{base}/edit/{branch}/{path}"),
            Forge::GitLab => format!("{base}/-/edit/{branch}/{path}"),
            Forge::Forgejo => format!("{base}/_edit/{branch}/{path}"),
        }
    }

    /// The forge's page for a new file: GitHub's and Forgejo's take the
    /// name as `filename` and the text as `value`; GitLab's as `file_name`
    /// and `content`. The folder goes in the path, as GitHub ignores a
    /// `filename` with folders in it.
    pub fn new_file_form(&self) -> NewFileForm {
        let (base, branch) = (&self.base, &self.branch);
        let (prefix, name, content) = match self.forge {
            Forge::GitHub => (format!("{base}/new/{branch}/"), "filename", "value"),
            Forge::GitLab => (format!("{base}/-/new/{branch}/"), "file_name", "content"),
            Forge::Forgejo => (format!("{base}/_new/{branch}/"), "filename", "value"),
        };
        NewFileForm {
            prefix,
            name,
            content,
        }
    }
}

/// How a forge's "new file" page is opened with a file's name and text
/// filled in: `{prefix}{folder}?{name}=NAME&{content}=TEXT`. The contribute
/// page's script builds the same URL from these parts (the folder is only
/// known once the contributor picks a section), so they are given to it as
/// data rather than written twice.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NewFileForm {
    /// `https://github.com/o/r/new/main/`: the folder follows.
    pub prefix: String,
    /// The query parameter holding the file's name.
    pub name: &'static str,
    /// The query parameter holding the file's text.
    pub content: &'static str,
}

impl NewFileForm {
    /// The page creating `name` in `folder` (relative to the repository's
    /// root, `/` separated) with `text` in it.
    pub fn url(&self, folder: &str, name: &str, text: &str) -> String {
        format!(
            "{}{}?{}={}&{}={}",
            self.prefix,
            encode_path(folder),
            self.name,
            urlencoding(name),
            self.content,
            urlencoding(text)
        )
    }
}

/// A path as a URL writes it, each segment encoded.
fn encode_path(path: &str) -> String {
    path.split('/')
        .map(urlencoding)
        .collect::<Vec<_>>()
        .join("/")
}

/// A path segment as a URL writes it; file names are already checked to be
/// plain, so this only guards against what a check may let through.
fn urlencoding(part: &str) -> String {
    part.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_forge_writes_its_editing_url() {
        let path = "content/announcements/2023-06-22-ballot-draw.km.md";
        for (written, expected) in [
            (
                "https://github.com/owner/archive",
                "https://github.com/owner/archive/edit/main/content/announcements/2023-06-22-ballot-draw.km.md",
            ),
            (
                "https://gitlab.com/group/sub/archive.git",
                "https://gitlab.com/group/sub/archive/-/edit/main/content/announcements/2023-06-22-ballot-draw.km.md",
            ),
            (
                "https://codeberg.org/owner/archive/",
                "https://codeberg.org/owner/archive/_edit/main/content/announcements/2023-06-22-ballot-draw.km.md",
            ),
        ] {
            assert_eq!(Repository::parse(written, "main").unwrap().edit_url(path), expected);
        }
    }

    #[test]
    fn each_forge_writes_its_new_file_url() {
        let (folder, name, text) = (
            "content/news",
            "2023-statement.km.md",
            "---\ntitle: ក & b?\n",
        );
        let text_encoded = "---%0Atitle%3A%20%E1%9E%80%20%26%20b%3F%0A";
        for (written, expected) in [
            (
                "https://github.com/owner/archive",
                format!("https://github.com/owner/archive/new/main/content/news?filename=2023-statement.km.md&value={text_encoded}"),
            ),
            (
                "https://gitlab.com/group/sub/archive.git",
                format!("https://gitlab.com/group/sub/archive/-/new/main/content/news?file_name=2023-statement.km.md&content={text_encoded}"),
            ),
            (
                "https://codeberg.org/owner/archive/",
                format!("https://codeberg.org/owner/archive/_new/main/content/news?filename=2023-statement.km.md&value={text_encoded}"),
            ),
        ] {
            let repository = Repository::parse(written, "main").unwrap();
            assert_eq!(repository.new_file_form().url(folder, name, text), expected);
        }
    }

    #[test]
    fn other_addresses_are_refused() {
        assert!(matches!(
            Repository::parse("http://github.com/o/r", "main"),
            Err(RepositoryError::NotHttps(_))
        ));
        assert!(matches!(
            Repository::parse("https://github.com/o", "main"),
            Err(RepositoryError::NotHttps(_))
        ));
        assert!(matches!(
            Repository::parse("https://example.org/o/r", "main"),
            Err(RepositoryError::UnknownForge(_))
        ));
    }
}
