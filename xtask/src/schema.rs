//! `cargo xtask schema --docs DIR [--version V] [--out FILE] [--allow-errors]`: docs tree -> IR.
//!
//! Output: with one version under DIR, that version's IR document; with several, one JSON
//! object keyed by version (`{ "beta": {...}, "v1.0": {...} }`). Diagnostics go to stderr,
//! then the summary line `pages N, types T, enums E, errors X, warnings W`. `--out FILE` is
//! replaced atomically. The document is `graph_pipeline::schema::document`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use graph_ir::diagnostic::Tally;

/// Arguments of `cargo xtask schema`.
#[derive(clap::Args)]
pub struct Args {
    /// Root of a docs tree (searched recursively; the version comes from a `beta` / `v1.0` segment
    /// of DIR or of the path below it).
    #[arg(long)]
    docs: PathBuf,
    /// Read every page as this version, whatever its path says.
    #[arg(long, value_parser = ["v1.0", "beta"])]
    version: Option<String>,
    /// Write the IR here instead of stdout.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Exit 0 even when error diagnostics were reported.
    #[arg(long)]
    allow_errors: bool,
}

/// Runs the command.
pub fn run(args: Args) -> ExitCode {
    let options = graph_docs_parser::TreeOptions {
        version: args.version.clone(),
    };
    let output = graph_docs_parser::parse_tree_with(&args.docs, &options);
    let mut document = graph_pipeline::schema::document(&output);
    let mut write_failed = None;
    match &args.out {
        Some(path) => {
            // Atomically: a kill or a full disk mid-write leaves the old file whole.
            if let Err(error) = graph_pipeline::write::write_atomic(path, document.as_bytes()) {
                write_failed = Some(format!("cannot write {}: {error}", path.display()));
            }
        }
        None => {
            if let Err(error) = std::io::stdout().lock().write_all(document.as_bytes()) {
                write_failed = Some(format!("cannot write to stdout: {error}"));
            }
        }
    }
    document.clear();

    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for diagnostic in &output.diagnostics {
        let _ = writeln!(err, "{diagnostic}\n");
    }
    if let Some(problem) = &write_failed {
        let _ = writeln!(err, "error: {problem}");
    }
    let tally = Tally::of(&output.diagnostics);
    let types: usize = output.schemas.values().map(|s| s.types.len()).sum();
    let enums: usize = output.schemas.values().map(|s| s.enums.len()).sum();
    let per_version: Vec<String> = output
        .pages_by_version
        .iter()
        .map(|(version, n)| format!("{version} {n}"))
        .collect();
    let _ = writeln!(err, "pages per version: {}", per_version.join(", "));
    let _ = writeln!(
        err,
        "pages {}, types {types}, enums {enums}, errors {}, warnings {}",
        output.pages, tally.errors, tally.warnings
    );
    if write_failed.is_some() || (tally.errors > 0 && !args.allow_errors) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
