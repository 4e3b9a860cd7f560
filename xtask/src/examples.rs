//! `cargo xtask examples --docs DIR [--version V] [--all] [--allow-errors] [--verbose]`: every response
//! example of the API pages under DIR, read into its model type and written back (see
//! `graph-conformance`): the curated models, or with `--all` the models generated from DIR
//! itself (built into `target/examples-all/`, reused across runs).
//!
//! Problems go to stdout as diagnostics (`error[example-not-read]: ...`, `note[...]`, with
//! `file:line:col` and the page line), then `untyped keys by cause: ...` and the summary line
//! `examples N, round-tripped R, invalid JSON J, failed F, skipped S; keys typed K of T (P %),
//! examples fully typed E`.

use std::path::PathBuf;
use std::process::ExitCode;

use graph_conformance::whole_tree::check_docs_all;
use graph_conformance::{check_docs, Options, Run};
use graph_docs_parser::TreeOptions;
use graph_ir::diagnostic::Tally;
use graph_pipeline::examples_all::{cache_dir_for, BuildOptions};
use graph_pipeline::whole::RuntimeDependency;

/// Arguments of `cargo xtask examples`.
#[derive(clap::Args)]
pub struct Args {
    /// A docs tree (or one page); a page's version comes from a `v1.0` / `beta` segment of
    /// DIR or of the path below it, else from its content.
    #[arg(long)]
    docs: PathBuf,
    /// Read every page as this version, whatever its path says.
    #[arg(long, value_parser = ["v1.0", "beta"])]
    version: Option<String>,
    /// Check against models generated from --docs itself (its `--all` crate), not the curated
    /// crate.
    #[arg(long)]
    all: bool,
    /// With --all: the cache directory for the generated crates (default:
    /// target/examples-all/<tree name>-<hash of its path>).
    #[arg(long, requires = "all")]
    cache: Option<PathBuf>,
    /// With --all: build the checkers in the dev profile instead of release.
    #[arg(long, requires = "all")]
    debug_build: bool,
    /// Exit 0 even when examples are invalid JSON or fail to round-trip.
    #[arg(long)]
    allow_errors: bool,
    /// List every example with its verdict, and the untyped keys by type.
    #[arg(long)]
    verbose: bool,
}

/// Runs the command.
pub fn run(args: Args) -> ExitCode {
    if !args.docs.exists() {
        eprintln!("error: {} does not exist", args.docs.display());
        return ExitCode::FAILURE;
    }
    let root = crate::workspace_root();
    let tree = TreeOptions {
        version: args.version.clone(),
    };
    let mut build_failed = false;
    let run = if args.all {
        let cache_root = root.join("target/examples-all");
        let build = BuildOptions {
            cache: args
                .cache
                .clone()
                .unwrap_or_else(|| cache_dir_for(&cache_root, &args.docs)),
            target_dir: cache_root.join("target"),
            release: !args.debug_build,
            runtime: RuntimeDependency::path_in_checkout(&root),
            lock_file: Some(root.join("Cargo.lock")),
        };
        eprintln!(
            "examples --all: models of {} in {}",
            args.docs.display(),
            build.cache.display()
        );
        let tree = match check_docs_all(&args.docs, &tree, &build) {
            Ok(tree) => tree,
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::FAILURE;
            }
        };
        let tally = Tally::of(&tree.prepared.diagnostics);
        eprintln!(
            "examples --all: pages {}, parser and generator errors {}, warnings {} (`cargo xtask codegen --all` lists them)",
            tree.prepared.pages, tally.errors, tally.warnings
        );
        for (version, reason) in &tree.prepared.failed {
            eprintln!("error: the {version} models: {reason}");
            build_failed = true;
        }
        tree.run
    } else {
        // The IR the models were generated from lets the types of web-render examples be guessed.
        let options =
            match Options::from_ir_dir(&root.join(graph_pipeline::layout::CORRECTED_IR_DIR)) {
                Ok(options) => Options {
                    pages_root: Some(root.join(graph_pipeline::layout::PINNED_DOCS)),
                    version: tree.version.clone(),
                    ..options
                },
                Err(message) => {
                    eprintln!("error: {message}");
                    return ExitCode::FAILURE;
                }
            };
        check_docs(&args.docs, &options)
    };
    print_run(&run, args.verbose);
    let summary = run.summary();
    let failed = summary.has_errors() || !run.unreadable.is_empty() || build_failed;
    if failed && !args.allow_errors {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Problems (and with `verbose` every verdict and the untyped keys), then the summary line.
fn print_run(run: &Run, verbose: bool) {
    for (path, reason) in &run.unreadable {
        eprintln!("error: cannot read {}: {reason}", path.display());
    }
    for checked in &run.examples {
        if verbose {
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
    let coverage = run.coverage();
    if verbose && !coverage.untyped.is_empty() {
        println!(
            "untyped keys (Graph type, key: times kept untyped, keys counted with those inside):"
        );
        for (graph_type, key, times, keys) in coverage.untyped_by_count() {
            let cause = coverage
                .causes
                .get(&(graph_type.to_string(), key.to_string()))
                .map(ToString::to_string)
                .unwrap_or_default();
            println!("  {graph_type} {key}: {times} ({keys} keys): {cause}");
        }
    }
    if !coverage.untyped.is_empty() {
        let causes: Vec<String> = coverage
            .by_cause()
            .into_iter()
            .map(|(label, keys)| format!("{label} {keys}"))
            .collect();
        println!("untyped keys by cause: {}", causes.join(", "));
    }
    println!("{}", run.summary_line());
}
