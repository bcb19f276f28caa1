//! Untrusted content: malformed and hostile inputs (one fixture per case
//! under tests/fixtures/hostile/, plus generated ones) each give a clear
//! error or a safe page, never a panic; output is escaped and sanitised.

use crate::common;
use std::collections::BTreeMap;

use crate::common::Site;
use sastra::diagnostics::Diagnostic;

/// A site holding the fixture `names` (or all) under content/hostile/.
fn hostile_site(names: Option<&[&str]>) -> Site {
    let site = Site::fixture("basic");
    let folder = common::repo().join("tests/fixtures/hostile");
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if names.is_none_or(|n| n.iter().any(|w| name.starts_with(&format!("{w}.")))) {
            let target = site.root().join("content/hostile").join(&name);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(&path, target).unwrap();
        }
    }
    site
}

fn errors_by_file(site: &Site) -> BTreeMap<String, Vec<Diagnostic>> {
    let mut by_file: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for d in sastra::build::check(site.root())
        .sorted()
        .into_iter()
        .filter(Diagnostic::is_error)
    {
        by_file
            .entry(d.path.trim_start_matches("content/hostile/").to_string())
            .or_default()
            .push(d);
    }
    by_file
}

#[test]
fn each_malformed_file_gets_its_own_clear_error() {
    let site = hostile_site(None);
    let errors = errors_by_file(&site);
    let expect = |file: &str, line: usize, message: &str| {
        let found = errors
            .get(file)
            .unwrap_or_else(|| panic!("no error for {file}: {errors:#?}"));
        assert!(
            found
                .iter()
                .any(|d| d.line == line && d.message.en().contains(message)),
            "{file}: expected `{message}` at line {line}, got {found:#?}"
        );
    };
    expect("empty.en.md", 1, "the file is empty");
    expect("invalid-utf8.en.md", 6, "the file is not valid UTF-8 text");
    expect(
        "duplicate-keys.en.md",
        3,
        "the field `title` is written twice",
    );
    expect("yaml-bomb.en.md", 2, "repetition limit exceeded");
    expect(
        "javascript-source.en.md",
        5,
        "`javascript:alert(1)` is not an http(s) address",
    );
    expect("unknown-field.en.md", 5, "unknown field `layout`");
    expect(
        "attachment-escape.en.md",
        6,
        "`../../../etc/passwd` must be a plain relative path inside the section folder",
    );
    expect(
        "attachment-escape.en.md",
        8,
        "`/etc/passwd` must be a plain relative path",
    );
    assert_eq!(
        errors["attachment-escape.en.md"].len(),
        4,
        "{:#?}",
        errors["attachment-escape.en.md"]
    );
    for legitimate in [
        "bom.en.md",
        "crlf.en.md",
        "front-matter-only.en.md",
        "script-title.en.md",
        "script-body.en.md",
    ] {
        assert!(
            !errors.contains_key(legitimate),
            "{legitimate} should load: {:#?}",
            errors.get(legitimate)
        );
    }
}

#[test]
fn legitimate_oddities_build() {
    let site = hostile_site(Some(&["bom", "crlf", "front-matter-only"]));
    site.build();
    assert!(site
        .read("en/hostile/bom/index.html")
        .contains("<h1>With a byte-order mark</h1>"));
    let crlf = site.read("en/hostile/crlf/index.html");
    assert!(
        crlf.contains("<p>Line one.</p>\n<p>Line two.</p>"),
        "{crlf}"
    );
    assert!(site.exists("en/hostile/front-matter-only/index.html"));
}

