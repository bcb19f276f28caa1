//! Problems found in the archive, collected rather than thrown one by one, so
//! that a single run of `check` or `build` reports every one of them.

mod lang;
mod message;

use std::fmt;
use std::path::Path;

use serde::Serialize;

use crate::text::visible;

pub use lang::Lang;
pub use message::{Arg, Message, Status, Word};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// The word before a message. GitHub's annotations take the English
    /// word whatever the language (`::error`).
    pub fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Error, Lang::Km) => "កំហុស",
            (Severity::Warning, Lang::Km) => "ការព្រមាន",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word(Lang::En))
    }
}

/// The words around a message: "field", "hint".
fn field_word(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "field",
        Lang::Km => "វាល",
    }
}

pub fn hint_word(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "hint",
        Lang::Km => "ណែនាំ",
    }
}

/// A problem of the whole run, with no file to anchor it (a refused output
/// folder, another build's lock): "error: …" and its hint, in `lang`.
pub fn unanchored(
    severity: Severity,
    message: &Message,
    hint: Option<&Message>,
    lang: Lang,
) -> String {
    let mut said = format!(
        "{}: {}",
        severity.word(lang),
        visible_lines(&message.text(lang))
    );
    if let Some(hint) = hint {
        said.push_str(&format!(
            "\n  {}: {}",
            hint_word(lang),
            visible_lines(&hint.text(lang))
        ));
    }
    said
}

/// One problem, anchored to a place in a file of the archive. Its message
/// and hint are entries of the catalogue, said in the language asked for
/// when printed ([`Diagnostic::said`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    /// 1-based; 0 when the problem concerns the file as a whole.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    pub field: Option<String>,
    /// Boxed: a message holds its arguments, and diagnostics travel in
    /// `Result`s.
    pub message: Box<Message>,
    pub hint: Option<Box<Message>>,
}

impl Diagnostic {
    pub fn error(path: impl AsRef<Path>, message: Message) -> Self {
        Self::new(Severity::Error, path, message)
    }

    pub fn warning(path: impl AsRef<Path>, message: Message) -> Self {
        Self::new(Severity::Warning, path, message)
    }

    fn new(severity: Severity, path: impl AsRef<Path>, message: Message) -> Self {
        Diagnostic {
            severity,
            path: display_path(path.as_ref()),
            line: 0,
            column: 0,
            field: None,
            message: Box::new(message),
            hint: None,
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn hint(mut self, hint: Message) -> Self {
        self.hint = Some(Box::new(hint));
        self
    }

    pub fn maybe_hint(mut self, hint: Option<Message>) -> Self {
        self.hint = hint.map(Box::new);
        self
    }

    /// The problem in `lang`, for printing.
    pub fn said(&self, lang: Lang) -> Said<'_> {
        Said {
            diagnostic: self,
            lang,
        }
    }

    /// What `--format json` writes: the message and hint in `lang`, with
    /// their catalogue ids for tools.
    pub fn json(&self, lang: Lang) -> JsonDiagnostic<'_> {
        JsonDiagnostic {
            severity: self.severity,
            path: &self.path,
            line: self.line,
            column: self.column,
            field: self.field.as_deref(),
            id: self.message.id(),
            message: self.message.text(lang),
            hint_id: self.hint.as_deref().map(Message::id),
            hint: self.hint.as_ref().map(|h| h.text(lang)),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The `path:line:column` prefix shared by every output format.
    fn location(&self) -> String {
        let path = visible(&self.path);
        match (self.line, self.column) {
            (0, _) => path,
            (line, 0) => format!("{path}:{line}"),
            (line, column) => format!("{path}:{line}:{column}"),
        }
    }

    /// A GitHub Actions workflow command, so the problem shows on the pull
    /// request's diff.
    pub fn to_github_annotation(&self, lang: Lang) -> String {
        let mut props = format!("file={}", escape_github_property(&visible(&self.path)));
        if self.line > 0 {
            props.push_str(&format!(",line={}", self.line));
        }
        if self.column > 0 {
            props.push_str(&format!(",col={}", self.column));
        }
        if let Some(field) = &self.field {
            props.push_str(&format!(
                ",title={}",
                escape_github_property(&format!("{} `{}`", field_word(lang), visible(field)))
            ));
        }
        let mut message = visible_lines(&self.message.text(lang));
        if let Some(hint) = &self.hint {
            message.push_str(&format!(
                "\n{}: {}",
                hint_word(lang),
                visible_lines(&hint.text(lang))
            ));
        }
        format!(
            "::{} {props}::{}",
            self.severity,
            escape_github_data(&message)
        )
    }
}

/// A diagnostic as `--format json` writes it.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    pub severity: Severity,
    pub path: &'a str,
    pub line: usize,
    pub column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'a str>,
    /// The message's name in the catalogue, the same in every language.
    pub id: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint_id: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// A diagnostic said in one language. The location stays in ASCII digits,
/// so that editors and terminals can jump to it.
pub struct Said<'a> {
    diagnostic: &'a Diagnostic,
    lang: Lang,
}

impl fmt::Display for Said<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (d, lang) = (self.diagnostic, self.lang);
        write!(f, "{}: {}: ", d.location(), d.severity.word(lang))?;
        if let Some(field) = &d.field {
            write!(f, "{} `{}`: ", field_word(lang), visible(field))?;
        }
        f.write_str(&visible_lines(&d.message.text(lang)).replace('\n', "\n  "))?;
        if let Some(hint) = &d.hint {
            write!(
                f,
                "\n  {}: {}",
                hint_word(lang),
                visible_lines(&hint.text(lang)).replace('\n', "\n    ")
            )?;
        }
        Ok(())
    }
}

