//! Search: Khmer-aware tokens and the chunked index the browser queries.
//!
//! The index is published per language under `search/<lang>/`, in files
//! small enough for a phone on a slow connection: a manifest, term-range
//! chunks of postings, a compact table of filter data, and display data
//! fetched only for the results shown. Every file but the manifest is named
//! by a hash of its content, so hosts may cache it forever.
//!
//! # Format, version 1
//!
//! `search/<lang>/manifest.json`:
//! ```json
//! { "version": 1, "lang": "km", "docs": 48,
//!   "postings": [{"first": "", "file": "p-1a2b3c4d5e6f.json"}, {"first": "ការ", "file": "…"}],
//!   "display": [{"first": 0, "file": "d-….json"}, {"first": 16, "file": "…"}],
//!   "meta": "m-….json" }
//! ```
//! Postings chunk `i` holds the terms `t` with `postings[i].first <= t <
//! postings[i+1].first`, compared as JavaScript compares strings (UTF-16
//! code units). Display chunk `i` holds documents `display[i].first ..
//! display[i+1].first`.
//!
//! `p-*.json`: `{"<term>": [[doc, weight, p0, d1, d2, …], …], …}`: for each
//! document holding the term, its id, its score for the term (elasticlunr's
//! model, idf included: `idf × Σ_field boost × √tf / √field_length`, with
//! `idf = 1 + ln(N / (df + 1))`) and the term's positions in the document,
//! the first absolute and the rest as differences from the previous one.
//! Positions are those of [`tokens::tokenize`] over the document's fields
//! joined in one stream (title, tags, summary, body, each separated by a gap
//! so no phrase spans two fields).
//!
//! `m-*.json`: facets and one row per document:
//! `{"types": [[key, label], …], "organizations": […], "tags": […],
//!   "docs": [[type, organization or -1, year, [tag, …]], …]}` with indexes
//! into the facet lists.
//!
//! `d-*.json`: an array of `{"u": url, "t": title, "l": lang, "d": date as
//! written in the index's language, "i": ISO date, "y": type label, "o":
//! organisation label or "", "x": text for the excerpt}`.

pub mod chunks;
pub mod index;
pub mod tokens;
