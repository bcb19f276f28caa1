//! Walking `content/` and parsing every document in parallel.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

use super::body_text::Bodies;
use super::document::{self, Document};
use super::front_matter;
use super::validate::{self, Body};
use super::ContentPath;
use crate::config::Config;
use crate::confine::{ConfineError, Root};
use crate::diagnostics::{Diagnostic, Diagnostics, Message};
use crate::lines;

/// Loads every document under `content/`. Problems do not stop the walk: the
/// documents that parsed are returned with every problem found. Documents
/// are shared, so that a preview can rebuild its archive around the few that
/// changed without copying the rest.
pub fn load(config: &Config) -> (Vec<Arc<Document>>, Diagnostics) {
    load_with(config, Bodies::Held)
}

/// [`load`], each body left in its file once it is parsed when `bodies`
/// says so: the archive's text is then never held at once.
pub fn load_with(config: &Config, bodies: Bodies) -> (Vec<Arc<Document>>, Diagnostics) {
    let mut problems = Diagnostics::default();
    let content = match config.content_root() {
        Ok(content) => content,
        Err(e) => {
            problems.push(
                Diagnostic::error("content", Message::ContentFolder { why: e.word() })
                    .hint(Message::LayoutShort),
            );
            return (Vec::new(), problems);
        }
    };
    let mut files = Vec::new();
    // Links are not followed: a linked folder is not walked into, and a
    // linked file is read only once `load_file` has proved it stays inside.
    for entry in WalkDir::new(content.path())
        .follow_links(false)
        .sort_by_file_name()
    {
        if let Ok(entry) = &entry {
            problems.extend(unportable(config, entry));
        }
        match entry {
            Ok(entry) if is_markdown(entry.path()) && !entry.file_type().is_dir() => {
                files.push(entry.into_path())
            }
            Ok(entry) if entry.path_is_symlink() => {
                problems.extend(linked_folder(config, &content, entry.path()));
            }
            Ok(_) => {}
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| relative(config, p))
                    .unwrap_or_else(|| "content".into());
                problems.push(Diagnostic::error(
                    path,
                    Message::CannotRead {
                        detail: e.to_string(),
                    },
                ));
            }
        }
    }
    let results: Vec<Loaded> = files
        .par_iter()
        .map(|file| load_file_in(config, &content, file, bodies))
        .collect();
    let mut documents = Vec::with_capacity(results.len());
    let mut refused = Vec::new();
    for loaded in results {
        problems.extend(loaded.problems);
        documents.extend(loaded.document.map(Arc::new));
        refused.extend(loaded.refused);
    }
    problems.extend(validate::check_links_of_refused(
        config,
        &documents,
        refused.iter().map(Refused::body),
    ));
    (documents, problems)
}

/// A link to a folder is never walked into; one leading outside is an
/// error (it could only be there to publish the machine's files), one
/// inside a warning, since its documents are not loaded.
fn linked_folder(config: &Config, content: &Root, link: &Path) -> Option<Diagnostic> {
    let shown = relative(config, link);
    match content.folder(link) {
        Ok(_) => {
            Some(Diagnostic::warning(&shown, Message::LinkedFolder).hint(Message::MoveFolderHere))
        }
        Err(ConfineError::Outside { root }) => {
            Some(Diagnostic::error(&shown, Message::LinkOutside { root }))
        }
        // A link to a file is checked where the file is used.
        Err(_) => None,
    }
}

/// A file or folder of content/ that a Windows clone could not hold
/// (`aux.en.md`, `files/con.pdf`, `reports./`).
fn unportable(config: &Config, entry: &walkdir::DirEntry) -> Option<Diagnostic> {
    if entry.depth() == 0 {
        return None;
    }
    let name = entry.file_name().to_string_lossy();
    let (reason, suggested) = crate::portable::windows_problem(&name)?;
    Some(
        Diagnostic::error(
            relative(config, entry.path()),
            Message::NotPortableName {
                name: name.to_string(),
                reason,
            },
        )
        .hint(Message::RenameTo { name: suggested }),
    )
}

pub(super) fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

fn relative(config: &Config, path: &Path) -> std::path::PathBuf {
    path.strip_prefix(&config.root)
        .unwrap_or(path)
        .to_path_buf()
}

