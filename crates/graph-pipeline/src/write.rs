//! All-or-nothing writes: one file replaced atomically ([`write_atomic`]), and a whole
//! directory tree built beside its destination and swapped in ([`replace_dir`]).
//!
//! Both work by `rename`, which is atomic within one file system; that is why every temporary
//! file or directory is made in the destination's own parent directory, under a unique name
//! (so two runs writing the same destination never share one).

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Replaces the file at `path` with `contents`, atomically: the bytes go to a temporary file
/// in the same directory, are flushed to disk (`fsync`), and the temporary file is renamed over
/// `path`. A reader, or a kill at any moment, sees the old file or the new one, never a part.
///
/// The parent directory must exist. An existing file keeps its permissions; a new one gets the
/// usual `0o666` less the umask (not the `0o600` of a temporary file). A symbolic link at `path`
/// is replaced by the file, not written through.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = parent_dir(path);
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} names no file", path.display()),
        )
    })?;
    let mut builder = tempfile::Builder::new();
    let prefix = format!(".{}.", name.to_string_lossy());
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(dir)?;
    file.write_all(contents)?;
    if let Ok(existing) = fs::metadata(path) {
        file.as_file().set_permissions(existing.permissions())?;
    }
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes `files` (relative path -> contents) as a complete new directory beside `out` (a
/// sibling with a unique hidden name), then swaps it in at `out` with [`swap_in`]. If any write
/// fails, the new directory is removed and `out` is exactly as it was.
///
/// What `out` held that `files` does not produce and `regenerated` does not claim (a `target/`
/// directory, a `Cargo.lock`) is moved into the new tree once it is in place: `regenerated`
/// says, for a path relative to `out`, whether it belongs to the generated tree (its stale
/// contents are dropped with the old tree). A symbolic link at `out` is resolved first, so the
/// tree it points at is the one replaced.
pub fn replace_dir(
    out: &Path,
    files: &BTreeMap<PathBuf, String>,
    regenerated: impl Fn(&Path) -> bool,
) -> io::Result<()> {
    let out = resolve_link(out)?;
    let parent = parent_dir(&out);
    fs::create_dir_all(parent)?;
    let name = out
        .file_name()
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} names no directory", out.display()),
            )
        })?
        .to_string_lossy()
        .into_owned();
    // Removed on drop, so a failed write leaves nothing behind.
    let new = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(parent)?;
    for (rel, contents) in files {
        let path = new.path().join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(&path, contents)?;
    }
    // On failure `new` is dropped, which removes it: `out` is untouched (see `swap_in`).
    let Some(old) = swap_in(new.path(), &out)? else {
        // Renamed into place: nothing is left at the temporary name.
        let _ = new.keep();
        return Ok(());
    };
    // From here on the new tree is at `out`; `old` (the temporary name after an exchange, a
    // backup name otherwise) holds the old one.
    let _ = new.keep();
    if let Err(e) = carry_over(&old, &out, Path::new(""), files, &regenerated) {
        return Err(io::Error::new(
            e.kind(),
            format!(
                "{} is complete, but moving what it held besides the generated files failed \
                 ({e}); the old tree is kept at {}",
                out.display(),
                old.display()
            ),
        ));
    }
    fs::remove_dir_all(&old)
}

/// How many times [`swap_in`] retries when another run changes `out` between its steps.
const SWAP_ATTEMPTS: usize = 100;

/// Puts the directory `new` at `out` (both in the same parent directory), replacing the
/// directory there, if any. Returns where the old tree now is (to be removed by the caller),
/// or `None` when there was none.
///
/// On Linux the two are exchanged in one step (`renameat2` with `RENAME_EXCHANGE`): `out`
/// always names a complete tree, and the old tree ends up at `new`'s name. Where the kernel or
/// file system cannot exchange, and on other systems, there is no atomic directory exchange in
/// std: `out` is renamed to a unique backup name and `new` renamed to `out`. In the moment
/// between those two renames `out` does not exist; a process killed right then leaves the old
/// tree at the backup name and the new one at its temporary name, each complete, never a
/// mixture. Another run swapping the same `out` concurrently (it may take `out` away or put
/// its own tree there between the steps) makes this retry; the last swap wins.
pub fn swap_in(new: &Path, out: &Path) -> io::Result<Option<PathBuf>> {
    swap(new, out, cfg!(target_os = "linux"))
}

