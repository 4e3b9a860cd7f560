//! Who owns which Rust name in a version module, and what happens when two want the same one:
//! an error for the curated crate, a numbered name plus a warning when disambiguating.

use std::collections::{BTreeMap, BTreeSet};

use graph_ir::{Diagnostic, Source};

use crate::naming::{file_name, module_name};

/// Rust type names and file names claimed so far, with who claimed them.
pub struct NameTable {
    /// Rust name -> (description of the claimant, its source).
    types: BTreeMap<String, (String, Source)>,
    /// Module (file stem) names taken, by generated items or by the generator itself.
    modules: BTreeSet<String>,
    /// Rename instead of failing.
    disambiguate: bool,
}

impl NameTable {
    /// An empty table. When disambiguating, names the generator itself uses are reserved up
    /// front: the `Unknown` variant of `Any*` enums, the `mod.rs` and `registry.rs` files, and
    /// `reserved_modules` (the namespace modules).
    pub fn new(disambiguate: bool, reserved_modules: &BTreeSet<String>) -> Self {
        let mut table = NameTable {
            types: BTreeMap::new(),
            modules: BTreeSet::new(),
            disambiguate,
        };
        if disambiguate {
            let generator = (
                "the fallback variant of `Any*` enums".to_string(),
                Source::default(),
            );
            table
                .types
                .insert(crate::plan::UNKNOWN_VARIANT.to_string(), generator);
            table.modules.extend(["mod", "registry"].map(String::from));
            table.modules.extend(reserved_modules.iter().cloned());
        }
        table
    }

    /// Claims `wanted` for `what` and returns the name it gets: `wanted`, or when it is taken,
    /// an error and `wanted` (curated) or the first free `wanted2`, `wanted3`, ... and a warning.
    pub fn claim(
        &mut self,
        wanted: &str,
        what: &str,
        source: &Source,
        errors: &mut Vec<Diagnostic>,
        warnings: &mut Vec<Diagnostic>,
    ) -> String {
        let free = |table: &Self, name: &str| {
            let module_taken = table.disambiguate && table.modules.contains(&module_name(name));
            !table.types.contains_key(name) && !module_taken
        };
        let rust = if free(self, wanted) {
            wanted.to_string()
        } else {
            let other = match self.types.get(wanted) {
                Some((other, other_source)) if other_source.file.is_empty() => other.clone(),
                Some((other, other_source)) => format!("{other} ({})", location(other_source)),
                None => format!("the module `{}`", module_name(wanted)),
            };
            let clash = format!("{other} and {what} both become the Rust type `{wanted}`");
            if !self.disambiguate {
                errors.push(error_at("codegen-name-collision", source, clash));
                return wanted.to_string();
            }
            let renamed = first_free(wanted, "", |name| free(self, name));
            warnings.push(warning_at(
                "codegen-name-disambiguated",
                source,
                format!("{clash}; {what} is `{renamed}`"),
            ));
            renamed
        };
        self.modules.insert(module_name(&rust));
        self.types
            .insert(rust.clone(), (what.to_string(), source.clone()));
        rust
    }

    /// Distinct type names could still share a file name (or clash with `mod.rs`/`registry.rs`).
    /// Disambiguated tables never let that happen.
    pub fn check_files(&self, errors: &mut Vec<Diagnostic>) {
        if self.disambiguate {
            return;
        }
        let mut files: BTreeMap<String, &str> = BTreeMap::new();
        files.insert("mod.rs".into(), "the module file");
        files.insert("registry.rs".into(), "the registry");
        for (rust, (what, source)) in &self.types {
            let file = file_name(rust);
            if let Some(other) = files.get(&file) {
                errors.push(error_at(
                    "codegen-name-collision",
                    source,
                    format!("{what} (Rust type `{rust}`) and {other} both need the file `{file}`"),
                ));
            } else {
                files.insert(file, what);
            }
        }
    }
}

/// `base` followed by the first number from 2 up (after `separator`) that `is_free` accepts.
pub fn first_free(base: &str, separator: &str, is_free: impl Fn(&str) -> bool) -> String {
    (2..)
        .map(|n| format!("{base}{separator}{n}"))
        .find(|name| is_free(name))
        .expect("some numbered name is free")
}

/// One warning listing every type that properties refer to but no page defines (each read as
/// `serde_json::Value`), with where each is first used; `None` when there are none.
pub fn missing_types_warning(missing: &BTreeMap<String, Vec<Source>>) -> Option<Diagnostic> {
    let first_use = missing
        .values()
        .flatten()
        .min_by(|a, b| (a.file.as_str(), a.line).cmp(&(b.file.as_str(), b.line)))?;
    let listed: Vec<String> = missing
        .iter()
        .map(|(name, uses)| {
            let first = uses
                .iter()
                .min_by(|a, b| (a.file.as_str(), a.line).cmp(&(b.file.as_str(), b.line)));
            let at = first.map(location).unwrap_or_default();
            format!("`{name}` ({} use(s), first at {at})", uses.len())
        })
        .collect();
    Some(warning_at(
        "codegen-type-undefined",
        first_use,
        format!(
            "{} type(s) are referenced but no page defines them; their values are kept as `serde_json::Value`: {}",
            missing.len(),
            listed.join(", ")
        ),
    ))
}

/// `file:line` of a source.
pub fn location(source: &Source) -> String {
    format!("{}:{}", source.file, source.line)
}

/// An error diagnostic at `source`.
pub fn error_at(code: &str, source: &Source, message: String) -> Diagnostic {
    Diagnostic::error(code, source.file.clone(), source.line.max(1), 1, message)
}

/// A warning diagnostic at `source`.
pub fn warning_at(code: &str, source: &Source, message: String) -> Diagnostic {
    Diagnostic::warning(code, source.file.clone(), source.line.max(1), 1, message)
}
