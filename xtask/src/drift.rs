//! `cargo xtask drift --docs DIR --metadata FILE [--version V] [--json] [--suggest] [--all-types]
//! [--corrections FILE | --no-corrections]`: every difference between what the docs say about one
//! version and the service metadata.
//!
//! The reviewed corrections in `DIR/corrections.toml` (`schema/corrections.toml` for the pinned
//! pages) are applied to the docs first when that file exists, as codegen applies them, so the
//! report shows what the models still differ in; `--no-corrections` compares the pages alone.
//!
//! Each difference is a note on stderr, rendered like the other commands' diagnostics and
//! positioned at the page where there is one; then a line about the docs parse (its own
//! diagnostics are `cargo xtask schema`'s business), and the summary line last:
//! `types compared N, enums compared E, differences D by kind: code n, ...`. `--json` writes
//! the report to stdout; `--suggest` writes candidate corrections (TOML) to stdout. The exit
//! status is 0 unless an input cannot be read: drift is information, not failure.
//!
//! `--docs` may also be a CSDL file (`.xml`): two metadata documents are then compared, which
//! compares containment too.

use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use graph_ir::diagnostic::Tally;
use graph_ir::{Diagnostic, Severity};
use graph_metadata::corrections;
use graph_metadata::csdl::{self, Metadata};
use graph_metadata::drift::{self, Options, Side};

/// Arguments of `cargo xtask drift`.
#[derive(clap::Args)]
pub struct Args {
    /// Root of a docs tree (searched recursively), or a second metadata file (`.xml`).
    #[arg(long)]
    docs: PathBuf,
    /// The service metadata (OData CSDL XML, Graph's `$metadata`) of the same version.
    #[arg(long)]
    metadata: PathBuf,
    /// `v1.0` or `beta`; by default the `v1.0` / `beta` path segment of `--docs`, else the one
    /// version the tree holds.
    #[arg(long)]
    version: Option<String>,
    /// Write the report as JSON to stdout.
    #[arg(long)]
    json: bool,
    /// Write candidate corrections (the `schema/corrections.toml` format) to stdout.
    #[arg(long, conflicts_with = "json")]
    suggest: bool,
    /// Report every metadata type and enum the docs do not define, not only those they reach.
    #[arg(long)]
    all_types: bool,
    /// Apply these reviewed corrections to the docs before comparing (default:
    /// `corrections.toml` in the --docs directory, when it exists).
    #[arg(long, conflicts_with = "no_corrections")]
    corrections: Option<PathBuf>,
    /// Compare the pages as they are, without any corrections.
    #[arg(long)]
    no_corrections: bool,
}

/// Runs the command.
pub fn run(args: Args) -> ExitCode {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    match compare(&args, &mut err) {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            let _ = writeln!(err, "{problem}");
            ExitCode::FAILURE
        }
    }
}

