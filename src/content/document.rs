//! One language version of one document: its front matter checked against
//! `site.toml`, and its Markdown body.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

use super::alias::{self, Alias};
use super::attachment;
use super::body;
use super::content_path::ContentPath;
use super::date::PartialDate;
use super::field_path::FieldPath;
use super::front_matter;
use super::legacy_text;
use super::suggest;
use super::yaml_mistakes;
use crate::config::{Config, Taxonomy};
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics, Message};
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
    "aliases",
];

pub const ATTACHMENT_FIELDS: &[&str] = &["file", "title", "lang", "placeholder"];

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
    /// Old addresses of this version, each published as a page that sends
    /// the reader here.
    pub aliases: Vec<Alias>,
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
    /// Its place in the `attachments:` list, for messages and anchors.
    pub index: usize,
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

/// Parses one content file. Returns the document when it has no errors, and
/// every problem found in it either way.
pub fn parse(
    config: &Config,
    path: &Path,
    location: ContentPath,
    text: &str,
) -> (Option<Document>, Diagnostics) {
    let mut problems = front_matter::encoding(path, text);
    if problems.has_errors() {
        return (None, problems);
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let split = match front_matter::split(text) {
        Ok(split) => split,
        Err(e) => {
            let problem = Diagnostic::error(path, e.message()).at(1, 1);
            let hint = match e {
                front_matter::SplitError::NoClosingFence => Message::CloseFenceAt {
                    line: 2 + yaml_mistakes::last_field_line(
                        text.split_once('\n').map_or("", |(_, rest)| rest),
                    ),
                },
                _ => e.hint(),
            };
            problems.push(problem.hint(hint));
            return (None, problems);
        }
    };
    let mapping = match read_mapping(path, &split) {
        Ok(mapping) => mapping,
        Err(refused) => {
            problems.extend(refused);
            return (None, problems);
        }
    };
    for mistake in yaml_mistakes::silent(split.yaml) {
        problems.push(
            Diagnostic::error(path, mistake.message)
                .at(split.yaml_line + mistake.line, 1)
                .hint(mistake.hint),
        );
    }
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
        .extend(body::check(path, split.body, split.body_line));
    if location.lang == KHMER {
        fields
            .problems
            .extend(legacy_text::check_body(path, split.body, split.body_line));
    }
    let document = fields.document(config, location, &split);
    let problems = fields.problems;
    if problems.has_errors() {
        return (None, problems);
    }
    (document, problems)
}

/// The front matter as a YAML mapping, or the errors that stop there: each
/// mistake of a person's found on its line, else the parser's message.
fn read_mapping(path: &Path, split: &front_matter::Split) -> Result<Mapping, Vec<Diagnostic>> {
    front_matter::check_nesting(path, split.yaml, split.yaml_line).map_err(|d| vec![d])?;
    match parse_mapping(path, split) {
        Ok(mapping) => Ok(mapping),
        Err(parser) => {
            let mistakes = yaml_mistakes::after_failure(split.yaml);
            if mistakes.is_empty() {
                return Err(vec![parser]);
            }
            Err(mistakes
                .into_iter()
                .map(|m| {
                    Diagnostic::error(path, m.message)
                        .at(split.yaml_line + m.line, 1)
                        .hint(m.hint)
                })
                .collect())
        }
    }
}

fn parse_mapping(path: &Path, split: &front_matter::Split) -> Result<Mapping, Diagnostic> {
    match serde_yaml::from_str::<Value>(split.yaml) {
        Ok(Value::Mapping(m)) => Ok(m),
        Ok(Value::Null) => Ok(Mapping::new()),
        Ok(_) => Err(Diagnostic::error(path, Message::NotAMapping).at(split.yaml_line, 1)),
        Err(e) => {
            let (line, column) = e.location().map_or((split.yaml_line, 0), |l| {
                (split.yaml_line + l.line() - 1, l.column())
            });
            let mut problem = Diagnostic::error(
                path,
                Message::InvalidYaml {
                    detail: yaml_message(&e),
                },
            )
            .at(line, column);
            if let Some(open) = front_matter::scan_yaml(split.yaml).open_quote_at {
                problem = problem.hint(Message::QuoteNotClosed {
                    line: split.yaml_line + open,
                });
            }
            Err(problem)
        }
    }
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
    /// Reads every field, collecting problems; the document, if the fields
    /// that must be there are.
    fn document(
        &mut self,
        config: &Config,
        location: ContentPath,
        split: &front_matter::Split,
    ) -> Option<Document> {
        let title = self.required::<String>("title").filter(|t| {
            self.non_empty("title", t)
                && self.short("title", t, MAX_TITLE_CHARS)
                && self.straight_quotes("title", t)
                && self.written("title", t)
        });
        let date = self.date();
        if let Some(date) = date {
            self.plausible(config, date);
        }
        let doc_type = self
            .required::<String>("type")
            .filter(|t| self.declared(config, Taxonomy::Type, "type", t));
        let organization = self
            .optional::<String>("organization")
            .filter(|o| self.declared(config, Taxonomy::Organization, "organization", o));
        let tags = self.tags(config);
        let summary = self.optional::<String>("summary").filter(|s| {
            self.short("summary", s, MAX_SUMMARY_CHARS) && self.straight_quotes("summary", s)
        });
        if location.lang == KHMER {
            for (name, value) in [("title", &title), ("summary", &summary)] {
                if let Some(value) = value {
                    let field = self.field(name);
                    let line = self.line(&field);
                    self.problems
                        .extend(legacy_text::check_field(self.path, name, line, value));
                }
            }
        }
        let source = self
            .optional::<String>("source")
            .filter(|s| self.web_url("source", s));
        let draft = self.optional::<bool>("draft").unwrap_or(false);
        let translation_draft = self.optional::<bool>("translation_draft").unwrap_or(false);
        let attachments = self.attachments(config, &location);
        let aliases = self.aliases(config);
        let line = |name: &str| self.line(&FieldPath::Field(name.into()));
        let lines = FieldLines {
            title: line("title"),
            date: line("date"),
            doc_type: line("type"),
            organization: line("organization"),
        };
        Some(Document {
            key: format!("{}/{}", location.section, location.slug),
            section: location.section,
            slug: location.slug,
            lang: location.lang,
            path: self.path.to_path_buf(),
            title: title?,
            date: date?,
            doc_type: doc_type?,
            organization,
            tags,
            summary,
            source,
            attachments,
            draft,
            translation_draft,
            aliases,
            body: split.body.to_string(),
            body_line: split.body_line,
            lines,
        })
    }

    /// A date after today, or before the archive's `first_year`, is most
    /// likely a typo (2203 for 2023): a warning, since the archive may
    /// rightly hold a document dated ahead (a scheduled election day) or
    /// older than its usual years. The timeline shows either without
    /// growing: runs of empty years are one row.
    fn plausible(&mut self, config: &Config, date: PartialDate) {
        let today = PartialDate::today();
        let problem = if date.earliest() > today {
            Some((
                Message::FutureDate {
                    date: date.to_string(),
                    today: today.to_string(),
                },
                Message::CheckYear,
            ))
        } else if date.year() < config.first_year {
            Some((
                Message::BeforeFirstYear {
                    date: date.to_string(),
                    first_year: config.first_year.to_string(),
                },
                Message::CheckYearOrFirstYear,
            ))
        } else {
            None
        };
        if let Some((message, hint)) = problem {
            let field = self.field("date");
            self.problems.push(
                Diagnostic::warning(self.path, message)
                    .at(self.line(&field), 1)
                    .field(field.to_string())
                    .hint(hint),
            );
        }
    }

    /// Declared tags, each once; a repeat is a warning.
    fn tags(&mut self, config: &Config) -> Vec<String> {
        if let Some(Value::String(written)) = self.mapping.get("tags") {
            let fixed = list_of(config, written);
            self.error_with_hint(
                "tags",
                Message::ListWithoutBrackets {
                    field: "tags".into(),
                },
                Some(Message::WriteAsList {
                    fixed: format!("tags: [{}]", fixed.join(", ")),
                }),
            );
            return Vec::new();
        }
        let tags = self.optional::<Vec<String>>("tags").unwrap_or_default();
        for tag in &tags {
            self.declared(config, Taxonomy::Tag, "tags", tag);
        }
        if let Some(repeated) = first_duplicate(&tags) {
            let field = FieldPath::Field("tags".into());
            self.problems.push(
                Diagnostic::warning(
                    self.path,
                    Message::TagTwice {
                        tag: repeated.to_string(),
                    },
                )
                .at(self.line(&field), 1)
                .field(field.to_string()),
            );
        }
        first_seen(tags)
    }

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

    fn error(&mut self, name: &str, message: Message) {
        self.error_with_hint(name, message, None);
    }

    fn error_with_hint(&mut self, name: &str, message: Message, hint: Option<Message>) {
        self.error_at(self.field(name), message, hint);
    }

    fn error_at(&mut self, field: FieldPath, message: Message, hint: Option<Message>) {
        let mut diagnostic = Diagnostic::error(self.path, message)
            .at(self.line(&field), 1)
            .field(field.to_string());
        diagnostic.hint = hint.map(Box::new);
        self.problems.push(diagnostic);
    }

    fn reject_unknown(&mut self, known: &[&str]) {
        let keys: Vec<String> = self.mapping.keys().map(key_text).collect();
        for key in keys {
            if !known.contains(&key.as_str()) {
                let hint =
                    did_you_mean(&key, known.iter().copied()).unwrap_or(Message::FieldsAre {
                        fields: known.join(", "),
                    });
                self.error_with_hint(&key, Message::UnknownField { key: key.clone() }, Some(hint));
            }
        }
    }

    fn value<T: DeserializeOwned>(&mut self, name: &str, value: Value) -> Option<T> {
        match serde_yaml::from_value::<T>(value) {
            Ok(v) => Some(v),
            Err(e) => {
                self.error(
                    name,
                    Message::WrongKind {
                        detail: yaml_message(&e),
                    },
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
                Diagnostic::error(self.path, Message::Missing { name: name.into() })
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
                Message::TooLong { chars, max },
                Some(Message::KeepInBody),
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
                Message::ControlCharacter {
                    what: text::forbidden_reason(c),
                },
                Some(Message::NoYamlEscapes),
            );
        }
    }

    /// Curly quotes around a whole value were put there by a word
    /// processor, meaning YAML's quotes: an error, with the value in
    /// straight ones. Curly double quotes inside a value may be meant (a
    /// quoted name): a warning, so that no page shows them by accident.
    fn straight_quotes(&mut self, name: &str, value: &str) -> bool {
        let field = self.field(name);
        let line = self.line(&field);
        if let Some(inner) = yaml_mistakes::strip_curly(value.trim()) {
            let fixed = format!("{name}: \"{}\"", inner.replace('"', "\\\""));
            self.error_with_hint(
                name,
                Message::CurlyQuotes {
                    field: field.to_string(),
                },
                Some(Message::StraightQuotes { fixed }),
            );
            return false;
        }
        if value.contains(['“', '”']) {
            self.problems.push(
                Diagnostic::warning(
                    self.path,
                    Message::CurlyQuotesInside {
                        field: field.to_string(),
                    },
                )
                .at(line, 1)
                .field(field.to_string())
                .hint(Message::CurlyQuotesKeep),
            );
        }
        true
    }

    /// A value `sastra new` marked to write is not published.
    fn written(&mut self, name: &str, value: &str) -> bool {
        if body::is_to_write(value) {
            self.error_with_hint(name, Message::ToWrite, Some(Message::ToWriteHint));
            return false;
        }
        true
    }

    fn non_empty(&mut self, name: &str, value: &str) -> bool {
        if value.trim().is_empty() {
            self.error(name, Message::MustNotBeEmpty);
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
                let khmer_digits = text.chars().any(|c| ('០'..='៩').contains(&c));
                let message = match khmer_digits {
                    true => Message::KhmerDigits {
                        value: text.clone(),
                    },
                    false => e.message,
                };
                let hint = match suggest::date_in_form(&text) {
                    Some(date) => Message::WriteDate { date },
                    None => Message::DateForms,
                };
                self.error_with_hint("date", message, Some(hint));
                None
            }
        }
    }

    fn declared(&mut self, config: &Config, taxonomy: Taxonomy, field: &str, key: &str) -> bool {
        let declared = config.taxonomy(taxonomy);
        if declared.contains_key(key) {
            return true;
        }
        let hint = suggest::term_hint(config, taxonomy, key);
        self.error_with_hint(
            field,
            Message::UnknownTerm {
                taxonomy: taxonomy.word(),
                key: key.into(),
            },
            Some(hint),
        );
        false
    }

    fn web_url(&mut self, field: &str, value: &str) -> bool {
        let ok = url::Url::parse(value).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
        if !ok {
            self.error(
                field,
                Message::NotWebAddress {
                    value: value.into(),
                },
            );
        }
        ok
    }

    /// Each old address, checked; a repeat is a warning.
    fn aliases(&mut self, config: &Config) -> Vec<Alias> {
        let written = self.optional::<Vec<String>>("aliases").unwrap_or_default();
        let mut aliases: Vec<Alias> = Vec::new();
        for (i, given) in written.iter().enumerate() {
            let field = FieldPath::Item("aliases".into(), i);
            let line = self.line(&field);
            match alias::parse(given, &config.base_url) {
                Ok(path) if aliases.iter().any(|a| a.path == path) => self.problems.push(
                    Diagnostic::warning(
                        self.path,
                        Message::AliasTwice {
                            given: given.clone(),
                        },
                    )
                    .at(line, 1)
                    .field(field.to_string()),
                ),
                Ok(path) => aliases.push(Alias {
                    path,
                    line,
                    index: i,
                }),
                Err(e) => self.error_at(field, e.message(), Some(Message::AliasHint)),
            }
        }
        aliases
    }

    fn attachments(&mut self, config: &Config, location: &ContentPath) -> Vec<Attachment> {
        let Some(value) = self.mapping.get("attachments").cloned() else {
            return Vec::new();
        };
        let Value::Sequence(items) = value else {
            if !value.is_null() {
                self.error("attachments", Message::AttachmentsList);
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
                    Message::AttachmentEntry,
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
            let title = sub.required::<String>("title").filter(|t| {
                sub.short("title", t, MAX_TITLE_CHARS) && sub.straight_quotes("title", t)
            });
            let lang = sub.optional::<String>("lang");
            let placeholder = sub.optional::<bool>("placeholder").unwrap_or(false);
            if let Some(lang) = &lang {
                if config.language(lang).is_none() {
                    sub.error("lang", Message::NotALanguage { lang: lang.clone() });
                }
            }
            let file_field = sub.field("file");
            let line = sub.line(&file_field);
            self.problems.extend(sub.problems);
            let (Some(file), Some(title)) = (file, title) else {
                continue;
            };
            match attachment::resolve(config, &content, &location.section, &file) {
                Ok((source, name, bytes)) => attachments.push(Attachment {
                    source,
                    path: Path::new(&location.section).join(&file),
                    line,
                    name,
                    title,
                    lang,
                    placeholder,
                    bytes,
                    index: i,
                }),
                Err(error) => {
                    let hint = match error.similar_file(config, &location.section) {
                        Some(file) => Message::DidYouMeanFile { file },
                        None => error.hint(location),
                    };
                    self.error_at(file_field, error.message(), Some(hint));
                }
            }
        }
        attachments
    }
}

/// The language whose documents are checked for legacy-font text.
const KHMER: &str = "km";

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

/// The items of a list written as text (`ballot, nec` or `Ballot; NEC`),
/// each as the key it stands for when it is a label or in capitals.
fn list_of(config: &Config, written: &str) -> Vec<String> {
    let items: Vec<&str> = if written.contains([',', ';', '،', '、']) {
        written.split([',', ';', '،', '、']).collect()
    } else {
        written.split_whitespace().collect()
    };
    items
        .into_iter()
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            suggest::key_for(config, Taxonomy::Tag, item)
                .map_or_else(|| item.to_string(), str::to_string)
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn config(root: &Path) -> Config {
        let text = "base_url = \"https://e.org/\"\ndefault_language = \"en\"\n[[languages]]\ncode = \"en\"\nname = \"English\"\ntitle = \"t\"\ndescription = \"d\"\n[types]\nreport = { en = \"Report\" }\n[tags]\nballot = { en = \"Ballot\" }\n";
        Config::parse(root, text).unwrap()
    }

    fn parse_text(text: &str) -> (Option<Document>, Vec<Diagnostic>) {
        let location = ContentPath {
            section: "notes".into(),
            slug: "a".into(),
            lang: "en".into(),
        };
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("content/notes")).unwrap();
        let config = config(root.path());
        let (document, problems) =
            parse(&config, Path::new("content/notes/a.en.md"), location, text);
        (document, problems.sorted())
    }

    #[test]
    fn a_complete_document_parses_with_its_field_lines() {
        let (document, problems) = parse_text(
            "---\ntitle: A\ndate: 2023-06\ntype: report\ntags: [ballot, ballot]\n---\nBody.\n",
        );
        let document = document.expect("parses");
        assert_eq!(document.key, "notes/a");
        assert_eq!(document.tags, ["ballot"]);
        assert_eq!(document.body, "Body.\n");
        assert_eq!(document.body_line, 7);
        assert_eq!(
            document.lines,
            FieldLines {
                title: 2,
                date: 3,
                doc_type: 4,
                organization: 2
            }
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].message.en(), "tag `ballot` is listed twice");
        assert_eq!(
            (problems[0].line, problems[0].field.as_deref()),
            (5, Some("tags"))
        );
    }

    #[test]
    fn every_field_problem_is_reported_at_its_line() {
        let (document, problems) = parse_text(
            "---\ntitle: \"\"\ndate: 2023-13\ntype: memo\nlayuot: x\nattachments:\n  - file: ../x.pdf\n    title: X\n    colour: red\n---\n",
        );
        assert!(document.is_none());
        let found: Vec<(usize, &str, String)> = problems
            .iter()
            .map(|d| (d.line, d.field.as_deref().unwrap_or(""), d.message.en()))
            .collect();
        for (line, field, message) in [
            (2, "title", "must not be empty"),
            (3, "date", "month"),
            (4, "type", "unknown type `memo`"),
            (5, "layuot", "unknown field `layuot`"),
            (7, "attachments[0].file", "must be a plain relative path"),
            (9, "attachments[0].colour", "unknown field `colour`"),
        ] {
            assert!(
                found
                    .iter()
                    .any(|(l, f, m)| *l == line && *f == field && m.contains(message)),
                "{line} {field} {message}: {found:#?}"
            );
        }
    }

    #[test]
    fn a_missing_required_field_is_named() {
        let (document, problems) = parse_text("---\ntitle: A\n---\n");
        assert!(document.is_none());
        let missing: Vec<&str> = problems.iter().filter_map(|d| d.field.as_deref()).collect();
        assert_eq!(missing, ["date", "type"]);
        assert!(problems
            .iter()
            .all(|d| d.line == 2 && d.message.en().contains("is missing")));
    }

    #[test]
    fn a_front_matter_that_is_not_a_mapping_stops_at_once() {
        let (document, problems) = parse_text("---\n- a\n---\n");
        assert!(document.is_none());
        assert_eq!(problems.len(), 1);
        assert!(problems[0]
            .message
            .en()
            .contains("must be a list of `field: value` lines"));
    }
}
