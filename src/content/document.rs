//! One language version of one document: its front matter checked against
//! `site.toml`, and its Markdown body.

use std::path::{Component, Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

use super::date::PartialDate;
use super::field_path::FieldPath;
use super::front_matter;
use crate::config::{is_slug, Config, Taxonomy};
use crate::confine::{ConfineError, Root};
use crate::diagnostics::{did_you_mean, line_column, Diagnostic, Diagnostics};
use crate::text;
use crate::unique::first_seen;

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
    /// Where the fields are written, for messages found later.
    pub lines: FieldLines,
}

/// The 1-based lines of a document's front matter fields; the line where
/// the front matter opens for a field that is not written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FieldLines {
    pub title: usize,
    pub date: usize,
    pub doc_type: usize,
    pub organization: usize,
}

#[derive(Debug, Clone)]
pub struct Attachment {
    /// The file to copy, resolved and proved to lie inside `content/`.
    pub source: PathBuf,
    /// The path as written, relative to `content/`: what body links name.
    pub path: PathBuf,
    /// The front matter line of its `file:`, for messages.
    pub line: usize,
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
    if let Err(d) = check_yaml_nesting(path, split.yaml, split.yaml_line) {
        problems.push(d);
        return (None, problems);
    }
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
            let mut diagnostic = Diagnostic::error(
                path,
                format!("the front matter is not valid YAML: {}", yaml_message(&e)),
            )
            .at(line, column);
            if let Some(open) = scan_yaml(split.yaml).open_quote_at {
                diagnostic = diagnostic.hint(format!(
                    "a quote opened on line {} is not closed",
                    split.yaml_line + open
                ));
            }
            problems.push(diagnostic);
            return (None, problems);
        }
    };
    let mut fields = Fields {
        path,
        yaml: split.yaml,
        yaml_line: split.yaml_line,
        mapping,
        item: None,
        problems,
    };
    fields.reject_unknown(FIELDS);
    fields.reject_forbidden_text();
    fields
        .problems
        .extend(check_body(path, split.body, split.body_line));

    let title = fields
        .required::<String>("title")
        .filter(|t| fields.non_empty("title", t) && fields.short("title", t, MAX_TITLE_CHARS));
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
    let summary = fields
        .optional::<String>("summary")
        .filter(|s| fields.short("summary", s, MAX_SUMMARY_CHARS));
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
        tags: first_seen(tags),
        summary,
        source,
        attachments,
        draft,
        translation_draft,
        body: split.body.to_string(),
        body_line: split.body_line,
        lines: FieldLines {
            title: field_line(split.yaml, split.yaml_line, "title"),
            date: field_line(split.yaml, split.yaml_line, "date"),
            doc_type: field_line(split.yaml, split.yaml_line, "type"),
            organization: field_line(split.yaml, split.yaml_line, "organization"),
        },
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
    /// The list item these fields belong to (`attachments`, 2), if any.
    item: Option<(&'static str, usize)>,
    problems: Diagnostics,
}

