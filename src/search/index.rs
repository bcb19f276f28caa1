//! The inverted index of one language's documents, with positions, scored
//! with elasticlunr's model (TF-IDF with field boosts).

use std::cell::Cell;
use std::hash::BuildHasher;
use std::ops::Range;

use hashbrown::HashTable;
use rayon::prelude::*;
use rustc_hash::FxBuildHasher;

use crate::archive::Archive;
use crate::attachments::Extracts;
use crate::config::{Config, Taxonomy};
use crate::content::Document;
use crate::khmer::cluster::is_khmer;
use crate::render::i18n::I18n;
use crate::render::markdown;
use crate::render::urls;
use crate::search::tokens::for_each_token;

/// Indexed fields and their boosts: a match in the title counts most, one
/// in an attached PDF's text least.
const FIELDS: [(&str, f32); 5] = [
    ("title", 4.0),
    ("tags", 3.0),
    ("summary", 2.0),
    ("body", 1.0),
    ("attachment", 0.5),
];

/// The text of the fields, in [`FIELDS`] order.
type FieldTexts<'a> = [&'a str; FIELDS.len()];

/// Position gap between fields, so no phrase spans two of them.
const FIELD_GAP: u32 = 2;

/// Characters of text kept per document for result excerpts.
const EXCERPT_CHARS: usize = 600;

/// Documents analysed in parallel at a time: enough to keep the cores busy,
/// few enough that their term lists never dominate memory.
const BATCH: usize = 256;

/// Postings are kept in this many maps, a term's by its hash, so that a
/// batch's terms are added to them in parallel.
const SHARDS: usize = 16;

/// The shard of a term's postings. The bits used are those hashbrown does
/// not, so the terms of one shard still spread over its map.
fn shard(hash: u64) -> usize {
    (hash >> 32) as usize % SHARDS
}

fn hash(term: &str) -> u64 {
    FxBuildHasher.hash_one(term)
}

/// A term with its postings, stored with its hash so that a shard growing
/// or a posting being added never hashes the term again.
#[derive(Debug)]
pub struct Term {
    pub text: String,
    hash: u64,
    pub postings: Postings,
}

type Shard = HashTable<Term>;

/// A term's postings, encoded as they are added, because an archive's
/// index holds tens of millions of them. Per document, in `docs`: the id as
/// a difference from the previous one (a LEB128 varint) and the weight
/// (f32); in `positions`: the byte length of its positions, then the
/// positions as differences, all varints. Kept apart, so that reading the
/// weights skips no positions.
#[derive(Debug, Default)]
pub struct Postings {
    pub df: u32,
    pub largest_weight: f32,
    last_doc: u32,
    docs: Vec<u8>,
    positions: Vec<u8>,
}

impl Postings {
    fn push(&mut self, doc: u32, weight: f32, positions: &[u32]) {
        push_varint(&mut self.docs, doc - self.last_doc);
        self.docs.extend_from_slice(&weight.to_le_bytes());
        // The byte length first, so that readers skip an entry's positions
        // without decoding them.
        let deltas = positions.iter().scan(0, |previous, &position| {
            Some(position - std::mem::replace(previous, position))
        });
        push_varint(
            &mut self.positions,
            deltas.clone().map(varint_len).sum::<u32>(),
        );
        for delta in deltas {
            push_varint(&mut self.positions, delta);
        }
        self.last_doc = doc;
        self.df += 1;
        self.largest_weight = self.largest_weight.max(weight);
    }

    /// `(document, weight)`, in document order.
    pub fn weights(&self) -> impl Iterator<Item = (u32, f32)> + '_ {
        let mut at = 0;
        let mut doc = 0;
        std::iter::from_fn(move || {
            if at >= self.docs.len() {
                return None;
            }
            doc += read_varint(&self.docs, &mut at);
            let weight = f32::from_le_bytes(self.docs[at..at + 4].try_into().expect("four bytes"));
            at += 4;
            Some((doc, weight))
        })
    }

    /// The postings with their positions left encoded, for readers that
    /// need only some of them (most postings are never asked for theirs).
    pub fn entries(&self) -> impl Iterator<Item = Entry<'_>> {
        let mut at = 0;
        self.weights().map(move |(doc, weight)| {
            let len = read_varint(&self.positions, &mut at) as usize;
            let start = at;
            at += len;
            Entry {
                doc,
                weight,
                positions: &self.positions[start..at],
            }
        })
    }
}

/// A [`Posting`] with its positions still encoded.
pub struct Entry<'a> {
    pub doc: u32,
    pub weight: f32,
    positions: &'a [u8],
}

