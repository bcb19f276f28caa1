//! The YAML mistakes people make in a text editor or a word processor,
//! found by reading the front matter line by line, and told in plain words
//! with the line as it should be written. The parser's own messages
//! ("mapping values are not allowed in this context") name the symptom;
//! these name the cause and the fix.
//!
//! [`after_failure`] runs only once the parser has refused the front
//! matter, so a guess can never refuse a valid file; [`silent`] looks for
//! the few mistakes the parser accepts but reads otherwise than meant.

use crate::diagnostics::Message;

use super::document::{ATTACHMENT_FIELDS, FIELDS};

/// One mistake: the 0-based line of the front matter it is on, what is
/// wrong and how to write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    pub line: usize,
    pub message: Message,
    pub hint: Message,
}

/// Each line the parser cannot read, explained; empty when none of the
/// known mistakes is found (the parser's message is then the best there is).
pub fn after_failure(yaml: &str) -> Vec<Mistake> {
    let mut mistakes = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (i, line) in yaml.lines().enumerate() {
        if let Some((message, hint)) = line_mistake(line, &mut seen) {
            mistakes.push(Mistake {
                line: i,
                message,
                hint,
            });
        }
    }
    mistakes
}

/// Mistakes YAML accepts but reads otherwise than the writer meant: ` #`
/// in a plain value starts a comment, and the rest of the title is lost.
pub fn silent(yaml: &str) -> Vec<Mistake> {
    yaml.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let field = Field::of(line)?;
            let value = field.value.trim();
            let plain = !value.starts_with(['"', '\'', '[', '{', '|', '>']);
            let (kept, _) = value.split_once(" #")?;
            (plain && !kept.trim().is_empty()).then(|| Mistake {
                line: i,
                message: Message::HashInValue {
                    field: field.key.to_string(),
                },
                hint: Message::QuoteTheValue {
                    fixed: field.with_value(&quoted(value)),
                },
            })
        })
        .collect()
}

/// A `key: value` line (or `- key: value` in a list), split.
struct Field<'a> {
    /// What comes before the key: indentation and a list's `- `.
    prefix: &'a str,
    key: &'a str,
    /// Everything after the colon, spaces included.
    value: &'a str,
}

impl<'a> Field<'a> {
    fn of(line: &'a str) -> Option<Field<'a>> {
        let body = line.trim_start();
        let body = body.strip_prefix("- ").map_or(body, str::trim_start);
        let prefix = &line[..line.len() - body.len()];
        let (key, value) = body.split_once(':')?;
        let known = FIELDS.contains(&key) || ATTACHMENT_FIELDS.contains(&key);
        known.then_some(Field { prefix, key, value })
    }

    fn with_value(&self, value: &str) -> String {
        format!("{}{}: {value}", self.prefix, self.key)
    }
}

/// `value` in double quotes, or in single quotes when it holds double ones.
fn quoted(value: &str) -> String {
    if value.contains('"') {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        format!("\"{value}\"")
    }
}

/// The double quotes a word processor puts in for straight ones. Not the
/// guillemets « », which are Khmer's own quotation marks, nor the single
/// quotes, which are also apostrophes.
const CURLY_OPEN: [char; 2] = ['“', '„'];
const CURLY_CLOSE: [char; 3] = ['”', '‟', '"'];

/// `value` without the curly quotes a word processor wrapped it in: it
/// starts with an opening curly quote and ends with a closing one (or a
/// straight one, where the word processor turned only the first).
pub fn strip_curly(value: &str) -> Option<&str> {
    value.strip_prefix(CURLY_OPEN)?.strip_suffix(CURLY_CLOSE)
}

/// What is wrong with one line, if it is one of the known mistakes.
/// `seen` holds the top-level fields met so far, for repeats.
fn line_mistake<'a>(line: &'a str, seen: &mut Vec<&'a str>) -> Option<(Message, Message)> {
    let trimmed = line.trim_start();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return None;
    }
    let indent = &line[..line.len() - trimmed.len()];
    if indent.contains('\t') {
        let fixed = match Field::of(trimmed) {
            Some(field) if FIELDS.contains(&field.key) && field.prefix.is_empty() => {
                trimmed.to_string()
            }
            _ => format!("{}{trimmed}", indent.replace('\t', "  ")),
        };
        return Some((Message::Tab, Message::TabFix { fixed }));
    }
    let Some(field) = Field::of(line) else {
        // A line of text that is no field: pasted text, or a value that
        // went on to the next line. Indented, YAML may read it as the
        // value's continuation.
        let list_item = trimmed.starts_with("- ") || trimmed == "-";
        let no_key = !trimmed.contains(": ") && !trimmed.ends_with(':');
        return (indent.is_empty() && !list_item && no_key)
            .then_some((Message::NotAField, Message::NotAFieldHint));
    };
    let key = field.key.to_string();
    if field.prefix.is_empty() {
        if seen.contains(&field.key) {
            return Some((Message::FieldTwice { field: key }, Message::KeepOne));
        }
        seen.push(field.key);
    }
    let value = field.value;
    if !value.is_empty() && !value.starts_with([' ', '\t']) {
        return Some((
            Message::NoSpaceAfterColon { field: key },
            Message::WriteAs {
                fixed: field.with_value(&quote_if_needed(value.trim())),
            },
        ));
    }
    value_mistake(&field, key, value.trim())
}

