//! Search tokens for Khmer/English text, shared with the browser.
//!
//! Khmer is written without spaces between words, so Khmer runs are indexed
//! as overlapping pairs of clusters (a query of any length ≥ 2 clusters is
//! then a phrase of pairs), plus the run's last cluster alone so that
//! one-cluster queries find something (see [`is_cluster_prefix`]). Latin and
//! digit words go through elasticlunr's English pipeline. The browser runs
//! `themes/default/static/js/tokenize.js`, which must produce the same tokens;
//! `tests/vectors/tokenizer.jsonl` is the contract between the two.

use elasticlunr::lang::English;
use elasticlunr::{Language, Pipeline};

use std::cell::Cell;
use std::ops::Range;

use crate::khmer::cluster::{
    clusters, is_khmer, is_khmer_script, leading_khmer, starts_cluster, KHMER_LEN,
};
use crate::khmer::normalize::{fold_and_join_into, put_marks_in_order};

/// A search term and its word position, for phrase matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub term: String,
    pub pos: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Khmer,
    Word,
    Separator,
}

/// Khmer letters and marks, then Latin (or any non-Khmer) letters and
/// digits; everything else (spaces, punctuation, emoji, …) separates runs.
/// Khmer punctuation, ៗ and the Khmer symbol blocks are separators even where
/// Unicode calls them alphanumeric (ៗ is a letter modifier; the lunar-date
/// signs are numbers).
fn kind(c: char) -> Kind {
    if is_khmer(c) {
        Kind::Khmer
    } else if c.is_alphanumeric() && !is_khmer_script(c) {
        Kind::Word
    } else {
        Kind::Separator
    }
}

/// Byte length of the Latin/digit word at the start of `text`.
fn word_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut end = 0;
    loop {
        // ASCII, half of a bilingual text, is told apart by byte.
        end += bytes[end..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if bytes.get(end).is_none_or(u8::is_ascii) {
            return end;
        }
        match kind_at(text, end) {
            (Kind::Word, len) => end += len,
            _ => return end,
        }
    }
}

/// The kind and byte length of the character at byte `at` of `text`. ASCII
/// and Khmer, nearly all of a bilingual text, are told apart by byte.
#[inline]
fn kind_at(text: &str, at: usize) -> (Kind, usize) {
    let bytes = &text.as_bytes()[at..];
    if bytes[0].is_ascii_alphanumeric() {
        return (Kind::Word, 1);
    }
    if bytes[0].is_ascii() {
        return (Kind::Separator, 1);
    }
    if let Some(c) = leading_khmer(bytes) {
        let kind = if is_khmer(c) {
            Kind::Khmer
        } else {
            Kind::Separator
        };
        return (kind, KHMER_LEN);
    }
    let c = text[at..].chars().next().expect("a character starts here");
    (kind(c), c.len_utf8())
}

thread_local! {
    // Building the pipeline allocates its stop-word set: do it once per thread.
    static ENGLISH: Pipeline = English::new().make_pipeline();
}

/// The index term for a Latin/digit word, or `None` for a stop word (or a
/// word the English trimmer empties, such as one made of non-ASCII letters).
fn word_term(word: &str) -> Option<String> {
    if word.bytes().all(|b| b.is_ascii_digit()) {
        return Some(word.to_owned()); // numbers are kept verbatim
    }
    ENGLISH.with(|pipeline| pipeline.run(vec![word.to_owned()]).pop())
}

/// Words seen before on this thread and their terms. Text repeats its
/// words (Zipf), and stemming is the costly part of indexing English.
type Stems = rustc_hash::FxHashMap<String, Option<String>>;

const STEM_CACHE_LIMIT: usize = 200_000;

thread_local! {
    static STEMS: Cell<Stems> = Default::default();
    // The normalised text of the current call and the space it is made in,
    // kept so that indexing does not allocate them for every field.
    static NORMALIZED: Cell<String> = const { Cell::new(String::new()) };
    static SCRATCH: Cell<String> = const { Cell::new(String::new()) };
}

/// Calls `with` with the word's term, unless it is a stop word.
fn with_word_term(stems: &mut Stems, word: &str, with: impl FnOnce(&str)) {
    let term = match stems.get(word) {
        Some(term) => term,
        None => {
            if stems.len() >= STEM_CACHE_LIMIT {
                stems.clear();
            }
            stems.entry(word.to_owned()).or_insert(word_term(word))
        }
    };
    if let Some(term) = term {
        with(term);
    }
}

