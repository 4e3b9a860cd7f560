//! The IR document of a docs tree, as `cargo xtask schema` writes it: with one version, that
//! version's [`graph_ir::Schema`]; with several (or none), one JSON object keyed by version
//! (`{ "beta": {...}, "v1.0": {...} }`). Pretty JSON with a final newline.

use graph_docs_parser::TreeOutput;

/// The IR document of `output`.
pub fn document(output: &TreeOutput) -> String {
    match output.schemas.len() {
        1 => output
            .schemas
            .values()
            .next()
            .map(|s| s.to_pretty_json())
            .unwrap_or_default(),
        _ => {
            let mut text =
                serde_json::to_string_pretty(&output.schemas).unwrap_or_else(|_| "{}".to_string());
            text.push('\n');
            text
        }
    }
}