impl Fields<'_> {
    /// The path of one of these fields.
    fn field(&self, name: &str) -> FieldPath {
        match self.item {
            Some((list, i)) => FieldPath::ItemField(list.into(), i, name.into()),
            None => FieldPath::Field(name.into()),
        }
    }

    fn line(&self, field: &FieldPath) -> usize {
        field.line(self.yaml, self.yaml_line)
    }

    fn error(&mut self, name: &str, message: impl Into<String>) {
        self.error_with_hint(name, message, None);
    }

    fn error_with_hint(&mut self, name: &str, message: impl Into<String>, hint: Option<String>) {
        self.error_at(self.field(name), message, hint);
    }

    fn error_at(&mut self, field: FieldPath, message: impl Into<String>, hint: Option<String>) {
        let mut diagnostic = Diagnostic::error(self.path, message)
            .at(self.line(&field), 1)
            .field(field.to_string());
        diagnostic.hint = hint;
        self.problems.push(diagnostic);
    }

    fn reject_unknown(&mut self, known: &[&str]) {
        let keys: Vec<String> = self.mapping.keys().map(key_text).collect();
        for key in keys {
            if !known.contains(&key.as_str()) {
                let hint = did_you_mean(&key, known.iter().copied())
                    .unwrap_or_else(|| format!("the fields are: {}", known.join(", ")));
                self.error_with_hint(&key, format!("unknown field `{key}`"), Some(hint));
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
            let field = self.field(name);
            let line = match self.item {
                Some(_) => self.line(&field),
                None => self.yaml_line,
            };
            self.problems.push(
                Diagnostic::error(self.path, format!("the required field `{name}` is missing"))
                    .at(line, 1)
                    .field(field.to_string()),
            );
            return None;
        }
        self.optional(name)
    }

    /// Titles and summaries are shown in every listing, feed and search
    /// result: a mistaken paste of a whole text there would multiply it
    /// across the site.
    fn short(&mut self, name: &str, value: &str, max: usize) -> bool {
        let chars = value.chars().count();
        if chars > max {
            self.error_with_hint(
                name,
                format!("is {chars} characters long; at most {max} are allowed"),
                Some("keep the full text in the document's body".into()),
            );
            return false;
        }
        true
    }

    /// Every string of the front matter, at any depth, keys included.
    fn reject_forbidden_text(&mut self) {
        let mut found = Vec::new();
        for (key, value) in &self.mapping {
            let field = FieldPath::Field(key_text(key));
            forbidden_in(&field, key, &mut found);
            forbidden_in(&field, value, &mut found);
        }
        for (field, c) in found {
            self.error_at(
                field,
                format!("contains the control character {}, which no page, feed or spreadsheet can show", text::code_point(c)),
                Some("remove it; YAML escapes such as \\x1b or \\u0000 are not allowed in text".into()),
            );
        }
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
        let content = match config.content_root() {
            Ok(content) => content,
            Err(_) => return Vec::new(), // reported once, by the loader
        };
        let mut attachments = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            let Value::Mapping(entry) = item else {
                self.error_at(
                    FieldPath::Item("attachments".into(), i),
                    "must be an entry with `file:` and `title:`",
                    None,
                );
                continue;
            };
            let mut sub = Fields {
                path: self.path,
                yaml: self.yaml,
                yaml_line: self.yaml_line,
                mapping: entry,
                item: Some(("attachments", i)),
                problems: Diagnostics::default(),
            };
            sub.reject_unknown(ATTACHMENT_FIELDS);
            let file = sub.required::<String>("file");
            let title = sub
                .required::<String>("title")
                .filter(|t| sub.short("title", t, MAX_TITLE_CHARS));
            let lang = sub.optional::<String>("lang");
            let placeholder = sub.optional::<bool>("placeholder").unwrap_or(false);
            if let Some(lang) = &lang {
                if config.language(lang).is_none() {
                    sub.error("lang", format!("`{lang}` is not a language of this site"));
                }
            }
            let file_field = sub.field("file");
            let line = sub.line(&file_field);
            self.problems.extend(sub.problems);
            let (Some(file), Some(title)) = (file, title) else {
                continue;
            };
            match resolve_attachment(config, &content, &location.section, &file) {
                Ok((source, name, bytes)) => attachments.push(Attachment {
                    source,
                    path: Path::new(&location.section).join(&file),
                    line,
                    name,
                    title,
                    lang,
                    placeholder,
                    bytes,
                }),
                Err(error) => {
                    let hint = error.hint(location);
                    self.error_at(file_field, error.to_string(), Some(hint));
                }
            }
        }
        attachments
    }
}

/// At most so many characters in a title, and in a summary.
pub const MAX_TITLE_CHARS: usize = 500;
pub const MAX_SUMMARY_CHARS: usize = 2_000;

