#![doc = include_str!("../README.md")]
//!
//! - [`support`]: the runtime crate `graph_runtime`, re-exported (three-state
//!   [`support::Field`], unknown-property preservation, `@odata.type` dispatch, open enums,
//!   date/time wire text, response envelopes).
//! - `v1_0` and `beta`: the generated models, one module per Graph version, each behind a
//!   default-on feature of the same name.

#![cfg_attr(docsrs, feature(doc_cfg))]

pub use graph_runtime as support;

#[cfg(feature = "v1_0")]
#[cfg_attr(docsrs, doc(cfg(feature = "v1_0")))]
#[path = "generated/v1_0/mod.rs"]
#[rustfmt::skip]
pub mod v1_0;

#[cfg(feature = "beta")]
#[cfg_attr(docsrs, doc(cfg(feature = "beta")))]
#[path = "generated/beta/mod.rs"]
#[rustfmt::skip]
pub mod beta;
