//! The integration tests, one binary with a module per topic (as ripgrep
//! and mdBook do): it compiles once and the modules share `common`.

mod common;

mod atomic;
mod attachments;
mod browse;
mod build;
mod check;
mod contribute;
mod fuzz;
mod hostile;
mod hostile_inputs;
mod import;
mod incremental;
mod khmer_calendar_vectors;
mod legacy;
mod metadata;
mod mistakes;
mod new_attach;
mod ocr;
mod offline;
mod pull_requests;
mod search_format;
mod serve;
mod shards;
mod timeline;
mod tokenizer_vectors;
mod validators;
