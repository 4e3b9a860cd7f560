//! `cargo xtask codegen --docs DIR --all --out OUT`: every type of a docs tree -> a standalone crate.
//!
//! The crate at OUT has its own `Cargo.toml` (serde and serde_json from crates.io, nothing from
//! this workspace), a copy of the hand-written runtime as `src/support/` (embedded into this
//! binary from `crates/graph-models/src/support/`, so that directory stays the one source of
//! truth), and one module per Graph version holding every structured type and enum of that
//! version. Namespaces below `microsoft.graph` are modules inside each version module.
//!
//! Unlike the curated crate, a whole tree is taken as it is: an error on a page (an annotation
//! that is not JSON even read leniently, say) is reported and counted but only loses what that
//! page could not say; types no page defines become `serde_json::Value` with one warning listing
//! them; names that collide get a deterministic numeric suffix with a warning (see
//! `graph_codegen::Options::disambiguate`). Only a generator error stops the crate being written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use graph_ir::diagnostic::Tally;
use graph_ir::Diagnostic;

use crate::codegen::module_name;
use crate::sync;

/// The runtime files copied into the generated crate, as (file name, contents). `tests.rs` is
/// left out: it tests the runtime against the curated models.
const RUNTIME: &[(&str, &str)] = &[
    (
        "additional.rs",
        include_str!("../../crates/graph-models/src/support/additional.rs"),
    ),
    (
        "envelope.rs",
        include_str!("../../crates/graph-models/src/support/envelope.rs"),
    ),
    (
        "field.rs",
        include_str!("../../crates/graph-models/src/support/field.rs"),
    ),
    (
        "mod.rs",
        include_str!("../../crates/graph-models/src/support/mod.rs"),
    ),
    (
        "object.rs",
        include_str!("../../crates/graph-models/src/support/object.rs"),
    ),
    (
        "polymorphic.rs",
        include_str!("../../crates/graph-models/src/support/polymorphic.rs"),
    ),
    (
        "scalars.rs",
        include_str!("../../crates/graph-models/src/support/scalars.rs"),
    ),
    (
        "wire_enum.rs",
        include_str!("../../crates/graph-models/src/support/wire_enum.rs"),
    ),
];

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

/// Parses `docs` and renders the standalone crate named `crate_name`. Errors in the diagnostics
/// mean the crate must not be written.
pub fn generate(docs: &Path, crate_name: &str) -> Result<WholeCrate, String> {
    let parsed = graph_docs_parser::parse_tree(docs);
    if parsed.schemas.is_empty() {
        return Err(format!(
            "no pages with a `v1.0` or `beta` path segment under {}",
            docs.display()
        ));
    }
    Ok(generate_from(parsed, crate_name))
}

