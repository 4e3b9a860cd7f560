//! The CSDL reader on a hand-written metadata document that uses every element it reads.

use graph_ir::{Source, TypeKind};
use graph_metadata::csdl;

const FILE: &str = "tests/metadata/every-element.xml";

fn read() -> csdl::Metadata {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(FILE);
    csdl::read_file(&path, FILE, "v1.0").expect("the test metadata reads")
}

fn at(line: u32) -> Source {
    Source {
        file: FILE.to_string(),
        line,
    }
}

#[test]
fn schemas_and_aliases() {
    let m = read();
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    assert_eq!(m.schema.version, "v1.0");
    assert_eq!(
        m.namespaces,
        [
            ("example.shop".to_string(), Some("shop".to_string())),
            ("example.billing".to_string(), Some("billing".to_string())),
        ]
    );
    let types: Vec<&str> = m.schema.types.keys().map(String::as_str).collect();
    assert_eq!(
        types,
        [
            "example.billing.customer",
            "example.billing.postalAddress",
            "example.shop.item",
            "example.shop.order",
            "example.shop.orderLine",
            "example.shop.record",
        ]
    );
    // An alias of another schema resolves too.
    let customer = &m.schema.types["example.billing.customer"];
    assert_eq!(customer.base.as_ref().unwrap().name, "example.shop.record");
    assert_eq!(
        customer.description, "",
        "out-of-line annotations are not read"
    );
}

#[test]
fn entity_types() {
    let m = read();
    let record = &m.schema.types["example.shop.record"];
    assert_eq!(record.kind, TypeKind::Entity);
    assert!(record.is_abstract && !record.open && !record.media_entity);
    assert_eq!(record.key.as_deref(), Some("id"));
    assert_eq!(record.source, at(24));
    assert!(!record.properties[0].nullable);

    let order = &m.schema.types["example.shop.order"];
    assert_eq!(order.base.as_ref().unwrap().name, "example.shop.record");
    assert!(order.open && !order.is_abstract);
    assert_eq!(order.key, None, "the key is declared on the base");
    assert_eq!(order.description, "A customer's order.");
    assert_eq!(order.source, at(30));

    let item = &m.schema.types["example.shop.item"];
    assert!(item.media_entity);
    assert_eq!(item.properties[0].ty.as_str(), "example.shop.size");
}

#[test]
fn properties() {
    let m = read();
    let order = &m.schema.types["example.shop.order"];
    let got: Vec<(&str, &str, bool, bool, u32)> = order
        .properties
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.ty.as_str(),
                p.nullable,
                p.navigation,
                p.source.line,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("state", "example.shop.orderState", false, false, 32),
            ("wrapping", "example.shop.giftWrap", true, false, 33),
            ("notes", "Collection(Edm.String)", true, false, 34),
            (
                "lines",
                "Collection(example.shop.orderLine)",
                false,
                false,
                35
            ),
            ("placedAt", "Edm.DateTimeOffset", true, false, 40),
            ("items", "Collection(example.shop.item)", true, true, 41),
            ("customer", "example.billing.customer", false, true, 42),
        ]
    );
    assert_eq!(
        order.properties[3].description,
        "The order's lines, in the order they were added."
    );
    assert!(m.contains_target("example.shop.order", "items"));
    assert!(!m.contains_target("example.shop.order", "customer"));
    assert_eq!(m.containment.len(), 1);

    let line = &m.schema.types["example.shop.orderLine"];
    assert_eq!(line.kind, TypeKind::Complex);
    assert_eq!(line.properties[1].ty.as_str(), "Edm.Decimal");
    assert!(m.schema.types["example.billing.postalAddress"].open);
}

#[test]
fn enums() {
    let m = read();
    let state = &m.schema.enums["example.shop.orderState"];
    let got: Vec<(&str, Option<i64>, bool)> = state
        .members
        .iter()
        .map(|e| (e.name.as_str(), e.value, e.after_unknown_future_value))
        .collect();
    assert_eq!(
        got,
        [
            ("open", Some(0), false),
            ("shipped", Some(1), false),
            ("unknownFutureValue", Some(2), false),
            ("returned", Some(3), true),
        ]
    );
    assert_eq!(state.source, at(9));
    assert_eq!(state.members[3].source, at(13));
    assert!(m.flags.contains("example.shop.giftWrap"));
    assert_eq!(m.flags.len(), 1);
    let size = &m.schema.enums["example.shop.size"];
    assert!(
        size.members.iter().all(|e| e.value.is_none()),
        "no Value written, none read"
    );
}

#[test]
fn the_real_metadata_reads_when_present() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/graph-metadata/v1.0-cleanMetadata.xml");
    if !path.exists() {
        eprintln!("skipped: ../shared not found");
        return;
    }
    let m = csdl::read_file(&path, "v1.0-cleanMetadata.xml", "v1.0").expect("reads");
    assert!(
        m.diagnostics.is_empty(),
        "{:?}",
        &m.diagnostics[..m.diagnostics.len().min(3)]
    );
    let initiator = &m.schema.types["microsoft.graph.initiator"];
    assert_eq!(
        initiator.base.as_ref().unwrap().name,
        "microsoft.graph.identity"
    );
    assert!(initiator.open);
    assert_eq!(
        initiator.properties[0].ty.as_str(),
        "microsoft.graph.initiatorType"
    );
    assert!(m.contains_target(
        "microsoft.graph.meetingAttendanceReport",
        "attendanceRecords"
    ));
    assert!(m
        .schema
        .types
        .contains_key("microsoft.graph.callRecords.userIdentity"));
    assert!(m.schema.types.len() > 2000 && m.schema.enums.len() > 500);
}
