//! insta snapshots of the generated models crate, one per generated file and version, made
//! from the committed corrected IR in `schema/ir/corrected/` (the pages' IR with
//! `schema/corrections.toml` applied: what the models are generated from). A change to the IR,
//! to a correction or to the generator shows up here as a snapshot diff to read
//! (`cargo insta review`) before it is accepted.

use std::path::PathBuf;

use graph_ir::Schema;

#[test]
fn every_generated_model_file_matches_its_snapshot() {
    let ir_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schema/ir/corrected");
    for version in ["v1.0", "beta"] {
        let text = std::fs::read_to_string(ir_dir.join(format!("{version}.json"))).unwrap();
        let schema: Schema = serde_json::from_str(&text).unwrap();
        let files = graph_codegen::generate(&schema, &graph_codegen::Options::default())
            .unwrap_or_else(|errors| panic!("{version}: {errors:#?}"));
        assert!(files.len() > 20, "{version}: only {} files", files.len());
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("snapshots/models");
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| {
            for file in &files {
                let name = format!(
                    "{}__{}",
                    version.replace('.', "_"),
                    file.path.trim_end_matches(".rs")
                );
                insta::assert_snapshot!(name, &file.contents);
            }
        });
    }
}
