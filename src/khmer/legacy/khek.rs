//! The Khek encoding (Khek Anlongvill, Battambang, Mool, Riel, Sambot,
//! Samreth, and their vertical "@… Khek" twins): only the codes where it
//! differs from [`super::common`].
//!
//! Learned from the Khmer OS converter's font data (KhmerConverter,
//! `modules/fontdata.xml`, font type "khek"); no table or code copied.
//! Khek keeps the shared layout's letters and most vowels, but its Latin-1
//! codes are its own: subscripts, Latin digits and punctuation sit
//! elsewhere, and it has ligatures of ា (ាំ, ាះ, បា, ពា). Unlike Limon it
//! draws ្ដ and ្ត apart.

/// Ligatures, tried before single codes. G + ា is not one: the converter's
/// data reads it as ឤ, which Unicode deprecates in favour of អា, what G
/// and a give anyway. `.l.` is not one: ។ល។ is how Unicode wants it written.
pub(super) const SEQUENCES: &[(&[u8], &str)] = &[
    (b"\xd3\xdf", "ឨ"), // Óß: ឧ with triisap's hook
];

/// Codes the shared table reads as Khmer that Khek draws as themselves
/// (`+ , /`) or not at all (`<`, Ö): left as they are.
pub(super) const NOT_KHMER: &[u8] = b"+,/<\xd6";

/// One Khek code, or `None` for the shared table.
pub(super) fn single(code: u8) -> Option<&'static str> {
    Some(match code {
        b'L' => "ឡ",
        b'V' => "បា", // ligature
        0xD7 => "បៅ", // ×, ligature
        b'J' => "ពា", // ligature
        b'S' => "ាំ",  // ligature
        0xEA => "ាះ", // ê, ligature
        // Independent vowels.
        0xB2 => "ឥ",        // ²
        0xF8 => "ឦ",        // ø
        0xD3 => "ឧ",        // Ó
        0xFC | 0x8C => "ឩ", // ü, Œ
        0xD2 => "ឪ",        // Ò
        0xE4 => "ឯ",        // ä
        0xDE => "ឰ",        // Þ: its own code, so ព្ធ stays ព្ធ
        b'{' => "ឱ",
        0xFE => "ឳ", // þ
        b'[' => "ឲ្យ",
        0xF2 => "ឫ", // ò
        0xC9 => "ឬ", // É
        0xAE => "ឭ", // ®
        0xBE => "ឮ", // ¾
        // Subscripts.
        0xFB => "្ក",        // û
        0xC5 => "្ខ",        // Å
        0xF0 => "្គ",        // ð
        0xF4 => "្ឃ",       // ô
        0xA9 => "្ង",        // ©
        0xCD => "្ច",        // Í
        0xCF => "្ឆ",        // Ï
        0xB9 => "្ជ",        // ¹
        0xCE => "្ឈ",       // Î
        0xC6 | 0xEF => "្ញ", // Æ, ï: the second shorter
        0x91 => "្ដ",        // ‘: drawn apart from ្ត
        0xBD => "្ឋ",        // ½
        0xEB => "្ឌ",        // ë
        0xF3 => "្ឍ",       // ó
        0xF6 => "្ណ",        // ö
        // ¶, and the no-break space's code: that one is also a space to the
        // word splitters, so a ្ត typed there may stay a space.
        0xB6 | 0xA0 => "្ត",
        0xC4 => "្ថ", // Ä
        0xE6 => "្ទ", // æ
        0xEC => "្ធ", // ì
        b'~' => "្ន",
        0xBA => "្ប",        // º
        0xD8 | 0x82 => "្ផ",  // Ø, ‚
        0xF5 => "្ព",         // õ
        0xB8 => "្ភ",         // ¸
        0xB4 => "្យ",        // ´
        0xA8 | 0xE5 => "្រ", // ¨, å: the second shorter, beside a lower vowel
        0xC2 => "្ល",         // Â
        0xC3 => "្វ",         // Ã
        0xA7 => "្ស",        // §
        0xFA | 0xF1 => "្ហ",  // ú, ñ
        0xED => "្អ",         // í
        // Vowels drawn higher or lower than the shared codes': ^ · ã are
        // the raised ិ ឹ ឺ the converter writes for Unicode text but does
        // not read back.
        b'^' => "ិ",
        0xE9 => "ី",  // é
        0xB7 => "ឹ",  // ·
        0xE3 => "ឺ",  // ã
        0xAC => "ុ",  // ¬
        0xE8 => "ូ",  // è
        0xE7 => "ួ",  // ç
        0xAF => "ឿ", // ¯
        0xBF => "ៀ", // ¿
        0xAB => "ៃ", // «
        0xF7 => "ំ",  // ÷
        // Signs.
        b'H' => "ះ",
        0xEE => "ៈ",                     // î
        b'"' | 0x94 | 0xC0 | 0xD4 => "៉", // ”, À, Ô: heights of one sign
        0xDF => "៊",                      // ß
        0xE1 => "៌",                      // á
        b'\'' | 0x92 | 0xD5 => "់",       // ’, Õ
        b'&' => "័",
        0xB1 => "៎", // ±
        b'*' => "៏",
        // Punctuation.
        b'.' => "។",
        0xB3 => "៕", // ³
        0xD0 => "៖", // Ð
        b'@' => "ៗ",
        0xDD => "៛", // Ý
        0xDB => "៙", // Û
        0xDA => "៚", // Ú
        b'\\' => "\u{201C}",
        b'|' => "\u{201D}",
        0xC7 => "«",
        0xC8 => "»",
        0xF9 => ".", // ù
        0xD1 => "_", // Ñ
        b'R' | 0xDC => "*",
        0xE2 => "x", // â
        0x88 => "^",
        0x98 => "~",
        0xA1 => "·", // ¡: a bigger dot
        // Latin digits on Latin-1 codes (the digit keys give Khmer ones).
        0xC1 => "1", // Á
        0xAA => "2", // ª
        0xA3 => "3", // £
        0xA2 => "4", // ¢
        0xB0 => "5", // °
        0xA4 => "6", // ¤
        0xA6 => "7", // ¦
        0xA5 => "8", // ¥
        0xBB => "9", // »
        0xBC => "0", // ¼
        _ => return None,
    })
}
