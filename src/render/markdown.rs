//! Markdown bodies to safe HTML: tables, footnotes, heading anchors and a
//! table of contents, then sanitised, because bodies arrive by pull request.

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::content::markdown::{ends_block, swallowing_tag, OPTIONS};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
    /// Level-3 headings under a level-2 one.
    pub children: Vec<Heading>,
}

#[derive(Debug, Clone)]
pub struct Rendered {
    pub html: String,
    /// Level-2 headings with their level-3 headings, for the table of
    /// contents.
    pub toc: Vec<Heading>,
}

/// Renders a body; `rewrite_link` maps a link destination to the URL to
/// publish, or `None` to keep it as written.
pub fn render(
    markdown: &str,
    allow_raw_html: bool,
    rewrite_link: &dyn Fn(&str) -> Option<String>,
) -> Rendered {
    let (events, toc) = anchor_headings(events(markdown, allow_raw_html, rewrite_link));
    let html = if allow_raw_html {
        let mut out = String::with_capacity(markdown.len() * 3 / 2);
        html::push_html(&mut out, events.into_iter());
        out
    } else {
        sanitised(events, markdown.len())
    };
    Rendered { html, toc }
}

/// A part of a body under one of its table of contents' headings (level 2
/// or 3), up to the next: what the search index keeps a record of, so that
/// a result leads to the heading holding the words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading's anchor, as the rendered page has it.
    pub id: String,
    pub heading: String,
    /// The text under the heading, without markup, blocks apart by a line
    /// break (as `content::markdown::plain_text` writes a body).
    pub text: String,
}

/// The body's sections, in order; the text before the first heading is in
/// none.
pub fn sections(markdown: &str, allow_raw_html: bool) -> Vec<Section> {
    let (events, _) = anchor_headings(events(markdown, allow_raw_html, &|_| None));
    let mut sections: Vec<Section> = Vec::new();
    let mut in_heading = false;
    for event in events {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2 | HeadingLevel::H3,
                id,
                ..
            }) => {
                sections.push(Section {
                    id: id.map(|id| id.to_string()).unwrap_or_default(),
                    heading: String::new(),
                    text: String::new(),
                });
                in_heading = true;
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2 | HeadingLevel::H3)) => {
                in_heading = false;
            }
            Event::Text(t) | Event::Code(t) => match sections.last_mut() {
                Some(section) if in_heading => section.heading.push_str(&t),
                Some(section) => section.text.push_str(&t),
                None => {}
            },
            Event::SoftBreak | Event::HardBreak => {
                if let Some(section) = sections.last_mut().filter(|_| !in_heading) {
                    section.text.push(' ');
                }
            }
            Event::End(end) if ends_block(&end) => {
                if let Some(section) = sections.last_mut() {
                    section.text.push('\n');
                }
            }
            _ => {}
        }
    }
    for section in &mut sections {
        section.heading = section.heading.trim().to_string();
    }
    sections.retain(|s| !s.id.is_empty() && !s.text.trim().is_empty());
    sections
}

/// The body's events as they are rendered: links rewritten, and raw HTML
/// that would swallow the page shown as text unless trusted.
fn events<'a>(
    markdown: &'a str,
    allow_raw_html: bool,
    rewrite_link: &dyn Fn(&str) -> Option<String>,
) -> Vec<Event<'a>> {
    Parser::new_ext(markdown, OPTIONS)
        .map(|mut event| {
            if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) =
                &mut event
            {
                if let Some(published) = rewrite_link(dest_url) {
                    *dest_url = CowStr::from(published);
                }
            }
            match event {
                Event::Html(html) | Event::InlineHtml(html)
                    if !allow_raw_html && swallowing_tag(&html).is_some() =>
                {
                    Event::Text(html)
                }
                event => event,
            }
        })
        .collect()
}

/// The HTML of `events`, sanitised block by block: a block holding raw
/// HTML is cleaned on its own, so that markup it leaves open (a `<table>`,
/// foreign `<math>` content) cannot swallow the blocks after it. Runs of
/// blocks without raw HTML are cleaned together, as pulldown-cmark wrote
/// them balanced.
fn sanitised(events: Vec<Event<'_>>, size_hint: usize) -> String {
    let mut out = String::with_capacity(size_hint * 3 / 2);
    let mut chunk: Vec<Event> = Vec::new();
    let mut block: Vec<Event> = Vec::new();
    let mut depth = 0usize;
    let mut raw = false;
    let flush = |events: &mut Vec<Event>, out: &mut String| {
        if !events.is_empty() {
            let mut html = String::new();
            html::push_html(&mut html, events.drain(..));
            out.push_str(&SANITIZER.clean(&html).to_string());
        }
    };
    for event in events {
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Html(_) | Event::InlineHtml(_) => raw = true,
            _ => {}
        }
        block.push(event);
        if depth == 0 {
            if raw {
                flush(&mut chunk, &mut out);
                flush(&mut block, &mut out);
                raw = false;
            } else {
                chunk.append(&mut block);
            }
        }
    }
    chunk.append(&mut block);
    flush(&mut chunk, &mut out);
    out
}

