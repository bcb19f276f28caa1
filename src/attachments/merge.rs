//! `sastra cache merge DIR...`: the readings of caches made elsewhere (the
//! shards of a CI matrix, each `sastra check --ocr --shard K/N` on its own
//! machine) taken into the archive's cache. Entries are named by the
//! content hash of the file they describe, so a merge is a union; a
//! shard's cache comes from another machine and is read as untrusted, as
//! the archive's own cache is (see [`Cache::adopt`]): only well-formed
//! entries of plain files are taken, written anew, and a usable entry of
//! the archive's cache is never replaced.

use std::fs;
use std::path::Path;

use super::cache::{self, Adopted, Cache};
use crate::diagnostics::{display_path, Diagnostic, Message, Status};

/// What merging one folder did, entry by entry.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Merged {
    /// Readings the archive's cache did not have.
    pub added: usize,
    /// Readings it already had, the same.
    pub present: usize,
    /// Files it already had another reading of, which it keeps.
    pub kept: usize,
    /// Files that are not well-formed entries of this version: links,
    /// folders, other names, entries that do not hold together.
    pub refused: usize,
    /// The first of those, by name.
    pub first_refused: Option<String>,
}

impl Merged {
    /// The line that says what the merge of `from` did.
    pub fn status(&self, from: &Path) -> Status {
        Status::CacheMerged {
            path: display_path(from),
            added: self.added,
            present: self.present,
            kept: self.kept,
            refused: self.refused,
        }
    }

    /// A warning naming what was left out, if anything was.
    pub fn warning(&self, from: &Path) -> Option<Diagnostic> {
        let first = self.first_refused.clone()?;
        Some(Diagnostic::warning(
            from.join(cache::ENTRIES),
            Message::CacheEntriesRefused {
                count: self.refused,
                first,
            },
        ))
    }

    fn count(&mut self, name: &str, adopted: Adopted) {
        match adopted {
            Adopted::Added => self.added += 1,
            Adopted::Present => self.present += 1,
            Adopted::Kept => self.kept += 1,
            Adopted::Refused => {
                self.refused += 1;
                self.first_refused.get_or_insert_with(|| name.to_string());
            }
        }
    }
}

