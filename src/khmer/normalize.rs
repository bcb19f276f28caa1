//! Normalisation applied identically to indexed text and to search queries.
//!
//! Khmer has several spellings that look the same on screen but differ in
//! code points (mark order, ្ដ/្ត, ឲ/ឱ, invisible characters). Search must
//! treat them as one. Every step here is mirrored by `normalize()` in
//! `themes/default/static/js/tokenize.js`, and `tests/vectors/tokenizer.jsonl`
//! keeps the two in step.
//!
//! Steps, in order:
//! 1. drop invisible characters, fold ្ដ→្ត, ឲ→ឱ, Khmer digits→ASCII, then
//!    lower-case (Unicode);
//! 2. join dotted abbreviations (គ.ជ.ប → គជប), see `join_abbreviations`;
//! 3. put the marks of every cluster in canonical order, see `mark_class`.
//!
//! Abbreviations are joined before reordering so that the reordering sees the
//! final neighbours of every mark; this makes `normalize` idempotent.

use std::ops::Range;

use crate::khmer::cluster::{
    clusters, is_khmer, is_mark, leading_khmer, units, walk_cluster, COENG, KHMER_LEN, RO,
};

/// Normalises text for indexing or querying.
pub fn normalize(text: &str) -> String {
    let mut normalized = String::with_capacity(text.len());
    fold_and_join_into(text, &mut normalized, &mut String::new());
    reorder_marks(&mut normalized);
    normalized
}

/// Steps 1 and 2 into `out`, replacing its contents; `scratch` is working
/// space, passed in so that a caller normalising text after text reuses it.
/// A caller that walks the clusters of the result anyway can do step 3 as
/// it goes, with [`put_marks_in_order`] on every cluster of every Khmer run.
pub(crate) fn fold_and_join_into(text: &str, out: &mut String, scratch: &mut String) {
    out.clear();
    fold_chars(text, out);
    // Most text has no abbreviation: skip that pass's copy unless it would
    // change something.
    if join_abbreviations(out, scratch) {
        std::mem::swap(out, scratch);
    }
}

/// Characters that are dropped outright. U+200B is inserted unpredictably by
/// Khmer publishers as a word break; U+200C/U+200D/U+2060/U+FEFF only steer
/// rendering; U+17B4/U+17B5 are deprecated inherent vowels with no glyph.
pub(crate) const fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{17B4}' | '\u{17B5}'
    )
}

/// Step 1: character-level folds and Unicode lower-casing, appended to `out`.
///
/// Most characters come out unchanged, so the text is copied a span at a
/// time and only the characters that change are written one by one. ASCII
/// is copied as is and lower-cased in place at the end: no other character
/// lower-cases to an ASCII capital, so that pass touches nothing else.
fn fold_chars(text: &str, out: &mut String) {
    // Lower-casing a capital sigma depends on its neighbours, which only
    // `str::to_lowercase` looks at.
    if text.contains('Σ') {
        return fold_chars_then_lowercase(text, out);
    }
    let start = out.len();
    let bytes = text.as_bytes();
    let mut copied = 0; // text[..copied] is already in `out`
    let mut at = 0;
    let mut prev = None; // the last character kept, folded
    while at < bytes.len() {
        if bytes[at].is_ascii() {
            prev = None; // only a COENG before matters
            at += ascii_len(&bytes[at..]);
            continue;
        }
        let (c, len) = match leading_khmer(&bytes[at..]) {
            Some(c) if !folds(c) => {
                prev = Some(c); // Khmer has no case: copied as is
                at += KHMER_LEN;
                continue;
            }
            Some(c) => (c, KHMER_LEN),
            None => {
                let c = text[at..].chars().next().expect("a character starts here");
                (c, c.len_utf8())
            }
        };
        let folded = (!is_invisible(c)).then(|| fold_char(c, prev));
        if folded != Some(c) || !is_khmer(c) && !lowercases_to_itself(c) {
            out.push_str(&text[copied..at]);
            copied = at + len;
            if let Some(folded) = folded {
                push_lowercase(out, folded);
            }
        }
        prev = folded.or(prev);
        at += len;
    }
    out.push_str(&text[copied..]);
    out[start..].make_ascii_lowercase();
}

