//! Khmer drawn by pre-Unicode fonts (Limon, ABC, ...), which put Khmer
//! glyphs on Latin code points: the text layer holds "kare)aHeqñat" where
//! the page shows ការបោះឆ្នោត. Such text is converted to Unicode word by
//! word, by the font each word is drawn in, so that a page mixing fonts
//! (English in Times, a heading in a Unicode Khmer font, the body in Limon)
//! keeps its other words as they are.
//!
//! The words and their boxes are `pdftotext -bbox-layout`'s, the same as
//! for any page ([`layout`]): only their text changes here, so one layout
//! code joins the lines and paragraphs of every page. That output carries
//! no fonts; `pdftohtml -xml` does, as runs of text in one font with their
//! boxes, and each word takes the font of the runs it lies on. (pdftohtml's
//! own text is not used as the page's: it ignores the `ActualText` that
//! Chromium and Word put around Unicode Khmer clusters.)
//!
//! A page whose legacy text cannot be trusted, drawn in a legacy font with
//! no known table or converting into too many clusters no Khmer writer
//! types, has its text dropped, and with `--ocr` is read from its image.

use quick_xml::events::Event;
use serde::{Deserialize, Serialize};

use super::layout::{self, LayoutError, Word};
use crate::khmer::legacy::{self as convert, LegacyFont};

/// The share of invalid clusters above which a page's converted text is
/// dropped (and read by OCR with `--ocr`). Measured per page of about 1,500
/// characters (`invalid_share_by_case` in tests/it/attachments/legacy.rs,
/// README "Legacy fonts and scans"): real Khmer typed in Limon and
/// converted as Limon leaves 0 to 1.7 % (the converter's own slips);
/// English set in a font named like a legacy one, converted, leaves 4.5 %
/// to 9.7 %. (A wrong legacy table is not told apart this way: ABC and
/// Limon share most codes, and Limon read as ABC leaves 0.1 to 2.6 %.)
pub const MAX_INVALID_SHARE: f32 = 0.03;

/// How the text of one page drawn (in part) in a legacy font was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacyPage {
    /// 1-based.
    pub number: u32,
    #[serde(flatten)]
    pub reading: Reading,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reading", rename_all = "kebab-case")]
pub enum Reading {
    /// Converted to Unicode from these fonts.
    Converted { fonts: Vec<LegacyFont> },
    /// Dropped: drawn in a legacy font whose table is not known (the
    /// font's name in the PDF).
    UnknownFont { font: String },
    /// Dropped: the conversion from `fonts` left `invalid_per_mille`
    /// clusters in a thousand that no Khmer writer types.
    Poor {
        fonts: Vec<LegacyFont>,
        invalid_per_mille: u16,
    },
}

impl Reading {
    /// Whether the page's text was dropped.
    pub fn is_dropped(&self) -> bool {
        !matches!(self, Reading::Converted { .. })
    }
}

/// A run of text in one font, as `pdftohtml -xml -zoom 1` prints it: in
/// points from the page's top left, the font's name without a subset
/// prefix ("AAAAAA+").
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub x_min: f32,
    pub x_max: f32,
    pub y_min: f32,
    pub y_max: f32,
    pub font: String,
    pub text: String,
}

/// Whether any of the PDF's fonts (as `pdffonts` names them) looks like a
/// legacy Khmer font: only then are the runs read.
pub fn any_legacy(fonts: &[String]) -> bool {
    fonts.iter().any(|f| LegacyFont::is_legacy_name(f))
}

/// Converts, on each page of `pages`, the words drawn in a known legacy
/// font (`runs` holds each page's runs); returns how each page with legacy
/// text was read. A dropped page keeps its words: the caller drops its text.
pub fn convert_pages(pages: &mut [layout::Page], runs: &[Vec<Run>]) -> Vec<LegacyPage> {
    pages
        .iter_mut()
        .zip(runs)
        .zip(1u32..)
        .filter_map(|((page, runs), number)| {
            let reading = convert_page(page, runs)?;
            Some(LegacyPage { number, reading })
        })
        .collect()
}

