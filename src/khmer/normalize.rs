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

use crate::khmer::cluster::{clusters, is_base, is_khmer, is_mark, units, COENG, RO};

/// Normalises text for indexing or querying.
pub fn normalize(text: &str) -> String {
    let mut normalized = fold_chars(text);
    // Most text has no abbreviation and no mark out of order: skip those
    // passes and their copies unless they would change something.
    if has_dot_between_khmer(&normalized) {
        normalized = join_abbreviations(&normalized);
    }
    reorder_marks(&mut normalized);
    normalized
}

/// Characters that are dropped outright. U+200B is inserted unpredictably by
/// Khmer publishers as a word break; U+200C/U+200D/U+2060/U+FEFF only steer
/// rendering; U+17B4/U+17B5 are deprecated inherent vowels with no glyph.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{17B4}' | '\u{17B5}'
    )
}

/// Step 1: one pass of character-level folds and Unicode lower-casing.
fn fold_chars(text: &str) -> String {
    // Lower-casing a capital sigma depends on its neighbours, which only
    // `str::to_lowercase` looks at.
    if text.contains('Σ') {
        return fold_chars_then_lowercase(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut prev = None;
    let mut rest = text;
    while !rest.is_empty() {
        // ASCII, half of a bilingual text, needs nothing but lower-casing:
        // copy it a span at a time.
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        if ascii > 0 {
            let start = out.len();
            out.push_str(&rest[..ascii]);
            out[start..].make_ascii_lowercase();
            prev = None; // only a COENG before matters
            rest = &rest[ascii..];
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next().filter(|&c| !is_invisible(c)) {
            let folded = fold_char(c, prev);
            if is_khmer(folded) {
                out.push(folded); // Khmer has no case
            } else {
                out.extend(folded.to_lowercase());
            }
            prev = Some(folded);
        }
        rest = chars.as_str();
    }
    out
}

/// [`fold_chars`] in two passes, for text that needs `str::to_lowercase`.
fn fold_chars_then_lowercase(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut prev = None;
    for c in text.chars().filter(|&c| !is_invisible(c)) {
        let c = fold_char(c, prev);
        folded.push(c);
        prev = Some(c);
    }
    folded.to_lowercase()
}

/// The character-level folds of `c`, which follows `prev` (already folded).
fn fold_char(c: char, prev: Option<char>) -> char {
    match c {
        // Subscript DA and subscript TA are drawn identically, and
        // writers use them interchangeably (ស្ដី / ស្តី).
        '\u{178A}' if prev == Some(COENG) => '\u{178F}',
        // ឲ is the older spelling of ឱ (as in ឲ្យ / ឱ្យ).
        '\u{17B2}' => '\u{17B1}',
        // Khmer digits ០–៩ → 0–9, so ២០២៣ and 2023 match.
        '\u{17E0}'..='\u{17E9}' => char::from(b'0' + (c as u32 - 0x17E0) as u8),
        _ => c,
    }
}

/// A piece of a dotted abbreviation: a Khmer run of one or two clusters.
fn is_short(run: &str) -> bool {
    clusters(run).nth(2).is_none()
}

/// Byte ranges of the maximal Khmer runs of `s`.
fn khmer_runs(s: &str) -> Vec<(usize, usize)> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (i, c) in s.char_indices().filter(|&(_, c)| is_khmer(c)) {
        match runs.last_mut() {
            Some(run) if run.1 == i => run.1 = i + c.len_utf8(),
            _ => runs.push((i, i + c.len_utf8())),
        }
    }
    runs
}

/// True when a '.' sits between two Khmer characters: without one,
/// [`join_abbreviations`] has no chain to join.
fn has_dot_between_khmer(s: &str) -> bool {
    s.match_indices('.').any(|(i, _)| {
        s[..i].chars().next_back().is_some_and(is_khmer)
            && s[i + 1..].chars().next().is_some_and(is_khmer)
    })
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
fn join_abbreviations(s: &str) -> String {
    let runs = khmer_runs(s);
    let dot_between = |a: (usize, usize), b: (usize, usize)| &s[a.1..b.0] == ".";
    let mut out = String::with_capacity(s.len());
    let mut copied = 0; // s[..copied] is already in `out`
    let mut i = 0;
    while i < runs.len() {
        let starts_chain =
            is_short(&s[runs[i].0..runs[i].1]) && !(i > 0 && dot_between(runs[i - 1], runs[i]));
        let mut last = i;
        while starts_chain
            && last + 1 < runs.len()
            && dot_between(runs[last], runs[last + 1])
            && is_short(&s[runs[last + 1].0..runs[last + 1].1])
        {
            last += 1;
        }
        if last > i {
            out.push_str(&s[copied..runs[i].0]);
            for run in &runs[i..=last] {
                out.push_str(&s[run.0..run.1]);
            }
            copied = runs[last].1;
            let after = &s[copied..];
            let closing_dot =
                after.starts_with('.') && !after[1..].chars().next().is_some_and(is_khmer);
            if closing_dot {
                copied += 1;
            }
        }
        i = last + 1;
    }
    out.push_str(&s[copied..]);
    out
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
fn mark_class(unit: &str) -> u8 {
    let mut chars = unit.chars();
    match (chars.next(), chars.next()) {
        (Some(COENG), Some(RO)) => 1,
        (Some(COENG), _) => 0,
        (Some('\u{17B6}'..='\u{17C5}'), _) => 2,
        (Some('\u{17C9}' | '\u{17CA}' | '\u{17CC}'), _) => 3,
        _ => 4,
    }
}

/// Step 3: canonical mark order in every cluster. Reordering permutes the
/// units of a cluster, so the few clusters out of order are rewritten in
/// place and the rest of the text is left alone.
fn reorder_marks(s: &mut String) {
    for cluster in clusters_out_of_order(s) {
        let canonical = canonical_order(&s[cluster.clone()]);
        s.replace_range(cluster, &canonical);
    }
}

/// `cluster` with its marks in canonical order.
fn canonical_order(cluster: &str) -> String {
    let mut parts: Vec<&str> = units(cluster).collect();
    let has_base = !cluster.starts_with(is_mark);
    let marks = if has_base {
        &mut parts[1..]
    } else {
        &mut parts[..]
    };
    marks.sort_by_key(|unit| mark_class(unit)); // stable
    parts.concat()
}

/// Byte ranges of the clusters (see [`clusters`]) whose marks are out of
/// canonical order. A cluster is a base and the marks after it, or marks
/// alone at the start of a Khmer run, so every two units of marks in a row
/// belong to one cluster, and comparing those pairs is enough.
fn clusters_out_of_order(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0; // of the current cluster
    let mut in_order = true;
    let mut previous_class = None; // of the unit just before, if a mark
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !is_mark(c) {
            if !in_order {
                out.push(start..i);
                in_order = true;
            }
            // A base starts a cluster; after anything else, a mark does.
            start = if is_base(c) { i } else { i + c.len_utf8() };
            previous_class = None;
            continue;
        }
        let end = match chars.peek() {
            Some(&(j, next)) if c == COENG && is_base(next) => {
                chars.next();
                j + next.len_utf8()
            }
            _ => i + c.len_utf8(),
        };
        let class = mark_class(&s[i..end]);
        in_order &= previous_class.is_none_or(|previous| previous <= class);
        previous_class = Some(class);
    }
    if !in_order {
        out.push(start..s.len());
    }
    out
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
