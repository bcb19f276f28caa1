//! The theme's Tera templates, compiled once per build.

use super::sandbox;
use crate::confine::Root;
use crate::diagnostics::{display_path, Diagnostic, Diagnostics, Message};

pub struct Templates {
    tera: tera::Tera,
}

/// A template failed to render; the message walks Tera's error chain, whose
/// first line alone rarely says what went wrong.
#[derive(Debug, thiserror::Error)]
#[error("template `{template}`: {message}")]
pub struct RenderError {
    pub template: String,
    pub message: String,
}

impl Templates {
    pub fn load(theme: &Root) -> Result<Templates, Diagnostics> {
        let folder = theme.path().join("templates");
        let mut files = Vec::new();
        let mut problems = Diagnostics::default();
        let entries = std::fs::read_dir(&folder).map_err(|e| {
            Diagnostics::from_iter([Diagnostic::error(
                display_path(&folder),
                Message::CannotReadTemplates {
                    detail: e.to_string(),
                },
            )
            .hint(Message::ThemeHint)])
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "html" || e == "xml") {
                let name = path
                    .file_name()
                    .expect("a file")
                    .to_string_lossy()
                    .into_owned();
                match theme.read(&path).map(String::from_utf8) {
                    Ok(Ok(source)) => {
                        for call in sandbox::refused_calls(&source) {
                            problems.push(
                                Diagnostic::error(display_path(&path), call.reason())
                                    .at(call.line, call.column)
                                    .hint(Message::ThemeMayCall {
                                        allowed: sandbox::ALLOWED.join(", "),
                                    }),
                            );
                        }
                        files.push((name, source));
                    }
                    Ok(Err(_)) => problems.push(Diagnostic::error(
                        display_path(&path),
                        Message::TemplateNotUtf8,
                    )),
                    Err(e) => problems.push(Diagnostic::error(
                        display_path(&path),
                        Message::TheFile { why: e.word() },
                    )),
                }
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        let mut tera = tera::Tera::default();
        sandbox::disarm(&mut tera);
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape_html);
        tera.add_raw_templates(files).map_err(|e| {
            Diagnostics::from_iter([Diagnostic::error(
                display_path(&folder),
                Message::TemplateDoesNotCompile { detail: chain(&e) },
            )])
        })?;
        Ok(Templates { tera })
    }

    pub fn render(&self, template: &str, context: &tera::Context) -> Result<String, RenderError> {
        self.tera
            .render(template, context)
            .map_err(|e| RenderError {
                template: template.to_string(),
                message: chain(&e),
            })
    }
}

/// Escapes what HTML and XML need escaped, in text and in quoted
/// attributes. Tera's default also escapes `/`, which bloats every URL.
/// Every string a template prints passes through here, and most need no
/// escaping, so it copies the runs between special characters whole.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    let mut rest = input;
    while let Some(i) = rest.bytes().position(|b| entity(b).is_some()) {
        out.push_str(&rest[..i]);
        out.push_str(entity(rest.as_bytes()[i]).expect("found above"));
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
    out
}

fn entity(byte: u8) -> Option<&'static str> {
    match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    }
}

fn chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        message.push_str(": ");
        message.push_str(&e.to_string());
        source = e.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes_but_not_slashes() {
        assert_eq!(
            escape_html(r#"<a href="/x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;/x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
        assert_eq!(escape_html("ក្រុម & co"), "ក្រុម &amp; co");
        assert_eq!(escape_html(""), "");
    }
}
