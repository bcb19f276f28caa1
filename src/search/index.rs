//! The inverted index of one language's documents, with positions, scored
//! with elasticlunr's model (TF-IDF with field boosts).

use std::cell::Cell;
use std::hash::BuildHasher;
use std::ops::Range;

use hashbrown::HashTable;
use rayon::prelude::*;
use rustc_hash::FxBuildHasher;

use crate::khmer::cluster::starts_cluster;
use crate::search::format::DisplayRow;
use crate::search::small_bytes::SmallBytes;
use crate::search::tokens::{for_each_term, is_derived};

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

/// A term's frequency in each field of one document, in [`FIELDS`] order.
pub type Frequencies = [u32; FIELDS.len()];

/// The square root of each field's length in a document (its tokens):
/// what its terms' frequencies are divided by.
#[derive(Debug, Clone, Copy, Default)]
struct RootLengths([f32; FIELDS.len()]);

impl RootLengths {
    fn new(lengths: [u32; FIELDS.len()]) -> RootLengths {
        RootLengths(lengths.map(|length| (length as f32).sqrt()))
    }

    /// A term's weight in the document (before idf): elasticlunr's boosted,
    /// length-normalised frequency. The postings keep frequencies rather
    /// than weights (see [`Postings`]), so this is the one place a weight
    /// is made, for the postings and their largest alike.
    fn weight(&self, tf: &Frequencies) -> f32 {
        FIELDS
            .iter()
            .enumerate()
            .filter(|(f, _)| tf[*f] > 0)
            .map(|(f, (_, boost))| boost * (tf[f] as f32).sqrt() / self.0[f])
            .sum()
    }
}

/// Characters of text kept per document for result excerpts.
pub const EXCERPT_CHARS: usize = 240;

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

fn hash(term: &[u8]) -> u64 {
    FxBuildHasher.hash_one(term)
}

/// A term with its postings, both in the entry of its shard's table while
/// they are short (see [`SmallBytes`]): a lookup then reads the table alone.
#[derive(Debug)]
pub struct Term {
    text: SmallBytes<30>,
    pub postings: Postings,
}

impl Term {
    pub fn text(&self) -> &str {
        std::str::from_utf8(self.text.as_slice()).expect("made from a str")
    }
}

type Shard = HashTable<Term>;

/// A term's postings, encoded as they are added, because an archive's
/// index holds tens of millions of them (42 million in the Khmer index of
/// 10,000 documents): per document, its id as a difference from the
/// previous one, then for each field holding the term, `tf << 4 | field <<
/// 1 | 1 if another field follows`, all LEB128 varints. A word once in a
/// body thus takes two or three bytes; its weight (an f32) took four more,
/// and is made again from the frequencies and the document's lengths
/// ([`LanguageIndex::weights`]).
#[derive(Debug, Default)]
pub struct Postings {
    pub df: u32,
    pub largest_weight: f32,
    last_doc: u32,
    docs: SmallBytes<30>,
}

const FIELD_BITS: u32 = 3;
const _: () = assert!(FIELDS.len() <= 1 << FIELD_BITS);

impl Postings {
    fn push(&mut self, doc: u32, tf: &Frequencies, weight: f32) {
        // Made apart and added at once: the postings are elsewhere in memory.
        let mut posting = [0; MAX_POSTING_BYTES];
        let mut len = push_varint(&mut posting, u64::from(doc - self.last_doc));
        let last = tf.iter().rposition(|&n| n > 0).unwrap_or(0);
        for (f, &n) in tf.iter().enumerate().take(last + 1) {
            if n > 0 || f == last {
                let more = u64::from(f < last);
                let field = u64::from(n) << (FIELD_BITS + 1) | (f as u64) << 1 | more;
                len += push_varint(&mut posting[len..], field);
            }
        }
        self.docs.extend_from_slice(&posting[..len]);
        self.last_doc = doc;
        self.df += 1;
        self.largest_weight = self.largest_weight.max(weight);
    }

    /// The documents, in order.
    pub fn docs(&self) -> impl Iterator<Item = u32> + '_ {
        self.frequencies().map(|(doc, _)| doc)
    }

    /// `(document, the term's frequencies in it)`, in document order.
    fn frequencies(&self) -> impl Iterator<Item = (u32, Frequencies)> + '_ {
        let bytes = self.docs.as_slice();
        let mut at = 0;
        let mut doc = 0;
        std::iter::from_fn(move || {
            if at >= bytes.len() {
                return None;
            }
            doc += read_varint(bytes, &mut at) as u32;
            let mut tf = Frequencies::default();
            loop {
                let field = read_varint(bytes, &mut at);
                tf[(field >> 1) as usize & ((1 << FIELD_BITS) - 1)] =
                    (field >> (FIELD_BITS + 1)) as u32;
                if field & 1 == 0 {
                    break;
                }
            }
            Some((doc, tf))
        })
    }
}

