//! Write: the staging writer and the machine-readable outputs (feeds,
//! sitemap, catalogue).

pub mod catalog;
pub mod feeds;
pub mod sitemap;
pub mod writer;
