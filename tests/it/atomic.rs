//! A build killed midway leaves the previous site byte for byte; the next
//! build cleans up after it.

use crate::common::{self, snapshot};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn staging_folders(parent: &Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.") && n != ".public.lock")
        .collect()
}

/// The basic fixture with `documents` more reports in both languages, each
/// of some thousand words, so that a build takes long enough to be killed.
fn write_archive(root: &std::path::Path, documents: usize) {
    crate::common::copy_dir(&crate::common::repo().join("tests/fixtures/basic"), root);
    crate::common::copy_dir(&crate::common::repo().join("themes"), &root.join("themes"));
    let folder = root.join("content/reports");
    for i in 0..documents {
        for (lang, title, words) in [
            (
                "en",
                "Report",
                "the committee counted ballots in every province and published",
            ),
            ("km", "របាយការណ៍", "គណៈកម្មាធិការ បាន រាប់ សន្លឹកឆ្នោត នៅ គ្រប់ ខេត្ត"),
        ] {
            let body: String = (0..150)
                .map(|n| format!("{words} {}. ", i * 150 + n))
                .collect();
            std::fs::write(
                folder.join(format!("document-{i:06}.{lang}.md")),
                format!(
                    "---\ntitle: \"{title} {i}\"\ndate: 2023-06-01\ntype: report\n---\n\n{body}\n"
                ),
            )
            .unwrap();
        }
    }
}

#[test]
fn killed_build_leaves_the_previous_site_intact() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    std::fs::create_dir(&root).unwrap();
    write_archive(&root, 400);
    let sastra = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_sastra"))
            .env("LC_ALL", "en_US.UTF-8")
            .arg("--root")
            .arg(&root)
            .args(args)
            .output()
            .unwrap()
    };
    assert!(sastra(&["build"]).status.success());
    let output = root.join("public");
    let before = snapshot(&output);

    // Change every document, so a half-swapped site could not pass for the old one.
    for entry in walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
    {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        std::fs::write(
            entry.path(),
            text.replacen("---\n\n", "---\n\nChanged. ", 1),
        )
        .unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_sastra"))
        .env("LC_ALL", "en_US.UTF-8")
        .arg("--root")
        .arg(&root)
        .arg("build")
        .spawn()
        .unwrap();
    // Kill it once it is writing its staging folder.
    let deadline = Instant::now() + Duration::from_secs(60);
    while staging_folders(&root)
        .iter()
        .all(|n| !n.contains("staging"))
    {
        assert!(Instant::now() < deadline, "the build never started writing");
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build finished before it could be killed"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(Duration::from_millis(50));
    child.kill().unwrap();
    child.wait().unwrap();

    assert!(snapshot(&output) == before, "the previous site changed");
    // The next build succeeds, replaces the site and leaves no staging folder.
    assert!(sastra(&["build"]).status.success());
    assert!(
        staging_folders(&root).is_empty(),
        "{:?}",
        staging_folders(&root)
    );
    let after = snapshot(&output);
    let page = after
        .iter()
        .find(|(path, _)| path.starts_with("en/") && path.ends_with("/document-000000/index.html"))
        .expect("first document's page");
    assert!(String::from_utf8_lossy(page.1).contains("Changed."));
}

#[test]
fn unchanged_files_are_not_rewritten() {
    let site = common::Site::fixture("basic");
    site.build();
    let page = site.out().join("en/announcements/ballot-draw/index.html");
    let modified = std::fs::metadata(&page).unwrap().modified().unwrap();
    std::thread::sleep(Duration::from_millis(20));
    site.build();
    assert_eq!(
        std::fs::metadata(&page).unwrap().modified().unwrap(),
        modified
    );
}
