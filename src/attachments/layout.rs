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

    /// The page's text: words joined by spaces (or by nothing where
    /// `joined` says a gap is no space), a block's lines into one paragraph,
    /// paragraphs separated by an empty line. Khmer puts no space between
    /// words, so a line that ends in Khmer and a line that starts in Khmer
    /// join with nothing between them: a line end is no word break there.
    pub fn text(&self, joined: &dyn Fn(&Word, &Word) -> bool) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            for (i, line) in block.iter().enumerate() {
                let starts = line.first().is_some_and(|w| starts_khmer(&w.text));
                if i > 0 && !(starts && ends_khmer(&out)) {
                    out.push(' ');
                }
                for (j, word) in line.iter().enumerate() {
                    if j > 0 && !joined(&line[j - 1], word) {
                        out.push(' ');
                    }
                    out.push_str(&word.text);
                }
            }
        }
        out
    }
}

fn is_khmer(c: char) -> bool {
    matches!(c, '\u{1780}'..='\u{17FF}' | '\u{19E0}'..='\u{19FF}')
}

fn ends_khmer(text: &str) -> bool {
    text.chars().next_back().is_some_and(is_khmer)
}

fn starts_khmer(text: &str) -> bool {
    text.chars().next().is_some_and(is_khmer)
}

#[derive(Debug, thiserror::Error)]
#[error("unreadable layout from pdftotext: {0}")]
pub struct LayoutError(String);

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

fn entity(reference: &quick_xml::events::BytesRef) -> Result<char, LayoutError> {
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

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(parse("<page><word>x</word></page>").is_err());
    }
}
