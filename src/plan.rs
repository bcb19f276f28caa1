//! The plan: every HTML page the site has, derived from the archive alone.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap as HashMap;

use crate::archive::tally::{self, Tally};
use crate::archive::{Archive, EntryId};
use crate::config::{Config, Taxonomy};
use crate::content::Document;
use crate::diagnostics::{Diagnostic, Diagnostics, Message, Word};
use crate::urls;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
    /// The years and months, with counts.
    Timeline,
    /// One year's documents, month by month.
    TimelineYear(u16),
    Search,
    /// The documents saved on the reader's device, listed by the browser.
    Saved,
    /// What the catalogue (catalog.json, catalog.csv) holds, its licence,
    /// and how to cite the archive.
    Data,
    /// What the archive is, its data and how to contribute.
    About,
    /// The form that writes a new document's files.
    Contribute,
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
        for year in archive.timeline() {
            add(
                PageKind::TimelineYear(year.year),
                urls::timeline_year(lang, year.year),
            );
        }
        add(PageKind::Search, urls::search(lang));
        add(PageKind::Saved, urls::saved(lang));
        add(PageKind::Data, urls::data(lang));
        add(PageKind::About, urls::about(lang));
        add(PageKind::Contribute, urls::contribute(lang));
        add(PageKind::NotFound, urls::not_found(lang));
        if lang == config.default_language {
            add(PageKind::NotFound, "404.html".into());
        }
    }
    pages
}

/// Every URL has exactly one producer: a document whose URL is also a
/// generated page (`content/tags/ballot.en.md` against the tag page of
/// `ballot`) would silently replace it, or be replaced. Each such clash is
/// an error on the document's file, naming what else claims the URL.
pub fn collisions(plan: &[Page], archive: &Archive) -> Diagnostics {
    let mut claimed: HashMap<&str, &Page> = HashMap::default();
    let mut problems = Diagnostics::default();
    for page in plan {
        let Some(first) = claimed.get(page.path.as_str()).copied() else {
            claimed.insert(&page.path, page);
            continue;
        };
        let (document, other) = match (&page.kind, &first.kind) {
            (PageKind::Document(id), _) => (Some(*id), first),
            (_, PageKind::Document(id)) => (Some(*id), page),
            _ => (None, page),
        };
        let diagnostic = match document {
            Some(id) => {
                let version = archive.entries[id]
                    .version(&page.lang)
                    .expect("a document page has its version");
                Diagnostic::error(
                    &version.path,
                    Message::UrlClaimed {
                        url: page.path.to_string(),
                        other: producer(&other.kind, archive, &page.lang),
                    },
                )
                .at(1, 1)
                .hint(Message::MoveOrRename)
            }
            None => Diagnostic::error(
                crate::config::CONFIG_FILE,
                Message::UrlTwice {
                    url: page.path.to_string(),
                },
            ),
        };
        problems.push(diagnostic);
    }
    alias_collisions(&claimed, archive, &mut problems);
    problems
}

/// An alias may not be the URL of a page, nor another alias: the one
/// written later is the error, at its line.
fn alias_collisions(claimed: &HashMap<&str, &Page>, archive: &Archive, problems: &mut Diagnostics) {
    let mut aliased: HashMap<&str, (&Document, usize)> = HashMap::default();
    let versions = archive.entries.iter().flat_map(|entry| entry.versions());
    for document in versions {
        for alias in &document.aliases {
            let taken = match (
                claimed.get(alias.path.as_str()),
                aliased.get(alias.path.as_str()),
            ) {
                (Some(page), _) => producer(&page.kind, archive, &page.lang),
                (None, Some((other, line))) => Word::AliasOf {
                    path: crate::diagnostics::display_path(&other.path),
                    line: *line,
                },
                (None, None) => {
                    aliased.insert(&alias.path, (document, alias.line));
                    continue;
                }
            };
            problems.push(
                Diagnostic::error(
                    &document.path,
                    Message::AliasClaimed {
                        url: alias.path.clone(),
                        other: taken,
                    },
                )
                .at(alias.line, 1)
                .field(format!("aliases[{}]", alias.index))
                .hint(Message::AliasRemove),
            );
        }
    }
}

