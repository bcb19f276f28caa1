//! Checks that look across documents: translation pairs that must agree,
//! missing translations, text in the wrong language, published file names
//! that would collide.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::document::Document;
use super::links::{self, LinkTarget};
use crate::config::Config;
use crate::content::markdown;
use crate::diagnostics::{closest, Diagnostic, Diagnostics, Message, Severity, Word};
use crate::khmer::cluster::is_khmer;
use crate::lines::LineIndex;

pub fn validate(config: &Config, documents: &[Arc<Document>]) -> Diagnostics {
    validate_changed(config, documents, |_| true)
}

/// Checks the documents for which `changed` is true, and the whole archive
/// for problems between documents (which are cheap to find and must not
/// hide because the document they are reported on did not change). Reading
/// every body again takes most of a check's time in a large archive; a
/// preview rebuilding after an edit reads only the edited ones.
pub fn validate_changed(
    config: &Config,
    documents: &[Arc<Document>],
    changed: impl Fn(&Document) -> bool,
) -> Diagnostics {
    let mut problems = Diagnostics::default();
    let by_key = by_key(documents);
    let bodies: Vec<Body> = documents
        .iter()
        .filter(|d| changed(d))
        .map(|d| Body::of(d))
        .collect();
    for (document, body) in documents.iter().filter(|d| changed(d)).zip(&bodies) {
        check_script(document, &mut problems);
        if !config.allow_raw_html {
            check_raw_html(body, &mut problems);
        }
    }
    for versions in by_key.values() {
        if versions.iter().any(|d| changed(d)) {
            check_translations(config, versions, &mut problems);
        }
    }
    check_attachment_names(documents, &mut problems);
    check_body_links(
        config,
        &Targets::new(documents),
        bodies.iter(),
        &mut problems,
    );
    check_duplicate_slugs(&by_key, &mut problems);
    check_section_names(documents, &mut problems);
    problems
}

/// What the checks of an edited document need from the rest of the
/// archive, and the problems between documents, found once. An edit of a
/// document's text and front matter that keeps its file, its attachments
/// and whether it is a draft changes none of it (a preview rebuilds
/// everything after any other change), so a preview checks each edit
/// against these in time that does not grow with the archive.
#[derive(Debug)]
pub struct Across {
    targets: Targets,
    /// Slugs shared, attachment names claimed twice, misspelt sections.
    problems: Diagnostics,
}

impl Across {
    pub fn new(documents: &[Arc<Document>]) -> Across {
        let mut problems = Diagnostics::default();
        check_attachment_names(documents, &mut problems);
        check_duplicate_slugs(&by_key(documents), &mut problems);
        check_section_names(documents, &mut problems);
        Across {
            targets: Targets::new(documents),
            problems,
        }
    }
}

/// [`validate_changed`] for edits that keep [`Across`] as it is: checks
/// `versions`, the versions of each edited document (every file of its
/// key, edited or not), for which `changed` is true, and tells the problems
/// between documents again.
pub fn validate_edited(
    config: &Config,
    across: &Across,
    versions: &[Vec<Arc<Document>>],
    changed: impl Fn(&Document) -> bool,
) -> Diagnostics {
    let mut problems = across.problems.clone();
    let edited: Vec<&Document> = versions
        .iter()
        .flatten()
        .map(|d| d.as_ref())
        .filter(|d| changed(d))
        .collect();
    let bodies: Vec<Body> = edited.iter().map(|d| Body::of(d)).collect();
    for (document, body) in edited.iter().zip(&bodies) {
        check_script(document, &mut problems);
        if !config.allow_raw_html {
            check_raw_html(body, &mut problems);
        }
    }
    for group in versions {
        let group: Vec<&Document> = group.iter().map(|d| d.as_ref()).collect();
        check_translations(config, &group, &mut problems);
    }
    check_body_links(config, &across.targets, bodies.iter(), &mut problems);
    problems
}

fn by_key(documents: &[Arc<Document>]) -> BTreeMap<&str, Vec<&Document>> {
    let mut by_key: BTreeMap<&str, Vec<&Document>> = BTreeMap::new();
    for document in documents {
        by_key.entry(&document.key).or_default().push(document);
    }
    by_key
}

/// A section folder is made by writing a document into it, so a misspelt
/// folder (`content/announcment/`) makes a new section of the site. One
/// named almost as a larger one is most likely that.
fn check_section_names(documents: &[Arc<Document>], problems: &mut Diagnostics) {
    let mut sections: BTreeMap<&str, (usize, &Document)> = BTreeMap::new();
    for document in documents {
        sections.entry(&document.section).or_insert((0, document)).0 += 1;
    }
    for (section, (count, first)) in &sections {
        let larger = sections
            .iter()
            .filter(|(other, (n, _))| other != &section && n > count)
            .map(|(other, _)| *other);
        if let Some(known) = closest(section, larger) {
            problems.push(
                Diagnostic::warning(
                    &first.path,
                    Message::SectionUnknown {
                        section: section.to_string(),
                        known: known.to_string(),
                    },
                )
                .hint(Message::SectionRename {
                    known: known.to_string(),
                }),
            );
        }
    }
}

