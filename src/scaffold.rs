//! `sastra new`: a new document file with complete front matter, so a
//! contributor starts from something `check` accepts.

use std::path::PathBuf;

use crate::config::{is_slug, Config, Taxonomy};
use crate::content::PartialDate;

pub struct NewDocument {
    pub section: String,
    pub title: String,
    pub date: String,
    pub doc_type: String,
    pub organization: Option<String>,
    pub slug: Option<String>,
    pub languages: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum NewError {
    #[error("{0}")]
    Invalid(String),
    #[error("{} already exists; sastra new never overwrites a document", .0.display())]
    Exists(PathBuf),
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Creates the files and returns their paths.
pub fn create(config: &Config, new: &NewDocument) -> Result<Vec<PathBuf>, NewError> {
    let invalid = |m: String| Err(NewError::Invalid(m));
    if !is_slug(&new.section) {
        return invalid(format!(
            "the section `{}` must use lowercase ASCII letters, digits and hyphens",
            new.section
        ));
    }
    let date = PartialDate::parse(&new.date).map_err(|e| NewError::Invalid(e.message))?;
    for (taxonomy, key) in [
        (Taxonomy::Type, Some(&new.doc_type)),
        (Taxonomy::Organization, new.organization.as_ref()),
    ] {
        if let Some(key) = key {
            if !config.taxonomy(taxonomy).contains_key(key) {
                let known: Vec<&str> = config
                    .taxonomy(taxonomy)
                    .keys()
                    .map(String::as_str)
                    .collect();
                return invalid(format!(
                    "unknown {} `{key}`; declared: {}",
                    taxonomy.singular(),
                    known.join(", ")
                ));
            }
        }
    }
    let slug = match &new.slug {
        Some(slug) => slug.clone(),
        None => slug_from(date, &new.title),
    };
    if !is_slug(&slug) {
        return invalid(format!("cannot make a URL slug from the title; pass --slug (lowercase ASCII letters, digits and hyphens), got `{slug}`"));
    }
    let languages = if new.languages.is_empty() {
        vec![config.default_language.clone()]
    } else {
        new.languages.clone()
    };
    for lang in &languages {
        if config.language(lang).is_none() {
            return invalid(format!("`{lang}` is not a language of this site"));
        }
    }
    let folder = config.content_dir().join(&new.section);
    let paths: Vec<PathBuf> = languages
        .iter()
        .map(|lang| folder.join(format!("{slug}.{lang}.md")))
        .collect();
    if let Some(existing) = paths.iter().find(|p| p.exists()) {
        return Err(NewError::Exists(existing.clone()));
    }
    std::fs::create_dir_all(&folder).map_err(|source| NewError::Write {
        path: folder.clone(),
        source,
    })?;
    for path in &paths {
        let text = front_matter(new, date);
        // create_new: never overwrite, even if a file appeared meanwhile.
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()))
            .map_err(|source| NewError::Write {
                path: path.clone(),
                source,
            })?;
    }
    Ok(paths)
}

fn front_matter(new: &NewDocument, date: PartialDate) -> String {
    let quoted = |s: &str| serde_json::to_string(s).expect("strings serialise");
    let organization = new.organization.as_deref().map_or_else(
        || "# organization: nec".to_string(),
        |o| format!("organization: {o}"),
    );
    format!(
        "---\ntitle: {}\ndate: \"{date}\"\ntype: {}\n{organization}\ntags: []\nsummary: \"\"\n# source: https://…\n# attachments:\n#   - file: files/name-of-file.pdf\n#     title: \"…\"\n#     lang: km\n---\n\nWrite the document here.\n",
        quoted(&new.title),
        new.doc_type,
    )
}

/// `2023-06-22-press-release-on-ballot-order` from a date and an English
/// title; the first words only, to keep URLs short.
fn slug_from(date: PartialDate, title: &str) -> String {
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
