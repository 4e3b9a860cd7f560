//! The curated models crate: pinned pages -> reviewed corrections -> the manifest's closure
//! per version -> the IR documents in `schema/ir/` and the models in
//! `crates/graph-models/src/generated/`.
//!
//! The parser's IR stays the pages' own: `schema/ir/<version>.json` holds what the pages say
//! about every type the models contain. The reviewed corrections (`corrections.toml` beside the
//! manifest, see [`graph_metadata::corrections`]) are applied on top of it, each reported as a
//! note (a stale entry as a warning, a bad one as an error); the corrected IR, which the models
//! are generated from, is `schema/ir/corrected/<version>.json`, so every correction is a
//! reviewable difference between the two files.
//!
//! Everything is computed in memory first ([`generate`]); if any error diagnostic exists,
//! nothing is written ([`write_if_clean`]). Then only files whose bytes change are written, and
//! generated files nothing produces any more are removed (see [`crate::sync`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use graph_docs_parser::TreeOptions;
use graph_ir::{Diagnostic, Schema};
use graph_metadata::corrections::{self, Corrections};

use crate::layout::{corrections_beside, module_name, CORRECTED_IR_DIR, IR_DIR, MODELS_DIR};
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
    /// The corrections file read (beside the manifest), if there is one.
    pub corrections: Option<PathBuf>,
    /// Corrections applied, over all versions.
    pub corrections_applied: usize,
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

/// Parses `docs`, applies the corrections beside the manifest at `manifest` (when that file
/// exists), restricts each version to the closure of the manifest's roots, and renders the IR
/// documents (the pages' own and the corrected one) and the models. `tree` may force the
/// version of every page (`--version`). Errors in the diagnostics
/// mean the files must not be written.
pub fn generate(manifest: &Path, docs: &Path, tree: &TreeOptions) -> Result<Generation, String> {
    let corrections_path = corrections_beside(manifest);
    let manifest = Manifest::load(manifest)?;
    let parsed = graph_docs_parser::parse_tree_with(docs, tree);
    let mut diagnostics = parsed.diagnostics;
    let loaded = load_corrections(&corrections_path, docs);
    diagnostics.extend(loaded.diagnostics);
    let mut files = BTreeMap::new();
    let mut generated_types = 0;
    let mut corrections_applied = 0;
    for (version, schema) in &parsed.schemas {
        let mut corrected = schema.clone();
        let mut found = corrections::apply(&mut corrected, &loaded.corrections, &loaded.ir_name);
        corrections_applied += found
            .iter()
            .filter(|d| d.code == graph_metadata::codes::CORRECTION_APPLIED)
            .count();
        for d in &mut found {
            d.file.clone_from(&loaded.shown);
            if let Some(text) = &loaded.text {
                *d = d.clone().with_excerpt_from(text);
            }
        }
        diagnostics.extend(found);
        let closure = corrected.closure(manifest.roots.iter().map(String::as_str));
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
        // The pages' own facts about every type the models contain.
        files.insert(
            PathBuf::from(IR_DIR).join(format!("{version}.json")),
            restrict(schema, &closure.types, &closure.enums).to_pretty_json(),
        );
        let restricted = restrict(&corrected, &closure.types, &closure.enums);
        files.insert(
            PathBuf::from(CORRECTED_IR_DIR).join(format!("{version}.json")),
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
        corrections: loaded.text.is_some().then_some(corrections_path),
        corrections_applied,
    })
}

/// A corrections file as [`generate`] uses it.
struct Loaded {
    corrections: Corrections,
    /// Problems reading it (errors: codegen then writes nothing).
    diagnostics: Vec<Diagnostic>,
    /// Its text, when the file exists and was read.
    text: Option<String>,
    /// How diagnostics name it: the path as given.
    shown: String,
    /// How the IR names it (the source of a property a correction adds): relative to the docs
    /// root when it lies under it, else its file name, so the IR does not depend on where the
    /// checkout is.
    ir_name: String,
}

/// Reads the corrections file at `path`; a missing file is no corrections, an unreadable one
/// an error.
fn load_corrections(path: &Path, docs: &Path) -> Loaded {
    let shown = path.display().to_string();
    let ir_name = path
        .strip_prefix(docs)
        .ok()
        .or_else(|| path.file_name().map(Path::new))
        .map_or_else(
            || "corrections.toml".to_string(),
            |p| p.to_string_lossy().replace('\\', "/"),
        );
    let mut loaded = Loaded {
        corrections: Corrections::default(),
        diagnostics: Vec::new(),
        text: None,
        shown,
        ir_name,
    };
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => {
                let (corrections, found) = corrections::parse(&text, &loaded.shown);
                loaded.corrections = corrections;
                loaded.diagnostics = found;
                loaded.text = Some(text);
            }
            Err(_) => loaded.diagnostics.push(Diagnostic::error(
                graph_metadata::codes::CORRECTIONS_INVALID,
                loaded.shown.clone(),
                1,
                1,
                "the corrections file is not UTF-8; expected TOML text",
            )),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => loaded.diagnostics.push(Diagnostic::error(
            graph_metadata::codes::CORRECTIONS_INVALID,
            loaded.shown.clone(),
            1,
            1,
            format!("the corrections file cannot be read: {e}"),
        )),
    }
    loaded
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
