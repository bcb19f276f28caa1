//! `sastra import CATALOG.csv`: a spreadsheet's rows become documents that
//! pass `check` and build, or, if any row is wrong, every problem is told by
//! the CSV's line and column and nothing is written.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::{hand_written_pdf, Site};

fn sastra(site: &Site, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sastra"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(["--root", site.root().to_str().unwrap()])
        .args(args)
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file under `content/`, with the hash of its bytes.
fn content_files(site: &Site) -> Vec<(String, String)> {
    let content = site.root().join("content");
    let mut files: Vec<(String, String)> = walkdir::WalkDir::new(&content)
        .into_iter()
        .flatten()
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let name = e
                .path()
                .strip_prefix(&content)
                .unwrap()
                .display()
                .to_string();
            let bytes = std::fs::read(e.path()).unwrap_or_default();
            (name, blake3::hash(&bytes).to_hex().to_string())
        })
        .collect();
    files.sort();
    files
}

/// A catalogue folder holding `catalog.csv` and the files it attaches.
fn catalogue(csv: &str, files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("catalog.csv"), csv).unwrap();
    for (name, bytes) in files {
        let path = folder.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    folder
}

fn csv_path(folder: &tempfile::TempDir) -> String {
    folder.path().join("catalog.csv").display().to_string()
}

const GOOD: &str = "\
section,slug,lang,title,date,type,organization,tags,summary,source,attachments,attachment_title,attachment_lang,translation_draft,body
announcements,2023-06-02-review,en,\"Review: the \"\"minutes\"\" # 2\",2023-06-02,announcement,nec,ballot; voter-registration,\"One line: two, three.\",https://www.nec.gov.kh/minutes,pdfs/minutes.pdf,Minutes (PDF),km,,\"The committee met.

See [the minutes](files/minutes.pdf).\"
announcements,2023-06-02-review,km,ការពិនិត្យសន្លឹកឆ្នោត,2023-06-02,announcement,nec,ballot,,,pdfs/minutes.pdf,កំណត់ហេតុ (PDF),km,true,អត្ថបទ។
reports,,en,Observation notes,2019-07,report,,,,,,,,,
";

