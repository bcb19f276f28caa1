//! The archive as plain data: documents grouped by translation, taxonomies
//! and the timeline. Built once from the loaded documents; read-only after.

pub mod tally;

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use crate::config::{Config, Taxonomy};
use crate::content::{Attachment, Document, PartialDate};
use crate::unique::{first_seen, first_seen_by};

/// Index of an [`Entry`] in [`Archive::entries`].
pub type EntryId = usize;

/// One document, in all the languages it exists in.
#[derive(Debug, Clone)]
pub struct Entry {
    /// `<section>/<slug>`.
    pub key: String,
    pub section: String,
    pub slug: String,
    pub date: PartialDate,
    pub doc_type: String,
    pub organization: Option<String>,
    /// The union of the versions' tags, in first-seen order.
    pub tags: Vec<String>,
    /// Language code → version, in the site's language order.
    versions: Vec<(String, Arc<Document>)>,
}

impl Entry {
    /// The versions (at least one) in the site's language order; the first
    /// one's facts are the entry's.
    fn new(key: String, mut versions: Vec<Arc<Document>>, order: &[&str]) -> Entry {
        versions.sort_by_key(|d| order.iter().position(|l| *l == d.lang));
        let first = &versions[0];
        let tags = first_seen(versions.iter().flat_map(|d| d.tags.iter().cloned()));
        Entry {
            section: first.section.clone(),
            slug: first.slug.clone(),
            date: first.date,
            doc_type: first.doc_type.clone(),
            organization: first.organization.clone(),
            tags,
            versions: versions.into_iter().map(|d| (d.lang.clone(), d)).collect(),
            key,
        }
    }

    /// The files attached to any version, each once (versions may attach
    /// the same file), in the order first attached.
    pub fn attachments(&self) -> Vec<&Attachment> {
        first_seen_by(self.versions().flat_map(|d| &d.attachments), |a| {
            a.name.as_str()
        })
    }

    /// Whether the archive arranges `other` exactly as this entry: same
    /// key, date and terms, so the same place in every list.
    fn placed_as(&self, other: &Entry) -> bool {
        self.key == other.key
            && self.date == other.date
            && self.doc_type == other.doc_type
            && self.organization == other.organization
            && self.tags == other.tags
    }

    pub fn version(&self, lang: &str) -> Option<&Document> {
        self.versions
            .iter()
            .find(|(l, _)| l == lang)
            .map(|(_, d)| d.as_ref())
    }

    /// The version to show a reader of `lang`: theirs if it exists, else the
    /// first in the site's language order.
    pub fn best_version(&self, lang: &str) -> &Document {
        self.version(lang).unwrap_or(&self.versions[0].1)
    }

    pub fn versions(&self) -> impl Iterator<Item = &Document> {
        self.versions.iter().map(|(_, d)| d.as_ref())
    }

    /// Whether a listing (home, term pages, timeline, related documents)
    /// would show this entry exactly as `other`, in the same place: same
    /// date and terms, and the same title and summary in every language.
    pub fn lists_as(&self, other: &Entry) -> bool {
        let shown = |e: &Entry| -> Vec<(String, String, Option<String>)> {
            e.versions()
                .map(|d| (d.lang.clone(), d.title.clone(), d.summary.clone()))
                .collect()
        };
        self.placed_as(other) && shown(self) == shown(other)
    }

    pub fn terms(&self, taxonomy: Taxonomy) -> Vec<&str> {
        match taxonomy {
            Taxonomy::Type => vec![self.doc_type.as_str()],
            Taxonomy::Organization => self.organization.iter().map(String::as_str).collect(),
            Taxonomy::Tag => self.tags.iter().map(String::as_str).collect(),
        }
    }
}

/// A year of the timeline, newest first inside.
#[derive(Debug, Clone)]
pub struct TimelineYear {
    pub year: u16,
    /// Months newest first; `None` holds the documents dated only by year,
    /// shown after the months.
    pub months: Vec<(Option<u8>, Vec<EntryId>)>,
}

/// Entries are shared, so that an archive with a few documents revised
/// ([`Archive::with_revised`]) costs a pointer per entry, not a copy of
/// every entry (a preview makes one per edit).
#[derive(Debug)]
pub struct Archive {
    /// Newest first; ties broken by key so output is stable.
    pub entries: Vec<Arc<Entry>>,
    terms: Arc<BTreeMap<Taxonomy, BTreeMap<String, Vec<EntryId>>>>,
    timeline: Arc<Vec<TimelineYear>>,
    /// Each entry's related entries, found when first asked for: every
    /// language's page of a document shows the same ones. They depend only
    /// on the arrangement (keys, dates, tags), so archives arranged alike
    /// share what either has found.
    related: Arc<[OnceLock<Vec<EntryId>>]>,
}