/// Takes the entries of the cache folder `from` (laid out as
/// `.sastra-cache`: a plain folder holding a plain folder `attachments/`)
/// into `cache`. `from` is only read.
pub fn merge(cache: &Cache, from: &Path) -> Result<Merged, Diagnostic> {
    let entries = from.join(cache::ENTRIES);
    let not_a_cache = || {
        Diagnostic::error(
            from,
            Message::NotACacheToMerge {
                path: display_path(from),
            },
        )
    };
    for folder in [from, entries.as_path()] {
        // Not followed: a link, even to a folder, is not a cache.
        match fs::symlink_metadata(folder) {
            Ok(meta) if meta.is_dir() => {}
            _ => return Err(not_a_cache()),
        }
    }
    let cannot_read = |e: std::io::Error| {
        Diagnostic::error(
            &entries,
            Message::CannotReadPath {
                path: display_path(&entries),
                detail: e.to_string(),
            },
        )
    };
    let mut files: Vec<fs::DirEntry> = fs::read_dir(&entries)
        .map_err(cannot_read)?
        .collect::<Result<_, _>>()
        .map_err(cannot_read)?;
    // In the order of their names: the same folders give the same report.
    files.sort_by_key(fs::DirEntry::file_name);
    let mut merged = Merged::default();
    for file in files {
        let name = file.file_name().to_string_lossy().into_owned();
        if cache::is_preview_name(&name) {
            // Taken with its entry, checked against it.
            continue;
        }
        // The entry's own type, not a link's target's.
        let plain = file.file_type().is_ok_and(|t| t.is_file());
        let adopted = match plain {
            true => cache.adopt(&file.path()).map_err(|e| {
                Diagnostic::error(
                    cache.folder(),
                    Message::CannotWrite {
                        path: display_path(cache.folder()),
                        detail: e.to_string(),
                    },
                )
            })?,
            false => Adopted::Refused,
        };
        merged.count(&name, adopted);
    }
    Ok(merged)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::attachments::cache::{Entry, FileId, Sha256};
    use crate::attachments::pdf::{Extract, Preview, TextLayer, Unreadable};
    use std::os::unix::fs::symlink;
    use std::path::PathBuf;

    use crate::attachments::raster::png_header as png;

    fn reading(text: &str, preview: Option<Preview>) -> Entry {
        Entry::Read(Extract {
            pages: 1,
            text: vec![text.into()],
            layer: TextLayer::Scanned,
            machine_read: vec![crate::attachments::ocr::MachineRead {
                page: 1,
                confidence: None,
            }],
            partial: None,
            title: None,
            created: None,
            truncated: false,
            preview,
        })
    }

    const PREVIEW: Preview = Preview {
        width: 150,
        height: 200,
    };

    /// An archive with its cache, and the PDFs of `contents` in it.
    struct Archive {
        root: tempfile::TempDir,
        cache: Cache,
        files: Vec<FileId>,
    }

    fn archive(contents: &[&str]) -> Archive {
        let root = tempfile::tempdir().unwrap();
        let cache = Cache::open(root.path()).unwrap().unwrap();
        let files = contents
            .iter()
            .enumerate()
            .map(|(i, content)| {
                let pdf = root.path().join(format!("{i}.pdf"));
                fs::write(&pdf, content).unwrap();
                FileId::of(&pdf).unwrap()
            })
            .collect();
        Archive { root, cache, files }
    }

    impl Archive {
        fn entries(&self) -> PathBuf {
            self.root.path().join(cache::FOLDER).join(cache::ENTRIES)
        }

        fn store(&self, file: usize, entry: &Entry) {
            let image = match entry {
                Entry::Read(Extract {
                    preview: Some(p), ..
                }) => png(p.width, p.height),
                _ => Vec::new(),
            };
            self.cache
                .slot(&self.files[file], true)
                .store(entry, &sha(), &image)
                .unwrap();
        }

        fn load(&self, file: usize) -> Option<Entry> {
            self.cache
                .slot(&self.files[file], true)
                .load()
                .map(|l| l.entry)
        }

        fn shard(&self) -> PathBuf {
            self.root.path().join(cache::FOLDER)
        }
    }

    fn sha() -> Sha256 {
        Sha256::try_from("ab".repeat(32)).unwrap()
    }

    const PDFS: [&str; 3] = ["%PDF-1.4 one", "%PDF-1.4 two", "%PDF-1.4 three"];

    /// Two shards' caches merged give the archive each shard's readings,
    /// previews included; merging again changes nothing.
    #[test]
    fn shards_merge_into_one_cache() {
        let (one, two, target) = (archive(&PDFS), archive(&PDFS), archive(&PDFS));
        one.store(0, &reading("one", Some(PREVIEW)));
        two.store(1, &reading("two", None));
        two.store(
            2,
            &Entry::Unreadable {
                problem: Unreadable::Encrypted,
            },
        );
        let first = merge(&target.cache, &one.shard()).unwrap();
        assert_eq!((first.added, first.refused), (1, 0), "{first:?}");
        let second = merge(&target.cache, &two.shard()).unwrap();
        assert_eq!((second.added, second.refused), (2, 0), "{second:?}");
        assert_eq!(target.load(0), Some(reading("one", Some(PREVIEW))));
        assert_eq!(target.load(1), Some(reading("two", None)));
        assert!(target.load(2).is_some());
        let again = merge(&target.cache, &one.shard()).unwrap();
        assert_eq!((again.added, again.present), (0, 1));
        assert_eq!(again.warning(&one.shard()), None);
    }

    /// A usable entry of the archive's cache is never replaced, neither by
    /// another reading nor by a forged one.
    #[test]
    fn a_usable_entry_is_never_replaced() {
        let (shard, target) = (archive(&PDFS), archive(&PDFS));
        target.store(0, &reading("ours", None));
        shard.store(0, &reading("theirs", None));
        let merged = merge(&target.cache, &shard.shard()).unwrap();
        assert_eq!((merged.added, merged.kept), (0, 1));
        assert_eq!(target.load(0), Some(reading("ours", None)));
        // A broken entry of ours is replaced by a good one.
        let ours = fs::read_dir(target.entries())
            .unwrap()
            .next()
            .unwrap()
            .unwrap();
        fs::write(ours.path(), b"{").unwrap();
        merge(&target.cache, &shard.shard()).unwrap();
        assert_eq!(target.load(0), Some(reading("theirs", None)));
    }

    /// A reading that ran out of a smaller budget is not one to keep: a
    /// shard given more time (`SASTRA_PDF_BUDGET`) read further.
    #[test]
    fn a_reading_that_ran_out_of_time_gives_way_to_one_that_went_further() {
        let over = |seconds: u64| Entry::Unreadable {
            problem: Unreadable::OverBudget {
                budget_ms: seconds * 1000,
            },
        };
        let (shard, target) = (archive(&PDFS), archive(&PDFS));
        target.store(0, &over(600));
        shard.store(0, &over(60));
        assert_eq!(merge(&target.cache, &shard.shard()).unwrap().kept, 1);
        assert_eq!(target.load(0), Some(over(600)));
        shard.store(0, &over(1200));
        assert_eq!(merge(&target.cache, &shard.shard()).unwrap().added, 1);
        assert_eq!(target.load(0), Some(over(1200)));
        // Out of the same time, with the scanned pages read so far kept.
        let partial = match reading("", None) {
            Entry::Read(extract) => Entry::Read(Extract {
                machine_read: Vec::new(),
                partial: Some(crate::attachments::ocr::Partial {
                    budget_ms: 1_200_000,
                    unread: vec![1],
                }),
                ..extract
            }),
            other => other,
        };
        shard.store(0, &partial);
        assert_eq!(merge(&target.cache, &shard.shard()).unwrap().added, 1);
        assert_eq!(target.load(0), Some(partial));
        shard.store(0, &reading("read in time", None));
        assert_eq!(merge(&target.cache, &shard.shard()).unwrap().added, 1);
        assert_eq!(target.load(0), Some(reading("read in time", None)));
        shard.store(0, &over(2400));
        assert_eq!(merge(&target.cache, &shard.shard()).unwrap().kept, 1);
        assert_eq!(target.load(0), Some(reading("read in time", None)));
    }

    /// Whatever a shard's folder holds besides well-formed entries is left
    /// out and counted: links (to a secret of the machine, or to an entry
    /// elsewhere), folders, pipes, other names, entries that do not hold
    /// together or are filed under a name that is not theirs.
    #[test]
    fn what_is_not_a_well_formed_entry_is_left_out() {
        let (shard, target, elsewhere) = (archive(&PDFS), archive(&PDFS), archive(&PDFS));
        shard.store(0, &reading("good", Some(PREVIEW)));
        elsewhere.store(1, &reading("linked", None));
        let dir = shard.entries();
        let good = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "json"))
            .unwrap();
        let json = fs::read_to_string(&good).unwrap();
        let name = |file: &FileId, ocr: &str| format!("{}.v3{ocr}.json", file.name());
        // A link to an entry of another cache, named as it should be.
        let linked = fs::read_dir(elsewhere.entries())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "json"))
            .unwrap();
        symlink(&linked, dir.join(linked.file_name().unwrap())).unwrap();
        symlink("/etc/passwd", dir.join(name(&shard.files[2], ".ocr"))).unwrap();
        // The good entry filed under another file's name.
        fs::write(dir.join(name(&shard.files[2], "")), &json).unwrap();
        // A hash that is not one, which would cut a name short.
        let mut short: serde_json::Value = serde_json::from_str(&json).unwrap();
        short["file"]["hash"] = "ab".into();
        let short = serde_json::to_string(&short).unwrap();
        assert_ne!(short, json);
        fs::write(dir.join(format!("{}.v3.json", "a".repeat(32))), short).unwrap();
        fs::create_dir(dir.join(format!("{}.v3.json", "b".repeat(32)))).unwrap();
        fs::write(dir.join("notes.txt"), "x").unwrap();
        fs::write(dir.join(format!("{}.v2.json", "c".repeat(32))), &json).unwrap();
        let fifo = std::ffi::CString::new(
            dir.join(format!("{}.v3.json", "d".repeat(32)))
                .to_str()
                .unwrap(),
        )
        .unwrap();
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);

        let merged = merge(&target.cache, &shard.shard()).unwrap();
        assert_eq!(merged.added, 1, "{merged:?}");
        assert_eq!(merged.refused, 8, "{merged:?}");
        assert_eq!(target.load(0), Some(reading("good", Some(PREVIEW))));
        assert_eq!(target.load(1), None, "a linked entry is not followed");
        assert_eq!(target.load(2), None);
        let warning = merged.warning(&shard.shard()).unwrap();
        assert!(
            warning.message.en().starts_with("8 file(s) "),
            "{}",
            warning.message.en()
        );
        // Nothing but entries written anew, no link among them.
        for file in fs::read_dir(target.entries()).unwrap() {
            assert!(file.unwrap().file_type().unwrap().is_file());
        }
    }

    /// A preview that is not the PNG its entry states keeps the entry out.
    #[test]
    fn an_entry_with_a_false_preview_is_left_out() {
        let (shard, target) = (archive(&PDFS), archive(&PDFS));
        shard.store(0, &reading("one", Some(PREVIEW)));
        let preview = fs::read_dir(shard.entries())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "png"))
            .unwrap();
        fs::write(&preview, b"SECRET_TOKEN=abc").unwrap();
        let merged = merge(&target.cache, &shard.shard()).unwrap();
        assert_eq!((merged.added, merged.refused), (0, 1));
        fs::remove_file(&preview).unwrap();
        symlink("/etc/passwd", &preview).unwrap();
        assert_eq!(merge(&target.cache, &shard.shard()).unwrap().refused, 1);
        assert_eq!(target.load(0), None);
    }

    /// A folder that is not a cache, or a link to one, is refused whole.
    #[test]
    fn only_a_plain_cache_folder_is_merged() {
        let (shard, target) = (archive(&PDFS), archive(&PDFS));
        shard.store(0, &reading("one", None));
        let elsewhere = tempfile::tempdir().unwrap();
        let link = elsewhere.path().join("link");
        symlink(shard.shard(), &link).unwrap();
        let inner = elsewhere.path().join("inner");
        fs::create_dir(&inner).unwrap();
        symlink(shard.entries(), inner.join(cache::ENTRIES)).unwrap();
        for from in [
            link,
            inner,
            shard.entries(),
            elsewhere.path().join("missing"),
        ] {
            let refused = merge(&target.cache, &from).unwrap_err();
            assert_eq!(
                refused.message.id(),
                "NotACacheToMerge",
                "{}",
                from.display()
            );
        }
        assert_eq!(target.load(0), None);
    }
}
