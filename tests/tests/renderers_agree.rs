//! The text renderer gives the same bytes as the tokens renderer (syn + prettyplease) on real
//! docs trees: the project's pinned pages, the hard cases under `tests/pages/`, and, when
//! `../shared/` is there, the upstream focus pages and the whole 2021 corpus.

use std::path::{Path, PathBuf};

use graph_codegen::{generate_reporting, Options, Renderer};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate lives one level below the workspace root")
        .to_path_buf()
}

/// Renders every version under `docs` both ways, with the whole-tree options, and compares.
/// Returns (files compared, files the text renderer declined).
fn compare_tree(docs: &Path) -> (usize, usize) {
    let parsed = graph_docs_parser::parse_tree(docs);
    assert!(
        !parsed.schemas.is_empty(),
        "no pages under {}",
        docs.display()
    );
    let mut compared = 0;
    let mut declined = 0;
    let mut mismatches = Vec::new();
    for (version, schema) in &parsed.schemas {
        let options = |renderer| Options {
            disambiguate: true,
            namespace_modules: true,
            renderer,
            ..Options::default()
        };
        let tokens = generate_reporting(schema, &options(Renderer::Tokens))
            .unwrap_or_else(|e| panic!("{version}: {e:?}"));
        let text = generate_reporting(schema, &options(Renderer::Text))
            .unwrap_or_else(|e| panic!("{version}: {e:?}"));
        assert_eq!(tokens.declined, 0);
        assert_eq!(tokens.warnings, text.warnings);
        assert_eq!(
            tokens.files.iter().map(|f| &f.path).collect::<Vec<_>>(),
            text.files.iter().map(|f| &f.path).collect::<Vec<_>>(),
            "{version}: the renderers wrote different files"
        );
        for (reference, fast) in tokens.files.iter().zip(&text.files) {
            compared += 1;
            if reference.contents != fast.contents {
                mismatches.push(first_difference(
                    version,
                    &reference.path,
                    &reference.contents,
                    &fast.contents,
                ));
            }
        }
        declined += text.declined;
    }
    assert!(
        mismatches.is_empty(),
        "{} of {compared} files differ under {}:\n{}",
        mismatches.len(),
        docs.display(),
        mismatches
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    (compared, declined)
}

fn first_difference(version: &str, path: &str, reference: &str, fast: &str) -> String {
    let line = reference
        .lines()
        .zip(fast.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| reference.lines().count().min(fast.lines().count()));
    let show = |text: &str| {
        text.lines()
            .skip(line.saturating_sub(2))
            .take(6)
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!(
        "{version}/{path}, line {}:\n--- tokens\n{}\n--- text\n{}\n",
        line + 1,
        show(reference),
        show(fast)
    )
}

#[test]
fn pinned_pages_and_hard_cases() {
    let root = workspace_root();
    for docs in ["schema", "tests/pages"] {
        let (compared, declined) = compare_tree(&root.join(docs));
        eprintln!("{docs}: {compared} files agree, {declined} declined by the text renderer");
    }
}

#[test]
fn upstream_pages() {
    let shared = workspace_root().join("../shared/graph-docs");
    if !shared.is_dir() {
        eprintln!("skipping: {} is not there", shared.display());
        return;
    }
    for docs in ["focus", "corpus-2021/v1.0"] {
        let (compared, declined) = compare_tree(&shared.join(docs));
        eprintln!("{docs}: {compared} files agree, {declined} declined by the text renderer");
        // The text renderer is the fast path only if it rarely hands files back.
        assert!(
            declined * 20 <= compared,
            "{docs}: the text renderer declined {declined} of {compared} files"
        );
    }
}
