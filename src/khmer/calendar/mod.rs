//! The Khmer lunisolar calendar (chhankitek): the traditional date line of
//! a Gregorian day, `ថ្ងៃសៅរ៍ ៨កើត ខែមិគសិរ ឆ្នាំច សំរឹទ្ធិស័ក ព.ស.២៥៦២`, for
//! every day from 1900-01-01 to 2100-12-31.
//!
//! The lunar months are counted forward from 1 កើត ខែបុស្ស, 1900-01-01
//! (the epoch both momentkh and chhankitek use), each 29 or 30 days as the
//! year's figures decide (`arithmetic`). The three year counts change on
//! three different days of each Gregorian year, and the day of a change
//! already takes the new count:
//! - the animal year on the day of Moha Songkran, the New Year
//!   (`new_year`): the day on which the new year begins is its first day;
//! - the era (ស័ក) on Lerng Sak, the New Year's last day, as its name
//!   says ("raising the era"). momentkh 2.x raised it at the New Year;
//! - the Buddhist Era year on Visakha Bochea, 15 កើត ខែពិសាខ. momentkh 3.x
//!   raises it a day later, on 1 រោច; the day of the Buddha's parinibbana
//!   itself opens the new year.

mod arithmetic;
mod names;
mod new_year;

use std::sync::OnceLock;

pub use arithmetic::{year_kind, YearKind};
pub use names::{Animal, Era, LunarMonth, Weekday};

/// The first and last Gregorian years the calendar covers.
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2100;

/// The waxing (កើត) or waning (រោច) half of a lunar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Waxing,
    Waning,
}

/// The traditional date of one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LunarDay {
    pub weekday: Weekday,
    /// 1 to 15 within its half of the month.
    pub day: u8,
    pub phase: Phase,
    pub month: LunarMonth,
    pub years: LunarYears,
}

/// The year counts of a day, or of a span of days where each is known only
/// if it holds on every day of the span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LunarYears {
    pub animal: Option<Animal>,
    pub era: Option<Era>,
    pub buddhist_era: Option<u16>,
}

/// The lunar date of a Gregorian day, or `None` outside the covered years
/// or for a day that does not exist.
pub fn lunar_day(year: i32, month: u8, day: u8) -> Option<LunarDay> {
    let jdn = checked_jdn(year, month, day)?;
    let (month_start, lunar_month) = month_of(jdn);
    let day_number = u8::try_from(jdn - month_start).expect("a lunar month has at most 30 days");
    let years = YearDays::of(year);
    Some(LunarDay {
        weekday: Weekday::of_jdn(jdn),
        day: day_number % 15 + 1,
        phase: if day_number < 15 {
            Phase::Waxing
        } else {
            Phase::Waning
        },
        month: lunar_month,
        years: LunarYears {
            animal: Some(Animal::begun_in(
                year - if jdn >= years.new_year { 0 } else { 1 },
            )),
            era: Some(Era::of_chulasakaraj(
                year - if jdn >= years.lerng_sak { 638 } else { 639 },
            )),
            buddhist_era: Some(buddhist_year(
                year + if jdn >= years.visakha_bochea {
                    544
                } else {
                    543
                },
            )),
        },
    })
}

/// The year counts that hold from `first` to `last` (Gregorian year,
/// month, day; a span of at most a year). Each count changes once a
/// Gregorian year, so one that is the same on both ends holds throughout.
pub fn lunar_years(first: (i32, u8, u8), last: (i32, u8, u8)) -> Option<LunarYears> {
    let a = lunar_day(first.0, first.1, first.2)?.years;
    let b = lunar_day(last.0, last.1, last.2)?.years;
    Some(LunarYears {
        animal: same(a.animal, b.animal),
        era: same(a.era, b.era),
        buddhist_era: same(a.buddhist_era, b.buddhist_era),
    })
}

/// The value both ends of a span share, if they do.
fn same<T: PartialEq>(a: Option<T>, b: Option<T>) -> Option<T> {
    if a == b {
        a
    } else {
        None
    }
}

