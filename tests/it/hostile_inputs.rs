//! Inputs a hostile pull request sizes or spells to hurt (issue 23): a body
//! that makes `check` quadratic or the build huge, characters that corrupt
//! feeds, reverse text or drive the terminal, dates that flood the
//! timeline, files that are not what their name says or that Windows
//! cannot check out, a lock file that is a link. Each is refused (or made
//! harmless) with its file, line and field, with the variants an attacker
//! tries next.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use crate::common::{pdf_with_font, Site};
use sastra::diagnostics::Diagnostic;

fn sastra(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sastra"))
        .env("LC_ALL", "en_US.UTF-8")
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .unwrap()
}

fn diagnostics_of(site: &Site) -> Vec<Diagnostic> {
    sastra::build::check(site.root()).sorted()
}

fn errors_of(site: &Site) -> Vec<Diagnostic> {
    diagnostics_of(site)
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect()
}

/// `check` of the site, run in a thread and failed past `limit`: a check
/// quadratic in a body's length took 27 to 200 s on these inputs, a linear
/// one takes about a second (debug build, busy machine included).
fn check_within(site: &Site, limit: Duration) -> Vec<Diagnostic> {
    let root = site.root().to_path_buf();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let started = Instant::now();
        let diagnostics = sastra::build::check(&root).sorted();
        let _ = send.send((started.elapsed(), diagnostics));
    });
    match receive.recv_timeout(limit) {
        Ok((_, diagnostics)) => diagnostics,
        Err(_) => panic!("check took more than {limit:?}"),
    }
}

const FRONT: &str = "---\ntitle: Many\ndate: 2023\ntype: announcement\n---\n";

// ---- 3. checks stay linear -------------------------------------------------

#[test]
fn a_body_of_a_hundred_thousand_links_is_checked_in_linear_time() {
    let site = Site::fixture("basic");
    // 3.8 MB, under the size limit: every link valid, one per line.
    site.write(
        "content/announcements/many.en.md",
        &format!(
            "{FRONT}{}",
            "See [the notice](registration.en.md).\n".repeat(100_000)
        ),
    );
    // The same links on one line of 3.8 MB, with a broken one at its end:
    // its line is still found.
    site.write(
        "content/announcements/one-line.en.md",
        &format!(
            "{FRONT}{}[gone](missing.en.md)\n",
            "See [the notice](registration.en.md). ".repeat(100_000)
        ),
    );
    let diagnostics = check_within(&site, Duration::from_secs(30));
    let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].path, "content/announcements/one-line.en.md");
    assert_eq!(errors[0].line, 6);
}

#[test]
fn fifty_thousand_raw_html_warnings_are_located_in_linear_time() {
    let site = Site::fixture("basic");
    // 0.9 MB of `<style>` blocks, each a warning with line and column.
    site.write(
        "content/announcements/styles.en.md",
        &format!("{FRONT}{}", "<style>x</style>\n\n".repeat(50_000)),
    );
    // Inline, on one Khmer line: columns count characters, not bytes.
    site.write(
        "content/announcements/inline.en.md",
        &format!("{FRONT}{}", "ក <style> ".repeat(50_000)),
    );
    let diagnostics = check_within(&site, Duration::from_secs(30));
    let warnings = |path: &str| -> Vec<&Diagnostic> {
        diagnostics
            .iter()
            .filter(|d| d.path == path && d.message.en().contains("`<style`"))
            .collect()
    };
    let blocks = warnings("content/announcements/styles.en.md");
    assert_eq!(blocks.len(), 50_000);
    assert_eq!((blocks[0].line, blocks[0].column), (6, 1));
    assert_eq!(
        (blocks[49_999].line, blocks[49_999].column),
        (6 + 2 * 49_999, 1)
    );
    let inline = warnings("content/announcements/inline.en.md");
    assert_eq!(inline.len(), 50_000);
    // `ក <style> ` is 10 characters (and 12 bytes): the n-th tag starts at
    // character 10 n + 3.
    assert_eq!((inline[1].line, inline[1].column), (6, 13));
    assert_eq!(inline[49_999].column, 10 * 49_999 + 3);
}

// ---- 6. a body's size ------------------------------------------------------

const LIMIT: usize = 4 << 20;

