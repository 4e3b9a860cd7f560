//! Reviewed corrections through the curated pipeline (`graph_pipeline::curated`), on the
//! hand-written tree in `tests/pages/corrections/`: an applied entry is a note and changes the
//! models, a stale one is a warning, and a bad one is an error that stops codegen; the IR of
//! the pages stays theirs, the corrected IR is written beside it.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use graph_ir::{Schema, Severity};
use graph_pipeline::curated::{generate, write_if_clean, Generation};
use graph_pipeline::layout::{CORRECTED_IR_DIR, IR_DIR, MODELS_DIR};

fn tree() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("pages/corrections")
}

/// The 1-based lines of the `[[correction]]` headers of `text`.
fn headers(text: &str) -> Vec<u32> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| line.trim() == "[[correction]]")
        .map(|(i, _)| i as u32 + 1)
        .collect()
}

/// `(severity, code, line)` of every `correction*` diagnostic.
fn correction_diagnostics(generation: &Generation) -> Vec<(Severity, &str, u32)> {
    generation
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("correction"))
        .map(|d| (d.severity, d.code.as_str(), d.line))
        .collect()
}

fn schema_in(generation: &Generation, dir: &str) -> Schema {
    let text = &generation.files[&PathBuf::from(dir).join("v1.0.json")];
    serde_json::from_str(text).unwrap()
}

/// A copy of the test tree under `dir`, with `corrections` as its corrections file (or none).
fn copy_tree(dir: &Path, corrections: Option<&str>) {
    let resources = dir.join("v1.0/resources");
    fs::create_dir_all(&resources).unwrap();
    for entry in fs::read_dir(tree().join("v1.0/resources")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, resources.join(path.file_name().unwrap())).unwrap();
    }
    fs::copy(tree().join("manifest.toml"), dir.join("manifest.toml")).unwrap();
    if let Some(text) = corrections {
        fs::write(dir.join("corrections.toml"), text).unwrap();
    }
}

#[test]
fn applied_entries_are_notes_stale_ones_warnings_and_the_models_follow() {
    let tree = tree();
    let generation = generate(&tree.join("manifest.toml"), &tree, &Default::default()).unwrap();
    let errors = common::errors(&generation.diagnostics);
    assert!(errors.is_empty(), "{}", errors.join("\n"));

    let text = fs::read_to_string(tree.join("corrections.toml")).unwrap();
    let lines = headers(&text);
    assert_eq!(lines.len(), 3, "{text}");
    // The beta entry finds no beta pages and says nothing.
    assert_eq!(
        correction_diagnostics(&generation),
        [
            (Severity::Note, "correction-applied", lines[0]),
            (Severity::Warning, "correction-stale", lines[1]),
        ],
        "{:#?}",
        generation.diagnostics
    );
    let applied = generation
        .diagnostics
        .iter()
        .find(|d| d.code == "correction-applied")
        .unwrap();
    assert!(
        applied.file.ends_with("corrections.toml"),
        "{}",
        applied.file
    );
    assert!(
        applied.message.contains("`microsoft.graph.circle`")
            && applied.message.contains("its page leaves the base out"),
        "the note names the entry and its reason: {}",
        applied.message
    );
    assert_eq!(
        applied.source_line.as_deref(),
        Some("[[correction]]"),
        "the note shows the entry's line"
    );
    assert!(
        applied
            .to_string()
            .starts_with("note[correction-applied]: "),
        "{applied}"
    );
    assert_eq!(generation.corrections_applied, 1);
    assert_eq!(
        generation.corrections.as_deref(),
        Some(tree.join("corrections.toml").as_path())
    );

    // The IR of the pages stays theirs; the corrected IR, beside it, has the base.
    let pages = schema_in(&generation, IR_DIR);
    let corrected = schema_in(&generation, CORRECTED_IR_DIR);
    assert_eq!(pages.types["microsoft.graph.circle"].base, None);
    assert_eq!(
        corrected.types["microsoft.graph.circle"]
            .base
            .as_ref()
            .map(|b| b.name.as_str()),
        Some("microsoft.graph.shape")
    );
    let mut without_the_base = corrected.clone();
    if let Some(circle) = without_the_base.types.get_mut("microsoft.graph.circle") {
        circle.base = None;
    }
    assert_eq!(without_the_base, pages, "the base is the only difference");

    // The models are made from the corrected IR: circle is a shape variant, dispatched on its tag.
    let any_shape = &generation.files[&PathBuf::from(MODELS_DIR).join("v1_0/any_shape.rs")];
    assert!(
        any_shape.contains("Circle(super::Circle)"),
        "no Circle variant:\n{any_shape}"
    );
    assert!(
        any_shape.contains("\"microsoft.graph.circle\" =>"),
        "no dispatch on the circle tag:\n{any_shape}"
    );

    // Notes and warnings do not stop codegen.
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path();
    let outcome = write_if_clean(out, &generation, false)
        .unwrap()
        .expect("notes and warnings write");
    assert!(outcome
        .changed
        .contains(&PathBuf::from(CORRECTED_IR_DIR).join("v1.0.json")));
    assert!(out.join(MODELS_DIR).join("v1_0/circle.rs").is_file());
}