#[test]
fn a_good_catalogue_imports_documents_that_check_and_build() {
    let site = Site::fixture("basic");
    let pdf = hand_written_pdf("Helvetica", "Minutes of the review", &[]);
    let folder = catalogue(GOOD, &[("pdfs/minutes.pdf", &pdf)]);
    let before = content_files(&site);

    let dry = sastra(&site, &["import", &csv_path(&folder), "--dry-run"]);
    assert_eq!(dry.status.code(), Some(0), "{}", stderr(&dry));
    assert!(stderr(&dry).contains("3 document(s); nothing was written (--dry-run)"));
    assert_eq!(content_files(&site), before, "a dry run writes nothing");

    let output = sastra(&site, &["import", &csv_path(&folder)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("imported 3 document(s) and 1 attachment(s)"),
        "{}",
        stderr(&output)
    );
    let content = site.root().join("content");
    assert_eq!(
        std::fs::read(content.join("announcements/files/minutes.pdf")).unwrap(),
        pdf,
        "the attachment is copied once for both languages"
    );
    // The serialiser quoted what YAML would have misread.
    let en =
        std::fs::read_to_string(content.join("announcements/2023-06-02-review.en.md")).unwrap();
    let yaml: serde_yaml::Value = serde_yaml::from_str(en.split("---\n").nth(1).unwrap()).unwrap();
    assert_eq!(yaml["title"].as_str(), Some("Review: the \"minutes\" # 2"));
    assert_eq!(yaml["tags"][1].as_str(), Some("voter-registration"));
    assert_eq!(
        yaml["attachments"][0]["file"].as_str(),
        Some("files/minutes.pdf")
    );
    assert!(
        en.ends_with("The committee met.\n\nSee [the minutes](files/minutes.pdf).\n"),
        "{en}"
    );
    // The slug made from the date and title; a month is a date.
    let report =
        std::fs::read_to_string(content.join("reports/2019-07-observation-notes.en.md")).unwrap();
    assert!(report.contains("date: 2019-07\n"), "{report}");

    let check = sastra(&site, &["check"]);
    assert!(stderr(&check).contains("0 error(s)"), "{}", stderr(&check));
    site.build();
    let page = site.read("km/announcements/2023-06-02-review/index.html");
    assert!(page.contains("ការពិនិត្យសន្លឹកឆ្នោត"));
    assert!(site.exists("files/announcements/minutes.pdf"));
    assert!(site
        .read("en/announcements/2023-06-02-review/index.html")
        .contains("Review: the &quot;minutes&quot; # 2"));

    // Again: every document is there now, and nothing is overwritten.
    let again = sastra(&site, &["import", &csv_path(&folder)]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains(
            ":2: error: field `slug`: content/announcements/2023-06-02-review.en.md already exists"
        ),
        "{}",
        stderr(&again)
    );
    assert!(stderr(&again).contains(":2: error: field `attachments`: content/announcements/files/minutes.pdf already exists"), "{}", stderr(&again));
}

#[test]
fn a_bad_catalogue_reports_every_problem_by_line_and_writes_nothing() {
    let site = Site::fixture("basic");
    let pdf = hand_written_pdf("Helvetica", "A notice", &[]);
    let csv = "\
section,slug,lang,title,date,type,tags,attachments,body
announcements,a,en,A memo,2023-05-01,memo,,notice.pdf,
announcements,b,en,Bad date,2023-13-01,announcement,,,
announcements,c,en,,2023-05-01,announcement,,,
announcements,d,en,Climbing out,2023-05,announcement,,../secret.pdf,
announcements,ballot-draw,en,Already there,2023-05-29,announcement,,,
announcements,f,en,A page,2023,announcement,,page.html,
announcements,g,en,No date,,announcement,,,
announcements,h,en,Misspelt tag,2023,announcement,balot,,
announcements,h,en,Same file,2023,announcement,,,
announcements,i,en,Control,2023,announcement,,,\"Text \u{1b}[31m red\"
announcements,j,en,\"Quoted, over
two lines\",2023,announcement,,notice.pdf; files/ballot-draw.pdf,
";
    let folder = catalogue(
        csv,
        &[
            ("notice.pdf", &pdf),
            ("page.html", b"<script>alert(1)</script>"),
            ("files/ballot-draw.pdf", &pdf),
        ],
    );
    let before = content_files(&site);
    let output = sastra(&site, &["import", &csv_path(&folder)]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    let shown = csv_path(&folder);
    for (line, column, words) in [
        (2, "type", "unknown type `memo`"),
        (3, "date", "`2023-13-01` has month 13"),
        (4, "title", "the required field `title` is missing"),
        (5, "attachments", "`../secret.pdf` must be a path inside the catalogue's folder"),
        (6, "slug", "content/announcements/ballot-draw.en.md already exists; import never overwrites a document"),
        (7, "attachments", "is a type that can run script"),
        (8, "date", "the required field `date` is missing"),
        (9, "tags", "unknown tag `balot`"),
        (10, "slug", "line 9 already makes content/announcements/h.en.md"),
        (11, "body", "contains the control character U+001B"),
        (12, "attachments", "content/announcements/files/ballot-draw.pdf already exists; import never overwrites a file"),
    ] {
        let expected = format!("{shown}:{line}: error: field `{column}`: ");
        assert!(
            err.lines().any(|l| l.starts_with(&expected) && l.contains(words)),
            "line {line}, {column}: {words}\n{err}"
        );
    }
    assert!(err.contains("hint: did you mean `ballot`?"), "{err}");
    assert!(
        err.contains("the types accepted are: pdf,"),
        "the hint `check` gives: {err}"
    );
    assert!(err.contains("import refused: 11 error(s)"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(content_files(&site), before, "nothing was written");
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_catalogues_folder_is_refused() {
    let site = Site::fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.pdf"), b"%PDF-1.4 secret").unwrap();
    let folder = catalogue(
        "section,slug,title,date,type,attachments\nannouncements,a,សេចក្តីប្រកាស,2023,announcement,link.pdf\n",
        &[],
    );
    std::os::unix::fs::symlink(
        outside.path().join("secret.pdf"),
        folder.path().join("link.pdf"),
    )
    .unwrap();
    let before = content_files(&site);
    let output = sastra(&site, &["import", &csv_path(&folder)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(
            ":2: error: field `attachments`: `link.pdf` leads outside the catalogue's folder"
        ),
        "{}",
        stderr(&output)
    );
    assert_eq!(content_files(&site), before);
}

#[test]
fn a_catalogue_with_unknown_columns_is_refused_at_its_header() {
    let site = Site::fixture("basic");
    let folder = catalogue(
        "section,titel,date,type\nannouncements,A,2023,announcement\n",
        &[],
    );
    let output = sastra(&site, &["import", &csv_path(&folder)]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains(
            ":1: error: field `titel`: unknown column `titel`\n  hint: did you mean `title`?"
        ),
        "{err}"
    );
    assert!(
        err.contains(":1: error: the catalogue has no `title` column"),
        "{err}"
    );
    assert!(!Path::new(&site.root().join("content/announcements/a.km.md")).exists());
}

/// `sastra import` killed while copying an attachment (here by the file
/// size limit, which stops the process at 256 KB as a kill would) leaves
/// no truncated file under the attachment's name; the rerun imports it
/// whole and removes the scratch copy the kill left.
#[test]
fn an_import_killed_mid_copy_leaves_no_truncated_attachment() {
    use std::os::unix::process::CommandExt;
    let site = Site::fixture("basic");
    let mut pdf = hand_written_pdf("Helvetica", "Minutes", &[]);
    pdf.extend(std::iter::repeat_n(b'%', 1 << 20));
    pdf.extend_from_slice(b"\n%%EOF\n");
    let csv = "section,slug,lang,title,date,type,attachments\n\
               announcements,2023-06-02-minutes,en,Minutes,2023-06-02,announcement,big.pdf\n";
    let folder = catalogue(csv, &[("big.pdf", &pdf)]);
    let files = site.root().join("content/announcements/files");
    let mut command = Command::new(env!("CARGO_BIN_EXE_sastra"));
    command.env("LC_ALL", "en_US.UTF-8");
    command
        .args(["--root", site.root().to_str().unwrap()])
        .args(["import", &csv_path(&folder)])
        .current_dir(folder.path());
    // SAFETY: setrlimit between fork and exec, nothing else.
    unsafe {
        command.pre_exec(|| {
            for (resource, value) in [(libc::RLIMIT_FSIZE, 256 << 10), (libc::RLIMIT_CORE, 0)] {
                let limit = libc::rlimit {
                    rlim_cur: value,
                    rlim_max: value,
                };
                if libc::setrlimit(resource, &limit) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
            }
            Ok(())
        });
    }
    let killed = command.output().unwrap();
    assert!(!killed.status.success(), "{}", stderr(&killed));
    assert!(
        !files.join("big.pdf").exists(),
        "a truncated copy of {} bytes under the final name",
        std::fs::metadata(files.join("big.pdf")).map_or(0, |m| m.len())
    );
    assert!(!site
        .root()
        .join("content/announcements/2023-06-02-minutes.en.md")
        .exists());

    let again = sastra(&site, &["import", &csv_path(&folder)]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(std::fs::read(files.join("big.pdf")).unwrap(), pdf);
    let left: Vec<_> = std::fs::read_dir(&files)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "scratch files left: {left:?}");
}
