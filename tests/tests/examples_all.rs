//! `cargo xtask examples --docs DIR --all`: the response examples of a small hand-written
//! tree (`tests/pages/examples-all/`) are read into the models generated from that tree
//! itself, with the same verdicts and positions as against the curated crate, and typed
//! coverage counts the keys its pages do not declare as untyped.
//!
//! The generated crates build in the dev profile into `target/whole-docs` (the target
//! directory `whole_docs.rs` uses), so serde is built once for both.

mod common;

use common::{one_line, workspace_root};

use graph_conformance::whole_tree::check_docs_all;
use graph_conformance::{check_docs, Options, UntypedCause, Verdict};
use graph_pipeline::examples_all::BuildOptions;
use graph_pipeline::whole::RuntimeDependency;

#[test]
fn a_tree_is_checked_against_its_own_models_with_typed_coverage() {
    let root = workspace_root();
    let docs = root.join("tests/pages/examples-all");
    let target = root.join("target/whole-docs");
    let build = BuildOptions {
        cache: target.join("examples-all/sample"),
        target_dir: target,
        release: false,
        runtime: RuntimeDependency::path_in_checkout(&root),
        lock_file: Some(root.join("Cargo.lock")),
    };
    let tree = check_docs_all(&docs, &Default::default(), &build).expect("the checker runs");
    assert!(
        tree.prepared.failed.is_empty(),
        "{:?}",
        tree.prepared.failed
    );
    assert_eq!(tree.prepared.checkers.len(), 1, "one version, one checker");
    let run = &tree.run;
    assert_eq!(
        run.summary_line(),
        "examples 4, round-tripped 3, invalid JSON 0, failed 1, skipped 0; \
         keys typed 16 of 24 (66.6 %), examples fully typed 1"
    );

    // The failure is reported as against the curated models: path, message, page position.
    let problems: Vec<String> = run.problems().map(one_line).collect();
    let page = docs.join("v1.0/api/widget-get.md");
    assert_eq!(
        problems,
        [format!(
            "{}:69:15: error[example-not-read]: size: invalid type: string \"big\", expected i32",
            page.display()
        )]
    );

    // Every undeclared key is listed with the type that holds it; the tag after the fields
    // and the `value` envelope are typed.
    let coverage = run.coverage();
    assert_eq!(
        coverage.untyped_by_count(),
        [
            ("microsoft.graph.widget", "undeclaredTop", 1, 3),
            ("microsoft.graph.part", "colour", 1, 1),
            ("microsoft.graph.part", "finish", 1, 1),
            ("microsoft.graph.specialWidget", "sparkle", 1, 1),
            ("microsoft.graph.widget", "Name", 1, 1),
            ("microsoft.graph.widget", "sparkle", 1, 1),
        ]
    );
    // Each with its cause, the page read again for the keys no type declares; none is a
    // defect of the parser or the generator.
    let cause = |t: &str, k: &str| coverage.causes[&(t.to_string(), k.to_string())].clone();
    assert_eq!(
        cause("microsoft.graph.widget", "undeclaredTop"),
        UntypedCause::NotOnItsPage
    );
    assert_eq!(
        cause("microsoft.graph.part", "colour"),
        UntypedCause::NotOnItsPage
    );
    assert_eq!(
        cause("microsoft.graph.widget", "Name"),
        UntypedCause::OtherCase("name".into())
    );
    assert_eq!(
        cause("microsoft.graph.widget", "sparkle"),
        UntypedCause::OnADerivedType("microsoft.graph.specialWidget".into())
    );
    assert_eq!(
        cause("microsoft.graph.specialWidget", "sparkle"),
        UntypedCause::TagNotDerived(
            "microsoft.graph.specialWidget".into(),
            "microsoft.graph.part".into()
        )
    );
    assert_eq!(
        coverage.by_cause(),
        [
            ("not on its type's page", 5),
            ("declared by a derived type the example does not name", 1),
            (
                "declared by the tagged type, which the docs do not derive from the declared one",
                1
            ),
            ("declared in another case", 1),
        ]
    );
    let first = &run.examples[0];
    assert_eq!(first.verdict, Verdict::RoundTripped);
    let paths: Vec<&str> = first
        .coverage
        .as_ref()
        .expect("read")
        .untyped
        .iter()
        .map(|u| u.path.as_str())
        .collect();
    assert_eq!(paths, ["part.colour", "parts[1].finish", "undeclaredTop"]);

    // The curated models have none of these types: every example is skipped there.
    let curated = check_docs(&docs, &Options::default());
    assert_eq!(
        curated.summary_line(),
        "examples 4, round-tripped 0, invalid JSON 0, failed 0, skipped 4; \
         keys typed 0 of 0 (- %), examples fully typed 0"
    );

    // A second run finds the crates in place and writes nothing.
    let again = check_docs_all(&docs, &Default::default(), &build).expect("the checker runs again");
    assert_eq!(again.run.summary_line(), run.summary_line());
}
