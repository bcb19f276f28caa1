//! Writing the site: into a staging folder beside the output, swapped in
//! only when the whole build succeeded, so a failed or interrupted build
//! never touches the previous site.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Debug, thiserror::Error)]
#[error("{}: {source}", path.display())]
pub struct WriteError {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
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
    pub fn new(output: &Path) -> Result<Staging, WriteError> {
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).at(parent)?;
        let name = output
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        recover_interrupted_swap(output, &backup_path(parent, &name))?;
        remove_stale_staging(parent, &name);
        let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging).at(&staging)?;
        }
        fs::create_dir_all(&staging).at(&staging)?;
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
            && fs::metadata(&previous).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
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

    /// Replaces the output with the staged site.
    pub fn commit(mut self) -> Result<(), WriteError> {
        let parent = self
            .staging
            .parent()
            .expect("staging has a parent")
            .to_path_buf();
        let name = self
            .output
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let backup = backup_path(&parent, &name);
        if backup.exists() {
            fs::remove_dir_all(&backup).at(&backup)?;
        }
        let had_output = self.output.exists();
        if had_output {
            fs::rename(&self.output, &backup).at(&self.output)?;
        }
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
    if !output.exists() && backup.is_dir() {
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
