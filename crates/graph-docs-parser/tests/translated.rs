//! Whole translated trees (issue 16) read by their language-free skeleton: the Russian 2023
//! translation (both versions) and the Japanese 2019 one, with floors on what the parser finds
//! of what the pages declare by their anchors, annotations and link targets.
//!
//! `cargo test -p graph-docs-parser --test translated -- --nocapture` prints the counts.

mod common;
mod skeleton;

use std::path::Path;
use std::time::Instant;

use skeleton::{count, percent, Counts};

fn counts_of(tree: &Path) -> std::collections::BTreeMap<String, Counts> {
    let started = Instant::now();
    let output = graph_docs_parser::parse_tree(tree);
    let counts = count(tree, &output);
    for (version, c) in &counts {
        eprintln!("{} {version}: {c}", tree.display());
    }
    eprintln!("  ({:?})", started.elapsed());
    if std::env::var_os("SKELETON_VERBOSE").is_some() {
        for (version, c) in &counts {
            eprintln!("{version} enums not found: {:?}", c.missing_enums);
            eprintln!("{version} types not found: {:?}", c.missing_types);
            eprintln!("{version} bases not found: {:#?}", c.missing_bases);
            eprintln!("{version} translated words: {:#?}", c.translated_examples);
        }
    }
    counts
}

/// The floors of the issue: enums >= 98 % of those declared, every resource annotation's type,
/// nothing lost to HTML-escaped quotes, prose bases >= 95 % of those stated, no property typed
/// as a translated word.
fn assert_floors(tree: &str, version: &str, c: &Counts) {
    let at = format!("{tree} {version}: {c}");
    assert!(c.enums_declared > 0, "{at}: no enums declared?");
    assert!(
        percent(c.enums_found, c.enums_declared) >= 98.0,
        "{at}\nnot found: {:?}",
        c.missing_enums
    );
    assert_eq!(
        c.types_found, c.types_declared,
        "{at}\nnot found: {:?}",
        c.missing_types
    );
    assert_eq!(c.escaped_invalid, 0, "{at}");
    assert!(
        percent(c.prose_bases_found, c.prose_bases_stated) >= 95.0,
        "{at}\nnot found: {:#?}",
        c.missing_bases
    );
    assert_eq!(
        c.translated_word_types, 0,
        "{at}\n{:#?}",
        c.translated_examples
    );
}

#[test]
fn russian_2023_tree_by_its_anchors() {
    let Some(shared) = common::shared_dir("russian_2023_tree_by_its_anchors") else {
        return;
    };
    let tree = shared.join("graph-docs/localized-2023/ru-RU");
    let counts = counts_of(&tree);
    assert_eq!(
        counts.keys().collect::<Vec<_>>(),
        ["beta", "v1.0"],
        "both versions"
    );
    for (version, c) in &counts {
        assert_floors("ru-RU", version, c);
    }
    // The tree really is what the issue describes.
    assert!(counts["beta"].escaped_annotations > 0 && counts["v1.0"].enums_declared > 300);
}

#[test]
fn japanese_2019_tree_by_its_anchors() {
    let Some(shared) = common::shared_dir("japanese_2019_tree_by_its_anchors") else {
        return;
    };
    let tree = shared.join("graph-docs/localized-2019/ja-JP");
    let counts = counts_of(&tree);
    assert_eq!(counts.keys().collect::<Vec<_>>(), ["v1.0"]);
    assert_floors("ja-JP", "v1.0", &counts["v1.0"]);
}
