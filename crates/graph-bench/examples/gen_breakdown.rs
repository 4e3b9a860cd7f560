//! Temporary: where whole-corpus generation time goes.
use graph_bench::corpus;
use std::time::Instant;
fn main() {
    let pages = corpus::load_default_or_explain().unwrap();
    for _ in 0..5 {
        let t = Instant::now();
        let n = corpus::markdown_baseline(&pages);
        let base = t.elapsed();
        let t = Instant::now();
        let parsed = graph_docs_parser::parse_pages(&pages);
        let parse = t.elapsed();
        let t = Instant::now();
        let g = xtask::whole::generate_from(parsed, "m");
        let gen = t.elapsed();
        println!(
            "baseline {:?} parse {:?} generate {:?} ratio {:.2} ({} {})",
            base,
            parse,
            gen,
            (parse + gen).as_secs_f64() / base.as_secs_f64(),
            n,
            g.files.len()
        );
    }
}
