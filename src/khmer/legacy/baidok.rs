//! The Baidok encoding (Baidok3A, Baidok3C, Baidok3D): only the codes where
//! it differs from [`super::common`].
//!
//! Learned from the Khmer OS converter's font data (KhmerConverter,
//! `modules/fontdata.xml`, font type "baidok"); no table or code copied.
//! Baidok keeps most of the shared letter layout but swaps ថ/ឋ and ធ/ឍ,
//! moves some subscripts onto other codes and puts punctuation where the
//! shared table has signs. Where that data reads a code two ways, the
//! choice made here is said at the entry.

/// Ligatures, tried before single codes. ឰ (ព + the subscript ធ, `BÆ`) is
/// not one: ព្ធ (ប្រារព្ធ) is typed with the same two codes and far commoner.
/// `.l.` is not one either: ។ល។ is how Unicode wants it written.
pub(super) const SEQUENCES: &[(&[u8], &str)] = &[
    (b"\xf3\xbe", "ឳ"), // ó¾: ឧ with toandakhiat's curl
    (b"\xf3u", "ឩ"),    // ó + ុ: ឧ with a foot
    (b"\xf3)", "ឨ"),    // ó + ៊: ឧ with triisap's hook
];

/// Codes the shared table reads as Khmer that Baidok does not draw as
/// Khmer: left as they are.
pub(super) const NOT_KHMER: &[u8] = b"+\xcd";

/// One Baidok code, or `None` for the shared table.
pub(super) fn single(code: u8) -> Option<&'static str> {
    Some(match code {
        // Consonants where Baidok swaps the shared layout.
        b'f' => "ឋ",
        b'z' => "ថ",
        b'F' => "ឍ",
        b'Z' => "ធ",
        // G is អ as in the shared table, though the converter's data reads
        // a bare G as ឣ (U+17A3, which Unicode deprecates; it draws the
        // same) and only G + ា as អា.
        b'L' => "ឡ",
        b':' => "បា", // ligature
        0xB6 => "បៅ", // ¶, ligature
        b'J' => "ពា", // ligature
        // Independent vowels.
        0xAB => "ឥ", // «
        0xA4 => "ឦ", // ¤
        0xF3 => "ឧ", // ó
        0xD3 => "ឪ", // Ó
        b'O' => "ឱ",
        b'o' => "ឲ្យ",
        b'#' => "ឫ",
        0xDF => "ឬ",        // ß
        b'"' | 0xA3 => "ឭ", // £: the same glyph on a second code
        0xBB | 0xC3 => "ឮ", // », Ã
        // Subscripts on other codes than the shared table's.
        b',' => "្ក",
        0xA1 => "្ខ", // ¡
        b'<' => "្គ",
        0xB9 => "្ឃ",        // ¹
        0xE1 => "្ង",         // á
        b'\\' | 0xA6 => "្ញ", // ¦: shorter, over a lower vowel
        0xBF => "្ឍ",        // ¿
        0xF0 => "្ឋ",         // ð
        0xE6 => "្ថ",         // æ
        0xC6 => "្ធ",         // Æ
        b'|' => "្ប",
        0xAC => "្ព", // ¬
        b'S' => "្ស",
        b'$' | b'`' | 0xD8 => "្ហ", // three heights of one glyph
        b'%' => "្វ",               // drawn lower than V
        0xC1 => "្អ",               // Á
        // Vowels: ៀ and ឿ on brackets, the raised ones on braces.
        b'[' | b'{' => "ៀ",
        b']' | b'}' => "ឿ",
        0xE5 | 0xD5 => "ឺ", // å, Õ: raised, at two heights
        // Signs.
        b'H' => "ះ",
        b';' => "ៈ", // the converter's data also reads it as a Latin colon
        0xA8 => "៉",  // ¨
        b')' => "៊",
        b'(' => "៌",
        0xB4 => "់", // ´
        b'&' => "័",
        b'@' => "៎",
        b'*' => "៏",
        0xBE => "៍", // ¾
        // Punctuation.
        b'.' => "។",
        0xA7 => "៕", // §
        b'?' => "៖",
        b'>' => "ៗ",
        0x80 | 0xEB => "៚", // €, ë
        b'/' => "?",
        b'_' => "-",
        0xB0 => ";",
        0xC7 => ".",
        0xE7 => ",",
        b'=' => "+",
        0xD7 => "=",
        b'\'' => "x",
        0xB2 => "\u{201C}",
        0xB3 => "\u{201D}",
        _ => return None,
    })
}
