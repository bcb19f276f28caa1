//! The published index files, one type per kind (see the format in the
//! module documentation of [`crate::search`]). The browser's decoder of
//! each is in `themes/default/static/js/search-engine.js`; short names are
//! only on the wire.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// 7: the records of a long document's sections, and the meta column
/// `sections` naming them (they show where the words are, and do not rank).
pub const FORMAT_VERSION: u32 = 7;

/// `manifest.json`, the one file not named by its content: where
/// everything else is.
#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    pub lang: String,
    pub docs: usize,
    pub chunks: PostingsFiles,
    pub display: DisplayFiles,
    /// The name of the [`Meta`] file.
    pub meta: String,
}

/// The postings chunks, in term order. Chunk `i` holds the terms from
/// `firsts[i]` (included) to `firsts[i + 1]` (excluded), compared as
/// JavaScript compares strings (UTF-16 code units); `firsts[i]` is the
/// shortest prefix of the chunk's first term that sorts after the previous
/// chunk's last term, and the first chunk's is "". Its file is
/// `p-<hashes[i / group]>-<i % group>.json`: the files of `group`
/// consecutive chunks share one hash of them all, because a manifest
/// listing a hash per chunk would be mostly hashes, which do not compress.
#[derive(Debug, Serialize, Deserialize)]
pub struct PostingsFiles {
    #[serde(rename = "f")]
    pub firsts: Vec<String>,
    pub group: usize,
    pub hashes: Vec<String>,
}

impl PostingsFiles {
    pub fn file(&self, chunk: usize) -> String {
        let hash = &self.hashes[chunk / self.group];
        format!("p-{hash}-{}.json", chunk % self.group)
    }
}

/// Where display rows are: file `d-<hashes[g]>-<k>.json` holds the rows of
/// documents `g × group + k × size ..` (`size` of them), so that the files
/// of a group of `group` documents share one hash of them all.
#[derive(Debug, Serialize, Deserialize)]
pub struct DisplayFiles {
    pub size: usize,
    pub group: usize,
    pub hashes: Vec<String>,
}

/// `p-<hash>-<k>.json`: each term of a chunk with its postings.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PostingsChunk {
    pub terms: BTreeMap<String, EncodedPostings>,
}

/// A term's postings as text: `<unit>:<digits>`, where the digits give, per
/// document holding the term, its id as a difference from the previous one
/// (the first from 0), then its score for the term as a whole number of
/// `unit`, from 1 to [`WEIGHT_LEVELS`]. The score is elasticlunr's, idf
/// included: `idf × Σ_field boost × √tf / √field_length`, `idf = 1 + ln(N /
/// (df + 1))`. Numbers are written in base 32 with the digits of
/// [`DIGITS`], most significant first: the first 32 end a number, the last
/// 32 are followed by more digits. A document that follows the one before
/// it and has a middling score thus takes two characters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EncodedPostings(pub String);

/// The digits of [`EncodedPostings`]: safe in JSON strings and URLs alike.
pub const DIGITS: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_";

/// The largest score a posting is given, in units of its term's.
pub const WEIGHT_LEVELS: u32 = 31;

impl EncodedPostings {
    /// `(document, score)` pairs, in document order, the largest score
    /// being `largest`.
    pub fn encode(largest: f32, postings: impl Iterator<Item = (u32, f32)>) -> EncodedPostings {
        let mut text = String::new();
        Self::encode_into(&mut text, largest, postings);
        EncodedPostings(text)
    }

    /// [`encode`](Self::encode), appended to `out`: a chunk's file is
    /// written in one string rather than a string per term.
    pub fn encode_into(out: &mut String, largest: f32, postings: impl Iterator<Item = (u32, f32)>) {
        let unit = unit(largest);
        out.push_str(ryu::Buffer::new().format_finite(unit));
        out.push(':');
        let mut previous = 0;
        for (doc, weight) in postings {
            push_digits(out, doc - previous);
            // Every posting keeps a score: a document holding the term
            // ranks above one that does not.
            let level = ((weight / unit).round() as u32).clamp(1, WEIGHT_LEVELS);
            push_digits(out, level);
            previous = doc;
        }
    }

    /// The length of [`encode`](Self::encode)'s text for postings of
    /// these documents, in order, the largest score being `largest`,
    /// without encoding them: a score is always one digit.
    pub fn encoded_len(largest: f32, docs: impl Iterator<Item = u32>) -> usize {
        const _: () = assert!(WEIGHT_LEVELS < 32, "a score is one digit");
        let mut len = ryu::Buffer::new().format_finite(unit(largest)).len() + 1;
        let mut previous = 0;
        for doc in docs {
            len += digit_count(doc - previous) + 1;
            previous = doc;
        }
        len
    }

    /// `(document, score)` pairs; `None` when the text is not of this format.
    pub fn decode(&self) -> Option<Vec<(u32, f32)>> {
        let (unit, digits) = self.0.split_once(':')?;
        let unit: f32 = unit.parse().ok()?;
        let mut numbers = Vec::new();
        let mut value = 0u32;
        for byte in digits.bytes() {
            let digit = DIGITS.iter().position(|&d| d == byte)? as u32;
            value = value.checked_mul(32)? + (digit & 31);
            if digit < 32 {
                numbers.push(value);
                value = 0;
            }
        }
        if value != 0 || numbers.len() % 2 != 0 {
            return None;
        }
        let mut doc = 0;
        Some(
            numbers
                .chunks(2)
                .map(|pair| {
                    doc += pair[0];
                    (doc, pair[1] as f32 * unit)
                })
                .collect(),
        )
    }
}

