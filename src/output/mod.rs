//! Write: where files go (a staged build, or a preview's live folder) and
//! the machine-readable outputs (feeds, sitemap, catalogue).

pub mod aliases;
pub mod catalog;
pub mod feeds;
pub mod live;
pub mod offline;
pub mod sitemap;
pub mod writer;

use std::path::{Component, Path, PathBuf};

pub use writer::{Output, OutputError, WriteError};

/// A site-relative path under `root`. Paths come from `render::urls` over
/// validated slugs; this guards the invariant rather than user input.
fn under(root: &Path, relative: &str) -> PathBuf {
    let relative = Path::new(relative);
    assert!(
        relative
            .components()
            .all(|c| matches!(c, Component::Normal(_))),
        "output path escapes the site: {}",
        relative.display()
    );
    root.join(relative)
}

/// Where a build writes its files, by site-relative path.
pub trait Sink: Sync {
    fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), WriteError>;

    fn copy(&self, relative: &str, source: &Path) -> Result<(), WriteError> {
        let bytes = std::fs::read(source).map_err(|source_error| WriteError {
            path: source.to_path_buf(),
            source: source_error,
        })?;
        self.write(relative, &bytes)
    }
}

impl Sink for writer::Staging {
    fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), WriteError> {
        writer::Staging::write(self, relative, bytes)
    }
}