/// What converting one page found.
#[derive(Default)]
struct Tally {
    fonts: Vec<LegacyFont>,
    clusters: usize,
    invalid: usize,
    unknown: Option<String>,
}

/// A piece of a word in one font: (the font's name, the text).
type Piece = (String, String);

fn convert_page(page: &mut layout::Page, runs: &[Run]) -> Option<Reading> {
    if !runs.iter().any(|r| LegacyFont::is_legacy_name(&r.font)) {
        return None;
    }
    let mut lines: Vec<&mut Vec<Word>> = page.blocks.iter_mut().flatten().collect();
    let mut cut: Vec<Vec<Vec<Piece>>> = lines
        .iter()
        .map(|line| {
            line.iter()
                .map(|word| {
                    pieces(word, runs)
                        .into_iter()
                        .map(|(font, text)| (font.to_string(), text.to_string()))
                        .collect()
                })
                .collect()
        })
        .collect();
    for next in 1..cut.len() {
        let (before, after) = cut.split_at_mut(next);
        let last = before[next - 1].last_mut().and_then(|w| w.last_mut());
        let first = after[0].first_mut().and_then(|w| w.first_mut());
        if let (Some(last), Some(first)) = (last, first) {
            mend_line_end(last, first);
        }
    }
    let spaced = spaced_line_ends(&lines, &cut);
    let mut tally = Tally::default();
    for ((line, words), spaced) in lines.iter_mut().zip(cut).zip(spaced) {
        for (word, pieces) in line.iter_mut().zip(words) {
            if pieces
                .iter()
                .all(|(font, _)| !LegacyFont::is_legacy_name(font))
            {
                continue;
            }
            word.text = pieces
                .iter()
                .map(|(font, text)| tally.convert(font, text))
                .collect();
        }
        // A word whose characters all went to the line before.
        line.retain(|word| !word.text.is_empty());
        if let (true, Some(last)) = (spaced, line.last_mut()) {
            last.text.push(' ');
        }
    }
    if let Some(font) = tally.unknown {
        return Some(Reading::UnknownFont { font });
    }
    if tally.fonts.is_empty() {
        return None;
    }
    let share = tally.invalid as f32 / tally.clusters.max(1) as f32;
    Some(if share > MAX_INVALID_SHARE {
        Reading::Poor {
            fonts: tally.fonts,
            invalid_per_mille: (share * 1000.0).round() as u16,
        }
    } else {
        Reading::Converted { fonts: tally.fonts }
    })
}

impl Tally {
    /// `text` drawn in `font`, in Unicode where the font is a known legacy
    /// one; counted.
    fn convert(&mut self, font: &str, text: &str) -> String {
        // Text already in Khmer script is Unicode, whatever its font's name.
        if text.chars().any(|c| ('\u{1780}'..='\u{17FF}').contains(&c)) {
            return text.to_string();
        }
        match LegacyFont::from_font_name(font) {
            Some(legacy) => {
                let converted = convert::convert(legacy, &unsymbol(text));
                self.clusters += converted.clusters;
                self.invalid += converted.invalid_clusters;
                if !self.fonts.contains(&legacy) {
                    self.fonts.push(legacy);
                }
                converted.text
            }
            // A font that looks legacy but has no known table: its letters
            // are garbage (digits and punctuation alone are harmless).
            None if LegacyFont::is_legacy_name(font) => {
                if text.chars().any(char::is_alphabetic) && self.unknown.is_none() {
                    self.unknown = Some(font.to_string());
                }
                text.to_string()
            }
            None => text.to_string(),
        }
    }
}

