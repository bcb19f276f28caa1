//! One language version of one document: its front matter checked against
//! `site.toml`, and its Markdown body.

use std::path::{Component, Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

use super::date::PartialDate;
use super::front_matter;
use crate::config::{is_slug, Config, Taxonomy};
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics};

/// The fields a front matter may have. Anything else is a typo.
pub const FIELDS: &[&str] = &[
    "title",
    "date",
    "type",
    "organization",
    "tags",
    "summary",
    "source",
    "attachments",
    "draft",
    "translation_draft",
];

const ATTACHMENT_FIELDS: &[&str] = &["file", "title", "lang", "placeholder"];

#[derive(Debug, Clone)]
pub struct Document {
    /// `<section>/<slug>`: shared by the language versions of one document.
    pub key: String,
    pub section: String,
    pub slug: String,
    pub lang: String,
    /// Root-relative path of the source file, for messages.
    pub path: PathBuf,
    pub title: String,
    pub date: PartialDate,
    pub doc_type: String,
    pub organization: Option<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub source: Option<String>,
    pub attachments: Vec<Attachment>,
    pub draft: bool,
    /// This version is a translation not yet reviewed; the theme says so.
    pub translation_draft: bool,
    pub body: String,
    pub body_line: usize,
}

#[derive(Debug, Clone)]
pub struct Attachment {
    /// Absolute path of the file to copy.
    pub source: PathBuf,
    /// The file's name in the output, checked to be a safe single component.
    pub name: String,
    pub title: String,
    /// Language of the attached file's content.
    pub lang: Option<String>,
    /// A stand-in for an original the archive does not hold.
    pub placeholder: bool,
    pub bytes: u64,
}

impl Attachment {
    /// "PDF", "DOCX": what a reader needs to know before downloading.
    pub fn kind(&self) -> String {
        Path::new(&self.name).extension().map_or_else(
            || "FILE".to_string(),
            |e| e.to_string_lossy().to_uppercase(),
        )
    }
}

/// Where a content file sits: `content/<section>/<slug>.<lang>.md`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentPath {
    pub section: String,
    pub slug: String,
    pub lang: String,
}

impl ContentPath {
    /// `relative` is relative to `content/`.
    pub fn parse(relative: &Path, config: &Config) -> Result<ContentPath, Diagnostic> {
        let shown = Path::new("content").join(relative);
        let components: Vec<&str> = relative
            .components()
            .map(|c| match c {
                Component::Normal(s) => s.to_str().unwrap_or("\u{FFFD}"),
                _ => "\u{FFFD}",
            })
            .collect();
        let layout_hint = "documents live at content/<section>/<slug>.<lang>.md, e.g. content/announcements/2023-06-22-ballot-draw.en.md";
        let [section, file] = components.as_slice() else {
            return Err(Diagnostic::error(
                &shown,
                "a document must sit directly inside a section folder",
            )
            .hint(layout_hint));
        };
        let Some(stem) = file.strip_suffix(".md") else {
            return Err(
                Diagnostic::error(&shown, "a document's file name must end in .md")
                    .hint(layout_hint),
            );
        };
        let Some((slug, lang)) = stem.rsplit_once('.') else {
            return Err(
                Diagnostic::error(&shown, "the file name has no language suffix").hint(format!(
                    "name it {stem}.<lang>.md with <lang> one of: {}",
                    config.language_codes().collect::<Vec<_>>().join(", ")
                )),
            );
        };
        if config.language(lang).is_none() {
            let hint = did_you_mean(lang, config.language_codes()).unwrap_or_else(|| {
                format!(
                    "languages of this site: {}",
                    config.language_codes().collect::<Vec<_>>().join(", ")
                )
            });
            return Err(Diagnostic::error(
                &shown,
                format!("`{lang}` is not a language of this site"),
            )
            .hint(hint));
        }
        for (what, value) in [("section", section), ("slug", &slug)] {
            if !is_slug(value) {
                return Err(Diagnostic::error(
                    &shown,
                    format!("the {what} `{value}` must use only lowercase ASCII letters, digits and hyphens"),
                )
                .hint("the slug becomes the page's URL in every language, so it stays readable and shareable"));
            }
        }
        Ok(ContentPath {
            section: section.to_string(),
            slug: slug.to_string(),
            lang: lang.to_string(),
        })
    }
}

