//! Atom feeds: one per language for the whole archive, one per tag.

use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text};

use crate::archive::{Archive, EntryId};
use crate::config::{Config, Taxonomy};
use crate::urls;

/// Feeds list the newest documents only; the archive is in the sitemap.
const FEED_LENGTH: usize = 50;

pub struct FeedSpec<'a> {
    pub lang: &'a str,
    pub title: String,
    /// Site-relative path of the feed itself.
    pub path: String,
    /// Site-relative path of the HTML page it mirrors.
    pub page: String,
    pub entries: &'a [EntryId],
}

/// Every feed of the site: (site-relative path, XML).
pub fn all(config: &Config, archive: &Archive) -> Vec<(String, String)> {
    let all_ids: Vec<EntryId> = (0..archive.entries.len()).collect();
    let mut feeds = Vec::new();
    for language in &config.languages {
        let lang = language.code.as_str();
        feeds.push(FeedSpec {
            lang,
            title: language.title.clone(),
            path: urls::feed(lang),
            page: urls::home(lang),
            entries: &all_ids,
        });
        for (key, ids) in archive.terms(Taxonomy::Tag) {
            feeds.push(FeedSpec {
                lang,
                title: format!(
                    "{}: {}",
                    language.title,
                    config.label(Taxonomy::Tag, key, lang)
                ),
                path: urls::term_feed(lang, Taxonomy::Tag, key),
                page: urls::term(lang, Taxonomy::Tag, key, 1),
                entries: ids,
            });
        }
    }
    feeds
        .iter()
        .map(|spec| (spec.path.clone(), render(config, archive, spec)))
        .collect()
}

fn date(value: &str) -> FixedDateTime {
    FixedDateTime::parse_from_rfc3339(value).expect("PartialDate::to_rfc3339 is RFC 3339")
}

fn text(value: &str, lang: &str) -> Text {
    let mut text = Text::plain(value);
    text.lang = Some(lang.to_string());
    text
}

pub fn render(config: &Config, archive: &Archive, spec: &FeedSpec) -> String {
    let base = &config.base_url;
    let entries: Vec<Entry> = spec
        .entries
        .iter()
        .take(FEED_LENGTH)
        .map(|id| {
            let entry = &archive.entries[*id];
            let document = entry.best_version(spec.lang);
            let url = base.absolute(&urls::document(&document.lang, &entry.key));
            let author = entry.organization.as_ref().map_or_else(
                || config.language(spec.lang).map_or("", |l| l.title.as_str()),
                |o| config.label(Taxonomy::Organization, o, spec.lang),
            );
            Entry {
                title: text(&document.title, &document.lang),
                id: url.clone(),
                updated: date(&entry.date.to_rfc3339()),
                published: Some(date(&entry.date.to_rfc3339())),
                authors: vec![Person {
                    name: author.to_string(),
                    ..Default::default()
                }],
                links: vec![Link {
                    href: url,
                    rel: "alternate".into(),
                    hreflang: Some(document.lang.clone()),
                    mime_type: Some("text/html".into()),
                    ..Default::default()
                }],
                summary: document.summary.as_deref().map(|s| text(s, &document.lang)),
                ..Default::default()
            }
        })
        .collect();
    let updated = spec.entries.first().map_or_else(
        || date("1970-01-01T00:00:00Z"),
        |id| date(&archive.entries[*id].date.to_rfc3339()),
    );
    let feed = Feed {
        title: text(&spec.title, spec.lang),
        id: base.absolute(&spec.path),
        updated,
        lang: Some(spec.lang.to_string()),
        authors: vec![Person {
            name: config
                .language(spec.lang)
                .map_or_else(String::new, |l| l.title.clone()),
            ..Default::default()
        }],
        links: vec![
            Link {
                href: base.absolute(&spec.path),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Default::default()
            },
            Link {
                href: base.absolute(&spec.page),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Default::default()
            },
        ],
        entries,
        ..Default::default()
    };
    feed.to_string()
}