/// The days of a Gregorian year on which its counts change, as Julian day
/// numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearDays {
    /// Moha Songkran: the animal year changes.
    pub new_year: i32,
    /// The moment of the New Year, local time.
    pub new_year_time: (u8, u8),
    /// The New Year's last day: the era changes.
    pub lerng_sak: i32,
    /// 15 កើត ខែពិសាខ: the Buddhist Era year changes.
    pub visakha_bochea: i32,
}

impl YearDays {
    /// The days of a covered year, computed once for all of them.
    pub fn of(year: i32) -> YearDays {
        static ALL: OnceLock<Vec<YearDays>> = OnceLock::new();
        let all = ALL.get_or_init(|| (FIRST_YEAR..=LAST_YEAR).map(YearDays::compute).collect());
        let index = usize::try_from(year - FIRST_YEAR).expect("a covered year");
        all[index]
    }

    fn compute(year: i32) -> YearDays {
        let songkran = new_year::songkran(i64::from(year) - 638);
        let target = if songkran.lerng_sak_in_pisakh {
            LunarMonth::Pisakh
        } else {
            LunarMonth::Cheit
        };
        let lerng_sak = month_start_in(year, target) + i32::from(songkran.lerng_sak_day);
        YearDays {
            new_year: lerng_sak - i32::from(songkran.days) + 1,
            new_year_time: (songkran.hour, songkran.minute),
            lerng_sak,
            visakha_bochea: month_start_in(year, LunarMonth::Pisakh) + 14,
        }
    }
}

/// The first day of the lunar month `month` that begins between February
/// and June of `year`: ចេត្រ and ពិសាខ, which hold the year's changes,
/// begin once in that window.
fn month_start_in(year: i32, month: LunarMonth) -> i32 {
    let window = jdn(year, 2, 1)..jdn(year, 7, 1);
    let all = months();
    all[all.partition_point(|m| m.start < window.start)..]
        .iter()
        .take_while(|m| window.contains(&m.start))
        .find(|m| m.month == month)
        .map(|m| m.start)
        .expect("ចេត្រ and ពិសាខ begin between February and June")
}

fn buddhist_year(year: i32) -> u16 {
    u16::try_from(year).expect("covered years are four-digit")
}

#[derive(Debug, Clone, Copy)]
struct MonthStart {
    start: i32,
    month: LunarMonth,
}

/// Every lunar month from the epoch to past the last covered day, computed
/// once (about 2,500 months).
fn months() -> &'static [MonthStart] {
    static MONTHS: OnceLock<Vec<MonthStart>> = OnceLock::new();
    MONTHS.get_or_init(|| {
        let end = jdn(LAST_YEAR + 1, 1, 1);
        let mut month = MonthStart {
            start: jdn(FIRST_YEAR, 1, 1),
            month: LunarMonth::Boss,
        };
        let mut all = Vec::with_capacity(2_600);
        while month.start < end {
            all.push(month);
            // The Buddhist Era year whose Jesth and Asadh fall in this
            // Gregorian year decides the lengths of the months around them.
            let (y, m, _) = civil(month.start);
            let kind = year_kind(i64::from(y) + if m <= 4 { 543 } else { 544 });
            month = MonthStart {
                start: month.start + i32::from(month.month.days(kind)),
                month: month.month.next(kind),
            };
        }
        all
    })
}

/// The month holding a covered day: its first day and its name.
fn month_of(jdn: i32) -> (i32, LunarMonth) {
    let all = months();
    let at = all.partition_point(|m| m.start <= jdn) - 1;
    (all[at].start, all[at].month)
}

/// The Julian day number of a covered, existing Gregorian date.
fn checked_jdn(year: i32, month: u8, day: u8) -> Option<i32> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) || !(1..=12).contains(&month) || day == 0 {
        return None;
    }
    let jdn = jdn(year, month, day);
    (civil(jdn) == (year, month, day)).then_some(jdn)
}

/// Gregorian date to Julian day number (Fliegel and Van Flandern, 1968).
fn jdn(year: i32, month: u8, day: u8) -> i32 {
    let (month, day) = (i32::from(month), i32::from(day));
    let a = (14 - month) / 12;
    let y = year + 4800 - a;
    let m = month + 12 * a - 3;
    day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32_045
}

