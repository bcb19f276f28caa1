//! Offline reading, the build's side: the service worker (`sw.js` at the
//! site's base path, so that its scope is the whole site and nothing else),
//! and the web app manifest of each language. The listings' save sets are
//! `render::saving`'s, written by the build beside the pages.
//!
//! The worker is `offline-sw.js` with this build's [`WorkerConfig`] written
//! in. Theme files are published under a folder named by their hash (see
//! `urls::asset`), so a page only ever loads the files of its own
//! build, and the worker may keep them forever; the config names this
//! build's files, which the worker keeps whole once a reader saves
//! something, and its version, so that a new build's worker differs from
//! the old one byte for byte and takes over.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::assets::Assets;
use crate::config::Config;
use crate::output::{Sink, WriteError};
use crate::plan::{Page, PageKind};
use crate::urls;

const WORKER: &str = include_str!("offline-sw.js");
/// Where the config goes in [`WORKER`].
const CONFIG_SLOT: &str = "/*CONFIG*/{}";

/// Written into the worker as `const CONFIG = {…}`; read by `offline-sw.js`.
#[derive(Debug, Serialize)]
pub struct WorkerConfig {
    /// The site's base path: the worker's scope.
    pub scope: String,
    /// A hash of everything below: the worker's own identity.
    pub version: String,
    /// Every theme file of this build (all content-hashed).
    pub assets: Vec<String>,
    /// Where the theme files of any build live: `<scope>assets/`.
    pub assets_root: String,
    /// Each language's "Saved on this device" page, shown for a page that
    /// is neither online nor saved.
    pub saved: BTreeMap<String, String>,
    /// The saved page shown for an address in no language's folder (the
    /// site's root): the default language's.
    pub default_saved: String,
    /// Kept when the worker is installed, so that a page never visited
    /// still shows offline as the site's own "not saved on this device"
    /// page: the saved pages and the theme files they need to show
    /// themselves and the saved list ([`FALLBACK_ASSETS`]).
    pub fallbacks: Vec<String>,
    /// Each language's search page, kept with the theme files once a reader
    /// saves something: offline, it searches the saved documents.
    pub search_pages: Vec<String>,
}

/// The theme files the saved page needs offline: its stylesheet and the
/// scripts that list what is saved. Not the Khmer font (47 KB, and
/// `font-display: optional` draws the page in the reader's own font
/// without it); a reader of Khmer pages has it kept from the first visit.
const FALLBACK_ASSETS: [&str; 4] = [
    "css/site.css",
    "js/offline.js",
    "js/offline-saved.js",
    "js/offline-store.js",
];

/// The app manifest of one language (W3C Web App Manifest).
#[derive(Debug, Serialize)]
struct AppManifest<'a> {
    name: &'a str,
    short_name: &'a str,
    description: &'a str,
    lang: &'a str,
    dir: &'static str,
    id: String,
    start_url: String,
    scope: &'a str,
    display: &'static str,
    background_color: &'static str,
    theme_color: &'static str,
    icons: Vec<Icon>,
}

#[derive(Debug, Serialize)]
struct Icon {
    src: String,
    sizes: &'static str,
    #[serde(rename = "type")]
    mime: &'static str,
    purpose: &'static str,
}

/// The icons a theme may ship under `static/icons/`, with what the
/// manifest says of them.
const ICONS: [(&str, &str, &str, &str); 4] = [
    ("icons/icon.svg", "any", "image/svg+xml", "any"),
    ("icons/icon-192.png", "192x192", "image/png", "any"),
    ("icons/icon-512.png", "512x512", "image/png", "any"),
    ("icons/maskable-512.png", "512x512", "image/png", "maskable"),
];
/// The theme's accent and background (`site.css`, light scheme).
const THEME_COLOR: &str = "#8a2a0a";
const BACKGROUND_COLOR: &str = "#ffffff";

/// Writes the worker and the manifests; returns how many files.
pub fn write(
    config: &Config,
    assets: &Assets,
    plan: &[Page],
    sink: &dyn Sink,
) -> Result<usize, WriteError> {
    sink.write(
        &urls::service_worker(),
        worker(config, assets, plan).as_bytes(),
    )?;
    for language in &config.languages {
        sink.write(
            &urls::app_manifest(&language.code),
            app_manifest(config, assets, &language.code).as_bytes(),
        )?;
    }
    Ok(1 + config.languages.len())
}

pub fn worker_config(config: &Config, assets: &Assets, plan: &[Page]) -> WorkerConfig {
    let href = |path: &str| config.base_url.href(path);
    let saved: BTreeMap<String, String> = plan
        .iter()
        .filter(|p| p.kind == PageKind::Saved)
        .map(|p| (p.lang.clone(), href(&p.path)))
        .collect();
    let default_saved = saved
        .get(&config.default_language)
        .cloned()
        .unwrap_or_default();
    let fallbacks = saved
        .values()
        .cloned()
        .chain(
            FALLBACK_ASSETS
                .iter()
                .filter(|file| assets.files.iter().any(|f| f.relative == **file))
                .map(|file| href(&assets.url(file))),
        )
        .collect();
    let mut worker = WorkerConfig {
        scope: config.base_url.path().to_string(),
        version: String::new(),
        // Share images are for other sites' link previews; the pages never
        // show them, so a reader's phone does not keep them.
        assets: assets
            .files
            .iter()
            .filter(|f| !f.relative.starts_with(crate::render::meta::SHARE_FOLDER))
            .map(|f| href(&assets.url(&f.relative)))
            .collect(),
        assets_root: href(&urls::assets_root()),
        saved,
        default_saved,
        fallbacks,
        search_pages: config
            .languages
            .iter()
            .map(|l| href(&urls::search(&l.code)))
            .collect(),
    };
    let mut hasher = blake3::Hasher::new();
    hasher.update(WORKER.as_bytes());
    hasher.update(
        serde_json::to_string(&worker)
            .expect("serialisable")
            .as_bytes(),
    );
    worker.version = hasher.finalize().to_hex()[..12].to_string();
    worker
}

fn worker(config: &Config, assets: &Assets, plan: &[Page]) -> String {
    let json = serde_json::to_string(&worker_config(config, assets, plan)).expect("serialisable");
    assert!(
        WORKER.contains(CONFIG_SLOT),
        "offline-sw.js has its config slot"
    );
    WORKER.replacen(CONFIG_SLOT, &json, 1)
}

fn app_manifest(config: &Config, assets: &Assets, lang: &str) -> String {
    let language = config.language(lang).expect("a declared language");
    let start_url = config.base_url.href(&urls::home(lang));
    let icons = ICONS
        .iter()
        .filter(|(file, ..)| assets.files.iter().any(|f| f.relative == *file))
        .map(|(file, sizes, mime, purpose)| Icon {
            src: config.base_url.href(&assets.url(file)),
            sizes,
            mime,
            purpose,
        })
        .collect();
    let manifest = AppManifest {
        name: &language.title,
        short_name: language.short_title.as_deref().unwrap_or(&language.title),
        description: &language.description,
        lang,
        dir: "ltr",
        id: start_url.clone(),
        start_url,
        scope: config.base_url.path(),
        display: "standalone",
        background_color: BACKGROUND_COLOR,
        theme_color: THEME_COLOR,
        icons,
    };
    serde_json::to_string_pretty(&manifest).expect("serialisable")
}
