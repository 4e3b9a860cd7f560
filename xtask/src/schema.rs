//! `cargo xtask schema --docs DIR [--out FILE] [--allow-errors]`: docs tree -> IR.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `cargo xtask schema`.
#[derive(clap::Args)]
pub struct Args {
    /// Root of a docs tree (searched recursively; the version comes from a `beta` / `v1.0` path segment).
    #[arg(long)]
    docs: PathBuf,
    /// Write the IR here instead of stdout.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Exit 0 even when error diagnostics were reported.
    #[arg(long)]
    allow_errors: bool,
}

/// Runs the command.
pub fn run(args: Args) -> ExitCode {
    let _ = (&args.docs, &args.out, args.allow_errors);
    eprintln!("cargo xtask schema: not implemented yet");
    ExitCode::FAILURE
}
