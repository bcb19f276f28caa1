//! Render: Markdown bodies and Tera templates, from the plan to HTML.

pub mod chart;
pub mod cite;
pub mod i18n;
pub mod markdown;
pub mod meta;
pub mod pages;
pub mod sandbox;
pub mod saving;
pub mod templates;
pub mod views;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::archive::{Archive, EntryId};
use crate::assets::Assets;
use crate::attachments::Extracts;
use crate::config::{Config, Taxonomy};
use crate::content::links::{self, LinkTarget};
use crate::diagnostics::{display_path, Diagnostic, Diagnostics, Message};
use crate::plan::{Page, PageKind};
use crate::urls;
use i18n::{I18n, Key};
use pages::{Contents, NotFoundPage, SavedPage, SearchPage, TemplateKind, Titled};
use saving::Saving;
use templates::{RenderError, Templates};

/// Why a page could not be rendered: its template failed, or the body of
/// its document changed in its file since it was checked.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error(transparent)]
    Template(#[from] RenderError),
    #[error(transparent)]
    Changed(#[from] crate::content::body_text::Changed),
}
use views::ViewBuilder;

static NO_ATTACHMENTS: std::sync::LazyLock<Extracts> = std::sync::LazyLock::new(Extracts::default);

/// Everything every page of one language shares.
#[derive(Debug, Serialize)]
struct SiteView<'a> {
    lang: &'a str,
    title: &'a str,
    description: &'a str,
    home: String,
    search: String,
    timeline: String,
    tags: String,
    organizations: String,
    types: String,
    feed: String,
    /// What the catalogue holds, and how to cite the archive.
    data: String,
    about: String,
    contribute: String,
    /// The catalogue of every document, for researchers.
    catalog_csv: String,
    catalog_json: String,
    assets: String,
    /// The site's base path: `/` or `/repo/`.
    root: String,
    /// Set where the pages offer offline reading (not in a preview).
    offline: Option<OfflineLinks>,
    t: &'a BTreeMap<String, String>,
}

/// What every page needs for offline reading.
#[derive(Debug, Serialize)]
struct OfflineLinks {
    service_worker: String,
    manifest: String,
    saved: String,
}

/// What is particular to one page.
#[derive(Debug, Serialize)]
struct PageView {
    kind: TemplateKind,
    title: String,
    description: String,
    canonical: String,
    alternates: Vec<views::Alternate>,
    /// Set on pages that must not be indexed (404).
    noindex: bool,
    /// `og:locale`.
    locale: String,
    share_image: Option<meta::ShareImage>,
}

/// The theme's templates and interface strings: loaded once, shared by
/// every rebuild until the theme changes.
pub struct Theme {
    templates: Templates,
    i18n: BTreeMap<String, I18n>,
    assets: Assets,
}

impl Theme {
    pub fn load(config: &Config) -> Result<Theme, Diagnostics> {
        let codes: Vec<&str> = config.language_codes().collect();
        let folder = config.theme_root().map_err(|e| {
            Diagnostics::from_iter([Diagnostic::error(
                display_path(&config.theme_dir()),
                Message::ThemeFolder {
                    what: format!("theme `{}`", config.theme),
                    why: e.word(),
                },
            )
            .hint(Message::ThemeHint)])
        })?;
        match (
            I18n::load(&folder, &codes),
            Templates::load(&folder),
            Assets::load(&folder),
        ) {
            (Ok(i18n), Ok(templates), Ok(assets)) => Ok(Theme {
                templates,
                i18n,
                assets,
            }),
            (i18n, templates, assets) => {
                // Named from the archive's root, as contributors see them.
                let root = format!("{}/", display_path(&config.root));
                let problems = [i18n.err(), templates.err(), assets.err()]
                    .into_iter()
                    .flatten()
                    .flatten()
                    .map(|mut d| {
                        if let Some(relative) = d.path.strip_prefix(&root) {
                            d.path = relative.to_string();
                        }
                        d
                    })
                    .collect();
                Err(problems)
            }
        }
    }

    pub fn i18n(&self, lang: &str) -> &I18n {
        &self.i18n[lang]
    }

    /// The theme's static files, each proved to lie inside the theme.
    pub fn assets(&self) -> &Assets {
        &self.assets
    }
}

#[derive(Clone)]
pub struct Renderer<'a> {
    config: &'a Config,
    archive: &'a Archive,
    templates: &'a Templates,
    i18n: &'a BTreeMap<String, I18n>,
    assets: &'a Assets,
    /// Offline reading, off in a preview (which registers no service worker).
    saving: Option<&'a Saving>,
    attachments: &'a Extracts,
}

