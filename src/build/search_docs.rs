//! What the search index is handed: each document of one language, and
//! each page of text of its attached PDFs, as an [`IndexDoc`], with its
//! labels, date and URL as that language writes them, so that `search`
//! reads neither the archive's model nor the theme.

use std::sync::Mutex;

use crate::archive::{Archive, EntryId};
use crate::attachments::layout::page_language;
use crate::attachments::{inline, Extracts};
use crate::config::{Config, Taxonomy};
use crate::content::body_text::Changed;
use crate::content::{markdown, Document};
use crate::render::i18n::{I18n, Key};
use crate::render::markdown::sections;
use crate::search::index::{
    self, Facets, IndexDoc, LanguageIndex, MetaRow, Part, Stop, EXCERPT_CHARS,
};
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
) -> Result<Option<LanguageIndex>, Changed> {
    let records: Vec<Record> = archive
        .entries
        .iter()
        .enumerate()
        .filter_map(|(id, entry)| entry.version(lang).map(|d| (d, id)))
        .flat_map(|(document, id)| records(document, id, attachments))
        .collect();
    let changed = Mutex::new(None);
    let docs = IndexDocs {
        config,
        archive,
        attachments,
        i18n,
        lang,
        changed: &changed,
    };
    let prepare = |record: &Record| match *record {
        Record::Document { document, id } => docs.index_doc_and_sections(document, id),
        Record::PdfPage {
            document,
            id,
            attachment,
            page,
            text,
            shown,
        } => vec![docs.pdf_page(document, id, attachment, page, text, shown)],
    };
    let index = index::build(lang, facets(config, lang), &records, prepare, stop);
    match changed.into_inner().expect("no panic while held") {
        Some(changed) => Err(changed),
        None => Ok(index),
    }
}

/// What the index holds a record of: a document (with, for a long one, a
/// record of each passage of its sections, made with it), and each page of
/// text of the PDFs it attaches, so that a result can say where in the
/// document or the PDF the words are. (The document's own record holds
/// all of its text, so a phrase across two pages or sections is still
/// found.)
enum Record<'a> {
    Document {
        document: &'a Document,
        id: EntryId,
    },
    PdfPage {
        document: &'a Document,
        id: EntryId,
        /// Its place among the document's attachments.
        attachment: usize,
        page: u32,
        text: &'a str,
        /// The document page shows this page's text (see [`inline`]).
        shown: bool,
    },
}

/// The document's record, then one per page of its PDFs with text.
fn records<'a>(document: &'a Document, id: EntryId, attachments: &'a Extracts) -> Vec<Record<'a>> {
    let mut records = vec![Record::Document { document, id }];
    let shown = inline::pages_shown(document, attachments);
    for (attachment, file) in document.attachments.iter().enumerate() {
        let Some(extract) = attachments.get(file).and_then(|r| r.extract()) else {
            continue;
        };
        for (text, page) in extract.text.iter().zip(1u32..) {
            if !text.trim().is_empty() {
                records.push(Record::PdfPage {
                    document,
                    id,
                    attachment,
                    page,
                    text,
                    shown: inline::is_shown(page, shown[attachment]),
                });
            }
        }
    }
    records
}

/// What one language's [`IndexDoc`]s are made from.
struct IndexDocs<'a> {
    config: &'a Config,
    archive: &'a Archive,
    attachments: &'a Extracts,
    i18n: &'a I18n,
    lang: &'a str,
    /// The first document whose body changed in its file since it was
    /// checked: the index is then not written.
    changed: &'a Mutex<Option<Changed>>,
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
    /// The record of page `page` of the document's attachment number
    /// `attachment`, whose text is `text`. It links to the page's text on
    /// the document page, or, for a page the document page does not show,
    /// to the link to the whole text there.
    fn pdf_page(
        &self,
        document: &Document,
        id: EntryId,
        attachment: usize,
        page: u32,
        text: &str,
        shown: bool,
    ) -> IndexDoc {
        let i18n = self.i18n;
        let mut doc = self.index_doc_without_text(document, id);
        doc.url.push('#');
        doc.url.push_str(&match shown {
            true => urls::attachment_text_anchor(attachment, page),
            false => urls::attachment_text_more_anchor(attachment),
        });
        doc.part = Part::PdfPage;
        doc.attachment = text.to_string();
        doc.attachment_lang = page_language(text, document.attachments[attachment].lang.as_deref())
            .filter(|l| *l != document.lang)
            .map(str::to_string);
        doc.place = Some(
            i18n.string(Key::SearchInPdfPage)
                .replace("{page}", &i18n.number(page)),
        );
        doc
    }

    /// The document's record, and for a body longer than an excerpt one
    /// record per passage of each of its sections, leading to its heading.
    fn index_doc_and_sections(&self, document: &Document, id: EntryId) -> Vec<IndexDoc> {
        let body = match document.body.text() {
            Ok(body) => body,
            Err(changed) => {
                let mut first = self.changed.lock().expect("no panic while held");
                first.get_or_insert(changed);
                return Vec::new();
            }
        };
        let whole = self.index_doc(document, id, &body);
        if !self.config.search_sections || whole.body.chars().count() <= EXCERPT_CHARS {
            return vec![whole];
        }
        let mut records = vec![whole];
        for section in sections(&body, self.config.allow_raw_html) {
            let place = self
                .i18n
                .string(Key::SearchInSection)
                .replace("{section}", &section.heading);
            for passage in index::passages(&section.text) {
                let mut doc = self.index_doc_without_text(document, id);
                doc.url.push('#');
                doc.url.push_str(&section.id);
                doc.part = Part::Section;
                doc.body = passage.to_string();
                doc.place = Some(place.clone());
                records.push(doc);
            }
        }
        records
    }

    fn index_doc(&self, document: &Document, id: EntryId, body: &str) -> IndexDoc {
        let tags: Vec<&str> = document
            .tags
            .iter()
            .map(|t| self.config.label(Taxonomy::Tag, t, self.lang))
            .collect();
        IndexDoc {
            tags: tags.join(" · "),
            summary: document.summary.clone(),
            body: markdown::plain_text(body),
            attachment: attachment_text(document, self.attachments),
            ..self.index_doc_without_text(document, id)
        }
    }

    /// What a document's records share: where it is, what it is, its filters.
    fn index_doc_without_text(&self, document: &Document, id: EntryId) -> IndexDoc {
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
            tags: String::new(),
            summary: None,
            body: String::new(),
            attachment: String::new(),
            part: Part::Document,
            place: None,
            attachment_lang: None,
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
                section: false,
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
