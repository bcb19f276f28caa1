//! A scanned archive read on many machines: `check --ocr --shard K/N` on
//! each, their caches merged with `sastra cache merge`, give the same site,
//! byte for byte, as one machine reading everything; and the build after
//! the merge reads nothing again. Runs the `sastra` binary, as a CI matrix
//! does (.github/workflows/ocr.yml).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::attachments::{chromium_pdf, page_html, scan};
use crate::common::{hand_written_pdf, snapshot, Site};
use sastra::attachments::cache::{FileId, ENTRIES, FOLDER};
use sastra::attachments::Shard;

const SHARDS: u16 = 3;

fn sastra(root: &Path, args: &[&str]) -> Output {
    sastra_with_path(root, args, None)
}

/// `sastra --root ROOT ARGS`, in English; with `path`, the programs it
/// can find are only those of that folder.
fn sastra_with_path(root: &Path, args: &[&str], path: Option<&Path>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sastra"));
    command
        .env("LC_ALL", "en_US.UTF-8")
        .arg("--root")
        .arg(root)
        .args(args);
    if let Some(path) = path {
        command.env("PATH", path);
    }
    command.output().unwrap()
}

fn succeeded(output: &Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    stderr
}

/// Scanned pages of their own text (each file its own content), a PDF with
/// a text layer and one that cannot be read, attached to two documents.
fn pdfs() -> Vec<(&'static str, Vec<u8>)> {
    let page = |name: &str, khmer: &str, english: &str| {
        chromium_pdf(name, &page_html(&format!("<p>{khmer}</p><p>{english}</p>")))
    };
    let scanned = [
        ("ការបោះឆ្នោត", "Result form, first page"),
        ("សេចក្ដីប្រកាសព័ត៌មាន", "Press release, second page"),
        ("គណៈកម្មាធិការជាតិរៀបចំការបោះឆ្នោត", "Minutes, third page"),
    ];
    let read = |path: PathBuf| std::fs::read(path).unwrap();
    let mut pdfs: Vec<(&'static str, Vec<u8>)> = scanned
        .iter()
        .zip(["scan-1.pdf", "scan-2.pdf", "scan-3.pdf"])
        .map(|((khmer, english), name)| {
            let text = page(&format!("shard-text-{name}"), khmer, english);
            (name, read(scan(&format!("shard-{name}"), &text)))
        })
        .collect();
    pdfs.push((
        "text.pdf",
        read(page(
            "shard-text-layer",
            "សេចក្តីសម្រេច",
            "Decision, with its text",
        )),
    ));
    let whole = hand_written_pdf("Helvetica", "Cut short", &[]);
    pdfs.push(("corrupt.pdf", whole[..whole.len() / 2].to_vec()));
    pdfs
}

/// The basic fixture with the PDFs attached, half to each of two
/// documents; the first scan attached to both (one file, one reading).
fn archive(pdfs: &[(&'static str, Vec<u8>)]) -> Site {
    let site = Site::fixture("basic");
    let files = site.root().join("content/announcements/files");
    for (name, pdf) in pdfs {
        std::fs::write(files.join(name), pdf).unwrap();
    }
    let entries = |names: &[&str]| -> String {
        names
            .iter()
            .map(|name| format!("  - file: files/{name}\n    title: \"{name}\"\n    lang: km\n"))
            .collect()
    };
    let (first, second) = pdfs.split_at(pdfs.len() / 2);
    let names = |half: &[(&'static str, Vec<u8>)]| half.iter().map(|(n, _)| *n).collect::<Vec<_>>();
    let mut second = names(second);
    second.push(pdfs[0].0);
    for (slug, attached) in [("scans-a", names(first)), ("scans-b", second)] {
        site.write(
            &format!("content/announcements/{slug}.km.md"),
            &format!(
                "---\ntitle: \"ឯកសារស្កេន {slug}\"\ndate: 2023-06-01\ntype: announcement\norganization: nec\nattachments:\n{}---\nអត្ថបទ។\n",
                entries(&attached)
            ),
        );
    }
    site
}

/// The cache entries of an archive, by file name.
fn entries(root: &Path) -> BTreeSet<String> {
    std::fs::read_dir(root.join(FOLDER).join(ENTRIES))
        .map(|files| {
            files
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The lines of `stderr` that warn about `name`.
fn warnings_about(stderr: &str, name: &str) -> usize {
    stderr
        .lines()
        .filter(|l| l.contains("warning") && l.contains(&format!("`{name}`")))
        .count()
}

#[test]
fn shards_merged_build_the_same_site_byte_for_byte_as_one_run() {
    let pdfs = pdfs();

    // One machine reads everything.
    let one = archive(&pdfs);
    let checked = succeeded(&sastra(one.root(), &["check", "--ocr"]));
    assert_eq!(warnings_about(&checked, "corrupt.pdf"), 1, "{checked}");
    let site_one = one.root().join("site");
    succeeded(&sastra(
        one.root(),
        &["build", "--ocr", "-o", site_one.to_str().unwrap()],
    ));
    let read_by_one = entries(one.root());

    // Three machines, each with its own copy of the archive, read a shard.
    let mut read_by_shard = Vec::new();
    let mut corrupt_reported = 0;
    let machines: Vec<Site> = (1..=SHARDS)
        .map(|k| {
            let machine = archive(&pdfs);
            let said = succeeded(&sastra(
                machine.root(),
                &["check", "--ocr", "--shard", &format!("{k}/{SHARDS}")],
            ));
            corrupt_reported += warnings_about(&said, "corrupt.pdf");
            assert!(!said.contains("not installed"), "{said}");
            read_by_shard.push(entries(machine.root()));
            machine
        })
        .collect();
    assert_eq!(
        corrupt_reported, 1,
        "an unreadable file is reported by its own shard only"
    );

    // Each reads its own files, by content: disjoint, together all of them.
    let mut union = BTreeSet::new();
    for (k, read) in read_by_shard.iter().enumerate() {
        for name in read {
            assert!(union.insert(name.clone()), "{name} read by two shards");
        }
        let shard = Shard::new(k as u16 + 1, SHARDS).unwrap();
        let files = one.root().join("content/announcements/files");
        let expected: BTreeSet<String> = pdfs
            .iter()
            .map(|(name, _)| FileId::of(&files.join(name)).unwrap())
            .filter(|file| shard.owns(file))
            .map(|file| file.name().to_string())
            .collect();
        let names: BTreeSet<String> = read
            .iter()
            .filter(|n| n.ends_with(".json"))
            .map(|n| n[..32].to_string())
            .collect();
        assert_eq!(names, expected, "shard {shard}");
    }
    assert_eq!(union, read_by_one, "the shards read what one run reads");

    // A fourth machine merges the shards' caches and builds, with no engine
    // at all: anything read again would be missing from its site.
    let merged = archive(&pdfs);
    let caches: Vec<String> = machines
        .iter()
        .map(|m| m.root().join(FOLDER).display().to_string())
        .collect();
    let mut args = vec!["cache", "merge"];
    args.extend(caches.iter().map(String::as_str));
    let said = sastra(merged.root(), &args);
    assert!(
        said.status.success(),
        "{}",
        String::from_utf8_lossy(&said.stderr)
    );
    let stdout = String::from_utf8_lossy(&said.stdout);
    assert_eq!(stdout.lines().count(), SHARDS as usize, "{stdout}");
    assert!(stdout.contains("0 left out"), "{stdout}");
    let before_build = snapshot(&merged.root().join(FOLDER));
    assert_eq!(
        before_build.keys().cloned().collect::<BTreeSet<_>>(),
        read_by_one
            .iter()
            .map(|n| format!("{ENTRIES}/{n}"))
            .collect::<BTreeSet<_>>()
    );
    let no_engines = tempfile::tempdir().unwrap();
    let site_merged = merged.root().join("site");
    let built = succeeded(&sastra_with_path(
        merged.root(),
        &["build", "--ocr", "-o", site_merged.to_str().unwrap()],
        Some(no_engines.path()),
    ));
    assert!(!built.contains("not installed"), "{built}");
    assert_eq!(
        snapshot(&merged.root().join(FOLDER)),
        before_build,
        "the build read nothing again"
    );

    let (a, b) = (snapshot(&site_one), snapshot(&site_merged));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (path, bytes) in &a {
        assert!(b[path] == *bytes, "{path} differs");
    }
    assert!(
        String::from_utf8_lossy(&a["km/announcements/scans-a/index.html"]).contains("Result form"),
        "the scans were read"
    );
}

/// The control run of the test above: without the merge, a build with no
/// engine leaves the scans unread, and its site differs.
#[test]
fn without_the_readings_a_build_with_no_engine_reads_nothing() {
    let pdfs = pdfs();
    let site = archive(&pdfs);
    let no_engines = tempfile::tempdir().unwrap();
    let said = succeeded(&sastra_with_path(
        site.root(),
        &["build", "--ocr"],
        Some(no_engines.path()),
    ));
    assert!(said.contains("pdftotext is not installed"), "{said}");
}

#[test]
fn a_shard_must_be_k_of_n() {
    let site = Site::fixture("basic");
    for bad in [
        "0/3", "4/3", "3", "1/0", "a/b", "1/257", "1/2/3", " 1/3", "-1/3",
    ] {
        // `--shard=…`: a value starting with `-` is not taken for a flag.
        let flag = format!("--shard={bad}");
        let said = sastra(site.root(), &["check", "--ocr", &flag]);
        assert_eq!(said.status.code(), Some(1), "{bad}");
        let stderr = String::from_utf8_lossy(&said.stderr);
        assert!(
            stderr.contains(&format!(
                "--shard `{bad}` must be K/N, shard K of N: whole numbers with 1 ≤ K ≤ N ≤ 256"
            )),
            "{bad}: {stderr}"
        );
        let khmer = sastra(site.root(), &["check", "--lang", "km", &flag]);
        let stderr = String::from_utf8_lossy(&khmer.stderr);
        assert!(
            stderr.contains(&format!("--shard `{bad}` ត្រូវសរសេរជា K/N")),
            "{bad}: {stderr}"
        );
        assert!(!site.root().join(FOLDER).exists(), "nothing was read");
    }
    succeeded(&sastra(site.root(), &["check", "--shard", "3/3"]));
}

/// A shard that cannot read stops as `check` does: the archive's errors
/// are said by every shard, so each failed job of a matrix says why.
#[test]
fn every_shard_reports_the_archives_errors() {
    let site = Site::fixture("basic");
    site.write(
        "content/announcements/broken.en.md",
        "---\ntitle: \"Broken\"\ndate: 2023-13-01\ntype: announcement\n---\nText.\n",
    );
    for k in 1..=SHARDS {
        let said = sastra(site.root(), &["check", "--shard", &format!("{k}/{SHARDS}")]);
        assert_eq!(said.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&said.stderr).contains("broken.en.md"));
    }
}

#[test]
fn only_a_cache_folder_is_merged() {
    let site = Site::fixture("basic");
    let not_a_cache = tempfile::tempdir().unwrap();
    for (lang, words) in [
        ("en_US.UTF-8", "is not a cache to merge"),
        ("km_KH.UTF-8", "មិនមែនជាឃ្លាំងសម្ងាត់"),
    ] {
        let said = Command::new(env!("CARGO_BIN_EXE_sastra"))
            .env("LC_ALL", lang)
            .arg("--root")
            .arg(site.root())
            .args(["cache", "merge"])
            .arg(not_a_cache.path())
            .output()
            .unwrap();
        assert_eq!(said.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&said.stderr);
        assert!(stderr.contains(words), "{stderr}");
    }
}
