//! The machine-readable outputs of the sample archive, checked by real
//! third-party parsers: the sitemap by xmllint against the sitemaps.org
//! schema, every Atom feed by Python's feedparser. `scripts/test` installs
//! both (libxml2-utils; feedparser in a virtualenv named by
//! `SASTRA_PYTHON`).

use crate::common;
use std::process::Command;

use crate::common::Site;

fn tool_missing(what: &str) -> ! {
    panic!("{what} is needed for this test; `scripts/test` installs it")
}

#[test]
fn sitemap_is_valid_against_the_sitemaps_schema() {
    let site = Site::sample();
    site.build();
    let schema = common::repo().join("tests/fixtures/schemas/sitemap-with-alternates.xsd");
    let output = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(&schema)
        .arg(site.out().join("sitemap.xml"))
        .output()
        .unwrap_or_else(|_| tool_missing("xmllint (Debian package libxml2-utils)"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("validates"), "{stderr}");
}

#[test]
fn feeds_parse_without_errors() {
    let site = Site::sample();
    site.build();
    let feeds: Vec<String> = site
        .files()
        .into_iter()
        .filter(|f| f.ends_with("atom.xml"))
        .collect();
    assert!(feeds.len() > 10, "{feeds:?}");
    let python = std::env::var("SASTRA_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = r#"
import sys, feedparser
problems = []
for path in sys.argv[1:]:
    d = feedparser.parse(path)
    if d.bozo:
        problems.append(f"{path}: {d.bozo_exception}")
    if d.version != "atom10":
        problems.append(f"{path}: parsed as {d.version!r}, not Atom 1.0")
    for e in d.entries:
        for field in ("title", "link", "id", "updated", "author"):
            if not e.get(field):
                problems.append(f"{path}: entry {e.get('id')} has no {field}")
print("\n".join(problems))
sys.exit(1 if problems else 0)
"#;
    let output = Command::new(&python)
        .arg("-c")
        .arg(script)
        .args(feeds.iter().map(|f| site.out().join(f)))
        .output()
        .unwrap_or_else(|_| tool_missing("python3"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("No module named 'feedparser'") {
        tool_missing("Python's feedparser");
    }
    assert!(
        output.status.success(),
        "{}{stderr}",
        String::from_utf8_lossy(&output.stdout)
    );
}
