//! `site.toml`: the site's languages, base URL, theme, its declared
//! taxonomies (document types, organisations, tags) and the events marked
//! on the timeline.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::confine::{ConfineError, Root};
use crate::content::PartialDate;
use crate::diagnostics::{Diagnostic, Diagnostics, Message};
use crate::lines::{self, LineIndex};
use crate::repository::Repository;
use crate::text;

pub const CONFIG_FILE: &str = "site.toml";

/// A label in every language of the site, keyed by language code.
pub type Labels = BTreeMap<String, String>;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    base_url: String,
    default_language: String,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default = "default_page_size")]
    page_size: usize,
    #[serde(default)]
    allow_raw_html: bool,
    #[serde(default)]
    search_sections: bool,
    #[serde(default)]
    extra_attachment_types: Vec<String>,
    languages: Vec<Language>,
    #[serde(default)]
    types: BTreeMap<String, Labels>,
    #[serde(default)]
    organizations: BTreeMap<String, Labels>,
    #[serde(default)]
    tags: BTreeMap<String, Labels>,
    #[serde(default)]
    events: Vec<RawEvent>,
    #[serde(default = "default_first_year")]
    first_year: u16,
    /// Where the archive's sources are, for "edit this document" links.
    #[serde(default)]
    repository: Option<String>,
    #[serde(default = "default_branch")]
    repository_branch: String,
}

fn default_branch() -> String {
    "main".into()
}

/// An `[[events]]` entry as written; spans locate problems found after
/// parsing.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    date: toml::Spanned<String>,
    label: toml::Spanned<Labels>,
}

fn default_theme() -> String {
    "default".into()
}

/// The year before which a document's date is taken for a typo (a
/// warning). 1900 is not a fact about any archive: it is earlier than the
/// documents an archive of modern elections holds, so that it catches only
/// a mistyped century (`1023` for `2023`); an archive sets `first_year` to
/// its own oldest possible year to catch more.
pub const DEFAULT_FIRST_YEAR: u16 = 1900;

fn default_first_year() -> u16 {
    DEFAULT_FIRST_YEAR
}

fn default_page_size() -> usize {
    20
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    pub code: String,
    /// The language's name in itself: ខ្មែរ, English.
    pub name: String,
    pub title: String,
    /// The name of the app on a home screen, where the title is too long.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<String>,
    pub description: String,
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub root: PathBuf,
    pub base_url: BaseUrl,
    pub default_language: String,
    pub theme: String,
    pub page_size: usize,
    pub allow_raw_html: bool,
    /// A long document's sections are search records of their own, so a
    /// hit deep in it leads to its heading and shows that passage. Off by
    /// default: it indexes the bodies twice (2.5 times the index on the
    /// varied corpus), which a large archive cannot spend under a host's
    /// size limit.
    pub search_sections: bool,
    /// Attachment extensions accepted beyond the safe ones, lowercase: for
    /// an archive whose contributors are all trusted.
    pub extra_attachment_types: Vec<String>,
    pub languages: Vec<Language>,
    pub types: BTreeMap<String, Labels>,
    pub organizations: BTreeMap<String, Labels>,
    pub tags: BTreeMap<String, Labels>,
    /// Days marked on the timeline's charts (elections), oldest first.
    pub events: Vec<Event>,
    /// Documents dated before it are warned about, as likely typos.
    pub first_year: u16,
    /// The forge the sources are on: each document page links to its
    /// file's editor there.
    pub repository: Option<Repository>,
}

/// A day marked on the timeline, such as an election.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Always a day: [`PartialDate::Day`].
    pub date: PartialDate,
    pub label: Labels,
}

/// Which declared set a key belongs to; used in messages and for lookups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Taxonomy {
    Type,
    Organization,
    Tag,
}

impl Taxonomy {
    pub const ALL: [Taxonomy; 3] = [Taxonomy::Type, Taxonomy::Organization, Taxonomy::Tag];

    /// The `site.toml` table that declares it; also its URL segment.
    pub fn table(self) -> &'static str {
        match self {
            Taxonomy::Type => "types",
            Taxonomy::Organization => "organizations",
            Taxonomy::Tag => "tags",
        }
    }

    /// The taxonomy's name in a message.
    pub fn word(self) -> crate::diagnostics::Word {
        use crate::diagnostics::Word;
        match self {
            Taxonomy::Type => Word::Type,
            Taxonomy::Organization => Word::Organization,
            Taxonomy::Tag => Word::Tag,
        }
    }

    pub fn singular(self) -> &'static str {
        match self {
            Taxonomy::Type => "type",
            Taxonomy::Organization => "organization",
            Taxonomy::Tag => "tag",
        }
    }
}