/// [`generate`] from a tree already parsed (pages held in memory, say, as the generation
/// benchmark does).
pub fn generate_from(parsed: graph_docs_parser::TreeOutput, crate_name: &str) -> WholeCrate {
    let mut diagnostics = parsed.diagnostics;
    let mut files = BTreeMap::new();
    let mut generated_items = 0;
    let mut failed = false;
    let mut modules = Vec::new();
    for (version, schema) in &parsed.schemas {
        let options = graph_codegen::Options {
            disambiguate: true,
            namespace_modules: true,
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
    files.insert(PathBuf::from("Cargo.toml"), cargo_toml(crate_name));
    files.insert(PathBuf::from("src/lib.rs"), lib_rs(&modules));
    for (name, contents) in RUNTIME {
        let contents = if *name == "mod.rs" {
            without_test_module(contents)
        } else {
            contents.to_string()
        };
        files.insert(Path::new("src/support").join(name), contents);
    }
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

/// Runs `cargo xtask codegen --docs DOCS --all --out OUT [--check]`.
pub fn run(docs: &Path, out: &Path, check: bool) -> ExitCode {
    let started = Instant::now();
    let crate_name = out
        .file_name()
        .and_then(|n| n.to_str())
        .map(package_name)
        .unwrap_or_else(|| "graph-docs-models-all".to_string());
    let whole = match generate(docs, &crate_name) {
        Ok(w) => w,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    for d in &whole.diagnostics {
        eprintln!("{d}\n");
    }
    let tally = Tally::of(&whole.diagnostics);
    let counts = format!(
        "pages {}, types {}, enums {}, errors {}, warnings {}",
        whole.pages, whole.types, whole.enums, tally.errors, tally.warnings
    );
    if whole.failed {
        eprintln!("codegen --all: the generator failed; nothing was written");
        eprintln!("{counts}");
        return ExitCode::FAILURE;
    }
    let outcome = match write(out, &whole.files, check) {
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
        whole.generated_items,
        whole.files.len(),
        outcome.changed.len(),
        outcome.removed.len(),
        out.display(),
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}

/// Writes `files` under `out`, only where bytes change; stale files under `src/` are removed,
/// anything else in `out` (a `target/` directory, say) is left alone. With `check`, only
/// reports what would change.
pub fn write(
    out: &Path,
    files: &BTreeMap<PathBuf, String>,
    check: bool,
) -> std::io::Result<sync::Outcome> {
    let (sources, others): (BTreeMap<_, _>, BTreeMap<_, _>) = files
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .partition(|(path, _)| path.starts_with("src"));
    if !check {
        std::fs::create_dir_all(out)?;
    }
    let mut outcome = sync::sync(out, &[Path::new("src")], &sources, check)?;
    for (path, contents) in &others {
        let target = out.join(path);
        if std::fs::read(&target).ok().as_deref() == Some(contents.as_bytes()) {
            outcome.unchanged += 1;
        } else {
            if !check {
                std::fs::write(&target, contents)?;
            }
            outcome.changed.push(path.clone());
        }
    }
    Ok(outcome)
}

/// A Cargo package name from a directory name: lowercase ASCII letters, digits and dashes.
fn package_name(dir: &str) -> String {
    let name: String = dir
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let name = name.trim_matches('-');
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("graph-models-{name}")
    } else {
        name.to_string()
    }
}

fn cargo_toml(crate_name: &str) -> String {
    format!(
        r#"# @generated by `cargo xtask codegen --all`; do not edit.
[package]
name = "{crate_name}"
description = "Microsoft Graph models for every type of a documentation tree."
version = "0.1.0"
edition = "2021"
publish = false

[features]
# Conversions of date/time wire values into `time` types.
time = ["dep:time"]
# Conversions of date/time wire values into `chrono` types.
chrono = ["dep:chrono"]

[dependencies]
serde = "1"
serde_json = "1"
time = {{ version = "0.3", optional = true, features = ["parsing", "formatting", "macros"] }}
chrono = {{ version = "0.4", optional = true, default-features = false, features = ["std"] }}

# A crate of its own, even when generated inside another workspace.
[workspace]
"#
    )
}

fn lib_rs(modules: &[String]) -> String {
    let mut text = String::from(
        "// @generated by `cargo xtask codegen --all`; do not edit.\n\
         //! Microsoft Graph models for every type of a documentation tree, one module per version.\n\
         //!\n\
         //! `support` is the hand-written runtime every generated type calls.\n\n\
         pub mod support;\n",
    );
    for module in modules {
        text.push_str(&format!("#[rustfmt::skip]\npub mod {module};\n"));
    }
    text
}

/// The runtime's `mod.rs` without its `#[cfg(test)] mod tests;` declaration.
fn without_test_module(text: &str) -> String {
    text.replace("#[cfg(test)]\nmod tests;\n", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names_are_valid() {
        assert_eq!(package_name("x"), "x");
        assert_eq!(package_name("All_Models.2021"), "all-models-2021");
        assert_eq!(package_name("2021"), "graph-models-2021");
    }

    #[test]
    fn the_runtime_copy_has_no_test_module() {
        let (_, module) = RUNTIME.iter().find(|(n, _)| *n == "mod.rs").unwrap();
        assert!(module.contains("mod tests;"), "the runtime changed shape");
        assert!(!without_test_module(module).contains("mod tests"));
    }
}
