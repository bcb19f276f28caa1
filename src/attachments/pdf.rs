//! Reading one PDF with Poppler's tools: its facts (`pdfinfo`), fonts
//! (`pdffonts`), words (`pdftotext -bbox-layout`), the font of each run of
//! text where a font is a legacy Khmer one (`pdftohtml -xml`, see
//! [`legacy`]), page images (`pdftoppm`) and, for pages without text,
//! Tesseract's reading of them ([`ocr`]).

use std::ffi::OsString;
use std::path::Path;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::layout::{self, Word};
use super::legacy::{self, LegacyPage, Reading};
use super::ocr::{self, MachineRead, Partial};
use super::raster::{self, Grey};
use super::tools::{self, Limits, ToolError};
use crate::text;

/// Pages read at most; a longer PDF is read that far and says so.
pub const MAX_PAGES: u32 = 1000;
/// Files larger than this are not read at all.
pub const MAX_BYTES: u64 = 512 << 20;
/// The preview's longer side, in pixels.
pub const PREVIEW_SIZE: u32 = 200;
/// Resolution of the page images searched for ink in word gaps.
const INK_DPI: f32 = 144.0;
/// Pages drawn at a time to look for ink (an A4 page is about 2 MB in grey).
const INK_BATCH: usize = 16;
/// A page image searched for ink has at most this many pixels (an A3 page
/// at [`INK_DPI`]), so a batch is at most 64 MB of scratch files.
const INK_MAX_PIXELS: f32 = 4.0e6;
/// A page image is never larger than this many pixels on a side.
const MAX_RASTER_SIDE: f32 = 6000.0;

/// The resolution to draw a page of `width` × `height` points at: `wanted`,
/// or less where that would make an image of more than `max_pixels` pixels
/// or more than [`MAX_RASTER_SIDE`] on a side. It has no floor: a page
/// declared a kilometre wide is drawn at a fraction of a dpi, since any
/// floor lets the page's size, which the file chooses, pick the image's.
pub(super) fn raster_dpi(wanted: f32, (width, height): (f32, f32), max_pixels: f32) -> f32 {
    // In f64: the area of a page of f32::MAX points is no number in f32.
    let (width, height) = (f64::from(width.max(1.0)), f64::from(height.max(1.0)));
    let by_side = f64::from(MAX_RASTER_SIDE) * 72.0 / width.max(height);
    let by_area = 72.0 * (f64::from(max_pixels) / (width * height)).sqrt();
    // 1 % less: pdftoppm rounds each side up.
    (f64::from(wanted).min(by_side).min(by_area) * 0.99) as f32
}

/// What a PDF gave: the cached result of reading it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extract {
    pub pages: u32,
    /// The text of each page read, in order (empty for a page without any,
    /// and for every page when the text is not searchable).
    pub text: Vec<String>,
    pub layer: TextLayer,
    /// The pages whose text is Tesseract's reading, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub machine_read: Vec<MachineRead>,
    /// The scanned pages left unread when the file's budget ran out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<Partial>,
    /// The PDF's own metadata, as [`Info`] has it (unchecked: never a fact
    /// about the document; `sastra new --attach` offers it from [`info`]).
    pub title: Option<String>,
    pub created: Option<String>,
    /// Only the first [`MAX_PAGES`] were read.
    #[serde(default)]
    pub truncated: bool,
    pub preview: Option<Preview>,
}

impl Extract {
    /// Whether page `number` (1-based) is Tesseract's reading.
    pub fn is_machine_read(&self, number: u32) -> bool {
        self.machine_read.iter().any(|m| m.page == number)
    }

    /// Whether reading again with `budget` per file may read more: only a
    /// partial reading that ran out of a smaller budget (the rule of
    /// [`Unreadable::retried_with`]).
    pub fn retried_with(&self, budget: Duration) -> bool {
        self.partial
            .as_ref()
            .is_some_and(|p| u128::from(p.budget_ms) < budget.as_millis())
    }