impl Config {
    pub fn load(root: &Path) -> Result<Config, Diagnostics> {
        let unreadable = |message: Message| {
            Diagnostics::from_iter([
                Diagnostic::error(CONFIG_FILE, message).hint(Message::RunFromRoot)
            ])
        };
        let site =
            Root::new(root).map_err(|e| unreadable(Message::RootFolder { why: e.word() }))?;
        let bytes = site
            .read(Path::new(CONFIG_FILE))
            .map_err(|e| unreadable(Message::ConfigFile { why: e.word() }))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            unreadable(Message::CannotReadConfig {
                detail: e.to_string(),
            })
        })?;
        Self::parse(root, &text)
    }

    pub fn parse(root: &Path, text: &str) -> Result<Config, Diagnostics> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((0, 0), |s| lines::locate(text, s.start));
            Diagnostics::from_iter([Diagnostic::error(
                CONFIG_FILE,
                Message::Toml {
                    detail: e.message().to_string(),
                },
            )
            .at(line, column)])
        })?;
        let mut config = Config {
            root: root.to_path_buf(),
            base_url: BaseUrl::parse(&raw.base_url).map_err(|error| {
                Diagnostics::from_iter([Diagnostic::error(CONFIG_FILE, error.message())
                    .at(key_line(text, "base_url"), 1)
                    .field("base_url")])
            })?,
            default_language: raw.default_language,
            theme: raw.theme,
            page_size: raw.page_size,
            allow_raw_html: raw.allow_raw_html,
            search_sections: raw.search_sections,
            extra_attachment_types: raw
                .extra_attachment_types
                .iter()
                .map(|e| e.trim_start_matches('.').to_ascii_lowercase())
                .collect(),
            languages: raw.languages,
            types: raw.types,
            organizations: raw.organizations,
            tags: raw.tags,
            events: Vec::new(),
            first_year: raw.first_year,
            repository: None,
        };
        let mut problems = config.validate(text);
        problems.extend(forbidden_text(text));
        if let Some(written) = &raw.repository {
            match Repository::parse(written, &raw.repository_branch) {
                Ok(repository) => config.repository = Some(repository),
                Err(e) => problems.push(
                    Diagnostic::error(CONFIG_FILE, e.message())
                        .at(key_line(text, "repository"), 1)
                        .field("repository")
                        .hint(Message::RepositoryForms),
                ),
            }
        }
        let events = events(&raw.events, &codes_of(&config), text, &mut problems);
        config.events = events;
        if problems.has_errors() {
            return Err(problems);
        }
        Ok(config)
    }

    fn validate(&self, text: &str) -> Diagnostics {
        let mut problems = Diagnostics::default();
        let codes: Vec<&str> = self.language_codes().collect();
        if codes.is_empty() {
            problems.push(Diagnostic::error(CONFIG_FILE, Message::NoLanguages).field("languages"));
        }
        for code in &codes {
            if !is_slug(code) {
                problems.push(
                    Diagnostic::error(
                        CONFIG_FILE,
                        Message::BadLanguageCode {
                            code: code.to_string(),
                        },
                    )
                    .field("languages"),
                );
            }
        }
        if !codes.contains(&self.default_language.as_str()) {
            problems.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    Message::DefaultLanguageUndeclared {
                        code: self.default_language.clone(),
                    },
                )
                .at(key_line(text, "default_language"), 1)
                .field("default_language"),
            );
        }
        if !is_slug(&self.theme) {
            problems.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    Message::BadTheme {
                        theme: self.theme.clone(),
                    },
                )
                .at(key_line(text, "theme"), 1)
                .field("theme"),
            );
        }
        if self.page_size == 0 {
            problems.push(Diagnostic::error(CONFIG_FILE, Message::PageSize).field("page_size"));
        }
        self.validate_taxonomies(text, &codes, &mut problems);
        problems
    }

    /// Every key a slug, with a label in every language.
    fn validate_taxonomies(&self, text: &str, codes: &[&str], problems: &mut Diagnostics) {
        for taxonomy in Taxonomy::ALL {
            for (key, labels) in self.taxonomy(taxonomy) {
                let line = key_line(text, key);
                if !is_slug(key) {
                    problems.push(
                        Diagnostic::error(
                            CONFIG_FILE,
                            Message::BadTermKey {
                                taxonomy: taxonomy.word(),
                                key: key.clone(),
                            },
                        )
                        .at(line, 1)
                        .field(taxonomy.table()),
                    );
                } else if let Some((reason, suggested)) = crate::portable::windows_problem(key) {
                    // The key names a folder of the site (`en/tags/aux/`).
                    problems.push(
                        Diagnostic::error(
                            CONFIG_FILE,
                            Message::TermKeyNotPortable {
                                taxonomy: taxonomy.word(),
                                key: key.clone(),
                                reason,
                            },
                        )
                        .at(line, 1)
                        .field(taxonomy.table())
                        .hint(Message::NameIt { name: suggested }),
                    );
                }
                for code in codes {
                    if labels.get(*code).is_none_or(|l| l.trim().is_empty()) {
                        problems.push(
                            Diagnostic::error(
                                CONFIG_FILE,
                                Message::NoLabel {
                                    taxonomy: taxonomy.word(),
                                    key: key.clone(),
                                    code: code.to_string(),
                                },
                            )
                            .at(line, 1)
                            .field(taxonomy.table())
                            .hint(Message::LabelEveryLanguage {
                                example: format!("{key} = {}", label_example(codes)),
                            }),
                        );
                    }
                }
            }
        }
    }

    pub fn language_codes(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().map(|l| l.code.as_str())
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    pub fn taxonomy(&self, taxonomy: Taxonomy) -> &BTreeMap<String, Labels> {
        match taxonomy {
            Taxonomy::Type => &self.types,
            Taxonomy::Organization => &self.organizations,
            Taxonomy::Tag => &self.tags,
        }
    }

    /// The label of a declared key in a language. Validation guarantees every
    /// declared key has one in every language.
    pub fn label<'a>(&'a self, taxonomy: Taxonomy, key: &'a str, lang: &str) -> &'a str {
        self.taxonomy(taxonomy)
            .get(key)
            .and_then(|labels| labels.get(lang))
            .map_or(key, String::as_str)
    }

    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }

    pub fn theme_dir(&self) -> PathBuf {
        self.root.join("themes").join(&self.theme)
    }

    /// The site's folder, whose files alone a build may read.
    pub fn site_root(&self) -> Result<Root, ConfineError> {
        Root::new(&self.root)
    }

    /// `content/`, which must lie inside the site's folder.
    pub fn content_root(&self) -> Result<Root, ConfineError> {
        Root::inside(&self.site_root()?, &self.content_dir())
    }

    /// The theme's folder, which must lie inside the site's folder.
    pub fn theme_root(&self) -> Result<Root, ConfineError> {
        Root::inside(&self.site_root()?, &self.theme_dir())
    }
}

