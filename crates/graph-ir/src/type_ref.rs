//! Type references spelled as Graph's service metadata spells them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A reference to a type: `Edm.String`, `microsoft.graph.identity`,
/// `Collection(microsoft.graph.attendanceInterval)`.
///
/// Kept as text so the IR reads like Graph metadata; the methods take it apart.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TypeRef(pub String);

impl TypeRef {
    /// A reference to `name` (a primitive such as `Edm.Int32` or a qualified type name).
    pub fn named(name: impl Into<String>) -> Self {
        TypeRef(name.into())
    }

    /// A collection of `element`.
    pub fn collection_of(element: &TypeRef) -> Self {
        TypeRef(format!("Collection({})", element.0))
    }

    /// Whether this is `Collection(...)`.
    pub fn is_collection(&self) -> bool {
        self.0.starts_with("Collection(") && self.0.ends_with(')')
    }

    /// The element type of a collection, or the type itself.
    pub fn element(&self) -> TypeRef {
        TypeRef(self.element_name().to_string())
    }

    /// The element type's name, borrowed: `X` for `Collection(X)`, else the whole text.
    pub fn element_name(&self) -> &str {
        if self.is_collection() {
            &self.0["Collection(".len()..self.0.len() - 1]
        } else {
            &self.0
        }
    }

    /// The primitive this names (element type for collections), if it is an `Edm.` type.
    pub fn primitive(&self) -> Option<Primitive> {
        Primitive::from_edm(self.element_name())
    }

    /// The text, e.g. `Collection(Edm.String)`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TypeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The primitive (`Edm.*`) types that appear in Graph documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Primitive {
    /// `Edm.String`
    String,
    /// `Edm.Boolean`
    Boolean,
    /// `Edm.Byte`
    Byte,
    /// `Edm.SByte`
    SByte,
    /// `Edm.Int16`
    Int16,
    /// `Edm.Int32`
    Int32,
    /// `Edm.Int64`
    Int64,
    /// `Edm.Single`
    Single,
    /// `Edm.Double`
    Double,
    /// `Edm.Decimal`
    Decimal,
    /// `Edm.Guid`
    Guid,
    /// `Edm.DateTimeOffset`
    DateTimeOffset,
    /// `Edm.Date`
    Date,
    /// `Edm.TimeOfDay`
    TimeOfDay,
    /// `Edm.Duration`
    Duration,
    /// `Edm.Binary`
    Binary,
    /// `Edm.Stream`
    Stream,
    /// `Edm.Untyped`: any JSON value.
    Untyped,
}

impl Primitive {
    /// Every primitive, in declaration order.
    pub const ALL: [Primitive; 18] = [
        Primitive::String,
        Primitive::Boolean,
        Primitive::Byte,
        Primitive::SByte,
        Primitive::Int16,
        Primitive::Int32,
        Primitive::Int64,
        Primitive::Single,
        Primitive::Double,
        Primitive::Decimal,
        Primitive::Guid,
        Primitive::DateTimeOffset,
        Primitive::Date,
        Primitive::TimeOfDay,
        Primitive::Duration,
        Primitive::Binary,
        Primitive::Stream,
        Primitive::Untyped,
    ];

    /// The metadata spelling, e.g. `Edm.Int32`.
    pub fn edm_name(self) -> &'static str {
        match self {
            Primitive::String => "Edm.String",
            Primitive::Boolean => "Edm.Boolean",
            Primitive::Byte => "Edm.Byte",
            Primitive::SByte => "Edm.SByte",
            Primitive::Int16 => "Edm.Int16",
            Primitive::Int32 => "Edm.Int32",
            Primitive::Int64 => "Edm.Int64",
            Primitive::Single => "Edm.Single",
            Primitive::Double => "Edm.Double",
            Primitive::Decimal => "Edm.Decimal",
            Primitive::Guid => "Edm.Guid",
            Primitive::DateTimeOffset => "Edm.DateTimeOffset",
            Primitive::Date => "Edm.Date",
            Primitive::TimeOfDay => "Edm.TimeOfDay",
            Primitive::Duration => "Edm.Duration",
            Primitive::Binary => "Edm.Binary",
            Primitive::Stream => "Edm.Stream",
            Primitive::Untyped => "Edm.Untyped",
        }
    }

    /// Parses the exact metadata spelling (`Edm.Int32`).
    pub fn from_edm(name: &str) -> Option<Primitive> {
        Primitive::ALL.into_iter().find(|p| p.edm_name() == name)
    }

    /// The reference to this primitive.
    pub fn type_ref(self) -> TypeRef {
        TypeRef::named(self.edm_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collection_parts() {
        let c = TypeRef::collection_of(&TypeRef::named("microsoft.graph.attendanceInterval"));
        assert_eq!(c.as_str(), "Collection(microsoft.graph.attendanceInterval)");
        assert!(c.is_collection());
        assert_eq!(c.element().as_str(), "microsoft.graph.attendanceInterval");
        assert_eq!(c.element_name(), "microsoft.graph.attendanceInterval");
        assert_eq!(TypeRef::named("Edm.String").element_name(), "Edm.String");
        assert_eq!(c.primitive(), None);
        assert_eq!(
            TypeRef::named("Collection(Edm.Int32)").primitive(),
            Some(Primitive::Int32)
        );
    }

    #[test]
    fn primitive_names_round_trip() {
        for p in Primitive::ALL {
            assert_eq!(Primitive::from_edm(p.edm_name()), Some(p));
        }
        assert_eq!(Primitive::from_edm("Edm.int32"), None);
    }
}
