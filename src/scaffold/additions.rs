//! The files a command is about to add to the archive: checked as `sastra
//! check` checks any document before one of them is written, then written
//! without ever overwriting a file.

use std::collections::HashMap;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::confine::{ConfineError, Root};
use crate::content::{load, Document};
use crate::diagnostics::{Diagnostics, Message};

/// New documents and the attachments they list, by path relative to
/// `content/`.
#[derive(Debug, Default)]
pub struct Additions {
    documents: Vec<(PathBuf, String)>,
    /// (file to copy, resolved; where it goes).
    attachments: Vec<(PathBuf, PathBuf)>,
    /// The file copied to each target, by target.
    sources: HashMap<PathBuf, PathBuf>,
}

/// What was written, by path under the site's root.
#[derive(Debug, Default)]
pub struct Written {
    pub documents: Vec<PathBuf>,
    pub attachments: Vec<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{} already exists; nothing is ever overwritten", .0.display())]
    Exists(PathBuf),
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{}: {source}", path.display())]
    Outside { path: PathBuf, source: ConfineError },
}

impl WriteError {
    pub fn message(&self) -> Message {
        let shown = |path: &Path| path.display().to_string();
        match self {
            WriteError::Exists(path) => Message::NeverOverwritten { path: shown(path) },
            WriteError::Write { path, source } => Message::CannotWrite {
                path: shown(path),
                detail: source.to_string(),
            },
            WriteError::Read { path, source } => Message::CannotReadPath {
                path: shown(path),
                detail: source.to_string(),
            },
            WriteError::Outside { path, source } => Message::PathRefused {
                path: shown(path),
                why: source.word(),
            },
        }
    }
}

impl Additions {
    pub fn add_document(&mut self, path: PathBuf, text: String) {
        self.documents.push((path, text));
    }

    /// Adds the copy of `from` to `to`; the same copy twice (two language
    /// versions attaching one file) is made once.
    pub fn add_attachment(&mut self, from: PathBuf, to: PathBuf) {
        if !self.sources.contains_key(&to) {
            self.sources.insert(to.clone(), from.clone());
            self.attachments.push((from, to));
        }
    }

    /// The file another addition already copies to `to`, if it is not `from`.
    pub fn other_source(&self, from: &Path, to: &Path) -> Option<&Path> {
        self.sources
            .get(to)
            .filter(|f| f.as_path() != from)
            .map(PathBuf::as_path)
    }

    /// Parses every new document with the loader `check` uses, in a scratch
    /// folder where each attachment stands in as its first kilobyte (the
    /// parser checks an attachment's path, type and signature: a
    /// `minutes.pdf` that is HTML is refused before anything is copied).
    /// The documents' attachments then name the files they will have in
    /// `content/`.
    pub fn check(&self, config: &Config) -> io::Result<(Vec<Document>, Diagnostics)> {
        let scratch = tempfile::tempdir()?;
        let mut staged = config.clone();
        staged.root = scratch.path().to_path_buf();
        let content = staged.content_dir();
        std::fs::create_dir_all(&content)?;
        for (from, to) in &self.attachments {
            create_parent(&content.join(to))?;
            let mut stand_in = File::create(content.join(to))?;
            // An unreadable source is reported when it is copied.
            if let Ok(source) = File::open(from) {
                io::copy(&mut io::Read::take(source, 1024), &mut stand_in)?;
            }
        }
        for (path, text) in &self.documents {
            create_parent(&content.join(path))?;
            std::fs::write(content.join(path), text)?;
        }
        let parsed: Vec<_> = self
            .documents
            .par_iter()
            .map(|(path, _)| load::load_file(&staged, &content.join(path)))
            .collect();
        let mut documents = Vec::new();
        let mut problems = Diagnostics::default();
        for (document, found) in parsed {
            problems.extend(found);
            documents.extend(document);
        }
        for attachment in documents.iter_mut().flat_map(|d| d.attachments.iter_mut()) {
            attachment.source = config.content_dir().join(&attachment.path);
            attachment.bytes = self
                .sources
                .get(&attachment.path)
                .and_then(|from| std::fs::metadata(from).ok())
                .map_or(0, |m| m.len());
        }
        Ok((documents, problems))
    }

