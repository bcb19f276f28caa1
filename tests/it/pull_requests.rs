//! What a hostile pull request (or a careless maintainer) tries, and what
//! sastra does about it: no file of the build machine is published, no
//! source is deleted, nothing published runs script, every URL has one
//! producer, no control character reaches an output, and no input hangs
//! the build. Each case is refused by `check` with file, line and field,
//! and by `build` with the previous output and every source untouched.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use crate::common::Site;
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

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file under `folder` (links shown as their target), so that a
/// comparison proves nothing was touched.
fn snapshot(folder: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(folder)
        .into_iter()
        .flatten()
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let relative = e.path().strip_prefix(folder).unwrap().display().to_string();
            let bytes = if e.path_is_symlink() {
                std::fs::read_link(e.path())
                    .unwrap()
                    .display()
                    .to_string()
                    .into_bytes()
            } else {
                std::fs::read(e.path()).unwrap()
            };
            (relative, bytes)
        })
        .collect()
}

fn errors_of(site: &Site) -> Vec<Diagnostic> {
    sastra::build::check(site.root())
        .sorted()
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect()
}

fn has_error(
    errors: &[Diagnostic],
    path: &str,
    line: usize,
    field: Option<&str>,
    message: &str,
) -> bool {
    errors.iter().any(|d| {
        d.path == path
            && d.line == line
            && d.field.as_deref() == field
            && d.message.en().contains(message)
    })
}

/// A document of `content/notes/` attaching `files`.
fn attaching(site: &Site, name: &str, files: &[&str]) {
    let attachments: String = files
        .iter()
        .map(|f| format!("  - file: {f}\n    title: x\n"))
        .collect();
    site.write(
        &format!("content/notes/{name}.en.md"),
        &format!(
            "---\ntitle: Note\ndate: 2023\ntype: report\nattachments:\n{attachments}---\nText.\n"
        ),
    );
}

/// Builds once, then proves that a refused build leaves the output and the
/// sources byte for byte as they were.
fn assert_build_refused(site: &Site, args: &[&str]) -> String {
    let sources = snapshot(&site.root().join("content"));
    let output = site.out();
    let previous = output.exists().then(|| snapshot(&output));
    let result = sastra(site.root(), &[&["build"], args].concat());
    assert!(
        !result.status.success(),
        "the build was not refused:\n{}",
        stderr(&result)
    );
    assert_eq!(
        sources,
        snapshot(&site.root().join("content")),
        "a source changed"
    );
    if let Some(previous) = previous {
        assert!(previous == snapshot(&output), "the previous output changed");
    }
    stderr(&result)
}

// ---- 1. links out of the archive ------------------------------------------

#[cfg(unix)]
#[test]
fn a_linked_folder_never_publishes_the_machines_files() {
    use std::os::unix::fs::symlink;
    let site = Site::fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.pdf"), "SECRET").unwrap();
    let files = site.root().join("content/notes/files");
    std::fs::create_dir_all(&files).unwrap();
    symlink("/etc", files.join("etcdir")).unwrap();
    symlink("/proc/self", files.join("p")).unwrap();
    symlink("../../../../../../../../..", files.join("up")).unwrap();
    symlink(outside.path(), files.join("out")).unwrap();
    // A folder link in the middle of a path that ends inside again.
    symlink("../..", files.join("back")).unwrap();
    std::fs::write(site.root().join("content/notes/files/fine.pdf"), "%PDF-1.4").unwrap();
    attaching(
        &site,
        "etc",
        &["files/etcdir/passwd.txt", "files/etcdir/hostname.txt"],
    );
    attaching(
        &site,
        "proc",
        &["files/p/environ.txt", "files/p/cwd/site.toml.txt"],
    );
    attaching(&site, "up", &["files/up/etc/passwd.txt"]);
    attaching(&site, "out", &["files/out/secret.pdf"]);
    attaching(&site, "fine", &["files/fine.pdf"]);
    let errors = errors_of(&site);
    for (file, line, attachment) in [
        ("etc", 6, "files/etcdir/passwd.txt"),
        ("etc", 8, "files/etcdir/hostname.txt"),
        ("proc", 6, "files/p/environ.txt"),
        ("proc", 8, "files/p/cwd/site.toml.txt"),
        ("up", 6, "files/up/etc/passwd.txt"),
        ("out", 6, "files/out/secret.pdf"),
    ] {
        let field = if line == 6 {
            "attachments[0].file"
        } else {
            "attachments[1].file"
        };
        assert!(
            errors
                .iter()
                .any(|d| d.path == format!("content/notes/{file}.en.md")
                    && d.line == line
                    && d.field.as_deref() == Some(field)
                    && (d
                        .message
                        .en()
                        .contains(&format!("`{attachment}` leads outside content/"))
                        || d.message
                            .en()
                            .contains(&format!("`{attachment}` does not exist")))),
            "{file} {attachment}: {errors:#?}"
        );
    }
    // The links themselves are reported, used or not.
    for link in ["etcdir", "p", "up", "out"] {
        assert!(
            has_error(
                &errors,
                &format!("content/notes/files/{link}"),
                0,
                None,
                "this symbolic link leads outside content/"
            ),
            "{link}: {errors:#?}"
        );
    }
    assert!(
        !errors.iter().any(|d| d.path == "content/notes/fine.en.md"),
        "{errors:#?}"
    );
    let refused = assert_build_refused(&site, &[]);
    assert!(!site.out().exists(), "{refused}");
}

