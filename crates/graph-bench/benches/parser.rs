//! Parser throughput over the whole 2021 corpus, read into memory first:
//! `cargo bench -p graph-bench --bench parser`.
//!
//! - `markdown_baseline`: pulldown-cmark with tables on over every page, nothing else (the floor).
//! - `full_parse_one_thread`: every page parsed and assembled into the IR on this thread.
//! - `full_parse_all_cores`: the same on every core ([`graph_docs_parser::parse_pages`]).
//!
//! Targets (ratios of medians): one thread <= 1.25x the baseline; all cores < 1.0x the baseline.
//! Skips with a message when the corpus is absent.

use std::sync::OnceLock;

use divan::Bencher;
use graph_bench::corpus;

fn main() {
    if pages().is_none() {
        return;
    }
    divan::main();
}

fn pages() -> Option<&'static [(String, String)]> {
    static PAGES: OnceLock<Option<Vec<(String, String)>>> = OnceLock::new();
    PAGES
        .get_or_init(corpus::load_default_or_explain)
        .as_deref()
}

fn corpus_pages() -> &'static [(String, String)] {
    pages().expect("main returns early without the corpus")
}

#[divan::bench(sample_count = 30, sample_size = 1)]
fn markdown_baseline(bencher: Bencher) {
    let pages = corpus_pages();
    bencher
        .counter(divan::counter::BytesCount::new(corpus::total_bytes(pages)))
        .bench(|| corpus::markdown_baseline(divan::black_box(pages)));
}

#[divan::bench(sample_count = 30, sample_size = 1)]
fn full_parse_one_thread(bencher: Bencher) {
    let pages = corpus_pages();
    bencher
        .counter(divan::counter::BytesCount::new(corpus::total_bytes(pages)))
        .bench(|| graph_docs_parser::parse_pages_on(divan::black_box(pages), 1));
}

#[divan::bench(sample_count = 30, sample_size = 1)]
fn full_parse_all_cores(bencher: Bencher) {
    let pages = corpus_pages();
    bencher
        .counter(divan::counter::BytesCount::new(corpus::total_bytes(pages)))
        .bench(|| graph_docs_parser::parse_pages(divan::black_box(pages)));
}
