//! Attached PDFs, read with Poppler: real PDFs made here (printed by
//! headless Chromium, rasterised and wrapped back, written by hand, encrypted
//! with qpdf), never fixtures of unknown origin. Made once and kept under
//! `target/test-pdfs/`, named by their recipe.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{self, hand_written_pdf, repo, Site};
use sastra::build::{self, BuildOptions};
use sastra::search::format::DisplayRow;

mod legacy;

/// Only in the PDF, and across both of the split vowels pdftotext opens
/// (ឆ្នោ|ត and កម្មា|ធិការ).
const PDF_ONLY_PHRASE: &str = "គណៈកម្មាធិការត្រួតពិនិត្យសន្លឹកឆ្នោតខេត្តព្រះវិហារ";
const ENGLISH_LINE: &str = "Minutes of the provincial ballot review committee";

fn khmer_font_url() -> String {
    let font = repo().join("themes/default/static/fonts/noto-sans-khmer-khmer-400-normal.woff2");
    format!("file://{}", font.display())
}

/// `target/test-pdfs/<name>-<hash of recipe>.pdf`, made by `make` if absent.
fn made(name: &str, recipe: &str, make: impl FnOnce(&Path)) -> PathBuf {
    made_as(name, "pdf", recipe, make)
}

/// `target/test-pdfs/<name>-<hash of recipe>.<extension>`, made by `make`
/// if absent: a test file made once, and again whenever its recipe changes.
fn made_as(name: &str, extension: &str, recipe: &str, make: impl FnOnce(&Path)) -> PathBuf {
    let folder = repo().join("target/test-pdfs");
    std::fs::create_dir_all(&folder).unwrap();
    let hash = blake3::hash(recipe.as_bytes()).to_hex()[..12].to_string();
    let path = folder.join(format!("{name}-{hash}.{extension}"));
    if !path.is_file() {
        // Tests run in parallel: each makes its own copy and the last
        // rename wins, with the same bytes.
        let partial = tempfile::Builder::new()
            .suffix(&format!(".{extension}"))
            .tempfile_in(&folder)
            .unwrap();
        make(partial.path());
        partial.persist(&path).unwrap();
    }
    path
}

