//! One typed view per kind of page: what its template is given beside
//! `site` and `page`, and which template that is. [`Renderer::render`]
//! matches every [`PageKind`](crate::plan::PageKind) by name, so a new kind of page does not
//! compile until it has a view here.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::saving::SaveOffer;
use super::views::{
    ChartView, DocumentView, Item, Pagination, TermView, TimelineYearPage, TimelineYearView,
    ViewBuilder,
};
use super::{markdown, Renderer};
use crate::archive::EntryId;
use crate::config::Taxonomy;
use crate::content::attachment;
use crate::content::body_text::Changed;
use crate::output::catalog;
use crate::plan::{self, Page};
use crate::render::cite::Citation;
use crate::render::i18n::{I18n, Key};
use crate::repository::NewFileForm;
use crate::scaffold;
use crate::urls;

/// `page.kind` as templates test it: a year's page is part of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TemplateKind {
    Home,
    Document,
    Taxonomy,
    Term,
    Timeline,
    Search,
    Saved,
    Data,
    About,
    Contribute,
    NotFound,
}

/// What one kind of page's template is given beside `site` and `page`:
/// each field is a variable of the template.
pub trait Contents: Serialize {
    const TEMPLATE: &'static str;
    const KIND: TemplateKind;
}

/// A page's title, and what its template is given.
pub type Titled<C> = (String, C);

macro_rules! contents {
    ($type:ty, $template:literal, $kind:ident) => {
        impl Contents for $type {
            const TEMPLATE: &'static str = $template;
            const KIND: TemplateKind = TemplateKind::$kind;
        }
    };
}

/// The front door: what the archive holds, ways into it, the latest.
#[derive(Debug, Serialize)]
pub struct HomePage {
    /// The latest documents, a few.
    pub items: Vec<Item>,
    pub holds: Holdings,
}

/// What the archive holds, counted.
#[derive(Debug, Serialize)]
pub struct Holdings {
    /// "24 documents from 4 organisations, dated 2016 to 2025."
    pub summary: String,
    pub types: Vec<TermView>,
    pub organizations: Vec<TermView>,
    /// The years, newest first, each linking its timeline page.
    pub years: Vec<TermView>,
}

/// What the archive is, where its data is, how to add to it.
#[derive(Debug, Serialize)]
pub struct AboutPage {
    pub holds: Holdings,
}
contents!(AboutPage, "about.html", About);
contents!(HomePage, "home.html", Home);

#[derive(Debug, Serialize)]
pub struct DocumentPage {
    pub document: DocumentView,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offline_save: Option<SaveOffer>,
}
contents!(DocumentPage, "document.html", Document);

#[derive(Debug, Serialize)]
pub struct TaxonomyPage {
    pub terms: Vec<TermView>,
    pub taxonomy: &'static str,
}
contents!(TaxonomyPage, "taxonomy.html", Taxonomy);

#[derive(Debug, Serialize)]
pub struct TermPage {
    /// The chart of the term's years, on its first page only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chart: Option<ChartView>,
    pub items: Vec<Item>,
    pub count: String,
    pub taxonomy: &'static str,
    pub taxonomy_href: String,
    pub pagination: Pagination,
    /// Tags only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term_feed: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offline_save: Option<SaveOffer>,
}
contents!(TermPage, "term.html", Term);

#[derive(Debug, Serialize)]
pub struct TimelinePage {
    pub years: Vec<TimelineYearView>,
    pub chart: Option<ChartView>,
}
contents!(TimelinePage, "timeline.html", Timeline);

#[derive(Debug, Serialize)]
pub struct YearPage {
    pub year: TimelineYearPage,
    pub chart: ChartView,
    pub timeline_href: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offline_save: Option<SaveOffer>,
}
contents!(YearPage, "timeline-year.html", Timeline);

/// The search page: the browser fills it.
#[derive(Debug, Serialize)]
pub struct SearchPage {}
contents!(SearchPage, "search.html", Search);

