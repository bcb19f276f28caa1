//! Legacy-font Khmer: the converter measured against an independent
//! Unicode → Limon converter (npm's khmer-unicode-converter, run by
//! `tests/legacy/oracle.mjs`), and the Markdown side (`check`'s warning,
//! `sastra convert-legacy`).
//!
//! The round trip: real Khmer (the VOA and UDHR text of
//! `tests/fixtures/khmer-real/`) → the oracle's Limon → our `convert` →
//! compared with the original after the search's normalisation. The full
//! figure, on the workplace corpus (khPOS included, read where it is):
//!
//!   SASTRA_LEGACY_CORPUS=../shared/khmer-corpus/paragraphs.jsonl \
//!     cargo test --test it legacy::limon_round_trip_on_a_corpus -- --ignored --nocapture

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use sastra::khmer::cluster::{clusters, is_khmer, is_khmer_script};
use sastra::khmer::legacy::{convert, LegacyFont};
use sastra::khmer::normalize::normalize;

use crate::common;

/// The oracle's Limon for each text, in order.
pub(crate) fn oracle_limon(texts: &[String]) -> Vec<String> {
    let mut child = Command::new("node")
        .arg(common::repo().join("tests/legacy/oracle.mjs"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("node is needed for this test ({e}); `scripts/test` installs it")
        });
    let input: String = texts
        .iter()
        .map(|t| serde_json::to_string(t).unwrap() + "\n")
        .collect();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().unwrap();
    // An oracle that failed to start closes its input early: say why it
    // failed rather than that the pipe broke.
    assert!(
        output.status.success(),
        "the oracle failed (is khmer-unicode-converter installed? `scripts/test` installs it):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    writer.join().unwrap().unwrap();
    let limon: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(limon.len(), texts.len());
    limon
}

/// The Khmer runs of `text` (Khmer script and the spaces between), as a
/// PDF would draw them in a Limon font: Latin text is in another font.
fn khmer_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut run = String::new();
    for c in text.chars() {
        if is_khmer_script(c) || (c == ' ' && !run.is_empty()) {
            run.push(c);
        } else if !run.trim().is_empty() {
            runs.push(std::mem::take(&mut run).trim().to_owned());
        } else {
            run.clear();
        }
    }
    if !run.trim().is_empty() {
        runs.push(run.trim().to_owned());
    }
    runs
}

/// What the round trip lost, over many texts.
#[derive(Default)]
struct Report {
    chars: usize,
    edits: usize,
    phrases: usize,
    missed: Vec<String>,
    worst: Vec<(usize, String, String)>,
}

impl Report {
    fn accuracy(&self) -> f64 {
        1.0 - self.edits as f64 / self.chars as f64
    }
}

/// Phrase queries cut from a normalised text: four clusters from every
/// seventh cluster on, of Khmer letters and marks only (no punctuation),
/// as the search quality test (tests/js/search-quality.test.mjs) cuts them.
fn phrases(normalized: &str) -> Vec<String> {
    let all: Vec<&str> = clusters(normalized).collect();
    (0..all.len().saturating_sub(4))
        .step_by(7)
        .map(|i| all[i..i + 4].concat())
        .filter(|p| p.chars().all(is_khmer) && p.chars().count() > 4)
        .collect()
}

fn round_trip(texts: &[String]) -> Report {
    let runs: Vec<String> = texts.iter().flat_map(|t| khmer_runs(t)).collect();
    let limon = oracle_limon(&runs);
    let mut report = Report::default();
    for (original, legacy) in runs.iter().zip(&limon) {
        let expected = normalize(original);
        let got = normalize(&convert(LegacyFont::Limon, legacy).text);
        let edits = strsim::levenshtein(&expected, &got);
        report.chars += expected.chars().count();
        report.edits += edits;
        if edits > 0 {
            report.worst.push((edits, expected.clone(), got.clone()));
        }
        for phrase in phrases(&expected) {
            report.phrases += 1;
            if !got.contains(&phrase) {
                report.missed.push(phrase);
            }
        }
    }
    report.worst.sort_by_key(|w| std::cmp::Reverse(w.0));
    report
}

fn describe(report: &Report) -> String {
    let mut s = format!(
        "character accuracy {:.4} ({} edits in {} characters), {} of {} phrases missed",
        report.accuracy(),
        report.edits,
        report.chars,
        report.missed.len(),
        report.phrases
    );
    for (edits, expected, got) in report.worst.iter().take(12) {
        s += &format!("\n{edits} edits:\n  want {expected}\n  got  {got}");
    }
    for phrase in report.missed.iter().take(20) {
        s += &format!("\nmissed: {phrase}");
    }
    s
}

