//! What the planner refuses (collisions, unselected references) and decides (boxing, variants),
//! seen through the public `generate`.

mod common;

use std::collections::BTreeSet;

use graph_codegen::{generate, GeneratedFile, Options};
use graph_ir::{EnumDef, EnumMember, Property, Schema, Source, TypeDef, TypeRef};

fn at(file: &str, line: u32) -> Source {
    Source {
        file: file.into(),
        line,
    }
}

fn complex(name: &str, file: &str, properties: Vec<Property>) -> TypeDef {
    TypeDef {
        name: name.into(),
        properties,
        source: at(file, 1),
        ..TypeDef::default()
    }
}

fn prop(name: &str, ty: &str, line: u32) -> Property {
    Property {
        name: name.into(),
        ty: TypeRef::named(ty),
        nullable: true,
        source: at("p.md", line),
        ..Property::default()
    }
}

fn schema_of(types: Vec<TypeDef>) -> Schema {
    let mut schema = Schema::new("beta");
    for t in types {
        schema.types.insert(t.name.clone(), t);
    }
    schema
}

fn errors(schema: &Schema, options: &Options) -> Vec<String> {
    generate(schema, options)
        .expect_err("generation should fail")
        .into_iter()
        .map(|d| format!("{}:{}: [{}] {}", d.file, d.line, d.code, d.message))
        .collect()
}

fn file<'f>(files: &'f [GeneratedFile], path: &str) -> &'f str {
    &files.iter().find(|f| f.path == path).expect(path).contents
}

#[test]
fn type_names_colliding_after_case_conversion_name_both_sources() {
    let schema = schema_of(vec![
        complex("microsoft.graph.fooBar", "a.md", vec![]),
        complex("microsoft.graph.FooBar", "b.md", vec![]),
    ]);
    assert_eq!(
        errors(&schema, &Options::default()),
        ["a.md:1: [codegen-name-collision] `microsoft.graph.FooBar` (b.md:1) and `microsoft.graph.fooBar` both become the Rust type `FooBar`"]
    );
}

#[test]
fn field_and_member_collisions_are_all_reported_at_once() {
    let mut schema = schema_of(vec![complex(
        "microsoft.graph.user",
        "user.md",
        vec![
            prop("isMFARegistered", "Edm.Boolean", 5),
            prop("isMfaRegistered", "Edm.Boolean", 6),
            prop("additionalProperties", "Edm.String", 7),
        ],
    )]);
    let member = |name: &str, line| EnumMember {
        name: name.into(),
        source: at("enums.md", line),
        ..EnumMember::default()
    };
    schema.enums.insert(
        "microsoft.graph.kind".into(),
        EnumDef {
            name: "microsoft.graph.kind".into(),
            members: vec![member("foo_bar", 3), member("fooBar", 4)],
            source: at("enums.md", 1),
            ..EnumDef::default()
        },
    );
    assert_eq!(
        errors(&schema, &Options::default()),
        [
            "enums.md:4: [codegen-name-collision] enum values `foo_bar` (enums.md:3) and `fooBar` of `Kind` both become the variant `FooBar`",
            "p.md:6: [codegen-name-collision] properties `isMFARegistered` (p.md:5) and `isMfaRegistered` of `microsoft.graph.user` both become the field `is_mfa_registered`",
            "p.md:7: [codegen-name-collision] property `additionalProperties` of `microsoft.graph.user` becomes the field `additional_properties`, which the generator reserves",
        ]
    );
}

#[test]
fn selection_must_be_closed_and_known() {
    let schema = common::schema();
    let options = Options {
        types: Some(BTreeSet::from([
            "microsoft.graph.attendanceRecord".to_string(),
            "microsoft.graph.nothing".to_string(),
        ])),
        ..Options::default()
    };
    let found = errors(&schema, &options);
    assert!(found.contains(&"<options>:1: [codegen-unknown-selected-type] `microsoft.graph.nothing` was selected for generation but the schema does not define it".to_string()), "{found:#?}");
    assert!(found.contains(&"api-reference/v1.0/resources/attendancerecord.md:20: [codegen-type-not-emitted] `microsoft.graph.attendanceRecord.attendanceIntervals` refers to `microsoft.graph.attendanceInterval`, which is not among the types to generate".to_string()), "{found:#?}");
}

