//! Publishing an index as small, content-addressed files (see the format in
//! the module documentation of [`crate::search`]).

use std::fmt::Write as _;

use serde::Serialize;

use super::index::{LanguageIndex, Postings};

/// Postings chunks are cut once they pass this many bytes of JSON: tens of
/// KB, a few after compression.
const POSTINGS_CHUNK_BYTES: usize = 24 * 1024;

/// Documents per display chunk: a page of results touches few chunks and
/// fetches little it does not show.
const DISPLAY_CHUNK_DOCS: usize = 16;

pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    lang: &'a str,
    docs: usize,
    postings: Vec<ChunkRef<String>>,
    display: Vec<ChunkRef<usize>>,
    meta: String,
}

#[derive(Serialize)]
struct ChunkRef<T> {
    first: T,
    file: String,
}

#[derive(Serialize)]
struct Meta<'a> {
    types: &'a [(String, String)],
    organizations: &'a [(String, String)],
    tags: &'a [(String, String)],
    docs: &'a [super::index::MetaRow],
}

/// Writes the files of one language's index through `write(name,
/// content)`, one at a time (an archive's index does not fit comfortably
/// in memory as text), the manifest last. Returns the number of files.
pub fn write<E>(
    index: &LanguageIndex,
    write: &mut dyn FnMut(&str, &str) -> Result<(), E>,
) -> Result<usize, E> {
    let mut count = 0;
    let mut publish = |prefix: &str, content: String| -> Result<String, E> {
        let name = format!(
            "{prefix}-{}.json",
            &blake3::hash(content.as_bytes()).to_hex()[..12]
        );
        write(&name, &content)?;
        count += 1;
        Ok(name)
    };

    let mut terms: Vec<&String> = index.postings.keys().collect();
    // The browser compares strings by UTF-16 code units; so must the ranges.
    terms.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
    let mut postings = Vec::new();
    let mut chunk = String::new();
    // The first chunk starts at "" so every term falls in a range.
    let mut first = String::new();
    for term in terms {
        if chunk.len() >= POSTINGS_CHUNK_BYTES {
            let file = publish("p", close(&mut chunk))?;
            postings.push(ChunkRef {
                first: std::mem::take(&mut first),
                file,
            });
            first = term.clone();
        }
        chunk.push(if chunk.is_empty() { '{' } else { ',' });
        chunk.push_str(&serde_json::to_string(term).expect("strings serialise"));
        chunk.push(':');
        let term_postings = &index.postings[term];
        write_postings(&mut chunk, term_postings, index.idf(term_postings));
    }
    if chunk.is_empty() {
        chunk.push('{');
    }
    let file = publish("p", close(&mut chunk))?;
    postings.push(ChunkRef { first, file });

    let mut display = Vec::new();
    for (i, rows) in index.display.chunks(DISPLAY_CHUNK_DOCS).enumerate() {
        let file = publish("d", serde_json::to_string(rows).expect("rows serialise"))?;
        display.push(ChunkRef {
            first: i * DISPLAY_CHUNK_DOCS,
            file,
        });
    }

    let [(_, types), (_, organizations), (_, tags)] = &index.facets;
    let meta = Meta {
        types,
        organizations,
        tags,
        docs: &index.meta,
    };
    let meta = publish("m", serde_json::to_string(&meta).expect("meta serialises"))?;

    let manifest = Manifest {
        version: FORMAT_VERSION,
        lang: &index.lang,
        docs: index.display.len(),
        postings,
        display,
        meta,
    };
    write(
        "manifest.json",
        &serde_json::to_string(&manifest).expect("manifest serialises"),
    )?;
    Ok(count + 1)
}

fn close(chunk: &mut String) -> String {
    chunk.push('}');
    std::mem::take(chunk)
}

/// `[[doc, weight, p0, d1, …], …]`, positions delta-encoded.
fn write_postings(out: &mut String, postings: &Postings, idf: f32) {
    out.push('[');
    for (i, posting) in postings.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        // Four significant digits are plenty to rank by.
        write!(out, "[{},{}", posting.doc, round(posting.weight * idf))
            .expect("writing to a String");
        let mut previous = 0;
        for position in &posting.positions {
            write!(out, ",{}", position - previous).expect("writing to a String");
            previous = *position;
        }
        out.push(']');
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
