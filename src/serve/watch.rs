//! File-system events folded into what the preview server cares about.

use std::path::{Path, PathBuf};

/// Why a rebuild is needed, if at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Content,
    Theme,
    Config,
}

/// Classifies a changed path. Editors' temporary and backup files, and
/// anything outside the watched inputs, cause no rebuild.
pub fn classify(root: &Path, path: &Path) -> Option<Change> {
    let relative = path.strip_prefix(root).ok()?;
    let name = relative.file_name()?.to_string_lossy();
    let is_temporary = name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp");
    if is_temporary {
        return None;
    }
    let first = relative.components().next()?.as_os_str().to_string_lossy();
    match first.as_ref() {
        "content" => Some(Change::Content),
        "themes" => Some(Change::Theme),
        "site.toml" => Some(Change::Config),
        _ => None,
    }
}

/// The folders and files to watch under a root.
pub fn watched(root: &Path) -> Vec<PathBuf> {
    ["content", "themes", "site.toml"]
        .iter()
        .map(|p| root.join(p))
        .filter(|p| p.exists())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_inputs_and_ignores_the_rest() {
        let root = Path::new("/site");
        assert_eq!(
            classify(root, Path::new("/site/content/a/b.en.md")),
            Some(Change::Content)
        );
        assert_eq!(
            classify(root, Path::new("/site/themes/default/templates/base.html")),
            Some(Change::Theme)
        );
        assert_eq!(
            classify(root, Path::new("/site/site.toml")),
            Some(Change::Config)
        );
        assert_eq!(
            classify(root, Path::new("/site/content/a/.b.en.md.swp")),
            None
        );
        assert_eq!(classify(root, Path::new("/site/content/a/b.en.md~")), None);
        assert_eq!(
            classify(root, Path::new("/site/public/en/index.html")),
            None
        );
        assert_eq!(classify(root, Path::new("/elsewhere/content/x.md")), None);
    }
}
