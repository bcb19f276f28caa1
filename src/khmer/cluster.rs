//! Khmer character classes and grapheme clusters.
//!
//! A cluster is what a reader sees as one written syllable block: a base
//! (consonant or independent vowel) with its subscripts (COENG + consonant),
//! dependent vowels and signs. Search terms are built from clusters, so the
//! segmentation here must match `clusters()` in
//! `themes/default/static/js/tokenize.js` exactly.

/// U+17D2 KHMER SIGN COENG: turns the following base into a subscript.
pub const COENG: char = '\u{17D2}';

/// U+179A KHMER LETTER RO, the only subscript that is ordered specially.
pub const RO: char = '\u{179A}';

/// A letter that can start a cluster, or follow COENG as a subscript:
/// consonants, independent vowels (U+1780–U+17B3), and AVAKRAHASANYA U+17DC.
pub fn is_base(c: char) -> bool {
    matches!(c, '\u{1780}'..='\u{17B3}' | '\u{17DC}')
}

/// A combining mark that belongs to the cluster before it: dependent vowels,
/// signs and COENG (U+17B4–U+17D3), and ATTHACAN U+17DD.
pub fn is_mark(c: char) -> bool {
    matches!(c, '\u{17B4}'..='\u{17D3}' | '\u{17DD}')
}

/// True for the characters Khmer words are made of (letters and marks).
/// Khmer punctuation (។ ៗ …), the riel sign, digits and lunar-date symbols
/// are not: they separate runs.
pub fn is_khmer(c: char) -> bool {
    is_base(c) || is_mark(c)
}

/// The Khmer and Khmer Symbols blocks (U+1780–U+17FF, U+19E0–U+19FF):
/// never part of a Latin or digit word, though Unicode calls some of their
/// punctuation and lunar-date signs alphanumeric.
pub fn is_khmer_script(c: char) -> bool {
    matches!(c, '\u{1780}'..='\u{17FF}' | '\u{19E0}'..='\u{19FF}')
}

/// True when `c`, coming right after `prev`, begins a new cluster. Marks
/// never do, and neither does a base written as a subscript (after COENG).
pub fn starts_cluster(prev: Option<char>, c: char) -> bool {
    !(is_mark(c) || (prev == Some(COENG) && is_base(c)))
}

/// Splits a Khmer run into clusters. Never fails: a mark with no base before
/// it (at the start of the run) forms a cluster of its own together with the
/// marks that follow it. Any other non-mark character is a cluster by itself.
pub fn clusters(run: &str) -> impl Iterator<Item = &str> {
    let mut rest = run;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (cluster, tail) = rest.split_at(cluster_len(rest));
        rest = tail;
        Some(cluster)
    })
}

/// Splits a cluster into units: a COENG + base pair is one unit (a
/// subscript), every other character is a unit by itself. Reordering moves
/// whole units, so a subscript never loses its consonant.
pub fn units(cluster: &str) -> impl Iterator<Item = &str> {
    let mut rest = cluster;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (unit, tail) = rest.split_at(unit_len(rest));
        rest = tail;
        Some(unit)
    })
}

/// Whether `cluster` (one item of [`clusters`]) is written as Khmer
/// orthography allows, after the Unicode Standard's cluster grammar
/// (chapter 16, "Khmer"):
///
/// base, robat?, subscript{0,3}, shifter?, vowel?, shifter?, sign{0,2}
///
/// where the subscript ro, if any, is among the subscripts and a register
/// shifter may stand before or after the vowel (both orders are in use and
/// search treats them as one). Lenient where writers differ, strict where
/// only a wrong conversion or a typing slip produces the text: a mark with
/// no base, a dangling coeng, two vowels, a subscript after a vowel.
pub fn is_valid_cluster(cluster: &str) -> bool {
    let mut chars = cluster.chars();
    if !chars.next().is_some_and(is_base) {
        return false;
    }
    // How far into the cluster we are: 0 after the base, 1 among the
    // subscripts (or after a robat), 2 after the vowel, 3 among the signs.
    let mut stage = 0;
    let (mut subscripts, mut shifters, mut signs) = (0, 0, 0);
    while let Some(c) = chars.next() {
        match c {
            COENG => match chars.next() {
                Some(sub) if is_base(sub) && stage <= 1 && subscripts < 3 => {
                    subscripts += 1;
                    stage = 1;
                }
                _ => return false,
            },
            '\u{17CC}' if stage == 0 => stage = 1,
            '\u{17C9}' | '\u{17CA}' if shifters == 0 && stage <= 2 => shifters += 1,
            '\u{17B6}'..='\u{17C5}' if stage <= 1 => stage = 2,
            '\u{17C6}'..='\u{17C8}'
            | '\u{17CB}'
            | '\u{17CD}'..='\u{17D1}'
            | '\u{17D3}'
            | '\u{17DD}'
                if signs < 2 =>
            {
                signs += 1;
                stage = 3;
            }
            _ => return false,
        }
    }
    true
}

/// Byte length of the cluster at the start of `s`.
pub(crate) fn cluster_len(s: &str) -> usize {
    walk_cluster(s, |_| {})
}

