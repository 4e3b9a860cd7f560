//! `cargo xtask codegen [--check] [--docs DIR]`: pinned pages -> IR -> models crate.
//!
//! Everything is computed in memory first; if any error diagnostic exists, nothing is written.
//! Then only files whose bytes change are written, and generated files nothing produces any more
//! are removed (see [`crate::sync`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use graph_ir::diagnostic::Tally;
use graph_ir::{Diagnostic, Schema};

use crate::manifest::Manifest;
use crate::sync::{self, Outcome};

/// Where the IR documents go, relative to the workspace root.
pub const IR_DIR: &str = "schema/ir";
/// Where the generated models go, relative to the workspace root.
pub const MODELS_DIR: &str = "crates/graph-models/src/generated";

/// Arguments of `cargo xtask codegen`.
#[derive(clap::Args)]
pub struct Args {
    /// Write nothing; exit 1 naming every file that is stale.
    #[arg(long)]
    check: bool,
    /// Read this docs tree instead of the pinned pages in schema/.
    #[arg(long)]
    docs: Option<PathBuf>,
    /// The manifest naming the root types (default: schema/manifest.toml).
    #[arg(long, conflicts_with = "all")]
    manifest: Option<PathBuf>,
    /// Every type and enum under --docs, as a standalone crate at --out (see `whole`).
    #[arg(long, requires_all = ["docs", "out"])]
    all: bool,
    /// Where --all writes its crate.
    #[arg(long, requires = "all")]
    out: Option<PathBuf>,
    /// How the --all crate depends on the runtime crate: path=DIR, git=URL[#REV] or
    /// version=REQ (default: this checkout's crates/graph-runtime, by absolute path).
    #[arg(long, requires = "all")]
    runtime: Option<crate::whole::RuntimeDependency>,
}

/// Everything one run produces, before anything is written.
pub struct Generation {
    /// Files to write, relative to the workspace root.
    pub files: BTreeMap<PathBuf, String>,
    /// Every diagnostic of every stage, in order.
    pub diagnostics: Vec<Diagnostic>,
    /// Pages read.
    pub pages: usize,
    /// Structured types and enums generated, over all versions.
    pub generated_types: usize,
}

