//! `cargo xtask codegen --all`: the hand-written hard cases under `tests/pages/whole/` generate
//! deterministically and compile as a crate of their own, and the attendance types generated
//! from the upstream focus pages behave like the curated models on the seed examples.
//!
//! The generated crates are checked with `cargo` in a scratch directory, sharing one target
//! directory under the workspace's (`target/whole-docs`) so serde is built once.

mod common;

use common::workspace_root;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use graph_pipeline::whole::{generate, write, RuntimeDependency, WholeCrate};

/// A fresh scratch directory for a generated crate.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("graph-docs-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Generates the crate for `docs` into a scratch directory, with the workspace's lock file so
/// the same (already downloaded) serde versions are used.
fn generate_into(docs: &Path, name: &str) -> (WholeCrate, PathBuf) {
    let whole = generate(
        docs,
        &Default::default(),
        name,
        &RuntimeDependency::path_in_checkout(&workspace_root()),
    )
    .expect("the docs tree has pages");
    assert!(
        !whole.failed,
        "generation failed: {:#?}",
        common::errors(&whole.diagnostics)
    );
    let out = scratch(name);
    write(&out, &whole.files, false).unwrap();
    std::fs::copy(workspace_root().join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    (whole, out)
}

/// `cargo <args>` in `dir` with the shared target directory; stdout on success.
fn cargo(dir: &Path, args: &[&str], stdin: &str) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut child = Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            workspace_root().join("target/whole-docs"),
        )
        .env_remove("RUSTFLAGS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cargo runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo {args:?} failed:\n{stderr}");
    assert!(
        !stderr.contains("warning:"),
        "cargo {args:?} warned:\n{stderr}"
    );
    String::from_utf8(output.stdout).unwrap()
}

fn warnings_with_code<'a>(whole: &'a WholeCrate, code: &str) -> Vec<&'a str> {
    whole
        .diagnostics
        .iter()
        .filter(|d| !d.is_error() && d.code == code)
        .map(|d| d.message.as_str())
        .collect()
}

#[test]
fn hard_cases_generate_deterministically_and_compile() {
    let docs = workspace_root().join("tests/pages/whole");
    let (whole, out) = generate_into(&docs, "whole-docs-hard-cases");
    let again = generate(
        &docs,
        &Default::default(),
        "whole-docs-hard-cases",
        &RuntimeDependency::path_in_checkout(&workspace_root()),
    )
    .unwrap();
    assert_eq!(whole.files, again.files, "same pages, same bytes");

    // Undefined types: one warning naming both.
    let undefined = warnings_with_code(&whole, "codegen-type-undefined");
    assert_eq!(undefined.len(), 1, "{undefined:#?}");
    assert!(undefined[0].contains("`microsoft.graph.elsewhere`"));
    assert!(undefined[0].contains("`microsoft.graph.nowhere`"));

    // Every collision renamed, root-namespace types keeping their names.
    let renamed = warnings_with_code(&whole, "codegen-name-disambiguated");
    for expected in [
        "`microsoft.graph.fleet.vehicle` is `FleetVehicle2`",
        "`microsoft.graph.registry` is `Registry2`",
        "`microsoft.graph.unknown` is `Unknown2`",
        "`isMfaEnabled` is `is_mfa_enabled_2`",
        "`additionalProperties` is `additional_properties_2`",
        "`Self` is `SelfValue2`",
        "`foo_bar` is `FooBar2`",
    ] {
        assert!(
            renamed.iter().any(|m| m.contains(expected)),
            "no warning says {expected}: {renamed:#?}"
        );
    }
    let duplicate = whole
        .diagnostics
        .iter()
        .find(|d| d.code == "type-duplicate")
        .expect("the second depot page is diagnosed");
    assert!(duplicate.message.contains("depot-a.md"), "{duplicate}");

    let file = |path: &str| -> &str {
        whole
            .files
            .get(Path::new(path))
            .unwrap_or_else(|| panic!("{path} was not generated"))
    };
    let module = file("src/v1_0/mod.rs");
    assert!(module.contains("pub mod fleet {"), "{module}");
    assert!(module.contains("pub use super::FleetVehicle2 as Vehicle;"));
    assert!(file("src/v1_0/stop.rs").contains("pub previous: support::Field<Box<super::Stop>>"));
    assert!(file("src/v1_0/route.rs").contains("pub first_stop: support::Field<Box<super::Stop>>"));
    assert!(file("src/v1_0/route.rs").contains("pub operator: support::Field<serde_json::Value>"));
    let dump_truck = file("src/v1_0/dump_truck.rs");
    for inherited in [
        "pub id:",
        "pub serial_number:",
        "pub wheels:",
        "pub r#type:",
        "pub self_:",
        "pub payload_kilograms:",
    ] {
        assert!(
            dump_truck.contains(inherited),
            "{inherited} missing:\n{dump_truck}"
        );
    }
    assert!(file("src/v1_0/any_machine.rs").contains("Unknown2(super::Unknown2)"));
    assert!(file("src/v1_0/cargo_kind.rs").contains("\"1stClass\" => Self::V1stClass"));
    assert!(
        !whole.files.keys().any(|p| p.ends_with("tests.rs")),
        "no runtime tests copied"
    );

    // `build` rather than `check`: the round-trip test runs a build, so serde is built once.
    cargo(&out, &["build", "--quiet"], "");
    let _ = std::fs::remove_dir_all(&out);
}

