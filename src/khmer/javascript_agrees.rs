//! The browser splits and folds Khmer text as this crate does (search terms
//! are built on both sides), and its scripts write the Khmer character
//! ranges out again: every character class and code-point test on Khmer
//! characters in `themes/default/static/js/*.js` must be one of the sets
//! defined here in Rust.

use std::collections::BTreeSet;
use std::path::Path;

use super::cluster::{is_base, is_khmer, is_khmer_script, is_mark, leading_khmer, COENG, RO};
use super::normalize::{is_invisible, mark_class};
use super::numerals::to_khmer_digits;

type Set = BTreeSet<u32>;

/// The code points a script's Khmer tests are read over: the Khmer and
/// Khmer Symbols blocks.
fn universe() -> impl Iterator<Item = char> {
    ('\u{1780}'..='\u{17FF}').chain('\u{19E0}'..='\u{19FF}')
}

fn set_of(test: impl Fn(char) -> bool) -> Set {
    universe().filter(|&c| test(c)).map(u32::from).collect()
}

/// The sets the scripts may write, each named by what defines it.
fn rust_sets() -> Vec<(&'static str, Set)> {
    let digits: String = to_khmer_digits("0123456789");
    vec![
        ("cluster::is_base", set_of(is_base)),
        ("cluster::is_mark", set_of(is_mark)),
        ("cluster::is_khmer", set_of(is_khmer)),
        ("cluster::is_khmer_script", set_of(is_khmer_script)),
        (
            "cluster::leading_khmer (the Khmer block)",
            set_of(|c| leading_khmer(c.to_string().as_bytes()) == Some(c)),
        ),
        ("cluster::COENG", set_of(|c| c == COENG)),
        ("cluster::RO", set_of(|c| c == RO)),
        ("normalize::is_invisible", set_of(is_invisible)),
        (
            "normalize::mark_class 2 (vowels)",
            set_of(|c| mark_class(c, None) == 2),
        ),
        (
            "normalize::mark_class 3 (shifters, robat)",
            set_of(|c| mark_class(c, None) == 3),
        ),
        ("numerals::to_khmer_digits", set_of(|c| digits.contains(c))),
    ]
}

/// Where the scripts are known to write a set of their own, with why; each
/// must still be found, so that the list goes once the script is fixed.
const KNOWN: &[(&str, &str, &str)] = &[];

/// A Khmer test found in a script: where, as written, and its code points
/// in [`universe`].
#[derive(Debug)]
struct Found {
    file: String,
    line: usize,
    text: String,
    set: Set,
}

