//! The words of a PDF with their boxes, as `pdftotext -bbox-layout` prints
//! them, and the page text made from them with Khmer's split vowels joined.
//!
//! Why the joins: Chromium (and other Skia and HarfBuzz based printers) draw
//! a Khmer cluster whose glyphs are not in character order inside an
//! `ActualText` span. Poppler ends the span's box at the origin of its last
//! glyph, often a zero-width mark drawn further right, and then sees a gap
//! before the next glyph: "ការបោះឆ្នោ ត" for ការបោះឆ្នោត. The gap of a real
//! space is empty paper; the false gap holds the ink of the glyph that was
//! cut off. So a gap between two Khmer words is kept as a space only when
//! the rendered page shows no ink in it.

use quick_xml::events::Event;
use quick_xml::Reader;

/// One word, in PDF points from the page's top left.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub x_min: f32,
    pub x_max: f32,
    pub y_min: f32,
    pub y_max: f32,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    /// Blocks of lines of words.
    pub blocks: Vec<Vec<Vec<Word>>>,
}

impl Page {
    /// Gaps between two words of a line that both touch Khmer there: the
    /// only gaps a split vowel can have opened.
    pub fn khmer_gaps(&self) -> impl Iterator<Item = (&Word, &Word)> {
        self.blocks
            .iter()
            .flatten()
            .flat_map(|line| line.windows(2))
            .map(|pair| (&pair[0], &pair[1]))
            .filter(|(a, b)| ends_khmer(&a.text) && starts_khmer(&b.text))
    }

    /// The page's text as paragraphs separated by an empty line. Words
    /// are joined by spaces (or by nothing where `joined` says a gap is no
    /// space). The lines of one paragraph become one line (see
    /// [`join_lines`]): Poppler puts a block around a run of lines it sees as
    /// one, and a block that carries on the one before it (see
    /// [`continues`]) carries on its paragraph, as Poppler often makes each
    /// line of a page its own block.
    pub fn text(&self, joined: &dyn Fn(&Word, &Word) -> bool) -> String {
        let mut out = String::new();
        let mut previous: Option<LineBox> = None;
        let right = self.column_right();
        for block in &self.blocks {
            for (i, line) in block.iter().enumerate() {
                let Some(shape) = LineBox::of(line) else {
                    continue;
                };
                let mut text = String::new();
                for (j, word) in line.iter().enumerate() {
                    if j > 0 && !joined(&line[j - 1], word) {
                        text.push(' ');
                    }
                    text.push_str(&word.text);
                }
                let same_paragraph =
                    previous.is_some_and(|before| i > 0 || continues(&before, &shape, right));
                if same_paragraph {
                    join_lines(&mut out, &text);
                } else {
                    if !out.is_empty() {
                        out.push_str("\n\n");
                    }
                    out.push_str(&text);
                }
                previous = Some(shape);
            }
        }
        out
    }

    /// Where the page's text ends on the right: the furthest right edge of
    /// any line (a line that ends well before it ends its paragraph).
    fn column_right(&self) -> f32 {
        self.blocks
            .iter()
            .flatten()
            .filter_map(|line| LineBox::of(line))
            .map(|b| b.x_max)
            .fold(0.0, f32::max)
    }
}

/// The box around one line's words, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
struct LineBox {
    x_min: f32,
    x_max: f32,
    y_min: f32,
    y_max: f32,
}

impl LineBox {
    fn of(line: &[Word]) -> Option<LineBox> {
        let first = line.first()?;
        Some(line.iter().fold(
            LineBox {
                x_min: first.x_min,
                x_max: first.x_max,
                y_min: first.y_min,
                y_max: first.y_max,
            },
            |b, w| LineBox {
                x_min: b.x_min.min(w.x_min),
                x_max: b.x_max.max(w.x_max),
                y_min: b.y_min.min(w.y_min),
                y_max: b.y_max.max(w.y_max),
            },
        ))
    }

    fn height(&self) -> f32 {
        self.y_max - self.y_min
    }
}