#[cfg(unix)]
#[test]
fn a_theme_cannot_link_to_the_machines_files() {
    use std::os::unix::fs::symlink;
    for (what, link, target) in [
        (
            "a static file",
            "themes/default/static/env.txt",
            "/proc/self/environ",
        ),
        ("a static folder", "themes/default/static/etc", "/etc"),
        (
            "a template",
            "themes/default/templates/404.html",
            "/etc/hostname",
        ),
        (
            "a string table",
            "themes/default/i18n/en.toml",
            "/etc/hostname",
        ),
    ] {
        let site = Site::fixture("basic");
        let path = site.root().join(link);
        let _ = std::fs::remove_file(&path);
        symlink(target, &path).unwrap();
        let errors = errors_of(&site);
        assert!(
            errors
                .iter()
                .any(|d| d.message.en().contains("leads outside themes/default/")),
            "{what}: {errors:#?}"
        );
        assert_build_refused(&site, &[]);
    }
    // The theme folder itself, and a theme named to climb out.
    let site = Site::fixture("basic");
    symlink("/usr/share", site.root().join("themes/evil")).unwrap();
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", &format!("theme = \"evil\"\n{config}"));
    assert!(
        errors_of(&site)
            .iter()
            .any(|d| d.message.en().contains("leads outside")),
        "{:#?}",
        errors_of(&site)
    );
    site.write("site.toml", &format!("theme = \"../../etc\"\n{config}"));
    assert!(
        has_error(
            &errors_of(&site),
            "site.toml",
            1,
            Some("theme"),
            "must be the name of a folder in themes/"
        ),
        "{:#?}",
        errors_of(&site)
    );
}

#[cfg(unix)]
#[test]
fn a_document_or_content_folder_linked_from_outside_is_refused() {
    use std::os::unix::fs::symlink;
    let site = Site::fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(outside.path().join("docs")).unwrap();
    std::fs::write(
        outside.path().join("docs/secret.en.md"),
        "---\ntitle: Secret\ndate: 2023\ntype: report\n---\nSECRET\n",
    )
    .unwrap();
    symlink(
        outside.path().join("docs"),
        site.root().join("content/linked"),
    )
    .unwrap();
    symlink("/dev/zero", site.root().join("content/reports/zero.en.md")).unwrap();
    let errors = errors_of(&site);
    assert!(
        has_error(&errors, "content/linked", 0, None, "leads outside content/"),
        "{errors:#?}"
    );
    assert!(
        has_error(
            &errors,
            "content/reports/zero.en.md",
            0,
            None,
            "leads outside content/"
        ),
        "{errors:#?}"
    );
    // `content/` itself linked out of the archive.
    let site = Site::fixture("basic");
    std::fs::rename(site.root().join("content"), outside.path().join("content")).unwrap();
    symlink(outside.path().join("content"), site.root().join("content")).unwrap();
    assert!(
        errors_of(&site)
            .iter()
            .any(|d| d.message.en().contains("leads outside")),
        "{:#?}",
        errors_of(&site)
    );
}

// ---- 2. outputs that would delete sources ---------------------------------

