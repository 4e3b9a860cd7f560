//! Runtime tests over a small hand-written model shaped exactly like generated code.

use serde::de::MapAccess;
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{json, Value};

use super::*;

#[derive(Clone, Debug, Default, PartialEq)]
struct Identity {
    odata_type: Option<Box<str>>,
    id: Field<String>,
    display_name: Field<String>,
    additional_properties: AdditionalProperties,
}

impl GraphObject for Identity {
    const QUALIFIED_NAME: &'static str = "microsoft.graph.identity";
    fn odata_type(&self) -> Option<&str> {
        self.odata_type.as_deref()
    }
    fn set_odata_type(&mut self, raw: String) {
        self.odata_type = Some(raw.into_boxed_str());
    }
    fn additional_properties(&self) -> &AdditionalProperties {
        &self.additional_properties
    }
    fn additional_properties_mut(&mut self) -> &mut AdditionalProperties {
        &mut self.additional_properties
    }
    fn deserialize_property<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        match key {
            "id" => self.id = map.next_value()?,
            "displayName" => self.display_name = map.next_value()?,
            _ => return Ok(false),
        }
        Ok(true)
    }
    fn serialize_properties<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        write_field(map, "id", &self.id)?;
        write_field(map, "displayName", &self.display_name)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
struct UserIdentity {
    odata_type: Option<Box<str>>,
    id: Field<String>,
    display_name: Field<String>,
    sign_in_count: Option<i32>,
    additional_properties: AdditionalProperties,
}

impl GraphObject for UserIdentity {
    const QUALIFIED_NAME: &'static str = "microsoft.graph.userIdentity";
    fn odata_type(&self) -> Option<&str> {
        self.odata_type.as_deref()
    }
    fn set_odata_type(&mut self, raw: String) {
        self.odata_type = Some(raw.into_boxed_str());
    }
    fn additional_properties(&self) -> &AdditionalProperties {
        &self.additional_properties
    }
    fn additional_properties_mut(&mut self) -> &mut AdditionalProperties {
        &mut self.additional_properties
    }
    fn deserialize_property<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        match key {
            "id" => self.id = map.next_value()?,
            "displayName" => self.display_name = map.next_value()?,
            "signInCount" => self.sign_in_count = Some(map.next_value()?),
            _ => return Ok(false),
        }
        Ok(true)
    }
    fn serialize_properties<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        write_field(map, "id", &self.id)?;
        write_field(map, "displayName", &self.display_name)?;
        write_option(map, "signInCount", &self.sign_in_count)
    }
}

impl Serialize for UserIdentity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_object(self, s, None)
    }
}

impl<'de> Deserialize<'de> for UserIdentity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_object(d)
    }
}

#[derive(Clone, Debug, PartialEq)]
enum AnyIdentity {
    Identity(Identity),
    UserIdentity(UserIdentity),
    Unknown(Identity),
}

impl Polymorphic for AnyIdentity {
    type Base = Identity;
    const TAG_NAMES: &'static [&'static str] =
        &["microsoft.graph.identity", "microsoft.graph.userIdentity"];
    fn from_base(base: Identity) -> Self {
        AnyIdentity::Identity(base)
    }
    fn from_tag(raw: String) -> Self {
        match tag_name(&raw) {
            "microsoft.graph.identity" => AnyIdentity::Identity(Identity {
                odata_type: Some(raw.into_boxed_str()),
                ..Default::default()
            }),
            "microsoft.graph.userIdentity" => {
                let mut user = UserIdentity::default();
                set_variant_tag(&mut user, raw);
                AnyIdentity::UserIdentity(user)
            }
            _ => AnyIdentity::Unknown(Identity {
                odata_type: Some(raw.into_boxed_str()),
                ..Default::default()
            }),
        }
    }
    fn merge_base(&mut self, base: Identity) -> AdditionalProperties {
        match self {
            AnyIdentity::Identity(v) | AnyIdentity::Unknown(v) => {
                v.id = base.id;
                v.display_name = base.display_name;
            }
            AnyIdentity::UserIdentity(v) => {
                v.id = base.id;
                v.display_name = base.display_name;
            }
        }
        base.additional_properties
    }
    fn additional_properties_mut(&mut self) -> &mut AdditionalProperties {
        match self {
            AnyIdentity::Identity(v) | AnyIdentity::Unknown(v) => &mut v.additional_properties,
            AnyIdentity::UserIdentity(v) => &mut v.additional_properties,
        }
    }
    fn deserialize_property<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        match self {
            AnyIdentity::Identity(v) | AnyIdentity::Unknown(v) => v.deserialize_property(key, map),
            AnyIdentity::UserIdentity(v) => v.deserialize_property(key, map),
        }
    }
    fn set_odata_type(&mut self, raw: String) {
        match self {
            AnyIdentity::Identity(v) | AnyIdentity::Unknown(v) => {
                v.odata_type = Some(raw.into_boxed_str())
            }
            AnyIdentity::UserIdentity(v) => set_variant_tag(v, raw),
        }
    }
}

