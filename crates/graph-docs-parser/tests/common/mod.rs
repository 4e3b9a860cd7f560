//! Shared helpers for the tests that read ../shared (skipped when it is absent).

use std::path::PathBuf;

/// `<workspace>/../shared`, or `None` (after saying so) when it is not there.
pub fn shared_dir(test: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if dir.join("graph-docs").is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED {test}: {} not found (the shared docs set sits beside the workspace)",
            dir.display()
        );
        None
    }
}