/// The most bytes a posting takes: a document (32 bits) and each field's
/// frequency (32 bits and four more), seven bits a byte.
const MAX_POSTING_BYTES: usize = 5 + FIELDS.len() * 6;

/// Writes `value` as a LEB128 varint at the start of `out`; returns its
/// length.
fn push_varint(out: &mut [u8], mut value: u64) -> usize {
    let mut len = 0;
    while value >= 0x80 {
        out[len] = (value as u8) | 0x80;
        value >>= 7;
        len += 1;
    }
    out[len] = value as u8;
    len + 1
}

fn read_varint(bytes: &[u8], at: &mut usize) -> u64 {
    let mut value = 0u64;
    let mut shift = 0;
    loop {
        let byte = bytes[*at];
        *at += 1;
        value |= u64::from(byte & 0x7F) << shift;
        if byte < 0x80 {
            return value;
        }
        shift += 7;
    }
}

/// A document as the index is handed it, prepared by the build step
/// (`build::search_docs`), every label and date already in the index's
/// language: what a result shows, the text of each field, and its filter
/// data.
#[derive(Debug, Clone)]
pub struct IndexDoc {
    pub url: String,
    pub title: String,
    /// The document's language.
    pub lang: String,
    /// As written in the index's language.
    pub date: String,
    pub iso_date: String,
    pub doc_type: String,
    /// "" when none.
    pub organization: String,
    /// The tags' labels, as one text.
    pub tags: String,
    pub summary: Option<String>,
    /// The body as plain text.
    pub body: String,
    /// The text of the document's attached PDFs, or of one page of one.
    pub attachment: String,
    /// Which part of the document the record is of.
    pub part: Part,
    /// For the record of a part, where it is ("in the attached PDF, page
    /// 3"), and `url` leads there.
    pub place: Option<String>,
    /// The language of the attachment's text, where it is not `lang`.
    pub attachment_lang: Option<String>,
    pub filters: MetaRow,
}

/// What a record is of: a document, or a part of it whose record says
/// where in the document the words are. A part's record is found by its
/// own text alone, so that a match in the title is the document's own
/// record's; its excerpt is the part's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Document,
    /// One page of an attached PDF: its text is `attachment`.
    PdfPage,
    /// A passage of a long body under one of its headings: its text is
    /// `body`. It does not rank its document (a short passage would
    /// outweigh whole documents); the document's other records do.
    Section,
}

impl IndexDoc {
    fn fields(&self) -> FieldTexts<'_> {
        match self.part {
            Part::PdfPage => ["", "", "", "", &self.attachment],
            Part::Section => ["", "", "", &self.body, ""],
            Part::Document => [
                &self.title,
                &self.tags,
                self.summary.as_deref().unwrap_or(""),
                &self.body,
                &self.attachment,
            ],
        }
    }

    /// What a result shows, and the filter data, once the fields are
    /// analysed.
    fn into_rows(self) -> (DisplayRow, MetaRow) {
        let excerpt = match self.part {
            Part::PdfPage => excerpt(None, &self.attachment),
            // A passage is kept whole (see [`passages`]).
            Part::Section => self.body.split_whitespace().collect::<Vec<_>>().join(" "),
            Part::Document => excerpt(self.summary.as_deref(), &self.body),
        };
        let meta = MetaRow {
            section: self.part == Part::Section,
            ..self.filters
        };
        let display = DisplayRow {
            excerpt,
            place: self.place,
            excerpt_lang: self.attachment_lang,
            url: self.url,
            title: self.title,
            lang: self.lang,
            date: self.date,
            iso_date: self.iso_date,
            doc_type: self.doc_type,
            organization: self.organization,
        };
        (display, meta)
    }
}

/// Filter data of one document: type, organisation and tags as indexes
/// into the [`Facets`], year, and the archive entry it is a version of
/// (the same in every language's index).
#[derive(Debug, Clone)]
pub struct MetaRow {
    pub doc_type: usize,
    /// -1 when none.
    pub organization: i64,
    pub year: u16,
    pub tags: Vec<usize>,
    pub entry: usize,
    /// A [`Part::Section`] record: it does not rank its document.
    pub section: bool,
}