/// What produces a page, in words for a message.
fn producer(kind: &PageKind, archive: &Archive, lang: &str) -> Word {
    match kind {
        PageKind::Home => Word::HomePage,
        PageKind::Document(id) => Word::UrlOf {
            path: match archive.entries[*id].version(lang) {
                Some(d) => crate::diagnostics::display_path(&d.path),
                None => archive.entries[*id].key.clone(),
            },
        },
        PageKind::TaxonomyIndex(taxonomy) => Word::ListOf {
            table: taxonomy.table().into(),
        },
        PageKind::Term {
            taxonomy,
            key,
            page,
            ..
        } => match page {
            1 => Word::TermPage {
                taxonomy: Box::new(taxonomy.word()),
                key: key.clone(),
            },
            n => Word::TermPageN {
                taxonomy: Box::new(taxonomy.word()),
                key: key.clone(),
                page: *n,
            },
        },
        PageKind::Timeline => Word::Timeline,
        PageKind::TimelineYear(year) => Word::TimelineYear {
            year: year.to_string(),
        },
        PageKind::Search => Word::SearchPage,
        PageKind::Saved => Word::SavedPage,
        PageKind::Data => Word::DataPage,
        PageKind::About => Word::AboutPage,
        PageKind::Contribute => Word::ContributePage,
        PageKind::NotFound => Word::NotFoundPage,
    }
}

/// The pages of `plan` (planned for `new`) that may read differently after
/// the entries `changed` (by key) went from `old` to `new`: what a preview
/// re-renders after an edit. A listing is redrawn when it shows other
/// entries or other counts than before, or shows a changed entry; a document
/// page when its entry changed or its related documents did. Entries must
/// not have been added or removed: that is a full rebuild.
pub fn affected<'p>(
    plan: &'p [Page],
    old: &Archive,
    new: &Archive,
    changed: &BTreeSet<String>,
    page_size: usize,
) -> Vec<&'p Page> {
    let edit = Edit::new(old, new, changed, page_size);
    let documents = edit.redrawn_documents();
    // Every language has the same pages: decide each kind once.
    let mut decided: HashMap<&PageKind, bool> = HashMap::default();
    plan.iter()
        .filter(|page| match &page.kind {
            // Most pages, and a set lookup already: not worth a memo.
            PageKind::Document(id) => documents.contains(id),
            kind => *decided
                .entry(kind)
                .or_insert_with(|| edit.redraws(kind, &documents)),
        })
        .collect()
}

/// An edit of the entries `changed`, from `old` to `new`, and what it
/// touches: the questions [`affected`] asks of each kind of page.
struct Edit<'a> {
    old: &'a Archive,
    new: &'a Archive,
    changed: &'a BTreeSet<String>,
    page_size: usize,
    /// The old archive's entries by key, made when first needed: an edit
    /// that lists no entry differently needs none.
    old_ids: std::cell::OnceCell<HashMap<&'a str, EntryId>>,
    /// Some changed entry shows differently in a listing (or moved in it).
    listed_differently: bool,
    /// The terms of the changed entries, before or after the change.
    touched_terms: BTreeSet<(Taxonomy, &'a str)>,
    /// The archive's first or last year moved: every term's chart spans them.
    span_moved: bool,
    /// A year gained or lost its last document.
    years_moved: bool,
}

