//! The models and checker binaries behind `cargo xtask examples --docs DIR --all`: a docs
//! tree's own `--all` crate, one per version, built into a cache directory that later runs
//! reuse.
//!
//! A program cannot link a crate generated while it runs, so each version's models are
//! generated ([`crate::whole::generate_from`], from that version's schema alone) and written
//! ([`crate::whole::write`], which touches nothing when nothing changed) under
//! `<cache>/<version module>/models`, beside a small checker crate
//! (`<cache>/<version module>/checker`) whose files the caller gives (graph-conformance's
//! reader). The checker depends on the models with the `registry` feature and is built with
//! `cargo build` into one target directory shared by every tree and version, so serde is built
//! once and an unchanged tree costs a fingerprint check. Versions are built one after the other,
//! so only one version's code is being compiled at any time (the build is what needs memory on
//! a small machine).

use std::collections::BTreeMap;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::process::Command;

use graph_docs_parser::{TreeOptions, TreeOutput};
use graph_ir::{Diagnostic, Schema};

use crate::layout::module_name;
use crate::runtime::RuntimeDependency;
use crate::{crate_files, whole};

/// How the cache is laid out and how its crates are built.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// This tree's cache directory (see [`cache_dir_for`]).
    pub cache: PathBuf,
    /// The `CARGO_TARGET_DIR` of every build (shared between trees and versions).
    pub target_dir: PathBuf,
    /// `cargo build --release` (the default for the command); else the dev profile.
    pub release: bool,
    /// How the models depend on `graph-runtime`.
    pub runtime: RuntimeDependency,
    /// A `Cargo.lock` copied into a crate that has none, so the versions already downloaded
    /// are used (the workspace's).
    pub lock_file: Option<PathBuf>,
}

/// The checker crate the caller wants beside each version's models.
pub trait CheckerSource {
    /// The checker's files (relative to its crate directory; `src/main.rs` at least), for the
    /// models package `models_package` whose version module is `module` (`v1_0`).
    fn files(&self, models_package: &str, module: &str, version: &str)
        -> BTreeMap<PathBuf, String>;
    /// The checker's `[dependencies]` lines besides the models (serde, say).
    fn dependencies(&self) -> String;
}

/// One version's models and checker, ready to run.
#[derive(Clone, Debug)]
pub struct VersionChecker {
    /// `v1.0` or `beta`.
    pub version: String,
    /// The built checker binary.
    pub binary: PathBuf,
    /// The models crate it reads examples with.
    pub models_dir: PathBuf,
}

/// What [`prepare`] made of a tree.
#[derive(Debug, Default)]
pub struct Prepared {
    /// Each version's schema, as the models were generated from it.
    pub schemas: BTreeMap<String, Schema>,
    /// Parser and generator diagnostics.
    pub diagnostics: Vec<Diagnostic>,
    /// One checker per version whose models were generated and built.
    pub checkers: Vec<VersionChecker>,
    /// Versions whose models or checker failed (the reason); their examples cannot be read.
    pub failed: Vec<(String, String)>,
    /// Pages read.
    pub pages: usize,
}

/// The cache directory of the tree at `docs` under `root` (`target/examples-all`): the tree's
/// directory name and a hash of its full path, so two trees never share models and one tree
/// always finds its own.
pub fn cache_dir_for(root: &Path, docs: &Path) -> PathBuf {
    let full = std::fs::canonicalize(docs).unwrap_or_else(|_| docs.to_path_buf());
    let mut hasher = Fnv::default();
    hasher.write(full.to_string_lossy().as_bytes());
    let name = full
        .file_name()
        .and_then(|n| n.to_str())
        .map(crate_files::package_name)
        .unwrap_or_else(|| "docs".to_string());
    root.join(format!("{name}-{:016x}", hasher.finish()))
}