/// Collects, with its field path, each string under `value` that holds a
/// character no output may carry. Deeper than an item's field, a path is
/// that of the item's field holding it.
fn forbidden_in(field: &FieldPath, value: &Value, found: &mut Vec<(FieldPath, char)>) {
    match value {
        Value::String(s) => {
            if let Some((_, c)) = text::forbidden_char(s) {
                found.push((field.clone(), c));
            }
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                let path = match field {
                    FieldPath::Field(name) => FieldPath::Item(name.clone(), i),
                    deeper => deeper.clone(),
                };
                forbidden_in(&path, item, found);
            }
        }
        Value::Mapping(entries) => {
            for (key, item) in entries {
                let name = key_text(key);
                let path = match field {
                    FieldPath::Item(list, i) => {
                        FieldPath::ItemField(list.clone(), *i, name.clone())
                    }
                    other => other.clone(),
                };
                forbidden_in(&path, key, found);
                // An attachment's path answers to a stricter rule of its own
                // (ASCII letters, digits, `-`, `_`, `.`), reported there.
                let is_attachment_file = matches!(&path, FieldPath::ItemField(list, _, name) if list == "attachments" && name == "file");
                if !is_attachment_file {
                    forbidden_in(&path, item, found);
                }
            }
        }
        Value::Tagged(tagged) => forbidden_in(field, &tagged.value, found),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// The deepest `[`/`{` nesting a front matter may have. Real front matter
/// nests two deep; the YAML parser's time grows with the square of the
/// depth (100,000 levels took 21 s).
const MAX_YAML_NESTING: usize = 32;

fn check_yaml_nesting(path: &Path, yaml: &str, yaml_line: usize) -> Result<(), Diagnostic> {
    match scan_yaml(yaml).too_deep_at {
        Some(i) => Err(Diagnostic::error(
            path,
            format!("the front matter nests lists or maps more than {MAX_YAML_NESTING} deep"),
        )
        .at(yaml_line + i, 0)
        .hint("front matter fields are flat: `tags: [a, b]`")),
        None => Ok(()),
    }
}

/// What a light read of a front matter finds before the YAML parser: the
/// (0-based) line where nesting goes too deep, and the line of a quote
/// still open at the end.
struct YamlShape {
    too_deep_at: Option<usize>,
    open_quote_at: Option<usize>,
}

fn scan_yaml(yaml: &str) -> YamlShape {
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

/// The deepest nesting of block quotes and lists a body may have at the
/// start of a line. Real documents nest three or four deep; the Markdown
/// parser's time grows with the square of the depth.
const MAX_BODY_NESTING: usize = 32;

/// What a body must not hold: characters no output may carry, and nesting
/// too deep to parse in reasonable time.
fn check_body(path: &Path, body: &str, body_line: usize) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if let Some((offset, c)) = text::forbidden_char(body) {
        let (line, column) = line_column(body, offset);
        problems.push(
            Diagnostic::error(
                path,
                format!(
                    "the text contains the control character {}, which no page or feed can show",
                    text::code_point(c)
                ),
            )
            .at(body_line + line - 1, column)
            .hint("remove it (text copied from a PDF sometimes carries a form feed between pages)"),
        );
    }
    for (i, line) in body.lines().enumerate() {
        let depth = container_depth(line);
        if depth > MAX_BODY_NESTING {
            problems.push(
                Diagnostic::error(
                    path,
                    format!("this line nests quotes or lists {depth} deep; at most {MAX_BODY_NESTING} are allowed"),
                )
                .at(body_line + i, 1),
            );
            break;
        }
    }
    problems
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

fn key_text(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

/// Why an attachment cannot be published.
#[derive(Debug, thiserror::Error)]
pub enum AttachmentError {
    #[error("`{0}` must be a plain relative path inside the section folder (no `..`, no absolute path, no drive letter)")]
    NotPlainRelative(String),
    #[error("the file name `{0}` may use only ASCII letters, digits, `-`, `_` and `.`")]
    UnsafeName(String),
    #[error("`{file}` is a type that can run script in a reader's browser (`.{extension}`)")]
    UnsafeType { file: String, extension: String },
    #[error("`{file}` has no extension, so a reader cannot tell what it is")]
    NoExtension { file: String },
    #[error("the attached file `{file}` {source}")]
    Unreadable {
        file: String,
        #[source]
        source: ConfineError,
    },
}

impl AttachmentError {
    pub fn hint(&self, location: &ContentPath) -> String {
        match self {
            AttachmentError::UnsafeType { .. } | AttachmentError::NoExtension { .. } => format!(
                "attachments are published on the site's own address, where HTML, SVG or XML could run script; \
                 the types accepted are: {}. Convert the file (e.g. print it to PDF), or, for an archive whose \
                 contributors are all trusted, list the extension in `extra_attachment_types` in site.toml",
                SAFE_ATTACHMENT_TYPES.join(", ")
            ),
            _ => format!(
                "attachment paths are relative to the document's folder, e.g. files/{}.pdf for content/{}/files/{}.pdf",
                location.slug, location.section, location.slug
            ),
        }
    }
}

/// Attachment types that a browser shows or downloads but never runs as
/// script on the site's origin. HTML, SVG, XML (which can be XHTML) and
/// anything unknown stay out: static hosts cannot send a per-file
/// Content-Security-Policy, so the file's type is the only protection.
pub const SAFE_ATTACHMENT_TYPES: &[&str] = &[
    "pdf", "png", "jpg", "jpeg", "gif", "webp", "avif", "tif", "tiff", "doc", "docx", "xls",
    "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "mp3", "m4a", "ogg", "oga", "opus", "wav",
    "flac", "mp4", "m4v", "webm", "ogv", "mov", "txt", "csv", "zip",
];

/// Resolves an attachment path: it must stay inside the section folder (as
/// written), name a regular file that stays inside `content/` (through any
/// links), have a name safe to publish, and a type that cannot run script.
fn resolve_attachment(
    config: &Config,
    content: &Root,
    section: &str,
    file: &str,
) -> Result<(PathBuf, String, u64), AttachmentError> {
    let relative = Path::new(file);
    let escapes = file.contains('\0')
        || file.contains('\\')
        || file.contains(':')
        || relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_)));
    if escapes {
        return Err(AttachmentError::NotPlainRelative(file.to_string()));
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
        return Err(AttachmentError::UnsafeName(name));
    }
    let Some((_, extension)) = name.rsplit_once('.') else {
        return Err(AttachmentError::NoExtension {
            file: file.to_string(),
        });
    };
    let extension = extension.to_ascii_lowercase();
    let allowed = SAFE_ATTACHMENT_TYPES.contains(&extension.as_str())
        || config.extra_attachment_types.contains(&extension);
    if !allowed {
        return Err(AttachmentError::UnsafeType {
            file: file.to_string(),
            extension,
        });
    }
    let source = content
        .file(&Path::new(section).join(relative))
        .map_err(|source| AttachmentError::Unreadable {
            file: file.to_string(),
            source,
        })?;
    let bytes = std::fs::metadata(&source).map_or(0, |m| m.len());
    Ok((source, name, bytes))
}
