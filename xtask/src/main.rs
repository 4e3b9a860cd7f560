//! `cargo xtask`: the project's automation entry point (see the README).
//!
//! Each subcommand lives in its own module; this file only parses arguments and dispatches.
//! The work itself is the `graph-pipeline` library's (and the other crates'); the modules here
//! turn arguments into calls, print, and choose exit codes.

mod codegen;
mod drift;
mod examples;
mod schema;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Graph docs -> IR -> Rust models")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse every page under a docs tree and print the intermediate schema (IR).
    Schema(schema::Args),
    /// Regenerate the IR in schema/ir and the models crate from the pinned pages in schema/.
    Codegen(codegen::Args),
    /// Round-trip every response example of the API pages under a docs tree through the models.
    Examples(examples::Args),
    /// Compare a docs tree with the Graph service metadata (CSDL): every difference, as notes.
    Drift(drift::Args),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Schema(args) => schema::run(args),
        Command::Codegen(args) => codegen::run(args),
        Command::Examples(args) => examples::run(args),
        Command::Drift(args) => drift::run(args),
    }
}

/// The workspace root (the parent of this crate's directory): the checkout whose pinned pages,
/// IR and models crate the commands read and write by default.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}