impl<'a> Edit<'a> {
    fn new(
        old: &'a Archive,
        new: &'a Archive,
        changed: &'a BTreeSet<String>,
        page_size: usize,
    ) -> Edit<'a> {
        // A few changed keys: looked for, not indexed.
        let version =
            |archive: &'a Archive, key: &str| id_of(archive, key).map(|id| &*archive.entries[id]);
        let listed_differently =
            changed
                .iter()
                .any(|key| match (version(old, key), version(new, key)) {
                    (Some(a), Some(b)) => !a.lists_as(b),
                    _ => true,
                });
        let mut touched_terms = BTreeSet::new();
        for key in changed {
            let before = version(old, key);
            let after = version(new, key);
            for entry in before.into_iter().chain(after) {
                for taxonomy in Taxonomy::ALL {
                    touched_terms.extend(entry.terms(taxonomy).into_iter().map(|t| (taxonomy, t)));
                }
            }
        }
        let years =
            |archive: &Archive| -> Vec<u16> { archive.timeline().iter().map(|y| y.year).collect() };
        Edit {
            old,
            new,
            changed,
            page_size,
            old_ids: std::cell::OnceCell::new(),
            listed_differently,
            touched_terms,
            span_moved: tally::span(old) != tally::span(new),
            years_moved: years(old) != years(new),
        }
    }

    /// The changed entries, and the entries whose related documents changed
    /// or include a changed one. Every entry whose related documents may
    /// have changed shares a tag with a changed entry, before or after.
    fn redrawn_documents(&self) -> BTreeSet<EntryId> {
        let (old, new) = (self.old, self.new);
        let mut redrawn: BTreeSet<EntryId> = self
            .changed
            .iter()
            .filter_map(|key| id_of(new, key))
            .collect();
        if !self.listed_differently {
            return redrawn;
        }
        let keys_of = |archive: &Archive, ids: &[EntryId]| -> Vec<String> {
            ids.iter()
                .map(|id| archive.entries[*id].key.clone())
                .collect()
        };
        let neighbours: BTreeSet<EntryId> = self
            .touched_terms
            .iter()
            .filter(|(taxonomy, _)| *taxonomy == Taxonomy::Tag)
            .flat_map(|(_, tag)| new.terms(Taxonomy::Tag).get(*tag).into_iter().flatten())
            .copied()
            .collect();
        for id in neighbours {
            let key = new.entries[id].key.as_str();
            let now = keys_of(new, new.related(id));
            // An edit that moves no entry keeps every id.
            let old_id = if old.entries.get(id).is_some_and(|e| e.key == key) {
                Some(id)
            } else {
                self.old_ids
                    .get_or_init(|| ids_by_key(old))
                    .get(key)
                    .copied()
            };
            let then = old_id.map(|old_id| keys_of(old, old.related(old_id)));
            if then.as_ref() != Some(&now) || now.iter().any(|k| self.changed.contains(k)) {
                redrawn.insert(id);
            }
        }
        redrawn
    }

    /// Whether a page of `kind` reads differently, the document pages
    /// redrawn being `documents` (see [`Edit::redrawn_documents`]).
    fn redraws(&self, kind: &PageKind, documents: &BTreeSet<EntryId>) -> bool {
        let listed = self.listed_differently;
        match kind {
            PageKind::Document(id) => documents.contains(id),
            // The home and about pages count the documents by type,
            // organisation and year (the home page also lists the latest).
            PageKind::Home | PageKind::About => listed,
            // A year page also links the years before and after it.
            PageKind::TimelineYear(_) => {
                listed && (self.lists_differently(kind) || self.years_moved)
            }
            PageKind::Term {
                taxonomy,
                key,
                page,
                ..
            } => listed && self.term_redraws(kind, *taxonomy, key, *page == 1),
            PageKind::TaxonomyIndex(taxonomy) => self
                .touched_terms
                .iter()
                .filter(|(t, _)| t == taxonomy)
                .any(|(t, key)| self.count_moved(*t, key)),
            PageKind::Timeline => listed && timeline_shape(self.old) != timeline_shape(self.new),
            // The contribute page's choices are the site's (a change to
            // site.toml rebuilds everything) and its sections are folders
            // (a new one is a new entry, a full rebuild).
            PageKind::Search
            | PageKind::Saved
            | PageKind::Data
            | PageKind::Contribute
            | PageKind::NotFound => false,
        }
    }

    /// A page of a term's listing, once some entry lists differently: its
    /// chart (`charted`, on the first page) spans the archive's years, and
    /// a touched term's page changes with its count, its entries or its
    /// documents per year.
    fn term_redraws(&self, kind: &PageKind, taxonomy: Taxonomy, key: &str, charted: bool) -> bool {
        let years = |archive: &Archive| {
            archive
                .terms(taxonomy)
                .get(key)
                .map(|ids| tally::by_year(archive, ids))
        };
        (charted && self.span_moved)
            || (self.touched_terms.contains(&(taxonomy, key))
                && (self.count_moved(taxonomy, key)
                    || self.lists_differently(kind)
                    || (charted && years(self.old) != years(self.new))))
    }

    /// A listing page shows other entries, or a changed one.
    fn lists_differently(&self, kind: &PageKind) -> bool {
        let keys = |archive: &Archive| -> Vec<String> {
            listed(archive, kind, self.page_size)
                .into_iter()
                .map(|id| archive.entries[id].key.clone())
                .collect()
        };
        let now = keys(self.new);
        now != keys(self.old) || now.iter().any(|key| self.changed.contains(key))
    }

    /// A term's count of documents changed.
    fn count_moved(&self, taxonomy: Taxonomy, key: &str) -> bool {
        let count = |archive: &Archive| archive.terms(taxonomy).get(key).map(Vec::len);
        count(self.old) != count(self.new)
    }
}