fn codes_of(config: &Config) -> Vec<&str> {
    config.language_codes().collect()
}

/// The valid `[[events]]`, oldest first; a problem for each invalid one.
fn events(raw: &[RawEvent], codes: &[&str], text: &str, problems: &mut Diagnostics) -> Vec<Event> {
    let lines = LineIndex::new(text);
    let at = |d: Diagnostic, span: std::ops::Range<usize>| {
        let (line, column) = lines.locate(span.start);
        d.at(line, column)
    };
    let mut events = Vec::new();
    for (n, event) in raw.iter().enumerate() {
        let field = |name: &str| format!("events[{n}].{name}");
        let date = match PartialDate::parse(event.date.get_ref()) {
            Ok(date @ PartialDate::Day(..)) => Some(date),
            Ok(_) => {
                let problem = Diagnostic::error(
                    CONFIG_FILE,
                    Message::EventNotADay {
                        date: event.date.get_ref().clone(),
                    },
                );
                problems.push(
                    at(problem, event.date.span())
                        .field(field("date"))
                        .hint(Message::WriteDay),
                );
                None
            }
            Err(e) => {
                let problem = Diagnostic::error(
                    CONFIG_FILE,
                    Message::EventDate {
                        problem: Box::new(e.message),
                    },
                );
                problems.push(at(problem, event.date.span()).field(field("date")));
                None
            }
        };
        let labels = event.label.get_ref();
        let mut labelled = true;
        for code in codes {
            if labels.get(*code).is_none_or(|l| l.trim().is_empty()) {
                labelled = false;
                let problem = Diagnostic::error(
                    CONFIG_FILE,
                    Message::EventNoLabel {
                        date: event.date.get_ref().clone(),
                        code: code.to_string(),
                    },
                );
                problems.push(at(problem, event.label.span()).field(field("label")).hint(
                    Message::EventLabelEveryLanguage {
                        example: format!("label = {}", label_example(codes)),
                    },
                ));
            }
        }
        if let (Some(date), true) = (date, labelled) {
            events.push(Event {
                date,
                label: labels.clone(),
            });
        }
    }
    events.sort_by_key(|e| e.date);
    events
}