/// Parses one content file. Returns the document when it has no errors, and
/// every problem found in it either way.
pub fn parse(
    config: &Config,
    path: &Path,
    location: ContentPath,
    text: &str,
) -> (Option<Document>, Diagnostics) {
    let mut problems = Diagnostics::default();
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let split = match front_matter::split(text) {
        Ok(split) => split,
        Err(e) => {
            problems.push(Diagnostic::error(path, e.message()).at(1, 1).hint(e.hint()));
            return (None, problems);
        }
    };
    let mapping = match serde_yaml::from_str::<Value>(split.yaml) {
        Ok(Value::Mapping(m)) => m,
        Ok(Value::Null) => Mapping::new(),
        Ok(_) => {
            problems.push(
                Diagnostic::error(
                    path,
                    "the front matter must be a list of `field: value` lines",
                )
                .at(split.yaml_line, 1),
            );
            return (None, problems);
        }
        Err(e) => {
            let (line, column) = e.location().map_or((split.yaml_line, 0), |l| {
                (split.yaml_line + l.line() - 1, l.column())
            });
            problems.push(
                Diagnostic::error(
                    path,
                    format!("the front matter is not valid YAML: {}", yaml_message(&e)),
                )
                .at(line, column),
            );
            return (None, problems);
        }
    };
    let mut fields = Fields {
        path,
        yaml: split.yaml,
        yaml_line: split.yaml_line,
        mapping,
        problems,
    };
    fields.reject_unknown(FIELDS, "");

    let title = fields
        .required::<String>("title")
        .filter(|t| fields.non_empty("title", t));
    let date = fields.date();
    let doc_type = fields
        .required::<String>("type")
        .filter(|t| fields.declared(config, Taxonomy::Type, "type", t));
    let organization = fields
        .optional::<String>("organization")
        .filter(|o| fields.declared(config, Taxonomy::Organization, "organization", o));
    let tags = fields.optional::<Vec<String>>("tags").unwrap_or_default();
    for tag in &tags {
        fields.declared(config, Taxonomy::Tag, "tags", tag);
    }
    let summary = fields.optional::<String>("summary");
    let source = fields
        .optional::<String>("source")
        .filter(|s| fields.web_url("source", s));
    let draft = fields.optional::<bool>("draft").unwrap_or(false);
    let translation_draft = fields
        .optional::<bool>("translation_draft")
        .unwrap_or(false);
    let attachments = fields.attachments(config, &location);

    let mut problems = fields.problems;
    if let Some(tags_dupe) = first_duplicate(&tags) {
        problems.push(
            Diagnostic::warning(path, format!("tag `{tags_dupe}` is listed twice"))
                .at(field_line(split.yaml, split.yaml_line, "tags"), 1)
                .field("tags"),
        );
    }
    if problems.has_errors() {
        return (None, problems);
    }
    let (Some(title), Some(date), Some(doc_type)) = (title, date, doc_type) else {
        unreachable!("a missing required field is an error")
    };
    let document = Document {
        key: format!("{}/{}", location.section, location.slug),
        section: location.section,
        slug: location.slug,
        lang: location.lang,
        path: path.to_path_buf(),
        title,
        date,
        doc_type,
        organization,
        tags: dedup(tags),
        summary,
        source,
        attachments,
        draft,
        translation_draft,
        body: split.body.to_string(),
        body_line: split.body_line,
    };
    (Some(document), problems)
}

/// serde_yaml appends " at line N column M" to its messages; the location is
/// already in the diagnostic, so it is dropped from the text.
fn yaml_message(e: &serde_yaml::Error) -> String {
    let message = e.to_string();
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    }
}

fn first_duplicate(items: &[String]) -> Option<&str> {
    items
        .iter()
        .enumerate()
        .find(|(i, t)| items[..*i].contains(t))
        .map(|(_, t)| t.as_str())
}

