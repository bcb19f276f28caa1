//! sastra: a static site generator for bilingual Khmer/English archives.
//!
//! The pipeline runs one way: [`config`] and [`content`] load the archive,
//! [`archive`] models it, [`render`] turns it into pages, [`output`] writes
//! them; [`search`] builds the search index beside the pages.

pub mod archive;
pub mod attachments;
pub mod build;
pub mod config;
pub mod confine;
pub mod content;
pub mod diagnostics;
pub mod import;
pub mod khmer;
pub mod output;
pub mod plan;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod text;
pub mod unique;
pub mod urls;
