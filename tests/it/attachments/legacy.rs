//! PDFs typed in a legacy Khmer font, read back. Real Khmer (the VOA and
//! UDHR paragraphs of the tokenizer vectors) is turned into Limon by an
//! independent converter (the oracle, `tests/legacy/oracle.mjs`), printed by
//! Chromium in a font named as the legacy family (a copy of DejaVu Sans
//! renamed "Limon S1" by `tests/legacy/font.py`), beside English, digits
//! and punctuation in another font and a heading in Unicode Khmer, as a
//! Word file typed in Limon is; then sastra reads it. Measured: character
//! accuracy after the search's normalisation, and phrase queries (as the
//! search quality test draws them) answered by the real search engine.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use sastra::attachments::legacy::{Reading, MAX_INVALID_SHARE};
use sastra::attachments::{Extract, TextLayer};
use sastra::build;
use sastra::khmer::cluster::{clusters, is_khmer, is_khmer_script, is_mark};
use sastra::khmer::legacy::{convert, LegacyFont};
use sastra::khmer::normalize::normalize;
use sastra::khmer::numerals::to_khmer_digits;

use super::{
    accuracy, attachment_warnings, chromium_pdf, khmer_font_url, legacy_font_pdf, made, made_as,
    real_paragraphs, site_with, ENGLISH_LINE, PAGE, PDF_ONLY_PHRASE,
};
use crate::common::repo;
use crate::legacy::oracle_limon;

/// English, digits and Khmer beside one another in one paragraph.
const MIXED: &str = "ការបោះឆ្នោតជ្រើសរើសក្រុមប្រឹក្សា National Election Committee (NEC) ឆ្នាំ2023";