fn dedup(items: Vec<String>) -> Vec<String> {
    let mut seen = Vec::with_capacity(items.len());
    for item in items {
        if !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen
}

/// The 1-based file line where a top-level field is written.
fn field_line(yaml: &str, yaml_line: usize, field: &str) -> usize {
    yaml.lines()
        .position(|line| {
            line.strip_prefix(field)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(yaml_line, |i| yaml_line + i)
}

/// The front matter being checked, field by field, collecting problems.
struct Fields<'a> {
    path: &'a Path,
    yaml: &'a str,
    yaml_line: usize,
    mapping: Mapping,
    problems: Diagnostics,
}

impl Fields<'_> {
    fn line(&self, field: &str) -> usize {
        field_line(self.yaml, self.yaml_line, field)
    }

    /// The line where `key: value` is written, at any depth.
    fn value_line(&self, key: &str, value: &str) -> Option<usize> {
        self.yaml
            .lines()
            .position(|line| {
                let line = line.trim_start().trim_start_matches("- ");
                line.strip_prefix(key)
                    .and_then(|rest| rest.trim_start().strip_prefix(':'))
                    .is_some_and(|rest| rest.trim().trim_matches(['"', '\'']) == value)
            })
            .map(|i| self.yaml_line + i)
    }

    fn error(&mut self, field: &str, message: impl Into<String>) {
        self.error_with_hint(field, message, None);
    }

    fn error_with_hint(&mut self, field: &str, message: impl Into<String>, hint: Option<String>) {
        let line = self.line(field.split('[').next().unwrap_or(field));
        let mut diagnostic = Diagnostic::error(self.path, message)
            .at(line, 1)
            .field(field);
        diagnostic.hint = hint;
        self.problems.push(diagnostic);
    }

    fn reject_unknown(&mut self, known: &[&str], prefix: &str) {
        let keys: Vec<String> = self.mapping.keys().map(key_text).collect();
        for key in keys {
            if !known.contains(&key.as_str()) {
                let hint = did_you_mean(&key, known.iter().copied())
                    .unwrap_or_else(|| format!("the fields are: {}", known.join(", ")));
                let field = format!("{prefix}{key}");
                self.error_with_hint(&field, format!("unknown field `{key}`"), Some(hint));
            }
        }
    }

    fn value<T: DeserializeOwned>(&mut self, name: &str, value: Value) -> Option<T> {
        match serde_yaml::from_value::<T>(value) {
            Ok(v) => Some(v),
            Err(e) => {
                self.error(
                    name,
                    format!("has the wrong kind of value: {}", yaml_message(&e)),
                );
                None
            }
        }
    }

    fn optional<T: DeserializeOwned>(&mut self, name: &str) -> Option<T> {
        match self.mapping.get(name).cloned() {
            None | Some(Value::Null) => None,
            Some(value) => self.value(name, value),
        }
    }

    fn required<T: DeserializeOwned>(&mut self, name: &str) -> Option<T> {
        if self.mapping.get(name).is_none_or(Value::is_null) {
            self.problems.push(
                Diagnostic::error(self.path, format!("the required field `{name}` is missing"))
                    .at(self.yaml_line, 1)
                    .field(name),
            );
            return None;
        }
        self.optional(name)
    }

    fn non_empty(&mut self, name: &str, value: &str) -> bool {
        if value.trim().is_empty() {
            self.error(name, "must not be empty");
            return false;
        }
        true
    }

    fn date(&mut self) -> Option<PartialDate> {
        let text = match self.mapping.get("date") {
            // `date: 2019` is a YAML number; a year is a legitimate date.
            Some(Value::Number(n)) => n.to_string(),
            _ => self.required::<String>("date")?,
        };
        match PartialDate::parse(&text) {
            Ok(date) => Some(date),
            Err(e) => {
                self.error_with_hint("date", e.message, Some("write YYYY-MM-DD (2023-06-22), or YYYY-MM (2023-06) or YYYY (2023) when only that much is known".into()));
                None
            }
        }
    }

    fn declared(&mut self, config: &Config, taxonomy: Taxonomy, field: &str, key: &str) -> bool {
        let declared = config.taxonomy(taxonomy);
        if declared.contains_key(key) {
            return true;
        }
        let hint = did_you_mean(key, declared.keys().map(String::as_str)).unwrap_or_else(|| {
            format!(
                "declare it under [{}] in site.toml, with a label in every language",
                taxonomy.table()
            )
        });
        self.error_with_hint(
            field,
            format!("unknown {} `{key}`", taxonomy.singular()),
            Some(hint),
        );
        false
    }

    fn web_url(&mut self, field: &str, value: &str) -> bool {
        let ok = url::Url::parse(value).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
        if !ok {
            self.error(field, format!("`{value}` is not an http(s) address"));
        }
        ok
    }

    fn attachments(&mut self, config: &Config, location: &ContentPath) -> Vec<Attachment> {
        let Some(value) = self.mapping.get("attachments").cloned() else {
            return Vec::new();
        };
        let Value::Sequence(items) = value else {
            if !value.is_null() {
                self.error("attachments", "must be a list of `- file: …` entries");
            }
            return Vec::new();
        };
        let folder = config.content_dir().join(&location.section);
        let mut attachments = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            let field = format!("attachments[{i}]");
            let Value::Mapping(entry) = item else {
                self.error(&field, "must be an entry with `file:` and `title:`");
                continue;
            };
            let mut sub = Fields {
                path: self.path,
                yaml: self.yaml,
                yaml_line: self.yaml_line,
                mapping: entry,
                problems: Diagnostics::default(),
            };
            sub.reject_unknown(ATTACHMENT_FIELDS, &format!("{field}."));
            let file = sub.required::<String>("file");
            let title = sub.required::<String>("title");
            let lang = sub.optional::<String>("lang");
            let placeholder = sub.optional::<bool>("placeholder").unwrap_or(false);
            // A sub-field's line is that of its entry's `file:` when it can be
            // found, else that of the `attachments:` list.
            let line = file
                .as_deref()
                .and_then(|f| self.value_line("file", f))
                .unwrap_or_else(|| self.line("attachments"));
            self.problems.extend(sub.problems.into_iter().map(|mut d| {
                d.line = line;
                if let Some(f) = &d.field {
                    if !f.starts_with("attachments") {
                        d.field = Some(format!("{field}.{f}"));
                    }
                }
                d
            }));
            if let Some(lang) = &lang {
                if config.language(lang).is_none() {
                    self.error(
                        &format!("{field}.lang"),
                        format!("`{lang}` is not a language of this site"),
                    );
                }
            }
            let (Some(file), Some(title)) = (file, title) else {
                continue;
            };
            match resolve_attachment(&config.content_dir(), &folder, &file) {
                Ok((source, name, bytes)) => attachments.push(Attachment {
                    source,
                    name,
                    title,
                    lang,
                    placeholder,
                    bytes,
                }),
                Err(message) => {
                    let mut diagnostic = Diagnostic::error(self.path, message)
                        .at(line, 1)
                        .field(format!("{field}.file"));
                    diagnostic.hint = Some(format!(
                        "attachment paths are relative to the document's folder, e.g. files/{}.pdf for content/{}/files/{}.pdf",
                        location.slug, location.section, location.slug
                    ));
                    self.problems.push(diagnostic);
                }
            }
        }
        attachments
    }
}

