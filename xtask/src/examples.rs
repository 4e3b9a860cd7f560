//! `cargo xtask examples --docs DIR [--allow-errors]`: every response example of the API pages
//! under DIR, read into its model type and written back (see `graph-conformance`).
//!
//! Problems go to stdout as `file:line:col: message`, then the summary line
//! `examples N, round-tripped R, invalid JSON J, failed F, skipped S`.

use std::path::PathBuf;
use std::process::ExitCode;

use graph_conformance::{check_docs, Options};

/// Arguments of `cargo xtask examples`.
#[derive(clap::Args)]
pub struct Args {
    /// A docs tree (or one page); versions come from `v1.0` / `beta` path segments.
    #[arg(long)]
    docs: PathBuf,
    /// Exit 0 even when examples are invalid JSON or fail to round-trip.
    #[arg(long)]
    allow_errors: bool,
    /// List every example with its verdict, not only the problems.
    #[arg(long)]
    verbose: bool,
}

/// Runs the command.
pub fn run(args: Args) -> ExitCode {
    // The IR the models were generated from lets the types of web-render examples be guessed.
    let options =
        match Options::from_ir_dir(&crate::workspace_root().join(graph_pipeline::layout::IR_DIR)) {
            Ok(options) => options,
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::FAILURE;
            }
        };
    if !args.docs.exists() {
        eprintln!("error: {} does not exist", args.docs.display());
        return ExitCode::FAILURE;
    }
    let run = check_docs(&args.docs, &options);
    for (path, reason) in &run.unreadable {
        eprintln!("error: cannot read {}: {reason}", path.display());
    }
    for checked in &run.examples {
        if args.verbose {
            println!(
                "{}:{}: {} {:?}{}",
                checked.file,
                checked.line,
                checked.type_name.as_deref().unwrap_or("(no type)"),
                checked.verdict,
                if checked.type_guessed {
                    " (type guessed)"
                } else {
                    ""
                }
            );
        }
        for problem in &checked.problems {
            println!("{problem}");
        }
    }
    let summary = run.summary();
    println!("{summary}");
    let failed = summary.has_errors() || !run.unreadable.is_empty();
    if failed && !args.allow_errors {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