impl<'a> Entry<'a> {
    /// The positions, each as a difference from the one before (the first
    /// from 0), as they are stored.
    pub fn position_deltas(&self) -> impl Iterator<Item = u32> + 'a {
        let bytes = self.positions;
        let mut at = 0;
        std::iter::from_fn(move || (at < bytes.len()).then(|| read_varint(bytes, &mut at)))
    }
}

/// Bytes [`push_varint`] takes for `value`.
fn varint_len(value: u32) -> u32 {
    (32 - value.leading_zeros()).max(1).div_ceil(7)
}

fn push_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn read_varint(bytes: &[u8], at: &mut usize) -> u32 {
    let mut value = 0u32;
    let mut shift = 0;
    loop {
        let byte = bytes[*at];
        *at += 1;
        value |= u32::from(byte & 0x7F) << shift;
        if byte < 0x80 {
            return value;
        }
        shift += 7;
    }
}

/// What a result shows, in the index's language.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DisplayRow {
    pub u: String,
    pub t: String,
    pub l: String,
    pub d: String,
    pub i: String,
    pub y: String,
    pub o: String,
    pub x: String,
}

/// Filter data of one document: type, organisation (-1 when none), year,
/// tags, as indexes into the declared keys, and the archive entry it is a
/// version of (the same in every language's index).
#[derive(Debug, Clone, serde::Serialize)]
pub struct MetaRow(pub usize, pub i64, pub u16, pub Vec<usize>, pub usize);

pub struct LanguageIndex {
    pub lang: String,
    pub display: Vec<DisplayRow>,
    pub meta: Vec<MetaRow>,
    /// Facet keys with their labels in the index's language.
    pub facets: [(Taxonomy, Vec<(String, String)>); 3],
    postings: Vec<Shard>,
}

impl LanguageIndex {
    /// Every term with its postings, in no particular order.
    pub fn terms(&self) -> impl Iterator<Item = &Term> {
        self.postings.iter().flat_map(|shard| shard.iter())
    }

    /// elasticlunr's inverse document frequency.
    pub fn idf(&self, postings: &Postings) -> f32 {
        1.0 + (self.display.len() as f32 / (postings.df as f32 + 1.0)).ln()
    }
}

/// A document's terms, grouped by shard: those of shard `k` are
/// `terms[shards[k]..shards[k + 1]]`. The terms' text is in `text`, so a
/// document takes a few allocations rather than one per term: an archive
/// has tens of millions of (document, term) pairs.
struct DocTerms {
    text: String,
    terms: Vec<DocTerm>,
    shards: Vec<usize>,
    positions: Vec<u32>,
}

/// A term of [`DocTerms`]: where its text and positions are, its hash, and
/// its weight (before idf).
#[derive(Clone, Default)]
struct DocTerm {
    span: Range<usize>,
    hash: u64,
    weight: f32,
    positions: Range<usize>,
}

/// Whether the positions of a term are kept: only Khmer phrases are
/// verified (a Latin word is a part by itself).
pub fn keeps_positions(term: &str) -> bool {
    term.chars().any(is_khmer)
}

/// Asked between batches of documents: true when the index is no longer
/// wanted, so that building it stops early.
pub type Stop<'a> = &'a (dyn Fn() -> bool + Sync);

/// The index of the archive's documents in `lang`; `None` when `stop` said
/// so before the end.
pub fn build(
    config: &Config,
    archive: &Archive,
    i18n: &I18n,
    lang: &str,
    stop: Stop,
) -> Option<LanguageIndex> {
    build_with_attachments(config, archive, &Extracts::default(), i18n, lang, stop)
}

