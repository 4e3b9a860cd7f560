//! `cargo xtask codegen --docs DIR --all --out OUT`: every type of a docs tree -> a standalone crate.
//!
//! The crate at OUT has its own `Cargo.toml`: serde and serde_json from crates.io and the runtime
//! crate `graph-runtime` ([`RuntimeDependency`]: this checkout's `crates/graph-runtime` by
//! absolute path unless `--runtime` says otherwise), and one module per Graph version holding
//! every structured type and enum of that version. Namespaces below `microsoft.graph` are
//! modules inside each version module.
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

/// How a generated crate depends on the runtime crate `graph-runtime`: `--runtime path=DIR`,
/// `--runtime git=URL` (optionally `git=URL#REV`), or `--runtime version=REQ` (a registry).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuntimeDependency {
    /// A directory holding the runtime crate; written as an absolute path when it can be
    /// resolved, so the crate builds wherever it is written.
    Path(PathBuf),
    /// A git repository (the workspace that holds `crates/graph-runtime`) and a revision.
    Git {
        /// Repository URL.
        url: String,
        /// A commit, tag or branch; the default branch when `None`.
        rev: Option<String>,
    },
    /// A version requirement, from crates.io or the user's configured registry.
    Version(String),
}

impl Default for RuntimeDependency {
    /// This checkout's `crates/graph-runtime`.
    fn default() -> Self {
        RuntimeDependency::Path(crate::workspace_root().join("crates/graph-runtime"))
    }
}

impl std::str::FromStr for RuntimeDependency {
    type Err = String;

    fn from_str(spec: &str) -> Result<Self, String> {
        let expected = "expected path=DIR, git=URL[#REV] or version=REQ";
        let (kind, value) = spec
            .split_once('=')
            .ok_or_else(|| format!("`{spec}`: {expected}"))?;
        if value.is_empty() {
            return Err(format!("`{spec}`: nothing after `=`; {expected}"));
        }
        match kind {
            "path" => Ok(RuntimeDependency::Path(PathBuf::from(value))),
            "git" => Ok(match value.split_once('#') {
                Some((url, rev)) => RuntimeDependency::Git {
                    url: url.to_string(),
                    rev: Some(rev.to_string()),
                },
                None => RuntimeDependency::Git {
                    url: value.to_string(),
                    rev: None,
                },
            }),
            "version" => Ok(RuntimeDependency::Version(value.to_string())),
            other => Err(format!("`{other}=`: {expected}")),
        }
    }
}

impl RuntimeDependency {
    /// The dependency as the entries of an inline TOML table (without braces).
    fn toml_entries(&self) -> String {
        let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
        match self {
            RuntimeDependency::Path(dir) => {
                let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
                format!("path = {}", quoted(&dir.to_string_lossy()))
            }
            RuntimeDependency::Git { url, rev } => match rev {
                Some(rev) => format!("git = {}, rev = {}", quoted(url), quoted(rev)),
                None => format!("git = {}", quoted(url)),
            },
            RuntimeDependency::Version(req) => format!("version = {}", quoted(req)),
        }
    }
}

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
pub fn generate(
    docs: &Path,
    crate_name: &str,
    runtime: &RuntimeDependency,
) -> Result<WholeCrate, String> {
    let parsed = graph_docs_parser::parse_tree(docs);
    if parsed.schemas.is_empty() {
        return Err(format!(
            "no pages with a `v1.0` or `beta` path segment under {}",
            docs.display()
        ));
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
    files.insert(PathBuf::from("Cargo.toml"), cargo_toml(crate_name, runtime));
    files.insert(PathBuf::from("src/lib.rs"), lib_rs(&modules));
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
pub fn run(docs: &Path, out: &Path, runtime: &RuntimeDependency, check: bool) -> ExitCode {
    let started = Instant::now();
    let crate_name = out
        .file_name()
        .and_then(|n| n.to_str())
        .map(package_name)
        .unwrap_or_else(|| "graph-docs-models-all".to_string());
    let whole = match generate(docs, &crate_name, runtime) {
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

fn cargo_toml(crate_name: &str, runtime: &RuntimeDependency) -> String {
    let runtime = runtime.toml_entries();
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
time = ["graph-runtime/time"]
# Conversions of date/time wire values into `chrono` types.
chrono = ["graph-runtime/chrono"]

[dependencies]
graph-runtime = {{ {runtime} }}
serde = "1"
serde_json = "1"

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
         //! `support` is the runtime crate `graph_runtime`, which every generated type calls.\n\n\
         pub use graph_runtime as support;\n",
    );
    for module in modules {
        text.push_str(&format!("#[rustfmt::skip]\npub mod {module};\n"));
    }
    text
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
    fn runtime_dependencies_parse_and_print_as_toml() {
        let git: RuntimeDependency = "git=https://example.org/r.git#abc".parse().unwrap();
        assert_eq!(
            git.toml_entries(),
            r#"git = "https://example.org/r.git", rev = "abc""#
        );
        let version: RuntimeDependency = "version=0.1".parse().unwrap();
        assert_eq!(version.toml_entries(), r#"version = "0.1""#);
        let path: RuntimeDependency = "path=/no/such/dir".parse().unwrap();
        assert_eq!(path.toml_entries(), r#"path = "/no/such/dir""#);
        assert!("tarball=x".parse::<RuntimeDependency>().is_err());
        assert!("path=".parse::<RuntimeDependency>().is_err());
        assert!("nothing".parse::<RuntimeDependency>().is_err());
    }
}
