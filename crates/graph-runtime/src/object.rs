//! [`GraphObject`]: the one visitor and one writer that every generated struct goes through.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serializer};

use super::exact::{deserialize_text_or, without_position, TextOr, Unknown, UnknownVisitor};
use super::AdditionalProperties;

/// The JSON key that names an object's type.
pub const ODATA_TYPE: &str = "@odata.type";

/// A Graph structured type (entity or complex) as generated from the documentation.
///
/// Generated code implements this; [`deserialize_object`] and [`serialize_object`] do the rest.
/// The visitor streams each key straight into its field: nothing is buffered.
pub trait GraphObject: Default {
    /// Qualified Graph name, e.g. `microsoft.graph.attendanceRecord`.
    const QUALIFIED_NAME: &'static str;

    /// The `@odata.type` annotation as received (e.g. `#microsoft.graph.x`), if any.
    fn odata_type(&self) -> Option<&str>;

    /// Records the `@odata.type` annotation as received.
    fn set_odata_type(&mut self, raw: String);

    /// Properties the documentation does not list, in wire order.
    fn additional_properties(&self) -> &AdditionalProperties;

    /// Properties the documentation does not list, mutably.
    fn additional_properties_mut(&mut self) -> &mut AdditionalProperties;

    /// Reads the value of the known property `key` from `map` into `self`.
    ///
    /// Returns `Ok(false)` without touching `map` when `key` is not a known property.
    fn deserialize_property<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error>;

    /// Writes every known property that is not absent (not `@odata.type`, not the additional ones).
    fn serialize_properties<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
}

/// Something that takes the entries of one JSON object: a struct, or a polymorphic enum
/// forwarding to its variant.
pub(crate) trait EntrySink {
    /// Whether an `@odata.type` was read already (a string tag, or any other value kept as an
    /// additional property).
    fn has_tag(&self) -> bool;
    fn set_odata_type(&mut self, raw: String);
    fn additional_properties_mut(&mut self) -> &mut AdditionalProperties;
    fn deserialize_property<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error>;
}

impl<T: GraphObject> EntrySink for T {
    fn has_tag(&self) -> bool {
        has_tag(self)
    }
    fn set_odata_type(&mut self, raw: String) {
        GraphObject::set_odata_type(self, raw)
    }
    fn additional_properties_mut(&mut self) -> &mut AdditionalProperties {
        GraphObject::additional_properties_mut(self)
    }
    fn deserialize_property<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        GraphObject::deserialize_property(self, key, map)
    }
}

/// Whether `object` holds an `@odata.type` already: its tag, or a tag that was not a string.
pub(crate) fn has_tag<T: GraphObject>(object: &T) -> bool {
    object.odata_type().is_some() || object.additional_properties().contains_key(ODATA_TYPE)
}

/// The error for a second `@odata.type` in one object: an object has one type, and taking
/// either tag would silently drop the other.
pub(crate) fn second_tag<E: de::Error>() -> E {
    E::duplicate_field(ODATA_TYPE)
}

/// Reads the value that belongs to `key` into `sink`: the type tag, a known property, or an
/// additional property. A second `@odata.type` is an error.
pub(crate) fn read_entry<'de, S: EntrySink, A: MapAccess<'de>>(
    sink: &mut S,
    key: &str,
    map: &mut A,
) -> Result<(), A::Error> {
    if !sink.deserialize_property(key, map)? {
        if key == ODATA_TYPE {
            if sink.has_tag() {
                return Err(second_tag());
            }
            match map.next_value::<TagValue>()? {
                TagValue::Tag(raw) => sink.set_odata_type(raw),
                TagValue::Other(other) => {
                    sink.additional_properties_mut()
                        .insert_unknown(key.to_owned(), other);
                }
            }
            return Ok(());
        }
        let value = map.next_value::<Unknown>()?;
        sink.additional_properties_mut()
            .insert_unknown(key.to_owned(), value);
    }
    Ok(())
}

/// The value of an `@odata.type` key: a string (the tag) read straight into a `String`, or any
/// other JSON value, kept as it came (numbers exactly, as any unknown value).
pub(crate) enum TagValue {
    Tag(String),
    Other(Unknown),
}

