//! Publishing an index as content-addressed files (see the format in the
//! module documentation of [`crate::search`] and the types of
//! [`super::format`]).

use std::ops::Range;

use rayon::prelude::*;

use super::format::{
    Columns, DisplayFiles, EncodedPostings, Manifest, Meta, PostingsChunk, PostingsFiles,
    FORMAT_VERSION,
};
use super::index::{LanguageIndex, Term};

/// Postings chunks are cut once they pass this many bytes: a query fetches
/// one per term, and the manifest lists them all.
const POSTINGS_CHUNK_BYTES: usize = 48 * 1024;

/// Postings chunks per group, whose files share one hash in the manifest.
const POSTINGS_GROUP_CHUNKS: usize = 64;

/// Documents per display file: a page of results fetches one per result,
/// and an archive's display files are a good part of its file count (a
/// thousand per language at 10,000 documents).
const DISPLAY_FILE_DOCS: usize = 10;

/// Documents per display group: the files of a group are named by one hash
/// of them all, which the manifest lists.
const DISPLAY_GROUP_DOCS: usize = 250;

// A document's row is `doc % size` of its file only if groups hold whole files.
const _: () = assert!(DISPLAY_GROUP_DOCS.is_multiple_of(DISPLAY_FILE_DOCS));

/// Characters of a content hash kept in a file name: 48 bits, plenty for
/// the few thousand files of an index.
const HASH_CHARS: usize = 12;

fn hash(content: &str) -> String {
    blake3::hash(content.as_bytes()).to_hex()[..HASH_CHARS].to_string()
}

/// The [`hash`] of the files joined by line breaks, without joining them.
fn group_hash(files: &[String]) -> String {
    let mut hasher = blake3::Hasher::new();
    for (i, file) in files.iter().enumerate() {
        if i > 0 {
            hasher.update(b"\n");
        }
        hasher.update(file.as_bytes());
    }
    hasher.finalize().to_hex()[..HASH_CHARS].to_string()
}

/// Writes the files of one language's index through `write(name,
/// content)`, the manifest last. Returns the number of files.
pub fn write<E: Send>(
    index: &LanguageIndex,
    write: &(dyn Fn(&str, &str) -> Result<(), E> + Sync),
) -> Result<usize, E> {
    let mut count = 0;
    let chunks = write_postings(index, write, &mut count)?;
    let display = write_display(index, write, &mut count)?;

    let content = serde_json::to_string(&meta(index)).expect("meta serialises");
    let meta = format!("m-{}.json", hash(&content));
    write(&meta, &content)?;
    count += 1;

    let manifest = Manifest {
        version: FORMAT_VERSION,
        lang: index.lang.clone(),
        docs: index.display.len(),
        chunks,
        display,
        meta,
    };
    write(
        "manifest.json",
        &serde_json::to_string(&manifest).expect("manifest serialises"),
    )?;
    Ok(count + 1)
}

/// Writes the postings chunks; returns where they are.
fn write_postings<E: Send>(
    index: &LanguageIndex,
    write: &(dyn Fn(&str, &str) -> Result<(), E> + Sync),
    count: &mut usize,
) -> Result<PostingsFiles, E> {
    let mut terms: Vec<(&Term, Vec<u16>)> = index
        .terms()
        .map(|term| (term, term.text.encode_utf16().collect()))
        .collect();
    // The browser compares strings by UTF-16 code units; so must the ranges.
    terms.par_sort_unstable_by(|a, b| a.1.cmp(&b.1));
    let encoded: Vec<EncodedPostings> = terms
        .par_iter()
        .map(|(term, _)| {
            let idf = index.idf(&term.postings);
            EncodedPostings::encode(
                term.postings.largest_weight * idf,
                term.postings.weights().map(|(doc, w)| (doc, w * idf)),
            )
        })
        .collect();

    let sizes = terms
        .iter()
        .zip(&encoded)
        .map(|((term, _), postings)| term.text.len() + postings.0.len() + 6);
    let (firsts, contents): (Vec<String>, Vec<String>) = chunk_ranges(sizes)
        .par_iter()
        .map(|range| {
            let chunk = PostingsChunk {
                terms: range
                    .clone()
                    .map(|i| (terms[i].0.text.clone(), encoded[i].clone()))
                    .collect(),
            };
            let first = match range.start {
                0 => String::new(),
                start => separator(&terms[start - 1].1, &terms[start].0.text),
            };
            let content = serde_json::to_string(&chunk).expect("postings serialise");
            (first, content)
        })
        .unzip();
    let hashes = write_grouped("p", &contents, POSTINGS_GROUP_CHUNKS, write)?;
    *count += contents.len();
    Ok(PostingsFiles {
        firsts,
        group: POSTINGS_GROUP_CHUNKS,
        hashes,
    })
}