/// Which lines end where their legacy text had a space. To the program
/// that set it, legacy text is Latin: it breaks a line at a space, inside
/// a word at punctuation (before `[`, after `-`: Limon draws Khmer with
/// them), and between two letters only when a word is longer than a whole
/// line, which then holds that word alone, to the right edge. So a line
/// that ends in a letter of a legacy font and goes on with a letter in the
/// same font on the next line ended at a space, unless it is one word
/// reaching the right edge of the page's text (within a line's height).
/// That space is kept at the end of the line's last word: Khmer lines are
/// otherwise joined without one ([`layout::join_lines`]), as a browser
/// breaks Unicode Khmer between words that have no space. Where it cannot
/// be told, no space is put: a space missing costs phrase search nothing,
/// one too many splits a phrase.
fn spaced_line_ends(lines: &[&mut Vec<Word>], cut: &[Vec<Vec<Piece>>]) -> Vec<bool> {
    let right = lines
        .iter()
        .flat_map(|line| line.iter())
        .map(|w| w.x_max)
        .fold(0.0, f32::max);
    /// The font of a piece of legacy text that ends (or starts) with a
    /// letter.
    fn lettered(piece: Option<&Piece>, at_end: bool) -> Option<&str> {
        let (font, text) = piece?;
        let edge = if at_end {
            text.chars().next_back()
        } else {
            text.chars().next()
        };
        (LegacyFont::from_font_name(font).is_some() && edge.is_some_and(char::is_alphanumeric))
            .then_some(font.as_str())
    }
    (0..lines.len())
        .map(|i| {
            let end = lettered(cut[i].last().and_then(|w| w.last()), true);
            let next = cut
                .get(i + 1)
                .and_then(|l| lettered(l.first().and_then(|w| w.first()), false));
            let overflowed = match lines[i].as_slice() {
                [word] => right - word.x_max < word.y_max - word.y_min,
                _ => false,
            };
            end.is_some() && end == next && !overflowed
        })
        .collect()
}

/// Mends a line broken inside a cluster. A word longer than its line is
/// broken where it overflows, which in legacy text can be inside a cluster:
/// a prefix vowel typed before its consonant left at the line's end, a
/// vowel sign carried to the next line. Converted apart, each half comes
/// out wrong. Where `last` (the end of a line) and `first` (the start of
/// the next) are in one known legacy font and convert differently
/// together than apart, the fewest characters (up to 3) are moved across
/// the line's end that make them convert apart as they do together. Text
/// broken between clusters converts the same either way and is left.
fn mend_line_end(last: &mut Piece, first: &mut Piece) {
    let Some(font) = LegacyFont::from_font_name(&last.0).filter(|_| last.0 == first.0) else {
        return;
    };
    let has_khmer = |t: &str| t.chars().any(|c| ('\u{1780}'..='\u{17FF}').contains(&c));
    if has_khmer(&last.1) || has_khmer(&first.1) {
        return;
    }
    let converted = |t: &str| convert::convert(font, &unsymbol(t)).text;
    let together = converted(&format!("{}{}", last.1, first.1));
    let apart = |a: &str, b: &str| converted(a) + &converted(b) == together;
    if apart(&last.1, &first.1) {
        return;
    }
    let (a, b) = (last.1.chars().count(), first.1.chars().count());
    let whole: Vec<char> = last.1.chars().chain(first.1.chars()).collect();
    for k in 1..=3 {
        // k characters of the line's end to the next line, or k of the
        // next line's start to this one.
        let candidates = [(a >= k).then(|| a - k), (b >= k).then(|| a + k)];
        for at in candidates.into_iter().flatten() {
            let (left, right): (String, String) =
                (whole[..at].iter().collect(), whole[at..].iter().collect());
            if apart(&left, &right) {
                last.1 = left;
                first.1 = right;
                return;
            }
        }
    }
}

