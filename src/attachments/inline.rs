//! How much of its attached PDFs' text a document page holds. A PDF of a
//! thousand pages of text would make a page of megabytes on a reader's
//! phone; the page holds the first pages up to [`PAGE_BUDGET`] bytes, all
//! attachments together, and links the rest: the whole text of each PDF
//! not shown in full, as one plain text file named by the PDF's content.
//! Search still indexes every page; a result on a page not shown lands on
//! the link to the text file (see [`crate::urls::attachment_text_more_anchor`]).

use crate::content::Document;

use super::Extracts;

/// The bytes of PDF text a document page holds at most, all its
/// attachments together (each page shown also counts [`PAGE_OVERHEAD`]).
pub const PAGE_BUDGET: usize = 64 * 1024;
/// What a page of text adds to the document page besides its text: its
/// section, heading and number.
const PAGE_OVERHEAD: usize = 200;

/// For each attachment of `document`, by its place in the list, how many of
/// its first pages the document page shows (all its pages when its text
/// fits). A page is shown whole or not at all, and once one does not fit,
/// no later page of any attachment is shown, so that the pages shown are
/// always the first ones.
pub fn pages_shown(document: &Document, extracts: &Extracts) -> Vec<u32> {
    let mut left = PAGE_BUDGET;
    let mut full = false;
    document
        .attachments
        .iter()
        .map(|attachment| {
            let Some(extract) = extracts.get(attachment).and_then(|r| r.extract()) else {
                return 0;
            };
            let mut shown = 0;
            for text in &extract.text {
                let cost = match text.trim().is_empty() {
                    true => 0,
                    false => text.len() + PAGE_OVERHEAD,
                };
                if full || cost > left {
                    full = true;
                    break;
                }
                left -= cost;
                shown += 1;
            }
            shown
        })
        .collect()
}

/// Whether page `page` (1-based) of an attachment of which `shown` pages
/// are on the document page is among them.
pub fn is_shown(page: u32, shown: u32) -> bool {
    page <= shown
}

/// The first page with text of `pages` that the document page does not
/// show, of which it shows the first `shown`: `None` when it shows all.
pub fn first_hidden(pages: &[String], shown: u32) -> Option<u32> {
    pages
        .iter()
        .zip(1u32..)
        .find(|(text, page)| !text.trim().is_empty() && !is_shown(*page, shown))
        .map(|(_, page)| page)
}

/// The whole text of a PDF as one plain text file: each page after a line
/// with its number, pages apart by a form feed as `pdftotext` writes them.
/// It starts with a byte order mark: a browser opening a `.txt` file served
/// without a charset would otherwise guess one and garble the Khmer.
pub fn text_file(pages: &[String]) -> String {
    let mut out = String::from("\u{feff}");
    for (text, number) in pages.iter().zip(1u32..) {
        if text.trim().is_empty() {
            continue;
        }
        if out.len() > 3 {
            out.push_str("\n\u{c}\n");
        }
        out.push_str(&format!("[{number}]\n\n"));
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_file_numbers_its_pages() {
        let pages = vec!["one".to_string(), " ".to_string(), "ពីរ\n".to_string()];
        assert_eq!(
            text_file(&pages),
            "\u{feff}[1]\n\none\n\n\u{c}\n[3]\n\nពីរ\n"
        );
    }
}