/// What the timeline's overview and its chart show: years and months, with
/// counts by how precisely documents are dated.
fn timeline_shape(archive: &Archive) -> TimelineShape {
    archive
        .timeline()
        .iter()
        .map(|y| (y.year, tally::by_month(archive, y)))
        .collect()
}

/// The entries a listing page shows, in order: one definition for the
/// renderer and for [`affected`]. Empty for pages that are not listings.
pub fn listed(archive: &Archive, kind: &PageKind, page_size: usize) -> Vec<EntryId> {
    match kind {
        PageKind::Home => (0..archive.entries.len().min(page_size)).collect(),
        PageKind::Term {
            taxonomy,
            key,
            page,
            ..
        } => archive
            .terms(*taxonomy)
            .get(key)
            .map_or_else(Vec::new, |ids| {
                ids.iter()
                    .copied()
                    .skip((page - 1) * page_size)
                    .take(page_size)
                    .collect()
            }),
        PageKind::TimelineYear(year) => archive.timeline_year(*year),
        PageKind::Document(_)
        | PageKind::TaxonomyIndex(_)
        | PageKind::Timeline
        | PageKind::Search
        | PageKind::Saved
        | PageKind::Data
        | PageKind::About
        | PageKind::Contribute
        | PageKind::NotFound => Vec::new(),
    }
}

/// Years, and their months (then the documents known only to the year)
/// with their documents counted by how precisely they are dated.
type TimelineShape = Vec<(u16, [Tally; 13])>;

fn id_of(archive: &Archive, key: &str) -> Option<EntryId> {
    archive.entries.iter().position(|e| e.key == key)
}

fn ids_by_key(archive: &Archive) -> HashMap<&str, EntryId> {
    archive
        .entries
        .iter()
        .enumerate()
        .map(|(id, entry)| (entry.key.as_str(), id))
        .collect()
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
                    PageKind::TimelineYear(year) => urls::timeline_year(lang, *year),
                    PageKind::Search => urls::search(lang),
                    PageKind::Saved => urls::saved(lang),
                    PageKind::Data => urls::data(lang),
                    PageKind::About => urls::about(lang),
                    PageKind::Contribute => urls::contribute(lang),
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
            PageKind::Home
            | PageKind::Document(_)
            | PageKind::TaxonomyIndex(_)
            | PageKind::Term { .. }
            | PageKind::Timeline
            | PageKind::TimelineYear(_)
            | PageKind::Search
            | PageKind::Saved
            | PageKind::Data
            | PageKind::About
            | PageKind::Contribute => self.path.clone(),
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