/// Like [`build`], with the text of each document's attached PDFs as a
/// field of its own, weighted below the body.
pub fn build_with_attachments(
    config: &Config,
    archive: &Archive,
    attachments: &Extracts,
    i18n: &I18n,
    lang: &str,
    stop: Stop,
) -> Option<LanguageIndex> {
    let documents: Vec<(&Document, usize)> = archive
        .entries
        .iter()
        .enumerate()
        .filter_map(|(id, entry)| entry.version(lang).map(|d| (d, id)))
        .collect();
    let facets = Taxonomy::ALL.map(|taxonomy| {
        let keys = config
            .taxonomy(taxonomy)
            .keys()
            .map(|k| (k.clone(), config.label(taxonomy, k, lang).to_string()))
            .collect();
        (taxonomy, keys)
    });
    let position_of =
        |taxonomy: Taxonomy, key: &str| config.taxonomy(taxonomy).keys().position(|k| k == key);

    let mut display = Vec::with_capacity(documents.len());
    let mut meta = Vec::with_capacity(documents.len());
    let mut postings: Vec<Shard> = (0..SHARDS).map(|_| Shard::default()).collect();
    for (batch_number, batch) in documents.chunks(BATCH).enumerate() {
        if stop() {
            return None;
        }
        let analysed: Vec<(DocTerms, String)> = batch
            .par_iter()
            .map(|(document, _)| {
                let body = markdown::plain_text(&document.body);
                let tags: Vec<&str> = document
                    .tags
                    .iter()
                    .map(|t| config.label(Taxonomy::Tag, t, lang))
                    .collect();
                let fields = [
                    document.title.as_str(),
                    &tags.join(" · "),
                    document.summary.as_deref().unwrap_or(""),
                    &body,
                    &attachment_text(document, attachments),
                ];
                let mut analyser = ANALYSER.take();
                let terms = analyser.analyse(&fields);
                ANALYSER.set(analyser);
                (terms, excerpt(document.summary.as_deref(), &body))
            })
            .collect();
        let first_doc = (batch_number * BATCH) as u32;
        postings.par_iter_mut().enumerate().for_each(|(k, shard)| {
            for (doc, (terms, _)) in (first_doc..).zip(&analysed) {
                for term in &terms.terms[terms.shards[k]..terms.shards[k + 1]] {
                    let text = &terms.text[term.span.clone()];
                    let entry = shard
                        .entry(term.hash, |t| t.text == text, |t| t.hash)
                        .or_insert_with(|| Term {
                            text: text.to_owned(),
                            hash: term.hash,
                            postings: Postings::default(),
                        });
                    entry.into_mut().postings.push(
                        doc,
                        term.weight,
                        &terms.positions[term.positions.clone()],
                    );
                }
            }
        });
        for ((document, entry_id), (_, excerpt)) in batch.iter().zip(analysed) {
            let entry = &archive.entries[*entry_id];
            display.push(DisplayRow {
                u: config.base_url.href(&urls::document(lang, &entry.key)),
                t: document.title.clone(),
                l: document.lang.clone(),
                d: i18n.date(entry.date),
                i: entry.date.to_string(),
                y: config
                    .label(Taxonomy::Type, &entry.doc_type, lang)
                    .to_string(),
                o: entry.organization.as_deref().map_or_else(String::new, |o| {
                    config.label(Taxonomy::Organization, o, lang).to_string()
                }),
                x: excerpt,
            });
            meta.push(MetaRow(
                position_of(Taxonomy::Type, &entry.doc_type).unwrap_or(0),
                entry
                    .organization
                    .as_deref()
                    .and_then(|o| position_of(Taxonomy::Organization, o))
                    .map_or(-1, |p| p as i64),
                entry.date.year(),
                entry
                    .tags
                    .iter()
                    .filter_map(|t| position_of(Taxonomy::Tag, t))
                    .collect(),
                *entry_id,
            ));
        }
    }
    Some(LanguageIndex {
        lang: lang.to_string(),
        display,
        meta,
        facets,
        postings,
    })
}

thread_local! {
    // Per thread for the whole build rather than per parallel job, so that
    // its tables, grown to fit the largest document yet, are not grown again
    // (a long report's take megabytes, fresh from the system each time).
    static ANALYSER: Cell<Analyser> = Cell::default();
}

/// The tables [`Analyser::analyse`] fills, kept from one document to the
/// next so that they need not grow again for each.
#[derive(Default)]
struct Analyser {
    /// The document's terms, one after the other, numbered in order of
    /// appearance: term `n` is `text[spans[n]]`, its hash `hashes[n]`.
    text: String,
    spans: Vec<Range<usize>>,
    hashes: Vec<u64>,
    /// Term numbers by the term's text.
    numbers: HashTable<usize>,
    /// Per term number, the term's frequency in each field.
    tfs: Vec<[u32; FIELDS.len()]>,
    /// Per term number, whether its positions are kept.
    positional: Vec<bool>,
    /// (term number, position) per token of a term whose positions are kept.
    tokens: Vec<(usize, u32)>,
}

