//! How the calendar is written: the Khmer date line and a short English
//! form.
//!
//! Spelling, where the implementations differ: month names follow the
//! published line in issue 17 and chhankitek (PHP): កត្តិក with ្ត, not
//! momentkh's កត្ដិក with ្ដ nor កក្ដិក; the search normaliser folds ្ដ into
//! ្ត, so a reader who types either finds the other. Eras are written
//! សំរឹទ្ធិស័ក and សប្តស័ក, as both implementations write them; weekdays as
//! momentkh writes them (ចន្ទ, not chhankitek's ច័ន្ទ), which is also the
//! published line's form.
//!
//! English month names are the romanisation of momentkh's `MonthIndex`, the
//! names most Khmer calendar software exposes (and the "Migasir"),
//! except Bos, which momentkh 3.0.3 renamed Boss: an English word in an
//! English line would misread. Animals are given in English, as English
//! writers of Khmer dates do ("Year of the Dog").

use super::{LunarDay, LunarYears, Phase, YearKind};
use crate::khmer::numerals::to_khmer_digits;

/// The lunar months, in the order of the year that begins with មិគសិរ,
/// then the two months that replace អាសាឍ in a leap-month year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LunarMonth {
    Migasir,
    Boss,
    Meak,
    Phalkun,
    Cheit,
    Pisakh,
    Jesth,
    Asadh,
    Srap,
    Phatrabot,
    Assoch,
    Kadeuk,
    Pathamasadh,
    Tutiyasadh,
}

const MONTHS: [(LunarMonth, &str, &str); 14] = [
    (LunarMonth::Migasir, "មិគសិរ", "Migasir"),
    (LunarMonth::Boss, "បុស្ស", "Bos"),
    (LunarMonth::Meak, "មាឃ", "Meak"),
    (LunarMonth::Phalkun, "ផល្គុន", "Phalkun"),
    (LunarMonth::Cheit, "ចេត្រ", "Cheit"),
    (LunarMonth::Pisakh, "ពិសាខ", "Pisakh"),
    (LunarMonth::Jesth, "ជេស្ឋ", "Jesth"),
    (LunarMonth::Asadh, "អាសាឍ", "Asadh"),
    (LunarMonth::Srap, "ស្រាពណ៍", "Srap"),
    (LunarMonth::Phatrabot, "ភទ្របទ", "Phatrabot"),
    (LunarMonth::Assoch, "អស្សុជ", "Assoch"),
    (LunarMonth::Kadeuk, "កត្តិក", "Kadeuk"),
    (LunarMonth::Pathamasadh, "បឋមាសាឍ", "Pathamasadh"),
    (LunarMonth::Tutiyasadh, "ទុតិយាសាឍ", "Tutiyasadh"),
];

impl LunarMonth {
    fn index(self) -> usize {
        MONTHS
            .iter()
            .position(|(m, _, _)| *m == self)
            .expect("every month is listed")
    }

    pub fn khmer(self) -> &'static str {
        MONTHS[self.index()].1
    }

    pub fn english(self) -> &'static str {
        MONTHS[self.index()].2
    }

    /// Months alternate 29 and 30 days from មិគសិរ; ជេស្ឋ takes the leap
    /// day, and the two Asadhs of a leap-month year have 30 days each.
    pub fn days(self, kind: YearKind) -> u8 {
        match self {
            LunarMonth::Jesth if kind == YearKind::LeapDay => 30,
            LunarMonth::Pathamasadh | LunarMonth::Tutiyasadh => 30,
            m if m.index() % 2 == 0 => 29,
            _ => 30,
        }
    }

    pub fn next(self, kind: YearKind) -> LunarMonth {
        match self {
            LunarMonth::Jesth if kind == YearKind::LeapMonth => LunarMonth::Pathamasadh,
            LunarMonth::Pathamasadh => LunarMonth::Tutiyasadh,
            LunarMonth::Tutiyasadh => LunarMonth::Srap,
            LunarMonth::Kadeuk => LunarMonth::Migasir,
            m => MONTHS[m.index() + 1].0,
        }
    }
}

/// The twelve animals of the year cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Animal(u8);

const ANIMALS: [(&str, &str); 12] = [
    ("ជូត", "Rat"),
    ("ឆ្លូវ", "Ox"),
    ("ខាល", "Tiger"),
    ("ថោះ", "Rabbit"),
    ("រោង", "Dragon"),
    ("ម្សាញ់", "Snake"),
    ("មមី", "Horse"),
    ("មមែ", "Goat"),
    ("វក", "Monkey"),
    ("រកា", "Rooster"),
    ("ច", "Dog"),
    ("កុរ", "Pig"),
];

impl Animal {
    /// The animal of the year that began at the New Year of Gregorian
    /// `year` (2020 began a year of the Rat).
    pub fn begun_in(year: i32) -> Animal {
        Animal(u8::try_from((year - 2020).rem_euclid(12)).expect("below 12"))
    }

