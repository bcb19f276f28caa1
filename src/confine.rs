//! Reading the archive's files without ever leaving the archive.
//!
//! Content arrives by pull request from strangers, and git commits symbolic
//! links. A link to `/etc`, to `/proc/self` or to `../../..`, anywhere on the
//! way to a file, must not let a build read (and publish) a file of the
//! machine that builds it. So every path the build reads is resolved here,
//! through every link and `..`, and proved to stay under its root before it
//! is opened; what is opened is the resolved path, never the one written.
//! Only regular files are read: a FIFO would block the build forever and a
//! device node would feed it without end.

use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Word;

/// A folder whose files may be read: the site root, `content/`, a theme.
#[derive(Debug, Clone)]
pub struct Root {
    /// The folder as the user named it, for messages.
    given: PathBuf,
    /// The folder with every link resolved.
    resolved: PathBuf,
    /// How messages name it: `content/`, `themes/default/`.
    shown: String,
}

/// Why a path may not be read.
#[derive(Debug, thiserror::Error)]
pub enum ConfineError {
    #[error("does not exist")]
    Missing,
    #[error("leads outside {root} (through a symbolic link or `..`)")]
    Outside { root: String },
    #[error("is {kind}, not a regular file")]
    NotAFile { kind: FileKind },
    #[error("is {kind}, not a folder")]
    NotAFolder { kind: FileKind },
    #[error("is written `{written}` but named `{on_disk}` on disk; web hosts tell case apart")]
    CaseDiffers { written: String, on_disk: String },
    #[error("cannot be read: {0}")]
    Io(#[source] io::Error),
}

impl ConfineError {
    /// The reason in the catalogue's words, for a message in any language.
    pub fn word(&self) -> Word {
        match self {
            ConfineError::Missing => Word::Missing,
            ConfineError::Outside { root } => Word::Outside { root: root.clone() },
            ConfineError::NotAFile { kind } => Word::NotAFile {
                kind: Box::new(kind.word()),
            },
            ConfineError::NotAFolder { kind } => Word::NotAFolder {
                kind: Box::new(kind.word()),
            },
            ConfineError::CaseDiffers { written, on_disk } => Word::CaseDiffers {
                written: written.clone(),
                on_disk: on_disk.clone(),
            },
            ConfineError::Io(e) => Word::Unreadable {
                detail: e.to_string(),
            },
        }
    }
}

impl FileKind {
    pub fn word(self) -> Word {
        match self {
            FileKind::File => Word::KindFile,
            FileKind::Folder => Word::KindFolder,
            FileKind::Fifo => Word::KindFifo,
            FileKind::Socket => Word::KindSocket,
            FileKind::Device => Word::KindDevice,
            FileKind::Other => Word::KindOther,
        }
    }
}

/// What a path turned out to be, in words for a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    File,
    Folder,
    Fifo,
    Socket,
    Device,
    Other,
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileKind::File => "a file",
            FileKind::Folder => "a folder",
            FileKind::Fifo => "a named pipe",
            FileKind::Socket => "a socket",
            FileKind::Device => "a device",
            FileKind::Other => "a special file",
        })
    }
}

impl FileKind {
    pub fn of(file_type: std::fs::FileType) -> FileKind {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if file_type.is_fifo() {
                return FileKind::Fifo;
            }
            if file_type.is_socket() {
                return FileKind::Socket;
            }
            if file_type.is_block_device() || file_type.is_char_device() {
                return FileKind::Device;
            }
        }
        if file_type.is_file() {
            FileKind::File
        } else if file_type.is_dir() {
            FileKind::Folder
        } else {
            FileKind::Other
        }
    }
}

impl Root {
    /// `folder` itself may be a link, as long as it leads to a folder.
    pub fn new(folder: &Path) -> Result<Root, ConfineError> {
        let resolved = resolve(folder)?;
        let kind = FileKind::of(std::fs::metadata(&resolved).map_err(io_error)?.file_type());
        if kind != FileKind::Folder {
            return Err(ConfineError::NotAFolder { kind });
        }
        Ok(Root {
            given: folder.to_path_buf(),
            resolved,
            shown: "the archive's folder".into(),
        })
    }

    /// The same root, named `shown` in messages ("leads outside `shown`").
    pub fn named(mut self, shown: impl Into<String>) -> Root {
        self.shown = shown.into();
        self
    }

    /// A root that must itself lie inside `outer` (`content/` inside the
    /// site, a theme inside `themes/`).
    pub fn inside(outer: &Root, folder: &Path) -> Result<Root, ConfineError> {
        let mut root = Root::new(folder)?;
        outer.confine(folder, &root.resolved)?;
        let inside = folder.strip_prefix(&outer.given).unwrap_or(folder);
        root.shown = format!("{}/", crate::diagnostics::display_path(inside));
        Ok(root)
    }

    /// The folder as given, for joining paths to show.
    pub fn path(&self) -> &Path {
        &self.given
    }

