//! Khmer typed in pre-Unicode ("legacy") fonts, converted to Unicode.
//!
//! Before Unicode, Khmer was typed in fonts that put Khmer glyphs on the
//! codes of Latin letters (Limon, ABC, …): a Word file or PDF from those
//! years holds "éf¶ExqñaMkMeNIt" where a reader saw ថ្ងៃខែឆ្នាំកំណើត.
//! Converting is two steps: map every code to the Khmer characters its
//! glyph draws ([`common`], [`limon`], [`abc`], [`khek`], [`baidok`]), then
//! put each cluster in
//! Unicode's order ([`reorder`]). How well it went is measured by how many
//! clusters came out as valid Khmer ([`crate::khmer::cluster::is_valid_cluster`]).

mod abc;
mod baidok;
mod common;
pub mod detect;
mod khek;
mod limon;
pub mod reorder;

use crate::khmer::cluster::{clusters, is_khmer, is_valid_cluster};

/// A pre-Unicode Khmer font family whose encoding we know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum LegacyFont {
    /// Limon S1–S7, R1–R7, F1–F7 (one encoding).
    Limon,
    /// ABC-TEXT-01…24, ABC-FANCY, ABC-HEAD (not the "…A" zero-width-space
    /// fonts).
    Abc,
    /// Khek Anlongvill, Battambang, Mool, Riel, Sambot, Samreth (and the
    /// vertical "@Anlongvill Khek"…).
    Khek,
    /// Baidok3A, Baidok3C, Baidok3D.
    Baidok,
}

/// Every family we have a table for.
pub const FAMILIES: [LegacyFont; 4] = [
    LegacyFont::Limon,
    LegacyFont::Abc,
    LegacyFont::Khek,
    LegacyFont::Baidok,
];

/// The families text is tried in when nothing names its font (a Markdown
/// paste): Khek and Baidok share most letter codes with Limon, so Limon
/// text often reads as valid Khek or Baidok too, and with no real Khek or
/// Baidok text to measure on, guessing them would only risk turning a
/// Limon paste into wrong Khmer. A PDF names its font: there
/// [`LegacyFont::from_font_name`] decides.
pub const DETECTED: [LegacyFont; 2] = [LegacyFont::Limon, LegacyFont::Abc];

impl LegacyFont {
    /// From a PDF or CSS font name ("Limon S1", "LimonR1", "ABC-TEXT-05",
    /// "Khek Anlongvill", "Baidok3C", subset prefix already removed);
    /// `None` if not a legacy family we can convert.
    pub fn from_font_name(name: &str) -> Option<LegacyFont> {
        let key = squeeze(name);
        // The vertical Khek fonts are named "@Anlongvill Khek".
        let khek =
            key.starts_with("khek") || key.strip_prefix('@').is_some_and(|k| k.ends_with("khek"));
        if key.starts_with("limon") {
            Some(LegacyFont::Limon)
        } else if khek {
            Some(LegacyFont::Khek)
        } else if key.starts_with("baidok") {
            Some(LegacyFont::Baidok)
        } else if let Some(rest) = key.strip_prefix("abc") {
            // ABC-TEXT-05A and the like draw a zero-width space on the space
            // bar: another layout, not converted.
            let variant = rest.trim_start_matches(|c: char| c.is_ascii_alphabetic());
            let zwsp = variant
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .starts_with('a');
            (!zwsp && is_abc_style(rest)).then_some(LegacyFont::Abc)
        } else {
            None
        }
    }

    /// Whether the name looks like any legacy Khmer family, known or not
    /// (for "unknown legacy font" detection).
    pub fn is_legacy_name(name: &str) -> bool {
        let key = squeeze(name);
        let lower = name.trim().to_ascii_lowercase();
        LegacyFont::from_font_name(name).is_some()
            // Every ABC-… and ABC_… font is of the family, styles we have no
            // table for included.
            || lower.starts_with("abc-")
            || lower.starts_with("abc_")
            || key.starts_with("abc")
                && (key.contains("text")
                    || key.contains("fancy")
                    || key.contains("head")
                    || key.contains("zar"))
            || LEGACY_PREFIXES.iter().any(|p| key.starts_with(p))
            || key
                .strip_prefix("fk")
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    }

