//! [`AdditionalProperties`]: the JSON properties a model does not know, kept in wire order.

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// Properties that arrived in a JSON object but are not in the documentation, in the order they
/// arrived. They are written back after the known properties, so nothing the service sent is lost.
///
/// Kept as a list rather than a `serde_json::Map` so the wire order survives without asking every
/// user of `serde_json` to turn on its `preserve_order` feature. The list sits behind one
/// pointer, allocated only when a property arrives: every generated struct carries one, and
/// almost all stay empty, so an empty set costs 8 bytes instead of a 24-byte `Vec`.
#[derive(Clone, Debug, Default)]
pub struct AdditionalProperties {
    // A thin box on purpose: `Vec` alone is three words in every struct.
    #[allow(clippy::box_collection)]
    entries: Option<Box<Vec<(String, Value)>>>,
}

impl PartialEq for AdditionalProperties {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl AdditionalProperties {
    /// An empty set.
    pub fn new() -> Self {
        AdditionalProperties::default()
    }

    fn as_slice(&self) -> &[(String, Value)] {
        self.entries.as_deref().map_or(&[], Vec::as_slice)
    }

    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_slice()
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// Sets `key` to `value`, keeping its position if it is already present (so a repeated key
    /// keeps the last value, as `serde_json` does). Returns the previous value.
    pub fn insert(&mut self, key: impl Into<String>, value: Value) -> Option<Value> {
        let key = key.into();
        let entries = self.entries.get_or_insert_with(Box::default);
        match entries.iter_mut().find(|(k, _)| *k == key) {
            Some((_, slot)) => Some(std::mem::replace(slot, value)),
            None => {
                entries.push((key, value));
                None
            }
        }
    }

    /// Removes `key`, returning its value.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let entries = self.entries.as_mut()?;
        let index = entries.iter().position(|(k, _)| k == key)?;
        Some(entries.remove(index).1)
    }

    /// The entries in wire order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Value)> {
        self.as_slice().iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.as_slice().len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }
}

impl IntoIterator for AdditionalProperties {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries
            .map_or_else(Vec::new, |entries| *entries)
            .into_iter()
    }
}

impl FromIterator<(String, Value)> for AdditionalProperties {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        let mut out = AdditionalProperties::new();
        for (k, v) in iter {
            out.insert(k, v);
        }
        out
    }
}

impl Serialize for AdditionalProperties {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (k, v) in self.as_slice() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for AdditionalProperties {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedMap;
        impl<'de> Visitor<'de> for OrderedMap {
            type Value = AdditionalProperties;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = AdditionalProperties::new();
                while let Some((k, v)) = map.next_entry::<String, Value>()? {
                    out.insert(k, v);
                }
                Ok(out)
            }
        }
        deserializer.deserialize_map(OrderedMap)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keeps_wire_order_and_last_value() {
        let extra: AdditionalProperties =
            serde_json::from_str(r#"{"z": 1, "a": 2, "z": 3}"#).unwrap();
        let keys: Vec<_> = extra.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["z", "a"]);
        assert_eq!(extra.get("z"), Some(&json!(3)));
        assert_eq!(serde_json::to_string(&extra).unwrap(), r#"{"z":3,"a":2}"#);
    }

    #[test]
    fn emptied_equals_never_filled_and_costs_one_pointer() {
        let mut extra = AdditionalProperties::new();
        extra.insert("a", json!(1));
        assert_eq!(extra.remove("a"), Some(json!(1)));
        assert_eq!(extra, AdditionalProperties::new());
        assert!(extra.is_empty());
        assert_eq!(
            std::mem::size_of::<AdditionalProperties>(),
            std::mem::size_of::<usize>()
        );
    }
}
