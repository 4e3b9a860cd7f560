//! [`WireEnum`]: string enumerations that keep values they do not know.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};

/// A Graph enumeration sent as a string. Generated enums implement it and have an
/// `Other(String)` variant, so a value added to the service after this crate was generated is
/// kept and written back unchanged instead of failing or being dropped.
pub trait WireEnum: Sized {
    /// The member for a wire value; `Other` for values this crate does not know.
    fn from_wire(value: &str) -> Self;

    /// The wire value.
    fn as_wire(&self) -> &str;
}

/// Deserializes a JSON string into `E`. Called by the generated `Deserialize` impls.
pub fn deserialize_wire_enum<'de, E: WireEnum, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<E, D::Error> {
    struct WireVisitor<E>(PhantomData<E>);
    impl<E: WireEnum> Visitor<'_> for WireVisitor<E> {
        type Value = E;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string enumeration value")
        }
        fn visit_str<Er: de::Error>(self, v: &str) -> Result<E, Er> {
            Ok(E::from_wire(v))
        }
    }
    deserializer.deserialize_str(WireVisitor(PhantomData))
}

/// Serializes `value` as its wire string. Called by the generated `Serialize` impls.
pub fn serialize_wire_enum<E: WireEnum, S: Serializer>(
    value: &E,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.as_wire())
}
