//! Small hand-built schemas for the phases' unit tests, and a planner over them.

use std::collections::BTreeSet;

use graph_ir::{
    BaseOrigin, BaseType, EnumDef, EnumMember, Property, Schema, Source, TypeDef, TypeRef,
};

use super::Planner;

/// `file:line`.
pub(super) fn at(file: &str, line: u32) -> Source {
    Source {
        file: file.into(),
        line,
    }
}

/// A complex type defined at line 1 of `<local name>.md`.
pub(super) fn complex(name: &str, properties: Vec<Property>) -> TypeDef {
    let local = name.rsplit('.').next().unwrap_or(name);
    TypeDef {
        name: name.into(),
        properties,
        source: at(&format!("{local}.md"), 1),
        ..TypeDef::default()
    }
}

/// `complex(name, properties)` deriving from `base`.
pub(super) fn derived(name: &str, base: &str, properties: Vec<Property>) -> TypeDef {
    TypeDef {
        base: Some(BaseType {
            name: base.into(),
            origin: BaseOrigin::Annotation,
        }),
        ..complex(name, properties)
    }
}

/// A nullable property of type `ty`, listed at `p.md:line`.
pub(super) fn prop(name: &str, ty: &str, line: u32) -> Property {
    Property {
        name: name.into(),
        ty: TypeRef::named(ty),
        nullable: true,
        source: at("p.md", line),
        ..Property::default()
    }
}

/// An enum type with `members`, listed from line 2 of `e.md`.
pub(super) fn enumeration(name: &str, members: &[&str]) -> EnumDef {
    EnumDef {
        name: name.into(),
        members: (2..)
            .zip(members)
            .map(|(line, member)| EnumMember {
                name: member.to_string(),
                source: at("e.md", line),
                ..EnumMember::default()
            })
            .collect(),
        source: at("e.md", 1),
        ..EnumDef::default()
    }
}

/// A schema of `types` and `enums`.
pub(super) fn schema_of(types: Vec<TypeDef>, enums: Vec<EnumDef>) -> Schema {
    let mut schema = Schema::new("beta");
    for t in types {
        schema.types.insert(t.name.clone(), t);
    }
    for e in enums {
        schema.enums.insert(e.name.clone(), e);
    }
    schema
}

/// A planner over all of `schema`, with no reserved module names.
pub(super) fn planner(schema: &Schema, disambiguate: bool) -> Planner<'_> {
    Planner::new(schema, None, disambiguate, &BTreeSet::new())
}

/// Each diagnostic as `file:line: [code] message`.
pub(super) fn lines(diagnostics: &[graph_ir::Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| format!("{}:{}: [{}] {}", d.file, d.line, d.code, d.message))
        .collect()
}