#[test]
fn an_output_that_would_delete_sources_is_refused_before_anything_is_touched() {
    let site = Site::fixture("basic");
    site.build();
    let root = site.root().to_str().unwrap().to_string();
    let parent = site.root().parent().unwrap().to_str().unwrap().to_string();
    for (output, message) in [
        ("content".to_string(), "is the archive's own content"),
        ("themes".to_string(), "is the archive's own themes"),
        ("site.toml".to_string(), "is the archive's own site.toml"),
        (".".to_string(), "holds the archive's sources"),
        (root.clone(), "holds the archive's sources"),
        (format!("{root}/content/../"), "holds the archive's sources"),
        (parent, "holds the archive's sources"),
        ("/".to_string(), "holds the archive's sources"),
        (
            "content/reports/site".to_string(),
            "lies inside the archive's content",
        ),
        (
            "themes/default/static/x".to_string(),
            "lies inside the archive's themes",
        ),
    ] {
        // Relative outputs are relative to where sastra runs: the root here.
        let result = Command::new(env!("CARGO_BIN_EXE_sastra"))
            .env("LC_ALL", "en_US.UTF-8")
            .current_dir(site.root())
            .args(["build", "--output", &output])
            .output()
            .unwrap();
        let out = stderr(&result);
        assert!(
            !result.status.success(),
            "--output {output} was accepted:\n{out}"
        );
        assert!(out.contains(message), "--output {output}: {out}");
        assert!(site.root().join("site.toml").is_file() && site.exists("index.html"));
    }
    let untouched = snapshot(site.root());
    assert!(untouched.contains_key("content/announcements/ballot-draw.en.md"));
}

