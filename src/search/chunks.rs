//! Publishing an index as small, content-addressed files (see the format in
//! the module documentation of [`crate::search`]).

use std::fmt::Write as _;
use std::ops::Range;

use rayon::prelude::*;
use serde::Serialize;

use super::index::{keeps_positions, LanguageIndex, Postings, Term};

/// Postings chunks are cut once they pass this many bytes of JSON: tens of
/// KB, a few after compression. Postings carry no positions, so a chunk
/// covers many terms and the manifest stays short.
const POSTINGS_CHUNK_BYTES: usize = 32 * 1024;

/// Positions files are cut (between documents) once they pass this many
/// bytes of JSON: verifying a phrase in one document fetches about this
/// much per term, whatever the term's frequency.
const POSITIONS_FILE_BYTES: usize = 4 * 1024;

/// Postings chunks per table: the manifest lists tables, which list chunks,
/// so neither grows long.
const TABLE_CHUNKS: usize = 64;

/// Documents per display file: a page of results fetches little it does not
/// show.
const DISPLAY_FILE_DOCS: usize = 4;

/// Documents per display group: the files of a group are named by one hash
/// of them all, which the manifest lists.
const DISPLAY_GROUP_DOCS: usize = 256;

/// Postings chunks rendered in parallel before they are written: enough to
/// keep the cores busy, few enough that their text stays small.
const RENDER_BATCH: usize = 8;

pub const FORMAT_VERSION: u32 = 4;

#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    lang: &'a str,
    docs: usize,
    /// `[first term, table file]`.
    postings: Vec<(String, String)>,
    display: Display,
    meta: String,
}

#[derive(Serialize)]
struct Display {
    size: usize,
    group: usize,
    hashes: Vec<String>,
}

#[derive(Serialize)]
struct Meta<'a> {
    types: &'a [(String, String)],
    organizations: &'a [(String, String)],
    tags: &'a [(String, String)],
    docs: Columns,
}

/// The documents' filter data by column, which compresses better.
#[derive(Serialize)]
struct Columns {
    types: Vec<usize>,
    organizations: Vec<i64>,
    years: Vec<u16>,
    tags: Vec<Vec<usize>>,
    /// Archive entries, as differences from the previous document's (they
    /// only grow, so this is a run of small numbers).
    entries: Vec<usize>,
}

fn name(prefix: &str, content: &str) -> String {
    format!(
        "{prefix}-{}.json",
        &blake3::hash(content.as_bytes()).to_hex()[..12]
    )
}

/// Writes the files of one language's index through `write(name,
/// content)`, a postings chunk and its positions at a time (an archive's
/// index does not fit comfortably in memory as text), the manifest last.
/// Returns the number of files.
pub fn write<E: Send>(
    index: &LanguageIndex,
    write: &(dyn Fn(&str, &str) -> Result<(), E> + Sync),
) -> Result<usize, E> {
    let mut count = 0;

    let mut terms: Vec<&Term> = index.terms().collect();
    // The browser compares strings by UTF-16 code units; so must the ranges.
    terms.par_sort_unstable_by(|a, b| a.text.encode_utf16().cmp(b.text.encode_utf16()));
    // Cut the terms into chunks: [start, end) in `terms`, largest df.
    let mut cuts: Vec<(usize, usize, u32)> = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    let mut max_df = 0;
    for (i, term) in terms.iter().enumerate() {
        let df = term.postings.df;
        // Roughly: doc differences and weights, a handful of characters each.
        bytes += term.text.len() + 4 + df as usize * 10;
        max_df = max_df.max(df);
        if bytes >= POSTINGS_CHUNK_BYTES || i + 1 == terms.len() {
            cuts.push((start, i + 1, max_df));
            start = i + 1;
            bytes = 0;
            max_df = 0;
        }
    }
    if cuts.is_empty() {
        cuts.push((0, 0, 0));
    }

    // Rows `[first term, file, largest df]` of the current table.
    let mut table: Vec<(String, String, u32)> = Vec::new();
    let mut tables = Vec::new();
    // A few chunks at a time are rendered and written in parallel; the
    // tables, which list them in order, are filled after each batch.
    for batch in cuts.chunks(RENDER_BATCH) {
        let written: Vec<(String, usize)> = batch
            .par_iter()
            .map(|&(start, end, _)| {
                let chunk = render_chunk(index, &terms[start..end]);
                for (name, content) in &chunk.files {
                    write(name, content)?;
                }
                let file = name("p", &chunk.postings);
                write(&file, &chunk.postings)?;
                Ok((file, chunk.files.len() + 1))
            })
            .collect::<Result<_, E>>()?;
        for (&(start, _, max_df), (file, files)) in batch.iter().zip(written) {
            count += files;
            // The first chunk starts at "" so every term falls in a range.
            let first = if table.is_empty() && tables.is_empty() {
                String::new()
            } else {
                terms[start].text.clone()
            };
            table.push((first, file, max_df));
            if table.len() == TABLE_CHUNKS {
                tables.push(write_table(&mut table, write, &mut count)?);
            }
        }
    }
    if !table.is_empty() {
        tables.push(write_table(&mut table, write, &mut count)?);
    }

    let mut hashes = Vec::new();
    for group in index.display.chunks(DISPLAY_GROUP_DOCS) {
        let files: Vec<String> = group
            .chunks(DISPLAY_FILE_DOCS)
            .map(|rows| serde_json::to_string(rows).expect("rows serialise"))
            .collect();
        let hash = group_hash(&files);
        for (k, content) in files.iter().enumerate() {
            write(&format!("d-{hash}-{k}.json"), content)?;
            count += 1;
        }
        hashes.push(hash);
    }

    let [(_, types), (_, organizations), (_, tags)] = &index.facets;
    let meta = Meta {
        types,
        organizations,
        tags,
        docs: Columns {
            types: index.meta.iter().map(|row| row.0).collect(),
            organizations: index.meta.iter().map(|row| row.1).collect(),
            years: index.meta.iter().map(|row| row.2).collect(),
            tags: index.meta.iter().map(|row| row.3.clone()).collect(),
            entries: index
                .meta
                .iter()
                .scan(0, |previous, row| {
                    Some(row.4 - std::mem::replace(previous, row.4))
                })
                .collect(),
        },
    };
    let content = serde_json::to_string(&meta).expect("meta serialises");
    let meta = name("m", &content);
    write(&meta, &content)?;
    count += 1;

    let manifest = Manifest {
        version: FORMAT_VERSION,
        lang: &index.lang,
        docs: index.display.len(),
        postings: tables,
        display: Display {
            size: DISPLAY_FILE_DOCS,
            group: DISPLAY_GROUP_DOCS,
            hashes,
        },
        meta,
    };
    write(
        "manifest.json",
        &serde_json::to_string(&manifest).expect("manifest serialises"),
    )?;
    Ok(count + 1)
}