impl Serialize for AnyIdentity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            AnyIdentity::Identity(v) | AnyIdentity::Unknown(v) => serialize_object(v, s, None),
            AnyIdentity::UserIdentity(v) => {
                serialize_object(v, s, Some("#microsoft.graph.userIdentity"))
            }
        }
    }
}

impl<'de> Deserialize<'de> for AnyIdentity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_polymorphic(d)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Role {
    Attendee,
    UnknownFutureValue,
    Other(String),
}

impl WireEnum for Role {
    fn from_wire(value: &str) -> Self {
        match value {
            "Attendee" => Role::Attendee,
            "unknownFutureValue" => Role::UnknownFutureValue,
            other => Role::Other(other.to_owned()),
        }
    }
    fn as_wire(&self) -> &str {
        match self {
            Role::Attendee => "Attendee",
            Role::UnknownFutureValue => "unknownFutureValue",
            Role::Other(v) => v,
        }
    }
}

impl Serialize for Role {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_wire_enum(self, s)
    }
}

impl<'de> Deserialize<'de> for Role {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_wire_enum(d)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Record {
    odata_type: Option<Box<str>>,
    identity: Field<AnyIdentity>,
    role: Field<Role>,
    joins: Field<Vec<DateTimeOffset>>,
    additional_properties: AdditionalProperties,
}

impl GraphObject for Record {
    const QUALIFIED_NAME: &'static str = "microsoft.graph.record";
    fn odata_type(&self) -> Option<&str> {
        self.odata_type.as_deref()
    }
    fn set_odata_type(&mut self, raw: String) {
        self.odata_type = Some(raw.into_boxed_str());
    }
    fn additional_properties(&self) -> &AdditionalProperties {
        &self.additional_properties
    }
    fn additional_properties_mut(&mut self) -> &mut AdditionalProperties {
        &mut self.additional_properties
    }
    fn deserialize_property<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        match key {
            "identity" => self.identity = map.next_value()?,
            "role" => self.role = map.next_value()?,
            "joins" => self.joins = map.next_value()?,
            _ => return Ok(false),
        }
        Ok(true)
    }
    fn serialize_properties<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        write_field(map, "identity", &self.identity)?;
        write_field(map, "role", &self.role)?;
        write_field(map, "joins", &self.joins)
    }
}

impl Serialize for Record {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_object(self, s, None)
    }
}

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_object(d)
    }
}

fn round_trip<T: Serialize + for<'de> Deserialize<'de>>(input: &Value) -> (T, Value) {
    let text = input.to_string();
    let model: T = serde_json::from_str(&text).unwrap();
    let back = serde_json::to_value(&model).unwrap();
    (model, back)
}

#[test]
fn absent_null_and_unknown_keys_survive() {
    let input = json!({"role": null, "extra": {"nested": [1, null]}, "@odata.type": "#microsoft.graph.record"});
    let (record, back) = round_trip::<Record>(&input);
    assert!(record.identity.is_absent());
    assert!(record.role.is_null());
    assert_eq!(
        record.odata_type.as_deref(),
        Some("#microsoft.graph.record")
    );
    assert_eq!(back, input);
}

#[test]
fn untagged_identity_is_the_base() {
    let input = json!({"identity": {"id": "1", "displayName": "A", "tenantId": null}});
    let (record, back) = round_trip::<Record>(&input);
    let Some(AnyIdentity::Identity(identity)) = record.identity.value() else {
        panic!("{record:?}")
    };
    assert_eq!(
        identity.additional_properties.get("tenantId"),
        Some(&Value::Null)
    );
    assert_eq!(back, input);
}

