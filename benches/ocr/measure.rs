//! The OCR benchmark: how well and how fast sastra reads scans.
//!
//!     cargo build --release --example sastra-ocr-bench
//!     target/release/examples/sastra-ocr-bench accuracy SET_DIR
//!     target/release/examples/sastra-ocr-bench speed FILE.pdf [ROUNDS]
//!
//! `accuracy` reads every page of the set made by `render.mjs` and
//! `degrade.py` (SET_DIR/<condition>/<page>.pdf beside <page>.txt, its true
//! text) twice: with Tesseract as it comes on the page drawn at 300 dpi
//! (`Recipe::PLAIN`, sastra's reading before the pipeline) and with
//! sastra's pipeline (`Recipe::PIPELINE`). It prints the character error
//! rate per condition (`cer.rs` says how it is counted) as a Markdown table.
//!
//! `speed` reads a scanned PDF as a build does (`Reader::read`, pages in
//! parallel, Tesseract's threads off) and as sastra did before (one page
//! after another, `pdftoppm` then `tesseract` with its own threads), the
//! two alternately, ROUNDS times each (2 by default), and prints pages a
//! minute and the machine's load: the machine is shared, so only figures
//! taken in one sitting compare.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use sastra::attachments::ocr::{self, Recipe};
use sastra::attachments::pdf::{Reader, Unreadable};
use sastra::attachments::tools::{self, Limits};

#[path = "cer.rs"]
mod cer;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["accuracy", set] => accuracy(Path::new(set)),
        ["speed", pdf] => speed(Path::new(pdf), 2),
        ["speed", pdf, rounds] => speed(Path::new(pdf), rounds.parse().expect("ROUNDS")),
        _ => {
            eprintln!("usage: sastra-ocr-bench accuracy SET_DIR | speed FILE.pdf [ROUNDS]");
            std::process::exit(2);
        }
    }
}

fn run(program: &str, args: &[&OsStr]) -> Result<Vec<u8>, Unreadable> {
    tools::run(program, args, Limits::default()).map_err(|e| Unreadable::Stopped {
        reason: e.to_string(),
    })
}

/// A4 in points: the set's pages (the size only caps a page image's pixels).
const A4: (f32, f32) = (595.0, 842.0);

fn accuracy(set: &Path) {
    let mut pages: Vec<(String, PathBuf)> = Vec::new();
    let mut conditions: Vec<PathBuf> = std::fs::read_dir(set)
        .expect("SET_DIR")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    conditions.sort();
    for condition in &conditions {
        let name = condition
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let mut pdfs: Vec<PathBuf> = std::fs::read_dir(condition)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension() == Some(OsStr::new("pdf")))
            .collect();
        pdfs.sort();
        pages.extend(pdfs.into_iter().map(|p| (name.clone(), p)));
    }
    let recipes = [("plain", Recipe::PLAIN), ("sastra", Recipe::PIPELINE)];
    let jobs: Vec<(usize, usize)> = (0..pages.len())
        .flat_map(|p| (0..recipes.len()).map(move |r| (p, r)))
        .collect();
    let results: Vec<(usize, usize, usize, usize)> = jobs
        .par_iter()
        .with_max_len(1)
        .map(|&(p, r)| {
            let (_, pdf) = &pages[p];
            let truth = std::fs::read_to_string(pdf.with_extension("txt")).expect("true text");
            let scan = ocr::scan_resolutions(&run, pdf, 1, 1)
                .expect("pdfimages")
                .iter()
                .map(|(_, dpi)| *dpi)
                .max();
            let read = ocr::read_page(&run, pdf, 1, A4, scan, &recipes[r].1)
                .unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
            let (errors, length) = cer::errors(&truth, &read.text);
            eprintln!(
                "{} {:6} {:5.1}% confidence {:?}",
                pdf.display(),
                recipes[r].0,
                100.0 * errors as f64 / length as f64,
                read.confidence.map(|c| c.percent())
            );
            (p, r, errors, length)
        })
        .collect();
    // Per condition: (errors, characters) per recipe, and pages.
    type Row = ([(usize, usize); 2], usize);
    let mut table: BTreeMap<&str, Row> = BTreeMap::new();
    for (p, r, errors, length) in results {
        let row = table.entry(pages[p].0.as_str()).or_default();
        row.0[r].0 += errors;
        row.0[r].1 += length;
        if r == 0 {
            row.1 += 1;
        }
    }
    let rate = |(e, n): (usize, usize)| 100.0 * e as f64 / n.max(1) as f64;
    println!(
        "| condition | pages | characters | plain `tesseract khm+eng` | sastra | fewer errors |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    let mut degraded = [(0, 0); 2];
    let mut degraded_pages = 0;
    for (condition, (recipes, count)) in &table {
        println!(
            "| {condition} | {count} | {} | {:.1}% | {:.1}% | {:.0}% |",
            recipes[0].1,
            rate(recipes[0]),
            rate(recipes[1]),
            100.0 * (1.0 - recipes[1].0 as f64 / recipes[0].0.max(1) as f64)
        );
        if !condition.ends_with("-clean") {
            for r in 0..2 {
                degraded[r].0 += recipes[r].0;
                degraded[r].1 += recipes[r].1;
            }
            degraded_pages += count;
        }
    }
    println!(
        "| **all degraded** | {degraded_pages} | {} | **{:.1}%** | **{:.1}%** | **{:.0}%** |",
        degraded[0].1,
        rate(degraded[0]),
        rate(degraded[1]),
        100.0 * (1.0 - degraded[1].0 as f64 / degraded[0].0.max(1) as f64)
    );
}

