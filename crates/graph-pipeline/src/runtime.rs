//! How a generated `--all` crate links the runtime crate `graph-runtime`: a path, a git
//! repository or a registry version, written as its `Cargo.toml` dependency.

use std::path::{Path, PathBuf};

use crate::layout::RUNTIME_CRATE;

/// How a generated crate depends on the runtime crate `graph-runtime`: `path=DIR`,
/// `git=URL` (optionally `git=URL#REV`), or `version=REQ` (a registry), as [`str::parse`]
/// reads them (the `--runtime` option).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuntimeDependency {
    /// A directory holding the runtime crate; written as an absolute path when it can be
    /// resolved, so the crate builds wherever it is written.
    Path(PathBuf),
    /// A git repository (the workspace that holds `crates/graph-runtime`) and a revision.
    Git {
        /// Repository URL.
        url: String,
        /// A commit, tag or branch; the default branch when `None`.
        rev: Option<String>,
    },
    /// A version requirement, from crates.io or the user's configured registry.
    Version(String),
}

impl RuntimeDependency {
    /// The runtime crate of the checkout at `root` (`root/crates/graph-runtime`), by path:
    /// what `cargo xtask codegen --all` uses unless `--runtime` says otherwise.
    pub fn path_in_checkout(root: &Path) -> Self {
        RuntimeDependency::Path(root.join(RUNTIME_CRATE))
    }

    /// The dependency as the entries of an inline TOML table (without braces).
    pub fn toml_entries(&self) -> String {
        let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
        match self {
            RuntimeDependency::Path(dir) => {
                let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
                format!("path = {}", quoted(&dir.to_string_lossy()))
            }
            RuntimeDependency::Git { url, rev } => match rev {
                Some(rev) => format!("git = {}, rev = {}", quoted(url), quoted(rev)),
                None => format!("git = {}", quoted(url)),
            },
            RuntimeDependency::Version(req) => format!("version = {}", quoted(req)),
        }
    }
}

impl std::str::FromStr for RuntimeDependency {
    type Err = String;

    fn from_str(spec: &str) -> Result<Self, String> {
        let expected = "expected path=DIR, git=URL[#REV] or version=REQ";
        let (kind, value) = spec
            .split_once('=')
            .ok_or_else(|| format!("`{spec}`: {expected}"))?;
        if value.is_empty() {
            return Err(format!("`{spec}`: nothing after `=`; {expected}"));
        }
        match kind {
            "path" => Ok(RuntimeDependency::Path(PathBuf::from(value))),
            "git" => Ok(match value.split_once('#') {
                Some((url, rev)) => RuntimeDependency::Git {
                    url: url.to_string(),
                    rev: Some(rev.to_string()),
                },
                None => RuntimeDependency::Git {
                    url: value.to_string(),
                    rev: None,
                },
            }),
            "version" => Ok(RuntimeDependency::Version(value.to_string())),
            other => Err(format!("`{other}=`: {expected}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_dependencies_parse_and_print_as_toml() {
        let git: RuntimeDependency = "git=https://example.org/r.git#abc".parse().unwrap();
        assert_eq!(
            git.toml_entries(),
            r#"git = "https://example.org/r.git", rev = "abc""#
        );
        let version: RuntimeDependency = "version=0.1".parse().unwrap();
        assert_eq!(version.toml_entries(), r#"version = "0.1""#);
        let path: RuntimeDependency = "path=/no/such/dir".parse().unwrap();
        assert_eq!(path.toml_entries(), r#"path = "/no/such/dir""#);
        assert!("tarball=x".parse::<RuntimeDependency>().is_err());
        assert!("path=".parse::<RuntimeDependency>().is_err());
        assert!("nothing".parse::<RuntimeDependency>().is_err());
    }

    #[test]
    fn the_checkout_default_is_its_runtime_crate() {
        assert_eq!(
            RuntimeDependency::path_in_checkout(Path::new("/checkout")),
            RuntimeDependency::Path(PathBuf::from("/checkout/crates/graph-runtime"))
        );
    }
}