/// Whether line `next` carries on the paragraph of line `before`, the line
/// above it, on a page whose text ends at `right`: it lies just below (a gap
/// of less than half a line: paragraphs are set apart by more), in type of
/// about the same size (a heading is larger), starting at the same left edge
/// (a first line indented or a centred line starts a paragraph), and
/// `before` runs to near the right edge (a paragraph's last line stops
/// short).
fn continues(before: &LineBox, next: &LineBox, right: f32) -> bool {
    let (high, low) = (
        before.height().max(next.height()),
        before.height().min(next.height()),
    );
    let gap = next.y_min - before.y_max;
    let width = (right - before.x_min).max(1.0);
    low > 0.0
        && high <= low * 1.25
        && (-0.25 * low..0.5 * low).contains(&gap)
        && (next.x_min - before.x_min).abs() <= low * 0.5
        && before.x_max - before.x_min >= 0.8 * width
}

/// Appends `line` to `paragraph` as its next line. Khmer puts no space
/// between words, so where both sides of the line end are Khmer the line
/// end is no word break and nothing goes between them; elsewhere a space
/// does (one: a line that kept the space it ended at gets no other). A word hyphenated over the line end (a hyphen after a letter, a
/// lowercase letter next) is made whole again, a hyphen between other
/// letters or digits stays without a space, and a soft hyphen at the end
/// is dropped.
pub fn join_lines(paragraph: &mut String, line: &str) {
    let next = line.chars().next();
    if paragraph.ends_with('\u{AD}') {
        paragraph.pop();
    } else if let Some(stem) = paragraph.strip_suffix('-') {
        let before = stem.chars().next_back();
        if before.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_lowercase) {
            paragraph.pop();
        } else if !(before.is_some_and(char::is_alphanumeric)
            && next.is_some_and(char::is_alphanumeric))
        {
            // A dash set apart ("one -"), not a hyphen inside a word or
            // a range ("COVID-19", "2022-2023"), which keep no space.
            paragraph.push(' ');
        }
    } else if !(paragraph.is_empty()
        || paragraph.ends_with(' ')
        || (ends_khmer_word(paragraph) && starts_khmer(line)))
    {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

/// The language of a page of text, from its script: Khmer when it has
/// more Khmer letters than Latin ones; otherwise, when it has Latin
/// letters, the attachment's `declared` language unless that is Khmer (a
/// page in Latin letters is not Khmer), else English. A page without
/// letters keeps `declared`.
pub fn page_language<'a>(text: &str, declared: Option<&'a str>) -> Option<&'a str> {
    let (mut khmer, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        if is_khmer(c) {
            khmer += 1;
        } else if c.is_alphabetic() && (c.is_ascii() || ('\u{C0}'..='\u{24F}').contains(&c)) {
            latin += 1;
        }
    }
    if khmer > latin {
        Some("km")
    } else if latin > 0 {
        Some(declared.filter(|l| *l != "km").unwrap_or("en"))
    } else {
        declared
    }
}

fn is_khmer(c: char) -> bool {
    matches!(c, '\u{1780}'..='\u{17FF}' | '\u{19E0}'..='\u{19FF}')
}

fn ends_khmer(text: &str) -> bool {
    text.chars().next_back().is_some_and(is_khmer)
}

/// Ends in a Khmer letter or mark, not a sentence's end (។ ៕), which a
/// space follows.
fn ends_khmer_word(text: &str) -> bool {
    text.chars()
        .next_back()
        .is_some_and(|c| is_khmer(c) && !matches!(c, '\u{17D4}' | '\u{17D5}'))
}

fn starts_khmer(text: &str) -> bool {
    text.chars().next().is_some_and(is_khmer)
}

/// Output of Poppler's text tools that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("unreadable layout from Poppler: {0}")]
pub struct LayoutError(String);

impl LayoutError {
    pub(super) fn new(reason: impl ToString) -> LayoutError {
        LayoutError(reason.to_string())
    }
}

