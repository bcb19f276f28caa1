//! Checks the Rust tokenizer against the shared vectors in
//! `tests/vectors/tokenizer.jsonl`; `tests/js/tokenizer.test.mjs` checks the
//! browser tokenizer against the same file, so the two cannot drift.

use sastra::khmer::normalize::normalize;
use sastra::search::tokens::{is_cluster_prefix, tokenize};
use serde_json::Value;

struct Vector {
    line: usize,
    input: String,
    normalized: String,
    tokens: Vec<(String, u32)>,
    note: String,
}

fn vectors() -> Vec<Vector> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/tokenizer.jsonl");
    let text = std::fs::read_to_string(path).expect("read tokenizer.jsonl");
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let v: Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("line {}: {e}", i + 1));
            let tokens = v["tokens"]
                .as_array()
                .expect("tokens")
                .iter()
                .map(|t| {
                    let term = t[0].as_str().expect("term").to_owned();
                    let pos = u32::try_from(t[1].as_u64().expect("pos")).expect("pos fits u32");
                    (term, pos)
                })
                .collect();
            Vector {
                line: i + 1,
                input: v["input"].as_str().expect("input").to_owned(),
                normalized: v["normalized"].as_str().expect("normalized").to_owned(),
                tokens,
                note: v["note"].as_str().unwrap_or_default().to_owned(),
            }
        })
        .collect()
}

fn rust_tokens(text: &str) -> Vec<(String, u32)> {
    tokenize(text)
        .into_iter()
        .map(|t| (t.term, t.pos))
        .collect()
}

#[test]
fn every_vector_matches() {
    let vectors = vectors();
    assert!(vectors.len() >= 300, "expected several hundred vectors");
    let mut failures = Vec::new();
    for v in &vectors {
        let normalized = normalize(&v.input);
        let tokens = rust_tokens(&v.input);
        if normalized != v.normalized || tokens != v.tokens {
            failures.push(format!(
                "line {} ({}): input {:?}\n  normalized {:?}\n  expected   {:?}\n  tokens   {:?}\n  expected {:?}",
                v.line, v.note, v.input, normalized, v.normalized, tokens, v.tokens
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} vectors fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn normalizing_twice_changes_nothing() {
    // Queries may arrive already normalised (e.g. from a term list).
    for v in vectors() {
        assert_eq!(
            normalize(&v.normalized),
            v.normalized,
            "line {} ({})",
            v.line,
            v.note
        );
        assert_eq!(
            rust_tokens(&v.normalized),
            v.tokens,
            "line {} ({})",
            v.line,
            v.note
        );
    }
}

#[test]
fn every_vector_has_a_note() {
    for v in vectors() {
        assert!(!v.note.is_empty(), "line {} has no note", v.line);
    }
}

/// The same table is in tests/js/tokenizer.test.mjs.
const CLUSTER_PREFIX_CASES: &[(&str, &str, bool)] = &[
    ("ប្រជា", "ប្រ", true), // the next cluster starts with ជ
    ("ប្រ", "ប្រ", true),   // whole term
    ("ប្រា", "ប្រ", false), // ា belongs to the cluster ប្រា
    ("ប្រឹ", "ប្រ", false),  // so does ឹ
    ("ប្រជា", "ប", false), // ្រ is a subscript of ប
    ("ស្ត្រី", "ស្ត", false),   // ្រ is another subscript
    ("នៃការ", "នៃ", true),
    ("នេះ", "នៃ", false), // not a prefix at all
    ("ជាតិ", "ជា", true),
    ("ជាំ", "ជា", false), // a sign continues the cluster
    ("ប្", "ប", false),   // a stray COENG continues the cluster
    ("ប្ក", "ប្", false),   // a base after COENG is its subscript
    ("ក", "ក", true),
    ("election", "elect", true),
    ("", "ក", false),
];

#[test]
fn cluster_prefix_table() {
    for &(term, query, expected) in CLUSTER_PREFIX_CASES {
        assert_eq!(
            is_cluster_prefix(term, query),
            expected,
            "{term:?} / {query:?}"
        );
    }
}
