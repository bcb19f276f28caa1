//! `sastra check`: each problem reported with file, line and field, a hint
//! where one helps, in human, GitHub and JSON formats, with the documented
//! exit status.

use std::process::{Command, Output};

use crate::common::Site;

fn check(site: &Site, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sastra"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(["--root", site.root().to_str().unwrap(), "check"])
        .args(args)
        .output()
        .unwrap()
}

/// Runs `check` on the fixture plus one extra file, returning stderr.
fn problems_with(path: &str, text: &str) -> (String, Option<i32>) {
    let site = Site::fixture("basic");
    site.write(path, text);
    let output = check(&site, &[]);
    (
        String::from_utf8(output.stderr).unwrap(),
        output.status.code(),
    )
}

const GOOD: &str = "title: \"A notice\"\ndate: 2023-01-01\ntype: announcement\n";

#[test]
fn clean_archive_exits_zero_even_with_warnings() {
    let site = Site::fixture("basic");
    let output = check(&site, &[]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains(
        "content/reports/observation.en.md: warning: there is no Khmer version of this document"
    ));
    assert!(stderr.ends_with("0 error(s), 2 warning(s)\n"), "{stderr}");
    // --strict fails on warnings.
    assert_eq!(check(&site, &["--strict"]).status.code(), Some(1));
}

#[test]
fn unknown_tag_suggests_the_declared_one() {
    let (out, code) = problems_with(
        "content/announcements/n.en.md",
        &format!("---\n{GOOD}tags: [ballot, voter-regstration]\n---\n"),
    );
    assert_eq!(code, Some(1));
    assert!(
        out.contains("content/announcements/n.en.md:5:1: error: field `tags`: unknown tag `voter-regstration`\n  hint: did you mean `voter-registration`?"),
        "{out}"
    );
}

#[test]
fn impossible_date_shows_the_valid_forms() {
    let (out, _) = problems_with(
        "content/announcements/n.en.md",
        "---\ntitle: A\ndate: 2023-13-01\ntype: announcement\n---\n",
    );
    assert!(out.contains("content/announcements/n.en.md:3:1: error: field `date`: `2023-13-01` has month 13; months run from 01 to 12\n  hint: write YYYY-MM-DD (2023-06-22), or YYYY-MM (2023-06) or YYYY (2023) when only that much is known"), "{out}");
}

#[test]
fn missing_attachment_names_its_line() {
    let (out, _) = problems_with(
        "content/announcements/n.en.md",
        &format!("---\n{GOOD}attachments:\n  - file: files/missing.pdf\n    title: Notice\n---\n"),
    );
    assert!(out.contains("content/announcements/n.en.md:6:1: error: field `attachments[0].file`: the attached file `files/missing.pdf` does not exist"), "{out}");
}

#[test]
fn unknown_field_suggests_the_right_name() {
    let (out, _) = problems_with(
        "content/announcements/n.en.md",
        &format!("---\n{GOOD}summry: Typo\n---\n"),
    );
    assert!(out.contains("content/announcements/n.en.md:5:1: error: field `summry`: unknown field `summry`\n  hint: did you mean `summary`?"), "{out}");
}

#[test]
fn invalid_yaml_is_reported_at_the_files_line() {
    let (out, _) = problems_with(
        "content/announcements/n.en.md",
        "---\ntitle: A\ndate: 2023-01-01\ntype: announcement\ntags: [a\nsummary: x\n---\n",
    );
    assert!(
        out.contains(
            "content/announcements/n.en.md:6:8: error: the front matter is not valid YAML"
        ),
        "{out}"
    );
}

#[test]
fn all_problems_of_one_file_are_reported_together() {
    let (out, _) = problems_with(
        "content/announcements/n.en.md",
        "---\ndate: 2023-02-30\ntype: announcment\norganization: necc\n---\n",
    );
    for expected in [
        ":2:1: error: field `title`: the required field `title` is missing",
        ":2:1: error: field `date`: `2023-02-30` has day 30, but 2023-02 has 28 days",
        ":3:1: error: field `type`: unknown type `announcment`\n  hint: did you mean `announcement`?",
        ":4:1: error: field `organization`: unknown organization `necc`\n  hint: did you mean `nec`?",
    ] {
        assert!(out.contains(&format!("content/announcements/n.en.md{expected}")), "missing {expected} in\n{out}");
    }
    assert!(out.ends_with("4 error(s), 2 warning(s)\n"), "{out}");
}

