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

/// Random schemas: names of any length (camel case, digits, Rust keywords), namespaces, a
/// polymorphic base with derived types, references, collections, declared and inline enums
/// whose members are any text, deprecations and descriptions with quotes, backslashes,
/// markdown and characters outside ASCII. Whatever the text renderer writes must be what the
/// tokens renderer writes; whatever it cannot lay out it must decline.
mod random {
    use graph_codegen::{generate_reporting, Options, Renderer};
    use graph_ir::{
        BaseOrigin, BaseType, EnumDef, EnumMember, Property, Schema, TypeDef, TypeKind, TypeRef,
    };
    use proptest::prelude::*;

    #[derive(Clone, Debug)]
    struct RawProperty {
        name: String,
        kind: usize,
        nullable: bool,
        deprecated: Option<String>,
        description: String,
        members: Vec<String>,
    }

    #[derive(Clone, Debug)]
    struct RawSchema {
        namespace: String,
        base: String,
        derived: Vec<(bool, String)>,
        target: String,
        enumeration: String,
        members: Vec<String>,
        properties: Vec<(usize, RawProperty)>,
    }

    fn name() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z][a-zA-Z0-9]{0,12}",
            "[a-z][a-zA-Z0-9]{20,70}",
            Just("type".to_string()),
            Just("self".to_string()),
            Just("string".to_string()),
        ]
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            "[a-zA-Z .,`\\[\\]()<>*_:/\\\\\"'-]{0,120}",
            "[a-z é漢🎧\"\\\\]{0,40}",
        ]
    }

    fn member() -> impl Strategy<Value = String> {
        prop_oneof!["[a-zA-Z][a-zA-Z0-9]{0,40}", "[a-zA-Z0-9 ._é\"\\\\-]{1,30}"]
    }

    fn property() -> impl Strategy<Value = RawProperty> {
        (
            name(),
            0usize..8,
            any::<bool>(),
            proptest::option::of(text()),
            text(),
            prop::collection::vec(member(), 1..4),
        )
            .prop_map(|(name, kind, nullable, deprecated, description, members)| {
                RawProperty {
                    name,
                    kind,
                    nullable,
                    deprecated,
                    description,
                    members,
                }
            })
    }

    fn schema() -> impl Strategy<Value = RawSchema> {
        (
            prop_oneof![Just(String::new()), "[a-z][a-zA-Z]{0,20}"],
            name(),
            prop::collection::vec((any::<bool>(), name()), 0..4),
            name(),
            name(),
            prop::collection::vec(member(), 0..5),
            prop::collection::vec((0usize..6, property()), 0..10),
        )
            .prop_map(
                |(namespace, base, derived, target, enumeration, members, properties)| RawSchema {
                    namespace,
                    base,
                    derived,
                    target,
                    enumeration,
                    members,
                    properties,
                },
            )
    }

    /// The IR for `raw`: property `(owner, p)` goes to the base (0, 1), the target (2) or a
    /// derived type (3 and up, when there are any).
    fn build(raw: &RawSchema) -> Schema {
        let qualify = |name: &str, namespaced: bool| {
            if namespaced && !raw.namespace.is_empty() {
                format!("microsoft.graph.{}.{name}", raw.namespace)
            } else {
                format!("microsoft.graph.{name}")
            }
        };
        let base = qualify(&format!("b{}", raw.base), false);
        let target = qualify(&format!("t{}", raw.target), true);
        let enumeration = qualify(&format!("e{}", raw.enumeration), false);
        let derived: Vec<String> = raw
            .derived
            .iter()
            .enumerate()
            .map(|(i, (namespaced, name))| qualify(&format!("d{i}{name}"), *namespaced))
            .collect();
        let mut types: Vec<TypeDef> = std::iter::once((&base, TypeKind::Entity, None))
            .chain(std::iter::once((&target, TypeKind::Complex, None)))
            .chain(derived.iter().map(|d| (d, TypeKind::Entity, Some(&base))))
            .map(|(name, kind, parent)| TypeDef {
                name: name.clone(),
                kind,
                base: parent.map(|b| BaseType {
                    name: b.clone(),
                    origin: BaseOrigin::Prose,
                }),
                description: format!("About {name}."),
                ..TypeDef::default()
            })
            .collect();
        for (owner, p) in &raw.properties {
            let ty = match p.kind {
                0 => "Edm.String".to_string(),
                1 => "Edm.Int64".to_string(),
                2 => "Edm.DateTimeOffset".to_string(),
                3 => target.clone(),
                4 => format!("Collection({target})"),
                5 => enumeration.clone(),
                6 => format!("Collection({base})"),
                _ => "Edm.String".to_string(),
            };
            let property = Property {
                name: p.name.clone(),
                ty: TypeRef::named(ty),
                nullable: p.nullable,
                deprecated: p.deprecated.clone(),
                description: p.description.clone(),
                enum_members: if p.kind == 7 {
                    p.members.clone()
                } else {
                    Vec::new()
                },
                ..Property::default()
            };
            let index = match owner {
                0 | 1 => 0,
                2 => 1,
                n if types.len() > 2 => 2 + n % (types.len() - 2),
                _ => 0,
            };
            types[index].properties.push(property);
        }
        let mut schema = Schema::new("v1.0");
        for def in types {
            schema.types.insert(def.name.clone(), def);
        }
        let members = raw
            .members
            .iter()
            .map(|m| EnumMember {
                name: m.clone(),
                ..EnumMember::default()
            })
            .collect();
        schema.enums.insert(
            enumeration.clone(),
            EnumDef {
                name: enumeration,
                members,
                ..EnumDef::default()
            },
        );
        schema
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn random_schemas_render_the_same_both_ways(raw in schema()) {
            let schema = build(&raw);
            let with = |renderer| {
                let options = Options {
                    disambiguate: true,
                    namespace_modules: true,
                    renderer,
                    ..Options::default()
                };
                generate_reporting(&schema, &options)
            };
            match (with(Renderer::Tokens), with(Renderer::Text)) {
                (Ok(tokens), Ok(text)) => {
                    prop_assert_eq!(tokens.files.len(), text.files.len());
                    for (reference, fast) in tokens.files.iter().zip(&text.files) {
                        prop_assert_eq!(&reference.path, &fast.path);
                        prop_assert_eq!(&reference.contents, &fast.contents, "{}", reference.path);
                    }
                }
                (Err(tokens), Err(text)) => prop_assert_eq!(tokens, text),
                (tokens, text) => prop_assert!(false, "one renderer failed: {tokens:?} / {text:?}"),
            }
        }
    }
}