    /// Every file to be written that is already there (a dangling link
    /// counts: writing through it would create its target).
    pub fn existing(&self, config: &Config) -> Vec<PathBuf> {
        let content = config.content_dir();
        self.targets()
            .map(|p| content.join(p))
            .filter(|p| p.symlink_metadata().is_ok())
            .collect()
    }

    fn targets(&self) -> impl Iterator<Item = &Path> {
        let documents = self.documents.iter().map(|(p, _)| p.as_path());
        documents.chain(self.attachments.iter().map(|(_, to)| to.as_path()))
    }

    /// Writes every file, attachments first, each created new so that
    /// nothing is overwritten even if a file appeared since the check. On
    /// an error, the files written so far are removed again.
    pub fn write(&self, config: &Config) -> Result<Written, WriteError> {
        let content = config.content_dir();
        self.confine_targets(&content)?;
        let mut written = Written::default();
        let result = self.write_into(&content, &mut written);
        if result.is_err() {
            for path in written.documents.iter().chain(&written.attachments) {
                let _ = std::fs::remove_file(path);
            }
        }
        result.map(|()| written)
    }

    /// Proves, before anything is written, that each target's deepest
    /// existing folder lies inside `content`: a linked folder there (a
    /// `files/` leading elsewhere) must not take a new file out of the
    /// archive. The folders made below it are new, so never links.
    fn confine_targets(&self, content: &Path) -> Result<(), WriteError> {
        let outside = |path: &Path| {
            let path = path.to_path_buf();
            move |source| WriteError::Outside { path, source }
        };
        let root = Root::new(content)
            .map(|root| root.named("content/"))
            .map_err(outside(content))?;
        for target in self.targets().map(|p| content.join(p)) {
            let existing = target
                .ancestors()
                .skip(1)
                .find(|folder| folder.symlink_metadata().is_ok())
                .unwrap_or(content);
            root.folder(existing).map_err(outside(&target))?;
        }
        Ok(())
    }

    fn write_into(&self, content: &Path, written: &mut Written) -> Result<(), WriteError> {
        for (from, to) in &self.attachments {
            let target = content.join(to);
            let mut source = File::open(from).map_err(|source| WriteError::Read {
                path: from.clone(),
                source,
            })?;
            write_new(&target, |file| io::copy(&mut source, file).map(drop))?;
            written.attachments.push(target);
        }
        for (path, text) in &self.documents {
            let target = content.join(path);
            write_new(&target, |file| io::Write::write_all(file, text.as_bytes()))?;
            written.documents.push(target);
        }
        Ok(())
    }
}

/// Marks the scratch copy of a file being written: `.<name>.partial-XXXXXX`
/// beside it. Hidden, and never a name a document may attach.
const PARTIAL: &str = ".partial-";

/// Writes a new file at `target` through `fill`, so that its name appears
/// only once it is whole: the bytes go to a scratch file in the same folder
/// (same file system, so the rename is atomic), which is synced and then
/// renamed into place without replacing anything. A failure removes the
/// scratch file; a process killed mid-copy leaves only a hidden scratch
/// file, never a truncated file under the final name, and the next write of
/// the same target removes what such a kill left.
fn write_new(
    target: &Path,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), WriteError> {
    let failed = |source| WriteError::Write {
        path: target.to_path_buf(),
        source,
    };
    create_parent(target).map_err(failed)?;
    let (folder, name) = match (target.parent(), target.file_name()) {
        (Some(folder), Some(name)) => (folder, name.to_string_lossy()),
        _ => return Err(failed(io::Error::other("not a file path"))),
    };
    if target.symlink_metadata().is_ok() {
        return Err(WriteError::Exists(target.to_path_buf()));
    }
    let mut scratch = scratch_beside(folder, &name).map_err(failed)?;
    fill(scratch.as_file_mut())
        .and_then(|()| scratch.as_file().sync_all())
        .map_err(failed)?;
    // `persist_noclobber` refuses an existing target (a file that appeared
    // since the check) and, like a drop, removes the scratch file on error.
    scratch
        .persist_noclobber(target)
        .map_err(|e| match e.error.kind() {
            io::ErrorKind::AlreadyExists => WriteError::Exists(target.to_path_buf()),
            _ => failed(e.error),
        })?;
    Ok(())
}

