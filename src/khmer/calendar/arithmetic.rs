//! The year figures of the chhankitek and the rules that read them.
//!
//! Learnt from two public implementations, read and not copied: momentkh
//! 3.0.3 (JavaScript, github.com/ThyrithSor/momentkh, `momentkh.ts`) and
//! chhankitek (PHP, github.com/HELMAB/chhankitek, `src/Chhankitek.php`,
//! `src/Calendar/SoriyatraLerngSak.php`), both after Roath Kim Soeun's
//! *Pratitin Soryakkatik-Chankatik 1900–1999*. Each year is counted twice:
//! by the Buddhist Era, for the lengths of the lunar months, and by the
//! Chulasakaraj (JS) year that begins at the New Year, for the New Year
//! itself. The same four figures and the same rules serve both; only the
//! constants of the counts differ.

/// The four figures of one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearFigures {
    /// Aharkun (អាហារគុណ): days elapsed since the epoch of the count.
    pub aharkun: i64,
    /// Kromathupul (ក្រមធុបុល): what is left of the solar year, in 800ths
    /// of a day.
    pub kromathupul: i64,
    /// Avoman (អវមាន): the lunar day's excess over the solar day, in 692nds.
    pub avoman: i64,
    /// Bodithey (បូតិថី): the lunar day on which the solar year begins.
    pub bodithey: i64,
}

/// 800 × the length of the solar year in days (365.25875).
const SOLAR_YEAR_800THS: i64 = 292_207;

impl YearFigures {
    /// Figures by the Buddhist Era year, which decide the lunar months.
    pub fn buddhist(be: i64) -> YearFigures {
        let elapsed = be * SOLAR_YEAR_800THS + 499;
        let aharkun = elapsed / 800 + 4;
        let excess = aharkun * 11 + 25;
        YearFigures {
            aharkun,
            kromathupul: 800 - elapsed % 800,
            avoman: excess % 692,
            bodithey: (excess / 692 + aharkun + 29) % 30,
        }
    }

    /// Figures by the Chulasakaraj year, which decide the New Year.
    pub fn chulasakaraj(js: i64) -> YearFigures {
        let elapsed = js * SOLAR_YEAR_800THS + 373;
        let aharkun = elapsed / 800 + 1;
        let excess = aharkun * 11 + 650;
        YearFigures {
            aharkun,
            kromathupul: 800 - elapsed % 800,
            avoman: excess % 692,
            bodithey: (aharkun + excess / 692) % 30,
        }
    }

    /// A solar leap year (366 days) leaves at most 207/800 of a day.
    pub fn solar_leap(&self) -> bool {
        self.kromathupul <= 207
    }
}

/// Adhikameas: the year would take a leap month (a second Asadh) by its
/// bodithey, looking at the next year's for the two boundary cases.
pub fn wants_leap_month(this: YearFigures, next: YearFigures) -> bool {
    match (this.bodithey, next.bodithey) {
        (25, 5) => false,
        (24, 6) => true,
        (b, _) => b >= 25 || b <= 5,
    }
}

/// Chantrathimeas (adhikavar): the year would take a leap day (a 30-day
/// Jesth) by its avoman.
pub fn wants_leap_day(prev: YearFigures, this: YearFigures, next: YearFigures) -> bool {
    if this.avoman == 0 && prev.avoman == 137 {
        true
    } else if this.solar_leap() {
        this.avoman < 127
    } else if this.avoman == 137 && next.avoman == 0 {
        false
    } else {
        this.avoman < 138
    }
}

/// The shape of a lunar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearKind {
    /// 354 days.
    Regular,
    /// 384 days: បឋមាសាឍ and ទុតិយាសាឍ, 30 days each, replace អាសាឍ.
    LeapMonth,
    /// 355 days: ជេស្ឋ has 30 days.
    LeapDay,
}

/// The kind of a Buddhist Era year. A year never takes both: when both
/// rules call for one, the leap month stays and the leap day moves to the
/// next year.
pub fn year_kind(be: i64) -> YearKind {
    let figures = |be| YearFigures::buddhist(be);
    let leap_month = |be| wants_leap_month(figures(be), figures(be + 1));
    let leap_day = |be| wants_leap_day(figures(be - 1), figures(be), figures(be + 1));
    if leap_month(be) {
        YearKind::LeapMonth
    } else if leap_day(be) || (leap_month(be - 1) && leap_day(be - 1)) {
        YearKind::LeapDay
    } else {
        YearKind::Regular
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_lengths_keep_the_lunar_year_on_the_solar_one() {
        // 19 solar years are 235 lunar months; over two centuries the count
        // of leap months and days keeps the mean year within a day of it.
        let days: i64 = (2444..2644)
            .map(|be| match year_kind(be) {
                YearKind::Regular => 354,
                YearKind::LeapMonth => 384,
                YearKind::LeapDay => 355,
            })
            .sum();
        let solar = 200.0 * 365.258_75;
        assert!((days as f64 - solar).abs() < 31.0, "{days} days");
    }
}
