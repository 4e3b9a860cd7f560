//! `cargo xtask codegen [--check] [--docs DIR [--version V]]`: pinned pages -> IR -> models
//! crate, and `cargo xtask codegen --docs DIR [--version V] --all --out OUT`: every type of a
//! docs tree -> a crate.
//!
//! The work is `graph_pipeline::curated` and `graph_pipeline::whole`; this module prints the
//! diagnostics of every severity (a correction applied from `schema/corrections.toml` is a
//! note), the summary line, and chooses the exit code.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use graph_docs_parser::TreeOptions;
use graph_ir::diagnostic::Tally;
use graph_pipeline::curated::{self, Generation};
use graph_pipeline::layout::{MANIFEST, PINNED_DOCS};
use graph_pipeline::sync::Outcome;
use graph_pipeline::whole::{self, RuntimeDependency};

/// Arguments of `cargo xtask codegen`.
#[derive(clap::Args)]
pub struct Args {
    /// Write nothing; exit 1 naming every file that is stale.
    #[arg(long)]
    check: bool,
    /// Read this docs tree instead of the pinned pages in schema/ (the version of a page comes
    /// from a `beta` / `v1.0` segment of DIR or of the path below it).
    #[arg(long)]
    docs: Option<PathBuf>,
    /// Read every page of --docs as this version, whatever its path says.
    #[arg(long, value_parser = ["v1.0", "beta"], requires = "docs")]
    version: Option<String>,
    /// The manifest naming the root types (default: schema/manifest.toml).
    #[arg(long, conflicts_with = "all")]
    manifest: Option<PathBuf>,
    /// Every type and enum under --docs, as a standalone crate at --out.
    #[arg(long, requires_all = ["docs", "out"])]
    all: bool,
    /// Where --all writes its crate.
    #[arg(long, requires = "all")]
    out: Option<PathBuf>,
    /// How the --all crate depends on the runtime crate: path=DIR, git=URL[#REV] or
    /// version=REQ (default: this checkout's crates/graph-runtime, by absolute path).
    #[arg(long, requires = "all")]
    runtime: Option<RuntimeDependency>,
}

/// Runs the command.
pub fn run(args: Args) -> ExitCode {
    let root = crate::workspace_root();
    let tree = TreeOptions {
        version: args.version.clone(),
    };
    if let (true, Some(docs), Some(out)) = (args.all, &args.docs, &args.out) {
        let runtime = args
            .runtime
            .clone()
            .unwrap_or_else(|| RuntimeDependency::path_in_checkout(&root));
        return run_all(docs, &tree, out, &runtime, args.check);
    }
    let docs = args.docs.unwrap_or_else(|| root.join(PINNED_DOCS));
    let manifest = args.manifest.unwrap_or_else(|| root.join(MANIFEST));
    let generation = match curated::generate(&manifest, &docs, &tree) {
        Ok(g) => g,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    for d in &generation.diagnostics {
        eprintln!("{d}\n");
    }
    let tally = Tally::of(&generation.diagnostics);
    if let Some(path) = &generation.corrections {
        let shown = path.strip_prefix(&root).unwrap_or(path);
        eprintln!(
            "corrections: {} applied from {}",
            generation.corrections_applied,
            shown.display()
        );
    }
    let outcome = match curated::write_if_clean(&root, &generation, args.check) {
        Ok(Some(o)) => o,
        Ok(None) => {
            eprintln!("codegen: {} error(s); nothing was written", tally.errors);
            eprintln!("{}", summary(&generation, tally, None));
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("error: writing generated files: {e}");
            return ExitCode::FAILURE;
        }
    };
    eprintln!("{}", summary(&generation, tally, Some(&outcome)));
    if args.check && outcome.is_stale() {
        for path in outcome.changed.iter().chain(&outcome.removed) {
            eprintln!("stale: {}", path.display());
        }
        eprintln!("generated files are stale: run `cargo xtask codegen`");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

fn summary(g: &Generation, tally: Tally, outcome: Option<&Outcome>) -> String {
    let mut line = format!(
        "pages {}, types {}, errors {}, warnings {}, notes {}",
        g.pages, g.generated_types, tally.errors, tally.warnings, tally.notes
    );
    if let Some(o) = outcome {
        line.push_str(&format!(
            ", files {} (changed {}, removed {}, unchanged {})",
            g.files.len(),
            o.changed.len(),
            o.removed.len(),
            o.unchanged
        ));
    }
    line
}

/// Runs `cargo xtask codegen --docs DOCS --all --out OUT [--check]`.
fn run_all(
    docs: &Path,
    tree: &TreeOptions,
    out: &Path,
    runtime: &RuntimeDependency,
    check: bool,
) -> ExitCode {
    let started = Instant::now();
    let crate_name = whole::crate_name_for(out);
    let generated = match whole::generate(docs, tree, &crate_name, runtime) {
        Ok(w) => w,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    for d in &generated.diagnostics {
        eprintln!("{d}\n");
    }
    let tally = Tally::of(&generated.diagnostics);
    let counts = format!(
        "pages {}, types {}, enums {}, errors {}, warnings {}",
        generated.pages, generated.types, generated.enums, tally.errors, tally.warnings
    );
    if generated.failed {
        eprintln!("codegen --all: the generator failed; nothing was written");
        eprintln!("{counts}");
        return ExitCode::FAILURE;
    }
    let outcome = match whole::write(out, &generated.files, check) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: writing {}: {e}", out.display());
            return ExitCode::FAILURE;
        }
    };
    if check && outcome.is_stale() {
        for path in outcome.changed.iter().chain(&outcome.removed) {
            eprintln!("stale: {}", path.display());
        }
        eprintln!("{counts}; the crate at {} is stale", out.display());
        return ExitCode::FAILURE;
    }
    eprintln!(
        "{counts}; generated {} items in {} files (changed {}, removed {}) under {} in {:.1}s",
        generated.generated_items,
        generated.files.len(),
        outcome.changed.len(),
        outcome.removed.len(),
        out.display(),
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}