#[test]
fn khmer_file_with_english_title_is_flagged() {
    let (out, _) = problems_with(
        "content/announcements/n.km.md",
        &format!("---\n{GOOD}---\n"),
    );
    assert!(out.contains("content/announcements/n.km.md:2:1: warning: field `title`: the title does not look like it is written in `km`"), "{out}");
}

#[test]
fn translations_must_agree_on_date_and_type() {
    let site = Site::fixture("basic");
    site.write(
        "content/announcements/pair.en.md",
        "---\ntitle: Pair\ndate: 2023-01-01\ntype: announcement\n---\n",
    );
    site.write(
        "content/announcements/pair.km.md",
        "---\ntitle: គូ\ndate: 2023-01-02\ntype: report\n---\n",
    );
    let out = String::from_utf8(check(&site, &[]).stderr).unwrap();
    assert!(out.contains("content/announcements/pair.km.md:3:1: error: field `date`: the date 2023-01-02 differs from 2023-01-01 in content/announcements/pair.en.md"), "{out}");
    assert!(out.contains("content/announcements/pair.km.md:4:1: error: field `type`: the type `report` differs from `announcement` in content/announcements/pair.en.md"), "{out}");
}

#[test]
fn body_links_must_lead_somewhere() {
    let (out, _) = problems_with(
        "content/announcements/n.en.md",
        &format!("---\n{GOOD}---\nSee [the report](../reports/observation.en.md).\n\nAnd [this](../reports/obsrvation.en.md) and [that](files/nothing.pdf).\n"),
    );
    assert!(!out.contains("observation.en.md, which"), "{out}");
    assert!(out.contains("content/announcements/n.en.md:8: error: the link `../reports/obsrvation.en.md` leads to content/reports/obsrvation.en.md, which does not exist\n  hint: did you mean `reports/observation`? (as content/<key>.<lang>.md)"), "{out}");
    assert!(out.contains("content/announcements/n.en.md:8: error: the link `files/nothing.pdf` leads to content/announcements/files/nothing.pdf, which does not exist"), "{out}");
}

#[test]
fn duplicate_slug_across_sections_is_flagged() {
    let (out, _) = problems_with(
        "content/reports/ballot-draw.en.md",
        &format!("---\n{GOOD}---\n"),
    );
    assert!(out.contains("content/reports/ballot-draw.en.md: warning: the slug `ballot-draw` is also used by content/announcements/ballot-draw"), "{out}");
}

#[test]
fn bad_file_names_are_explained() {
    let (out, _) = problems_with(
        "content/announcements/Notice.en.md",
        &format!("---\n{GOOD}---\n"),
    );
    assert!(out.contains("content/announcements/Notice.en.md: error: the slug `Notice` must use only lowercase ASCII letters, digits and hyphens"), "{out}");
    let (out, _) = problems_with(
        "content/announcements/notice.fr.md",
        &format!("---\n{GOOD}---\n"),
    );
    assert!(
        out.contains(
            "content/announcements/notice.fr.md: error: `fr` is not a language of this site"
        ),
        "{out}"
    );
}

#[test]
fn github_format_prints_annotations() {
    let site = Site::fixture("basic");
    site.write(
        "content/announcements/n.en.md",
        "---\ntitle: A\ndate: 2023-13-01\ntype: announcement\n---\n",
    );
    let output = check(&site, &["--format", "github"]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("::error file=content/announcements/n.en.md,line=3,col=1,title=field `date`::`2023-13-01` has month 13; months run from 01 to 12%0Ahint: write YYYY-MM-DD"), "{stdout}");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn json_format_is_one_array() {
    let site = Site::fixture("basic");
    site.write(
        "content/announcements/n.en.md",
        "---\ntitle: A\ndate: 2023-13-01\ntype: announcement\n---\n",
    );
    let output = check(&site, &["--format", "json"]);
    let problems: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let date = problems
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["field"] == "date")
        .unwrap();
    assert_eq!(date["severity"], "error");
    assert_eq!(date["path"], "content/announcements/n.en.md");
    assert_eq!(date["line"], 3);
}