/// The documents saved on the reader's device: the browser lists them.
#[derive(Debug, Serialize)]
pub struct SavedPage {}
contents!(SavedPage, "saved.html", Saved);

/// The form that writes a new document's files: its choices are the
/// site's, written into the page so that it needs no other request.
#[derive(Debug, Serialize)]
pub struct ContributePage {
    /// The section folders under content/.
    pub sections: Vec<String>,
    pub types: Vec<Choice>,
    pub organizations: Vec<Choice>,
    pub tags: Vec<Choice>,
    /// The site's languages: a title, summary and text for each (not
    /// `languages`, which every page is given as the site's list).
    pub form_languages: Vec<Choice>,
    /// What the script needs that the form's fields do not say, as JSON
    /// safe inside a `<script type="application/json">` element.
    pub data: String,
}
contents!(ContributePage, "contribute.html", Contribute);

/// One choice of a select: its key and its label in the page's language.
#[derive(Debug, Serialize)]
pub struct Choice {
    pub key: String,
    pub label: String,
}

/// What the contribute page's script is given: how `sastra new` writes
/// what is left to write, and the forge's "new file" page.
#[derive(Debug, Serialize)]
struct ContributeData<'a> {
    /// The language codes, in the site's order (the order of the files).
    languages: Vec<&'a str>,
    /// By language: the body line `sastra new` writes.
    to_write: BTreeMap<&'a str, &'static str>,
    /// By language: the example summary in the commented fields.
    summary_example: BTreeMap<&'a str, &'static str>,
    /// The extensions an attachment may have, lowercase.
    attachment_types: Vec<&'a str>,
    /// Unset when the site names no repository: the text is copied.
    new_file: Option<NewFileForm>,
}

/// What the catalogue holds, field by field; its licence; how to cite the
/// archive.
#[derive(Debug, Serialize)]
pub struct DataPage {
    pub format: u32,
    pub catalog_json: String,
    pub catalog_csv: String,
    pub json_fields: Vec<FieldMeaning>,
    pub csv_columns: Vec<FieldMeaning>,
    pub citation: Citation,
}
contents!(DataPage, "data.html", Data);

#[derive(Debug, Serialize)]
pub struct FieldMeaning {
    pub name: String,
    pub meaning: String,
}

#[derive(Debug, Serialize)]
pub struct NotFoundPage {}
contents!(NotFoundPage, "404.html", NotFound);

/// The latest documents the home page lists: enough to show what arrives,
/// few enough that what the archive holds and the ways into it come first
/// (twenty made a phone's home page 6,800 px tall).
const LATEST_ON_HOME: usize = 5;

impl<'a> Renderer<'a> {
    pub(super) fn home_page(&self, views: &ViewBuilder, page: &Page) -> Titled<HomePage> {
        let mut latest = plan::listed(self.archive, &page.kind, self.config.page_size);
        latest.truncate(LATEST_ON_HOME);
        let title = self
            .config
            .language(views.lang)
            .expect("pages are planned for declared languages")
            .title
            .clone();
        (
            title,
            HomePage {
                items: views.items(&latest),
                holds: self.holdings(views),
            },
        )
    }

    pub(super) fn about_page(&self, views: &ViewBuilder) -> Titled<AboutPage> {
        (
            views.i18n.string(Key::AboutTitle).to_string(),
            AboutPage {
                holds: self.holdings(views),
            },
        )
    }