#[test]
fn tag_first_streams_into_the_variant() {
    let input = json!({"identity": {"@odata.type": "#microsoft.graph.userIdentity", "id": "1", "signInCount": 4}});
    let (record, back) = round_trip::<Record>(&input);
    let Some(AnyIdentity::UserIdentity(user)) = record.identity.value() else {
        panic!("{record:?}")
    };
    assert_eq!(user.sign_in_count, Some(4));
    assert_eq!(back, input);
}

#[test]
fn late_tag_moves_base_fields_and_replays_the_rest() {
    let input = json!({"identity": {"id": "1", "signInCount": 4, "x": true, "@odata.type": "microsoft.graph.userIdentity", "displayName": "B"}});
    let (record, back) = round_trip::<Record>(&input);
    let Some(AnyIdentity::UserIdentity(user)) = record.identity.value() else {
        panic!("{record:?}")
    };
    assert_eq!(user.id.as_deref(), Some("1"));
    assert_eq!(user.display_name.as_deref(), Some("B"));
    assert_eq!(user.sign_in_count, Some(4));
    assert_eq!(
        user.additional_properties.get("x"),
        Some(&Value::Bool(true))
    );
    assert_eq!(back, input);
}

#[test]
fn unknown_tag_keeps_tag_and_fields() {
    let input = json!({"identity": {"@odata.type": "#microsoft.graph.robotIdentity", "id": "r", "serial": {"n": 7}}});
    let (record, back) = round_trip::<Record>(&input);
    let Some(AnyIdentity::Unknown(robot)) = record.identity.value() else {
        panic!("{record:?}")
    };
    assert_eq!(
        robot.odata_type.as_deref(),
        Some("#microsoft.graph.robotIdentity")
    );
    assert_eq!(
        robot.additional_properties.get("serial"),
        Some(&json!({"n": 7}))
    );
    assert_eq!(back, input);
}

#[test]
fn known_subtype_with_a_bad_field_is_an_error_not_a_fallback() {
    for input in [
        r##"{"@odata.type": "#microsoft.graph.userIdentity", "signInCount": "four"}"##,
        r##"{"signInCount": "four", "@odata.type": "#microsoft.graph.userIdentity"}"##,
        r##"{"@odata.type": "#microsoft.graph.userIdentity", "signInCount": null}"##,
        r##"{"@odata.type": "#microsoft.graph.userIdentity", "signInCount": 4294967296}"##,
    ] {
        let err = serde_json::from_str::<AnyIdentity>(input).unwrap_err();
        assert!(err.to_string().contains("invalid"), "{input}: {err}");
    }
}

#[test]
fn derived_variant_without_tag_writes_its_canonical_tag() {
    let user = AnyIdentity::UserIdentity(UserIdentity {
        sign_in_count: Some(1),
        ..Default::default()
    });
    let json = serde_json::to_value(&user).unwrap();
    assert_eq!(
        json,
        json!({"@odata.type": "#microsoft.graph.userIdentity", "signInCount": 1})
    );
    // Read back, the canonical tag is not stored: the value equals the one built in code.
    assert_eq!(
        serde_json::from_value::<AnyIdentity>(json.clone()).unwrap(),
        user
    );
    assert_eq!(serde_json::from_value::<Generated>(json).unwrap().0, user);
}

#[test]
fn values_built_in_code_equal_themselves_after_a_round_trip_and_tagged_payloads_come_back_unchanged(
) {
    let user = |tag: Option<&str>| {
        AnyIdentity::UserIdentity(UserIdentity {
            odata_type: tag.map(Box::from),
            id: "1".into(),
            sign_in_count: Some(4),
            ..Default::default()
        })
    };
    let base = |tag: Option<&str>| {
        AnyIdentity::Identity(Identity {
            odata_type: tag.map(Box::from),
            id: "1".into(),
            ..Default::default()
        })
    };
    let unknown = AnyIdentity::Unknown(Identity {
        odata_type: Some("#microsoft.graph.robotIdentity".into()),
        ..Default::default()
    });
    for value in [
        user(None),
        user(Some("#Microsoft.Graph.userIdentity")),
        user(Some("microsoft.graph.userIdentity")),
        base(None),
        base(Some("#microsoft.graph.identity")),
        base(Some("#Microsoft.Graph.Identity")),
        unknown,
    ] {
        let text = serde_json::to_string(&value).unwrap();
        let any: AnyIdentity = serde_json::from_str(&text).unwrap();
        assert_eq!(any, value, "{text}");
        let generated: Generated = serde_json::from_str(&text).unwrap();
        assert_eq!(generated.0, value, "{text}");
        assert_eq!(serde_json::to_string(&any).unwrap(), text);
    }
    // A payload that carries the canonical tag comes back byte for byte, first or later.
    let first = r##"{"@odata.type":"#microsoft.graph.userIdentity","id":"1","signInCount":4}"##;
    let late = r##"{"id":"1","signInCount":4,"@odata.type":"#microsoft.graph.userIdentity"}"##;
    for body in [first, late] {
        let any: AnyIdentity = serde_json::from_str(body).unwrap();
        assert_eq!(any, user(None), "{body}");
        assert_eq!(serde_json::to_string(&any).unwrap(), first);
        let generated: Generated = serde_json::from_str(body).unwrap();
        assert_eq!(generated.0, user(None), "{body}");
    }
    // Outside a polymorphic position nothing is written by default, so a tag is kept as sent.
    let plain: UserIdentity = serde_json::from_str(first).unwrap();
    assert_eq!(
        plain.odata_type.as_deref(),
        Some("#microsoft.graph.userIdentity")
    );
    assert_eq!(serde_json::to_string(&plain).unwrap(), first);
}

