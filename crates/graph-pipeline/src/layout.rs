//! Where the pipeline's inputs and outputs live in a checkout, relative to its root, and how
//! Graph versions are named as Rust modules.

/// The project's own pinned docs pages (`v1.0/`, `beta/`).
pub const PINNED_DOCS: &str = "schema";
/// The manifest naming the curated crate's root types.
pub const MANIFEST: &str = "schema/manifest.toml";
/// Where the IR documents go: the pages' own IR of every type the models contain.
pub const IR_DIR: &str = "schema/ir";
/// Where the corrected IR documents go: the pages' IR with the reviewed corrections applied,
/// which is what the models are generated from.
pub const CORRECTED_IR_DIR: &str = "schema/ir/corrected";
/// The reviewed corrections, read from beside the manifest (see [`corrections_beside`]).
pub const CORRECTIONS: &str = "schema/corrections.toml";
/// Where the generated models go.
pub const MODELS_DIR: &str = "crates/graph-models/src/generated";
/// The runtime crate every generated crate depends on.
pub const RUNTIME_CRATE: &str = "crates/graph-runtime";

/// The Rust module of a Graph version: `v1.0` -> `v1_0`.
pub fn module_name(version: &str) -> String {
    version.replace('.', "_")
}

/// The corrections file that goes with the manifest at `manifest`: `corrections.toml` in the
/// same directory.
pub fn corrections_beside(manifest: &std::path::Path) -> std::path::PathBuf {
    manifest.with_file_name("corrections.toml")
}
