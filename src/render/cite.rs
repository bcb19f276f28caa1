//! "Cite this document": plain text, BibTeX and CSL-JSON (the format
//! Zotero and other reference managers import).

use serde_json::json;

use crate::archive::Entry;
use crate::config::{Config, Taxonomy};
use crate::content::date::LunarStyle;
use crate::content::{Document, PartialDate};
use crate::render::i18n::I18n;

#[derive(Debug, serde::Serialize)]
pub struct Citation {
    pub text: String,
    pub bibtex: String,
}

pub fn citation(
    config: &Config,
    i18n: &I18n,
    entry: &Entry,
    document: &Document,
    url: &str,
) -> Citation {
    let author = author(config, entry, document);
    let site = config
        .language(&document.lang)
        .map_or("", |l| l.title.as_str());
    let doc_type = config.label(Taxonomy::Type, &entry.doc_type, &document.lang);
    let mut date = i18n.date(entry.date);
    // A Khmer reference gives the lunar date as the document's own date
    // line does; an English one keeps to the Gregorian date.
    if i18n.date.lunar == Some(LunarStyle::Khmer) {
        if let Some(lunar) = i18n.lunar_date(entry.date) {
            date = format!("{date} ({lunar})");
        }
    }
    let text = format!(
        "{author}. {date}. “{}” [{doc_type}]. {site}. {url}",
        document.title
    );
    let mut fields = vec![
        ("title", format!("{{{}}}", bibtex_escape(&document.title))),
        // Double braces: a corporate author, not "Committee, National Election".
        ("author", format!("{{{{{}}}}}", bibtex_escape(&author))),
        ("year", entry.date.year().to_string()),
    ];
    if let Some(month) = entry.date.month() {
        fields.push(("month", month.to_string()));
    }
    fields.push(("howpublished", format!("{{\\url{{{url}}}}}")));
    fields.push(("note", format!("{{{}}}", bibtex_escape(doc_type))));
    fields.push(("language", document.lang.clone()));
    let key = format!(
        "{}-{}",
        entry.organization.as_deref().unwrap_or("doc"),
        entry.slug
    );
    let body: Vec<String> = fields.iter().map(|(k, v)| format!("  {k} = {v}")).collect();
    let bibtex = format!("@misc{{{key},\n{}\n}}", body.join(",\n"));
    Citation { text, bibtex }
}

/// One CSL-JSON item, as an array (the form reference managers import).
pub fn csl_json(config: &Config, entry: &Entry, document: &Document, url: &str) -> String {
    let date_parts: Vec<u32> = match entry.date {
        PartialDate::Year(y) => vec![y.into()],
        PartialDate::Month(y, m) => vec![y.into(), m.into()],
        PartialDate::Day(y, m, d) => vec![y.into(), m.into(), d.into()],
    };
    let item = json!([{
        "id": entry.key,
        "type": "document",
        "title": document.title,
        "author": [{ "literal": author(config, entry, document) }],
        "issued": { "date-parts": [date_parts] },
        "genre": config.label(Taxonomy::Type, &entry.doc_type, &document.lang),
        "abstract": document.summary,
        "language": document.lang,
        "URL": url,
        "publisher": config.language(&document.lang).map(|l| l.title.clone()),
    }]);
    serde_json::to_string(&item).expect("JSON values serialise")
}

/// A `data:` URL holding CSL-JSON. ASCII characters that mean something in
/// a URL are percent-encoded; other characters stay as they are (browsers
/// encode them), which keeps Khmer text a third of its encoded size.
pub fn data_url(json: &str) -> String {
    const PREFIX: &str = "data:application/vnd.citationstyles.csl+json;charset=utf-8,";
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut url = String::with_capacity(PREFIX.len() + json.len() * 5 / 4);
    url.push_str(PREFIX);
    for c in json.chars() {
        if c.is_ascii() && !(c.is_ascii_alphanumeric() || "-_.~:,@/!$'()*+;=".contains(c)) {
            let byte = c as u8;
            url.push('%');
            url.push(char::from(HEX[usize::from(byte >> 4)]));
            url.push(char::from(HEX[usize::from(byte & 0xF)]));
        } else {
            url.push(c);
        }
    }
    url
}

fn author(config: &Config, entry: &Entry, document: &Document) -> String {
    entry.organization.as_deref().map_or_else(
        || {
            config
                .language(&document.lang)
                .map_or_else(String::new, |l| l.title.clone())
        },
        |o| {
            config
                .label(Taxonomy::Organization, o, &document.lang)
                .to_string()
        },
    )
}

/// Braces and backslashes would end a BibTeX field; special characters are
/// escaped so the entry compiles.
pub(crate) fn bibtex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '{' | '}' | '\\' => {}
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_urls_encode_url_syntax_only() {
        assert_eq!(data_url(r#"{"a b":"ក#%"}"#), "data:application/vnd.citationstyles.csl+json;charset=utf-8,%7B%22a%20b%22:%22ក%23%25%22%7D");
    }

    #[test]
    fn bibtex_fields_cannot_be_broken_out_of() {
        assert_eq!(bibtex_escape("A {b} \\c & 50%"), "A b c \\& 50\\%");
    }
}