/// Writes `files` in groups of `group` as `<kind>-<hash>-<k>.json`, file
/// `k` of a group whose files together hash to `hash`; returns the groups'
/// hashes. One hash names many files, so the manifest stays short.
fn write_grouped<E: Send>(
    kind: &str,
    files: &[String],
    group: usize,
    write: &(dyn Fn(&str, &str) -> Result<(), E> + Sync),
) -> Result<Vec<String>, E> {
    files
        .par_chunks(group)
        .map(|members| {
            let hash = group_hash(members);
            for (k, content) in members.iter().enumerate() {
                write(&format!("{kind}-{hash}-{k}.json"), content)?;
            }
            Ok(hash)
        })
        .collect()
}

/// Where chunks are cut, given each term's size in its chunk's JSON: the
/// `[start, end)` of each in term order, each passing
/// [`POSTINGS_CHUNK_BYTES`] but the last; one empty chunk when there are no
/// terms.
fn chunk_ranges(sizes: impl ExactSizeIterator<Item = usize>) -> Vec<Range<usize>> {
    let count = sizes.len();
    let mut cuts = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (i, size) in sizes.enumerate() {
        bytes += size;
        if bytes >= POSTINGS_CHUNK_BYTES || i + 1 == count {
            cuts.push(start..i + 1);
            start = i + 1;
            bytes = 0;
        }
    }
    if cuts.is_empty() {
        cuts.push(0..0);
    }
    cuts
}

/// The shortest prefix of `first` (whole characters) that sorts after
/// `previous` (UTF-16 code units), so that the manifest stays short.
fn separator(previous: &[u16], first: &str) -> String {
    let mut units = Vec::new();
    for (at, c) in first.char_indices() {
        let mut buffer = [0; 2];
        units.extend_from_slice(c.encode_utf16(&mut buffer));
        if units.as_slice() > previous {
            return first[..at + c.len_utf8()].to_string();
        }
    }
    first.to_string()
}

fn write_display<E: Send>(
    index: &LanguageIndex,
    write: &(dyn Fn(&str, &str) -> Result<(), E> + Sync),
    count: &mut usize,
) -> Result<DisplayFiles, E> {
    let files: Vec<String> = index
        .display
        .par_chunks(DISPLAY_FILE_DOCS)
        .map(|rows| serde_json::to_string(rows).expect("rows serialise"))
        .collect();
    let hashes = write_grouped("d", &files, DISPLAY_GROUP_DOCS / DISPLAY_FILE_DOCS, write)?;
    *count += files.len();
    Ok(DisplayFiles {
        size: DISPLAY_FILE_DOCS,
        group: DISPLAY_GROUP_DOCS,
        hashes,
    })
}

fn meta(index: &LanguageIndex) -> Meta {
    let facets = &index.facets;
    Meta {
        types: facets.types.clone(),
        organizations: facets.organizations.clone(),
        tags: facets.tags.clone(),
        docs: Columns {
            types: index.meta.iter().map(|row| row.doc_type).collect(),
            organizations: index.meta.iter().map(|row| row.organization).collect(),
            years: index.meta.iter().map(|row| row.year).collect(),
            tags: index.meta.iter().map(|row| row.tags.clone()).collect(),
            entries: index
                .meta
                .iter()
                .scan(0, |previous, row| {
                    Some(row.entry - std::mem::replace(previous, row.entry))
                })
                .collect(),
            sections: index
                .meta
                .iter()
                .enumerate()
                .filter(|(_, row)| row.section)
                .scan(0, |previous, (record, _)| {
                    Some(record - std::mem::replace(previous, record))
                })
                .collect(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str) -> Vec<u16> {
        text.encode_utf16().collect()
    }

    #[test]
    fn chunks_are_cut_once_past_their_size() {
        let one = |range: Range<usize>| vec![range];
        assert_eq!(chunk_ranges([].into_iter()), one(0..0));
        assert_eq!(chunk_ranges([10, 10, 10].into_iter()), one(0..3));
        let half = POSTINGS_CHUNK_BYTES / 2;
        assert_eq!(
            chunk_ranges([half, half, 1, half, 1].into_iter()),
            [0..2, 2..5]
        );
    }

    #[test]
    fn separators_are_the_shortest_prefix_after_the_previous_term() {
        assert_eq!(separator(&utf16("ballot"), "ballots"), "ballots");
        assert_eq!(separator(&utf16("ballot"), "cast"), "c");
        assert_eq!(separator(&utf16("ការ"), "កីឡា"), "កី");
        assert_eq!(separator(&utf16("2023"), "ការ"), "ក");
    }
}
