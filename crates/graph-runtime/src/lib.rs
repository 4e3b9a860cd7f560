//! The runtime every generated Graph models crate depends on: lossless fields, the streaming
//! object visitor, `@odata.type` dispatch, open enums, date/time wire text and response envelopes.
//!
//! The curated `graph-models` crate and every crate `cargo xtask codegen --all` writes call into
//! this one crate instead of carrying a copy, so a user's build compiles it once. What a user
//! touches is documented here ([`Field`], [`AdditionalProperties`], [`CollectionResponse`], the
//! scalar types, [`WireEnum`]); the functions the generated code calls are plumbing, hidden from
//! the docs (`#[doc(hidden)]`, as windows-rs and progenitor keep theirs) and not a stable API.
//!
//! `docs/models-design.md` in the repository explains how generated code uses each piece.

#![cfg_attr(docsrs, feature(doc_cfg))]

mod additional;
mod envelope;
mod exact;
mod field;
mod object;
mod polymorphic;
mod scalars;
mod wire_enum;

#[cfg(test)]
mod tests;

pub use additional::AdditionalProperties;
pub use envelope::{CollectionResponse, EntityResponse, Removed, RemovedReason};
pub use field::Field;
pub use object::{GraphObject, ODATA_TYPE};
pub use polymorphic::Polymorphic;
pub use scalars::{Date, DateTimeOffset, Duration, ParseError, TimeOfDay};
pub use wire_enum::WireEnum;

/// Something to do with the Rust type that models a Graph type, chosen at run time by name:
/// what each version's generated `registry::with_type` calls (behind the models crate's
/// `registry` feature), for tools that check documentation examples.
pub trait TypeVisitor {
    /// What the visit produces.
    type Output;
    /// Called with the Rust type for the requested name.
    fn visit<T: serde::Serialize + serde::de::DeserializeOwned>(self) -> Self::Output;
}

// Plumbing the generated code calls; not part of the API a user writes against.
#[doc(hidden)]
pub use field::{write_field, write_option};
#[doc(hidden)]
pub use object::{
    deserialize_object, deserialize_tagged_object, deserialize_variant_object, serialize_object,
    set_variant_tag,
};
#[doc(hidden)]
pub use polymorphic::{deserialize_polymorphic, tag_name};
#[doc(hidden)]
pub use wire_enum::{deserialize_wire_enum, serialize_wire_enum};

/// What the exported macros name through `$crate`, so a crate that calls them needs no
/// dependency of its own under the same name.
#[doc(hidden)]
pub mod __private {
    pub use serde;
}
