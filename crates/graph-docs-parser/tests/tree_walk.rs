//! `parse_tree` on trees built here: a version folder that is a symbolic link is read, pages
//! named `.MD` are read, and a link loop is a warning rather than endless recursion.

use std::path::Path;

use graph_docs_parser::{codes, parse_tree};

/// A resource page for `microsoft.graph.{name}` with one string property.
fn resource_page(name: &str) -> String {
    format!(
        "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n\
         # {name} resource type\n\nNamespace: microsoft.graph\n\nA {name}.\n\n\
         ## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n\
         | id | String | The id. |\n\n## JSON representation\n\n\
         <!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n\
         ```json\n{{\n  \"id\": \"String\"\n}}\n```\n"
    )
}

fn write_page(dir: &Path, file: &str, name: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(file), resource_page(name)).unwrap();
}

#[test]
fn pages_named_md_in_any_case_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let resources = dir.path().join("v1.0/resources");
    write_page(&resources, "lower.md", "lower");
    write_page(&resources, "UPPER.MD", "upper");
    write_page(&resources, "mixed.Md", "mixed");
    std::fs::write(resources.join("notes.txt"), "not a page").unwrap();

    let output = parse_tree(dir.path());
    assert_eq!(output.pages, 3, "{:#?}", output.diagnostics);
    let types: Vec<&String> = output.schemas["v1.0"].types.keys().collect();
    assert_eq!(
        types,
        [
            "microsoft.graph.lower",
            "microsoft.graph.mixed",
            "microsoft.graph.upper"
        ]
    );
}

#[cfg(unix)]
#[test]
fn a_version_folder_that_is_a_link_is_read() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let checkout = dir.path().join("elsewhere/api-reference/beta");
    write_page(&checkout.join("resources"), "widget.md", "widget");
    let docs = dir.path().join("docs");
    write_page(&docs.join("v1.0/resources"), "gadget.md", "gadget");
    symlink(&checkout, docs.join("beta")).unwrap();
    // A loop: a link inside the linked folder back to the tree's root.
    symlink(&docs, checkout.join("up")).unwrap();

    let output = parse_tree(&docs);
    assert_eq!(output.pages, 2, "{:#?}", output.diagnostics);
    assert_eq!(
        output.schemas.keys().collect::<Vec<_>>(),
        ["beta", "v1.0"],
        "the linked folder's path segment gives its version"
    );
    assert!(output.schemas["beta"]
        .types
        .contains_key("microsoft.graph.widget"));
    let loops: Vec<String> = output
        .diagnostics
        .iter()
        .filter(|d| d.code == codes::DIRECTORY_LOOP)
        .map(|d| d.file.clone())
        .collect();
    assert_eq!(loops.len(), 1, "{:#?}", output.diagnostics);
    assert!(loops[0].ends_with("docs/beta/up"), "{loops:?}");
    assert!(!output.diagnostics.iter().any(|d| d.is_error()));
}

#[cfg(unix)]
#[test]
fn the_root_itself_may_be_a_link() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    write_page(&dir.path().join("real/v1.0"), "widget.md", "widget");
    symlink(dir.path().join("real"), dir.path().join("docs")).unwrap();
    let output = parse_tree(&dir.path().join("docs"));
    assert_eq!(output.pages, 1, "{:#?}", output.diagnostics);
}
