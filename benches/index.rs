//! Time of the search index alone, per language: analysing the documents
//! (`build::search_docs::language_index`) and rendering its files (`search::chunks::write`
//! into memory, so that the disk is left out).
//!
//! Needs an archive made by `sastra-corpus`:
//!
//!     cargo build --release --example sastra-corpus
//!     target/release/examples/sastra-corpus --documents 2000 --output /tmp/archive
//!     SASTRA_BENCH_ARCHIVE=/tmp/archive cargo bench --bench index
//!
//! `SASTRA_BENCH_RUNS` (default 5) sets the runs; medians are reported,
//! since other work on the machine makes single runs noisy.

use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use sastra::archive::Archive;
use sastra::attachments::Extracts;
use sastra::build;
use sastra::render::Theme;
use sastra::search;

mod common;
use common::{env_or, median};

// As in the `sastra` binary, whose allocation pattern this measures.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// CPU seconds this process has used, user and system, from
/// `/proc/self/stat` (Linux); 0 elsewhere.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(vec![], |(_, rest)| rest.split_whitespace().collect());
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime, fields 14 and 15 of the line, are 11 and 12 here.
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    let Some(root) = common::archive("index") else {
        return;
    };
    let runs = env_or("SASTRA_BENCH_RUNS", 5).max(1);
    let loaded = build::load(&root, None).expect("the archive loads");
    let theme = Theme::load(&loaded.config).expect("the theme loads");
    let config = &loaded.config;
    let archive = Archive::new(config, loaded.documents, false);

    for lang in config.language_codes() {
        let mut analysis = Vec::new();
        let mut files = Vec::new();
        let mut analysis_cpu = Vec::new();
        let mut files_cpu = Vec::new();
        let mut bytes = 0;
        let mut documents = 0;
        for _ in 0..runs {
            let start = Instant::now();
            let cpu = cpu_seconds();
            let index = build::search_docs::language_index(
                config,
                &archive,
                &Extracts::default(),
                theme.i18n(lang),
                lang,
                &|| false,
            )
            .expect("no body left in its file here")
            .expect("never stopped");
            analysis.push(start.elapsed().as_secs_f64());
            analysis_cpu.push(cpu_seconds() - cpu);
            documents = index.display.len();

            let start = Instant::now();
            let cpu = cpu_seconds();
            let written = AtomicUsize::new(0);
            search::chunks::write(&index, &|_name, content| {
                written.fetch_add(content.len(), Ordering::Relaxed);
                black_box(content);
                Ok::<(), ()>(())
            })
            .expect("writing to memory");
            files.push(start.elapsed().as_secs_f64());
            files_cpu.push(cpu_seconds() - cpu);
            bytes = written.into_inner();
        }
        println!(
            "{lang}: {} documents, analysis {:.3} s ({:.2} s CPU), files {:.3} s ({:.2} s CPU, {:.1} MB), medians of {runs}",
            documents,
            median(analysis),
            median(analysis_cpu),
            median(files),
            median(files_cpu),
            bytes as f64 / 1e6
        );
    }
}