impl<'de> Deserialize<'de> for TagValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_text_or(deserializer, TagVisitor)
    }
}

struct TagVisitor;

impl<'de> TextOr<'de> for TagVisitor {
    fn visit_text<E: de::Error>(self, text: &str) -> Result<TagValue, E> {
        let parse = |e: serde_json::Error| E::custom(without_position(&e));
        match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            // A string without escapes (every tag Graph writes) is its own text; serde_json
            // validated it, so a `"` inside one is always escaped.
            Some(plain) if !plain.as_bytes().contains(&b'\\') => {
                Ok(TagValue::Tag(plain.to_owned()))
            }
            Some(_) => serde_json::from_str(text).map(TagValue::Tag).map_err(parse),
            None => UnknownVisitor.visit_text(text).map(TagValue::Other),
        }
    }
}

/// A string is the tag; any other value is read as an unknown value would be.
impl<'de> Visitor<'de> for TagVisitor {
    type Value = TagValue;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<TagValue, E> {
        Ok(TagValue::Tag(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<TagValue, E> {
        Ok(TagValue::Tag(v))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<TagValue, E> {
        UnknownVisitor.visit_bool(v).map(TagValue::Other)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<TagValue, E> {
        UnknownVisitor.visit_i64(v).map(TagValue::Other)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<TagValue, E> {
        UnknownVisitor.visit_u64(v).map(TagValue::Other)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<TagValue, E> {
        UnknownVisitor.visit_f64(v).map(TagValue::Other)
    }
    fn visit_unit<E: de::Error>(self) -> Result<TagValue, E> {
        UnknownVisitor.visit_unit().map(TagValue::Other)
    }
    fn visit_none<E: de::Error>(self) -> Result<TagValue, E> {
        UnknownVisitor.visit_none().map(TagValue::Other)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<TagValue, D::Error> {
        UnknownVisitor.visit_some(d).map(TagValue::Other)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<TagValue, A::Error> {
        UnknownVisitor.visit_seq(seq).map(TagValue::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<TagValue, A::Error> {
        UnknownVisitor.visit_map(map).map(TagValue::Other)
    }
}

/// A JSON object key, borrowed from the input when the deserializer allows it.
pub(crate) struct Key<'de>(pub(crate) Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a property name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Deserializes a JSON object into `T`, streaming every key into its field. Called by the
/// generated `Deserialize` impls.
pub fn deserialize_object<'de, T: GraphObject, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor::<T>(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: GraphObject> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a JSON object ({})", T::QUALIFIED_NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut out = T::default();
        read_entries(&mut out, &mut map)?;
        Ok(out)
    }
}

/// Reads every remaining entry of `map` into `out`.
pub(crate) fn read_entries<'de, S: EntrySink, A: MapAccess<'de>>(
    out: &mut S,
    map: &mut A,
) -> Result<(), A::Error> {
    while let Some(Key(key)) = map.next_key()? {
        read_entry(out, &key, map)?;
    }
    Ok(())
}

/// Reads the rest of an object whose `@odata.type` (`raw`) came first into a fresh `T`. Called
/// by the generated [`Polymorphic::deserialize_tagged`](super::Polymorphic::deserialize_tagged)
/// impls, once per variant type, so every key after the tag streams into the concrete struct.
pub fn deserialize_tagged_object<'de, T: GraphObject, A: MapAccess<'de>>(
    raw: String,
    map: &mut A,
) -> Result<T, A::Error> {
    let mut out = T::default();
    out.set_odata_type(raw);
    read_entries(&mut out, map)?;
    Ok(out)
}

/// Reads the rest of an object whose `@odata.type` (`raw`) came first into a fresh `T`, a
/// derived variant of an `Any*` enum: like [`deserialize_tagged_object`], but a tag that is
/// `T`'s own canonical one (`#` and its qualified name, exactly) is not stored
/// ([`set_variant_tag`]). Called by the generated
/// [`Polymorphic::deserialize_tagged`](super::Polymorphic::deserialize_tagged) impls for every
/// derived variant. A second `@odata.type` is still an error, the tag having been read.
pub fn deserialize_variant_object<'de, T: GraphObject, A: MapAccess<'de>>(
    raw: String,
    map: &mut A,
) -> Result<T, A::Error> {
    let mut out = T::default();
    set_variant_tag(&mut out, raw);
    read_entries(&mut Tagged(&mut out), map)?;
    Ok(out)
}

/// Records the tag `raw` on `variant`, a derived variant of an `Any*` enum, unless it is the
/// variant's own canonical tag (`#` and `T::QUALIFIED_NAME`, exactly).
///
/// The enum writes that tag for a derived variant whose `odata_type` is `None`, so storing it
/// would make a value built in code (`odata_type: None`) differ from itself read back, for the
/// same bytes on the wire. Any other text (a case variant, a tag without `#`) is stored and
/// written back as received. Called by the generated `Polymorphic::set_odata_type` impls.
#[inline]
pub fn set_variant_tag<T: GraphObject>(variant: &mut T, raw: String) {
    if !is_canonical_tag::<T>(&raw) {
        variant.set_odata_type(raw);
    }
}

/// Whether `raw` is exactly `#` followed by `T`'s qualified name.
#[inline]
fn is_canonical_tag<T: GraphObject>(raw: &str) -> bool {
    raw.strip_prefix('#') == Some(T::QUALIFIED_NAME)
}

/// A struct whose object's tag was read already (and perhaps not stored): a second tag is an
/// error.
struct Tagged<'a, T>(&'a mut T);

impl<T: GraphObject> EntrySink for Tagged<'_, T> {
    fn has_tag(&self) -> bool {
        true
    }
    fn set_odata_type(&mut self, raw: String) {
        GraphObject::set_odata_type(self.0, raw)
    }
    fn additional_properties_mut(&mut self) -> &mut AdditionalProperties {
        GraphObject::additional_properties_mut(self.0)
    }
    fn deserialize_property<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        GraphObject::deserialize_property(self.0, key, map)
    }
}

/// Serializes `value` as a JSON object: `@odata.type` first (the received one, else
/// `default_tag`), then the known properties, then the additional ones. Called by the generated
/// `Serialize` impls.
pub fn serialize_object<T: GraphObject, S: Serializer>(
    value: &T,
    serializer: S,
    default_tag: Option<&str>,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    write_object_entries(value, &mut map, default_tag)?;
    map.end()
}

/// Writes the entries of `value` into an open map (see [`serialize_object`]).
pub(crate) fn write_object_entries<T: GraphObject, M: SerializeMap>(
    value: &T,
    map: &mut M,
    default_tag: Option<&str>,
) -> Result<(), M::Error> {
    if let Some(tag) = value.odata_type().or(default_tag) {
        map.serialize_entry(ODATA_TYPE, tag)?;
    }
    value.serialize_properties(map)?;
    value.additional_properties().serialize_entries(map)
}

/// A one-entry map over a value kept aside, so a buffered property can be read through the same
/// [`GraphObject::deserialize_property`] as a streamed one: from its exact text when it has one
/// (so a number reads as it would have streamed), else from its `Value`.
pub(crate) struct ReplayEntry {
    value: Option<Unknown>,
}

impl ReplayEntry {
    pub(crate) fn new(value: Unknown) -> Self {
        ReplayEntry { value: Some(value) }
    }

    /// The value, if the property reader did not take it.
    pub(crate) fn into_unread(self) -> Option<Unknown> {
        self.value
    }
}

impl<'de> MapAccess<'de> for ReplayEntry {
    type Error = serde_json::Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        _seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        Ok(None)
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        match self.value.take() {
            Some(Unknown {
                exact: Some(exact), ..
            }) => {
                // A reader, not `from_str`: the seed may want to borrow for any `'de`.
                let mut text = serde_json::Deserializer::from_reader(exact.get().as_bytes());
                let value = seed.deserialize(&mut text)?;
                text.end()?;
                Ok(value)
            }
            Some(Unknown { value, exact: None }) => seed.deserialize(value),
            None => Err(de::Error::custom("property value read twice")),
        }
    }
}