#[test]
fn the_scripts_khmer_ranges_are_the_rusts() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/js");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&folder).expect("the theme's scripts") {
        let path = entry.expect("a script").path();
        if path.extension().is_some_and(|e| e == "js") {
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).expect("a script is text");
            found.extend(khmer_tests(&file, &text));
        }
    }
    for script in ["tokenize.js", "search.js", "search-engine.js"] {
        assert!(
            found.iter().any(|f| f.file == script),
            "no Khmer ranges read in {script}: {found:#?}"
        );
    }
    let sets = rust_sets();
    let mut problems = Vec::new();
    for f in &found {
        let agrees = sets.iter().any(|(_, set)| *set == f.set);
        let known = KNOWN
            .iter()
            .any(|(file, text, _)| *file == f.file && f.text.contains(text));
        if !agrees && !known {
            problems.push(format!(
                "{}:{}: `{}` is none of the Rust sets ({})",
                f.file,
                f.line,
                f.text,
                sets.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
            ));
        }
    }
    for (file, text, why) in KNOWN {
        let still = found.iter().any(|f| {
            f.file == *file && f.text.contains(text) && !sets.iter().any(|(_, s)| *s == f.set)
        });
        if !still {
            problems.push(format!(
                "{file}: `{text}` ({why}) is gone or agrees now: remove it from KNOWN"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every regular-expression character class that names a Khmer character
/// by its escape, and every line that compares character codes with Khmer
/// ones (`c >= 0x1780 && c <= 0x17b3`, `c === 0x17dc`, `COENG = 0x17d2`).
fn khmer_tests(file: &str, text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let mut push = |text: &str, set: Set| {
            if !set.is_empty() {
                found.push(Found {
                    file: file.to_string(),
                    line: number + 1,
                    text: text.to_string(),
                    set,
                });
            }
        };
        for class in character_classes(line) {
            if class.contains(r"\u17") || class.contains(r"\u19") {
                push(class, class_set(class));
            }
        }
        if line.contains("0x17") || line.contains("0x19") {
            push(line.trim(), compared_codes(line));
        }
    }
    found
}

/// The `[…]` of a line, as written, brackets included; escaped brackets
/// are not taken for the ends of a class.
fn character_classes(line: &str) -> Vec<&str> {
    let mut classes = Vec::new();
    let mut start = None;
    let mut escaped = false;
    for (at, c) in line.char_indices() {
        match (escaped, c, start) {
            (true, ..) => escaped = false,
            (false, '\\', _) => escaped = true,
            (false, '[', None) => start = Some(at),
            (false, ']', Some(from)) => {
                classes.push(&line[from..=at]);
                start = None;
            }
            _ => {}
        }
    }
    classes
}

/// The code points of [`universe`] a class lists (negated or not: the
/// scripts negate the very sets they test for). Class escapes (`\s`,
/// `\p{M}`) name no Khmer character and are skipped.
fn class_set(class: &str) -> Set {
    let body = class[1..class.len() - 1].trim_start_matches('^');
    let mut points = Vec::new();
    let mut chars = body.chars().peekable();
    let mut range_from = None;
    while let Some(c) = chars.next() {
        let point = match c {
            '\\' => match chars.next() {
                Some('u') => {
                    let hex: String = chars.by_ref().take(4).collect();
                    Some(u32::from_str_radix(&hex, 16).expect("\\u and four hex digits"))
                }
                Some('p' | 'P') => {
                    chars.by_ref().find(|&c| c == '}');
                    None
                }
                Some(other) if other.is_ascii_alphabetic() => None,
                Some(other) => Some(u32::from(other)),
                None => None,
            },
            '-' if !points.is_empty() && chars.peek().is_some() => {
                range_from = points.pop();
                continue;
            }
            c => Some(u32::from(c)),
        };
        let Some(point) = point else {
            range_from = None;
            continue;
        };
        match range_from.take() {
            Some(from) => points.extend(from..=point),
            None => points.push(point),
        }
    }
    let khmer = set_of(|_| true);
    points.into_iter().filter(|p| khmer.contains(p)).collect()
}

/// The codes a line compares a character with: `>= A && … <= B` ranges,
/// and `=== C` or `= C` for one code.
fn compared_codes(line: &str) -> Set {
    let hex_after = |rest: &str| -> Option<u32> {
        let digits = rest.trim_start().strip_prefix("0x")?;
        let digits: String = digits.chars().take_while(char::is_ascii_hexdigit).collect();
        u32::from_str_radix(&digits, 16).ok()
    };
    let mut set = Set::new();
    let mut from = None;
    let mut rest = line;
    while let Some(at) = rest.find(['>', '<', '=']) {
        let operator: String = rest[at..]
            .chars()
            .take_while(|c| matches!(c, '>' | '<' | '='))
            .collect();
        rest = &rest[at + operator.len()..];
        let Some(code) = hex_after(rest) else {
            continue;
        };
        match operator.as_str() {
            ">=" => from = Some(code),
            "<=" => set.extend(from.take().unwrap_or(code)..=code),
            "===" | "==" | "=" => {
                set.insert(code);
            }
            _ => {}
        }
    }
    let khmer = set_of(|_| true);
    set.retain(|p| khmer.contains(p));
    set
}

#[test]
fn classes_and_comparisons_are_read_as_written() {
    let set = |points: &[u32]| points.iter().copied().collect::<Set>();
    assert_eq!(
        character_classes(r"/[\u1780-\u17b3\u17dc](?:\u17d2[\u1780-\u17b3])*|[\s\]x]/"),
        [r"[\u1780-\u17b3\u17dc]", r"[\u1780-\u17b3]", r"[\s\]x]"]
    );
    let mut base: Vec<u32> = (0x1780..=0x17B3).collect();
    base.push(0x17DC);
    assert_eq!(class_set(r"[\u1780-\u17b3\u17dc]"), set(&base));
    assert_eq!(class_set(r"[^\u17dd\s\p{M}a-z]"), set(&[0x17DD]));
    assert_eq!(
        compared_codes("(c >= 0x17b4 && c <= 0x17b6) || c === 0x17dd;"),
        set(&[0x17B4, 0x17B5, 0x17B6, 0x17DD])
    );
    assert_eq!(compared_codes("const COENG = 0x17d2;"), set(&[0x17D2]));
}
