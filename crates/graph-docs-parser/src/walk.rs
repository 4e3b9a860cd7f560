//! Finding pages on disk: a recursive walk that follows symbolic links (a version folder that
//! is a link to another checkout, say), never loops, and matches extensions case-insensitively.

use std::io;
use std::path::{Path, PathBuf};

/// Everything a [`walk`] found below its root.
#[derive(Clone, Debug, Default)]
pub struct Walk {
    /// The wanted files, sorted, as paths below the root (through the links that led to them).
    pub files: Vec<PathBuf>,
    /// What could not be walked, in the order met.
    pub problems: Vec<WalkProblem>,
}

/// Something below the root a [`walk`] could not read or did not enter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WalkProblem {
    /// The directory or link concerned, below the root.
    pub path: PathBuf,
    /// What went wrong.
    pub kind: WalkProblemKind,
    /// A sentence saying what went wrong.
    pub message: String,
}

/// The kinds of [`WalkProblem`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WalkProblemKind {
    /// A directory could not be listed, or a link leads nowhere.
    Unreadable,
    /// A link leads back to a directory that contains it; it was not followed.
    Loop,
}

/// Whether `path`'s extension is `extension`, ignoring ASCII case (`page.MD` is a `md` page).
pub fn has_extension(path: &Path, extension: &str) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(extension))
}

/// Every file below `root` (recursively) for which `wanted` holds.
///
/// Symbolic links are followed, to directories and to files alike; a link to a directory that
/// contains it (a loop) is not entered and is reported, as are a directory that cannot be listed
/// and a link that leads nowhere (the latter only when `wanted` holds for its path). Two links to
/// the same directory read it twice, as `find -L` does. The result does not depend on the order
/// the operating system lists entries in.
pub fn walk(root: &Path, wanted: impl Fn(&Path) -> bool) -> Walk {
    let mut out = Walk::default();
    let mut ancestors = Vec::new();
    if let Ok(canonical) = std::fs::canonicalize(root) {
        ancestors.push(canonical);
    }
    visit(root, &wanted, &mut ancestors, &mut out);
    out.files.sort();
    out
}

fn visit(
    dir: &Path,
    wanted: &impl Fn(&Path) -> bool,
    ancestors: &mut Vec<PathBuf>,
    out: &mut Walk,
) {
    let mut entries = match read_entries(dir) {
        Ok(entries) => entries,
        Err(error) => {
            out.problems.push(WalkProblem {
                path: dir.to_path_buf(),
                kind: WalkProblemKind::Unreadable,
                message: format!("cannot read directory: {error}"),
            });
            return;
        }
    };
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in entries {
        let (is_dir, is_file) = if kind.is_symlink() {
            match std::fs::metadata(&path) {
                Ok(target) => (target.is_dir(), target.is_file()),
                Err(error) => {
                    if wanted(&path) {
                        out.problems.push(WalkProblem {
                            path,
                            kind: WalkProblemKind::Unreadable,
                            message: format!("cannot follow symbolic link: {error}"),
                        });
                    }
                    continue;
                }
            }
        } else {
            (kind.is_dir(), kind.is_file())
        };
        if is_dir {
            // Only a link can lead back up; a plain directory is never its own ancestor.
            let canonical = match std::fs::canonicalize(&path) {
                Ok(canonical) => canonical,
                Err(error) => {
                    out.problems.push(WalkProblem {
                        path,
                        kind: WalkProblemKind::Unreadable,
                        message: format!("cannot resolve directory: {error}"),
                    });
                    continue;
                }
            };
            if kind.is_symlink() && ancestors.contains(&canonical) {
                out.problems.push(WalkProblem {
                    path,
                    kind: WalkProblemKind::Loop,
                    message: format!(
                        "symbolic link leads back to {}, which contains it; not followed",
                        canonical.display()
                    ),
                });
                continue;
            }
            ancestors.push(canonical);
            visit(&path, wanted, ancestors, out);
            ancestors.pop();
        } else if is_file && wanted(&path) {
            out.files.push(path);
        }
    }
}

fn read_entries(dir: &Path) -> io::Result<Vec<(PathBuf, std::fs::FileType)>> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        entries.push((entry.path(), entry.file_type()?));
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_match_in_any_case() {
        for name in ["a.md", "a.MD", "a.Md", "dir/a.mD"] {
            assert!(has_extension(Path::new(name), "md"), "{name}");
        }
        for name in ["a.mdx", "a", "md", "a.md.txt"] {
            assert!(!has_extension(Path::new(name), "md"), "{name}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_and_loops_are_reported() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("docs");
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir_all(elsewhere.join("resources")).unwrap();
        std::fs::write(elsewhere.join("resources/a.md"), "a").unwrap();
        std::fs::write(elsewhere.join("page.txt"), "not wanted").unwrap();
        std::fs::create_dir_all(&root).unwrap();
        symlink(&elsewhere, root.join("v1.0")).unwrap();
        symlink(&root, elsewhere.join("back-to-docs")).unwrap();
        symlink(elsewhere.join("resources/a.md"), root.join("linked.md")).unwrap();
        symlink(root.join("nowhere.md"), root.join("dangling.md")).unwrap();

        let found = walk(&root, |p| has_extension(p, "md"));
        assert_eq!(
            found.files,
            [root.join("linked.md"), root.join("v1.0/resources/a.md")]
        );
        let problems: Vec<(PathBuf, WalkProblemKind)> = found
            .problems
            .iter()
            .map(|p| (p.path.clone(), p.kind))
            .collect();
        assert_eq!(
            problems,
            [
                (root.join("dangling.md"), WalkProblemKind::Unreadable),
                (root.join("v1.0/back-to-docs"), WalkProblemKind::Loop),
            ]
        );
    }
}