/// `{ km = "…", en = "…" }`: labels to fill in, one per language.
fn label_example(codes: &[&str]) -> String {
    let labels: Vec<String> = codes.iter().map(|c| format!("{c} = \"…\"")).collect();
    format!("{{ {} }}", labels.join(", "))
}

/// Every string of site.toml, keys included, holding a character no output
/// may carry ([`text::forbidden_char`]): the site's titles and labels reach
/// every page, feed and the catalogue, and TOML writes any character as an
/// escape (`"\u001b"`). Each is reported with its key and line.
fn forbidden_text(text: &str) -> Vec<Diagnostic> {
    use toml::de::{DeTable, DeValue};
    fn walk(
        key: String,
        value: &toml::Spanned<DeValue<'_>>,
        found: &mut Vec<(String, usize, char)>,
    ) {
        match value.get_ref() {
            DeValue::String(s) => {
                if let Some((_, c)) = text::forbidden_char(s) {
                    found.push((key, value.span().start, c));
                }
            }
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(format!("{key}[{i}]"), item, found);
                }
            }
            DeValue::Table(table) => table_walk(&key, table, found),
            _ => {}
        }
    }
    fn table_walk(prefix: &str, table: &DeTable<'_>, found: &mut Vec<(String, usize, char)>) {
        for (name, value) in table {
            let key = match prefix {
                "" => name.get_ref().to_string(),
                _ => format!("{prefix}.{}", name.get_ref()),
            };
            if let Some((_, c)) = text::forbidden_char(name.get_ref()) {
                found.push((key.clone(), name.span().start, c));
            }
            walk(key, value, found);
        }
    }
    let Ok(table) = DeTable::parse(text) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    table_walk("", table.get_ref(), &mut found);
    let lines = LineIndex::new(text);
    found
        .into_iter()
        .map(|(key, offset, c)| {
            let (line, column) = lines.locate(offset);
            Diagnostic::error(
                CONFIG_FILE,
                Message::ControlCharacter {
                    what: text::forbidden_reason(c),
                },
            )
            .at(line, column)
            .field(key)
            .hint(Message::NoTomlEscapes)
        })
        .collect()
}

/// Finds the line declaring `key` (at the start of a line), for messages
/// about values that serde has already accepted.
fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|line| {
            let line = line.trim_start();
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(0, |i| i + 1)
}

/// Lowercase ASCII letters, digits and inner hyphens: safe in a URL and as a
/// folder name on every file system.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// The site's public address. Every URL the site emits is built from it, so
/// a site served from a subpath (`https://owner.github.io/repo/`) works.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// Scheme and host, without a trailing slash: `https://owner.github.io`.
    origin: String,
    /// Always starts and ends with `/`: `/repo/` or `/`.
    path: String,
}

/// Why a base URL cannot be the site's address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BaseUrlError {
    #[error("base URL `{given}` is not a valid URL: {source}")]
    Invalid {
        given: String,
        #[source]
        source: url::ParseError,
    },
    #[error("base URL `{0}` must be an http or https address")]
    NotWeb(String),
    #[error("base URL `{0}` must not have a query or fragment")]
    QueryOrFragment(String),
}

impl BaseUrlError {
    pub fn message(&self) -> Message {
        match self {
            BaseUrlError::Invalid { given, source } => Message::InvalidBaseUrl {
                given: given.clone(),
                detail: source.to_string(),
            },
            BaseUrlError::NotWeb(given) => Message::BaseUrlNotWeb {
                given: given.clone(),
            },
            BaseUrlError::QueryOrFragment(given) => Message::BaseUrlQuery {
                given: given.clone(),
            },
        }
    }
}