#[test]
fn a_folder_sastra_did_not_write_is_never_emptied() {
    let site = Site::fixture("basic");
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("important.txt"), "keep me").unwrap();
    let result = sastra(
        site.root(),
        &["build", "--output", elsewhere.path().to_str().unwrap()],
    );
    assert!(!result.status.success());
    assert!(
        stderr(&result).contains("is a folder that sastra did not write"),
        "{}",
        stderr(&result)
    );
    assert!(
        stderr(&result).contains("hint: empty it, or choose another folder with --output"),
        "{}",
        stderr(&result)
    );
    // Said in Khmer to a maintainer whose system speaks Khmer.
    let khmer = Command::new(env!("CARGO_BIN_EXE_sastra"))
        .env("LC_ALL", "km_KH.UTF-8")
        .arg("--root")
        .arg(site.root())
        .args(["build", "--output", elsewhere.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!khmer.status.success());
    let said = stderr(&khmer);
    assert!(said.contains("កំហុស: ថតលទ្ធផល"), "{said}");
    assert!(said.contains("ជាថតដែល sastra មិនបានសរសេរ"), "{said}");
    assert!(said.contains("ណែនាំ: សម្អាតវា"), "{said}");
    assert!(said.contains("គេហទំព័រមុនត្រូវបានទុកដដែល"), "{said}");
    assert!(!said.contains("did not write"), "{said}");
    assert_eq!(
        std::fs::read(elsewhere.path().join("important.txt")).unwrap(),
        b"keep me"
    );
    // A file as output.
    let file = elsewhere.path().join("important.txt");
    let result = sastra(site.root(), &["build", "--output", file.to_str().unwrap()]);
    assert!(
        stderr(&result).contains("is a file, not a folder"),
        "{}",
        stderr(&result)
    );
    assert_eq!(std::fs::read(&file).unwrap(), b"keep me");
    // The home folder, even when empty.
    let home = tempfile::tempdir().unwrap();
    let result = Command::new(env!("CARGO_BIN_EXE_sastra"))
        .env("LC_ALL", "en_US.UTF-8")
        .env("HOME", home.path())
        .arg("--root")
        .arg(site.root())
        .args(["build", "--output", home.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        stderr(&result).contains("is the home folder"),
        "{}",
        stderr(&result)
    );
    // An empty folder, and a previous output (it carries the marker), are fine.
    let empty = elsewhere.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    for _ in 0..2 {
        let result = sastra(site.root(), &["build", "--output", empty.to_str().unwrap()]);
        assert!(result.status.success(), "{}", stderr(&result));
        assert!(empty.join(".sastra-output").is_file());
    }
}

// ---- 8. the swap, the lock ------------------------------------------------

#[test]
fn a_site_left_aside_by_an_interrupted_swap_is_put_back_even_by_a_refused_build() {
    let site = Site::fixture("basic");
    site.build();
    let before = snapshot(&site.out());
    // What a kill between the two renames of a swap leaves.
    std::fs::rename(site.out(), site.root().join(".public.previous")).unwrap();
    site.write("content/reports/broken.en.md", "---\ntitle: [\n---\n");
    let result = sastra(site.root(), &["build"]);
    assert!(!result.status.success());
    assert!(
        before == snapshot(&site.out()),
        "the previous site was not put back"
    );
    assert!(!site.root().join(".public.previous").exists());
}

#[test]
fn a_second_build_into_the_same_output_fails_clearly() {
    let site = Site::fixture("basic");
    site.build();
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(site.root().join(".public.lock"))
        .unwrap();
    lock.lock().unwrap();
    let out = assert_build_refused(&site, &[]);
    assert!(out.contains("another build is writing to"), "{out}");
    lock.unlock().unwrap();
    assert!(sastra(site.root(), &["build"]).status.success());
}

// ---- 3. attachments that could run script ---------------------------------

#[test]
fn attachments_that_could_run_script_are_refused() {
    let site = Site::fixture("basic");
    let names = [
        "evil.html",
        "evil.HTM",
        "evil.xhtml",
        "image.svg",
        "image.SVG",
        "image.svgz",
        "feed.xml",
        "page.shtml",
        "app.js",
        "style.css",
        "script.php",
        "archive.mht",
        "no-extension",
    ];
    for name in names {
        site.write(
            &format!("content/notes/files/{name}"),
            "<script>alert(1)</script>",
        );
    }
    for safe in [
        "scan.PDF",
        "photo.jpeg",
        "data.csv",
        "text.txt",
        "sheet.xlsx",
    ] {
        // Each with its format's signature, which is checked too.
        let bytes: &[u8] = match safe {
            "scan.PDF" => b"%PDF-1.4\n",
            "photo.jpeg" => b"\xFF\xD8\xFF\xE0",
            _ => b"x",
        };
        std::fs::write(site.root().join("content/notes/files").join(safe), bytes).unwrap();
    }
    let files: Vec<String> = names.iter().map(|n| format!("files/{n}")).collect();
    let safe = [
        "files/scan.PDF",
        "files/photo.jpeg",
        "files/data.csv",
        "files/text.txt",
        "files/sheet.xlsx",
    ];
    attaching(
        &site,
        "unsafe",
        &files.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    attaching(&site, "safe", &safe);
    let errors = errors_of(&site);
    for (i, name) in names.iter().enumerate() {
        assert!(
            errors.iter().any(|d| d.path == "content/notes/unsafe.en.md"
                && d.line == 6 + 2 * i
                && d.field.as_deref() == Some(&format!("attachments[{i}].file"))
                && (d.message.en().contains("can run script")
                    || d.message.en().contains("has no extension"))
                && d.hint
                    .as_ref()
                    .map(|h| h.en())
                    .as_deref()
                    .is_some_and(|h| h.contains("extra_attachment_types"))),
            "{name}: {errors:#?}"
        );
    }
    assert!(
        !errors.iter().any(|d| d.path == "content/notes/safe.en.md"),
        "{errors:#?}"
    );
    // A trusted archive may allow more.
    std::fs::remove_file(site.root().join("content/notes/unsafe.en.md")).unwrap();
    attaching(&site, "trusted", &["files/image.svg"]);
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        &format!("extra_attachment_types = [\"SVG\"]\n{config}"),
    );
    site.build();
    assert!(site.exists("files/notes/image.svg"));
}

// ---- 4. formulas in the catalogue -----------------------------------------

#[test]
fn catalogue_cells_never_start_a_formula() {
    let site = Site::fixture("basic");
    let titles = [
        "=HYPERLINK(\\\"http://evil.example\\\",\\\"click\\\")",
        "+1+1",
        "-1+1",
        "@SUM(A1)",
        "\\t=1+1",
        "\\r=1+1",
    ];
    for (i, title) in titles.iter().enumerate() {
        site.write(
            &format!("content/notes/f{i}.en.md"),
            &format!("---\ntitle: \"{title}\"\ndate: 2023\ntype: report\n---\n"),
        );
    }
    site.build();
    let csv = site.read("catalog.csv");
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{FEFF}').as_bytes());
    let header = reader.headers().unwrap().clone();
    let title_en = header.iter().position(|h| h == "title_en").unwrap();
    let mut seen = 0;
    for row in reader.records() {
        let row = row.unwrap();
        for cell in row.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell starts a formula: {cell:?}"
            );
        }
        if row[0].starts_with("notes/f") {
            assert!(row[title_en].starts_with('\''), "{:?}", &row[title_en]);
            seen += 1;
        }
    }
    assert_eq!(seen, titles.len());
}

