//! The archive counted over time: documents per month and per year, by
//! how precisely they are dated. The timeline's charts draw these counts,
//! and the preview compares them to know which charts an edit changed.

use std::collections::BTreeMap;

use super::{Archive, EntryId, TimelineYear};
use crate::content::PartialDate;

/// Documents in one bar of a chart, by how precisely they are dated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub day: usize,
    pub month: usize,
    pub year: usize,
}

impl Tally {
    pub fn add(&mut self, date: PartialDate) {
        match date {
            PartialDate::Day(..) => self.day += 1,
            PartialDate::Month(..) => self.month += 1,
            PartialDate::Year(_) => self.year += 1,
        }
    }

    pub fn total(self) -> usize {
        self.day + self.month + self.year
    }
}

/// A year of the timeline as thirteen slots: its months, January first,
/// then the documents known only to the year.
pub fn by_month(archive: &Archive, year: &TimelineYear) -> [Tally; 13] {
    let mut slots = [Tally::default(); 13];
    for (month, ids) in &year.months {
        let slot = &mut slots[month.map_or(12, |m| usize::from(m - 1))];
        for id in ids {
            slot.add(archive.entries[*id].date);
        }
    }
    slots
}

/// The entries `ids` counted by year.
pub fn by_year(archive: &Archive, ids: &[EntryId]) -> BTreeMap<u16, Tally> {
    let mut years: BTreeMap<u16, Tally> = BTreeMap::new();
    for id in ids {
        let date = archive.entries[*id].date;
        years.entry(date.year()).or_default().add(date);
    }
    years
}

/// The first and last year of the archive: the span every chart covers.
pub fn span(archive: &Archive) -> Option<(u16, u16)> {
    let years = archive.timeline();
    Some((years.last()?.year, years.first()?.year))
}
