//! Corrections on the drift test pages: applied entries are notes, stale ones warnings, and
//! entries about types or properties that are not there errors; suggested entries apply and
//! remove the drift they come from.

use std::path::Path;

use graph_ir::{Schema, Severity};
use graph_metadata::codes;
use graph_metadata::corrections::{self, Corrections};
use graph_metadata::csdl::{self, Metadata};
use graph_metadata::drift::{self, Options, Report, Side};

const FILE: &str = "tests/corrections/widget.toml";

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn docs() -> Schema {
    graph_docs_parser::parse_tree(&crate_dir().join("tests/pages")).schemas["v1.0"].clone()
}

fn metadata() -> Metadata {
    csdl::read_file(
        &crate_dir().join("tests/metadata/drift.xml"),
        "drift.xml",
        "v1.0",
    )
    .unwrap()
}

fn corrections() -> Corrections {
    let text = std::fs::read_to_string(crate_dir().join(FILE)).unwrap();
    let (corrections, diagnostics) = corrections::parse(&text, FILE);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    corrections
}

fn drift_of(docs: &Schema, metadata: &Metadata) -> Report {
    drift::compare(
        Side::docs(docs, "tests/pages"),
        Side::metadata(metadata),
        Options::default(),
    )
}

#[test]
fn applied_stale_and_unknown_entries() {
    let mut schema = docs();
    let corrections = corrections();
    assert_eq!(corrections.entries.len(), 12);
    let diagnostics = corrections::apply(&mut schema, &corrections, FILE);
    let found: Vec<(u32, Severity, &str)> = diagnostics
        .iter()
        .map(|d| (d.line, d.severity, d.code.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (3, Severity::Note, codes::CORRECTION_APPLIED),
            (9, Severity::Note, codes::CORRECTION_APPLIED),
            (15, Severity::Note, codes::CORRECTION_APPLIED),
            (21, Severity::Note, codes::CORRECTION_APPLIED),
            (28, Severity::Note, codes::CORRECTION_APPLIED),
            (35, Severity::Note, codes::CORRECTION_APPLIED),
            (41, Severity::Note, codes::CORRECTION_APPLIED),
            (41, Severity::Warning, codes::CORRECTION_REFERENCE_UNDEFINED),
            (48, Severity::Warning, codes::CORRECTION_STALE),
            (54, Severity::Error, codes::CORRECTION_TYPE_UNKNOWN),
            (60, Severity::Error, codes::CORRECTION_PROPERTY_UNKNOWN),
            (67, Severity::Error, codes::CORRECTION_PROPERTY_EXISTS),
        ],
        "{diagnostics:#?}"
    );
    assert!(diagnostics.iter().all(|d| d.file == FILE));
    let first = &diagnostics[0];
    assert_eq!(
        first.message,
        "correction applied to `microsoft.graph.widget`: base type `microsoft.graph.entity` \
         (the pages say no base); reason: drift.xml:21 derives widget from entity"
    );
    assert!(
        first.to_string().starts_with(
            "note[correction-applied]: correction applied to `microsoft.graph.widget`"
        ),
        "{first}"
    );

    let widget = &schema.types["microsoft.graph.widget"];
    assert_eq!(widget.base.as_ref().unwrap().name, "microsoft.graph.entity");
    let added = widget
        .properties
        .iter()
        .find(|p| p.name == "createdDateTime")
        .unwrap();
    assert_eq!(added.ty.as_str(), "Edm.DateTimeOffset");
    assert!(added.nullable, "nullable defaults to true");
    assert_eq!((added.source.file.as_str(), added.source.line), (FILE, 9));
    assert!(!widget.properties.iter().any(|p| p.name == "legacyCode"));
    let color = widget
        .properties
        .iter()
        .find(|p| p.name == "color")
        .unwrap();
    assert!(color.enum_members.is_empty(), "a named enum now");
    assert!(schema.types["microsoft.graph.gadget"].open);

    // The drift the applied entries were about is gone.
    let report = drift_of(&schema, &metadata());
    for fixed in [
        codes::DRIFT_BASE_UNSTATED,
        codes::DRIFT_PROPERTY_MISSING_IN_DOCS,
        codes::DRIFT_PROPERTY_MISSING_IN_METADATA,
        codes::DRIFT_PROPERTY_TYPE,
        codes::DRIFT_NULLABLE,
        codes::DRIFT_OPEN,
        codes::DRIFT_INLINE_ENUM,
    ] {
        assert!(
            report.diagnostics().all(|d| d.code != fixed),
            "{fixed} still reported: {}",
            report.summary()
        );
    }

    // Applied once more, every entry that applied is stale: corrections do not rot silently.
    let again = corrections::apply(&mut schema, &corrections, FILE);
    let stale: Vec<u32> = again
        .iter()
        .filter(|d| d.code == codes::CORRECTION_STALE)
        .map(|d| d.line)
        .collect();
    assert_eq!(stale, [3, 9, 15, 21, 28, 35, 41, 48]);
    assert!(again.iter().all(|d| d.code != codes::CORRECTION_APPLIED));
}

#[test]
fn entries_of_another_version_are_not_applied() {
    let mut schema = docs();
    schema.version = "beta".to_string();
    let diagnostics = corrections::apply(&mut schema, &corrections(), FILE);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].line, 73);
    assert_eq!(diagnostics[0].code, codes::CORRECTION_TYPE_UNKNOWN);
    assert!(diagnostics[0].is_error());
}

#[test]
fn suggested_entries_parse_apply_and_remove_their_drift() {
    let (mut schema, metadata) = (docs(), metadata());
    let text = corrections::suggest(&schema, "tests/pages", &metadata);
    assert!(
        text.starts_with("# Candidate corrections for v1.0"),
        "{text}"
    );
    let (suggested, diagnostics) = corrections::parse(&text, "suggested.toml");
    assert!(diagnostics.is_empty(), "{diagnostics:?}\n{text}");
    let before = drift_of(&schema, &metadata);
    let fixable = before
        .differences
        .iter()
        .filter(|d| d.correction.is_some())
        .count();
    assert_eq!(suggested.entries.len(), fixable, "{text}");
    assert!(fixable >= 7, "{text}");

    let applied = corrections::apply(&mut schema, &suggested, "suggested.toml");
    assert!(
        applied.iter().all(|d| d.severity != Severity::Error),
        "{applied:#?}"
    );
    let after = drift_of(&schema, &metadata);
    assert!(
        after.differences.iter().all(|d| d.correction.is_none()),
        "{}",
        after.summary()
    );
    assert!(after.differences.len() < before.differences.len());
}