// ---- 5. one producer per URL ----------------------------------------------

#[test]
fn a_document_cannot_take_a_generated_pages_url() {
    let site = Site::fixture("basic");
    let front = "---\ntitle: Taken\ndate: 2023\ntype: report\n---\n";
    site.write("content/organizations/nec.en.md", front);
    site.write("content/tags/ballot.en.md", front);
    site.write(
        "content/tags/ballot.km.md",
        "---\ntitle: យក\ndate: 2023\ntype: report\n---\n",
    );
    site.write("content/timeline/2023.en.md", front);
    site.write("content/types/report.en.md", front);
    let errors = errors_of(&site);
    for (file, what) in [
        (
            "content/organizations/nec.en.md",
            "/en/organizations/nec/ is also the page of the organization `nec`",
        ),
        (
            "content/tags/ballot.en.md",
            "/en/tags/ballot/ is also the page of the tag `ballot`",
        ),
        (
            "content/tags/ballot.km.md",
            "/km/tags/ballot/ is also the page of the tag `ballot`",
        ),
        (
            "content/timeline/2023.en.md",
            "/en/timeline/2023/ is also the timeline of 2023",
        ),
        (
            "content/types/report.en.md",
            "/en/types/report/ is also the page of the type `report`",
        ),
    ] {
        assert!(
            has_error(&errors, file, 1, None, what),
            "{file}: {errors:#?}"
        );
    }
    let out = assert_build_refused(&site, &[]);
    assert!(out.contains("5 error(s)"), "{out}");
}

// ---- 6. control characters ------------------------------------------------

#[test]
fn control_characters_are_refused_wherever_they_are_written() {
    let site = Site::fixture("basic");
    for (i, escape) in [
        "\\x1b[31m",
        "\\x00",
        "\\x0c",
        "\\uFFFE",
        "\\u0085",
        "\\x7f",
        "\\b",
    ]
    .iter()
    .enumerate()
    {
        site.write(
            &format!("content/notes/c{i}.en.md"),
            &format!("---\ntitle: \"Red {escape} title\"\ndate: 2023\ntype: report\nsummary: \"a{escape}\"\nattachments:\n  - file: files/a.pdf\n    title: \"b{escape}\"\n---\n"),
        );
    }
    site.write("content/notes/files/a.pdf", "%PDF-1.4");
    site.write(
        "content/notes/body.en.md",
        "---\ntitle: Body\ndate: 2023\ntype: report\n---\nfine\n\nred \u{1b}[31m text\n",
    );
    let errors = errors_of(&site);
    for i in 0..7 {
        let file = format!("content/notes/c{i}.en.md");
        for (line, field) in [(2, "title"), (5, "summary"), (8, "attachments[0].title")] {
            assert!(
                has_error(
                    &errors,
                    &file,
                    line,
                    Some(field),
                    "contains the control character"
                ),
                "{file} {field}: {errors:#?}"
            );
        }
    }
    assert!(errors.iter().any(|d| d.path == "content/notes/body.en.md"
        && d.line == 8
        && d.column == 5
        && d.message.en().contains("U+001B")));
}

// ---- 7. files that are not files ------------------------------------------

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_without_hanging() {
    let site = Site::fixture("basic");
    let fifo = site.root().join("content/reports/x.en.md");
    let path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0);
    let pipe_attachment = site.root().join("content/notes/files/pipe.pdf");
    std::fs::create_dir_all(pipe_attachment.parent().unwrap()).unwrap();
    let path = std::ffi::CString::new(pipe_attachment.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0);
    attaching(&site, "pipe", &["files/pipe.pdf"]);
    // Opening the pipe would block until a writer comes: never.
    let errors = errors_of(&site);
    assert!(
        has_error(
            &errors,
            "content/reports/x.en.md",
            0,
            None,
            "is a named pipe, not a regular file"
        ),
        "{errors:#?}"
    );
    assert!(
        has_error(
            &errors,
            "content/notes/pipe.en.md",
            6,
            Some("attachments[0].file"),
            "is a named pipe"
        ),
        "{errors:#?}"
    );
}

