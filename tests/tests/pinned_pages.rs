//! The committed outputs and the pinned pages: the IR in `schema/ir/` and the models in
//! `crates/graph-models/src/generated/` are what the pinned pages produce (rust-analyzer style:
//! a stale file fails with "run `cargo xtask codegen`"), and the pinned pages carry the facts
//! of the upstream pages they were written from.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use graph_ir::Schema;
use graph_pipeline::curated::{self, generate};
use graph_pipeline::layout::{MANIFEST, PINNED_DOCS};
use graph_pipeline::manifest::Manifest;
use graph_pipeline::sync;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate lives one level below the workspace root")
        .to_path_buf()
}

/// The committed IR and models must be what the pinned pages produce.
#[test]
fn generated_files_are_fresh() {
    let root = workspace_root();
    let generation = generate(&root.join(MANIFEST), &root.join(PINNED_DOCS)).unwrap();
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
    let outcome = sync::compare(&root, &curated::managed_dirs(), &generation.files).unwrap();
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
    let root = workspace_root();
    let upstream = root.join("../shared/graph-docs/focus");
    if !upstream.is_dir() {
        eprintln!("skipped: ../shared not found (upstream focus pages are needed for this test)");
        return;
    }
    let manifest = Manifest::load(&root.join(MANIFEST)).unwrap();
    let pinned = graph_docs_parser::parse_tree(&root.join(PINNED_DOCS));
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
        let names: BTreeSet<&String> = pinned_facts.keys().chain(upstream_facts.keys()).collect();
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
        // The product area is page metadata (it picks a whole-docs crate's Cargo feature),
        // not a fact of the type; the pinned pages leave it out.
        t.area = None;
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
        e.area = None;
        for m in &mut e.members {
            m.description.clear();
            m.source = Default::default();
        }
        out.insert(name.clone(), serde_json::to_value(e).unwrap());
    }
    out
}
