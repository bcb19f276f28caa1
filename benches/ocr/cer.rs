//! Character error rate, as the OCR benchmark and its test sample count it:
//! both texts put through the search's normalisation
//! (`sastra::khmer::normalize`: invisible characters dropped, ្ដ/្ត and
//! ឲ/ឱ folded, Khmer digits as ASCII, marks in canonical order), then every
//! whitespace character dropped. Khmer puts no space between words and
//! Tesseract puts one wherever it sees a gap, and a line ends wherever the
//! page's width made it end: neither is a misread character. The rate is
//! the edit distance (insertions, deletions, substitutions of characters)
//! over the true text's length.

/// The characters compared: normalised, without whitespace.
pub fn comparable(text: &str) -> Vec<char> {
    sastra::khmer::normalize::normalize(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Edit distance between `read` and `truth`, and the truth's length.
pub fn errors(truth: &str, read: &str) -> (usize, usize) {
    let (truth, read) = (comparable(truth), comparable(read));
    (strsim::generic_levenshtein(&truth, &read), truth.len())
}
