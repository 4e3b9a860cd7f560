//! [`AdditionalProperties`]: the JSON properties a model does not know, kept in wire order.

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::Value;

use super::exact::Unknown;

/// Properties that arrived in a JSON object but are not in the documentation, in the order they
/// arrived. They are written back after the known properties, so nothing the service sent is lost.
///
/// Kept as a list rather than a `serde_json::Map` so the wire order survives without asking every
/// user of `serde_json` to turn on its `preserve_order` feature. The list sits behind one
/// pointer, allocated only when a property arrives: every generated struct carries one, and
/// almost all stay empty, so an empty set costs 8 bytes instead of a 24-byte `Vec`.
///
/// A key that arrives twice keeps its first position and its last value, as `serde_json` does.
/// Looking a key up, and so inserting one, takes constant time however many keys there are:
/// past a few keys the list is indexed by a hash of each key (keyed per set with std's
/// `RandomState`, so a sender cannot choose keys that collide), so reading an object with N
/// unknown keys is O(N), not O(N²). [`AdditionalProperties::remove`] is O(N): it keeps the order.
#[derive(Clone, Default)]
pub struct AdditionalProperties {
    inner: Option<Box<Inner>>,
}

/// The entries and, once there are more than [`INDEX_FROM`], their index.
#[derive(Clone, Default)]
struct Inner {
    entries: Vec<Entry>,
    index: Option<Index>,
}

#[derive(Clone, Debug)]
struct Entry {
    key: String,
    value: Value,
    /// The value's exact JSON text, when `value` would write one of its numbers differently.
    exact: Option<Box<RawValue>>,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
            && self.value == other.value
            && self.exact.as_deref().map(RawValue::get) == other.exact.as_deref().map(RawValue::get)
    }
}

/// Up to this many entries a lookup scans them (as fast as hashing for so few); past it, the
/// index is built once and kept up to date.
const INDEX_FROM: usize = 8;

/// Each key's hash to the position of the first entry with that hash. Two different keys with
/// the same 64-bit hash (vanishingly rare with a random key) leave the second unindexed: a
/// lookup whose slot holds another key falls back to a scan, so the answer is always right.
#[derive(Clone)]
struct Index {
    hasher: RandomState,
    slots: HashMap<u64, usize, BuildHasherDefault<Prehashed>>,
}

impl Index {
    fn build(entries: &[Entry]) -> Self {
        let mut index = Index {
            hasher: RandomState::new(),
            slots: HashMap::with_capacity_and_hasher(entries.len() * 2, Default::default()),
        };
        for (position, entry) in entries.iter().enumerate() {
            let hash = index.hash(&entry.key);
            index.slots.entry(hash).or_insert(position);
        }
        index
    }

    fn hash(&self, key: &str) -> u64 {
        self.hasher.hash_one(key)
    }
}

/// The index's keys are hashes already: passed through, not hashed again.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is ever called (the keys are `u64`); fold anything else in anyway.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl Inner {
    /// The position of `key`, if present.
    fn position(&self, key: &str) -> Option<usize> {
        match &self.index {
            None => self.entries.iter().position(|e| same_key(&e.key, key)),
            Some(index) => match index.slots.get(&index.hash(key)) {
                None => None,
                Some(&at) if self.entries.get(at).is_some_and(|e| same_key(&e.key, key)) => {
                    Some(at)
                }
                // Another key with the same hash: scan (see `Index`).
                Some(_) => self.entries.iter().position(|e| same_key(&e.key, key)),
            },
        }
    }

    fn push(&mut self, entry: Entry) {
        let position = self.entries.len();
        if let Some(index) = &mut self.index {
            let hash = index.hash(&entry.key);
            index.slots.entry(hash).or_insert(position);
        }
        self.entries.push(entry);
        if self.index.is_none() && self.entries.len() > INDEX_FROM {
            self.index = Some(Index::build(&self.entries));
        }
    }

    fn remove(&mut self, position: usize) -> Entry {
        let entry = self.entries.remove(position);
        // Every later entry moved down one place: rebuild (O(N), as the removal itself).
        self.index = (self.entries.len() > INDEX_FROM).then(|| Index::build(&self.entries));
        entry
    }
}

impl PartialEq for AdditionalProperties {
    fn eq(&self, other: &Self) -> bool {
        self.entries() == other.entries()
    }
}

impl fmt::Debug for AdditionalProperties {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl AdditionalProperties {
    /// An empty set.
    pub fn new() -> Self {
        AdditionalProperties::default()
    }

