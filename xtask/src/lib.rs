//! The project's automation as a library, so tests can drive it in-process: codegen computes
//! everything in memory ([`codegen::generate`]) and [`sync::sync`] writes only changed bytes.
//! The `cargo xtask` binary (`main.rs`) parses arguments and calls into it.

pub mod codegen;
pub mod manifest;
pub mod sync;
pub mod whole;

use std::path::PathBuf;

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}
