//! `cargo xtask codegen [--check] [--docs DIR]`: pinned pages -> IR -> models crate.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `cargo xtask codegen`.
#[derive(clap::Args)]
pub struct Args {
    /// Write nothing; exit 1 naming every file that is stale.
    #[arg(long)]
    check: bool,
    /// Read this docs tree instead of the pinned pages in schema/.
    #[arg(long)]
    docs: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: Args) -> ExitCode {
    let _ = (args.check, &args.docs);
    eprintln!("cargo xtask codegen: not implemented yet");
    ExitCode::FAILURE
}
