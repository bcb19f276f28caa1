//! What the benchmarks share: their settings from the environment, and
//! medians, since other work on the machine makes single runs noisy.

use std::path::PathBuf;

/// The archive named by `SASTRA_BENCH_ARCHIVE` (made by `sastra-corpus`),
/// or `None` after saying how to name one.
pub fn archive(bench: &str) -> Option<PathBuf> {
    let archive = std::env::var_os("SASTRA_BENCH_ARCHIVE").map(PathBuf::from);
    if archive.is_none() {
        eprintln!(
            "set SASTRA_BENCH_ARCHIVE to an archive made by sastra-corpus (see benches/{bench}.rs)"
        );
    }
    archive
}

/// The number in the environment variable `name`, or `default`.
pub fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
