//! The codegen pipeline in-process on the pinned pages (`schema/` and its manifest), parse to
//! generated source text in memory, nothing written and no cargo build:
//! `cargo bench -p graph-bench --bench generation`.
//!
//! Skips with a message when the manifest is absent. The models crate's clean build time is
//! measured by `crates/graph-bench/scripts/build-time.sh`.

use std::path::PathBuf;

use divan::Bencher;

fn manifest_and_docs() -> (PathBuf, PathBuf) {
    let root = xtask::workspace_root();
    (root.join("schema/manifest.toml"), root.join("schema"))
}

fn main() {
    let (manifest, _) = manifest_and_docs();
    if !manifest.is_file() {
        eprintln!(
            "skipping generation benchmark: {} is not there",
            manifest.display()
        );
        return;
    }
    divan::main();
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn codegen_in_memory(bencher: Bencher) {
    let (manifest, docs) = manifest_and_docs();
    bencher.bench(|| {
        let generation = xtask::codegen::generate(&manifest, &docs).expect("codegen runs");
        generation.files.len()
    });
}