/// Runs the command.
pub fn run(args: Args) -> ExitCode {
    if let (true, Some(docs), Some(out)) = (args.all, &args.docs, &args.out) {
        let runtime = args.runtime.clone().unwrap_or_default();
        return crate::whole::run(docs, out, &runtime, args.check);
    }
    let root = crate::workspace_root();
    let docs = args.docs.unwrap_or_else(|| root.join("schema"));
    let manifest = args
        .manifest
        .unwrap_or_else(|| root.join("schema/manifest.toml"));
    let generation = match generate(&manifest, &docs) {
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
    let outcome = match write_if_clean(&root, &generation, args.check) {
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

/// Brings the managed directories under `root` to `generation`'s files, unless any diagnostic
/// is an error: then nothing is written and the result is `Ok(None)` (all or nothing).
pub fn write_if_clean(
    root: &Path,
    generation: &Generation,
    check: bool,
) -> std::io::Result<Option<Outcome>> {
    if generation.diagnostics.iter().any(Diagnostic::is_error) {
        return Ok(None);
    }
    let managed = [Path::new(IR_DIR), Path::new(MODELS_DIR)];
    sync::sync(root, &managed, &generation.files, check).map(Some)
}

fn summary(g: &Generation, tally: Tally, outcome: Option<&Outcome>) -> String {
    let mut line = format!(
        "pages {}, types {}, errors {}, warnings {}",
        g.pages, g.generated_types, tally.errors, tally.warnings
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

/// Parses `docs`, restricts each version to the manifest's closure, and renders the IR documents
/// and the models. Errors in the diagnostics mean the files must not be written.
pub fn generate(manifest: &Path, docs: &Path) -> Result<Generation, String> {
    let manifest = Manifest::load(manifest)?;
    let parsed = graph_docs_parser::parse_tree(docs);
    let mut diagnostics = parsed.diagnostics;
    let mut files = BTreeMap::new();
    let mut generated_types = 0;
    for (version, schema) in &parsed.schemas {
        let closure = schema.closure(manifest.roots.iter().map(String::as_str));
        let allowed = manifest.allow_missing(version);
        for (name, uses) in &closure.missing {
            if allowed.contains(name.as_str()) {
                continue;
            }
            let (file, line) = uses
                .first()
                .map_or((String::from("schema/manifest.toml"), 1), |s| {
                    (s.file.clone(), s.line)
                });
            diagnostics.push(Diagnostic::error(
                "missing-type",
                file,
                line,
                1,
                format!(
                    "{version}: `{name}` is referenced but no page defines it; expected a page for it, \
                     or an entry in [allow_missing] of schema/manifest.toml"
                ),
            ));
        }
        let restricted = restrict(schema, &closure.types, &closure.enums);
        files.insert(
            PathBuf::from(IR_DIR).join(format!("{version}.json")),
            restricted.to_pretty_json(),
        );
        let options = graph_codegen::Options {
            types: Some(
                closure
                    .types
                    .iter()
                    .chain(&closure.enums)
                    .cloned()
                    .collect(),
            ),
            ..graph_codegen::Options::default()
        };
        match graph_codegen::generate(&restricted, &options) {
            Ok(generated) => {
                generated_types += closure.types.len() + closure.enums.len();
                let dir = PathBuf::from(MODELS_DIR).join(module_name(version));
                for file in generated {
                    files.insert(dir.join(&file.path), file.contents);
                }
            }
            Err(errors) => diagnostics.extend(errors),
        }
    }
    if parsed.schemas.is_empty() {
        return Err(format!(
            "no pages with a `v1.0` or `beta` path segment under {}",
            docs.display()
        ));
    }
    Ok(Generation {
        files,
        diagnostics,
        pages: parsed.pages,
        generated_types,
    })
}

/// The schema with only the given types and enums (operations are not part of the models).
fn restrict(schema: &Schema, types: &BTreeSet<String>, enums: &BTreeSet<String>) -> Schema {
    Schema {
        version: schema.version.clone(),
        types: schema
            .types
            .iter()
            .filter(|(k, _)| types.contains(*k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        enums: schema
            .enums
            .iter()
            .filter(|(k, _)| enums.contains(*k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        operations: Vec::new(),
    }
}

/// The Rust module of a Graph version: `v1.0` -> `v1_0`.
pub fn module_name(version: &str) -> String {
    version.replace('.', "_")
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use graph_ir::Schema;

    use super::*;

    /// rust-analyzer style: the committed IR and models must be what the pinned pages produce.
    #[test]
    fn generated_files_are_fresh() {
        let root = crate::workspace_root();
        let generation =
            generate(&root.join("schema/manifest.toml"), &root.join("schema")).unwrap();
        let errors: Vec<String> = generation
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(ToString::to_string)
            .collect();
        assert!(
            errors.is_empty(),
            "the pinned pages have errors:\n{}",
            errors.join("\n")
        );
        let managed = [Path::new(IR_DIR), Path::new(MODELS_DIR)];
        let outcome = sync::sync(&root, &managed, &generation.files, true).unwrap();
        let stale: Vec<String> = outcome
            .changed
            .iter()
            .chain(&outcome.removed)
            .map(|p| p.display().to_string())
            .collect();
        assert!(
            stale.is_empty(),
            "stale generated files, run `cargo xtask codegen`:\n{}",
            stale.join("\n")
        );
    }

    /// The pinned pages are the project's own words, but their facts must be the upstream ones:
    /// parse both, keep what the models are made of, drop prose and positions, compare.
    #[test]
    fn pinned_pages_carry_the_upstream_facts() {
        let root = crate::workspace_root();
        let upstream = root.join("../shared/graph-docs/focus");
        if !upstream.is_dir() {
            eprintln!(
                "skipped: ../shared not found (upstream focus pages are needed for this test)"
            );
            return;
        }
        let manifest = Manifest::load(&root.join("schema/manifest.toml")).unwrap();
        let pinned = graph_docs_parser::parse_tree(&root.join("schema"));
        let upstream = graph_docs_parser::parse_tree(&upstream);
        assert_eq!(
            pinned.schemas.keys().collect::<Vec<_>>(),
            upstream.schemas.keys().collect::<Vec<_>>(),
            "versions differ"
        );
        let mut drift = Vec::new();
        for (version, pinned_schema) in &pinned.schemas {
            let pinned_facts = facts(pinned_schema, &manifest);
            let upstream_facts = facts(&upstream.schemas[version], &manifest);
            let names: BTreeSet<&String> =
                pinned_facts.keys().chain(upstream_facts.keys()).collect();
            for name in names {
                match (pinned_facts.get(name), upstream_facts.get(name)) {
                    (Some(p), Some(u)) if p == u => {}
                    (p, u) => drift.push(format!(
                        "{version} {name}:\n  pinned:   {}\n  upstream: {}",
                        p.map_or("(absent)".into(), |v| v.to_string()),
                        u.map_or("(absent)".into(), |v| v.to_string())
                    )),
                }
            }
        }
        assert!(
            drift.is_empty(),
            "pinned pages drifted from upstream facts:\n{}",
            drift.join("\n")
        );
    }

    /// Each type and enum of the manifest's closure as JSON, without descriptions, sources,
    /// the origin of base types, or annotation keys the tool does not interpret.
    fn facts(schema: &Schema, manifest: &Manifest) -> BTreeMap<String, serde_json::Value> {
        let closure = schema.closure(manifest.roots.iter().map(String::as_str));
        let mut out = BTreeMap::new();
        for name in &closure.types {
            let mut t = schema.types[name].clone();
            t.description.clear();
            t.source = Default::default();
            t.annotation_extras.clear();
            if let Some(base) = &mut t.base {
                base.origin = graph_ir::BaseOrigin::Annotation;
            }
            for p in &mut t.properties {
                p.description.clear();
                p.source = Default::default();
                if let Some(note) = &mut p.deprecated {
                    note.clear();
                }
            }
            t.properties.sort_by(|a, b| a.name.cmp(&b.name));
            out.insert(name.clone(), serde_json::to_value(t).unwrap());
        }
        for name in &closure.enums {
            let mut e = schema.enums[name].clone();
            e.description.clear();
            e.source = Default::default();
            for m in &mut e.members {
                m.description.clear();
                m.source = Default::default();
            }
            out.insert(name.clone(), serde_json::to_value(e).unwrap());
        }
        out
    }
}
