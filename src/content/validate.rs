//! Checks that look across documents: translation pairs that must agree,
//! missing translations, text in the wrong language, published file names
//! that would collide.

use std::collections::BTreeMap;

use super::document::Document;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::khmer::cluster::is_khmer;

pub fn validate(config: &Config, documents: &[Document]) -> Diagnostics {
    let mut problems = Diagnostics::default();
    let mut by_key: BTreeMap<&str, Vec<&Document>> = BTreeMap::new();
    for document in documents {
        by_key.entry(&document.key).or_default().push(document);
        check_script(document, &mut problems);
    }
    for versions in by_key.values() {
        check_translations(config, versions, &mut problems);
    }
    check_attachment_names(documents, &mut problems);
    problems
}

/// The versions of one document state the same facts.
fn check_translations(config: &Config, versions: &[&Document], problems: &mut Diagnostics) {
    let first = versions[0];
    for other in &versions[1..] {
        if other.date != first.date {
            problems.push(
                Diagnostic::error(&other.path, format!("the date {} differs from {} in {}", other.date, first.date, first.path.display()))
                    .field("date")
                    .hint("the language versions of a document share its date"),
            );
        }
        if other.doc_type != first.doc_type {
            problems.push(
                Diagnostic::error(&other.path, format!("the type `{}` differs from `{}` in {}", other.doc_type, first.doc_type, first.path.display()))
                    .field("type")
                    .hint("the language versions of a document share its type"),
            );
        }
        if other.organization != first.organization {
            problems.push(
                Diagnostic::warning(&other.path, format!("the organization differs from the one in {}", first.path.display()))
                    .field("organization"),
            );
        }
    }
    for code in config.language_codes() {
        if !versions.iter().any(|d| d.lang == code) {
            let name = config.language(code).map_or(code, |l| l.name.as_str());
            problems.push(
                Diagnostic::warning(&first.path, format!("there is no {name} version of this document"))
                    .hint(format!("add content/{}.{code}.md to translate it", first.key)),
            );
        }
    }
}

/// A Khmer file whose title has no Khmer in it was most likely filled in
/// with the English text, and the reverse.
fn check_script(document: &Document, problems: &mut Diagnostics) {
    let khmer = document.title.chars().filter(|c| is_khmer(*c)).count();
    let letters = document.title.chars().filter(|c| c.is_alphabetic()).count().max(1);
    let wrong = match document.lang.as_str() {
        "km" => khmer == 0,
        "en" => khmer * 2 > letters,
        _ => false,
    };
    if wrong {
        problems.push(
            Diagnostic::warning(&document.path, format!("the title does not look like it is written in `{}`", document.lang))
                .field("title")
                .hint("each language file holds the text in its own language; the other language goes in the other file"),
        );
    }
}

/// Attachments are published under `files/<section>/<name>`; two different
/// files must not claim the same name.
fn check_attachment_names(documents: &[Document], problems: &mut Diagnostics) {
    let mut published: BTreeMap<(String, String), &std::path::Path> = BTreeMap::new();
    for document in documents {
        for attachment in &document.attachments {
            let key = (document.section.clone(), attachment.name.to_ascii_lowercase());
            match published.get(&key) {
                Some(existing) if *existing != attachment.source.as_path() => problems.push(
                    Diagnostic::error(
                        &document.path,
                        format!("another file named `{}` is already attached in section `{}`", attachment.name, document.section),
                    )
                    .field("attachments")
                    .hint("file names are compared without case, as Windows and macOS do; rename one of the files"),
                ),
                Some(_) => {}
                None => {
                    published.insert(key, &attachment.source);
                }
            }
        }
    }
}
