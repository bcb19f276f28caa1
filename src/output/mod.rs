//! Write: the staging writer and the machine-readable outputs (feeds,
//! sitemap, catalogue).

pub mod writer;
