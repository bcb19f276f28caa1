//! Where a byte offset sits in a text, as the 1-based line and column a
//! message shows. Built once per text and shared by every lookup: finding
//! each place by scanning from the start made checking a body with many
//! links or warnings take time in the square of its length (100,000 links
//! in 4 MB took 97 s).

/// Bytes between two points whose character count is remembered, so that a
/// column is found by counting at most this many bytes, even on a line
/// megabytes long.
const CHECKPOINT_BYTES: usize = 1024;

/// The line starts of a text and the character count at regular byte
/// offsets; lookups are a binary search and a short count.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset where each line starts; the first is 0.
    line_starts: Vec<usize>,
    /// `(byte offset, characters before it)` at a char boundary every
    /// [`CHECKPOINT_BYTES`] or so; the first is `(0, 0)`.
    checkpoints: Vec<(usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(
                text.bytes()
                    .enumerate()
                    .filter(|(_, b)| *b == b'\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        let mut checkpoints = vec![(0, 0)];
        let mut at = 0;
        let mut chars = 0;
        while at + CHECKPOINT_BYTES < text.len() {
            let next = text.floor_char_boundary(at + CHECKPOINT_BYTES);
            chars += text[at..next].chars().count();
            at = next;
            checkpoints.push((at, chars));
        }
        LineIndex {
            text,
            line_starts,
            checkpoints,
        }
    }

    /// 1-based line and column (in characters) of `offset`; an offset past
    /// the end or inside a character counts as the nearest boundary before.
    pub fn locate(&self, offset: usize) -> (usize, usize) {
        let offset = self.text.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line - 1];
        let column = self.chars_before(offset) - self.chars_before(line_start) + 1;
        (line, column)
    }

    /// The 1-based line of `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset)
    }

    /// Characters before the char boundary `offset`.
    fn chars_before(&self, offset: usize) -> usize {
        let i = self.checkpoints.partition_point(|&(at, _)| at <= offset) - 1;
        let (at, chars) = self.checkpoints[i];
        chars + self.text[at..offset].chars().count()
    }
}

/// The line and column of one offset, for a text with a single place to
/// report; texts with many build a [`LineIndex`] once.
pub fn locate(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).locate(offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition the index must agree with: count from the start.
    fn scanned(text: &str, offset: usize) -> (usize, usize) {
        let before = &text[..text.floor_char_boundary(offset.min(text.len()))];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[line_start..].chars().count() + 1)
    }

    #[test]
    fn agrees_with_scanning_from_the_start() {
        let long_line = "ក្រុម a\u{200B}b ".repeat(700);
        for text in [
            "",
            "a",
            "\n",
            "one\ntwo\r\nthree\n",
            "ការបោះឆ្នោត\nជាតិ\n\nend",
            long_line.as_str(),
            &format!("x\n{long_line}\ny{long_line}"),
        ] {
            let index = LineIndex::new(text);
            for offset in 0..=text.len() + 2 {
                assert_eq!(
                    index.locate(offset),
                    scanned(text, offset),
                    "{offset} in {text:?}"
                );
                assert_eq!(index.line(offset.min(text.len())), scanned(text, offset).0);
            }
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        assert_eq!(locate("ក\nខគa", "ក\nខគ".len()), (2, 3));
    }
}
