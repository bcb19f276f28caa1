//! One share of the attached PDFs, so that many machines can read a large
//! scanned archive at once (`sastra check --ocr --shard K/N`), each into
//! its own cache, merged afterwards (`sastra cache merge`).
//!
//! A file's shard follows from its content hash alone: the same file falls
//! in the same shard whatever its path, however many documents attach it
//! and whatever else the archive holds, so the shards never overlap and
//! together cover every file.

use std::fmt;
use std::str::FromStr;

use super::cache::FileId;
use crate::diagnostics::Message;

/// The most shards an archive is split into: GitHub Actions runs at most
/// 256 jobs from one matrix.
pub const MAX_SHARDS: u16 = 256;

/// Shard `index` of `count` (both from 1): `1 ≤ index ≤ count ≤
/// MAX_SHARDS` holds for every value, which only [`Shard::new`] and parsing
/// make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    index: u16,
    count: u16,
}

impl Shard {
    /// The whole archive: every file is this shard's.
    pub const WHOLE: Shard = Shard { index: 1, count: 1 };

    pub fn new(index: u16, count: u16) -> Option<Shard> {
        (1 <= index && index <= count && count <= MAX_SHARDS).then_some(Shard { index, count })
    }

    pub fn index(self) -> u16 {
        self.index
    }

    pub fn count(self) -> u16 {
        self.count
    }

    /// Whether this shard reads `file`.
    pub fn owns(self, file: &FileId) -> bool {
        self.count == 1 || Shard::of(file, self.count) == self
    }

    /// The shard of `count` that reads `file`: the first 64 bits of its
    /// BLAKE3 hash (uniform, as any part of a good hash is) modulo `count`.
    fn of(file: &FileId, count: u16) -> Shard {
        let key = u64::from_str_radix(&file.name()[..16], 16)
            .expect("a file's name is hexadecimal digits");
        Shard {
            index: (key % u64::from(count)) as u16 + 1,
            count,
        }
    }
}

impl Default for Shard {
    fn default() -> Self {
        Shard::WHOLE
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// `--shard` given other than as `K/N` with `1 ≤ K ≤ N ≤ MAX_SHARDS`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadShard {
    pub given: String,
}

impl BadShard {
    pub fn message(&self) -> Message {
        Message::ShardFlag {
            given: self.given.clone(),
            max: MAX_SHARDS,
        }
    }
}

impl FromStr for Shard {
    type Err = BadShard;

    /// Exactly `K/N` in ASCII digits: no spaces, signs or other separators.
    fn from_str(given: &str) -> Result<Shard, BadShard> {
        let number = |s: &str| {
            (!s.is_empty() && s.len() <= 5 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u16>().ok())
                .flatten()
        };
        given
            .split_once('/')
            .and_then(|(k, n)| Shard::new(number(k)?, number(n)?))
            .ok_or_else(|| BadShard {
                given: given.to_string(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(content: &[u8]) -> FileId {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        std::fs::write(&path, content).unwrap();
        FileId::of(&path).unwrap()
    }

    #[test]
    fn a_shard_is_k_of_n_and_nothing_else() {
        for (given, index, count) in [("1/1", 1, 1), ("2/8", 2, 8), ("256/256", 256, 256)] {
            let shard: Shard = given.parse().unwrap();
            assert_eq!((shard.index(), shard.count()), (index, count));
            assert_eq!(shard.to_string(), given);
        }
        assert_eq!("03/08".parse::<Shard>().unwrap().to_string(), "3/8");
        let forms = ["", "/", "1", "1/", "/3", "1/2/3", "a/b", "1.0/3", "١/٣"];
        let ranges = ["0/3", "4/3", "1/0", "0/0", "1/257", "257/257", "1/99999999"];
        let signs_and_spaces = ["-1/3", "+1/3", "1/+3", " 1/3", "1/3 ", "1 /3"];
        for bad in forms.into_iter().chain(ranges).chain(signs_and_spaces) {
            assert_eq!(
                bad.parse::<Shard>(),
                Err(BadShard { given: bad.into() }),
                "{bad:?}"
            );
        }
        assert_eq!(Shard::new(0, 3), None);
        assert_eq!(Shard::new(2, 1), None);
        assert_eq!(Shard::new(1, MAX_SHARDS + 1), None);
    }

    /// Every file is in exactly one shard of any count, and the shards
    /// share the files about evenly.
    #[test]
    fn the_shards_of_n_split_the_files_between_them() {
        let files: Vec<FileId> = (0..800)
            .map(|i| file(format!("pdf {i}").as_bytes()))
            .collect();
        for count in [1, 2, 3, 8] {
            let mut sizes = vec![0; count as usize];
            for file in &files {
                let owners: Vec<u16> = (1..=count)
                    .filter(|&k| Shard::new(k, count).unwrap().owns(file))
                    .collect();
                assert_eq!(owners.len(), 1, "{count} shards: {owners:?}");
                sizes[owners[0] as usize - 1] += 1;
            }
            let fair = files.len() / count as usize;
            assert!(
                sizes.iter().all(|&n| n > fair * 3 / 4 && n < fair * 5 / 4),
                "{count} shards: {sizes:?}"
            );
        }
    }

    /// The shard depends on the content only.
    #[test]
    fn the_same_content_is_always_in_the_same_shard() {
        let a = file(b"%PDF-1.4 the same bytes");
        let b = file(b"%PDF-1.4 the same bytes");
        for count in 1..=16 {
            assert_eq!(Shard::of(&a, count), Shard::of(&b, count));
        }
        // Fixed by the content alone, on any machine: BLAKE3("abc") is
        // 6437b3ac38465133…, which is 3 modulo 8: the fourth of eight.
        let abc = file(b"abc");
        assert!(abc.name().starts_with("6437b3ac38465133"));
        assert_eq!(Shard::of(&abc, 8), Shard::new(4, 8).unwrap());
    }
}
