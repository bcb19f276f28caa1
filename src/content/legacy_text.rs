//! Khmer documents whose text was pasted from an old Word file typed in a
//! pre-Unicode font: Latin letters where Khmer should be. `check` warns
//! about them (a Khmer document only: an English one is meant to be
//! Latin), and `sastra convert-legacy` rewrites them with the same
//! judgement of which lines, and which words in a line, are legacy text.

use std::path::Path;

use crate::diagnostics::{display_path, Diagnostic, Message};
use crate::khmer::legacy::detect::{self, candidate_words};
use crate::khmer::legacy::{convert, LegacyFont, DETECTED};

/// The lines of a Markdown body that hold prose, with their 0-based index:
/// fenced code is left out (it is shown as written).
pub fn prose_lines(body: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut fence: Option<&str> = None;
    body.lines().enumerate().filter(move |(_, line)| {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => {
                fence = Some(m);
                false
            }
            (Some(open), Some(m)) if open == m => {
                fence = None;
                false
            }
            (Some(_), _) => false,
            (None, None) => true,
        }
    })
}

/// The body's prose lines that read as legacy-font Khmer, each with the
/// family it reads best as.
pub fn legacy_lines(body: &str) -> Vec<(usize, LegacyFont)> {
    legacy_lines_with(body, None)
}

/// [`legacy_lines`], or with `named` (a family given with `--font`) that
/// family alone (see [`detect::detect_with`]).
pub fn legacy_lines_with(body: &str, named: Option<LegacyFont>) -> Vec<(usize, LegacyFont)> {
    prose_lines(body)
        .filter_map(|(i, line)| detect::detect_with(line, named).map(|font| (i, font)))
        .collect()
}

/// The one family a document's legacy text was typed in: the one under
/// which its candidate words come out with the fewest invalid clusters
/// (Limon on a tie: the commoner).
pub fn family<'a>(texts: impl Iterator<Item = &'a str> + Clone) -> LegacyFont {
    DETECTED
        .iter()
        .copied()
        .min_by_key(|&font| {
            texts
                .clone()
                .map(|t| {
                    let words: Vec<&str> = candidate_words(t).collect();
                    convert(font, &words.join(" ")).invalid_clusters
                })
                .sum::<usize>()
        })
        .unwrap_or(LegacyFont::Limon)
}

/// `check`'s warning for a Khmer document's body, at its first legacy line.
pub fn check_body(path: &Path, body: &str, body_line: usize) -> Option<Diagnostic> {
    let found = legacy_lines(body);
    let &(first, _) = found.first()?;
    let lines: Vec<&str> = body.lines().collect();
    let font = family(found.iter().map(|&(i, _)| lines[i]));
    Some(
        Diagnostic::warning(
            path,
            Message::LegacyBody {
                font: font.name().into(),
                lines: found.len(),
            },
        )
        .at(body_line + first, 1)
        .field("body".to_string())
        .hint(hint(path, font)),
    )
}

/// `check`'s warning for a Khmer document's title or summary.
pub fn check_field(path: &Path, field: &str, line: usize, value: &str) -> Option<Diagnostic> {
    let font = detect::detect(value)?;
    Some(
        Diagnostic::warning(
            path,
            Message::LegacyField {
                field: field.into(),
                font: font.name().into(),
            },
        )
        .at(line, 1)
        .field(field.to_string())
        .hint(hint(path, font)),
    )
}

fn hint(path: &Path, font: LegacyFont) -> Message {
    Message::ConvertLegacyHint {
        command: format!(
            "sastra convert-legacy {} --font {}",
            display_path(path),
            font.cli_name()
        ),
    }
}

