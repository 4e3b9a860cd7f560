//! [`Field`]: a property value that keeps "absent" and "null" apart.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The value of a nullable Graph property: not sent, sent as `null`, or sent with a value.
///
/// Graph omits properties that were not selected and sends `null` for ones that are empty;
/// both mean different things, and writing a model back must reproduce exactly what came in.
/// `Option<T>` cannot tell them apart; `Field<T>` can.
///
/// ```
/// use graph_runtime::Field;
///
/// let f: Field<i32> = Field::Present(3);
/// assert_eq!(f.value(), Some(&3));
/// assert!(Field::<i32>::Null.value().is_none());
/// assert!(Field::<i32>::default().is_absent());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field<T> {
    /// The property was not in the JSON object (the default).
    #[default]
    Absent,
    /// The property was sent as `null`.
    Null,
    /// The property was sent with a value.
    Present(T),
}

impl<T> Field<T> {
    /// `Null` for `None`, `Present` for `Some`.
    pub fn from_option(value: Option<T>) -> Self {
        value.map_or(Field::Null, Field::Present)
    }

    /// Whether the property was not sent.
    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }

    /// Whether the property was sent as `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Field::Null)
    }

    /// Whether the property was sent with a value.
    pub fn is_present(&self) -> bool {
        matches!(self, Field::Present(_))
    }

    /// The value, if one was sent.
    pub fn value(&self) -> Option<&T> {
        match self {
            Field::Present(value) => Some(value),
            Field::Absent | Field::Null => None,
        }
    }

    /// The value, mutably, if one was sent.
    pub fn value_mut(&mut self) -> Option<&mut T> {
        match self {
            Field::Present(value) => Some(value),
            Field::Absent | Field::Null => None,
        }
    }

    /// The value, if one was sent.
    pub fn into_value(self) -> Option<T> {
        match self {
            Field::Present(value) => Some(value),
            Field::Absent | Field::Null => None,
        }
    }

    /// A `Field` of a reference to the value.
    pub fn as_ref(&self) -> Field<&T> {
        match self {
            Field::Absent => Field::Absent,
            Field::Null => Field::Null,
            Field::Present(value) => Field::Present(value),
        }
    }

    /// Applies `f` to the value, keeping `Absent` and `Null` as they are.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Field<U> {
        match self {
            Field::Absent => Field::Absent,
            Field::Null => Field::Null,
            Field::Present(value) => Field::Present(f(value)),
        }
    }
}

impl<T: std::ops::Deref> Field<T> {
    /// The value through its `Deref` target (e.g. `&str` for `Field<String>`), if one was sent.
    pub fn as_deref(&self) -> Option<&T::Target> {
        self.value().map(|v| &**v)
    }
}

impl<T> From<T> for Field<T> {
    fn from(value: T) -> Self {
        Field::Present(value)
    }
}

/// `"a@b".into()` for a string property, as `String` takes it.
///
/// ```
/// use graph_runtime::Field;
///
/// let email: Field<String> = "a@b".into();
/// assert_eq!(email.as_deref(), Some("a@b"));
/// ```
impl From<&str> for Field<String> {
    fn from(value: &str) -> Self {
        Field::Present(value.to_owned())
    }
}

impl<T: Serialize> Serialize for Field<T> {
    /// `Absent` and `Null` both write `null`; containers skip `Absent` entries before calling this.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Field::Present(value) => value.serialize(serializer),
            Field::Absent | Field::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Field<T> {
    /// Reads `null` as `Null` and anything else as `Present`; `Absent` is the default that a
    /// container keeps when the key never comes.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // `Option<T>`'s own visitor, building the `Field` directly: no `Option<T>` to move out of.
        struct FieldVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for FieldVisitor<T> {
            type Value = Field<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("option")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Field<T>, E> {
                Ok(Field::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Field<T>, E> {
                Ok(Field::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Field<T>, D::Error> {
                T::deserialize(d).map(Field::Present)
            }
        }
        deserializer.deserialize_option(FieldVisitor(PhantomData))
    }
}

/// Writes `name: value` into `map` unless the field is absent. Called by generated code.
pub fn write_field<M: serde::ser::SerializeMap, T: Serialize>(
    map: &mut M,
    name: &'static str,
    field: &Field<T>,
) -> Result<(), M::Error> {
    if field.is_absent() {
        Ok(())
    } else {
        map.serialize_entry(name, field)
    }
}

/// Writes `name: value` into `map` when `value` is `Some`. Called by generated code for
/// properties the docs declare non-nullable.
pub fn write_option<M: serde::ser::SerializeMap, T: Serialize>(
    map: &mut M,
    name: &'static str,
    value: &Option<T>,
) -> Result<(), M::Error> {
    match value {
        Some(value) => map.serialize_entry(name, value),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_and_value_deserialize_apart() {
        let null: Field<i32> = serde_json::from_str("null").unwrap();
        let three: Field<i32> = serde_json::from_str("3").unwrap();
        assert_eq!(null, Field::Null);
        assert_eq!(three, Field::Present(3));
        assert!(serde_json::from_str::<Field<i32>>("\"x\"").is_err());
    }

    #[test]
    fn accessors() {
        let f = Field::Present(String::from("a"));
        assert_eq!(f.as_deref(), Some("a"));
        assert_eq!(f.clone().map(|s| s.len()), Field::Present(1));
        assert_eq!(Field::<String>::Null.map(|s| s.len()), Field::Null);
        assert_eq!(Field::from_option(None::<u8>), Field::Null);
    }

    #[test]
    fn a_string_field_takes_a_str() {
        let f: Field<String> = "a@b".into();
        assert_eq!(f, Field::Present("a@b".to_string()));
        let owned: Field<String> = String::from("a@b").into();
        assert_eq!(owned, f);
    }
}
