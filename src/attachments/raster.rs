//! The two image formats read back from `pdftoppm`: binary PGM (a page in
//! grey, to look for ink) and PNG (the preview, for its size).

/// A greyscale image, one byte per pixel, 0 black.
#[derive(Debug)]
pub struct Grey {
    pub width: usize,
    pub height: usize,
    pixels: Vec<u8>,
}

impl Grey {
    /// Reads a binary PGM (`P5`) with a maximum value below 256.
    pub fn from_pgm(data: &[u8]) -> Option<Grey> {
        let mut fields = Vec::with_capacity(3);
        let mut at = 2;
        if !data.starts_with(b"P5") {
            return None;
        }
        while fields.len() < 3 {
            while data.get(at)?.is_ascii_whitespace() {
                at += 1;
            }
            let start = at;
            while data.get(at)?.is_ascii_digit() {
                at += 1;
            }
            fields.push(
                std::str::from_utf8(&data[start..at])
                    .ok()?
                    .parse::<usize>()
                    .ok()?,
            );
        }
        let (width, height, max) = (fields[0], fields[1], fields[2]);
        let pixels = data.get(at + 1..)?;
        if max > 255 || pixels.len() < width.checked_mul(height)? {
            return None;
        }
        Some(Grey {
            width,
            height,
            pixels: pixels[..width * height].to_vec(),
        })
    }

    /// Whether the rectangle (in pixels, clipped to the image) holds a
    /// stroke: a column with at least `min_dark` dark pixels.
    pub fn has_stroke(&self, x: (usize, usize), y: (usize, usize), min_dark: usize) -> bool {
        let (x0, x1) = (x.0.min(self.width), x.1.min(self.width));
        let (y0, y1) = (y.0.min(self.height), y.1.min(self.height));
        (x0..x1).any(|col| {
            (y0..y1)
                .filter(|row| self.pixels[row * self.width + col] < 128)
                .count()
                >= min_dark
        })
    }
}

/// Width and height of a PNG, from its header.
pub fn png_size(data: &[u8]) -> Option<(u32, u32)> {
    if data.len() < 24 || &data[..8] != b"\x89PNG\r\n\x1a\n" || &data[12..16] != b"IHDR" {
        return None;
    }
    let number = |at: usize| u32::from_be_bytes(data[at..at + 4].try_into().expect("4 bytes"));
    Some((number(16), number(20)))
}

/// The start of a PNG of `width` × `height`: enough for [`png_size`],
/// which is all the tests of readings and caches need of a preview.
#[cfg(test)]
pub(crate) fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bytes.extend_from_slice(&width.to_be_bytes());
    bytes.extend_from_slice(&height.to_be_bytes());
    bytes.extend_from_slice(&[8, 0, 0, 0, 0]);
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stroke_is_found_where_it_is_and_nowhere_else() {
        // 6 × 4, a black column at x = 4.
        let mut data = b"P5\n6 4\n255\n".to_vec();
        for _ in 0..4 {
            data.extend_from_slice(&[255, 255, 255, 255, 0, 255]);
        }
        let grey = Grey::from_pgm(&data).unwrap();
        assert!(grey.has_stroke((3, 6), (0, 4), 3));
        assert!(!grey.has_stroke((0, 4), (0, 4), 1));
        assert!(!grey.has_stroke((4, 5), (0, 2), 3));
        assert!(grey.has_stroke((4, 99), (0, 99), 4), "clipped, not a panic");
    }

    #[test]
    fn truncated_images_are_refused() {
        assert!(Grey::from_pgm(b"P5\n6 4\n255\n\0\0").is_none());
        assert!(Grey::from_pgm(b"P6\n1 1\n255\n\0\0\0").is_none());
        assert!(png_size(b"\x89PNG\r\n\x1a\n").is_none());
    }
}