/// Loads one document file, which must be under `content/`.
pub fn load_file(config: &Config, file: &Path) -> (Option<Document>, Diagnostics) {
    match config.content_root() {
        Ok(content) => {
            let loaded = load_file_in(config, &content, file, Bodies::Held);
            (loaded.document, loaded.problems)
        }
        Err(e) => (
            None,
            Diagnostics::from_iter([Diagnostic::error(
                "content",
                Message::ContentFolder { why: e.word() },
            )]),
        ),
    }
}

/// What reading one content file gave.
struct Loaded {
    document: Option<Document>,
    /// The body of a file whose front matter was refused, so that its links
    /// are checked in the same run.
    refused: Option<Refused>,
    problems: Diagnostics,
}

struct Refused {
    path: std::path::PathBuf,
    section: String,
    body: String,
    body_line: usize,
}

impl Refused {
    fn body(&self) -> Body<'_> {
        Body::new(&self.path, &self.section, &self.body, self.body_line)
    }
}

fn load_file_in(config: &Config, content: &Root, file: &Path, bodies: Bodies) -> Loaded {
    let shown = relative(config, file);
    let fail = |d: Diagnostic| Loaded {
        document: None,
        refused: None,
        problems: Diagnostics::from_iter([d]),
    };
    let within_content = file
        .strip_prefix(content.path())
        .expect("documents are loaded from under content/");
    let location = match ContentPath::parse(within_content, config) {
        Ok(location) => location,
        Err(d) => return fail(d),
    };
    let resolved = match content.file(file) {
        Ok(resolved) => resolved,
        Err(e) => {
            return fail(Diagnostic::error(
                &shown,
                Message::TheFile { why: e.word() },
            ))
        }
    };
    let bytes = match read_bounded(&resolved) {
        Ok(Bounded::Whole(bytes)) => bytes,
        Ok(Bounded::TooLong(prefix)) => return fail(too_long(&shown, &prefix)),
        Err(e) => {
            return fail(Diagnostic::error(
                &shown,
                Message::CannotRead {
                    detail: e.to_string(),
                },
            ))
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = std::str::from_utf8(&e.as_bytes()[..valid]).expect("valid up to here");
            let (line, column) = lines::locate(prefix, valid);
            return fail(
                Diagnostic::error(&shown, Message::NotUtf8)
                    .at(line, column)
                    .hint(Message::SaveAsUtf8),
            );
        }
    };
    let section = location.section.clone();
    let (mut document, problems) = document::parse(config, &shown, location, &text);
    if let (Some(document), Bodies::InFiles) = (&mut document, bodies) {
        document.body.leave_in(resolved);
    }
    let refused = match &document {
        Some(_) => None,
        None => front_matter::split(text.strip_prefix('\u{FEFF}').unwrap_or(&text))
            .ok()
            .map(|split| Refused {
                path: shown.clone(),
                section,
                body: split.body.to_string(),
                body_line: split.body_line,
            }),
    };
    Loaded {
        document,
        refused,
        problems,
    }
}

/// The largest document file read, front matter and body together: 4 MiB.
/// The longest election documents transcribed in full, a law or an
/// observation mission's final report of a few hundred pages, are a few
/// hundred KB to 2 MB of text (Khmer takes three bytes a character); a
/// reader on a phone would not load more as one page. Beyond it the text's
/// pages, search records and memory grow with it for nothing (12 MB took
/// 0.9 GB to build and made a 71 MB index): a longer text belongs in an
/// attached PDF, or split into parts.
pub const MAX_DOCUMENT_BYTES: u64 = 4 << 20;

/// A document file's bytes, or the first bytes past the limit.
enum Bounded {
    Whole(Vec<u8>),
    /// The first [`MAX_DOCUMENT_BYTES`] + 1 bytes, never more: a file of
    /// any size costs no more memory than one at the limit.
    TooLong(Vec<u8>),
}

fn read_bounded(path: &Path) -> std::io::Result<Bounded> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut bytes)?;
    Ok(if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        Bounded::TooLong(bytes)
    } else {
        Bounded::Whole(bytes)
    })
}

/// The error for a file over the limit, at the line where it passes it.
fn too_long(shown: &Path, prefix: &[u8]) -> Diagnostic {
    let within = &prefix[..MAX_DOCUMENT_BYTES as usize];
    let text = match std::str::from_utf8(within) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&within[..e.valid_up_to()]).expect("valid up to here"),
    };
    let (line, _) = lines::locate(text, text.len());
    Diagnostic::error(
        shown,
        Message::FileTooLong {
            megabytes: MAX_DOCUMENT_BYTES >> 20,
        },
    )
    .at(line, 0)
    .hint(Message::AttachFullText)
}