/// The body of a content file, whether or not its front matter is valid:
/// a file with a front matter error still has its links checked, so that
/// one run reports both. Every check of a body locates its problems with
/// the body's one [`LineIndex`].
#[derive(Debug, Clone)]
pub struct Body<'a> {
    pub path: &'a Path,
    pub section: &'a str,
    pub text: &'a str,
    /// The file line where the body starts.
    line: usize,
    lines: LineIndex<'a>,
}

impl<'a> Body<'a> {
    pub fn new(path: &'a Path, section: &'a str, text: &'a str, line: usize) -> Body<'a> {
        Body {
            path,
            section,
            text,
            line,
            lines: LineIndex::new(text),
        }
    }

    pub fn of(document: &'a Document) -> Body<'a> {
        Body::new(
            &document.path,
            &document.section,
            &document.body,
            document.body_line,
        )
    }

    /// The file line and column of a byte offset in the body.
    pub fn locate(&self, offset: usize) -> (usize, usize) {
        let (line, column) = self.lines.locate(offset);
        (self.line + line - 1, column)
    }
}

/// The links of bodies whose front matter was refused, against the
/// documents that loaded.
pub fn check_links_of_refused<'a>(
    config: &Config,
    documents: &[Arc<Document>],
    bodies: impl Iterator<Item = Body<'a>>,
) -> Diagnostics {
    let mut problems = Diagnostics::default();
    let bodies: Vec<Body> = bodies.collect();
    check_body_links(
        config,
        &Targets::new(documents),
        bodies.iter(),
        &mut problems,
    );
    problems
}

/// Links in bodies must lead somewhere: to a document that exists, or to a
/// file that is published because a document attaches it.
fn check_body_links<'a, 'b: 'a>(
    config: &Config,
    targets: &Targets,
    bodies: impl Iterator<Item = &'a Body<'b>>,
    problems: &mut Diagnostics,
) {
    let Targets {
        versions,
        attached,
        keys,
    } = targets;
    for body in bodies {
        for (url, offset) in markdown::links(body.text) {
            let line = body.locate(offset).0;
            let problem = match links::resolve(body.section, &url) {
                // A version that is there but refused has had its errors told.
                LinkTarget::Document { key, lang, .. }
                    if !versions.contains(&(key.clone(), lang.clone()))
                        && !config
                            .content_dir()
                            .join(format!("{key}.{lang}.md"))
                            .is_file() =>
                {
                    let hint = closest(&key, keys.iter().map(String::as_str))
                        .map(|k| Message::DidYouMeanDocument { key: k.to_string() });
                    Some((
                        Severity::Error,
                        Message::LinkToMissingDocument {
                            url: url.to_string(),
                            key: key.clone(),
                            lang: lang.clone(),
                        },
                        hint,
                    ))
                }
                LinkTarget::File(path) if !attached.contains(&path) => {
                    let exists = config.content_dir().join(&path).is_file();
                    let (url, path) = (url.to_string(), path.display().to_string());
                    let message = if exists {
                        Message::LinkToUnattached { url, path }
                    } else {
                        Message::LinkToMissingFile { url, path }
                    };
                    Some((Severity::Error, message, Some(Message::ListToPublish)))
                }
                LinkTarget::Escapes => Some((
                    Severity::Error,
                    Message::LinkOutsideContent {
                        url: url.to_string(),
                    },
                    None,
                )),
                LinkTarget::Unchanged if url.starts_with('/') && !url.starts_with("//") => Some((
                    Severity::Warning,
                    Message::RootLink {
                        url: url.to_string(),
                    },
                    Some(Message::LinkToFile),
                )),
                _ => None,
            };
            if let Some((severity, message, hint)) = problem {
                let mut diagnostic = match severity {
                    Severity::Error => Diagnostic::error(body.path, message),
                    Severity::Warning => Diagnostic::warning(body.path, message),
                }
                .at(line, 0);
                diagnostic.hint = hint.map(Box::new);
                problems.push(diagnostic);
            }
        }
    }
}

/// What body links may lead to: the documents' versions (key and
/// language) and the attached files.
#[derive(Debug)]
struct Targets {
    versions: HashSet<(String, String)>,
    attached: HashSet<PathBuf>,
    /// For a hint when a link misses.
    keys: Vec<String>,
}

impl Targets {
    fn new(documents: &[Arc<Document>]) -> Targets {
        Targets {
            versions: documents
                .iter()
                .map(|d| (d.key.clone(), d.lang.clone()))
                .collect(),
            attached: documents
                .iter()
                .flat_map(|d| &d.attachments)
                .map(|a| a.path.clone())
                .collect(),
            keys: documents.iter().map(|d| d.key.clone()).collect(),
        }
    }
}

