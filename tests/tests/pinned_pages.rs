//! The committed outputs and the pinned pages: the IR in `schema/ir/` and the models in
//! `crates/graph-models/src/generated/` are what the pinned pages produce (rust-analyzer style:
//! a stale file fails with "run `cargo xtask codegen`"), the pinned pages carry the facts of
//! the upstream pages they were written from (but for deliberate fixes), and their `openType`
//! is the service's.

mod common;

use common::workspace_root;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use graph_ir::Schema;
use graph_pipeline::curated::{self, generate};
use graph_pipeline::layout::{CORRECTED_IR_DIR, MANIFEST, PINNED_DOCS};
use graph_pipeline::sync;

/// The committed IR and models must be what the pinned pages produce.
#[test]
fn generated_files_are_fresh() {
    let root = workspace_root();
    let generation = generate(
        &root.join(MANIFEST),
        &root.join(PINNED_DOCS),
        &Default::default(),
    )
    .unwrap();
    let errors = common::errors(&generation.diagnostics);
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

/// The IR the models are generated from, per version (the pinned pages with
/// `schema/corrections.toml` applied, restricted to the manifest's closure).
fn corrected_schemas(root: &Path) -> BTreeMap<String, Schema> {
    let generation = generate(
        &root.join(MANIFEST),
        &root.join(PINNED_DOCS),
        &Default::default(),
    )
    .unwrap();
    ["v1.0", "beta"]
        .into_iter()
        .map(|version| {
            let path = PathBuf::from(CORRECTED_IR_DIR).join(format!("{version}.json"));
            let schema: Schema = serde_json::from_str(&generation.files[&path]).unwrap();
            (version.to_string(), schema)
        })
        .collect()
}

/// Facts the pinned pages state differently from the upstream pages on purpose, besides
/// `openType` (see [`open_differs_as_the_service_says`]): `(version, type, what, fix)`, where
/// `fix` turns the upstream facts into the pinned ones. Each must still be needed.
type Fix = fn(&mut serde_json::Value);
const DELIBERATE: &[(&str, &str, &str, Fix)] = &[(
    "beta",
    "microsoft.graph.initiatorType",
    "the upstream beta enums page names the second member `app`; the beta initiator page and \
     the v1.0 metadata say `application`",
    |facts| rename_member(facts, "app", "application"),
)];

fn rename_member(facts: &mut serde_json::Value, from: &str, to: &str) {
    if let Some(members) = facts.get_mut("members").and_then(|m| m.as_array_mut()) {
        for member in members {
            if member.get("name").and_then(|n| n.as_str()) == Some(from) {
                member["name"] = serde_json::Value::from(to);
            }
        }
    }
}

/// The pinned pages are the project's own words, but their facts must be the upstream ones:
/// parse both, keep what the models are made of, drop prose and positions, compare. The
/// exceptions are deliberate fixes: `openType` where the service says otherwise than the
/// upstream page (checked against the service by [`pinned_open_types_are_the_services`]), and
/// the entries of [`DELIBERATE`].
#[test]
fn pinned_pages_carry_the_upstream_facts() {
    let root = workspace_root();
    let upstream = root.join("../shared/graph-docs/focus");
    if !upstream.is_dir() {
        eprintln!("skipped: ../shared not found (upstream focus pages are needed for this test)");
        return;
    }
    let models = corrected_schemas(&root);
    let pinned = graph_docs_parser::parse_tree(&root.join(PINNED_DOCS));
    let upstream = graph_docs_parser::parse_tree(&upstream);
    assert_eq!(
        pinned.schemas.keys().collect::<Vec<_>>(),
        upstream.schemas.keys().collect::<Vec<_>>(),
        "versions differ"
    );
    let mut drift = Vec::new();
    let mut fixes_used = BTreeSet::new();
    for (version, pinned_schema) in &pinned.schemas {
        // Every type the models contain (the corrections decide which), as the pages say it.
        let names = &models[version];
        let pinned_facts = facts(pinned_schema, names);
        let mut upstream_facts = facts(&upstream.schemas[version], names);
        for (i, (fix_version, name, _, fix)) in DELIBERATE.iter().enumerate() {
            if let (true, Some(f)) = (fix_version == version, upstream_facts.get_mut(*name)) {
                let before = f.clone();
                fix(f);
                if *f != before {
                    fixes_used.insert(i);
                }
            }
        }
        let all: BTreeSet<&String> = pinned_facts.keys().chain(upstream_facts.keys()).collect();
        for name in all {
            match (pinned_facts.get(name), upstream_facts.get(name)) {
                (Some(p), Some(u)) if p == u => {}
                (Some(p), Some(u)) if without_open(p) == without_open(u) => {
                    let pinned_open = p.get("open").is_some_and(|o| o == true);
                    if !open_differs_as_the_service_says(version, name, pinned_open, &models) {
                        drift.push(format!(
                            "{version} {name}: the pinned page says open = {pinned_open}, \
                             the upstream page says otherwise, and the service does not back \
                             the pinned page"
                        ));
                    }
                }
                (p, u) => drift.push(format!(
                    "{version} {name}:\n  pinned:   {}\n  upstream: {}",
                    p.map_or("(absent)".into(), |v| v.to_string()),
                    u.map_or("(absent)".into(), |v| v.to_string())
                )),
            }
        }
    }
    for (i, (version, name, what, _)) in DELIBERATE.iter().enumerate() {
        if !fixes_used.contains(&i) {
            drift.push(format!(
                "{version} {name}: the deliberate fix ({what}) changes nothing any more; \
                 remove it from DELIBERATE"
            ));
        }
    }
    assert!(
        drift.is_empty(),
        "pinned pages drifted from upstream facts:\n{}",
        drift.join("\n")
    );
}

fn without_open(facts: &serde_json::Value) -> serde_json::Value {
    let mut facts = facts.clone();
    if let Some(object) = facts.as_object_mut() {
        object.remove("open");
    }
    facts
}

/// Whether a pinned page may say `open` = `pinned_open` where the upstream page says otherwise:
/// when the models' IR derives the type from an open type (OData makes such a type open), or
/// when the v1.0 service metadata (if present) says the same.
fn open_differs_as_the_service_says(
    version: &str,
    name: &str,
    pinned_open: bool,
    models: &BTreeMap<String, Schema>,
) -> bool {
    let derived_from_open = models[version].ancestors(name).iter().any(|base| base.open);
    if pinned_open && derived_from_open {
        return true;
    }
    metadata().is_some_and(|m| {
        m.schema
            .types
            .get(name)
            .is_some_and(|t| t.open == pinned_open)
    })
}

/// The v1.0 service metadata, when `../shared` has it (read once).
fn metadata() -> Option<&'static graph_metadata::csdl::Metadata> {
    static METADATA: OnceLock<Option<graph_metadata::csdl::Metadata>> = OnceLock::new();
    METADATA
        .get_or_init(|| {
            let path = workspace_root().join("../shared/graph-metadata/v1.0-cleanMetadata.xml");
            path.is_file()
                .then(|| {
                    graph_metadata::csdl::read_file(&path, "v1.0-cleanMetadata.xml", "v1.0").ok()
                })
                .flatten()
        })
        .as_ref()
}