/// How many related documents a document page lists.
pub const RELATED: usize = 5;

impl Archive {
    /// Groups documents into entries. Drafts are left out unless asked for.
    pub fn new(
        config: &Config,
        documents: impl IntoIterator<Item = Arc<Document>>,
        include_drafts: bool,
    ) -> Archive {
        let mut groups: BTreeMap<String, Vec<Arc<Document>>> = BTreeMap::new();
        for document in documents.into_iter().filter(|d| include_drafts || !d.draft) {
            groups
                .entry(document.key.clone())
                .or_default()
                .push(document);
        }
        let order: Vec<&str> = config.language_codes().collect();
        let mut entries: Vec<Arc<Entry>> = groups
            .into_iter()
            .map(|(key, versions)| Arc::new(Entry::new(key, versions, &order)))
            .collect();
        entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.key.cmp(&b.key)));

        let mut terms: BTreeMap<Taxonomy, BTreeMap<String, Vec<EntryId>>> = BTreeMap::new();
        for taxonomy in Taxonomy::ALL {
            let by_term = terms.entry(taxonomy).or_default();
            // Every declared term gets a page, even before it is used.
            for key in config.taxonomy(taxonomy).keys() {
                by_term.insert(key.clone(), Vec::new());
            }
            for (id, entry) in entries.iter().enumerate() {
                for term in entry.terms(taxonomy) {
                    by_term.entry(term.to_string()).or_default().push(id);
                }
            }
        }
        let timeline = timeline(&entries);
        let related = entries.iter().map(|_| OnceLock::new()).collect();
        Archive {
            entries,
            terms: Arc::new(terms),
            timeline: Arc::new(timeline),
            related,
        }
    }

    /// This archive with new versions of some documents, when none of them
    /// moves its entry (same date and terms): the entries' order, the term
    /// lists and the timeline stay as they are, so only the documents are
    /// swapped. `None` when an entry would move, or a version is new; then
    /// the archive is built anew. This is what keeps a preview's rebuild
    /// after a text edit short in a large archive.
    pub fn with_revised(&self, config: &Config, revised: &[Arc<Document>]) -> Option<Archive> {
        let order: Vec<&str> = config.language_codes().collect();
        let mut entries = self.entries.clone();
        for document in revised {
            let id = entries.iter().position(|e| e.key == document.key)?;
            let entry = &entries[id];
            entry.version(&document.lang)?;
            let versions = entry
                .versions
                .iter()
                .map(|(lang, d)| {
                    if *lang == document.lang {
                        document.clone()
                    } else {
                        d.clone()
                    }
                })
                .collect();
            let revised_entry = Entry::new(entry.key.clone(), versions, &order);
            if !revised_entry.placed_as(entry) {
                return None;
            }
            entries[id] = Arc::new(revised_entry);
        }
        // Same arrangement: same term lists, timeline and related entries.
        Some(Archive {
            entries,
            terms: self.terms.clone(),
            timeline: self.timeline.clone(),
            related: self.related.clone(),
        })
    }

    pub fn document_count(&self) -> usize {
        self.entries.iter().map(|e| e.versions.len()).sum()
    }

    /// Term key → entries, newest first.
    pub fn terms(&self, taxonomy: Taxonomy) -> &BTreeMap<String, Vec<EntryId>> {
        &self.terms[&taxonomy]
    }

    /// Years newest first.
    pub fn timeline(&self) -> &[TimelineYear] {
        &self.timeline
    }

    /// The entries of one year of the timeline, in its order.
    pub fn timeline_year(&self, year: u16) -> Vec<EntryId> {
        self.timeline
            .iter()
            .filter(|y| y.year == year)
            .flat_map(|y| y.months.iter().flat_map(|(_, ids)| ids.iter().copied()))
            .collect()
    }

    /// Up to [`RELATED`] other entries sharing the most tags, then nearest
    /// in date. Entries sharing nothing are not related. Only entries met
    /// through a shared tag are scored, so this stays cheap in big archives.
    pub fn related(&self, id: EntryId) -> &[EntryId] {
        self.related[id].get_or_init(|| self.find_related(id, RELATED))
    }

    fn find_related(&self, id: EntryId, limit: usize) -> Vec<EntryId> {
        let entry = &self.entries[id];
        let tagged = self.terms(Taxonomy::Tag);
        let lists = entry
            .tags
            .iter()
            .filter_map(|tag| tagged.get(tag))
            .map(Vec::as_slice)
            .collect();
        most_shared(lists, id, limit, |other| {
            date_distance(entry.date, self.entries[other].date)
        })
    }
}

