//! Throughput of the search tokenizer (`for_each_token`) on a generated
//! archive, Khmer and English documents apart.
//!
//! Needs an archive made by `sastra-corpus`:
//!
//!     cargo build --release --example sastra-corpus
//!     target/release/examples/sastra-corpus --documents 1000 --output /tmp/archive
//!     SASTRA_BENCH_ARCHIVE=/tmp/archive cargo bench --bench tokenize
//!
//! `SASTRA_BENCH_FILES` (default 500) caps the files read per language and
//! `SASTRA_BENCH_RUNS` (default 9) sets the runs; the median is reported,
//! since other work on the machine makes single runs noisy.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use sastra::search::tokens::for_each_token;

mod common;
use common::{env_or, median};

/// The texts of up to `limit` files of `archive`'s content ending in `suffix`.
fn texts(archive: &Path, suffix: &str, limit: usize) -> Vec<String> {
    let mut paths: Vec<PathBuf> = walkdir::WalkDir::new(archive.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|entry| entry.into_path())
        .filter(|path| path.to_string_lossy().ends_with(suffix))
        .collect();
    paths.sort();
    paths.truncate(limit);
    paths
        .iter()
        .map(|path| std::fs::read_to_string(path).expect("read a content file"))
        .collect()
}

/// Seconds to tokenise every text once.
fn time_once(texts: &[String]) -> f64 {
    let start = Instant::now();
    for text in texts {
        let mut sum = 0u64;
        for_each_token(text, |term, pos| sum += term.len() as u64 + u64::from(pos));
        black_box(sum);
    }
    start.elapsed().as_secs_f64()
}

fn report(language: &str, texts: &[String], runs: usize) {
    let bytes: usize = texts.iter().map(String::len).sum();
    time_once(texts); // warms the stem cache and the allocator
    let seconds = median((0..runs).map(|_| time_once(texts)).collect());
    println!(
        "{language}: {} files, {:.1} MB, median {:.1} MB/s over {runs} runs",
        texts.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / seconds
    );
}

fn main() {
    let Some(archive) = common::archive("tokenize") else {
        return;
    };
    let limit = env_or("SASTRA_BENCH_FILES", 500);
    let runs = env_or("SASTRA_BENCH_RUNS", 9).max(1);
    report("Khmer", &texts(&archive, ".km.md", limit), runs);
    report("English", &texts(&archive, ".en.md", limit), runs);
}
