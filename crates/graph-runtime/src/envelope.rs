//! Response envelopes: what Graph wraps around a collection or a single entity.

use std::fmt;
use std::marker::PhantomData;

use super::exact::Unknown;
use super::object::{read_entry, write_object_entries, Key};
use super::{AdditionalProperties, GraphObject};
use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

const CONTEXT: &str = "@odata.context";
const COUNT: &str = "@odata.count";
const NEXT_LINK: &str = "@odata.nextLink";
const VALUE: &str = "value";

/// A page of a collection: `{"@odata.context", "@odata.count", "@odata.nextLink", "value": [...]}`.
///
/// ```
/// use graph_runtime::CollectionResponse;
///
/// let page: CollectionResponse<i32> =
///     serde_json::from_str(r#"{"@odata.nextLink": "https://next", "value": [1, 2]}"#).unwrap();
/// assert_eq!(page.value, [1, 2]);
/// assert_eq!(page.odata_next_link.as_deref(), Some("https://next"));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct CollectionResponse<T> {
    /// `@odata.context`: the metadata URL describing the payload.
    pub odata_context: Option<String>,
    /// `@odata.count`: the total number of items, when `$count=true` was asked.
    pub odata_count: Option<i64>,
    /// `@odata.nextLink`: the URL of the next page, if there is one.
    pub odata_next_link: Option<String>,
    /// The items of this page.
    pub value: Vec<T>,
    /// Other keys of the envelope (e.g. `@odata.deltaLink`), in wire order.
    pub additional_properties: AdditionalProperties,
}

impl<T> Default for CollectionResponse<T> {
    fn default() -> Self {
        CollectionResponse {
            odata_context: None,
            odata_count: None,
            odata_next_link: None,
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
        if let Some(next) = &self.odata_next_link {
            map.serialize_entry(NEXT_LINK, next)?;
        }
        map.serialize_entry(VALUE, &self.value)?;
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
                        NEXT_LINK => out.odata_next_link = Some(map.next_value()?),
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
