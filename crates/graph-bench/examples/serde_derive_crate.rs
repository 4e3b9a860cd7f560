//! Writes the serde-derive baseline crate of a docs tree (see
//! `graph_bench::serde_derive_baseline`), the crate `scripts/build-cost.sh` builds beside the
//! `--all` crate:
//!
//! `cargo run --release -p graph-bench --example serde_derive_crate -- --docs DIR --out DIR`

use std::path::PathBuf;
use std::process::ExitCode;

use graph_bench::serde_derive_baseline::{crate_files, write_crate};

fn main() -> ExitCode {
    let mut docs = None;
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--docs" => docs = args.next().map(PathBuf::from),
            "--out" => out = args.next().map(PathBuf::from),
            other => {
                eprintln!("unexpected argument `{other}`; usage: --docs DIR --out DIR");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(docs), Some(out)) = (docs, out) else {
        eprintln!("usage: serde_derive_crate --docs DIR --out DIR");
        return ExitCode::from(2);
    };
    let tree = graph_docs_parser::parse_tree(&docs);
    if tree.schemas.is_empty() {
        eprintln!("no pages with types under {}", docs.display());
        return ExitCode::FAILURE;
    }
    let files = crate_files(&tree.schemas);
    if let Err(error) = write_crate(&out, &files) {
        eprintln!("cannot write {}: {error}", out.display());
        return ExitCode::FAILURE;
    }
    let (types, enums) = tree.schemas.values().fold((0, 0), |(t, e), schema| {
        (t + schema.types.len(), e + schema.enums.len())
    });
    let lines: usize = files.values().map(|text| text.lines().count()).sum();
    eprintln!(
        "{}: {} pages, {types} types, {enums} enums, {} files, {lines} lines",
        out.display(),
        tree.pages,
        files.len()
    );
    ExitCode::SUCCESS
}