/// The score a posting's level counts in, for a term whose largest score
/// is `largest`.
fn unit(largest: f32) -> f32 {
    round(largest / WEIGHT_LEVELS as f32).max(f32::MIN_POSITIVE)
}

/// The number of digits [`push_digits`] writes for `value`.
fn digit_count(value: u32) -> usize {
    let bits = (u32::BITS - value.leading_zeros()).max(1) as usize;
    bits.div_ceil(5)
}

/// `value` in base 32, most significant digit first.
fn push_digits(out: &mut String, value: u32) {
    let mut shift = 0;
    while value >> (shift + 5) != 0 {
        shift += 5;
    }
    while shift > 0 {
        out.push(DIGITS[32 + ((value >> shift) & 31) as usize] as char);
        shift -= 5;
    }
    out.push(DIGITS[(value & 31) as usize] as char);
}

/// `weight` to four significant digits.
fn round(weight: f32) -> f32 {
    if weight == 0.0 {
        return 0.0;
    }
    let scale = 10f32.powi(3 - weight.abs().log10().floor() as i32);
    (weight * scale).round() / scale
}

/// `d-*.json` holds a list of these: what a result shows, in the index's
/// language.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DisplayRow {
    #[serde(rename = "u")]
    pub url: String,
    #[serde(rename = "t")]
    pub title: String,
    #[serde(rename = "l")]
    pub lang: String,
    /// As written in the index's language.
    #[serde(rename = "d")]
    pub date: String,
    #[serde(rename = "i")]
    pub iso_date: String,
    #[serde(rename = "y")]
    pub doc_type: String,
    /// "" when none.
    #[serde(rename = "o")]
    pub organization: String,
    /// Text for the excerpt.
    #[serde(rename = "x")]
    pub excerpt: String,
    /// Where in the document the text is, for the record of a part of it
    /// ("in the attached PDF, page 3", "in the section “Findings”"); absent
    /// for the document's own record.
    #[serde(rename = "w", default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The excerpt's language where it is not the document's: a page of a
    /// PDF in another language.
    #[serde(rename = "xl", default, skip_serializing_if = "Option::is_none")]
    pub excerpt_lang: Option<String>,
}

/// `m-*.json`: the facets, with their labels in the index's language, and
/// every document's filter data by column (which compresses better).
#[derive(Debug, Serialize, Deserialize)]
pub struct Meta {
    pub types: Vec<(String, String)>,
    pub organizations: Vec<(String, String)>,
    pub tags: Vec<(String, String)>,
    pub docs: Columns,
}

/// Per document: type, organisation (-1 when none) and tags as indexes into
/// the facet lists, year (0 when unknown), and the archive entry it is a
/// version of, the same in every language's index (so that a search over
/// both lists a document once), as a difference from the previous
/// document's (they only grow).
#[derive(Debug, Serialize, Deserialize)]
pub struct Columns {
    pub types: Vec<usize>,
    pub organizations: Vec<i64>,
    pub years: Vec<u16>,
    pub tags: Vec<Vec<usize>>,
    pub entries: Vec<usize>,
    /// The records of a document's sections ([`crate::search::index::Part::Section`]),
    /// each as a difference from the previous one (the first from 0): they
    /// say where in their document the words are, but their document ranks
    /// by its other records.
    pub sections: Vec<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_round_trip_within_a_level() {
        let postings = [(0, 0.5), (1, 9.3), (31, 0.01), (32, 4.0), (70_000, 9.3)];
        let encoded = EncodedPostings::encode(9.3, postings.iter().copied());
        let decoded = encoded.decode().expect("decodes");
        let unit: f32 = encoded.0.split_once(':').unwrap().0.parse().unwrap();
        assert_eq!(decoded.len(), postings.len());
        for ((doc, weight), (d, w)) in postings.iter().zip(&decoded) {
            assert_eq!(doc, d);
            assert!((weight - w).abs() <= unit, "{weight} vs {w}");
            assert!(*w >= unit, "a posting keeps a score");
        }
    }

    #[test]
    fn digits_are_base_32_with_continuations() {
        let mut out = String::new();
        for value in [0, 31, 32, 1023, 1024] {
            push_digits(&mut out, value);
            out.push(' ');
        }
        assert_eq!(out, "0 v B0 _v BA0 ");
    }

    #[test]
    fn encoded_lengths_are_those_of_the_text() {
        let postings = [
            (0, 0.5),
            (1, 9.3),
            (31, 0.01),
            (32, 4.0),
            (70_000, 9.3),
            (1 << 29, 1.0),
        ];
        for n in 0..=postings.len() {
            let encoded = EncodedPostings::encode(9.3, postings[..n].iter().copied());
            let docs = postings[..n].iter().map(|&(doc, _)| doc);
            assert_eq!(
                EncodedPostings::encoded_len(9.3, docs),
                encoded.0.len(),
                "{n}"
            );
        }
    }

    #[test]
    fn malformed_postings_are_refused() {
        for text in ["", "1.0", "1.0:1", "x:11", "1.0:1*", "1.0:1B"] {
            assert_eq!(EncodedPostings(text.into()).decode(), None, "{text:?}");
        }
    }
}
