//! `sastra new --attach`: the file copied into the section's `files/`, its
//! entry written, and the PDF's own title and dates offered, never written
//! into the document; an existing file or an unsafe type refused before
//! anything is written.

use std::process::{Command, Output};

use crate::common::{hand_written_pdf, Site};

fn new(site: &Site, args: &[&str], path: Option<&str>) -> Output {
    new_in(site, "en_US.UTF-8", args, path)
}

fn new_in(site: &Site, locale: &str, args: &[&str], path: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sastra"));
    command.env("LC_ALL", locale);
    command
        .args([
            "--root",
            site.root().to_str().unwrap(),
            "new",
            "announcements",
        ])
        .args(args);
    if let Some(path) = path {
        command.env("PATH", path);
    }
    command.output().unwrap()
}

/// A PDF whose metadata says what a converter typically says: a title, and
/// the day it was made, which is not the document's date.
fn pdf_with_metadata() -> Vec<u8> {
    hand_written_pdf(
        "Helvetica",
        "Minutes of the provincial ballot review committee",
        &[
            ("Title", "Minutes of the ballot review"),
            ("CreationDate", "D:20230529101500+07'00'"),
            ("ModDate", "D:20230601080000Z"),
        ],
    )
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn attach_copies_the_pdf_writes_its_entry_and_offers_its_metadata() {
    let site = Site::fixture("basic");
    let scratch = tempfile::tempdir().unwrap();
    let pdf = scratch.path().join("review-minutes.pdf");
    std::fs::write(&pdf, pdf_with_metadata()).unwrap();
    let output = new(
        &site,
        &[
            "ការពិនិត្យសន្លឹកឆ្នោត",
            "--slug",
            "2023-06-22-review",
            "--date",
            "2023-06-22",
            "--attach",
            pdf.to_str().unwrap(),
            "--attach-lang",
            "km",
        ],
        None,
    );
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let copied = site
        .root()
        .join("content/announcements/files/review-minutes.pdf");
    assert_eq!(std::fs::read(&copied).unwrap(), pdf_with_metadata());
    assert!(
        stdout.contains("created content/announcements/files/review-minutes.pdf"),
        "{stdout}"
    );
    assert!(
        stdout.contains("review-minutes.pdf: the PDF's title is “Minutes of the ballot review”; its creation date is 2023-05-29; it was last modified on 2023-06-01; 1 page"),
        "{stdout}"
    );
    assert!(
        stdout.contains("the document's date stays 2023-06-22"),
        "{stdout}"
    );
    let document = std::fs::read_to_string(
        site.root()
            .join("content/announcements/2023-06-22-review.km.md"),
    )
    .unwrap();
    assert!(
        document.contains("date: 2023-06-22\n"),
        "the maintainer's date: {document}"
    );
    assert!(
        !document.contains("2023-05-29") && !document.contains("Minutes of the ballot review"),
        "no metadata is written: {document}"
    );
    assert!(
        document.contains("attachments:\n- file: files/review-minutes.pdf\n  title: review-minutes.pdf\n  lang: km\n"),
        "{document}"
    );
    let check = Command::new(env!("CARGO_BIN_EXE_sastra"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(["--root", site.root().to_str().unwrap(), "check"])
        .output()
        .unwrap();
    // Only the text still to write is refused.
    let out = text(&check.stderr);
    assert!(out.contains("1 error(s)"), "{out}");
    assert!(
        out.contains("2023-06-22-review.km.md:15:1: error: still says what is left to write"),
        "{out}"
    );
}

#[test]
fn the_offer_and_the_next_step_are_said_in_khmer() {
    let site = Site::fixture("basic");
    let scratch = tempfile::tempdir().unwrap();
    let pdf = scratch.path().join("review-minutes.pdf");
    std::fs::write(&pdf, pdf_with_metadata()).unwrap();
    let output = new_in(
        &site,
        "km_KH.UTF-8",
        &[
            "ការពិនិត្យសន្លឹកឆ្នោត",
            "--date",
            "2023-06-22",
            "--attach",
            pdf.to_str().unwrap(),
        ],
        None,
    );
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stdout.contains("review-minutes.pdf៖ ចំណងជើងរបស់ PDF គឺ “Minutes of the ballot review”; កាលបរិច្ឆេទបង្កើតរបស់វាគឺ 2023-05-29; វាត្រូវបានកែប្រែចុងក្រោយនៅ 2023-06-01; ១ ទំព័រ"),
        "{stdout}"
    );
    assert!(
        stdout.contains("កាលបរិច្ឆេទរបស់ឯកសារនៅតែជា 2023-06-22"),
        "{stdout}"
    );
    assert!(stdout.contains("បន្ទាប់៖"), "{stdout}");
    assert!(!stdout.contains("the PDF's title"), "{stdout}");
    // Without Poppler, the warning is Khmer too.
    let other = scratch.path().join("other.pdf");
    std::fs::write(&other, pdf_with_metadata()).unwrap();
    let empty = tempfile::tempdir().unwrap();
    let output = new_in(
        &site,
        "km_KH.UTF-8",
        &[
            "Another",
            "--date",
            "2023",
            "--attach",
            other.to_str().unwrap(),
            "--slug",
            "2023-another",
        ],
        Some(empty.path().to_str().unwrap()),
    );
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("ការព្រមាន: មិនទាន់បានដំឡើង pdfinfo របស់ Poppler ទេ"),
        "{stderr}"
    );
    assert!(stderr.contains("ណែនាំ: ដំឡើង poppler-utils"), "{stderr}");
}

#[test]
fn without_poppler_attach_still_works_and_warns_once() {
    let site = Site::fixture("basic");
    let scratch = tempfile::tempdir().unwrap();
    let (a, b) = (scratch.path().join("a.pdf"), scratch.path().join("b.pdf"));
    std::fs::write(&a, pdf_with_metadata()).unwrap();
    std::fs::write(&b, pdf_with_metadata()).unwrap();
    // A PATH with no tools on it: pdfinfo cannot be found.
    let empty = tempfile::tempdir().unwrap();
    let output = new(
        &site,
        &[
            "Two files",
            "--date",
            "2023",
            "--attach",
            a.to_str().unwrap(),
            "--attach",
            b.to_str().unwrap(),
        ],
        Some(empty.path().to_str().unwrap()),
    );
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(
        stderr.matches("pdfinfo is not installed").count(),
        1,
        "{stderr}"
    );
    assert!(site
        .root()
        .join("content/announcements/files/a.pdf")
        .is_file());
    assert!(site
        .root()
        .join("content/announcements/files/b.pdf")
        .is_file());
    assert!(site
        .root()
        .join("content/announcements/2023-two-files.en.md")
        .is_file());
}

#[test]
fn attach_refuses_an_existing_file_and_an_unsafe_type_writing_nothing() {
    let site = Site::fixture("basic");
    let scratch = tempfile::tempdir().unwrap();
    // The fixture already has content/announcements/files/ballot-draw.pdf.
    let taken = scratch.path().join("ballot-draw.pdf");
    std::fs::write(&taken, pdf_with_metadata()).unwrap();
    let before = std::fs::read(
        site.root()
            .join("content/announcements/files/ballot-draw.pdf"),
    )
    .unwrap();
    let output = new(
        &site,
        &[
            "Taken",
            "--date",
            "2023",
            "--attach",
            taken.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("content/announcements/files/ballot-draw.pdf already exists; sastra new never overwrites a file"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(
            site.root()
                .join("content/announcements/files/ballot-draw.pdf")
        )
        .unwrap(),
        before
    );
    assert!(
        !site
            .root()
            .join("content/announcements/2023-taken.km.md")
            .exists(),
        "no document either"
    );

    let page = scratch.path().join("notice.html");
    std::fs::write(&page, "<script>alert(1)</script>").unwrap();
    let output = new(
        &site,
        &["Page", "--date", "2023", "--attach", page.to_str().unwrap()],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("is a type that can run script in a reader's browser (`.html`)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: attachments are published on the site's own address"),
        "the hint `check` gives: {stderr}"
    );
    assert!(!site
        .root()
        .join("content/announcements/files/notice.html")
        .exists());
    assert!(!site
        .root()
        .join("content/announcements/2023-page.km.md")
        .exists());
}

#[test]
fn attach_refuses_a_files_folder_that_leads_out_of_the_archive() {
    let site = Site::fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    let files = site.root().join("content/announcements/files");
    std::fs::remove_dir_all(&files).unwrap();
    std::os::unix::fs::symlink(outside.path(), &files).unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let pdf = scratch.path().join("minutes.pdf");
    std::fs::write(&pdf, pdf_with_metadata()).unwrap();
    let output = new(
        &site,
        &[
            "Linked",
            "--date",
            "2023",
            "--attach",
            pdf.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("leads outside content/"), "{stderr}");
    assert_eq!(
        std::fs::read_dir(outside.path()).unwrap().count(),
        0,
        "nothing written outside"
    );
    assert!(!site
        .root()
        .join("content/announcements/2023-linked.km.md")
        .exists());
}
