//! Brings generated directories up to date in place (the curated crate, rust-analyzer style):
//! writes only files whose bytes change, each atomically, removes stale ones, or (check mode)
//! only reports what would change.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::write::write_atomic;

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

/// What [`sync`] would do: compares `files` (relative path -> contents) with what is on disk
/// under `root`, and lists the files under `managed` that `files` does not hold. Reads only.
pub fn compare(
    root: &Path,
    managed: &[&Path],
    files: &BTreeMap<PathBuf, String>,
) -> io::Result<Outcome> {
    let mut outcome = Outcome::default();
    for (rel, contents) in files {
        if fs::read(root.join(rel)).ok().as_deref() == Some(contents.as_bytes()) {
            outcome.unchanged += 1;
        } else {
            outcome.changed.push(rel.clone());
        }
    }
    for dir in managed {
        for rel in list_files(root, dir)? {
            if !files.contains_key(&rel) {
                outcome.removed.push(rel);
            }
        }
    }
    Ok(outcome)
}

/// Brings `managed` directories under `root` to exactly `files` (relative path -> contents):
/// writes only the files whose bytes change (so the mtimes of the others, which drive
/// rebuilds, stay), each one atomically ([`write_atomic`]), and removes the files under
/// `managed` that nothing generates any more.
///
/// Every file of `files` must lie under one of `managed`. With `check`, nothing is written.
pub fn sync(
    root: &Path,
    managed: &[&Path],
    files: &BTreeMap<PathBuf, String>,
    check: bool,
) -> io::Result<Outcome> {
    for rel in files.keys() {
        debug_assert!(
            managed.iter().any(|m| rel.starts_with(m)),
            "{} is not managed",
            rel.display()
        );
    }
    let outcome = compare(root, managed, files)?;
    if check {
        return Ok(outcome);
    }
    for rel in &outcome.changed {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        write_atomic(&path, files[rel].as_bytes())?;
    }
    for rel in &outcome.removed {
        fs::remove_file(root.join(rel))?;
    }
    for dir in managed {
        remove_empty_dirs(&root.join(dir))?;
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
        let scratch = tempfile::tempdir().unwrap();
        let root = scratch.path();
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

        let check = sync(root, &managed, &files, true).unwrap();
        assert_eq!(check.changed, [PathBuf::from("gen/new/fresh.rs")]);
        assert_eq!(check.removed, [PathBuf::from("gen/old/stale.rs")]);
        assert!(
            root.join("gen/old/stale.rs").exists(),
            "check mode writes nothing"
        );

        let done = sync(root, &managed, &files, false).unwrap();
        assert_eq!(
            (done.changed.len(), done.removed.len(), done.unchanged),
            (1, 1, 1)
        );
        assert!(!root.join("gen/old").exists());
        assert_eq!(
            fs::read_to_string(root.join("outside.rs")).unwrap(),
            "untouched"
        );
        assert!(!sync(root, &managed, &files, true).unwrap().is_stale());
        let mut left: Vec<String> = fs::read_dir(root.join("gen/new"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["fresh.rs"], "no temporary file is left behind");
    }
}