#[test]
fn selection_limits_polymorphic_variants() {
    let options = Options {
        types: Some(
            [
                "microsoft.graph.identity",
                "microsoft.graph.userIdentity",
                "microsoft.graph.auditUserIdentity",
            ]
            .map(String::from)
            .into(),
        ),
        ..Options::default()
    };
    let files = generate(&common::schema(), &options).unwrap();
    let any = file(&files, "any_identity.rs");
    assert!(any.contains("AuditUserIdentity(super::AuditUserIdentity)"));
    assert!(!any.contains("CommunicationsUserIdentity"));
}

#[test]
fn mutual_recursion_is_boxed_and_collections_are_not() {
    let schema = schema_of(vec![
        complex(
            "microsoft.graph.a",
            "a.md",
            vec![
                prop("b", "microsoft.graph.b", 1),
                prop("many", "Collection(microsoft.graph.b)", 2),
            ],
        ),
        complex(
            "microsoft.graph.b",
            "b.md",
            vec![
                prop("a", "microsoft.graph.a", 3),
                prop("leaf", "microsoft.graph.c", 4),
            ],
        ),
        complex("microsoft.graph.c", "c.md", vec![]),
    ]);
    let files = generate(&schema, &Options::default()).unwrap();
    assert!(file(&files, "a.rs").contains("pub b: support::Field<Box<super::B>>,"));
    assert!(file(&files, "a.rs").contains("pub many: support::Field<Vec<super::B>>,"));
    assert!(file(&files, "b.rs").contains("pub a: support::Field<Box<super::A>>,"));
    assert!(file(&files, "b.rs").contains("pub leaf: support::Field<super::C>,"));
}

#[test]
fn large_single_valued_fields_are_boxed_and_small_ones_stay_inline() {
    // Twelve strings: about 300 bytes inline, over the 256-byte line.
    let big_fields = (0..12)
        .map(|i| prop(&format!("text{i}"), "Edm.String", i))
        .collect();
    let schema = schema_of(vec![
        complex("microsoft.graph.big", "big.md", big_fields),
        complex(
            "microsoft.graph.small",
            "small.md",
            vec![prop("name", "Edm.String", 1)],
        ),
        complex(
            "microsoft.graph.holder",
            "holder.md",
            vec![
                prop("big", "microsoft.graph.big", 1),
                prop("bigs", "Collection(microsoft.graph.big)", 2),
                prop("small", "microsoft.graph.small", 3),
            ],
        ),
    ]);
    let files = generate(&schema, &Options::default()).unwrap();
    let holder = file(&files, "holder.rs");
    assert!(holder.contains("pub big: support::Field<Box<super::Big>>,"));
    assert!(holder.contains("pub bigs: support::Field<Vec<super::Big>>,"));
    assert!(holder.contains("pub small: support::Field<super::Small>,"));
}

#[test]
fn runtime_path_is_configurable_and_checked() {
    let schema = schema_of(vec![complex("microsoft.graph.c", "c.md", vec![])]);
    let options = Options {
        runtime_path: "graph_runtime".into(),
        ..Options::default()
    };
    let files = generate(&schema, &options).unwrap();
    assert!(file(&files, "c.rs").contains("\nuse graph_runtime as support;\n"));
    let bad = Options {
        runtime_path: "not a path".into(),
        ..Options::default()
    };
    assert_eq!(errors(&schema, &bad).len(), 1);
}

#[test]
fn output_is_the_same_whatever_the_thread_count() {
    // Enough items for several rendering threads, with polymorphism and enums in the mix.
    let mut types = vec![complex(
        "microsoft.graph.base",
        "base.md",
        vec![prop("id", "Edm.String", 2)],
    )];
    for i in 0..150 {
        let mut derived = complex(
            &format!("microsoft.graph.derived{i:03}"),
            &format!("d{i}.md"),
            vec![
                prop("size", "Edm.Int64", 3),
                prop("owner", "microsoft.graph.base", 4),
            ],
        );
        derived.base = Some(graph_ir::BaseType {
            name: "microsoft.graph.base".into(),
            origin: graph_ir::BaseOrigin::Annotation,
        });
        types.push(derived);
    }
    let mut schema = schema_of(types);
    for i in 0..60 {
        let name = format!("microsoft.graph.kind{i:02}");
        schema.enums.insert(
            name.clone(),
            EnumDef {
                name,
                members: vec![EnumMember {
                    name: "one".into(),
                    ..EnumMember::default()
                }],
                ..EnumDef::default()
            },
        );
    }
    let on = |threads: usize| {
        let options = Options {
            threads: std::num::NonZeroUsize::new(threads),
            ..Options::default()
        };
        generate(&schema, &options).expect("the schema generates")
    };
    let one = on(1);
    assert_eq!(
        one.len(),
        151 + 1 + 60 + 2,
        "structs, the Any enum, enums, mod.rs, registry.rs"
    );
    assert_eq!(on(3), one);
    assert_eq!(on(8), one);
}

