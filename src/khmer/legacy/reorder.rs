//! From the order legacy fonts were typed in to Unicode's logical order.
//!
//! A legacy font draws glyphs left to right, so a Word user typed what they
//! saw: the vowel sign that stands before the consonant (េ ែ ៃ, and the left
//! half of ើ ៀ ឿ ោ ៅ) first, then the subscript ro, which also stands to the
//! left, then the consonant, its other subscripts, the vowels and signs in
//! any order the glyphs allowed. Unicode stores a cluster as (chapter 16 of
//! the Unicode Standard, "Khmer"):
//!
//! base, robat, subscripts (ro last), register shifter, vowel, signs.
//!
//! [`reorder`] takes text already mapped to Khmer characters in typed order
//! and puts every cluster in that order, joining split vowels and reading
//! the fonts' visual tricks (ុ under a raised vowel is a register shifter;
//! ព + ា around a subscript is ញ) back into the characters they draw.

use crate::khmer::cluster::{is_base, is_mark, COENG, RO};

const SRA_AA: char = 'ា';
const SRA_I: char = 'ិ';
const SRA_II: char = 'ី';
const SRA_Y: char = 'ឹ';
const SRA_YY: char = 'ឺ';
const SRA_U: char = 'ុ';
const SRA_E: char = 'េ';
const SRA_OE: char = 'ើ';
const SRA_OO: char = 'ោ';
const MUUSIKATOAN: char = '៉';
const TRIISAP: char = '៊';
const ROBAT: char = '៌';
const SAMYOK_SANNYA: char = '័';
const PO: char = 'ព';
const NYO: char = 'ញ';

/// Vowels drawn wholly or partly before the consonant.
fn is_pre_vowel(c: char) -> bool {
    matches!(c, 'េ' | 'ែ' | 'ៃ')
}

/// Dependent vowels (U+17B6–U+17C5).
fn is_vowel(c: char) -> bool {
    matches!(c, '\u{17B6}'..='\u{17C5}')
}

fn is_shifter(c: char) -> bool {
    matches!(c, MUUSIKATOAN | TRIISAP)
}

/// A vowel drawn above the consonant, where a register shifter has no room
/// and the fonts draw it as a ុ-like hook below instead.
fn is_upper_vowel(c: char) -> bool {
    matches!(c, SRA_I | SRA_II | SRA_Y | SRA_YY | SRA_OE)
}

/// Consonants that take triisap (៊) rather than muusikatoan (៉) as
/// register shifter: the high-register consonants that have no
/// low-register twin.
fn takes_triisap(c: char) -> bool {
    matches!(c, 'ស' | 'ហ' | 'អ')
}

/// Subscripts that stand under ញ (បញ្ចប់, បញ្ជី, បញ្ញា, បញ្ហា) and never
/// under ព, whose tail the fonts draw as ព + ា around them.
fn goes_under_nyo(c: char) -> bool {
    matches!(c, 'ច' | 'ឆ' | 'ជ' | 'ឈ' | 'ញ' | 'ហ')
}

/// Puts the Khmer clusters of `visual` (Khmer characters in the order a
/// legacy font was typed) in Unicode's order. Everything else is copied.
pub fn reorder(visual: &str) -> String {
    let mut out = String::with_capacity(visual.len());
    let mut cluster = Cluster::default();
    let mut chars = visual.chars().peekable();
    while let Some(c) = chars.next() {
        if c == COENG {
            match chars.next_if(|&n| is_base(n)) {
                // The subscript ro stands left of its consonant: it was
                // typed before it, and belongs to the next base.
                Some(RO) => {
                    if cluster.base.is_some() || !cluster.marks.is_empty() {
                        cluster.flush(&mut out);
                    }
                    cluster.ro = true;
                }
                Some(sub) => {
                    if cluster.subscripts.is_empty() && cluster.marks.contains(&SRA_AA) {
                        cluster.aa_before_subscript = true;
                    }
                    cluster.subscripts.push(sub);
                }
                None => cluster.marks.push(COENG),
            }
        } else if is_pre_vowel(c) {
            // Always typed before its consonant: it opens the next cluster.
            if cluster.base.is_some() || !cluster.marks.is_empty() || cluster.ro {
                cluster.flush(&mut out);
            }
            cluster.pre.push(c);
        } else if is_base(c) {
            if cluster.base.is_some() || !cluster.marks.is_empty() || !cluster.subscripts.is_empty()
            {
                cluster.flush(&mut out);
            }
            cluster.base = Some(c);
        } else if is_mark(c) {
            cluster.marks.push(c);
        } else {
            cluster.flush(&mut out);
            out.push(c);
        }
    }
    cluster.flush(&mut out);
    out
}