#[test]
fn a_document_over_four_megabytes_is_refused_at_the_line_it_passes_the_limit() {
    let site = Site::fixture("basic");
    let line = "ការបោះឆ្នោតជាតិ election text.\n";
    let lines_at_limit = (LIMIT - FRONT.len()) / line.len();
    // Just over: refused, at the line where the limit falls.
    let over = format!("{FRONT}{}", line.repeat(lines_at_limit + 1));
    site.write("content/announcements/over.en.md", &over);
    // Far over (16 MB on one line, its front matter never closed):
    // refused the same way, without reading it whole or parsing it.
    site.write(
        "content/announcements/far-over.en.md",
        &format!("---\ntitle: x\n{}", "ក".repeat((16 << 20) / 3)),
    );
    // At the limit: loads.
    site.write(
        "content/announcements/at-limit.en.md",
        &format!("{FRONT}{}", line.repeat(lines_at_limit)),
    );
    let errors = errors_of(&site);
    let error = |path: &str| {
        errors
            .iter()
            .find(|d| d.path == path)
            .unwrap_or_else(|| panic!("no error for {path}: {errors:#?}"))
    };
    let over_error = error("content/announcements/over.en.md");
    assert!(
        over_error.message.en().contains("longer than 4 MB"),
        "{over_error:#?}"
    );
    assert_eq!(over_error.line, 5 + lines_at_limit + 1);
    assert!(over_error.hint.as_deref().unwrap().en().contains("PDF"));
    let far = error("content/announcements/far-over.en.md");
    assert!(far.message.en().contains("longer than 4 MB"), "{far:#?}");
    assert_eq!(far.line, 3);
    assert!(
        !errors
            .iter()
            .any(|d| d.path == "content/announcements/at-limit.en.md"),
        "{errors:#?}"
    );
    // The refused files' links are not checked either: their bodies are
    // never parsed.
    assert_eq!(errors.len(), 2, "{errors:#?}");
}

// ---- 8. one rule for control and bidirectional characters ------------------

#[test]
fn site_toml_strings_with_control_characters_are_errors_naming_the_key() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    let hostile = config
        .replace(
            "title = \"Test archive\"",
            "title = \"Test \\u001b[2J archive\"",
        )
        .replace(
            "description = \"A small archive for tests.\"",
            "description = \"A small\\u0000 archive\"\nshort_title = \"Short \\uFFFE\"",
        )
        .replace(
            "report = { km = \"របាយការណ៍\", en = \"Report\" }",
            "report = { km = \"របាយការណ៍\", en = \"\\u202Etroper\" }",
        )
        .replace(
            "ballot = { km = \"សន្លឹកឆ្នោត\", en = \"Ballot\" }",
            "ballot = { km = \"សន្លឹកឆ្នោត\\u2066\", en = \"Ballot\" }",
        )
        + "\n[[events]]\ndate = \"2023-07-23\"\nlabel = { km = \"ការបោះឆ្នោត\", en = \"Election\\u0085\" }\n";
    site.write("site.toml", &hostile);
    let errors = errors_of(&site);
    for (field, what) in [
        ("languages[1].title", "U+001B"),
        ("languages[1].description", "U+0000"),
        ("languages[1].short_title", "U+FFFE"),
        ("types.report.en", "bidirectional control U+202E"),
        ("tags.ballot.km", "bidirectional control U+2066"),
        ("events[0].label.en", "U+0085"),
    ] {
        assert!(
            errors.iter().any(|d| d.path == "site.toml"
                && d.field.as_deref() == Some(field)
                && d.line > 0
                && d.message.en().contains(what)),
            "{field}: {errors:#?}"
        );
    }
    // The line is the value's.
    let title = errors
        .iter()
        .find(|d| d.field.as_deref() == Some("languages[1].title"))
        .unwrap();
    assert!(hostile
        .lines()
        .nth(title.line - 1)
        .unwrap()
        .contains("\\u001b"));
}

