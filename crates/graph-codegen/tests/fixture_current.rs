//! The committed fixture module (tests/fixture/generated, compiled by tests/fixture_compiles.rs)
//! must be what the generator produces now. `UPDATE_FIXTURE=1 cargo test` rewrites it.

mod common;

use std::collections::BTreeSet;
use std::fs;

use graph_codegen::{generate, Options};

#[test]
fn committed_fixture_module_is_current() {
    let options = Options {
        runtime_path: "graph_runtime".into(),
        // The fixture is a module of a test crate, which has no features.
        registry_feature: None,
        ..Options::default()
    };
    let files = generate(&common::schema(), &options).expect("the fixture generates");
    let dir = common::generated_dir();
    let update = std::env::var_os("UPDATE_FIXTURE").is_some();
    let mut stale = Vec::new();
    for file in &files {
        let path = dir.join(&file.path);
        if fs::read_to_string(&path).ok().as_deref() != Some(file.contents.as_str()) {
            if update {
                fs::create_dir_all(&dir).unwrap();
                fs::write(&path, &file.contents).unwrap();
            } else {
                stale.push(file.path.clone());
            }
        }
    }
    let expected: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !expected.contains(name.as_str()) {
            if update {
                fs::remove_file(entry.path()).unwrap();
            } else {
                stale.push(name);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale fixture files {stale:?}; run `UPDATE_FIXTURE=1 cargo test -p graph-codegen --test fixture_current`"
    );
}
