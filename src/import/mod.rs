//! `sastra import CATALOG.csv`: documents in bulk from a spreadsheet, one
//! row per document (the columns are in [`catalog::COLUMNS`] and the
//! README's "Importing a catalogue").
//!
//! All or nothing: every row is turned into its document's text and
//! checked as `sastra check` checks any document (the loader's parser, then
//! the checks across documents with the archive as it is), every problem is
//! reported against the catalogue's line and column, and only a catalogue
//! without errors writes anything. Nothing is ever overwritten, and the
//! files a row attaches must lie inside the catalogue's folder.

pub mod catalog;

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::build::url_collisions;
use crate::config::{is_slug, Config};
use crate::confine::{ConfineError, Root};
use crate::content::attachment;
use crate::content::ContentPath;
use crate::content::{front_matter, load, validate, PartialDate};
use crate::diagnostics::{Diagnostic, Diagnostics, Message, Severity, Word};
use crate::scaffold::front_matter::{document_text, AttachmentEntry, FrontMatter};
use crate::scaffold::{slug_from, Additions, WriteError, Written};
use crate::text;
use catalog::{Catalog, Row};

/// Separates the paths of a row's attachments, and their titles and
/// languages, in one cell.
pub const LIST_SEPARATOR: char = ';';

/// Why an import wrote nothing; worded, in both languages, by
/// [`ImportError::message`].
#[derive(Debug)]
pub enum ImportError {
    Invalid(Diagnostics),
    Folder { path: PathBuf, source: ConfineError },
    Scratch(std::io::Error),
    Write(WriteError),
}

impl ImportError {
    pub fn message(&self) -> Message {
        match self {
            ImportError::Invalid(problems) => Message::CatalogueErrors {
                count: problems.error_count(),
            },
            ImportError::Folder { path, source } => Message::ImportFolder {
                path: path.display().to_string(),
                why: source.word(),
            },
            ImportError::Scratch(e) => Message::ImportScratch {
                detail: e.to_string(),
            },
            ImportError::Write(e) => Message::ImportUndone {
                problem: Box::new(e.message()),
            },
        }
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().text(crate::diagnostics::Lang::En))
    }
}

impl std::error::Error for ImportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ImportError::Folder { source, .. } => Some(source),
            ImportError::Scratch(e) => Some(e),
            ImportError::Write(e) => Some(e),
            ImportError::Invalid(_) => None,
        }
    }
}

impl From<WriteError> for ImportError {
    fn from(e: WriteError) -> Self {
        ImportError::Write(e)
    }
}

/// What an import did, or would do with `--dry-run`.
#[derive(Debug)]
pub struct Imported {
    /// `None` for a dry run.
    pub written: Option<Written>,
    pub documents: usize,
    /// Warnings about the new documents, against the catalogue's lines.
    pub warnings: Diagnostics,
}

/// Imports the catalogue at `path` into the archive of `config`.
pub fn import(config: &Config, path: &Path, dry_run: bool) -> Result<Imported, ImportError> {
    let catalog = catalog::read(path).map_err(ImportError::Invalid)?;
    let folder = catalogue_folder(path)?;
    let mut plan = Plan {
        config,
        catalog: &catalog,
        folder,
        additions: Additions::default(),
        rows: HashMap::new(),
        problems: Diagnostics::default(),
    };
    for row in &catalog.rows {
        plan.add(row);
    }
    let Plan {
        additions,
        rows,
        mut problems,
        ..
    } = plan;
    let (documents, found) = additions.check(config).map_err(ImportError::Scratch)?;
    let documents: Vec<Arc<_>> = documents.into_iter().map(Arc::new).collect();
    problems.extend(found.into_iter().map(|d| against_row(&catalog, &rows, d)));
    problems.extend(across_documents(config, &catalog, &rows, &documents));
    if problems.has_errors() {
        return Err(ImportError::Invalid(problems));
    }
    let written = match dry_run {
        true => None,
        false => Some(additions.write(config)?),
    };
    Ok(Imported {
        written,
        documents: documents.len(),
        warnings: problems,
    })
}

/// The folder holding the catalogue, whose files alone it may attach.
fn catalogue_folder(path: &Path) -> Result<Root, ImportError> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    Root::new(folder)
        .map(|root| root.named("the catalogue's folder"))
        .map_err(|source| ImportError::Folder {
            path: folder.to_path_buf(),
            source,
        })
}

