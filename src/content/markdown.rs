//! Markdown read, not rendered: the links of a body, its plain text, the
//! raw HTML in it that sanitising could not keep. Checks, the search index
//! and rendering all read bodies this way, with the same options.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The Markdown every body is read with.
pub const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

/// Every link and image destination of a body, with its byte offset.
pub fn links(markdown: &str) -> Vec<(String, usize)> {
    Parser::new_ext(markdown, OPTIONS)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some((dest_url.to_string(), range.start))
            }
            _ => None,
        })
        .collect()
}

/// Raw HTML that would make the sanitiser drop what follows it: elements
/// whose content the HTML parser reads as raw text or foreign markup
/// (`<style>`, `<script>`, `<textarea>`, `<math>`, `<svg>`…), and comments
/// or CDATA that are not closed. Where raw HTML is not trusted, such HTML
/// is shown as text instead, so that no paragraph after it vanishes; `check`
/// warns about each. Returns the tag as written.
pub fn swallowing_tag(html: &str) -> Option<&str> {
    const ELEMENTS: [&str; 17] = [
        "style",
        "script",
        "textarea",
        "title",
        "xmp",
        "iframe",
        "noembed",
        "noframes",
        "noscript",
        "plaintext",
        "math",
        "svg",
        "template",
        "select",
        "object",
        "embed",
        "frameset",
    ];
    let lower = html.to_ascii_lowercase();
    if let Some(i) = lower.find("<!--") {
        if !lower[i..].contains("-->") {
            return Some(&html[i..i + 4]);
        }
    }
    if let Some(i) = lower.find("<![cdata[") {
        return Some(&html[i..i + 9]);
    }
    let mut rest = 0;
    while let Some(i) = lower[rest..].find('<') {
        let start = rest + i + 1;
        let name_len = lower[start..]
            .bytes()
            .take_while(u8::is_ascii_alphanumeric)
            .count();
        if ELEMENTS.contains(&&lower[start..start + name_len]) {
            return Some(&html[start - 1..start + name_len]);
        }
        rest = start;
    }
    None
}

/// Raw HTML of a body that is shown as text rather than sanitised (see
/// [`swallowing_tag`]), with its byte offset.
pub fn raw_html_shown_as_text(markdown: &str) -> Vec<(String, usize)> {
    if !markdown.contains('<') {
        return Vec::new();
    }
    Parser::new_ext(markdown, OPTIONS)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                swallowing_tag(&html).map(|tag| (tag.to_string(), range.start))
            }
            _ => None,
        })
        .collect()
}

/// Whether `end` closes a block, whose text stands apart from the next
/// block's; an inline end (emphasis, a link) does not.
pub fn ends_block(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::FootnoteDefinition
    )
}

/// The text of a body without markup, for the search index. Raw HTML is
/// dropped, not indexed.
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, OPTIONS) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            // Block ends separate text; inline ends (emphasis, links) must
            // not, or a phrase would be cut where the author styled a word.
            Event::End(end) if ends_block(&end) => text.push('\n'),
            _ => {}
        }
    }
    text
}