/// `openType` on the pinned pages is the service's: a type derived from an open type is open
/// (OData requires it; the service marks every identity subtype open), and with the v1.0
/// service metadata at hand, every v1.0 type of the models, and every identity subtype of
/// either version the metadata defines, is open exactly when the metadata says so. A page
/// that says `"openType": false` on an identity subtype fails here.
#[test]
fn pinned_open_types_are_the_services() {
    let root = workspace_root();
    let models = corrected_schemas(&root);
    let mut wrong = Vec::new();
    for (version, schema) in &models {
        for def in schema.types.values() {
            if let Some(base) = schema.ancestors(&def.name).into_iter().find(|b| b.open) {
                if !def.open {
                    wrong.push(format!(
                        "{version} {}: derives from the open type {} but its page does not say \
                         `\"openType\": true`",
                        def.name, base.name
                    ));
                }
            }
        }
    }
    match metadata() {
        None => eprintln!("skipped the metadata half: ../shared/graph-metadata not found"),
        Some(metadata) => {
            for (version, schema) in &models {
                for def in schema.types.values() {
                    let identity_subtype = schema
                        .ancestors(&def.name)
                        .iter()
                        .any(|b| b.name == "microsoft.graph.identity");
                    if version != "v1.0" && !identity_subtype {
                        continue;
                    }
                    let Some(service) = metadata.schema.types.get(&def.name) else {
                        continue;
                    };
                    if service.open != def.open {
                        wrong.push(format!(
                            "{version} {}: the page says openType {}, the service metadata {}",
                            def.name, def.open, service.open
                        ));
                    }
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "pinned pages state the wrong openType:\n{}",
        wrong.join("\n")
    );
}

/// Each of `names`' types and enums as JSON, without descriptions, sources, the origin of
/// base types, or annotation keys the tool does not interpret.
fn facts(schema: &Schema, names: &Schema) -> BTreeMap<String, serde_json::Value> {
    let mut out = BTreeMap::new();
    for name in names.types.keys() {
        let Some(t) = schema.types.get(name) else {
            continue;
        };
        let mut t = t.clone();
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
    for name in names.enums.keys() {
        let Some(e) = schema.enums.get(name) else {
            continue;
        };
        let mut e = e.clone();
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
