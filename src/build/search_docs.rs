//! What the search index is handed: each document of one language as an
//! [`IndexDoc`], with its labels, date and URL as that language writes
//! them, so that `search` reads neither the archive's model nor the theme.

use crate::archive::{Archive, EntryId};
use crate::attachments::Extracts;
use crate::config::{Config, Taxonomy};
use crate::content::{markdown, Document};
use crate::render::i18n::I18n;
use crate::search::index::{self, Facets, IndexDoc, LanguageIndex, MetaRow, Stop};
use crate::urls;

/// The index of the archive's documents in `lang`, the text of each
/// document's attached PDFs a field of its own; `None` when `stop` said so
/// before the end.
pub fn language_index(
    config: &Config,
    archive: &Archive,
    attachments: &Extracts,
    i18n: &I18n,
    lang: &str,
    stop: Stop,
) -> Option<LanguageIndex> {
    let documents: Vec<(&Document, EntryId)> = archive
        .entries
        .iter()
        .enumerate()
        .filter_map(|(id, entry)| entry.version(lang).map(|d| (d, id)))
        .collect();
    let docs = IndexDocs {
        config,
        archive,
        attachments,
        i18n,
        lang,
    };
    let prepare = |&(document, id): &(&Document, EntryId)| docs.index_doc(document, id);
    index::build(lang, facets(config, lang), &documents, prepare, stop)
}

/// What one language's [`IndexDoc`]s are made from.
struct IndexDocs<'a> {
    config: &'a Config,
    archive: &'a Archive,
    attachments: &'a Extracts,
    i18n: &'a I18n,
    lang: &'a str,
}

/// Each taxonomy's declared keys, with their labels in `lang`.
fn facets(config: &Config, lang: &str) -> Facets {
    let keys = |taxonomy: Taxonomy| {
        config
            .taxonomy(taxonomy)
            .keys()
            .map(|k| (k.clone(), config.label(taxonomy, k, lang).to_string()))
            .collect()
    };
    Facets {
        types: keys(Taxonomy::Type),
        organizations: keys(Taxonomy::Organization),
        tags: keys(Taxonomy::Tag),
    }
}

impl IndexDocs<'_> {
    fn index_doc(&self, document: &Document, id: EntryId) -> IndexDoc {
        let IndexDocs {
            config, lang, i18n, ..
        } = *self;
        let entry = &self.archive.entries[id];
        let label = |taxonomy: Taxonomy, key: &str| config.label(taxonomy, key, lang).to_string();
        // A key's place among its facet's, as [`facets`] lists them.
        let place =
            |taxonomy: Taxonomy, key: &str| config.taxonomy(taxonomy).keys().position(|k| k == key);
        IndexDoc {
            url: config.base_url.href(&urls::document(lang, &entry.key)),
            title: document.title.clone(),
            lang: document.lang.clone(),
            date: i18n.date(entry.date),
            iso_date: entry.date.to_string(),
            doc_type: label(Taxonomy::Type, &entry.doc_type),
            organization: entry
                .organization
                .as_deref()
                .map_or_else(String::new, |o| label(Taxonomy::Organization, o)),
            tags: document
                .tags
                .iter()
                .map(|t| config.label(Taxonomy::Tag, t, lang))
                .collect::<Vec<_>>()
                .join(" · "),
            summary: document.summary.clone(),
            body: markdown::plain_text(&document.body),
            attachment: attachment_text(document, self.attachments),
            filters: MetaRow {
                doc_type: place(Taxonomy::Type, &entry.doc_type).unwrap_or(0),
                organization: entry
                    .organization
                    .as_deref()
                    .and_then(|o| place(Taxonomy::Organization, o))
                    .map_or(-1, |p| p as i64),
                year: entry.date.year(),
                tags: entry
                    .tags
                    .iter()
                    .filter_map(|t| place(Taxonomy::Tag, t))
                    .collect(),
                entry: id,
            },
        }
    }
}

/// The text of the PDFs a document attaches, page after page.
fn attachment_text(document: &Document, attachments: &Extracts) -> String {
    document
        .attachments
        .iter()
        .filter_map(|a| attachments.get(a)?.extract())
        .flat_map(|extract| &extract.text)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("\n")
}