#[test]
fn build_refuses_an_archive_with_errors() {
    let site = Site::fixture("basic");
    site.write(
        "content/announcements/n.en.md",
        "---\ntitle: A\ndate: 2023-13-01\ntype: announcement\n---\n",
    );
    let output = Command::new(env!("CARGO_BIN_EXE_sastra"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(["--root", site.root().to_str().unwrap(), "build"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("content/announcements/n.en.md:3:1: error: field `date`"),
        "{stderr}"
    );
    assert!(!site.out().exists());
}

#[test]
fn new_creates_complete_front_matter_and_never_overwrites() {
    let site = Site::fixture("basic");
    let new = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_sastra"))
            .env("LC_ALL", "en_US.UTF-8")
            .args([
                "--root",
                site.root().to_str().unwrap(),
                "new",
                "announcements",
                "Ballot order announced",
                "--date",
                "2023-06-22",
                "--org",
                "nec",
            ])
            .args(extra)
            .output()
            .unwrap()
    };
    let output = new(&["--lang", "km,en"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let en = std::fs::read_to_string(
        site.root()
            .join("content/announcements/2023-06-22-ballot-order-announced.en.md"),
    )
    .unwrap();
    assert!(en.starts_with("---\ntitle: Ballot order announced\ndate: 2023-06-22\ntype: announcement\norganization: nec\n"), "{en}");
    // The Khmer file is not given the English title: it is marked to
    // translate, and each body marked to write.
    let km = std::fs::read_to_string(
        site.root()
            .join("content/announcements/2023-06-22-ballot-order-announced.km.md"),
    )
    .unwrap();
    assert!(
        km.starts_with("---\ntitle: 'TODO: Ballot order announced'\n"),
        "{km}"
    );
    assert!(km.contains("\nTODO: សរសេរអត្ថបទ"), "{km}");
    let again = new(&[]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    // `check` refuses what is left to write, and nothing else.
    let out = String::from_utf8(check(&site, &[]).stderr).unwrap();
    assert_eq!(
        out.matches("still says what is left to write").count(),
        3,
        "{out}"
    );
    assert!(out.contains("3 error(s)"), "{out}");
    assert!(out.contains(
        "2023-06-22-ballot-order-announced.km.md:2:1: error: field `title`: still says what is left to write"
    ), "{out}");
}

#[test]
fn new_writes_each_title_in_its_own_languages_file() {
    let site = Site::fixture("basic");
    let new = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_sastra"))
            .env("LC_ALL", "en_US.UTF-8")
            .args([
                "--root",
                site.root().to_str().unwrap(),
                "new",
                "announcements",
            ])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    let read = |name: &str| {
        std::fs::read_to_string(site.root().join("content/announcements").join(name)).unwrap()
    };
    new(&[
        "--title",
        "km=សេចក្តីប្រកាស",
        "--title",
        "en=Ballot order",
        "--date",
        "2023-06-22",
    ]);
    assert!(read("2023-06-22-ballot-order.km.md").starts_with("---\ntitle: សេចក្តីប្រកាស\n"));
    assert!(read("2023-06-22-ballot-order.en.md").starts_with("---\ntitle: Ballot order\n"));
    // A Khmer title alone: its own file only, named by the date and type.
    new(&["សេចក្តីប្រកាសថ្មី", "--date", "2023-07-01"]);
    assert!(read("2023-07-01-announcement.km.md").starts_with("---\ntitle: សេចក្តីប្រកាសថ្មី\n"));
    assert!(!site
        .root()
        .join("content/announcements/2023-07-01-announcement.en.md")
        .exists());
}

#[test]
fn a_theme_without_a_string_the_site_uses_names_the_file_and_the_key() {
    let site = Site::fixture("basic");
    // Gone from every language, so only the list of keys the code and the
    // templates use can tell that it is missing.
    for lang in ["en", "km"] {
        let path = format!("themes/default/i18n/{lang}.toml");
        let text = std::fs::read_to_string(site.root().join(&path)).unwrap();
        let kept: Vec<&str> = text
            .lines()
            .filter(|line| !line.starts_with("offline_save_document ="))
            .collect();
        assert!(kept.len() < text.lines().count(), "{path} had the string");
        site.write(&path, &kept.join("\n"));
    }
    let output = check(&site, &[]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    for lang in ["en", "km"] {
        assert!(
            stderr.contains(&format!(
                "themes/default/i18n/{lang}.toml: error: field `strings.offline_save_document`: the string `offline_save_document` is missing"
            )),
            "{stderr}"
        );
    }
}

/// An old address must be a path of this site, and may not be another
/// page's URL nor another document's alias: each an error at its line.
#[test]
fn aliases_that_leave_the_site_or_collide_are_errors_at_their_line() {
    let (out, code) = problems_with(
        "content/reports/moved.en.md",
        &format!(
            "---\n{GOOD}aliases:\n  - /en/old/moved/\n  - https://evil.example/x/\n  - /en/../../etc/\n  - /files/announcements/x.pdf\n---\n"
        ),
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("content/reports/moved.en.md:7:1: error: field `aliases[1]`: `https://evil.example/x/` is an address on another site"), "{out}");
    assert!(out.contains("content/reports/moved.en.md:8:1: error: field `aliases[2]`: `/en/../../etc/` has the part `..`"), "{out}");
    assert!(out.contains("content/reports/moved.en.md:9:1: error: field `aliases[3]`: `/files/announcements/x.pdf` is inside `files/`"), "{out}");
    assert!(!out.contains("aliases[0]"), "{out}");

    let site = Site::fixture("basic");
    site.write(
        "content/reports/a.en.md",
        &format!("---\n{GOOD}aliases: [/en/old/, /en/announcements/ballot-draw/]\n---\n"),
    );
    site.write(
        "content/reports/b.en.md",
        &format!("---\n{GOOD}aliases:\n  - /en/new/\n  - /en/old/index.html\n---\n"),
    );
    let output = check(&site, &[]);
    let out = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(out.contains("content/reports/a.en.md:5:1: error: field `aliases[1]`: the alias /en/announcements/ballot-draw/ is also the URL of content/announcements/ballot-draw.en.md"), "{out}");
    assert!(out.contains("content/reports/b.en.md:7:1: error: field `aliases[1]`: the alias /en/old/ is also an alias of content/reports/a.en.md, line 5"), "{out}");
}

/// `check` run with a locale (`LC_ALL`) and arguments, on the fixture plus
/// one file; stdout and stderr.
fn check_in(locale: &str, args: &[&str], path: &str, text: &str) -> (String, String) {
    let site = Site::fixture("basic");
    site.write(path, text);
    let output = Command::new(env!("CARGO_BIN_EXE_sastra"))
        .env("LC_ALL", "en_US.UTF-8")
        .env_remove("LANG")
        .env_remove("LC_MESSAGES")
        .env("LC_ALL", locale)
        .args(["--root", site.root().to_str().unwrap(), "check"])
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

const UNKNOWN_TAG: &str =
    "---\ntitle: A\ndate: 2023-01-01\ntype: announcement\ntags: [ballots]\n---\n";
const UNKNOWN_TAG_KM: &str = "content/announcements/n.en.md:5:1: កំហុស: វាល `tags`: មិនស្គាល់ស្លាក `ballots` ទេ\n  ណែនាំ: តើអ្នកចង់សរសេរ `ballot` ឬ?";
const UNKNOWN_TAG_EN: &str = "content/announcements/n.en.md:5:1: error: field `tags`: unknown tag `ballots`\n  hint: did you mean `ballot`?";

#[test]
fn the_language_is_the_flags_then_the_locales_then_the_sites() {
    let path = "content/announcements/n.en.md";
    // --lang wins over the locale.
    let (_, err) = check_in("en_US.UTF-8", &["--lang", "km"], path, UNKNOWN_TAG);
    assert!(err.contains(UNKNOWN_TAG_KM), "{err}");
    assert!(err.ends_with("កំហុស ១, ការព្រមាន ២\n"), "{err}");
    let (_, err) = check_in("km_KH.UTF-8", &["--lang", "en"], path, UNKNOWN_TAG);
    assert!(err.contains(UNKNOWN_TAG_EN), "{err}");
    // The locale wins over the site.
    let (_, err) = check_in("km_KH.UTF-8", &[], path, UNKNOWN_TAG);
    assert!(err.contains(UNKNOWN_TAG_KM), "{err}");
    let (_, err) = check_in("en_GB.UTF-8", &[], path, UNKNOWN_TAG);
    assert!(err.contains(UNKNOWN_TAG_EN), "{err}");
    // A locale that names no language of the catalogue leaves it to the
    // site, whose default language is km.
    let (_, err) = check_in("C.UTF-8", &[], path, UNKNOWN_TAG);
    assert!(err.contains(UNKNOWN_TAG_KM), "{err}");
}

#[test]
fn github_and_json_formats_speak_the_language_too() {
    let path = "content/announcements/n.en.md";
    let (out, _) = check_in(
        "C",
        &["--lang", "km", "--format", "github"],
        path,
        UNKNOWN_TAG,
    );
    assert!(
        out.contains("::error file=content/announcements/n.en.md,line=5,col=1,title=វាល `tags`::មិនស្គាល់ស្លាក `ballots` ទេ%0Aណែនាំ: តើអ្នកចង់សរសេរ `ballot` ឬ?"),
        "{out}"
    );
    let (out, _) = check_in(
        "C",
        &["--lang", "km", "--format", "json"],
        path,
        UNKNOWN_TAG,
    );
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let error = json
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["severity"] == "error")
        .unwrap();
    assert_eq!(error["id"], "UnknownTerm");
    assert_eq!(error["message"], "មិនស្គាល់ស្លាក `ballots` ទេ");
    assert_eq!(error["hint_id"], "DidYouMean");
}
