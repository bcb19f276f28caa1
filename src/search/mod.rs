//! Search: Khmer-aware tokens and the chunked index the browser queries.
//!
//! The index is published per language under `search/<lang>/`, in files
//! small enough for a phone on a slow connection: a manifest, term-range
//! chunks of postings, a compact table of filter data, and display data
//! fetched only for the results shown. Every file but the manifest is named
//! by a hash of its content, so hosts may cache it forever.
//!
//! # Format, version 4
//!
//! `search/<lang>/manifest.json`:
//! ```json
//! { "version": 4, "lang": "km", "docs": 48,
//!   "postings": [["", "t-1a2b3c4d5e6f.json"], ["ការ", "t-…"]],
//!   "display": {"size": 4, "group": 256, "hashes": ["0a1b2c3d4e5f", …]},
//!   "meta": "m-….json" }
//! ```
//! `postings` lists tables `t-*.json`, each of rows `[first term, postings
//! chunk, largest df in it]`. Postings chunk `i` holds the terms `t` with
//! `first_i <= t < first_{i+1}`, compared as JavaScript compares strings
//! (UTF-16 code units). Display file `d-<hash>-<k>.json` holds the
//! documents `k × size .. (k + 1) × size` of a group of `group` documents,
//! whose files are named by one hash of them all.
//!
//! `p-*.json`: `{"t": {"<term>": [unit, doc0, steps0, doc1 - doc0, steps1,
//! …], …}, "q": {"h": "<group>", "f": [first0, first1 - first0, …]}}`.
//! Under `t`, for each document holding the term, its id (as a difference
//! from the previous one) and its score for the term as a whole number of
//! the term's `unit` (the largest is 999 units): elasticlunr's model, idf
//! included, `idf × Σ_field boost × √tf / √field_length`, with `idf = 1 +
//! ln(N / (df + 1))`. Enough to match, rank, filter and count. Under `q`,
//! where the positions of the chunk's terms are: files `q-<group>-<k>.json`,
//! `k = 0, 1, …`, file `k` holding the documents from `first_k` (the
//! running sum of `f`) up to `first_{k+1}`. Files are cut between
//! documents at about 4 KB, so a file covers many documents of rare terms
//! and few of frequent ones. `group` is a hash of all the chunk's positions
//! files, so their names too change with their content.
//!
//! `q-*.json`: `{"<term>": [[Δdoc, p0, d1, d2, …], …], …}`: the term's
//! positions in each document of the file's range, the first absolute and
//! the rest as differences from the previous one. Documents are differences
//! too: from the term's previous document in the file, the first from the
//! file's first document (`first_k`). Positions are those of
//! [`tokens::tokenize`] over the document's fields joined in one stream
//! (title, tags, summary, body, each separated by a gap so no phrase spans
//! two fields). The browser fetches them only to verify Khmer phrases, and
//! only for the best-ranked candidates (see `search-engine.js`): counts are
//! of the documents holding every term, phrase or not.
//!
//! `m-*.json`: facets, and the documents' filter data by column:
//! `{"types": [[key, label], …], "organizations": […], "tags": […],
//!   "docs": {"types": [type, …], "organizations": [organization or -1, …],
//!   "years": [year, …], "tags": [[tag, …], …], "entries": [Δentry, …]}}`,
//! types, organisations and tags as indexes into the facet lists; entries
//! are the archive entries the documents are versions of (the same in every
//! language's index, so a search over both languages lists a document
//! once), as differences from the previous document's.
//!
//! `d-*.json`: an array of `{"u": url, "t": title, "l": lang, "d": date as
//! written in the index's language, "i": ISO date, "y": type label, "o":
//! organisation label or "", "x": text for the excerpt}`.

pub mod chunks;
pub mod index;
pub mod tokens;