/// The value of a field line, as written after `key: `.
fn value_mistake(field: &Field, key: String, value: &str) -> Option<(Message, Message)> {
    if let Some(inner) = strip_curly(value) {
        return Some((
            Message::CurlyQuotes { field: key },
            Message::StraightQuotes {
                fixed: field.with_value(&quoted(inner)),
            },
        ));
    }
    if let Some(rest) = value.strip_prefix('"') {
        return match closing_double_quote(rest) {
            None => Some((
                Message::UnbalancedQuote { field: key },
                Message::CloseTheQuote {
                    fixed: field.with_value(&format!("{value}\"")),
                },
            )),
            Some(end) if !after_closing(&rest[end + 1..]) => Some((
                Message::TextAfterQuote { field: key },
                Message::QuoteTheValue {
                    fixed: field.with_value(&quoted(value)),
                },
            )),
            Some(_) => None,
        };
    }
    if let Some(rest) = value.strip_prefix('\'') {
        return match closing_single_quote(rest) {
            None => Some((
                Message::UnbalancedQuote { field: key },
                Message::CloseTheQuote {
                    fixed: field.with_value(&format!("{value}'")),
                },
            )),
            Some(end) if !after_closing(&rest[end + 1..]) => Some((
                Message::TextAfterQuote { field: key },
                Message::QuoteTheValue {
                    fixed: field.with_value(&quoted(value)),
                },
            )),
            Some(_) => None,
        };
    }
    if value.starts_with(['[', '{', '|', '>']) {
        return None;
    }
    if value.contains(": ") || value.ends_with(':') {
        return Some((
            Message::ColonInValue { field: key },
            Message::QuoteTheValue {
                fixed: field.with_value(&quoted(value)),
            },
        ));
    }
    if value.starts_with(['@', '`', '%', '*', '&', '!']) {
        return Some((
            Message::ReservedStart { field: key },
            Message::QuoteTheValue {
                fixed: field.with_value(&quoted(value)),
            },
        ));
    }
    None
}

fn quote_if_needed(value: &str) -> String {
    let needs =
        value.contains(": ") || value.starts_with(['@', '`', '%', '*', '&', '!', '"', '\'']);
    if needs {
        quoted(value)
    } else {
        value.to_string()
    }
}

/// Nothing but a comment may follow a closing quote.
fn after_closing(rest: &str) -> bool {
    let rest = rest.trim();
    rest.is_empty() || rest.starts_with('#')
}

/// The byte offset in `rest` of the `"` closing a double-quoted value.
fn closing_double_quote(rest: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(i),
            _ => escaped = false,
        }
    }
    None
}