// ---- weaker points ---------------------------------------------------------

#[test]
fn sanitising_never_drops_what_follows_silently() {
    let site = Site::fixture("basic");
    site.write(
        "content/notes/math.en.md",
        "---\ntitle: Math\ndate: 2023\ntype: report\n---\nBefore.\n\n<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>\n\nAfter the trap.\n\n<!-- a comment never closed\n\nStill here.\n",
    );
    let warnings: Vec<Diagnostic> = sastra::build::check(site.root())
        .sorted()
        .into_iter()
        .filter(|d| d.path == "content/notes/math.en.md")
        .collect();
    assert!(
        warnings
            .iter()
            .any(|d| d.line == 8 && d.message.en().contains("`<math` is shown as text")),
        "{warnings:#?}"
    );
    assert!(
        warnings
            .iter()
            .any(|d| d.line == 12 && d.message.en().contains("`<!--` is shown as text")),
        "{warnings:#?}"
    );
    site.build();
    let page = site.read("en/notes/math/index.html");
    assert!(
        page.contains("After the trap.") && page.contains("Still here."),
        "{page}"
    );
    assert!(
        !page.contains("<img src=x") && !page.contains("<style"),
        "{page}"
    );
}

#[test]
fn deep_nesting_is_refused_quickly() {
    let site = Site::fixture("basic");
    let front = "---\ntitle: Deep\ndate: 2023\ntype: report\n";
    site.write(
        "content/notes/yaml.en.md",
        &format!("{front}tags: {}\n---\n", "[".repeat(100_000)),
    );
    site.write(
        "content/notes/quotes.en.md",
        &format!("{front}---\n{}x\n", "> ".repeat(100_000)),
    );
    site.write(
        "content/notes/lists.en.md",
        &format!("{front}---\n{}x\n", "- ".repeat(100_000)),
    );
    // Refused before the parsers see them (their time grows with the square
    // of the depth: 100,000 levels took 21 s and 47 s).
    let errors = errors_of(&site);
    assert!(
        has_error(
            &errors,
            "content/notes/yaml.en.md",
            5,
            None,
            "nests lists or maps more than 32 deep"
        ),
        "{errors:#?}"
    );
    assert!(
        has_error(
            &errors,
            "content/notes/quotes.en.md",
            6,
            None,
            "nests quotes or lists 100000 deep"
        ),
        "{errors:#?}"
    );
    assert!(
        has_error(
            &errors,
            "content/notes/lists.en.md",
            6,
            None,
            "nests quotes or lists 100000 deep"
        ),
        "{errors:#?}"
    );
}

#[test]
fn long_titles_and_summaries_are_refused() {
    let site = Site::fixture("basic");
    site.write(
        "content/notes/long.en.md",
        &format!(
            "---\ntitle: \"{}\"\ndate: 2023\ntype: report\nsummary: \"{}\"\n---\n",
            // A megabyte: the 4 MiB file limit stops longer ones first.
            "t".repeat(1_000_000),
            "s".repeat(2_001)
        ),
    );
    let errors = errors_of(&site);
    assert!(
        has_error(
            &errors,
            "content/notes/long.en.md",
            2,
            Some("title"),
            "is 1000000 characters long; at most 500"
        ),
        "{errors:#?}"
    );
    assert!(
        has_error(
            &errors,
            "content/notes/long.en.md",
            5,
            Some("summary"),
            "at most 2000"
        ),
        "{errors:#?}"
    );
}

