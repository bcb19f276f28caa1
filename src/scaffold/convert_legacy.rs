//! `sastra convert-legacy FILE`: a Khmer document pasted from an old Word
//! file typed in a pre-Unicode font, rewritten in Unicode.
//!
//! Only what reads as legacy text changes, with the judgement `check` uses
//! ([`legacy_text`]): the body's prose lines that read as legacy-font Khmer
//! and the `title` and `summary` values that do; in those, every word but
//! addresses, acronyms and Latin names. The rest of the file, front matter
//! included, is kept byte for byte. The file is confined to `content/` and
//! replaced atomically; when nothing changes, or on any error, it is not
//! touched.

use std::path::{Path, PathBuf};

use serde_yaml::Mapping;

use crate::config::Config;
use crate::confine::{ConfineError, Root};
use crate::content::content_path::ContentPath;
use crate::content::front_matter;
use crate::content::legacy_text::{self, convert_line, legacy_lines_with, prose_lines};
use crate::diagnostics::{display_path, Message};
use crate::khmer::legacy::{detect, LegacyFont};

use super::additions::{self, WriteError};

/// One line changed: its 1-based line in the file, before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub line: usize,
    pub old: String,
    pub new: String,
}

/// The file's new text and what changed, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub font: LegacyFont,
    pub changes: Vec<Change>,
    pub text: String,
}

/// What `convert_file` did.
#[derive(Debug)]
pub struct Converted {
    /// The file as messages show it (`content/…`).
    pub shown: String,
    /// `None` when nothing read as legacy text: the file was not touched.
    pub plan: Option<Plan>,
    /// The file was rewritten (not a dry run, and something changed).
    pub written: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ConvertError {
    #[error("{shown}: {source}")]
    Refused { shown: String, source: ConfineError },
    #[error("{0} is not a Khmer document")]
    NotKhmer(String),
    #[error("{0} has no front matter")]
    NotADocument(String),
    #[error("{shown}: {detail}")]
    Read { shown: String, detail: String },
    #[error(transparent)]
    Write(#[from] WriteError),
}

impl ConvertError {
    pub fn message(&self) -> Message {
        match self {
            ConvertError::Refused { shown, source } => Message::PathRefused {
                path: shown.clone(),
                why: source.word(),
            },
            ConvertError::NotKhmer(shown) => Message::NotKhmerDocument {
                path: shown.clone(),
            },
            ConvertError::NotADocument(shown) => Message::NotADocument {
                path: shown.clone(),
            },
            ConvertError::Read { shown, detail } => Message::CannotReadPath {
                path: shown.clone(),
                detail: detail.clone(),
            },
            ConvertError::Write(e) => e.message(),
        }
    }
}

/// Converts the Khmer document at `file` (as the user wrote it: relative to
/// the working folder, or absolute), which must lie inside the archive's
/// `content/`. `font` is detected when not given.
pub fn convert_file(
    config: &Config,
    file: &Path,
    font: Option<LegacyFont>,
    dry_run: bool,
) -> Result<Converted, ConvertError> {
    let shown = display_path(file);
    let refused = |source| ConvertError::Refused {
        shown: shown.clone(),
        source,
    };
    let absolute = |p: &Path| match std::env::current_dir() {
        Ok(cwd) => cwd.join(p),
        Err(_) => p.to_path_buf(),
    };
    let content = absolute(&config.content_dir());
    let root = Root::new(&content).map_err(refused)?.named("content/");
    let resolved = root.file(&absolute(file)).map_err(refused)?;
    let canonical_content =
        std::fs::canonicalize(&content).map_err(|e| refused(ConfineError::Io(e)))?;
    let relative = resolved
        .strip_prefix(&canonical_content)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| PathBuf::from(file));
    let shown = display_path(&Path::new("content").join(&relative));
    let is_khmer = ContentPath::parse(&relative, config).is_ok_and(|p| p.lang == "km");
    if !is_khmer {
        return Err(ConvertError::NotKhmer(shown));
    }
    let bytes = std::fs::read(&resolved).map_err(|e| ConvertError::Read {
        shown: shown.clone(),
        detail: e.to_string(),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| ConvertError::Read {
        shown: shown.clone(),
        detail: e.to_string(),
    })?;
    let plan = plan(&text, font).ok_or_else(|| ConvertError::NotADocument(shown.clone()))?;
    let written = match &plan {
        Some(plan) if !dry_run => {
            additions::replace(&resolved, plan.text.as_bytes())?;
            true
        }
        _ => false,
    };
    Ok(Converted {
        shown,
        plan,
        written,
    })
}

/// The document `text` with its legacy text in Unicode: `None` when it has
/// no front matter; `Some(None)` when nothing reads as legacy text.
pub fn plan(text: &str, font: Option<LegacyFont>) -> Option<Option<Plan>> {
    let bom = if text.starts_with('\u{FEFF}') {
        "\u{FEFF}"
    } else {
        ""
    };
    let split = front_matter::split(&text[bom.len()..]).ok()?;
    // (1-based file line, text, is a front matter value)
    let mut found: Vec<(usize, &str, Option<&str>)> = Vec::new();
    // A family given with --font is the only one tried: Khek and Baidok
    // text is found only that way (a guess tries Limon and ABC alone).
    for (i, line) in split.yaml.lines().enumerate() {
        if let Some((name, value)) = legacy_field(line) {
            if detect::detect_with(&value, font).is_some() {
                found.push((split.yaml_line + i, line, Some(name)));
            }
        }
    }
    let body_lines: Vec<&str> = split.body.lines().collect();
    if found.is_empty() && legacy_lines_with(split.body, font).is_empty() {
        return Some(None);
    }
    // The document holds legacy text: shorter lines (headings, list items)
    // are judged too.
    for (i, line) in prose_lines(split.body) {
        if detect::detect_in_legacy_text_with(line, font).is_some() {
            found.push((split.body_line + i, body_lines[i], None));
        }
    }
    let font = font.unwrap_or_else(|| legacy_text::family(found.iter().map(|(_, line, _)| *line)));
    let mut changes = Vec::new();
    for (line, old, field) in found {
        let new = match field {
            Some(name) => {
                let value = legacy_field(old).map(|(_, v)| v).unwrap_or_default();
                format!("{name}: {}", yaml_quoted(&convert_line(font, &value)))
            }
            None => convert_line(font, old),
        };
        if new != old {
            changes.push(Change {
                line,
                old: old.to_string(),
                new,
            });
        }
    }
    if changes.is_empty() {
        return Some(None);
    }
    let mut out = String::with_capacity(text.len() * 2);
    let mut next = changes.iter().peekable();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        match next.next_if(|c| c.line == i + 1) {
            Some(change) => {
                let ending = &line[line.trim_end_matches(['\r', '\n']).len()..];
                if i == 0 {
                    out.push_str(bom);
                }
                out.push_str(&change.new);
                out.push_str(ending);
            }
            None => out.push_str(line),
        }
    }
    // The front matter must still read as it did, field for field.
    let yaml = front_matter::split(&out[bom.len()..]).ok()?.yaml;
    serde_yaml::from_str::<Mapping>(yaml).ok()?;
    Some(Some(Plan {
        font,
        changes,
        text: out,
    }))
}

/// A top-level `title:` or `summary:` line's name and plain value (quotes
/// taken off); `None` for other lines and for block values (`|`, `>`).
fn legacy_field(line: &str) -> Option<(&'static str, String)> {
    let (name, value) = ["title", "summary"]
        .into_iter()
        .find_map(|name| Some((name, line.strip_prefix(name)?.strip_prefix(':')?.trim())))?;
    if value.is_empty() || value.starts_with(['|', '>']) {
        return None;
    }
    let plain = if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        inner.replace("\\\"", "\"").replace("\\\\", "\\")
    } else if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        inner.replace("''", "'")
    } else {
        value.to_string()
    };
    Some((name, plain))
}

