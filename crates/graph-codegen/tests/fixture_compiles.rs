//! The fixture's generated code, compiled against the real runtime (`graph_runtime`)
//! and exercised: lossless round trips, `@odata.type` dispatch, open enums, strictness.

#[rustfmt::skip]
#[path = "fixture/generated/mod.rs"]
#[allow(dead_code)] // a test crate uses only some of the generated items
mod generated;

use generated::*;
use graph_runtime::{Field, WireEnum};
use serde_json::{json, Value};

fn round_trip_text<T: serde::Serialize + serde::de::DeserializeOwned>(text: &str) -> String {
    let typed: T = serde_json::from_str(text).expect("reads");
    serde_json::to_string(&typed).expect("writes")
}

#[test]
fn attendance_record_round_trips_byte_for_byte() {
    let text = r##"{"@odata.type":"#microsoft.graph.attendanceRecord","id":"a1","attendanceIntervals":[{"durationInSeconds":60,"joinDateTime":"2021-10-05T04:38:27.6027225Z","leaveDateTime":null}],"emailAddress":null,"identity":{"@odata.type":"#microsoft.graph.communicationsUserIdentity","displayName":"Frederick Cormier","id":"f1","tenantId":"t1","extra":[1,2]},"role":"Organizer","totalAttendanceInSeconds":322,"later":{"kept":true}}"##;
    assert_eq!(round_trip_text::<AttendanceRecord>(text), text);

    let record: AttendanceRecord = serde_json::from_str(text).unwrap();
    assert_eq!(record.email_address, Field::Null);
    assert_eq!(record.role.value(), Some(&AttendanceRecordRole::Organizer));
    let Field::Present(AnyIdentity::CommunicationsUserIdentity(who)) = &record.identity else {
        panic!("expected a communications user: {:?}", record.identity);
    };
    assert_eq!(who.tenant_id.as_deref(), Some("t1"));
    assert_eq!(who.additional_properties.get("extra"), Some(&json!([1, 2])));
    assert_eq!(
        record.identity.value().and_then(AnyIdentity::display_name),
        Some("Frederick Cormier")
    );
    #[allow(deprecated)]
    let registrant = &record.registrant_id;
    assert!(registrant.is_absent());
}

#[test]
fn identity_without_tag_is_the_base_and_a_late_tag_moves_fields() {
    let plain: AnyIdentity = serde_json::from_value(json!({"displayName": "x"})).unwrap();
    assert!(matches!(plain, AnyIdentity::Identity(_)));

    let late: AnyIdentity = serde_json::from_value(json!({
        "displayName": "x",
        "tenantId": "t",
        "@odata.type": "#microsoft.graph.communicationsUserIdentity"
    }))
    .unwrap();
    let AnyIdentity::CommunicationsUserIdentity(user) = &late else {
        panic!("expected a communications user: {late:?}");
    };
    assert_eq!(user.display_name.as_deref(), Some("x"));
    assert_eq!(user.tenant_id.as_deref(), Some("t"));
    assert!(user.additional_properties.is_empty());
}

#[test]
fn two_level_and_namespaced_descendants_dispatch() {
    let value = json!({"@odata.type": "#microsoft.graph.auditUserIdentity", "homeTenantId": "h", "ipAddress": "1.2.3.4"});
    let any: AnyIdentity = serde_json::from_value(value.clone()).unwrap();
    assert!(matches!(any, AnyIdentity::AuditUserIdentity(_)));
    let narrower: AnyUserIdentity = serde_json::from_value(value.clone()).unwrap();
    assert!(matches!(narrower, AnyUserIdentity::AuditUserIdentity(_)));
    assert_eq!(serde_json::to_value(&narrower).unwrap(), value);

    let security: AnyIdentity = serde_json::from_value(json!({
        "@odata.type": "microsoft.graph.security.submissionUserIdentity", "email": "e"
    }))
    .unwrap();
    assert!(matches!(
        security,
        AnyIdentity::SecuritySubmissionUserIdentity(_)
    ));
}

#[test]
fn unknown_tags_are_kept_and_known_tags_are_strict() {
    let value = json!({"@odata.type": "#microsoft.graph.futureIdentity", "id": "1", "novel": 3});
    let any: AnyIdentity = serde_json::from_value(value.clone()).unwrap();
    assert!(matches!(any, AnyIdentity::Unknown(_)));
    assert_eq!(any.odata_type(), Some("#microsoft.graph.futureIdentity"));
    assert_eq!(serde_json::to_value(&any).unwrap(), value);

    let error = serde_json::from_value::<AnyIdentity>(json!({
        "@odata.type": "#microsoft.graph.communicationsUserIdentity", "tenantId": 5
    }))
    .unwrap_err();
    assert!(error.to_string().contains("invalid type"), "{error}");
}

