//! The ABC encoding (ABC-TEXT-01…24, ABC-FANCY, ABC-HEAD): only the codes
//! where it differs from [`super::common`]. The "…A" fonts, which draw a
//! zero-width space on the space bar, are a different layout and are not
//! covered.

/// Ligatures, tried before single codes.
pub(super) const SEQUENCES: &[(&[u8], &str)] = &[
    (b"\xab_", "ឳ"),    // ឧ with toandakhiat's curl
    (b"\xabu", "ឩ"),    // ឧ with a foot
    (b"\xab\x91", "ឨ"), // ឧ with triisap's hook
];

/// One ABC code, or `None` for the shared table.
pub(super) fn single(code: u8) -> Option<&'static str> {
    Some(match code {
        b'L' => "ឡ",
        b'}' => "ឥ",
        0xBB => "ឦ", // »
        0xAB => "ឧ", // «
        b']' => "ឪ",
        b'{' => "ឱ",
        b'[' => "ឲ្យ",
        b'\\' => "ឭ",
        b'|' => "ឮ",
        0xAC => "ឫ", // ¬
        0xA6 => "ឬ", // ¦
        0xB9 => "ខ្ញុំ",
        0xC1 => "បៅ", // ligature
        0xE1 => "បា", // ligature
        b';' => "្ក",
        b':' => "្គ",
        b'S' => "្ថ",
        0xDF => "្ស",
        b'H' => "្ហ",
        0xF0 => "្អ",
        0xB0 => "ំ", // drawn higher
        0xBC => "ះ",
        0xA3 => "ៈ",
        0xA8 => "៉",
        0x91 => "៊",
        0x92 | 0xB7 => "៌", // · in ABC-TEXT-24
        0xB4 => "់",
        b'&' => "័",
        b'#' => "ិ៍",
        b'.' => "។",
        b'>' => "៕",
        0xBD => "៖",
        b'@' => "ៗ",
        b'$' => "៛",
        b'=' => "+",
        0xF7 => "=",
        0xA1 => "~",
        0xA4 => "$",
        0xA5 => "-",
        0xAA => "9",
        0xBA => "0",
        0xBF => ".",
        0xD7 => "x",
        0xB2 => "\u{201C}",
        0xB3 => "\u{201D}",
        _ => return None,
    })
}