/// Writes a table of postings chunks, emptying it; returns `[first term,
/// file]` for the manifest.
fn write_table<E>(
    table: &mut Vec<(String, String, u32)>,
    write: &(dyn Fn(&str, &str) -> Result<(), E> + Sync),
    count: &mut usize,
) -> Result<(String, String), E> {
    let content = serde_json::to_string(&table).expect("table serialises");
    let file = name("t", &content);
    write(&file, &content)?;
    *count += 1;
    let first = std::mem::take(table).swap_remove(0).0;
    Ok((first, file))
}

/// A hash of several files' texts, naming them all.
fn group_hash<'a>(files: impl IntoIterator<Item = &'a String>) -> String {
    let mut hasher = blake3::Hasher::new();
    for content in files {
        hasher.update(content.as_bytes());
        hasher.update(b"\n");
    }
    hasher.finalize().to_hex()[..12].to_string()
}

/// A postings chunk's text and its positions files (name, content).
struct Rendered {
    postings: String,
    files: Vec<(String, String)>,
}

/// Renders the postings chunk of the terms (sorted) and the positions files
/// it names.
fn render_chunk(index: &LanguageIndex, terms: &[&Term]) -> Rendered {
    let mut text = String::with_capacity(2 * POSTINGS_CHUNK_BYTES);
    text.push_str("{\"t\":{");
    // Positions as JSON, all in one buffer; per entry, its term and range
    // there, in term order then document order.
    let mut buffer = String::new();
    let mut entries: Vec<(usize, u32, Range<usize>)> = Vec::new();
    // Per entry `document << 32 | entry number`: sorted, they list the
    // entries in document order, the order files are cut in.
    let mut by_doc: Vec<u64> = Vec::new();
    for (t, term) in terms.iter().enumerate() {
        if t > 0 {
            text.push(',');
        }
        push_string(&mut text, &term.text);
        text.push(':');
        let idf = index.idf(&term.postings);
        write_postings(&mut text, &term.postings, idf);
        if !keeps_positions(&term.text) {
            continue;
        }
        for entry in term.postings.entries() {
            let from = buffer.len();
            for (i, delta) in entry.position_deltas().enumerate() {
                if i > 0 {
                    buffer.push(',');
                }
                push_number(&mut buffer, delta);
            }
            by_doc.push(u64::from(entry.doc) << 32 | entries.len() as u64);
            entries.push((t, entry.doc, from..buffer.len()));
        }
    }
    by_doc.sort_unstable();
    let doc_of = |key: u64| (key >> 32) as u32;

    // Cut into files between documents; all the files' texts together name
    // them, so a file's name changes whenever any of them does.
    let mut files: Vec<(u32, String)> = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for i in 0..by_doc.len() {
        // An entry adds its positions and about six characters: brackets,
        // commas and its document, a small difference.
        size += entries[by_doc[i] as u32 as usize].2.len() + 6;
        let last = i + 1 == by_doc.len() || doc_of(by_doc[i + 1]) != doc_of(by_doc[i]);
        if last && (size >= POSITIONS_FILE_BYTES || i + 1 == by_doc.len()) {
            files.push((
                doc_of(by_doc[start]),
                positions_file(terms, &buffer, &entries, &by_doc[start..=i]),
            ));
            start = i + 1;
            size = 0;
        }
    }
    let group = group_hash(files.iter().map(|(_, c)| c));
    write!(text, "}},\"q\":{{\"h\":\"{group}\",\"f\":[").expect("writing to a String");
    let mut previous = 0;
    for (i, (first, _)) in files.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        push_number(&mut text, first - previous);
        previous = *first;
    }
    text.push_str("]}}");
    Rendered {
        postings: text,
        files: files
            .into_iter()
            .enumerate()
            .map(|(i, (_, content))| (format!("q-{group}-{i}.json"), content))
            .collect(),
    }
}