    /// The family's name as people know it: "Limon", "ABC".
    pub fn name(self) -> &'static str {
        match self {
            LegacyFont::Limon => "Limon",
            LegacyFont::Abc => "ABC",
            LegacyFont::Khek => "Khek",
            LegacyFont::Baidok => "Baidok",
        }
    }

    /// From a `--font` value: "limon", "abc", "khek", "baidok".
    pub fn from_cli(s: &str) -> Option<LegacyFont> {
        match s.trim().to_ascii_lowercase().as_str() {
            "limon" => Some(LegacyFont::Limon),
            "abc" => Some(LegacyFont::Abc),
            "khek" => Some(LegacyFont::Khek),
            "baidok" => Some(LegacyFont::Baidok),
            _ => None,
        }
    }

    /// The `--font` value naming this family.
    pub fn cli_name(self) -> &'static str {
        match self {
            LegacyFont::Limon => "limon",
            LegacyFont::Abc => "abc",
            LegacyFont::Khek => "khek",
            LegacyFont::Baidok => "baidok",
        }
    }

    fn sequences(self) -> &'static [(&'static [u8], &'static str)] {
        match self {
            LegacyFont::Limon => limon::SEQUENCES,
            LegacyFont::Abc => abc::SEQUENCES,
            LegacyFont::Khek => khek::SEQUENCES,
            LegacyFont::Baidok => baidok::SEQUENCES,
        }
    }

    /// Codes the shared table reads as Khmer that this family does not.
    fn not_khmer(self) -> &'static [u8] {
        match self {
            LegacyFont::Limon | LegacyFont::Abc => &[],
            LegacyFont::Khek => khek::NOT_KHMER,
            LegacyFont::Baidok => baidok::NOT_KHMER,
        }
    }

    fn single(self, code: u8) -> Option<&'static str> {
        match self {
            LegacyFont::Limon => limon::single(code),
            LegacyFont::Abc => abc::single(code),
            LegacyFont::Khek => khek::single(code),
            LegacyFont::Baidok => baidok::single(code),
        }
        .or_else(|| {
            (!self.not_khmer().contains(&code))
                .then(|| common::single(code))
                .flatten()
        })
    }
}

/// Name prefixes (lower case, no spaces or dashes) of legacy Khmer font
/// families we have no table for: Kaoh Kong, Rasmei, Truth, … (FK1, FK2…
/// are matched apart: "fk" alone is too short a prefix.)
const LEGACY_PREFIXES: &[&str] = &[
    "kaohkong",
    "kswkaohkong",
    "arasmei",
    "rasmei",
    "truth",
    "khsystem",
    "ksl",
    "kangrey",
];

/// ABC-TEXT, ABC-FANCY, ABC-HEAD and ABC-ZAR: the ABC encoding's fonts.
fn is_abc_style(rest: &str) -> bool {
    ["text", "fancy", "head", "zar"]
        .iter()
        .any(|s| rest.starts_with(s))
}

/// Lower case with spaces, dashes and underscores dropped: "Limon S1",
/// "LimonS1" and "limon-s1" are one name.
fn squeeze(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Legacy text converted to Unicode, with how much of it came out as
/// valid Khmer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversion {
    pub text: String,
    /// Khmer clusters in `text`.
    pub clusters: usize,
    /// Those of them that are not valid Khmer orthography.
    pub invalid_clusters: usize,
}

impl Conversion {
    /// Share of clusters that are not valid Khmer orthography after
    /// conversion (0 when there are none).
    pub fn invalid_share(&self) -> f32 {
        if self.clusters == 0 {
            0.0
        } else {
            self.invalid_clusters as f32 / self.clusters as f32
        }
    }
}

/// Converts text typed in `font`'s encoding to Unicode Khmer. Characters the
/// font does not draw as Khmer (spaces, line breaks, …) are kept.
pub fn convert(font: LegacyFont, legacy: &str) -> Conversion {
    let mut text = reorder::reorder(&map(font, legacy));
    if font == LegacyFont::Limon {
        text = limon::colons(&text);
    }
    let (mut clusters_seen, mut invalid) = (0, 0);
    for cluster in clusters(&text) {
        if cluster.chars().next().is_some_and(is_khmer) {
            clusters_seen += 1;
            invalid += usize::from(!is_valid_cluster(cluster));
        }
    }
    Conversion {
        text,
        clusters: clusters_seen,
        invalid_clusters: invalid,
    }
}

/// Step 1: every code to the Khmer characters its glyph draws, in typed
/// order.
fn map(font: LegacyFont, legacy: &str) -> String {
    let codes: Vec<Option<u8>> = legacy.chars().map(code_of).collect();
    let chars: Vec<char> = legacy.chars().collect();
    let mut out = String::with_capacity(legacy.len() * 3);
    let mut at = 0;
    'next: while at < chars.len() {
        for &(seq, unicode) in font.sequences().iter().chain(common::SEQUENCES) {
            let end = at + seq.len();
            if end <= codes.len() && codes[at..end].iter().zip(seq).all(|(c, s)| *c == Some(*s)) {
                out.push_str(unicode);
                at = end;
                continue 'next;
            }
        }
        match codes[at].and_then(|code| font.single(code)) {
            Some(unicode) => out.push_str(unicode),
            None => out.push(chars[at]),
        }
        at += 1;
    }
    out
}

/// The Windows-1252 code a character was typed as. Word and most PDF
/// producers give the Windows-1252 meaning of codes 0x80–0x9F (‘ for
/// 0x91); some PDFs give the C1 control itself: both are accepted.
pub fn code_of(c: char) -> Option<u8> {
    let code = u32::from(c);
    if code < 0x100 {
        return u8::try_from(code).ok();
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '\u{2018}' => 0x91,
        '\u{2019}' => 0x92,
        '\u{201C}' => 0x93,
        '\u{201D}' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