#[test]
fn unknown_enum_values_are_kept() {
    let input = json!({"role": "Coorganizer"});
    let (record, back) = round_trip::<Record>(&input);
    assert_eq!(
        record.role,
        Field::Present(Role::Other("Coorganizer".into()))
    );
    assert_eq!(back, input);
    assert_eq!(
        serde_json::from_str::<Role>("\"unknownFutureValue\"").unwrap(),
        Role::UnknownFutureValue
    );
    assert!(serde_json::from_str::<Role>("3").is_err());
}

#[test]
fn wire_enums_display_parse_and_borrow_their_wire_text_without_a_trait_import() {
    // `RemovedReason` gets these from `wire_enum!`, as every generated enum does.
    let deleted: RemovedReason = "deleted".parse().unwrap();
    assert_eq!(deleted, RemovedReason::Deleted);
    assert_eq!(deleted.as_str(), "deleted");
    assert_eq!(deleted.to_string(), "deleted");
    assert_eq!(AsRef::<str>::as_ref(&deleted), "deleted");
    // A value the enum does not know keeps its text, whichever way it comes in.
    let later: RemovedReason = "Archived".parse().unwrap();
    assert_eq!(later, RemovedReason::Other("Archived".into()));
    assert_eq!(format!("{later}"), "Archived");
    assert_eq!(serde_json::to_string(&later).unwrap(), r#""Archived""#);
    assert_eq!(
        serde_json::from_str::<RemovedReason>(r#""Archived""#).unwrap(),
        later
    );
}

#[test]
fn timestamps_come_back_byte_for_byte() {
    let text = r##"{"joins":["2021-10-05T04:38:27.6027225Z","2021-10-05T10:08:27+05:30"]}"##;
    let record: Record = serde_json::from_str(text).unwrap();
    assert_eq!(serde_json::to_string(&record).unwrap(), text);
}

#[test]
fn reads_from_a_reader_and_from_a_value() {
    let text =
        r##"{"identity": {"id": "1", "@odata.type": "#microsoft.graph.userIdentity"}, "z": 1}"##;
    let from_reader: Record = serde_json::from_reader(text.as_bytes()).unwrap();
    let from_value: Record = serde_json::from_value(serde_json::from_str(text).unwrap()).unwrap();
    assert_eq!(from_reader, from_value);
    assert!(matches!(
        from_reader.identity,
        Field::Present(AnyIdentity::UserIdentity(_))
    ));
}

#[test]
fn collection_envelope_round_trips() {
    let input = json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#x",
        "@odata.count": 2,
        "@odata.nextLink": "https://graph.microsoft.com/v1.0/x?$skiptoken=1",
        "value": [{"role": "Attendee"}, {"identity": null}],
        "@odata.deltaLink": "d"
    });
    let (page, back) = round_trip::<CollectionResponse<Record>>(&input);
    assert_eq!(page.value.len(), 2);
    assert_eq!(page.odata_count, Some(2));
    assert_eq!(page.odata_delta_link.as_deref(), Some("d"));
    assert_eq!(back, input);
    let missing = serde_json::from_str::<CollectionResponse<Record>>("{}").unwrap_err();
    assert!(
        missing.to_string().contains("missing field `value`"),
        "{missing}"
    );
}