    /// The extract with every text it carries [`text::cleaned`]: a PDF's
    /// text and metadata reach pages, feeds and the search files, and the
    /// PDF, the source, cannot be corrected the way a document is, so the
    /// characters no output may carry (ESC, NUL, a right-to-left override)
    /// are dropped rather than refused. Applied to every extract used,
    /// read now or taken from the cache.
    pub fn cleaned(mut self) -> Extract {
        let clean = |s: &mut String| {
            if let std::borrow::Cow::Owned(c) = text::cleaned(s) {
                *s = c;
            }
        };
        self.text.iter_mut().for_each(clean);
        self.title.iter_mut().for_each(clean);
        self.created.iter_mut().for_each(clean);
        if let TextLayer::Legacy { pages } = &mut self.layer {
            for page in pages {
                if let Reading::UnknownFont { font } = &mut page.reading {
                    clean(font);
                }
            }
        }
        self
    }
}

/// Where the text of a PDF comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum TextLayer {
    /// Unicode text on at least one page.
    Unicode,
    /// Khmer drawn on Latin code points by pre-Unicode fonts on some pages:
    /// how each of those pages was read (converted to Unicode, or dropped
    /// where the font has no known table or the conversion is poor).
    Legacy { pages: Vec<LegacyPage> },
    /// No page has any text: scanned images.
    Scanned,
}

/// The first page as a small PNG, kept in the cache beside the extract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub width: u32,
    pub height: u32,
}

/// Why a PDF was not read. Each names no file: the caller does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Unreadable {
    #[error("the PDF is protected by a password")]
    Encrypted,
    #[error("not a readable PDF ({reason})")]
    Corrupt { reason: String },
    #[error("the file has {bytes} bytes, more than the {limit} read at most")]
    TooLarge { bytes: u64, limit: u64 },
    #[error("reading it went over a limit ({reason})")]
    Limit { reason: String },
    /// The engines' runs on this file (text, page images, preview, OCR)
    /// took all of the time one file may take. Cached with that time, so
    /// that the next build does not pay again, and a build given more time
    /// per file tries again.
    #[error("reading it took more than the {} s one file may take", *.budget_ms as f64 / 1000.0)]
    OverBudget { budget_ms: u64 },
    /// Not the file's doing (an engine ran out of time on a busy machine,
    /// could not start, or had no scratch space): never cached, so the next
    /// build tries again.
    #[error("reading it was stopped ({reason}); the next build tries again")]
    Stopped { reason: String },
}

impl Unreadable {
    /// Whether the file itself is the cause, so that reading it again would
    /// end the same way.
    pub fn is_lasting(&self) -> bool {
        !matches!(self, Unreadable::Stopped { .. })
    }

    /// Whether reading again with `budget` per file may end otherwise: only
    /// a reading that ran out of a smaller budget.
    pub fn retried_with(&self, budget: Duration) -> bool {
        matches!(self, Unreadable::OverBudget { budget_ms } if u128::from(*budget_ms) < budget.as_millis())
    }
}

/// How to read: the limits of each tool run, the time one file may take
/// across all of them, and whether to run Tesseract.
#[derive(Debug, Clone, Copy)]
pub struct Reader {
    /// `limits.time` caps one run; a run stopped by it while the file's
    /// budget lasts is the machine's doing (not cached).
    pub limits: Limits,
    pub budget: Duration,
    pub ocr: bool,
}

impl Reader {
    /// Reads the PDF at `path` (absolute); `preview` receives the preview
    /// image's bytes. Every engine run counts against [`Reader::budget`].
    pub fn read(&self, path: &Path, preview: &mut Vec<u8>) -> Result<Extract, Unreadable> {
        Job {
            reader: *self,
            deadline: Instant::now() + self.budget,
        }
        .read(path, preview)
    }
}

/// The reading of one file: the reader and when the file's budget ends.
struct Job {
    reader: Reader,
    deadline: Instant,
}