/// Each facet's keys with their labels in the index's language, in the
/// order [`MetaRow`] counts them.
#[derive(Debug, Clone, Default)]
pub struct Facets {
    pub types: Vec<(String, String)>,
    pub organizations: Vec<(String, String)>,
    pub tags: Vec<(String, String)>,
}

pub struct LanguageIndex {
    pub lang: String,
    pub display: Vec<DisplayRow>,
    pub meta: Vec<MetaRow>,
    pub facets: Facets,
    /// Per document, what its terms' frequencies are divided by.
    lengths: Vec<RootLengths>,
    postings: Vec<Shard>,
}

impl LanguageIndex {
    /// Every term with its postings, in no particular order.
    pub fn terms(&self) -> impl Iterator<Item = &Term> {
        self.postings.iter().flat_map(|shard| shard.iter())
    }

    /// `(document, weight)` of each posting, in document order (before idf).
    pub fn weights<'a>(&'a self, postings: &'a Postings) -> impl Iterator<Item = (u32, f32)> + 'a {
        postings
            .frequencies()
            .map(|(doc, tf)| (doc, self.lengths[doc as usize].weight(&tf)))
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
    lengths: RootLengths,
}

/// A term of [`DocTerms`]: where its text is, its hash, its frequencies and
/// its weight (before idf).
#[derive(Clone, Default)]
struct DocTerm {
    span: Range<usize>,
    hash: u64,
    tf: Frequencies,
    weight: f32,
}

/// Asked between batches of documents: true when the index is no longer
/// wanted, so that building it stops early.
pub type Stop<'a> = &'a (dyn Fn() -> bool + Sync);

/// The index of `documents`, in `lang`, each made one or more
/// [`IndexDoc`]s (a document and the records of its parts), numbered in
/// order, by `prepare` only when its batch is analysed, so that no more
/// than a batch's text is held at once; `None` when `stop` said so before
/// the end.
pub fn build<T: Sync>(
    lang: &str,
    facets: Facets,
    documents: &[T],
    prepare: impl Fn(&T) -> Vec<IndexDoc> + Sync,
    stop: Stop,
) -> Option<LanguageIndex> {
    let mut display = Vec::with_capacity(documents.len());
    let mut meta = Vec::with_capacity(documents.len());
    let mut lengths = Vec::with_capacity(documents.len());
    let mut postings: Vec<Shard> = (0..SHARDS).map(|_| Shard::default()).collect();
    let mut first_doc = 0u32;
    for batch in documents.chunks(BATCH) {
        if stop() {
            return None;
        }
        let analysed: Vec<Vec<(DocTerms, (DisplayRow, MetaRow))>> = batch
            .par_iter()
            .map(|document| {
                let mut analyser = ANALYSER.take();
                let records = prepare(document)
                    .into_iter()
                    .map(|record| (analyser.analyse(&record.fields()), record.into_rows()))
                    .collect();
                ANALYSER.set(analyser);
                records
            })
            .collect();
        let (terms, rows): (Vec<DocTerms>, Vec<(DisplayRow, MetaRow)>) =
            analysed.into_iter().flatten().unzip();
        add_postings(&mut postings, first_doc, &terms);
        lengths.extend(terms.iter().map(|terms| terms.lengths));
        first_doc += terms.len() as u32;
        for (display_row, meta_row) in rows {
            display.push(display_row);
            meta.push(meta_row);
        }
    }
    Some(LanguageIndex {
        lang: lang.to_string(),
        display,
        meta,
        facets,
        lengths,
        postings,
    })
}

/// Adds the terms of consecutive documents, the first numbered
/// `first_doc`, to the postings, each shard's in parallel.
fn add_postings(postings: &mut [Shard], first_doc: u32, documents: &[DocTerms]) {
    postings.par_iter_mut().enumerate().for_each(|(k, shard)| {
        for (doc, terms) in (first_doc..).zip(documents) {
            for term in &terms.terms[terms.shards[k]..terms.shards[k + 1]] {
                let text = terms.text[term.span.clone()].as_bytes();
                let entry = shard
                    .entry(
                        term.hash,
                        |t| t.text.as_slice() == text,
                        |t| hash(t.text.as_slice()),
                    )
                    .or_insert_with(|| Term {
                        text: SmallBytes::from_slice(text),
                        postings: Postings::default(),
                    });
                entry.into_mut().postings.push(doc, &term.tf, term.weight);
            }
        }
    });
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
    tfs: Vec<Frequencies>,
}

impl Analyser {
    /// Computes each term of a document's fields with its boosted,
    /// length-normalised frequency (idf comes later).
    fn analyse(&mut self, fields: &FieldTexts) -> DocTerms {
        let Analyser {
            text,
            spans,
            hashes,
            numbers,
            tfs,
        } = self;
        text.clear();
        spans.clear();
        hashes.clear();
        numbers.clear();
        tfs.clear();
        // Field lengths count tokens: trigrams restate the pairs.
        let mut lengths = [0u32; FIELDS.len()];
        for (f, field) in fields.iter().enumerate() {
            for_each_term(field, |term, _| {
                let term_hash = hash(term.as_bytes());
                let found = numbers.find(term_hash, |&n| &text[spans[n].clone()] == term);
                let number = match found {
                    Some(&number) => number,
                    None => {
                        let number = spans.len();
                        spans.push(text.len()..text.len() + term.len());
                        text.push_str(term);
                        hashes.push(term_hash);
                        tfs.push([0; FIELDS.len()]);
                        numbers.insert_unique(term_hash, number, |&n| hashes[n]);
                        number
                    }
                };
                tfs[number][f] += 1;
                if !is_derived(term) {
                    lengths[f] += 1;
                }
            });
        }

        // Terms are placed by shard.
        let shards = group_starts(SHARDS, hashes.iter().map(|&term_hash| shard(term_hash)));
        let mut next = shards.clone();
        let mut terms = vec![DocTerm::default(); spans.len()];
        let lengths = RootLengths::new(lengths);
        for (number, tf) in tfs.iter().enumerate() {
            let place = &mut next[shard(hashes[number])];
            terms[*place] = DocTerm {
                span: spans[number].clone(),
                hash: hashes[number],
                tf: *tf,
                weight: lengths.weight(tf),
            };
            *place += 1;
        }
        DocTerms {
            text: text.clone(),
            terms,
            shards,
            lengths,
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
        Some((limit, _)) => {
            text.truncate(cut_point(&text, limit));
            text.push('…');
            text
        }
        None => text,
    }
}

/// The longest passage of a section kept as one record: its excerpt is all
/// of it, so that the words it was found by are in what the result shows
/// (the page shows 220 characters around them). Every character of a long
/// body is thus in one display row; longer passages make fewer rows and
/// postings (on the 1,000-document varied corpus, 480 characters made 15
/// records per Khmer document).
pub const PASSAGE_CHARS: usize = EXCERPT_CHARS * 4;

/// A section's text in passages of at most [`PASSAGE_CHARS`] characters:
/// whole blocks (lines) together while they fit, a longer block cut on a
/// word or a Khmer cluster.
pub fn passages(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None; // of the passage being gathered
    let mut length = 0; // its characters
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let chars = line.trim_end().chars().count();
        let line_start = at;
        at += line.len();
        if chars == 0 {
            continue;
        }
        if let Some(s) = start {
            if length + 1 + chars <= PASSAGE_CHARS {
                length += 1 + chars;
                continue;
            }
            out.push(text[s..line_start].trim());
            start = None;
        }
        // A block longer than a passage: cut into passages of its own.
        let mut rest = line.trim_end();
        while let Some((limit, _)) = rest.char_indices().nth(PASSAGE_CHARS) {
            let cut = match cut_point(rest, limit) {
                0 => limit, // nothing to cut on: on the limit, so that it ends
                cut => cut,
            };
            out.push(rest[..cut].trim());
            rest = rest[cut..].trim_start();
        }
        if !rest.is_empty() {
            start = Some(line_start + line.trim_end().len() - rest.len());
            length = rest.chars().count();
        }
    }
    if let Some(s) = start {
        out.push(text[s..].trim());
    }
    out.retain(|p| !p.is_empty());
    out
}

/// How far back from the limit an excerpt looks for a space to end on.
const CUT_WORD_WINDOW: usize = 40;

/// Where to end an excerpt at most `limit` bytes long: after the last whole
/// word (before a space within [`CUT_WORD_WINDOW`] characters of the limit),
/// else before the last character that starts a Khmer cluster, never
/// between a consonant and its subscript or marks.
fn cut_point(text: &str, limit: usize) -> usize {
    let head = &text[..limit];
    let window = head
        .char_indices()
        .rev()
        .nth(CUT_WORD_WINDOW)
        .map_or(0, |(i, _)| i);
    if let Some(space) = head[window..].rfind(char::is_whitespace) {
        return head[..window + space].trim_end().len();
    }
    // Back from the character at the limit to one that starts a cluster.
    let through = limit + text[limit..].chars().next().map_or(0, char::len_utf8);
    let mut chars = text[..through].char_indices().rev().peekable();
    while let Some((i, c)) = chars.next() {
        let prev = chars.peek().map(|&(_, p)| p);
        if starts_cluster(prev, c) && !is_invisible_joiner(c) {
            return i;
        }
    }
    limit
}

/// Zero-width joiners bind to the character before them.
fn is_invisible_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passages_keep_blocks_together_and_cut_long_ones_on_words() {
        let short = "One.\nTwo.\n";
        assert_eq!(passages(short), ["One.\nTwo."]);
        let block = "word ".repeat(PASSAGE_CHARS / 2);
        let text = format!("Start.\n{block}\nEnd.\n");
        let found = passages(&text);
        assert!(found.len() >= 4, "{found:?}");
        for passage in &found {
            assert!(passage.chars().count() <= PASSAGE_CHARS, "{passage}");
            assert!(
                !passage.ends_with("wor") && !passage.starts_with("rd"),
                "{passage}"
            );
        }
        assert_eq!(found[0], "Start.");
        assert!(found.last().unwrap().ends_with("End."));
        let words = |t: &str| t.split_whitespace().count();
        assert_eq!(found.iter().map(|p| words(p)).sum::<usize>(), words(&text));
        let khmer = "សិទ្ធិបោះឆ្នោត".repeat(100);
        let found = passages(&khmer);
        assert!(found.len() > 1);
        for passage in &found {
            let first = passage.chars().next().unwrap();
            assert!(
                starts_cluster(None, first),
                "cut inside a cluster: {passage}"
            );
            assert!(!passage.ends_with('្'), "cut after a coeng: {passage}");
        }
        assert_eq!(found.concat(), khmer);
    }