#[test]
fn derived_values_built_in_code_write_their_tag() {
    let user = CommunicationsUserIdentity {
        tenant_id: Field::Present("t".into()),
        ..Default::default()
    };
    let any = AnyIdentity::from(user);
    assert_eq!(
        serde_json::to_value(&any).unwrap(),
        json!({"@odata.type": "#microsoft.graph.communicationsUserIdentity", "tenantId": "t"})
    );
}

#[test]
fn enums_keep_late_and_unknown_members() {
    assert_eq!(
        TeamworkUserIdentityType::from_wire("emailUser"),
        TeamworkUserIdentityType::EmailUser
    );
    let unknown: TeamworkUserIdentityType = serde_json::from_value(json!("brandNew")).unwrap();
    assert_eq!(unknown, TeamworkUserIdentityType::Other("brandNew".into()));
    assert_eq!(serde_json::to_value(&unknown).unwrap(), json!("brandNew"));
    assert_eq!(VideoResolution::from_wire("1080p"), VideoResolution::V1080p);
    assert_eq!(VideoResolution::from_wire("other"), VideoResolution::Other);
    assert_eq!(
        VideoResolution::from_wire("8k"),
        VideoResolution::UnrecognizedValue("8k".into())
    );
    let role: AttendanceRecordRole = serde_json::from_value(json!("Host")).unwrap();
    assert_eq!(role.as_wire(), "Host");
}

#[test]
fn keyword_and_acronym_names_keep_their_wire_names() {
    let text = r#"{"type":"t","self":"s","match":true,"isMFARegistered":false,"amount":1.50,"sizes":[1,2],"flags":255,"owner":{"userPrincipalName":"u"}}"#;
    let odd: OddNames = serde_json::from_str(text).unwrap();
    assert_eq!(odd.r#type.as_deref(), Some("t"));
    assert_eq!(odd.self_.as_deref(), Some("s"));
    assert_eq!(odd.r#match, Some(true));
    assert_eq!(odd.is_mfa_registered, Some(false));
    assert!(matches!(
        odd.owner,
        Field::Present(AnyUserIdentity::UserIdentity(_))
    ));
    let back: Value = serde_json::to_value(&odd).unwrap();
    assert_eq!(back, serde_json::from_str::<Value>(text).unwrap());
}

#[test]
fn non_nullable_properties_reject_null_and_bytes_reject_overflow() {
    let error = serde_json::from_value::<OddNames>(json!({"match": null})).unwrap_err();
    assert!(error.to_string().contains("invalid type: null"), "{error}");
    assert!(serde_json::from_value::<OddNames>(json!({"flags": 256})).is_err());
}

#[test]
fn recursive_types_are_boxed() {
    let value =
        json!({"name": "a", "parent": {"name": "b", "parent": null}, "children": [{"name": "c"}]});
    let folder: Folder = serde_json::from_value(value.clone()).unwrap();
    let Field::Present(parent) = &folder.parent else {
        panic!("parent expected");
    };
    assert_eq!(parent.name.as_deref(), Some("b"));
    assert_eq!(serde_json::to_value(&folder).unwrap(), value);
}

/// Reads a JSON value as the type the registry names and writes it back.
struct Through<'a>(&'a Value);

impl graph_runtime::TypeVisitor for Through<'_> {
    type Output = Result<Value, serde_json::Error>;
    fn visit<T: serde::Serialize + serde::de::DeserializeOwned>(self) -> Self::Output {
        let typed = <T as serde::Deserialize>::deserialize(self.0)?;
        serde_json::to_value(&typed)
    }
}

#[test]
fn registry_round_trips_by_graph_name() {
    let records = json!({"@odata.count": 1, "value": [{"id": "1", "identity": {"@odata.type": "#microsoft.graph.userIdentity", "ipAddress": "x"}}]});
    let round_trip = |name: &str, value: &Value| registry::with_type(name, Through(value));
    let back = round_trip("Collection(microsoft.graph.attendanceRecord)", &records)
        .expect("known name")
        .expect("reads");
    assert_eq!(back, records);
    assert!(round_trip("microsoft.graph.nothing", &records).is_none());
    assert!(
        round_trip("microsoft.graph.attendanceRecord", &json!({"role": 1}))
            .expect("known name")
            .is_err()
    );
    assert!(registry::TYPE_NAMES.contains(&"microsoft.graph.identity"));
}
