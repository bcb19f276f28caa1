//! Khmer text and dates: clusters, normalisation for search, numerals and
//! the lunar calendar. Pure
//! functions with no knowledge of documents or pages.

pub mod calendar;
pub mod cluster;
pub mod legacy;
pub mod normalize;
pub mod numerals;

#[cfg(test)]
mod javascript_agrees;