#[test]
fn bidirectional_overrides_and_isolates_are_refused_in_front_matter_and_bodies() {
    let site = Site::fixture("basic");
    for (i, escape) in [
        "\\u202E", "\\u202D", "\\u202A", "\\u202B", "\\u202C", "\\u2066", "\\u2067", "\\u2068",
        "\\u2069",
    ]
    .iter()
    .enumerate()
    {
        site.write(
            &format!("content/notes/b{i}.en.md"),
            &format!("---\ntitle: \"Report {escape}fdp.exe\"\ndate: 2023\ntype: report\nsummary: \"a{escape}\"\ntags: [\"ballot{escape}\"]\n---\n"),
        );
    }
    site.write(
        "content/notes/body.en.md",
        "---\ntitle: Body\ndate: 2023\ntype: report\n---\nfine\n\nthe \u{202E}exe.pdf\n",
    );
    // The marks change no order of letters and stay allowed.
    site.write(
        "content/notes/marks.en.md",
        "---\ntitle: \"Marks \\u200E and \\u200F\"\ndate: 2023\ntype: report\n---\nok\u{200E}\n",
    );
    let errors = errors_of(&site);
    for i in 0..9 {
        let file = format!("content/notes/b{i}.en.md");
        for (line, field) in [(2, "title"), (5, "summary"), (6, "tags[0]")] {
            assert!(
                errors.iter().any(|d| d.path == file
                    && d.line == line
                    && d.field.as_deref() == Some(field)
                    && d.message.en().contains("bidirectional control")),
                "{file} {field}: {errors:#?}"
            );
        }
    }
    assert!(errors.iter().any(|d| d.path == "content/notes/body.en.md"
        && (d.line, d.column) == (8, 5)
        && d.message.en().contains("U+202E")));
    assert!(
        !errors.iter().any(|d| d.path.contains("marks")),
        "{errors:#?}"
    );
}

/// A PDF whose text carries ESC, BEL, NUL and a right-to-left override (a
/// font of its own maps its codes to them): Poppler hands them over.
fn pdf_with_controls() -> Vec<u8> {
    pdf_with_font(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding \
         /BaseEncoding /WinAnsiEncoding /Differences [1 /uni001B /uni202E /uni0000 /uni0007 /uni000C] >> >>",
        b"(Ballot \x01[2J order \x02fdp.exe \x03 \x04 page\x05break)",
        &[],
    )
}

#[test]
fn text_read_from_a_pdf_reaches_no_output_with_a_control_character() {
    if !sastra::attachments::tools::available("pdftotext") {
        eprintln!("skipped: Poppler is not installed");
        return;
    }
    let site = Site::fixture("basic");
    std::fs::write(
        site.root().join("content/announcements/files/controls.pdf"),
        pdf_with_controls(),
    )
    .unwrap();
    site.write(
        "content/announcements/controls.en.md",
        "---\ntitle: Controls\ndate: 2023\ntype: announcement\nattachments:\n  - file: files/controls.pdf\n    title: Ballot order\n---\nText.\n",
    );
    // The PDF is the source: cleaned, not refused.
    assert!(errors_of(&site).is_empty(), "{:#?}", errors_of(&site));
    site.build();
    let mut searched = false;
    let text_files = site.files().into_iter().filter(|f| {
        !f.starts_with("assets/")
            && [".html", ".xml", ".json", ".csv", ".txt", ".js"]
                .iter()
                .any(|e| f.ends_with(e))
    });
    for file in text_files {
        let bytes = site.read_bytes(&file);
        let text = String::from_utf8_lossy(&bytes);
        if text.contains("fdp.exe") {
            searched = true;
        }
        if let Some((_, c)) = sastra::text::forbidden_char(&text) {
            panic!("{file} carries {}", sastra::text::code_point(c));
        }
    }
    assert!(searched, "the PDF's text was not published at all");
}

// ---- 10. names printed on a terminal ---------------------------------------

#[cfg(unix)]
#[test]
fn a_file_name_cannot_drive_the_terminal_or_fake_a_line_of_output() {
    let site = Site::fixture("basic");
    for name in [
        "clear\u{1b}[2J\u{1b}]0;pwned\u{7}.en.md",
        "fake\nsrc/ok.md:1:1: error: all good.en.md",
        "rtl\u{202E}dm.en.md",
        "cr\rdone.en.md",
    ] {
        site.write(
            &format!("content/notes/{name}"),
            "---\ntitle: x\ndate: 2023\ntype: report\n---\n",
        );
    }
    for format in [&[][..], &["--format", "github"][..]] {
        let out = sastra(site.root(), &[&["check"][..], format].concat());
        let printed = [out.stdout, out.stderr].concat();
        let printed = String::from_utf8(printed).unwrap();
        for raw in ['\u{1b}', '\u{7}', '\u{202E}', '\r'] {
            assert!(
                !printed.contains(raw),
                "{format:?}: {} printed raw:\n{printed}",
                sastra::text::code_point(raw)
            );
        }
        assert!(
            printed.contains("clear\\u{001b}[2J\\u{001b}]0;pwned\\u{0007}"),
            "{printed}"
        );
        assert!(printed.contains("rtl\\u{202e}dm"), "{printed}");
        assert!(
            !printed.lines().any(|l| l.starts_with("src/ok.md")),
            "{printed}"
        );
        assert!(printed.contains("fake\\u{000a}src/ok.md"), "{printed}");
    }
}

