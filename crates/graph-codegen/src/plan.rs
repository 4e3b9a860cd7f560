//! The plan: every item to generate, with Rust names, field types and boxing decided, and every
//! naming problem found, before a single token is written.

use std::collections::{BTreeMap, BTreeSet};

use graph_ir::{Diagnostic, Property, Schema, Source, TypeKind, TypeRef};

use crate::cycles::strongly_connected;
use crate::naming::{field_name, file_name, type_name, variant_name};
use crate::type_map::RustType;

/// Name of the generated field holding `@odata.type`.
pub const ODATA_TYPE_FIELD: &str = "odata_type";
/// Name of the generated field holding unknown properties.
pub const ADDITIONAL_FIELD: &str = "additional_properties";
/// Name of the fallback variant of every `Any*` enum.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// Everything one version module will contain.
#[derive(Debug)]
pub struct Plan {
    /// Structs, by qualified name.
    pub structs: BTreeMap<String, StructPlan>,
    /// `Any*` enums, by the qualified name of their base type.
    pub polymorphics: BTreeMap<String, PolymorphicPlan>,
    /// Wire enums (declared and inline), by Rust name.
    pub enums: BTreeMap<String, EnumPlan>,
}

/// One generated struct.
#[derive(Debug)]
pub struct StructPlan {
    /// Qualified Graph name.
    pub qualified: String,
    /// Rust type name.
    pub rust: String,
    /// Entity or complex.
    pub kind: TypeKind,
    /// Qualified name of the base type, if any.
    pub base: Option<String>,
    /// Declared abstract.
    pub is_abstract: bool,
    /// Open type.
    pub open: bool,
    /// IR description.
    pub description: String,
    /// Where the type is defined.
    pub source: Source,
    /// Every property, inherited ones first.
    pub fields: Vec<FieldPlan>,
}

/// One property of a struct.
#[derive(Clone, Debug)]
pub struct FieldPlan {
    /// Wire name.
    pub wire: String,
    /// Rust field name (`r#type` form for keywords).
    pub rust: String,
    /// Value type, before `Field`/`Option` wrapping.
    pub ty: RustType,
    /// `Field<T>` when true, `Option<T>` otherwise.
    pub nullable: bool,
    /// Deprecation note, if deprecated.
    pub deprecated: Option<String>,
    /// Documented as read-only.
    pub read_only: bool,
    /// A navigation property.
    pub navigation: bool,
    /// IR description.
    pub description: String,
    /// Qualified name of the type that declares it.
    pub declared_in: String,
}

/// One `Any*` enum over a base type and its descendants.
#[derive(Debug)]
pub struct PolymorphicPlan {
    /// Rust name, `Any<Base>`.
    pub rust: String,
    /// The base struct's qualified name.
    pub base_qualified: String,
    /// The base struct's Rust name (also the base variant's name).
    pub base_rust: String,
    /// Derived structs as (qualified name, Rust name), in qualified-name order.
    pub derived: Vec<(String, String)>,
    /// Where the base type is defined.
    pub source: Source,
}

/// One wire enum: a declared enum type, or the inline members of a string property.
#[derive(Debug)]
pub struct EnumPlan {
    /// Rust name.
    pub rust: String,
    /// What it is, for docs and the registry.
    pub origin: EnumOrigin,
    /// IR description (declared enums only).
    pub description: String,
    /// Members in documentation order.
    pub members: Vec<MemberPlan>,
    /// Rust name of the variant that keeps unknown values: `Other`, unless a member took it.
    pub fallback: String,
    /// Where it is defined.
    pub source: Source,
}

/// Where a wire enum comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnumOrigin {
    /// A declared enum type, by qualified name.
    Declared(String),
    /// The inline members of property `property` (wire name) of type `owner` (qualified name).
    Inline {
        /// Qualified name of the declaring type.
        owner: String,
        /// Wire name of the property.
        property: String,
    },
}

/// One enum member.
#[derive(Debug)]
pub struct MemberPlan {
    /// Wire value.
    pub wire: String,
    /// Rust variant name.
    pub rust: String,
    /// IR description.
    pub description: String,
    /// Listed after `unknownFutureValue`.
    pub after_unknown_future_value: bool,
}

impl Plan {
    /// The Rust type that stands for the structured type `qualified` wherever it is referenced:
    /// its `Any*` enum when it has descendants, else its struct.
    pub fn reference_name(&self, qualified: &str) -> Option<&str> {
        if let Some(poly) = self.polymorphics.get(qualified) {
            Some(&poly.rust)
        } else {
            self.structs.get(qualified).map(|s| s.rust.as_str())
        }
    }
}

