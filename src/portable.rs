//! Names that every system the archive is checked out on can hold. The
//! archive lives in git and is edited on Windows too, where a file named
//! `aux`, `con.pdf` or `nul.en.md` (any case, any extension) names a device
//! and a name ending in a dot or a space loses it: git cannot check such a
//! file out, so one pull request would break every Windows clone; and the
//! published folder (`en/reports/aux/`) could not be copied there either.

use crate::diagnostics::Word;

/// The device names Windows reserves, whatever follows them after a dot.
const DEVICES: [&str; 4] = ["con", "prn", "aux", "nul"];

/// Why Windows cannot hold `name` (one path component), with a name it
/// can, or `None` when it can.
pub fn windows_problem(name: &str) -> Option<(Word, String)> {
    if name.ends_with(['.', ' ']) {
        return Some((
            Word::TrailingDot,
            name.trim_end_matches(['.', ' ']).to_string(),
        ));
    }
    let (base, rest) = name.split_at(name.find('.').unwrap_or(name.len()));
    let device = base.trim_end_matches(' ').to_ascii_lowercase();
    let numbered = |prefix: &str| {
        device
            .strip_prefix(prefix)
            .is_some_and(|n| n.len() == 1 && n.as_bytes()[0].is_ascii_digit())
    };
    if DEVICES.contains(&device.as_str()) || numbered("com") || numbered("lpt") {
        return Some((
            Word::DeviceName,
            format!("{}-1{rest}", base.trim_end_matches(' ')),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_names_with_any_extension_and_case_are_refused() {
        for (name, suggested) in [
            ("aux", "aux-1"),
            ("AUX", "AUX-1"),
            ("con.pdf", "con-1.pdf"),
            ("Nul.en.md", "Nul-1.en.md"),
            ("prn.tar.gz", "prn-1.tar.gz"),
            ("com1", "com1-1"),
            ("LPT9.txt", "LPT9-1.txt"),
            ("com0", "com0-1"),
            ("aux .txt", "aux-1.txt"),
        ] {
            assert_eq!(
                windows_problem(name).map(|(_, s)| s),
                Some(suggested.to_string()),
                "{name}"
            );
        }
    }

    #[test]
    fn trailing_dots_and_spaces_are_refused() {
        assert_eq!(windows_problem("report.").unwrap().1, "report");
        assert_eq!(windows_problem("files ").unwrap().1, "files");
    }

    #[test]
    fn names_that_only_look_alike_pass() {
        for name in [
            "auxiliary",
            "con-2023",
            "com10",
            "lpt",
            "nul-vote.pdf",
            "comx.pdf",
            "a.aux",
        ] {
            assert_eq!(windows_problem(name), None, "{name}");
        }
    }
}