impl<'a> Renderer<'a> {
    pub fn new(config: &'a Config, archive: &'a Archive, theme: &'a Theme) -> Renderer<'a> {
        Renderer {
            config,
            archive,
            templates: &theme.templates,
            i18n: &theme.i18n,
            assets: &theme.assets,
            saving: None,
            attachments: &NO_ATTACHMENTS,
        }
    }

    /// Pages that register the service worker and offer saving.
    pub fn with_saving(self, saving: &'a Saving) -> Renderer<'a> {
        Renderer {
            saving: Some(saving),
            ..self
        }
    }

    /// Shows what the attached PDFs hold (their pages, text and previews).
    pub fn with_attachments(mut self, attachments: &'a Extracts) -> Renderer<'a> {
        self.attachments = attachments;
        self
    }

    pub fn views(&self, lang: &'a str) -> ViewBuilder<'_> {
        ViewBuilder {
            config: self.config,
            archive: self.archive,
            i18n: &self.i18n[lang],
            lang,
            attachments: self.attachments,
        }
    }

    /// The URL a body link is published as (see [`crate::content::links`]).
    fn published_link(&self, section: &str, url: &str) -> Option<String> {
        let path = match links::resolve(section, url) {
            LinkTarget::Document {
                key,
                lang,
                fragment,
            } => {
                let page = urls::document(&lang, &key);
                match fragment {
                    Some(f) => format!("{page}#{f}"),
                    None => page,
                }
            }
            LinkTarget::File(file) => {
                let name = file.file_name()?.to_str()?;
                urls::attachment(section, name)
            }
            LinkTarget::Unchanged | LinkTarget::Escapes => return None,
        };
        Some(self.config.base_url.href(&path))
    }

    fn site(&self, lang: &'a str) -> SiteView<'_> {
        let language = self
            .config
            .language(lang)
            .expect("pages are planned for declared languages");
        let href = |path: String| self.config.base_url.href(&path);
        SiteView {
            lang,
            title: &language.title,
            description: &language.description,
            home: href(urls::home(lang)),
            search: href(urls::search(lang)),
            timeline: href(urls::timeline(lang)),
            tags: href(urls::taxonomy_index(lang, Taxonomy::Tag)),
            organizations: href(urls::taxonomy_index(lang, Taxonomy::Organization)),
            types: href(urls::taxonomy_index(lang, Taxonomy::Type)),
            feed: href(urls::feed(lang)),
            data: href(urls::data(lang)),
            about: href(urls::about(lang)),
            contribute: href(urls::contribute(lang)),
            catalog_csv: href(urls::catalog("csv")),
            catalog_json: href(urls::catalog("json")),
            assets: href(self.assets.url("")),
            root: href(String::new()),
            offline: self.saving.map(|_| OfflineLinks {
                service_worker: href(urls::service_worker()),
                manifest: href(urls::app_manifest(lang)),
                saved: href(urls::saved(lang)),
            }),
            t: &self.i18n[lang].strings,
        }
    }

    pub fn render(&self, page: &'a Page) -> Result<String, PageError> {
        let views = self.views(&page.lang);
        Ok(match &page.kind {
            PageKind::Home => self.fill(page, self.home_page(&views, page)),
            PageKind::Document(id) => {
                let html = self.fill(page, self.document_page(&views, *id)?)?;
                Ok(self.with_own_size(html, *id, &views))
            }
            PageKind::TaxonomyIndex(taxonomy) => {
                self.fill(page, self.taxonomy_page(&views, *taxonomy))
            }
            PageKind::Term {
                taxonomy,
                key,
                page: number,
                pages,
            } => self.fill(
                page,
                self.term_page(&views, page, (*taxonomy, key), (*number, *pages)),
            ),
            PageKind::Timeline => self.fill(page, self.timeline_page(&views)),
            PageKind::TimelineYear(year) => self.fill(page, self.year_page(&views, page, *year)),
            PageKind::Search => self.fill(page, pages::titled(&views, Key::Search, SearchPage {})),
            PageKind::Data => self.fill(page, self.data_page(&views)),
            PageKind::Saved => {
                self.fill(page, pages::titled(&views, Key::SavedTitle, SavedPage {}))
            }
            PageKind::About => self.fill(page, self.about_page(&views)),
            PageKind::Contribute => self.fill(page, self.contribute_page(&views)),
            PageKind::NotFound => self.fill(
                page,
                pages::titled(&views, Key::NotFoundTitle, NotFoundPage {}),
            ),
        }?)
    }

    /// Renders a page's template with what every page is given (`site`,
    /// `page`, `languages`) and what its kind is.
    fn fill<C: Contents>(
        &self,
        page: &'a Page,
        (title, contents): Titled<C>,
    ) -> Result<String, RenderError> {
        let lang = page.lang.as_str();
        let site = self.site(lang);
        let page_view = PageView {
            kind: C::KIND,
            description: site.description.to_string(),
            title,
            canonical: self.config.base_url.absolute(&page.canonical_path()),
            alternates: self
                .views(lang)
                .alternates(page.alternates(self.config, self.archive)),
            noindex: !page.indexable(),
            locale: meta::og_locale(lang),
            share_image: meta::share_image(self.config, self.assets, lang, self.page_type(page)),
        };
        let mut context =
            tera::Context::from_serialize(&contents).expect("page contents serialise as a map");
        context.insert("site", &site);
        context.insert("page", &page_view);
        context.insert("languages", &self.config.languages);
        self.templates.render(C::TEMPLATE, &context)
    }

    /// The document type a page is about: a document's, or a type's list.
    fn page_type(&self, page: &'a Page) -> Option<&'a str> {
        match &page.kind {
            PageKind::Document(id) => Some(self.archive.entries[*id].doc_type.as_str()),
            PageKind::Term {
                taxonomy: Taxonomy::Type,
                key,
                ..
            } => Some(key.as_str()),
            // Named, not a wildcard: a new kind of page decides here too.
            PageKind::Home
            | PageKind::TaxonomyIndex(_)
            | PageKind::Term { .. }
            | PageKind::Timeline
            | PageKind::TimelineYear(_)
            | PageKind::Search
            | PageKind::Saved
            | PageKind::Data
            | PageKind::About
            | PageKind::Contribute
            | PageKind::NotFound => None,
        }
    }

    /// A document page with its own size written into its save offer, when
    /// pages offer saving.
    fn with_own_size(&self, html: String, id: EntryId, views: &ViewBuilder) -> String {
        let Some(saving) = self.saving else {
            return html;
        };
        let files = self.archive.entries[id]
            .version(views.lang)
            .map_or(0, |d| d.attachments.iter().map(|a| a.bytes).sum());
        saving.fill_own_size(html, files, views.i18n)
    }
}