/// Where a new document comes from: its row's line, and the line where its
/// body starts in the text made of the row.
#[derive(Debug, Clone, Copy)]
struct Origin {
    line: usize,
    body_line: usize,
    /// The document is already there (an error): its row is checked on its
    /// own, but not against the archive, which has the document already.
    exists: bool,
}

/// The documents of the catalogue's rows, being made.
struct Plan<'a> {
    config: &'a Config,
    catalog: &'a Catalog,
    folder: Root,
    additions: Additions,
    /// By the new document's path relative to `content/`.
    rows: HashMap<PathBuf, Origin>,
    problems: Diagnostics,
}

impl Plan<'_> {
    fn error(&mut self, row: &Row, column: &str, message: Message) -> RowError {
        self.problems.push(
            Diagnostic::error(&self.catalog.path, message)
                .at(row.line, 0)
                .field(column),
        );
        RowError
    }

    fn error_with_hint(&mut self, row: &Row, column: &str, message: Message, hint: Message) {
        self.problems.push(
            Diagnostic::error(&self.catalog.path, message)
                .at(row.line, 0)
                .field(column)
                .hint(hint),
        );
    }

    /// Adds the document of `row`, or reports why it cannot be made. What
    /// the loader checks (taxonomy keys, dates, lengths…) is left to it.
    fn add(&mut self, row: &Row) {
        let _ = self.try_add(row);
    }

    fn try_add(&mut self, row: &Row) -> Result<(), RowError> {
        self.refuse_control_characters_in_paths(row)?;
        let location = self.location(row)?;
        let path = PathBuf::from(&location.section)
            .join(format!("{}.{}.md", location.slug, location.lang));
        if let Some(first) = self.rows.get(&path) {
            let message = Message::RowMakesSame {
                line: first.line,
                path: path.display().to_string(),
            };
            return Err(self.error(row, "slug", message));
        }
        // Past here a problem of the row is reported and the row still
        // checked, so that one run names all of its problems.
        let exists = self
            .config
            .content_dir()
            .join(&path)
            .symlink_metadata()
            .is_ok();
        if exists {
            let message = Message::DocumentExists {
                path: path.display().to_string(),
            };
            self.error(row, "slug", message);
        }
        let attachments = self.attachments(row, &location);
        let front_matter = self.front_matter(row, attachments);
        // Spreadsheets write a cell's line breaks as CRLF, or CR alone.
        let body = row.get("body").replace("\r\n", "\n").replace('\r', "\n");
        let text = document_text(&front_matter, "", &body);
        let body_line = front_matter::split(&text).map_or(0, |s| s.body_line);
        self.rows.insert(
            path.clone(),
            Origin {
                line: row.line,
                body_line,
                exists,
            },
        );
        self.additions.add_document(path, text);
        Ok(())
    }

    /// The cells that become paths; the parser refuses a control character
    /// in the others, against their field, as in any document.
    fn refuse_control_characters_in_paths(&mut self, row: &Row) -> Result<(), RowError> {
        let mut refused = false;
        let paths = row
            .cells()
            .filter(|(column, _)| PATH_COLUMNS.contains(column));
        for (column, cell) in paths {
            if let Some((_, c)) = text::forbidden_char(cell) {
                self.problems.push(
                    Diagnostic::error(
                        &self.catalog.path,
                        Message::ControlCharacter {
                            what: text::forbidden_reason(c),
                        },
                    )
                    .at(row.line, 0)
                    .field(column)
                    .hint(Message::RemoveFromCell),
                );
                refused = true;
            }
        }
        match refused {
            true => Err(RowError),
            false => Ok(()),
        }
    }

    /// The row's cells as front matter; what they hold is the loader's to check.
    fn front_matter(&mut self, row: &Row, attachments: Vec<AttachmentEntry>) -> FrontMatter {
        let non_empty = |column: &str| {
            Some(row.get(column))
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        FrontMatter {
            title: non_empty("title"),
            date: non_empty("date"),
            doc_type: non_empty("type"),
            organization: non_empty("organization"),
            tags: row
                .get("tags")
                .split([';', ','])
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect(),
            summary: non_empty("summary"),
            source: non_empty("source"),
            attachments,
            draft: self.flag(row, "draft"),
            translation_draft: self.flag(row, "translation_draft"),
        }
    }

    /// Section, slug and language: where the document goes.
    fn location(&mut self, row: &Row) -> Result<ContentPath, RowError> {
        let section = row.get("section").to_string();
        if !is_slug(&section) {
            let message = match section.is_empty() {
                true => Message::SectionEmpty,
                false => Message::NotASlug {
                    what: Word::Section,
                    value: section.clone(),
                },
            };
            return Err(self.error(row, "section", message));
        }
        let lang = match row.get("lang") {
            "" => self.config.default_language.clone(),
            lang => lang.to_string(),
        };
        if self.config.language(&lang).is_none() {
            let codes: Vec<&str> = self.config.language_codes().collect();
            let message = Message::NotALanguageOf {
                lang: lang.clone(),
                codes: codes.join(", "),
            };
            return Err(self.error(row, "lang", message));
        }
        let slug = match row.get("slug") {
            "" => PartialDate::parse(row.get("date"))
                .map(|date| slug_from(date, row.get("title")))
                .unwrap_or_default(),
            slug => slug.to_string(),
        };
        if !is_slug(&slug) {
            let message = match row.get("slug") {
                "" => Message::NoSlugFromRow,
                slug => Message::NotASlug {
                    what: Word::Slug,
                    value: slug.into(),
                },
            };
            return Err(self.error(row, "slug", message));
        }
        Ok(ContentPath {
            section,
            slug,
            lang,
        })
    }

    /// `true`, `false` or nothing.
    fn flag(&mut self, row: &Row, column: &str) -> bool {
        match row.get(column).to_ascii_lowercase().as_str() {
            "" | "false" | "no" => false,
            "true" | "yes" => true,
            other => {
                let message = Message::NotABool {
                    value: other.into(),
                };
                self.error(row, column, message);
                false
            }
        }
    }

    /// The row's attachments: each file found inside the catalogue's
    /// folder, of a type the site publishes, to be copied to a name not yet
    /// taken; their entries for the front matter (those that can be had).
    fn attachments(&mut self, row: &Row, location: &ContentPath) -> Vec<AttachmentEntry> {
        let files = list(row.get("attachments"));
        let titles = match files.len() {
            // One attachment's title is the whole cell, `;` and all.
            1 if !row.get("attachment_title").is_empty() => {
                vec![row.get("attachment_title").to_string()]
            }
            _ => list(row.get("attachment_title")),
        };
        let langs = list(row.get("attachment_lang"));
        for (column, values) in [("attachment_title", &titles), ("attachment_lang", &langs)] {
            let one_for_all = column == "attachment_lang" && values.len() == 1;
            if !values.is_empty() && values.len() != files.len() && !one_for_all {
                let message = Message::ValuesPerFile {
                    values: values.len(),
                    files: files.len(),
                    separator: LIST_SEPARATOR.to_string(),
                };
                self.error(row, column, message);
                return Vec::new();
            }
        }
        let mut entries = Vec::new();
        for (i, file) in files.iter().enumerate() {
            let Some((source, name)) = self.attachable(row, file, location) else {
                continue;
            };
            let target = Path::new(&location.section).join("files").join(&name);
            self.additions.add_attachment(source, target);
            entries.push(AttachmentEntry {
                file: format!("files/{name}"),
                title: titles.get(i).cloned().unwrap_or(name),
                lang: langs.get(i).or(langs.first()).cloned(),
            });
        }
        entries
    }

    /// The file a row attaches, resolved inside the catalogue's folder, and
    /// the name it is published under; `None` once the problem is reported.
    fn attachable(
        &mut self,
        row: &Row,
        file: &str,
        location: &ContentPath,
    ) -> Option<(PathBuf, String)> {
        let relative = Path::new(file);
        let plain = relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
            && !file.contains('\\');
        if !plain {
            self.error(
                row,
                "attachments",
                Message::NotInCatalogueFolder { file: file.into() },
            );
            return None;
        }
        let source = match self.folder.file(relative) {
            Ok(source) => source,
            Err(e) => {
                let message = Message::CatalogueFile {
                    file: file.into(),
                    why: e.word(),
                };
                self.error(row, "attachments", message);
                return None;
            }
        };
        let name = relative.file_name()?.to_string_lossy().into_owned();
        if let Err(e) = attachment::publishable_name(self.config, &format!("files/{name}")) {
            let hint = e.hint(location);
            self.error_with_hint(row, "attachments", e.message(), hint);
            return None;
        }
        let target = Path::new(&location.section).join("files").join(&name);
        if let Some(other) = self.additions.other_source(&source, &target) {
            let message = Message::BothPublishedAs {
                file: file.into(),
                other: other.display().to_string(),
                target: target.display().to_string(),
            };
            self.error(row, "attachments", message);
            return None;
        }
        if self
            .config
            .content_dir()
            .join(&target)
            .symlink_metadata()
            .is_ok()
        {
            let message = Message::FileExists {
                path: target.display().to_string(),
            };
            self.error_with_hint(row, "attachments", message, Message::RenameOrList);
            return None;
        }
        Some((source, name))
    }
}

