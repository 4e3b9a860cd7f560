//! Helpers every end-to-end test file shares: where the workspace is, the error
//! diagnostics of a run as text for an assertion message, and a diagnostic on one line.

// Each test file is a crate of its own and uses only some of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use graph_ir::Diagnostic;

/// The workspace root (the tests crate lives one level below it).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate lives one level below the workspace root")
        .to_path_buf()
}

/// Every error among `diagnostics`, rendered as the tools print it.
pub fn errors(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect()
}

/// `file:line:column: severity[code]: message`, the diagnostic without its excerpt (the form
/// rustc's `--error-format=short` prints), for assertions on what and where.
pub fn one_line(diagnostic: &Diagnostic) -> String {
    format!(
        "{}:{}:{}: {}[{}]: {}",
        diagnostic.file,
        diagnostic.line,
        diagnostic.column,
        diagnostic.severity.as_str(),
        diagnostic.code,
        diagnostic.message
    )
}
