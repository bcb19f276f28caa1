//! `sastra new`: a new document file with complete front matter, so a
//! contributor starts from something `check` accepts, and with the files it
//! attaches copied into place. `sastra import` makes many at once from the
//! same pieces: the front matter's writer, and [`Additions`], which checks
//! new files as `check` would before writing any.

pub mod additions;
pub mod convert_legacy;
pub mod front_matter;
pub mod offer;

use std::path::{Path, PathBuf};

use crate::config::{is_slug, Config, Taxonomy};
use crate::content::attachment::{self, AttachmentError};
use crate::content::ContentPath;
use crate::content::PartialDate;
use crate::diagnostics::{Diagnostics, Message, Word};
pub use additions::{Additions, WriteError, Written};
use front_matter::{document_text, AttachmentEntry, FrontMatter};

pub struct NewDocument {
    pub section: String,
    /// A title, for the language it is written in (Khmer script for `km`).
    pub title: Option<String>,
    /// Titles given as `LANG=TITLE`, one per language.
    pub titles: Vec<String>,
    pub date: String,
    pub doc_type: String,
    pub organization: Option<String>,
    pub slug: Option<String>,
    pub languages: Vec<String>,
    /// Files to copy into `content/<section>/files/` and attach.
    pub attachments: Vec<PathBuf>,
    /// The language of the attached files' content, when known.
    pub attachment_lang: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum NewError {
    #[error("{}", .message.en())]
    Invalid {
        message: Box<Message>,
        hint: Option<Box<Message>>,
    },
    #[error("{} already exists; sastra new never overwrites a file", .0.display())]
    Exists(PathBuf),
    #[error("cannot attach {}: {source}", path.display())]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot attach {}: it is not a regular file", .0.display())]
    NotAFile(PathBuf),
    #[error("cannot attach {}: {source}", path.display())]
    Unpublishable {
        path: PathBuf,
        location: Box<ContentPath>,
        source: Box<AttachmentError>,
    },
    #[error("{} and {} would both be published as files/{name}", first.display(), second.display())]
    SameName {
        first: PathBuf,
        second: PathBuf,
        name: String,
    },
    #[error("the new document would not pass `sastra check` ({} error(s))", .0.error_count())]
    Rejected(Diagnostics),
    #[error("cannot check the new document in a scratch folder: {0}")]
    Scratch(std::io::Error),
    #[error(transparent)]
    Write(#[from] WriteError),
}

impl NewError {
    fn invalid(message: Message) -> NewError {
        NewError::Invalid {
            message: Box::new(message),
            hint: None,
        }
    }

    /// The error in the catalogue's words.
    pub fn message(&self) -> Message {
        let shown = |path: &Path| path.display().to_string();
        match self {
            NewError::Invalid { message, .. } => (**message).clone(),
            NewError::Exists(path) => Message::NewExists { path: shown(path) },
            NewError::Unreadable { path, source } => Message::CannotAttach {
                path: shown(path),
                detail: source.to_string(),
            },
            NewError::NotAFile(path) => Message::AttachNotAFile { path: shown(path) },
            NewError::Unpublishable { path, source, .. } => Message::AttachRefused {
                path: shown(path),
                problem: Box::new(source.message()),
            },
            NewError::SameName {
                first,
                second,
                name,
            } => Message::SameNameNew {
                first: shown(first),
                second: shown(second),
                name: name.clone(),
            },
            NewError::Rejected(problems) => Message::NewRejected {
                count: problems.error_count(),
            },
            NewError::Scratch(e) => Message::NewScratch {
                detail: e.to_string(),
            },
            NewError::Write(e) => e.message(),
        }
    }

    /// What to do about it, where that is not obvious.
    pub fn hint(&self) -> Option<Message> {
        match self {
            NewError::Invalid { hint, .. } => hint.as_deref().cloned(),
            NewError::Unpublishable {
                location, source, ..
            } => Some(source.hint(location)),
            NewError::Exists(_) => Some(Message::NewExistsHint),
            _ => None,
        }
    }
}

/// Creates the files and returns their paths.
pub fn create(config: &Config, new: &NewDocument) -> Result<Written, NewError> {
    let (date, titles) = checked_arguments(config, new)?;
    let slug = match &new.slug {
        Some(slug) => slug.clone(),
        None => default_slug(date, &new.doc_type, &titles),
    };
    if !is_slug(&slug) {
        return Err(NewError::invalid(Message::NotASlug {
            what: Word::Slug,
            value: slug,
        }));
    }
    let location = ContentPath {
        section: new.section.clone(),
        slug: slug.clone(),
        lang: titles.first().map(|t| t.lang.clone()).unwrap_or_default(),
    };
    let mut additions = Additions::default();
    let entries = attach(config, new, &location, &mut additions)?;
    for title in &titles {
        let front_matter = FrontMatter {
            title: Some(title.text.clone()),
            date: Some(date.to_string()),
            doc_type: Some(new.doc_type.clone()),
            organization: new.organization.clone(),
            attachments: entries.clone(),
            ..FrontMatter::default()
        };
        let text = document_text(
            &front_matter,
            &template_comments(&front_matter, &title.lang),
            to_write(&title.lang),
        );
        additions.add_document(
            Path::new(&new.section).join(format!("{slug}.{}.md", title.lang)),
            text,
        );
    }
    if let Some(existing) = additions.existing(config).into_iter().next() {
        return Err(NewError::Exists(existing));
    }
    let (_, problems) = additions.check(config).map_err(NewError::Scratch)?;
    // What is marked to write is refused by `check`, as it should be until
    // it is written; anything else would be a fault of the arguments.
    let refused = problems
        .into_iter()
        .filter(|d| !matches!(*d.message, Message::ToWrite))
        .collect::<Diagnostics>();
    if refused.has_errors() {
        return Err(NewError::Rejected(refused));
    }
    Ok(additions.write(config)?)
}

/// What `new` writes where the contributor still has to: `check` refuses
/// a title or a body line that starts with it, so that nothing half
/// written is published.
pub const TO_WRITE: &str = "TODO";

/// The body of a new document, in its language: a line to replace.
pub fn to_write(lang: &str) -> &'static str {
    match lang {
        "km" => "TODO: សរសេរអត្ថបទរបស់ឯកសារនៅទីនេះ ឬលុបបន្ទាត់នេះចោល បើឯកសារភ្ជាប់គឺជាឯកសារទាំងមូល។\n",
        _ => "TODO: write the document's text here, or delete this line if the attached file is the whole document.\n",
    }
}

/// One language version's title: given, or marked to write after the
/// title given in another language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    pub lang: String,
    pub text: String,
    pub given: bool,
}

