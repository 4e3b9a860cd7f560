//! The drift report on a small hand-written docs tree (`tests/pages`, parsed by the docs
//! parser) against hand-written metadata that disagrees with it on purpose.

use std::collections::BTreeSet;
use std::path::Path;

use graph_ir::{Schema, Severity};
use graph_metadata::codes;
use graph_metadata::csdl::{self, Metadata};
use graph_metadata::drift::{self, Options, Report, Side};

const ROOT: &str = "tests/pages";

fn docs() -> Schema {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(ROOT);
    let output = graph_docs_parser::parse_tree(&root);
    assert!(
        !output.diagnostics.iter().any(|d| d.is_error()),
        "{:?}",
        output.diagnostics
    );
    output.schemas["v1.0"].clone()
}

fn metadata() -> Metadata {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/metadata/drift.xml");
    csdl::read_file(&path, "drift.xml", "v1.0").expect("the test metadata reads")
}

fn report(docs: &Schema, metadata: &Metadata) -> Report {
    drift::compare(
        Side::docs(docs, ROOT),
        Side::metadata(metadata),
        Options::default(),
    )
}

fn find<'r>(report: &'r Report, code: &str, member: Option<&str>) -> &'r drift::Difference {
    report
        .differences
        .iter()
        .find(|d| d.diagnostic.code == code && d.member.as_deref() == member)
        .unwrap_or_else(|| panic!("no {code} for {member:?} in\n{}", render(report)))
}

