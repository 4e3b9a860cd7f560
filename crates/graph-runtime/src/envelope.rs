//! Response envelopes: what Graph wraps around a collection or a single entity, and the
//! `@removed` annotation of delta entries.

use std::fmt;
use std::marker::PhantomData;

use super::exact::Unknown;
use super::object::{read_entry, write_object_entries, Key};
use super::{write_field, AdditionalProperties, Field, GraphObject, WireEnum};
use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

const CONTEXT: &str = "@odata.context";
const COUNT: &str = "@odata.count";
const NEXT_LINK: &str = "@odata.nextLink";
const DELTA_LINK: &str = "@odata.deltaLink";
const VALUE: &str = "value";

/// A page of a collection: `{"@odata.context", "@odata.count", "@odata.nextLink", "value": [...],
/// "@odata.deltaLink"}`.
///
/// ```
/// use graph_runtime::CollectionResponse;
///
/// let page: CollectionResponse<i32> =
///     serde_json::from_str(r#"{"@odata.nextLink": "https://next", "value": [1, 2]}"#).unwrap();
/// assert_eq!(page.value, [1, 2]);
/// assert_eq!(page.odata_next_link.as_deref(), Some("https://next"));
/// ```
///
/// A page of a delta query carries, besides items that were added or changed, entries for items
/// that left the collection: `{"@removed": {"reason": "deleted"}, "id": "..."}`. Those stay in
/// `value` where they were (as items holding little more than their `id`), with `@removed` among
/// the item's additional properties, so the page is written back as it came; [`Removed`] reads
/// the annotation, and [`CollectionResponse::removed`] lists the entries that carry one.
#[derive(Clone, Debug, PartialEq)]
pub struct CollectionResponse<T> {
    /// `@odata.context`: the metadata URL describing the payload.
    pub odata_context: Option<String>,
    /// `@odata.count`: the total number of items, when `$count=true` was asked.
    pub odata_count: Option<i64>,
    /// `@odata.nextLink`: the URL of the next page, if there is one. `Null` when the service
    /// sent `null` (no next page, as when absent), so it is written back as sent.
    pub odata_next_link: Field<String>,
    /// `@odata.deltaLink`: on the last page of a delta query, the URL that returns the changes
    /// made after this one. `Null` when the service sent `null`.
    pub odata_delta_link: Field<String>,
    /// The items of this page.
    pub value: Vec<T>,
    /// Other keys of the envelope, in wire order.
    pub additional_properties: AdditionalProperties,
}

impl<T> Default for CollectionResponse<T> {
    fn default() -> Self {
        CollectionResponse {
            odata_context: None,
            odata_count: None,
            odata_next_link: Field::Absent,
            odata_delta_link: Field::Absent,
            value: Vec::new(),
            additional_properties: AdditionalProperties::new(),
        }
    }
}

impl<T: Serialize> Serialize for CollectionResponse<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(context) = &self.odata_context {
            map.serialize_entry(CONTEXT, context)?;
        }
        if let Some(count) = &self.odata_count {
            map.serialize_entry(COUNT, count)?;
        }
        write_field(&mut map, NEXT_LINK, &self.odata_next_link)?;
        map.serialize_entry(VALUE, &self.value)?;
        write_field(&mut map, DELTA_LINK, &self.odata_delta_link)?;
        self.additional_properties.serialize_entries(&mut map)?;
        map.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for CollectionResponse<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PageVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for PageVisitor<T> {
            type Value = CollectionResponse<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a collection response object with a `value` array")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = CollectionResponse::default();
                let mut value = None;
                while let Some(Key(key)) = map.next_key()? {
                    match &*key {
                        CONTEXT => out.odata_context = Some(map.next_value()?),
                        COUNT => out.odata_count = Some(map.next_value()?),
                        NEXT_LINK => out.odata_next_link = map.next_value()?,
                        DELTA_LINK => out.odata_delta_link = map.next_value()?,
                        VALUE => value = Some(map.next_value()?),
                        _ => {
                            let v: Unknown = map.next_value()?;
                            out.additional_properties
                                .insert_unknown(key.into_owned(), v);
                        }
                    }
                }
                out.value = value.ok_or_else(|| de::Error::missing_field(VALUE))?;
                Ok(out)
            }
        }
        deserializer.deserialize_map(PageVisitor(PhantomData))
    }
}

/// A single entity or complex value as a response body, with its `@odata.context`.
///
/// Derefs to the entity, so `response.id` reads the entity's field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EntityResponse<T> {
    /// `@odata.context`: the metadata URL describing the payload.
    pub odata_context: Option<String>,
    /// The entity itself.
    pub entity: T,
}