/// The columns whose cells become paths rather than front-matter text.
const PATH_COLUMNS: &[&str] = &["section", "slug", "lang", "attachments"];

/// A row's problem, already reported.
struct RowError;

/// The values of a cell holding a list.
fn list(cell: &str) -> Vec<String> {
    cell.split(LIST_SEPARATOR)
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .collect()
}

/// The catalogue's column for a front-matter field.
fn column_of(field: &str) -> &str {
    let Some(rest) = field.strip_prefix("attachments[") else {
        return field;
    };
    match rest.split_once("].") {
        Some((_, "title")) => "attachment_title",
        Some((_, "lang")) => "attachment_lang",
        _ => "attachments",
    }
}

/// A problem found in a new document's text, told against the row it was
/// made of: the catalogue's line, and the column of the field.
fn against_row(
    catalog: &Catalog,
    rows: &HashMap<PathBuf, Origin>,
    problem: Diagnostic,
) -> Diagnostic {
    let Some(origin) = problem
        .path
        .strip_prefix("content/")
        .and_then(|p| rows.get(Path::new(p)))
        .copied()
    else {
        return problem;
    };
    let (column, message) = match &problem.field {
        Some(field) => (Some(column_of(field).to_string()), *problem.message),
        None if problem.line >= origin.body_line && origin.body_line > 0 => (
            Some("body".to_string()),
            Message::InBody {
                message: problem.message,
                line: problem.line - origin.body_line + 1,
            },
        ),
        None => (None, *problem.message),
    };
    let mut diagnostic = match problem.severity {
        Severity::Error => Diagnostic::error(&catalog.path, message),
        Severity::Warning => Diagnostic::warning(&catalog.path, message),
    }
    .at(origin.line, 0);
    diagnostic.field = column;
    diagnostic.hint = problem.hint;
    diagnostic
}

