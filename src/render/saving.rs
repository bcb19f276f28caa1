//! "Save for offline": what a document page, or a listing (a tag,
//! organisation, type or year), lets a reader keep on their device, and how
//! much it weighs. The browser side is `themes/default/static/js/offline*.js`;
//! the service worker is `output::offline`.
//!
//! A listing's set is published as `<listing>/offline.json` ([`SaveSet`]),
//! fetched only when the reader saves; a document page carries its own set
//! in its save form. Sizes are bytes as stored on the device: the pages as
//! rendered, the attachments as published.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};

use serde::Serialize;

use crate::archive::{Archive, Entry, EntryId};
use crate::config::Config;
use crate::plan::PageKind;
use crate::render::i18n::{I18n, Key};
use crate::urls;

/// `offline.json`: `{"d": [{"u": page URL, "t": title, "b": page bytes,
/// "f": [{"u": attachment URL, "b": bytes}, …]}, …]}`. Decoded by
/// `decodeSaveSet` in `offline-store.js`.
#[derive(Debug, Serialize)]
pub struct SaveSet {
    #[serde(rename = "d")]
    pub documents: Vec<SavedDocument>,
}

#[derive(Debug, Serialize)]
pub struct SavedDocument {
    #[serde(rename = "u")]
    pub url: String,
    #[serde(rename = "t")]
    pub title: String,
    #[serde(rename = "b")]
    pub bytes: u64,
    #[serde(rename = "f")]
    pub files: Vec<SavedFile>,
}

#[derive(Debug, Serialize)]
pub struct SavedFile {
    #[serde(rename = "u")]
    pub url: String,
    #[serde(rename = "b")]
    pub bytes: u64,
}

impl SaveSet {
    /// `offline.json`, or a document page's own set.
    pub fn json(&self) -> String {
        serde_json::to_string(self).expect("serialisable")
    }

    pub fn bytes(&self) -> u64 {
        self.documents
            .iter()
            .map(|d| d.bytes + d.files.iter().map(|f| f.bytes).sum::<u64>())
            .sum()
    }
}

/// What a page's save form shows and saves.
#[derive(Debug, Serialize)]
pub struct SaveOffer {
    pub label: String,
    /// A listing's set, fetched when the reader saves.
    pub set_url: Option<String>,
    /// A document page's own set, as JSON.
    pub set: Option<String>,
}

/// The sizes of the rendered document pages, by site path, which the
/// listings' offers add up. Empty while the document pages themselves are
/// rendered: a document page measures itself (see [`Saving::fill_own_size`]).
pub struct Saving {
    pages: HashMap<String, u64>,
    /// Stands for a document page's own size until the page is measured;
    /// random per build, so that no document can contain it.
    marker: String,
}

impl Default for Saving {
    fn default() -> Self {
        let nonce = std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish();
        Saving {
            pages: HashMap::new(),
            marker: format!("\u{E000}{nonce:016x}\u{E001}"),
        }
    }
}

impl Saving {
    /// The same marker, with the document pages' sizes.
    pub fn with_pages(&self, pages: HashMap<String, u64>) -> Saving {
        Saving {
            pages,
            marker: self.marker.clone(),
        }
    }

    /// The set of the documents a listing page shows over all its pages,
    /// with its site path; `None` for pages that offer no saving.
    pub fn listing_set(
        &self,
        config: &Config,
        archive: &Archive,
        lang: &str,
        kind: &PageKind,
    ) -> Option<(String, SaveSet)> {
        let (url, ids) = listing(archive, lang, kind)?;
        let documents = ids
            .iter()
            .map(|id| {
                let (path, mut saved) = self.document(config, archive, lang, *id);
                saved.bytes = self.page_bytes(&path);
                saved
            })
            .collect();
        Some((url, SaveSet { documents }))
    }

    /// A listing's offer, counted without building its set.
    pub fn listing_offer(
        &self,
        config: &Config,
        archive: &Archive,
        lang: &str,
        kind: &PageKind,
        i18n: &I18n,
    ) -> Option<SaveOffer> {
        let (url, ids) = listing(archive, lang, kind)?;
        let bytes: u64 = ids
            .iter()
            .map(|id| {
                let entry = &archive.entries[*id];
                let document = entry.best_version(lang);
                let files: u64 = document.attachments.iter().map(|a| a.bytes).sum();
                self.page_bytes(&urls::document(&document.lang, &entry.key)) + files
            })
            .sum();
        let key = if ids.len() == 1 {
            Key::OfflineSaveOneDocument
        } else {
            Key::OfflineSaveDocuments
        };
        let label = i18n
            .string(key)
            .replace("{count}", &i18n.number(ids.len()))
            .replace("{size}", &i18n.size(bytes));
        Some(SaveOffer {
            label,
            set_url: Some(config.base_url.href(&url)),
            set: None,
        })
    }

