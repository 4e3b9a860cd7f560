//! The models read through other serde front ends, sonic-rs (`sonic_rs::from_str`) and
//! simd-json (`simd_json::serde::from_slice`), into exactly what serde_json reads, and write
//! the same JSON back: the runtime assumes no particular deserializer.

use graph_bench::attendance;
use graph_models::support::CollectionResponse;
use graph_models::v1_0::{AnyIdentity, AttendanceRecord, MeetingAttendanceReport};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Reads `text` as `T` with serde_json, sonic-rs and simd-json, asserts the three are equal and
/// write back the same JSON, and returns serde_json's.
fn same_through_every_front_end<T>(text: &str) -> T
where
    T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug,
{
    let by_serde_json: T = serde_json::from_str(text).expect("serde_json reads it");
    let by_sonic: T = sonic_rs::from_str(text).expect("sonic-rs reads it");
    let mut bytes = text.as_bytes().to_vec();
    let by_simd: T = simd_json::serde::from_slice(&mut bytes).expect("simd-json reads it");
    assert_eq!(by_sonic, by_serde_json, "sonic-rs");
    assert_eq!(by_simd, by_serde_json, "simd-json");
    let written = serde_json::to_value(&by_serde_json).unwrap();
    assert_eq!(serde_json::to_value(&by_sonic).unwrap(), written);
    assert_eq!(serde_json::to_value(&by_simd).unwrap(), written);
    // And what was written is what was read.
    assert_eq!(written, serde_json::from_str::<Value>(text).unwrap());
    by_serde_json
}

#[test]
fn the_benchmark_collection_reads_the_same() {
    // Every identity shape of the benchmark's collection (untyped, two known subtypes, an
    // unknown one with an extra key), `null` names and emails, two intervals per record.
    let text = attendance::collection_json(2_000, attendance::DEFAULT_SEED);
    let page: CollectionResponse<AttendanceRecord> = same_through_every_front_end(&text);
    assert_eq!(page.value.len(), 2_000);
    let unknown = page
        .value
        .iter()
        .filter(|r| matches!(r.identity.value(), Some(AnyIdentity::Unknown(_))))
        .count();
    assert_eq!(
        unknown, 500,
        "every fourth identity is of an unknown subtype"
    );
}

#[test]
fn nulls_unknown_keys_late_tags_escapes_and_delta_pages_read_the_same() {
    let page = r##"{
      "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#attendanceRecords",
      "@odata.nextLink": null,
      "@odata.deltaLink": "https://graph.microsoft.com/v1.0/delta?$deltatoken=x",
      "value": [
        {"id": "a", "emailAddress": null, "role": "Moderator", "registrationId": null,
         "identity": {"displayName": "Zoë \"Z\" Ångström 出席者 🎤 \ud83c\udfa7 tab\there\n",
                      "tenantId": "t", "@odata.type": "#microsoft.graph.communicationsUserIdentity"},
         "attendanceIntervals": [{"joinDateTime": "2021-10-05T04:38:27.6027225+05:30",
                                  "leaveDateTime": null, "durationInSeconds": -2147483648}],
         "later": {"nested": [1, 2.5, -0.0, true, null, "x", {"deep": [[]]}]},
         "count": 18446744073709551615, "ratio": 1e-7},
        {"@removed": {"reason": "deleted"}, "id": "gone"},
        {"id": "b", "identity": {"@odata.type": "#microsoft.graph.holographicIdentity",
                                 "id": "h", "beam": {"hue": 0.25}}}
      ]
    }"##;
    let read: CollectionResponse<AttendanceRecord> = same_through_every_front_end(page);
    assert!(read.odata_next_link.is_null());
    assert_eq!(read.removed().count(), 1);

    // A report with its records expanded, and an empty one.
    let report = r#"{"id": "r", "meetingStartDateTime": "2021-10-05T04:38:23.945Z",
        "totalParticipantCount": 2, "attendanceRecords": [{"id": "a", "totalAttendanceInSeconds": 322}]}"#;
    same_through_every_front_end::<MeetingAttendanceReport>(report);
    same_through_every_front_end::<MeetingAttendanceReport>("{}");
}

#[test]
fn every_front_end_rejects_a_known_subtype_whose_field_does_not_fit() {
    let text = r##"{"id": "a", "identity": {"@odata.type": "#microsoft.graph.communicationsUserIdentity", "tenantId": 42}}"##;
    assert!(serde_json::from_str::<AttendanceRecord>(text).is_err());
    assert!(sonic_rs::from_str::<AttendanceRecord>(text).is_err());
    let mut bytes = text.as_bytes().to_vec();
    assert!(simd_json::serde::from_slice::<AttendanceRecord>(&mut bytes).is_err());
}