    pub(super) fn contribute_page(&self, views: &ViewBuilder) -> Titled<ContributePage> {
        let (config, lang) = (self.config, views.lang);
        let choices = |taxonomy: Taxonomy| -> Vec<Choice> {
            config
                .taxonomy(taxonomy)
                .keys()
                .map(|key| Choice {
                    key: key.clone(),
                    label: config.label(taxonomy, key, lang).to_string(),
                })
                .collect()
        };
        let sections: BTreeSet<&str> = self
            .archive
            .entries
            .iter()
            .map(|e| e.section.as_str())
            .collect();
        let codes: Vec<&str> = config.language_codes().collect();
        let data = ContributeData {
            to_write: codes.iter().map(|c| (*c, scaffold::to_write(c))).collect(),
            summary_example: codes
                .iter()
                .map(|c| (*c, scaffold::summary_example(c)))
                .collect(),
            languages: codes,
            attachment_types: attachment::SAFE_ATTACHMENT_TYPES
                .iter()
                .copied()
                .chain(config.extra_attachment_types.iter().map(String::as_str))
                .collect(),
            new_file: config.repository.as_ref().map(|r| r.new_file_form()),
        };
        (
            views.i18n.string(Key::ContributeTitle).to_string(),
            ContributePage {
                sections: sections.into_iter().map(str::to_string).collect(),
                types: choices(Taxonomy::Type),
                organizations: choices(Taxonomy::Organization),
                tags: choices(Taxonomy::Tag),
                form_languages: config
                    .languages
                    .iter()
                    .map(|l| Choice {
                        key: l.code.clone(),
                        label: l.name.clone(),
                    })
                    .collect(),
                data: script_json(&data),
            },
        )
    }

    fn holdings(&self, views: &ViewBuilder) -> Holdings {
        let t = views.i18n;
        let years = self.archive.timeline();
        let (first, last) = (years.last().map(|y| y.year), years.first().map(|y| y.year));
        let organizations = views.terms(Taxonomy::Organization);
        let summary = match (first, last) {
            (Some(first), Some(last)) => t
                .string(Key::HomeHolds)
                .replace("{documents}", &t.number(self.archive.entries.len()))
                .replace("{organizations}", &t.number(organizations.len()))
                .replace("{first}", &t.number(first))
                .replace("{last}", &t.number(last)),
            _ => t.string(Key::HomeEmpty).to_string(),
        };
        Holdings {
            summary,
            types: views.terms(Taxonomy::Type),
            organizations,
            years: views.years(),
        }
    }

    pub(super) fn document_page(
        &self,
        views: &ViewBuilder,
        id: EntryId,
    ) -> Result<Titled<DocumentPage>, Changed> {
        let lang = views.lang;
        let entry = &self.archive.entries[id];
        let document = entry.version(lang).expect("planned for existing versions");
        let rewrite = |url: &str| self.published_link(&entry.section, url);
        let body = document.body.text()?;
        let rendered = markdown::render(&body, self.config.allow_raw_html, &rewrite);
        drop(body);
        let others: Vec<(&str, &I18n)> = self.i18n.iter().map(|(l, i)| (l.as_str(), i)).collect();
        let view = views.document(id, rendered.html, rendered.toc, &others);
        let offline_save = self
            .saving
            .map(|saving| saving.document_offer(self.config, self.archive, lang, id, views.i18n));
        Ok((
            view.item.title.clone(),
            DocumentPage {
                document: view,
                offline_save,
            },
        ))
    }

    pub(super) fn taxonomy_page(
        &self,
        views: &ViewBuilder,
        taxonomy: Taxonomy,
    ) -> Titled<TaxonomyPage> {
        (
            views.i18n.string(Key::taxonomy(taxonomy)).to_string(),
            TaxonomyPage {
                terms: views.terms(taxonomy),
                taxonomy: taxonomy.table(),
            },
        )
    }

    /// Page `number` of `pages` of the listing of `key`.
    pub(super) fn term_page(
        &self,
        views: &ViewBuilder,
        page: &Page,
        (taxonomy, key): (Taxonomy, &str),
        (number, pages): (usize, usize),
    ) -> Titled<TermPage> {
        let (lang, t) = (views.lang, views.i18n);
        let ids = &self.archive.terms(taxonomy)[key];
        let shown = plan::listed(self.archive, &page.kind, self.config.page_size);
        let label = self.config.label(taxonomy, key, lang);
        let title = if number > 1 {
            format!("{label} ({} {})", t.string(Key::Page), t.number(number))
        } else {
            label.to_string()
        };
        let contents = TermPage {
            chart: (number == 1).then(|| views.term_chart(ids)).flatten(),
            items: views.items(&shown),
            count: t.number(ids.len()),
            taxonomy: taxonomy.table(),
            taxonomy_href: views.href(&urls::taxonomy_index(lang, taxonomy)),
            pagination: views.pagination(&urls::term(lang, taxonomy, key, 1), number, pages),
            term_feed: (taxonomy == Taxonomy::Tag)
                .then(|| views.href(&urls::term_feed(lang, taxonomy, key))),
            offline_save: self.listing_offer(views, page),
        };
        (title, contents)
    }