/// Builds the plan for `selection` (all types and enums when `None`), or every error found.
pub fn build(
    schema: &Schema,
    selection: Option<&BTreeSet<String>>,
) -> Result<Plan, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let selected = |name: &str| match selection {
        None => true,
        Some(s) => s.contains(name),
    };
    if let Some(selection) = selection {
        for name in selection {
            if !schema.types.contains_key(name) && !schema.enums.contains_key(name) {
                errors.push(Diagnostic::error(
                    "codegen-unknown-selected-type",
                    "<options>",
                    1,
                    1,
                    format!(
                        "`{name}` was selected for generation but the schema does not define it"
                    ),
                ));
            }
        }
    }

    let mut names = NameTable::default();
    let mut plan = Plan {
        structs: BTreeMap::new(),
        polymorphics: BTreeMap::new(),
        enums: BTreeMap::new(),
    };

    for def in schema.types.values().filter(|t| selected(&t.name)) {
        let rust = type_name(&def.name);
        names.claim(&rust, &format!("`{}`", def.name), &def.source, &mut errors);
        let derived: Vec<(String, String)> = schema
            .descendants(&def.name)
            .into_iter()
            .filter(|d| selected(&d.name))
            .map(|d| (d.name.clone(), type_name(&d.name)))
            .collect();
        if !derived.is_empty() {
            let any = format!("Any{rust}");
            let what = format!("the polymorphic enum for `{}`", def.name);
            names.claim(&any, &what, &def.source, &mut errors);
            if let Some((name, _)) = derived.iter().find(|(_, r)| r == UNKNOWN_VARIANT) {
                errors.push(error_at(
                    "codegen-name-collision",
                    &def.source,
                    format!("`{name}` becomes the variant `Unknown` of `{any}`, which is reserved for unknown `@odata.type` values"),
                ));
            }
            plan.polymorphics.insert(
                def.name.clone(),
                PolymorphicPlan {
                    rust: any,
                    base_qualified: def.name.clone(),
                    base_rust: rust.clone(),
                    derived,
                    source: def.source.clone(),
                },
            );
        }
        plan.structs.insert(
            def.name.clone(),
            StructPlan {
                qualified: def.name.clone(),
                rust,
                kind: def.kind,
                base: def.base.as_ref().map(|b| b.name.clone()),
                is_abstract: def.is_abstract,
                open: def.open,
                description: def.description.clone(),
                source: def.source.clone(),
                fields: Vec::new(),
            },
        );
    }

    for def in schema.enums.values().filter(|e| selected(&e.name)) {
        let rust = type_name(&def.name);
        names.claim(&rust, &format!("`{}`", def.name), &def.source, &mut errors);
        let wires: Vec<(&str, &str, &Source)> = def
            .members
            .iter()
            .map(|m| (m.name.as_str(), m.description.as_str(), &m.source))
            .collect();
        let enum_plan = plan_enum(
            rust,
            EnumOrigin::Declared(def.name.clone()),
            &def.description,
            &wires,
            &def.source,
            &mut errors,
        );
        plan.enums.insert(enum_plan.rust.clone(), enum_plan);
    }

    // Fields: resolve every property's type; inline enums are planned once, for the declaring type.
    let qualified_names: Vec<String> = plan.structs.keys().cloned().collect();
    for qualified in &qualified_names {
        let mut fields: Vec<FieldPlan> = Vec::new();
        let mut seen_wire = BTreeSet::new();
        for (declaring, property) in properties_with_owner(schema, qualified) {
            // Pages often repeat inherited properties; the base's declaration wins so that a
            // field has one type across the whole hierarchy.
            if !seen_wire.insert(property.name.clone()) {
                continue;
            }
            let ty = if is_inline_enum(property) {
                let rust = format!("{}{}", type_name(declaring), variant_name(&property.name));
                if !plan.enums.values().any(|e| {
                    e.origin
                        == EnumOrigin::Inline {
                            owner: declaring.to_string(),
                            property: property.name.clone(),
                        }
                }) {
                    let what = format!("the values of `{declaring}.{}`", property.name);
                    names.claim(&rust, &what, &property.source, &mut errors);
                    let mut unique = BTreeSet::new();
                    let wires: Vec<(&str, &str, &Source)> = property
                        .enum_members
                        .iter()
                        .filter(|m| unique.insert(m.as_str()))
                        .map(|m| (m.as_str(), "", &property.source))
                        .collect();
                    let origin = EnumOrigin::Inline {
                        owner: declaring.to_string(),
                        property: property.name.clone(),
                    };
                    let enum_plan = plan_enum(
                        rust.clone(),
                        origin,
                        "",
                        &wires,
                        &property.source,
                        &mut errors,
                    );
                    plan.enums.insert(rust.clone(), enum_plan);
                }
                let element = RustType::Generated(rust);
                if property.ty.is_collection() {
                    RustType::Vec(Box::new(element))
                } else {
                    element
                }
            } else {
                map_type(schema, &plan, &property.ty, &selected)
                    .map_err(|unselected| {
                        errors.push(error_at(
                            "codegen-type-not-emitted",
                            &property.source,
                            format!(
                                "`{qualified}.{}` refers to `{unselected}`, which is not among the types to generate",
                                property.name
                            ),
                        ))
                    })
                    .unwrap_or(RustType::Json)
            };
            fields.push(FieldPlan {
                wire: property.name.clone(),
                rust: field_name(&property.name),
                ty,
                nullable: property.nullable,
                deprecated: property.deprecated.clone(),
                read_only: property.read_only,
                navigation: property.navigation,
                description: property.description.clone(),
                declared_in: declaring.to_string(),
            });
        }
        check_field_names(schema, qualified, &fields, &mut errors);
        if let Some(s) = plan.structs.get_mut(qualified) {
            s.fields = fields;
        }
    }

    box_recursive_fields(&mut plan);
    names.check_files(&mut errors);

    if errors.is_empty() {
        Ok(plan)
    } else {
        errors.sort();
        errors.dedup();
        Err(errors)
    }
}