/// Byte length of the ASCII at the start of `bytes`, read eight bytes at a
/// time: English text is long runs of it.
fn ascii_len(bytes: &[u8]) -> usize {
    let words = bytes
        .chunks_exact(8)
        .take_while(|word| word.is_ascii())
        .count();
    let rest = &bytes[words * 8..];
    words * 8 + rest.iter().take_while(|b| b.is_ascii()).count()
}

/// True for the Khmer characters that [`fold_chars`] may drop or change.
fn folds(c: char) -> bool {
    KHMER_FOLDS[c as usize - 0x1780]
}

/// [`folds`] for each character of the Khmer block, by offset from U+1780:
/// the loop copies nearly every Khmer character after one lookup.
const KHMER_FOLDS: [bool; 128] = {
    let mut folds = [false; 128];
    let mut offset = 0;
    while offset < folds.len() {
        let c = char::from_u32(0x1780 + offset as u32).expect("in the Khmer block");
        folds[offset] = is_invisible(c) || fold_char(c, Some(COENG)) as u32 != c as u32;
        offset += 1;
    }
    folds
};

fn lowercases_to_itself(c: char) -> bool {
    let mut lower = c.to_lowercase();
    lower.len() == 1 && lower.next() == Some(c)
}

fn push_lowercase(out: &mut String, c: char) {
    if is_khmer(c) {
        out.push(c); // Khmer has no case
    } else {
        out.extend(c.to_lowercase());
    }
}

/// [`fold_chars`] in two passes, for text that needs `str::to_lowercase`.
fn fold_chars_then_lowercase(text: &str, out: &mut String) {
    let mut folded = String::with_capacity(text.len());
    let mut prev = None;
    for c in text.chars().filter(|&c| !is_invisible(c)) {
        let c = fold_char(c, prev);
        folded.push(c);
        prev = Some(c);
    }
    out.push_str(&folded.to_lowercase());
}

/// The character-level folds of `c`, which follows `prev` (already folded).
const fn fold_char(c: char, prev: Option<char>) -> char {
    match c {
        // Subscript DA and subscript TA are drawn identically, and
        // writers use them interchangeably (ស្ដី / ស្តី).
        '\u{178A}' if matches!(prev, Some(COENG)) => '\u{178F}',
        // ឲ is the older spelling of ឱ (as in ឲ្យ / ឱ្យ).
        '\u{17B2}' => '\u{17B1}',
        // Khmer digits ០–៩ → 0–9, so ២០២៣ and 2023 match.
        '\u{17E0}'..='\u{17E9}' => (b'0' + (c as u32 - 0x17E0) as u8) as char,
        _ => c,
    }
}

/// A piece of a dotted abbreviation: a Khmer run of one or two clusters.
fn is_short(run: &str) -> bool {
    clusters(run).nth(2).is_none()
}

/// True when the '.' at byte `dot` of `s` sits between two Khmer characters,
/// linking the Khmer runs on either side.
fn is_link(s: &str, dot: usize) -> bool {
    let bytes = s.as_bytes();
    let khmer_at = |at: usize| leading_khmer(&bytes[at..]).is_some_and(is_khmer);
    dot >= KHMER_LEN && khmer_at(dot - KHMER_LEN) && khmer_at(dot + 1)
}

/// The maximal Khmer run of `s` that ends at byte `end`.
fn khmer_run_before(s: &str, end: usize) -> Range<usize> {
    let bytes = s.as_bytes();
    let mut start = end;
    while start >= KHMER_LEN && leading_khmer(&bytes[start - KHMER_LEN..]).is_some_and(is_khmer) {
        start -= KHMER_LEN;
    }
    start..end
}

/// The maximal Khmer run of `s` that starts at byte `start`.
fn khmer_run_after(s: &str, start: usize) -> Range<usize> {
    let bytes = s.as_bytes();
    let mut end = start;
    while leading_khmer(&bytes[end..]).is_some_and(is_khmer) {
        end += KHMER_LEN;
    }
    start..end
}

/// The Khmer runs linked by single dots, from the run that ends at `dot`
/// (the first link of the sequence) on.
fn linked_runs(s: &str, dot: usize) -> Vec<Range<usize>> {
    let mut runs = vec![khmer_run_before(s, dot)];
    let mut end = dot;
    while s[end..].starts_with('.') && is_link(s, end) {
        let run = khmer_run_after(s, end + 1);
        end = run.end;
        runs.push(run);
    }
    runs
}