/// DejaVu Sans named "Limon S1" (PostScript name LimonS1), made once.
fn limon_font() -> PathBuf {
    let source = Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    let script = repo().join("tests/legacy/font.py");
    let recipe = format!(
        "{}{}",
        source.display(),
        std::fs::read_to_string(&script).unwrap()
    );
    made_as("LimonS1", "ttf", &recipe, |partial| {
        let python = std::env::var("SASTRA_PYTHON").unwrap_or_else(|_| "python3".into());
        let output = Command::new(&python)
            .arg(&script)
            .arg(source)
            .arg(partial)
            .args(["Limon S1", "LimonS1"])
            .output()
            .unwrap_or_else(|e| panic!("{python}: {e}"));
        assert!(
            output.status.success(),
            "renaming the font needs fontTools (`scripts/test` installs it in target/test-python, named by SASTRA_PYTHON):\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    })
}

/// `text` cut into runs of Khmer (with the spaces inside them) and runs of
/// anything else: what a Limon font draws, and what Word sets in another.
fn runs(text: &str) -> Vec<(bool, String)> {
    let mut out: Vec<(bool, String)> = Vec::new();
    for c in text.chars() {
        let khmer = is_khmer_script(c);
        match out.last_mut() {
            Some((k, run)) if *k == khmer || c == ' ' => run.push(c),
            _ => out.push((khmer, c.to_string())),
        }
    }
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The HTML of a document typed in Limon: a heading in Unicode Khmer, a
/// line of English, then `paragraphs` with their Khmer in Limon (by the
/// oracle) and the rest in the body's font.
///
/// Limon text is Latin letters to a browser, with no place to break a line
/// but its spaces, and VOA's paragraphs run for a line or more without
/// one. Such a "word" is broken where it overflows (`overflow-wrap:
/// anywhere`, as a word processor breaks a word longer than its line), so
/// some lines end inside a cluster, which sastra mends.
fn limon_html(paragraphs: &[String]) -> String {
    let cut: Vec<Vec<(bool, String)>> = paragraphs.iter().map(|p| runs(p)).collect();
    let khmer: Vec<String> = cut
        .iter()
        .flatten()
        .filter(|(k, _)| *k)
        .map(|(_, run)| run.clone())
        .collect();
    let mut limon = oracle_limon(&khmer).into_iter();
    let mut body = String::new();
    for paragraph in &cut {
        body.push_str("<p>");
        for (k, run) in paragraph {
            match k {
                true => body.push_str(&format!(
                    "<span class=\"l\">{}</span>",
                    escape(&limon.next().unwrap())
                )),
                false => body.push_str(&escape(run)),
            }
        }
        body.push_str("</p>");
    }
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><style>\
         @font-face{{font-family:L;src:url(\"LIMON_FONT\")}}\
         @font-face{{font-family:K;src:url(\"{}\") format(\"woff2\")}}\
         @font-face{{font-family:E;src:url(\"file:///usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf\")}}\
         body{{font-family:E;font-size:13pt;font-variant-ligatures:none;font-kerning:none}}\
         .l{{font-family:L;overflow-wrap:anywhere}} h1{{font-family:K;font-weight:normal;font-size:18pt}}\
         </style></head><body><h1>{PDF_ONLY_PHRASE}</h1><p>{ENGLISH_LINE}.</p>{body}</body></html>",
        khmer_font_url()
    )
}

/// The Unicode text of the document [`limon_pdf`] prints from
/// `paragraphs`, in reading order.
fn limon_source(paragraphs: &[String]) -> String {
    format!("{PDF_ONLY_PHRASE} {ENGLISH_LINE}. {}", paragraphs.join(" "))
}

/// The legacy document of `paragraphs`, printed.
fn limon_pdf(name: &str, paragraphs: &[String]) -> PathBuf {
    let html = limon_html(paragraphs);
    // The font's path is the machine's: the recipe is the page without it.
    made(name, &html, |out| {
        let font = format!("file://{}", limon_font().display());
        let pdf = chromium_pdf(&format!("{name}-print"), &html.replace("LIMON_FONT", &font));
        std::fs::copy(pdf, out).unwrap();
    })
}

/// Real text, about 6,000 characters of Khmer, and the mixed paragraph.
fn sample() -> Vec<String> {
    let mut paragraphs = vec![MIXED.to_string()];
    paragraphs.extend(real_paragraphs(6_000));
    paragraphs
}

fn read(pdf: &Path) -> Extract {
    let site = site_with(&[("legacy.pdf", pdf)]);
    let mut loaded = build::load(site.root(), None).unwrap();
    loaded.read_attachments(false);
    let document = loaded.documents.iter().find(|d| d.slug == "pdfs").unwrap();
    let reading = loaded.attachments.get(&document.attachments[0]).unwrap();
    reading.extract().unwrap().clone()
}

/// The measured round trip: Unicode → the oracle's Limon → a PDF → sastra,
/// compared after the search's normalisation (which folds ្ដ and ្ត, one
/// glyph in Limon).
#[test]
fn limon_text_in_a_pdf_reads_back_as_unicode() {
    let paragraphs = sample();
    let pdf = limon_pdf("legacy-limon", &paragraphs);
    let extract = read(&pdf);
    let TextLayer::Legacy { pages } = &extract.layer else {
        panic!("not read as legacy: {:?}", extract.layer);
    };
    assert!(
        pages.iter().all(|p| p.reading
            == Reading::Converted {
                fonts: vec![LegacyFont::Limon]
            }),
        "{pages:?}"
    );
    assert_eq!(pages.len(), extract.pages as usize, "every page has Limon");
    let source = normalize(&limon_source(&paragraphs));
    let read_back = normalize(&extract.text.join(" "));
    let naive = String::from_utf8(
        Command::new("pdftotext")
            .args(["-enc", "UTF-8", "--", pdf.to_str().unwrap(), "-"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    if let Ok(dump) = std::env::var("LEGACY_DUMP") {
        std::fs::write(format!("{dump}.source"), &source).unwrap();
        std::fs::write(format!("{dump}.read"), &read_back).unwrap();
    }
    let (ours, theirs) = (
        accuracy(&source, &read_back),
        accuracy(&source, &normalize(&naive)),
    );
    eprintln!(
        "Limon round trip: character accuracy {:.2}% over {} characters on {} pages (pdftotext alone: {:.2}%)",
        ours * 100.0,
        source.chars().count(),
        extract.pages,
        theirs * 100.0
    );
    assert!(ours >= 0.995, "accuracy {ours}");
    // The mixed paragraph: Khmer in Limon, English and digits beside it in
    // another font, one word running from Limon into digits.
    assert!(read_back.contains(&normalize(MIXED)), "{read_back}");
    assert!(
        read_back.contains(&normalize(PDF_ONLY_PHRASE)),
        "the Unicode heading is read as before"
    );
}

/// A PDF written by hand, its text in a Type 1 font named Limon-S1 with
/// the Windows encoding (no ToUnicode map, as older writers made them).
#[test]
fn a_hand_written_limon_pdf_is_converted() {
    let extract = read(&legacy_font_pdf());
    assert_eq!(extract.text, ["ការបោះឆ្នោត ប្រជាជនកម្ពុជា"]);
    assert_eq!(
        extract.layer,
        TextLayer::Legacy {
            pages: vec![sastra::attachments::legacy::LegacyPage {
                number: 1,
                reading: Reading::Converted {
                    fonts: vec![LegacyFont::Limon]
                }
            }]
        }
    );
}

/// The phrase queries of the search quality test
/// (tests/js/search-quality.test.mjs), drawn from the Khmer of `text` as it
/// draws them, with a fixed seed: runs of 2 to 6 clusters, `count` of each
/// kind, as written, with zero-width spaces between clusters, with a vowel
/// typed before the subscript it follows, with ្ដ for ្ត; and every Khmer
/// run touching a number (1 to 3 clusters of it), with ASCII and with
/// Khmer digits.
fn phrase_queries(text: &str, count: usize) -> Vec<String> {
    let mut state: u32 = 20260;
    let mut random = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state as usize % n
    };
    let runs: Vec<Vec<&str>> = text
        .split(|c: char| !is_khmer(c))
        .map(|run| clusters(run).collect::<Vec<_>>())
        .filter(|c| c.len() >= 2)
        .collect();
    let mut queries = Vec::new();
    for kind in 0..4 {
        let mut made = 0;
        for _ in 0..count * 200 {
            if made == count {
                break;
            }
            let run = &runs[random(runs.len())];
            let length = 2 + random(5.min(run.len() - 1));
            let start = random(run.len() - length + 1);
            let phrase = &run[start..start + length];
            let query = match kind {
                0 => phrase.concat(),
                1 => phrase.join("\u{200B}"),
                2 => match vowel_first(&phrase.concat()) {
                    Some(q) => q,
                    None => continue,
                },
                _ if phrase.concat().contains("\u{17D2}\u{178F}") => phrase
                    .concat()
                    .replace("\u{17D2}\u{178F}", "\u{17D2}\u{178A}"),
                _ => continue,
            };
            queries.push(query);
            made += 1;
        }
    }
    for phrase in touching_numbers(text, &mut random) {
        queries.push(to_khmer_digits(&phrase));
        queries.push(phrase);
    }
    queries
}

/// Every place where Khmer letters and an ASCII number touch in `text`:
/// the number with 1 to 3 clusters of the Khmer beside it.
fn touching_numbers(text: &str, random: &mut impl FnMut(usize) -> usize) -> Vec<String> {
    let mut found = Vec::new();
    for word in text.split_whitespace() {
        let chars: Vec<char> = word.chars().collect();
        let span = |from: usize, keep: &dyn Fn(char) -> bool, step: isize| {
            let mut at = from as isize;
            while (0..chars.len() as isize).contains(&at) && keep(chars[at as usize]) {
                at += step;
            }
            at
        };
        for i in 1..chars.len() {
            let (before, after) = (chars[i - 1], chars[i]);
            let phrase = if is_khmer(before) && after.is_ascii_digit() {
                let khmer: String = chars[(span(i - 1, &|c| is_khmer(c), -1) + 1) as usize..i]
                    .iter()
                    .collect();
                let number: String = chars[i..span(i, &|c| c.is_ascii_digit(), 1) as usize]
                    .iter()
                    .collect();
                let parts: Vec<&str> = clusters(&khmer).collect();
                let keep = 1 + random(3.min(parts.len()));
                parts[parts.len() - keep..].concat() + &number
            } else if before.is_ascii_digit() && is_khmer(after) {
                let number: String = chars
                    [(span(i - 1, &|c| c.is_ascii_digit(), -1) + 1) as usize..i]
                    .iter()
                    .collect();
                let khmer: String = chars[i..span(i, &|c| is_khmer(c), 1) as usize]
                    .iter()
                    .collect();
                let parts: Vec<&str> = clusters(&khmer).collect();
                let keep = 1 + random(3.min(parts.len()));
                number + &parts[..keep].concat()
            } else {
                continue;
            };
            if !phrase.starts_with(is_mark) && !found.contains(&phrase) {
                found.push(phrase);
            }
        }
    }
    found
}

/// The phrase with a vowel typed before the subscript it follows (សិទិ្ធ
/// for សិទ្ធិ), if it has a subscript followed by a vowel.
fn vowel_first(phrase: &str) -> Option<String> {
    let chars: Vec<char> = phrase.chars().collect();
    let at = chars.windows(3).position(|w| {
        w[0] == '\u{17D2}'
            && ('\u{1780}'..='\u{17B3}').contains(&w[1])
            && ('\u{17B6}'..='\u{17C5}').contains(&w[2])
    })?;
    let mut out = chars.clone();
    out[at] = chars[at + 2];
    out[at + 1] = chars[at];
    out[at + 2] = chars[at + 1];
    Some(out.into_iter().collect())
}

/// The URLs of the results of each query, by the site's search engine.
fn search(site_search: &Path, queries: &[String]) -> Vec<Vec<String>> {
    let mut child = Command::new("node")
        .arg(repo().join("tests/legacy/search.mjs"))
        .arg(site_search)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input: String = queries
        .iter()
        .map(|q| serde_json::to_string(q).unwrap() + "\n")
        .collect();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Every phrase of the document's Khmer, drawn as the quality test draws
/// them, finds the document through the published search index; and the
/// page says the text was converted, and from which font.
#[test]
fn converted_text_is_searched_and_the_page_says_from_which_font() {
    let paragraphs = sample();
    let site = site_with(&[("legacy.pdf", &limon_pdf("legacy-limon", &paragraphs))]);
    let report = site.build();
    assert_eq!(
        attachment_warnings(&report.diagnostics),
        Vec::<String>::new(),
        "a converted file is no problem"
    );
    let queries = phrase_queries(&normalize(&limon_source(&paragraphs)), 40);
    assert!(queries.len() >= 130, "{} queries", queries.len());
    let answers = search(&site.out().join("search/km"), &queries);
    let missed: Vec<&String> = queries
        .iter()
        .zip(&answers)
        .filter(|(_, urls)| !urls.iter().any(|u| u.contains("/announcements/pdfs/")))
        .map(|(q, _)| q)
        .collect();
    eprintln!(
        "Limon round trip: {} of {} phrase queries find the document",
        queries.len() - missed.len(),
        queries.len()
    );
    assert!(missed.is_empty(), "not found: {missed:?}");
    let html = site.read(PAGE);
    assert!(
        html.contains("បានបម្លែងទៅជាយូនីកូដ ពីពុម្ពអក្សរខ្មែរចាស់ Limon"),
        "the page says from which font"
    );
    assert!(html.contains("ការបោះឆ្នោតជ្រើសរើសក្រុមប្រឹក្សា National Election Committee (NEC)"));
    assert!(
        !html.contains("ពុម្ពអក្សរខ្មែរចាស់ដែលមិនមែនយូនីកូដ"),
        "no text is missing"
    );
}

/// The figures behind [`MAX_INVALID_SHARE`]: the share of invalid
/// clusters, per page of text (about 1,500 characters), where the table
/// is the text's own (the oracle's Limon of the tokenizer vectors' text,
/// as Limon), a wrong one (that Limon as ABC), and where the text is no
/// legacy Khmer at all (English, from benches/corpus, as Limon and as
/// ABC: English set in a font named like a legacy one).
///
///   cargo test --test it attachments::legacy::invalid_share_by_case -- --ignored --nocapture
#[test]
#[ignore = "a measurement: prints the figures the README reports"]
fn invalid_share_by_case() {
    let pages = |paragraphs: Vec<String>| -> Vec<String> {
        let mut pages = vec![String::new()];
        for p in paragraphs {
            if pages.last().unwrap().chars().count() > 1_500 {
                pages.push(String::new());
            }
            let page = pages.last_mut().unwrap();
            page.push_str(&p);
            page.push(' ');
        }
        pages
    };
    let khmer = real_paragraphs(usize::MAX);
    let limon = pages(oracle_limon(&khmer));
    let english = pages(
        std::fs::read_to_string(repo().join("benches/corpus/english.txt"))
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .take(200)
            .map(str::to_string)
            .collect(),
    );
    let shares = |pages: &[String], font| {
        let mut shares: Vec<f32> = pages
            .iter()
            .map(|p| convert(font, p).invalid_share())
            .collect();
        shares.sort_by(f32::total_cmp);
        shares
    };
    eprintln!("| text | read as | pages | lowest | median | highest |\n| --- | --- | ---: | ---: | ---: | ---: |");
    let cases = [
        ("Limon (the oracle's)", &limon, LegacyFont::Limon),
        ("Limon (the oracle's)", &limon, LegacyFont::Abc),
        ("English", &english, LegacyFont::Limon),
        ("English", &english, LegacyFont::Abc),
    ];
    for (text, pages, font) in cases {
        let s = shares(pages, font);
        eprintln!(
            "| {text} | {} | {} | {:.1}% | {:.1}% | {:.1}% |",
            font.name(),
            s.len(),
            s[0] * 100.0,
            s[s.len() / 2] * 100.0,
            s[s.len() - 1] * 100.0
        );
    }
    let own = shares(&limon, LegacyFont::Limon);
    assert!(own.last().unwrap() <= &MAX_INVALID_SHARE);
}