/// Tokenises (after normalising) text for the index or a query.
///
/// Positions: each Khmer cluster and each word takes one position, and one
/// extra position is left empty between consecutive runs, so a phrase can
/// never match across a space or punctuation. The pair starting at cluster i
/// has i's position; the lone last cluster has its own position. Stop words
/// produce no token but still take their position.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for_each_token(text, |term, pos| {
        tokens.push(Token {
            term: term.to_owned(),
            pos,
        })
    });
    tokens
}

/// The tokens of [`tokenize`], handed to `emit` as borrowed terms, so an
/// indexer can count them without allocating a string per token.
pub fn for_each_token(text: &str, emit: impl FnMut(&str, u32)) {
    walk(text, emit, |_, _| {});
}

/// The tokens of [`for_each_token`] to `emit`, and each junction (see
/// [`JUNCTION`]) to `junction`, at the position where its second run starts.
fn walk(text: &str, mut emit: impl FnMut(&str, u32), mut junction: impl FnMut(&str, u32)) {
    // The thread's buffers are taken rather than borrowed, so an `emit` that
    // tokenises too gets fresh ones instead of a panic.
    let mut normalized = NORMALIZED.take();
    let mut scratch = SCRATCH.take();
    let mut stems = STEMS.take();
    // The last normalisation step is done cluster by cluster below, where
    // the clusters are found anyway.
    fold_and_join_into(text, &mut normalized, &mut scratch);
    let mut pos: u32 = 0;
    let mut at = 0;
    let mut first_run = true;
    // The previous run's kind and bytes: a run starting where it ended touches it.
    let mut previous: Option<(Kind, Range<usize>)> = None;
    while at < normalized.len() {
        let (kind, len) = kind_at(&normalized, at);
        if kind == Kind::Separator {
            at += len;
            continue;
        }
        if !first_run {
            pos += 1; // the gap between runs
        }
        first_run = false;
        let (start, run_pos) = (at, pos);
        (at, pos) = match kind {
            Kind::Khmer => emit_khmer_tokens(&mut normalized, at, pos, &mut emit),
            _ => {
                let word = &normalized[at..at + word_len(&normalized[at..])];
                with_word_term(&mut stems, word, |term| emit(term, pos));
                (at + word.len(), pos + 1)
            }
        };
        if let Some((previous_kind, run)) = previous.filter(|(_, run)| run.end == start) {
            junction_terms(
                &normalized,
                (previous_kind, run),
                (kind, start..at),
                |term| junction(term, run_pos),
            );
        }
        previous = Some((kind, start..at));
    }
    NORMALIZED.set(normalized);
    SCRATCH.set(scratch);
    STEMS.set(stems);
}

/// Starts every junction term: a number written against a Khmer run
/// (ឆ្នាំ២០១៨, ៣០ថ្ងៃ) gives `#`, then the run's cluster it touches and the
/// number, in the order written, and the same with the run's two clusters
/// nearest the number. Without them a query such as ឆ្នាំ២០១៨ would be the
/// cluster and the number anywhere in a document; with two clusters, a
/// longer run's pairs and trigrams overlap its junction.
pub const JUNCTION: char = '#';

/// Calls `with` with the junction terms of two touching runs of `text`, if
/// one is a Khmer run and the other a number.
fn junction_terms(
    text: &str,
    (first_kind, first): (Kind, Range<usize>),
    (second_kind, second): (Kind, Range<usize>),
    mut with: impl FnMut(&str),
) {
    let is_number = |run: &Range<usize>| text[run.clone()].bytes().all(|b| b.is_ascii_digit());
    let (khmer, number, khmer_first) = match (first_kind, second_kind) {
        (Kind::Khmer, Kind::Word) if is_number(&second) => (&text[first], &text[second], true),
        (Kind::Word, Kind::Khmer) if is_number(&first) => (&text[second], &text[first], false),
        _ => return,
    };
    let offset = |cluster: &str| cluster.as_ptr() as usize - khmer.as_ptr() as usize;
    // The run's one and two clusters next to the number.
    let nearest: Vec<&str> = if khmer_first {
        let starts: Vec<usize> = clusters(khmer).map(offset).collect();
        starts
            .iter()
            .rev()
            .take(2)
            .map(|&at| &khmer[at..])
            .collect()
    } else {
        clusters(khmer)
            .take(2)
            .map(|c| &khmer[..offset(c) + c.len()])
            .collect()
    };
    let mut term = String::new();
    for part in nearest {
        term.clear();
        term.push(JUNCTION);
        let (before, after) = if khmer_first {
            (part, number)
        } else {
            (number, part)
        };
        term.push_str(before);
        term.push_str(after);
        with(&term);
    }
}