/// One cluster as typed, before it is written out in logical order.
#[derive(Default)]
struct Cluster {
    /// Vowels typed before the base (េ ែ ៃ).
    pre: Vec<char>,
    /// A subscript ro typed before the base.
    ro: bool,
    base: Option<char>,
    /// Subscript consonants other than ro, in typed order.
    subscripts: Vec<char>,
    /// Everything else after the base, in typed order.
    marks: Vec<char>,
    /// ា typed between the base and its first subscript: where the fonts
    /// draw ញ as ព + ា, the ា is its tail.
    aa_before_subscript: bool,
}

impl Cluster {
    /// Writes the cluster in logical order to `out` and empties it.
    fn flush(&mut self, out: &mut String) {
        let taken = std::mem::take(self);
        taken.write(out);
    }

    fn write(self, out: &mut String) {
        let Cluster {
            pre,
            ro,
            mut base,
            subscripts,
            marks,
            aa_before_subscript,
        } = self;
        if base.is_none() && subscripts.is_empty() && marks.is_empty() && pre.is_empty() && !ro {
            return;
        }
        let mut robat = None;
        let mut shifter = None;
        let mut vowels: Vec<char> = Vec::new();
        let mut signs: Vec<char> = Vec::new();
        for m in marks {
            match m {
                ROBAT => robat = Some(m),
                m if is_shifter(m) => shifter = Some(m),
                m if is_vowel(m) => vowels.push(m),
                m => signs.push(m),
            }
        }
        // ព + ា drawn around a subscript: the fonts' ញ, when the ា came
        // before the subscript or the subscript is one only ញ takes.
        if base == Some(PO)
            && (aa_before_subscript || subscripts.first().is_some_and(|&s| goes_under_nyo(s)))
        {
            if let Some(at) = vowels.iter().position(|&v| v == SRA_AA) {
                vowels.remove(at);
                base = Some(NYO);
            }
        }
        // ុ under a raised vowel (or samyok sannya) is the fonts' shape for
        // a register shifter that has no room above.
        let raised = vowels.iter().any(|&v| is_upper_vowel(v)) || signs.contains(&SAMYOK_SANNYA);
        if shifter.is_none() && raised {
            if let Some(at) = vowels.iter().position(|&v| v == SRA_U) {
                vowels.remove(at);
                let consonant = subscripts.last().copied().or(base);
                shifter = Some(if consonant.is_some_and(takes_triisap) {
                    TRIISAP
                } else {
                    MUUSIKATOAN
                });
            }
        }
        let vowels = join_split_vowels(&pre, vowels);
        if let Some(b) = base {
            out.push(b);
        }
        out.extend(robat);
        for s in subscripts {
            out.push(COENG);
            out.push(s);
        }
        if ro {
            out.push(COENG);
            out.push(RO);
        }
        out.extend(shifter);
        out.extend(vowels);
        out.extend(signs);
    }
}

/// The vowels of a cluster, with a pre-base vowel typed before the
/// consonant joined to the right half typed after it (េ + ី → ើ, េ + ា →
/// ោ; ៀ ឿ ៅ were mapped whole from their right halves, so a េ before them
/// is already part of them).
fn join_split_vowels(pre: &[char], mut vowels: Vec<char>) -> Vec<char> {
    let mut joined = Vec::with_capacity(pre.len() + vowels.len());
    for &p in pre {
        if p == SRA_E {
            if let Some(at) = vowels
                .iter()
                .position(|&v| matches!(v, 'ី' | 'ា' | 'ៀ' | 'ឿ' | 'ៅ' | 'ើ' | 'ោ'))
            {
                let whole = match vowels.remove(at) {
                    SRA_II => SRA_OE,
                    SRA_AA => SRA_OO,
                    v => v,
                };
                joined.push(whole);
                continue;
            }
        }
        joined.push(p);
    }
    joined.append(&mut vowels);
    joined
}

