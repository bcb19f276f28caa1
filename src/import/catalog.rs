//! Reading a catalogue: a CSV file with a header line naming its columns
//! and one row per document. Every problem of the header and of each row's
//! shape is collected with its line, so that one run reports them all.

use std::path::{Path, PathBuf};

use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics, Message};
use crate::lines;

/// The columns a catalogue may have; each is a front-matter field of the
/// README's "Front matter" section, or says where the document goes.
pub const COLUMNS: &[&str] = &[
    "section",
    "slug",
    "lang",
    "title",
    "date",
    "type",
    "organization",
    "tags",
    "summary",
    "source",
    "attachments",
    "attachment_title",
    "attachment_lang",
    "draft",
    "translation_draft",
    "body",
];

/// Columns without which no row could make a document.
const REQUIRED: &[&str] = &["section", "title", "date", "type"];

/// A catalogue's rows, with the path it was read from as messages name it.
#[derive(Debug)]
pub struct Catalog {
    pub path: PathBuf,
    pub rows: Vec<Row>,
}

/// One row: its 1-based line in the file (where a cell holding line breaks
/// starts it) and its cells by column name, trimmed except the body.
#[derive(Debug)]
pub struct Row {
    pub line: usize,
    cells: Vec<(&'static str, String)>,
}

impl Row {
    /// The cell of `column`; empty when the catalogue has no such column.
    pub fn get(&self, column: &str) -> &str {
        self.cells
            .iter()
            .find(|(c, _)| *c == column)
            .map_or("", |(_, v)| v.as_str())
    }

    pub fn cells(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.cells.iter().map(|(c, v)| (*c, v.as_str()))
    }
}

/// Reads the catalogue at `path`: its rows, or every problem of its header
/// and rows' shape (a row with a cell too many, text that is not UTF-8).
pub fn read(path: &Path) -> Result<Catalog, Diagnostics> {
    let fail = |d: Diagnostic| Err(Diagnostics::from_iter([d]));
    let text = read_text(path).map_err(|d| Diagnostics::from_iter([d]))?;
    // Spreadsheets often start a UTF-8 CSV with a byte-order mark.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = match reader.headers() {
        Ok(header) => header.clone(),
        Err(e) => {
            return fail(
                Diagnostic::error(
                    path,
                    Message::CsvHeader {
                        detail: e.to_string(),
                    },
                )
                .at(1, 0),
            )
        }
    };
    let mut problems = Diagnostics::default();
    let columns = columns(path, &header, &mut problems);
    if problems.has_errors() {
        return Err(problems);
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(text, p.byte()));
                problems.push(
                    Diagnostic::error(
                        path,
                        Message::CsvRow {
                            detail: e.to_string(),
                        },
                    )
                    .at(line, 0),
                );
                continue;
            }
        };
        let line = record.position().map_or(0, |p| line_at(text, p.byte()));
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue; // an empty line of the spreadsheet
        }
        if record.len() != columns.len() {
            problems.push(
                Diagnostic::error(
                    path,
                    Message::CsvCells {
                        cells: record.len(),
                        header: columns.len(),
                    },
                )
                .at(line, 0)
                .hint(Message::CsvQuoting),
            );
            continue;
        }
        let cells = columns
            .iter()
            .zip(record.iter())
            .map(|(column, cell)| {
                let cell = if *column == "body" { cell } else { cell.trim() };
                (*column, cell.to_string())
            })
            .collect();
        rows.push(Row { line, cells });
    }
    if rows.is_empty() && !problems.has_errors() {
        problems.push(Diagnostic::error(path, Message::CsvNoRows).at(1, 0));
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(Catalog {
        path: path.to_path_buf(),
        rows,
    })
}

/// The catalogue's text, or why it cannot be had.
fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(
            path,
            Message::CsvCannotRead {
                detail: e.to_string(),
            },
        )
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = std::str::from_utf8(&e.as_bytes()[..valid]).expect("valid up to here");
        let (line, column) = lines::locate(prefix, valid);
        Diagnostic::error(path, Message::CsvNotUtf8)
            .at(line, column)
            .hint(Message::SaveCsvUtf8)
    })
}