impl Job {
    fn read(&self, path: &Path, preview: &mut Vec<u8>) -> Result<Extract, Unreadable> {
        let info = self.info(path)?;
        let last = info.pages.min(MAX_PAGES);
        let fonts = self.fonts(path, last)?;
        let PageTexts {
            mut text,
            sizes,
            legacy,
        } = self.page_texts(path, last, &fonts)?;
        let layer = classify(&text, legacy);
        if matches!(layer, TextLayer::Scanned) {
            text.iter_mut().for_each(String::clear);
        }
        // The preview before OCR: a reading that runs out of time while
        // reading scans keeps it.
        *preview = self.first_page_image(path)?;
        let preview_size =
            raster::png_size(preview).map(|(width, height)| Preview { width, height });
        // Pages without text: scans, and pages in a legacy font whose text
        // was dropped.
        let mut scanned = ocr::Scanned::default();
        if self.reader.ocr {
            let run = |program: &str, args: &[&std::ffi::OsStr]| self.run(program, args);
            scanned = ocr::read_scanned_pages(&run, path, &mut text, &sizes, self.budget_ms())?;
        }
        Ok(Extract {
            pages: info.pages,
            text,
            layer,
            machine_read: scanned.machine_read,
            partial: scanned.partial,
            title: info.title,
            created: info.created,
            truncated: info.pages > last,
            preview: preview_size,
        })
    }

    /// The text of pages 1 to `last`, with the words in a legacy Khmer font
    /// (one of `fonts`) converted, and the spaces Poppler puts inside Khmer
    /// words removed where the page's ink shows none.
    fn page_texts(
        &self,
        path: &Path,
        last: u32,
        fonts: &[String],
    ) -> Result<PageTexts, Unreadable> {
        let xhtml = self.run(
            "pdftotext",
            &[
                "-bbox-layout".as_ref(),
                "-enc".as_ref(),
                "UTF-8".as_ref(),
                "-l".as_ref(),
                last.to_string().as_ref(),
                "--".as_ref(),
                path.as_os_str(),
                "-".as_ref(),
            ],
        )?;
        let mut pages =
            layout::parse(&String::from_utf8_lossy(&xhtml)).map_err(|e| Unreadable::Corrupt {
                reason: e.to_string(),
            })?;
        let legacy = match legacy::any_legacy(fonts) {
            true => legacy::convert_pages(&mut pages, &self.runs(path, last)?),
            false => Vec::new(),
        };
        let dropped = |number: u32| {
            legacy
                .iter()
                .any(|p| p.number == number && p.reading.is_dropped())
        };
        let mut text = Vec::with_capacity(pages.len());
        // Pages are drawn a few at a time, by one pdftoppm each, and only
        // the pages with a gap between Khmer words.
        for (chunk, batch) in pages.chunks(INK_BATCH).enumerate() {
            let first = (chunk * INK_BATCH) as u32 + 1;
            let needed: Vec<u32> = (first..)
                .zip(batch)
                .filter(|(number, page)| !dropped(*number) && page.khmer_gaps().next().is_some())
                .map(|(number, _)| number)
                .collect();
            let images = self.page_images(path, &needed, batch)?;
            for (number, page) in (first..).zip(batch) {
                if dropped(number) {
                    text.push(String::new());
                    continue;
                }
                let ink = images.iter().find(|(n, _, _)| *n == number);
                text.push(
                    page.text(&|a, b| {
                        ink.is_some_and(|(_, grey, scale)| inked(grey, *scale, a, b))
                    }),
                );
            }
        }
        let sizes = pages.iter().map(|p| (p.width, p.height)).collect();
        Ok(PageTexts {
            text,
            sizes,
            legacy,
        })
    }

    /// Each page's runs of text with their fonts, from page 1 to `last`.
    fn runs(&self, path: &Path, last: u32) -> Result<Vec<Vec<legacy::Run>>, Unreadable> {
        let xml = self.run(
            "pdftohtml",
            &[
                "-xml".as_ref(),
                // No images: the runs are all that is read.
                "-i".as_ref(),
                "-stdout".as_ref(),
                "-q".as_ref(),
                // In points, as pdftotext's boxes are.
                "-zoom".as_ref(),
                "1".as_ref(),
                "-fontfullname".as_ref(),
                "-l".as_ref(),
                last.to_string().as_ref(),
                "--".as_ref(),
                path.as_os_str(),
            ],
        )?;
        legacy::parse_runs(&String::from_utf8_lossy(&xml)).map_err(|e| Unreadable::Corrupt {
            reason: e.to_string(),
        })
    }

