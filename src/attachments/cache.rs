//! What reading a PDF gave, kept by the file's content hash in a folder
//! outside the output (`<root>/.sastra-cache/attachments/`), so a rebuild
//! with no new PDFs runs no engine at all. A cache that cannot be written
//! (a read-only checkout) only costs time.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::pdf::{Extract, Unreadable};

/// Raised whenever what is cached changes meaning, so that old entries are
/// read again rather than misread. 2: a page's lines are joined into
/// paragraphs across Poppler's blocks.
const VERSION: u32 = 2;

/// The folder of the cache, under the archive's root.
pub fn folder(root: &Path) -> PathBuf {
    root.join(".sastra-cache").join("attachments")
}

/// One cached reading of one file's content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Entry {
    Read(Extract),
    Unreadable { problem: Unreadable },
}

/// The entries of one content hash and one way of reading (with or without
/// OCR).
#[derive(Debug, Clone)]
pub struct Slot {
    json: PathBuf,
    pub preview: PathBuf,
}

impl Slot {
    pub fn new(folder: &Path, hash: &str, ocr: bool) -> Slot {
        let stem = format!("{hash}.v{VERSION}{}", if ocr { ".ocr" } else { "" });
        Slot {
            json: folder.join(format!("{stem}.json")),
            preview: folder.join(format!("{stem}.png")),
        }
    }

    pub fn load(&self) -> Option<Entry> {
        let text = fs::read(&self.json).ok()?;
        let entry: Entry = serde_json::from_slice(&text).ok()?;
        // An entry whose preview went missing is read again.
        match &entry {
            Entry::Read(extract) if extract.preview.is_some() && !self.preview.is_file() => None,
            _ => Some(entry),
        }
    }

    /// Writes the entry (and its preview) whole or not at all.
    pub fn store(&self, entry: &Entry, preview: &[u8]) -> io::Result<()> {
        let folder = self.json.parent().expect("a slot is inside its folder");
        fs::create_dir_all(folder)?;
        if !preview.is_empty() {
            write_atomically(&self.preview, preview)?;
        }
        write_atomically(
            &self.json,
            &serde_json::to_vec(entry).map_err(io::Error::other)?,
        )
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let folder = path.parent().expect("a cache file is inside its folder");
    let mut file = tempfile::NamedTempFile::new_in(folder)?;
    io::Write::write_all(&mut file, bytes)?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The content hash that names a file's entries.
pub fn hash_file(path: &Path) -> io::Result<String> {
    let mut hasher = blake3::Hasher::new();
    io::copy(&mut fs::File::open(path)?, &mut hasher)?;
    Ok(hasher.finalize().to_hex()[..32].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attachments::pdf::TextLayer;

    #[test]
    fn an_entry_comes_back_as_it_was_stored() {
        let dir = tempfile::tempdir().unwrap();
        let slot = Slot::new(dir.path(), "abc", false);
        assert!(slot.load().is_none());
        let entry = Entry::Read(Extract {
            pages: 2,
            text: vec!["ការបោះឆ្នោត".into(), String::new()],
            layer: TextLayer::Unicode,
            machine_read: vec![],
            title: None,
            created: None,
            truncated: false,
            preview: Some(crate::attachments::pdf::Preview {
                width: 155,
                height: 200,
            }),
        });
        slot.store(&entry, b"png").unwrap();
        assert_eq!(slot.load(), Some(entry));
        fs::remove_file(&slot.preview).unwrap();
        assert!(slot.load().is_none(), "a lost preview is made again");
        let other = Slot::new(dir.path(), "abc", true);
        assert!(other.load().is_none(), "OCR readings are kept apart");
    }
}
