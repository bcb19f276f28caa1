//! Plain-text rules shared by every stage.

/// The first character that no page, feed or spreadsheet may receive, with
/// its byte offset: C0 and C1 controls other than tab, line feed and
/// carriage return (NUL, ESC, form feed…), DEL, and Unicode noncharacters
/// (U+FFFE, U+FDD0…). XML 1.0 forbids most of them, so a single one makes a
/// feed ill-formed; the rest reach a terminal or a spreadsheet as commands.
/// YAML lets a contributor write any of them as an escape (`"\x1b"`).
pub fn forbidden_char(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|(_, c)| is_forbidden(*c))
}

fn is_forbidden(c: char) -> bool {
    let code = c as u32;
    let control = (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || code == 0x7f;
    let noncharacter = (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE;
    control || noncharacter
}

/// Text quoted from untrusted content (a document, a PDF's metadata) as it
/// may be printed on a terminal: control characters (NUL, terminal escape
/// sequences) are shown as code points, never sent to it.
pub fn visible(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                format!("\\u{{{:04x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
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
    fn text_and_its_whitespace_pass() {
        assert_eq!(
            forbidden_char("ការបោះឆ្នោត\u{200B}, tab\tline\r\nend \u{FEFF}"),
            None
        );
    }
}
