//! Reading scanned pages with Tesseract: each page drawn in grey by
//! `pdftoppm`, read by `tesseract` (Khmer and English), with Tesseract's
//! mean word confidence kept beside the text.
//!
//! Pages are read in parallel, one Tesseract per core with Tesseract's own
//! threads off (`OMP_THREAD_LIMIT=1`, see [`super::tools::run`]): one
//! single-threaded run a page makes better use of the cores than a few
//! runs each starting threads of its own. Every run counts against the
//! file's budget; when it runs out, the pages read so far are kept and the
//! others are listed as unread ([`Partial`]).
//!
//! The way each page is read ([`Recipe::PIPELINE`]) was chosen by measuring
//! the character error rate on the scans of `benches/ocr/` (see the README,
//! "Scans").

use std::ffi::OsStr;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::pdf::{grey_pages, raster_dpi, Unreadable};

/// A page image read by Tesseract has at most this many pixels (about an
/// A3 page at 300 dpi): a page declared metres wide must not become an
/// image of gigabytes.
pub const MAX_PIXELS: f32 = 16.0e6;

/// Tesseract's mean confidence in the words of a page, in percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Confidence(u8);

impl Confidence {
    pub fn percent(self) -> u8 {
        self.0
    }

    /// The mean of word confidences as Tesseract's TSV gives them
    /// (0 to 100, fractions allowed); `None` for a page without words.
    fn mean(words: impl Iterator<Item = f32>) -> Option<Confidence> {
        let (sum, count) = words
            .filter(|c| (0.0..=100.0).contains(c))
            .fold((0.0f64, 0u32), |(s, n), c| (s + f64::from(c), n + 1));
        (count > 0).then(|| Confidence((sum / f64::from(count)).round() as u8))
    }
}

impl TryFrom<u8> for Confidence {
    type Error = String;

    /// Only 0 to 100: a cache entry cannot claim more.
    fn try_from(percent: u8) -> Result<Self, Self::Error> {
        if percent <= 100 {
            Ok(Confidence(percent))
        } else {
            Err(format!("a confidence of {percent} %"))
        }
    }
}

impl From<Confidence> for u8 {
    fn from(c: Confidence) -> u8 {
        c.0
    }
}

/// A page whose text is Tesseract's reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MachineRead {
    /// 1-based page number.
    pub page: u32,
    /// `None` when Tesseract found no word on the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

/// The scanned pages not read because the file's budget ran out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partial {
    /// The budget that ran out, in milliseconds: a build with more reads
    /// the file again.
    pub budget_ms: u64,
    /// 1-based numbers of the pages left unread, in order.
    pub unread: Vec<u32>,
}

/// The resolution a page is drawn at for Tesseract (at most: see
/// [`raster_dpi`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// Always this one.
    Fixed(u16),
    /// The resolution of the page's scan (its largest image's, as
    /// `pdfimages -list` tells it), kept between `min` and `max`: drawing
    /// a 150 dpi scan at 300 dpi adds no detail, and doubles Tesseract's
    /// time. `max` where the page has no image.
    Scan { min: u16, max: u16 },
}

/// How a page is drawn and read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recipe {
    pub resolution: Resolution,
    /// Tell Tesseract the image's resolution (`--dpi`); without it, it
    /// reads none from a PGM and guesses from the size of the text.
    pub dpi_hint: bool,
    /// Tesseract's page segmentation mode (`--psm`); `None`, its default (3).
    pub psm: Option<u8>,
    /// Tesseract's binarisation (`thresholding_method`: 0 Otsu, 1 Leptonica's
    /// adaptive Otsu, 2 Sauvola); `None`, its default (0).
    pub thresholding: Option<u8>,
}

impl Recipe {
    /// Tesseract as it comes, on the page drawn at 300 dpi: what sastra
    /// did before the measured pipeline, the benchmark's reference.
    /// (Its PNG told Tesseract the resolution; the PGM read now cannot.)
    pub const PLAIN: Recipe = Recipe {
        resolution: Resolution::Fixed(300),
        dpi_hint: true,
        psm: None,
        thresholding: None,
    };

    /// sastra's reading, chosen by measurement (README, "Scans").
    pub const PIPELINE: Recipe = Recipe {
        resolution: Resolution::Scan { min: 150, max: 300 },
        dpi_hint: true,
        psm: Some(6),
        thresholding: None,
    };
}

/// What Tesseract read on one page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageReading {
    pub text: String,
    pub confidence: Option<Confidence>,
}

/// Runs one engine within the file's budget: the reading's `Job`.
pub type Run<'a> = dyn Fn(&str, &[&OsStr]) -> Result<Vec<u8>, Unreadable> + Sync + 'a;

