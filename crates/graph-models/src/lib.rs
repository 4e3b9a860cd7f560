//! Typed, lossless models for Microsoft Graph attendance reports and the `identity` hierarchy,
//! generated from the Graph documentation by `cargo xtask codegen`.
//!
//! - [`support`]: the hand-written runtime (three-state [`support::Field`], unknown-property
//!   preservation, `@odata.type` dispatch, open enums, date/time wire text, response envelopes).

pub mod support;

#[cfg(feature = "v1_0")]
#[path = "generated/v1_0/mod.rs"]
#[rustfmt::skip]
pub mod v1_0;

#[cfg(feature = "beta")]
#[path = "generated/beta/mod.rs"]
#[rustfmt::skip]
pub mod beta;
