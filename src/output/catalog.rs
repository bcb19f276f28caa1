//! The catalogue for researchers: every document's metadata in one file,
//! as JSON and as CSV for spreadsheets. The data page describes each field
//! (themes' `data.html`); both files name their format's version.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::archive::Archive;
use crate::attachments::Extracts;
use crate::config::Config;
use crate::content::date::{lunar_line, LunarStyle};
use crate::render::i18n::Key;
use crate::urls;

/// Raised whenever a field changes meaning or shape. 1 was a bare list of
/// documents whose attachments were URLs; 2 wraps the list with this
/// number and describes each attachment (URL, size, SHA-256, placeholder).
pub const FORMAT: u32 = 2;

/// What each field of `catalog.json` holds, as the data page explains it
/// (a field of an attachment is named `attachments[].…`). A test keeps the
/// list and [`Record`] in step.
pub const JSON_FIELDS: &[(&str, Key)] = &[
    ("format", Key::DataFormatField),
    ("documents", Key::DataDocuments),
    ("key", Key::DataKey),
    ("languages", Key::DataLanguages),
    ("titles", Key::DataTitles),
    ("date", Key::DataDate),
    ("lunar_date_km", Key::DataLunar),
    ("type", Key::DataType),
    ("organization", Key::DataOrganization),
    ("tags", Key::DataTags),
    ("attachments", Key::DataAttachments),
    ("attachments[].url", Key::DataAttachmentUrl),
    ("attachments[].title", Key::DataAttachmentTitle),
    ("attachments[].bytes", Key::DataAttachmentBytes),
    ("attachments[].sha256", Key::DataAttachmentSha256),
    ("attachments[].placeholder", Key::DataAttachmentPlaceholder),
    ("attachments[].lang", Key::DataAttachmentLang),
    ("pages", Key::DataPages),
];

/// What a column of `catalog.csv` holds, for the data page: the string
/// that says it, and the language of a per-language column.
pub fn csv_column_meaning(column: &str) -> Option<(Key, Option<&str>)> {
    if let Some(lang) = column.strip_prefix("title_") {
        return Some((Key::DataTitleIn, Some(lang)));
    }
    if let Some(lang) = column.strip_prefix("url_") {
        return Some((Key::DataUrlIn, Some(lang)));
    }
    let key = match column {
        "key" => Key::DataKey,
        "languages" => Key::DataLanguages,
        "date" => Key::DataDate,
        "type" => Key::DataType,
        "organization" => Key::DataOrganization,
        "tags" => Key::DataTags,
        "attachments" => Key::DataCsvAttachments,
        "lunar_date_km" => Key::DataLunar,
        "attachments_sha256" => Key::DataCsvSha256,
        "format" => Key::DataFormatField,
        _ => return None,
    };
    Some((key, None))
}

/// `catalog.json` as a whole.
#[derive(Debug, Serialize)]
struct Catalog<'a> {
    format: u32,
    documents: &'a [Record],
}

#[derive(Debug, Serialize)]
pub struct Record {
    pub key: String,
    pub languages: Vec<String>,
    pub titles: BTreeMap<String, String>,
    pub date: String,
    /// The Khmer lunar date line, as far as the date determines it.
    pub lunar_date_km: Option<String>,
    #[serde(rename = "type")]
    pub doc_type: String,
    pub organization: Option<String>,
    pub tags: Vec<String>,
    pub attachments: Vec<AttachmentRecord>,
    pub pages: BTreeMap<String, String>,
}

/// One attached file as published.
#[derive(Debug, Serialize)]
pub struct AttachmentRecord {
    pub url: String,
    pub title: String,
    pub bytes: u64,
    /// `None` only if the file could not be read during the build.
    pub sha256: Option<String>,
    /// A stand-in for an original the archive does not hold.
    pub placeholder: bool,
    /// The language of the file's content, where the document states it.
    pub lang: Option<String>,
}

pub fn records(config: &Config, archive: &Archive, files: &Extracts) -> Vec<Record> {
    archive
        .entries
        .iter()
        .map(|entry| {
            let attachments = entry
                .attachments()
                .iter()
                .map(|a| AttachmentRecord {
                    url: config
                        .base_url
                        .absolute(&urls::attachment(&entry.section, &a.name)),
                    title: a.title.clone(),
                    bytes: a.bytes,
                    sha256: files.sha256(a).map(|s| s.hex().to_string()),
                    placeholder: a.placeholder,
                    lang: a.lang.clone(),
                })
                .collect();
            Record {
                key: entry.key.clone(),
                languages: entry.versions().map(|d| d.lang.clone()).collect(),
                titles: entry
                    .versions()
                    .map(|d| (d.lang.clone(), d.title.clone()))
                    .collect(),
                date: entry.date.to_string(),
                lunar_date_km: lunar_line(entry.date, LunarStyle::Khmer),
                doc_type: entry.doc_type.clone(),
                organization: entry.organization.clone(),
                tags: entry.tags.clone(),
                attachments,
                pages: entry
                    .versions()
                    .map(|d| {
                        (
                            d.lang.clone(),
                            config
                                .base_url
                                .absolute(&urls::document(&d.lang, &entry.key)),
                        )
                    })
                    .collect(),
            }
        })
        .collect()
}