/// Step 2: joins dotted abbreviations such as គ.ជ.ប (NEC), ស.រ.អា (USA),
/// ល.រ (No.), គ.ស (A.D.).
///
/// The rule: two or more *short* Khmer runs (1–2 clusters each) separated by
/// single '.' characters, where the first run does not itself come right
/// after "Khmer + '.'". The dots between them are removed, and so is one dot
/// right after the last run when it is not followed by a Khmer letter (the
/// closing dot of "គ.ជ.ប."). A closing dot that is followed by Khmer is kept
/// as a separator: "ស.រ.អា.ប្រឆាំង" (VOA) → "សរអា.ប្រឆាំង".
///
/// Why "short": abbreviations are built from initial syllables, while a '.'
/// after a longer run is a sentence end or a list marker ("ក. …" has a space
/// after it and is left alone). Why "does not come after Khmer + '.'": in
/// "…រដ្ឋសភាស.រ.អា." the abbreviation is glued to the previous word, and
/// joining only its tail (រអា) would invent a term that no query produces.
/// A single Khmer sentence ending in '.' is never touched (one run only).
///
/// Chains are found from the dots between Khmer characters, so text without
/// any costs one search for '.'. The result goes to `out`; false when
/// nothing is joined.
fn join_abbreviations(s: &str, out: &mut String) -> bool {
    out.clear();
    let mut copied = 0; // s[..copied] is already in `out`
    let mut from = 0; // where to look for the next '.'
    while let Some(dot) = s[from..].find('.').map(|i| from + i) {
        if !is_link(s, dot) {
            from = dot + 1;
            continue;
        }
        // Only the first run of linked runs can start a chain: every later
        // one comes right after "Khmer + '.'".
        let runs = linked_runs(s, dot);
        from = runs.last().map_or(dot + 1, |run| run.end);
        let chain_len = runs
            .iter()
            .take_while(|run| is_short(&s[(*run).clone()]))
            .count();
        if chain_len < 2 {
            continue;
        }
        let chain = &runs[..chain_len];
        out.push_str(&s[copied..chain[0].start]);
        for run in chain {
            out.push_str(&s[run.clone()]);
        }
        copied = chain[chain_len - 1].end;
        let after = &s[copied..];
        let closing_dot = after.starts_with('.') && !is_link(s, copied);
        if closing_dot {
            copied += 1;
        }
    }
    if copied == 0 {
        return false;
    }
    out.push_str(&s[copied..]);
    true
}

/// Canonical position of a unit (see [`units`]) among the marks of a
/// cluster; the base stays first and units are stable-sorted by this key.
///
/// 0. subscripts (COENG + base) in typed order, and a stray COENG;
/// 1. subscript RO (្រ);
/// 2. dependent vowels U+17B6–U+17C5;
/// 3. the consonant modifiers: register shifters ៉ ៊ (U+17C9, U+17CA) and
///    ROBAT ៌ (U+17CC);
/// 4. every other sign: NIKAHIT ំ, REAHMUK ះ, YUUKALEAPINTU ៈ (U+17C6–U+17C8),
///    U+17CB, U+17CD–U+17D1, U+17D3, U+17DD.
///
/// Why: subscripts before vowels is Unicode's storage order and the typed
/// form in most text (សិទ្ធិ, not សិទិ្ធ). RO goes last among subscripts because
/// it is drawn in front of the base, so writers type ្រ in either place
/// (ស្ត្រី / ស្រ្តី, ង្គ្រ / ង្រ្គ); last is Unicode's recommended position.
/// Signs come after vowels as the project rule asks, which is also the typed
/// order of the frequent pairs ាំ, ោះ, េះ, ុំ. Register shifters and robat are
/// split from the other signs because they modify the consonant while the
/// rest close the syllable: the recommended typing puts them first, so ប៉ះ
/// keeps its order and a mistyped បះ៉ folds into it. (Real text types the
/// shifter before the vowel — ប៉ុន — which this order rewrites as បុ៉ន; that
/// is harmless since queries are rewritten the same way.)
/// A stray COENG (not followed by a base) sorts with the subscripts so that
/// it can never move to the end of a cluster and capture the next base.
pub(crate) fn mark_class(first: char, second: Option<char>) -> u8 {
    match (first, second) {
        (COENG, Some(RO)) => 1,
        (COENG, _) => 0,
        ('\u{17B6}'..='\u{17C5}', _) => 2,
        ('\u{17C9}' | '\u{17CA}' | '\u{17CC}', _) => 3,
        _ => 4,
    }
}

