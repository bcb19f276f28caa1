//! Where a content file sits, read off its path: the section, the slug
//! and the language, each checked, with a name to use instead where one is
//! wrong.

use std::path::{Component, Path};

use crate::config::{is_slug, Config};
use crate::diagnostics::{did_you_mean, Diagnostic, Message, Word};

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
        let codes = || config.language_codes().collect::<Vec<_>>().join(", ");
        let [section, file] = components.as_slice() else {
            return Err(Diagnostic::error(&shown, Message::NotInSection).hint(Message::LayoutHint));
        };
        let Some(stem) = file.strip_suffix(".md") else {
            let hint = match file
                .len()
                .checked_sub(3)
                .filter(|&i| file.is_char_boundary(i))
            {
                Some(i) if file[i..].eq_ignore_ascii_case(".md") => {
                    let stem = &file[..i];
                    let has_language = stem
                        .rsplit_once('.')
                        .is_some_and(|(_, lang)| config.language(lang).is_some());
                    let name = match has_language {
                        true => format!("content/{section}/{stem}.md"),
                        false => format!("content/{section}/{stem}.{}.md", config.default_language),
                    };
                    Message::RenameTo { name }
                }
                _ => Message::LayoutHint,
            };
            return Err(Diagnostic::error(&shown, Message::NotMarkdown).hint(hint));
        };
        let Some((slug, lang)) = stem.rsplit_once('.') else {
            return Err(Diagnostic::error(&shown, Message::NoLanguageSuffix).hint(
                Message::NameWithLanguage {
                    stem: stem.to_string(),
                    codes: codes(),
                },
            ));
        };
        if config.language(lang).is_none() {
            let lower = lang.to_lowercase();
            let hint = match config.language(&lower) {
                Some(_) => Message::RenameTo {
                    name: format!("content/{section}/{slug}.{lower}.md"),
                },
                None => did_you_mean(lang, config.language_codes())
                    .unwrap_or(Message::LanguagesAre { codes: codes() }),
            };
            return Err(Diagnostic::error(
                &shown,
                Message::NotALanguage {
                    lang: lang.to_string(),
                },
            )
            .hint(hint));
        }
        for (what, value) in [(Word::Section, section), (Word::Slug, &slug)] {
            if !is_slug(value) {
                let hint = match crate::text::slugify(value) {
                    Some(good) if matches!(what, Word::Slug) => Message::RenameTo {
                        name: format!("content/{section}/{good}.{lang}.md"),
                    },
                    Some(good) => Message::RenameTo {
                        name: format!("content/{good}/{slug}.{lang}.md"),
                    },
                    None => Message::SlugIsUrl,
                };
                return Err(Diagnostic::error(
                    &shown,
                    Message::NotASlug {
                        what,
                        value: value.to_string(),
                    },
                )
                .hint(hint));
            }
        }
        Ok(ContentPath {
            section: section.to_string(),
            slug: slug.to_string(),
            lang: lang.to_string(),
        })
    }
}
