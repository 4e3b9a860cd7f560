//! `@odata.type` in the generated `Any*` enums: a tag differing from a known type's name only in
//! ASCII case lands in that type and is written back as sent (`Polymorphic::TAG_NAMES`), and a
//! value built in code equals itself after a JSON round trip, for every variant of every enum.

use graph_models::support::Polymorphic;
use serde_json::{json, Value};

/// Tests run for each version module.
macro_rules! per_version {
    ($version:ident) => {
        mod $version {
            use super::*;
            use graph_models::$version::{AnyIdentity, AttendanceRecord, EmailIdentity};

            #[test]
            fn a_case_variant_email_identity_tag_lands_in_email_identity_and_is_written_back() {
                let first = r##"{"@odata.type":"#Microsoft.Graph.emailIdentity","displayName":"Ada","id":"e-1","email":"ada@example.com"}"##;
                let late = r##"{"displayName":"Ada","id":"e-1","email":"ada@example.com","@odata.type":"#Microsoft.Graph.emailIdentity"}"##;
                for body in [first, late] {
                    let identity: AnyIdentity = serde_json::from_str(body).unwrap();
                    let AnyIdentity::EmailIdentity(email) = &identity else {
                        panic!("{body}: {identity:?}")
                    };
                    assert_eq!(email.email.as_deref(), Some("ada@example.com"));
                    assert_eq!(email.odata_type.as_deref(), Some("#Microsoft.Graph.emailIdentity"));
                    assert!(email.additional_properties.is_empty(), "{email:?}");
                    // The tag's own text comes back (first, as Graph writes it).
                    assert_eq!(serde_json::to_string(&identity).unwrap(), first);
                }
                // Inside a record, too.
                let record = format!(r#"{{"identity":{first}}}"#);
                let read: AttendanceRecord = serde_json::from_str(&record).unwrap();
                assert!(matches!(read.identity.value(), Some(AnyIdentity::EmailIdentity(_))));
                assert_eq!(serde_json::to_string(&read).unwrap(), record);
                // A name no type has, in any case, is still unknown, with its tag and fields.
                let robot: AnyIdentity =
                    serde_json::from_value(json!({"@odata.type": "#Microsoft.Graph.robotIdentity", "serial": 7}))
                        .unwrap();
                assert!(matches!(&robot, AnyIdentity::Unknown(r) if r.additional_properties.contains_key("serial")));
                assert_eq!(robot.odata_type(), Some("#Microsoft.Graph.robotIdentity"));
            }

            #[test]
            fn an_email_identity_built_in_code_equals_itself_after_a_round_trip() {
                let built = AnyIdentity::EmailIdentity(EmailIdentity {
                    email: "a@b".into(),
                    display_name: "A".into(),
                    ..EmailIdentity::default()
                });
                let text = serde_json::to_string(&built).unwrap();
                assert_eq!(
                    text,
                    r##"{"@odata.type":"#microsoft.graph.emailIdentity","displayName":"A","email":"a@b"}"##
                );
                assert_eq!(serde_json::from_str::<AnyIdentity>(&text).unwrap(), built);
                assert_eq!(built.odata_type(), Some("#microsoft.graph.emailIdentity"));
            }

            #[test]
            fn every_variant_of_every_any_enum_round_trips_to_an_equal_value() {
                every_variant_round_trips::<graph_models::$version::AnyIdentity>();
                every_variant_round_trips::<graph_models::$version::AnyEntity>();
            }
        }
    };
}

per_version!(v1_0);
per_version!(beta);

#[test]
fn beta_user_identities_round_trip_too() {
    every_variant_round_trips::<graph_models::beta::AnyUserIdentity>();
}

/// For each type the enum lists (`TAG_NAMES`, so a type added later is covered), the value a
/// tag gives (a derived variant as built in code, `odata_type: None`, or the base with its
/// tag), with an unknown property, and the same variant holding a case variant of the tag: each is written with its tag
/// first, reads back equal, and writes the same bytes again.
fn every_variant_round_trips<P>()
where
    P: Polymorphic + serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    assert!(P::TAG_NAMES.len() > 1, "{}", std::any::type_name::<P>());
    for name in P::TAG_NAMES {
        for tag in [format!("#{name}"), format!("#{}", name.to_uppercase())] {
            let mut value = P::from_tag(format!("#{name}"));
            value.set_odata_type(tag.clone());
            value
                .additional_properties_mut()
                .insert("x-extra", json!({"n": [1, 2.5]}));
            let text = serde_json::to_string(&value).unwrap();
            let written: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(written["@odata.type"], json!(tag), "{text}");
            let back: P = serde_json::from_str(&text).unwrap();
            assert_eq!(back, value, "{text}");
            assert_eq!(serde_json::to_string(&back).unwrap(), text);
        }
    }
}
