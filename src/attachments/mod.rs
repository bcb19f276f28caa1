//! Attachments' content: the text, page count and first-page preview of
//! each attached PDF, read at build time with Poppler (and, with `--ocr`,
//! Tesseract), cached by content hash. Runs after loading and before
//! rendering: load → archive → **attachments** → plan → render.
//!
//! A PDF that cannot be read (corrupt, protected by a password, too large,
//! over a time or memory limit) gets a warning naming it; the build goes on.
//! Placeholders are not read: they stand in for an original and say nothing
//! about it.

pub mod cache;
pub mod layout;
pub mod pdf;
pub mod raster;
pub mod tools;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::{Attachment, Document};
use crate::diagnostics::{Diagnostic, Diagnostics, Message};
pub use pdf::{Extract, Preview, TextLayer, Unreadable};

/// How attachments are read.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Read pages without text with Tesseract.
    pub ocr: bool,
    /// Where readings are cached; `None` reads every file every time.
    pub cache: Option<PathBuf>,
}

impl Options {
    /// The defaults of a build of the archive at `root`.
    pub fn for_root(root: &Path, ocr: bool) -> Options {
        Options {
            ocr,
            cache: Some(cache::folder(root)),
        }
    }
}

/// What one attached file gave.
#[derive(Debug, Clone)]
pub struct Reading {
    /// The file's content hash: the preview's published name.
    pub hash: String,
    pub outcome: Result<Extract, Unreadable>,
    /// The preview image, in the cache or a scratch folder.
    pub preview_file: Option<PathBuf>,
}

impl Reading {
    pub fn extract(&self) -> Option<&Extract> {
        self.outcome.as_ref().ok()
    }
}

/// The readings of every PDF of the archive, by source path.
#[derive(Debug, Default)]
pub struct Extracts {
    by_source: HashMap<PathBuf, Arc<Reading>>,
    /// Kept while the readings are used, when there is no cache.
    _scratch: Option<Arc<tempfile::TempDir>>,
}

impl Extracts {
    pub fn get(&self, attachment: &Attachment) -> Option<&Reading> {
        self.by_source.get(&attachment.source).map(Arc::as_ref)
    }

    /// Every reading with a preview: (content hash, image file).
    pub fn previews(&self) -> impl Iterator<Item = (&str, &Path)> {
        let mut seen = std::collections::HashSet::new();
        self.by_source.values().filter_map(move |r| {
            let file = r.preview_file.as_deref()?;
            r.extract()?.preview?;
            seen.insert(r.hash.as_str())
                .then_some((r.hash.as_str(), file))
        })
    }
}

