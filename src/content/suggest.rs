//! What a contributor most likely meant, for the hints: the key of a
//! taxonomy they wrote as its label (`សេចក្តីប្រកាស`, `Announcement`,
//! `NEC`), and their own date in the form the archive takes (`15/03/2021`,
//! `២០២៣-០៦-២២`).

use crate::config::{Config, Taxonomy};
use crate::diagnostics::{closest, Message};

use super::date::PartialDate;

/// The declared key `written` stands for: the key in other capitals, or
/// one of its labels in any language (spaces and case aside).
pub fn key_for<'a>(config: &'a Config, taxonomy: Taxonomy, written: &str) -> Option<&'a str> {
    let wanted = normalise(written);
    config
        .taxonomy(taxonomy)
        .iter()
        .find(|(key, labels)| {
            normalise(key) == wanted || labels.values().any(|label| normalise(label) == wanted)
        })
        .map(|(key, _)| key.as_str())
}

fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The hint for an undeclared taxonomy value: the key it stands for with
/// its label in the message's languages' first, else the closest key, else
/// where to declare it.
pub fn term_hint(config: &Config, taxonomy: Taxonomy, written: &str) -> Message {
    let declared = config.taxonomy(taxonomy);
    if let Some(key) = key_for(config, taxonomy, written) {
        return Message::WriteKey {
            key: key.to_string(),
            label: label_of(config, taxonomy, key),
        };
    }
    match closest(written, declared.keys().map(String::as_str)) {
        Some(key) => Message::DidYouMean {
            key: key.to_string(),
        },
        None => Message::DeclareIt {
            table: taxonomy.table().into(),
        },
    }
}

/// `សេចក្តីប្រកាស / Announcement`: a key's labels, each language once.
fn label_of(config: &Config, taxonomy: Taxonomy, key: &str) -> String {
    let mut labels: Vec<&str> = config
        .language_codes()
        .map(|code| config.label(taxonomy, key, code))
        .filter(|label| *label != key)
        .collect();
    labels.dedup();
    labels.join(" / ")
}

/// `written` as the archive writes dates, when it is a date written
/// otherwise: in Khmer digits, as DD/MM/YYYY or DD.MM.YYYY or DD-MM-YYYY,
/// or with one-digit months and days. `None` when it is no date.
pub fn date_in_form(written: &str) -> Option<String> {
    let ascii: String = written
        .trim()
        .chars()
        .map(|c| match c {
            '០'..='៩' => char::from_digit(c as u32 - '០' as u32, 10).expect("a digit"),
            _ => c,
        })
        .collect();
    let parts: Vec<&str> = ascii
        .split(['/', '.', '-', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let number = |p: &str| p.parse::<u16>().ok();
    let candidate = match parts.as_slice() {
        [y] if y.len() == 4 => y.to_string(),
        [y, m] if y.len() == 4 => format!("{y}-{:02}", number(m)?),
        [m, y] if y.len() == 4 => format!("{y}-{:02}", number(m)?),
        [y, m, d] if y.len() == 4 => format!("{y}-{:02}-{:02}", number(m)?, number(d)?),
        // Cambodia writes the day first.
        [d, m, y] if y.len() == 4 => format!("{y}-{:02}-{:02}", number(m)?, number(d)?),
        _ => return None,
    };
    (candidate != written.trim() && PartialDate::parse(&candidate).is_ok()).then_some(candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_given_back_in_the_archives_form() {
        assert_eq!(date_in_form("15/03/2021").as_deref(), Some("2021-03-15"));
        assert_eq!(date_in_form("២០២៣-០៦-២២").as_deref(), Some("2023-06-22"));
        assert_eq!(date_in_form("២២/០៦/២០២៣").as_deref(), Some("2023-06-22"));
        assert_eq!(date_in_form("2023-6-1").as_deref(), Some("2023-06-01"));
        assert_eq!(date_in_form("22.06.2023").as_deref(), Some("2023-06-22"));
        assert_eq!(date_in_form("2023-06-22"), None);
        // 31/02 is no date: no guess is offered.
        assert_eq!(date_in_form("31/02/2021"), None);
        assert_eq!(date_in_form("June 2023"), None);
    }
}
