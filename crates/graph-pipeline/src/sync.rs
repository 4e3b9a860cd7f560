//! Writes generated files only where their bytes change, removes stale ones, or (check mode)
//! only reports what would change.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What a sync did, or in check mode would do; paths relative to the root.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Files whose bytes differ from what is on disk (or that do not exist yet).
    pub changed: Vec<PathBuf>,
    /// Files under a managed directory that nothing generates any more.
    pub removed: Vec<PathBuf>,
    /// Files already up to date.
    pub unchanged: usize,
}

impl Outcome {
    /// Whether anything is (or was) out of date.
    pub fn is_stale(&self) -> bool {
        !self.changed.is_empty() || !self.removed.is_empty()
    }
}

/// Brings `managed` directories under `root` to exactly `files` (relative path -> contents).
///
/// Every file of `files` must lie under one of `managed`. With `check`, nothing is written.
pub fn sync(
    root: &Path,
    managed: &[&Path],
    files: &BTreeMap<PathBuf, String>,
    check: bool,
) -> io::Result<Outcome> {
    let mut outcome = Outcome::default();
    for (rel, contents) in files {
        debug_assert!(
            managed.iter().any(|m| rel.starts_with(m)),
            "{} is not managed",
            rel.display()
        );
        let path = root.join(rel);
        if fs::read(&path).ok().as_deref() == Some(contents.as_bytes()) {
            outcome.unchanged += 1;
            continue;
        }
        outcome.changed.push(rel.clone());
        if !check {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            // Write beside and rename, so a reader never sees half a file.
            let tmp = path.with_extension("tmp~");
            fs::write(&tmp, contents)?;
            fs::rename(&tmp, &path)?;
        }
    }
    for dir in managed {
        for rel in list_files(root, dir)? {
            if !files.contains_key(&rel) {
                if !check {
                    fs::remove_file(root.join(&rel))?;
                }
                outcome.removed.push(rel);
            }
        }
    }
    if !check {
        for dir in managed {
            remove_empty_dirs(&root.join(dir))?;
        }
    }
    Ok(outcome)
}

/// Every file below `root/dir`, as paths relative to `root`, sorted.
fn list_files(root: &Path, dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut pending = vec![root.join(dir)];
    while let Some(current) = pending.pop() {
        let entries = match fs::read_dir(&current) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if let Ok(rel) = path.strip_prefix(root) {
                out.push(rel.to_path_buf());
            }
        }
    }
    out.sort();
    Ok(out)
}

fn remove_empty_dirs(dir: &Path) -> io::Result<()> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            remove_empty_dirs(&path)?;
            if fs::read_dir(&path)?.next().is_none() {
                fs::remove_dir(&path)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_only_changes_and_removes_stale_files() {
        let root = std::env::temp_dir().join(format!("xtask-sync-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("gen/old")).unwrap();
        fs::write(root.join("gen/same.rs"), "same").unwrap();
        fs::write(root.join("gen/old/stale.rs"), "stale").unwrap();
        fs::write(root.join("outside.rs"), "untouched").unwrap();
        let files: BTreeMap<PathBuf, String> = [
            (PathBuf::from("gen/same.rs"), "same".to_string()),
            (PathBuf::from("gen/new/fresh.rs"), "fresh".to_string()),
        ]
        .into();
        let managed = [Path::new("gen")];

        let check = sync(&root, &managed, &files, true).unwrap();
        assert_eq!(check.changed, [PathBuf::from("gen/new/fresh.rs")]);
        assert_eq!(check.removed, [PathBuf::from("gen/old/stale.rs")]);
        assert!(
            root.join("gen/old/stale.rs").exists(),
            "check mode writes nothing"
        );

        let done = sync(&root, &managed, &files, false).unwrap();
        assert_eq!(
            (done.changed.len(), done.removed.len(), done.unchanged),
            (1, 1, 1)
        );
        assert!(!root.join("gen/old").exists());
        assert_eq!(
            fs::read_to_string(root.join("outside.rs")).unwrap(),
            "untouched"
        );
        assert!(!sync(&root, &managed, &files, true).unwrap().is_stale());
        fs::remove_dir_all(&root).unwrap();
    }
}