    fn entries(&self) -> &[Entry] {
        self.inner.as_deref().map_or(&[], |inner| &inner.entries)
    }

    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&Value> {
        let inner = self.inner.as_deref()?;
        let at = inner.position(key)?;
        inner.entries.get(at).map(|e| &e.value)
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.inner
            .as_deref()
            .is_some_and(|inner| inner.position(key).is_some())
    }

    /// Sets `key` to `value`, keeping its position if it is already present (so a repeated key
    /// keeps the last value, as `serde_json` does). Returns the previous value. Constant time,
    /// amortised.
    pub fn insert(&mut self, key: impl Into<String>, value: Value) -> Option<Value> {
        self.insert_unknown(key.into(), Unknown::plain(value))
    }

    /// Sets `key` to the value the JSON `text` holds, exactly: a number no `f64` holds is
    /// written back as it is in `text` (see [`AdditionalProperties::exact_text`]). As
    /// [`AdditionalProperties::insert`] otherwise; an error if `text` is not one JSON value.
    ///
    /// ```
    /// use graph_runtime::AdditionalProperties;
    ///
    /// let mut extra = AdditionalProperties::new();
    /// extra.insert_json("id", "12345678901234567890123").unwrap();
    /// assert_eq!(serde_json::to_string(&extra).unwrap(), r#"{"id":12345678901234567890123}"#);
    /// assert_eq!(extra.exact_text("id"), Some("12345678901234567890123"));
    /// ```
    pub fn insert_json(
        &mut self,
        key: impl Into<String>,
        text: &str,
    ) -> Result<Option<Value>, serde_json::Error> {
        Ok(self.insert_unknown(key.into(), Unknown::from_text(text)?))
    }

    pub(crate) fn insert_unknown(&mut self, key: String, value: Unknown) -> Option<Value> {
        let Unknown { value, exact } = value;
        let inner = self.inner.get_or_insert_with(Box::default);
        match inner
            .position(&key)
            .and_then(|at| inner.entries.get_mut(at))
        {
            Some(entry) => {
                entry.exact = exact;
                Some(std::mem::replace(&mut entry.value, value))
            }
            None => {
                inner.push(Entry { key, value, exact });
                None
            }
        }
    }

    /// Reads `key`'s value into a `T`: from its exact text when it has one (so a number reads
    /// as it was sent), else from its `Value`.
    pub(crate) fn read_as<T: serde::de::DeserializeOwned>(
        &self,
        key: &str,
    ) -> Option<Result<T, serde_json::Error>> {
        let inner = self.inner.as_deref()?;
        let entry = inner.entries.get(inner.position(key)?)?;
        Some(match &entry.exact {
            Some(exact) => serde_json::from_str(exact.get()),
            None => T::deserialize(&entry.value),
        })
    }

    /// The exact JSON text of `key`'s value when writing [`AdditionalProperties::get`]'s `Value`
    /// would not give back a number as it was sent; `None` when it would (or `key` is absent).
    ///
    /// `serde_json::Value` holds a number as an `i64`, a `u64` or an `f64`. A number none of
    /// them holds exactly (a 23-digit integer, `u64::MAX + 1`, a 30-digit decimal) reads into
    /// `get` as serde_json reads it, the nearest `f64`; its text as received (without
    /// whitespace between tokens) is kept, returned here and written back, so the number is
    /// never changed on the way through. (So is the text of the rare long float that serde_json
    /// would write in a form its own reader reads one unit off.) Parse the text into a type
    /// that holds the number.
    pub fn exact_text(&self, key: &str) -> Option<&str> {
        let inner = self.inner.as_deref()?;
        let at = inner.position(key)?;
        inner.entries.get(at)?.exact.as_deref().map(RawValue::get)
    }

    /// Removes `key`, returning its value (as [`AdditionalProperties::get`] holds it: take
    /// [`AdditionalProperties::exact_text`] first if it has one). Later entries keep their
    /// order (O(N)).
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let inner = self.inner.as_mut()?;
        let at = inner.position(key)?;
        let entry = inner.remove(at);
        if inner.entries.is_empty() {
            self.inner = None;
        }
        Some(entry.value)
    }

    /// The entries in wire order, each value as [`AdditionalProperties::get`] holds it.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Value)> {
        self.entries().iter().map(|e| (e.key.as_str(), &e.value))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries().len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries().is_empty()
    }
}