    /// The first page as a PNG of at most [`PREVIEW_SIZE`] pixels a side.
    fn first_page_image(&self, path: &Path) -> Result<Vec<u8>, Unreadable> {
        self.run(
            "pdftoppm",
            &[
                "-png".as_ref(),
                "-f".as_ref(),
                "1".as_ref(),
                "-l".as_ref(),
                "1".as_ref(),
                "-scale-to".as_ref(),
                PREVIEW_SIZE.to_string().as_ref(),
                "--".as_ref(),
                path.as_os_str(),
            ],
        )
    }

    /// Runs one engine with what is left of the file's budget (or less,
    /// the cap of one run).
    fn run(&self, program: &str, args: &[&std::ffi::OsStr]) -> Result<Vec<u8>, Unreadable> {
        let limits = self.limits()?;
        let result = tools::run(program, args, limits);
        self.over_budget(result, limits)
    }

    /// The limits of the next run, or the budget is spent.
    fn limits(&self) -> Result<Limits, Unreadable> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(self.spent());
        }
        Ok(Limits {
            time: self.reader.limits.time.min(left),
            ..self.reader.limits
        })
    }

    /// A run stopped at the end of the file's budget spent it; one stopped
    /// by the cap of one run, with budget left, was held up by the machine.
    fn over_budget<T>(
        &self,
        result: Result<T, ToolError>,
        limits: Limits,
    ) -> Result<T, Unreadable> {
        match result {
            Err(ToolError::Timeout { .. }) if limits.time < self.reader.limits.time => {
                Err(self.spent())
            }
            Err(ToolError::Timeout { .. }) if Instant::now() >= self.deadline => Err(self.spent()),
            other => other.map_err(unreadable),
        }
    }

    fn spent(&self) -> Unreadable {
        Unreadable::OverBudget {
            budget_ms: self.budget_ms(),
        }
    }

    fn budget_ms(&self) -> u64 {
        u64::try_from(self.reader.budget.as_millis()).unwrap_or(u64::MAX)
    }

    fn info(&self, path: &Path) -> Result<Info, Unreadable> {
        let limits = self.limits()?;
        let info = self.over_budget(info(path, limits), limits)?;
        if info.pages == 0 {
            return Err(Unreadable::Corrupt {
                reason: "it has no pages".into(),
            });
        }
        Ok(info)
    }

    /// The fonts' names, subset prefixes ("AAAAAA+") removed.
    fn fonts(&self, path: &Path, last: u32) -> Result<Vec<String>, Unreadable> {
        let output = self.run(
            "pdffonts",
            &[
                "-l".as_ref(),
                last.to_string().as_ref(),
                "--".as_ref(),
                path.as_os_str(),
            ],
        )?;
        Ok(String::from_utf8_lossy(&output)
            .lines()
            .skip(2)
            .filter_map(|line| line.split_whitespace().next())
            .map(|name| name.split_once('+').map_or(name, |(_, n)| n).to_string())
            .collect())
    }

    /// The pages `numbers` (all in `batch`) in grey at the ink resolution
    /// (lower for large pages: see [`raster_dpi`]), each with its pixels
    /// per point.
    fn page_images(
        &self,
        path: &Path,
        numbers: &[u32],
        batch: &[layout::Page],
    ) -> Result<Vec<(u32, Grey, f32)>, Unreadable> {
        let (Some(&first), Some(&last)) = (numbers.first(), numbers.last()) else {
            return Ok(Vec::new());
        };
        // pdftoppm draws every page from `first` to `last` at one
        // resolution: the one the largest page of the batch allows.
        let dpi = batch
            .iter()
            .map(|p| raster_dpi(INK_DPI, (p.width, p.height), INK_MAX_PIXELS))
            .fold(INK_DPI, f32::min);
        let folder = tempfile::tempdir().map_err(|e| Unreadable::Stopped {
            reason: format!("no scratch folder for page images: {e}"),
        })?;
        let root = folder.path().join("page");
        let args = grey_pages(path, (first, last), dpi, Some(&root));
        self.run(
            "pdftoppm",
            &args.iter().map(OsString::as_os_str).collect::<Vec<_>>(),
        )?;
        // pdftoppm names them page-<number>.pgm, the number zero-padded.
        let mut images = Vec::new();
        for entry in std::fs::read_dir(folder.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(number) = name
                .strip_prefix("page-")
                .and_then(|n| n.strip_suffix(".pgm"))
                .and_then(|n| n.parse::<u32>().ok())
            else {
                continue;
            };
            if numbers.contains(&number) {
                if let Some(grey) = std::fs::read(entry.path())
                    .ok()
                    .and_then(|d| Grey::from_pgm(&d))
                {
                    images.push((number, grey, dpi / 72.0));
                }
            }
        }
        Ok(images)
    }
}