#[test]
fn front_matter_values_are_escaped_everywhere() {
    let site = hostile_site(Some(&["script-title"]));
    site.build();
    for file in site.files() {
        let text = site.read_bytes(&file);
        let text = String::from_utf8_lossy(&text);
        if file.ends_with(".json") || file.ends_with(".csv") || file.starts_with("assets/") {
            // Data files, never markup: strings stay strings (checked below);
            // and the theme's own files (its icon is an SVG).
            continue;
        }
        assert!(
            !text.contains("<script>window"),
            "{file} has an unescaped script"
        );
        assert!(!text.contains("<img src=x"), "{file} has an unescaped tag");
        // The site draws charts as inline SVG of its own; the hostile one
        // carries an event handler.
        assert!(!text.contains("<svg onload"), "{file} has an unescaped tag");
    }
    let page = site.read("en/hostile/script-title/index.html");
    assert!(page.contains("<h1>&lt;script&gt;window.__pwned = 1&lt;/script&gt;&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;</h1>"), "{page}");
    assert!(page.contains(r#"<meta name="description" content="&quot;&gt;&lt;svg onload=window.__pwned=3&gt; &amp; &lt;/title&gt;"#));
    assert!(page.contains(r#"<a href="https://example.org/?q=&quot;&gt;&lt;script&gt;window.__pwned=5&lt;/script&gt;" rel="external noopener">"#), "{page}");
    let feed = site.read("en/atom.xml");
    assert!(feed.contains("&lt;script&gt;window.__pwned = 1&lt;/script&gt;"));
    // JSON outputs parse and carry the title as plain text.
    let catalog: serde_json::Value = serde_json::from_str(&site.read("catalog.json")).unwrap();
    assert!(catalog["documents"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["titles"]["en"]
            .as_str()
            .unwrap()
            .starts_with("<script>window.__pwned = 1")));
}

#[test]
fn raw_html_in_bodies_is_sanitised_but_harmless_formatting_stays() {
    let site = hostile_site(Some(&["script-body"]));
    site.build();
    let page = site.read("en/hostile/script-body/index.html");
    // The body ends where the citation (with its permanent link field) starts.
    let body = &page
        [page.find("<div class=\"body\">").unwrap()..page.find("<section class=\"cite\"").unwrap()];
    for banned in [
        "<script",
        "onerror",
        "onclick",
        "javascript:",
        "jAvAsCrIpT",
        "<iframe",
        "<object",
        "<style",
        "style=",
        "<form",
        "<input",
    ] {
        assert!(!body.contains(banned), "{banned} survived:\n{body}");
    }
    for kept in [
        "H<sub>2</sub>O",
        "E = mc<sup>2</sup>",
        r#"<abbr title="National Election Committee">NEC</abbr>"#,
        "<table>",
        r#"alt="broken image""#,
    ] {
        assert!(body.contains(kept), "{kept} was removed:\n{body}");
    }
}

#[test]
fn raw_html_is_kept_when_the_site_trusts_its_content() {
    let site = hostile_site(Some(&["script-body"]));
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        &config.replace("page_size = 2", "page_size = 2\nallow_raw_html = true"),
    );
    site.build();
    assert!(site
        .read("en/hostile/script-body/index.html")
        .contains("<script>window.__pwned = 6</script>"));
}

#[test]
fn generated_extremes_never_panic() {
    let site = Site::fixture("basic");
    let front = "---\ntitle: \"Extreme\"\ndate: 2023\ntype: announcement\n";
    // 10,000 tags: every one reported, nothing explodes.
    let tags: Vec<String> = (0..10_000).map(|i| format!("t{i}")).collect();
    site.write(
        "content/x/many-tags.en.md",
        &format!("{front}tags: [{}]\n---\n", tags.join(", ")),
    );
    // Deeply nested Markdown.
    site.write(
        "content/x/nested.en.md",
        &format!(
            "{front}---\n{}deep\n\n{}x{}\n",
            "> ".repeat(5_000),
            "*".repeat(10_000),
            "*".repeat(10_000)
        ),
    );
    site.write(
        "content/x/nested-lists.en.md",
        &format!(
            "{front}---\n{}\n",
            (0..2_000)
                .map(|i| format!("{}- item", "  ".repeat(i)))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    );
    // Front matter that is not a mapping.
    site.write("content/x/list.en.md", "---\n- a\n- b\n---\n");
    let errors: Vec<Diagnostic> = sastra::build::check(site.root())
        .sorted()
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    assert_eq!(
        errors
            .iter()
            .filter(|d| d.path == "content/x/many-tags.en.md")
            .count(),
        10_000
    );
    assert!(errors.iter().any(|d| d.path == "content/x/list.en.md"
        && d.message
            .en()
            .contains("must be a list of `field: value` lines")));
    // Nesting beyond any real document's is refused at its line, before the
    // parser spends time quadratic in the depth on it.
    assert!(
        errors.iter().any(|d| d.path == "content/x/nested.en.md"
            && d.line == 6
            && d.message.en().contains("nests quotes or lists 5000 deep")),
        "{errors:#?}"
    );
    assert!(
        !errors.iter().any(|d| d.path.contains("nested-lists")),
        "{errors:#?}"
    );
    std::fs::remove_file(site.root().join("content/x/nested.en.md")).unwrap();
    std::fs::remove_file(site.root().join("content/x/many-tags.en.md")).unwrap();
    std::fs::remove_file(site.root().join("content/x/list.en.md")).unwrap();
    site.build();
    assert!(site.exists("en/x/nested-lists/index.html"));
}

#[cfg(unix)]
#[test]
fn symbolic_links_out_of_the_archive_are_refused() {
    let site = Site::fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.en.md"),
        "---\ntitle: Secret\ndate: 2023\ntype: report\n---\n",
    )
    .unwrap();
    std::fs::write(outside.path().join("secret.pdf"), "secret").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.en.md"),
        site.root().join("content/reports/secret.en.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.pdf"),
        site.root().join("content/announcements/files/secret.pdf"),
    )
    .unwrap();
    site.write("content/announcements/leak.en.md", "---\ntitle: Leak\ndate: 2023\ntype: report\nattachments:\n  - file: files/secret.pdf\n    title: x\n---\n");
    let errors: Vec<String> = sastra::build::check(site.root())
        .sorted()
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(
        errors.iter().any(|e| e
            .starts_with("content/reports/secret.en.md: error: the file leads outside content/")),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("the attached file `files/secret.pdf` leads outside content/")),
        "{errors:#?}"
    );
}

#[test]
fn twenty_faults_are_twenty_reports() {
    let site = Site::fixture("basic");
    for i in 0..20 {
        let fault = match i % 5 {
            0 => "---\ntitle: A\ndate: 2023-13-01\ntype: announcement\n---\n".to_string(),
            1 => "---\ntitle: A\ndate: 2023\ntype: nonsense\n---\n".to_string(),
            2 => "---\ntitle: A\ndate: 2023\ntype: announcement\ntags: [nope]\n---\n".to_string(),
            3 => "---\ndate: 2023\ntype: announcement\n---\n".to_string(),
            _ => "no front matter\n".to_string(),
        };
        site.write(&format!("content/faults/f{i:02}.en.md"), &fault);
    }
    let diagnostics = sastra::build::check(site.root());
    let errors: Vec<Diagnostic> = diagnostics
        .sorted()
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    assert_eq!(errors.len(), 20, "{errors:#?}");
    let files: std::collections::BTreeSet<&str> = errors.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(files.len(), 20);
}
