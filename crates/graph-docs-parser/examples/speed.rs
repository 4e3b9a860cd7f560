//! Compares one full page parse with a bare pulldown-cmark pass (tables on), single-threaded,
//! over every `.md` file under the directory given (default: the 2021 corpus beside the workspace).
//!
//! `cargo run --release -p graph-docs-parser --example speed [DIR]`

use std::path::{Path, PathBuf};
use std::time::Instant;

fn collect(dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            if let Ok(text) = std::fs::read_to_string(&path) {
                out.push((path.to_string_lossy().into_owned(), text));
            }
        }
    }
}

fn main() {
    let dir = std::env::args().nth(1).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/graph-docs/corpus-2021"),
        PathBuf::from,
    );
    let mut pages = Vec::new();
    collect(&dir, &mut pages);
    let bytes: usize = pages.iter().map(|(_, t)| t.len()).sum();
    let (mut best_bare, mut best_pass, mut best_full) = (f64::MAX, f64::MAX, f64::MAX);
    for round in 0..7 {
        let start = Instant::now();
        let mut events = 0usize;
        for (_, text) in &pages {
            let parser =
                pulldown_cmark::Parser::new_ext(text, pulldown_cmark::Options::ENABLE_TABLES);
            events += parser.into_offset_iter().count();
        }
        let bare = start.elapsed();
        let start = Instant::now();
        let mut seen = 0usize;
        for (file, text) in &pages {
            seen += graph_docs_parser::markdown_pass_only(file, text);
        }
        let pass = start.elapsed();
        let start = Instant::now();
        let mut types = 0usize;
        for (file, text) in &pages {
            types += graph_docs_parser::parse_page(file, text).types.len();
        }
        let full = start.elapsed();
        best_bare = best_bare.min(bare.as_secs_f64());
        best_pass = best_pass.min(pass.as_secs_f64());
        best_full = best_full.min(full.as_secs_f64());
        println!(
            "round {round}: {} pages, {:.1} MB: pulldown-cmark {bare:?} ({events} events), markdown pass {pass:?} ({seen} items), parse_page {full:?} ({types} types), ratio {:.2}",
            pages.len(),
            bytes as f64 / 1e6,
            full.as_secs_f64() / bare.as_secs_f64()
        );
    }
    println!(
        "best of 7: pulldown-cmark {:.1} ms, markdown pass {:.1} ms, parse_page {:.1} ms, ratio {:.2}",
        best_bare * 1e3,
        best_pass * 1e3,
        best_full * 1e3,
        best_full / best_bare
    );
}
