//! The curated models crate: pinned pages -> the manifest's closure per version -> the IR
//! documents in `schema/ir/` and the models in `crates/graph-models/src/generated/`.
//!
//! Everything is computed in memory first ([`generate`]); if any error diagnostic exists,
//! nothing is written ([`write_if_clean`]). Then only files whose bytes change are written, and
//! generated files nothing produces any more are removed (see [`crate::sync`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use graph_ir::{Diagnostic, Schema};

use crate::layout::{module_name, IR_DIR, MODELS_DIR};
use crate::manifest::Manifest;
use crate::sync::{self, Outcome};

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

/// The directories under the workspace root that [`write_if_clean`] owns: every file in them
/// is generated, and one nothing generates any more is removed.
pub fn managed_dirs() -> [&'static Path; 2] {
    [Path::new(IR_DIR), Path::new(MODELS_DIR)]
}

/// Brings the managed directories under `root` to `generation`'s files, unless any diagnostic
/// is an error: then nothing is written and the result is `Ok(None)` (all or nothing). With
/// `check`, nothing is written either way; the outcome says what would change.
pub fn write_if_clean(
    root: &Path,
    generation: &Generation,
    check: bool,
) -> std::io::Result<Option<Outcome>> {
    if generation.diagnostics.iter().any(Diagnostic::is_error) {
        return Ok(None);
    }
    sync::sync(root, &managed_dirs(), &generation.files, check).map(Some)
}

/// Parses `docs`, restricts each version to the closure of the roots of the manifest at
/// `manifest`, and renders the IR documents and the models. Errors in the diagnostics mean the
/// files must not be written.
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
pub fn restrict(schema: &Schema, types: &BTreeSet<String>, enums: &BTreeSet<String>) -> Schema {
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
