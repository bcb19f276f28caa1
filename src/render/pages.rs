//! The plan: every HTML page the site has, derived from the archive alone.

use crate::archive::{Archive, EntryId};
use crate::config::{Config, Taxonomy};
use crate::render::urls;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    Home,
    Document(EntryId),
    TaxonomyIndex(Taxonomy),
    /// One page of the listing of a tag, organisation or type.
    Term {
        taxonomy: Taxonomy,
        key: String,
        page: usize,
        pages: usize,
    },
    Timeline,
    Search,
    NotFound,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub lang: String,
    pub kind: PageKind,
    /// Site-relative URL path (`en/tags/ballot/`).
    pub path: String,
}

/// Number of listing pages needed for `items` items; an empty listing still
/// has its first page.
pub fn page_count(items: usize, page_size: usize) -> usize {
    items.div_ceil(page_size).max(1)
}

pub fn plan(config: &Config, archive: &Archive) -> Vec<Page> {
    let mut pages = Vec::new();
    for lang in config.language_codes() {
        let mut add = |kind: PageKind, path: String| {
            pages.push(Page {
                lang: lang.to_string(),
                kind,
                path,
            })
        };
        add(PageKind::Home, urls::home(lang));
        if lang == config.default_language {
            add(PageKind::Home, String::new());
        }
        for (id, entry) in archive.entries.iter().enumerate() {
            if entry.version(lang).is_some() {
                add(PageKind::Document(id), urls::document(lang, &entry.key));
            }
        }
        for taxonomy in Taxonomy::ALL {
            add(
                PageKind::TaxonomyIndex(taxonomy),
                urls::taxonomy_index(lang, taxonomy),
            );
            for (key, ids) in archive.terms(taxonomy) {
                let pages = page_count(ids.len(), config.page_size);
                for page in 1..=pages {
                    add(
                        PageKind::Term {
                            taxonomy,
                            key: key.clone(),
                            page,
                            pages,
                        },
                        urls::term(lang, taxonomy, key, page),
                    );
                }
            }
        }
        add(PageKind::Timeline, urls::timeline(lang));
        add(PageKind::Search, urls::search(lang));
        add(PageKind::NotFound, urls::not_found(lang));
        if lang == config.default_language {
            add(PageKind::NotFound, "404.html".into());
        }
    }
    pages
}

impl Page {
    /// The same page in each language it exists in, as (language, path).
    /// Listings exist in every language; a document only where translated.
    pub fn alternates(&self, config: &Config, archive: &Archive) -> Vec<(String, String)> {
        config
            .language_codes()
            .filter_map(|lang| {
                let path = match &self.kind {
                    PageKind::Home => urls::home(lang),
                    PageKind::Document(id) => {
                        let entry = &archive.entries[*id];
                        entry.version(lang)?;
                        urls::document(lang, &entry.key)
                    }
                    PageKind::TaxonomyIndex(taxonomy) => urls::taxonomy_index(lang, *taxonomy),
                    PageKind::Term {
                        taxonomy,
                        key,
                        page,
                        ..
                    } => urls::term(lang, *taxonomy, key, *page),
                    PageKind::Timeline => urls::timeline(lang),
                    PageKind::Search => urls::search(lang),
                    PageKind::NotFound => urls::not_found(lang),
                };
                Some((lang.to_string(), path))
            })
            .collect()
    }

    /// The page's own address, for canonical links. The root 404 page is a
    /// copy of the default language's. The root home page is the site's
    /// front door, where links and crawlers arrive, so it is its own.
    pub fn canonical_path(&self) -> String {
        match self.kind {
            PageKind::NotFound => urls::not_found(&self.lang),
            _ => self.path.clone(),
        }
    }

    /// Whether search engines should list the page.
    pub fn indexable(&self) -> bool {
        self.kind != PageKind::NotFound
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_counts_at_the_boundaries() {
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(page_count(20, 20), 1);
        assert_eq!(page_count(21, 20), 2);
    }
}
