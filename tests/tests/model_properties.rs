//! Property-based round trips over generated values of the v1.0 attendance models: a value
//! written as JSON reads back as the same value (a derived identity built without a tag
//! included: it writes its own, and reading does not store it), and JSON read into a model and written back
//! keeps every key (unknown ones included). Case counts stay small so debug runs stay fast.

use graph_models::support::{AdditionalProperties, DateTimeOffset, Field};
use graph_models::v1_0::{
    AnyIdentity, AttendanceInterval, AttendanceRecord, AttendanceRecordRole,
    CommunicationsUserIdentity, Identity, MeetingAttendanceReport, TeamworkUserIdentity,
    TeamworkUserIdentityType, VirtualEventExternalRegistrationInformation,
};
use proptest::prelude::*;
use serde_json::Value;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        ..ProptestConfig::default()
    }
}

/// Absent, `null`, or a value.
fn field<T: std::fmt::Debug + Clone + 'static>(
    value: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<Field<T>> {
    prop_oneof![
        Just(Field::Absent),
        Just(Field::Null),
        value.prop_map(Field::Present),
    ]
    .boxed()
}

/// Any text, including escapes, controls and characters outside the BMP.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "\\PC{0,12}",
        "[\"\\\\/\n\t\u{0}é漢🎧]{0,6}"
    ]
}

fn timestamp() -> impl Strategy<Value = DateTimeOffset> {
    (
        2000u32..2100,
        1u32..13,
        1u32..29,
        0u32..24,
        0u32..60,
        prop_oneof![Just(String::new()), "\\.[0-9]{1,7}"],
        prop_oneof![Just("Z".to_string()), "[+-](0[0-9]|1[0-4]):(00|30|45)"],
    )
        .prop_map(|(y, mo, d, h, mi, fraction, offset)| {
            DateTimeOffset::new(format!(
                "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:07{fraction}{offset}"
            ))
        })
}

/// Unknown properties: keys no model declares (`x-` prefix), any JSON leaf or small object.
fn additional() -> impl Strategy<Value = AdditionalProperties> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        text().prop_map(Value::from),
    ];
    let value = leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::from),
            prop::collection::btree_map("[a-z]{1,4}", inner, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    });
    prop::collection::btree_map("x-[a-zA-Z@.]{1,8}", value, 0..3)
        .prop_map(|m| m.into_iter().collect())
}

fn role() -> impl Strategy<Value = AttendanceRecordRole> {
    prop_oneof![
        Just(AttendanceRecordRole::None),
        Just(AttendanceRecordRole::Attendee),
        Just(AttendanceRecordRole::Presenter),
        Just(AttendanceRecordRole::Organizer),
        "[a-z]{1,8}".prop_map(|s| AttendanceRecordRole::Other(format!("other-{s}"))),
    ]
}

fn user_identity_type() -> impl Strategy<Value = TeamworkUserIdentityType> {
    prop_oneof![
        Just(TeamworkUserIdentityType::AadUser),
        Just(TeamworkUserIdentityType::PhoneUser),
        Just(TeamworkUserIdentityType::UnknownFutureValue),
        Just(TeamworkUserIdentityType::EmailUser),
        "[a-z]{1,8}".prop_map(|s| TeamworkUserIdentityType::Other(format!("other-{s}"))),
    ]
}

/// The tag of a derived variant built in code: none (the variant writes its own), or a case
/// variant of its name as real payloads send (kept and written back as it is).
fn derived_tag(name: &'static str) -> impl Strategy<Value = Option<Box<str>>> {
    prop_oneof![
        Just(None),
        Just(Some(
            format!("#{}", name.replace("microsoft.graph", "Microsoft.Graph")).into()
        )),
    ]
}

fn identity() -> impl Strategy<Value = AnyIdentity> {
    let base = || (field(text()), field(text()), field(text()), additional());
    prop_oneof![
        (base(), prop::option::of(Just("#microsoft.graph.identity"))).prop_map(
            |((display_name, id, tenant_id, extra), tag)| {
                AnyIdentity::Identity(Identity {
                    odata_type: tag.map(Box::from),
                    display_name,
                    id,
                    tenant_id,
                    additional_properties: extra,
                    ..Identity::default()
                })
            }
        ),
        (
            base(),
            derived_tag("microsoft.graph.communicationsUserIdentity")
        )
            .prop_map(|((display_name, id, tenant_id, extra), tag)| {
                AnyIdentity::CommunicationsUserIdentity(CommunicationsUserIdentity {
                    odata_type: tag,
                    display_name,
                    id,
                    tenant_id,
                    additional_properties: extra,
                    ..CommunicationsUserIdentity::default()
                })
            }),
        (
            base(),
            field(user_identity_type()),
            derived_tag("microsoft.graph.teamworkUserIdentity")
        )
            .prop_map(|((display_name, id, tenant_id, extra), kind, tag)| {
                AnyIdentity::TeamworkUserIdentity(TeamworkUserIdentity {
                    odata_type: tag,
                    display_name,
                    id,
                    tenant_id,
                    user_identity_type: kind,
                    additional_properties: extra,
                    ..TeamworkUserIdentity::default()
                })
            }),
        (base(), "[a-z]{1,10}").prop_map(|((display_name, id, tenant_id, extra), tag)| {
            AnyIdentity::Unknown(Identity {
                odata_type: Some(format!("#microsoft.graph.zz{tag}Identity").into()),
                display_name,
                id,
                tenant_id,
                additional_properties: extra,
                ..Identity::default()
            })
        }),
    ]
}