#[test]
fn one_run_reports_front_matter_and_body_problems_with_their_lines() {
    let site = Site::fixture("basic");
    site.write(
        "content/notes/both.en.md",
        "---\ntitle: \"Unclosed\ndate: 2023\ntype: report\n---\nSee [nothing](nowhere.en.md).\n",
    );
    let errors = errors_of(&site);
    let mine: Vec<&Diagnostic> = errors
        .iter()
        .filter(|d| d.path == "content/notes/both.en.md")
        .collect();
    assert!(
        mine.iter().any(|d| d.line == 2
            && d.message.en() == "the value of `title` opens a quote that it does not close"
            && d.hint.as_ref().map(|h| h.en()).as_deref()
                == Some("close the quote at the end of the line: `title: \"Unclosed\"`")),
        "{mine:#?}"
    );
    assert!(
        mine.iter()
            .any(|d| d.line == 6 && d.message.en().contains("`nowhere.en.md` leads to")),
        "{mine:#?}"
    );
    // The count printed is the count listed.
    let out = stderr(&sastra(site.root(), &["check"]));
    let listed = out.lines().filter(|l| l.contains(": error: ")).count();
    assert!(out.contains(&format!("{listed} error(s)")), "{out}");
    // No error about a place in a file says line 0.
    site.write("content/notes/both.en.md", "---\ntitle: Both\ndate: 2023\ntype: report\nattachments:\n  - file: files/A.pdf\n    title: a\n---\n");
    site.write("content/notes/files/A.pdf", "%PDF-1.4");
    site.write("content/notes/other.en.md", "---\ntitle: Other\ndate: 2023\ntype: report\nattachments:\n  - file: files/sub/a.pdf\n    title: a\n---\n");
    site.write("content/notes/files/sub/a.pdf", "%PDF-1.4");
    site.write(
        "content/notes/both.km.md",
        "---\ntitle: ទាំងពីរ\ndate: 2022\ntype: announcement\n---\n",
    );
    let errors = errors_of(&site);
    for d in errors
        .iter()
        .filter(|d| d.path.starts_with("content/notes/"))
    {
        assert!(d.line > 0, "{d}");
    }
    assert!(
        errors
            .iter()
            .any(|d| d.message.en().contains("already attached")),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|d| d.message.en().contains("the date 2022 differs")),
        "{errors:#?}"
    );
}

// ---- 9. the PDF cache (issue 23) ------------------------------------------

/// The basic fixture with a note attaching a real PDF, built once so that
/// its reading and preview are in the cache.
fn site_with_cached_pdf() -> (Site, std::path::PathBuf) {
    let site = Site::fixture("basic");
    let pdf = crate::common::hand_written_pdf("Helvetica", "Minutes of the count", &[]);
    let files = site.root().join("content/notes/files");
    std::fs::create_dir_all(&files).unwrap();
    std::fs::write(files.join("minutes.pdf"), pdf).unwrap();
    attaching(&site, "minutes", &["files/minutes.pdf"]);
    site.build();
    let preview = std::fs::read_dir(site.root().join(".sastra-cache/attachments"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "png"))
        .expect("a cached preview");
    (site, preview)
}

/// Every published preview, as bytes.
fn published_previews(site: &Site) -> Vec<Vec<u8>> {
    site.files()
        .iter()
        .filter(|f| f.starts_with("previews/"))
        .map(|f| site.read_bytes(f))
        .collect()
}

fn git(root: &Path, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["-c", "user.name=t", "-c", "user.email=t@t"])
        .args(args)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

#[cfg(unix)]
#[test]
fn a_linked_preview_in_the_cache_never_publishes_what_it_points_to() {
    use std::os::unix::fs::symlink;
    let (site, preview) = site_with_cached_pdf();
    let genuine = std::fs::read(&preview).unwrap();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("token");
    std::fs::write(&secret, "SECRET_TOKEN=ghp_abc").unwrap();
    std::fs::create_dir_all(site.root().join(".git")).unwrap();
    std::fs::write(site.root().join(".git/config"), "[remote] token=SECRET_GIT").unwrap();
    for target in [
        secret.to_str().unwrap(),
        "/proc/self/environ",
        "../../.git/config",
        "/etc/passwd",
    ] {
        std::fs::remove_file(&preview).unwrap();
        symlink(target, &preview).unwrap();
        site.build();
        for bytes in published_previews(&site) {
            assert_eq!(
                bytes, genuine,
                "{target}: the preview is read again, not followed"
            );
        }
        assert!(
            !std::fs::symlink_metadata(&preview).unwrap().is_symlink(),
            "{target}: the link is replaced by a real reading"
        );
    }
    assert_eq!(std::fs::read(&secret).unwrap(), b"SECRET_TOKEN=ghp_abc");
}

