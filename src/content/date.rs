//! Dates that are only as precise as the source: an archive never invents a
//! day. `2019`, `2019-02` and `2019-02-14` are all valid document dates.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::diagnostics::Message;
use crate::khmer::calendar;

/// A calendar date known to the year, the month or the day.
///
/// The variants make an impossible state (a day without a month)
/// unrepresentable; constructors check ranges, so every value is a real date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartialDate {
    Year(u16),
    Month(u16, u8),
    Day(u16, u8, u8),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub message: Message,
}

impl PartialDate {
    pub fn parse(s: &str) -> Result<PartialDate, DateError> {
        let s = s.trim();
        let parts: Vec<&str> = s.split('-').collect();
        let well_formed = matches!(parts.len(), 1..=3)
            && parts[0].len() == 4
            && parts[1..].iter().all(|p| p.len() == 2)
            && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
        if !well_formed {
            return Err(DateError {
                message: Message::NotADate { value: s.into() },
            });
        }
        let number = |p: &str| p.parse::<u16>().expect("checked digits");
        let year = number(parts[0]);
        if year < 1000 {
            return Err(DateError {
                message: Message::ImplausibleYear { year },
            });
        }
        let Some(month) = parts.get(1).map(|p| number(p) as u8) else {
            return Ok(PartialDate::Year(year));
        };
        if !(1..=12).contains(&month) {
            return Err(DateError {
                message: Message::BadMonth {
                    value: s.into(),
                    month,
                },
            });
        }
        let Some(day) = parts.get(2).map(|p| number(p) as u8) else {
            return Ok(PartialDate::Month(year, month));
        };
        let last = days_in_month(year, month);
        if !(1..=last).contains(&day) {
            return Err(DateError {
                message: Message::BadDay {
                    value: s.into(),
                    day,
                    month: format!("{year}-{month:02}"),
                    last,
                },
            });
        }
        Ok(PartialDate::Day(year, month, day))
    }

    /// Today, by the machine's clock (UTC): what "in the future" is
    /// measured against.
    pub fn today() -> PartialDate {
        // The Julian day number of 1970-01-01.
        const UNIX_EPOCH_JDN: i64 = 2_440_588;
        let days = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() / 86_400);
        let jdn = i32::try_from(UNIX_EPOCH_JDN + days as i64).unwrap_or(i32::MAX);
        let (year, month, day) = calendar::civil(jdn);
        PartialDate::Day(u16::try_from(year).unwrap_or(u16::MAX), month, day)
    }

    /// The first day the date may mean: `2023` may be 1 January 2023.
    pub fn earliest(self) -> PartialDate {
        match self {
            PartialDate::Year(y) => PartialDate::Day(y, 1, 1),
            PartialDate::Month(y, m) => PartialDate::Day(y, m, 1),
            day => day,
        }
    }

    pub fn year(self) -> u16 {
        match self {
            PartialDate::Year(y) | PartialDate::Month(y, _) | PartialDate::Day(y, _, _) => y,
        }
    }

    pub fn month(self) -> Option<u8> {
        match self {
            PartialDate::Year(_) => None,
            PartialDate::Month(_, m) | PartialDate::Day(_, m, _) => Some(m),
        }
    }

    pub fn day(self) -> Option<u8> {
        match self {
            PartialDate::Day(_, _, d) => Some(d),
            _ => None,
        }
    }

    /// The sort key: a date known only to the year sorts after every dated
    /// day of that year in newest-first listings, because "some time in 2019"
    /// is not known to be later than any day of 2019; ascending, it comes
    /// first. Either way it stays inside its year.
    fn sort_key(self) -> (u16, u8, u8) {
        (
            self.year(),
            self.month().unwrap_or(0),
            self.day().unwrap_or(0),
        )
    }

    /// The first and last days the date can mean, as (year, month, day).
    pub fn first_and_last_day(self) -> ((u16, u8, u8), (u16, u8, u8)) {
        match self {
            PartialDate::Year(y) => ((y, 1, 1), (y, 12, 31)),
            PartialDate::Month(y, m) => ((y, m, 1), (y, m, days_in_month(y, m))),
            PartialDate::Day(y, m, d) => ((y, m, d), (y, m, d)),
        }
    }

    /// The earliest instant the date can mean, for feeds and sitemaps that
    /// require a full timestamp.
    pub fn to_rfc3339(self) -> String {
        format!(
            "{:04}-{:02}-{:02}T00:00:00Z",
            self.year(),
            self.month().unwrap_or(1),
            self.day().unwrap_or(1)
        )
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// ISO 8601 at the known precision: `2019`, `2019-02`, `2019-02-14`. Valid
/// as an HTML `<time datetime>` value.
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartialDate::Year(y) => write!(f, "{y:04}"),
            PartialDate::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            PartialDate::Day(y, m, d) => write!(f, "{y:04}-{m:02}-{d:02}"),
        }
    }
}

pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// How a page writes the Khmer lunar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LunarStyle {
    /// `ថ្ងៃសៅរ៍ ៨កើត ខែមិគសិរ ឆ្នាំច សំរឹទ្ធិស័ក ព.ស.២៥៦២`
    Khmer,
    /// "8th waxing day of Migasir, Year of the Dog, B.E. 2562"
    English,
}

/// The lunar date a document's date determines: the whole line for a day;
/// for a month or a year, only the year counts that hold throughout it
/// (none for a year, which always straddles their changes). `None` when
/// nothing is determined or the date is outside the calendar's years.
pub fn lunar_line(date: PartialDate, style: LunarStyle) -> Option<String> {
    let text = if let PartialDate::Day(y, m, d) = date {
        let day = calendar::lunar_day(y.into(), m, d)?;
        match style {
            LunarStyle::Khmer => day.khmer(),
            LunarStyle::English => day.english(),
        }
    } else {
        let ((y1, m1, d1), (y2, m2, d2)) = date.first_and_last_day();
        let years = calendar::lunar_years((y1.into(), m1, d1), (y2.into(), m2, d2))?;
        match style {
            LunarStyle::Khmer => years.khmer(),
            LunarStyle::English => years.english(),
        }
    };
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        assert_eq!(PartialDate::parse("2019"), Ok(PartialDate::Year(2019)));
        assert_eq!(
            PartialDate::parse("2019-02"),
            Ok(PartialDate::Month(2019, 2))
        );
        assert_eq!(
            PartialDate::parse("2024-02-29"),
            Ok(PartialDate::Day(2024, 2, 29))
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(PartialDate::parse("2023-13-01")
            .unwrap_err()
            .message
            .en()
            .contains("month 13"));
        assert!(PartialDate::parse("2023-02-29")
            .unwrap_err()
            .message
            .en()
            .contains("28 days"));
        assert!(PartialDate::parse("22/06/2023").is_err());
        assert!(PartialDate::parse("2023-6-1").is_err());
        assert!(PartialDate::parse("").is_err());
    }

    #[test]
    fn partial_dates_sort_within_their_year() {
        let mut dates: Vec<PartialDate> =
            ["2020-01-01", "2019", "2019-12-31", "2019-02", "2018-12"]
                .iter()
                .map(|s| PartialDate::parse(s).unwrap())
                .collect();
        dates.sort();
        let shown: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            ["2018-12", "2019", "2019-02", "2019-12-31", "2020-01-01"]
        );
    }

    #[test]
    fn displays_at_known_precision() {
        assert_eq!(PartialDate::Month(2019, 2).to_string(), "2019-02");
        assert_eq!(PartialDate::Year(2019).to_rfc3339(), "2019-01-01T00:00:00Z");
    }

    #[test]
    fn spans_cover_the_known_precision() {
        assert_eq!(
            PartialDate::Month(2024, 2).first_and_last_day(),
            ((2024, 2, 1), (2024, 2, 29))
        );
        assert_eq!(
            PartialDate::Year(2019).first_and_last_day(),
            ((2019, 1, 1), (2019, 12, 31))
        );
    }
}