fn interval() -> impl Strategy<Value = AttendanceInterval> {
    (
        field(any::<i32>()),
        field(timestamp()),
        field(timestamp()),
        additional(),
    )
        .prop_map(|(duration, join, leave, extra)| AttendanceInterval {
            duration_in_seconds: duration,
            join_date_time: join,
            leave_date_time: leave,
            additional_properties: extra,
            ..AttendanceInterval::default()
        })
}

fn record() -> impl Strategy<Value = AttendanceRecord> {
    (
        prop::option::of(text()),
        field(prop::collection::vec(interval(), 0..3)),
        field(text()),
        field(
            (field(text()), field(text())).prop_map(|(referrer, registration_id)| {
                VirtualEventExternalRegistrationInformation {
                    referrer,
                    registration_id,
                    ..VirtualEventExternalRegistrationInformation::default()
                }
            }),
        ),
        field(identity()),
        (
            field(text()),
            field(role()),
            field(any::<i32>()),
            additional(),
        ),
    )
        .prop_map(
            |(id, intervals, email, external, identity, (registration, role, total, extra))| {
                AttendanceRecord {
                    id,
                    attendance_intervals: intervals,
                    email_address: email,
                    external_registration_information: external,
                    identity,
                    registration_id: registration,
                    role,
                    total_attendance_in_seconds: total,
                    additional_properties: extra,
                    ..AttendanceRecord::default()
                }
            },
        )
}

fn report() -> impl Strategy<Value = MeetingAttendanceReport> {
    (
        prop::option::of(text()),
        field(timestamp()),
        field(timestamp()),
        field(any::<i32>()),
        field(prop::collection::vec(record(), 0..3)),
        additional(),
    )
        .prop_map(
            |(id, end, start, count, records, extra)| MeetingAttendanceReport {
                id,
                meeting_end_date_time: end,
                meeting_start_date_time: start,
                total_participant_count: count,
                attendance_records: records,
                additional_properties: extra,
                ..MeetingAttendanceReport::default()
            },
        )
}

/// value -> JSON -> value is the identity, and JSON -> value -> JSON gives the same JSON.
fn assert_round_trips<T>(value: &T) -> Result<(), TestCaseError>
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_string(value).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: T = serde_json::from_str(&json)
        .map_err(|e| TestCaseError::fail(format!("{e} reading {json}")))?;
    prop_assert_eq!(&back, value, "value -> JSON -> value, via {}", json);
    let rewritten = serde_json::to_string(&back).unwrap();
    let before: Value = serde_json::from_str(&json).unwrap();
    let after: Value = serde_json::from_str(&rewritten).unwrap();
    prop_assert_eq!(before, after, "JSON -> value -> JSON");
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn attendance_intervals_round_trip(value in interval()) {
        assert_round_trips(&value)?;
    }

    #[test]
    fn identities_round_trip(value in identity()) {
        assert_round_trips(&value)?;
    }

    #[test]
    fn attendance_records_round_trip(value in record()) {
        assert_round_trips(&value)?;
    }

    #[test]
    fn attendance_reports_round_trip(value in report()) {
        assert_round_trips(&value)?;
    }

    /// JSON with unknown keys spliced in at every object level keeps every key.
    #[test]
    fn unknown_keys_survive_at_every_level(
        value in record(),
        key in "[a-z]{1,6}",
        extra in any::<i64>(),
    ) {
        let mut json = serde_json::to_value(&value).unwrap();
        splice(&mut json, &format!("unknown-{key}"), extra);
        let read: AttendanceRecord = serde_json::from_value(json.clone())
            .map_err(|e| TestCaseError::fail(format!("{e} reading {json}")))?;
        prop_assert_eq!(serde_json::to_value(&read).unwrap(), json);
    }
}

/// Adds `key: extra` to every object of `json`.
fn splice(json: &mut Value, key: &str, extra: i64) {
    match json {
        Value::Object(map) => {
            for value in map.values_mut() {
                splice(value, key, extra);
            }
            map.insert(key.to_string(), Value::from(extra));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| splice(v, key, extra)),
        _ => {}
    }
}
