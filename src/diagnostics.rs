//! Problems found in the archive, collected rather than thrown one by one, so
//! that a single run of `check` or `build` reports every one of them.

use std::fmt;
use std::path::Path;

use serde::Serialize;

use crate::text::visible;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem, anchored to a place in a file of the archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    /// 1-based; 0 when the problem concerns the file as a whole.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, path, message)
    }

    pub fn warning(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, path, message)
    }

    fn new(severity: Severity, path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            path: display_path(path.as_ref()),
            line: 0,
            column: 0,
            field: None,
            message: message.into(),
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

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
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
    pub fn to_github_annotation(&self) -> String {
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
                escape_github_property(&format!("field `{}`", visible(field)))
            ));
        }
        let mut message = visible_lines(&self.message);
        if let Some(hint) = &self.hint {
            message.push_str(&format!("\nhint: {}", visible_lines(hint)));
        }
        format!(
            "::{} {props}::{}",
            self.severity,
            escape_github_data(&message)
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: ", self.location(), self.severity)?;
        if let Some(field) = &self.field {
            write!(f, "field `{}`: ", visible(field))?;
        }
        f.write_str(&visible_lines(&self.message).replace('\n', "\n  "))?;
        if let Some(hint) = &self.hint {
            write!(
                f,
                "\n  hint: {}",
                visible_lines(hint).replace('\n', "\n    ")
            )?;
        }
        Ok(())
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
        self.items.sort_by(|a, b| {
            (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message))
        });
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

/// Suggests the declared key closest to a misspelt one, if any is close.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(wrong, c), c))
        .filter(|(score, _)| *score > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_format_names_file_line_and_field() {
        let d = Diagnostic::error("content/a/b.en.md", "unknown tag `voter-regstration`")
            .at(4, 7)
            .field("tags")
            .hint("did you mean `voter-registration`?");
        assert_eq!(
            d.to_string(),
            "content/a/b.en.md:4:7: error: field `tags`: unknown tag `voter-regstration`\n  hint: did you mean `voter-registration`?"
        );
    }

    #[test]
    fn control_characters_are_made_visible() {
        let d = Diagnostic::error("a.md", "name `a\u{0}b` and \u{1b}[31mred");
        assert_eq!(
            d.to_string(),
            "a.md: error: name `a\\u{0000}b` and \\u{001b}[31mred"
        );
    }

    #[test]
    fn github_annotation_escapes_separators() {
        let d = Diagnostic::warning("content/a,b.md", "50% done\nnext").at(2, 0);
        assert_eq!(
            d.to_github_annotation(),
            "::warning file=content/a%2Cb.md,line=2::50%25 done%0Anext"
        );
    }
}
