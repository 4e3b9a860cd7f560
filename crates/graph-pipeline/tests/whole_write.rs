//! `codegen --all` writes all or nothing: the crate generated from `tests/pages/whole` is
//! swapped in whole, an unchanged crate is not touched, and runs racing into the same output
//! directory each succeed and leave one complete crate.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use graph_pipeline::whole::{generate, write, RuntimeDependency, WholeCrate};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("the pipeline crate lives two levels below the workspace root")
        .to_path_buf()
}

fn hard_cases(crate_name: &str) -> WholeCrate {
    let root = workspace_root();
    let whole = generate(
        &root.join("tests/pages/whole"),
        &Default::default(),
        crate_name,
        &RuntimeDependency::path_in_checkout(&root),
    )
    .expect("the hard cases have pages");
    assert!(!whole.failed);
    whole
}

/// Every file under `dir`, relative, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_path_buf();
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn as_bytes(files: &BTreeMap<PathBuf, String>) -> BTreeMap<PathBuf, Vec<u8>> {
    files
        .iter()
        .map(|(path, text)| (path.clone(), text.as_bytes().to_vec()))
        .collect()
}

fn siblings(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_crate_is_swapped_in_and_an_unchanged_one_is_left_alone() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("all");
    let whole = hard_cases("all");

    let first = write(&out, &whole.files, false).unwrap();
    assert_eq!(first.changed.len(), whole.files.len());
    assert_eq!(snapshot(&out), as_bytes(&whole.files));

    // A stale source, a user's file and a build directory.
    fs::write(out.join("src/v1_0/gone.rs"), "// stale\n").unwrap();
    fs::write(out.join("Cargo.lock"), "# lock\n").unwrap();
    fs::create_dir_all(out.join("target/debug")).unwrap();
    fs::write(out.join("target/debug/built"), "artifact").unwrap();

    let check = write(&out, &whole.files, true).unwrap();
    assert_eq!(check.removed, [PathBuf::from("src/v1_0/gone.rs")]);
    assert!(
        out.join("src/v1_0/gone.rs").exists(),
        "--check writes nothing"
    );

    let second = write(&out, &whole.files, false).unwrap();
    assert_eq!((second.changed.len(), second.removed.len()), (0, 1));
    assert!(!out.join("src/v1_0/gone.rs").exists());
    assert_eq!(
        fs::read_to_string(out.join("Cargo.lock")).unwrap(),
        "# lock\n"
    );
    assert_eq!(
        fs::read_to_string(out.join("target/debug/built")).unwrap(),
        "artifact"
    );

    // Nothing changed: nothing is swapped, not even the directory itself.
    let marker = out.join("src/v1_0/mod.rs");
    let before = fs::metadata(&marker).unwrap().modified().unwrap();
    #[cfg(unix)]
    let inode = {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(&out).unwrap().ino()
    };
    let third = write(&out, &whole.files, false).unwrap();
    assert!(!third.is_stale());
    assert_eq!(third.unchanged, whole.files.len());
    assert_eq!(fs::metadata(&marker).unwrap().modified().unwrap(), before);
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        assert_eq!(fs::metadata(&out).unwrap().ino(), inode);
    }
    assert_eq!(siblings(&out), ["all"], "no temporary tree is left");
}

#[test]
fn a_write_failing_half_way_leaves_the_old_crate() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("all");
    let whole = hard_cases("all");
    write(&out, &whole.files, false).unwrap();
    let before = snapshot(&out);

    // A file where the new tree needs a directory: the write fails after many files.
    let mut broken = hard_cases("renamed").files;
    let last = broken.keys().last().unwrap().clone();
    broken.insert(last.join("below.rs"), "// cannot be written\n".into());
    assert!(write(&out, &broken, false).is_err());
    assert_eq!(snapshot(&out), before, "the old crate is untouched");
    assert_eq!(siblings(&out), ["all"], "the partial tree is removed");
}

#[test]
fn concurrent_runs_into_one_directory_do_not_fail_each_other() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("all");
    // Two different crates (their package names differ), so every round really swaps.
    let crates = [hard_cases("first").files, hard_cases("second").files];
    for round in 0..20 {
        let results: Vec<std::io::Result<_>> = std::thread::scope(|scope| {
            let runs: Vec<_> = crates
                .iter()
                .map(|files| scope.spawn(|| write(&out, files, false)))
                .collect();
            runs.into_iter().map(|run| run.join().unwrap()).collect()
        });
        for result in results {
            if let Err(e) = result {
                panic!("round {round}: a run failed: {e}");
            }
        }
        let now = snapshot(&out);
        assert!(
            crates.iter().any(|files| now == as_bytes(files)),
            "round {round}: the crate at OUT is not one run's whole output"
        );
        assert_eq!(
            siblings(&out),
            ["all"],
            "round {round}: a temporary tree is left"
        );
    }
}