#[test]
fn entity_envelope_round_trips() {
    let input = json!({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#x/$entity", "id": "1", "displayName": null});
    let response: EntityResponse<Identity> = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(response.id.as_deref(), Some("1"));
    assert!(response.display_name.is_null());
    assert_eq!(serde_json::to_value(&response).unwrap(), input);
}

#[test]
fn non_object_inputs_are_errors() {
    assert!(serde_json::from_str::<Record>("[]").is_err());
    assert!(serde_json::from_str::<AnyIdentity>("\"x\"").is_err());
    let err = serde_json::from_str::<Record>(r##"{"identity": 5}"##).unwrap_err();
    assert!(
        err.to_string()
            .contains("microsoft.graph.identity or a derived type"),
        "{err}"
    );
}

impl Serialize for Identity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_object(self, s, None)
    }
}

impl<'de> Deserialize<'de> for Identity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_object(d)
    }
}

mod properties;

/// Numbers no f64 holds exactly, each with the text `Value` would write for it.
const INEXACT_NUMBERS: [&str; 7] = [
    "12345678901234567890123",             // 23 digits
    "18446744073709551616",                // u64::MAX + 1
    "-9223372036854775809",                // i64::MIN - 1
    "0.123456789012345678901234567890",    // 30 digits
    "1.00000000000000000000000000001",     // 1 + 10^-29
    "0.30000000000000001",                 // reads as 0.3
    "123456789012345678901234567890.5e-3", // 33 digits, an exponent
];

#[test]
fn unknown_numbers_no_f64_holds_come_back_with_their_exact_text() {
    for number in INEXACT_NUMBERS {
        let compact = format!(r#"{{"x":{number},"nested":{{"b":[1,{number}],"a":"s"}}}}"#);
        let spaced = format!(
            "{{ \"x\" : {number},\n \"nested\": {{ \"b\" : [ 1, {number} ], \"a\": \"s\" }} }}"
        );
        for text in [&compact, &spaced] {
            let record: Record = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&record).unwrap(), compact, "{text}");
            let from_reader: Record = serde_json::from_reader(text.as_bytes()).unwrap();
            assert_eq!(from_reader, record);
            // Before the tag, in an unknown-typed base, replayed into the variant it names.
            let late_tag = format!(
                r##"{{"x": {number}, "id": "1", "@odata.type": "#microsoft.graph.userIdentity", "y": [{number}]}}"##
            );
            let user: AnyIdentity = serde_json::from_str(&late_tag).unwrap();
            assert_eq!(
                serde_json::to_string(&user).unwrap(),
                format!(
                    r##"{{"@odata.type":"#microsoft.graph.userIdentity","id":"1","x":{number},"y":[{number}]}}"##
                )
            );
            // In an envelope, and in a set read on its own.
            let page = format!(r#"{{"value": [], "@odata.x": {number}}}"#);
            let page: CollectionResponse<Record> = serde_json::from_str(&page).unwrap();
            assert_eq!(
                serde_json::to_string(&page).unwrap(),
                format!(r#"{{"value":[],"@odata.x":{number}}}"#)
            );
            let set: AdditionalProperties = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&set).unwrap(), compact);
        }
    }
}

#[test]
fn an_approximated_unknown_number_is_never_silent() {
    let text =
        r#"{"big": 12345678901234567890123, "small": 1.5, "int": 10, "nested": {"n": [0.1]}}"#;
    let record: Record = serde_json::from_str(text).unwrap();
    let extra = &record.additional_properties;
    // `get` holds what serde_json's `Value` holds; `exact_text` says it is approximate.
    assert_eq!(extra.get("big"), Some(&json!(1.2345678901234568e22)));
    assert_eq!(extra.exact_text("big"), Some("12345678901234567890123"));
    for exact in ["small", "int", "nested", "absent"] {
        assert_eq!(extra.exact_text(exact), None, "{exact}");
    }
    // Two sets that differ only beyond an f64's precision are not equal.
    let other: Record = serde_json::from_str(&text.replace("567890123,", "567890124,")).unwrap();
    assert_eq!(other.additional_properties.get("big"), extra.get("big"));
    assert_ne!(other, record);
    // Setting a value in code replaces the text; `insert_json` keeps one.
    let mut extra = extra.clone();
    extra.insert("big", json!(1));
    assert_eq!(extra.exact_text("big"), None);
    assert_eq!(
        extra.insert_json("big", "1e400").ok(),
        None,
        "out of f64 range"
    );
    extra
        .insert_json("big", "[ 18446744073709551616 ]")
        .unwrap();
    assert_eq!(extra.exact_text("big"), Some("[18446744073709551616]"));
    assert!(extra.insert_json("bad", "[1,").is_err());
    // A tag that is not a string keeps its number too.
    let tagged: Record = serde_json::from_str(r#"{"@odata.type": 18446744073709551616}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&tagged).unwrap(),
        r#"{"@odata.type":18446744073709551616}"#
    );
    // A number outside f64's range is still an error, reported where it is in the document.
    let err = serde_json::from_str::<Record>("{\n\"x\": [1e400]}").unwrap_err();
    assert!(err.to_string().starts_with("number out of range"), "{err}");
    assert_eq!(err.line(), 2, "{err}");
}

