//! Plain-text rules shared by every stage.

/// The first character that no page, feed or spreadsheet may receive, with
/// its byte offset: C0 and C1 controls other than tab, line feed and
/// carriage return (NUL, ESC, form feed…), DEL, Unicode noncharacters
/// (U+FFFE, U+FDD0…), and the bidirectional embeddings, overrides and
/// isolates. XML 1.0 forbids most controls, so a single one makes a feed
/// ill-formed; the rest reach a terminal or a spreadsheet as commands. The
/// archive's languages, Khmer and English, are both written left to
/// right, so a bidirectional control can only make a title, a link or a
/// file name display in another order than it is written (`U+202E` shows
/// `fdp.exe` as `exe.pdf`). YAML and TOML let a contributor write any of
/// them as an escape (`"\x1b"`, `"\u202e"`). One rule for every text that
/// reaches output: front matter, bodies, site.toml, catalogues; text read
/// from a PDF is [`cleaned`] of the same characters instead.
pub fn forbidden_char(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|(_, c)| is_forbidden(*c))
}

fn is_forbidden(c: char) -> bool {
    let code = c as u32;
    let control = (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || code == 0x7f;
    let noncharacter = (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE;
    control || noncharacter || is_bidi_control(c)
}

/// Embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
/// The marks (U+200E, U+200F, U+061C) change no order of strong letters
/// and stay allowed.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// What a forbidden character is, for a message: `the control character
/// U+001B, which no page, feed or spreadsheet can show`.
pub fn forbidden_reason(c: char) -> crate::diagnostics::Word {
    use crate::diagnostics::Word;
    match is_bidi_control(c) {
        true => Word::BidiControl {
            code: code_point(c),
        },
        false => Word::ControlChar {
            code: code_point(c),
        },
    }
}

/// `text` without the characters [`forbidden_char`] refuses, for text the
/// archive cannot correct at its source (a PDF's text and metadata): a
/// control that separates (form feed between pages, vertical tab, the
/// separators U+001C–U+001F, next line U+0085) becomes a space, so that
/// words stay apart; the others are dropped.
pub fn cleaned(text: &str) -> std::borrow::Cow<'_, str> {
    if forbidden_char(text).is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .filter_map(|c| match c {
            '\u{0b}' | '\u{0c}' | '\u{1c}'..='\u{1f}' | '\u{85}' => Some(' '),
            c if is_forbidden(c) => None,
            c => Some(c),
        })
        .collect::<String>()
        .into()
}

/// Untrusted text (a file name, a field, a value quoted from a document or
/// a PDF) as it may be printed on one line of a terminal or a CI log: every
/// control character (line breaks, terminal escape sequences), noncharacter
/// and bidirectional control is shown as its code point, never sent, so
/// that a name can neither clear the screen nor fake a line of output nor
/// display reversed.
pub fn visible(text: &str) -> String {
    use std::fmt::Write;
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || is_forbidden(c) {
            let _ = write!(shown, "\\u{{{:04x}}}", c as u32);
        } else {
            shown.push(c);
        }
    }
    shown
}

/// How a forbidden character is named in a message: `U+001B`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// A slug made of `text`'s ASCII letters and digits, lowercased, each run
/// of anything else a hyphen: what a hint offers for a name refused. `None`
/// when nothing of it is ASCII (a Khmer name).
pub fn slugify(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    (!words.is_empty()).then(|| words.join("-"))
}

/// A file name that may be published (ASCII letters, digits, `-`, `_`,
/// `.`), made of `name`: spaces and other characters become `-`. `None`
/// when no letter of the name's stem is ASCII.
pub fn safe_file_name(name: &str) -> Option<String> {
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, Some(ext)),
        _ => (name, None),
    };
    let stem = stem
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        return None;
    }
    Some(match extension.and_then(slugify) {
        Some(ext) => format!("{stem}.{ext}"),
        None => stem,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_suggested_from_what_was_written() {
        assert_eq!(
            slugify("Ballot Draw 2023").as_deref(),
            Some("ballot-draw-2023")
        );
        assert_eq!(slugify("សេចក្តីប្រកាស"), None);
        assert_eq!(
            safe_file_name("NEC decision (final).PDF").as_deref(),
            Some("NEC-decision-final.pdf")
        );
        assert_eq!(safe_file_name("សេចក្តីប្រកាស.pdf"), None);
    }

    #[test]
    fn controls_and_noncharacters_are_forbidden() {
        for c in [
            '\0',
            '\u{1b}',
            '\u{0c}',
            '\u{7f}',
            '\u{85}',
            '\u{9f}',
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{FDD0}',
            '\u{1FFFE}',
            '\u{10FFFF}',
        ] {
            assert_eq!(
                forbidden_char(&format!("ab{c}")),
                Some((2, c)),
                "{}",
                code_point(c)
            );
        }
    }

    #[test]
    fn bidirectional_controls_are_forbidden_and_marks_pass() {
        for c in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2069}',
        ] {
            assert_eq!(
                forbidden_char(&format!("ab{c}")),
                Some((2, c)),
                "{}",
                code_point(c)
            );
            assert!(forbidden_reason(c).to_string().contains("bidirectional"));
        }
        assert_eq!(forbidden_char("a\u{200E}b\u{200F}c\u{061C}"), None);
    }

    #[test]
    fn cleaning_keeps_words_apart_and_drops_the_rest() {
        assert_eq!(cleaned("page one\u{0c}page two"), "page one page two");
        assert_eq!(
            cleaned("\u{1b}[2Jfdp.\u{202E}exe\u{0}\u{FFFE}ក"),
            "[2Jfdp.exeក"
        );
        assert!(matches!(
            cleaned("ការបោះឆ្នោត\n"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn visible_text_stays_on_one_line_and_in_order() {
        assert_eq!(
            visible("a\nb\u{1b}]0;title\u{7}c\u{202E}d\tក"),
            "a\\u{000a}b\\u{001b}]0;title\\u{0007}c\\u{202e}d\\u{0009}ក"
        );
    }

    #[test]
    fn text_and_its_whitespace_pass() {
        assert_eq!(
            forbidden_char("ការបោះឆ្នោត\u{200B}, tab\tline\r\nend \u{FEFF}"),
            None
        );
    }
}
