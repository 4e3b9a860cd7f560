//! The Rust type of a property: IR [`graph_ir::TypeRef`]s mapped per the table in docs/models-design.md.

use graph_ir::Primitive;
use proc_macro2::TokenStream;
use quote::quote;

use crate::naming::ident;

/// The Rust type of a property value, before `Field`/`Option` wrapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RustType {
    /// An `Edm.*` primitive.
    Primitive(Primitive),
    /// Any JSON value: `Edm.Untyped`, or a reference to a type the schema does not define.
    Json,
    /// A generated type in the same version module (struct, `Any*` enum or enum), by Rust name.
    Generated(String),
    /// `Collection(X)`.
    Vec(Box<RustType>),
    /// A value boxed because it sits on a reference cycle through non-collection fields.
    Boxed(Box<RustType>),
}

impl RustType {
    /// The type as tokens; `support` names the runtime module (imported as `support` in every
    /// generated file), and generated types are reached through `super::`.
    pub fn tokens(&self) -> TokenStream {
        match self {
            RustType::Primitive(p) => primitive_tokens(*p),
            RustType::Json => quote!(serde_json::Value),
            RustType::Generated(name) => {
                let name = ident(name);
                quote!(super::#name)
            }
            RustType::Vec(inner) => {
                let inner = inner.tokens();
                quote!(Vec<#inner>)
            }
            RustType::Boxed(inner) => {
                let inner = inner.tokens();
                quote!(Box<#inner>)
            }
        }
    }

    /// The generated type this refers to by value (through `Box`, not through `Vec`), if any:
    /// the edges that can make a type infinitely sized.
    pub fn by_value_target(&self) -> Option<&str> {
        match self {
            RustType::Generated(name) => Some(name),
            RustType::Boxed(inner) => inner.by_value_target(),
            RustType::Primitive(_) | RustType::Json | RustType::Vec(_) => None,
        }
    }

    /// The generated type this holds, by value or through `Vec` and `Box`, if any: what a
    /// field's feature gate depends on.
    pub fn generated_name(&self) -> Option<&str> {
        match self {
            RustType::Generated(name) => Some(name),
            RustType::Vec(inner) | RustType::Boxed(inner) => inner.generated_name(),
            RustType::Primitive(_) | RustType::Json => None,
        }
    }

    /// Whether this is a `Box`.
    pub fn is_boxed(&self) -> bool {
        matches!(self, RustType::Boxed(_))
    }
}

/// Whether `primitive` is held as a `String` (so read as a `&str`): the primitives
/// `primitive_tokens` maps to `String`, whose match stays exhaustive.
pub(crate) fn is_string(primitive: Primitive) -> bool {
    matches!(
        primitive,
        Primitive::String | Primitive::Guid | Primitive::Binary | Primitive::Stream
    )
}

fn primitive_tokens(primitive: Primitive) -> TokenStream {
    match primitive {
        Primitive::String | Primitive::Guid | Primitive::Binary | Primitive::Stream => {
            quote!(String)
        }
        Primitive::Boolean => quote!(bool),
        Primitive::Byte => quote!(u8),
        Primitive::SByte => quote!(i8),
        Primitive::Int16 => quote!(i16),
        Primitive::Int32 => quote!(i32),
        Primitive::Int64 => quote!(i64),
        Primitive::Single => quote!(f32),
        Primitive::Double => quote!(f64),
        Primitive::Decimal => quote!(serde_json::Number),
        Primitive::DateTimeOffset => quote!(support::DateTimeOffset),
        Primitive::Date => quote!(support::Date),
        Primitive::TimeOfDay => quote!(support::TimeOfDay),
        Primitive::Duration => quote!(support::Duration),
        Primitive::Untyped => quote!(serde_json::Value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(ty: &RustType) -> String {
        ty.tokens().to_string()
    }

    #[test]
    fn tokens_per_design_table() {
        assert_eq!(text(&RustType::Primitive(Primitive::Guid)), "String");
        assert_eq!(text(&RustType::Primitive(Primitive::Byte)), "u8");
        assert_eq!(
            text(&RustType::Primitive(Primitive::Decimal)),
            "serde_json :: Number"
        );
        assert_eq!(
            text(&RustType::Primitive(Primitive::DateTimeOffset)),
            "support :: DateTimeOffset"
        );
        assert_eq!(
            text(&RustType::Vec(Box::new(RustType::Generated(
                "AnyIdentity".into()
            )))),
            "Vec < super :: AnyIdentity >"
        );
        assert_eq!(
            text(&RustType::Boxed(Box::new(RustType::Generated(
                "Folder".into()
            )))),
            "Box < super :: Folder >"
        );
        assert_eq!(text(&RustType::Json), "serde_json :: Value");
    }

    #[test]
    fn by_value_targets_skip_collections() {
        let boxed = RustType::Boxed(Box::new(RustType::Generated("A".into())));
        assert_eq!(boxed.by_value_target(), Some("A"));
        let vec = RustType::Vec(Box::new(RustType::Generated("A".into())));
        assert_eq!(vec.by_value_target(), None);
        assert_eq!(vec.generated_name(), Some("A"));
        assert_eq!(RustType::Json.generated_name(), None);
    }
}