#[test]
fn without_a_corrections_file_the_corrected_ir_is_the_pages_ir() {
    let scratch = tempfile::tempdir().unwrap();
    let work = scratch.path();
    copy_tree(work, None);
    let generation = generate(&work.join("manifest.toml"), work, &Default::default()).unwrap();
    assert!(correction_diagnostics(&generation).is_empty());
    assert_eq!(generation.corrections, None);
    assert_eq!(generation.corrections_applied, 0);
    let pages = schema_in(&generation, IR_DIR);
    assert_eq!(pages, schema_in(&generation, CORRECTED_IR_DIR));
    // Without its base, nothing reaches circle.
    assert!(!pages.types.contains_key("microsoft.graph.circle"));
    assert!(!generation
        .files
        .contains_key(&PathBuf::from(MODELS_DIR).join("v1_0/circle.rs")));
}

#[test]
fn a_bad_entry_is_an_error_and_nothing_is_written() {
    let cases = [
        (
            "unknown type",
            "[[correction]]\nversion = \"v1.0\"\ntype = \"microsoft.graph.triangle\"\nopen = true\nreason = \"no such page\"\n",
            "correction-type-unknown",
        ),
        (
            "two facts",
            "[[correction]]\nversion = \"v1.0\"\ntype = \"microsoft.graph.circle\"\nopen = true\nabstract = true\nreason = \"one entry, two facts\"\n",
            "correction-invalid",
        ),
        (
            "not TOML",
            "[[correction]]\nversion = \n",
            "corrections-invalid",
        ),
    ];
    for (what, text, code) in cases {
        let scratch = tempfile::tempdir().unwrap();
        let work = scratch.path();
        copy_tree(work, Some(text));
        let out = work.join("out");
        fs::create_dir_all(out.join(IR_DIR)).unwrap();
        fs::write(out.join(IR_DIR).join("v1.0.json"), "existing\n").unwrap();

        let generation = generate(&work.join("manifest.toml"), work, &Default::default()).unwrap();
        let errors: Vec<&str> = generation
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.code.as_str())
            .collect();
        assert_eq!(errors, [code], "{what}: {:#?}", generation.diagnostics);
        assert!(
            write_if_clean(&out, &generation, false).unwrap().is_none(),
            "{what}: nothing may be written"
        );
        assert_eq!(
            fs::read_to_string(out.join(IR_DIR).join("v1.0.json")).unwrap(),
            "existing\n",
            "{what}"
        );
        assert!(!out.join(MODELS_DIR).exists(), "{what}");
    }
}