/// `AnyIdentity` as the generator writes it: `deserialize_tagged` matches the tag once and
/// streams the rest into the variant's struct (`deserialize_tagged_object`), where the
/// hand-written one above takes the trait's default.
#[derive(Clone, Debug, PartialEq)]
struct Generated(AnyIdentity);

impl Polymorphic for Generated {
    type Base = Identity;
    const TAG_NAMES: &'static [&'static str] = AnyIdentity::TAG_NAMES;
    fn from_base(base: Identity) -> Self {
        Generated(AnyIdentity::from_base(base))
    }
    fn from_tag(raw: String) -> Self {
        Generated(AnyIdentity::from_tag(raw))
    }
    fn merge_base(&mut self, base: Identity) -> AdditionalProperties {
        self.0.merge_base(base)
    }
    fn additional_properties_mut(&mut self) -> &mut AdditionalProperties {
        self.0.additional_properties_mut()
    }
    fn deserialize_property<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        self.0.deserialize_property(key, map)
    }
    fn set_odata_type(&mut self, raw: String) {
        self.0.set_odata_type(raw)
    }
    fn deserialize_tagged<'de, A: MapAccess<'de>>(
        raw: String,
        map: &mut A,
    ) -> Result<Self, A::Error> {
        Ok(Generated(match tag_name(&raw) {
            "microsoft.graph.identity" => {
                AnyIdentity::Identity(deserialize_tagged_object(raw, map)?)
            }
            "microsoft.graph.userIdentity" => {
                AnyIdentity::UserIdentity(deserialize_variant_object(raw, map)?)
            }
            _ => AnyIdentity::Unknown(deserialize_tagged_object(raw, map)?),
        }))
    }
}

impl<'de> Deserialize<'de> for Generated {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_polymorphic(d)
    }
}