fn render(report: &Report) -> String {
    report
        .diagnostics()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_planted_difference_is_reported_once() {
    let (docs, metadata) = (docs(), metadata());
    let report = report(&docs, &metadata);
    let found: Vec<(&str, &str, Option<&str>)> = report
        .differences
        .iter()
        .map(|d| {
            (
                d.diagnostic.code.as_str(),
                d.type_name.as_str(),
                d.member.as_deref(),
            )
        })
        .collect();
    let expected = BTreeSet::from([
        (codes::DRIFT_BASE_UNSTATED, "microsoft.graph.widget", None),
        (
            codes::DRIFT_INLINE_ENUM,
            "microsoft.graph.widget",
            Some("color"),
        ),
        (
            codes::DRIFT_NULLABLE,
            "microsoft.graph.widget",
            Some("label"),
        ),
        (
            codes::DRIFT_PROPERTY_MISSING_IN_METADATA,
            "microsoft.graph.widget",
            Some("legacyCode"),
        ),
        (
            codes::DRIFT_PROPERTY_TYPE,
            "microsoft.graph.widget",
            Some("size"),
        ),
        (
            codes::DRIFT_COLLECTION,
            "microsoft.graph.widget",
            Some("tags"),
        ),
        (
            codes::DRIFT_REFERENCE_CASE,
            "microsoft.graph.widget",
            Some("trim"),
        ),
        (
            codes::DRIFT_NAVIGATION,
            "microsoft.graph.widget",
            Some("manager"),
        ),
        (
            codes::DRIFT_PROPERTY_MISSING_IN_DOCS,
            "microsoft.graph.widget",
            Some("createdDateTime"),
        ),
        (codes::DRIFT_TYPE_NAME_CASE, "microsoft.graph.gadget", None),
        (codes::DRIFT_OPEN, "microsoft.graph.gadget", None),
        (
            codes::DRIFT_TYPE_MISSING_IN_DOCS,
            "microsoft.graph.sprocket",
            None,
        ),
        (
            codes::DRIFT_ENUM_MISSING_IN_DOCS,
            "microsoft.graph.widgetColor",
            None,
        ),
        (
            codes::DRIFT_ENUM_MISSING_IN_METADATA,
            "microsoft.graph.finish",
            None,
        ),
        (
            codes::DRIFT_ENUM_MEMBER_MISSING_IN_METADATA,
            "microsoft.graph.shade",
            Some("glossy"),
        ),
        (
            codes::DRIFT_ENUM_MEMBER_MISSING_IN_DOCS,
            "microsoft.graph.shade",
            Some("unknownFutureValue"),
        ),
    ]);
    let found_set: BTreeSet<_> = found.iter().copied().collect();
    assert_eq!(found_set, expected, "\n{}", render(&report));
    assert_eq!(
        found.len(),
        expected.len(),
        "each once:\n{}",
        render(&report)
    );
    assert!(report.diagnostics().all(|d| d.severity == Severity::Note));

    assert_eq!(report.types_compared, 3);
    assert_eq!(report.enums_compared, 1);
    assert_eq!(
        report.unreached, 1,
        "microsoft.graph.workshop.bench is not reached"
    );
    assert_eq!(
        report.summary(),
        "types compared 3, enums compared 1, differences 16 by kind: \
         drift-type-missing-in-docs 1, drift-enum-missing-in-docs 1, \
         drift-enum-missing-in-metadata 1, drift-type-name-case 1, drift-base-unstated 1, \
         drift-reference-case 1, drift-open 1, drift-property-missing-in-docs 1, \
         drift-property-missing-in-metadata 1, drift-property-type 1, drift-inline-enum 1, \
         drift-collection 1, drift-nullable 1, drift-navigation 1, \
         drift-enum-member-missing-in-docs 1, drift-enum-member-missing-in-metadata 1"
    );
}

#[test]
fn notes_point_at_the_page_and_say_what_each_side_says() {
    let (docs, metadata) = (docs(), metadata());
    let report = report(&docs, &metadata);

    let base = find(&report, codes::DRIFT_BASE_UNSTATED, None);
    let widget = &docs.types["microsoft.graph.widget"];
    assert_eq!(
        (base.diagnostic.file.as_str(), base.diagnostic.line),
        ("tests/pages/v1.0/resources/widget.md", widget.source.line)
    );
    assert_eq!(
        base.diagnostic.message,
        "`microsoft.graph.widget` base type: the page says none; the metadata says \
         `microsoft.graph.entity` (drift.xml:21)"
    );

    let size = find(&report, codes::DRIFT_PROPERTY_TYPE, Some("size"));
    let row = widget.properties.iter().find(|p| p.name == "size").unwrap();
    assert_eq!(size.diagnostic.line, row.source.line, "at the table row");
    assert_eq!(
        (size.docs.as_str(), size.metadata.as_str()),
        ("`Edm.Int32`", "`Edm.Int64`")
    );

    let color = find(&report, codes::DRIFT_INLINE_ENUM, Some("color"));
    assert!(
        color.diagnostic.message.contains("with values red, green"),
        "{}",
        color.diagnostic.message
    );
    assert!(color.metadata.contains("microsoft.graph.widgetColor"));

    // A type only the metadata has is positioned in the metadata, with why it is reached.
    let sprocket = find(&report, codes::DRIFT_TYPE_MISSING_IN_DOCS, None);
    assert_eq!(
        (sprocket.diagnostic.file.as_str(), sprocket.diagnostic.line),
        ("drift.xml", 35)
    );
    assert!(
        sprocket
            .diagnostic
            .message
            .contains("derives from `microsoft.graph.Gadget`"),
        "{}",
        sprocket.diagnostic.message
    );

    // The rendering is the project's rustc-like one, with the page line under it.
    let mut notes: Vec<_> = report.diagnostics().cloned().collect();
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    graph_metadata::attach_excerpts(&mut notes, |file| {
        let path = if file == "drift.xml" {
            crate_dir.join("tests/metadata/drift.xml")
        } else {
            crate_dir.join(file)
        };
        std::fs::read_to_string(path).ok()
    });
    let shown = notes
        .iter()
        .find(|d| d.code == codes::DRIFT_PROPERTY_TYPE)
        .unwrap()
        .to_string();
    assert!(
        shown.starts_with("note[drift-property-type]: `microsoft.graph.widget.size` type"),
        "{shown}"
    );
    assert!(shown.contains("| size | Int32 |"), "{shown}");
    assert!(notes.iter().all(|d| d.source_line.is_some()));
}

#[test]
fn the_report_serialises_for_tools() {
    let (docs, metadata) = (docs(), metadata());
    let report = report(&docs, &metadata);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["version"], "v1.0");
    assert_eq!(json["types_compared"], 3);
    let first = &json["differences"][0];
    assert_eq!(first["diagnostic"]["severity"], "note");
    let base = json["differences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["diagnostic"]["code"] == "drift-base-unstated")
        .unwrap();
    assert_eq!(base["correction"]["base"], "microsoft.graph.entity");
    assert_eq!(base["metadata_source"]["line"], 21);
}

#[test]
fn the_same_metadata_on_both_sides_has_no_drift() {
    let metadata = metadata();
    let report = drift::compare(
        Side::metadata(&metadata),
        Side::metadata(&metadata),
        Options { all_types: true },
    );
    assert!(report.differences.is_empty(), "{}", render(&report));
    assert_eq!(report.unreached, 0);
}