/// Two documents with one slug in different sections have different URLs,
/// but readers and citations confuse them.
fn check_duplicate_slugs(by_key: &BTreeMap<&str, Vec<&Document>>, problems: &mut Diagnostics) {
    let mut by_slug: BTreeMap<&str, &Document> = BTreeMap::new();
    for versions in by_key.values() {
        let document = versions[0];
        match by_slug.get(document.slug.as_str()) {
            Some(first) => problems.push(
                Diagnostic::warning(
                    &document.path,
                    Message::SlugShared {
                        slug: document.slug.clone(),
                        other: first.path.display().to_string(),
                    },
                )
                .hint(Message::OwnSlug),
            ),
            None => {
                by_slug.insert(&document.slug, document);
            }
        }
    }
}

/// The versions of one document state the same facts.
fn check_translations(config: &Config, versions: &[&Document], problems: &mut Diagnostics) {
    let first = versions[0];
    for other in &versions[1..] {
        if other.date != first.date {
            problems.push(
                Diagnostic::error(
                    &other.path,
                    Message::DateDiffers {
                        date: other.date.to_string(),
                        other: first.date.to_string(),
                        path: first.path.display().to_string(),
                    },
                )
                .at(other.lines.date, 1)
                .field("date")
                .hint(Message::ShareDate),
            );
        }
        if other.doc_type != first.doc_type {
            problems.push(
                Diagnostic::error(
                    &other.path,
                    Message::TypeDiffers {
                        doc_type: other.doc_type.clone(),
                        other: first.doc_type.clone(),
                        path: first.path.display().to_string(),
                    },
                )
                .at(other.lines.doc_type, 1)
                .field("type")
                .hint(Message::ShareType),
            );
        }
        if other.organization != first.organization {
            problems.push(
                Diagnostic::warning(
                    &other.path,
                    Message::OrganizationDiffers {
                        path: first.path.display().to_string(),
                    },
                )
                .at(other.lines.organization, 1)
                .field("organization"),
            );
        }
    }
    for code in config.language_codes() {
        // A version that is there but refused has had its errors told; a
        // warning that it is missing would send its author the wrong way.
        let written = config
            .content_dir()
            .join(format!("{}.{code}.md", first.key))
            .exists();
        if !written && !versions.iter().any(|d| d.lang == code) {
            let name = config.language(code).map_or(code, |l| l.name.as_str());
            let language = match code {
                "km" => Word::Khmer,
                "en" => Word::English,
                _ => Word::Language {
                    name: name.to_string(),
                },
            };
            problems.push(
                Diagnostic::warning(&first.path, Message::NoVersion { language }).hint(
                    Message::AddVersion {
                        path: format!("content/{}.{code}.md", first.key),
                    },
                ),
            );
        }
    }
}

/// Raw HTML that the page shows as text, because sanitising it would drop
/// the rest of the document.
fn check_raw_html(body: &Body, problems: &mut Diagnostics) {
    for (tag, offset) in markdown::raw_html_shown_as_text(body.text) {
        let (line, column) = body.locate(offset);
        problems.push(
            Diagnostic::warning(
                body.path,
                Message::RawHtml {
                    tag: tag.to_string(),
                },
            )
            .at(line, column)
            .hint(Message::WriteMarkdown),
        );
    }
}

/// A Khmer file whose title has no Khmer in it was most likely filled in
/// with the English text, and the reverse.
fn check_script(document: &Document, problems: &mut Diagnostics) {
    let khmer = document.title.chars().filter(|c| is_khmer(*c)).count();
    let letters = document
        .title
        .chars()
        .filter(|c| c.is_alphabetic())
        .count()
        .max(1);
    let wrong = match document.lang.as_str() {
        "km" => khmer == 0,
        "en" => khmer * 2 > letters,
        _ => false,
    };
    if wrong {
        problems.push(
            Diagnostic::warning(
                &document.path,
                Message::WrongScript {
                    lang: document.lang.clone(),
                },
            )
            .at(document.lines.title, 1)
            .field("title")
            .hint(Message::OwnLanguage),
        );
    }
}

/// Attachments are published under `files/<section>/<name>`; two different
/// files must not claim the same name.
fn check_attachment_names(documents: &[Arc<Document>], problems: &mut Diagnostics) {
    let mut published: BTreeMap<(String, String), &std::path::Path> = BTreeMap::new();
    for document in documents {
        for attachment in &document.attachments {
            let key = (
                document.section.clone(),
                attachment.name.to_ascii_lowercase(),
            );
            match published.get(&key) {
                Some(existing) if *existing != attachment.source.as_path() => problems.push(
                    Diagnostic::error(
                        &document.path,
                        Message::SameNameAttached {
                            name: attachment.name.clone(),
                            section: document.section.clone(),
                        },
                    )
                    .at(attachment.line, 1)
                    .field("attachments")
                    .hint(Message::NamesWithoutCase),
                ),
                Some(_) => {}
                None => {
                    published.insert(key, &attachment.source);
                }
            }
        }
    }
}