impl BaseUrl {
    pub fn parse(s: &str) -> Result<BaseUrl, BaseUrlError> {
        let url = url::Url::parse(s).map_err(|source| BaseUrlError::Invalid {
            given: s.to_string(),
            source,
        })?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(BaseUrlError::NotWeb(s.to_string()));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(BaseUrlError::QueryOrFragment(s.to_string()));
        }
        let origin = url.origin().ascii_serialization();
        let mut path = url.path().to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl { origin, path })
    }

    /// The path part, e.g. `/repo/`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// An absolute URL for a site-relative path such as `en/tags/`.
    pub fn absolute(&self, site_path: &str) -> String {
        format!("{}{}", self.origin, self.href(site_path))
    }

    /// A root-relative link for a site-relative path: `/repo/en/tags/`.
    pub fn href(&self, site_path: &str) -> String {
        format!("{}{}", self.path, site_path.trim_start_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_keeps_subpath() {
        let base = BaseUrl::parse("https://owner.github.io/repo").unwrap();
        assert_eq!(base.path(), "/repo/");
        assert_eq!(base.href("en/tags/"), "/repo/en/tags/");
        assert_eq!(
            base.absolute("sitemap.xml"),
            "https://owner.github.io/repo/sitemap.xml"
        );
    }

    #[test]
    fn base_url_rejects_non_http() {
        assert!(BaseUrl::parse("ftp://example.org/").is_err());
        assert!(BaseUrl::parse("example.org").is_err());
    }

    #[test]
    fn slugs() {
        assert!(is_slug("press-release"));
        assert!(is_slug("2023-06-22-a"));
        assert!(!is_slug("Press"));
        assert!(!is_slug("../x"));
        assert!(!is_slug("-x"));
        assert!(!is_slug(""));
    }

    #[test]
    fn missing_label_is_reported_at_its_line() {
        let text = "base_url = \"https://e.org/\"\ndefault_language = \"km\"\n[[languages]]\ncode = \"km\"\nname = \"ខ្មែរ\"\ntitle = \"t\"\ndescription = \"d\"\n[[languages]]\ncode = \"en\"\nname = \"English\"\ntitle = \"t\"\ndescription = \"d\"\n[tags]\nballot = { en = \"Ballot\" }\n";
        let problems = Config::parse(Path::new("."), text).unwrap_err().sorted();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 14);
        assert!(
            problems[0]
                .message
                .en()
                .contains("`ballot` has no label in `km`"),
            "{}",
            problems[0]
        );
    }

    const TWO_LANGUAGES: &str = "base_url = \"https://e.org/\"\ndefault_language = \"km\"\n[[languages]]\ncode = \"km\"\nname = \"ខ្មែរ\"\ntitle = \"t\"\ndescription = \"d\"\n[[languages]]\ncode = \"en\"\nname = \"English\"\ntitle = \"t\"\ndescription = \"d\"\n";

    #[test]
    fn events_are_read_oldest_first() {
        let text = format!(
            "{TWO_LANGUAGES}[[events]]\ndate = \"2023-07-23\"\nlabel = {{ km = \"ក\", en = \"NA\" }}\n\
             [[events]]\ndate = \"2017-06-04\"\nlabel = {{ km = \"ខ\", en = \"Communes\" }}\n"
        );
        let config = Config::parse(Path::new("."), &text).unwrap();
        let dates: Vec<String> = config.events.iter().map(|e| e.date.to_string()).collect();
        assert_eq!(dates, ["2017-06-04", "2023-07-23"]);
        assert_eq!(config.events[1].label["en"], "NA");
    }

    #[test]
    fn every_bad_event_is_reported_at_its_line_and_field() {
        let text = format!(
            "{TWO_LANGUAGES}[[events]]\ndate = \"2023-07\"\nlabel = {{ km = \"ក\", en = \"NA\" }}\n\
             [[events]]\ndate = \"2023-02-30\"\nlabel = {{ km = \"ក\", en = \"x\" }}\n\
             [[events]]\ndate = \"2022-06-05\"\nlabel = {{ en = \"Communes\" }}\n"
        );
        let problems = Config::parse(Path::new("."), &text).unwrap_err().sorted();
        let found: Vec<(usize, Option<&str>, String)> = problems
            .iter()
            .map(|p| (p.line, p.field.as_deref(), p.message.en()))
            .collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0].0, 14);
        assert_eq!(found[0].1, Some("events[0].date"));
        assert!(found[0].2.contains("is not a day"), "{}", found[0].2);
        assert_eq!((found[1].0, found[1].1), (17, Some("events[1].date")));
        assert!(found[1].2.contains("28 days"), "{}", found[1].2);
        assert_eq!((found[2].0, found[2].1), (21, Some("events[2].label")));
        assert!(found[2].2.contains("no label in `km`"), "{}", found[2].2);
        assert!(problems.iter().all(|p| p.path == CONFIG_FILE));
    }

    #[test]
    fn an_unknown_event_field_is_an_error() {
        let text = format!("{TWO_LANGUAGES}[[events]]\ndate = \"2023-07-23\"\nname = \"x\"\nlabel = {{ km = \"ក\", en = \"NA\" }}\n");
        let problems = Config::parse(Path::new("."), &text).unwrap_err().sorted();
        assert!(problems[0].message.en().contains("name"), "{}", problems[0]);
        assert_eq!(problems[0].line, 15);
    }
}
