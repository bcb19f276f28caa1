//! What a theme's templates may call.
//!
//! Themes arrive by pull request like content, and CI renders them with
//! secrets in its environment. Tera's `get_env` would print one into every
//! page, so templates may call only functions that compute from their
//! arguments. Each call is found in the template's text, to name its line;
//! the refused functions are also replaced in Tera itself, so a call the
//! scan missed still cannot read anything.

use std::collections::HashMap;

use crate::lines::LineIndex;

/// The functions a template may call: Tera's built-ins that neither read
/// the machine (`get_env`) nor make a build differ from the last (`now`,
/// `get_random`).
pub const ALLOWED: &[&str] = &["range", "throw"];

/// Tera's functions that read the environment or the clock.
const REFUSED: &[&str] = &["get_env", "now", "get_random"];

/// A call of a function a template may not use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub function: String,
    /// 1-based.
    pub line: usize,
    pub column: usize,
}

impl Call {
    pub fn reason(&self) -> crate::diagnostics::Message {
        use crate::diagnostics::{Message, Word};
        let why = match self.function.as_str() {
            "get_env" => Word::ReadsEnvironment,
            "now" | "get_random" => Word::DiffersEachBuild,
            _ => Word::NotPure,
        };
        Message::TemplateCalls {
            function: self.function.clone(),
            why,
        }
    }
}

/// Makes the refused functions fail if they are ever reached.
pub fn disarm(tera: &mut tera::Tera) {
    for name in REFUSED {
        tera.register_function(name, |_: &HashMap<String, tera::Value>| {
            Err(tera::Error::msg(
                "themes have no access to the environment or the clock",
            ))
        });
    }
}

/// Every call in `source` of a function outside [`ALLOWED`]. Filters
/// (`| name(…)`), tests (`is name(…)`), macro calls (`m::name(…)`) and
/// macro definitions are not function calls.
pub fn refused_calls(source: &str) -> Vec<Call> {
    let mut calls = Vec::new();
    let lines = LineIndex::new(source);
    let mut rest = source;
    let mut offset = 0;
    while let Some(open) = rest.find('{') {
        let after = &rest[open..];
        let close = match after.as_bytes().get(1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => "#}",
            _ => {
                offset += open + 1;
                rest = &rest[open + 1..];
                continue;
            }
        };
        let body_start = open + 2;
        let body_len = rest[body_start..]
            .find(close)
            .unwrap_or(rest.len() - body_start);
        if close != "#}" {
            let body = &rest[body_start..body_start + body_len];
            for (at, function) in calls_in(body) {
                if !ALLOWED.contains(&function) {
                    let (line, column) = lines.locate(offset + body_start + at);
                    calls.push(Call {
                        function: function.to_string(),
                        line,
                        column,
                    });
                }
            }
        }
        let consumed = (body_start + body_len + close.len()).min(rest.len());
        offset += consumed;
        rest = &rest[consumed..];
    }
    calls
}

/// The names called as functions in one tag's text, with their offsets.
fn calls_in(tag: &str) -> Vec<(usize, &str)> {
    let bytes = tag.as_bytes();
    let mut found = Vec::new();
    // The two significant tokens before the current one.
    let mut before: [&str; 2] = ["", ""];
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'"' || b == b'\'' || b == b'`' {
            i += tag[i + 1..]
                .find(b as char)
                .map_or(bytes.len(), |end| end + 2);
            before = [before[1], "\"\""];
        } else if b.is_ascii_alphabetic() || b == b'_' {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric()
                    || bytes[i] == b'_'
                    || tag[i..].starts_with("::"))
            {
                i += if tag[i..].starts_with("::") { 2 } else { 1 };
            }
            let name = &tag[start..i];
            let next = tag[i..].trim_start();
            let is_filter = before[1] == "|";
            let is_test = before[1] == "is" || (before[0] == "is" && before[1] == "not");
            let is_macro = name.contains("::") || before[1] == "macro";
            if next.starts_with('(') && !is_filter && !is_test && !is_macro {
                found.push((start, name));
            }
            before = [before[1], name];
        } else if b.is_ascii_whitespace() {
            i += 1;
        } else {
            before = [before[1], &tag[i..i + 1]];
            i += 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(source: &str) -> Vec<(String, usize, usize)> {
        refused_calls(source)
            .into_iter()
            .map(|c| (c.function, c.line, c.column))
            .collect()
    }

    #[test]
    fn finds_each_call_of_a_refused_function_with_its_place() {
        assert_eq!(
            names("<p>\n{{ get_env(name=\"SECRET_TOKEN\", default=\"\") }}</p>"),
            [("get_env".into(), 2, 4)]
        );
        assert_eq!(
            names("{% set t = get_env ( name='GITHUB_TOKEN' ) %}{{ t }}"),
            [("get_env".into(), 1, 12)]
        );
        assert_eq!(
            names("{{ now() | date }}{{ get_random(end=9) }}{{ load_data(path='/etc/passwd') }}"),
            [
                ("now".into(), 1, 4),
                ("get_random".into(), 1, 22),
                ("load_data".into(), 1, 45)
            ]
        );
        assert_eq!(
            names("{% if x %}{{ y ~ get_env(name=\"A\") }}{% endif %}"),
            [("get_env".into(), 1, 18)]
        );
    }

    #[test]
    fn filters_tests_macros_strings_and_comments_are_not_calls() {
        let source = r#"{% import "macros.html" as m %}
{% macro item(x, site) %}{{ x | truncate(length=5) }}{% endmacro item %}
{{ m::items(items=list, site=site) }}
{% for i in range(end=3) %}{% if i is divisibleby(2) %}{% if i is not containing("a") %}{% endif %}{% endif %}{% endfor %}
{{ "get_env(name='A')" }}{# get_env(name="A") #}
<p>get_env(name="A") in text is text</p>"#;
        assert_eq!(names(source), []);
    }

    #[test]
    fn a_disarmed_tera_refuses_the_environment_at_render_time() {
        let mut tera = tera::Tera::default();
        disarm(&mut tera);
        tera.add_raw_template("t", "{{ get_env(name=\"PATH\") }}")
            .unwrap();
        assert!(tera.render("t", &tera::Context::new()).is_err());
    }
}
