//! The contribute page: one in each language, holding the site's choices
//! with their labels in the page's language, and the forge's new-file form
//! only when site.toml names a repository.

use crate::common::Site;

/// `key = { km = "…", en = "…" }` of one table of site.toml, as written.
fn declared(site_toml: &toml::Table, table: &str) -> Vec<(String, toml::Table)> {
    site_toml[table]
        .as_table()
        .unwrap()
        .iter()
        .map(|(key, labels)| (key.clone(), labels.as_table().unwrap().clone()))
        .collect()
}

/// A label as the template writes it (Tera escapes HTML).
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
}

#[test]
fn each_language_has_a_contribute_page_with_the_sites_choices() {
    let site = Site::sample();
    site.build();
    let site_toml: toml::Table =
        toml::from_str(&std::fs::read_to_string(site.root().join("site.toml")).unwrap()).unwrap();
    for lang in ["km", "en"] {
        let html = site.read(&format!("{lang}/contribute/index.html"));
        for table in ["types", "organizations", "tags"] {
            let choices = declared(&site_toml, table);
            assert!(!choices.is_empty());
            for (key, labels) in choices {
                let label = escaped(labels[lang].as_str().unwrap());
                assert!(
                    html.contains(&format!("value=\"{key}\">{label}</option>"))
                        || html.contains(&format!("value=\"{key}\"> {label}</label>")),
                    "{lang}/contribute/: no choice of {table} `{key}` labelled {label}"
                );
            }
        }
        for section in ["announcements", "news", "reports"] {
            assert!(
                html.contains(&format!("<option value=\"{section}\">")),
                "{lang}: section {section}"
            );
        }
        assert!(html.contains("js/contribute.js"), "{lang}: no script");
        // No repository in the sample's site.toml: the text is to copy.
        assert!(
            html.contains("\"new_file\":null"),
            "{lang}: a forge form without a repository"
        );
        let home = site.read(&format!("{lang}/index.html"));
        assert!(
            home.contains(&format!("/{lang}/contribute/\"")),
            "{lang}: the footer does not link the contribute page"
        );
    }
}

#[test]
fn the_forges_new_file_form_is_given_when_a_repository_is_set() {
    let site = Site::sample();
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        &toml.replacen(
            "[[languages]]",
            "repository = \"https://gitlab.com/group/archive\"\n\n[[languages]]",
            1,
        ),
    );
    site.build();
    let html = site.read("km/contribute/index.html");
    assert!(
        html.contains(r#""new_file":{"prefix":"https://gitlab.com/group/archive/-/new/main/","name":"file_name","content":"content"}"#),
        "{}",
        html.lines().find(|l| l.contains("contribute-data")).unwrap_or_default()
    );
}
