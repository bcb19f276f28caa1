//! Search: Khmer-aware tokens and the chunked index the browser queries.
//!
//! The index is published per language under `search/<lang>/`, in files
//! small enough for a phone on a slow connection: a manifest, term-range
//! chunks of postings, a compact table of filter data, and display data
//! fetched only for the results shown; a few thousand files at 10,000
//! documents, so that every static host takes them. Every file but the manifest is named
//! by a hash of its content, so hosts may cache it forever.
//!
//! # Format, version 7
//!
//! Each kind of file is one type of [`format`](mod@format), decoded in the browser by
//! one function of `decode` in `search-engine.js`.
//!
//! `search/<lang>/manifest.json` ([`format::Manifest`]):
//! ```json
//! { "version": 7, "lang": "km", "docs": 48,
//!   "chunks": {"f": ["", "ការ", …], "group": 64, "hashes": ["1a2b3c4d5e6f", …]},
//!   "display": {"size": 10, "group": 250, "hashes": ["0a1b2c3d4e5f", …]},
//!   "meta": "m-….json" }
//! ```
//! `chunks` lists every postings chunk in term order ([`format::PostingsFiles`]):
//! chunk `i` holds the terms `t` with `f_i <= t < f_{i+1}`, compared as
//! JavaScript compares strings (UTF-16 code units); `f_i` is the shortest
//! prefix of the chunk's first term that sorts after the previous chunk's
//! last. Its file is `p-<hash>-<k>.json`, file `k` of a group of `group`
//! chunks named by one hash of them all. Display file `d-<hash>-<k>.json`
//! likewise holds the documents `k × size .. (k + 1) × size` of a group of
//! `group` documents. One hash for many files keeps the manifest short: at
//! 10,000 documents the Khmer one lists 2,600 chunks in 16 KB gzipped,
//! where a hash per chunk took 37 KB.
//!
//! `p-*.json` ([`format::PostingsChunk`]): `{"<term>": "<unit>:<digits>",
//! …}`, each term's documents and scores ([`format::EncodedPostings`]: per
//! document its id as a difference from the previous one and its score in
//! units of the term's, in base-32 digits). Enough to match, rank, filter
//! and count; there are no positions.
//!
//! Terms are those of [`tokens::for_each_term`]: stemmed English words,
//! Khmer cluster pairs, a Khmer run's last cluster, and cluster trigrams
//! (`~` and three clusters). A Khmer phrase of two clusters is a pair, of
//! three a trigram, and a longer one is found where all of its trigrams
//! are (the browser looks up every one for up to six clusters, every other
//! one beyond), so results are final once the postings are in: nothing
//! waits for positions files. A document holding every trigram of a phrase
//! but not the phrase is the one case where a result is wrong; on real
//! Khmer text it is rare, since consecutive trigrams overlap by two
//! clusters.
//!
//! `m-*.json` ([`format::Meta`]): facets, and the documents' filter data by
//! column: `{"types": [[key, label], …], "organizations": […], "tags": […],
//!   "docs": {"types": [type, …], "organizations": [organization or -1, …],
//!   "years": [year, …], "tags": [[tag, …], …], "entries": [Δentry, …],
//!   "sections": [Δrecord, …]}}`,
//! types, organisations and tags as indexes into the facet lists; entries
//! are the archive entries the documents are versions of (the same in every
//! language's index, so a search over both languages lists a document
//! once), as differences from the previous document's; `sections` names
//! the records of sections (below), as differences from the previous one.
//!
//! `d-*.json` ([`format::DisplayRow`]): an array of `{"u": url, "t": title,
//! "l": lang, "d": date as written in the index's language, "i": ISO date,
//! "y": type label, "o": organisation label or "", "x": text for the
//! excerpt, and for the record of one page of an attached PDF "w": where
//! it is, "in the attached PDF, page 3", and "xl": the page's language
//! where it is not the document's}`; for the record of a passage of a long
//! document's section, "u" leads to the section's heading, "w" is "in the
//! section “…”" and "x" is the whole passage (at most
//! [`index::PASSAGE_CHARS`] characters). Such records share their
//! document's entry: a search shows the best of a document's records, and
//! ranks the document by its own and its PDF pages' (version 7 added the
//! sections: a short passage would otherwise outrank whole documents).

pub mod chunks;
pub mod format;
pub mod index;
mod small_bytes;
pub mod tokens;