    pub fn khmer(self) -> &'static str {
        ANIMALS[usize::from(self.0)].0
    }

    pub fn english(self) -> &'static str {
        ANIMALS[usize::from(self.0)].1
    }
}

/// The era (ស័ក), named by the last digit of the Chulasakaraj year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Era(u8);

const ERAS: [&str; 10] = [
    "សំរឹទ្ធិស័ក",
    "ឯកស័ក",
    "ទោស័ក",
    "ត្រីស័ក",
    "ចត្វាស័ក",
    "បញ្ចស័ក",
    "ឆស័ក",
    "សប្តស័ក",
    "អដ្ឋស័ក",
    "នព្វស័ក",
];

impl Era {
    pub fn of_chulasakaraj(year: i32) -> Era {
        Era(u8::try_from(year.rem_euclid(10)).expect("a digit"))
    }

    pub fn khmer(self) -> &'static str {
        ERAS[usize::from(self.0)]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weekday(u8);

const WEEKDAYS: [&str; 7] = ["អាទិត្យ", "ចន្ទ", "អង្គារ", "ពុធ", "ព្រហស្បតិ៍", "សុក្រ", "សៅរ៍"];

impl Weekday {
    /// Julian day 0 was a Monday.
    pub fn of_jdn(jdn: i32) -> Weekday {
        Weekday(u8::try_from((jdn + 1).rem_euclid(7)).expect("below 7"))
    }

    pub fn khmer(self) -> &'static str {
        WEEKDAYS[usize::from(self.0)]
    }
}

impl Phase {
    pub fn khmer(self) -> &'static str {
        match self {
            Phase::Waxing => "កើត",
            Phase::Waning => "រោច",
        }
    }

    pub fn english(self) -> &'static str {
        match self {
            Phase::Waxing => "waxing",
            Phase::Waning => "waning",
        }
    }
}

impl LunarDay {
    /// `ថ្ងៃសៅរ៍ ៨កើត ខែមិគសិរ ឆ្នាំច សំរឹទ្ធិស័ក ព.ស.២៥៦២`
    pub fn khmer(&self) -> String {
        let day = format!(
            "ថ្ងៃ{} {}{} ខែ{}",
            self.weekday.khmer(),
            to_khmer_digits(&self.day.to_string()),
            self.phase.khmer(),
            self.month.khmer()
        );
        join(&[day, self.years.khmer()])
    }

    /// "8th waxing day of Migasir, Year of the Dog, B.E. 2562"
    pub fn english(&self) -> String {
        let day = format!(
            "{} {} day of {}",
            ordinal(self.day),
            self.phase.english(),
            self.month.english()
        );
        [day, self.years.english()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl LunarYears {
    /// The known counts, e.g. `ឆ្នាំច សំរឹទ្ធិស័ក ព.ស.២៥៦២`; empty when none
    /// is known.
    pub fn khmer(&self) -> String {
        let parts = [
            self.animal.map(|a| format!("ឆ្នាំ{}", a.khmer())),
            self.era.map(|e| e.khmer().to_string()),
            self.buddhist_era
                .map(|y| format!("ព.ស.{}", to_khmer_digits(&y.to_string()))),
        ];
        join(&parts.into_iter().flatten().collect::<Vec<_>>())
    }

    /// "Year of the Dog, B.E. 2562", without the era, as English writers
    /// give it; empty when neither is known.
    pub fn english(&self) -> String {
        let parts = [
            self.animal.map(|a| format!("Year of the {}", a.english())),
            self.buddhist_era.map(|y| format!("B.E. {y}")),
        ];
        parts.into_iter().flatten().collect::<Vec<_>>().join(", ")
    }
}

fn join(parts: &[String]) -> String {
    parts
        .iter()
        .filter(|s| !s.is_empty())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ")
}

fn ordinal(n: u8) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        let shown: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 15].map(ordinal).to_vec();
        assert_eq!(
            shown,
            ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "15th"]
        );
    }

    #[test]
    fn the_animal_cycle_is_anchored_on_a_known_year() {
        // 2024 began a year of the Dragon, 2018 a year of the Dog.
        assert_eq!(Animal::begun_in(2024).english(), "Dragon");
        assert_eq!(Animal::begun_in(2018).khmer(), "ច");
        assert_eq!(Animal::begun_in(1900).english(), "Rat");
    }

    #[test]
    fn year_counts_leave_out_what_is_unknown() {
        let years = LunarYears {
            animal: None,
            era: Some(Era::of_chulasakaraj(1380)),
            buddhist_era: Some(2562),
        };
        assert_eq!(years.khmer(), "សំរឹទ្ធិស័ក ព.ស.២៥៦២");
        assert_eq!(years.english(), "B.E. 2562");
    }
}
