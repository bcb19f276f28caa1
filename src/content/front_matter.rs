//! Splitting a content file into its YAML front matter and Markdown body.
//! Parsing the YAML is [`super::document`]'s job; this only finds the parts
//! and remembers where they start, so that errors point at the right line,
//! and reads the YAML's shape lightly first, where the parser would spend
//! too long or say too little.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, Message};

/// The two parts of a content file, borrowed from its text.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the file where the YAML starts.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
}

#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    Empty,
    NoOpeningFence,
    NoClosingFence,
}

impl SplitError {
    pub fn message(&self) -> Message {
        match self {
            SplitError::Empty => Message::Empty,
            SplitError::NoOpeningFence => Message::NoOpeningFence,
            SplitError::NoClosingFence => Message::NoClosingFence,
        }
    }

    pub fn hint(&self) -> Message {
        Message::FenceHint
    }
}

/// What the file's encoding says about the editor that saved it: a
/// byte-order mark and Windows line endings are read as usual (a warning
/// each, with the setting to change); lines ended by a carriage return
/// alone cannot be read (an error).
pub fn encoding(path: &Path, text: &str) -> Diagnostics {
    let mut problems = Diagnostics::default();
    if let Some(i) = text.find('\r').filter(|i| !text[i + 1..].starts_with('\n')) {
        let line = crate::lines::locate(text, i).0;
        problems.push(
            Diagnostic::error(path, Message::CrOnly)
                .at(line, 1)
                .hint(Message::CrOnlyHint),
        );
        return problems;
    }
    if text.starts_with('\u{FEFF}') {
        problems.push(
            Diagnostic::warning(path, Message::Bom)
                .at(1, 1)
                .hint(Message::BomHint),
        );
    }
    if let Some(i) = text.find("\r\n") {
        let line = crate::lines::locate(text, i).0;
        problems.push(
            Diagnostic::warning(path, Message::CrLf)
                .at(line, 1)
                .hint(Message::CrLfHint),
        );
    }
    problems
}

/// Splits `text` (already stripped of a byte-order mark). Accepts `\n` and
/// `\r\n` line endings.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    if text.trim().is_empty() {
        return Err(SplitError::Empty);
    }
    let mut lines = LineOffsets::new(text);
    let (_, first) = lines.next().ok_or(SplitError::Empty)?;
    if !is_fence(first) {
        return Err(SplitError::NoOpeningFence);
    }
    let yaml_start = lines.offset;
    let mut line_number = 1;
    for (start, line) in lines.by_ref() {
        line_number += 1;
        if is_fence(line) {
            let body_start = lines_end(text, start, line);
            return Ok(Split {
                yaml: &text[yaml_start..start],
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line_number + 1,
            });
        }
    }
    Err(SplitError::NoClosingFence)
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// The offset just past `line` and its line ending.
fn lines_end(text: &str, start: usize, line: &str) -> usize {
    let mut end = start + line.len();
    if text[end..].starts_with("\r\n") {
        end += 2;
    } else if text[end..].starts_with('\n') {
        end += 1;
    }
    end
}

/// Lines of a text with the byte offset each starts at; line endings are not
/// part of the line.
struct LineOffsets<'a> {
    text: &'a str,
    offset: usize,
}

impl<'a> LineOffsets<'a> {
    fn new(text: &'a str) -> Self {
        LineOffsets { text, offset: 0 }
    }
}

impl<'a> Iterator for LineOffsets<'a> {
    type Item = (usize, &'a str);
    fn next(&mut self) -> Option<Self::Item> {
        if self.offset >= self.text.len() {
            return None;
        }
        let start = self.offset;
        let rest = &self.text[start..];
        let (line, advance) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        self.offset += advance;
        Some((start, line.strip_suffix('\r').unwrap_or(line)))
    }
}

/// The deepest `[`/`{` nesting a front matter may have. Real front matter
/// nests two deep; the YAML parser's time grows with the square of the
/// depth (100,000 levels took 21 s).
const MAX_YAML_NESTING: usize = 32;

pub fn check_nesting(path: &Path, yaml: &str, yaml_line: usize) -> Result<(), Diagnostic> {
    match scan_yaml(yaml).too_deep_at {
        Some(i) => Err(Diagnostic::error(
            path,
            Message::TooDeep {
                max: MAX_YAML_NESTING,
            },
        )
        .at(yaml_line + i, 0)
        .hint(Message::FieldsAreFlat)),
        None => Ok(()),
    }
}

/// What a light read of a front matter finds before the YAML parser: the
/// (0-based) line where nesting goes too deep, and the line of a quote
/// still open at the end.
pub struct YamlShape {
    pub too_deep_at: Option<usize>,
    pub open_quote_at: Option<usize>,
}

pub fn scan_yaml(yaml: &str) -> YamlShape {
    let mut depth = 0usize;
    // The quote character and the line it opened on.
    let mut quote: Option<(char, usize)> = None;
    for (i, line) in yaml.lines().enumerate() {
        let mut previous = ' ';
        // A quote opens a quoted value only where a value starts; in
        // `Cambodia's election` it is an apostrophe.
        let mut value_may_start = true;
        for c in line.chars() {
            match (quote, c) {
                (Some(('"', _)), '"') if previous != '\\' => quote = None,
                (Some(('\'', _)), '\'') => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') if value_may_start => quote = Some((c, i)),
                (None, '#') if previous == ' ' => break,
                (None, '[' | '{') => {
                    depth += 1;
                    if depth > MAX_YAML_NESTING {
                        return YamlShape {
                            too_deep_at: Some(i),
                            open_quote_at: None,
                        };
                    }
                }
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
            if !c.is_whitespace() {
                value_may_start = matches!(c, ':' | '-' | '[' | '{' | ',' | '?');
            }
            previous = c;
        }
    }
    YamlShape {
        too_deep_at: None,
        open_quote_at: quote.map(|(_, line)| line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let s = split("---\ntitle: A\ndate: 2023\n---\nBody\n").unwrap();
        assert_eq!(s.yaml, "title: A\ndate: 2023\n");
        assert_eq!(s.yaml_line, 2);
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn accepts_crlf() {
        let s = split("---\r\ntitle: A\r\n---\r\nBody\r\n").unwrap();
        assert_eq!(s.yaml, "title: A\r\n");
        assert_eq!(s.body, "Body\r\n");
    }

    #[test]
    fn front_matter_only() {
        let s = split("---\ntitle: A\n---").unwrap();
        assert_eq!(s.body, "");
    }

    #[test]
    fn errors() {
        assert_eq!(split(""), Err(SplitError::Empty));
        assert_eq!(split("title: A\n"), Err(SplitError::NoOpeningFence));
        assert_eq!(split("---\ntitle: A\n"), Err(SplitError::NoClosingFence));
    }
}
