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
pub mod inline;
pub mod layout;
pub mod legacy;
pub mod merge;
pub mod ocr;
pub mod pdf;
pub mod raster;
pub mod shard;
pub mod tools;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rayon::prelude::*;

use crate::content::{Attachment, Document};
use crate::diagnostics::{Diagnostic, Diagnostics, Message};
pub use pdf::{Extract, Preview, TextLayer, Unreadable};
pub use shard::Shard;

/// How attachments are read.
#[derive(Debug, Clone)]
pub struct Options {
    /// Read pages without text with Tesseract.
    pub ocr: bool,
    /// Where readings are cached; `None` reads every file every time.
    pub cache: Option<cache::Cache>,
    /// The time one file may take, across all the engine runs reading it.
    pub budget: Duration,
    /// The files to read: the others are neither read nor reported on,
    /// left to the machines reading the other shards.
    pub shard: Shard,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            ocr: false,
            cache: None,
            budget: BUDGET,
            shard: Shard::WHOLE,
        }
    }
}

/// The time one file may take to read, all engine runs together (pdfinfo,
/// pdffonts, pdftotext, the page images searched for ink, the preview).
pub const BUDGET: Duration = Duration::from_secs(60);
/// The same with `--ocr`, which reads every scanned page with Tesseract.
pub const OCR_BUDGET: Duration = Duration::from_secs(600);
/// Sets the budget per file in seconds, for a build machine that is slow or
/// an archive with files that need more (a reading that ran out of a
/// smaller budget is then tried again). The machine's setting, never the
/// archive's: a pull request cannot raise it.
pub const BUDGET_VARIABLE: &str = "SASTRA_PDF_BUDGET";

/// The time one file may take on this machine: [`BUDGET_VARIABLE`] when
/// set to a number of seconds, else [`BUDGET`] or [`OCR_BUDGET`].
pub fn budget(ocr: bool) -> Duration {
    std::env::var(BUDGET_VARIABLE)
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .and_then(|seconds| Duration::try_from_secs_f64(seconds).ok())
        .unwrap_or(if ocr { OCR_BUDGET } else { BUDGET })
}

/// What one attached file gave.
#[derive(Debug, Clone)]
pub struct Reading {
    /// The file's content hash: the preview's published name.
    pub hash: String,
    pub outcome: Result<Extract, Unreadable>,
    /// Kept with the reading, so a rebuild does not hash the file again.
    pub sha256: Option<cache::Sha256>,
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
    /// The SHA-256 of every attached file (PDF or not, placeholders too:
    /// each is published), by source path.
    checksums: HashMap<PathBuf, cache::Sha256>,
    /// Kept while the readings are used, when there is no cache.
    _scratch: Option<Arc<tempfile::TempDir>>,
}

impl Extracts {
    pub fn get(&self, attachment: &Attachment) -> Option<&Reading> {
        self.by_source.get(&attachment.source).map(Arc::as_ref)
    }

    /// The published file's SHA-256; `None` only where the file could not
    /// be read during the build.
    pub fn sha256(&self, attachment: &Attachment) -> Option<&cache::Sha256> {
        self.checksums.get(&attachment.source)
    }