/// Whether the attachment is a PDF to read.
pub fn is_pdf(attachment: &Attachment) -> bool {
    !attachment.placeholder
        && Path::new(&attachment.name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// Reads every PDF attached to `documents` (each file once), and reports
/// what a reader of each document's page should know about it.
pub fn read_all(documents: &[Arc<Document>], options: &Options) -> (Extracts, Diagnostics) {
    let mut problems = Diagnostics::default();
    let mut sources: Vec<&Path> = documents
        .iter()
        .flat_map(|d| &d.attachments)
        .filter(|a| is_pdf(a))
        .map(|a| a.source.as_path())
        .collect();
    sources.sort();
    sources.dedup();
    let Some(first) = documents.iter().find(|d| d.attachments.iter().any(is_pdf)) else {
        return (Extracts::default(), problems);
    };
    let scratch = match &options.cache {
        Some(folder) if std::fs::create_dir_all(folder).is_ok() => None,
        _ => tempfile::tempdir().ok().map(Arc::new),
    };
    let folder = scratch
        .as_ref()
        .map(|s| s.path().to_path_buf())
        .or_else(|| options.cache.clone())
        .unwrap_or_default();
    // Cached readings first: a rebuild with no new PDFs starts no engine.
    let looked_up: Vec<(&Path, Lookup)> = sources
        .par_iter()
        .map(|source| (*source, look_up(&folder, source, options.ocr)))
        .collect();
    let unread = looked_up
        .iter()
        .filter(|(_, l)| matches!(l, Lookup::Missing { .. }))
        .count();
    let reader = match unread {
        0 => None,
        _ => reader(&first.path, unread, options.ocr, &mut problems),
    };
    let by_source = looked_up
        .into_par_iter()
        .filter_map(|(source, lookup)| {
            let reading = match lookup {
                Lookup::Found(reading) => reading,
                Lookup::Missing { hash } => read_one(reader.as_ref()?, &folder, source, hash),
            };
            Some((source.to_path_buf(), Arc::new(reading)))
        })
        .collect();
    let extracts = Extracts {
        by_source,
        _scratch: scratch,
    };
    for document in documents {
        for attachment in document.attachments.iter().filter(|a| is_pdf(a)) {
            if let Some(reading) = extracts.get(attachment) {
                problems.extend(warning(document, attachment, reading));
            }
        }
    }
    (extracts, problems)
}

/// The reader of `unread` PDFs, if Poppler is installed; warns once (against
/// `document`, the first with a PDF) about each engine that is missing.
fn reader(
    document: &Path,
    unread: usize,
    ocr: bool,
    problems: &mut Diagnostics,
) -> Option<pdf::Reader> {
    if !tools::available("pdftotext") {
        problems.push(
            Diagnostic::warning(document, Message::NoPdftotext { count: unread })
                .hint(Message::InstallPoppler),
        );
        return None;
    }
    let with_ocr = ocr && tools::available("tesseract");
    if ocr && !with_ocr {
        problems.push(
            Diagnostic::warning(document, Message::NoTesseract).hint(Message::InstallTesseract),
        );
    }
    Some(pdf::Reader {
        limits: tools::Limits::default(),
        ocr: with_ocr,
    })
}

/// A file's reading in the cache, or the hash to read it under.
enum Lookup {
    Found(Reading),
    Missing { hash: String },
}

fn look_up(folder: &Path, source: &Path, ocr: bool) -> Lookup {
    let bytes = std::fs::metadata(source).map(|m| m.len()).unwrap_or(0);
    let unreadable = |hash: String, problem| {
        Lookup::Found(Reading {
            hash,
            outcome: Err(problem),
            preview_file: None,
        })
    };
    if bytes > pdf::MAX_BYTES {
        return unreadable(
            String::new(),
            Unreadable::TooLarge {
                bytes,
                limit: pdf::MAX_BYTES,
            },
        );
    }
    let hash = match cache::hash_file(source) {
        Ok(hash) => hash,
        Err(e) => {
            return unreadable(
                String::new(),
                Unreadable::Corrupt {
                    reason: e.to_string(),
                },
            )
        }
    };
    match cache::Slot::new(folder, &hash, ocr).load() {
        Some(entry) => Lookup::Found(reading(folder, hash, ocr, entry)),
        None => Lookup::Missing { hash },
    }
}

fn read_one(reader: &pdf::Reader, folder: &Path, source: &Path, hash: String) -> Reading {
    let slot = cache::Slot::new(folder, &hash, reader.ocr);
    let mut preview = Vec::new();
    let entry = match reader.read(source, &mut preview) {
        Ok(extract) => cache::Entry::Read(extract),
        Err(problem) => cache::Entry::Unreadable { problem },
    };
    let lasting = match &entry {
        cache::Entry::Read(_) => true,
        cache::Entry::Unreadable { problem } => problem.is_lasting(),
    };
    if lasting {
        // A cache that cannot be written only costs the next build time.
        let _ = slot.store(&entry, &preview);
    }
    reading(folder, hash, reader.ocr, entry)
}

fn reading(folder: &Path, hash: String, ocr: bool, entry: cache::Entry) -> Reading {
    let outcome = match entry {
        cache::Entry::Read(extract) => Ok(extract),
        cache::Entry::Unreadable { problem } => Err(problem),
    };
    let preview_file = outcome
        .as_ref()
        .ok()
        .and_then(|e| e.preview)
        .map(|_| cache::Slot::new(folder, &hash, ocr).preview);
    Reading {
        hash,
        outcome,
        preview_file,
    }
}

/// What `check` says about one attachment's reading, if anything.
fn warning(document: &Document, attachment: &Attachment, reading: &Reading) -> Option<Diagnostic> {
    let (message, hint) = match &reading.outcome {
        Err(problem) => (
            Message::CannotReadPdf {
                name: attachment.name.clone(),
                detail: problem.to_string(),
            },
            Message::PublishedAsIs,
        ),
        Ok(extract) => match &extract.layer {
            TextLayer::LegacyFont { font } => (
                Message::LegacyFont {
                    name: attachment.name.clone(),
                    font: font
                        .as_deref()
                        .map(|f| format!(" ({f})"))
                        .unwrap_or_default(),
                },
                Message::UnicodeFont,
            ),
            TextLayer::Scanned if extract.machine_read.is_empty() => (
                Message::Scanned {
                    name: attachment.name.clone(),
                },
                Message::UseOcr,
            ),
            _ if extract.truncated => (
                Message::Truncated {
                    name: attachment.name.clone(),
                    pages: extract.pages as usize,
                    max: pdf::MAX_PAGES as usize,
                },
                Message::SplitFile,
            ),
            _ => return None,
        },
    };
    Some(
        Diagnostic::warning(&document.path, message)
            .at(attachment.line, 0)
            .field(format!("attachments[{}].file", attachment.index))
            .hint(hint),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reading stopped by this machine (here: no time at all) is not the
    /// file's fault: the next build must try again, so it is not cached.
    #[test]
    fn a_stopped_reading_is_not_cached() {
        let folder = tempfile::tempdir().unwrap();
        let pdf = folder.path().join("a.pdf");
        std::fs::write(&pdf, b"%PDF-1.4\n%%EOF\n").unwrap();
        let cache = folder.path().join("cache");
        std::fs::create_dir(&cache).unwrap();
        let reader = pdf::Reader {
            limits: tools::Limits {
                time: std::time::Duration::ZERO,
                ..tools::Limits::default()
            },
            ocr: false,
        };
        let reading = read_one(&reader, &cache, &pdf, "0123456789ab".into());
        assert!(
            matches!(reading.outcome, Err(Unreadable::Stopped { .. })),
            "{:?}",
            reading.outcome
        );
        assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 0, "cached");
        assert!(matches!(
            look_up(&cache, &pdf, false),
            Lookup::Missing { .. }
        ));
    }
}
