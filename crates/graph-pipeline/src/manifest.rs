//! `schema/manifest.toml`: the root types of the models crate and the references allowed to
//! have no page.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;

/// The parsed manifest.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Qualified names of the root types; their closure is generated.
    pub roots: Vec<String>,
    /// Per version, qualified names that may be referenced without a page.
    #[serde(default)]
    allow_missing: BTreeMap<String, Vec<String>>,
}

impl Manifest {
    /// Reads and parses the manifest at `path`.
    pub fn load(path: &Path) -> Result<Manifest, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The names allowed to have no page in `version`.
    pub fn allow_missing(&self, version: &str) -> BTreeSet<&str> {
        self.allow_missing
            .get(version)
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect()
    }
}
