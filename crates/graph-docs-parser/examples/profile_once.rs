//! One pass over a docs tree, for a profiler (callgrind counts are stable on shared machines):
//! `cargo build --profile bench -p graph-docs-parser --example profile_once &&
//! valgrind --tool=callgrind target/release/examples/profile_once [full|baseline|read] [DIR]`
//!
//! - `full`: [`graph_docs_parser::parse_pages_on`] with one thread (what the bench times).
//! - `baseline`: pulldown-cmark with tables on over every page, nothing else.
//! - `read`: only reading the pages, to subtract from both.

use std::path::{Path, PathBuf};

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            if let Ok(text) = std::fs::read_to_string(&path) {
                let relative = path.strip_prefix(root).unwrap_or(&path);
                out.push((relative.to_string_lossy().into_owned(), text));
            }
        }
    }
}

fn main() {
    let mode = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "full".to_string());
    let dir = std::env::args().nth(2).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/graph-docs/corpus-2021"),
        PathBuf::from,
    );
    let mut pages = Vec::new();
    collect(&dir, &dir, &mut pages);
    pages.sort();
    let n = match mode.as_str() {
        "baseline" => pages
            .iter()
            .map(|(_, text)| {
                pulldown_cmark::Parser::new_ext(text, pulldown_cmark::Options::ENABLE_TABLES)
                    .count()
            })
            .sum(),
        "read" => pages.len(),
        _ => run(&pages),
    };
    println!("{mode}: {} pages -> {n}", pages.len());
}

/// Kept out of line so a profile shows the parse as one subtree.
#[inline(never)]
fn run(pages: &[(String, String)]) -> usize {
    let out = graph_docs_parser::parse_pages_on(pages, 1);
    out.diagnostics.len() + out.schemas.values().map(|s| s.types.len()).sum::<usize>()
}
