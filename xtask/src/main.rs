//! `cargo xtask`: the project's automation entry point (see the README).
//!
//! Each subcommand lives in its own module; this file only parses arguments and dispatches.

mod drift;
mod examples;
mod schema;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use xtask::{codegen, workspace_root};

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