/// What reading a file's scanned pages gave.
#[derive(Debug, Default)]
pub struct Scanned {
    pub machine_read: Vec<MachineRead>,
    pub partial: Option<Partial>,
}

/// Fills the pages of `text` without any by OCR, in parallel. `sizes` are
/// the pages' widths and heights in points. A page over the budget
/// (`spent`, the budget in milliseconds) is left empty and listed in
/// [`Scanned::partial`]; any other problem ends the reading, the first in
/// page order (so that the outcome does not depend on which thread ran
/// first).
pub fn read_scanned_pages(
    run: &Run,
    path: &Path,
    text: &mut [String],
    sizes: &[(f32, f32)],
    budget_ms: u64,
) -> Result<Scanned, Unreadable> {
    let blank: Vec<u32> = (1..)
        .zip(text.iter())
        .filter(|(_, t)| t.trim().is_empty())
        .map(|(n, _)| n)
        .collect();
    let (Some(&first), Some(&last)) = (blank.first(), blank.last()) else {
        return Ok(Scanned::default());
    };
    let recipe = Recipe::PIPELINE;
    let scans = match recipe.resolution {
        Resolution::Scan { .. } => match scan_resolutions(run, path, first, last) {
            Ok(scans) => scans,
            Err(Unreadable::OverBudget { .. }) => {
                return Ok(Scanned {
                    machine_read: Vec::new(),
                    partial: Some(Partial {
                        budget_ms,
                        unread: blank,
                    }),
                })
            }
            // Only the resolution is missing: the pages are drawn at the
            // most, as a page without an image is.
            Err(_) => Vec::new(),
        },
        Resolution::Fixed(_) => Vec::new(),
    };
    let readings: Vec<(u32, Result<PageReading, Unreadable>)> = blank
        .par_iter()
        .with_max_len(1)
        .map(|&number| {
            let size = sizes
                .get(number as usize - 1)
                .copied()
                .unwrap_or((0.0, 0.0));
            let scan = scans
                .iter()
                .filter(|(page, _)| *page == number)
                .map(|(_, dpi)| *dpi)
                .max();
            (number, read_page(run, path, number, size, scan, &recipe))
        })
        .collect();
    let mut scanned = Scanned::default();
    let mut unread = Vec::new();
    for (number, reading) in readings {
        match reading {
            Ok(page) => {
                text[number as usize - 1] = page.text;
                scanned.machine_read.push(MachineRead {
                    page: number,
                    confidence: page.confidence,
                });
            }
            Err(Unreadable::OverBudget { .. }) => unread.push(number),
            Err(problem) => return Err(problem),
        }
    }
    if !unread.is_empty() {
        scanned.partial = Some(Partial { budget_ms, unread });
    }
    Ok(scanned)
}

/// The resolution of each image on pages `first` to `last`, by page, as
/// `pdfimages -list` gives it (x and y may differ: the smaller counts).
pub fn scan_resolutions(
    run: &Run,
    path: &Path,
    first: u32,
    last: u32,
) -> Result<Vec<(u32, u32)>, Unreadable> {
    let list = run(
        "pdfimages",
        &[
            "-list".as_ref(),
            "-f".as_ref(),
            first.to_string().as_ref(),
            "-l".as_ref(),
            last.to_string().as_ref(),
            "--".as_ref(),
            path.as_os_str(),
        ],
    )?;
    Ok(String::from_utf8_lossy(&list)
        .lines()
        .skip(2)
        .filter_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            // page num type width height color comp bpc enc interp object
            // ID x-ppi y-ppi size ratio
            let page = fields.first()?.parse().ok()?;
            let x: u32 = fields.get(12)?.parse().ok()?;
            let y: u32 = fields.get(13)?.parse().ok()?;
            (fields.get(2) == Some(&"image")).then_some((page, x.min(y)))
        })
        .collect())
}