#[test]
fn a_forged_cache_entry_gives_no_pdf_false_text() {
    let (site, preview) = site_with_cached_pdf();
    let entry = preview.with_extension("json");
    let text = std::fs::read_to_string(&entry).unwrap();
    // An entry moved to another file's name, and one whose text claims more
    // pages than the file has.
    let other = site.root().join("content/notes/files/other.pdf");
    std::fs::write(
        &other,
        crate::common::hand_written_pdf("Helvetica", "Another file", &[]),
    )
    .unwrap();
    attaching(&site, "other", &["files/other.pdf"]);
    site.build();
    let other_entry = std::fs::read_dir(preview.parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "json") && *p != entry)
        .unwrap();
    std::fs::write(&other_entry, &text).unwrap();
    let forged = text.replace("\"text\":[", "\"text\":[\"FORGED\",\"FORGED\",");
    std::fs::write(&entry, forged).unwrap();
    site.build();
    let html = site.read("en/notes/other/index.html");
    assert!(html.contains("Another file"), "read again from the PDF");
    assert!(!html.contains("Minutes of the count"));
    assert!(!site.read("en/notes/minutes/index.html").contains("FORGED"));
}

#[test]
fn a_committed_cache_is_refused_by_check_and_build() {
    let (site, _) = site_with_cached_pdf();
    git(site.root(), &["init", "-q"]);
    git(site.root(), &["add", "content", "site.toml"]);
    git(site.root(), &["commit", "-q", "-m", "archive"]);
    assert!(
        !errors_of(&site).iter().any(|d| d.path == ".sastra-cache"),
        "an ignored cache is the build's own"
    );
    git(site.root(), &["add", "-f", ".sastra-cache"]);
    let errors = errors_of(&site);
    assert!(
        errors
            .iter()
            .any(|d| d.path == ".sastra-cache" && d.message.en().contains("committed to git")),
        "{errors:#?}"
    );
    let message = assert_build_refused(&site, &[]);
    assert!(
        message.contains("git rm -r --cached .sastra-cache"),
        "{message}"
    );
}

#[cfg(unix)]
#[test]
fn a_linked_cache_folder_is_refused_and_nothing_is_written_through_it() {
    use std::os::unix::fs::symlink;
    for inner in [false, true] {
        let (site, _) = site_with_cached_pdf();
        let elsewhere = tempfile::tempdir().unwrap();
        let cache = site.root().join(".sastra-cache");
        std::fs::remove_dir_all(&cache).unwrap();
        if inner {
            std::fs::create_dir(&cache).unwrap();
            symlink(elsewhere.path(), cache.join("attachments")).unwrap();
        } else {
            symlink(elsewhere.path(), &cache).unwrap();
        }
        let errors = errors_of(&site);
        assert!(
            errors
                .iter()
                .any(|d| d.path == ".sastra-cache" && d.message.en().contains("symbolic link")),
            "{errors:#?}"
        );
        assert_build_refused(&site, &[]);
        assert_eq!(
            std::fs::read_dir(elsewhere.path()).unwrap().count(),
            0,
            "nothing written through the link"
        );
    }
}

// ---- 10. templates that read the machine (issue 23) -----------------------

#[test]
fn a_template_cannot_read_the_environment_or_the_clock() {
    for (call, function) in [
        (
            "{{ get_env(name=\"SECRET_TOKEN\", default=\"\") }}",
            "get_env",
        ),
        (
            "{% set t = get_env ( name='GITHUB_TOKEN' ) %}{{ t }}",
            "get_env",
        ),
        ("{{ now() }}", "now"),
        ("{{ get_random(end=100) }}", "get_random"),
    ] {
        let site = Site::fixture("basic");
        site.build();
        let template = site.root().join("themes/default/templates/base.html");
        let source = std::fs::read_to_string(&template).unwrap();
        let lines_before = source.trim_end().lines().count();
        std::fs::write(&template, format!("{}\n{call}\n", source.trim_end())).unwrap();
        let errors = errors_of(&site);
        assert!(
            has_error(
                &errors,
                "themes/default/templates/base.html",
                lines_before + 1,
                None,
                &format!("calls `{function}()`")
            ),
            "{call}: {errors:#?}"
        );
        let message = assert_build_refused(&site, &[]);
        assert!(message.contains("base.html"), "{message}");
    }
}
