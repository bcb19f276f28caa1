//! sastra: a static site generator for bilingual Khmer/English archives.
//!
//! The pipeline runs one way: [`config`] and [`content`] load the archive,
//! [`archive`] models it, [`plan`] lists its pages, [`render`] turns them
//! into HTML, [`output`] writes them; [`search`] builds the search index
//! beside the pages from the records [`build`] hands it. Each stage imports
//! only those before it and the modules below them all ([`urls`],
//! [`assets`], [`confine`], [`diagnostics`], [`lines`], [`text`],
//! [`unique`]).

pub mod archive;
pub mod assets;
pub mod attachments;
pub mod build;
pub mod config;
pub mod confine;
pub mod content;
pub mod diagnostics;
pub mod import;
pub mod khmer;
pub mod lines;
pub mod output;
pub mod plan;
pub mod portable;
pub mod render;
pub mod repository;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod text;
pub mod unique;
pub mod urls;