/// Every property of `qualified` with the qualified name of the type declaring it, root base
/// first.
fn properties_with_owner<'s>(schema: &'s Schema, qualified: &str) -> Vec<(&'s str, &'s Property)> {
    let mut chain = schema.ancestors(qualified);
    chain.reverse();
    chain
        .into_iter()
        .chain(schema.types.get(qualified))
        .flat_map(|t| t.properties.iter().map(move |p| (t.name.as_str(), p)))
        .collect()
}

fn is_inline_enum(property: &Property) -> bool {
    !property.enum_members.is_empty() && property.ty.element().as_str() == "Edm.String"
}

/// The Rust type for a type reference; `Err(name)` when it names a type the schema defines but
/// the selection leaves out.
fn map_type(
    schema: &Schema,
    plan: &Plan,
    ty: &TypeRef,
    selected: &dyn Fn(&str) -> bool,
) -> Result<RustType, String> {
    if ty.is_collection() {
        return map_type(schema, plan, &ty.element(), selected).map(|t| RustType::Vec(Box::new(t)));
    }
    if let Some(primitive) = ty.primitive() {
        return Ok(RustType::Primitive(primitive));
    }
    let name = ty.as_str();
    let defined = schema.types.contains_key(name) || schema.enums.contains_key(name);
    if !defined {
        return Ok(RustType::Json);
    }
    if !selected(name) {
        return Err(name.to_string());
    }
    if let Some(rust) = plan.reference_name(name) {
        return Ok(RustType::Generated(rust.to_string()));
    }
    Ok(RustType::Generated(type_name(name)))
}

/// Plans a wire enum, reporting members whose Rust names collide.
fn plan_enum(
    rust: String,
    origin: EnumOrigin,
    description: &str,
    members: &[(&str, &str, &Source)],
    source: &Source,
    errors: &mut Vec<Diagnostic>,
) -> EnumPlan {
    let mut taken: BTreeMap<String, (&str, &Source)> = BTreeMap::new();
    let mut planned = Vec::new();
    let mut after_unknown = false;
    for &(wire, member_description, member_source) in members {
        let variant = variant_name(wire);
        if let Some((other, other_source)) = taken.get(&variant) {
            errors.push(error_at(
                "codegen-name-collision",
                member_source,
                format!(
                    "enum values `{other}` ({}) and `{wire}` of `{rust}` both become the variant `{variant}`",
                    location(other_source)
                ),
            ));
        }
        taken.insert(variant.clone(), (wire, member_source));
        planned.push(MemberPlan {
            wire: wire.to_string(),
            rust: variant,
            description: member_description.to_string(),
            after_unknown_future_value: after_unknown,
        });
        if wire == "unknownFutureValue" {
            after_unknown = true;
        }
    }
    let fallback = ["Other", "UnrecognizedValue"]
        .into_iter()
        .find(|name| !taken.contains_key(*name))
        .unwrap_or("UnrecognizedWireValue")
        .to_string();
    EnumPlan {
        rust,
        origin,
        description: description.to_string(),
        members: planned,
        fallback,
        source: source.clone(),
    }
}

