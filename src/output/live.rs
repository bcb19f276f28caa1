//! Writing into a site that is being served: the preview's incremental
//! rebuilds change a few files of a folder a browser may be reading.

use std::fs;
use std::path::{Path, PathBuf};

use super::{Sink, WriteError};

/// A served folder. Each file is replaced in one step (written beside, then
/// renamed over), so a reader never sees half a page; a file whose content
/// is unchanged is left alone.
pub struct Live {
    root: PathBuf,
}

impl Live {
    pub fn new(root: impl Into<PathBuf>) -> Live {
        Live { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Removes a file that the site no longer has; a missing file is fine.
    pub fn remove(&self, relative: &str) -> Result<(), WriteError> {
        let target = self.target(relative);
        match fs::remove_file(&target) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(WriteError {
                path: target,
                source: e,
            }),
            _ => Ok(()),
        }
    }

    fn target(&self, relative: &str) -> PathBuf {
        super::under(&self.root, relative)
    }
}

impl Sink for Live {
    fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let target = self.target(relative);
        if fs::read(&target).is_ok_and(|old| old == bytes) {
            return Ok(());
        }
        let at = |path: &Path| {
            let path = path.to_path_buf();
            move |source| WriteError { path, source }
        };
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(at(parent))?;
        }
        let name = target
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let temporary = target.with_file_name(format!(".{name}.sastra-new"));
        fs::write(&temporary, bytes).map_err(at(&temporary))?;
        fs::rename(&temporary, &target).map_err(at(&target))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_changed_files_and_leaves_equal_ones() {
        let folder = tempfile::tempdir().unwrap();
        let live = Live::new(folder.path());
        live.write("en/a/index.html", b"one").unwrap();
        let file = folder.path().join("en/a/index.html");
        let before = fs::metadata(&file).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        live.write("en/a/index.html", b"one").unwrap();
        assert_eq!(fs::metadata(&file).unwrap().modified().unwrap(), before);
        live.write("en/a/index.html", b"two").unwrap();
        assert_eq!(fs::read(&file).unwrap(), b"two");
        live.remove("en/a/index.html").unwrap();
        live.remove("en/a/index.html").unwrap();
        assert!(!file.exists());
        assert_eq!(fs::read_dir(folder.path().join("en/a")).unwrap().count(), 0);
    }
}
