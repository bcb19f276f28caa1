//! Publishing an index as content-addressed files (see the format in the
//! module documentation of [`crate::search`] and the types of
//! [`super::format`]).

use std::cmp::Ordering;
use std::ops::Range;

use rayon::prelude::*;

use super::format::{
    Columns, DisplayFiles, EncodedPostings, Manifest, Meta, PostingsFiles, FORMAT_VERSION,
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

/// Writes the postings chunks; returns where they are. Each group's files
/// are made, hashed and written together, so that no more than a group
/// per thread is held at once (the postings files of 10,000 documents
/// come to 150 MB).
fn write_postings<E: Send>(
    index: &LanguageIndex,
    write: &(dyn Fn(&str, &str) -> Result<(), E> + Sync),
    count: &mut usize,
) -> Result<PostingsFiles, E> {
    let mut terms: Vec<(&str, &Term)> = index.terms().map(|term| (term.text(), term)).collect();
    // The browser compares strings by UTF-16 code units; so must the ranges.
    terms.par_sort_unstable_by(|a, b| utf16_cmp(a.0, b.0));
    let sizes: Vec<usize> = terms
        .par_iter()
        .map(|(text, term)| {
            let largest = term.postings.largest_weight * index.idf(&term.postings);
            text.len() + EncodedPostings::encoded_len(largest, term.postings.docs()) + 6
        })
        .collect();
    let ranges = chunk_ranges(sizes.into_iter());
    let firsts = ranges
        .iter()
        .map(|range| match range.start {
            0 => String::new(),
            start => separator(terms[start - 1].0, terms[start].0),
        })
        .collect();
    let hashes = write_grouped(
        "p",
        ranges.len(),
        POSTINGS_GROUP_CHUNKS,
        |chunk| postings_chunk(index, &terms[ranges[chunk].clone()]),
        write,
    )?;
    *count += ranges.len();
    Ok(PostingsFiles {
        firsts,
        group: POSTINGS_GROUP_CHUNKS,
        hashes,
    })
}

/// The JSON of a [`PostingsChunk`] of these terms, written as serde_json
/// writes one (keys in the order of their UTF-8 bytes, as a `BTreeMap`
/// keeps them) but without a `String` per term.
fn postings_chunk(index: &LanguageIndex, terms: &[(&str, &Term)]) -> String {
    let mut terms = terms.to_vec();
    // UTF-8's order is UTF-16's but for characters beyond U+FFFF.
    if !terms.is_sorted_by(|a, b| a.0 <= b.0) {
        terms.sort_unstable_by(|a, b| a.0.cmp(b.0));
    }
    let mut out = String::with_capacity(POSTINGS_CHUNK_BYTES * 5 / 4);
    out.push('{');
    for (i, (text, term)) in terms.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(&mut out, text);
        out.push_str(":\"");
        // The encoded postings' characters are never escaped (see DIGITS).
        let idf = index.idf(&term.postings);
        EncodedPostings::encode_into(
            &mut out,
            term.postings.largest_weight * idf,
            index.weights(&term.postings).map(|(doc, w)| (doc, w * idf)),
        );
        out.push('"');
    }
    out.push('}');
    out
}

/// `text` as a JSON string, escaped as serde_json escapes it.
fn push_json_string(out: &mut String, text: &str) {
    if text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        out.push_str(&serde_json::to_string(text).expect("a string serialises"));
    } else {
        out.push('"');
        out.push_str(text);
        out.push('"');
    }
}

/// Compares strings as JavaScript does, by UTF-16 code units, without
/// encoding them: that is the order of their UTF-8 bytes, but for a
/// character beyond U+FFFF (four bytes, led by F0–F4), whose surrogates
/// (D800–DFFF) sort before U+E000–U+FFFF (led by EE or EF).
fn utf16_cmp(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    // Where they first differ: the strings agree before it, so it is in
    // both the first byte of a character, or a later byte of characters
    // that start alike (and so sort alike in both encodings).
    let at = common_prefix(a, b);
    match (a.get(at), b.get(at)) {
        (Some(&x), Some(&y)) => {
            let beyond_bmp = |lead: u8| lead >= 0xF0;
            let high_bmp = |lead: u8| (0xEE..0xF0).contains(&lead);
            if beyond_bmp(x) && high_bmp(y) {
                Ordering::Less
            } else if high_bmp(x) && beyond_bmp(y) {
                Ordering::Greater
            } else {
                x.cmp(&y)
            }
        }
        _ => a.len().cmp(&b.len()),
    }
}