/// Reports two properties of one struct that get the same Rust name, or a property that takes
/// a name the generator reserves.
fn check_field_names(
    schema: &Schema,
    qualified: &str,
    fields: &[FieldPlan],
    errors: &mut Vec<Diagnostic>,
) {
    let source_of = |field: &FieldPlan| -> Source {
        schema
            .types
            .get(&field.declared_in)
            .and_then(|t| t.properties.iter().find(|p| p.name == field.wire))
            .map(|p| p.source.clone())
            .unwrap_or_default()
    };
    let mut taken: BTreeMap<&str, &FieldPlan> = BTreeMap::new();
    for field in fields {
        if field.rust == ODATA_TYPE_FIELD || field.rust == ADDITIONAL_FIELD {
            errors.push(error_at(
                "codegen-name-collision",
                &source_of(field),
                format!(
                    "property `{}` of `{qualified}` becomes the field `{}`, which the generator reserves",
                    field.wire, field.rust
                ),
            ));
        } else if let Some(other) = taken.get(field.rust.as_str()) {
            errors.push(error_at(
                "codegen-name-collision",
                &source_of(field),
                format!(
                    "properties `{}` ({}) and `{}` of `{qualified}` both become the field `{}`",
                    other.wire,
                    location(&source_of(other)),
                    field.wire,
                    field.rust
                ),
            ));
        } else {
            taken.insert(&field.rust, field);
        }
    }
}

/// Boxes every by-value field on a cycle. Nodes are Rust type names; a struct points at the
/// by-value type of each field, an `Any*` enum at each of its variants. A field is boxed when
/// it points into its own strongly connected component. The decision is made per declaring
/// property, so an inherited field has the same type in every struct that carries it.
fn box_recursive_fields(plan: &mut Plan) {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for s in plan.structs.values() {
        let targets = edges.entry(s.rust.clone()).or_default();
        for field in &s.fields {
            if let Some(target) = field.ty.by_value_target() {
                targets.insert(target.to_string());
            }
        }
    }
    for poly in plan.polymorphics.values() {
        let targets = edges.entry(poly.rust.clone()).or_default();
        targets.insert(poly.base_rust.clone());
        targets.extend(poly.derived.iter().map(|(_, rust)| rust.clone()));
    }
    let component = strongly_connected(&edges);
    let mut boxed: BTreeSet<(String, String)> = BTreeSet::new();
    for s in plan.structs.values() {
        for field in &s.fields {
            if let Some(target) = field.ty.by_value_target() {
                if component.get(&s.rust) == component.get(target) {
                    boxed.insert((field.declared_in.clone(), field.wire.clone()));
                }
            }
        }
    }
    for s in plan.structs.values_mut() {
        for field in &mut s.fields {
            let key = (field.declared_in.clone(), field.wire.clone());
            if boxed.contains(&key) && !field.ty.is_boxed() {
                let inner = std::mem::replace(&mut field.ty, RustType::Json);
                field.ty = RustType::Boxed(Box::new(inner));
            }
        }
    }
}

/// Rust type names and file names claimed so far, with who claimed them.
#[derive(Default)]
struct NameTable {
    /// Rust name -> (description of the claimant, its source).
    types: BTreeMap<String, (String, Source)>,
}

impl NameTable {
    fn claim(&mut self, rust: &str, what: &str, source: &Source, errors: &mut Vec<Diagnostic>) {
        if let Some((other, other_source)) = self.types.get(rust) {
            errors.push(error_at(
                "codegen-name-collision",
                source,
                format!(
                    "{other} ({}) and {what} both become the Rust type `{rust}`",
                    location(other_source)
                ),
            ));
        } else {
            self.types
                .insert(rust.to_string(), (what.to_string(), source.clone()));
        }
    }

    /// Distinct type names could still share a file name (or clash with `mod.rs`/`registry.rs`).
    fn check_files(&self, errors: &mut Vec<Diagnostic>) {
        let mut files: BTreeMap<String, &str> = BTreeMap::new();
        files.insert("mod.rs".into(), "the module file");
        files.insert("registry.rs".into(), "the registry");
        for (rust, (what, source)) in &self.types {
            let file = file_name(rust);
            if let Some(other) = files.get(&file) {
                errors.push(error_at(
                    "codegen-name-collision",
                    source,
                    format!("{what} (Rust type `{rust}`) and {other} both need the file `{file}`"),
                ));
            } else {
                files.insert(file, what);
            }
        }
    }
}

fn location(source: &Source) -> String {
    format!("{}:{}", source.file, source.line)
}

fn error_at(code: &str, source: &Source, message: String) -> Diagnostic {
    Diagnostic::error(code, source.file.clone(), source.line.max(1), 1, message)
}