/// The Markdown bodies of a fixture's documents.
fn bodies(dir: &Path) -> Vec<String> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            text.splitn(3, "---\n").nth(2).unwrap_or(&text).to_owned()
        })
        .collect()
}

#[test]
fn limon_round_trip_through_an_independent_converter() {
    let texts = bodies(&common::repo().join("tests/fixtures/khmer-real/content"));
    assert!(texts.len() > 50);
    let report = round_trip(&texts);
    eprintln!("{}", describe(&report));
    assert!(report.chars > 20_000);
    assert!(report.accuracy() >= 0.995, "{}", describe(&report));
    assert!(report.missed.is_empty(), "{}", describe(&report));
}

#[test]
#[ignore = "measures a whole corpus: SASTRA_LEGACY_CORPUS=paragraphs.jsonl"]
fn limon_round_trip_on_a_corpus() {
    let path = std::env::var("SASTRA_LEGACY_CORPUS")
        .expect("SASTRA_LEGACY_CORPUS: the JSON-lines corpus to measure");
    let texts: Vec<String> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let report = round_trip(&texts);
    println!("{} texts: {}", texts.len(), describe(&report));
}

// ---- the Markdown side ---------------------------------------------------------

/// A Khmer document pasted from a Word file typed in Limon: its title and
/// body are Latin letters. ("Date of birth"; "the UN's experts, on Friday,
/// called on the Cambodian authorities to release …", in Limon as the
/// oracle writes it.)
const PASTED: &str = "---\ntitle: \"éf¶ExqñaMkMeNIt\"\ndate: 2013-07-28\ntype: announcement\n---\n\n## ebaHeqñat\n\nRkúmGñkCMnajGgÁkarshRbCaCati enAéf¶suRkenH )anGMBavnavdl;GaCJaFrkm<úCa[edaHElg (NEC) https://www.nec.gov.kh\n";

const PASTED_PATH: &str = "content/announcements/pasted.km.md";

