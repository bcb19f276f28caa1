//! The preview's incremental rebuild: after each kind of edit, the served
//! folder holds exactly what a full build of the edited archive writes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use std::sync::atomic::{AtomicUsize, Ordering};

use sastra::archive::Archive;
use sastra::build::{self, build, BuildError, BuildOptions};
use sastra::output::{Sink, WriteError};
use sastra::serve::preview::{Preview, Rebuilt};

use crate::common::Site;

const BASE_URL: &str = "http://127.0.0.1:8000/";
const EN: &str = "content/announcements/2023-05-29-ballot-order-draw-results.en.md";
const KM: &str = "content/announcements/2023-05-29-ballot-order-draw-results.km.md";

/// An edit: its name, and in which files to replace what by what.
type Edit<'a> = (&'a str, &'a [(&'a str, &'a str, &'a str)]);

fn options(site: &Site, output: &str) -> BuildOptions {
    BuildOptions {
        output: Some(site.root().join(output)),
        base_url: Some(BASE_URL.into()),
        // As `sastra serve` builds, so that a full build compares.
        offline: false,
        ..BuildOptions::new(site.root())
    }
}

fn tree(folder: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(folder)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(folder).unwrap();
            (
                relative.to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Fails with the first differing file, so a miss is easy to track down.
fn assert_same_as_full_build(site: &Site, preview_dir: &Path, edit: &str) {
    build(&options(site, "full")).unwrap();
    let full = tree(&site.root().join("full"));
    let preview = tree(preview_dir);
    for (path, bytes) in &full {
        match preview.get(path) {
            None => panic!("after {edit}: the preview lacks {path}"),
            Some(served) => assert!(
                served == bytes,
                "after {edit}: {path} differs from a full build's"
            ),
        }
    }
    for path in preview.keys() {
        assert!(
            full.contains_key(path),
            "after {edit}: the preview still has {path}"
        );
    }
}

fn replace(site: &Site, file: &str, from: &str, to: &str) {
    let path = site.root().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn rebuild(preview: &mut Preview, files: &[&str]) -> Result<Rebuilt, BuildError> {
    let paths: Vec<PathBuf> = files.iter().map(PathBuf::from).collect();
    let result = preview.rebuild(&paths).map(|(rebuilt, _)| rebuilt);
    preview.settle();
    result
}

/// A copy of the sample archive, previewed after its first build, and the
/// folder served.
fn served_sample() -> (Site, Preview, PathBuf) {
    let site = Site::sample();
    let mut preview = Preview::new(options(&site, "preview"));
    let served = site.root().join("preview");
    rebuild(&mut preview, &[]).unwrap();
    (site, preview, served)
}

#[test]
fn each_kind_of_edit_rebuilds_what_a_full_build_would() {
    let site = Site::sample();
    let mut preview = Preview::new(options(&site, "preview"));
    let served = site.root().join("preview");
    assert!(matches!(
        rebuild(&mut preview, &[]).unwrap(),
        Rebuilt::Full { .. }
    ));

    let edits: [Edit; 8] = [
        (
            "a body edit",
            &[(EN, "drawing lots.", "drawing lots in public.")],
        ),
        (
            "a title edit",
            &[(EN, "title: \"Announcement on", "title: \"Notice on")],
        ),
        (
            "a summary edit",
            &[(
                EN,
                "summary: \"The NEC announces",
                "summary: \"The NEC publishes",
            )],
        ),
        (
            "a new tag",
            &[(
                EN,
                "ballot, political-parties]",
                "ballot, political-parties, media]",
            )],
        ),
        (
            "a removed tag",
            &[(
                EN,
                "[national-assembly-election-2023, ballot,",
                "[national-assembly-election-2023,",
            )],
        ),
        (
            "a date known only to its month (the charts' hatching)",
            &[
                (EN, "date: 2023-05-29", "date: 2023-05"),
                (KM, "date: 2023-05-29", "date: 2023-05"),
            ],
        ),
        (
            "a new date in another year",
            &[
                (EN, "date: 2023-05", "date: 2019-02"),
                (KM, "date: 2023-05", "date: 2019-02"),
            ],
        ),
        (
            "a date after the archive's last year (every term's chart widens)",
            &[
                (EN, "date: 2019-02", "date: 2026-01"),
                (KM, "date: 2019-02", "date: 2026-01"),
            ],
        ),
    ];
    for (edit, changes) in edits {
        for (file, from, to) in changes {
            replace(&site, file, from, to);
        }
        let files: Vec<&str> = changes.iter().map(|(file, _, _)| *file).collect();
        match rebuild(&mut preview, &files).unwrap() {
            Rebuilt::Pages { pages, .. } => assert!(pages > 0, "{edit} redrew nothing"),
            Rebuilt::Full { .. } => panic!("{edit} took a full build"),
        }
        assert_same_as_full_build(&site, &served, edit);
    }
}

#[test]
fn a_body_edit_redraws_only_that_documents_pages() {
    let (site, mut preview, _) = served_sample();
    replace(&site, EN, "drawing lots.", "drawing lots in public.");
    match rebuild(&mut preview, &[EN]).unwrap() {
        Rebuilt::Pages { pages, .. } => assert_eq!(pages, 2, "the English page and the Khmer one"),
        other => panic!("expected a page rebuild, got {other:?}"),
    }
}

#[test]
fn a_broken_edit_keeps_the_served_site_and_a_fix_recovers() {
    let (site, mut preview, served) = served_sample();
    let before = tree(&served);

    replace(&site, EN, "date: 2023-05-29", "date: 2023-13-40");
    match rebuild(&mut preview, &[EN]) {
        Err(BuildError::Invalid(problems)) => {
            let text = problems
                .sorted()
                .iter()
                .map(ToString::to_string)
                .collect::<String>();
            assert!(text.contains("ballot-order-draw-results.en.md"), "{text}");
        }
        other => panic!("expected the broken date to be reported, got {other:?}"),
    }
    assert!(tree(&served) == before, "a failed rebuild changed the site");

    replace(&site, EN, "date: 2023-13-40", "date: 2023-05-29");
    assert!(matches!(
        rebuild(&mut preview, &[EN]).unwrap(),
        Rebuilt::Pages { .. }
    ));
    assert_same_as_full_build(&site, &served, "the fix");
}

#[test]
fn new_and_deleted_documents_take_a_full_build() {
    let (site, mut preview, served) = served_sample();

    let copy = "content/announcements/2023-05-30-copy.en.md";
    std::fs::copy(site.root().join(EN), site.root().join(copy)).unwrap();
    assert!(matches!(
        rebuild(&mut preview, &[copy]).unwrap(),
        Rebuilt::Full { .. }
    ));
    assert_same_as_full_build(&site, &served, "a new document");

    std::fs::remove_file(site.root().join(copy)).unwrap();
    assert!(matches!(
        rebuild(&mut preview, &[copy]).unwrap(),
        Rebuilt::Full { .. }
    ));
    assert_same_as_full_build(&site, &served, "a deleted document");
}

#[test]
fn edits_that_supersede_the_background_work_end_as_a_full_build_would() {
    let (site, mut preview, served) = served_sample();
    // Each edit lands while the previous one's feeds and index are waiting
    // to start, starting or being written; whatever a superseded job left,
    // the last one's must make the served folder whole.
    for (round, pause_ms) in [0, 290, 300, 310, 330, 360].into_iter().enumerate() {
        replace(
            &site,
            EN,
            "drawing lots",
            &format!("drawing lots (round {round}), drawing lots"),
        );
        let changed = [PathBuf::from(EN)];
        preview.rebuild(&changed).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(pause_ms));
    }
    preview.settle();
    assert_same_as_full_build(&site, &served, "edits in quick succession");
}

/// Counts the files written to it.
#[derive(Default)]
struct Counter(AtomicUsize);

impl Sink for Counter {
    fn write(&self, _: &str, _: &[u8]) -> Result<(), WriteError> {
        self.0.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }
}

#[test]
fn a_search_index_called_off_writes_nothing() {
    let site = Site::sample();
    let (loaded, theme) = build::load_checked(&options(&site, "unused")).unwrap();
    let archive = Archive::new(&loaded.config, loaded.documents, false);
    let index = |stop: &(dyn Fn() -> bool + Sync)| {
        let sink = Counter::default();
        let files = build::write_language_index(
            &loaded.config,
            &archive,
            &theme,
            "km",
            &sink,
            stop,
            &loaded.attachments,
        )
        .unwrap();
        assert_eq!(files, sink.0.load(Ordering::SeqCst));
        files
    };
    assert_eq!(index(&|| true), 0, "called off before it began");
    assert!(index(&|| false) > 0, "the whole index when not called off");
}

/// The served files that hold `text`.
fn holding(folder: &Path, text: &str) -> Vec<String> {
    tree(folder)
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(text))
        .map(|(path, _)| path)
        .collect()
}

/// Whether a served file's path is of some kind of page.
type IsPath = fn(&str) -> bool;

#[test]
fn a_title_edit_reaches_every_page_that_shows_the_title() {
    let (site, mut preview, served) = served_sample();
    let title = "Zebra notice on the results of the draw";
    replace(
        &site,
        EN,
        "title: \"Announcement on the results of the draw",
        &format!("title: \"{title}"),
    );
    match rebuild(&mut preview, &[EN]).unwrap() {
        Rebuilt::Pages { .. } => {}
        other => panic!("a title edit took {other:?}"),
    }
    // Every kind of page that shows a document's title, as a full build
    // of the edited archive writes them: the preview must hold each one
    // with the new title, whether redrawn at once or in the background.
    build(&options(&site, "full")).unwrap();
    let full = holding(&site.root().join("full"), title);
    // (Not the home page: it lists the five latest, and this is not one.)
    let kinds: [(&str, IsPath); 9] = [
        ("its page", |p| {
            p == "en/announcements/2023-05-29-ballot-order-draw-results/index.html"
        }),
        ("the search index", |p| p.starts_with("search/en/")),
        ("a tag's page", |p| p.starts_with("en/tags/ballot/")),
        ("its type's page", |p| {
            p.starts_with("en/types/announcement/")
        }),
        ("its organisation's page", |p| {
            p.starts_with("en/organizations/nec/")
        }),
        ("its year of the timeline", |p| {
            p == "en/timeline/2023/index.html"
        }),
        ("a feed", |p| p.ends_with(".xml") && !p.contains("sitemap")),
        ("a related document's page", |p| {
            p.starts_with("en/") && p.contains("/20") && !p.contains("ballot-order-draw-results")
        }),
        ("the catalogue", |p| p.starts_with("catalog")),
    ];
    for (kind, is) in kinds {
        assert!(
            full.iter().any(|p| is(p)),
            "a full build shows the title on no page of {kind}: {full:?}"
        );
    }
    let preview = holding(&served, title);
    for path in &full {
        assert!(
            preview.contains(path),
            "the preview's {path} still shows the old title"
        );
    }
    assert_same_as_full_build(&site, &served, "a title edit");
}

#[test]
fn an_edit_tells_again_the_problems_between_documents_and_checks_its_links() {
    let site = Site::sample();
    // One slug in two sections: a warning on every build, edits included.
    let twin = "content/reports/2023-05-29-ballot-order-draw-results.en.md";
    std::fs::write(
        site.root().join(twin),
        "---\ntitle: \"A report\"\ndate: 2023-05-29\ntype: report\norganization: nec\n---\n\nText.\n",
    )
    .unwrap();
    let mut preview = Preview::new(options(&site, "preview"));
    let slug_shared = |problems: &sastra::diagnostics::Diagnostics| {
        problems
            .clone()
            .sorted()
            .iter()
            .any(|d| d.to_string().contains("is also used by"))
    };
    let (_, warnings) = preview.rebuild(&[]).unwrap();
    assert!(
        slug_shared(&warnings),
        "the full build warns of the shared slug"
    );

    replace(&site, EN, "drawing lots.", "drawing lots in public.");
    let (rebuilt, warnings) = preview.rebuild(&[PathBuf::from(EN)]).unwrap();
    assert!(matches!(rebuilt, Rebuilt::Pages { .. }));
    assert!(slug_shared(&warnings), "an edit's rebuild warns of it too");

    // The edited body is checked against the rest of the archive.
    replace(
        &site,
        EN,
        "drawing lots in public.",
        "drawing lots in [public](2023-05-29-no-such-document.en.md).",
    );
    match preview.rebuild(&[PathBuf::from(EN)]) {
        Err(BuildError::Invalid(problems)) => {
            let text = problems
                .sorted()
                .iter()
                .map(ToString::to_string)
                .collect::<String>();
            assert!(text.contains("no-such-document"), "{text}");
        }
        Ok(other) => panic!("a link to a missing document was let through: {other:?}"),
        Err(other) => panic!("{other}"),
    }
    preview.settle();
}
