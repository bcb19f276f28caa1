//! The theme's Tera templates, compiled once per build.

use std::path::Path;

use crate::diagnostics::{display_path, Diagnostic, Diagnostics};

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
    pub fn load(theme_dir: &Path) -> Result<Templates, Diagnostics> {
        let folder = theme_dir.join("templates");
        let mut files = Vec::new();
        let entries = std::fs::read_dir(&folder).map_err(|e| {
            Diagnostics::from_iter([Diagnostic::error(display_path(&folder), format!("cannot read the theme's templates: {e}"))
                .hint("a site picks its theme with `theme = \"…\"` in site.toml; its templates live in themes/<theme>/templates/")])
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "html" || e == "xml") {
                let name = path
                    .file_name()
                    .expect("a file")
                    .to_string_lossy()
                    .into_owned();
                files.push((path, Some(name)));
            }
        }
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape_html);
        tera.add_template_files(files).map_err(|e| {
            Diagnostics::from_iter([Diagnostic::error(
                display_path(&folder),
                format!("a template does not compile: {}", chain(&e)),
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
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
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