fn compare(args: &Args, err: &mut impl Write) -> Result<(), String> {
    let docs_shown = shown(&args.docs);
    let metadata_shown = shown(&args.metadata);
    let segment = version_segment(&args.docs);

    // The docs side: a tree of pages, or a second metadata document.
    let docs_is_metadata = args.docs.is_file() && args.docs.extension().is_some_and(|e| e == "xml");
    let mut docs_note = String::new();
    let left: Metadata;
    let docs_schema: graph_ir::Schema;
    let mut input_diagnostics: Vec<Diagnostic> = Vec::new();
    if docs_is_metadata {
        let version = args
            .version
            .clone()
            .or(segment)
            .unwrap_or_else(|| "v1.0".to_string());
        left = csdl::read_file(&args.docs, &docs_shown, &version).map_err(|d| d.to_string())?;
        input_diagnostics.extend(left.diagnostics.iter().cloned());
        docs_schema = left.schema.clone();
    } else {
        if !args.docs.is_dir() {
            return Err(format!(
                "error: cannot read the docs: {docs_shown} is not a directory (or a metadata `.xml` file)"
            ));
        }
        let output = graph_docs_parser::parse_tree(&args.docs);
        let held: Vec<&str> = output.schemas.keys().map(String::as_str).collect();
        let version = match (&args.version, &segment) {
            (Some(v), _) => v.clone(),
            (None, Some(v)) => v.clone(),
            (None, None) if held.len() == 1 => held[0].to_string(),
            (None, None) => {
                return Err(format!(
                    "error: {docs_shown} holds the versions [{}]; say which with --version",
                    held.join(", ")
                ))
            }
        };
        // The parser takes a page's version from the path below DIR; when DIR itself is the
        // `beta` (or `v1.0`) folder, the one version it found is DIR's.
        let only = (held.len() == 1 && segment.as_deref() == Some(version.as_str()))
            .then(|| output.schemas.values().next())
            .flatten();
        let Some(schema) = output.schemas.get(&version).or(only) else {
            return Err(format!(
                "error: {docs_shown} holds no {version} pages (pages {}, versions [{}])",
                output.pages,
                held.join(", ")
            ));
        };
        let tally = Tally::of(&output.diagnostics);
        docs_note = format!(
            "docs: pages {}, {version} types {}, enums {}; parse errors {}, warnings {} \
             (`cargo xtask schema --docs {docs_shown}` shows them)",
            output.pages,
            schema.types.len(),
            schema.enums.len(),
            tally.errors,
            tally.warnings
        );
        let mut schema = graph_ir::Schema {
            version: version.clone(),
            ..schema.clone()
        };
        let chosen = match (&args.corrections, args.no_corrections) {
            (Some(file), _) => Some(file.clone()),
            (None, false) => Some(args.docs.join("corrections.toml")).filter(|f| f.is_file()),
            (None, true) => None,
        };
        if let Some(file) = chosen {
            let (applied, found) = apply_corrections(&mut schema, &file, &args.docs)?;
            // Applied entries are what the report no longer shows; the rest is worth reading.
            input_diagnostics.extend(found.into_iter().filter(|d| d.severity != Severity::Note));
            docs_note.push_str(&format!(
                "\ncorrections: {applied} applied from {} (`--no-corrections` compares the pages alone)",
                shown(&file)
            ));
        }
        docs_schema = schema;
        left = Metadata::default();
    }

    let metadata = csdl::read_file(&args.metadata, &metadata_shown, &docs_schema.version)
        .map_err(|d| d.to_string())?;
    input_diagnostics.extend(metadata.diagnostics.iter().cloned());

    let docs_side = if docs_is_metadata {
        Side {
            label: "the first metadata",
            absent: "the first metadata does not define it",
            ..Side::metadata(&left)
        }
    } else {
        Side::docs(&docs_schema, &docs_shown)
    };
    let report = drift::compare(
        docs_side,
        Side::metadata(&metadata),
        Options {
            all_types: args.all_types,
        },
    );

    let mut notes: Vec<Diagnostic> = report.diagnostics().cloned().collect();
    graph_metadata::attach_excerpts(&mut notes, |file| std::fs::read_to_string(file).ok());
    for d in input_diagnostics.iter().chain(&notes) {
        let _ = writeln!(err, "{d}\n");
    }

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = if args.json {
        serde_json::to_string_pretty(&report)
            .map_err(|e| e.to_string())
            .and_then(|text| writeln!(out, "{text}").map_err(|e| e.to_string()))
    } else if args.suggest {
        write!(out, "{}", corrections::suggest_from(&report)).map_err(|e| e.to_string())
    } else {
        Ok(())
    };
    if let Err(problem) = written {
        let _ = writeln!(err, "error: cannot write to stdout: {problem}");
    }

    if !docs_note.is_empty() {
        let _ = writeln!(err, "{docs_note}");
    }
    let _ = writeln!(
        err,
        "metadata: types {}, enums {}; not defined by the docs and not reached from them \
         (not reported{}): {}",
        report.metadata_types,
        report.metadata_enums,
        if args.all_types {
            ""
        } else {
            "; --all-types reports them"
        },
        report.unreached
    );
    let _ = writeln!(err, "{}", report.summary());
    Ok(())
}

/// Applies the corrections file `file` to `schema` as codegen does; the IR names it relative to
/// `docs` (where the pages' sources are relative to). Returns how many entries applied and the
/// diagnostics of reading and applying it; a file that cannot be read is an input error.
fn apply_corrections(
    schema: &mut graph_ir::Schema,
    file: &Path,
    docs: &Path,
) -> Result<(usize, Vec<Diagnostic>), String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("error: cannot read the corrections {}: {e}", shown(file)))?;
    let file_shown = shown(file);
    let ir_name = file.strip_prefix(docs).map_or_else(
        |_| file_shown.clone(),
        |p| p.to_string_lossy().replace('\\', "/"),
    );
    let (entries, mut found) = corrections::parse(&text, &file_shown);
    let applied = corrections::apply(schema, &entries, &ir_name);
    let count = applied
        .iter()
        .filter(|d| d.code == graph_metadata::codes::CORRECTION_APPLIED)
        .count();
    found.extend(applied.into_iter().map(|mut d| {
        d.file.clone_from(&file_shown);
        d.with_excerpt_from(&text)
    }));
    Ok((count, found))
}

/// The path as given, without a trailing separator.
fn shown(path: &Path) -> String {
    path.to_string_lossy()
        .trim_end_matches(['/', '\\'])
        .to_string()
}

/// The last `v1.0` or `beta` segment of `path`.
fn version_segment(path: &Path) -> Option<String> {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .rfind(|s| *s == "v1.0" || *s == "beta")
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_comes_from_the_last_version_segment() {
        assert_eq!(
            version_segment(Path::new("../shared/graph-docs/corpus-2021/v1.0")).as_deref(),
            Some("v1.0")
        );
        assert_eq!(
            version_segment(Path::new("x/v1.0/old/beta/")).as_deref(),
            Some("beta")
        );
        assert_eq!(version_segment(Path::new("schema")), None);
        assert_eq!(version_segment(Path::new("v1.0x")), None);
    }
}
