//! The codegen pipeline in-process, nothing written and no cargo build:
//! `cargo bench -p graph-bench --bench generation`.
//!
//! - `codegen_in_memory`: the curated crate, from the pinned pages (`schema/` and its manifest)
//!   to generated source text in memory.
//! - `whole_corpus_*`: `cargo xtask codegen --all` over the 2021 corpus, pages read into memory
//!   first, against `markdown_baseline`, one single-threaded pulldown-cmark pass (tables on)
//!   over the same pages in the same run. `whole_corpus_parse_and_generate` is the whole
//!   command (parse every page, then generate every file; both use every core);
//!   `whole_corpus_generate_only` starts from the parsed tree.
//! - `whole_corpus_prettyplease_only`: prettyplease printing every generated file of the corpus
//!   on one thread, from syn trees parsed before timing: a floor of any generator that formats
//!   its output with prettyplease.
//!
//! Target (issue 6): `whole_corpus_parse_and_generate` under 3x `markdown_baseline`.
//! Each part skips with a message when its input is absent. The models crate's clean build time
//! is measured by `crates/graph-bench/scripts/build-time.sh`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::Bencher;
use graph_bench::corpus;
use graph_pipeline::layout::{MANIFEST, PINNED_DOCS};
use graph_pipeline::whole::RuntimeDependency;

/// The workspace root (this crate lives in `crates/graph-bench`).
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("graph-bench lives two levels below the workspace root")
        .to_path_buf()
}

/// What `cargo xtask codegen --all` links by default: this checkout's runtime crate.
fn runtime() -> RuntimeDependency {
    RuntimeDependency::path_in_checkout(&workspace_root())
}

fn manifest_and_docs() -> (PathBuf, PathBuf) {
    let root = workspace_root();
    (root.join(MANIFEST), root.join(PINNED_DOCS))
}

fn pages() -> Option<&'static [(String, String)]> {
    static PAGES: OnceLock<Option<Vec<(String, String)>>> = OnceLock::new();
    PAGES
        .get_or_init(corpus::load_default_or_explain)
        .as_deref()
}

fn main() {
    let (manifest, _) = manifest_and_docs();
    if !manifest.is_file() {
        eprintln!(
            "skipping the curated generation benchmark: {} is not there",
            manifest.display()
        );
    }
    divan::main();
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn codegen_in_memory(bencher: Bencher) {
    let (manifest, docs) = manifest_and_docs();
    if !manifest.is_file() {
        return;
    }
    bencher.bench(|| {
        let generation = graph_pipeline::curated::generate(&manifest, &docs, &Default::default())
            .expect("codegen runs");
        generation.files.len()
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn markdown_baseline(bencher: Bencher) {
    let Some(pages) = pages() else {
        return;
    };
    bencher.bench(|| corpus::markdown_baseline(divan::black_box(pages)));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn whole_corpus_parse_and_generate(bencher: Bencher) {
    let Some(pages) = pages() else {
        return;
    };
    bencher.bench(|| {
        let parsed = graph_docs_parser::parse_pages(divan::black_box(pages));
        let generated =
            graph_pipeline::whole::generate_from(parsed, "graph_docs_models", &runtime());
        assert!(!generated.failed, "generation failed");
        generated.files.len()
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn whole_corpus_generate_only(bencher: Bencher) {
    let Some(pages) = pages() else {
        return;
    };
    bencher
        .with_inputs(|| graph_docs_parser::parse_pages(pages))
        .bench_values(|parsed| {
            let generated =
                graph_pipeline::whole::generate_from(parsed, "graph_docs_models", &runtime());
            assert!(!generated.failed, "generation failed");
            generated.files.len()
        });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn whole_corpus_prettyplease_only(bencher: Bencher) {
    let Some(pages) = pages() else {
        return;
    };
    let generated = graph_pipeline::whole::generate_from(
        graph_docs_parser::parse_pages(pages),
        "m",
        &runtime(),
    );
    let trees: Vec<syn::File> = generated
        .files
        .iter()
        .filter(|(path, _)| path.starts_with("src/v1_0") || path.starts_with("src/beta"))
        .map(|(path, text)| {
            syn::parse_file(text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        })
        .collect();
    // syn trees hold `Rc`s (proc-macro2's fallback), so this bench stays on one thread.
    bencher.bench_local(|| {
        trees
            .iter()
            .map(|tree| prettyplease::unparse(divan::black_box(tree)).len())
            .sum::<usize>()
    });
}