impl Analyser {
    /// Tokenises a document's fields into one position stream and computes
    /// each term's boosted, length-normalised frequency (idf comes later).
    fn analyse(&mut self, fields: &FieldTexts) -> DocTerms {
        let Analyser {
            text,
            spans,
            hashes,
            numbers,
            tfs,
            positional,
            tokens,
        } = self;
        text.clear();
        spans.clear();
        hashes.clear();
        numbers.clear();
        tfs.clear();
        positional.clear();
        tokens.clear();
        let mut lengths = [0u32; FIELDS.len()];
        let mut offset = 0;
        for (f, field) in fields.iter().enumerate() {
            let mut last = 0;
            for_each_token(field, |term, pos| {
                let term_hash = hash(term);
                let found = numbers.find(term_hash, |&n| &text[spans[n].clone()] == term);
                let number = match found {
                    Some(&number) => number,
                    None => {
                        let number = spans.len();
                        spans.push(text.len()..text.len() + term.len());
                        text.push_str(term);
                        hashes.push(term_hash);
                        tfs.push([0; FIELDS.len()]);
                        positional.push(keeps_positions(term));
                        numbers.insert_unique(term_hash, number, |&n| hashes[n]);
                        number
                    }
                };
                tfs[number][f] += 1;
                if positional[number] {
                    tokens.push((number, offset + pos));
                }
                lengths[f] += 1;
                last = pos;
            });
            offset += last + FIELD_GAP;
        }

        // Term n's positions are positions[starts[n]..starts[n + 1]], in
        // token order.
        let starts = group_starts(spans.len(), tokens.iter().map(|&(number, _)| number));
        let mut cursors = starts.clone();
        let mut positions = vec![0; tokens.len()];
        for &(number, position) in tokens.iter() {
            positions[cursors[number]] = position;
            cursors[number] += 1;
        }

        // Terms are placed by shard.
        let shards = group_starts(SHARDS, hashes.iter().map(|&term_hash| shard(term_hash)));
        let mut next = shards.clone();
        let mut terms = vec![DocTerm::default(); spans.len()];
        for (number, tf) in tfs.iter().enumerate() {
            let weight: f32 = FIELDS
                .iter()
                .enumerate()
                .filter(|(f, _)| tf[*f] > 0)
                .map(|(f, (_, boost))| boost * (tf[f] as f32).sqrt() / (lengths[f] as f32).sqrt())
                .sum();
            let place = &mut next[shard(hashes[number])];
            terms[*place] = DocTerm {
                span: spans[number].clone(),
                hash: hashes[number],
                weight,
                positions: starts[number]..starts[number + 1],
            };
            *place += 1;
        }
        DocTerms {
            text: text.clone(),
            terms,
            shards,
            positions,
        }
    }
}

/// Where each group starts when items are laid out group by group (a
/// counting sort): group `g` of `0..groups` takes `starts[g]..starts[g +
/// 1]`, given each item's group in `keys`.
fn group_starts(groups: usize, keys: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut starts = vec![0; groups + 1];
    for key in keys {
        starts[key + 1] += 1;
    }
    for group in 0..groups {
        starts[group + 1] += starts[group];
    }
    starts
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

/// The text a result's excerpt is cut from: the summary, then the start of
/// the body, on whole characters.
fn excerpt(summary: Option<&str>, body: &str) -> String {
    let mut text = String::new();
    if let Some(summary) = summary {
        text.push_str(summary.trim());
        text.push_str(" … ");
    }
    // Words are added only until the text is long enough to be cut.
    let mut chars = text.chars().count();
    for (i, word) in body.split_whitespace().enumerate() {
        if chars > EXCERPT_CHARS {
            break;
        }
        if i > 0 {
            text.push(' ');
            chars += 1;
        }
        text.push_str(word);
        chars += word.chars().count();
    }
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => {
            text.truncate(cut);
            text.push('…');
            text
        }
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One document's entry in a term's postings, decoded.
    #[derive(Debug, Clone, PartialEq)]
    struct Posting {
        doc: u32,
        weight: f32,
        positions: Vec<u32>,
    }

    impl Postings {
        fn iter(&self) -> impl Iterator<Item = Posting> + '_ {
            self.entries().map(|entry| Posting {
                doc: entry.doc,
                weight: entry.weight,
                positions: entry
                    .position_deltas()
                    .scan(0, |position, delta| {
                        *position += delta;
                        Some(*position)
                    })
                    .collect(),
            })
        }
    }

    #[test]
    fn varint_lengths_match_what_is_written() {
        for value in [
            0,
            1,
            127,
            128,
            16_383,
            16_384,
            2_097_151,
            2_097_152,
            u32::MAX,
        ] {
            let mut out = Vec::new();
            push_varint(&mut out, value);
            assert_eq!(varint_len(value) as usize, out.len(), "{value}");
        }
    }

    #[test]
    fn postings_round_trip() {
        let mut postings = Postings::default();
        postings.push(3, 1.5, &[0, 7, 300, 70_000]);
        postings.push(900, 0.25, &[]);
        let decoded: Vec<Posting> = postings.iter().collect();
        assert_eq!(
            decoded,
            vec![
                Posting {
                    doc: 3,
                    weight: 1.5,
                    positions: vec![0, 7, 300, 70_000]
                },
                Posting {
                    doc: 900,
                    weight: 0.25,
                    positions: vec![]
                },
            ]
        );
        assert_eq!(postings.df, 2);
    }
}