/// `pdftoppm`'s arguments to draw pages `first` to `last` of the PDF at
/// `path` in grey at `dpi`: into files named `<root>-<number>.pgm`, or,
/// without a root, one page to standard output.
pub(super) fn grey_pages(
    path: &Path,
    (first, last): (u32, u32),
    dpi: f32,
    root: Option<&Path>,
) -> Vec<OsString> {
    let mut args: Vec<OsString> = [
        "-gray".into(),
        "-r".into(),
        dpi.to_string(),
        "-f".into(),
        first.to_string(),
        "-l".into(),
        last.to_string(),
        "--".into(),
    ]
    .into_iter()
    .map(OsString::from)
    .collect();
    args.push(path.as_os_str().to_owned());
    args.extend(root.map(|r| r.as_os_str().to_owned()));
    args
}

/// Whether the gap between words `a` and `b` holds ink, that is, whether it
/// is no space but part of a glyph the text layer's boxes left out.
fn inked(grey: &Grey, scale: f32, a: &Word, b: &Word) -> bool {
    let x0 = (a.x_max * scale).floor() as usize + 1;
    let x1 = ((b.x_min * scale).ceil() as usize).saturating_sub(1);
    let y0 = (a.y_min.max(b.y_min) * scale) as usize;
    let y1 = (a.y_max.min(b.y_max) * scale) as usize;
    x1 > x0 && grey.has_stroke((x0, x1), (y0, y1), (y1.saturating_sub(y0) / 5).max(2))
}

/// What the text of a PDF comes from: legacy fonts where any page has
/// text in one, else Unicode, or a scan where no page has any text.
fn classify(text: &[String], legacy: Vec<LegacyPage>) -> TextLayer {
    if !legacy.is_empty() {
        TextLayer::Legacy { pages: legacy }
    } else if text.iter().all(|t| t.trim().is_empty()) {
        TextLayer::Scanned
    } else {
        TextLayer::Unicode
    }
}

/// The pages' texts, sizes in points, and how the pages in legacy fonts
/// were read.
struct PageTexts {
    text: Vec<String>,
    sizes: Vec<(f32, f32)>,
    legacy: Vec<LegacyPage>,
}

fn unreadable(error: ToolError) -> Unreadable {
    match error {
        ToolError::Failed { message, .. } if message.contains("Incorrect password") => {
            Unreadable::Encrypted
        }
        ToolError::Failed { message, .. } => Unreadable::Corrupt { reason: message },
        too_much @ (ToolError::TooMuchOutput { .. } | ToolError::TooLargeFile { .. }) => {
            Unreadable::Limit {
                reason: too_much.to_string(),
            }
        }
        stopped @ (ToolError::Timeout { .. }
        | ToolError::Missing { .. }
        | ToolError::Spawn { .. }) => Unreadable::Stopped {
            reason: stopped.to_string(),
        },
    }
}

/// What `pdfinfo` says about the PDF at `path` (absolute): the facts a
/// reading starts from, and the file's own metadata, which `sastra new
/// --attach` offers to the maintainer. The tool's own error is kept, so
/// that a caller can tell a missing Poppler from a broken file.
pub fn info(path: &Path, limits: Limits) -> Result<Info, ToolError> {
    let output = tools::run(
        "pdfinfo",
        &["-isodates".as_ref(), "--".as_ref(), path.as_os_str()],
        limits,
    )?;
    Ok(Info::parse(&String::from_utf8_lossy(&output)))
}