/// The checks across documents (translations that must agree, links,
/// file names, URLs) over the archive with the new documents in it: what
/// concerns a new document, against its row, and the errors the new
/// documents cause in existing ones.
fn across_documents(
    config: &Config,
    catalog: &Catalog,
    rows: &HashMap<PathBuf, Origin>,
    new: &[Arc<crate::content::Document>],
) -> Diagnostics {
    let (existing, _) = load::load(config);
    let is_listed = |d: &&Arc<crate::content::Document>| {
        d.path
            .strip_prefix("content")
            .ok()
            .and_then(|p| rows.get(p))
            .is_some_and(|origin| !origin.exists)
    };
    let new: Vec<_> = new.iter().filter(is_listed).cloned().collect();
    let check = |documents: &[Arc<crate::content::Document>]| {
        let mut found = validate::validate(config, documents);
        found.extend(url_collisions(config, documents, true));
        found
    };
    let all: Vec<_> = existing.iter().chain(&new).cloned().collect();
    let is_new = |d: &Diagnostic| {
        d.path
            .strip_prefix("content/")
            .is_some_and(|p| rows.contains_key(Path::new(p)))
    };
    let (about_new, about_existing): (Vec<_>, Vec<_>) = check(&all).into_iter().partition(is_new);
    let mut problems: Diagnostics = about_new
        .into_iter()
        .map(|d| against_row(catalog, rows, d))
        .collect();
    let caused: Vec<Diagnostic> = about_existing
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    if !caused.is_empty() {
        let before = check(&existing).sorted();
        problems.extend(caused.into_iter().filter(|d| !before.contains(d)));
    }
    problems
}