    #[test]
    fn excerpts_end_on_a_word_or_a_cluster() {
        let english = "word ".repeat(100);
        let cut = excerpt(None, &english);
        assert!(cut.ends_with("word…"), "{cut}");
        // No space near the limit: a Khmer cluster is never split.
        let khmer = "ឆ្នាំ".repeat(100);
        let cut = excerpt(None, &khmer);
        let body = cut.strip_suffix('…').unwrap();
        assert!(body.ends_with("ឆ្នាំ"), "{cut}");
        for limit in 0..60 {
            let text = format!("{}{}", "ក".repeat(limit), "ស្ត្រី".repeat(80));
            let cut = excerpt(None, &text);
            let body = cut.strip_suffix('…').unwrap();
            assert!(
                !body.ends_with('្') && !body.ends_with('ស') && !body.ends_with('ត'),
                "{limit}: {cut}"
            );
        }
    }

    #[test]
    fn a_term_and_its_postings_fill_a_few_words() {
        assert!(
            std::mem::size_of::<Term>() <= 80,
            "{}",
            std::mem::size_of::<Term>()
        );
    }

    #[test]
    fn postings_round_trip() {
        let mut postings = Postings::default();
        let added = [
            (3, [0, 0, 0, 1, 0]),
            (900, [2, 1, 0, 300, 0]),
            (70_000, [0, 0, 0, 0, u32::MAX]),
            (70_001, [1, 1, 1, 1, 1]),
        ];
        for (doc, tf) in added {
            postings.push(doc, &tf, doc as f32);
        }
        let decoded: Vec<(u32, Frequencies)> = postings.frequencies().collect();
        assert_eq!(decoded, added);
        assert_eq!(postings.df, 4);
        assert_eq!(postings.largest_weight, 70_001.0);
    }

    #[test]
    fn a_document_gets_pairs_trigrams_and_words() {
        let mut analyser = Analyser::default();
        let terms = analyser.analyse(&["ការបោះ", "", "", "ballot", ""]);
        let mut texts: Vec<&str> = terms
            .terms
            .iter()
            .map(|t| &terms.text[t.span.clone()])
            .collect();
        texts.sort_unstable();
        assert_eq!(texts, ["ballot", "~ការបោះ", "ការ", "បោះ", "របោះ"]);
    }
}