    pub(super) fn timeline_page(&self, views: &ViewBuilder) -> Titled<TimelinePage> {
        (
            views.i18n.string(Key::Timeline).to_string(),
            TimelinePage {
                years: views.timeline(),
                chart: views.timeline_chart(),
            },
        )
    }

    pub(super) fn year_page(
        &self,
        views: &ViewBuilder,
        page: &Page,
        year: u16,
    ) -> Titled<YearPage> {
        let t = views.i18n;
        (
            format!(
                "{}{}{}",
                t.string(Key::Timeline),
                t.string(Key::Colon),
                t.number(year)
            ),
            YearPage {
                year: views.timeline_year(year),
                chart: views.timeline_year_chart(year),
                timeline_href: views.href(&urls::timeline(views.lang)),
                offline_save: self.listing_offer(views, page),
            },
        )
    }

    /// What a listing page offers to save, when pages offer saving.
    fn listing_offer(&self, views: &ViewBuilder, page: &Page) -> Option<SaveOffer> {
        self.saving?.listing_offer(
            self.config,
            self.archive,
            views.lang,
            &page.kind,
            views.i18n,
        )
    }
}

/// `value` as JSON that cannot end the script element holding it nor be
/// read as markup: `<`, `>` and `&` are written as escapes, which JSON
/// reads back as the same characters.
fn script_json(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .expect("the page data serialises")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

impl Renderer<'_> {
    pub(super) fn data_page(&self, views: &ViewBuilder) -> Titled<DataPage> {
        let t = |key| views.i18n.string(key).to_string();
        let json_fields = catalog::JSON_FIELDS
            .iter()
            .map(|(name, key)| FieldMeaning {
                name: name.to_string(),
                meaning: t(*key),
            })
            .collect();
        let csv_columns = catalog::csv_header(self.config)
            .into_iter()
            .map(|column| {
                let (key, lang) = catalog::csv_column_meaning(&column)
                    .expect("every column is explained (a test in catalog)");
                let meaning = match lang {
                    Some(lang) => format!("{} {}.", t(key), views.language_name(lang)),
                    None => t(key),
                };
                FieldMeaning {
                    name: column,
                    meaning,
                }
            })
            .collect();
        let title = self
            .config
            .language(views.lang)
            .map_or("", |l| l.title.as_str());
        let home = self.config.base_url.absolute(&urls::home(views.lang));
        let accessed = t(Key::DataAccessed);
        let citation = Citation {
            text: format!("{title}. {home} ({accessed})."),
            bibtex: format!(
                "@misc{{archive,\n  title = {{{{{}}}}},\n  howpublished = {{\\url{{{home}}}}},\n  note = {{{accessed}}},\n  language = {{{}}}\n}}",
                crate::render::cite::bibtex_escape(title),
                views.lang
            ),
        };
        titled(
            views,
            Key::DataTitle,
            DataPage {
                format: catalog::FORMAT,
                catalog_json: views.href(&urls::catalog("json")),
                catalog_csv: views.href(&urls::catalog("csv")),
                json_fields,
                csv_columns,
                citation,
            },
        )
    }
}

/// A page without a view of its own: its title is one interface string.
pub(super) fn titled<C>(views: &ViewBuilder, key: Key, contents: C) -> Titled<C> {
    (views.i18n.string(key).to_string(), contents)
}
