//! What reading a PDF gave, kept by the file's content hash in a folder
//! outside the output (`<root>/.sastra-cache/attachments/`), so a rebuild
//! with no new PDFs runs no engine at all. A cache that cannot be written
//! (a read-only checkout) only costs time.
//!
//! The cache sits in the archive's folder, where a pull request can put
//! files too (`git add -f` ignores `.gitignore`). So it is read as
//! untrusted input: a cache that is committed or reached through a symbolic
//! link is refused outright, no link inside it is followed, and what is
//! read is checked against the file it claims to describe. A preview is
//! published only as a PNG of the size its entry states.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::{Deserialize, Serialize};

use super::pdf::{Extract, Preview, TextLayer, Unreadable, PREVIEW_SIZE};
use super::raster;
use crate::confine::FileKind;

/// Raised whenever what is cached changes meaning, so that old entries are
/// read again rather than misread. 3: a page's lines are joined into
/// paragraphs across Poppler's blocks. 4: text in legacy Khmer fonts is
/// converted to Unicode, and the pages in legacy fonts say how each was
/// read. 5: each machine-read page keeps Tesseract's confidence, and a
/// reading out of time lists the scanned pages it left.
const VERSION: u32 = 5;

/// The cache's folder in the archive's root.
pub const FOLDER: &str = ".sastra-cache";
/// The folder of the attachments' entries in it.
pub const ENTRIES: &str = "attachments";

/// An entry larger than this is not read: a thousand pages of dense text
/// fit in a few megabytes.
const MAX_ENTRY_BYTES: u64 = 64 << 20;
/// A preview is a small PNG; anything larger is not one of ours.
const MAX_PREVIEW_BYTES: u64 = 1 << 20;

/// The cache of one archive: plain folders, no link on the way, not
/// committed to git.
#[derive(Debug, Clone)]
pub struct Cache {
    folder: PathBuf,
}

/// Why an archive's cache may not be used; worded, in both languages, by
/// [`Refused::message`].
#[derive(Debug)]
pub enum Refused {
    Link { path: String },
    NotAFolder { path: String, kind: FileKind },
    Tracked { count: usize, first: String },
}

impl Refused {
    pub fn message(&self) -> crate::diagnostics::Message {
        use crate::diagnostics::Message;
        match self {
            Refused::Link { path } => Message::CacheLink { path: path.clone() },
            Refused::NotAFolder { path, kind } => Message::CacheNotAFolder {
                path: path.clone(),
                kind: kind.word(),
            },
            Refused::Tracked { count, first } => Message::CacheTracked {
                count: *count,
                first: first.clone(),
            },
        }
    }

    pub fn hint(&self) -> crate::diagnostics::Message {
        use crate::diagnostics::Message;
        match self {
            Refused::Link { .. } | Refused::NotAFolder { .. } => Message::CacheDelete,
            Refused::Tracked { .. } => Message::CacheUntrack,
        }
    }
}

impl Cache {
    /// The cache of the archive at `root`, made if missing. `Ok(None)` when
    /// it cannot be made (a read-only checkout): every file is read anew.
    pub fn open(root: &Path) -> Result<Option<Cache>, Refused> {
        let tracked = tracked_files(root);
        if let Some(first) = tracked.first() {
            return Err(Refused::Tracked {
                count: tracked.len(),
                first: first.clone(),
            });
        }
        let top = root.join(FOLDER);
        let folder = top.join(ENTRIES);
        for (path, shown) in [
            (&top, FOLDER.to_string()),
            (&folder, format!("{FOLDER}/{ENTRIES}")),
        ] {
            match fs::symlink_metadata(path) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    return Err(Refused::Link { path: shown })
                }
                Ok(meta) if !meta.is_dir() => {
                    return Err(Refused::NotAFolder {
                        path: shown,
                        kind: FileKind::of(meta.file_type()),
                    })
                }
                Ok(_) => {}
                // `create_dir` makes the last component only and never
                // follows a link there; a link raced in is refused by it.
                Err(_) => {
                    if fs::create_dir(path).is_err() {
                        return Ok(None);
                    }
                }
            }
        }
        Ok(Some(Cache { folder }))
    }

    /// The folder of its entries.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// A cache in a folder the build made itself (a scratch folder).
    pub fn in_scratch(folder: &Path) -> Cache {
        Cache {
            folder: folder.to_path_buf(),
        }
    }

    /// The entries of one file and one way of reading (with or without OCR).
    pub fn slot(&self, file: &FileId, ocr: bool) -> Slot {
        let stem = entry_stem(file.name(), ocr);
        Slot {
            file: file.clone(),
            json: self.folder.join(format!("{stem}.json")),
            preview: self.folder.join(format!("{stem}.png")),
        }
    }
}

