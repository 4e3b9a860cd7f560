//! The provisioning identities (`initiator`, `provisionedIdentity`,
//! `provisioningServicePrincipal`, `provisioningSystem`) are `AnyIdentity` variants in both
//! versions: their v1.0 pages state no base, and `schema/corrections.toml` supplies it. A payload
//! tagged with one of them lands in its variant and round-trips; a wrongly typed field of a known
//! subtype is an error, never a fallback to the base type or to `Unknown`.

use serde_json::{json, Value};

/// Reads `input` as `T` and writes it back.
fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(input: &Value) -> (T, Value) {
    let value: T = serde_json::from_value(input.clone()).unwrap_or_else(|e| panic!("{input}: {e}"));
    let back = serde_json::to_value(&value).unwrap();
    (value, back)
}

/// The same tests for each version's module.
macro_rules! per_version {
    ($version:ident) => {
        mod $version {
            use graph_models::support::Field;
            use graph_models::$version::{AnyIdentity, AttendanceRecord, InitiatorType};
            use serde_json::json;

            use super::round_trip;

            #[test]
            fn an_initiator_payload_lands_in_its_variant_and_round_trips() {
                let input = json!({
                    "@odata.type": "#microsoft.graph.initiator",
                    "id": "svc-1",
                    "displayName": "Provisioning service",
                    "initiatorType": "system",
                    "tenantId": null,
                    "sentByTheService": {"n": 1}
                });
                let (identity, back) = round_trip::<AnyIdentity>(&input);
                let AnyIdentity::Initiator(initiator) = &identity else {
                    panic!("not an initiator: {identity:?}");
                };
                assert_eq!(initiator.initiator_type, Field::Present(InitiatorType::System));
                assert_eq!(initiator.id.value().map(String::as_str), Some("svc-1"));
                assert_eq!(initiator.tenant_id, Field::Null);
                assert_eq!(
                    initiator.additional_properties.get("sentByTheService"),
                    Some(&json!({"n": 1}))
                );
                assert_eq!(identity.display_name(), Some("Provisioning service"));
                assert_eq!(back, input);

                // The named enum: every member, and a value it does not know, kept as sent.
                for (wire, member) in [
                    ("user", InitiatorType::User),
                    ("application", InitiatorType::Application),
                    ("system", InitiatorType::System),
                    ("unknownFutureValue", InitiatorType::UnknownFutureValue),
                    ("robot", InitiatorType::Other("robot".to_string())),
                ] {
                    let input = json!({"@odata.type": "#microsoft.graph.initiator", "initiatorType": wire});
                    let (identity, back) = round_trip::<AnyIdentity>(&input);
                    let AnyIdentity::Initiator(initiator) = identity else {
                        panic!("{wire}: not an initiator");
                    };
                    assert_eq!(initiator.initiator_type, Field::Present(member), "{wire}");
                    assert_eq!(back, input);
                }
            }

            #[test]
            fn an_initiator_inside_a_record_and_with_the_tag_last() {
                let input = json!({
                    "id": "rec-1",
                    "identity": {
                        "id": "u-1",
                        "initiatorType": "user",
                        "@odata.type": "#microsoft.graph.initiator",
                        "displayName": "Ada"
                    }
                });
                let (record, back) = round_trip::<AttendanceRecord>(&input);
                let Some(AnyIdentity::Initiator(initiator)) = record.identity.value() else {
                    panic!("not an initiator: {record:?}");
                };
                assert_eq!(initiator.initiator_type, Field::Present(InitiatorType::User));
                assert_eq!(initiator.id.value().map(String::as_str), Some("u-1"));
                assert_eq!(initiator.display_name.value().map(String::as_str), Some("Ada"));
                assert_eq!(back, input);
            }

            #[test]
            fn the_other_provisioning_identities_dispatch_on_their_tags() {
                let provisioned = json!({
                    "@odata.type": "#microsoft.graph.provisionedIdentity",
                    "id": "obj-1",
                    "identityType": "user",
                    "details": {"objectId": "obj-1", "upn": "ada@example.com", "nested": [1, null]}
                });
                let (identity, back) = round_trip::<AnyIdentity>(&provisioned);
                let AnyIdentity::ProvisionedIdentity(p) = &identity else {
                    panic!("{identity:?}");
                };
                assert_eq!(p.identity_type.value().map(String::as_str), Some("user"));
                let details = p.details.value().expect("details");
                assert_eq!(
                    details.additional_properties.get("upn"),
                    Some(&json!("ada@example.com")),
                    "detailsInfo is open: its keys are kept"
                );
                assert_eq!(back, provisioned);

                let principal = json!({
                    "@odata.type": "#microsoft.graph.provisioningServicePrincipal",
                    "id": "sp-1",
                    "name": "HR connector"
                });
                let (identity, back) = round_trip::<AnyIdentity>(&principal);
                let AnyIdentity::ProvisioningServicePrincipal(sp) = &identity else {
                    panic!("{identity:?}");
                };
                assert_eq!(sp.name.value().map(String::as_str), Some("HR connector"));
                assert_eq!(back, principal);

                let system = json!({
                    "@odata.type": "#microsoft.graph.provisioningSystem",
                    "id": "sys-1",
                    "displayName": "HR system",
                    "details": {}
                });
                let (identity, back) = round_trip::<AnyIdentity>(&system);
                assert!(matches!(identity, AnyIdentity::ProvisioningSystem(_)), "{identity:?}");
                assert_eq!(back, system);
            }

            #[test]
            fn an_initiator_with_a_wrongly_typed_field_is_an_error_not_a_fallback() {
                for input in [
                    r##"{"@odata.type": "#microsoft.graph.initiator", "initiatorType": 42}"##,
                    r##"{"initiatorType": ["user"], "@odata.type": "#microsoft.graph.initiator"}"##,
                    r##"{"@odata.type": "#microsoft.graph.initiator", "displayName": 42}"##,
                    r##"{"id": true, "@odata.type": "#microsoft.graph.initiator"}"##,
                    r##"{"@odata.type": "#microsoft.graph.provisionedIdentity", "details": "none"}"##,
                    r##"{"@odata.type": "#microsoft.graph.provisioningServicePrincipal", "name": {}}"##,
                ] {
                    let err = serde_json::from_str::<AnyIdentity>(input)
                        .map(|identity| format!("read as {identity:?}"))
                        .unwrap_err();
                    assert!(err.to_string().contains("invalid type"), "{input}: {err}");
                }
                // Nested in a record, the error is the record's.
                let nested = r##"{"identity": {"@odata.type": "#microsoft.graph.initiator", "initiatorType": 7}}"##;
                let err = serde_json::from_str::<AttendanceRecord>(nested).unwrap_err();
                assert!(err.to_string().contains("invalid type"), "{err}");
            }
        }
    };
}

per_version!(v1_0);
per_version!(beta);

#[test]
fn the_generic_identity_accessors_see_the_new_variants() {
    use graph_models::v1_0::AnyIdentity;
    let input = json!({"@odata.type": "#microsoft.graph.provisioningSystem", "id": "sys-2"});
    let identity: AnyIdentity = serde_json::from_value(input).unwrap();
    assert_eq!(identity.id(), Some("sys-2"));
    assert_eq!(
        identity.odata_type(),
        Some("#microsoft.graph.provisioningSystem")
    );
}