fn generate_reporting_ok(schema: &Schema, options: &Options) -> graph_codegen::Output {
    graph_codegen::generate_reporting(schema, options).expect("generation succeeds")
}

#[test]
fn disambiguation_suffixes_colliding_names_in_qualified_name_order_with_a_warning_each() {
    let schema = schema_of(vec![
        complex("microsoft.graph.fooBar", "a.md", vec![]),
        complex("microsoft.graph.FooBar", "b.md", vec![]),
        complex(
            "microsoft.graph.user",
            "user.md",
            vec![
                prop("isMFARegistered", "Edm.Boolean", 5),
                prop("isMfaRegistered", "Edm.Boolean", 6),
            ],
        ),
    ]);
    let options = Options {
        disambiguate: true,
        ..Options::default()
    };
    let output = generate_reporting_ok(&schema, &options);
    // `FooBar` sorts before `fooBar`, so it keeps the name; the second claimant is `FooBar2`.
    let paths: Vec<&str> = output.files.iter().map(|f| f.path.as_str()).collect();
    assert!(
        paths.contains(&"foo_bar.rs") && paths.contains(&"foo_bar2.rs"),
        "{paths:?}"
    );
    assert!(file(&output.files, "foo_bar.rs").contains("\"microsoft.graph.FooBar\""));
    assert!(file(&output.files, "foo_bar2.rs").contains("pub struct FooBar2 {"));
    assert!(file(&output.files, "foo_bar2.rs").contains("\"microsoft.graph.fooBar\""));
    let user = file(&output.files, "user.rs");
    assert!(
        user.contains("pub is_mfa_registered: support::Field<bool>,"),
        "{user}"
    );
    assert!(
        user.contains("pub is_mfa_registered_2: support::Field<bool>,"),
        "{user}"
    );
    assert!(
        user.contains("\"isMfaRegistered\" => self.is_mfa_registered_2 = map.next_value()?"),
        "{user}"
    );
    let codes: Vec<&str> = output.warnings.iter().map(|w| w.code.as_str()).collect();
    assert_eq!(
        codes,
        ["codegen-name-disambiguated", "codegen-name-disambiguated"]
    );
    // The same schema is still an error for the curated crate.
    assert_eq!(errors(&schema, &Options::default()).len(), 2);
    // And the names do not depend on anything but the schema.
    assert_eq!(generate_reporting_ok(&schema, &options), output);
}

#[test]
fn namespace_modules_re_export_types_under_their_names_in_the_namespace() {
    let session = complex(
        "microsoft.graph.callRecords.session",
        "session.md",
        vec![prop("id", "Edm.String", 3)],
    );
    let schema = schema_of(vec![
        session,
        complex("microsoft.graph.security.alert", "alert.md", vec![]),
        complex("microsoft.graph.alert", "alert-v1.md", vec![]),
    ]);
    let options = Options {
        namespace_modules: true,
        ..Options::default()
    };
    let output = generate_reporting_ok(&schema, &options);
    let module = file(&output.files, "mod.rs");
    assert!(module.contains("pub mod call_records {"), "{module}");
    assert!(
        module.contains("pub use super::CallRecordsSession as Session;"),
        "{module}"
    );
    assert!(module.contains("pub mod security {"), "{module}");
    assert!(
        module.contains("pub use super::SecurityAlert as Alert;"),
        "{module}"
    );
    // The root namespace's own `Alert` is untouched by the namespaced one.
    assert!(file(&output.files, "alert.rs").contains("pub struct Alert {"));
    let without = generate_reporting_ok(&schema, &Options::default());
    assert!(!file(&without.files, "mod.rs").contains("pub mod call_records"));
}