/// Gives every heading an id (its own `{#id}` if the author wrote one) and
/// collects the table of contents.
fn anchor_headings(mut events: Vec<Event<'_>>) -> (Vec<Event<'_>>, Vec<Heading>) {
    let mut toc = Vec::new();
    let mut used = HashSet::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i] {
            let level = *level;
            let explicit = id.as_ref().map(|id| id.to_string());
            let end = events[i..]
                .iter()
                .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
                .map_or(events.len(), |p| i + p);
            let text: String = events[i + 1..end]
                .iter()
                .filter_map(|e| match e {
                    Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                    _ => None,
                })
                .collect();
            let base = explicit.unwrap_or_else(|| anchor(&text));
            let mut unique = base.clone();
            let mut n = 1;
            while !used.insert(unique.clone()) {
                n += 1;
                unique = format!("{base}-{n}");
            }
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(unique.clone()));
            }
            if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                let heading = Heading {
                    level: level as u8,
                    id: unique,
                    text: text.trim().to_string(),
                    children: Vec::new(),
                };
                match (level, toc.last_mut()) {
                    (HeadingLevel::H3, Some(parent @ Heading { level: 2, .. })) => {
                        parent.children.push(heading)
                    }
                    _ => toc.push(heading),
                }
            }
            i = end;
        }
        i += 1;
    }
    (events, toc)
}

/// A readable fragment id in any script: whitespace and punctuation become
/// single hyphens, letters and Khmer marks stay.
pub fn anchor(text: &str) -> String {
    let mut id = String::new();
    for c in text.trim().chars() {
        if c.is_whitespace()
            || (c.is_ascii_punctuation() && c != '_')
            || matches!(c, '។' | '៖' | '«' | '»' | '\u{200B}')
        {
            if !id.is_empty() && !id.ends_with('-') {
                id.push('-');
            }
        } else {
            id.extend(c.to_lowercase());
        }
    }
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() {
        "section".into()
    } else {
        id
    }
}

/// Built once: a builder is a dozen hash sets, too many to fill per body.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(sanitizer);

/// Inline `style` is dropped too: the theme's Content-Security-Policy
/// forbids it, and content should not restyle the site.
fn sanitizer() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes(["id", "class"])
        .add_tags(["section", "figure", "figcaption", "mark"])
        .link_rel(None);
    builder
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::content::markdown::{links, plain_text};

    fn render_plain(markdown: &str, allow_raw_html: bool) -> Rendered {
        render(markdown, allow_raw_html, &|_| None)
    }

    #[test]
    fn links_are_rewritten() {
        let r = render("[a](../x.en.md) [b](https://e.org/)", false, &|url| {
            url.ends_with(".md").then(|| "/en/x/".to_string())
        });
        assert!(r.html.contains(r#"<a href="/en/x/">a</a>"#), "{}", r.html);
        assert!(
            r.html.contains(r#"<a href="https://e.org/">b</a>"#),
            "{}",
            r.html
        );
    }

    #[test]
    fn footnotes_and_tables_render() {
        let r = render_plain(
            "Text[^1].\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: http://example.org/",
            false,
        );
        assert!(r.html.contains("<table>"), "{}", r.html);
        assert!(r.html.contains("footnote-reference"), "{}", r.html);
        assert!(r.html.contains("footnote-definition"), "{}", r.html);
    }

    #[test]
    fn sections_hold_the_text_under_each_heading_with_its_anchor() {
        let body = "Intro.\n\n## First\n\nOne *two*.\n\n#### Deeper\n\nThree.\n\n## First\n\n### សេចក្តីសង្ខេប\n\nបួន\n";
        let found = sections(body, false);
        let rendered = render(body, false, &|_| None);
        let ids: Vec<&str> = found.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["first", "សេចក្តីសង្ខេប"], "{found:?}");
        for id in ids {
            assert!(
                rendered.html.contains(&format!("id=\"{id}\"")),
                "{id} is not an anchor of the page"
            );
        }
        assert_eq!(found[0].heading, "First");
        assert_eq!(found[0].text, "One two.\nDeeper\nThree.\n");
        assert_eq!(found[1].text, "បួន\n");
    }

    #[test]
    fn headings_get_unique_anchors_and_toc() {
        let r = render_plain("## Summary\n\n## Summary\n\n### សេចក្តីសង្ខេប\n", false);
        assert!(r.html.contains("<h2 id=\"summary\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"summary-2\">"), "{}", r.html);
        assert_eq!(r.toc.len(), 2);
        assert_eq!(r.toc[1].children[0].id, "សេចក្តីសង្ខេប");
    }

    #[test]
    fn scripts_and_handlers_are_removed() {
        let r = render_plain("<script>window.__pwned=1</script>\n\n<a href=\"javascript:alert(1)\" onclick=\"x()\">x</a> <img src=x onerror=alert(1) alt=\"a\">", false);
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("javascript:"), "{}", r.html);
        assert!(!r.html.contains("onclick"), "{}", r.html);
        assert!(!r.html.contains("onerror"), "{}", r.html);
        assert!(r.html.contains("alt=\"a\""), "{}", r.html);
    }

    #[test]
    fn harmless_formatting_stays() {
        let r = render_plain(
            "E = mc<sup>2</sup>, <abbr title=\"National Election Committee\">NEC</abbr>",
            false,
        );
        assert!(r.html.contains("<sup>2</sup>"), "{}", r.html);
        assert!(
            r.html
                .contains("<abbr title=\"National Election Committee\">"),
            "{}",
            r.html
        );
    }
}