/// The length of the longest common prefix of `a` and `b`, compared eight
/// bytes at a time: sorted terms share long prefixes.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut at = 0;
    while at + 8 <= n {
        let word =
            |bytes: &[u8]| u64::from_be_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
        let differ = word(a) ^ word(b);
        if differ != 0 {
            return at + (differ.leading_zeros() / 8) as usize;
        }
        at += 8;
    }
    while at < n && a[at] == b[at] {
        at += 1;
    }
    at
}

/// Writes `files` files, file `i` made by `make(i)`, in groups of `group`
/// as `<kind>-<hash>-<k>.json`, file `k` of a group whose files together
/// hash to `hash`; returns the groups' hashes. One hash names many files,
/// so the manifest stays short; a group's files are made only when it is
/// written, so that only the groups being written are held.
fn write_grouped<E: Send>(
    kind: &str,
    files: usize,
    group: usize,
    make: impl Fn(usize) -> String + Sync,
    write: &(dyn Fn(&str, &str) -> Result<(), E> + Sync),
) -> Result<Vec<String>, E> {
    (0..files.div_ceil(group))
        .into_par_iter()
        .map(|g| {
            let members: Vec<String> = (g * group..files.min((g + 1) * group)).map(&make).collect();
            let hash = group_hash(&members);
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
fn separator(previous: &str, first: &str) -> String {
    for (at, c) in first.char_indices() {
        let prefix = &first[..at + c.len_utf8()];
        if utf16_cmp(prefix, previous) == Ordering::Greater {
            return prefix.to_string();
        }
    }
    first.to_string()
}

fn write_display<E: Send>(
    index: &LanguageIndex,
    write: &(dyn Fn(&str, &str) -> Result<(), E> + Sync),
    count: &mut usize,
) -> Result<DisplayFiles, E> {
    let files = index.display.len().div_ceil(DISPLAY_FILE_DOCS);
    let hashes = write_grouped(
        "d",
        files,
        DISPLAY_GROUP_DOCS / DISPLAY_FILE_DOCS,
        |file| {
            let start = file * DISPLAY_FILE_DOCS;
            let rows = &index.display[start..index.display.len().min(start + DISPLAY_FILE_DOCS)];
            serde_json::to_string(rows).expect("rows serialise")
        },
        write,
    )?;
    *count += files;
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
    use super::super::format::PostingsChunk;
    use super::*;

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
    fn strings_compare_by_utf16_code_units() {
        let texts = [
            "ការបោះឆ្នោត",
            "ការបោះឆ្នោ",
            "ការបោះឆ្នោ\u{1F600}",
            "ការបោះឆ្នោ\u{FFFD}",
            "abcdefgh\u{E000}",
            "abcdefgh\u{10000}",
            "abcdefghi",
            "abcdefghijklmnop",
            "abcdefghijklmnoq",
            "abcdefghijklmnopq",
            "~ការបោះឆ្នោតជ្រើសតាំង",
            "~ការបោះឆ្នោតជ្រើសរើស",
            "ការបោះឆ្នោតជ្រើសតាំង\u{1F600}",
            "",
            "a",
            "ab",
            "b",
            "ក",
            "កា",
            "ការ",
            "\u{E000}",
            "\u{FFFD}",
            "\u{FFFF}x",
            "\u{10000}",
            "\u{1F600}",
            "\u{1F600}a",
            "\u{1F601}",
            "~ការ",
            "#២០",
        ];
        for a in texts {
            for b in texts {
                let units = |t: &str| t.encode_utf16().collect::<Vec<u16>>();
                assert_eq!(utf16_cmp(a, b), units(a).cmp(&units(b)), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn terms_are_escaped_as_serde_json_escapes_them() {
        let mut postings = PostingsChunk::default();
        postings
            .terms
            .insert("a\"b".into(), EncodedPostings("1:11".into()));
        postings
            .terms
            .insert("\u{E000}".into(), EncodedPostings("1:11".into()));
        postings
            .terms
            .insert("\u{1F600}".into(), EncodedPostings("1:11".into()));
        let mut out = String::from("{");
        for (i, key) in postings.terms.keys().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_json_string(&mut out, key);
            out.push_str(":\"1:11\"");
        }
        out.push('}');
        assert_eq!(out, serde_json::to_string(&postings).unwrap());
    }

    #[test]
    fn separators_are_the_shortest_prefix_after_the_previous_term() {
        assert_eq!(separator("ballot", "ballots"), "ballots");
        assert_eq!(separator("ballot", "cast"), "c");
        assert_eq!(separator("ការ", "កីឡា"), "កី");
        assert_eq!(separator("2023", "ការ"), "ក");
    }
}