/// Files under the cache that git tracks. Empty where git cannot tell (not
/// a checkout, no git): the checks of what is read still hold there.
fn tracked_files(root: &Path) -> Vec<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["ls-files", "-z", "--", FOLDER])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output();
    match output {
        Ok(output) if output.status.success() => output
            .stdout
            .split(|&b| b == 0)
            .filter(|name| !name.is_empty())
            .map(|name| String::from_utf8_lossy(name).into_owned())
            .collect(),
        _ => Vec::new(),
    }
}

/// Which file an entry describes: its whole content hash and its size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileId {
    hash: String,
    bytes: u64,
}

impl FileId {
    pub fn of(path: &Path) -> io::Result<FileId> {
        let mut hasher = blake3::Hasher::new();
        let bytes = io::copy(&mut fs::File::open(path)?, &mut hasher)?;
        Ok(FileId {
            hash: hasher.finalize().to_hex().to_string(),
            bytes,
        })
    }

    /// The short name of the file's entries and its published preview.
    pub fn name(&self) -> &str {
        &self.hash[..32]
    }

    /// Whether the hash is one [`FileId::of`] makes (64 lowercase
    /// hexadecimal digits), as one read from a file must be before it is
    /// named by.
    fn is_well_formed(&self) -> bool {
        is_hex(&self.hash, 64)
    }
}

/// A file's SHA-256 as 64 lowercase hexadecimal digits: the checksum
/// readers compare with `sha256sum`, `shasum -a 256` or `certutil`. BLAKE3
/// names cache entries (it is several times faster); SHA-256 is what every
/// reader's system can compute, so it is computed once per file and kept in
/// the file's entry.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Sha256(String);

impl Sha256 {
    pub fn of(path: &Path) -> io::Result<Sha256> {
        use sha2::Digest;
        let mut hasher = sha2::Sha256::new();
        io::copy(&mut fs::File::open(path)?, &mut hasher)?;
        Ok(Sha256(
            hasher
                .finalize()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect(),
        ))
    }

    pub fn hex(&self) -> &str {
        &self.0
    }

    /// The digits in eight groups of eight, for a person comparing by eye.
    pub fn grouped(&self) -> String {
        let groups: Vec<&str> = (0..8).map(|i| &self.0[i * 8..i * 8 + 8]).collect();
        groups.join(" ")
    }
}

impl TryFrom<String> for Sha256 {
    type Error = &'static str;
    fn try_from(hex: String) -> Result<Sha256, Self::Error> {
        is_hex(&hex, 64)
            .then_some(Sha256(hex))
            .ok_or("not 64 lowercase hexadecimal digits")
    }
}

impl From<Sha256> for String {
    fn from(sha: Sha256) -> String {
        sha.0
    }
}

/// One cached reading of one file's content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Entry {
    Read(Extract),
    Unreadable { problem: Unreadable },
}