pub fn json(records: &[Record]) -> String {
    serde_json::to_string_pretty(&Catalog {
        format: FORMAT,
        documents: records,
    })
    .expect("records serialise")
}

/// One row per document; lists are joined with `; ` (the attachments'
/// checksums in the order of their URLs). Per-language columns follow the
/// site's language order.
pub fn csv(config: &Config, records: &[Record]) -> String {
    let codes: Vec<&str> = config.language_codes().collect();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(csv_header(config))
        .expect("writing to memory");
    for record in records {
        let mut row = vec![
            record.key.clone(),
            record.languages.join("; "),
            record.date.clone(),
            record.doc_type.clone(),
            record.organization.clone().unwrap_or_default(),
            record.tags.join("; "),
        ];
        row.extend(
            codes
                .iter()
                .map(|c| record.titles.get(*c).cloned().unwrap_or_default()),
        );
        row.extend(
            codes
                .iter()
                .map(|c| record.pages.get(*c).cloned().unwrap_or_default()),
        );
        let urls: Vec<&str> = record.attachments.iter().map(|a| a.url.as_str()).collect();
        row.push(urls.join("; "));
        row.push(record.lunar_date_km.clone().unwrap_or_default());
        let sums: Vec<&str> = record
            .attachments
            .iter()
            .map(|a| a.sha256.as_deref().unwrap_or_default())
            .collect();
        row.push(sums.join("; "));
        row.push(FORMAT.to_string());
        writer
            .write_record(row.iter().map(|cell| inert_cell(cell).into_owned()))
            .expect("writing to memory");
    }
    // A byte-order mark, so spreadsheet programs read the Khmer as UTF-8.
    let mut out = String::from('\u{FEFF}');
    out.push_str(
        &String::from_utf8(writer.into_inner().expect("in memory")).expect("UTF-8 fields"),
    );
    out
}

/// The columns of `catalog.csv`, in order; per-language columns follow
/// the site's language order.
pub fn csv_header(config: &Config) -> Vec<String> {
    let codes: Vec<&str> = config.language_codes().collect();
    let mut header = vec![
        "key".to_string(),
        "languages".into(),
        "date".into(),
        "type".into(),
        "organization".into(),
        "tags".into(),
    ];
    header.extend(codes.iter().map(|c| format!("title_{c}")));
    header.extend(codes.iter().map(|c| format!("url_{c}")));
    header.push("attachments".into());
    // Last, so spreadsheets built on the earlier columns keep their places.
    header.push("lunar_date_km".into());
    header.push("attachments_sha256".into());
    header.push("format".into());
    header
}

/// A cell that a spreadsheet would read as a formula (`=HYPERLINK(…)`,
/// `+1`, `-1`, `@SUM`, or one hidden behind a tab or carriage return) gets a
/// leading `'`, as OWASP recommends against CSV injection: spreadsheets then
/// show the text as written and run nothing.
fn inert_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some(
            '=' | '+' | '-' | '@' | '\t' | '\r' | '\n' | '\u{FF1D}' | '\u{FF0B}' | '\u{FF0D}'
            | '\u{FF20}',
        ) => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field a catalogue holds is explained on the data page, and
    /// nothing is explained that it does not hold.
    #[test]
    fn the_data_page_explains_every_field() {
        let record = Record {
            key: "a/b".into(),
            languages: vec!["km".into()],
            titles: BTreeMap::new(),
            date: "2023".into(),
            lunar_date_km: None,
            doc_type: "report".into(),
            organization: None,
            tags: vec![],
            attachments: vec![AttachmentRecord {
                url: "https://example.org/files/a/b.pdf".into(),
                title: "B".into(),
                bytes: 1,
                sha256: None,
                placeholder: false,
                lang: None,
            }],
            pages: BTreeMap::new(),
        };
        let value: serde_json::Value = serde_json::from_str(&json(&[record])).unwrap();
        let mut held: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
        let document = value["documents"][0].as_object().unwrap();
        held.extend(document.keys().cloned());
        let attachment = value["documents"][0]["attachments"][0].as_object().unwrap();
        held.extend(attachment.keys().map(|k| format!("attachments[].{k}")));
        held.sort();
        let mut explained: Vec<String> = JSON_FIELDS.iter().map(|(f, _)| f.to_string()).collect();
        explained.sort();
        assert_eq!(held, explained);
        let config = crate::config::Config::parse(
            std::path::Path::new("."),
            &std::fs::read_to_string("site.toml").unwrap(),
        )
        .unwrap();
        for column in csv_header(&config) {
            assert!(csv_column_meaning(&column).is_some(), "{column}");
        }
    }

    #[test]
    fn formulas_are_made_inert_in_every_form() {
        for formula in [
            "=HYPERLINK(\"http://evil.example\",\"click\")",
            "+1+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1:A2)",
            "\t=1",
            "\r=1",
            "\u{FF1D}1+1",
        ] {
            assert_eq!(inert_cell(formula), format!("'{formula}"));
        }
        for plain in ["Ballot draw", "2023-05-29", "ការបោះឆ្នោត", "", "a=b"] {
            assert_eq!(inert_cell(plain), plain);
        }
    }
}