    /// Every reading with a preview: (content hash, image file, its size).
    pub fn previews(&self) -> impl Iterator<Item = (&str, &Path, Preview)> {
        let mut seen = std::collections::HashSet::new();
        self.by_source.values().filter_map(move |r| {
            let file = r.preview_file.as_deref()?;
            let preview = r.extract()?.preview?;
            seen.insert(r.hash.as_str())
                .then_some((r.hash.as_str(), file, preview))
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

/// Reads every PDF attached to `documents` (each file once; with a shard,
/// only the shard's), and reports what a reader of each document's page
/// should know about it; every attached file's SHA-256 comes with the
/// readings of the whole archive.
pub fn read_all(documents: &[Arc<Document>], options: &Options) -> (Extracts, Diagnostics) {
    let (mut extracts, problems) = read_pdfs(documents, options);
    // A shard's readings only fill its cache; nothing is published from
    // them, and hashing every other shard's files would cost each machine
    // a pass over the whole archive.
    if options.shard == Shard::WHOLE {
        extracts.checksums = checksums(documents, &extracts.by_source);
    }
    (extracts, problems)
}

/// Each attached file's SHA-256: a PDF's from its reading (cached), any
/// other file's computed now (only PDFs have cache entries).
fn checksums(
    documents: &[Arc<Document>],
    readings: &HashMap<PathBuf, Arc<Reading>>,
) -> HashMap<PathBuf, cache::Sha256> {
    let mut sources: Vec<&Path> = documents
        .iter()
        .flat_map(|d| &d.attachments)
        .map(|a| a.source.as_path())
        .collect();
    sources.sort();
    sources.dedup();
    sources
        .par_iter()
        .filter_map(|source| {
            let sha256 = match readings.get(*source).and_then(|r| r.sha256.clone()) {
                Some(known) => known,
                None => cache::Sha256::of(source).ok()?,
            };
            Some((source.to_path_buf(), sha256))
        })
        .collect()
}

fn read_pdfs(documents: &[Arc<Document>], options: &Options) -> (Extracts, Diagnostics) {
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
        Some(_) => None,
        None => tempfile::tempdir().ok().map(Arc::new),
    };
    let Some(cache) = options
        .cache
        .clone()
        .or_else(|| Some(cache::Cache::in_scratch(scratch.as_ref()?.path())))
    else {
        return (Extracts::default(), problems);
    };
    // Cached readings first: a rebuild with no new PDFs starts no engine.
    let looked_up: Vec<(&Path, Lookup)> = sources
        .par_iter()
        .map(|source| (*source, look_up(&cache, source, options)))
        .collect();
    let unread = looked_up
        .iter()
        .filter(|(_, l)| matches!(l, Lookup::Missing { .. }))
        .count();
    let reader = match unread {
        0 => None,
        _ => reader(&first.path, unread, options, &mut problems),
    };
    let by_source = looked_up
        .into_par_iter()
        .filter_map(|(source, lookup)| {
            let reading = match lookup {
                Lookup::Found(reading) => reading,
                Lookup::Missing { file, sha256 } => {
                    read_one(reader.as_ref()?, &cache, source, file, sha256)
                }
                // Another shard's file: no reading, so no warning either;
                // the shard that reads it says what there is to say.
                Lookup::Elsewhere => return None,
            };
            Some((source.to_path_buf(), Arc::new(reading)))
        })
        .collect();
    let extracts = Extracts {
        by_source,
        checksums: HashMap::new(),
        _scratch: scratch,
    };
    for document in documents {
        for attachment in document.attachments.iter().filter(|a| is_pdf(a)) {
            if let Some(reading) = extracts.get(attachment) {
                problems.extend(warnings(document, attachment, reading));
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
    options: &Options,
    problems: &mut Diagnostics,
) -> Option<pdf::Reader> {
    let ocr = options.ocr;
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
        // One run may take the whole budget: the budget, not the run,
        // decides when a file has cost enough.
        limits: tools::Limits {
            time: options.budget,
            ..tools::Limits::default()
        },
        budget: options.budget,
        ocr: with_ocr,
    })
}

/// A file's reading in the cache, or the hash to read it under (and its
/// checksum, computed while the engines are still to start), or nothing
/// for a file of another shard.
enum Lookup {
    Found(Reading),
    Missing {
        file: cache::FileId,
        sha256: Option<cache::Sha256>,
    },
    Elsewhere,
}

fn look_up(cache: &cache::Cache, source: &Path, options: &Options) -> Lookup {
    let ocr = options.ocr;
    let bytes = std::fs::metadata(source).map(|m| m.len()).unwrap_or(0);
    let unreadable = |problem| match options.shard.index() {
        // Not hashed, so in no shard by its content: the first says so.
        1 => Lookup::Found(Reading {
            hash: String::new(),
            outcome: Err(problem),
            sha256: None,
            preview_file: None,
        }),
        _ => Lookup::Elsewhere,
    };
    if bytes > pdf::MAX_BYTES {
        return unreadable(Unreadable::TooLarge {
            bytes,
            limit: pdf::MAX_BYTES,
        });
    }
    let file = match cache::FileId::of(source) {
        Ok(file) => file,
        Err(e) => {
            return unreadable(Unreadable::Corrupt {
                reason: e.to_string(),
            })
        }
    };
    if !options.shard.owns(&file) {
        return Lookup::Elsewhere;
    }
    let slot = cache.slot(&file, ocr);
    let sha256 = || cache::Sha256::of(source).ok();
    match slot.load() {
        // Ran out of a smaller budget than this build gives: read again.
        Some(cache::Loaded {
            entry: cache::Entry::Unreadable { problem },
            sha256: known,
        }) if problem.retried_with(options.budget) => Lookup::Missing {
            sha256: known.or_else(sha256),
            file,
        },
        // Scans left unread by a smaller budget: read again, all of it.
        Some(cache::Loaded {
            entry: cache::Entry::Read(extract),
            sha256: known,
        }) if extract.retried_with(options.budget) => Lookup::Missing {
            sha256: known.or_else(sha256),
            file,
        },
        Some(cache::Loaded {
            entry,
            sha256: Some(known),
        }) => Lookup::Found(reading(&slot, &file, entry, Some(known))),
        Some(cache::Loaded {
            entry,
            sha256: None,
        }) => {
            // An entry kept before checksums were: computed once, kept.
            let computed = sha256();
            if let Some(computed) = &computed {
                let _ = slot.store(&entry, computed, &[]);
            }
            Lookup::Found(reading(&slot, &file, entry, computed))
        }
        None => Lookup::Missing {
            sha256: sha256(),
            file,
        },
    }
}

fn read_one(
    reader: &pdf::Reader,
    cache: &cache::Cache,
    source: &Path,
    file: cache::FileId,
    sha256: Option<cache::Sha256>,
) -> Reading {
    let slot = cache.slot(&file, reader.ocr);
    let mut preview = Vec::new();
    let entry = match reader.read(source, &mut preview) {
        Ok(extract) => cache::Entry::Read(extract),
        Err(problem) => cache::Entry::Unreadable { problem },
    };
    let lasting = match &entry {
        cache::Entry::Read(_) => true,
        cache::Entry::Unreadable { problem } => problem.is_lasting(),
    };
    if let (true, Some(sha256)) = (lasting, &sha256) {
        // A cache that cannot be written only costs the next build time.
        let _ = slot.store(&entry, sha256, &preview);
    }
    reading(&slot, &file, entry, sha256)
}

fn reading(
    slot: &cache::Slot,
    file: &cache::FileId,
    entry: cache::Entry,
    sha256: Option<cache::Sha256>,
) -> Reading {
    let outcome = match entry {
        cache::Entry::Read(extract) => Ok(extract.cleaned()),
        cache::Entry::Unreadable { problem } => Err(problem),
    };
    let preview_file = outcome
        .as_ref()
        .ok()
        .and_then(|e| e.preview)
        .map(|_| slot.preview.clone());
    Reading {
        hash: file.name().to_string(),
        outcome,
        sha256,
        preview_file,
    }
}

/// What `check` says about one attachment's reading, if anything.
fn warnings(document: &Document, attachment: &Attachment, reading: &Reading) -> Vec<Diagnostic> {
    let name = || attachment.name.clone();
    let said: Vec<(Message, Message)> = match &reading.outcome {
        Err(problem @ Unreadable::OverBudget { .. }) => vec![(
            Message::CannotReadPdf {
                name: name(),
                detail: problem.to_string(),
            },
            Message::PdfBudgetHint {
                variable: BUDGET_VARIABLE.to_string(),
            },
        )],
        Err(problem) => vec![(
            Message::CannotReadPdf {
                name: name(),
                detail: problem.to_string(),
            },
            Message::PublishedAsIs,
        )],
        Ok(extract) => match &extract.layer {
            TextLayer::Legacy { pages } => legacy_warnings(extract, pages, name),
            // A reading out of time did run OCR: it is said below.
            TextLayer::Scanned if extract.machine_read.is_empty() && extract.partial.is_none() => {
                vec![(Message::Scanned { name: name() }, Message::UseOcr)]
            }
            _ => Vec::new(),
        },
    };
    let partial = reading.extract().and_then(|e| {
        let partial = e.partial.as_ref()?;
        Some((
            Message::OcrPartial {
                name: name(),
                read: e.machine_read.len(),
                unread: partial.unread.len(),
                seconds: (partial.budget_ms as f64 / 1000.0).to_string(),
            },
            Message::PdfBudgetHint {
                variable: BUDGET_VARIABLE.to_string(),
            },
        ))
    });
    let truncated = reading
        .extract()
        .filter(|e| e.truncated && said.is_empty())
        .map(|e| {
            (
                Message::Truncated {
                    name: name(),
                    pages: e.pages as usize,
                    max: pdf::MAX_PAGES as usize,
                },
                Message::SplitFile,
            )
        });
    said.into_iter()
        .chain(partial)
        .chain(truncated)
        .map(|(message, hint)| {
            Diagnostic::warning(&document.path, message)
                .at(attachment.line, 0)
                .field(format!("attachments[{}].file", attachment.index))
                .hint(hint)
        })
        .collect()
}

/// The pages in legacy fonts whose text was dropped and not read by OCR
/// either: one warning for those in fonts without a table, one for those
/// converted poorly.
fn legacy_warnings(
    extract: &Extract,
    pages: &[legacy::LegacyPage],
    name: impl Fn() -> String,
) -> Vec<(Message, Message)> {
    use legacy::Reading;
    let unread = || pages.iter().filter(|p| !extract.is_machine_read(p.number));
    let mut said = Vec::new();
    let unknown: Vec<&str> = unread()
        .filter_map(|p| match &p.reading {
            Reading::UnknownFont { font } => Some(font.as_str()),
            _ => None,
        })
        .collect();
    if let Some(font) = unknown.first() {
        said.push((
            Message::LegacyFont {
                name: name(),
                font: font.to_string(),
                pages: unknown.len(),
            },
            Message::UseOcrOrUnicode,
        ));
    }
    let poor: Vec<(&[crate::khmer::legacy::LegacyFont], u16)> = unread()
        .filter_map(|p| match &p.reading {
            Reading::Poor {
                fonts,
                invalid_per_mille,
            } => Some((fonts.as_slice(), *invalid_per_mille)),
            _ => None,
        })
        .collect();
    if !poor.is_empty() {
        let mut fonts: Vec<&str> = poor
            .iter()
            .flat_map(|(f, _)| f.iter().map(|f| f.name()))
            .collect();
        fonts.sort_unstable();
        fonts.dedup();
        let worst = poor.iter().map(|(_, share)| *share).max().unwrap_or(0);
        said.push((
            Message::LegacyPoor {
                name: name(),
                fonts: fonts.join(", "),
                pages: poor.len(),
                percent: usize::from(worst).div_ceil(10),
            },
            Message::UseOcrOrUnicode,
        ));
    }
    said
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file's checksum comes from its cache entry: a rebuild does not
    /// hash the file again (the entry here holds a checksum that is not
    /// the file's, which only the cache can have given).
    #[test]
    fn a_checksum_is_read_from_the_cache() {
        let folder = tempfile::tempdir().unwrap();
        let pdf = folder.path().join("a.pdf");
        std::fs::write(&pdf, b"%PDF-1.4\n%%EOF\n").unwrap();
        let cache = cache::Cache::in_scratch(folder.path());
        let file = cache::FileId::of(&pdf).unwrap();
        let kept = cache::Sha256::try_from("ab".repeat(32)).unwrap();
        let entry = cache::Entry::Unreadable {
            problem: Unreadable::Corrupt {
                reason: "test".into(),
            },
        };
        cache.slot(&file, false).store(&entry, &kept, &[]).unwrap();
        let Lookup::Found(reading) = look_up(&cache, &pdf, &Options::default()) else {
            panic!("the entry was not found");
        };
        assert_eq!(reading.sha256, Some(kept));
        // Without an entry, the checksum is the file's own.
        let other = folder.path().join("b.pdf");
        std::fs::write(&other, b"%PDF-1.4\n%b\n").unwrap();
        let Lookup::Missing { sha256, .. } = look_up(&cache, &other, &Options::default()) else {
            panic!("an entry for a new file");
        };
        assert_eq!(sha256, cache::Sha256::of(&other).ok());
    }

    /// A reading stopped by this machine (here: no time at all) is not the
    /// file's fault: the next build must try again, so it is not cached.
    #[test]
    fn a_stopped_reading_is_not_cached() {
        let folder = tempfile::tempdir().unwrap();
        let pdf = folder.path().join("a.pdf");
        std::fs::write(&pdf, b"%PDF-1.4\n%%EOF\n").unwrap();
        let cache_folder = folder.path().join("cache");
        std::fs::create_dir(&cache_folder).unwrap();
        let cache = cache::Cache::in_scratch(&cache_folder);
        let reader = pdf::Reader {
            limits: tools::Limits {
                time: std::time::Duration::ZERO,
                ..tools::Limits::default()
            },
            budget: BUDGET,
            ocr: false,
        };
        let file = cache::FileId::of(&pdf).unwrap();
        let reading = read_one(&reader, &cache, &pdf, file, cache::Sha256::of(&pdf).ok());
        assert!(
            matches!(reading.outcome, Err(Unreadable::Stopped { .. })),
            "{:?}",
            reading.outcome
        );
        assert_eq!(
            std::fs::read_dir(&cache_folder).unwrap().count(),
            0,
            "cached"
        );
        assert!(matches!(
            look_up(&cache, &pdf, &Options::default()),
            Lookup::Missing { .. }
        ));
    }

    /// A file whose engine runs take more than the budget of one file,
    /// together, is over budget however short each run is; the outcome is
    /// cached, so the next build with the same budget runs no engine, and
    /// a larger budget reads it again.
    #[test]
    fn a_file_over_its_budget_is_cached_as_such() {
        let folder = tempfile::tempdir().unwrap();
        let pdf = folder.path().join("a.pdf");
        // pdfinfo, pdffonts and pdftotext each take milliseconds at least.
        std::fs::write(&pdf, hand_written_pdf()).unwrap();
        let cache_folder = folder.path().join("cache");
        std::fs::create_dir(&cache_folder).unwrap();
        let cache = cache::Cache::in_scratch(&cache_folder);
        let file = cache::FileId::of(&pdf).unwrap();
        let options = |budget| Options {
            budget,
            ..Options::default()
        };
        for budget_ms in [0, 1, 2] {
            let budget = Duration::from_millis(budget_ms);
            let reader = pdf::Reader {
                limits: tools::Limits::default(),
                budget,
                ocr: false,
            };
            let reading = read_one(
                &reader,
                &cache,
                &pdf,
                file.clone(),
                cache::Sha256::of(&pdf).ok(),
            );
            assert_eq!(
                reading.outcome,
                Err(Unreadable::OverBudget { budget_ms }),
                "{budget_ms} ms"
            );
            assert!(
                matches!(
                    look_up(&cache, &pdf, &options(budget)),
                    Lookup::Found(Reading {
                        outcome: Err(Unreadable::OverBudget { .. }),
                        ..
                    })
                ),
                "cached, and not read again with the same budget"
            );
        }
        assert!(
            matches!(
                look_up(&cache, &pdf, &options(BUDGET)),
                Lookup::Missing { .. }
            ),
            "a larger budget reads it again"
        );
    }

    /// A one-page PDF with a line of text.
    fn hand_written_pdf() -> Vec<u8> {
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            "<< /Length 44 >>\nstream\nBT /F1 18 Tf 72 700 Td (Minutes) Tj ET    \nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        let mut pdf = String::from("%PDF-1.4\n");
        let mut offsets = Vec::new();
        for (i, object) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf.push_str(&format!("{} 0 obj\n{object}\nendobj\n", i + 1));
        }
        let xref = pdf.len();
        pdf.push_str("xref\n0 6\n0000000000 65535 f \n");
        for offset in offsets {
            pdf.push_str(&format!("{offset:010} 00000 n \n"));
        }
        pdf.push_str(&format!(
            "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
        ));
        pdf.into_bytes()
    }
}
