//! Property tests over loading and rendering: whatever a contributor
//! writes, sastra answers with a document or diagnostics, never a panic.
//! Bounded (a few hundred cases each) so the suite stays fast; raise
//! PROPTEST_CASES to search longer.

use std::path::Path;

use proptest::prelude::*;
use sastra::config::Config;
use sastra::content::document;
use sastra::content::ContentPath;
use sastra::render::markdown;
use sastra::search::tokens::tokenize;

fn config() -> Config {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic/site.toml"),
    )
    .unwrap();
    Config::parse(Path::new("/nonexistent"), &text).unwrap()
}

/// Pieces that exercise the parsers' edge cases more often than random
/// characters would.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---\n".to_string()),
        Just("\r\n".to_string()),
        Just("title: ".to_string()),
        Just("date: 2023-02-29\n".to_string()),
        Just("tags: [ballot, x]\n".to_string()),
        Just("attachments:\n  - file: ../x\n    title: t\n".to_string()),
        Just("&a [*a]".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("[^1]\n\n[^1]: note".to_string()),
        Just("| a | b |\n|---|---|\n".to_string()),
        Just("> > > ".to_string()),
        Just("សិទិ្ធ\u{200B}ការបោះឆ្នោត".to_string()),
        Just("\u{17D2}\u{17D2}\u{17B6}".to_string()),
        Just("\u{FEFF}".to_string()),
        "\\PC{0,12}",
        any::<String>(),
    ]
}

fn document_text() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..24).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn loading_never_panics(text in document_text()) {
        let config = config();
        let location = ContentPath { section: "announcements".into(), slug: "x".into(), lang: "en".into() };
        let (document, problems) = document::parse(&config, Path::new("content/announcements/x.en.md"), location, &text);
        // Either a document or an explanation, and never both missing.
        prop_assert!(document.is_some() || problems.has_errors());
        if let Some(document) = document {
            let _ = markdown::render(document.body.held().unwrap(), false, &|_| None);
        }
    }

    #[test]
    fn rendering_never_panics_and_never_emits_script(body in document_text()) {
        let rendered = markdown::render(&body, false, &|_| None);
        prop_assert!(!rendered.html.to_ascii_lowercase().contains("<script"));
        let _ = sastra::content::markdown::plain_text(&body);
    }

    #[test]
    fn tokenizing_never_panics(text in document_text()) {
        let tokens = tokenize(&text);
        prop_assert!(tokens.windows(2).all(|w| w[0].pos <= w[1].pos));
    }
}
