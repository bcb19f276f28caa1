//! Time of the search index alone, per language: analysing the documents
//! (`search::index::build`) and rendering its files (`search::chunks::write`
//! into memory, so that the disk is left out).
//!
//! Needs an archive made by `sastra-corpus`:
//!
//!     cargo build --release --bin sastra-corpus
//!     target/release/sastra-corpus --documents 2000 --output /tmp/archive
//!     SASTRA_BENCH_ARCHIVE=/tmp/archive cargo bench --bench index
//!
//! `SASTRA_BENCH_RUNS` (default 5) sets the runs; medians are reported,
//! since other work on the machine makes single runs noisy.

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use sastra::archive::Archive;
use sastra::build;
use sastra::render::Theme;
use sastra::search;

// As in the `sastra` binary, whose allocation pattern this measures.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let Some(root) = std::env::var_os("SASTRA_BENCH_ARCHIVE") else {
        eprintln!("set SASTRA_BENCH_ARCHIVE to an archive made by sastra-corpus (see benches/index.rs)");
        return;
    };
    let runs = std::env::var("SASTRA_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5usize)
        .max(1);
    let loaded = build::load(&PathBuf::from(root), None).expect("the archive loads");
    let theme = Theme::load(&loaded.config).expect("the theme loads");
    let config = &loaded.config;
    let archive = Archive::new(config, loaded.documents, false);

    for lang in config.language_codes() {
        let mut analysis = Vec::new();
        let mut files = Vec::new();
        let mut bytes = 0;
        let mut documents = 0;
        for _ in 0..runs {
            let start = Instant::now();
            let index = search::index::build(config, &archive, theme.i18n(lang), lang, &|| false)
                .expect("never stopped");
            analysis.push(start.elapsed().as_secs_f64());
            documents = index.display.len();

            let start = Instant::now();
            let written = AtomicUsize::new(0);
            search::chunks::write(&index, &|_name, content| {
                written.fetch_add(content.len(), Ordering::Relaxed);
                black_box(content);
                Ok::<(), ()>(())
            })
            .expect("writing to memory");
            files.push(start.elapsed().as_secs_f64());
            bytes = written.into_inner();
        }
        println!(
            "{lang}: {} documents, analysis {:.3} s, files {:.3} s ({:.1} MB), medians of {runs}",
            documents,
            median(analysis),
            median(files),
            bytes as f64 / 1e6
        );
    }
}