/// Reads `[version, type name, body]` lines on stdin and prints, per line, the round trip
/// through the generated registry as `{"ok": value}` or `{"err": message}`.
const ROUND_TRIP_EXAMPLE: &str = r#"//! Round trips for the whole-docs test.
use std::io::BufRead;

/// Reads a JSON value as the type the registry names and writes it back.
struct Through<'a>(&'a serde_json::Value);

impl focus_models::support::TypeVisitor for Through<'_> {
    type Output = Result<serde_json::Value, serde_json::Error>;
    fn visit<T: serde::Serialize + serde::de::DeserializeOwned>(self) -> Self::Output {
        serde_json::to_value(T::deserialize(self.0)?)
    }
}

fn main() {
    for line in std::io::stdin().lock().lines() {
        let (version, type_name, body): (String, String, serde_json::Value) =
            serde_json::from_str(&line.unwrap()).unwrap();
        let result = match version.as_str() {
            "v1.0" => focus_models::v1_0::registry::with_type(&type_name, Through(&body)),
            _ => focus_models::beta::registry::with_type(&type_name, Through(&body)),
        };
        let printed = match result {
            Some(Ok(value)) => serde_json::json!({ "ok": value }),
            Some(Err(error)) => serde_json::json!({ "err": error.to_string() }),
            None => serde_json::json!({ "err": "no such type" }),
        };
        println!("{printed}");
    }
}
"#;

/// Reads a JSON value as the type the curated registry names and writes it back.
struct Through<'a>(&'a serde_json::Value);

impl graph_models::support::TypeVisitor for Through<'_> {
    type Output = Result<serde_json::Value, serde_json::Error>;
    fn visit<T: serde::Serialize + serde::de::DeserializeOwned>(self) -> Self::Output {
        serde_json::to_value(T::deserialize(self.0)?)
    }
}