#[cfg(test)]
mod tests {
    use super::reorder;

    #[test]
    fn pre_base_vowels_move_after_the_consonant() {
        assert_eq!(reorder("េក"), "កេ");
        assert_eq!(reorder("ែម"), "មែ");
        assert_eq!(reorder("ៃថ"), "ថៃ");
        // after its subscripts too
        assert_eq!(reorder("េស្ន"), "ស្នេ");
    }

    #[test]
    fn split_vowels_are_joined() {
        assert_eq!(reorder("េលី"), "លើ");
        assert_eq!(reorder("េជា"), "ជោ");
        assert_eq!(reorder("េសៀ"), "សៀ");
        assert_eq!(reorder("េភៅ"), "ភៅ");
        assert_eq!(reorder("េមឿ"), "មឿ");
        // "election": បោះឆ្នោត
        assert_eq!(reorder("េបាះេឆ្នាត"), "បោះឆ្នោត");
    }

    #[test]
    fn subscript_ro_typed_first_goes_after_the_base_and_last() {
        assert_eq!(reorder("្រក"), "ក្រ");
        assert_eq!(reorder("េ្របី"), "ប្រើ");
        // ស្ត្រី: ro after the other subscript
        assert_eq!(reorder("្រស្តី"), "ស្ត្រី");
        // ro before a vowel typed before: គេប្រឡែង
        assert_eq!(reorder("េគ្របែឡង"), "គេប្រឡែង");
    }

    #[test]
    fn register_shifters_go_before_the_vowel() {
        assert_eq!(reorder("បា៉"), "ប៉ា");
        assert_eq!(reorder("បូ៊"), "ប៊ូ");
    }

    #[test]
    fn u_under_a_raised_vowel_is_a_shifter() {
        assert_eq!(reorder("បុី"), "ប៉ី");
        assert_eq!(reorder("សីុ"), "ស៊ី");
        assert_eq!(reorder("ន្សីុ"), "ន្ស៊ី");
        assert_eq!(reorder("េបីុង"), "ប៉ើង");
        assert_eq!(reorder("ប្បុ័ង"), "ប្ប៉័ង");
        // a real ុ with a sign stays
        assert_eq!(reorder("កំុ"), "កុំ");
    }

    #[test]
    fn signs_follow_the_vowel_whatever_the_typed_order() {
        assert_eq!(reorder("របំា"), "របាំ");
        assert_eq!(reorder("ចំេពាះ"), "ចំពោះ");
    }

    #[test]
    fn po_and_aa_around_a_nyo_subscript_are_nyo() {
        assert_eq!(reorder("បពា្ញា"), "បញ្ញា");
        assert_eq!(reorder("បព្ជាី"), "បញ្ជី");
        assert_eq!(reorder("បពា្ហា"), "បញ្ហា");
        assert_eq!(reorder("បព្ហាា"), "បញ្ហា");
        // ព with another subscript keeps its ា
        assert_eq!(reorder("ព្យា"), "ព្យា");
    }

    #[test]
    fn robat_follows_the_base() {
        assert_eq!(reorder("ធម៌"), "ធម៌");
        assert_eq!(reorder("ព៌ា"), "ព៌ា");
    }

    #[test]
    fn other_text_is_copied_and_strays_never_panic() {
        assert_eq!(reorder("abc 12"), "abc 12");
        assert_eq!(reorder("េ"), "េ");
        assert_eq!(reorder("្រ"), "្រ");
        assert_eq!(reorder("ា"), "ា");
        assert_eq!(reorder("្"), "្");
        assert_eq!(reorder("ក ។ េ"), "ក ។ េ");
    }
}