/// What `pdfinfo` says. The title and dates are whatever the software that
/// wrote the file put there: often the day it was exported, never a fact
/// about the document until someone checks it.
#[derive(Debug, Default, PartialEq)]
pub struct Info {
    pub pages: u32,
    pub title: Option<String>,
    /// `CreationDate`, ISO 8601 (`-isodates`).
    pub created: Option<String>,
    /// `ModDate`, ISO 8601.
    pub modified: Option<String>,
}

impl Info {
    fn parse(output: &str) -> Info {
        let mut info = Info::default();
        for line in output.lines() {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match key {
                "Pages" => info.pages = value.parse().unwrap_or(0),
                "Title" if !value.is_empty() => info.title = Some(value.to_string()),
                "CreationDate" if !value.is_empty() => info.created = Some(value.to_string()),
                "ModDate" if !value.is_empty() => info.modified = Some(value.to_string()),
                _ => {}
            }
        }
        info
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever size a page declares, its image stays within the pixel
    /// budget and the side limit; ordinary pages keep the wanted resolution.
    #[test]
    fn a_page_image_is_bounded_whatever_the_page_size() {
        let pixels = |dpi: f32, (w, h): (f32, f32)| {
            let side = |points: f32| (f64::from(points) * f64::from(dpi) / 72.0).ceil().max(1.0);
            (side(w), side(h))
        };
        for size in [
            (1.0e6, 1.0e6),
            (1.0e9, 1.0e9),
            (1.0, 1.0e6),
            (1.0e6, 1.0),
            (14_400.0, 14_400.0),
            (3_000.0, 4_000.0),
            (0.0, 0.0),
            (f32::MAX, f32::MAX),
        ] {
            for (wanted, max) in [(INK_DPI, INK_MAX_PIXELS), (300.0, ocr::MAX_PIXELS)] {
                let dpi = raster_dpi(wanted, size, max);
                assert!(dpi > 0.0 && dpi <= wanted, "{size:?}: {dpi}");
                let (w, h) = pixels(dpi, size);
                assert!(
                    w.max(h) <= f64::from(MAX_RASTER_SIDE),
                    "{size:?}: {w} × {h}"
                );
                assert!(w * h <= f64::from(max), "{size:?}: {w} × {h}");
            }
        }
        // An A4 page keeps its resolution (less the 1 % margin).
        assert!(raster_dpi(INK_DPI, (595.0, 842.0), INK_MAX_PIXELS) > 142.0);
        assert!(raster_dpi(300.0, (595.0, 842.0), ocr::MAX_PIXELS) > 296.0);
    }

    #[test]
    fn pdfinfo_output_is_read() {
        let info = Info::parse("Title:           Report: 2023\nCreationDate:    2023-06-01T10:00:00Z\nModDate:         2023-06-02T09:00:00+07\nPages:           12\nEncrypted:       no\n");
        assert_eq!(info.pages, 12);
        assert_eq!(info.title.as_deref(), Some("Report: 2023"));
        assert_eq!(info.created.as_deref(), Some("2023-06-01T10:00:00Z"));
        assert_eq!(info.modified.as_deref(), Some("2023-06-02T09:00:00+07"));
    }

    #[test]
    fn legacy_fonts_scans_and_unicode_are_told_apart() {
        let converted = vec![LegacyPage {
            number: 1,
            reading: Reading::Converted { fonts: vec![] },
        }];
        assert_eq!(
            classify(&["ការបោះឆ្នោត".into()], converted.clone()),
            TextLayer::Legacy { pages: converted }
        );
        assert_eq!(
            classify(&["Minutes".into()], Vec::new()),
            TextLayer::Unicode
        );
        assert_eq!(
            classify(&[String::new(), " \n".into()], Vec::new()),
            TextLayer::Scanned
        );
    }
}