/// Parses `docs` (versions as `tree` says), generates and writes each version's models and
/// checker under `options.cache`, and builds each checker, one version at a time. `Err` only
/// when the tree has no page; a version that fails is listed in [`Prepared::failed`].
pub fn prepare(
    docs: &Path,
    tree: &TreeOptions,
    options: &BuildOptions,
    checker: &dyn CheckerSource,
) -> Result<Prepared, String> {
    let mut parsed = graph_docs_parser::parse_tree_with(docs, tree);
    if parsed.schemas.is_empty() {
        return Err(format!("no docs pages under {}", docs.display()));
    }
    let mut prepared = Prepared {
        schemas: parsed.schemas.clone(),
        diagnostics: std::mem::take(&mut parsed.diagnostics),
        pages: parsed.pages,
        ..Prepared::default()
    };
    let schemas = std::mem::take(&mut parsed.schemas);
    for (version, schema) in schemas {
        let module = module_name(&version);
        let dir = options.cache.join(&module);
        let models_package = crate_files::package_name(&format!("examples-all-{module}"));
        let one = TreeOutput {
            schemas: BTreeMap::from([(version.clone(), schema)]),
            pages: parsed.pages,
            ..TreeOutput::default()
        };
        let generated = whole::generate_from(one, &models_package, &options.runtime);
        prepared.diagnostics.extend(generated.diagnostics);
        if generated.failed {
            prepared
                .failed
                .push((version, "the generator failed".to_string()));
            continue;
        }
        let models_dir = dir.join("models");
        let checker_dir = dir.join("checker");
        let package = checker_package(&options.cache, &module);
        let written = whole::write(&models_dir, &generated.files, false)
            .map_err(|e| format!("writing {}: {e}", models_dir.display()))
            .and_then(|_| {
                let files = checker_files(checker, &package, &models_package, &module, &version);
                whole::write(&checker_dir, &files, false)
                    .map_err(|e| format!("writing {}: {e}", checker_dir.display()))
            })
            .and_then(|_| copy_lock(options, &checker_dir));
        if let Err(reason) = written {
            prepared.failed.push((version, reason));
            continue;
        }
        match build(&checker_dir, &package, options) {
            Ok(binary) => prepared.checkers.push(VersionChecker {
                version,
                binary,
                models_dir,
            }),
            Err(reason) => prepared.failed.push((version, reason)),
        }
    }
    Ok(prepared)
}

/// The checker package of one tree's version: named after the cache directory, since every
/// binary lands in the one shared target directory.
fn checker_package(cache: &Path, module: &str) -> String {
    let tree = cache.file_name().and_then(|n| n.to_str()).unwrap_or("docs");
    crate_files::package_name(&format!("check-{tree}-{module}"))
}

/// The checker crate: the caller's files and a `Cargo.toml` depending on the models (by
/// relative path, with `registry`).
fn checker_files(
    checker: &dyn CheckerSource,
    package: &str,
    models_package: &str,
    module: &str,
    version: &str,
) -> BTreeMap<PathBuf, String> {
    let mut files = checker.files(models_package, module, version);
    let cargo_toml = format!(
        "# @generated by `cargo xtask examples --all`; do not edit.\n\
         [package]\n\
         name = \"{package}\"\n\
         version = \"0.1.0\"\n\
         edition = \"2021\"\n\
         publish = false\n\n\
         [dependencies]\n\
         {models_package} = {{ path = \"../models\", default-features = false, features = [\"registry\"] }}\n\
         {}\n\n\
         # The checker builds in release with less optimisation than usual: it runs over a few\n\
         # thousand bodies, and its generic code is as large as the models.\n\
         [profile.release]\n\
         opt-level = 1\n\
         debug = false\n\
         incremental = true\n\n\
         [workspace]\n",
        checker.dependencies().trim_end()
    );
    files.insert(PathBuf::from("Cargo.toml"), cargo_toml);
    files
}

/// Copies the lock file into `dir` when it has none (a lock file cargo updated is kept).
fn copy_lock(options: &BuildOptions, dir: &Path) -> Result<(), String> {
    let Some(lock) = &options.lock_file else {
        return Ok(());
    };
    let target = dir.join("Cargo.lock");
    if target.exists() || !lock.exists() {
        return Ok(());
    }
    std::fs::copy(lock, &target)
        .map(|_| ())
        .map_err(|e| format!("copying {} to {}: {e}", lock.display(), target.display()))
}

/// `cargo build [--release]` of the checker crate `package` at `dir`; the binary's path. Cargo's
/// messages are passed through to stderr, so a long first build shows its progress.
pub fn build(dir: &Path, package: &str, options: &BuildOptions) -> Result<PathBuf, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .arg("build")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", &options.target_dir)
        // The caller's flags (coverage instrumentation, say) are not the checker's.
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    if options.release {
        command.arg("--release");
    }
    let status = command
        .status()
        .map_err(|e| format!("running cargo in {}: {e}", dir.display()))?;
    if !status.success() {
        return Err(format!(
            "cargo build in {} failed ({status})",
            dir.display()
        ));
    }
    let profile = if options.release { "release" } else { "debug" };
    let binary = options
        .target_dir
        .join(profile)
        .join(format!("{package}{}", std::env::consts::EXE_SUFFIX));
    if binary.is_file() {
        Ok(binary)
    } else {
        Err(format!("cargo build did not make {}", binary.display()))
    }
}

/// FNV-1a: a hash whose value is the same in every build (std's `DefaultHasher` promises no
/// such thing), for directory names.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_directories_are_per_tree_and_stable() {
        let root = Path::new("/cache");
        let a = cache_dir_for(root, Path::new("/no/such/docs-2021"));
        let b = cache_dir_for(root, Path::new("/no/other/docs-2021"));
        assert_ne!(a, b);
        assert_eq!(a, cache_dir_for(root, Path::new("/no/such/docs-2021")));
        let name = a.file_name().unwrap().to_str().unwrap();
        assert!(name.starts_with("docs-2021-"), "{name}");
    }
}
