//! An attachment's path, checked: it stays inside its section folder and
//! `content/`, names a regular file with a name safe to publish, and is of a
//! type that cannot run script on the site's origin.

use std::path::{Component, Path, PathBuf};

use super::document::ContentPath;
use super::sniff::{self, Mismatch};
use crate::config::Config;
use crate::confine::{ConfineError, Root};

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
        reason: &'static str,
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
    pub fn hint(&self, location: &ContentPath) -> String {
        match self {
            AttachmentError::UnsafeType { .. } | AttachmentError::NoExtension { .. } => format!(
                "attachments are published on the site's own address, where HTML, SVG or XML could run script; \
                 the types accepted are: {}. Convert the file (e.g. print it to PDF), or, for an archive whose \
                 contributors are all trusted, list the extension in `extra_attachment_types` in site.toml",
                SAFE_ATTACHMENT_TYPES.join(", ")
            ),
            AttachmentError::NotPortable { suggested, .. } => format!("rename it `{suggested}`"),
            AttachmentError::Markup { .. } => "attach the document as PDF (print the page to PDF) or as an image".to_string(),
            AttachmentError::NotItsFormat { format, .. } => format!(
                "save or export the file again as {format}, or name it with the extension of what it is"
            ),
            _ => format!(
                "attachment paths are relative to the document's folder, e.g. files/{}.pdf for content/{}/files/{}.pdf",
                location.slug, location.section, location.slug
            ),
        }
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