/// Parses the XHTML of `pdftotext -bbox-layout`.
pub fn parse(xhtml: &str) -> Result<Vec<Page>, LayoutError> {
    let mut reader = Reader::from_str(xhtml);
    let mut pages: Vec<Page> = Vec::new();
    let mut word: Option<Word> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| LayoutError(e.to_string()))?;
        match event {
            Event::Start(e) => {
                let number = |name: &[u8]| -> f32 {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == name)
                        .and_then(|a| std::str::from_utf8(&a.value).ok()?.parse().ok())
                        .unwrap_or(0.0)
                };
                match e.name().as_ref() {
                    b"page" => pages.push(Page {
                        width: number(b"width"),
                        height: number(b"height"),
                        blocks: Vec::new(),
                    }),
                    b"block" => current(&mut pages)?.blocks.push(Vec::new()),
                    b"line" => current_block(&mut pages)?.push(Vec::new()),
                    b"word" => {
                        word = Some(Word {
                            x_min: number(b"xMin"),
                            x_max: number(b"xMax"),
                            y_min: number(b"yMin"),
                            y_max: number(b"yMax"),
                            text: String::new(),
                        })
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some(word) = &mut word {
                    word.text
                        .push_str(&t.decode().map_err(|e| LayoutError(e.to_string()))?);
                }
            }
            Event::GeneralRef(r) => {
                if let Some(word) = &mut word {
                    word.text.push(entity(&r)?);
                }
            }
            Event::End(e) if e.name().as_ref() == b"word" => {
                if let Some(done) = word.take() {
                    let line = current_block(&mut pages)?
                        .last_mut()
                        .ok_or_else(|| LayoutError("a word outside a line".into()))?;
                    line.push(done);
                }
            }
            Event::Eof => return Ok(pages),
            _ => {}
        }
    }
}

pub(super) fn entity(reference: &quick_xml::events::BytesRef) -> Result<char, LayoutError> {
    if let Some(c) = reference
        .resolve_char_ref()
        .map_err(|e| LayoutError(e.to_string()))?
    {
        return Ok(c);
    }
    let name: &[u8] = reference;
    match name {
        b"amp" => Ok('&'),
        b"lt" => Ok('<'),
        b"gt" => Ok('>'),
        b"quot" => Ok('"'),
        b"apos" => Ok('\''),
        other => Err(LayoutError(format!(
            "unknown entity &{};",
            String::from_utf8_lossy(other)
        ))),
    }
}

fn current(pages: &mut [Page]) -> Result<&mut Page, LayoutError> {
    pages
        .last_mut()
        .ok_or_else(|| LayoutError("text outside a page".into()))
}

