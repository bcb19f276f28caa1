//! Offline reading, the build's side: the service worker, the app
//! manifests, and true sizes in "save for offline".

use crate::common::Site;
use sastra::build::{build, BuildOptions};
use serde_json::Value;

fn json(site: &Site, path: &str) -> Value {
    serde_json::from_str(&site.read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The JSON the worker is written with.
fn worker_config(site: &Site) -> Value {
    let worker = site.read("sw.js");
    let start = worker.find("const CONFIG = ").expect("a config") + "const CONFIG = ".len();
    let end = start + worker[start..].find(";\n").expect("the config ends");
    serde_json::from_str(&worker[start..end]).unwrap()
}

/// The output file of a root-relative URL of a site at `base`.
fn file_of(base: &str, url: &str) -> String {
    let path = url
        .strip_prefix(base)
        .unwrap_or_else(|| panic!("{url} is not under {base}"));
    if path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

#[test]
fn the_worker_sits_at_the_base_path_and_names_this_builds_theme_files() {
    let site = Site::fixture("basic");
    site.build();
    let config = worker_config(&site);
    assert_eq!(config["scope"], "/repo/");
    assert_eq!(config["assets_root"], "/repo/assets/");
    let assets = config["assets"].as_array().unwrap();
    assert!(assets.len() > 5);
    for asset in assets {
        assert!(
            site.exists(&file_of("/repo/", asset.as_str().unwrap())),
            "{asset} is not published"
        );
    }
    for lang in ["km", "en"] {
        assert_eq!(config["saved"][lang], format!("/repo/{lang}/saved/"));
        assert!(site.exists(&format!("{lang}/saved/index.html")));
    }
    // Kept at install: offline, a page never visited shows the saved page.
    assert_eq!(config["default_saved"], "/repo/km/saved/");
    let fallbacks: Vec<&str> = config["fallbacks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    for needed in [
        "/repo/km/saved/",
        "/repo/en/saved/",
        "/css/site.css",
        "/js/offline.js",
        "/js/offline-saved.js",
        "/js/offline-store.js",
    ] {
        assert!(
            fallbacks.iter().any(|f| f.ends_with(needed)),
            "{needed} is not kept at install: {fallbacks:?}"
        );
    }
    for fallback in &fallbacks {
        assert!(site.exists(&file_of("/repo/", fallback)), "{fallback}");
    }
    assert_eq!(
        config["search_pages"],
        serde_json::json!(["/repo/km/search/", "/repo/en/search/"])
    );
    let home = site.read("en/index.html");
    assert!(
        home.contains(r#"data-sw="/repo/sw.js" data-scope="/repo/""#),
        "the page registers /repo/sw.js"
    );
    assert!(home.contains(r#"<link rel="manifest" href="/repo/en/manifest.json">"#));
}

#[test]
fn a_new_worker_comes_with_new_theme_files_only() {
    let site = Site::fixture("basic");
    site.build();
    let first = site.read("sw.js");
    let path = site.root().join("content/announcements/registration.en.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("title: ", "title: Revised ", 1)).unwrap();
    site.build();
    assert_eq!(
        site.read("sw.js"),
        first,
        "a content edit needs no new worker"
    );
    let css = site.root().join("themes/default/static/css/site.css");
    let mut style = std::fs::read_to_string(&css).unwrap();
    style.push_str("\n/* changed */\n");
    std::fs::write(&css, style).unwrap();
    site.build();
    let second = worker_config(&site);
    assert_ne!(site.read("sw.js"), first);
    let folder = second["assets"][0]
        .as_str()
        .unwrap()
        .split('/')
        .nth(3)
        .unwrap()
        .to_string();
    assert!(site
        .read("en/index.html")
        .contains(&format!("/repo/assets/{folder}/css/site.css")));
}

#[test]
fn each_language_has_a_manifest_opening_in_it_with_icons() {
    let site = Site::fixture("basic");
    site.build();
    for lang in ["km", "en"] {
        let manifest = json(&site, &format!("{lang}/manifest.json"));
        assert_eq!(manifest["lang"], lang);
        assert_eq!(manifest["start_url"], format!("/repo/{lang}/"));
        assert_eq!(manifest["scope"], "/repo/");
        let icons = manifest["icons"].as_array().unwrap();
        assert!(icons
            .iter()
            .any(|i| i["sizes"] == "512x512" && i["type"] == "image/png"));
        assert!(icons.iter().any(|i| i["sizes"] == "192x192"));
        for icon in icons {
            assert!(site.exists(&file_of("/repo/", icon["src"].as_str().unwrap())));
        }
    }
}

#[test]
fn save_sets_state_the_true_sizes_of_pages_and_attachments() {
    let site = Site::sample();
    site.build();
    let mut sets = 0;
    for file in site.files().iter().filter(|f| f.ends_with("offline.json")) {
        let set = json(&site, file);
        let mut total = 0;
        for document in set["d"].as_array().unwrap() {
            let page = site.read_bytes(&file_of("/", document["u"].as_str().unwrap()));
            assert_eq!(
                document["b"].as_u64().unwrap(),
                page.len() as u64,
                "{file}: {}",
                document["u"]
            );
            total += page.len();
            for attachment in document["f"].as_array().unwrap() {
                let bytes = site.read_bytes(&file_of("/", attachment["u"].as_str().unwrap()));
                assert_eq!(attachment["b"].as_u64().unwrap(), bytes.len() as u64);
                total += bytes.len();
            }
        }
        if file == "en/tags/ballot/offline.json" {
            let page = site.read("en/tags/ballot/index.html");
            assert!(
                page.contains(&format!(
                    "({} KB)</button>",
                    (total as f64 / 1000.0).round()
                )),
                "{total}"
            );
        }
        sets += 1;
    }
    assert!(sets > 20, "{sets} sets");
}

#[test]
fn a_document_page_states_its_own_size() {
    let site = Site::sample();
    site.build();
    let path = "en/announcements/2023-05-29-ballot-order-draw-results/index.html";
    let page = site.read(path);
    let own = page.len();
    assert!(
        page.contains(&format!("&quot;b&quot;:{own},")),
        "the page's set names its own {own} bytes"
    );
    let pdf = site
        .read_bytes("files/announcements/2023-05-29-ballot-order-draw-results.pdf")
        .len();
    let kb = ((own + pdf) as f64 / 1000.0).round();
    assert!(page.contains(&format!("offline reading ({kb} KB)</button>")));
}

#[test]
fn a_build_without_offline_reading_registers_no_worker_and_offers_no_saving() {
    let site = Site::fixture("basic");
    build(&BuildOptions {
        offline: false,
        ..BuildOptions::new(site.root())
    })
    .unwrap();
    assert!(!site.exists("sw.js"));
    assert!(!site.exists("en/manifest.json"));
    for file in site.files().iter().filter(|f| f.ends_with(".html")) {
        let page = site.read(file);
        assert!(
            !page.contains("data-sw=") && !page.contains("offline-save"),
            "{file}"
        );
    }
}
