//! Temporary: generation alone, for a profiler.
use graph_bench::corpus;
fn main() {
    let pages = corpus::load_default_or_explain().unwrap();
    for _ in 0..3 {
        let parsed = graph_docs_parser::parse_pages(&pages);
        let g = xtask::whole::generate_from(parsed, "m");
        println!("{}", g.files.len());
    }
}