fn current_block(pages: &mut [Page]) -> Result<&mut Vec<Vec<Word>>, LayoutError> {
    current(pages)?
        .blocks
        .last_mut()
        .ok_or_else(|| LayoutError("a line outside a block".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><body><doc>
<page width="612.000000" height="792.000000"><flow>
<block xMin="1" yMin="2" xMax="3" yMax="4"><line xMin="1" yMin="2" xMax="3" yMax="4">
<word xMin="33.7" yMin="42.0" xMax="85.8" yMax="61.1">ការបោះឆ្នោ</word>
<word xMin="89.9" yMin="42.0" xMax="99.0" yMax="61.1">ត</word>
<word xMin="103.0" yMin="42.0" xMax="120.0" yMax="61.1">A&amp;B&#x41;</word>
</line></block></flow></page>
<page width="612" height="792"><flow><block><line><word>ក</word></line><line><word>ខ</word></line><line><word>A</word></line></block>
<block><line><word>B</word></line></block></flow></page></doc></body></html>"#;

    #[test]
    fn words_lines_and_pages_are_read() {
        let pages = parse(SAMPLE).unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].width, 612.0);
        let line = &pages[0].blocks[0][0];
        assert_eq!(line.len(), 3);
        assert_eq!(line[0].text, "ការបោះឆ្នោ");
        assert_eq!(line[0].x_max, 85.8);
        assert_eq!(line[2].text, "A&BA");
        assert_eq!(pages[1].blocks.len(), 2);
    }

    #[test]
    fn only_gaps_between_khmer_are_candidates_and_joins_apply() {
        let pages = parse(SAMPLE).unwrap();
        let gaps: Vec<_> = pages[0]
            .khmer_gaps()
            .map(|(a, b)| (a.text.as_str(), b.text.as_str()))
            .collect();
        assert_eq!(gaps, [("ការបោះឆ្នោ", "ត")]);
        let joined = |a: &Word, b: &Word| ends_khmer(&a.text) && starts_khmer(&b.text);
        assert_eq!(pages[0].text(&joined), "ការបោះឆ្នោត A&BA");
        assert_eq!(pages[0].text(&|_, _| false), "ការបោះឆ្នោ ត A&BA");
        assert_eq!(
            pages[1].text(&|_, _| false),
            "កខ A\n\nB",
            "Khmer lines join without a space"
        );
    }

    /// A page of one-line blocks, as Poppler makes of the sample record:
    /// each line `(left, top, right, height, text)`.
    fn page_of(lines: &[(f32, f32, f32, f32, &str)]) -> Page {
        Page {
            width: 612.0,
            height: 792.0,
            blocks: lines
                .iter()
                .map(|&(x_min, y_min, x_max, height, text)| {
                    vec![vec![Word {
                        x_min,
                        x_max,
                        y_min,
                        y_max: y_min + height,
                        text: text.to_string(),
                    }]]
                })
                .collect(),
        }
    }

    fn plain(page: &Page) -> String {
        page.text(&|_, _| false)
    }

    #[test]
    fn lines_of_one_paragraph_are_joined_across_poppler_blocks() {
        // Figures from the sample record's page 2: a small note, a larger
        // title, then body lines 16.3 pt high 20.25 pt apart, paragraphs
        // 33 pt apart; a paragraph's last line stops short.
        let page = page_of(&[
            (64.8, 44.1, 458.9, 13.6, "Made by this archive."),
            (56.1, 74.2, 484.6, 24.7, "Press release of the NEC"),
            (56.1, 138.7, 533.0, 16.3, "The spokesperson issued this"),
            (
                56.1,
                158.9,
                537.0,
                16.3,
                "press release about applying. The",
            ),
            (56.1, 179.2, 475.4, 16.3, "period ran for a month."),
            (
                56.1,
                212.2,
                535.4,
                16.3,
                "The NEC posted the press release.",
            ),
        ]);
        assert_eq!(
            plain(&page),
            "Made by this archive.\n\nPress release of the NEC\n\n\
             The spokesperson issued this press release about applying. The period ran for a month.\n\n\
             The NEC posted the press release."
        );
    }

    #[test]
    fn a_short_line_or_an_indent_ends_a_paragraph_without_a_gap() {
        let page = page_of(&[
            (56.0, 100.0, 540.0, 16.0, "a full line"),
            (56.0, 120.0, 200.0, 16.0, "its short end."),
            (56.0, 140.0, 540.0, 16.0, "a new paragraph"),
            (80.0, 160.0, 540.0, 16.0, "indented: another"),
        ]);
        assert_eq!(
            plain(&page),
            "a full line its short end.\n\na new paragraph\n\nindented: another"
        );
    }

    #[test]
    fn khmer_lines_join_without_a_space_and_hyphens_are_undone() {
        let page = page_of(&[
            (56.0, 100.0, 540.0, 16.0, "ស្តីពីការស្នើសុំ"),
            (56.0, 120.0, 540.0, 16.0, "ឯកសារ។"),
            (56.0, 140.0, 540.0, 16.0, "គ.ជ.ប bal-"),
            (56.0, 160.0, 540.0, 16.0, "lot 2022-"),
            (56.0, 180.0, 540.0, 16.0, "2023 re\u{AD}"),
            (56.0, 200.0, 300.0, 16.0, "ceived"),
        ]);
        assert_eq!(
            plain(&page),
            "ស្តីពីការស្នើសុំឯកសារ។ គ.ជ.ប ballot 2022-2023 received"
        );
    }

    #[test]
    fn joining_lines_is_by_script() {
        let joined = |a: &str, b: &str| {
            let mut p = a.to_string();
            join_lines(&mut p, b);
            p
        };
        assert_eq!(joined("ការ", "បោះឆ្នោត"), "ការបោះឆ្នោត");
        assert_eq!(joined("ការ", "NEC"), "ការ NEC");
        assert_eq!(joined("the", "vote"), "the vote");
        assert_eq!(joined("COVID-", "19"), "COVID-19");
        assert_eq!(joined("one -", "two"), "one - two");
        assert_eq!(joined("", "first"), "first");
        assert_eq!(joined("ការ ", "បោះឆ្នោត"), "ការ បោះឆ្នោត");
        assert_eq!(joined("the ", "vote"), "the vote");
    }

    #[test]
    fn a_page_language_follows_its_script() {
        assert_eq!(page_language("The NEC posted it.", Some("km")), Some("en"));
        assert_eq!(page_language("The NEC posted it.", None), Some("en"));
        assert_eq!(page_language("Le CNE l'a publié.", Some("fr")), Some("fr"));
        assert_eq!(page_language("គ.ជ.ប បានផ្សព្វផ្សាយ (NEC)", None), Some("km"));
        assert_eq!(page_language("២០២៣ 12", Some("km")), Some("km"));
        assert_eq!(page_language("12 - 13", None), None);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(parse("<page><word>x</word></page>").is_err());
    }
}