/// The byte offset in `rest` of the `'` closing a single-quoted value
/// (`''` is a quote inside it).
fn closing_single_quote(rest: &str) -> Option<usize> {
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\'' {
            if chars.peek().is_some_and(|(_, n)| *n == '\'') {
                chars.next();
            } else {
                return Some(i);
            }
        }
    }
    None
}

/// The 0-based line after which the closing `---` belongs, in a front
/// matter that has none: the last line of its opening run of fields.
pub fn last_field_line(after_opening: &str) -> usize {
    let mut last = 0;
    for (i, line) in after_opening.lines().enumerate() {
        let trimmed = line.trim_start();
        let yaml_like = trimmed.is_empty()
            || trimmed.starts_with('#')
            || trimmed.starts_with("- ")
            || line.starts_with([' ', '\t'])
            || trimmed.split_once(':').is_some_and(|(key, _)| {
                !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            });
        if !yaml_like {
            break;
        }
        if !trimmed.is_empty() {
            last = i;
        }
    }
    last
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_a_word_processors_double_quotes_around_a_value_are_its_quotes() {
        assert_eq!(
            strip_curly("“Announcement list”"),
            Some("Announcement list")
        );
        assert_eq!(
            strip_curly("“Announcement list\""),
            Some("Announcement list")
        );
        // Khmer quotes a speech in guillemets: a title may start with one.
        assert_eq!(strip_curly("«អនាគតកម្ពុជា» គឺពឹងផ្អែកលើការឆ្លើយតប"), None);
        assert_eq!(strip_curly("«សេចក្តីថ្លែងការណ៍»"), None);
        // A quoted phrase at the start is part of the title.
        assert_eq!(strip_curly("“Free and fair” elections"), None);
        assert_eq!(strip_curly("‘Voters’ list"), None);
    }

    use super::*;

    fn fix(yaml: &str) -> Vec<(usize, String, String)> {
        after_failure(yaml)
            .into_iter()
            .map(|m| (m.line, m.message.en(), m.hint.en()))
            .collect()
    }

    #[test]
    fn a_valid_front_matter_has_no_mistake() {
        let yaml = "title: \"A: b\"\ndate: 2023-06-22\ntags:\n  - ballot\n  - nec\nattachments:\n  - file: files/a.pdf\n    title: 'It''s'\nsummary: one\n  two\n";
        assert_eq!(fix(yaml), []);
        assert!(silent(yaml).is_empty());
    }

    #[test]
    fn each_mistake_is_named_with_its_fix() {
        let cases = [
            ("\ttitle: A", "put spaces in place of the tab: `title: A`"),
            (
                "title: Notice: ballot",
                "put the value in quotes: `title: \"Notice: ballot\"`",
            ),
            (
                "title: “Notice: ballot”",
                "use straight quotes: `title: \"Notice: ballot\"`",
            ),
            (
                "title: \"Notice",
                "close the quote at the end of the line: `title: \"Notice\"`",
            ),
            ("title:Notice", "write: `title: Notice`"),
            (
                "title: \"Notice\" of NEC",
                "put the value in quotes: `title: '\"Notice\" of NEC'`",
            ),
            ("title: @NEC", "put the value in quotes: `title: \"@NEC\"`"),
            (
                "The NEC announces",
                "each line of the front matter is a field name",
            ),
            ("title: A\ntitle: B", "keep one"),
        ];
        for (yaml, hint) in cases {
            let found = fix(yaml);
            assert!(
                found.iter().any(|(_, _, h)| h.starts_with(hint)),
                "{yaml:?}: {found:?}"
            );
        }
    }

    #[test]
    fn a_hash_in_a_plain_value_is_caught_even_when_yaml_accepts_it() {
        let found = silent("title: Decision #12 of the NEC\n");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].hint.en(),
            "put the value in quotes: `title: \"Decision #12 of the NEC\"`"
        );
    }

    #[test]
    fn the_closing_fence_goes_after_the_last_field() {
        assert_eq!(
            last_field_line("title: A\ndate: 2023\n\nThe text starts here.\n"),
            1
        );
    }
}
