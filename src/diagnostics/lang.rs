//! The language `check` and the other commands speak: chosen by `--lang`,
//! else by the system's locale, else by the site's default language.

use std::fmt;

/// A language the messages are written in. Every message of the catalogue
/// exists in each of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    Km,
    #[default]
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Km, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Km => "km",
            Lang::En => "en",
        }
    }

    /// `km`, `km-KH`, `km_KH.UTF-8`, `en`, `en_US.UTF-8` …
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase();
        let primary = tag.split(['_', '-', '.', '@']).next().unwrap_or("");
        match primary {
            "km" => Some(Lang::Km),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language the system's locale asks for, read as POSIX does:
    /// `LC_ALL`, then `LC_MESSAGES`, then `LANG`; the first one set decides.
    /// `C`, `POSIX` and languages without a catalogue decide nothing, so a
    /// CI runner's `C.UTF-8` leaves the choice to the site.
    pub fn from_locale(get: impl Fn(&str) -> Option<String>) -> Option<Lang> {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(|name| get(name).filter(|v| !v.is_empty()))
            .next()
            .and_then(|value| Lang::from_tag(&value))
    }

    /// `--lang`, else the locale, else the site's default language, else
    /// English.
    pub fn choose(flag: Option<Lang>, site_default: Option<&str>) -> Lang {
        flag.or_else(|| Lang::from_locale(|name| std::env::var(name).ok()))
            .or_else(|| site_default.and_then(Lang::from_tag))
            .unwrap_or_default()
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_locale_is_read_as_posix_does() {
        assert_eq!(
            Lang::from_locale(env(&[("LANG", "km_KH.UTF-8")])),
            Some(Lang::Km)
        );
        assert_eq!(
            Lang::from_locale(env(&[("LANG", "km_KH.UTF-8"), ("LC_ALL", "en_US.UTF-8")])),
            Some(Lang::En)
        );
        assert_eq!(
            Lang::from_locale(env(&[("LANG", "en_GB"), ("LC_MESSAGES", "km")])),
            Some(Lang::Km)
        );
        assert_eq!(Lang::from_locale(env(&[("LANG", "C.UTF-8")])), None);
        assert_eq!(Lang::from_locale(env(&[])), None);
    }

    #[test]
    fn a_flag_wins_over_the_site() {
        assert_eq!(Lang::choose(Some(Lang::Km), Some("en")), Lang::Km);
    }
}
