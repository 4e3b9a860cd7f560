//! What a user touches first: building a value (`"a@b".into()` for a string property),
//! reading strings as `&str`, enums as text without a trait import, `id` as `Option<String>`,
//! and errors that name the property path (`serde_path_to_error`, the README's recipe).

use std::str::FromStr;

use graph_models::support::{CollectionResponse, Field};
use graph_models::v1_0::{
    AnyIdentity, AttendanceRecord, AttendanceRecordRole, CommunicationsUserIdentity, InitiatorType,
    MeetingAttendanceReport, TeamworkUserIdentityType,
};
use serde_json::json;

/// The error of reading `body` as a page of records, with its property path.
fn page_error(body: &str) -> serde_path_to_error::Error<serde_json::Error> {
    let mut reader = serde_json::Deserializer::from_str(body);
    serde_path_to_error::deserialize::<_, CollectionResponse<AttendanceRecord>>(&mut reader)
        .unwrap_err()
}

#[test]
fn a_value_is_built_from_str_literals_and_read_back_as_str() {
    let record = AttendanceRecord {
        id: Some("r-1".into()),
        email_address: "a@b".into(),
        identity: AnyIdentity::from(CommunicationsUserIdentity {
            display_name: "Ada".into(),
            tenant_id: Field::Null,
            ..CommunicationsUserIdentity::default()
        })
        .into(),
        role: AttendanceRecordRole::Presenter.into(),
        ..AttendanceRecord::default()
    };
    assert_eq!(record.email_address.as_deref(), Some("a@b"));
    let identity = record.identity.value().unwrap();
    // The `Any*` accessors give `&str` for strings.
    let name: Option<&str> = identity.display_name();
    assert_eq!(name, Some("Ada"));
    assert_eq!(identity.tenant_id(), None);
    assert_eq!(
        serde_json::to_value(&record).unwrap(),
        json!({
            "id": "r-1",
            "emailAddress": "a@b",
            "identity": {
                "@odata.type": "#microsoft.graph.communicationsUserIdentity",
                "displayName": "Ada",
                "tenantId": null
            },
            "role": "Presenter"
        })
    );
}

#[test]
fn enums_display_parse_and_give_their_wire_text_without_a_trait_import() {
    assert_eq!(InitiatorType::Application.as_str(), "application");
    assert_eq!(InitiatorType::Application.to_string(), "application");
    assert_eq!(InitiatorType::from_str("system"), Ok(InitiatorType::System));
    assert_eq!("aadUser".parse(), Ok(TeamworkUserIdentityType::AadUser));
    let role: &str = AttendanceRecordRole::Organizer.as_ref();
    assert_eq!(role, "Organizer");
    // A value the enum does not know keeps its text every way.
    let later: AttendanceRecordRole = "Coorganizer".parse().unwrap();
    assert_eq!(later, AttendanceRecordRole::Other("Coorganizer".into()));
    assert_eq!(later.as_str(), "Coorganizer");
    assert_eq!(format!("{later}"), "Coorganizer");
    assert_eq!(serde_json::to_value(&later).unwrap(), json!("Coorganizer"));
    // Wire values are matched exactly, as when reading JSON.
    assert_eq!(
        "attendee".parse::<AttendanceRecordRole>(),
        Ok(AttendanceRecordRole::Other("attendee".into()))
    );
}

/// `id` is the key of an entity: the service always sends it, never as `null`, so it is an
/// `Option<String>` (absent when a value is built to be created), not a `Field`. A `null` there
/// is an error naming the property, not a value to keep (README, "Why `id` is an `Option`").
#[test]
fn an_entity_id_is_absent_or_a_string_and_null_is_an_error() {
    let absent: AttendanceRecord = serde_json::from_value(json!({})).unwrap();
    assert_eq!(absent.id, None);
    let present: AttendanceRecord = serde_json::from_value(json!({"id": "r-1"})).unwrap();
    assert_eq!(present.id.as_deref(), Some("r-1"));
    let err = page_error(r#"{"value": [{"id": null}]}"#);
    assert_eq!(err.path().to_string(), "value[0].id");
    assert!(
        err.inner()
            .to_string()
            .starts_with("invalid type: null, expected a string"),
        "{err}"
    );
}

#[test]
fn errors_name_the_property_path_through_every_kind_of_value() {
    let path = |body: &str| page_error(body).path().to_string();
    // Tag first, tag later (the base's fields were buffered), untagged, nested collections.
    assert_eq!(
        path(
            r##"{"value": [{"identity": {"@odata.type": "#microsoft.graph.communicationsUserIdentity", "tenantId": 42}}]}"##
        ),
        "value[0].identity.tenantId"
    );
    assert_eq!(
        path(
            r##"{"value": [{}, {"identity": {"id": "1", "tenantId": 42, "@odata.type": "#microsoft.graph.teamworkUserIdentity"}}]}"##
        ),
        "value[1].identity.tenantId"
    );
    assert_eq!(
        path(r#"{"value": [{"identity": {"displayName": false}}]}"#),
        "value[0].identity.displayName"
    );
    assert_eq!(
        path(r#"{"value": [{"attendanceIntervals": [{}, {"durationInSeconds": "ten"}]}]}"#),
        "value[0].attendanceIntervals[1].durationInSeconds"
    );
    let mut reader = serde_json::Deserializer::from_str(r#"{"attendanceRecords": [{"role": 3}]}"#);
    let err =
        serde_path_to_error::deserialize::<_, MeetingAttendanceReport>(&mut reader).unwrap_err();
    assert_eq!(err.path().to_string(), "attendanceRecords[0].role");
}

/// A property only the derived type knows, sent before a late `@odata.type`, is buffered and
/// read once the tag is known: the path ends at its object and the message starts with the
/// property's name (README, "Errors with the property path").
#[test]
fn a_property_read_after_a_late_tag_is_named_in_the_message() {
    let body = r##"{"value": [{"identity": {"userIdentityType": 5, "@odata.type": "#microsoft.graph.teamworkUserIdentity"}}]}"##;
    let err = page_error(body);
    assert_eq!(err.path().to_string(), "value[0].identity");
    assert!(
        err.inner()
            .to_string()
            .starts_with("userIdentityType: invalid type: integer `5`"),
        "{err}"
    );
}