fn sastra(site: &common::Site, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_sastra"))
        .current_dir(site.root())
        .env("LC_ALL", "en_US.UTF-8")
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_warns_about_legacy_text_with_line_field_and_command() {
    let site = common::Site::fixture("basic");
    site.write(PASTED_PATH, PASTED);
    let output = sastra(&site, &["check"]);
    let stderr = text(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(0),
        "a warning, not an error:\n{stderr}"
    );
    assert!(
        stderr.contains(&format!("{PASTED_PATH}:2:1: warning: field `title`: the value of `title` looks typed in a pre-Unicode Khmer font (Limon)")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{PASTED_PATH}:9:1: warning: field `body`: the text looks typed in a pre-Unicode Khmer font (Limon): 1 line(s)")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "hint: convert it to Unicode with `sastra convert-legacy {PASTED_PATH} --font limon`"
        )),
        "{stderr}"
    );
    // In Khmer too.
    let output = sastra(&site, &["check", "--lang", "km"]);
    assert!(
        text(&output.stderr).contains("ពុម្ពអក្សរខ្មែរចាស់"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn check_leaves_english_and_khmer_with_latin_words_alone() {
    let site = common::Site::fixture("basic");
    // The same Latin text in an English document is meant to be Latin.
    site.write("content/announcements/pasted.en.md", PASTED);
    site.write(
        "content/announcements/mixed.km.md",
        "---\ntitle: \"សេចក្តីប្រកាស NEC\"\ndate: 2013-07-28\ntype: announcement\n---\n\nគណៈកម្មាធិការជាតិរៀបចំការបោះឆ្នោត (NEC, COMFREL, UNDP) https://www.nec.gov.kh/khmer/content/2013?lang=km&page=2\n\nThe National Election Committee published the results of the 2013 election on its website.\n\n```\nebaHeqñat RkúmGñkCMnajGgÁkarshRbCaCati\n```\n",
    );
    let output = sastra(&site, &["check"]);
    let stderr = text(&output.stderr);
    assert!(!stderr.contains("pre-Unicode"), "{stderr}");
}

#[test]
fn the_sample_archive_has_no_legacy_text() {
    let site = common::Site::sample();
    let output = sastra(&site, &["check"]);
    let stderr = text(&output.stderr);
    assert!(!stderr.contains("pre-Unicode"), "{stderr}");
}

/// ក្រុម ក្រុង ក្រោយ ប្រាក់ ព្រឹក ឆ្នាំ ថ្ងៃ typed in Khek, derived from the
/// Khmer OS converter's public font data (no converter writes Khek).
#[test]
fn convert_legacy_with_font_khek_converts_khek() {
    let site = common::Site::fixture("basic");
    let path = "content/announcements/khek.km.md";
    site.write(
        path,
        "---\ntitle: \"ក្រុម\"\ndate: 2013-07-28\ntype: announcement\n---\n\n¨kum ¨kug e¨kay ¨bak' ¨Bwk q~S «f©\n",
    );
    let output = sastra(&site, &["convert-legacy", path, "--font", "khek"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stderr).contains("from Khek to Unicode"),
        "{}",
        text(&output.stderr)
    );
    let converted = std::fs::read_to_string(site.root().join(path)).unwrap();
    assert!(
        converted.ends_with("\n\nក្រុម ក្រុង ក្រោយ ប្រាក់ ព្រឹក ឆ្នាំ ថ្ងៃ\n"),
        "{converted}"
    );
}

#[test]
fn convert_legacy_rewrites_the_legacy_lines_and_shows_them() {
    let site = common::Site::fixture("basic");
    site.write(PASTED_PATH, PASTED);
    let output = sastra(&site, &["convert-legacy", PASTED_PATH]);
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        stdout.contains(&format!(
            "{PASTED_PATH}, line 7:\n  - ## ebaHeqñat\n  + ## បោះឆ្នោត\n"
        )),
        "{stdout}"
    );
    assert!(stdout.contains("  + title: \"ថ្ងៃខែឆ្នាំកំណើត\""), "{stdout}");
    assert!(
        text(&output.stderr).contains(&format!(
            "converted 3 line(s) of {PASTED_PATH} from Limon to Unicode"
        )),
        "{}",
        text(&output.stderr)
    );
    let converted = std::fs::read_to_string(site.root().join(PASTED_PATH)).unwrap();
    assert_eq!(
        converted,
        "---\ntitle: \"ថ្ងៃខែឆ្នាំកំណើត\"\ndate: 2013-07-28\ntype: announcement\n---\n\n## បោះឆ្នោត\n\nក្រុមអ្នកជំនាញអង្គការសហប្រជាជាតិ នៅថ្ងៃសុក្រនេះ បានអំពាវនាវដល់អាជ្ញាធរកម្ពុជាឲ្យដោះលែង (NEC) https://www.nec.gov.kh\n"
    );
    // Now clean: check has nothing to say, a second run changes nothing.
    assert!(!text(&sastra(&site, &["check"]).stderr).contains("pre-Unicode"));
    let again = sastra(&site, &["convert-legacy", PASTED_PATH]);
    assert!(again.status.success());
    assert!(text(&again.stderr).contains("the file was left as it was"));
    assert_eq!(
        std::fs::read_to_string(site.root().join(PASTED_PATH)).unwrap(),
        converted
    );
    // No scratch file left beside it.
    let folder = site.root().join("content/announcements");
    let names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains(".partial-")), "{names:?}");
}

#[test]
fn convert_legacy_dry_run_and_refusals_touch_nothing() {
    let site = common::Site::fixture("basic");
    site.write(PASTED_PATH, PASTED);
    let output = sastra(
        &site,
        &[
            "convert-legacy",
            PASTED_PATH,
            "--dry-run",
            "--font",
            "limon",
        ],
    );
    assert!(output.status.success());
    assert!(text(&output.stdout).contains("  + ## បោះឆ្នោត"));
    assert!(text(&output.stderr).contains("nothing was written (--dry-run)"));
    assert_eq!(
        std::fs::read_to_string(site.root().join(PASTED_PATH)).unwrap(),
        PASTED
    );

    // An English document is not converted.
    site.write("content/announcements/pasted.en.md", PASTED);
    let output = sastra(
        &site,
        &["convert-legacy", "content/announcements/pasted.en.md"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("is not a Khmer document"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("content/announcements/pasted.en.md")).unwrap(),
        PASTED
    );

    // A file outside content/, named directly or through a link, is refused.
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim.km.md");
    std::fs::write(&victim, PASTED).unwrap();
    let output = sastra(&site, &["convert-legacy", victim.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("leads outside content/"),
        "{}",
        text(&output.stderr)
    );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            &victim,
            site.root().join("content/announcements/link.km.md"),
        )
        .unwrap();
        let output = sastra(
            &site,
            &["convert-legacy", "content/announcements/link.km.md"],
        );
        assert_eq!(output.status.code(), Some(1));
        assert!(
            text(&output.stderr).contains("leads outside content/"),
            "{}",
            text(&output.stderr)
        );
    }
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), PASTED);
}
