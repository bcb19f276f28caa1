//! What an attached PDF says about itself (`pdfinfo`: its title, creation
//! and modification dates, page count), offered to the maintainer as
//! suggestions. Never written into a document: the software that made the
//! file filled these in, often on the day it was exported, and an archive's
//! facts must be checked ones.

use std::path::Path;

use crate::attachments::pdf;
use crate::attachments::tools::{Limits, ToolError};
use crate::content::PartialDate;
use crate::diagnostics::{Lang, Message};
use crate::text::visible;

/// The PDF's own metadata, as facts to say: its title, creation and
/// modification dates, page count. `None` for a file that is not a PDF.
pub fn pdf_metadata(file: &Path) -> Result<Option<Vec<Message>>, ToolError> {
    let is_pdf = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if !is_pdf {
        return Ok(None);
    }
    // Absolute, so that no file name can be read as an option.
    let file = std::fs::canonicalize(file).map_err(|e| ToolError::Failed {
        tool: "pdfinfo".into(),
        message: e.to_string(),
    })?;
    let info = pdf::info(&file, Limits::default())?;
    Ok(Some(describe(&info)))
}

/// The facts in one line: "the PDF's title is “…”; its creation date is
/// 2023-05-29; 3 page(s)".
pub fn said(facts: &[Message], lang: Lang) -> String {
    facts
        .iter()
        .map(|fact| fact.text(lang))
        .collect::<Vec<_>>()
        .join("; ")
}

fn describe(info: &pdf::Info) -> Vec<Message> {
    let mut facts = vec![match &info.title {
        Some(title) => Message::PdfTitle {
            title: visible(title.trim()),
        },
        None => Message::PdfNoTitle,
    }];
    if let Some(created) = &info.created {
        facts.push(Message::PdfCreated {
            day: day_of(created),
        });
    }
    match (&info.modified, &info.created) {
        (Some(modified), Some(created)) if day_of(modified) == day_of(created) => {}
        (Some(modified), _) => facts.push(Message::PdfModified {
            day: day_of(modified),
        }),
        _ => {}
    }
    facts.push(Message::PdfPages {
        count: info.pages as usize,
    });
    facts
}

/// The day of an ISO 8601 time (`2023-05-29T10:00:00+07` → `2023-05-29`);
/// anything else as written, made safe to print.
fn day_of(time: &str) -> String {
    match time.get(..10).map(PartialDate::parse) {
        Some(Ok(day @ PartialDate::Day(..))) => day.to_string(),
        _ => visible(time),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_is_described_in_words() {
        let info = pdf::Info {
            pages: 3,
            title: Some("Announcement\u{1b}[31m".into()),
            created: Some("2023-05-29T10:00:00+07".into()),
            modified: Some("2023-06-01T08:00:00Z".into()),
        };
        assert_eq!(
            said(&describe(&info), Lang::En),
            "the PDF's title is “Announcement\\u{001b}[31m”; its creation date is 2023-05-29; it was last modified on 2023-06-01; 3 page(s)"
        );
        let bare = pdf::Info {
            pages: 1,
            ..pdf::Info::default()
        };
        assert_eq!(
            said(&describe(&bare), Lang::En),
            "the PDF has no title of its own; 1 page(s)"
        );
        assert_eq!(
            said(&describe(&bare), Lang::Km),
            "PDF គ្មានចំណងជើងផ្ទាល់ខ្លួនទេ; ១ ទំព័រ"
        );
    }
}
