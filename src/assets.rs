//! The theme's static files (CSS, fonts, scripts), found once when the theme
//! loads, so that a file leading outside the theme is an error `check`
//! reports rather than something the build copies. Below the stages:
//! pages link them, the build copies them and the service worker lists
//! them.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::confine::Root;
use crate::diagnostics::{display_path, Diagnostic, Diagnostics, Message};
use crate::urls;

/// The theme's static files (CSS, fonts, scripts, icons), published under
/// `assets/<version>/` (see [`urls::asset`]).
pub struct Assets {
    /// A hash of every file's path and content.
    pub version: String,
    /// Each proved to lie inside the theme, sorted by path.
    pub files: Vec<StaticFile>,
}

impl Assets {
    pub fn load(theme: &Root) -> Result<Assets, Diagnostics> {
        let files = find(theme)?;
        let version = version(&files)?;
        Ok(Assets { version, files })
    }

    /// Whether the theme has the file `relative` (under `static/`).
    pub fn has(&self, relative: &str) -> bool {
        self.files.iter().any(|f| f.relative == relative)
    }

    /// The site path of a theme file.
    pub fn url(&self, path: &str) -> String {
        urls::asset(&self.version, path)
    }
}

/// One file of `themes/<theme>/static/`, published under `assets/`.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Path under `static/` with `/` separators: `css/site.css`.
    pub relative: String,
    /// The file to copy, resolved inside the theme.
    pub source: PathBuf,
}

fn find(theme: &Root) -> Result<Vec<StaticFile>, Diagnostics> {
    let folder = theme.path().join("static");
    if !folder.exists() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    let mut problems = Diagnostics::default();
    for entry in WalkDir::new(&folder)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let shown = e.path().map_or_else(|| display_path(&folder), display_path);
                problems.push(Diagnostic::error(
                    shown,
                    Message::CannotRead {
                        detail: e.to_string(),
                    },
                ));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            if entry.depth() == 0 {
                if let Err(e) = theme.folder(entry.path()) {
                    problems.push(Diagnostic::error(
                        display_path(&folder),
                        Message::ThemeFolder {
                            what: display_path(&folder),
                            why: e.word(),
                        },
                    ));
                    break;
                }
            }
            continue;
        }
        match theme.file(entry.path()) {
            Ok(source) => files.push(StaticFile {
                relative: relative(&folder, entry.path()),
                source,
            }),
            Err(e) => problems.push(Diagnostic::error(
                display_path(entry.path()),
                Message::TheFile { why: e.word() },
            )),
        }
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(files)
    }
}

fn relative(folder: &Path, path: &Path) -> String {
    path.strip_prefix(folder)
        .expect("walked under folder")
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A hash of the files' paths and contents: the name of the folder they
/// are published in, so that a page and the files it loads always come
/// from one build.
fn version(files: &[StaticFile]) -> Result<String, Diagnostics> {
    let mut hasher = blake3::Hasher::new();
    for file in files {
        let bytes = std::fs::read(&file.source).map_err(|e| {
            Diagnostics::from_iter([Diagnostic::error(
                display_path(&file.source),
                Message::CannotReadThemeFile {
                    detail: e.to_string(),
                },
            )])
        })?;
        hasher.update(file.relative.as_bytes());
        hasher.update(&[0]);
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    Ok(hasher.finalize().to_hex()[..12].to_string())
}