/// Julian day number to Gregorian date.
pub(crate) fn civil(jdn: i32) -> (i32, u8, u8) {
    let a = jdn + 32_044;
    let b = (4 * a + 3) / 146_097;
    let c = a - 146_097 * b / 4;
    let d = (4 * c + 3) / 1_461;
    let e = c - 1_461 * d / 4;
    let m = (5 * e + 2) / 153;
    let day = e - (153 * m + 2) / 5 + 1;
    let month = m + 3 - 12 * (m / 10);
    let year = 100 * b + d - 4_800 + m / 10;
    let small = |n: i32| u8::try_from(n).expect("day and month fit");
    (year, small(month), small(day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        for jdn_value in [jdn(1900, 1, 1), jdn(2000, 2, 29), jdn(2100, 12, 31)] {
            let (y, m, d) = civil(jdn_value);
            assert_eq!(jdn(y, m, d), jdn_value);
        }
        assert_eq!(jdn(2000, 1, 1), 2_451_545);
    }

    #[test]
    fn uncovered_or_impossible_days_have_no_lunar_date() {
        assert!(lunar_day(1899, 12, 31).is_none());
        assert!(lunar_day(2101, 1, 1).is_none());
        assert!(lunar_day(2023, 2, 29).is_none());
        assert!(lunar_day(2024, 2, 29).is_some());
    }

    #[test]
    fn months_run_one_after_another_without_gaps() {
        for pair in months().windows(2) {
            let days = pair[1].start - pair[0].start;
            assert!(days == 29 || days == 30, "{pair:?}");
        }
    }

    #[test]
    fn the_counts_change_in_order_each_year() {
        for year in FIRST_YEAR..=LAST_YEAR {
            let days = YearDays::of(year);
            assert!(days.new_year < days.lerng_sak, "{year}");
            assert!(days.lerng_sak < days.visakha_bochea, "{year}");
            let (_, month, _) = civil(days.new_year);
            assert_eq!(month, 4, "{year}: the New Year falls in April");
        }
    }

    #[test]
    fn a_gregorian_year_determines_no_year_count() {
        let years = lunar_years((2019, 1, 1), (2019, 12, 31)).unwrap();
        assert_eq!(
            years,
            LunarYears {
                animal: None,
                era: None,
                buddhist_era: None
            }
        );
    }

    #[test]
    fn a_month_shows_the_counts_it_does_not_straddle() {
        // April 2024: the New Year (13th) and Lerng Sak (16th) fall inside
        // it, Visakha Bochea (22 May) does not.
        let april = lunar_years((2024, 4, 1), (2024, 4, 30)).unwrap();
        assert_eq!((april.animal, april.era), (None, None));
        assert_eq!(april.khmer(), "ព.ស.២៥៦៧");
        // May 2024 straddles Visakha Bochea only.
        let may = lunar_years((2024, 5, 1), (2024, 5, 31)).unwrap();
        assert_eq!(may.khmer(), "ឆ្នាំរោង ឆស័ក");
        assert_eq!(may.english(), "Year of the Dragon");
        // December holds no change.
        let december = lunar_years((2018, 12, 1), (2018, 12, 31)).unwrap();
        assert_eq!(december.khmer(), "ឆ្នាំច សំរឹទ្ធិស័ក ព.ស.២៥៦២");
    }

    #[test]
    fn new_year_moments_match_the_reference() {
        // momentkh 3.0.3's computed New Years (its table of announced
        // times left aside): date and local time.
        for (year, date, time) in [
            (1900, (1900, 4, 12), (19, 36)),
            (2000, (2000, 4, 13), (16, 48)),
            (2012, (2012, 4, 13), (19, 12)),
            (2017, (2017, 4, 14), (3, 12)),
            (2023, (2023, 4, 14), (16, 0)),
            (2025, (2025, 4, 14), (4, 48)),
            (2099, (2099, 4, 15), (8, 0)),
            (2100, (2100, 4, 15), (14, 0)),
        ] {
            let days = YearDays::of(year);
            assert_eq!(civil(days.new_year), date, "{year}");
            assert_eq!(days.new_year_time, time, "{year}");
        }
    }
}
