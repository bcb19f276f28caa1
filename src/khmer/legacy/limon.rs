//! The Limon encoding: Limon S1–S7, R1–R7 and F1–F7 are one encoding in
//! different shapes (the public charts and converters treat them alike).
//! Only the codes where Limon differs from [`super::common`].

use crate::khmer::cluster::{is_base, is_khmer};

/// Ligatures, tried before single codes.
pub(super) const SEQUENCES: &[(&[u8], &str)] = &[
    (b"]\x91", "ឨ"),  // ឧ with triisap's hook
    (b"]u", "ឩ"),     // ឧ with a foot
    (b"]_", "ឳ"),     // ឧ with toandakhiat's curl
    (b"B\xa3", "ឭ"),  // ព with ញ's tail
    (b"b\xa3", "ឫ"),  // ប with ញ's tail
    (b"B\xa4", "ឮ"),  // ព with the longer tail
    (b"b\xa4", "ឬ"),  // ប with the longer tail
    (b" \xb3", " ៖"), // Limon has one glyph for ៈ and ៖: after a space it is ៖
];

/// One Limon code, or `None` for the shared table.
pub(super) fn single(code: u8) -> Option<&'static str> {
    Some(match code {
        // Latin digits, shifted.
        b'!' => "1",
        b'@' => "2",
        b'#' => "3",
        b'$' => "4",
        b'%' => "5",
        b'^' => "6",
        b'&' => "7",
        b'*' => "8",
        b'(' => "9",
        b')' => "ប", // the ប that ligates with ា
        b'L' => "ឡ",
        b'\\' => "ឥ",
        b'|' => "ឦ",
        b']' => "ឧ",
        0xAB => "ឪ", // «
        0xBB => "ឱ", // »
        b'[' => "ឲ្យ",
        0xB4 => "ខ្ញុំ", // ´
        0xE1 => "្ក",
        0xC1 => "្គ",
        0xDF => "្ថ",
        b'S' => "្ស",
        0xF0 => "្ហ",
        0xA5 => "្អ",
        0xA3 => "្ញ", // £: the tail under ព + ា that makes ញ
        0xA4 => "្ញុ", // ¤
        0xBF => "ំ", // ¿: drawn higher
        b'H' => "ះ",
        0xB3 => "ៈ",
        b':' => "៉",
        0x91 => "៊",
        0x92 => "៌",
        b';' => "់",
        0xBD => "័",
        0xD7 => "ិ៍",
        b'.' => "។",
        0xB2 => "ៗ",
        b'`' | 0xB9 => "៛",
        b'>' => ".",
        0xBC => "/",
        b'{' => "\u{201C}",
        b'}' => "\u{201D}",
        0xA1 => "!",
        0xA6 => ")",
        0xAC => "(",
        0xB0 => "%",
        0xF7 => "+",
        _ => return None,
    })
}

/// Limon has one glyph for the sign ៈ (yuukaleapintu, on a bare consonant:
/// លក្ខណៈ, គណៈ) and the punctuation ៖ (a colon: ថា៖, ភ្នំពេញ៖, 8៖19). In
/// Unicode text (after [`super::reorder`]) a ៈ stays the sign on a bare
/// consonant followed by a Khmer letter or a space, and becomes ៖ after a
/// vowel or sign, after anything but a Khmer letter, or before a line end,
/// a digit or punctuation. (Counted on the workplace corpus: of 443 signs,
/// this reads 23 wrong: ៖ run into the next word, ភ្នំពេញ៖គ្រោះ…, and ៈ
/// before a digit.)
pub(super) fn colons(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c != YUUKALEAPINTU {
            out.push(c);
            continue;
        }
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let on_bare_consonant = before.is_some_and(is_base);
        let inside_a_word = after.is_some_and(|a| is_khmer(a) || a == ' ');
        out.push(if on_bare_consonant && inside_a_word {
            YUUKALEAPINTU
        } else {
            '៖'
        });
    }
    out
}

const YUUKALEAPINTU: char = '\u{17C8}';