fn key_text(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

/// Checks that an attachment path stays inside the section folder and names
/// an existing regular file with a name safe to publish.
fn resolve_attachment(
    content_dir: &Path,
    folder: &Path,
    file: &str,
) -> Result<(PathBuf, String, u64), String> {
    let relative = Path::new(file);
    let escapes = file.contains('\0')
        || file.contains('\\')
        || file.contains(':')
        || relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_)));
    if escapes {
        return Err(format!("`{file}` must be a plain relative path inside the section folder (no `..`, no absolute path, no drive letter)"));
    }
    let name = relative
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    let safe_name = !name.is_empty()
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if !safe_name {
        return Err(format!(
            "the file name `{name}` may use only ASCII letters, digits, `-`, `_` and `.`"
        ));
    }
    let source = folder.join(relative);
    let metadata = std::fs::symlink_metadata(&source)
        .map_err(|_| format!("the attached file `{file}` does not exist"))?;
    if metadata.file_type().is_symlink() {
        let target =
            std::fs::canonicalize(&source).map_err(|_| format!("`{file}` is a broken link"))?;
        let root = std::fs::canonicalize(content_dir).map_err(|e| e.to_string())?;
        if !target.starts_with(&root) {
            return Err(format!("`{file}` is a link pointing outside content/"));
        }
    }
    let metadata = std::fs::metadata(&source)
        .map_err(|_| format!("the attached file `{file}` does not exist"))?;
    if !metadata.is_file() {
        return Err(format!("`{file}` is not a file"));
    }
    Ok((source, name, metadata.len()))
}