impl Entry {
    /// Whether this outcome of reading a file goes further than `other`,
    /// which ran out of a smaller budget: a whole reading, another outcome,
    /// or running out of a larger budget. Of two that ran out of the same
    /// budget, one that kept the scanned pages it read goes further.
    fn goes_further(&self, other: &Entry) -> bool {
        let over = |entry: &Entry| match entry {
            Entry::Unreadable {
                problem: Unreadable::OverBudget { budget_ms },
            } => Some((*budget_ms, false)),
            Entry::Read(Extract {
                partial: Some(partial),
                ..
            }) => Some((partial.budget_ms, true)),
            _ => None,
        };
        match (over(self), over(other)) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(this), Some(other)) => this > other,
        }
    }
}

/// An entry as stored: with the file it belongs to and that file's
/// SHA-256 (absent in entries written before checksums were kept).
#[derive(Serialize, Deserialize)]
struct Stored {
    file: FileId,
    #[serde(default)]
    sha256: Option<Sha256>,
    #[serde(flatten)]
    entry: Entry,
}

/// What a slot holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub entry: Entry,
    /// `None` for an entry kept before checksums were: the caller computes
    /// it and stores the entry again.
    pub sha256: Option<Sha256>,
}

/// The entries of one file and one way of reading.
#[derive(Debug, Clone)]
pub struct Slot {
    file: FileId,
    json: PathBuf,
    pub preview: PathBuf,
}

impl Slot {
    /// The stored entry, if there is one that belongs to this file and
    /// holds together; anything else is read again and overwritten.
    pub fn load(&self) -> Option<Loaded> {
        let (stored, _) = read_checked(&self.json, &self.preview)?;
        (stored.file == self.file).then_some(Loaded {
            entry: stored.entry,
            sha256: stored.sha256,
        })
    }

    /// Writes the entry (and its preview) whole or not at all. Each file is
    /// renamed into place, which replaces a link rather than following it.
    /// An empty `preview` leaves the stored one as it is.
    pub fn store(&self, entry: &Entry, sha256: &Sha256, preview: &[u8]) -> io::Result<()> {
        if !preview.is_empty() {
            write_atomically(&self.preview, preview)?;
        }
        let stored = Stored {
            file: self.file.clone(),
            sha256: Some(sha256.clone()),
            entry: entry.clone(),
        };
        write_atomically(
            &self.json,
            &serde_json::to_vec(&stored).map_err(io::Error::other)?,
        )
    }
}

/// The entry stored at `json` (with its preview's bytes, empty if it has
/// none), if it holds together: at most [`MAX_ENTRY_BYTES`] of JSON naming
/// a well-formed file, a reading that could have come from a PDF, a
/// lasting outcome, and a PNG of the stated size beside it. Which file it
/// belongs to is for the caller to check.
fn read_checked(json: &Path, preview: &Path) -> Option<(Stored, Vec<u8>)> {
    let text = read_plain(json, MAX_ENTRY_BYTES)?;
    let stored: Stored = serde_json::from_slice(&text).ok()?;
    if !stored.file.is_well_formed() {
        return None;
    }
    let image = match &stored.entry {
        Entry::Read(extract) => {
            if !is_consistent(extract) {
                return None;
            }
            match extract.preview {
                Some(size) => read_preview(preview, size)?,
                None => Vec::new(),
            }
        }
        Entry::Unreadable { problem } if !problem.is_lasting() => return None,
        Entry::Unreadable { .. } => Vec::new(),
    };
    Some((stored, image))
}

/// What became of an entry of another cache offered to this one
/// ([`Cache::adopt`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Adopted {
    /// This cache had no usable reading of the file (or one that ran out
    /// of a smaller budget than this one had): it has this one now.
    Added,
    /// This cache already had the same reading.
    Present,
    /// This cache has another reading of the same file, and keeps it.
    Kept,
    /// Not an entry this version writes, or one that does not hold
    /// together: left out.
    Refused,
}