fn run(program: &str, args: &[&str]) {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(
        output.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// `html` printed to PDF by headless Chromium.
pub(crate) fn chromium_pdf(name: &str, html: &str) -> PathBuf {
    made(name, html, |out| {
        let scratch = tempfile::tempdir().unwrap();
        let page = scratch.path().join("page.html");
        std::fs::write(&page, html).unwrap();
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        run(
            &chromium,
            &[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                &format!(
                    "--user-data-dir={}",
                    scratch.path().join("profile").display()
                ),
                &format!("--print-to-pdf={}", out.display()),
                &format!("file://{}", page.display()),
            ],
        );
    })
}

pub(crate) fn page_html(body: &str) -> String {
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><style>@font-face{{font-family:K;src:url(\"{}\") format(\"woff2\")}} body{{font-family:K,sans-serif;font-size:14pt}} .page{{break-before:page}}</style></head><body>{body}</body></html>",
        khmer_font_url()
    )
}

/// Two pages of Khmer and English; page 2 holds [`PDF_ONLY_PHRASE`].
fn khmer_pdf() -> PathBuf {
    chromium_pdf(
        "khmer-english",
        &page_html(&format!(
            "<p>សេចក្ដីប្រកាសព័ត៌មាន ស្ដីពីការបោះឆ្នោតជ្រើសរើសក្រុមប្រឹក្សា</p><p>{ENGLISH_LINE}.</p>\
             <p class=\"page\">ឯកសារនេះចេញដោយ {PDF_ONLY_PHRASE} នៅថ្ងៃទីមួយ</p><p>Page two, in English &amp; Khmer.</p>"
        )),
    )
}

/// The Khmer PDF's first page as a picture, printed again: no text at all.
fn scanned_pdf() -> PathBuf {
    scan("scanned", &khmer_pdf())
}

/// The first page of `source` as a picture at 150 dpi, printed again: a
/// scan, with no text at all.
pub(crate) fn scan(name: &str, source: &Path) -> PathBuf {
    made(name, &source.display().to_string(), |out| {
        let scratch = tempfile::tempdir().unwrap();
        let root = scratch.path().join("page");
        run(
            "pdftoppm",
            &[
                "-png",
                "-r",
                "150",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                source.to_str().unwrap(),
                root.to_str().unwrap(),
            ],
        );
        let html = format!(
            "<!doctype html><html><head><style>@page{{margin:0}} body{{margin:0}} img{{width:100%}}</style></head><body><img src=\"file://{}.png\"></body></html>",
            root.display()
        );
        let pdf = chromium_pdf("scanned-print", &html);
        std::fs::copy(pdf, out).unwrap();
    })
}

/// A PDF written by hand whose text is Latin letters in a font named like
/// the legacy Khmer font Limon: what such documents look like to Poppler.
fn legacy_font_pdf() -> PathBuf {
    // "ការបោះឆ្នោត ប្រជាជនកម្ពុជា" typed on a Limon keyboard layout.
    legacy_pdf("legacy-font", "Limon-S1", "kare)aHeqñat RbCaCnkm<uCa")
}

/// The same typed text in Kaoh Kong, a legacy family with no known table.
fn unknown_legacy_font_pdf() -> PathBuf {
    legacy_pdf("legacy-unknown", "KaohKong", "kare)aHeqñat RbCaCnkm<uCa")
}

/// English in a font named Limon: its "conversion" is mostly clusters no
/// Khmer writer types.
fn english_in_limon_pdf() -> PathBuf {
    legacy_pdf("legacy-poor", "LimonS1", ENGLISH_LINE)
}

fn legacy_pdf(name: &str, font: &str, text: &str) -> PathBuf {
    let recipe = format!("legacy-v2 {font} {text}");
    made(name, &recipe, |out| {
        std::fs::write(out, hand_written_pdf(font, text, &[])).unwrap();
    })
}

fn encrypted_pdf() -> PathBuf {
    let source = khmer_pdf();
    made("encrypted", &source.display().to_string(), |out| {
        run(
            "qpdf",
            &[
                "--encrypt",
                "user-secret",
                "owner-secret",
                "256",
                "--",
                source.to_str().unwrap(),
                out.to_str().unwrap(),
            ],
        );
    })
}

/// The Khmer PDF cut off in the middle.
fn corrupt_pdf() -> PathBuf {
    let source = khmer_pdf();
    made("corrupt", &source.display().to_string(), |out| {
        let bytes = std::fs::read(&source).unwrap();
        std::fs::write(out, &bytes[..bytes.len() / 2]).unwrap();
    })
}

/// The basic fixture with one document attaching `files` (name, PDF).
fn site_with(files: &[(&str, &Path)]) -> Site {
    let site = Site::fixture("basic");
    let mut entries = String::new();
    for (name, pdf) in files {
        let target = site.root().join("content/announcements/files").join(name);
        std::fs::copy(pdf, target).unwrap();
        entries.push_str(&format!(
            "  - file: files/{name}\n    title: \"{name}\"\n    lang: km\n"
        ));
    }
    site.write(
        "content/announcements/pdfs.km.md",
        &format!(
            "---\ntitle: \"ឯកសារ PDF\"\ndate: 2023-06-01\ntype: announcement\norganization: nec\nattachments:\n{entries}---\nអត្ថបទ។\n"
        ),
    );
    site
}

const PAGE: &str = "km/announcements/pdfs/index.html";

#[test]
fn khmer_and_english_text_is_read_per_page_with_split_vowels_joined() {
    let site = site_with(&[("minutes.pdf", &khmer_pdf())]);
    let report = site.build();
    assert_eq!(
        attachment_warnings(&report.diagnostics),
        Vec::<String>::new()
    );
    let html = site.read(PAGE);
    assert!(
        html.contains(PDF_ONLY_PHRASE),
        "the phrase comes out whole:\n{html}"
    );
    assert!(
        !html.contains("ឆ្នោ ត") && !html.contains("កម្មា ធិការ"),
        "no split vowel is left"
    );
    assert!(html.contains(ENGLISH_LINE));
    assert!(
        html.contains("<details class=\"pdf-text\">"),
        "the text is folded away"
    );
    assert!(html.contains("ទំព័រ ២"), "pages are numbered in Khmer digits");
    assert!(
        html.contains("Page two, in English &amp; Khmer."),
        "and escaped"
    );
    assert!(html.contains("ចំនួនទំព័រ៖ ២"), "the page count is shown");
    // The preview: small, sized, named by content, published.
    let preview = html
        .split("<img class=\"pdf-preview\" src=\"")
        .nth(1)
        .expect("a preview")
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let published = preview
        .strip_prefix("/repo/")
        .expect("under the site's base path");
    assert!(
        published.starts_with("previews/") && published.ends_with(".png"),
        "{preview}"
    );
    let bytes = site.read_bytes(published);
    assert!(bytes.len() < 30_000, "a preview of {} bytes", bytes.len());
    // Sized, so that nothing moves when it arrives; not lazy: it is in the
    // first screen, where a lazy image comes late.
    let img = html
        .split("<img class=\"pdf-preview\"")
        .nth(1)
        .and_then(|rest| rest.split('>').next())
        .unwrap();
    assert!(
        img.contains("width=\"155\" height=\"200\"") && !img.contains("loading=\"lazy\""),
        "{img}"
    );
    // Listings show the page count and the preview too.
    let home = site.read("km/index.html");
    assert!(
        home.contains("PDF · ចំនួនទំព័រ៖ ២") && home.contains(&preview),
        "{home}"
    );
}

#[test]
fn a_rebuild_reads_the_cache_not_the_pdf() {
    let site = site_with(&[("minutes.pdf", &khmer_pdf())]);
    site.build();
    let folder = site.root().join(".sastra-cache/attachments");
    let entry = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("a cached reading");
    // A reading the engine could never give proves the cache was read.
    let text = std::fs::read_to_string(&entry).unwrap();
    std::fs::write(&entry, text.replace(ENGLISH_LINE, "Read from the cache")).unwrap();
    site.build();
    assert!(site.read(PAGE).contains("Read from the cache"));
    assert!(
        !site.out().join(".sastra-cache").exists(),
        "the cache is outside the output"
    );
}

#[test]
fn unreadable_legacy_and_scanned_pdfs_are_reported_and_the_build_goes_on() {
    let site = site_with(&[
        ("corrupt.pdf", &corrupt_pdf()),
        ("encrypted.pdf", &encrypted_pdf()),
        ("legacy.pdf", &unknown_legacy_font_pdf()),
        ("scanned.pdf", &scanned_pdf()),
        ("poor.pdf", &english_in_limon_pdf()),
    ]);
    let shown = attachment_warnings(&build::check(site.root()));
    let expect = |line: usize, field: usize, words: &str| {
        assert!(
            shown.iter().any(|d| d.starts_with(&format!(
                "content/announcements/pdfs.km.md:{line}: warning: field `attachments[{field}].file`: {words}"
            ))),
            "{words} at line {line}:\n{}",
            shown.join("\n")
        );
    };
    expect(7, 0, "cannot read `corrupt.pdf`: not a readable PDF");
    expect(
        10,
        1,
        "cannot read `encrypted.pdf`: the PDF is protected by a password",
    );
    expect(
        13,
        2,
        "text not searchable: 1 page(s) of `legacy.pdf` use the legacy Khmer font KaohKong, which sastra cannot convert to Unicode",
    );
    expect(
        16,
        3,
        "no text layer: scanned, `scanned.pdf` cannot be searched",
    );
    expect(
        19,
        4,
        "text not searchable: 1 page(s) of `poor.pdf` in the legacy Khmer font Limon did not convert well to Unicode (20% of the syllables are not valid Khmer)",
    );
    assert_eq!(shown.len(), 5, "{}", shown.join("\n"));

    let report = site.build();
    assert_eq!(attachment_warnings(&report.diagnostics).len(), 5);
    let html = site.read(PAGE);
    assert!(
        html.contains("ពុម្ពអក្សរខ្មែរចាស់ដែលមិនមែនយូនីកូដ ហើយមិនអាចបម្លែងបាន"),
        "the page says the font could not be converted"
    );
    assert!(html.contains("ជារូបភាពស្កេន"), "and that the scan has no text");
    assert!(
        html.contains("មិនអាចអានឯកសារនេះបានទេ"),
        "and which files could not be read"
    );
    assert!(!html.contains("kare)aHeq"), "legacy garbage is never shown");
    assert!(
        !html.contains("ballot review"),
        "nor text converted poorly, nor what it was before"
    );
    assert!(
        site.exists("files/announcements/encrypted.pdf"),
        "the files are still published"
    );
}

/// Pages whose legacy text is dropped (a font without a table, a poor
/// conversion) are read by OCR instead, and the page says so.
#[test]
fn ocr_reads_the_pages_a_legacy_font_leaves_without_text() {
    let site = site_with(&[
        ("legacy.pdf", &unknown_legacy_font_pdf()),
        ("poor.pdf", &english_in_limon_pdf()),
    ]);
    let options = BuildOptions {
        ocr: true,
        ..BuildOptions::new(site.root())
    };
    let report = build::build(&options).unwrap();
    assert_eq!(
        attachment_warnings(&report.diagnostics),
        Vec::<String>::new(),
        "pages read by OCR are no problem"
    );
    let html = site.read(PAGE);
    assert_eq!(
        html.matches("<span class=\"badge\">អានដោយម៉ាស៊ីន (OCR)")
            .count(),
        4,
        "each file and its page say machine-read:\n{html}"
    );
    assert!(
        html.contains("ballot review committee"),
        "Tesseract read the English the Limon font drew:\n{html}"
    );
    assert!(!html.contains("ពុម្ពអក្សរខ្មែរចាស់ដែលមិនមែនយូនីកូដ"));
}

#[test]
fn ocr_reads_scanned_pages_and_the_page_says_machine_read() {
    let site = site_with(&[("scanned.pdf", &scanned_pdf())]);
    let options = BuildOptions {
        ocr: true,
        ..BuildOptions::new(site.root())
    };
    let report = build::build(&options).unwrap();
    assert_eq!(
        attachment_warnings(&report.diagnostics),
        Vec::<String>::new()
    );
    let html = site.read(PAGE);
    assert!(html.contains("អានដោយម៉ាស៊ីន (OCR)"), "marked machine-read");
    assert!(
        html.contains("ballot review committee"),
        "Tesseract read the English line:\n{html}"
    );
    assert!(html.contains("ការបោះឆ្នោត"), "and Khmer");
}

/// Character accuracy of the Khmer text read back from a PDF that
/// Chromium printed from real VOA and UDHR text (the tokenizer vectors).
#[test]
fn khmer_character_accuracy() {
    // About 6,000 characters: several pages, and a distance that stays
    // quick to compute.
    let paragraphs = real_paragraphs(6_000);
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
    let pdf = chromium_pdf("accuracy", &page_html(&body));
    let site = site_with(&[("accuracy.pdf", &pdf)]);
    let loaded = {
        let mut loaded = build::load(site.root(), None).unwrap();
        loaded.read_attachments(false);
        loaded
    };
    let document = loaded.documents.iter().find(|d| d.slug == "pdfs").unwrap();
    let reading = loaded.attachments.get(&document.attachments[0]).unwrap();
    let extracted = reading.extract().unwrap().text.join(" ");
    let naive = String::from_utf8(
        Command::new("pdftotext")
            .args(["-enc", "UTF-8", "--", pdf.to_str().unwrap(), "-"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let source = paragraphs.join(" ");
    let accuracy = |text: &str| accuracy(&source, text);
    let (ours, theirs) = (accuracy(&extracted), accuracy(&naive));
    eprintln!(
        "Khmer character accuracy over {} characters: {:.2}% (pdftotext alone: {:.2}%)",
        source.chars().count(),
        ours * 100.0,
        theirs * 100.0
    );
    assert!(ours > 0.995, "accuracy {ours}");
    assert!(ours > theirs, "the repair must help: {ours} vs {theirs}");
}

/// The messages about attachments (the fixture has others: documents
/// without a translation).
fn attachment_warnings(diagnostics: &sastra::diagnostics::Diagnostics) -> Vec<String> {
    diagnostics
        .clone()
        .sorted()
        .iter()
        .filter(|d| {
            d.field
                .as_deref()
                .is_some_and(|f| f.starts_with("attachments"))
        })
        .map(ToString::to_string)
        .collect()
}

/// Real Khmer paragraphs (VOA and UDHR, the tokenizer vectors' text) of
/// at least 40 characters, up to `chars` characters in all.
fn real_paragraphs(chars: usize) -> Vec<String> {
    let mut paragraphs: Vec<String> =
        std::fs::read_to_string(repo().join("tests/vectors/tokenizer.jsonl"))
            .unwrap()
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["normalized"].as_str().map(str::to_string))
            .filter(|t| t.chars().count() >= 40 && !t.contains(['<', '&']))
            .collect();
    paragraphs.dedup();
    let mut total = 0;
    paragraphs.retain(|p| {
        total += p.chars().count();
        total <= chars
    });
    paragraphs
}

/// The share of `source`'s characters that `text` gets right: one less
/// the edit distance over the source's length, whitespace runs as one
/// space.
fn accuracy(source: &str, text: &str) -> f64 {
    let (source, text) = (collapse(source), collapse(text));
    1.0 - strsim::generic_levenshtein(
        &source.chars().collect::<Vec<_>>(),
        &text.chars().collect::<Vec<_>>(),
    ) as f64
        / source.chars().count() as f64
}

/// Whitespace runs as one space, no space at either end.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The search index holds the PDF's text as a field of the document's own
/// entry: a phrase only in the PDF finds the document.
#[test]
fn the_search_index_holds_the_pdf_text() {
    let site = site_with(&[("minutes.pdf", &khmer_pdf())]);
    site.build();
    // The pair across the split vowel កម្មា|ធិការ is a term, which only the
    // PDF has in this archive; and so is the pair across ឆ្នោ|ត of its
    // ការបោះឆ្នោតជ្រើសរើស.
    let postings: String = site
        .files()
        .iter()
        .filter(|f| f.starts_with("search/km/p-"))
        .map(|f| site.read(f))
        .collect();
    assert!(
        postings.contains("\"ម្មាធិ\""),
        "the pair across the split vowel is a term"
    );
    assert!(
        postings.contains("\"ព្រះវិ\""),
        "a pair of the PDF-only phrase is a term"
    );
    let page = site.read(PAGE);
    assert!(
        page.contains("id=\"pdf-0-page-2\""),
        "each page of the text has an anchor"
    );
}

#[test]
fn each_page_of_the_pdf_is_a_search_record_saying_where_it_is() {
    let site = site_with(&[("minutes.pdf", &khmer_pdf())]);
    site.write(
        "content/announcements/pdfs.en.md",
        "---\ntitle: \"PDFs\"\ndate: 2023-06-01\ntype: announcement\norganization: nec\nattachments:\n  - file: files/minutes.pdf\n    title: \"minutes.pdf\"\n    lang: km\n---\nText.\n",
    );
    site.build();
    let rows = |lang: &str| -> Vec<DisplayRow> {
        site.files()
            .iter()
            .filter(|f| f.starts_with(&format!("search/{lang}/d-")))
            .flat_map(|f| serde_json::from_str::<Vec<DisplayRow>>(&site.read(f)).unwrap())
            .filter(|row| row.url.contains("/announcements/pdfs/"))
            .collect()
    };
    let english = rows("en");
    let places: Vec<(&str, Option<&str>, Option<&str>)> = english
        .iter()
        .map(|r| {
            let anchor = r.url.rsplit_once('#').map_or("", |(_, a)| a);
            (anchor, r.place.as_deref(), r.excerpt_lang.as_deref())
        })
        .collect();
    assert_eq!(
        places,
        [
            ("", None, None),
            (
                "pdf-0-page-1",
                Some("in the attached PDF, page 1"),
                Some("km")
            ),
            (
                "pdf-0-page-2",
                Some("in the attached PDF, page 2"),
                Some("km")
            ),
        ],
        "the document's record, then one per page of its PDF"
    );
    assert!(
        english[2].excerpt.contains("ព្រះវិហារ"),
        "a page's excerpt is its text"
    );
    // On the Khmer document, the PDF's language is the page's: no excerpt language.
    let khmer = rows("km");
    assert_eq!(khmer.len(), 3);
    assert_eq!(khmer[1].place.as_deref(), Some("ក្នុង PDF ដែលបានភ្ជាប់ ទំព័រទី១"));
    assert!(khmer.iter().all(|r| r.excerpt_lang.is_none()));
}

/// Peak resident memory of `sastra` itself and peak size of its temporary
/// folder while it runs `args` on `site`, sampled every 20 ms.
fn peaks(site: &Site, args: &[&str]) -> (std::process::ExitStatus, u64, u64) {
    let scratch = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sastra"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(["--root", site.root().to_str().unwrap()])
        .args(args)
        .env("TMPDIR", scratch.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let (mut memory, mut temp) = (0u64, 0u64);
    let status = loop {
        let status_file = format!("/proc/{}/status", child.id());
        if let Some(kb) = std::fs::read_to_string(status_file).ok().and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?.to_string();
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        }) {
            memory = memory.max(kb << 10);
        }
        let used: u64 = walkdir::WalkDir::new(scratch.path())
            .into_iter()
            .flatten()
            .filter_map(|e| e.metadata().ok())
            .map(|m| m.len())
            .sum();
        temp = temp.max(used);
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    (status, memory, temp)
}

/// A few KB of PDF declaring pages a million points (350 m) wide: every
/// page image (ink search, OCR, preview) is drawn within a pixel budget
/// whatever the page's size, so neither memory nor the temporary folder
/// grows with it. Variants: a square page, a strip (one side huge), a
/// huge page without text (read by OCR), and a huge first page (the
/// preview).
#[test]
fn pages_declared_huge_are_drawn_within_a_pixel_budget() {
    let pdf = common::pdf_of_pages(&[
        ((1.0e6, 1.0e6), "AB CD"),
        ((1.0e6, 1.0e6), "CD AB"),
        ((14.0, 1.0e7), "AB CD"),
        ((1.0e6, 1.0e6), ""),
    ]);
    assert!(pdf.len() < 4096);
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("huge.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let site = site_with(&[("huge.pdf", &path)]);
    let out = folder.path().join("public");
    let (status, memory, temp) = peaks(&site, &["build", "--ocr", "-o", out.to_str().unwrap()]);
    assert!(status.success(), "{status}");
    assert!(memory < 200 << 20, "sastra used {} MB", memory >> 20);
    assert!(
        temp < 64 << 20,
        "the temporary folder held {} MB",
        temp >> 20
    );
    // Read, not refused: the Khmer words are there, the page count too.
    let page = std::fs::read_to_string(out.join(PAGE)).unwrap();
    assert!(
        page.contains("កា ខិ") || page.contains("កាខិ"),
        "no PDF text on the page"
    );
    let preview = walkdir::WalkDir::new(out.join("previews"))
        .into_iter()
        .flatten()
        .find(|e| e.file_type().is_file())
        .expect("a preview");
    let png = std::fs::read(preview.path()).unwrap();
    let (width, height) = (
        u32::from_be_bytes(png[16..20].try_into().unwrap()),
        u32::from_be_bytes(png[20..24].try_into().unwrap()),
    );
    assert!(width <= 200 && height <= 200, "{width} × {height}");
}

/// `sastra check` on a machine that gives each file 1 ms (an archive whose
/// PDFs cost more than a build may spend on one file): the file is
/// reported with its place, the outcome is cached so the next run starts
/// no engine, and a machine giving more time reads it again.
#[test]
fn a_pdf_over_the_time_budget_is_reported_and_cached_as_such() {
    let site = site_with(&[("minutes.pdf", &khmer_pdf())]);
    let check = |budget: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_sastra"));
        command.env("LC_ALL", "en_US.UTF-8");
        command.args(["--root", site.root().to_str().unwrap(), "check"]);
        match budget {
            Some(seconds) => command.env("SASTRA_PDF_BUDGET", seconds),
            None => command.env_remove("SASTRA_PDF_BUDGET"),
        };
        let output = command.output().unwrap();
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let warned = "content/announcements/pdfs.km.md:7: warning: field `attachments[0].file`: cannot read `minutes.pdf`: reading it took more than the 0.001 s one file may take";
    let first = check(Some("0.001"));
    assert!(first.contains(warned), "{first}");
    assert!(
        first.contains("SASTRA_PDF_BUDGET"),
        "the hint names the setting: {first}"
    );
    let cached: Vec<_> = std::fs::read_dir(site.root().join(".sastra-cache/attachments"))
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert!(
        cached.iter().any(|c| c.contains("over-budget")),
        "{cached:?}"
    );
    // The next check reads the cache: a PATH without Poppler proves it.
    let again = Command::new(env!("CARGO_BIN_EXE_sastra"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(["--root", site.root().to_str().unwrap(), "check"])
        .env("SASTRA_PDF_BUDGET", "0.001")
        .env("PATH", "/nonexistent")
        .output()
        .unwrap();
    let again = String::from_utf8_lossy(&again.stderr);
    assert!(again.contains(warned), "{again}");
    assert!(!again.contains("not installed"), "{again}");
    // The default budget reads it.
    let read = check(None);
    assert!(!read.contains("minutes.pdf"), "{read}");
}

/// A PDF of a thousand pages of text (a few hundred KB) must not make a
/// document page of megabytes: the page shows the first pages up to its
/// budget and links the whole text as a plain text file; search still finds
/// every page, and a result on a page not shown lands on that link.
/// Variants: a second PDF after the budget is spent, and one page whose
/// text alone is over the budget.
#[test]
fn a_long_pdf_text_keeps_the_document_page_light() {
    let line = "Minutes of the provincial ballot review committee, read aloud and signed by every member present. ";
    let texts: Vec<String> = (1..=1000)
        .map(|n| format!("ABCD page{n} {}", line.repeat(2)))
        .collect();
    let long = common::pdf_of_pages(
        &texts
            .iter()
            .map(|t| ((595.0, 842.0), t.as_str()))
            .collect::<Vec<_>>(),
    );
    let huge_page_text = format!("ABCD onepage {}", line.repeat(1200));
    let one_huge_page = common::pdf_of_pages(&[((595.0, 842.0), huge_page_text.as_str())]);
    let folder = tempfile::tempdir().unwrap();
    let (a, b) = (
        folder.path().join("long.pdf"),
        folder.path().join("dense.pdf"),
    );
    std::fs::write(&a, &long).unwrap();
    std::fs::write(&b, &one_huge_page).unwrap();
    let site = site_with(&[("long.pdf", &a), ("dense.pdf", &b)]);
    site.build();
    let page = site.read(PAGE);
    assert!(
        page.len() < 100_000,
        "a {} KB PDF made a document page of {} KB",
        long.len() / 1000,
        page.len() / 1000
    );
    assert!(page.contains("id=\"pdf-0-page-1\""));
    assert!(!page.contains("id=\"pdf-0-page-1000\""));
    for place in [0, 1] {
        assert!(
            page.contains(&format!("id=\"pdf-{place}-more\"")),
            "{place}"
        );
    }
    assert!(
        page.contains("អត្ថបទចាប់ពីទំព័រទី"),
        "the note is in the page's language"
    );
    // The whole text, every page, in the linked file.
    let links = common::links(&page);
    let texts_linked: Vec<&String> = links.iter().filter(|l| l.ends_with(".txt")).collect();
    assert_eq!(texts_linked.len(), 2, "{texts_linked:?}");
    let at = texts_linked[0].find("texts/").unwrap();
    let whole = site.read(&texts_linked[0][at..]);
    assert!(
        whole.contains("page1000 "),
        "the last page is in the text file"
    );
    assert!(whole.starts_with('\u{feff}'));
    common::assert_internal_links_resolve(&site, "/repo/");
    // The English page says it in English.
    site.write(
        "content/announcements/pdfs.en.md",
        &std::fs::read_to_string(site.root().join("content/announcements/pdfs.km.md"))
            .unwrap()
            .replace("ឯកសារ PDF", "PDF files")
            .replace("អត្ថបទ។", "Text."),
    );
    site.build();
    let english = site.read("en/announcements/pdfs/index.html");
    assert!(english.contains("the text from page"), "English note");
    assert!(english.len() < 100_000);
    // Search: every page is a record; those not shown link to the note.
    let rows: Vec<(String, String)> = site
        .files()
        .iter()
        .filter(|f| f.starts_with("search/km/d-"))
        .flat_map(|f| serde_json::from_str::<Vec<DisplayRow>>(&site.read(f)).unwrap())
        .filter(|row| row.url.contains("/announcements/pdfs/"))
        .filter_map(|row| Some((row.place?, row.url)))
        .collect();
    assert_eq!(rows.len(), 1001, "a record per page with text");
    let url_of = |page: &str, anchor: &str| {
        rows.iter()
            .any(|(place, url)| place.ends_with(&format!("ទី{page}")) && url.ends_with(anchor))
    };
    assert!(url_of("១", "#pdf-0-page-1"));
    assert!(url_of("១០០០", "#pdf-0-more"));
    assert!(url_of("១", "#pdf-1-more"), "the dense page");
}