#[test]
fn attendance_types_behave_as_in_the_models_crate() {
    let shared = workspace_root().join("../shared");
    if !shared.is_dir() {
        println!("skipped: ../shared not found (focus pages and seeds are needed for this test)");
        return;
    }
    let mut inputs = Vec::new();
    for seed in ["001_e60c55f09a23828a.txt"] {
        let path = shared.join("seeds").join(seed);
        let text = std::fs::read_to_string(&path).unwrap();
        let version = graph_docs_parser::version_of(seed, &text);
        let page = graph_docs_parser::parse_page(seed, &text);
        for example in page.api.map(|a| a.responses).unwrap_or_default() {
            let Ok(body) = serde_json::from_str::<serde_json::Value>(&example.body) else {
                continue; // the example with a trailing comma is not JSON for either
            };
            let Some(element) = example.odata_type else {
                continue;
            };
            let type_name = if example.is_collection {
                format!("Collection({element})")
            } else {
                element
            };
            inputs.push((version.to_string(), type_name, body));
        }
    }
    assert!(inputs.len() >= 2, "too few seed examples: {inputs:#?}");

    let (_, out) = generate_into(&shared.join("graph-docs/focus"), "focus-models");
    std::fs::create_dir_all(out.join("examples")).unwrap();
    std::fs::write(out.join("examples/round_trip.rs"), ROUND_TRIP_EXAMPLE).unwrap();
    let stdin: String = inputs
        .iter()
        .map(|input| serde_json::to_string(input).unwrap() + "\n")
        .collect();
    let generated = cargo(
        &out,
        &[
            "run",
            "--quiet",
            "--features",
            "registry",
            "--example",
            "round_trip",
        ],
        &stdin,
    );
    let generated: Vec<serde_json::Value> = generated
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();

    let curated: Vec<serde_json::Value> = inputs
        .iter()
        .map(|(version, type_name, body)| {
            let result = match version.as_str() {
                "v1.0" => graph_models::v1_0::registry::with_type(type_name, Through(body)),
                _ => graph_models::beta::registry::with_type(type_name, Through(body)),
            };
            match result {
                Some(Ok(value)) => serde_json::json!({ "ok": value }),
                Some(Err(error)) => serde_json::json!({ "err": error.to_string() }),
                None => serde_json::json!({ "err": "no such type" }),
            }
        })
        .collect();
    assert_eq!(generated, curated);
    for ((_, type_name, body), result) in inputs.iter().zip(&curated) {
        assert_eq!(result["ok"], *body, "{type_name} does not round-trip");
    }
    let _ = std::fs::remove_dir_all(&out);
}

/// Reads a call with only the `calls` workload on: the organizer's type (`people`) and the
/// recording's (`media`, a navigation property) are off, so both are kept, not typed.
const FEATURES_EXAMPLE: &str = r####"//! Features test.
use feature_models::v1_0::{AnyIdentity, Call};

fn main() {
    let text = r###"{"id":"c1","organizer":{"@odata.type":"#microsoft.graph.userIdentity","displayName":"A","userPrincipalName":"a@b"},"media":{"codec":"opus"},"recording":{"id":"r1","seconds":3}}"###;
    let call: Call = serde_json::from_str(text).unwrap();
    let organizer = call.organizer.value().unwrap();
    println!("organizer unknown: {}", matches!(organizer, AnyIdentity::Unknown(_)));
    println!("organizer name: {:?}", organizer.display_name());
    println!("recording kept: {}", call.additional_properties.get("recording").is_some());
    println!("codec: {:?}", call.media.value().and_then(|m| m.codec.value()));
    println!("round trip: {}", serde_json::to_string(&call).unwrap() == text);
}
"####;

#[test]
fn one_workload_compiles_alone_and_keeps_what_is_off() {
    let docs = workspace_root().join("tests/pages/features");
    let (whole, out) = generate_into(&docs, "feature-models");
    let manifest = &whole.files[Path::new("Cargo.toml")];
    for line in [
        "default = [\"full\"]",
        "full = [\"calls\", \"common\", \"media\", \"people\"]",
        // identity is held by calls but its page is in people: shared.
        "calls = [\"common\"]",
        "media = []",
        "registry = [\"full\"]",
    ] {
        assert!(manifest.contains(line), "no `{line}` in:\n{manifest}");
    }
    let readme = &whole.files[Path::new("README.md")];
    assert!(
        readme.contains("### `calls`") && readme.contains("- `microsoft.graph.callMedia` (v1.0)")
    );
    // Everything, warning-free (`cargo` fails on a warning), and then `calls` alone.
    cargo(&out, &["check", "--quiet", "--all-targets"], "");
    std::fs::create_dir_all(out.join("examples")).unwrap();
    std::fs::write(out.join("examples/features.rs"), FEATURES_EXAMPLE).unwrap();
    let printed = cargo(
        &out,
        &[
            "run",
            "--quiet",
            "--no-default-features",
            "--features",
            "calls",
            "--example",
            "features",
        ],
        "",
    );
    assert_eq!(
        printed,
        "organizer unknown: true\n\
         organizer name: Some(\"A\")\n\
         recording kept: true\n\
         codec: Some(\"opus\")\n\
         round trip: true\n"
    );
    let _ = std::fs::remove_dir_all(&out);
}
