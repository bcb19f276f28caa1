//! Placeholder until the tokenizer lands: only what the loader needs.

/// True for characters of the Khmer and Khmer Symbols blocks.
pub fn is_khmer(c: char) -> bool {
    matches!(c, '\u{1780}'..='\u{17FF}' | '\u{19E0}'..='\u{19FF}')
}