/// Page `number` of `size` points read by `recipe`; `scan` is the
/// resolution of the page's image, if it has one.
pub fn read_page(
    run: &Run,
    path: &Path,
    number: u32,
    size: (f32, f32),
    scan: Option<u32>,
    recipe: &Recipe,
) -> Result<PageReading, Unreadable> {
    let wanted = match recipe.resolution {
        Resolution::Fixed(dpi) => dpi,
        Resolution::Scan { min, max } => scan.map_or(max, |dpi| {
            u16::try_from(dpi).unwrap_or(u16::MAX).clamp(min, max)
        }),
    };
    let dpi = raster_dpi(f32::from(wanted), size, MAX_PIXELS);
    let scratch = tempfile::Builder::new()
        .prefix("sastra-ocr-")
        .tempdir()
        .map_err(|e| Unreadable::Stopped {
            reason: format!("no scratch folder for a page image: {e}"),
        })?;
    let image = scratch.path().join("page.pgm");
    let args = grey_pages(path, (number, number), dpi, None);
    let pixels = run(
        "pdftoppm",
        &args.iter().map(|a| a.as_os_str()).collect::<Vec<_>>(),
    )?;
    std::fs::write(&image, pixels).map_err(|e| Unreadable::Stopped {
        reason: format!("cannot write the page image: {e}"),
    })?;
    let out = scratch.path().join("page");
    let dpi_text = (dpi.round() as u32).max(1).to_string();
    let psm = recipe.psm.map(|p| p.to_string());
    let thresholding = recipe
        .thresholding
        .map(|t| format!("thresholding_method={t}"));
    let mut args: Vec<&OsStr> = vec![
        image.as_os_str(),
        out.as_os_str(),
        "-l".as_ref(),
        "khm+eng".as_ref(),
    ];
    if recipe.dpi_hint {
        args.extend([OsStr::new("--dpi"), OsStr::new(&dpi_text)]);
    }
    if let Some(psm) = &psm {
        args.extend([OsStr::new("--psm"), OsStr::new(psm)]);
    }
    if let Some(thresholding) = &thresholding {
        args.extend([OsStr::new("-c"), OsStr::new(thresholding)]);
    }
    // Two renderers, one reading: the text as Tesseract lays it out, and
    // the words with their confidence.
    args.extend([OsStr::new("txt"), OsStr::new("tsv")]);
    run("tesseract", &args)?;
    let read = |extension: &str| {
        std::fs::read(out.with_extension(extension))
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .map_err(|e| Unreadable::Stopped {
                reason: format!("Tesseract wrote no {extension} file: {e}"),
            })
    };
    Ok(PageReading {
        text: read("txt")?.trim().to_string(),
        confidence: confidence(&read("tsv")?),
    })
}

