//! The Khmer New Year (Moha Songkran) and Lerng Sak of a Gregorian year,
//! by the soriyatra method: the sun's true place on the last days of the
//! old year gives the moment of the New Year and the number of its days;
//! the bodithey gives the lunar date of Lerng Sak, its last day.
//!
//! Learnt from momentkh 3.0.3 (`getSunInfo`, `getNewYearInfo`,
//! `getNewYearFullInfo`) and chhankitek (`SoriyatraLerngSak.php`); see
//! `arithmetic.rs`. Angles are in libda: 60 libda to the angsar (degree),
//! 30 angsar to the reasey (sign).

use super::arithmetic::{wants_leap_day, wants_leap_month, YearFigures};

const LIBDA_PER_ANGSAR: i64 = 60;
const LIBDA_PER_REASEY: i64 = 30 * LIBDA_PER_ANGSAR;
const CIRCLE: i64 = 12 * LIBDA_PER_REASEY;

/// A place on the ecliptic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    reasey: i64,
    angsar: i64,
    libda: i64,
}

impl Place {
    fn of(libda: i64) -> Place {
        let libda = libda.rem_euclid(CIRCLE);
        Place {
            reasey: libda / LIBDA_PER_REASEY,
            angsar: libda % LIBDA_PER_REASEY / LIBDA_PER_ANGSAR,
            libda: libda % LIBDA_PER_ANGSAR,
        }
    }
}

/// The sun's true place at the end of day `sotin` of the solar year
/// following Chulasakaraj year `js - 1`.
fn sun(js: i64, sotin: i64) -> Place {
    let remainder = 800 * sotin + YearFigures::chulasakaraj(js - 1).kromathupul;
    let reasey = remainder / 24_350;
    let angsar = remainder % 24_350 / 811;
    let libda = remainder % 24_350 % 811 / 14 - 3;
    let mean = LIBDA_PER_REASEY * reasey + LIBDA_PER_ANGSAR * angsar + libda;

    // The distance from the sun's apogee (2 reasey 20 angsar), folded into
    // the first quadrant, gives the equation of centre (phol).
    let anomaly = (mean - (2 * LIBDA_PER_REASEY + 20 * LIBDA_PER_ANGSAR)).rem_euclid(CIRCLE);
    let kaen = anomaly / LIBDA_PER_REASEY;
    // Near the New Year the sun is 9 signs past its apogee, so only the last
    // arm is ever taken; the others complete the method (both references
    // write `kaen` for `anomaly` in the first, which no New Year reaches).
    let folded = Place::of(match kaen {
        0..=2 => anomaly,
        3..=5 => 6 * LIBDA_PER_REASEY - anomaly,
        6..=8 => anomaly - 6 * LIBDA_PER_REASEY,
        _ => CIRCLE - anomaly,
    });
    let (khan, pouichalip) = if folded.angsar >= 15 {
        (
            2 * folded.reasey + 1,
            LIBDA_PER_ANGSAR * (folded.angsar - 15) + folded.libda,
        )
    } else {
        (
            2 * folded.reasey,
            LIBDA_PER_ANGSAR * folded.angsar + folded.libda,
        )
    };
    // The chhaya table: for each half-sign, the rate and the sum so far.
    const CHHAYA: [(i64, i64); 6] = [(35, 0), (32, 35), (27, 67), (22, 94), (13, 116), (5, 129)];
    let (rate, sum) = usize::try_from(khan)
        .ok()
        .and_then(|k| CHHAYA.get(k).copied())
        .unwrap_or((0, 134));
    let phol = pouichalip * rate / 900 + sum;
    Place::of(if kaen <= 5 { mean - phol } else { mean + phol })
}

/// When the New Year begins and how long it lasts, before it is placed
/// on the Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Songkran {
    /// Local time of the moment the sun enters Aries (the devata arrives).
    pub hour: u8,
    pub minute: u8,
    /// 3 or 4: Moha Songkran, one or two Vanabat days, Lerng Sak.
    pub days: u8,
    /// Lerng Sak as a lunar date: ចេត្រ (false) or ពិសាខ (true), and the
    /// day of the month counted from 0.
    pub lerng_sak_in_pisakh: bool,
    pub lerng_sak_day: u8,
}

/// The New Year that begins Chulasakaraj year `js`.
pub fn songkran(js: i64) -> Songkran {
    let first_sotin = if YearFigures::chulasakaraj(js - 1).solar_leap() {
        363
    } else {
        362
    };
    let places: Vec<Place> = (first_sotin..first_sotin + 4).map(|s| sun(js, s)).collect();
    let minutes = places
        .iter()
        .find(|p| p.angsar == 0)
        .map_or(0, |p| 24 * 60 - p.libda * 24);
    let vanabat = if places[0].angsar == 0 { 2 } else { 1 };

    let figures = YearFigures::chulasakaraj;
    let prev_both = wants_leap_month(figures(js - 1), figures(js))
        && wants_leap_day(figures(js - 2), figures(js - 1), figures(js));
    let bodithey = (figures(js).bodithey + i64::from(prev_both)) % 30;
    let (in_pisakh, day) = if bodithey >= 6 {
        (false, bodithey - 1)
    } else {
        (true, bodithey)
    };
    Songkran {
        hour: u8::try_from(minutes / 60 % 24).expect("hours of a day"),
        minute: u8::try_from(minutes % 60).expect("minutes of an hour"),
        days: vanabat + 2,
        lerng_sak_in_pisakh: in_pisakh,
        lerng_sak_day: u8::try_from(day).expect("a day of a lunar month"),
    }
}
