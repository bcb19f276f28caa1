//! Placeholder until the shared tokenizer lands: whitespace words.

pub struct Token {
    pub term: String,
    pub pos: u32,
}

pub fn tokenize(text: &str) -> Vec<Token> {
    text.split_whitespace()
        .enumerate()
        .map(|(i, w)| Token { term: w.to_lowercase(), pos: i as u32 })
        .collect()
}
