//! Writing the site: into a staging folder beside the output, swapped in
//! only when the whole build succeeded, so a failed or interrupted build
//! never touches the previous site.

use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::confine::FileKind;
use crate::diagnostics::{Lang, Message, Word};

#[derive(Debug, thiserror::Error)]
#[error("{}: {source}", path.display())]
pub struct WriteError {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

impl WriteError {
    pub fn message(&self) -> Message {
        Message::CannotWrite {
            path: self.path.display().to_string(),
            detail: self.source.to_string(),
        }
    }
}

trait Context<T> {
    fn at(self, path: &Path) -> Result<T, WriteError>;
}

impl<T> Context<T> for io::Result<T> {
    fn at(self, path: &Path) -> Result<T, WriteError> {
        self.map_err(|source| WriteError {
            path: path.to_path_buf(),
            source,
        })
    }
}

/// Why a folder may not receive the site. Each is found before anything is
/// written or removed: replacing the output deletes what was there. Worded,
/// in both languages, by [`OutputError::message`].
#[derive(Debug)]
pub enum OutputError {
    IsSource {
        output: PathBuf,
        source_name: &'static str,
    },
    HoldsSources {
        output: PathBuf,
        source_name: &'static str,
    },
    InsideSources {
        output: PathBuf,
        source_name: &'static str,
    },
    IsAFile {
        output: PathBuf,
    },
    Forbidden {
        output: PathBuf,
        what: Forbidden,
    },
    NotAnOutput {
        output: PathBuf,
    },
    Busy {
        output: PathBuf,
        lock: PathBuf,
    },
    /// The lock is a link, or not a regular file: `kind` is `None` for a
    /// link.
    LockNotAFile {
        lock: PathBuf,
        kind: Option<FileKind>,
    },
    Io(WriteError),
}

/// The folders no build may replace, whatever they hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forbidden {
    FileSystemRoot,
    HomeFolder,
}

impl OutputError {
    pub fn message(&self) -> Message {
        let shown = |path: &Path| path.display().to_string();
        match self {
            OutputError::IsSource {
                output,
                source_name,
            } => Message::OutputIsSource {
                output: shown(output),
                source: source_name.to_string(),
            },
            OutputError::HoldsSources {
                output,
                source_name,
            } => Message::OutputHoldsSources {
                output: shown(output),
                source: source_name.to_string(),
            },
            OutputError::InsideSources {
                output,
                source_name,
            } => Message::OutputInsideSources {
                output: shown(output),
                source: source_name.to_string(),
            },
            OutputError::IsAFile { output } => Message::OutputIsAFile {
                output: shown(output),
            },
            OutputError::Forbidden { output, what } => Message::OutputForbidden {
                output: shown(output),
                what: match what {
                    Forbidden::FileSystemRoot => Word::FileSystemRoot,
                    Forbidden::HomeFolder => Word::HomeFolder,
                },
            },
            OutputError::NotAnOutput { output } => Message::OutputNotOurs {
                output: shown(output),
                marker: MARKER.to_string(),
            },
            OutputError::Busy { output, lock } => Message::OutputBusy {
                output: shown(output),
                lock: shown(lock),
            },
            OutputError::LockNotAFile { lock, kind } => Message::OutputLock {
                lock: shown(lock),
                kind: kind.map_or(Word::KindLink, FileKind::word),
            },
            OutputError::Io(e) => e.message(),
        }
    }

    pub fn hint(&self) -> Option<Message> {
        match self {
            OutputError::NotAnOutput { .. } | OutputError::IsAFile { .. } => {
                Some(Message::ChooseAnotherOutput)
            }
            OutputError::Busy { .. } => Some(Message::WaitForBuild),
            OutputError::LockNotAFile { .. } => Some(Message::DeleteLock),
            _ => None,
        }
    }
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().text(Lang::En))
    }
}

impl std::error::Error for OutputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            OutputError::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<WriteError> for OutputError {
    fn from(e: WriteError) -> Self {
        OutputError::Io(e)
    }
}

/// Written into every output, so that a later build knows the folder is a
/// site it may replace, and any other folder is left alone.
pub const MARKER: &str = ".sastra-output";

/// The sources of an archive, which no output may touch.
const SOURCES: [&str; 3] = ["site.toml", "content", "themes"];

/// An output folder claimed for one build: checked to be safe to replace,
/// locked against a second build, and recovered from an interrupted swap.
/// Held for as long as the build writes.
pub struct Output {
    path: PathBuf,
    _lock: fs::File,
}

