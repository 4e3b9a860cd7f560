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

/// The impls every generated string enum shares beside its [`WireEnum`] impl, written once here
/// instead of in every generated file: an inherent `as_str` (the wire value, no trait import
/// needed), `Display` (the wire value), `FromStr` (never fails: a value the enum does not know
/// is kept, as when reading JSON), `AsRef<str>`, `Serialize` and `Deserialize`.
///
/// Generated code calls it once per enum, after its `WireEnum` impl:
/// `support::wire_enum!(TeamworkUserIdentityType);`. Every function is `#[inline]`, so, like
/// the rest of the generated code, none is compiled into the models crate unless it is used.
#[macro_export]
#[doc(hidden)]
macro_rules! wire_enum {
    ($name:ident) => {
        impl $name {
            /// The wire value: a member's documented text, or an unknown value as it was sent.
            #[inline]
            pub fn as_str(&self) -> &str {
                <Self as $crate::WireEnum>::as_wire(self)
            }
        }

        impl ::core::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;

            #[inline]
            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(<Self as $crate::WireEnum>::from_wire(value))
            }
        }

        impl ::core::convert::AsRef<str> for $name {
            #[inline]
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            #[inline]
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::serialize_wire_enum(self, serializer)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            #[inline]
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::deserialize_wire_enum(deserializer)
            }
        }
    };
}
