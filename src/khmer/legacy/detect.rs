//! Telling Khmer typed in a legacy font from Latin text: a Khmer document's
//! body pasted from an old Word file shows Latin letters where Khmer should
//! be ("ebaHeqñat" for បោះឆ្នោត), and `check` must say so without ever
//! mistaking English, an acronym or an address for it.
//!
//! Three things must hold together. The words look typed, not written:
//! most carry a capital inside a word (Limon puts ី ំ គ ណ on capitals) or
//! one of the Latin-1 signs the fonts use for subscripts (¶ ñ þ ü …). They
//! are not English: few of them are English's commonest words. And they
//! convert into Khmer that is nearly all valid clusters.

use super::{convert, Conversion, LegacyFont, DETECTED};
use crate::khmer::cluster::is_khmer_script;

/// Fewest letters a text must have to be judged at all: a word or two of
/// Latin in a Khmer text is an acronym or a name, not a paste.
const MIN_LETTERS: usize = 12;

/// Share of candidate words that must look typed in a legacy font.
const MIN_TYPED_SHARE: f32 = 0.5;

/// Share of candidate words that may be common English words.
const MAX_ENGLISH_SHARE: f32 = 0.1;

/// Share of clusters that may come out invalid.
const MAX_INVALID_SHARE: f32 = 0.1;

/// The family `text` was typed in, if it reads as legacy-font Khmer: the
/// one whose conversion is the most valid (Limon on a tie).
pub fn detect(text: &str) -> Option<LegacyFont> {
    detect_with(text, None)
}

/// [`detect`], or with `named` (a family given with `--font`) that family
/// alone, a word then looking typed also by any Latin-1 code that family's
/// table reads as Khmer (Khek's ¨ ~ ì, which Limon and ABC do not use).
pub fn detect_with(text: &str, named: Option<LegacyFont>) -> Option<LegacyFont> {
    best_from(text, MIN_LETTERS, named).map(|(font, _)| font)
}

/// [`detect`] for a line of a text already known to hold legacy text (other
/// lines of it were detected): a short line such as a heading is judged
/// too, from three letters on.
pub fn detect_in_legacy_text(text: &str) -> Option<LegacyFont> {
    detect_in_legacy_text_with(text, None)
}

/// [`detect_in_legacy_text`], with `named` as in [`detect_with`].
pub fn detect_in_legacy_text_with(text: &str, named: Option<LegacyFont>) -> Option<LegacyFont> {
    best_from(text, 3, named).map(|(font, _)| font)
}

/// [`detect`], with the conversion of the candidate words.
pub fn best(text: &str) -> Option<(LegacyFont, Conversion)> {
    best_from(text, MIN_LETTERS, None)
}

fn best_from(
    text: &str,
    min_letters: usize,
    named: Option<LegacyFont>,
) -> Option<(LegacyFont, Conversion)> {
    let words: Vec<&str> = candidate_words(text).collect();
    let letters: usize = words
        .iter()
        .map(|w| w.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    // Khmer with a few Latin names in it ("(CamboJA)", "Idlib") is Khmer:
    // legacy text pasted from Word is the whole line, not a word or two.
    let khmer = text.chars().filter(|&c| is_khmer_script(c)).count();
    if letters < min_letters || khmer > letters {
        return None;
    }
    let share = |n: usize| n as f32 / words.len() as f32;
    let typed = words
        .iter()
        .filter(|w| looks_typed(w) || named.is_some_and(|font| has_latin1_khmer(font, w)))
        .count();
    let english = words.iter().filter(|w| is_common_english(w)).count();
    if share(typed) < MIN_TYPED_SHARE || share(english) > MAX_ENGLISH_SHARE {
        return None;
    }
    let joined = words.join(" ");
    let families = match &named {
        Some(font) => std::slice::from_ref(font),
        None => &DETECTED[..],
    };
    families
        .iter()
        .map(|&font| (font, convert(font, &joined)))
        .filter(|(_, c)| c.clusters >= 2 && c.invalid_share() <= MAX_INVALID_SHARE)
        .min_by(|a, b| a.1.invalid_share().total_cmp(&b.1.invalid_share()))
}

/// The words of `text` a legacy font could have drawn: every character a
/// Windows-1252 code, at least one letter, and not an address.
pub fn candidate_words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace().filter(|w| {
        w.chars().all(|c| super::code_of(c).is_some())
            && w.chars().any(char::is_alphabetic)
            && !is_address(w)
    })
}

/// A URL, a domain or an email address.
fn is_address(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    lower.contains("://")
        || lower.starts_with("www.")
        || lower.contains('@') && lower.contains('.')
        || [".com", ".org", ".gov", ".kh", ".net", ".html", ".pdf"]
            .iter()
            .any(|tld| {
                lower
                    .trim_end_matches(|c: char| !c.is_alphanumeric())
                    .ends_with(tld)
            })
}