/// Entries (newest first) grouped by year, then month; documents dated only
/// by their year follow that year's months.
fn timeline(entries: &[Arc<Entry>]) -> Vec<TimelineYear> {
    let mut years: Vec<TimelineYear> = Vec::new();
    for (id, entry) in entries.iter().enumerate() {
        let year = entry.date.year();
        if years.last().is_none_or(|y| y.year != year) {
            years.push(TimelineYear {
                year,
                months: Vec::new(),
            });
        }
        let months = &mut years.last_mut().expect("pushed above").months;
        let month = entry.date.month();
        match months.iter_mut().find(|(m, _)| *m == month) {
            Some((_, ids)) => ids.push(id),
            None => months.push((month, vec![id])),
        }
    }
    for year in &mut years {
        // Newest month first, then the year-only group.
        year.months.sort_by(|a, b| match (a.0, b.0) {
            (Some(x), Some(y)) => y.cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
    }
    years
}

/// The `limit` entries other than `id` found in the most `lists`, then at
/// the least `distance`, then with the lowest id. Each list holds entry ids
/// in increasing order (as a term's entries are), so walking them side by
/// side meets every candidate once, already counted: no map, no sort of
/// every candidate. A tag's list grows with the archive, so this runs
/// once per document page over lists of thousands.
fn most_shared(
    mut lists: Vec<&[EntryId]>,
    id: EntryId,
    limit: usize,
    distance: impl Fn(EntryId) -> u32,
) -> Vec<EntryId> {
    // Best first: more lists shared, then nearer, then lower id.
    let mut best: Vec<(std::cmp::Reverse<usize>, u32, EntryId)> = Vec::with_capacity(limit + 1);
    while let Some(next) = lists.iter().filter_map(|l| l.first()).min().copied() {
        let mut shared = 0;
        for list in &mut lists {
            if list.first() == Some(&next) {
                *list = &list[1..];
                shared += 1;
            }
        }
        if next == id {
            continue;
        }
        let rank = (std::cmp::Reverse(shared), distance(next), next);
        if best.len() < limit || best.last().is_some_and(|last| rank < *last) {
            let at = best.partition_point(|b| *b < rank);
            best.insert(at, rank);
            best.truncate(limit);
        }
    }
    best.into_iter().map(|(_, _, id)| id).collect()
}

/// Distance in days, approximating partial dates by their first day.
fn date_distance(a: PartialDate, b: PartialDate) -> u32 {
    let days = |d: PartialDate| {
        u32::from(d.year()) * 372
            + u32::from(d.month().unwrap_or(1)) * 31
            + u32::from(d.day().unwrap_or(1))
    };
    days(a).abs_diff(days(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition, spelt out: score every candidate, sort them all.
    fn most_shared_by_sorting(
        lists: &[Vec<EntryId>],
        id: EntryId,
        limit: usize,
        distance: impl Fn(EntryId) -> u32,
    ) -> Vec<EntryId> {
        let mut shared: std::collections::HashMap<EntryId, usize> = Default::default();
        for other in lists.iter().flatten().filter(|other| **other != id) {
            *shared.entry(*other).or_default() += 1;
        }
        let mut scored: Vec<(usize, u32, EntryId)> = shared
            .into_iter()
            .map(|(other, count)| (count, distance(other), other))
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        scored
            .into_iter()
            .take(limit)
            .map(|(_, _, id)| id)
            .collect()
    }

    proptest! {
        #[test]
        fn walking_the_lists_ranks_as_sorting_every_candidate(
            lists in prop::collection::vec(prop::collection::btree_set(0usize..60, 0..30), 0..6),
            id in 0usize..60,
            limit in 0usize..8,
            days in prop::collection::vec(0u32..20, 60),
        ) {
            let lists: Vec<Vec<EntryId>> = lists.into_iter().map(|l| l.into_iter().collect()).collect();
            let distance = |other: EntryId| days[other].abs_diff(days[id]);
            let slices = lists.iter().map(Vec::as_slice).collect();
            prop_assert_eq!(
                most_shared(slices, id, limit, distance),
                most_shared_by_sorting(&lists, id, limit, distance)
            );
        }
    }
}