// ---- 13. the lock, attachments' bytes, names Windows cannot hold ------------

#[cfg(unix)]
#[test]
fn a_lock_file_that_is_a_link_or_a_pipe_is_refused_and_nothing_is_created() {
    let site = Site::fixture("basic");
    site.build();
    let before = std::fs::read(site.out().join("en/index.html")).unwrap();
    let outside = tempfile::tempdir().unwrap();
    let lock = site.root().join(".public.lock");
    let existing = outside.path().join("bashrc");
    std::fs::write(&existing, "keep me").unwrap();
    for target in [
        outside.path().join("created-by-the-build"),
        existing.clone(),
        // A link to a link.
        site.root().join("content/../.public.lock.next"),
    ] {
        let _ = std::fs::remove_file(&lock);
        std::os::unix::fs::symlink(&target, &lock).unwrap();
        assert!(
            errors_of(&site).iter().any(|d| d.path == ".public.lock"
                && d.message.en().contains("lock file is a symbolic link")),
            "check says nothing of the link"
        );
        let out = sastra(site.root(), &["build"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{stderr}");
        assert!(
            stderr.contains(".public.lock is a symbolic link"),
            "{stderr}"
        );
        assert!(!outside.path().join("created-by-the-build").exists());
        assert!(!site.root().join(".public.lock.next").exists());
        assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep me");
        assert_eq!(
            std::fs::read(site.out().join("en/index.html")).unwrap(),
            before
        );
    }
    std::fs::remove_file(&lock).unwrap();
    let path = std::ffi::CString::new(lock.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0);
    let out = sastra(site.root(), &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(".public.lock is a named pipe, not a file sastra made"),
        "{stderr}"
    );
    std::fs::remove_file(&lock).unwrap();
    site.build();
    assert!(std::fs::symlink_metadata(&lock).unwrap().is_file());
}

/// Attaches each of `files` (name, bytes) to its own document in notes/.
fn attach_each(site: &Site, files: &[(&str, &[u8])]) {
    for (i, (name, bytes)) in files.iter().enumerate() {
        let path = site.root().join("content/notes/files").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        site.write(
            &format!("content/notes/a{i}.en.md"),
            &format!("---\ntitle: Note\ndate: 2023\ntype: report\nattachments:\n  - file: files/{name}\n    title: x\n---\nText.\n"),
        );
    }
}

#[test]
fn attachments_whose_bytes_are_markup_or_not_their_format_are_refused() {
    let site = Site::fixture("basic");
    let refused: [(&str, &[u8], &str); 10] = [
        (
            "report.pdf",
            b"<html><script>alert(document.domain)</script></html>",
            "holds HTML",
        ),
        (
            "upper.PDF",
            b"\xEF\xBB\xBF\r\n  <!DOCTYPE html><p>x",
            "holds HTML",
        ),
        (
            "polyglot.pdf",
            b"<html><script>alert(1)</script>%PDF-1.4\n",
            "holds HTML",
        ),
        (
            "photo.png",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
            "holds SVG",
        ),
        ("notes.txt", b"<script>alert(1)</script>", "holds HTML"),
        (
            "data.csv",
            b"<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"/>",
            "holds XML",
        ),
        (
            "scan.jpg",
            b"<!-- --><img src=x onerror=alert(1)>",
            "holds HTML",
        ),
        (
            "empty.pdf",
            b"",
            "named like a PDF file but does not start like one",
        ),
        (
            "renamed.jpg",
            b"\x89PNG\r\n\x1a\n\0\0",
            "named like a JPEG file",
        ),
        ("late.pdf", &[b' '; 1100], "named like a PDF file"),
    ];
    let accepted: [(&str, &[u8]); 4] = [
        ("fine.pdf", b"%PDF-1.4\n%\xE2\xE3\n"),
        ("preamble.pdf", b"\r\n% produced by a scanner\n%PDF-1.5\n"),
        ("photo-ok.PNG", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        ("table.csv", b"a,b\n\"<p>\",2\n"),
    ];
    let all: Vec<(&str, &[u8])> = refused
        .iter()
        .map(|(n, b, _)| (*n, *b))
        .chain(accepted.iter().copied())
        .collect();
    attach_each(&site, &all);
    let errors = errors_of(&site);
    for (i, (name, _, message)) in refused.iter().enumerate() {
        assert!(
            errors
                .iter()
                .any(|d| d.path == format!("content/notes/a{i}.en.md")
                    && d.line == 6
                    && d.field.as_deref() == Some("attachments[0].file")
                    && d.message.en().contains(message)),
            "{name}: {errors:#?}"
        );
    }
    for (i, (name, _)) in all.iter().enumerate().skip(refused.len()) {
        assert!(
            !errors
                .iter()
                .any(|d| d.path == format!("content/notes/a{i}.en.md")),
            "{name}: {errors:#?}"
        );
    }
}

#[test]
fn names_windows_cannot_check_out_are_refused_with_a_suggested_name() {
    let site = Site::fixture("basic");
    let document = "---\ntitle: x\ndate: 2023\ntype: report\n---\n";
    site.write("content/notes/aux.en.md", document);
    site.write("content/notes/CON.en.md", document);
    site.write("content/lpt1/x.en.md", document);
    attach_each(
        &site,
        &[
            ("nul.pdf", b"%PDF-1.4"),
            ("Com7.tar.pdf", b"%PDF-1.4"),
            ("prn/inside.pdf", b"%PDF-1.4"),
        ],
    );
    let errors = errors_of(&site);
    let has = |path: &str, name: &str, suggested: &str| {
        errors.iter().any(|d| {
            d.path == path
                && d.message
                    .en()
                    .contains(&format!("`{name}` is a device name on Windows"))
                && d.hint.as_ref().map(|h| h.en())
                    == Some(format!("rename the file, e.g. to `{suggested}`"))
        })
    };
    for (path, name, suggested) in [
        ("content/notes/aux.en.md", "aux.en.md", "aux-1.en.md"),
        ("content/notes/CON.en.md", "CON.en.md", "CON-1.en.md"),
        ("content/lpt1", "lpt1", "lpt1-1"),
        ("content/notes/files/nul.pdf", "nul.pdf", "nul-1.pdf"),
        (
            "content/notes/files/Com7.tar.pdf",
            "Com7.tar.pdf",
            "Com7-1.tar.pdf",
        ),
        ("content/notes/files/prn", "prn", "prn-1"),
        // The documents attaching them, at the field.
        ("content/notes/a0.en.md", "nul.pdf", "nul-1.pdf"),
        ("content/notes/a2.en.md", "prn", "prn-1"),
    ] {
        assert!(has(path, name, suggested), "{path}: {errors:#?}");
    }
    // A tag key names a folder of the site (en/tags/aux/).
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        &config.replace("[tags]\n", "[tags]\naux = { km = \"ក\", en = \"Aux\" }\n"),
    );
    let errors = errors_of(&site);
    assert!(
        errors.iter().any(|d| d.path == "site.toml"
            && d.field.as_deref() == Some("tags")
            && d.message.en().contains("tag key `aux` is a device name")),
        "{errors:#?}"
    );
}

#[cfg(unix)]
#[test]
fn names_ending_in_a_dot_or_a_space_are_refused() {
    let site = Site::fixture("basic");
    site.write("content/notes/files. /a.pdf", "%PDF-1.4");
    site.write(
        "content/notes/x.en.md",
        "---\ntitle: x\ndate: 2023\ntype: report\nattachments:\n  - file: \"files. /a.pdf\"\n    title: x\n---\n",
    );
    let errors = errors_of(&site);
    assert!(
        errors.iter().any(|d| d.path == "content/notes/files. "
            && d.message.en().contains("ends with a dot or a space")
            && d.hint.as_ref().map(|h| h.en()).as_deref()
                == Some("rename the file, e.g. to `files`")),
        "{errors:#?}"
    );
    assert!(
        errors.iter().any(|d| d.path == "content/notes/x.en.md"
            && d.field.as_deref() == Some("attachments[0].file")
            && d.message.en().contains("ends with a dot or a space")),
        "{errors:#?}"
    );
}

// ---- 12. dates far from the archive's years --------------------------------

#[test]
fn dates_in_the_future_or_before_the_first_year_are_warned_about() {
    let site = Site::fixture("basic");
    let today = sastra::content::PartialDate::today();
    for (name, date) in [
        ("typo", "2203".to_string()),
        ("typo-month", "2203-01".to_string()),
        ("far", "9999-12-31".to_string()),
        ("century", "1023".to_string()),
        ("this-year", today.year().to_string()),
        ("today", today.to_string()),
    ] {
        site.write(
            &format!("content/notes/{name}.en.md"),
            &format!("---\ntitle: Dated\ndate: \"{date}\"\ntype: report\n---\n"),
        );
    }
    let warnings = |site: &Site| -> Vec<Diagnostic> {
        diagnostics_of(site)
            .into_iter()
            .filter(|d| d.field.as_deref() == Some("date"))
            .collect()
    };
    let found = warnings(&site);
    let at = |name: &str, message: &str| {
        found.iter().any(|d| {
            d.path == format!("content/notes/{name}.en.md")
                && !d.is_error()
                && d.line == 3
                && d.message.en().contains(message)
        })
    };
    for name in ["typo", "typo-month", "far"] {
        assert!(at(name, "is in the future"), "{name}: {found:#?}");
    }
    assert!(
        at("century", "before 1900, the archive's first year"),
        "{found:#?}"
    );
    assert_eq!(found.len(), 4, "{found:#?}");
    // An archive names its own first year.
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", &format!("first_year = 2024\n{config}"));
    site.write(
        "content/notes/older.en.md",
        "---\ntitle: Older\ndate: 2023-06\ntype: report\n---\n",
    );
    assert!(warnings(&site)
        .iter()
        .any(|d| d.path == "content/notes/older.en.md" && d.message.en().contains("before 2024")));
}

#[test]
fn one_mistyped_year_adds_one_row_to_the_timeline_not_thousands() {
    let site = Site::fixture("basic");
    let before = {
        site.build();
        site.read("en/timeline/index.html").len()
    };
    for (name, date) in [("typo", "2203-06"), ("old", "1023"), ("far", "9999")] {
        site.write(
            &format!("content/notes/{name}.en.md"),
            &format!("---\ntitle: Dated\ndate: \"{date}\"\ntype: report\n---\n"),
        );
    }
    site.build();
    let en = site.read("en/timeline/index.html");
    let km = site.read("km/timeline/index.html");
    // The basic archive's latest documents are of 2023: the gaps up to 2203
    // and 9999, and down to 1023, are one row each.
    for gap in [
        "No documents, 1024–",
        "No documents, 2024–2202",
        "No documents, 2204–9998",
    ] {
        assert!(en.contains(gap), "{gap}");
    }
    assert!(km.contains("គ្មានឯកសារ ២០២៤–២២០២"), "{km}");
    // A labelled row per year with documents, and nothing else.
    let rows = en.matches(r#"text-anchor="end""#).count();
    assert!(rows < 10, "{rows} year rows");
    // Three more documents, three gap rows: a few KB, not the megabyte
    // that 9,000 empty rows took.
    assert!(
        en.len() < before + 8_000,
        "{} bytes, {before} before",
        en.len()
    );
}

#[test]
fn new_refuses_an_html_page_named_pdf_before_copying_anything() {
    let site = Site::fixture("basic");
    let scratch = tempfile::tempdir().unwrap();
    let page = scratch.path().join("minutes.pdf");
    std::fs::write(&page, "<!DOCTYPE html><script>alert(1)</script>").unwrap();
    let out = sastra(
        site.root(),
        &[
            "new",
            "announcements",
            "Minutes",
            "--date",
            "2023-06-22",
            "--attach",
            page.to_str().unwrap(),
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("holds HTML"), "{stderr}");
    assert!(!site
        .root()
        .join("content/announcements/files/minutes.pdf")
        .exists());
}