impl Cache {
    /// Offers this cache the entry at `json`, a file of another cache (a
    /// shard's, made on another machine): taken only if it is a plain file
    /// named as this version names its entries, holds together as
    /// [`Slot::load`] requires, is named by the file it describes and keeps
    /// that file's checksum. It is written anew (parsed, then stored as
    /// [`Slot::store`] stores), never copied as bytes, and never replaces a
    /// usable entry of this cache, save one that ran out of a smaller
    /// budget (a shard given more time read further). The file it
    /// describes is not at hand: each build still checks an entry against
    /// its file before using it.
    pub fn adopt(&self, json: &Path) -> io::Result<Adopted> {
        let Some((name, ocr)) = json
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(entry_name)
        else {
            return Ok(Adopted::Refused);
        };
        let preview = json.with_file_name(format!("{}.png", entry_stem(name, ocr)));
        let Some((stored, image)) = read_checked(json, &preview) else {
            return Ok(Adopted::Refused);
        };
        let (Some(sha256), true) = (&stored.sha256, stored.file.name() == name) else {
            return Ok(Adopted::Refused);
        };
        let slot = self.slot(&stored.file, ocr);
        Ok(match slot.load() {
            Some(ours) if ours.entry == stored.entry => Adopted::Present,
            Some(ours) if !stored.entry.goes_further(&ours.entry) => Adopted::Kept,
            _ => {
                slot.store(&stored.entry, sha256, &image)?;
                Adopted::Added
            }
        })
    }
}

/// The file name (without folder) of an entry: `<name>.v<VERSION>.json`,
/// `<name>.v<VERSION>.ocr.json` with the previews beside them in `.png`.
fn entry_stem(name: &str, ocr: bool) -> String {
    format!("{name}.v{VERSION}{}", if ocr { ".ocr" } else { "" })
}

/// Whether `file_name` is that of an entry's preview, in this version.
pub fn is_preview_name(file_name: &str) -> bool {
    file_name
        .strip_suffix(".png")
        .is_some_and(|stem| entry_name(&format!("{stem}.json")).is_some())
}

/// The file's name and whether the reading is OCR's, for the name of an
/// entry of this version; `None` for any other name.
fn entry_name(file_name: &str) -> Option<(&str, bool)> {
    let stem = file_name.strip_suffix(".json")?;
    let (stem, ocr) = match stem.strip_suffix(".ocr") {
        Some(stem) => (stem, true),
        None => (stem, false),
    };
    let name = stem.strip_suffix(&format!(".v{VERSION}"))?;
    is_hex(name, 32).then_some((name, ocr))
}

