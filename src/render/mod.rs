//! Render: Markdown bodies and Tera templates, from the plan to HTML.

pub mod assets;
pub mod cite;
pub mod i18n;
pub mod markdown;
pub mod pages;
pub mod templates;
pub mod urls;
pub mod views;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::archive::Archive;
use crate::attachments::Extracts;
use crate::config::{Config, Taxonomy};
use crate::content::links::{self, LinkTarget};
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
pub use assets::StaticFile;
use i18n::I18n;
use pages::{Page, PageKind};
use templates::{RenderError, Templates};
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
    assets: String,
    t: &'a BTreeMap<String, String>,
}

/// What is particular to one page.
#[derive(Debug, Serialize)]
struct PageView {
    kind: &'static str,
    title: String,
    description: String,
    canonical: String,
    alternates: Vec<views::Alternate>,
    /// Set on pages that must not be indexed (404).
    noindex: bool,
}

/// The theme's templates and interface strings: loaded once, shared by
/// every rebuild until the theme changes.
pub struct Theme {
    templates: Templates,
    i18n: BTreeMap<String, I18n>,
    assets: Vec<StaticFile>,
}

impl Theme {
    pub fn load(config: &Config) -> Result<Theme, Diagnostics> {
        let codes: Vec<&str> = config.language_codes().collect();
        let folder = config.theme_root().map_err(|e| {
            Diagnostics::from_iter([Diagnostic::error(
                display_path(&config.theme_dir()),
                format!("the theme `{}` {e}", config.theme),
            )
            .hint("a site picks its theme with `theme = \"…\"` in site.toml; it lives in themes/<theme>/")])
        })?;
        match (
            I18n::load(&folder, &codes),
            Templates::load(&folder),
            assets::find(&folder),
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
    pub fn assets(&self) -> &[StaticFile] {
        &self.assets
    }
}

pub struct Renderer<'a> {
    config: &'a Config,
    archive: &'a Archive,
    templates: &'a Templates,
    i18n: &'a BTreeMap<String, I18n>,
    attachments: &'a Extracts,
}

impl<'a> Renderer<'a> {
    pub fn new(config: &'a Config, archive: &'a Archive, theme: &'a Theme) -> Renderer<'a> {
        Renderer {
            config,
            archive,
            templates: &theme.templates,
            i18n: &theme.i18n,
            attachments: &NO_ATTACHMENTS,
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
            assets: href(urls::asset("")),
            t: &self.i18n[lang].strings,
        }
    }

    pub fn render(&self, page: &'a Page) -> Result<String, RenderError> {
        let lang = page.lang.as_str();
        let views = self.views(lang);
        let t = &self.i18n[lang];
        let mut context = tera::Context::new();
        let site = self.site(lang);
        let (template, kind, title) = match &page.kind {
            PageKind::Home => {
                let latest = pages::listed(self.archive, &page.kind, self.config.page_size);
                context.insert("items", &views.items(&latest));
                ("home.html", "home", site.title.to_string())
            }
            PageKind::Document(id) => {
                let entry = &self.archive.entries[*id];
                let document = entry.version(lang).expect("planned for existing versions");
                let rewrite = |url: &str| self.published_link(&entry.section, url);
                let rendered =
                    markdown::render(&document.body, self.config.allow_raw_html, &rewrite);
                let others: Vec<(&str, &I18n)> =
                    self.i18n.iter().map(|(l, i)| (l.as_str(), i)).collect();
                let view = views.document(*id, rendered.html, rendered.toc, &others);
                let title = view.item.title.clone();
                context.insert("document", &view);
                ("document.html", "document", title)
            }
            PageKind::TaxonomyIndex(taxonomy) => {
                context.insert("terms", &views.terms(*taxonomy));
                context.insert("taxonomy", taxonomy.table());
                (
                    "taxonomy.html",
                    "taxonomy",
                    t.string(taxonomy.table()).to_string(),
                )
            }
            PageKind::Term {
                taxonomy,
                key,
                page: number,
                pages,
            } => {
                let ids = &self.archive.terms(*taxonomy)[key];
                let shown = pages::listed(self.archive, &page.kind, self.config.page_size);
                context.insert("items", &views.items(&shown));
                context.insert("count", &t.number(ids.len()));
                context.insert("taxonomy", taxonomy.table());
                context.insert(
                    "taxonomy_href",
                    &views.href(&urls::taxonomy_index(lang, *taxonomy)),
                );
                context.insert(
                    "pagination",
                    &views.pagination(&urls::term(lang, *taxonomy, key, 1), *number, *pages),
                );
                if *taxonomy == Taxonomy::Tag {
                    context.insert(
                        "term_feed",
                        &views.href(&urls::term_feed(lang, *taxonomy, key)),
                    );
                }
                let label = self.config.label(*taxonomy, key, lang);
                let title = if *number > 1 {
                    format!("{label} ({} {})", t.string("page"), t.number(number))
                } else {
                    label.to_string()
                };
                ("term.html", "term", title)
            }
            PageKind::Timeline => {
                context.insert("years", &views.timeline());
                (
                    "timeline.html",
                    "timeline",
                    t.string("timeline").to_string(),
                )
            }
            PageKind::TimelineYear(year) => {
                context.insert("year", &views.timeline_year(*year));
                context.insert("timeline_href", &views.href(&urls::timeline(lang)));
                (
                    "timeline-year.html",
                    "timeline",
                    format!("{}: {}", t.string("timeline"), t.number(year)),
                )
            }
            PageKind::Search => ("search.html", "search", t.string("search").to_string()),
            PageKind::NotFound => (
                "404.html",
                "not-found",
                t.string("not_found_title").to_string(),
            ),
        };
        let page_view = PageView {
            kind,
            description: site.description.to_string(),
            title,
            canonical: self.config.base_url.absolute(&page.canonical_path()),
            alternates: views.alternates(page.alternates(self.config, self.archive)),
            noindex: page.kind == PageKind::NotFound,
        };
        context.insert("site", &site);
        context.insert("page", &page_view);
        context.insert("languages", &self.config.languages);
        self.templates.render(template, &context)
    }
}