/// Starts every cluster-trigram term, so that trigrams sort apart from the
/// pairs and words (a term never holds it otherwise): a one-cluster query
/// scans the terms starting with its cluster, and trigrams would swell that
/// range several times over.
pub const TRIGRAM: char = '~';

/// Whether an index term is made of tokens (a trigram or a junction, see
/// [`for_each_term`]) rather than a token itself: such terms do not count
/// in a field's length, which scores its tokens.
pub fn is_derived(term: &str) -> bool {
    term.starts_with([TRIGRAM, JUNCTION])
}

/// The index's terms: the tokens of [`for_each_token`], and after each
/// Khmer pair that follows another in its run, the trigram of their three
/// clusters, marked with [`TRIGRAM`] and given the first pair's position.
/// A phrase of three clusters is then one term, and a longer one is held
/// where all of its trigrams are (runs never share a trigram, being a
/// position apart). Then the junction terms of the text (see [`JUNCTION`]).
pub fn for_each_term(text: &str, mut emit: impl FnMut(&str, u32)) {
    let mut previous = String::new();
    let mut previous_pos = None;
    let mut trigram = String::new();
    let mut junctions = Vec::new();
    walk(
        text,
        |term, pos| {
            emit(term, pos);
            if term.chars().next().is_some_and(is_khmer) {
                let first = clusters(term).next().map_or(0, str::len);
                // A pair; a run's last cluster alone ends its trigrams.
                if first < term.len() {
                    if let Some(at) = previous_pos.filter(|&at| at + 1 == pos) {
                        trigram.clear();
                        trigram.push(TRIGRAM);
                        trigram.push_str(&previous);
                        trigram.push_str(&term[first..]);
                        emit(&trigram, at);
                    }
                    previous.clear();
                    previous.push_str(term);
                    previous_pos = Some(pos);
                    return;
                }
            }
            previous_pos = None;
        },
        |junction, pos| junctions.push((junction.to_owned(), pos)),
    );
    for (junction, pos) in &junctions {
        emit(junction, *pos);
    }
}

/// Emits the cluster pairs of the Khmer run at byte `start` of `text` and
/// its last cluster, putting the marks of each cluster in order first;
/// returns the end of the run and the next free position. Clusters tile the
/// run, so a pair is a slice of it.
fn emit_khmer_tokens(
    text: &mut String,
    mut start: usize,
    mut pos: u32,
    emit: &mut impl FnMut(&str, u32),
) -> (usize, u32) {
    let mut previous = start;
    loop {
        let end = put_marks_in_order(text, start);
        if previous < start {
            emit(&text[previous..end], pos);
            pos += 1;
        }
        previous = start;
        start = end;
        // A run goes on with a base; a mark would have stayed in the cluster.
        if !leading_khmer(&text.as_bytes()[end..]).is_some_and(is_khmer) {
            break;
        }
    }
    emit(&text[previous..start], pos);
    (start, pos + 1)
}

/// True when `term` starts with `query` and the query ends on a cluster
/// boundary of `term`. Used to look up one-cluster queries in the sorted
/// term list: ប្រ matches ប្រជា but not ប្រា (where ា belongs to the same
/// cluster) nor ប្រ្ត. Both arguments are expected to be normalised.
pub fn is_cluster_prefix(term: &str, query: &str) -> bool {
    let Some(rest) = term.strip_prefix(query) else {
        return false;
    };
    match rest.chars().next() {
        None => true,
        Some(next) => starts_cluster(query.chars().next_back(), next),
    }
}

/// The elasticlunr language for sastra's bilingual index.
///
/// `tokenize` returns the terms of [`tokenize`] (positions are dropped:
/// elasticlunr does not store them), and the pipeline is empty because
/// elasticlunr's English trimmer would strip Khmer terms to nothing; English
/// words have already been through that pipeline in [`tokenize`].
/// The index records the name "Khmer"; elasticlunr-rs cannot deserialise an
/// index with a language it does not know, which sastra never needs to do.
#[derive(Debug, Clone, Copy, Default)]
pub struct SastraLanguage;

impl Language for SastraLanguage {
    fn name(&self) -> String {
        "Khmer".into()
    }

    fn code(&self) -> String {
        "km".into()
    }