/// Whether `text` is `digits` lowercase hexadecimal digits, as hashes
/// are written here.
fn is_hex(text: &str, digits: usize) -> bool {
    text.len() == digits && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Whether an extract could have come from reading a PDF.
fn is_consistent(extract: &Extract) -> bool {
    let pages = extract.pages as usize;
    let in_range = |page: u32| page >= 1 && page <= extract.pages;
    let increasing = |numbers: &[u32]| numbers.windows(2).all(|w| w[0] < w[1]);
    let machine_read: Vec<u32> = extract.machine_read.iter().map(|m| m.page).collect();
    extract.text.len() <= pages
        && machine_read
            .iter()
            .chain(legacy_pages(extract))
            .all(|&page| in_range(page))
        && increasing(&machine_read)
        // Pages left unread: some, in range, none also read, and no text.
        && extract.partial.as_ref().is_none_or(|partial| {
            !partial.unread.is_empty()
                && increasing(&partial.unread)
                && partial.unread.iter().all(|&page| {
                    in_range(page)
                        && !machine_read.contains(&page)
                        && extract
                            .text
                            .get(page as usize - 1)
                            .is_none_or(|t| t.is_empty())
                })
        })
        && extract.preview.is_none_or(|p| {
            (1..=PREVIEW_SIZE).contains(&p.width) && (1..=PREVIEW_SIZE).contains(&p.height)
        })
}

/// The numbers of the pages in legacy fonts.
fn legacy_pages(extract: &Extract) -> impl Iterator<Item = &u32> {
    let pages = match &extract.layer {
        TextLayer::Legacy { pages } => pages.as_slice(),
        _ => &[],
    };
    pages.iter().map(|p| &p.number)
}

/// The preview image at `path`, if it is a plain file holding a PNG of the
/// stated size: what a build publishes, never the file a link points to.
pub fn read_preview(path: &Path, expected: Preview) -> Option<Vec<u8>> {
    let bytes = read_plain(path, MAX_PREVIEW_BYTES)?;
    (raster::png_size(&bytes) == Some((expected.width, expected.height))).then_some(bytes)
}

/// The bytes of a regular file at `path`, opened without following a
/// link, if it holds at most `limit` bytes.
fn read_plain(path: &Path, limit: u64) -> Option<Vec<u8>> {
    let file = open_no_follow(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() > limit {
        return None;
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes).ok()?;
    (bytes.len() as u64 <= limit).then_some(bytes)
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // Non-blocking, so that a named pipe put in the cache cannot hold the
    // open; it is then refused as not a regular file.
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> io::Result<fs::File> {
    if fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(io::Error::other("a symbolic link"));
    }
    fs::File::open(path)
}

fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let folder = path.parent().expect("a cache file is inside its folder");
    let mut file = tempfile::NamedTempFile::new_in(folder)?;
    io::Write::write_all(&mut file, bytes)?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::attachments::ocr::{Confidence, MachineRead, Partial};
    use std::os::unix::fs::symlink;

    use crate::attachments::raster::png_header as png;

    fn extract(preview: Option<Preview>) -> Extract {
        Extract {
            pages: 2,
            text: vec!["ការបោះឆ្នោត".into(), String::new()],
            layer: TextLayer::Unicode,
            machine_read: vec![],
            partial: None,
            title: None,
            created: None,
            truncated: false,
            preview,
        }
    }

    fn sha() -> Sha256 {
        Sha256::try_from("ab".repeat(32)).unwrap()
    }

    /// The checksum is the one `sha256sum` prints, and only such a
    /// checksum is read back from an entry.
    #[test]
    fn a_checksum_is_sha256_as_readers_compute_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        fs::write(&file, b"abc").unwrap();
        let sha = Sha256::of(&file).unwrap();
        assert_eq!(
            sha.hex(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(sha.grouped().split(' ').count(), 8);
        assert!(sha.grouped().starts_with("ba7816bf 8f01cfea "));
        for bad in ["", "AB", &"AB".repeat(32), &"g".repeat(64), &"a".repeat(65)] {
            assert!(Sha256::try_from(bad.to_string()).is_err(), "{bad}");
        }
    }

    /// An entry kept before checksums were still gives its reading, and
    /// says that its checksum is to be computed.
    #[test]
    fn an_entry_without_a_checksum_is_still_read() {
        let (_dir, _cache, slot) = setup();
        slot.store(&Entry::Read(extract(None)), &sha(), &[])
            .unwrap();
        let mut stored: serde_json::Value =
            serde_json::from_slice(&fs::read(&slot.json).unwrap()).unwrap();
        stored.as_object_mut().unwrap().remove("sha256");
        fs::write(&slot.json, serde_json::to_vec(&stored).unwrap()).unwrap();
        let loaded = slot.load().unwrap();
        assert_eq!(loaded.entry, Entry::Read(extract(None)));
        assert_eq!(loaded.sha256, None);
        stored["sha256"] = "not a checksum".into();
        fs::write(&slot.json, serde_json::to_vec(&stored).unwrap()).unwrap();
        assert!(slot.load().is_none(), "a malformed checksum");
    }

    fn setup() -> (tempfile::TempDir, Cache, Slot) {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("a.pdf");
        fs::write(&pdf, b"%PDF-1.4 a").unwrap();
        let cache = Cache::open(dir.path()).unwrap().unwrap();
        let slot = cache.slot(&FileId::of(&pdf).unwrap(), false);
        (dir, cache, slot)
    }

    #[test]
    fn an_entry_comes_back_as_it_was_stored() {
        let (dir, cache, slot) = setup();
        assert!(slot.load().is_none());
        let preview = Preview {
            width: 155,
            height: 200,
        };
        let entry = Entry::Read(extract(Some(preview)));
        slot.store(&entry, &sha(), &png(155, 200)).unwrap();
        assert_eq!(slot.load().map(|l| l.entry), Some(entry));
        assert_eq!(slot.load().unwrap().sha256, Some(sha()));
        fs::remove_file(&slot.preview).unwrap();
        assert!(slot.load().is_none(), "a lost preview is made again");
        let pdf = dir.path().join("a.pdf");
        let other = cache.slot(&FileId::of(&pdf).unwrap(), true);
        assert!(other.load().is_none(), "OCR readings are kept apart");
    }

    #[test]
    fn an_entry_of_another_file_is_not_taken() {
        let (dir, cache, slot) = setup();
        slot.store(&Entry::Read(extract(None)), &sha(), &[])
            .unwrap();
        // The same short name, another file: an entry copied or forged
        // under a name it does not belong to.
        let other = dir.path().join("b.pdf");
        fs::write(&other, b"%PDF-1.4 b").unwrap();
        let forged = Slot {
            file: FileId::of(&other).unwrap(),
            ..slot.clone()
        };
        assert!(forged.load().is_none());
        assert!(cache
            .slot(&FileId::of(&other).unwrap(), false)
            .load()
            .is_none());
    }

    #[test]
    fn a_link_in_the_cache_is_never_followed() {
        let (dir, _, slot) = setup();
        let secret = dir.path().join("secret");
        fs::write(&secret, png(155, 200)).unwrap();
        let preview = Preview {
            width: 155,
            height: 200,
        };
        slot.store(&Entry::Read(extract(Some(preview))), &sha(), &png(155, 200))
            .unwrap();
        fs::remove_file(&slot.preview).unwrap();
        symlink(&secret, &slot.preview).unwrap();
        assert!(slot.load().is_none(), "a linked preview");
        assert!(read_preview(&slot.preview, preview).is_none());
        for target in ["/proc/self/environ", "../../.git/config", "/etc/passwd"] {
            fs::remove_file(&slot.preview).unwrap();
            symlink(target, &slot.preview).unwrap();
            assert!(read_preview(&slot.preview, preview).is_none(), "{target}");
        }
        let json = slot.json.clone();
        let moved = dir.path().join("entry.json");
        fs::rename(&json, &moved).unwrap();
        symlink(&moved, &json).unwrap();
        assert!(slot.load().is_none(), "a linked entry");
        // Storing again replaces the link, and leaves its target alone.
        slot.store(&Entry::Read(extract(Some(preview))), &sha(), &png(155, 200))
            .unwrap();
        assert!(!fs::symlink_metadata(&slot.preview).unwrap().is_symlink());
        assert_eq!(fs::read(&secret).unwrap(), png(155, 200));
        assert!(slot.load().is_some());
    }

    #[test]
    fn a_preview_must_be_a_png_of_the_stated_size() {
        let (_dir, _, slot) = setup();
        let preview = Preview {
            width: 155,
            height: 200,
        };
        let entry = Entry::Read(extract(Some(preview)));
        for bytes in [png(200, 155), b"SECRET_TOKEN=abc".to_vec(), Vec::new()] {
            slot.store(&entry, &sha(), &png(155, 200)).unwrap();
            fs::write(&slot.preview, &bytes).unwrap();
            assert!(slot.load().is_none(), "{bytes:?}");
        }
        let mut huge = png(155, 200);
        huge.resize(MAX_PREVIEW_BYTES as usize + 1, 0);
        fs::write(&slot.preview, &huge).unwrap();
        assert!(slot.load().is_none(), "an oversized preview");
        let fifo = std::ffi::CString::new(slot.preview.to_str().unwrap()).unwrap();
        fs::remove_file(&slot.preview).unwrap();
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        assert!(slot.load().is_none(), "a named pipe, without blocking");
    }

    #[test]
    fn an_entry_that_cannot_come_from_a_pdf_is_read_again() {
        let (_dir, _, slot) = setup();
        let mut too_much_text = extract(None);
        too_much_text.text.push("forged".into());
        let read = |page| MachineRead {
            page,
            confidence: None,
        };
        let mut page_out_of_range = extract(None);
        page_out_of_range.machine_read = vec![read(3)];
        let mut page_twice = extract(None);
        page_twice.machine_read = vec![read(2), read(2)];
        let unread = |pages: Vec<u32>| {
            Some(Partial {
                budget_ms: 1,
                unread: pages,
            })
        };
        // Page 1 has text: it was not left unread.
        let mut unread_with_text = extract(None);
        unread_with_text.partial = unread(vec![1]);
        let mut unread_and_read = extract(None);
        unread_and_read.machine_read = vec![read(2)];
        unread_and_read.partial = unread(vec![2]);
        let mut nothing_unread = extract(None);
        nothing_unread.partial = unread(vec![]);
        let mut unread_out_of_range = extract(None);
        unread_out_of_range.partial = unread(vec![2, 3]);
        let mut legacy_out_of_range = extract(None);
        legacy_out_of_range.layer = TextLayer::Legacy {
            pages: vec![crate::attachments::legacy::LegacyPage {
                number: 0,
                reading: crate::attachments::legacy::Reading::UnknownFont {
                    font: "Limon-S1".into(),
                },
            }],
        };
        let mut huge_preview = extract(Some(Preview {
            width: 6000,
            height: 6000,
        }));
        huge_preview.pages = 1;
        for extract in [
            too_much_text,
            page_out_of_range,
            page_twice,
            unread_with_text,
            unread_and_read,
            nothing_unread,
            unread_out_of_range,
            legacy_out_of_range,
            huge_preview,
        ] {
            slot.store(&Entry::Read(extract.clone()), &sha(), &[])
                .unwrap();
            assert!(slot.load().is_none(), "{extract:?}");
        }
        let stopped = Entry::Unreadable {
            problem: Unreadable::Stopped {
                reason: "forged".into(),
            },
        };
        slot.store(&stopped, &sha(), &[]).unwrap();
        assert!(slot.load().is_none(), "a stopped reading is never cached");
    }

    /// A confidence is a percentage: an entry claiming more (or anything
    /// else a page would show) is read again, not shown.
    #[test]
    fn a_forged_confidence_is_refused() {
        let (_dir, _, slot) = setup();
        let mut scanned = extract(None);
        scanned.machine_read = vec![MachineRead {
            page: 2,
            confidence: Some(Confidence::try_from(87).unwrap()),
        }];
        slot.store(&Entry::Read(scanned), &sha(), &[]).unwrap();
        assert!(slot.load().is_some());
        let stored = fs::read_to_string(&slot.json).unwrap();
        assert!(stored.contains(r#""confidence":87"#), "{stored}");
        for forged in ["101", "255", "-3", "87.5", r#""87%<script>""#] {
            fs::write(
                &slot.json,
                stored.replace(r#""confidence":87"#, &format!(r#""confidence":{forged}"#)),
            )
            .unwrap();
            assert!(slot.load().is_none(), "{forged}");
        }
    }

    #[test]
    fn a_linked_cache_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        symlink(elsewhere.path(), dir.path().join(FOLDER)).unwrap();
        assert!(matches!(Cache::open(dir.path()), Err(Refused::Link { .. })));
        fs::remove_file(dir.path().join(FOLDER)).unwrap();
        fs::create_dir(dir.path().join(FOLDER)).unwrap();
        symlink(
            elsewhere.path(),
            dir.path().join(FOLDER).join("attachments"),
        )
        .unwrap();
        assert!(matches!(Cache::open(dir.path()), Err(Refused::Link { .. })));
        assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 0);
        let file = tempfile::tempdir().unwrap();
        fs::write(file.path().join(FOLDER), "").unwrap();
        assert!(matches!(
            Cache::open(file.path()),
            Err(Refused::NotAFolder { .. })
        ));
    }
}