/// The [`mark_class`] of a unit.
fn unit_class(unit: &str) -> u8 {
    let mut chars = unit.chars();
    chars
        .next()
        .map_or(4, |first| mark_class(first, chars.next()))
}

/// Step 3: canonical mark order in every cluster. Reordering permutes the
/// units of a cluster, so the few clusters out of order are rewritten in
/// place and the rest of the text is left alone.
fn reorder_marks(s: &mut String) {
    let mut at = 0;
    while at < s.len() {
        at = if leading_khmer(&s.as_bytes()[at..]).is_some() {
            // A cluster that starts with a Khmer character that is neither
            // base nor mark (។, ៗ, …) keeps it first, as a base would be.
            put_marks_in_order(s, at)
        } else {
            next_khmer_candidate(s.as_bytes(), at + 1)
        };
    }
}

/// Step 3 for the cluster at byte `start` of `s`; returns the cluster's end.
/// The units are permuted, so the cluster keeps its length and the rest of
/// `s` its place.
#[inline]
pub(crate) fn put_marks_in_order(s: &mut String, start: usize) -> usize {
    let mut order = MarkOrder::default();
    let end = start + walk_cluster(&s[start..], |c| order.push(c));
    if !order.in_order() {
        rewrite_in_canonical_order(s, start..end);
    }
    end
}

#[cold]
fn rewrite_in_canonical_order(s: &mut String, cluster: Range<usize>) {
    let canonical = canonical_order(&s[cluster.clone()]);
    s.replace_range(cluster, &canonical);
}

/// The index of the first byte from `from` on that can start a Khmer
/// character (every one starts with E1, which is never a continuation byte),
/// or the end of `bytes`.
fn next_khmer_candidate(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == 0xE1)
        .map_or(bytes.len(), |i| from + i)
}

/// Whether the marks of a cluster, seen one character at a time, are in
/// canonical order: the units' classes never decrease. A COENG is a unit
/// with the base after it, if any, so its class waits for that character.
#[derive(Default)]
struct MarkOrder {
    after_coeng: bool,
    previous: u8,
    out_of_order: bool,
}

impl MarkOrder {
    fn push(&mut self, c: char) {
        let after_coeng = std::mem::take(&mut self.after_coeng);
        if !is_mark(c) {
            // The cluster's first character, which stays first, or the
            // base of a subscript.
            if after_coeng {
                self.unit(mark_class(COENG, Some(c)));
            }
            return;
        }
        if after_coeng {
            self.unit(mark_class(COENG, None));
        }
        if c == COENG {
            self.after_coeng = true;
        } else {
            self.unit(mark_class(c, None));
        }
    }

    fn unit(&mut self, class: u8) {
        self.out_of_order |= class < self.previous;
        self.previous = class;
    }

    fn in_order(mut self) -> bool {
        if self.after_coeng {
            self.unit(mark_class(COENG, None));
        }
        !self.out_of_order
    }
}

/// The units of `cluster` after its base (all of them if it has none).
fn marks_of(cluster: &str) -> impl Iterator<Item = &str> {
    let has_base = !cluster.starts_with(is_mark);
    units(cluster).skip(usize::from(has_base))
}

