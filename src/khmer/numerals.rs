//! Khmer digits (០–៩) for numbers shown on Khmer pages.

/// Replaces ASCII digits with Khmer digits, leaving everything else as is.
pub fn to_khmer_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => char::from_u32(0x17E0 + d).expect("Khmer digit block"),
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_digits_only() {
        assert_eq!(to_khmer_digits("ឆ្នាំ2023, 22"), "ឆ្នាំ២០២៣, ២២");
        assert_eq!(to_khmer_digits("PDF"), "PDF");
    }
}