    fn page_bytes(&self, path: &str) -> u64 {
        *self
            .pages
            .get(path)
            .expect("document pages are measured before the listings")
    }

    /// A document as a listing of `lang` links it (the reader's version, or
    /// the one that exists), with its site path; its page size is unknown.
    fn document(
        &self,
        config: &Config,
        archive: &Archive,
        lang: &str,
        id: EntryId,
    ) -> (String, SavedDocument) {
        let entry: &Entry = &archive.entries[id];
        let document = entry.best_version(lang);
        let path = urls::document(&document.lang, &entry.key);
        let saved = SavedDocument {
            url: config.base_url.href(&path),
            title: document.title.clone(),
            bytes: 0,
            files: document
                .attachments
                .iter()
                .map(|a| SavedFile {
                    url: config
                        .base_url
                        .href(&urls::attachment(&entry.section, &a.name)),
                    bytes: a.bytes,
                })
                .collect(),
        };
        (path, saved)
    }

    /// A document page's offer: its size, and the page's own size in its
    /// set, stay markers until [`Saving::fill_own_size`] measures the page.
    pub fn document_offer(
        &self,
        config: &Config,
        archive: &Archive,
        lang: &str,
        id: EntryId,
        i18n: &I18n,
    ) -> SaveOffer {
        let (_, saved) = self.document(config, archive, lang, id);
        let set = SaveSet {
            documents: vec![saved],
        }
        .json()
        .replacen("\"b\":0,", &format!("\"b\":{},", self.bytes_marker()), 1);
        SaveOffer {
            label: i18n
                .string(Key::OfflineSaveDocument)
                .replace("{size}", &self.marker),
            set_url: None,
            set: Some(set),
        }
    }

    fn bytes_marker(&self) -> String {
        self.marker.replace('\u{E001}', "\u{E002}")
    }

    /// Puts a document page's sizes in its offer: the page's own (with
    /// the sizes written in it) in its set, and with its attachments
    /// (`files` bytes) in its label. The sizes' own lengths are part of the
    /// page, so they are settled by trying.
    pub fn fill_own_size(&self, html: String, files: u64, i18n: &I18n) -> String {
        let bytes_marker = self.bytes_marker();
        let labels = html.matches(&self.marker).count();
        let counts = html.matches(&bytes_marker).count();
        if labels + counts == 0 {
            return html;
        }
        let rest = html.len() - labels * self.marker.len() - counts * bytes_marker.len();
        let mut page = rest as u64;
        let (mut label, mut count) = (String::new(), String::new());
        for _ in 0..6 {
            label = i18n.size(page + files);
            count = page.to_string();
            let next = (rest + labels * label.len() + counts * count.len()) as u64;
            if next == page {
                break;
            }
            page = next;
        }
        html.replace(&bytes_marker, &count)
            .replace(&self.marker, &label)
    }
}

/// A listing's set path and the documents it shows over all its pages.
fn listing(archive: &Archive, lang: &str, kind: &PageKind) -> Option<(String, Vec<EntryId>)> {
    match kind {
        PageKind::Term { taxonomy, key, .. } => Some((
            urls::term_save_set(lang, *taxonomy, key),
            archive.terms(*taxonomy).get(key)?.clone(),
        )),
        PageKind::TimelineYear(year) => Some((
            urls::timeline_year_save_set(lang, *year),
            archive.timeline_year(*year),
        )),
        PageKind::Home
        | PageKind::Document(_)
        | PageKind::TaxonomyIndex(_)
        | PageKind::Timeline
        | PageKind::Search
        | PageKind::Saved
        | PageKind::Data
        | PageKind::About
        | PageKind::Contribute
        | PageKind::NotFound => None,
    }
}

/// The first page of a listing that offers saving (each of its pages
/// offers all its documents, published once).
pub fn starts_listing(kind: &PageKind) -> bool {
    matches!(
        kind,
        PageKind::Term { page: 1, .. } | PageKind::TimelineYear(_)
    )
}