/// [`swap_in`], trying the exchange first only when `can_exchange`.
fn swap(new: &Path, out: &Path, mut can_exchange: bool) -> io::Result<Option<PathBuf>> {
    for _ in 0..SWAP_ATTEMPTS {
        if can_exchange {
            match exchange(new, out) {
                Ok(()) => return Ok(Some(new.to_path_buf())),
                // No tree at `out` (yet, or any more): a plain rename below.
                Err(e) if e.kind() == io::ErrorKind::NotFound && new.exists() => {}
                Err(e) if exchange_unsupported(&e) => can_exchange = false,
                Err(e) => return Err(e),
            }
        }
        match fs::rename(new, out) {
            Ok(()) => return Ok(None),
            // A tree is at `out`: exchange with it, or move it aside, and try again.
            Err(e) if occupied(&e, out) => {}
            Err(e) => return Err(e),
        }
        if can_exchange {
            continue;
        }
        let backup = unique_sibling(out, "old")?;
        match fs::rename(out, &backup) {
            Ok(()) => {}
            // Another run took it away first; `out` is free now, or about to be taken.
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        }
        match fs::rename(new, out) {
            Ok(()) => return Ok(Some(backup)),
            // Another run put its tree at `out` in between: ours replaces it, theirs is gone
            // with our backup once we succeed.
            Err(e) if occupied(&e, out) => {
                let _ = fs::remove_dir_all(&backup);
            }
            Err(e) => {
                // Put the old tree back if nothing took its place; either way it is not lost.
                let _ = fs::rename(&backup, out);
                return Err(e);
            }
        }
    }
    Err(io::Error::other(format!(
        "{} kept changing while it was being replaced ({SWAP_ATTEMPTS} attempts)",
        out.display()
    )))
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "no directory exchange",
    ))
}

/// Whether renaming onto `out` failed because something is there, or was a moment ago (another
/// run may have moved it away since).
fn occupied(error: &io::Error, out: &Path) -> bool {
    if error.kind() == io::ErrorKind::AlreadyExists || fs::symlink_metadata(out).is_ok() {
        return true;
    }
    #[cfg(target_os = "linux")]
    {
        error.raw_os_error() == Some(rustix::io::Errno::NOTEMPTY.raw_os_error())
    }
    #[cfg(not(target_os = "linux"))]
    {
        // `ErrorKind::DirectoryNotEmpty` is newer than the workspace's rust-version.
        format!("{:?}", error.kind()) == "DirectoryNotEmpty"
    }
}

/// Whether `renameat2(RENAME_EXCHANGE)` failed because the kernel or file system lacks it.
fn exchange_unsupported(error: &io::Error) -> bool {
    #[cfg(target_os = "linux")]
    {
        use rustix::io::Errno;
        let raw = error.raw_os_error();
        [Errno::INVAL, Errno::NOSYS, Errno::OPNOTSUPP, Errno::XDEV]
            .iter()
            .any(|e| raw == Some(e.raw_os_error()))
    }
    #[cfg(not(target_os = "linux"))]
    {
        error.kind() == io::ErrorKind::Unsupported
    }
}

/// A name beside `path` that nothing uses: `.NAME.KIND-XXXXXX`.
fn unique_sibling(path: &Path, kind: &str) -> io::Result<PathBuf> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    // Reserve the name with an empty directory, then free it for the rename.
    let reserved = tempfile::Builder::new()
        .prefix(&format!(".{name}.{kind}-"))
        .tempdir_in(parent_dir(path))?
        .keep();
    fs::remove_dir(&reserved)?;
    Ok(reserved)
}

