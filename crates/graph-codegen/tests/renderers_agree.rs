//! The text renderer gives the bytes the tokens renderer (syn + prettyplease) gives: on the
//! fixture, and on schemas whose names grow one character at a time, so that every line the
//! generator writes crosses prettyplease's margin at some length and each breaking rule is
//! checked on both sides of its threshold. Real docs trees are compared in the workspace's
//! `tests/tests/renderers_agree.rs`.

mod common;

use graph_codegen::{generate_reporting, Options, Renderer};
use graph_ir::{
    BaseOrigin, BaseType, EnumDef, EnumMember, Property, Schema, TypeDef, TypeKind, TypeRef,
};

/// Renders `schema` both ways with `options` and asserts the same files and bytes; returns how
/// many files the text renderer declined.
fn assert_agree(schema: &Schema, options: &Options, label: &str) -> usize {
    let with = |renderer| {
        let options = Options {
            renderer,
            ..options.clone()
        };
        generate_reporting(schema, &options).unwrap_or_else(|e| panic!("{label}: {e:#?}"))
    };
    let tokens = with(Renderer::Tokens);
    let text = with(Renderer::Text);
    assert_eq!(tokens.files.len(), text.files.len(), "{label}");
    for (reference, fast) in tokens.files.iter().zip(&text.files) {
        assert_eq!(reference.path, fast.path, "{label}");
        if reference.contents != fast.contents {
            let line = reference
                .contents
                .lines()
                .zip(fast.contents.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            panic!(
                "{label}: {} differs from line {}\n--- tokens\n{}\n--- text\n{}",
                reference.path,
                line + 1,
                excerpt(&reference.contents, line),
                excerpt(&fast.contents, line)
            );
        }
    }
    text.declined
}

fn excerpt(text: &str, line: usize) -> String {
    let lines: Vec<&str> = text.lines().skip(line.saturating_sub(3)).take(7).collect();
    lines.join("\n")
}

fn whole_tree_options() -> Options {
    Options {
        disambiguate: true,
        namespace_modules: true,
        ..Options::default()
    }
}

#[test]
fn the_fixture_renders_the_same_both_ways() {
    let schema = common::schema();
    let declined = assert_agree(&schema, &Options::default(), "fixture");
    assert_eq!(declined, 0, "the text renderer declined fixture files");
    assert_agree(
        &schema,
        &whole_tree_options(),
        "fixture, whole-tree options",
    );
}

/// (type name, property name) extra lengths for a step of a sweep.
type Lengths = fn(usize) -> (usize, usize);

/// Names grow one character at a time, all together, type names alone (arm patterns over
/// `Any*` variants, `impl` headers, `From` impls and tags cross the margin on their own) and
/// property names alone.
#[test]
fn names_of_every_length_render_the_same_both_ways() {
    let sweeps: [(&str, Lengths); 3] = [
        ("all names", |n| (n, n)),
        ("type names", |n| (n, 0)),
        ("property names", |n| (0, n)),
    ];
    for (what, lengths) in sweeps {
        for length in 1..=90 {
            let (type_length, property_length) = lengths(length);
            let schema = growing_schema(type_length, property_length);
            let label = format!("{what} +{length}");
            let declined = assert_agree(&schema, &whole_tree_options(), &label);
            // Past this, some lines need a further level of breaking (a method chain broken at
            // every dot, an `impl From<` header's generics, a call opener) that the text
            // renderer leaves to the tokens renderer; the bytes are the same either way. Docs
            // names stay below it: the 2021 corpus and the focus pages need no fallback.
            if length <= FALLBACK_FREE_LENGTH {
                assert_eq!(declined, 0, "{label}: the text renderer declined files");
            }
        }
    }
}

/// Extra name length up to which the text renderer handles every file of [`growing_schema`]
/// itself: `Any*` variants of up to 67 characters, fields of up to 57, inline enums of over 100.
const FALLBACK_FREE_LENGTH: usize = 52;

/// A schema whose type and enum names have `type_length` extra characters and whose property
/// and member names `length`: a polymorphic base with a derived type in another namespace,
/// references to a complex type, collections, a recursive field, a declared enum, an inline
/// enum and a deprecated property with a growing note.
fn growing_schema(type_length: usize, length: usize) -> Schema {
    let pad = "x".repeat(length);
    let type_pad = "y".repeat(type_length);
    let words = "word ".repeat(length);
    let name = |stem: &str| format!("microsoft.graph.{stem}{type_pad}");
    let prop = |name: String, ty: &str, nullable: bool| Property {
        name,
        ty: TypeRef::named(ty),
        nullable,
        description: format!("A property called {pad}."),
        ..Property::default()
    };
    let base = name("base");
    let target = name("target");
    let color = name("color");
    let mut deprecated = prop(format!("old{pad}"), "Edm.String", true);
    deprecated.deprecated = Some(format!("Deprecated: {words}"));
    let mut inline = prop(format!("kind{pad}"), "Edm.String", true);
    inline.enum_members = vec!["a".into(), format!("value{pad}")];
    let base_type = TypeDef {
        name: base.clone(),
        kind: TypeKind::Entity,
        description: format!("The base {words}"),
        properties: vec![
            prop("id".into(), "Edm.String", false),
            prop(format!("p{pad}"), "Edm.String", false),
            prop(format!("ref{pad}"), &target, true),
            prop(
                format!("refs{pad}"),
                &format!("Collection({target})"),
                false,
            ),
            prop(format!("color{pad}"), &color, true),
            inline,
            deprecated,
        ],
        ..TypeDef::default()
    };
    let derived = |qualified: String| TypeDef {
        name: qualified,
        kind: TypeKind::Entity,
        base: Some(BaseType {
            name: base.clone(),
            origin: BaseOrigin::Prose,
        }),
        properties: vec![prop(
            format!("extra{pad}"),
            &format!("Collection({base})"),
            true,
        )],
        ..TypeDef::default()
    };
    let target_type = TypeDef {
        name: target.clone(),
        kind: TypeKind::Complex,
        properties: vec![
            prop("next".into(), &target, true),
            prop(format!("when{pad}"), "Edm.DateTimeOffset", false),
        ],
        ..TypeDef::default()
    };
    let member = |name: String, after_unknown_future_value| EnumMember {
        name,
        after_unknown_future_value,
        ..EnumMember::default()
    };
    let color_enum = EnumDef {
        name: color.clone(),
        description: format!("Colors {words}"),
        members: vec![
            member("red".into(), false),
            member(format!("member{pad}"), false),
            member("unknownFutureValue".into(), false),
            member(format!("late{pad}"), true),
        ],
        ..EnumDef::default()
    };
    let mut schema = Schema::new("v1.0");
    for def in [
        base_type,
        derived(name("derived")),
        derived(format!("microsoft.graph.callRecords.item{type_pad}")),
        target_type,
    ] {
        schema.types.insert(def.name.clone(), def);
    }
    schema.enums.insert(color_enum.name.clone(), color_enum);
    schema
}