    /// The resolved path of a regular file at `path`, proved to be under
    /// this root. `path` is written as the build finds or builds it: it
    /// starts with [`Root::path`]; a path relative to the root is joined to
    /// it first.
    pub fn file(&self, path: &Path) -> Result<PathBuf, ConfineError> {
        let resolved = self.resolve_within(path)?;
        let kind = FileKind::of(std::fs::metadata(&resolved).map_err(io_error)?.file_type());
        match kind {
            FileKind::File => Ok(resolved),
            kind => Err(ConfineError::NotAFile { kind }),
        }
    }

    /// The resolved path of a folder at `path`, proved to be under this root.
    pub fn folder(&self, path: &Path) -> Result<PathBuf, ConfineError> {
        let resolved = self.resolve_within(path)?;
        let kind = FileKind::of(std::fs::metadata(&resolved).map_err(io_error)?.file_type());
        match kind {
            FileKind::Folder => Ok(resolved),
            kind => Err(ConfineError::NotAFolder { kind }),
        }
    }

    /// Reads a regular file under this root.
    pub fn read(&self, path: &Path) -> Result<Vec<u8>, ConfineError> {
        std::fs::read(self.file(path)?).map_err(ConfineError::Io)
    }

    fn resolve_within(&self, path: &Path) -> Result<PathBuf, ConfineError> {
        let full = if path.starts_with(&self.given) {
            path.to_path_buf()
        } else {
            self.given.join(path)
        };
        let resolved = resolve(&full)?;
        self.confine(&full, &resolved)?;
        Ok(resolved)
    }

    /// Checks that `resolved` (the resolution of `written`) is under this
    /// root, and that the disk spells it the way it was written.
    fn confine(&self, written: &Path, resolved: &Path) -> Result<(), ConfineError> {
        let Ok(inside) = resolved.strip_prefix(&self.resolved) else {
            return Err(ConfineError::Outside {
                root: self.shown.clone(),
            });
        };
        // On a case-insensitive disk (macOS, Windows) `Files/a.PDF` opens
        // `files/a.pdf`; the published site would not find it.
        if let Ok(written_inside) = lexical(written).strip_prefix(lexical(&self.given)) {
            let (w, d) = (written_inside.to_string_lossy(), inside.to_string_lossy());
            if w != d && w.to_lowercase() == d.to_lowercase() {
                return Err(ConfineError::CaseDiffers {
                    written: w.into_owned(),
                    on_disk: d.into_owned(),
                });
            }
        }
        Ok(())
    }
}

fn resolve(path: &Path) -> Result<PathBuf, ConfineError> {
    std::fs::canonicalize(path).map_err(io_error)
}

fn io_error(e: io::Error) -> ConfineError {
    if e.kind() == io::ErrorKind::NotFound {
        ConfineError::Missing
    } else {
        ConfineError::Io(e)
    }
}

/// `path` with `.` components dropped, for comparing spellings.
fn lexical(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn tree() -> (tempfile::TempDir, Root) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/notes/files")).unwrap();
        std::fs::write(dir.path().join("content/notes/files/a.pdf"), "%PDF").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        let root = Root::new(&dir.path().join("content")).unwrap();
        (dir, root)
    }

    #[test]
    fn reads_a_plain_file_and_a_link_that_stays_inside() {
        let (dir, root) = tree();
        assert!(root.file(Path::new("notes/files/a.pdf")).is_ok());
        symlink("a.pdf", dir.path().join("content/notes/files/b.pdf")).unwrap();
        assert!(root.file(Path::new("notes/files/b.pdf")).is_ok());
    }

    #[test]
    fn refuses_links_out_at_any_depth() {
        let (dir, root) = tree();
        let files = dir.path().join("content/notes/files");
        symlink("/etc", files.join("etcdir")).unwrap();
        symlink("/proc/self", files.join("p")).unwrap();
        symlink("../../..", files.join("up")).unwrap();
        symlink(dir.path().join("secret.txt"), files.join("s.txt")).unwrap();
        for path in [
            "notes/files/etcdir/passwd",
            "notes/files/p/environ",
            "notes/files/up/secret.txt",
            "notes/files/s.txt",
            "notes/../../secret.txt",
        ] {
            assert!(
                matches!(
                    root.file(Path::new(path)),
                    Err(ConfineError::Outside { .. })
                ),
                "{path}"
            );
        }
    }

    #[test]
    fn refuses_what_is_not_a_regular_file() {
        let (dir, root) = tree();
        let fifo = dir.path().join("content/notes/x.en.md");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(matches!(
            root.file(&fifo),
            Err(ConfineError::NotAFile {
                kind: FileKind::Fifo
            })
        ));
        assert!(matches!(
            root.file(Path::new("notes")),
            Err(ConfineError::NotAFile {
                kind: FileKind::Folder
            })
        ));
        assert!(matches!(
            root.file(Path::new("notes/none.pdf")),
            Err(ConfineError::Missing)
        ));
    }

    #[test]
    fn a_root_must_lie_inside_its_outer_root() {
        let (dir, _) = tree();
        let site = Root::new(dir.path()).unwrap();
        std::fs::create_dir_all(dir.path().join("themes")).unwrap();
        symlink("/usr/share", dir.path().join("themes/evil")).unwrap();
        assert!(matches!(
            Root::inside(&site, &dir.path().join("themes/evil")),
            Err(ConfineError::Outside { .. })
        ));
        assert!(Root::inside(&site, &dir.path().join("content")).is_ok());
    }
}