/// A scratch file for `name` in `folder` (`.<name>.partial-XXXXXX`), after
/// removing what a killed write of the same file left.
fn scratch_beside(folder: &Path, name: &str) -> io::Result<tempfile::NamedTempFile> {
    let prefix = format!(".{name}{PARTIAL}");
    remove_partials(folder, &prefix);
    tempfile::Builder::new()
        .prefix(&prefix)
        .rand_bytes(6)
        .tempfile_in(folder)
}

/// Replaces the existing file `target` with `bytes` the same way
/// [`write_new`] writes a new one: through a synced scratch file beside it,
/// renamed over it, so that the file is at every moment either wholly the
/// old one or wholly the new one. `target` must already be proved to lie
/// inside the archive; its permissions are kept.
pub(crate) fn replace(target: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let failed = |source| WriteError::Write {
        path: target.to_path_buf(),
        source,
    };
    let (folder, name) = match (target.parent(), target.file_name()) {
        (Some(folder), Some(name)) => (folder, name.to_string_lossy()),
        _ => return Err(failed(io::Error::other("not a file path"))),
    };
    let permissions = std::fs::metadata(target).map_err(failed)?.permissions();
    let mut scratch = scratch_beside(folder, &name).map_err(failed)?;
    io::Write::write_all(scratch.as_file_mut(), bytes)
        .and_then(|()| scratch.as_file().set_permissions(permissions))
        .and_then(|()| scratch.as_file().sync_all())
        .map_err(failed)?;
    scratch.persist(target).map_err(|e| failed(e.error))?;
    Ok(())
}

/// Removes the scratch files named `prefix…` in `folder`: what a write of
/// the same file left when its process was killed.
fn remove_partials(folder: &Path, prefix: &str) {
    for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
        let is_partial = entry.file_name().to_str().is_some_and(|n| {
            n.strip_prefix(prefix).is_some_and(|rest| {
                rest.len() == 6 && rest.bytes().all(|b| b.is_ascii_alphanumeric())
            })
        });
        if is_partial && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn create_parent(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(parent) => std::fs::create_dir_all(parent),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// A copy that fails halfway leaves neither the file nor its scratch
    /// copy; an existing file (or link) is never replaced.
    #[test]
    fn a_file_is_written_whole_or_not_at_all() {
        let folder = tempfile::tempdir().unwrap();
        let target = folder.path().join("files/a.pdf");
        let failed = write_new(&target, |file| {
            io::Write::write_all(file, b"%PDF-1.4 half")?;
            Err(io::Error::other("the disk is full"))
        });
        assert!(
            matches!(failed, Err(WriteError::Write { .. })),
            "{failed:?}"
        );
        assert!(names(&folder.path().join("files")).is_empty());

        // What a killed copy left is removed by the next write of the file.
        std::fs::write(folder.path().join("files/.a.pdf.partial-AbC123"), "half").unwrap();
        write_new(&target, |file| {
            io::Write::write_all(file, b"%PDF-1.4 whole")
        })
        .unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"%PDF-1.4 whole");
        assert_eq!(names(&folder.path().join("files")), ["a.pdf"]);

        let again = write_new(&target, |file| io::Write::write_all(file, b"other"));
        assert!(matches!(again, Err(WriteError::Exists(_))), "{again:?}");
        assert_eq!(std::fs::read(&target).unwrap(), b"%PDF-1.4 whole");
        let link = folder.path().join("files/b.pdf");
        std::os::unix::fs::symlink("/nonexistent", &link).unwrap();
        let through = write_new(&link, |file| io::Write::write_all(file, b"x"));
        assert!(matches!(through, Err(WriteError::Exists(_))), "{through:?}");
        assert!(!Path::new("/nonexistent").exists());
    }
}