/// The mean confidence of the words in Tesseract's TSV output: rows of
/// level 5 (a word) with text; other rows have a confidence of -1.
fn confidence(tsv: &str) -> Option<Confidence> {
    Confidence::mean(tsv.lines().skip(1).filter_map(|line| {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["5", .., conf, word] if !word.trim().is_empty() => conf.parse().ok(),
            _ => None,
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_confidence_is_the_mean_of_the_words() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n\
                   4\t1\t1\t1\t1\t0\t0\t0\t100\t10\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t90.5\tការ\n\
                   5\t1\t1\t1\t1\t2\t0\t0\t10\t10\t70\tបោះឆ្នោត\n\
                   5\t1\t1\t1\t1\t3\t0\t0\t10\t10\t95\t \n";
        assert_eq!(confidence(tsv), Some(Confidence(80)));
        assert_eq!(confidence("level\tconf\ttext\n1\t-1\t\n"), None);
    }

    /// Stands in for the engines: `pdftoppm` "draws" page N as the bytes
    /// `page N`, or is over the budget for the pages in `over`; `tesseract`
    /// reads `page N` back after a pause that makes later pages finish
    /// first, at a confidence of N × 10.
    fn engines(
        over: &'static [u32],
    ) -> impl Fn(&str, &[&OsStr]) -> Result<Vec<u8>, Unreadable> + Sync {
        move |program, args| {
            let arg = |i: usize| args[i].to_string_lossy().into_owned();
            match program {
                "pdftoppm" => {
                    let number: u32 = arg(args.iter().position(|a| *a == "-f").unwrap() + 1)
                        .parse()
                        .unwrap();
                    if over.contains(&number) {
                        return Err(Unreadable::OverBudget { budget_ms: 5 });
                    }
                    Ok(format!("page {number}").into_bytes())
                }
                "pdfimages" => Ok(
                    b"page num type\n----\n 1 0 image 10 10 gray 1 8 jpeg no 5 0 150 150 1K 1%\n"
                        .to_vec(),
                ),
                "tesseract" => {
                    let page = std::fs::read_to_string(arg(0)).unwrap();
                    let number: u64 = page.trim_start_matches("page ").parse().unwrap();
                    std::thread::sleep(std::time::Duration::from_millis(40 / number));
                    let out = std::path::PathBuf::from(arg(1));
                    std::fs::write(out.with_extension("txt"), format!("{page}\n")).unwrap();
                    std::fs::write(
                        out.with_extension("tsv"),
                        format!(
                            "level\tconf\ttext\n5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t{}\tword\n",
                            number * 10
                        ),
                    )
                    .unwrap();
                    Ok(Vec::new())
                }
                other => panic!("{other}"),
            }
        }
    }

    fn read_in(threads: usize, over: &'static [u32]) -> (Vec<String>, Result<Scanned, Unreadable>) {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let mut text = vec![
            String::new(),
            "text layer".into(),
            String::new(),
            String::new(),
            String::new(),
        ];
        let scanned = pool
            .install(|| read_scanned_pages(&engines(over), Path::new("/a.pdf"), &mut text, &[], 5));
        (text, scanned)
    }

    /// Pages read in parallel come out as one after another would give
    /// them, whichever finishes first.
    #[test]
    fn parallel_reading_gives_what_serial_reading_gives() {
        let (serial_text, serial) = read_in(1, &[]);
        let (parallel_text, parallel) = read_in(4, &[]);
        assert_eq!(serial_text, parallel_text);
        assert_eq!(
            serial_text,
            ["page 1", "text layer", "page 3", "page 4", "page 5"]
        );
        let (serial, parallel) = (serial.unwrap(), parallel.unwrap());
        assert_eq!(serial.machine_read, parallel.machine_read);
        assert_eq!(
            parallel
                .machine_read
                .iter()
                .map(|m| (m.page, m.confidence.unwrap().percent()))
                .collect::<Vec<_>>(),
            [(1, 10), (3, 30), (4, 40), (5, 50)]
        );
        assert_eq!(parallel.partial, None);
    }

    /// When the budget runs out, the pages read are kept and the others
    /// listed, with the budget that ran out.
    #[test]
    fn pages_over_the_budget_are_listed_and_the_others_kept() {
        let (text, scanned) = read_in(2, &[3, 5]);
        let scanned = scanned.unwrap();
        assert_eq!(text, ["page 1", "text layer", "", "page 4", ""]);
        assert_eq!(
            scanned
                .machine_read
                .iter()
                .map(|m| m.page)
                .collect::<Vec<_>>(),
            [1, 4]
        );
        assert_eq!(
            scanned.partial,
            Some(Partial {
                budget_ms: 5,
                unread: vec![3, 5]
            })
        );
    }

    /// `pdfimages` failing costs only the scans' resolution; `pdfimages`
    /// out of time leaves every page unread.
    #[test]
    fn the_scans_resolution_is_not_needed_to_read() {
        for (problem, read) in [
            (Unreadable::Corrupt { reason: "x".into() }, true),
            (Unreadable::OverBudget { budget_ms: 5 }, false),
        ] {
            let normal = engines(&[]);
            let run = |program: &str, args: &[&OsStr]| match program {
                "pdfimages" => Err(problem.clone()),
                _ => normal(program, args),
            };
            let mut text = vec![String::new(), String::new()];
            let scanned = read_scanned_pages(&run, Path::new("/a.pdf"), &mut text, &[], 5).unwrap();
            assert_eq!(scanned.machine_read.len(), if read { 2 } else { 0 });
            assert_eq!(scanned.partial.is_some(), !read);
            assert_eq!(text[0].is_empty(), !read);
        }
    }

    /// A scan is drawn at its own resolution, within 150 to 300 dpi;
    /// a page without an image at 300.
    #[test]
    fn a_page_is_drawn_at_its_scans_resolution() {
        let drawn = std::sync::Mutex::new(Vec::new());
        let run = |program: &str, args: &[&OsStr]| {
            if program == "pdftoppm" {
                let at = args.iter().position(|a| *a == "-r").unwrap() + 1;
                let dpi: f32 = args[at].to_string_lossy().parse().unwrap();
                drawn.lock().unwrap().push(dpi.round() as u32);
                return Err(Unreadable::OverBudget { budget_ms: 1 });
            }
            panic!("{program}");
        };
        for scan in [Some(200), Some(72), Some(1200), None] {
            let _ = read_page(
                &run,
                Path::new("/a.pdf"),
                1,
                (595.0, 842.0),
                scan,
                &Recipe::PIPELINE,
            );
        }
        let _ = read_page(
            &run,
            Path::new("/a.pdf"),
            1,
            (595.0, 842.0),
            Some(150),
            &Recipe::PLAIN,
        );
        // Less 1 %: pdftoppm rounds each side up (`raster_dpi`).
        assert_eq!(*drawn.lock().unwrap(), [198, 149, 297, 297, 297]);
    }

    #[test]
    fn a_confidence_over_100_is_refused() {
        assert!(serde_json::from_str::<Confidence>("100").is_ok());
        assert!(serde_json::from_str::<Confidence>("101").is_err());
        assert!(serde_json::from_str::<Confidence>("-1").is_err());
        assert!(serde_json::from_str::<MachineRead>(r#"{"page":1,"confidence":255}"#).is_err());
    }
}
