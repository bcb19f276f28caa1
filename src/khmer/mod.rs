//! Khmer text: clusters, normalisation for search, and numerals. Pure
//! functions with no knowledge of documents or pages.

pub mod cluster;
pub mod normalize;
pub mod numerals;
