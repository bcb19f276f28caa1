//! Bytes kept in place while they are few.
//!
//! The index holds a term's text and its postings for each of over a
//! million terms (1.2 million in the Khmer index of 10,000 documents), and
//! looks one up for every document holding it (42 million times). Most
//! terms are short (95% of them under 30 bytes) and rare (half are in one
//! document), so keeping their bytes inside the table's entry spares an
//! allocation per term, and a read from elsewhere in memory per lookup.

/// Up to `N` bytes in place, more on the heap.
#[derive(Debug, Clone)]
pub enum SmallBytes<const N: usize> {
    Inline { len: u8, bytes: [u8; N] },
    Heap(Vec<u8>),
}

// The length of inline bytes is one byte.
const fn fits<const N: usize>() -> bool {
    N <= u8::MAX as usize
}

impl<const N: usize> Default for SmallBytes<N> {
    fn default() -> Self {
        const { assert!(fits::<N>()) };
        SmallBytes::Inline {
            len: 0,
            bytes: [0; N],
        }
    }
}

impl<const N: usize> SmallBytes<N> {
    pub fn from_slice(slice: &[u8]) -> Self {
        let mut out = Self::default();
        out.extend_from_slice(slice);
        out
    }

    pub fn as_slice(&self) -> &[u8] {
        match self {
            SmallBytes::Inline { len, bytes } => &bytes[..*len as usize],
            SmallBytes::Heap(bytes) => bytes,
        }
    }

    pub fn extend_from_slice(&mut self, slice: &[u8]) {
        match self {
            SmallBytes::Inline { len, bytes } => {
                let end = *len as usize + slice.len();
                if end <= N {
                    bytes[*len as usize..end].copy_from_slice(slice);
                    *len = end as u8;
                } else {
                    let mut heap = Vec::with_capacity(end.max(2 * N));
                    heap.extend_from_slice(&bytes[..*len as usize]);
                    heap.extend_from_slice(slice);
                    *self = SmallBytes::Heap(heap);
                }
            }
            SmallBytes::Heap(heap) => heap.extend_from_slice(slice),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_move_to_the_heap_past_their_room_and_keep_their_order() {
        let mut bytes = SmallBytes::<4>::default();
        assert!(bytes.as_slice().is_empty());
        let mut expected = Vec::new();
        for byte in 0..20u8 {
            bytes.extend_from_slice(&[byte, byte]);
            expected.extend_from_slice(&[byte, byte]);
            assert_eq!(bytes.as_slice(), expected);
            assert_eq!(
                matches!(bytes, SmallBytes::Inline { .. }),
                expected.len() <= 4
            );
        }
        assert_eq!(SmallBytes::<4>::from_slice(b"abcdef").as_slice(), b"abcdef");
        assert_eq!(SmallBytes::<4>::from_slice(b"abc").as_slice(), b"abc");
    }
}
