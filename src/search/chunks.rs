//! Publishing an index as small, content-addressed files (see the format in
//! the module documentation of [`crate::search`]).

use std::fmt::Write as _;

use serde::Serialize;

use super::index::{LanguageIndex, Postings};
use crate::khmer::cluster::is_khmer;

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

pub const FORMAT_VERSION: u32 = 2;

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
pub fn write<E>(
    index: &LanguageIndex,
    write: &mut dyn FnMut(&str, &str) -> Result<(), E>,
) -> Result<usize, E> {
    let mut count = 0;

    let mut terms: Vec<&String> = index.postings.keys().collect();
    // The browser compares strings by UTF-16 code units; so must the ranges.
    terms.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
    // Rows `[first term, file, largest df]` of the current table.
    let mut table: Vec<(String, String, u32)> = Vec::new();
    let mut tables = Vec::new();
    let mut chunk: Vec<&String> = Vec::new();
    let mut bytes = 0;
    let mut max_df = 0;
    for (i, term) in terms.iter().enumerate() {
        let term_postings = &index.postings[*term];
        chunk.push(term);
        // Roughly: doc differences and weights, a handful of characters each.
        bytes += term.len() + 4 + term_postings.df as usize * 10;
        max_df = max_df.max(term_postings.df);
        if bytes >= POSTINGS_CHUNK_BYTES || i + 1 == terms.len() {
            // The first chunk starts at "" so every term falls in a range.
            let first = if table.is_empty() && tables.is_empty() {
                String::new()
            } else {
                chunk[0].clone()
            };
            let file = write_chunk(index, &chunk, write, &mut count)?;
            table.push((first, file, max_df));
            chunk.clear();
            bytes = 0;
            max_df = 0;
        }
        if table.len() == TABLE_CHUNKS || (i + 1 == terms.len() && !table.is_empty()) {
            tables.push(write_table(&mut table, write, &mut count)?);
        }
    }
    if tables.is_empty() {
        let file = write_chunk(index, &[], write, &mut count)?;
        table.push((String::new(), file, 0));
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
    write: &mut dyn FnMut(&str, &str) -> Result<(), E>,
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

/// Writes the positions files of the terms (sorted), then their postings
/// chunk, which names them; returns the chunk's name.
fn write_chunk<E>(
    index: &LanguageIndex,
    terms: &[&String],
    write: &mut dyn FnMut(&str, &str) -> Result<(), E>,
    count: &mut usize,
) -> Result<String, E> {
    let mut text = String::from("{\"t\":{");
    // (doc, term, positions as JSON), in document order then term order.
    let mut positions: Vec<(u32, usize, String)> = Vec::new();
    for (t, term) in terms.iter().enumerate() {
        if t > 0 {
            text.push(',');
        }
        text.push_str(&serde_json::to_string(term).expect("strings serialise"));
        text.push(':');
        let term_postings = &index.postings[*term];
        let idf = index.idf(term_postings);
        write_postings(&mut text, term_postings, idf);
        // Only Khmer phrases are verified (a Latin word is a part by itself).
        if !term.chars().any(is_khmer) {
            continue;
        }
        for posting in term_postings.iter() {
            let mut list = String::new();
            let mut previous = 0;
            for (i, position) in posting.positions.iter().enumerate() {
                if i > 0 {
                    list.push(',');
                }
                write!(list, "{}", position - previous).expect("writing to a String");
                previous = *position;
            }
            positions.push((posting.doc, t, list));
        }
    }
    positions.sort_by_key(|(doc, t, _)| (*doc, *t));

    // Cut into files between documents; all the files' texts together name
    // them, so a file's name changes whenever any of them does.
    let mut files: Vec<(u32, String)> = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for i in 0..positions.len() {
        size += positions[i].2.len() + terms[positions[i].1].len() + 8;
        let last = i + 1 == positions.len() || positions[i + 1].0 != positions[i].0;
        if last && (size >= POSITIONS_FILE_BYTES || i + 1 == positions.len()) {
            files.push((positions[start].0, positions_file(terms, &positions[start..=i])));
            start = i + 1;
            size = 0;
        }
    }
    let group = group_hash(files.iter().map(|(_, c)| c));
    for (i, (_, content)) in files.iter().enumerate() {
        write(&format!("q-{group}-{i}.json"), content)?;
        *count += 1;
    }
    write!(text, "}},\"q\":{{\"h\":\"{group}\",\"f\":[").expect("writing to a String");
    let mut previous = 0;
    for (i, (first, _)) in files.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        write!(text, "{}", first - previous).expect("writing to a String");
        previous = *first;
    }
    text.push_str("]}}");
    let file = name("p", &text);
    write(&file, &text)?;
    *count += 1;
    Ok(file)
}

/// `{"<term>": [[doc, p0, d1, …], …], …}` of entries sorted by document.
fn positions_file(terms: &[&String], entries: &[(u32, usize, String)]) -> String {
    let mut by_term: Vec<&(u32, usize, String)> = entries.iter().collect();
    by_term.sort_by_key(|(doc, t, _)| (*t, *doc));
    let mut out = String::from("{");
    let mut current = usize::MAX;
    for (doc, t, list) in by_term {
        if *t != current {
            if current != usize::MAX {
                out.push_str("],");
            }
            out.push_str(&serde_json::to_string(terms[*t]).expect("strings serialise"));
            out.push_str(":[");
            current = *t;
        } else {
            out.push(',');
        }
        write!(out, "[{doc}").expect("writing to a String");
        if !list.is_empty() {
            out.push(',');
            out.push_str(list);
        }
        out.push(']');
    }
    if current != usize::MAX {
        out.push(']');
    }
    out.push('}');
    out
}

/// `[doc0, weight0, doc1 - doc0, weight1, …]`.
fn write_postings(out: &mut String, postings: &Postings, idf: f32) {
    out.push('[');
    let mut previous = 0;
    for (i, posting) in postings.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        // Four significant digits are plenty to rank by.
        write!(
            out,
            "{},{}",
            posting.doc - previous,
            round(posting.weight * idf)
        )
        .expect("writing to a String");
        previous = posting.doc;
    }
    out.push(']');
}

fn round(weight: f32) -> f32 {
    if weight == 0.0 {
        return 0.0;
    }
    let scale = 10f32.powi(3 - weight.abs().log10().floor() as i32);
    (weight * scale).round() / scale
}