/// A line of legacy text in Unicode: the Markdown that opens the line
/// (`## `, `> `, `- `, `1. `) is kept, and so is every word that is not
/// legacy text: an address, an acronym in capitals, a word that does not
/// look typed and would come out as invalid Khmer (a Latin name).
pub fn convert_line(font: LegacyFont, line: &str) -> String {
    let (prefix, rest) = line.split_at(markdown_prefix_len(line));
    let mut out = String::with_capacity(rest.len() * 3);
    out.push_str(prefix);
    let mut word_start = None;
    for (i, c) in rest.char_indices().chain([(rest.len(), ' ')]) {
        match (c.is_whitespace(), word_start) {
            (false, None) => word_start = Some(i),
            (true, Some(start)) => {
                out.push_str(&convert_word(font, &rest[start..i]));
                word_start = None;
                if i < rest.len() {
                    out.push(c);
                }
            }
            (true, None) if i < rest.len() => out.push(c),
            _ => {}
        }
    }
    out
}

/// One word of a legacy line, converted unless it is not legacy text.
fn convert_word(font: LegacyFont, word: &str) -> String {
    let is_candidate = candidate_words(word).next().is_some();
    let acronym = word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || "().,;:-/".contains(c));
    if !is_candidate && word.chars().any(char::is_alphabetic) || acronym {
        return word.to_string();
    }
    // Emphasis around the word (**…**, *…*) is Markdown, not Limon's 8.
    for marks in ["**", "*"] {
        if let Some(inner) = word
            .strip_prefix(marks)
            .and_then(|w| w.strip_suffix(marks))
            .filter(|w| !w.is_empty())
        {
            return format!("{marks}{}{marks}", convert_word(font, inner));
        }
    }
    let conversion = convert(font, word);
    if conversion.invalid_clusters > 0 && !detect::looks_typed(word) {
        return word.to_string();
    }
    conversion.text
}

/// Bytes of Markdown block syntax at the start of `line`: indentation,
/// then heading, quote and list markers, each followed by a space.
fn markdown_prefix_len(line: &str) -> usize {
    let mut at = line.len() - line.trim_start().len();
    loop {
        let rest = &line[at..];
        let marker = if let Some(hashes) = rest.strip_prefix('#') {
            1 + hashes.len() - hashes.trim_start_matches('#').len()
        } else if rest.starts_with(['>', '-', '*', '+']) {
            1
        } else {
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits > 0 && rest[digits..].starts_with(['.', ')']) {
                digits + 1
            } else {
                0
            }
        };
        if marker == 0 || !rest[marker..].starts_with(' ') {
            return at;
        }
        at += marker;
        at += line[at..].len() - line[at..].trim_start().len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_is_not_prose() {
        let body = "a\n```\nebaHeqñat\n```\nb\n~~~\nc\n~~~\n";
        let lines: Vec<usize> = prose_lines(body).map(|(i, _)| i).collect();
        assert_eq!(lines, [0, 4]);
    }

    #[test]
    fn lines_keep_their_markdown_and_their_latin_words() {
        let limon = |s: &str| convert_line(LegacyFont::Limon, s);
        assert_eq!(limon("## ebaHeqñat"), "## បោះឆ្នោត");
        assert_eq!(limon("> - ebaHeqñat"), "> - បោះឆ្នោត");
        assert_eq!(limon("1. **ebaHeqñat** NEC"), "1. **បោះឆ្នោត** NEC");
        assert_eq!(
            limon("ebaHeqñat https://www.nec.gov.kh/km"),
            "បោះឆ្នោត https://www.nec.gov.kh/km"
        );
        // Limon's digits are Khmer digits.
        assert_eq!(limon("qñaM 1993"), "ឆ្នាំ ១៩៩៣");
        assert_eq!(limon("  éf¶ExqñaMkMeNIt  "), "  ថ្ងៃខែឆ្នាំកំណើត  ");
    }

    #[test]
    fn a_body_warning_names_the_line_and_the_command() {
        let body = "Intro in Khmer: សេចក្តីផ្តើម\n\néf¶ExqñaMkMeNIt RkúmGñkCMnajGgÁkarshRbCaCati\n";
        let d = check_body(Path::new("content/news/x.km.md"), body, 7).unwrap();
        assert_eq!(d.line, 9);
        let hint = d.hint.unwrap().text(crate::diagnostics::Lang::En);
        assert!(
            hint.contains("sastra convert-legacy content/news/x.km.md --font limon"),
            "{hint}"
        );
        assert!(check_body(Path::new("x.km.md"), "The election results.\n", 1).is_none());
    }
}
