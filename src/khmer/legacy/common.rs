//! The codes Limon and ABC share: both families grew from the same
//! keyboard layout, so most consonants, vowels and subscripts sit on the
//! same codes, and Khek and Baidok keep most of its letters. Each family's
//! file lists only where it differs ([`super::limon`], [`super::abc`],
//! [`super::khek`], [`super::baidok`]) and falls back to this one.
//!
//! Written from the fonts' character charts and checked against public
//! converters' behaviour. Codes are Windows-1252 bytes, because that is how
//! Word stored them; each entry gives the Unicode characters the glyph
//! stands for in the order the glyph was typed (reordering comes after, in
//! [`super::reorder`]).

/// Ligatures of several codes shared by both families. `.l.` is not one:
/// it is ។ល។ as Unicode wants it written, not the discouraged ៘.
pub(super) const SEQUENCES: &[(&[u8], &str)] = &[];
// ឰ (U+17B0, drawn as ព + the subscript ធ's glyph) is not a ligature here:
// ព្ធ (ប្រារព្ធ) is far more common and typed with the same two codes.

/// One shared code; `None` for a code the family file must decide or that
/// is not Khmer (left as it is).
pub(super) fn single(code: u8) -> Option<&'static str> {
    Some(match code {
        // Khmer digits on the digit keys.
        b'0'..=b'9' => DIGITS[usize::from(code - b'0')],
        // Consonants.
        b'k' => "ក",
        b'x' => "ខ",
        b'K' => "គ",
        b'X' => "ឃ",
        b'g' => "ង",
        b'c' => "ច",
        b'q' => "ឆ",
        b'C' => "ជ",
        b'Q' => "ឈ",
        b'j' => "ញ",
        b'd' => "ដ",
        b'z' => "ឋ",
        b'D' => "ឌ",
        b'Z' => "ឍ",
        b'N' => "ណ",
        b't' => "ត",
        b'f' => "ថ",
        b'T' => "ទ",
        b'F' => "ធ",
        b'n' => "ន",
        b'b' => "ប",
        b'p' => "ផ",
        b'B' => "ព",
        b'P' => "ភ",
        b'm' => "ម",
        b'y' => "យ",
        b'r' => "រ",
        b'l' => "ល",
        b'v' => "វ",
        b's' => "ស",
        b'h' => "ហ",
        b'G' => "អ",
        0xC9 => "ឯ", // É
        // Subscripts: coeng and consonant drawn as one glyph.
        0xE7 => "្ខ",
        0xC7 => "្ឃ",
        0xB6 => "្ង",
        0xA9 => "្ច",
        0xE4 => "្ឆ",
        0xA2 => "្ជ",
        0xC4 => "្ឈ",
        b'J' | 0xD8 => "្ញ", // Ø: the shorter one, over a lower vowel
        0xD0 => "្ឌ",
        0xE6 => "្ឋ",
        0xC6 => "្ឍ",
        0xD1 => "្ណ",
        0xFE => "្ត", // also ្ដ: the fonts draw them alike
        0xDE => "្ទ",
        0xA7 => "្ធ",
        0xF1 => "្ន",
        b',' => "្ប",
        0xF6 => "្ផ",
        b'<' => "្ព",
        0xD6 => "្ភ",
        0xB5 => "្ម",
        0xFC => "្យ",
        b'R' | 0xAE => "្រ", // ®: the short one, beside a lower vowel
        0xF8 => "្ល",
        b'V' => "្វ",
        // Dependent vowels. The accented codes are the same vowels drawn
        // higher or lower, clear of a subscript or a tall consonant: Word
        // users typed them, though no converter from Unicode writes them.
        b'a' => "ា",
        b'i' | 0xED => "ិ",
        b'I' | 0xCD => "ី",
        b'w' | 0xE5 => "ឹ",
        b'W' | 0xC5 => "ឺ",
        b'u' | 0xFA => "ុ",
        b'U' | 0xDA => "ូ",
        b'Y' | 0xDC => "ួ",
        b'O' | 0xD3 => "ឿ",
        b'o' | 0xF3 => "ៀ",
        b'e' => "េ",
        b'E' => "ែ",
        0xE9 => "ៃ", // é
        b'A' => "ៅ",
        // Signs.
        b'M' => "ំ",
        b'_' => "៍",
        b'+' => "៎",
        0xBE => "៏",
        // Punctuation.
        b'/' => ",",
        _ => return None,
    })
}

const DIGITS: [&str; 10] = ["០", "១", "២", "៣", "៤", "៥", "៦", "៧", "៨", "៩"];
