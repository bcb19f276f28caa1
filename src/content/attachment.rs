//! An attachment's path, checked: it stays inside its section folder and
//! `content/`, names a regular file with a name safe to publish, and is of a
//! type that cannot run script on the site's origin.

use std::path::{Component, Path, PathBuf};

use super::content_path::ContentPath;
use super::sniff::{self, Mismatch};
use crate::config::Config;
use crate::confine::{ConfineError, Root};
use crate::diagnostics::{closest, Message, Word};

/// Why an attachment cannot be published.
#[derive(Debug, thiserror::Error)]
pub enum AttachmentError {
    #[error("`{0}` must be a plain relative path inside the section folder (no `..`, no absolute path, no drive letter)")]
    NotPlainRelative(String),
    #[error("the file name `{0}` may use only ASCII letters, digits, `-`, `_` and `.`")]
    UnsafeName(String),
    #[error("`{file}` is a type that can run script in a reader's browser (`.{extension}`)")]
    UnsafeType { file: String, extension: String },
    #[error("`{file}` has no extension, so a reader cannot tell what it is")]
    NoExtension { file: String },
    #[error("`{file}`: the name `{component}` {reason}")]
    NotPortable {
        file: String,
        component: String,
        reason: Word,
        suggested: String,
    },
    #[error("`{file}` holds {markup}, which a browser may run as a page on the site's address")]
    Markup { file: String, markup: &'static str },
    #[error("`{file}` is named like a {format} file but does not start like one")]
    NotItsFormat { file: String, format: &'static str },
    #[error("the attached file `{file}` {source}")]
    Unreadable {
        file: String,
        #[source]
        source: ConfineError,
    },
}

impl AttachmentError {
    pub fn message(&self) -> Message {
        match self {
            AttachmentError::NotPlainRelative(file) => {
                Message::NotPlainRelative { file: file.clone() }
            }
            AttachmentError::UnsafeName(name) => Message::UnsafeName { name: name.clone() },
            AttachmentError::UnsafeType { file, extension } => Message::UnsafeType {
                file: file.clone(),
                extension: extension.clone(),
            },
            AttachmentError::NoExtension { file } => Message::NoExtension { file: file.clone() },
            AttachmentError::NotPortable {
                file,
                component,
                reason,
                ..
            } => Message::NotPortable {
                file: file.clone(),
                component: component.clone(),
                reason: reason.clone(),
            },
            AttachmentError::Markup { file, markup } => Message::Markup {
                file: file.clone(),
                markup: markup.to_string(),
            },
            AttachmentError::NotItsFormat { file, format } => Message::NotItsFormat {
                file: file.clone(),
                format: format.to_string(),
            },
            AttachmentError::Unreadable { file, source } => Message::AttachedFile {
                file: file.clone(),
                why: source.word(),
            },
        }
    }

    pub fn hint(&self, location: &ContentPath) -> Message {
        match self {
            AttachmentError::UnsafeType { .. } | AttachmentError::NoExtension { .. } => {
                Message::SafeTypes {
                    types: SAFE_ATTACHMENT_TYPES.join(", "),
                }
            }
            AttachmentError::NotPortable { suggested, .. } => Message::RenameTo {
                name: suggested.clone(),
            },
            AttachmentError::Markup { .. } => Message::AttachAsPdf,
            AttachmentError::NotItsFormat { format, .. } => Message::ExportAgain {
                format: format.to_string(),
            },
            AttachmentError::UnsafeName(name) => match crate::text::safe_file_name(name) {
                Some(name) => Message::RenameTo { name },
                None => Message::RenameTo {
                    name: format!("{}.pdf", location.slug),
                },
            },
            _ => Message::AttachmentPaths {
                slug: location.slug.clone(),
                section: location.section.clone(),
            },
        }
    }

    /// For a path that names no file: the file in the section folder the
    /// contributor most likely meant (a typo, or `Files/…PDF` for
    /// `files/…pdf`), as it would be written.
    pub fn similar_file(&self, config: &Config, section: &str) -> Option<String> {
        let AttachmentError::Unreadable {
            file,
            source: ConfineError::Missing | ConfineError::CaseDiffers { .. },
        } = self
        else {
            return None;
        };
        let folder = config.content_dir().join(section);
        let existing: Vec<String> = walkdir::WalkDir::new(&folder)
            .follow_links(false)
            .max_depth(3)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && !super::load::is_markdown(e.path()))
            .filter_map(|e| {
                let relative = e.path().strip_prefix(&folder).ok()?;
                Some(relative.to_str()?.replace('\\', "/"))
            })
            .collect();
        let wanted = file.to_lowercase();
        if let Some(same) = existing.iter().find(|e| e.to_lowercase() == wanted) {
            return Some(same.clone());
        }
        let lowered: Vec<String> = existing.iter().map(|e| e.to_lowercase()).collect();
        let near = closest(&wanted, lowered.iter().map(String::as_str))?;
        let i = lowered.iter().position(|l| l == near)?;
        Some(existing[i].clone())
    }
}

/// Attachment types that a browser shows or downloads but never runs as
/// script on the site's origin. HTML, SVG, XML (which can be XHTML) and
/// anything unknown stay out: static hosts cannot send a per-file
/// Content-Security-Policy, so the file's type is the only protection.
pub const SAFE_ATTACHMENT_TYPES: &[&str] = &[
    "pdf", "png", "jpg", "jpeg", "gif", "webp", "avif", "tif", "tiff", "doc", "docx", "xls",
    "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "mp3", "m4a", "ogg", "oga", "opus", "wav",
    "flac", "mp4", "m4v", "webm", "ogv", "mov", "txt", "csv", "zip",
];

/// Resolves an attachment path: it must stay inside the section folder (as
/// written), name a regular file that stays inside `content/` (through any
/// links), have a name safe to publish, and a type that cannot run script.
pub(super) fn resolve(
    config: &Config,
    content: &Root,
    section: &str,
    file: &str,
) -> Result<(PathBuf, String, u64), AttachmentError> {
    let name = publishable_name(config, file)?;
    let source = content
        .file(&Path::new(section).join(file))
        .map_err(|source| AttachmentError::Unreadable {
            file: file.to_string(),
            source,
        })?;
    let extension = name
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    if config.extra_attachment_types.contains(&extension) {
        // The archive trusts its contributors with this type (SVG, say):
        // its markup is what it is.
        let bytes = std::fs::metadata(&source).map_or(0, |m| m.len());
        return Ok((source, name, bytes));
    }
    let sniffed = sniff::check(&source, &extension).map_err(|e| AttachmentError::Unreadable {
        file: file.to_string(),
        source: ConfineError::Io(e),
    })?;
    match sniffed {
        Ok(()) => {}
        Err(Mismatch::Markup(markup)) => {
            return Err(AttachmentError::Markup {
                file: file.to_string(),
                markup,
            })
        }
        Err(Mismatch::NotA(format)) => {
            return Err(AttachmentError::NotItsFormat {
                file: file.to_string(),
                format,
            })
        }
    }
    let bytes = std::fs::metadata(&source).map_or(0, |m| m.len());
    Ok((source, name, bytes))
}

/// The file name an attachment path `file` (as a document writes it) is
/// published under, if the path is plain, the name safe and the type one
/// that cannot run script; the file itself is not looked at. `sastra new
/// --attach` and `sastra import` ask this before they copy anything.
pub fn publishable_name(config: &Config, file: &str) -> Result<String, AttachmentError> {
    let relative = Path::new(file);
    let escapes = file.contains('\0')
        || file.contains('\\')
        || file.contains(':')
        || relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_)));
    if escapes {
        return Err(AttachmentError::NotPlainRelative(file.to_string()));
    }
    for component in relative.components() {
        let component = component.as_os_str().to_string_lossy();
        if let Some((reason, suggested)) = crate::portable::windows_problem(&component) {
            return Err(AttachmentError::NotPortable {
                file: file.to_string(),
                component: component.into_owned(),
                reason,
                suggested,
            });
        }
    }
    let name = relative
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    let safe_name = !name.is_empty()
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if !safe_name {
        return Err(AttachmentError::UnsafeName(name));
    }
    let Some((_, extension)) = name.rsplit_once('.') else {
        return Err(AttachmentError::NoExtension {
            file: file.to_string(),
        });
    };
    let extension = extension.to_ascii_lowercase();
    let allowed = SAFE_ATTACHMENT_TYPES.contains(&extension.as_str())
        || config.extra_attachment_types.contains(&extension);
    if !allowed {
        return Err(AttachmentError::UnsafeType {
            file: file.to_string(),
            extension,
        });
    }
    Ok(name)
}