/// `2023-06-22-ballot-order-announced` from an English (or any Latin)
/// title; `2023-06-22-announcement` from the date and type when every
/// title is in Khmer.
fn default_slug(date: PartialDate, doc_type: &str, titles: &[Title]) -> String {
    titles
        .iter()
        .filter(|t| t.given)
        .map(|t| slug_from(date, &t.text))
        .find(|slug| !slug.is_empty())
        .unwrap_or_else(|| format!("{date}-{doc_type}"))
}

/// The date and each language's title of the new document, once the
/// arguments are known to name what the site declares.
fn checked_arguments(
    config: &Config,
    new: &NewDocument,
) -> Result<(PartialDate, Vec<Title>), NewError> {
    if !is_slug(&new.section) {
        return Err(NewError::invalid(Message::NotASlug {
            what: Word::Section,
            value: new.section.clone(),
        }));
    }
    let date = PartialDate::parse(&new.date).map_err(|e| NewError::Invalid {
        message: Box::new(e.message),
        hint: Some(Box::new(
            match crate::content::suggest::date_in_form(&new.date) {
                Some(date) => Message::WriteDate { date },
                None => Message::DateForms,
            },
        )),
    })?;
    for (taxonomy, key) in [
        (Taxonomy::Type, Some(&new.doc_type)),
        (Taxonomy::Organization, new.organization.as_ref()),
    ] {
        if let Some(key) = key {
            if !config.taxonomy(taxonomy).contains_key(key) {
                return Err(NewError::Invalid {
                    message: Box::new(Message::UnknownTerm {
                        taxonomy: taxonomy.word(),
                        key: key.clone(),
                    }),
                    hint: Some(Box::new(crate::content::suggest::term_hint(
                        config, taxonomy, key,
                    ))),
                });
            }
        }
    }
    let titles = titles(config, new)?;
    if let Some(lang) = &new.attachment_lang {
        if config.language(lang).is_none() {
            return Err(NewError::invalid(Message::NotALanguage {
                lang: lang.clone(),
            }));
        }
    }
    Ok((date, titles))
}