impl<T> std::ops::Deref for EntityResponse<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.entity
    }
}

impl<T> std::ops::DerefMut for EntityResponse<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.entity
    }
}

impl<T: GraphObject> Serialize for EntityResponse<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(context) = &self.odata_context {
            map.serialize_entry(CONTEXT, context)?;
        }
        write_object_entries(&self.entity, &mut map, None)?;
        map.end()
    }
}

impl<'de, T: GraphObject> Deserialize<'de> for EntityResponse<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntityVisitor<T>(PhantomData<T>);
        impl<'de, T: GraphObject> Visitor<'de> for EntityVisitor<T> {
            type Value = EntityResponse<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a JSON object ({})", T::QUALIFIED_NAME)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = EntityResponse::default();
                while let Some(Key(key)) = map.next_key()? {
                    if key == CONTEXT {
                        out.odata_context = Some(map.next_value()?);
                    } else {
                        read_entry(&mut out.entity, &key, &mut map)?;
                    }
                }
                Ok(out)
            }
        }
        deserializer.deserialize_map(EntityVisitor(PhantomData))
    }
}

impl<T: GraphObject> CollectionResponse<T> {
    /// The entries of a delta page that report an item removed from the collection, as
    /// `(index in value, annotation)`; an annotation that is not an object with a string
    /// `reason` is an error. Every other entry is an item added or changed. For a polymorphic
    /// `T` (an `Any*` enum), use [`Removed::of`] on each item's `additional_properties()`.
    pub fn removed(
        &self,
    ) -> impl Iterator<Item = (usize, Result<Removed, serde_json::Error>)> + '_ {
        self.value
            .iter()
            .enumerate()
            .filter_map(|(i, item)| Removed::of(item.additional_properties()).map(|r| (i, r)))
    }
}

/// The `@removed` annotation on an entry of a delta response: the item left the collection.
///
/// ```
/// use graph_runtime::{AdditionalProperties, Field, Removed, RemovedReason};
///
/// let entry: AdditionalProperties =
///     serde_json::from_str(r#"{"@removed": {"reason": "deleted"}}"#).unwrap();
/// let removed = Removed::of(&entry).unwrap().unwrap();
/// assert_eq!(removed.reason, Field::Present(RemovedReason::Deleted));
/// assert!(Removed::of(&AdditionalProperties::new()).is_none());
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Removed {
    /// `reason`: why the item left.
    pub reason: Field<RemovedReason>,
    /// Other keys of the annotation, in wire order.
    pub additional_properties: AdditionalProperties,
}

impl Removed {
    /// The key of the annotation on a delta entry.
    pub const KEY: &'static str = "@removed";

    /// The annotation among an entry's additional properties (where a model keeps `@removed`):
    /// `None` for an entry without one, an error for one that is not an object whose `reason`
    /// is a string.
    pub fn of(
        additional_properties: &AdditionalProperties,
    ) -> Option<Result<Removed, serde_json::Error>> {
        additional_properties.read_as(Self::KEY)
    }
}

impl Serialize for Removed {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        write_field(&mut map, "reason", &self.reason)?;
        self.additional_properties.serialize_entries(&mut map)?;
        map.end()
    }
}

impl<'de> Deserialize<'de> for Removed {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RemovedVisitor;
        impl<'de> Visitor<'de> for RemovedVisitor {
            type Value = Removed;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an `@removed` object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Removed, A::Error> {
                let mut out = Removed::default();
                while let Some(Key(key)) = map.next_key()? {
                    if key == "reason" {
                        out.reason = map.next_value()?;
                    } else {
                        let v: Unknown = map.next_value()?;
                        out.additional_properties
                            .insert_unknown(key.into_owned(), v);
                    }
                }
                Ok(out)
            }
        }
        deserializer.deserialize_map(RemovedVisitor)
    }
}

/// Why a delta entry's item left the collection.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RemovedReason {
    /// Wire value `changed`: the item is out of the collection for now (moved out of scope, no
    /// longer matching); it may come back.
    Changed,
    /// Wire value `deleted`: the item was deleted.
    Deleted,
    /// A value this crate does not know, kept as sent.
    Other(String),
}

impl WireEnum for RemovedReason {
    fn from_wire(value: &str) -> Self {
        match value {
            "changed" => RemovedReason::Changed,
            "deleted" => RemovedReason::Deleted,
            other => RemovedReason::Other(other.to_owned()),
        }
    }
    fn as_wire(&self) -> &str {
        match self {
            RemovedReason::Changed => "changed",
            RemovedReason::Deleted => "deleted",
            RemovedReason::Other(other) => other,
        }
    }
}

crate::wire_enum!(RemovedReason);
