//! `cargo xtask codegen --docs DIR --all --out OUT`: every type of a docs tree -> a standalone
//! crate.
//!
//! The crate at OUT has its own `Cargo.toml` ([`crate::crate_files`]): serde and serde_json
//! from crates.io and the runtime crate `graph-runtime` (see [`RuntimeDependency`]), and one
//! module per Graph version holding every structured type and enum of that version.
//! Namespaces below `microsoft.graph` are modules inside each version module.
//!
//! Unlike the curated crate, a whole tree is taken as it is: an error on a page (an annotation
//! that is not JSON even read leniently, say) is reported and counted but only loses what that
//! page could not say; types no page defines become `serde_json::Value` with one warning listing
//! them; names that collide get a deterministic numeric suffix with a warning (see
//! `graph_codegen::Options::disambiguate`). Only a generator error stops the crate being written.
//!
//! The crate is written all or nothing ([`write()`]): the complete new tree is built beside OUT
//! and swapped in, so a failure half-way leaves the old crate as it was, and two runs into the
//! same OUT do not fail each other (the last swap wins).

use graph_codegen::features::FeaturePlan;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use graph_docs_parser::TreeOptions;
use graph_ir::Diagnostic;

use crate::crate_files;
use crate::layout::module_name;
pub use crate::runtime::RuntimeDependency;
use crate::sync::{self, Outcome};

/// Everything one whole-tree run produces, before anything is written.
pub struct WholeCrate {
    /// Files to write, relative to the output directory.
    pub files: BTreeMap<PathBuf, String>,
    /// Parser and generator diagnostics, in order.
    pub diagnostics: Vec<Diagnostic>,
    /// The generator failed for some version (its errors are in `diagnostics`): write nothing.
    pub failed: bool,
    /// Pages read.
    pub pages: usize,
    /// Structured types in the parsed schemas, over all versions.
    pub types: usize,
    /// Enums in the parsed schemas, over all versions.
    pub enums: usize,
    /// Rust items generated (structs, `Any*` enums, wire enums), over all versions.
    pub generated_items: usize,
}

/// The package name of the crate written to `out`: its directory name as a Cargo package name
/// (`graph-docs-models-all` when it has none).
pub fn crate_name_for(out: &Path) -> String {
    out.file_name()
        .and_then(|n| n.to_str())
        .map(crate_files::package_name)
        .unwrap_or_else(|| "graph-docs-models-all".to_string())
}

/// Parses `docs` (versions as `tree` says, see [`graph_docs_parser::parse_tree_with`]) and
/// renders the standalone crate named `crate_name`. Errors in the diagnostics mean the crate
/// must not be written.
pub fn generate(
    docs: &Path,
    tree: &TreeOptions,
    crate_name: &str,
    runtime: &RuntimeDependency,
) -> Result<WholeCrate, String> {
    let parsed = graph_docs_parser::parse_tree_with(docs, tree);
    if parsed.schemas.is_empty() {
        return Err(format!("no docs pages under {}", docs.display()));
    }
    Ok(generate_from(parsed, crate_name, runtime))
}

/// [`generate`] from a tree already parsed (pages held in memory, say, as the generation
/// benchmark does).
pub fn generate_from(
    parsed: graph_docs_parser::TreeOutput,
    crate_name: &str,
    runtime: &RuntimeDependency,
) -> WholeCrate {
    let mut diagnostics = parsed.diagnostics;
    let mut files = BTreeMap::new();
    let mut generated_items = 0;
    let mut failed = false;
    let mut modules = Vec::new();
    let schemas: Vec<&graph_ir::Schema> = parsed.schemas.values().collect();
    let features = FeaturePlan::new(&schemas);
    for (version, schema) in &parsed.schemas {
        let options = graph_codegen::Options {
            disambiguate: true,
            namespace_modules: true,
            features: Some(features.for_version(version)),
            ..graph_codegen::Options::default()
        };
        match graph_codegen::generate_reporting(schema, &options) {
            Ok(output) => {
                diagnostics.extend(output.warnings);
                generated_items += output.items;
                let module = module_name(version);
                let dir = Path::new("src").join(&module);
                for file in output.files {
                    files.insert(dir.join(&file.path), file.contents);
                }
                modules.push(module);
            }
            Err(errors) => {
                failed = true;
                diagnostics.extend(errors);
            }
        }
    }
    crate_files::add(&mut files, crate_name, runtime, &modules, &features);
    WholeCrate {
        files,
        diagnostics,
        failed,
        pages: parsed.pages,
        types: parsed.schemas.values().map(|s| s.types.len()).sum(),
        enums: parsed.schemas.values().map(|s| s.enums.len()).sum(),
        generated_items,
    }
}

/// The directory of a generated crate whose every file is generated: a file there that `files`
/// does not hold is stale.
const SOURCES: &str = "src";

/// Makes the crate at `out` exactly `files`, all or nothing, and says what changed: files
/// whose bytes differ, and stale files under `src/`. Anything else in `out` (a `target/`
/// directory, a `Cargo.lock`) is kept.
///
/// When nothing changed, nothing is touched. Otherwise the whole new tree is written beside
/// `out` and swapped in ([`crate::write::replace_dir`]): a write failing half-way leaves the
/// old crate exactly as it was, never a mixture, and two runs into the same `out` each swap in
/// a complete crate (the last one wins). With `check`, nothing is written.
pub fn write(
    out: &Path,
    files: &BTreeMap<PathBuf, String>,
    check: bool,
) -> std::io::Result<Outcome> {
    // Sources first, then the other files, as the outcome has always listed them.
    let (sources, others): (BTreeMap<_, _>, BTreeMap<_, _>) = files
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .partition(|(path, _)| path.starts_with(SOURCES));
    let mut outcome = sync::compare(out, &[Path::new(SOURCES)], &sources)?;
    let rest = sync::compare(out, &[], &others)?;
    outcome.changed.extend(rest.changed);
    outcome.unchanged += rest.unchanged;
    if check || !outcome.is_stale() {
        return Ok(outcome);
    }
    crate::write::replace_dir(out, files, |path| path.starts_with(SOURCES))?;
    Ok(outcome)
}
