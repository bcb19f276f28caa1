//! What an attached PDF says about itself (`pdfinfo`: its title, creation
//! and modification dates, page count), offered to the maintainer as
//! suggestions. Never written into a document: the software that made the
//! file filled these in, often on the day it was exported, and an archive's
//! facts must be checked ones.

use std::path::Path;

use crate::attachments::pdf;
use crate::attachments::tools::{Limits, ToolError};
use crate::content::PartialDate;
use crate::text::visible;

/// The PDF's own metadata, in words: "the PDF's title is “…”; its creation
/// date is 2023-05-29; 3 pages". `None` for a file that is not a PDF.
pub fn pdf_metadata(file: &Path) -> Result<Option<String>, ToolError> {
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

fn describe(info: &pdf::Info) -> String {
    let mut parts = vec![match &info.title {
        Some(title) => format!("the PDF's title is “{}”", visible(title.trim())),
        None => "the PDF has no title of its own".to_string(),
    }];
    if let Some(created) = &info.created {
        parts.push(format!("its creation date is {}", day_of(created)));
    }
    match (&info.modified, &info.created) {
        (Some(modified), Some(created)) if day_of(modified) == day_of(created) => {}
        (Some(modified), _) => parts.push(format!("it was last modified on {}", day_of(modified))),
        _ => {}
    }
    parts.push(match info.pages {
        1 => "1 page".to_string(),
        n => format!("{n} pages"),
    });
    parts.join("; ")
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
            describe(&info),
            "the PDF's title is “Announcement\\u{001b}[31m”; its creation date is 2023-05-29; it was last modified on 2023-06-01; 3 pages"
        );
        let bare = pdf::Info {
            pages: 1,
            ..pdf::Info::default()
        };
        assert_eq!(describe(&bare), "the PDF has no title of its own; 1 page");
    }
}