/// Calls `each` with every character of the cluster at the start of `s`, in
/// order, and returns the cluster's byte length: one pass for callers that
/// look inside clusters as they split text.
#[inline]
pub(crate) fn walk_cluster(s: &str, mut each: impl FnMut(char)) -> usize {
    let bytes = s.as_bytes();
    let (first, mut end) = match leading_khmer(bytes) {
        Some(c) => (c, KHMER_LEN),
        None => match s.chars().next() {
            Some(c) => (c, c.len_utf8()),
            None => return 0,
        },
    };
    each(first);
    let mut prev = first;
    // Only Khmer characters continue a cluster: no need to decode others.
    while let Some(c) = leading_khmer(&bytes[end..]) {
        if starts_cluster(Some(prev), c) {
            break;
        }
        each(c);
        prev = c;
        end += KHMER_LEN;
    }
    end
}

/// Byte length of every character of the Khmer block in UTF-8.
pub(crate) const KHMER_LEN: usize = 3;

/// The character of the Khmer block (U+1780–U+17FF) that `bytes` starts
/// with, if any. Text is mostly Khmer or ASCII, and a Khmer character is
/// always E1 9E xx or E1 9F xx, so telling it apart needs no general UTF-8
/// decoding.
#[inline]
pub(crate) fn leading_khmer(bytes: &[u8]) -> Option<char> {
    let [lead, high, low] = *bytes.first_chunk()?;
    if lead != 0xE1 || high & !1 != 0x9E {
        return None;
    }
    char::from_u32(0x1780 | u32::from(high & 1) << 6 | u32::from(low & 0x3F))
}

/// Byte length of the unit at the start of non-empty `s`.
fn unit_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    match leading_khmer(bytes) {
        Some(COENG) if leading_khmer(&bytes[KHMER_LEN..]).is_some_and(is_base) => 2 * KHMER_LEN,
        Some(_) => KHMER_LEN,
        None => s.chars().next().map_or(0, char::len_utf8),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(run: &str) -> Vec<&str> {
        clusters(run).collect()
    }

    #[test]
    fn splits_words_into_written_syllables() {
        // "election"
        assert_eq!(split("បោះឆ្នោត"), ["បោះ", "ឆ្នោ", "ត"]);
        // "rights": the vowel after the subscript stays in the cluster
        assert_eq!(split("សិទ្ធិ"), ["សិ", "ទ្ធិ"]);
        // two subscripts on one base
        assert_eq!(split("ស្ត្រី"), ["ស្ត្រី"]);
        // independent vowel as a base
        assert_eq!(split("ឱ្យ"), ["ឱ្យ"]);
    }

    #[test]
    fn subscript_typed_after_a_vowel_still_belongs_to_its_cluster() {
        // សិទិ្ធ: the vowel was typed before the subscript
        assert_eq!(split("សិទិ្ធ"), ["សិ", "ទិ្ធ"]);
    }

    #[test]
    fn stray_marks_never_panic() {
        assert_eq!(split("ិ"), ["ិ"]);
        assert_eq!(split("ិុក"), ["ិុ", "ក"]);
        assert_eq!(split("្កា"), ["្កា"]);
        assert_eq!(split("ក្"), ["ក្"]);
        assert_eq!(split("្"), ["្"]);
        assert_eq!(split(""), Vec::<&str>::new());
    }

    #[test]
    fn units_keep_subscripts_whole() {
        let u: Vec<&str> = units("ង្រ្គ").collect();
        assert_eq!(u, ["ង", "្រ", "្គ"]);
        let u: Vec<&str> = units("ក្ា").collect();
        assert_eq!(u, ["ក", "្", "ា"]);
    }

    #[test]
    fn leading_khmer_reads_the_whole_block_and_nothing_else() {
        for c in ('\u{1700}'..='\u{18FF}').chain(['a', 'é', 'Ḁ', '🗳']) {
            let mut utf8 = [0; 4];
            let expected = ('\u{1780}'..='\u{17FF}').contains(&c).then_some(c);
            assert_eq!(leading_khmer(c.encode_utf8(&mut utf8).as_bytes()), expected);
        }
        assert_eq!(leading_khmer(&[0xE1, 0x9E]), None);
    }

    #[test]
    fn valid_clusters_follow_the_grammar() {
        for ok in [
            "ក",
            "បោះ",
            "ឆ្នោ",
            "ស្ត្រី",
            "ឱ្យ",
            "ប៉ី",
            "បី៉",
            "ម៌",
            "ព៌ា",
            "កុំ",
            "រាំ",
            "ញ្ញា",
            "ប៉័",
        ] {
            assert!(is_valid_cluster(ok), "{ok}");
        }
        for bad in ["ា", "ិុក", "ក្", "្ក", "កាិ", "កា្ក", "កំំំ", "ក៉៉", "ក៌៌", "ក្ក្ក្ក្ក"]
        {
            assert!(!is_valid_cluster(bad), "{bad}");
        }
    }

    #[test]
    fn cluster_starts() {
        assert!(starts_cluster(Some('ប'), 'ជ'));
        assert!(!starts_cluster(Some('ប'), 'ា'));
        assert!(!starts_cluster(Some(COENG), 'រ'));
        assert!(starts_cluster(None, 'ក'));
        assert!(!is_khmer('។') && !is_khmer('ៗ') && !is_khmer('០'));
    }
}
