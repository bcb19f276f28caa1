//! What a document page's `<head>` tells machines about it: Highwire Press
//! `citation_*` tags (read by Zotero's connector and Google Scholar), Dublin
//! Core, and one schema.org JSON-LD object. Every value comes from the
//! document's front matter or the build; a field the document lacks (an
//! organisation, a source, a PDF) is left out, never filled in.
//!
//! A document page is written tens of thousands of times, so nothing is
//! said twice where a reader of the tags can find it once: the JSON-LD has
//! no description (the page's `description` meta tag has it), and the
//! other language's version is named by its address alone.

use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::archive::Entry;
use crate::assets::Assets;
use crate::attachments::{self, Extracts};
use crate::config::{Config, Taxonomy};
use crate::content::{Document, PartialDate};
use crate::urls;

/// One `<meta name=… content=…>`; the template escapes both.
#[derive(Debug, Serialize)]
pub struct MetaTag {
    pub name: &'static str,
    pub content: String,
}

#[derive(Debug, Serialize)]
pub struct HeadMeta {
    pub tags: Vec<MetaTag>,
    /// The JSON-LD object, escaped to sit inside `<script
    /// type="application/ld+json">` (see [`script_safe`]).
    pub json_ld: String,
}

/// Where a theme keeps its share images, under `static/`: `site.png`, and
/// `type-<key>.png` for a document type (`scripts/share-images.mjs`).
pub const SHARE_FOLDER: &str = "share/";

/// The picture a link preview shows (`og:image`): 1200×630.
#[derive(Debug, Serialize)]
pub struct ShareImage {
    pub url: String,
    pub alt: String,
    pub width: u32,
    pub height: u32,
}

/// The image of a page about the document type `doc_type`, or of the
/// site: the type's own where the theme has one, else the site's; none
/// where the theme has neither.
pub fn share_image(
    config: &Config,
    assets: &Assets,
    lang: &str,
    doc_type: Option<&str>,
) -> Option<ShareImage> {
    let site = config.language(lang).map_or("", |l| l.title.as_str());
    let typed = doc_type.and_then(|key| {
        let file = format!("{SHARE_FOLDER}type-{key}.png");
        let label = config.label(Taxonomy::Type, key, lang);
        assets
            .has(&file)
            .then(|| (file, format!("{label} · {site}")))
    });
    let site_file = format!("{SHARE_FOLDER}site.png");
    let (file, alt) = typed.or_else(|| {
        assets
            .has(&site_file)
            .then(|| (site_file, site.to_string()))
    })?;
    Some(ShareImage {
        url: config.base_url.absolute(&assets.url(&file)),
        alt,
        width: 1200,
        height: 630,
    })
}

/// A language's `og:locale`: the territory is the one the archive's
/// readers are in for Khmer, and Open Graph's default for English.
pub fn og_locale(lang: &str) -> String {
    match lang {
        "km" => "km_KH".into(),
        "en" => "en_US".into(),
        other => other.replace('-', "_"),
    }
}

/// The date as Google Scholar reads `citation_publication_date`: `2023`,
/// `2023/05` or `2023/05/29`.
pub fn highwire_date(date: PartialDate) -> String {
    date.to_string().replace('-', "/")
}