/// `value` as a double-quoted YAML string.
fn yaml_quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEGACY: &str = "---\ntitle: \"éf¶ExqñaMkMeNIt\"\ndate: 2013-07-28\ntype: report\n---\n\n## ebaHeqñat\n\nThe NEC (www.nec.gov.kh) said:\n\nRkúmGñkCMnajGgÁkarshRbCaCati enAéf¶suRkenH\n";

    #[test]
    fn legacy_lines_and_fields_are_converted_and_nothing_else() {
        let plan = plan(LEGACY, None).unwrap().unwrap();
        assert_eq!(plan.font, LegacyFont::Limon);
        let lines: Vec<usize> = plan.changes.iter().map(|c| c.line).collect();
        assert_eq!(lines, [2, 7, 11]);
        assert_eq!(plan.changes[0].new, "title: \"ថ្ងៃខែឆ្នាំកំណើត\"");
        assert_eq!(plan.changes[1].new, "## បោះឆ្នោត");
        assert!(plan.text.contains("\nThe NEC (www.nec.gov.kh) said:\n"));
        assert!(plan.text.contains("date: 2013-07-28\ntype: report\n"));
    }

    #[test]
    fn line_endings_and_a_bom_are_kept() {
        let crlf = format!("\u{FEFF}{}", LEGACY.replace('\n', "\r\n"));
        let plan = plan(&crlf, None).unwrap().unwrap();
        assert!(plan.text.starts_with("\u{FEFF}---\r\ntitle: \"ថ្ងៃ"));
        assert_eq!(
            plan.text.matches("\r\n").count(),
            crlf.matches("\r\n").count()
        );
    }

    #[test]
    fn a_family_given_is_the_one_converted() {
        // "ប្រទេស អ្នក ឆ្នាំ ថ្ងៃ សិទ្ធិ" typed in Khek, whose ្ន, ្រ, ្ង and
        // ្ធ sit on codes Limon and ABC read otherwise: a guess tries only
        // those two, so Khek text is converted when --font khek says so.
        let text = "---\ntitle: x\n---\n\n¨beTs G~k q~S «f© siTìi ¨beTs G~k q~S\n";
        let plan = plan(text, Some(LegacyFont::Khek)).unwrap().unwrap();
        assert_eq!(plan.font, LegacyFont::Khek);
        assert_eq!(plan.changes[0].new, "ប្រទេស អ្នក ឆ្នាំ ថ្ងៃ សិទ្ធិ ប្រទេស អ្នក ឆ្នាំ");
    }

    #[test]
    fn unicode_text_is_left_alone() {
        let text = "---\ntitle: ការបោះឆ្នោត\n---\nThe election, NEC 2013.\n";
        assert_eq!(plan(text, None), Some(None));
        assert_eq!(plan("no front matter", None), None);
    }
}
