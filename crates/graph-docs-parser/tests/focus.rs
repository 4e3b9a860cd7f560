//! The focus pages of ../shared: snapshots of the assembled IR per version (read and reviewed),
//! the facts of NOTES.md section 2, seeds and translated pages.

mod common;

use graph_docs_parser::{find_response_examples, parse_page, parse_tree};
use graph_ir::{BaseOrigin, Schema, TypeKind};

fn focus() -> Option<graph_docs_parser::TreeOutput> {
    let shared = common::shared_dir("focus")?;
    Some(parse_tree(&shared.join("graph-docs/focus")))
}

fn diagnostics_text(output: &graph_docs_parser::TreeOutput, version: &str) -> String {
    output
        .diagnostics
        .iter()
        .filter(|d| d.file.contains(&format!("/{version}/")))
        .map(|d| {
            let mut d = d.clone();
            d.file = d.file[d.file.find("/focus/").map_or(0, |i| i + 1)..].to_string();
            format!("{d}\n")
        })
        .collect()
}

#[test]
fn focus_ir_snapshots() {
    let Some(output) = focus() else { return };
    assert_eq!(output.pages, 74);
    assert_eq!(
        output.diagnostics.iter().filter(|d| d.is_error()).count(),
        0
    );
    for version in ["v1.0", "beta"] {
        let schema = &output.schemas[version];
        insta::assert_snapshot!(format!("focus_{version}_ir"), schema.to_pretty_json());
        insta::assert_snapshot!(
            format!("focus_{version}_diagnostics"),
            diagnostics_text(&output, version)
        );
    }
}

fn base_of<'a>(schema: &'a Schema, name: &str) -> Option<(&'a str, BaseOrigin)> {
    schema.types[name]
        .base
        .as_ref()
        .map(|b| (b.name.as_str(), b.origin))
}

fn property_names(schema: &Schema, name: &str) -> Vec<String> {
    schema.types[name]
        .properties
        .iter()
        .map(|p| p.name.clone())
        .collect()
}

#[test]
fn notes_section_two_facts() {
    let Some(output) = focus() else { return };
    for version in ["v1.0", "beta"] {
        let schema = &output.schemas[version];
        let record = &schema.types["microsoft.graph.attendanceRecord"];
        assert_eq!(
            (record.kind, record.key.as_deref()),
            (TypeKind::Entity, Some("id"))
        );
        let mut names = property_names(schema, "microsoft.graph.attendanceRecord");
        names.sort();
        let mut expected = vec![
            "attendanceIntervals",
            "emailAddress",
            "externalRegistrationInformation",
            "identity",
            "registrationId",
            "role",
            "totalAttendanceInSeconds",
        ];
        if version == "beta" {
            expected.push("registrantId");
            expected.sort();
        }
        assert_eq!(names, expected, "{version}");
        let ty = |p: &str| record.properties.iter().find(|x| x.name == p).unwrap();
        assert_eq!(
            ty("attendanceIntervals").ty.as_str(),
            "Collection(microsoft.graph.attendanceInterval)"
        );
        assert_eq!(ty("identity").ty.as_str(), "microsoft.graph.identity");
        assert_eq!(ty("totalAttendanceInSeconds").ty.as_str(), "Edm.Int32");
        assert_eq!(ty("role").ty.as_str(), "Edm.String");
        assert_eq!(
            ty("role").enum_members,
            ["None", "Attendee", "Presenter", "Organizer"]
        );
        if version == "beta" {
            assert!(ty("registrantId").deprecated.is_some());
        }
        let interval = &schema.types["microsoft.graph.attendanceInterval"];
        let interval_types: Vec<_> = interval
            .properties
            .iter()
            .map(|p| (p.name.as_str(), p.ty.as_str()))
            .collect();
        assert!(interval_types.contains(&("joinDateTime", "Edm.DateTimeOffset")));
        assert!(interval_types.contains(&("durationInSeconds", "Edm.Int32")));
        let report = &schema.types["microsoft.graph.meetingAttendanceReport"];
        assert_eq!(report.kind, TypeKind::Entity);
        assert!(report
            .properties
            .iter()
            .any(|p| p.name == "attendanceRecords" && p.navigation));

        let identity = &schema.types["microsoft.graph.identity"];
        assert!(identity.open);
        // The closure: every derived type with a page, at the right depth.
        let derived = schema.descendants("microsoft.graph.identity");
        for stated_nowhere in [
            "initiator",
            "provisionedIdentity",
            "provisioningServicePrincipal",
            "provisioningSystem",
        ] {
            let name = format!("microsoft.graph.{stated_nowhere}");
            let in_closure = derived.iter().any(|t| t.name == name);
            if version == "v1.0" {
                assert!(!in_closure, "{name} states no base in v1.0");
            } else {
                assert!(in_closure, "{name} derives from identity in beta");
            }
        }
        let expected_derived = if version == "v1.0" { 16 } else { 24 };
        assert_eq!(
            derived.len(),
            expected_derived,
            "{version}: {:?}",
            derived.iter().map(|t| &t.name).collect::<Vec<_>>()
        );
        let unstated: Vec<_> = output
            .diagnostics
            .iter()
            .filter(|d| {
                d.code == graph_docs_parser::codes::BASE_TYPE_UNSTATED
                    && d.file.contains(&format!("/{version}/"))
            })
            .collect();
        assert_eq!(unstated.len(), if version == "v1.0" { 3 } else { 0 });

        let user = schema.enums["microsoft.graph.teamworkUserIdentityType"]
            .members
            .iter();
        let after: Vec<_> = user
            .filter(|m| m.after_unknown_future_value)
            .map(|m| m.name.as_str())
            .collect();
        assert_eq!(after[0], "emailUser");
    }
    let beta = &output.schemas["beta"];
    assert_eq!(
        base_of(beta, "microsoft.graph.auditUserIdentity"),
        Some(("microsoft.graph.userIdentity", BaseOrigin::Prose))
    );
    assert_eq!(beta.ancestors("microsoft.graph.auditUserIdentity").len(), 2);
    assert_eq!(
        base_of(beta, "microsoft.graph.groupIdentity"),
        Some(("microsoft.graph.identity", BaseOrigin::Annotation))
    );
    assert_eq!(
        base_of(beta, "microsoft.graph.security.submissionUserIdentity"),
        Some(("microsoft.graph.identity", BaseOrigin::Prose))
    );
    assert_eq!(
        base_of(beta, "microsoft.graph.sharePointIdentity"),
        Some(("microsoft.graph.identity", BaseOrigin::Prose))
    );
}

