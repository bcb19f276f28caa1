//! The files a command is about to add to the archive: checked as `sastra
//! check` checks any document before one of them is written, then written
//! without ever overwriting a file.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
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
    /// folder where each attachment stands in as an empty file (the parser
    /// checks an attachment's path and type, not its bytes). The documents'
    /// attachments then name the files they will have in `content/`.
    pub fn check(&self, config: &Config) -> io::Result<(Vec<Document>, Diagnostics)> {
        let scratch = tempfile::tempdir()?;
        let mut staged = config.clone();
        staged.root = scratch.path().to_path_buf();
        let content = staged.content_dir();
        std::fs::create_dir_all(&content)?;
        for (_, to) in &self.attachments {
            create_parent(&content.join(to))?;
            File::create(content.join(to))?;
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
            let mut file = create_new(&target)?;
            written.attachments.push(target.clone());
            io::copy(&mut source, &mut file).map_err(|source| WriteError::Write {
                path: target,
                source,
            })?;
        }
        for (path, text) in &self.documents {
            let target = content.join(path);
            let mut file = create_new(&target)?;
            written.documents.push(target.clone());
            io::Write::write_all(&mut file, text.as_bytes()).map_err(|source| {
                WriteError::Write {
                    path: target,
                    source,
                }
            })?;
        }
        Ok(())
    }
}

fn create_parent(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(parent) => std::fs::create_dir_all(parent),
        None => Ok(()),
    }
}

fn create_new(path: &Path) -> Result<File, WriteError> {
    create_parent(path).map_err(|source| WriteError::Write {
        path: path.to_path_buf(),
        source,
    })?;
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|source| match source.kind() {
            io::ErrorKind::AlreadyExists => WriteError::Exists(path.to_path_buf()),
            _ => WriteError::Write {
                path: path.to_path_buf(),
                source,
            },
        })
}