/// The 1-based line on which the record the csv crate places at byte
/// `offset` starts. Its own line numbers skip blank lines and miscount CRLF
/// files, and its offset is that of the previous record's line ending (or
/// of blank lines after it), so the record starts past those.
fn line_at(text: &str, offset: u64) -> usize {
    let offset = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(text.len());
    let start = text[offset..]
        .find(|c| c != '\r' && c != '\n')
        .map_or(text.len(), |i| offset + i);
    text.as_bytes()[..start]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The header's columns, each known and named once.
fn columns(
    path: &Path,
    header: &csv::StringRecord,
    problems: &mut Diagnostics,
) -> Vec<&'static str> {
    let mut columns = Vec::new();
    for name in header.iter().map(str::trim) {
        match COLUMNS.iter().find(|c| **c == name) {
            Some(column) if columns.contains(column) => problems.push(
                Diagnostic::error(path, Message::ColumnTwice { name: name.into() })
                    .at(1, 0)
                    .field(name),
            ),
            Some(column) => columns.push(*column),
            None => {
                let hint =
                    did_you_mean(name, COLUMNS.iter().copied()).unwrap_or(Message::ColumnsAre {
                        columns: COLUMNS.join(", "),
                    });
                problems.push(
                    Diagnostic::error(path, Message::UnknownColumn { name: name.into() })
                        .at(1, 0)
                        .field(name)
                        .hint(hint),
                );
            }
        }
    }
    for required in REQUIRED {
        if !columns.contains(required) {
            problems.push(
                Diagnostic::error(
                    path,
                    Message::NoColumn {
                        name: required.to_string(),
                    },
                )
                .at(1, 0)
                .hint(Message::RequiredColumns {
                    columns: REQUIRED.join(", "),
                }),
            );
        }
    }
    columns
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> Result<Catalog, Vec<Diagnostic>> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.csv");
        std::fs::write(&path, text).unwrap();
        read(&path).map_err(Diagnostics::sorted)
    }

    #[test]
    fn rows_keep_their_lines_across_cells_with_line_breaks() {
        let catalog = read_text("\u{FEFF}section,title,date,type,body\nnotes, A ,2023,report,\"one\ntwo\"\n\nnotes,B,2023-05,report, kept \n").unwrap();
        let found: Vec<(usize, &str, &str)> = catalog
            .rows
            .iter()
            .map(|r| (r.line, r.get("title"), r.get("body")))
            .collect();
        assert_eq!(found, [(2, "A", "one\ntwo"), (5, "B", " kept ")]);
        assert_eq!(
            catalog.rows[0].get("slug"),
            "",
            "a column not there is empty"
        );
    }

    #[test]
    fn lines_are_counted_in_crlf_files_and_across_blank_lines() {
        let catalog = read_text("section,title,date,type\r\nnotes,A,2023,report\r\n\r\n\r\nnotes,\"B\r\nC\",2023,report\r\nnotes,D,2023,report\r\n").unwrap();
        let lines: Vec<usize> = catalog.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 5, 7]);
    }

    #[test]
    fn header_problems_are_all_reported() {
        let problems = read_text("section,titel,date,date\nnotes,A,2023,2023\n").unwrap_err();
        let messages: Vec<String> = problems.iter().map(|d| d.message.en()).collect();
        assert_eq!(
            messages,
            [
                "the catalogue has no `title` column",
                "the catalogue has no `type` column",
                "the column `date` is named twice",
                "unknown column `titel`",
            ]
        );
        assert_eq!(
            problems[3].hint.as_ref().map(|h| h.en()).as_deref(),
            Some("did you mean `title`?")
        );
    }

    #[test]
    fn a_row_of_the_wrong_length_is_named_by_its_line() {
        let problems =
            read_text("section,title,date,type\nnotes,A,2023,report\nnotes,B, 2023,report,extra\n")
                .unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 3);
        assert_eq!(problems[0].message, "the row has 5 cells, the header 4");
    }
}