fn speed(pdf: &Path, rounds: usize) {
    let pdf = std::fs::canonicalize(pdf).expect("FILE.pdf");
    let pages = pdf_pages(&pdf);
    let reader = Reader {
        limits: Limits {
            time: Duration::from_secs(3600),
            ..Limits::default()
        },
        budget: Duration::from_secs(3600),
        ocr: true,
    };
    println!("{} pages; {} cores", pages, rayon::current_num_threads());
    for round in 1..=rounds {
        let load = loadavg();
        let started = Instant::now();
        before(&pdf, pages);
        let serial = started.elapsed();
        let started = Instant::now();
        let extract = reader.read(&pdf, &mut Vec::new()).expect("read");
        let parallel = started.elapsed();
        assert_eq!(extract.machine_read.len() as u32, pages, "every page OCR'd");
        let per_minute = |d: Duration| f64::from(pages) * 60.0 / d.as_secs_f64();
        println!(
            "round {round}: before {:.1} pages/min ({:.1} s), after {:.1} pages/min ({:.1} s); load {load} → {}",
            per_minute(serial),
            serial.as_secs_f64(),
            per_minute(parallel),
            parallel.as_secs_f64(),
            loadavg()
        );
    }
}

/// sastra's reading before: each page drawn at 300 dpi and read by
/// Tesseract with its own threads, one page after another.
fn before(pdf: &Path, pages: u32) {
    let scratch = tempfile::tempdir().unwrap();
    for page in 1..=pages {
        let image = scratch.path().join("page");
        let number = page.to_string();
        let status = Command::new("pdftoppm")
            .args([
                "-gray",
                "-png",
                "-r",
                "300",
                "-singlefile",
                "-f",
                &number,
                "-l",
                &number,
            ])
            .arg(pdf)
            .arg(&image)
            .status()
            .unwrap();
        assert!(status.success());
        let output = Command::new("tesseract")
            .arg(image.with_extension("png"))
            .args(["stdout", "-l", "khm+eng"])
            .env_remove("OMP_THREAD_LIMIT")
            .output()
            .unwrap();
        assert!(output.status.success());
    }
}

fn pdf_pages(pdf: &Path) -> u32 {
    let output = Command::new("pdfinfo").arg(pdf).output().unwrap();
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count")
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}