#[test]
fn focus_api_pages() {
    let Some(output) = focus() else { return };
    let list = output
        .api_pages
        .iter()
        .find(|p| p.file == "beta/api/attendancerecord-list.md")
        .unwrap();
    assert!(list
        .requests
        .iter()
        .any(|r| r.starts_with("GET /me/onlineMeetings/")));
    assert!(list.responses.len() >= 2);
    assert!(list
        .responses
        .iter()
        .all(|r| r.is_collection
            && r.odata_type.as_deref() == Some("microsoft.graph.attendanceRecord")));
    assert!(list.responses[1]
        .body
        .contains("#microsoft.graph.azureCommunicationServicesUserIdentity"));
}

#[test]
fn seed_resource_page_snapshot() {
    let Some(shared) = common::shared_dir("seed_resource_page_snapshot") else {
        return;
    };
    let text = std::fs::read_to_string(shared.join("seeds/000_a60153ec052b58d6.txt")).unwrap();
    let page = parse_page("seeds/000_a60153ec052b58d6.txt", &text);
    assert_eq!(
        page.version, "beta",
        "the beta disclaimer names the version"
    );
    insta::assert_json_snapshot!("seed_000_types", page.types);
    insta::assert_json_snapshot!("seed_000_diagnostics", page.diagnostics);
}

#[test]
fn seed_api_pages_and_web_renders() {
    let Some(shared) = common::shared_dir("seed_api_pages_and_web_renders") else {
        return;
    };
    let seeds = shared.join("seeds");
    let text = std::fs::read_to_string(seeds.join("001_e60c55f09a23828a.txt")).unwrap();
    let page = parse_page("001.txt", &text);
    let api = page.api.expect("doc_type apiPageType");
    assert!(api.responses.len() >= 3);
    let third = &api.responses[2];
    let body_line = text.lines().nth(third.body_line as usize - 1).unwrap();
    assert_eq!(
        body_line.chars().nth(third.body_column as usize - 1),
        Some('{')
    );
    assert!(third.body.contains("externalRegistrationInformation"));
    for (file, version) in [
        ("003_1ea3425610f2c2f6.txt", "beta"),
        ("004_75fc5ce028dea7b6.txt", "v1.0"),
    ] {
        let text = std::fs::read_to_string(seeds.join(file)).unwrap();
        let found = find_response_examples(file, &text);
        assert!(!found.is_empty(), "{file}");
        for example in &found {
            assert_eq!(example.status, Some(200));
            assert!(
                serde_json::from_str::<serde_json::Value>(&example.body).is_ok()
                    || example.body.contains(",\n"),
                "{file}: body is balanced"
            );
        }
        assert!(
            found[0]
                .body
                .contains(&format!("graph.microsoft.com/{version}"))
                || version == "beta"
        );
    }
}

#[test]
fn translated_pages() {
    let Some(shared) = common::shared_dir("translated_pages") else {
        return;
    };
    let localized = shared.join("graph-docs/localized");
    let text = std::fs::read_to_string(localized.join("zh-CN/v1.0/resources/attendancerecord.md"))
        .unwrap();
    let page = parse_page("zh-CN/v1.0/resources/attendancerecord.md", &text);
    let record = &page.types[0];
    assert_eq!(record.properties.len(), 5, "{:#?}", page.diagnostics);
    assert_eq!(
        record.properties[0].ty.as_str(),
        "Collection(microsoft.graph.attendanceInterval)"
    );
    assert_eq!(
        record.properties[3].enum_members,
        ["None", "Attendee", "Presenter", "Organizer"]
    );
    let text =
        std::fs::read_to_string(localized.join("ru-RU/v1.0/api/attendancerecord-list.md")).unwrap();
    let api = parse_page("ru-RU/v1.0/api/attendancerecord-list.md", &text)
        .api
        .unwrap();
    assert_eq!(api.requests.len(), 2);
    assert!(!api.responses.is_empty());
}