/// A symbol-encoded TrueType font (Windows' "symbol" character map) puts
/// its codes at U+F020–U+F0FF, and a PDF may give those code points as the
/// text: they stand for the bytes 0x20–0xFF the legacy tables are written
/// in.
fn unsymbol(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| ('\u{F020}'..='\u{F0FF}').contains(&c)) {
        return text.into();
    }
    text.chars()
        .map(|c| match c {
            '\u{F020}'..='\u{F0FF}' => char::from_u32(c as u32 - 0xF000).unwrap_or(c),
            c => c,
        })
        .collect::<String>()
        .into()
}

/// The word's text cut by the font of each run it lies on, left to right:
/// a word on one run (or on runs of one font) is one piece; a word that
/// runs from one font into another with no space between (Limon's Khmer
/// against a number in Times, «« in Times before Limon) is cut where the
/// fonts change.
///
/// Runs give no position to each character, and a run's box takes in the
/// space that ends it, so a word's box can touch a run its characters are
/// not in. So the word is found in the text of the runs it touches, read
/// in order, at the place nearest the one its box says (each character of
/// a run put at an even share of the run's width), and each of its
/// characters takes the font of the run it is found in. Where it is not
/// found (pdftohtml and pdftotext disagree on the text), the whole word
/// takes the font of the run it overlaps most.
fn pieces<'a>(word: &'a Word, runs: &'a [Run]) -> Vec<(&'a str, &'a str)> {
    let middle = (word.y_min + word.y_max) / 2.0;
    let overlap = |r: &Run| (word.x_max.min(r.x_max) - word.x_min.max(r.x_min)).max(0.0);
    let mut on: Vec<&Run> = runs
        .iter()
        .filter(|r| (r.y_min - 1.0..=r.y_max + 1.0).contains(&middle) && overlap(r) > 0.0)
        .collect();
    on.sort_by(|a, b| a.x_min.total_cmp(&b.x_min));
    let Some(first) = on.first() else {
        return vec![("", &word.text)];
    };
    if word.text.is_empty() || on.iter().all(|r| r.font == first.font) {
        return vec![(&first.font, &word.text)];
    }
    // Every character of the runs: (character, its run, where it starts).
    let chars: Vec<(char, usize, f32)> = on
        .iter()
        .enumerate()
        .flat_map(|(i, run)| {
            let count = run.text.chars().count().max(1) as f32;
            let step = (run.x_max - run.x_min) / count;
            run.text
                .chars()
                .enumerate()
                .map(move |(j, c)| (c, i, run.x_min + step * j as f32))
        })
        .collect();
    let wanted: Vec<char> = word.text.chars().collect();
    let found = (0..chars.len().saturating_sub(wanted.len() - 1))
        .filter(|&at| {
            chars[at..at + wanted.len()]
                .iter()
                .zip(&wanted)
                .all(|((c, _, _), w)| c == w)
        })
        .min_by(|&a, &b| {
            let off = |at: usize| (chars[at].2 - word.x_min).abs();
            off(a).total_cmp(&off(b))
        });
    let Some(at) = found else {
        let most = on
            .iter()
            .max_by(|a, b| overlap(a).total_cmp(&overlap(b)))
            .expect("at least one run");
        return vec![(&most.font, &word.text)];
    };
    // Consecutive characters of one font are one piece.
    let mut cut: Vec<(&str, &str)> = Vec::new();
    let mut start = 0;
    let offsets: Vec<usize> = word
        .text
        .char_indices()
        .map(|(b, _)| b)
        .chain([word.text.len()])
        .collect();
    for k in 1..=wanted.len() {
        let run = chars[at + k - 1].1;
        let next = (k < wanted.len()).then(|| chars[at + k].1);
        if next.is_none_or(|n| on[n].font != on[run].font) {
            cut.push((&on[run].font, &word.text[offsets[start]..offsets[k]]));
            start = k;
        }
    }
    cut
}