    fn tokenize(&self, text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.term).collect()
    }

    fn make_pipeline(&self) -> Pipeline {
        Pipeline { queue: Vec::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, u32)> {
        tokenize(text)
            .into_iter()
            .map(|t| (t.term, t.pos))
            .collect()
    }

    fn owned(v: &[(&str, u32)]) -> Vec<(String, u32)> {
        v.iter().map(|&(t, p)| (t.to_owned(), p)).collect()
    }

    #[test]
    fn khmer_run_gives_cluster_pairs_and_last_cluster() {
        assert_eq!(
            pairs("បោះឆ្នោត"),
            owned(&[("បោះឆ្នោ", 0), ("ឆ្នោត", 1), ("ត", 2)])
        );
        assert_eq!(pairs("នៃ"), owned(&[("នៃ", 0)]));
    }

    #[test]
    fn separators_leave_a_gap() {
        // ការ | បោះ : clusters កា រ (0,1), gap 2, បោះ (3)
        assert_eq!(pairs("ការ បោះ"), owned(&[("ការ", 0), ("រ", 1), ("បោះ", 3)]));
        assert_eq!(pairs("ការ។បោះ"), pairs("ការ បោះ"));
        assert_eq!(pairs("ផ្សេងៗ"), owned(&[("ផ្សេង", 0), ("ង", 1)]));
    }

    #[test]
    fn english_words_are_stemmed_and_stop_words_keep_their_place() {
        assert_eq!(
            pairs("The Elections of 2023"),
            owned(&[("elect", 2), ("2023", 6)])
        );
        assert_eq!(
            pairs("2023-06-22"),
            owned(&[("2023", 0), ("06", 2), ("22", 4)])
        );
    }

    #[test]
    fn frequent_khmer_pairs_are_not_stop_words() {
        let terms: Vec<String> = tokenize("ការបាន").into_iter().map(|t| t.term).collect();
        assert!(terms.contains(&"ការ".to_owned()));
        assert!(terms.contains(&"បាន".to_owned()));
    }

    #[test]
    fn empty_and_separator_only_text() {
        assert!(tokenize("").is_empty());
        assert!(tokenize("   ").is_empty());
        assert!(tokenize("។ «» 🗳️").is_empty());
    }

    #[test]
    fn terms_add_the_trigrams_of_each_run() {
        let mut terms = Vec::new();
        for_each_term("ការបោះ ឆ្នោត", |term, pos| {
            terms.push((term.to_owned(), pos))
        });
        assert_eq!(
            terms,
            owned(&[
                ("ការ", 0),
                ("របោះ", 1),
                ("~ការបោះ", 0),
                ("បោះ", 2),
                ("ឆ្នោត", 4),
                ("ត", 5)
            ])
        );
    }

    #[test]
    fn a_number_touching_a_khmer_run_gives_a_junction_term() {
        let terms = |text: &str| {
            let mut terms = Vec::new();
            for_each_term(text, |term, _| terms.push(term.to_owned()));
            terms
        };
        let junctions = |text: &str| -> Vec<String> {
            terms(text)
                .into_iter()
                .filter(|t| t.starts_with(JUNCTION))
                .collect()
        };
        assert_eq!(junctions("ឆ្នាំ២០១៨ ៣០ថ្ងៃ"), ["#ឆ្នាំ2018", "#30ថ្ងៃ"]);
        // The one and two clusters nearest the number; a zero-width space
        // does not part them.
        assert_eq!(junctions("ការបោះឆ្នោត\u{200b}2023"), ["#ត2023", "#ឆ្នោត2023"]);
        assert_eq!(junctions("30ថ្ងៃទី"), ["#30ថ្ងៃ", "#30ថ្ងៃទី"]);
        // A space, a word that is not a number, or a mark's run: no junction.
        assert!(!terms("ឆ្នាំ 2018").iter().any(|t| t.starts_with(JUNCTION)));
        assert!(!terms("ឆ្នាំ2018a").iter().any(|t| t.starts_with(JUNCTION)));
        assert!(!terms("NECគជប").iter().any(|t| t.starts_with(JUNCTION)));
        // Tokens are unchanged: junctions are index terms only.
        assert_eq!(pairs("ឆ្នាំ2018"), owned(&[("ឆ្នាំ", 0), ("2018", 2)]));
    }

    #[test]
    fn cluster_prefix() {
        assert!(is_cluster_prefix("ប្រជា", "ប្រ"));
        assert!(is_cluster_prefix("ប្រ", "ប្រ"));
        assert!(!is_cluster_prefix("ប្រា", "ប្រ"));
        assert!(!is_cluster_prefix("ស្ត្រី", "ស្ត"));
        assert!(!is_cluster_prefix("ប្រជា", "ប"));
        assert!(!is_cluster_prefix("ជាតិ", "នៃ"));
        assert!(is_cluster_prefix("នៃការ", "នៃ"));
    }

    #[test]
    fn language_returns_terms_and_an_empty_pipeline() {
        let lang = SastraLanguage;
        assert_eq!(lang.tokenize("គ.ជ.ប NEC"), ["គជ", "ជប", "ប", "nec"]);
        assert!(lang.make_pipeline().queue.is_empty());
    }
}
