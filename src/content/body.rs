//! What a document's body must not hold, checked before it is parsed.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Message};
use crate::lines;
use crate::text;

/// The deepest nesting of block quotes and lists a body may have at the
/// start of a line. Real documents nest three or four deep; the Markdown
/// parser's time grows with the square of the depth.
const MAX_BODY_NESTING: usize = 32;

/// What a body must not hold: characters no output may carry, and nesting
/// too deep to parse in reasonable time.
pub fn check(path: &Path, body: &str, body_line: usize) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if let Some((offset, c)) = text::forbidden_char(body) {
        let (line, column) = lines::locate(body, offset);
        problems.push(
            Diagnostic::error(
                path,
                Message::TextContains {
                    what: text::forbidden_reason(c),
                },
            )
            .at(body_line + line - 1, column)
            .hint(Message::RemoveFormFeed),
        );
    }
    for (i, line) in body.lines().enumerate() {
        if is_to_write(line) {
            problems.push(
                Diagnostic::error(path, Message::ToWrite)
                    .at(body_line + i, 1)
                    .hint(Message::ToWriteHint),
            );
        }
    }
    for (i, line) in body.lines().enumerate() {
        let depth = container_depth(line);
        if depth > MAX_BODY_NESTING {
            problems.push(
                Diagnostic::error(
                    path,
                    Message::BodyTooDeep {
                        depth,
                        max: MAX_BODY_NESTING,
                    },
                )
                .at(body_line + i, 1),
            );
            break;
        }
    }
    problems
}

/// A text `sastra new` left to write: it starts with `TODO:`.
pub fn is_to_write(text: &str) -> bool {
    text.trim_start()
        .strip_prefix(crate::scaffold::TO_WRITE)
        .is_some_and(|rest| rest.starts_with(':'))
}

/// How many block quote (`>`) and list (`-`, `*`, `+`, `1.`) markers open a
/// line, each one a level of nesting.
fn container_depth(line: &str) -> usize {
    let mut depth = 0;
    let mut rest = line.trim_start();
    loop {
        let after = if let Some(r) = rest.strip_prefix('>') {
            r
        } else if let Some(r) = rest
            .strip_prefix(['-', '*', '+'])
            .filter(|r| r.starts_with([' ', '\t']))
        {
            r
        } else {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            match rest[digits..].strip_prefix(['.', ')']) {
                Some(r) if digits > 0 && r.starts_with([' ', '\t']) => r,
                _ => return depth,
            }
        };
        depth += 1;
        rest = after.trim_start();
    }
}