/// Compares two keys; tests count the calls, to hold insertion to linear time without timing.
fn same_key(a: &str, b: &str) -> bool {
    #[cfg(test)]
    KEY_COMPARISONS.with(|n| n.set(n.get() + 1));
    a == b
}

#[cfg(test)]
thread_local! {
    /// Key comparisons made by this thread (see `same_key`).
    static KEY_COMPARISONS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Runs `f` and counts the key comparisons it made.
#[cfg(test)]
pub(crate) fn comparisons<T>(f: impl FnOnce() -> T) -> (T, u64) {
    let before = KEY_COMPARISONS.with(|n| n.get());
    let out = f();
    (out, KEY_COMPARISONS.with(|n| n.get()) - before)
}

/// The entries in wire order, by value, each as [`AdditionalProperties::get`] holds it (an
/// exact text is dropped: see [`AdditionalProperties::exact_text`]).
pub struct IntoIter(std::vec::IntoIter<Entry>);

impl Iterator for IntoIter {
    type Item = (String, Value);
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|e| (e.key, e.value))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl ExactSizeIterator for IntoIter {}

impl AdditionalProperties {
    /// The entries in wire order, exact texts included (for replaying them into a variant).
    pub(crate) fn into_unknowns(self) -> impl Iterator<Item = (String, Unknown)> {
        self.inner
            .map_or_else(Vec::new, |inner| inner.entries)
            .into_iter()
            .map(|e| {
                let unknown = Unknown {
                    value: e.value,
                    exact: e.exact,
                };
                (e.key, unknown)
            })
    }
}

impl IntoIterator for AdditionalProperties {
    type Item = (String, Value);
    type IntoIter = IntoIter;

    fn into_iter(self) -> IntoIter {
        IntoIter(
            self.inner
                .map_or_else(Vec::new, |inner| inner.entries)
                .into_iter(),
        )
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
        self.serialize_entries(&mut map)?;
        map.end()
    }
}

impl AdditionalProperties {
    /// Writes every entry into an open map: the exact text where there is one (serde_json's
    /// serializers write it as it is), else the value.
    pub(crate) fn serialize_entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        for entry in self.entries() {
            match &entry.exact {
                Some(exact) => map.serialize_entry(&entry.key, exact)?,
                None => map.serialize_entry(&entry.key, &entry.value)?,
            }
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for AdditionalProperties {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedMap;
        impl<'de> Visitor<'de> for OrderedMap {
            type Value = AdditionalProperties;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = AdditionalProperties::new();
                while let Some((k, v)) = map.next_entry::<String, Unknown>()? {
                    out.insert_unknown(k, v);
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

    /// N distinct unknown keys cost O(N) key comparisons, not N²/2: 40,000 keys took 10 s
    /// before insertion was indexed. Counted, not timed, so a loaded machine cannot flake it.
    #[test]
    fn many_distinct_keys_take_linear_comparisons() {
        const N: u64 = 20_000;
        let body = format!(
            "{{{}}}",
            (0..N)
                .map(|i| format!("\"k{i}\": {i}"))
                .collect::<Vec<_>>()
                .join(",")
        );
        let (extra, made) =
            comparisons(|| serde_json::from_str::<AdditionalProperties>(&body).unwrap());
        assert_eq!(extra.len() as u64, N);
        assert!(made <= 4 * N, "{made} key comparisons for {N} keys");
        // Every lookup afterwards is O(1) too, hits and misses alike.
        let ((), made) = comparisons(|| {
            for i in 0..N {
                assert_eq!(extra.get(&format!("k{i}")), Some(&json!(i)));
                assert_eq!(extra.get(&format!("missing{i}")), None);
            }
        });
        assert!(
            made <= 4 * N,
            "{made} key comparisons for {} lookups",
            2 * N
        );
        // Repeated keys keep the first position and the last value, at the same cost.
        let repeated = format!(
            "{{{}}}",
            (0..N)
                .map(|i| format!("\"k{}\": {i}", i % 100))
                .collect::<Vec<_>>()
                .join(",")
        );
        let (extra, made) =
            comparisons(|| serde_json::from_str::<AdditionalProperties>(&repeated).unwrap());
        assert_eq!(extra.len(), 100);
        assert_eq!(extra.iter().next(), Some(("k0", &json!(N - 100))));
        assert!(made <= 4 * N, "{made} key comparisons for {N} keys");
    }

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
