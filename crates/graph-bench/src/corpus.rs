//! The 2021 docs corpus (`../shared/graph-docs/corpus-2021`), read into memory before timing.

use std::path::{Path, PathBuf};

/// Environment variable that points the parser benchmarks at another docs tree.
pub const CORPUS_ENV: &str = "GRAPH_BENCH_CORPUS";

/// Where the corpus is expected: `$GRAPH_BENCH_CORPUS`, else `shared/graph-docs/corpus-2021`
/// beside the workspace (the layout of the team machines and CI).
pub fn corpus_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(CORPUS_ENV) {
        return PathBuf::from(dir);
    }
    // This crate is at <workspace>/crates/graph-bench; shared/ sits beside the workspace.
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/graph-docs/corpus-2021")
}

/// Every `.md` page under `root` as `(path relative to root, text)`, sorted by path; `None`
/// when `root` is not a directory, so benchmarks can skip with a message instead of failing.
pub fn load_pages(root: &Path) -> Option<Vec<(String, String)>> {
    if !root.is_dir() {
        return None;
    }
    let mut pages = Vec::new();
    collect(root, root, &mut pages);
    pages.sort();
    Some(pages)
}

/// Loads the default corpus, printing why benchmarks are skipped when it is missing.
pub fn load_default_or_explain() -> Option<Vec<(String, String)>> {
    let dir = corpus_dir();
    let pages = load_pages(&dir);
    match &pages {
        None => eprintln!(
            "skipping corpus benchmarks: {} is not there (set {CORPUS_ENV} to a docs tree)",
            dir.display()
        ),
        Some(pages) => eprintln!(
            "corpus: {} pages, {:.1} MB from {}",
            pages.len(),
            total_bytes(pages) as f64 / 1e6,
            dir.display()
        ),
    }
    pages
}

/// Total size of the page texts in bytes.
pub fn total_bytes(pages: &[(String, String)]) -> usize {
    pages.iter().map(|(_, text)| text.len()).sum()
}

fn collect(root: &Path, dir: &Path, pages: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            collect(root, &path, pages);
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "md") {
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let relative = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            pages.push((relative, text));
        }
    }
}

/// What the baseline does: pulldown-cmark (tables on) over every page, nothing else. Returns
/// the event count so the work cannot be optimised away.
pub fn markdown_baseline(pages: &[(String, String)]) -> usize {
    use pulldown_cmark::{Options, Parser};
    pages
        .iter()
        .map(|(_, text)| Parser::new_ext(text, Options::ENABLE_TABLES).count())
        .sum()
}
