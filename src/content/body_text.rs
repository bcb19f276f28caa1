//! A document's body: held in memory, or left in its file once checked and
//! read again where it is rendered or indexed.
//!
//! A build holds every document for the whole run (listings, related
//! documents and feeds need them all), but a body is wanted only twice: for
//! its document page and for the search index. Held, the bodies are as
//! large as the archive's text (4.3 GB at 100,000 documents); left in their
//! files, a build's memory no longer grows with them. The preview and
//! `check` keep them held: they are what an edit is compared against.

use std::borrow::Cow;
use std::hash::BuildHasher;
use std::path::PathBuf;

use rustc_hash::FxBuildHasher;

use super::front_matter;
use crate::diagnostics::{display_path, Lang, Message};

/// Whether the documents loaded keep their bodies: a build and `check`
/// leave them in their files; the preview keeps them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bodies {
    Held,
    InFiles,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyText {
    Held(String),
    /// Checked as loaded, then dropped: the file is read again when the
    /// body is wanted, and refused if it is no longer what was checked.
    InFile(InFile),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InFile {
    /// The resolved file, proved to lie under `content/` when loaded.
    file: PathBuf,
    len: usize,
    hash: u64,
}

/// A document's file no longer holds the body that was checked: it was
/// edited (or replaced) while the site was being built.
/// Worded, in both languages, by [`Changed::message`].
#[derive(Debug)]
pub struct Changed {
    pub file: PathBuf,
}

impl Changed {
    pub fn message(&self) -> Message {
        Message::ChangedDuringBuild {
            file: display_path(&self.file),
        }
    }
}

impl std::fmt::Display for Changed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().text(Lang::En))
    }
}

impl std::error::Error for Changed {}

impl BodyText {
    /// The text, read again from its file when it was left there.
    pub fn text(&self) -> Result<Cow<'_, str>, Changed> {
        match self {
            BodyText::Held(text) => Ok(Cow::Borrowed(text)),
            BodyText::InFile(in_file) => in_file.read().map(Cow::Owned),
        }
    }

    /// The text, when it is held (always, until [`BodyText::leave_in`]).
    pub fn held(&self) -> Option<&str> {
        match self {
            BodyText::Held(text) => Some(text),
            BodyText::InFile(_) => None,
        }
    }

    /// Drops the held text, to be read again from `file` (the document's
    /// resolved file) when it is wanted.
    pub fn leave_in(&mut self, file: PathBuf) {
        if let BodyText::Held(text) = self {
            *self = BodyText::InFile(InFile {
                file,
                len: text.len(),
                hash: hash(text),
            });
        }
    }
}

impl From<String> for BodyText {
    fn from(text: String) -> Self {
        BodyText::Held(text)
    }
}

impl From<&str> for BodyText {
    fn from(text: &str) -> Self {
        BodyText::Held(text.to_string())
    }
}

impl PartialEq<&str> for BodyText {
    fn eq(&self, other: &&str) -> bool {
        self.held() == Some(*other)
    }
}

/// Not a defence against an attacker (who could as well change the file
/// before the build): it tells a body edited mid-build from the one checked.
fn hash(text: &str) -> u64 {
    FxBuildHasher.hash_one(text)
}

impl InFile {
    /// The body as [`super::document::parse`] split it from the file.
    fn read(&self) -> Result<String, Changed> {
        let changed = || Changed {
            file: self.file.clone(),
        };
        let bytes = std::fs::read(&self.file).map_err(|_| changed())?;
        let text = String::from_utf8(bytes).map_err(|_| changed())?;
        let body = body_of(&text).ok_or_else(changed)?;
        if body.len() != self.len || hash(body) != self.hash {
            return Err(changed());
        }
        // The body is most of the file: cutting it out in place saves
        // copying it.
        let start = body.as_ptr() as usize - text.as_ptr() as usize;
        let mut text = text;
        text.truncate(start + self.len);
        text.replace_range(..start, "");
        Ok(text)
    }
}

/// The body of a document file's text, as [`super::document::parse`] finds it.
fn body_of(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    front_matter::split(text).ok().map(|split| split.body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn left_in(dir: &Path, file_text: &str) -> BodyText {
        let file = dir.join("a.en.md");
        std::fs::write(&file, file_text).unwrap();
        let body = body_of(file_text).unwrap();
        let mut text = BodyText::from(body);
        text.leave_in(file);
        text
    }

    #[test]
    fn a_body_left_in_its_file_reads_back_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let text = left_in(dir.path(), "\u{FEFF}---\ntitle: A\n---\nBody ១\n\nMore.\n");
        assert_eq!(text.held(), None);
        assert_eq!(text.text().unwrap(), "Body ១\n\nMore.\n");
    }

    #[test]
    fn a_body_edited_during_the_build_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let text = left_in(dir.path(), "---\ntitle: A\n---\nBody.\n");
        std::fs::write(dir.path().join("a.en.md"), "---\ntitle: A\n---\nBodY.\n").unwrap();
        let refused = text.text().unwrap_err();
        assert_eq!(refused.file, dir.path().join("a.en.md"));
        std::fs::remove_file(dir.path().join("a.en.md")).unwrap();
        assert!(text.text().is_err());
    }
}