#[test]
fn a_second_type_tag_is_an_error_wherever_it_is() {
    let user = r##""@odata.type": "#microsoft.graph.userIdentity""##;
    let email = r##""@odata.type": "#microsoft.graph.emailIdentity""##;
    let bodies = [
        format!("{{{user}, {email}}}"),
        format!("{{{user}, \"id\": \"1\", {email}}}"),
        format!("{{\"id\": \"1\", {user}, {email}}}"),
        format!("{{\"id\": \"1\", {user}, \"x\": 1, {user}}}"),
        format!("{{\"@odata.type\": 5, {user}}}"),
        format!("{{\"id\": \"1\", \"@odata.type\": null, \"x\": 1, {user}}}"),
        format!("{{{user}, \"@odata.type\": [1]}}"),
        r#"{"@odata.type": {}, "@odata.type": false}"#.to_string(),
    ];
    for body in &bodies {
        let expected = "duplicate field `@odata.type`";
        let any = serde_json::from_str::<AnyIdentity>(body).unwrap_err();
        assert!(any.to_string().starts_with(expected), "{body}: {any}");
        let generated = serde_json::from_str::<Generated>(body).unwrap_err();
        assert!(
            generated.to_string().starts_with(expected),
            "{body}: {generated}"
        );
        let plain = serde_json::from_str::<Identity>(body).unwrap_err();
        assert!(plain.to_string().starts_with(expected), "{body}: {plain}");
        let nested = format!("{{\"identity\": {body}}}");
        let record = serde_json::from_str::<Record>(&nested).unwrap_err();
        assert!(
            record.to_string().starts_with(expected),
            "{nested}: {record}"
        );
        let entity = format!("{{\"@odata.context\": \"c\", {}", &body[1..]);
        let response = serde_json::from_str::<EntityResponse<Identity>>(&entity).unwrap_err();
        assert!(
            response.to_string().starts_with(expected),
            "{entity}: {response}"
        );
    }
    // One tag, string or not, is read as before.
    let one: Generated = serde_json::from_str(&format!("{{\"id\": \"1\", {user}}}")).unwrap();
    assert!(matches!(one.0, AnyIdentity::UserIdentity(_)));
    let other: Identity = serde_json::from_str(r#"{"@odata.type": 5}"#).unwrap();
    assert_eq!(other.additional_properties.get(ODATA_TYPE), Some(&json!(5)));
}

#[test]
fn a_tag_differing_only_in_case_dispatches_to_the_known_type_and_keeps_its_text() {
    for tag in [
        "#Microsoft.Graph.userIdentity",
        "#MICROSOFT.GRAPH.USERIDENTITY",
        "microsoft.graph.useridentity",
    ] {
        let first = format!(r#"{{"@odata.type": "{tag}", "id": "1", "signInCount": 4}}"#);
        let late = format!(r#"{{"id": "1", "signInCount": 4, "@odata.type": "{tag}"}}"#);
        for body in [&first, &late] {
            let any: AnyIdentity = serde_json::from_str(body).unwrap();
            let generated: Generated = serde_json::from_str(body).unwrap();
            assert_eq!(generated.0, any);
            let AnyIdentity::UserIdentity(user) = &any else {
                panic!("{body}: {any:?}")
            };
            assert_eq!(user.sign_in_count, Some(4));
            assert_eq!(user.odata_type.as_deref(), Some(tag));
            assert_eq!(
                serde_json::to_value(&any).unwrap(),
                serde_json::from_str::<Value>(body).unwrap()
            );
        }
    }
    // Only a tag that differs from exactly one known name, and only in ASCII case, is moved.
    use crate::polymorphic::case_variant;
    let names = AnyIdentity::TAG_NAMES;
    assert_eq!(case_variant(names, "#microsoft.graph.userIdentity"), None);
    assert_eq!(
        case_variant(names, "#Microsoft.Graph.UserIdentity"),
        Some("microsoft.graph.userIdentity")
    );
    assert_eq!(case_variant(names, "#microsoft.graph.userIdentityX"), None);
    assert_eq!(case_variant(names, "#microsoft.graph.üserIdentity"), None);
    assert_eq!(case_variant(&[], "#Microsoft.Graph.UserIdentity"), None);
    assert_eq!(case_variant(&["a.B", "a.b"], "#A.b"), None, "ambiguous");
    assert_eq!(case_variant(&["a.B", "a.b"], "#a.b"), None, "exact");
    // A tag that matches no known name, whatever its case, is still unknown.
    let robot: AnyIdentity =
        serde_json::from_str(r##"{"@odata.type": "#Microsoft.Graph.robotIdentity"}"##).unwrap();
    assert!(matches!(robot, AnyIdentity::Unknown(_)));
}

#[test]
fn a_null_next_link_reads_and_writes_back() {
    let text = r#"{"@odata.nextLink":null,"value":[]}"#;
    let page: CollectionResponse<Record> = serde_json::from_str(text).unwrap();
    assert_eq!(serde_json::to_string(&page).unwrap(), text);
    assert!(page.additional_properties.is_empty());
}

#[test]
fn the_delta_link_is_a_field_of_the_page() {
    let text = r#"{"value":[],"@odata.deltaLink":"https://graph.microsoft.com/v1.0/x/delta?$deltatoken=1"}"#;
    let page: CollectionResponse<Record> = serde_json::from_str(text).unwrap();
    assert_eq!(page.additional_properties.get("@odata.deltaLink"), None);
    assert_eq!(serde_json::to_string(&page).unwrap(), text);
}

#[test]
fn removed_entries_of_a_delta_page_are_typed_and_kept_in_place() {
    let text = concat!(
        r##"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#x","value":["##,
        r##"{"role":"Attendee"},"##,
        r##"{"@odata.type":"#microsoft.graph.record","@removed":{"reason":"deleted"}},"##,
        r##"{"role":null,"@removed":{"reason":"changed","since":12345678901234567890123}},"##,
        r##"{"@removed":{"reason":"archived"}},{"@removed":{}},{"@removed":true}],"##,
        r##""@odata.deltaLink":"https://graph.microsoft.com/v1.0/x/delta?$deltatoken=2"}"##
    );
    let page: CollectionResponse<Record> = serde_json::from_str(text).unwrap();
    assert_eq!(serde_json::to_string(&page).unwrap(), text);
    assert_eq!(
        page.odata_delta_link.as_deref(),
        Some("https://graph.microsoft.com/v1.0/x/delta?$deltatoken=2")
    );
    let removed: Vec<_> = page.removed().map(|(i, r)| (i, r.ok())).collect();
    let reason = |r: RemovedReason| Removed {
        reason: Field::Present(r),
        ..Removed::default()
    };
    let mut since = AdditionalProperties::new();
    since
        .insert_json("since", "12345678901234567890123")
        .unwrap();
    assert_eq!(
        removed,
        [
            (1, Some(reason(RemovedReason::Deleted))),
            (
                2,
                Some(Removed {
                    reason: Field::Present(RemovedReason::Changed),
                    additional_properties: since,
                })
            ),
            (3, Some(reason(RemovedReason::Other("archived".into())))),
            (4, Some(Removed::default())),
            (5, None),
        ]
    );
    assert!(Removed::of(&page.value[0].additional_properties).is_none());
    // Written from code, an annotation goes where a model keeps it.
    let mut record = Record::default();
    record.additional_properties.insert(
        Removed::KEY,
        serde_json::to_value(reason(RemovedReason::Deleted)).unwrap(),
    );
    assert_eq!(
        serde_json::to_string(&record).unwrap(),
        r#"{"@removed":{"reason":"deleted"}}"#
    );
}

/// docs.rs documents every feature with `--cfg docsrs`, each item behind a feature says which
/// (`doc(cfg)`), and the functions only generated code calls are hidden.
#[test]
fn docs_mark_features_and_hide_plumbing() {
    let manifest = include_str!("../Cargo.toml");
    assert!(
        manifest.contains(
            "[package.metadata.docs.rs]\nall-features = true\nrustdoc-args = [\"--cfg\", \"docsrs\"]"
        ),
        "Cargo.toml lacks the docs.rs metadata"
    );
    let lib = include_str!("lib.rs");
    assert!(lib.contains("#![cfg_attr(docsrs, feature(doc_cfg))]"));
    // Every `impl` in a feature's module names that feature for the docs.
    let scalars = include_str!("scalars.rs");
    let mut impls = 0;
    for feature in ["time", "chrono"] {
        let module = scalars
            .split(&format!(
                "#[cfg(feature = \"{feature}\")]\nmod with_{feature} {{"
            ))
            .nth(1)
            .and_then(|rest| rest.split("\n}\n").next())
            .unwrap_or_else(|| panic!("no module with_{feature}"));
        let lines: Vec<&str> = module.lines().collect();
        for (at, line) in lines.iter().enumerate() {
            if line.starts_with("    impl") {
                impls += 1;
                let attr = format!("    #[cfg_attr(docsrs, doc(cfg(feature = \"{feature}\")))]");
                assert_eq!(
                    lines.get(at.wrapping_sub(1)),
                    Some(&attr.as_str()),
                    "{line}"
                );
            }
        }
    }
    assert!(impls >= 14, "{impls} impls found");
    // Plumbing: everything the generated code calls that a user does not.
    let plumbing = [
        "write_field",
        "write_option",
        "deserialize_object",
        "deserialize_tagged_object",
        "deserialize_variant_object",
        "serialize_object",
        "set_variant_tag",
        "deserialize_polymorphic",
        "tag_name",
        "deserialize_wire_enum",
        "serialize_wire_enum",
    ];
    let hidden: String = lib
        .split("#[doc(hidden)]\npub use ")
        .skip(1)
        .map(|item| item.split(';').next().unwrap_or_default())
        .collect();
    for name in plumbing {
        assert!(
            hidden.contains(name),
            "{name} is not re-exported under #[doc(hidden)]"
        );
        let visible = lib
            .split("#[doc(hidden)]\npub use ")
            .next()
            .unwrap_or_default();
        assert!(
            !visible.contains(name),
            "{name} is also re-exported visibly"
        );
    }
    assert!(include_str!("wire_enum.rs")
        .contains("#[macro_export]\n#[doc(hidden)]\nmacro_rules! wire_enum"));
    assert!(lib.contains("#[doc(hidden)]\npub mod __private"));
}