/// In English: what a build log or a test shows.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.said(Lang::En).fmt(f)
    }
}

/// A message or hint as printed: each of its lines made [`visible`], so
/// that what a file, a field or a quoted value holds (a terminal escape,
/// a line break of its own) is shown, never acted on. Only the lines the
/// message was written with stay lines, and they are indented under it.
fn visible_lines(text: &str) -> String {
    text.split('\n').map(visible).collect::<Vec<_>>().join("\n")
}

/// Paths in messages are relative to the site root and use `/`, whatever the
/// platform, so that they match what contributors see on GitHub.
pub fn display_path(path: &Path) -> String {
    let joined = path
        .components()
        .filter(|c| !matches!(c, std::path::Component::RootDir))
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    if path.has_root() {
        format!("/{joined}")
    } else {
        joined
    }
}

fn escape_github_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_github_property(s: &str) -> String {
    escape_github_data(s)
        .replace(':', "%3A")
        .replace(',', "%2C")
}

/// Every problem found in one run.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// Sorted by file and position, so output is stable whatever order the
    /// parallel loader finished in.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items
            .sort_by_cached_key(|d| (d.path.clone(), d.line, d.column, d.message.en()));
        self.items.dedup();
        self.items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

/// The declared key closest to a misspelt one, if any is close.
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(wrong, c), c))
        .filter(|(score, _)| *score > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Suggests the declared key closest to a misspelt one, if any is close.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<Message> {
    closest(wrong, candidates).map(|key| Message::DidYouMean {
        key: key.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown_tag() -> Diagnostic {
        Diagnostic::error(
            "content/a/b.en.md",
            Message::UnknownTerm {
                taxonomy: Word::Tag,
                key: "voter-regstration".into(),
            },
        )
        .at(4, 7)
        .field("tags")
        .hint(Message::DidYouMean {
            key: "voter-registration".into(),
        })
    }

    #[test]
    fn human_format_names_file_line_and_field() {
        assert_eq!(
            unknown_tag().to_string(),
            "content/a/b.en.md:4:7: error: field `tags`: unknown tag `voter-regstration`\n  hint: did you mean `voter-registration`?"
        );
    }

    #[test]
    fn khmer_keeps_the_location_in_ascii_digits() {
        assert_eq!(
            unknown_tag().said(Lang::Km).to_string(),
            "content/a/b.en.md:4:7: កំហុស: វាល `tags`: មិនស្គាល់ស្លាក `voter-regstration` ទេ\n  ណែនាំ: តើអ្នកចង់សរសេរ `voter-registration` ឬ?"
        );
    }

    #[test]
    fn json_carries_the_ids() {
        let json = serde_json::to_value(unknown_tag().json(Lang::Km)).unwrap();
        assert_eq!(json["id"], "UnknownTerm");
        assert_eq!(json["hint_id"], "DidYouMean");
        assert_eq!(json["message"], "មិនស្គាល់ស្លាក `voter-regstration` ទេ");
    }

    #[test]
    fn control_characters_are_made_visible() {
        let d = Diagnostic::error(
            "a.md",
            Message::UnknownField {
                key: "a\u{0}b\u{1b}[31m".into(),
            },
        );
        assert_eq!(
            d.to_string(),
            "a.md: error: unknown field `a\\u{0000}b\\u{001b}[31m`"
        );
    }

    #[test]
    fn github_annotation_escapes_separators() {
        let d = Diagnostic::warning(
            "content/a,b.md",
            Message::CannotRead {
                detail: "50% done\nnext".into(),
            },
        )
        .at(2, 0);
        assert_eq!(
            d.to_github_annotation(Lang::En),
            "::warning file=content/a%2Cb.md,line=2::cannot read: 50%25 done%0Anext"
        );
    }
}
