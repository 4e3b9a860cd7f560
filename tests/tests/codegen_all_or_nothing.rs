//! Codegen writes all or nothing: a docs tree with one broken page leaves every file under
//! the output root exactly as it was, while the same tree without that page does write.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use graph_pipeline::curated::{generate, write_if_clean};
use graph_pipeline::layout::{IR_DIR, MODELS_DIR};

const MANIFEST: &str = r#"roots = ["microsoft.graph.widget", "microsoft.graph.gadget"]
"#;

/// A resource page of the Graph docs format for a type with the given property rows.
fn resource_page(name: &str, rows: &[(&str, &str)]) -> String {
    let table: String = rows
        .iter()
        .map(|(property, ty)| format!("| {property} | {ty} | The {property} of the {name}. |\n"))
        .collect();
    let json: Vec<String> = rows
        .iter()
        .map(|(property, _)| format!("  \"{property}\": \"String\""))
        .collect();
    format!(
        "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n\
         # {name} resource type\n\nNamespace: microsoft.graph\n\nA {name} for the codegen tests.\n\n\
         ## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n{table}\n\
         ## JSON representation\n\n\
         <!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n\
         ```json\n{{\n{}\n}}\n```\n",
        json.join(",\n")
    )
}

/// Every file under `root` with its bytes.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                out.insert(path.clone(), fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// A docs tree with `widget` and `gadget`; with `broken`, the gadget page names a property
/// type that no page defines, and its annotation comment is never closed.
fn docs_tree(root: &Path, broken: bool) {
    let resources = root.join("v1.0/resources");
    fs::create_dir_all(&resources).unwrap();
    fs::write(
        resources.join("widget.md"),
        resource_page("widget", &[("id", "String"), ("size", "Int32")]),
    )
    .unwrap();
    let gadget = if broken {
        let page = resource_page(
            "gadget",
            &[("id", "String"), ("sprocket", "[sprocket](sprocket.md)")],
        );
        format!("{page}\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.gadgetPart\"\n")
    } else {
        resource_page("gadget", &[("id", "String"), ("label", "String")])
    };
    fs::write(resources.join("gadget.md"), gadget).unwrap();
}

#[test]
fn a_broken_page_changes_nothing_under_the_output_root() {
    let scratch = tempfile::tempdir().unwrap();
    let work = scratch.path();
    let docs = work.join("docs");
    let out = work.join("out");
    let manifest = work.join("manifest.toml");
    fs::write(&manifest, MANIFEST).unwrap();
    // Output that exists already, including a file a clean run would remove as stale.
    for (dir, file) in [(IR_DIR, "v1.0.json"), (MODELS_DIR, "v1_0/old_type.rs")] {
        let path = out.join(dir).join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, format!("// existing {file}\n")).unwrap();
    }
    let before = snapshot(&out);

    docs_tree(&docs, true);
    let generation =
        generate(&manifest, &docs, &Default::default()).expect("the tree has a v1.0 segment");
    let errors = common::errors(&generation.diagnostics);
    assert!(!errors.is_empty(), "the broken page must give an error");
    assert!(
        write_if_clean(&out, &generation, false).unwrap().is_none(),
        "nothing may be written when a page has errors"
    );
    assert_eq!(
        snapshot(&out),
        before,
        "files under the output root changed"
    );

    // The same tree, fixed, does write: the test above is not passing by accident.
    fs::remove_dir_all(&docs).unwrap();
    docs_tree(&docs, false);
    let generation = generate(&manifest, &docs, &Default::default()).unwrap();
    let errors = common::errors(&generation.diagnostics);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let outcome = write_if_clean(&out, &generation, false)
        .unwrap()
        .expect("a clean tree is written");
    assert!(!outcome.changed.is_empty());
    assert_eq!(
        outcome.removed,
        [PathBuf::from(MODELS_DIR).join("v1_0/old_type.rs")]
    );
    assert_ne!(snapshot(&out), before);
}