/// `cluster` with its marks in canonical order.
fn canonical_order(cluster: &str) -> String {
    let mut marks: Vec<&str> = marks_of(cluster).collect();
    marks.sort_by_key(|unit| unit_class(unit)); // stable
    let base = &cluster[..cluster.len() - marks.iter().map(|unit| unit.len()).sum::<usize>()];
    [base].into_iter().chain(marks).collect()
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn lower_cases_every_script_that_has_case() {
        assert_eq!(normalize("NEC ΣΟΦΙΑ ǅ Ünïcode"), "nec σοφια ǆ ünïcode");
        assert_eq!(normalize("nec និង ២០២៣"), "nec និង 2023");
    }

    #[test]
    fn drops_zero_width_spaces_between_words() {
        // VOA, as published: ZWSP between words
        assert_eq!(
            normalize("គណៈកម្មាធិការ\u{200B}ជាតិ\u{200B}រៀបចំ\u{200B}ការ\u{200B}បោះឆ្នោត"),
            "គណៈកម្មាធិការជាតិរៀបចំការបោះឆ្នោត"
        );
        assert_eq!(normalize("\u{FEFF}ជា\u{200C}តិ\u{200D}\u{2060}"), "ជាតិ");
        // deprecated inherent vowels
        assert_eq!(normalize("ក\u{17B4}ខ\u{17B5}"), "កខ");
    }

    #[test]
    fn subscripts_come_before_vowels() {
        // "rights", typed both ways in real text
        assert_eq!(normalize("សិទិ្ធ"), "សិទ្ធិ");
        assert_eq!(normalize("សិទ្ធិ"), "សិទ្ធិ");
        // "executive" (khPOS-style typo ប្រតិបតិ្ត)
        assert_eq!(normalize("ប្រតិបតិ្ត"), "ប្រតិបត្តិ");
    }

    #[test]
    fn subscript_ro_goes_last() {
        assert_eq!(normalize("អង្រ្គ"), "អង្គ្រ");
        assert_eq!(normalize("ស្រ្តី"), "ស្ត្រី");
        assert_eq!(normalize("យុទ្ធសាស្រ្ត"), "យុទ្ធសាស្ត្រ");
        assert_eq!(normalize("ស្ត្រី"), "ស្ត្រី");
    }

    #[test]
    fn signs_follow_vowels_and_modifiers_precede_other_signs() {
        // register shifter typed before the vowel (ប៉ុន្មាន "how many")
        assert_eq!(normalize("ប៉ុន្មាន"), "បុ៉ន្មាន");
        assert_eq!(normalize("បុ៉ន្មាន"), "បុ៉ន្មាន");
        // shifter and reahmuk (ប៉ះ "to touch") in either order
        assert_eq!(normalize("ប៉ះ"), "ប៉ះ");
        assert_eq!(normalize("បះ៉"), "ប៉ះ");
        // robat typed before the vowel
        assert_eq!(normalize("ព៌ា"), "ពា៌");
        // nikahit after the vowel is already canonical
        assert_eq!(normalize("ធំ"), "ធំ");
        assert_eq!(normalize("ចាំ"), "ចាំ");
        assert_eq!(normalize("ចំា"), "ចាំ");
    }

    #[test]
    fn folds_subscript_da_and_o() {
        assert_eq!(normalize("ស្ដី"), "ស្តី");
        assert_eq!(normalize("សេចក្ដី"), "សេចក្តី");
        // base DA is not touched
        assert_eq!(normalize("ដី"), "ដី");
        assert_eq!(normalize("ឲ្យ"), "ឱ្យ");
    }

    #[test]
    fn folds_khmer_digits_and_case() {
        assert_eq!(normalize("ឆ្នាំ២០២៣"), "ឆ្នាំ2023");
        assert_eq!(normalize("NEC Cambodia"), "nec cambodia");
    }

    #[test]
    fn joins_dotted_abbreviations() {
        assert_eq!(normalize("គ.ជ.ប"), "គជប");
        assert_eq!(normalize("គ.ជ.ប."), "គជប");
        assert_eq!(normalize("ស.ស.យ.ក"), "សសយក");
        assert_eq!(normalize("គ.ជ.ប NEC 2023"), "គជប nec 2023");
        assert_eq!(normalize("គ.ស.២០២៣"), "គស2023");
        assert_eq!(normalize("ស.រ.អា.ប្រឆាំង"), "សរអា.ប្រឆាំង");
        // glued to the previous word: left alone
        assert_eq!(normalize("រដ្ឋសភាស.រ.អា. ដែល"), "រដ្ឋសភាស.រ.អា. ដែល");
        // an ordinary sentence end, a list marker
        assert_eq!(normalize("ការបោះឆ្នោត."), "ការបោះឆ្នោត.");
        assert_eq!(normalize("ក. ការបោះឆ្នោត"), "ក. ការបោះឆ្នោត");
        assert_eq!(normalize("…បោះឆ្នោត។"), "…បោះឆ្នោត។");
        // decimals are not Khmer runs
        assert_eq!(normalize("១.៥"), "1.5");
    }

    #[test]
    fn is_idempotent_on_awkward_input() {
        for s in [
            "ក្.ខ",
            "កា្.ខ",
            "ក្ា",
            "ក្រ្",
            "ិ្ក",
            "ក.ខ.គ.ការ",
            "្.ក",
            "ៗ.ៗ",
            "ក..ខ",
        ] {
            let once = normalize(s);
            assert_eq!(normalize(&once), once, "{s:?}");
        }
    }
}