/// Parses the XML of `pdftohtml -xml -zoom 1 -fontfullname`: each page's
/// runs, in page order.
pub fn parse_runs(xml: &str) -> Result<Vec<Vec<Run>>, LayoutError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut pages: Vec<Vec<Run>> = Vec::new();
    // Font ids are the document's, declared on the first page using each.
    let mut fonts: std::collections::HashMap<String, String> = Default::default();
    let mut run: Option<Run> = None;
    loop {
        let event = reader.read_event().map_err(LayoutError::new)?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let attribute = |name: &[u8]| -> Option<String> {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == name)
                        .and_then(|a| a.unescape_value().ok())
                        .map(|v| v.into_owned())
                };
                let number = |name: &[u8]| -> f32 {
                    attribute(name).and_then(|v| v.parse().ok()).unwrap_or(0.0)
                };
                match e.name().as_ref() {
                    b"page" => pages.push(Vec::new()),
                    b"fontspec" => {
                        if let (Some(id), Some(family)) = (attribute(b"id"), attribute(b"family")) {
                            let name = family.split_once('+').map_or(family.as_str(), |(_, n)| n);
                            fonts.insert(id, name.to_string());
                        }
                    }
                    b"text" if matches!(event, Event::Start(_)) => {
                        if pages.is_empty() {
                            return Err(LayoutError::new("text outside a page"));
                        }
                        let (top, left) = (number(b"top"), number(b"left"));
                        run = Some(Run {
                            x_min: left,
                            x_max: left + number(b"width"),
                            y_min: top,
                            y_max: top + number(b"height"),
                            font: attribute(b"font")
                                .and_then(|id| fonts.get(&id).cloned())
                                .unwrap_or_default(),
                            text: String::new(),
                        });
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some(run) = &mut run {
                    run.text.push_str(&t.decode().map_err(LayoutError::new)?);
                }
            }
            Event::GeneralRef(r) => {
                if let Some(run) = &mut run {
                    run.text.push(layout::entity(&r)?);
                }
            }
            Event::End(e) if e.name().as_ref() == b"text" => {
                if let (Some(done), Some(page)) = (run.take(), pages.last_mut()) {
                    page.push(done);
                }
            }
            Event::Eof => return Ok(pages),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What pdftohtml 22.12 prints for a page printed by Chromium: a
    /// heading in an unnamed Type 3 font, a line of Limon then English,
    /// a bold run.
    const XML: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE pdf2xml SYSTEM "pdf2xml.dtd">
<pdf2xml producer="poppler" version="22.12.0">
<page number="1" position="absolute" top="0" left="0" height="792" width="612">
	<fontspec id="0" size="33" family="Times" color="#000000"/>
	<fontspec id="2" size="14" family="BAAAAA+LimonS1" color="#000000"/>
	<fontspec id="3" size="14" family="CAAAAA+LiberationSerif" color="#000000"/>
<text top="45" left="34" width="232" height="43" font="0">ការេ ះេ តេ</text>
<text top="103" left="34" width="217" height="16" font="2">kare)aHeqñat RbCaCnkm&lt;uCa</text>
<text top="104" left="250" width="233" height="15" font="3"> The National <b>Election</b> Committee</text>
</page>
<page number="2" position="absolute" top="0" left="0" height="792" width="612">
<text top="103" left="34" width="60" height="16" font="2">qñaM</text>
<text top="103" left="94" width="30" height="16" font="3">2008</text>
</page>
<page number="3" position="absolute" top="0" left="0" height="792" width="612">
<text top="584" left="95" width="171" height="10" font="2">GñkviPaKneya)aycinmYyrUb)anEføgfa³ </text>
<text top="584" left="266" width="5" height="10" font="3">«</text>
<text top="584" left="271" width="26" height="10" font="2">elak lI</text>
<text top="602" left="30" width="50" height="10" font="2">bIrnak;rUb</text>
<text top="602" left="80" width="8" height="10" font="3">) </text>
<text top="602" left="88" width="30" height="10" font="2">)anelIk</text>
</page>
</pdf2xml>"##;

    #[test]
    fn runs_carry_their_font_and_box() {
        let pages = parse_runs(XML).unwrap();
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[0].len(), 3);
        let limon = &pages[0][1];
        assert_eq!(limon.font, "LimonS1", "the subset prefix is dropped");
        assert_eq!(limon.text, "kare)aHeqñat RbCaCnkm<uCa");
        assert_eq!((limon.x_min, limon.x_max), (34.0, 251.0));
        assert_eq!((limon.y_min, limon.y_max), (103.0, 119.0));
        assert_eq!(pages[0][2].text, " The National Election Committee");
        assert_eq!(
            pages[1][1].font, "LiberationSerif",
            "ids are the document's"
        );
        assert!(parse_runs("<text>x</text>").is_err());
    }

    fn word(x_min: f32, x_max: f32, text: &str) -> Word {
        Word {
            x_min,
            x_max,
            y_min: 103.3,
            y_max: 119.5,
            text: text.to_string(),
        }
    }

    #[test]
    fn each_word_takes_the_font_of_its_runs() {
        let pages = parse_runs(XML).unwrap();
        let fonts = |w: &Word, runs| {
            pieces(w, runs)
                .into_iter()
                .map(|(f, t)| format!("{f}:{t}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fonts(&word(134.2, 250.5, "RbCaCnkm<uCa"), &pages[0]),
            ["LimonS1:RbCaCnkm<uCa"]
        );
        assert_eq!(
            fonts(&word(330.7, 377.3, "Election"), &pages[0]),
            ["LiberationSerif:Election"]
        );
        // Limon running into a number in another font, no space between.
        assert_eq!(
            fonts(&word(34.0, 123.0, "qñaM2008"), &pages[1]),
            ["LimonS1:qñaM", "LiberationSerif:2008"]
        );
        // Off every run: no font.
        assert_eq!(fonts(&word(600.0, 610.0, "x"), &pages[0]), [":x"]);
        // A run's box takes in its closing space, which touches the next
        // word: the word is found where its characters are.
        let on = |x_min, x_max, y: f32, text| Word {
            y_min: y + 0.5,
            y_max: y + 10.5,
            ..word(x_min, x_max, text)
        };
        assert_eq!(
            fonts(&on(265.9, 289.3, 584.0, "«elak"), &pages[2]),
            ["LiberationSerif:«", "LimonS1:elak"]
        );
        assert_eq!(
            fonts(&on(30.0, 83.0, 602.0, "bIrnak;rUb)"), &pages[2]),
            ["LimonS1:bIrnak;rUb", "LiberationSerif:)"]
        );
        assert_eq!(
            fonts(&on(87.6, 118.0, 602.0, ")anelIk"), &pages[2]),
            ["LimonS1:)anelIk"]
        );
    }

    /// ការបោះឆ្នោត typed in Limon ("kare)aHeqñat"), its line broken inside
    /// a cluster, is mended; broken between clusters, it is left as it is.
    #[test]
    fn a_line_broken_inside_a_cluster_is_mended() {
        let limon = |t: &str| ("LimonS1".to_string(), t.to_string());
        let mended = |a: &str, b: &str| {
            let (mut last, mut first) = (limon(a), limon(b));
            mend_line_end(&mut last, &mut first);
            (last.1, first.1)
        };
        // េ (typed first) at the line's end, its consonant on the next.
        assert_eq!(
            mended("kare", ")aHeqñat"),
            ("kar".into(), "e)aHeqñat".into())
        );
        // ា carried to the next line, away from its consonant.
        assert_eq!(
            mended("kare)", "aHeqñat"),
            ("kare)a".into(), "Heqñat".into())
        );
        // Between clusters: nothing moves.
        assert_eq!(
            mended("kar", "e)aHeqñat"),
            ("kar".into(), "e)aHeqñat".into())
        );
        // Other fonts are not legacy text.
        let (mut last, mut first) = (limon("kare"), ("Times".to_string(), "NEC".to_string()));
        mend_line_end(&mut last, &mut first);
        assert_eq!((last.1.as_str(), first.1.as_str()), ("kare", "NEC"));
    }

    /// A page of lines of Limon words, each line `(top, words)` with words
    /// `(left, right, text)`, one block each; a run in LimonS1 under each
    /// line.
    /// A word: (left, right, text).
    type Placed<'a> = (f32, f32, &'a str);

    fn limon_page(lines: &[(f32, &[Placed])]) -> (layout::Page, Vec<Run>) {
        let page = layout::Page {
            width: 612.0,
            height: 792.0,
            blocks: lines
                .iter()
                .map(|(top, words)| {
                    vec![words
                        .iter()
                        .map(|&(x_min, x_max, text)| Word {
                            x_min,
                            x_max,
                            y_min: *top,
                            y_max: top + 16.0,
                            text: text.to_string(),
                        })
                        .collect()]
                })
                .collect(),
        };
        let runs = lines
            .iter()
            .map(|(top, words)| Run {
                x_min: words[0].0,
                x_max: words[words.len() - 1].1 + 4.0,
                y_min: *top,
                y_max: top + 16.0,
                font: "LimonS1".into(),
                text: words.iter().map(|w| w.2).collect::<Vec<_>>().join(" "),
            })
            .collect();
        (page, runs)
    }

    /// Lines of one paragraph: the first broke at a space (letters on both
    /// sides), the second inside a word at punctuation (Limon's ; and [),
    /// the third is one word to the right edge, broken where it overflowed,
    /// inside a cluster (ការ|បោះ's េ typed first).
    #[test]
    fn legacy_lines_keep_the_space_they_broke_at_and_no_other() {
        let (mut page, runs) = limon_page(&[
            (100.0, &[(56.0, 300.0, "kar"), (304.0, 520.0, "e)aHeqñat")]),
            (120.0, &[(56.0, 300.0, "RbCaCn"), (304.0, 520.0, "R)ab;")]),
            (140.0, &[(56.0, 540.0, "RbCaCnkm<uCakare")]),
            (160.0, &[(56.0, 300.0, ")aHeqñat")]),
        ]);
        let read = convert_page(&mut page, &runs);
        assert_eq!(
            read,
            Some(Reading::Converted {
                fonts: vec![LegacyFont::Limon]
            })
        );
        assert_eq!(
            page.text(&|_, _| false),
            "ការ បោះឆ្នោត ប្រជាជន ប្រាប់ប្រជាជនកម្ពុជាការបោះឆ្នោត"
        );
    }

    /// The font's name picks the table: the same family is never guessed
    /// from the text, so Limon is read as Limon even where its codes would
    /// make Khek too. ("ប្រទេស អ្នក" typed in each family.)
    #[test]
    fn the_font_name_picks_the_family() {
        for (font, family, typed) in [
            ("LimonS1", LegacyFont::Limon, ["RbeTs", "Gñk"]),
            ("KhekAnlongvill", LegacyFont::Khek, ["¨beTs", "G~k"]),
            ("Baidok3C", LegacyFont::Baidok, ["RbeTs", "Gñk"]),
        ] {
            let (mut page, mut runs) =
                limon_page(&[(100.0, &[(56.0, 300.0, typed[0]), (304.0, 520.0, typed[1])])]);
            runs[0].font = font.into();
            let read = convert_page(&mut page, &runs);
            assert_eq!(
                read,
                Some(Reading::Converted {
                    fonts: vec![family]
                }),
                "{font}"
            );
            assert_eq!(page.text(&|_, _| false), "ប្រទេស អ្នក", "{font}");
        }
    }

    #[test]
    fn symbol_font_codes_are_the_bytes_they_stand_for() {
        assert_eq!(unsymbol("\u{F06B}\u{F061}r"), "kar");
        assert_eq!(unsymbol("kar"), "kar");
    }
}
