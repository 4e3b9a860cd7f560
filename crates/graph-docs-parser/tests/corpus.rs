//! The whole 2021 v1.0 reference (3,341 pages): no panic, and floors on what is found.

mod common;

use std::time::Instant;

#[test]
fn corpus_2021_floors() {
    let Some(shared) = common::shared_dir("corpus_2021_floors") else {
        return;
    };
    let started = Instant::now();
    let output = graph_docs_parser::parse_tree(&shared.join("graph-docs/corpus-2021"));
    let elapsed = started.elapsed();
    let schema = &output.schemas["v1.0"];
    let errors = output.diagnostics.iter().filter(|d| d.is_error()).count();
    eprintln!(
        "corpus-2021: pages {}, types {}, enums {}, operations {}, resource pages {} ({} without errors), errors {errors}, warnings {}, in {elapsed:?}",
        output.pages,
        schema.types.len(),
        schema.enums.len(),
        schema.operations.len(),
        output.resource_pages,
        output.resource_pages_without_errors,
        output.diagnostics.len() - errors,
    );
    assert_eq!(output.pages, 3341);
    assert!(schema.types.len() >= 990, "types {}", schema.types.len());
    assert!(schema.enums.len() >= 315, "enums {}", schema.enums.len());
    assert!(
        schema.operations.len() >= 2100,
        "operations {}",
        schema.operations.len()
    );
    assert!(output.resource_pages >= 1020);
    // At least 99.8% of annotated resource pages parse without an error.
    assert!(output.resource_pages_without_errors * 1000 >= output.resource_pages * 998);
    let responses: usize = output.api_pages.iter().map(|p| p.responses.len()).sum();
    assert!(responses >= 1600, "responses {responses}");
    let entities = schema
        .types
        .values()
        .filter(|t| t.kind == graph_ir::TypeKind::Entity)
        .count();
    assert!(entities >= 450, "entities {entities}");
}