/// Each language's title. A title given without a language goes to the
/// language it is written in; the languages are `--lang`'s, else those of
/// the titles given. A language without a title gets the other's, marked
/// to write.
fn titles(config: &Config, new: &NewDocument) -> Result<Vec<Title>, NewError> {
    let mut given: Vec<(String, String)> = Vec::new();
    for entry in &new.titles {
        let Some((lang, text)) = entry.split_once('=') else {
            return Err(NewError::invalid(Message::TitleForm {
                entry: entry.clone(),
            }));
        };
        given.push((lang.trim().to_string(), text.trim().to_string()));
    }
    if let Some(title) = &new.title {
        let khmer = title.chars().any(crate::khmer::cluster::is_khmer);
        let lang = match khmer {
            true => "km",
            false if config.language("en").is_some() => "en",
            false => config.default_language.as_str(),
        };
        if !given.iter().any(|(l, _)| l == lang) {
            given.push((lang.to_string(), title.clone()));
        }
    }
    let languages: Vec<String> = if new.languages.is_empty() {
        config
            .language_codes()
            .filter(|code| given.iter().any(|(l, _)| l == code))
            .map(str::to_string)
            .collect()
    } else {
        new.languages.clone()
    };
    for lang in languages.iter().chain(given.iter().map(|(l, _)| l)) {
        if config.language(lang).is_none() {
            return Err(NewError::invalid(Message::NotALanguage {
                lang: lang.clone(),
            }));
        }
    }
    let Some((_, first)) = given.first() else {
        return Err(NewError::invalid(Message::NoTitle));
    };
    Ok(languages
        .into_iter()
        .map(|lang| match given.iter().find(|(l, _)| *l == lang) {
            Some((_, text)) => Title {
                lang,
                text: text.clone(),
                given: true,
            },
            None => Title {
                lang,
                text: format!("{TO_WRITE}: {first}"),
                given: false,
            },
        })
        .collect())
}

/// Adds the files of `--attach` to `additions`; returns their entries for
/// the front matter.
fn attach(
    config: &Config,
    new: &NewDocument,
    location: &ContentPath,
    additions: &mut Additions,
) -> Result<Vec<AttachmentEntry>, NewError> {
    let mut entries = Vec::new();
    for file in &new.attachments {
        let (source, name) = attachable(config, file, location)?;
        let target = Path::new(&new.section).join("files").join(&name);
        if let Some(first) = additions.other_source(&source, &target) {
            return Err(NewError::SameName {
                first: first.to_path_buf(),
                second: file.clone(),
                name,
            });
        }
        additions.add_attachment(source, target);
        entries.push(AttachmentEntry {
            file: format!("files/{name}"),
            title: name,
            lang: new.attachment_lang.clone(),
        });
    }
    Ok(entries)
}

/// The file at `file` (as the maintainer names it) resolved, and the name
/// it is published under, if the site accepts its type.
fn attachable(
    config: &Config,
    file: &Path,
    location: &ContentPath,
) -> Result<(PathBuf, String), NewError> {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    attachment::publishable_name(config, &format!("files/{name}")).map_err(|source| {
        NewError::Unpublishable {
            path: file.to_path_buf(),
            location: Box::new(location.clone()),
            source: Box::new(source),
        }
    })?;
    let unreadable = |source| NewError::Unreadable {
        path: file.to_path_buf(),
        source,
    };
    let source = std::fs::canonicalize(file).map_err(unreadable)?;
    // A named pipe would block the copy for ever, a device feed it without end.
    if !std::fs::metadata(&source).map_err(unreadable)?.is_file() {
        return Err(NewError::NotAFile(file.to_path_buf()));
    }
    Ok((source, name))
}

/// Commented examples of the optional fields not filled in, so that the
/// contributor sees what may go there: the example text in the file's
/// language.
fn template_comments(front_matter: &FrontMatter, lang: &str) -> String {
    let mut comments = String::new();
    if front_matter.organization.is_none() {
        comments.push_str("# organization: nec\n");
    }
    let summary = summary_example(lang);
    comments.push_str(&format!(
        "# tags: [ballot]\n# summary: \"{summary}\"\n# source: https://…\n"
    ));
    if front_matter.attachments.is_empty() {
        comments.push_str("# attachments:\n#   - file: files/name-of-file.pdf\n#     title: \"…\"\n#     lang: km\n");
    }
    comments
}

/// The example summary in the commented fields, in the file's language.
pub fn summary_example(lang: &str) -> &'static str {
    match lang {
        "km" => "មួយ ឬពីរប្រយោគ។",
        _ => "One or two sentences.",
    }
}

/// `2023-06-22-press-release-on-ballot-order` from a date and an English
/// title; the first words only, to keep URLs short.
pub(crate) fn slug_from(date: PartialDate, title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        return String::new();
    }
    format!("{date}-{}", words.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_titles() {
        let date = PartialDate::parse("2023-06-22").unwrap();
        assert_eq!(
            slug_from(date, "Press release: ballot order (7th NA)"),
            "2023-06-22-press-release-ballot-order-7th-na"
        );
        assert_eq!(slug_from(date, "សេចក្តីប្រកាស"), "");
    }
}
