//! Scanned pages read by OCR, on the tests' sample of the measured set
//! (`tests/fixtures/ocr/`, made by `benches/ocr/sample.sh` from the pages of
//! `benches/ocr/`: real VOA Khmer text, printed by Chromium, scanned at 150
//! and 200 dpi with skew, noise, low contrast and JPEG). The README's
//! "Scans" gives the figures on the whole set.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::common::{repo, Site};
use sastra::attachments::ocr::{self, Recipe};
use sastra::attachments::pdf::{Reader, Unreadable};
use sastra::attachments::tools::{self, Limits};

#[path = "../../benches/ocr/cer.rs"]
mod cer;

fn sample() -> (PathBuf, Vec<String>) {
    let folder = repo().join("tests/fixtures/ocr");
    let truth = (1..=2)
        .map(|n| std::fs::read_to_string(folder.join(format!("scan-{n}.txt"))).unwrap())
        .collect();
    (folder.join("scan.pdf"), truth)
}

fn reader() -> Reader {
    Reader {
        limits: Limits {
            time: Duration::from_secs(600),
            ..Limits::default()
        },
        budget: Duration::from_secs(600),
        ocr: true,
    }
}

/// sastra's pipeline makes at least 30% fewer errors than Tesseract as it
/// comes (sastra's reading before it), and reading the pages in parallel
/// gives what reading them one after another gives.
#[test]
fn scans_read_better_than_plain_tesseract_and_in_parallel_as_in_series() {
    let (pdf, truth) = sample();
    let read_in = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| reader().read(&pdf, &mut Vec::new()).unwrap())
    };
    let parallel = read_in(2);
    assert_eq!(
        parallel
            .machine_read
            .iter()
            .map(|m| m.page)
            .collect::<Vec<_>>(),
        [1, 2]
    );
    let run = |program: &str, args: &[&OsStr]| {
        tools::run(program, args, Limits::default()).map_err(|e| Unreadable::Stopped {
            reason: e.to_string(),
        })
    };
    let plain: Vec<String> = std::thread::scope(|scope| {
        let pages: Vec<_> = (1..=2)
            .map(|n| {
                let pdf = &pdf;
                scope.spawn(move || {
                    ocr::read_page(&run, pdf, n, (595.0, 842.0), None, &Recipe::PLAIN)
                        .unwrap()
                        .text
                })
            })
            .collect();
        pages.into_iter().map(|p| p.join().unwrap()).collect()
    });
    let count = |texts: &[String]| {
        truth
            .iter()
            .zip(texts)
            .map(|(t, r)| cer::errors(t, r))
            .fold((0, 0), |(e, n), (e1, n1)| (e + e1, n + n1))
    };
    let (plain_errors, length) = count(&plain);
    let (errors, _) = count(&parallel.text);
    eprintln!("errors: plain {plain_errors}, sastra {errors}, of {length} characters");
    assert!(
        errors * 10 <= plain_errors * 7,
        "sastra {errors} errors, plain Tesseract {plain_errors}, of {length} characters"
    );
    assert!(
        errors * 20 < length,
        "more than 5% of {length} characters wrong: {errors}\n{:?}",
        parallel.text
    );
    for reading in &parallel.machine_read {
        let confidence = reading.confidence.expect("words were read").percent();
        assert!((50..=100).contains(&confidence), "{confidence}");
    }
    assert_eq!(read_in(1), parallel, "one page after another");
}

/// Runs sastra with `budget` seconds a file; with a budget, Tesseract is
/// first made slower than the budget (a `tesseract` on PATH that waits
/// before running the real one), so that the reading runs out of time
/// however fast the machine: Poppler's runs fit, no page's OCR does.
fn sastra(root: &Path, budget: Option<&str>, args: &[&str]) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sastra"));
    command
        .env("LC_ALL", "en_US.UTF-8")
        .args(["--root", root.to_str().unwrap()])
        .args(args);
    let slow = tempfile::tempdir().unwrap();
    match budget {
        Some(seconds) => {
            let real = Command::new("sh")
                .args(["-c", "command -v tesseract"])
                .output()
                .unwrap();
            let real = String::from_utf8(real.stdout).unwrap();
            let wrapper = slow.path().join("tesseract");
            std::fs::write(
                &wrapper,
                format!("#!/bin/sh\nsleep 10\nexec '{}' \"$@\"\n", real.trim()),
            )
            .unwrap();
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
            let path = std::env::var("PATH").unwrap_or_default();
            command
                .env("SASTRA_PDF_BUDGET", seconds)
                .env("PATH", format!("{}:{path}", slow.path().display()));
        }
        None => {
            command.env_remove("SASTRA_PDF_BUDGET");
        }
    };
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const PAGE: &str = "km/announcements/scan/index.html";

/// A build whose budget runs out while reading scans keeps what it read,
/// and says, in its report and on the page, that pages were left unread;
/// the next build with more time reads them, and each machine-read page
/// shows Tesseract's confidence.
#[test]
fn a_reading_out_of_time_is_kept_and_said_and_each_page_shows_its_confidence() {
    let (pdf, _) = sample();
    let site = Site::fixture("basic");
    std::fs::copy(
        &pdf,
        site.root().join("content/announcements/files/scan.pdf"),
    )
    .unwrap();
    site.write(
        "content/announcements/scan.km.md",
        "---\ntitle: \"ស្កេន\"\ndate: 2023-06-01\ntype: announcement\norganization: nec\nattachments:\n  - file: files/scan.pdf\n    title: \"scan.pdf\"\n    lang: km\n---\nអត្ថបទ។\n",
    );
    let out = site.root().join("public");
    let build = |budget| {
        sastra(
            site.root(),
            budget,
            &["build", "--ocr", "-o", out.to_str().unwrap()],
        )
    };
    // Time for Poppler's runs, not for Tesseract (made slow) to read a page.
    let report = build(Some("1.5"));
    assert!(
        report.contains("only part of `scan.pdf` was read by OCR")
            && report.contains("left unread when the 1.5 s one file may take ran out"),
        "{report}"
    );
    let html = std::fs::read_to_string(out.join(PAGE)).unwrap();
    assert!(
        html.contains("ទំព័រស្កេនមិនទាន់បានអានទាំងអស់ទេ"),
        "the page says pages were left unread:\n{html}"
    );
    assert!(
        html.contains("class=\"pdf-preview\""),
        "the preview is kept"
    );
    // The same budget again: the cached partial reading, no engine; and
    // `check --ocr` says it too.
    let again = build(Some("1.5"));
    assert!(again.contains("only part of `scan.pdf`"), "{again}");
    let checked = sastra(site.root(), Some("1.5"), &["check", "--ocr"]);
    assert!(checked.contains("only part of `scan.pdf`"), "{checked}");
    // More time: every page is read.
    let report = build(None);
    assert!(!report.contains("scan.pdf"), "{report}");
    let html = std::fs::read_to_string(out.join(PAGE)).unwrap();
    assert!(!html.contains("ទំព័រស្កេនមិនទាន់បានអានទាំងអស់ទេ"), "{html}");
    let shown = html.matches("កម្រិតទំនុកចិត្តរបស់ Tesseract៖ ").count();
    assert_eq!(shown, 2, "a confidence on each page:\n{html}");
    let label = "កម្រិតទំនុកចិត្តរបស់ Tesseract៖ ";
    let at = html.find(label).unwrap() + label.len();
    let percent: String = html[at..].chars().take(3).collect();
    assert!(
        percent.chars().take(2).all(|c| ('០'..='៩').contains(&c)) && percent.ends_with('%'),
        "in Khmer digits: {percent}"
    );
}