/// A capital right after a small letter (ebaHeqñat), or a Latin-1 sign the
/// legacy fonts use for subscripts and raised vowels and Latin text hardly
/// ever does.
pub fn looks_typed(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let inner_capital = chars
        .windows(2)
        .any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase());
    inner_capital || chars.iter().any(|c| LEGACY_SIGNS.contains(*c))
}

/// A character of `word` on a Latin-1 code (0xA0 up) that `font` reads as
/// Khmer.
fn has_latin1_khmer(font: LegacyFont, word: &str) -> bool {
    word.chars().filter_map(super::code_of).any(|code| {
        code >= 0xA0
            && font
                .single(code)
                .is_some_and(|u| u.chars().any(crate::khmer::cluster::is_khmer))
    })
}

/// Latin-1 characters that stand for Khmer subscripts, raised vowels and
/// signs in Limon and ABC, and are rare in Latin text (accented letters of
/// French or Spanish are left out).
const LEGACY_SIGNS: &str = "¢£¤¥¦§©¬®°²³´µ¶¹¼½¾¿ÄÅÆÇÐÑÖ×ØÚÜÞßäåæçðñöøüþ÷";

/// English's commonest short words, which legacy-font Khmer almost never
/// spells out between spaces.
fn is_common_english(word: &str) -> bool {
    let bare = word
        .trim_matches(|c: char| !c.is_ascii_alphabetic())
        .to_ascii_lowercase();
    COMMON_ENGLISH.contains(&bare.as_str())
}

const COMMON_ENGLISH: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "is", "for", "on", "that", "with", "by", "as", "at",
    "from", "be", "are", "was", "this", "it", "or", "an", "not", "will", "has", "have", "were",
    "which", "its", "their", "his", "her", "they", "we", "you", "i", "he", "she", "but", "all",
    "can", "no", "if", "so", "do", "our", "who", "had", "been", "more", "one", "about", "into",
    "than", "other", "there", "per", "des", "les", "la", "le", "de", "et", "du", "en",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_khmer_is_found() {
        // "Date of birth", "National Election Committee" in Limon.
        assert_eq!(detect("éf¶ExqñaMkMeNIt"), Some(LegacyFont::Limon));
        assert_eq!(
            detect("KN³km\u{b5}kar C atierobcMkare)aHeqñat"),
            Some(LegacyFont::Limon)
        );
    }

    #[test]
    fn a_named_family_counts_its_own_latin1_codes_as_typed() {
        // ក្រុម ក្រុង ក្រោយ ប្រាក់ ព្រឹក in Khek: no capital inside a word, and
        // its subscript ro ¨ is no Limon or ABC sign.
        let khek = "¨kum ¨kug e¨kay ¨bak' ¨Bwk";
        assert_eq!(detect(khek), None);
        assert_eq!(
            detect_with(khek, Some(LegacyFont::Khek)),
            Some(LegacyFont::Khek)
        );
        assert_eq!(
            convert(LegacyFont::Khek, khek).text,
            "ក្រុម ក្រុង ក្រោយ ប្រាក់ ព្រឹក"
        );
        // English stays English whichever family is named.
        for font in super::super::FAMILIES {
            assert_eq!(
                detect_with(
                    "The National Election Committee announced the results.",
                    Some(font)
                ),
                None
            );
        }
    }

    #[test]
    fn english_acronyms_and_addresses_are_not() {
        for text in [
            "The National Election Committee announced the results of the 2013 election.",
            "Results by province, in PDF and CSV.",
            "NEC COMFREL NICFEC UNTAC",
            "https://www.nec.gov.kh/khmer/content/2013-results?page=1&lang=km",
            "See www.comfrel.org or write to info@comfrel.org",
            "MoEYS MoI PhD",
            "UNDP, USAID and EU observers",
            "Phnom Penh, Kampong Cham, Siem Reap and Battambang",
        ] {
            assert_eq!(detect(text), None, "{text}");
        }
    }

    #[test]
    fn khmer_with_a_few_latin_words_is_not() {
        // From the benchmark corpus: names in a Khmer sentence.
        assert_eq!(
            detect("កម្ពុជា ថាស៊ីប (Cyprus) មន្រ្តីរដ្ឋាភិបាលបានអះអាង សមាគម «ខេមបូចា» (CamboJA) ផ្ដោតសំខាន់"),
            None
        );
        assert_eq!(detect("គណៈកម្មាធិការជាតិរៀបចំការបោះឆ្នោត (NEC) បានប្រកាស"), None);
        assert_eq!(detect("ឯកសារ PDF នៅ https://www.nec.gov.kh"), None);
    }
}