impl Output {
    pub fn claim(output: &Path, root: &Path) -> Result<Output, OutputError> {
        let resolved = resolve_lexically(output).at(output)?;
        refuse_unsafe(output, &resolved, root)?;
        let (parent, name) = parent_and_name(output);
        fs::create_dir_all(&parent).at(&parent)?;
        let lock_path = parent.join(format!(".{name}.lock"));
        let lock = open_lock(&lock_path)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                return Err(OutputError::Busy {
                    output: output.to_path_buf(),
                    lock: lock_path,
                })
            }
            Err(fs::TryLockError::Error(e)) => {
                return Err(WriteError {
                    path: lock_path,
                    source: e,
                }
                .into())
            }
        }
        recover_interrupted_swap(output, &backup_path(&parent, &name))?;
        Ok(Output {
            path: output.to_path_buf(),
            _lock: lock,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The default output's lock (`.public.lock`) if it is anything but a
/// regular file: committed as a link, it is refused by every build, so
/// `check` reports it on the pull request that adds it.
pub fn unusable_lock(root: &Path) -> Option<crate::diagnostics::Diagnostic> {
    let name = ".public.lock";
    use crate::diagnostics::{Diagnostic, Message};
    let message = match fs::symlink_metadata(root.join(name)) {
        Ok(m) if m.file_type().is_symlink() => Message::LockIsLink,
        Ok(m) if !m.is_file() => Message::LockNotAFile,
        _ => return None,
    };
    Some(Diagnostic::error(name, message).hint(Message::DeleteLock))
}

/// Opens (creating it if need be) the lock file, never through a link: a
/// `.public.lock` committed as a link to `~/.bashrc` or `/etc/x` would
/// otherwise have every build create or open the file it names. A pipe is
/// not waited on either.
fn open_lock(lock_path: &Path) -> Result<fs::File, OutputError> {
    let not_a_file = |kind| OutputError::LockNotAFile {
        lock: lock_path.to_path_buf(),
        kind,
    };
    match fs::symlink_metadata(lock_path) {
        Ok(m) if m.file_type().is_symlink() => return Err(not_a_file(None)),
        Ok(m) if !m.is_file() => return Err(not_a_file(Some(FileKind::of(m.file_type())))),
        _ => {}
    }
    let mut options = fs::OpenOptions::new();
    options.create(true).truncate(false).write(true);
    // Between the look above and the open, a link could still be put in
    // place: the open itself refuses to follow one.
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    match options.open(lock_path) {
        Ok(file) if file.metadata().is_ok_and(|m| m.is_file()) => Ok(file),
        Ok(file) => Err(not_a_file(Some(
            file.metadata()
                .map_or(FileKind::Other, |m| FileKind::of(m.file_type())),
        ))),
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => Err(not_a_file(None)),
        Err(e) => Err(WriteError {
            path: lock_path.to_path_buf(),
            source: e,
        }
        .into()),
    }
}

/// Refuses the outputs that would delete or swallow something: the sources
/// and the folders holding them, files, `/` and the home folder, and any
/// non-empty folder that is not a previous output.
fn refuse_unsafe(output: &Path, resolved: &Path, root: &Path) -> Result<(), OutputError> {
    let given = output.to_path_buf();
    let root = resolve_lexically(root).at(root)?;
    for source_name in SOURCES {
        let source = root.join(source_name);
        if resolved == source {
            return Err(OutputError::IsSource {
                output: given,
                source_name,
            });
        }
        if source.starts_with(resolved) {
            return Err(OutputError::HoldsSources {
                output: given,
                source_name,
            });
        }
        if resolved.starts_with(&source) {
            return Err(OutputError::InsideSources {
                output: given,
                source_name,
            });
        }
    }
    if resolved.parent().is_none() {
        return Err(OutputError::Forbidden {
            output: given,
            what: Forbidden::FileSystemRoot,
        });
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    if home.is_some_and(|h| resolve_lexically(&h).is_ok_and(|h| h == resolved)) {
        return Err(OutputError::Forbidden {
            output: given,
            what: Forbidden::HomeFolder,
        });
    }
    match fs::symlink_metadata(resolved) {
        Err(_) => Ok(()),
        Ok(m) if !m.is_dir() => Err(OutputError::IsAFile { output: given }),
        Ok(_) => {
            let empty = fs::read_dir(resolved).at(resolved)?.next().is_none();
            if empty || resolved.join(MARKER).is_file() {
                Ok(())
            } else {
                Err(OutputError::NotAnOutput { output: given })
            }
        }
    }
}

/// `path` made absolute with every link resolved, as far as it exists; the
/// rest (not yet created) is appended with `.` and `..` applied.
fn resolve_lexically(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut existing = absolute.as_path();
    let mut missing = Vec::new();
    let resolved = loop {
        match fs::canonicalize(existing) {
            Ok(resolved) => break resolved,
            Err(_) => {
                let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else {
                    break PathBuf::from("/");
                };
                missing.push(name);
                existing = parent;
            }
        }
    };
    let mut out = resolved;
    for name in missing.into_iter().rev() {
        match Path::new(name).components().next() {
            Some(std::path::Component::ParentDir) => {
                out.pop();
            }
            Some(std::path::Component::CurDir) | None => {}
            Some(_) => out.push(name),
        }
    }
    Ok(out)
}

fn parent_and_name(output: &Path) -> (PathBuf, String) {
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let name = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    (parent, name)
}

/// A build's output in progress. Dropped without [`Staging::commit`], it
/// removes itself and the previous output stays as it was.
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    /// Whether there is a previous output whose unchanged files are linked.
    has_previous: bool,
    /// Folders made so far: a site has tens of thousands of files in a few
    /// thousand folders, and asking the file system again for each file
    /// costs more than writing a small one.
    folders: Mutex<HashSet<PathBuf>>,
    committed: bool,
}

impl Staging {
    pub fn new(output: &Output) -> Result<Staging, WriteError> {
        let output = output.path();
        let (parent, name) = parent_and_name(output);
        remove_stale_staging(&parent, &name);
        let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging).at(&staging)?;
        }
        fs::create_dir_all(&staging).at(&staging)?;
        fs::write(
            staging.join(MARKER),
            "This folder is a site written by sastra; each build replaces it whole.\n",
        )
        .at(&staging)?;
        Ok(Staging {
            output: output.to_path_buf(),
            has_previous: output.is_dir(),
            folders: Mutex::new(HashSet::from([staging.clone()])),
            staging,
            committed: false,
        })
    }

    pub fn path(&self) -> &Path {
        &self.staging
    }

    /// Writes one file at a site-relative path. A file whose content equals
    /// the previous output's is linked from it instead of rewritten, so its
    /// modification time stays and deploys that sync changed files stay small.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let target = self.target(relative);
        if let Some(parent) = target.parent() {
            self.make_folder(parent)?;
        }
        let previous = self.output.join(relative);
        if self.has_previous
            && fs::symlink_metadata(&previous)
                .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
            && fs::read(&previous).is_ok_and(|old| old == bytes)
            && fs::hard_link(&previous, &target).is_ok()
        {
            return Ok(());
        }
        fs::write(&target, bytes).at(&target)
    }

    fn make_folder(&self, folder: &Path) -> Result<(), WriteError> {
        if self
            .folders
            .lock()
            .expect("no writer panicked")
            .contains(folder)
        {
            return Ok(());
        }
        // Made outside the lock: two writers making one folder both succeed.
        fs::create_dir_all(folder).at(folder)?;
        self.folders
            .lock()
            .expect("no writer panicked")
            .insert(folder.to_path_buf());
        Ok(())
    }

    fn target(&self, relative: &str) -> PathBuf {
        super::under(&self.staging, relative)
    }

    /// Replaces the output with the staged site: in one atomic exchange
    /// where the system has one, so that no moment is without a site.
    pub fn commit(mut self) -> Result<(), WriteError> {
        let (parent, name) = parent_and_name(&self.output);
        if self.output.exists() && exchange(&self.staging, &self.output).is_ok() {
            self.committed = true;
            // The staging path now holds the previous site.
            fs::remove_dir_all(&self.staging).at(&self.staging)?;
            return Ok(());
        }
        let backup = backup_path(&parent, &name);
        if backup.exists() {
            fs::remove_dir_all(&backup).at(&backup)?;
        }
        let had_output = self.output.exists();
        if had_output {
            fs::rename(&self.output, &backup).at(&self.output)?;
        }
        // A kill here leaves the previous site under its backup name; the
        // next build's `Output::claim` puts it back.
        if let Err(e) = fs::rename(&self.staging, &self.output) {
            if had_output {
                let _ = fs::rename(&backup, &self.output);
            }
            return Err(WriteError {
                path: self.output.clone(),
                source: e,
            });
        }
        self.committed = true;
        if had_output {
            fs::remove_dir_all(&backup).at(&backup)?;
        }
        Ok(())
    }
}

/// Swaps two paths atomically (Linux `renameat2(RENAME_EXCHANGE)`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let a = std::ffi::CString::new(a.as_os_str().as_bytes())?;
    let b = std::ffi::CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths, relative to the working
    // folder (AT_FDCWD), and the call only renames.
    let result = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

fn backup_path(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.previous"))
}

/// A build killed between the two renames of a commit leaves the previous
/// site under its backup name; put it back before anything else.
fn recover_interrupted_swap(output: &Path, backup: &Path) -> Result<(), WriteError> {
    // A link named like the backup (committed, say) is not a site.
    let backup_is_folder = fs::symlink_metadata(backup).is_ok_and(|m| m.is_dir());
    if !output.exists() && backup_is_folder {
        fs::rename(backup, output).at(output)?;
    }
    Ok(())
}

/// Staging folders of builds that were killed (their process is gone).
fn remove_stale_staging(parent: &Path, name: &str) {
    let prefix = format!(".{name}.staging-");
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = file_name
            .strip_prefix(&prefix)
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let alive = Path::new(&format!("/proc/{pid}")).exists() && pid != std::process::id();
        if !alive {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}
