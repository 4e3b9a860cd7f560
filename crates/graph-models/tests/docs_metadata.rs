//! docs.rs documents every feature with `--cfg docsrs`, and each item behind a feature (a
//! version module, `registry`) says which in the docs (`doc(cfg)`).

use std::fs;
use std::path::Path;

fn read(path: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn docs_rs_builds_every_feature_and_marks_gated_items() {
    assert!(read("Cargo.toml").contains(
        "[package.metadata.docs.rs]\nall-features = true\nrustdoc-args = [\"--cfg\", \"docsrs\"]"
    ));
    let lib = read("src/lib.rs");
    assert!(lib.contains("#![cfg_attr(docsrs, feature(doc_cfg))]"));
    for version in ["v1_0", "beta"] {
        let gate = format!(
            "#[cfg(feature = \"{version}\")]\n#[cfg_attr(docsrs, doc(cfg(feature = \"{version}\")))]\n"
        );
        assert!(lib.contains(&gate), "lib.rs: {version}");
        let module = read(&format!("src/generated/{version}/mod.rs"));
        assert!(
            module.contains(
                "#[cfg(feature = \"registry\")]\n#[cfg_attr(docsrs, doc(cfg(feature = \"registry\")))]\npub mod registry;"
            ),
            "{version}/mod.rs"
        );
        // Every gate in the generated module says so in the docs too.
        let gates = module.matches("#[cfg(feature").count();
        let docs = module.matches("#[cfg_attr(docsrs, doc(cfg(feature").count();
        assert_eq!(gates, docs, "{version}/mod.rs");
    }
}