/// Moves what the old tree at `old` holds below `rel` into the same place under `out`, unless
/// the new tree produces it (`files`) or `regenerated` claims it; a directory that holds
/// generated files is entered rather than moved. An entry another run moved first, or that the
/// new tree already has, stays where it is.
fn carry_over(
    old: &Path,
    out: &Path,
    rel: &Path,
    files: &BTreeMap<PathBuf, String>,
    regenerated: &impl Fn(&Path) -> bool,
) -> io::Result<()> {
    let entries = match fs::read_dir(old.join(rel)) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let child = rel.join(entry?.file_name());
        if files.contains_key(&child) || regenerated(&child) {
            continue;
        }
        let from = old.join(&child);
        if files.keys().any(|f| f.starts_with(&child)) {
            if from.is_dir() {
                carry_over(old, out, &child, files, regenerated)?;
            }
            continue;
        }
        let to = out.join(&child);
        if fs::symlink_metadata(&to).is_ok() {
            continue;
        }
        match fs::rename(&from, &to) {
            Ok(()) => {}
            Err(_) if fs::symlink_metadata(&from).is_err() || fs::symlink_metadata(&to).is_ok() => {
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// `path` itself, or where it leads when it is a symbolic link.
fn resolve_link(path: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path),
        _ => Ok(path.to_path_buf()),
    }
}

/// The directory holding `path` (`.` for a bare name).
fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn tree(entries: &[(&str, &str)]) -> BTreeMap<PathBuf, String> {
        entries
            .iter()
            .map(|(path, text)| (PathBuf::from(path), text.to_string()))
            .collect()
    }

    #[test]
    fn a_file_is_replaced_whole_and_nothing_is_left_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ir.json");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        assert_eq!(names(dir.path()), ["ir.json"]);
        assert!(write_atomic(&dir.path().join("no/such/dir/x"), b"x").is_err());
        assert_eq!(names(dir.path()), ["ir.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions_and_a_new_one_is_not_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.json");
        write_atomic(&new, b"x").unwrap();
        let mode = fs::metadata(&new).unwrap().permissions().mode() & 0o777;
        assert_ne!(mode, 0o600, "a temporary file's mode leaked through");
        let kept = dir.path().join("kept.json");
        fs::write(&kept, b"old").unwrap();
        fs::set_permissions(&kept, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&kept, b"new").unwrap();
        assert_eq!(
            fs::metadata(&kept).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[test]
    fn a_directory_is_swapped_in_and_unclaimed_entries_move_along() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("crate");
        let regenerated = |p: &Path| p.starts_with("src");
        replace_dir(
            &out,
            &tree(&[("a.toml", "1"), ("src/x.rs", "x")]),
            regenerated,
        )
        .unwrap();
        fs::create_dir_all(out.join("target/debug")).unwrap();
        fs::write(out.join("target/debug/cache"), "built").unwrap();
        fs::write(out.join("Cargo.lock"), "lock").unwrap();

        replace_dir(
            &out,
            &tree(&[("a.toml", "2"), ("src/y.rs", "y")]),
            regenerated,
        )
        .unwrap();
        assert_eq!(names(&out), ["Cargo.lock", "a.toml", "src", "target"]);
        assert_eq!(names(&out.join("src")), ["y.rs"], "stale sources are gone");
        assert_eq!(fs::read_to_string(out.join("a.toml")).unwrap(), "2");
        assert_eq!(
            fs::read_to_string(out.join("target/debug/cache")).unwrap(),
            "built"
        );
        assert_eq!(names(dir.path()), ["crate"], "no temporary tree is left");
    }

    #[test]
    fn a_write_failing_half_way_leaves_the_old_tree() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("crate");
        let old = tree(&[("src/a.rs", "a"), ("src/b.rs", "b")]);
        replace_dir(&out, &old, |_| false).unwrap();
        // `src/a.rs` cannot be both a file and a directory: the second write fails.
        let broken = tree(&[("src/a.rs", "new a"), ("src/a.rs/c.rs", "c")]);
        assert!(replace_dir(&out, &broken, |_| false).is_err());
        assert_eq!(names(&out.join("src")), ["a.rs", "b.rs"]);
        assert_eq!(fs::read_to_string(out.join("src/a.rs")).unwrap(), "a");
        assert_eq!(names(dir.path()), ["crate"], "the partial tree is removed");
    }

    #[test]
    fn a_link_to_the_output_is_followed() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        replace_dir(&real, &tree(&[("a", "1")]), |_| false).unwrap();
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&real, &link).unwrap();
            replace_dir(&link, &tree(&[("a", "2")]), |_| false).unwrap();
            assert!(fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink());
            assert_eq!(fs::read_to_string(real.join("a")).unwrap(), "2");
        }
    }

    #[test]
    fn both_swaps_replace_and_report_the_old_tree() {
        for can_exchange in [false, cfg!(target_os = "linux")] {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("out");
            let new = dir.path().join("new");
            fs::create_dir_all(&new).unwrap();
            assert_eq!(
                swap(&new, &out, can_exchange).unwrap(),
                None,
                "nothing was there"
            );
            fs::create_dir_all(out.join("old")).unwrap();
            fs::create_dir_all(new.join("fresh")).unwrap();
            let old = swap(&new, &out, can_exchange)
                .unwrap()
                .expect("a tree was there");
            assert_eq!(names(&out), ["fresh"]);
            assert_eq!(names(&old), ["old"]);
        }
    }

    /// Two threads swapping their own trees into one `out` over and over, by each swap: no
    /// swap fails, and `out` is always one thread's complete tree.
    #[test]
    fn concurrent_swaps_do_not_fail_each_other() {
        for can_exchange in [false, cfg!(target_os = "linux")] {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("out");
            std::thread::scope(|scope| {
                for thread in ["a", "b"] {
                    let (dir, out) = (dir.path(), &out);
                    scope.spawn(move || {
                        for round in 0..200 {
                            let new = tempfile::Builder::new()
                                .prefix(&format!(".out.new-{thread}-"))
                                .tempdir_in(dir)
                                .unwrap()
                                .keep();
                            fs::write(new.join(thread), round.to_string()).unwrap();
                            match swap(&new, out, can_exchange) {
                                Ok(Some(old)) => fs::remove_dir_all(old).unwrap(),
                                Ok(None) => {}
                                Err(e) => panic!("{thread} round {round}: {e}"),
                            }
                        }
                    });
                }
            });
            let left = names(&out);
            assert!(left == ["a"] || left == ["b"], "{left:?}");
            assert_eq!(names(dir.path()), ["out"], "exchange {can_exchange}");
        }
    }
}
