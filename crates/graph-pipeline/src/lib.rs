//! The docs -> IR -> models pipeline as a library; `cargo xtask` is its command line, and the
//! tests and benchmarks call it in-process.
//!
//! - [`curated`]: the pinned pages -> the IR in `schema/ir/` and the curated models crate
//!   (the manifest's closure, nothing written when any page has an error).
//! - [`whole`]: every type of a docs tree -> a standalone crate (`codegen --all`), swapped in
//!   whole; [`crate_files`] writes its `Cargo.toml` and `src/lib.rs`, [`runtime`] says how it
//!   depends on `graph-runtime`.
//! - [`examples_all`]: each version of a tree's `--all` crate and a checker binary beside it,
//!   generated and built into a cache directory (`cargo xtask examples --all`).
//! - [`schema`]: the IR document of a docs tree (`cargo xtask schema`).
//! - [`layout`]: where things live in a checkout; [`manifest`]: `schema/manifest.toml`.
//! - [`sync`]: writes only files whose bytes change; [`write`](mod@write): atomic file writes and the
//!   directory swap.
//!
//! Nothing here knows where the checkout is: every function takes its root or paths.

pub mod crate_files;
pub mod curated;
pub mod examples_all;
pub mod layout;
pub mod manifest;
pub mod runtime;
pub mod schema;
pub mod sync;
pub mod whole;
pub mod write;