/// The head metadata of `document` (a version of `entry`), whose page is
/// at `permalink`.
pub fn document(
    config: &Config,
    entry: &Entry,
    document: &Document,
    permalink: &str,
    files: &Extracts,
) -> HeadMeta {
    let lang = document.lang.as_str();
    let organization = entry
        .organization
        .as_deref()
        .map(|o| config.label(Taxonomy::Organization, o, lang).to_string());
    let doc_type = config.label(Taxonomy::Type, &entry.doc_type, lang);
    // Placeholders stand in for an original the archive does not hold:
    // never offered as the document's PDF.
    let pdfs: Vec<_> = document
        .attachments
        .iter()
        .filter(|a| attachments::is_pdf(a))
        .map(|a| {
            let url = config
                .base_url
                .absolute(&urls::attachment(&entry.section, &a.name));
            (a, url)
        })
        .collect();

    let mut tags = Vec::new();
    let mut tag = |name, content: &str| {
        tags.push(MetaTag {
            name,
            content: content.to_string(),
        })
    };
    tag("citation_title", &document.title);
    tag("citation_publication_date", &highwire_date(entry.date));
    if let Some(organization) = &organization {
        // The organisation that issued the document. As its publisher, not
        // `citation_author`: Zotero splits an author into a first and a
        // last name ("Committee (NEC)", "National Election").
        tag("citation_publisher", organization);
    }
    tag("citation_language", lang);
    for (_, url) in &pdfs {
        tag("citation_pdf_url", url);
    }
    tag("citation_abstract_html_url", permalink);
    tag("DC.title", &document.title);
    tag("DC.date", &entry.date.to_string());
    tag("DC.language", lang);
    tag("DC.type", doc_type);
    if let Some(organization) = &organization {
        tag("DC.publisher", organization);
    }
    tag("DC.identifier", permalink);

    let mut ld = Map::new();
    ld.insert("@context".into(), json!("https://schema.org"));
    ld.insert("@type".into(), json!("DigitalDocument"));
    ld.insert("url".into(), json!(permalink));
    ld.insert("name".into(), json!(document.title));
    ld.insert("inLanguage".into(), json!(lang));
    ld.insert("datePublished".into(), json!(entry.date.to_string()));
    ld.insert("genre".into(), json!(doc_type));
    if let Some(organization) = &organization {
        ld.insert(
            "publisher".into(),
            json!({ "@type": "Organization", "name": organization }),
        );
    }
    if let Some(source) = &document.source {
        ld.insert("isBasedOn".into(), json!(source));
    }
    let encodings: Vec<Value> = pdfs
        .iter()
        .map(|(a, url)| {
            let mut media = json!({
                "@type": "MediaObject",
                "contentUrl": url,
                "encodingFormat": "application/pdf",
                "contentSize": format!("{} B", a.bytes),
            });
            if let Some(sha256) = files.sha256(a) {
                media["sha256"] = json!(sha256.hex());
            }
            media
        })
        .collect();
    if !encodings.is_empty() {
        ld.insert("encoding".into(), Value::Array(encodings));
    }
    for (property, others) in translations(entry, document, config) {
        ld.insert(property.into(), Value::Array(others));
    }
    HeadMeta {
        tags,
        json_ld: script_safe(&Value::Object(ld)),
    }
}

/// The other language versions, as far as the archive says which way the
/// translation went: a version marked `translation_draft` is a translation
/// of the others. Where neither is marked, which one is the original is not
/// known, and no translation property is claimed.
fn translations(
    entry: &Entry,
    document: &Document,
    config: &Config,
) -> Vec<(&'static str, Vec<Value>)> {
    let link = |other: &Document| {
        json!({
            "@type": "DigitalDocument",
            "url": config.base_url.absolute(&urls::document(&other.lang, &entry.key)),
            "inLanguage": other.lang,
        })
    };
    let others: Vec<&Document> = entry
        .versions()
        .filter(|other| other.lang != document.lang)
        .collect();
    let mut properties = Vec::new();
    if document.translation_draft {
        let originals: Vec<Value> = others
            .iter()
            .filter(|o| !o.translation_draft)
            .map(|o| link(o))
            .collect();
        if !originals.is_empty() {
            properties.push(("translationOfWork", originals));
        }
    } else {
        let translations: Vec<Value> = others
            .iter()
            .filter(|o| o.translation_draft)
            .map(|o| link(o))
            .collect();
        if !translations.is_empty() {
            properties.push(("workTranslation", translations));
        }
    }
    properties
}

/// JSON that cannot end the `<script>` element it sits in, nor open a
/// comment or markup there: `<`, `>` and `&` are written as `\u003c`,
/// `\u003e` and `\u0026` (the same string to a JSON reader), and so are the
/// line separators that older JavaScript readers choke on.
pub fn script_safe(value: &Value) -> String {
    let json = serde_json::to_string(value).expect("JSON values serialise");
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_cannot_end_its_script() {
        let hostile = json!({ "name": "</script><script>alert(1)</script><!-- & \u{2028}" });
        let safe = script_safe(&hostile);
        for banned in ['<', '>', '&', '\u{2028}'] {
            assert!(!safe.contains(banned), "{safe}");
        }
        let back: Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, hostile, "the same JSON to a reader");
    }

    #[test]
    fn dates_as_google_scholar_reads_them() {
        assert_eq!(highwire_date(PartialDate::Year(2023)), "2023");
        assert_eq!(highwire_date(PartialDate::Month(2023, 5)), "2023/05");
        assert_eq!(highwire_date(PartialDate::Day(2023, 5, 29)), "2023/05/29");
    }
}