/// `{"<term>": [[Δdoc, p0, d1, …], …], …}` of the entries whose keys
/// (`document << 32 | entry number`) are `keys`, sorted.
fn positions_file(
    terms: &[&Term],
    buffer: &str,
    entries: &[(usize, u32, Range<usize>)],
    keys: &[u64],
) -> String {
    // Entries are numbered in term order, then document order.
    let mut numbers: Vec<u32> = keys.iter().map(|&key| key as u32).collect();
    numbers.sort_unstable();
    let first_doc = (keys[0] >> 32) as u32;
    let mut out = String::with_capacity(POSITIONS_FILE_BYTES + POSITIONS_FILE_BYTES / 2);
    out.push('{');
    let mut current = usize::MAX;
    let mut previous_doc = first_doc;
    for number in numbers {
        let (t, doc, list) = &entries[number as usize];
        if *t != current {
            if current != usize::MAX {
                out.push_str("],");
            }
            push_string(&mut out, &terms[*t].text);
            out.push_str(":[");
            current = *t;
            previous_doc = first_doc;
        } else {
            out.push(',');
        }
        out.push('[');
        push_number(&mut out, doc - previous_doc);
        previous_doc = *doc;
        if !list.is_empty() {
            out.push(',');
            out.push_str(&buffer[list.clone()]);
        }
        out.push(']');
    }
    if current != usize::MAX {
        out.push(']');
    }
    out.push('}');
    out
}

/// Published weights are whole numbers of a unit chosen per term, so that
/// the term's largest weight is this many units: three digits are plenty to
/// rank by, and take half the characters of a decimal fraction.
const WEIGHT_STEPS: f32 = 999.0;

/// `[unit, doc0, steps0, doc1 - doc0, steps1, …]`: document `doc_i` has the
/// weight `steps_i × unit`.
fn write_postings(out: &mut String, postings: &Postings, idf: f32) {
    let unit = round(postings.largest_weight * idf / WEIGHT_STEPS).max(f32::MIN_POSITIVE);
    out.push('[');
    out.push_str(ryu::Buffer::new().format_finite(unit));
    let mut previous = 0;
    for (doc, weight) in postings.weights() {
        out.push(',');
        push_number(out, doc - previous);
        out.push(',');
        // Every posting keeps a weight: a document that holds the term
        // ranks above one that does not.
        push_number(out, ((weight * idf / unit).round() as u32).max(1));
        previous = doc;
    }
    out.push(']');
}

/// `text` as a JSON string. Terms are letters and digits, which JSON takes
/// as they are; anything else goes through serde_json.
fn push_string(out: &mut String, text: &str) {
    if text.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20) {
        out.push_str(&serde_json::to_string(text).expect("strings serialise"));
    } else {
        out.push('"');
        out.push_str(text);
        out.push('"');
    }
}

/// Index files are mostly numbers; `itoa` writes them several times faster
/// than `fmt`.
fn push_number(out: &mut String, n: u32) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// `weight` to four significant digits.
fn round(weight: f32) -> f32 {
    if weight == 0.0 {
        return 0.0;
    }
    let scale = 10f32.powi(3 - weight.abs().log10().floor() as i32);
    (weight * scale).round() / scale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_written_as_serde_json_writes_them() {
        for text in [
            "ការបោះ",
            "ballot",
            "2018",
            "a\"b",
            "back\\slash",
            "tab\there",
            "",
        ] {
            let mut out = String::new();
            push_string(&mut out, text);
            assert_eq!(out, serde_json::to_string(text).unwrap(), "{text:?}");
        }
    }
}
