//! Hand-written runtime that the generated models call: lossless fields, the streaming object
//! visitor, `@odata.type` dispatch, open enums, date/time wire text and response envelopes.
//!
//! `docs/models-design.md` in the repository explains how generated code uses each piece.

mod additional;
mod envelope;
mod field;
mod object;
mod polymorphic;
mod scalars;
mod wire_enum;

#[cfg(test)]
mod tests;

pub use additional::AdditionalProperties;
pub use envelope::{CollectionResponse, EntityResponse};
pub use field::{write_field, write_option, Field};
pub use object::{
    deserialize_object, deserialize_tagged_object, serialize_object, GraphObject, ODATA_TYPE,
};
pub use polymorphic::{deserialize_polymorphic, tag_name, Polymorphic};
pub use scalars::{Date, DateTimeOffset, Duration, ParseError, TimeOfDay};
pub use wire_enum::{deserialize_wire_enum, serialize_wire_enum, WireEnum};
