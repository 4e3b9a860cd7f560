//! The plan: every item to generate, with Rust names, field types and boxing decided, and every
//! naming problem found, before a single token is written.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use graph_ir::{Diagnostic, Primitive, Property, Schema, Source, TypeKind, TypeRef};

use crate::cycles::strongly_connected;
use crate::docs::paragraph;
use crate::name_table::{
    error_at, first_free, location, missing_types_warning, warning_at, NameTable,
};
use crate::naming::{field_name, namespace_modules, type_name, variant_name};
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
    /// Problems that did not stop planning: references to types no page defines, and (when
    /// disambiguating) names that had to be changed.
    pub warnings: Vec<Diagnostic>,
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
    /// The IR description as a rustdoc paragraph ([`crate::docs::paragraph`]), shared by
    /// every struct that inherits the property; `None` when the page gives no description.
    pub doc: Option<Arc<str>>,
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
///
/// With `disambiguate`, a name that collides gets the first free numeric suffix (`Alert2`,
/// `is_enabled_2`) and a warning instead of an error; claimants go in qualified-name order, so
/// the same schema always gets the same names. No type takes a name in `reserved_modules`.
pub fn build(
    schema: &Schema,
    selection: Option<&BTreeSet<String>>,
    disambiguate: bool,
    reserved_modules: &BTreeSet<String>,
) -> Result<Plan, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
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

    let mut names = NameTable::new(disambiguate, reserved_modules);
    let mut plan = Plan {
        structs: BTreeMap::new(),
        polymorphics: BTreeMap::new(),
        enums: BTreeMap::new(),
        warnings: Vec::new(),
    };

    // Struct names first, so that `Any*` variants use the names their types finally got; types
    // of `microsoft.graph` itself first, so a namespace never renames one of them.
    let mut struct_names: BTreeMap<&str, String> = BTreeMap::new();
    let mut claim_order: Vec<&graph_ir::TypeDef> = schema
        .types
        .values()
        .filter(|t| selected(&t.name))
        .collect();
    claim_order.sort_by_key(|t| (!namespace_modules(&t.name).is_empty(), t.name.as_str()));
    for def in claim_order {
        let what = format!("`{}`", def.name);
        let rust = names.claim(
            &type_name(&def.name),
            &what,
            &def.source,
            &mut errors,
            &mut warnings,
        );
        struct_names.insert(&def.name, rust);
    }
    let descendants = schema.descendants_index();
    for def in schema.types.values().filter(|t| selected(&t.name)) {
        let rust = struct_names[def.name.as_str()].clone();
        let derived: Vec<(String, String)> = descendants
            .get(def.name.as_str())
            .into_iter()
            .flatten()
            .filter(|d| selected(&d.name))
            .map(|d| (d.name.clone(), struct_names[d.name.as_str()].clone()))
            .collect();
        if !derived.is_empty() {
            let what = format!("the polymorphic enum for `{}`", def.name);
            let any = names.claim(
                &format!("Any{rust}"),
                &what,
                &def.source,
                &mut errors,
                &mut warnings,
            );
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

    let mut enum_names: BTreeMap<String, String> = BTreeMap::new();
    for def in schema.enums.values().filter(|e| selected(&e.name)) {
        let what = format!("`{}`", def.name);
        let rust = names.claim(
            &type_name(&def.name),
            &what,
            &def.source,
            &mut errors,
            &mut warnings,
        );
        enum_names.insert(def.name.clone(), rust.clone());
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
            disambiguate,
            (&mut errors, &mut warnings),
        );
        plan.enums.insert(enum_plan.rust.clone(), enum_plan);
    }

    // Fields: resolve every property's type; inline enums are planned once, for the declaring type.
    let mut missing_types: BTreeMap<String, Vec<Source>> = BTreeMap::new();
    let qualified_names: Vec<String> = plan.structs.keys().cloned().collect();
    // Inherited properties appear in every descendant: their inline enums (owner -> property
    // -> Rust name), field names and doc paragraphs are worked out once.
    let mut inline_enums: BTreeMap<&str, BTreeMap<&str, String>> = BTreeMap::new();
    let mut names_and_docs: BTreeMap<(&str, &str), NameAndDoc> = BTreeMap::new();
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
                let origin = EnumOrigin::Inline {
                    owner: declaring.to_string(),
                    property: property.name.clone(),
                };
                let planned = inline_enums
                    .get(declaring)
                    .and_then(|by_property| by_property.get(property.name.as_str()))
                    .cloned();
                let rust = match planned {
                    Some(rust) => rust,
                    None => {
                        let owner = struct_names
                            .get(declaring)
                            .cloned()
                            .unwrap_or_else(|| type_name(declaring));
                        let wanted = format!("{owner}{}", variant_name(&property.name));
                        let what = format!("the values of `{declaring}.{}`", property.name);
                        let rust = names.claim(
                            &wanted,
                            &what,
                            &property.source,
                            &mut errors,
                            &mut warnings,
                        );
                        let mut unique = BTreeSet::new();
                        let wires: Vec<(&str, &str, &Source)> = property
                            .enum_members
                            .iter()
                            .filter(|m| unique.insert(m.as_str()))
                            .map(|m| (m.as_str(), "", &property.source))
                            .collect();
                        let enum_plan = plan_enum(
                            rust.clone(),
                            origin,
                            "",
                            &wires,
                            &property.source,
                            disambiguate,
                            (&mut errors, &mut warnings),
                        );
                        plan.enums.insert(rust.clone(), enum_plan);
                        inline_enums
                            .entry(declaring)
                            .or_default()
                            .insert(&property.name, rust.clone());
                        rust
                    }
                };
                let element = RustType::Generated(rust);
                if property.ty.is_collection() {
                    RustType::Vec(Box::new(element))
                } else {
                    element
                }
            } else {
                let references = References {
                    schema,
                    plan: &plan,
                    enum_names: &enum_names,
                    selected: &selected,
                };
                references
                    .map_type(&property.ty, &mut |missing| {
                        missing_types
                            .entry(missing.to_string())
                            .or_default()
                            .push(property.source.clone())
                    })
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
            let (rust, doc) = names_and_docs
                .entry((declaring, &property.name))
                .or_insert_with(|| {
                    let description = &property.description;
                    let doc =
                        (!description.trim().is_empty()).then(|| Arc::from(paragraph(description)));
                    (field_name(&property.name), doc)
                })
                .clone();
            fields.push(FieldPlan {
                wire: property.name.clone(),
                rust,
                ty,
                nullable: property.nullable,
                deprecated: property.deprecated.clone(),
                read_only: property.read_only,
                navigation: property.navigation,
                doc,
                declared_in: declaring.to_string(),
            });
        }
        let report = (&mut errors, &mut warnings);
        check_field_names(schema, qualified, &mut fields, disambiguate, report);
        if let Some(s) = plan.structs.get_mut(qualified) {
            s.fields = fields;
        }
    }

    box_recursive_fields(&mut plan);
    box_large_fields(&mut plan);
    names.check_files(&mut errors);
    if let Some(warning) = missing_types_warning(&missing_types) {
        warnings.push(warning);
    }

    if errors.is_empty() {
        warnings.sort();
        warnings.dedup();
        plan.warnings = warnings;
        Ok(plan)
    } else {
        errors.sort();
        errors.dedup();
        Err(errors)
    }
}

/// A property's Rust field name and doc paragraph (see [`FieldPlan`]).
type NameAndDoc = (String, Option<Arc<str>>);

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

/// What a type reference can resolve to.
struct References<'a> {
    schema: &'a Schema,
    plan: &'a Plan,
    /// Declared enums: qualified name -> Rust name.
    enum_names: &'a BTreeMap<String, String>,
    selected: &'a dyn Fn(&str) -> bool,
}

impl References<'_> {
    /// The Rust type for a type reference; `Err(name)` when it names a type the schema defines
    /// but the selection leaves out. A name nothing defines becomes JSON and is passed to
    /// `missing`.
    fn map_type(&self, ty: &TypeRef, missing: &mut dyn FnMut(&str)) -> Result<RustType, String> {
        if ty.is_collection() {
            return self
                .map_type(&ty.element(), missing)
                .map(|t| RustType::Vec(Box::new(t)));
        }
        if let Some(primitive) = ty.primitive() {
            return Ok(RustType::Primitive(primitive));
        }
        let name = ty.as_str();
        let defined = self.schema.types.contains_key(name) || self.schema.enums.contains_key(name);
        if !defined {
            missing(name);
            return Ok(RustType::Json);
        }
        if !(self.selected)(name) {
            return Err(name.to_string());
        }
        if let Some(rust) = self.plan.reference_name(name) {
            return Ok(RustType::Generated(rust.to_string()));
        }
        let rust = self.enum_names.get(name).cloned();
        Ok(RustType::Generated(rust.unwrap_or_else(|| type_name(name))))
    }
}

/// Plans a wire enum, reporting members whose Rust names collide.
fn plan_enum(
    rust: String,
    origin: EnumOrigin,
    description: &str,
    members: &[(&str, &str, &Source)],
    source: &Source,
    disambiguate: bool,
    (errors, warnings): (&mut Vec<Diagnostic>, &mut Vec<Diagnostic>),
) -> EnumPlan {
    let mut taken: BTreeMap<String, (&str, &Source)> = BTreeMap::new();
    let mut planned = Vec::new();
    let mut after_unknown = false;
    for &(wire, member_description, member_source) in members {
        let mut variant = variant_name(wire);
        if let Some((other, other_source)) = taken.get(&variant) {
            let clash = format!(
                "enum values `{other}` ({}) and `{wire}` of `{rust}` both become the variant `{variant}`",
                location(other_source)
            );
            if disambiguate {
                let free = first_free(&variant, "", |v| !taken.contains_key(v));
                warnings.push(warning_at(
                    "codegen-name-disambiguated",
                    member_source,
                    format!("{clash}; `{wire}` is `{free}`"),
                ));
                variant = free;
            } else {
                errors.push(error_at("codegen-name-collision", member_source, clash));
            }
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
/// a name the generator reserves; when disambiguating, renames the later one instead.
fn check_field_names(
    schema: &Schema,
    qualified: &str,
    fields: &mut [FieldPlan],
    disambiguate: bool,
    (errors, warnings): (&mut Vec<Diagnostic>, &mut Vec<Diagnostic>),
) {
    let source_of = |field: &FieldPlan| -> Source {
        schema
            .types
            .get(&field.declared_in)
            .and_then(|t| t.properties.iter().find(|p| p.name == field.wire))
            .map(|p| p.source.clone())
            .unwrap_or_default()
    };
    // Field name -> index of the field that has it (`None`: reserved by the generator). The
    // sources are looked up only for a clash.
    let mut taken: BTreeMap<String, Option<usize>> = [ODATA_TYPE_FIELD, ADDITIONAL_FIELD]
        .map(|reserved| (reserved.to_string(), None))
        .into();
    for i in 0..fields.len() {
        let field = &fields[i];
        let clash = match taken.get(&field.rust) {
            None => None,
            Some(None) => Some(format!(
                "property `{}` of `{qualified}` becomes the field `{}`, which the generator reserves",
                field.wire, field.rust
            )),
            Some(&Some(other)) => Some(format!(
                "properties `{}` ({}) and `{}` of `{qualified}` both become the field `{}`",
                fields[other].wire,
                location(&source_of(&fields[other])),
                field.wire,
                field.rust
            )),
        };
        if let Some(clash) = clash {
            let source = source_of(field);
            if !disambiguate {
                errors.push(error_at("codegen-name-collision", &source, clash));
                continue;
            }
            let free = first_free(&field.rust, "_", |f| !taken.contains_key(f));
            warnings.push(warning_at(
                "codegen-name-disambiguated",
                &source,
                format!("{clash}; `{}` is `{free}`", field.wire),
            ));
            fields[i].rust = free;
        }
        taken.insert(fields[i].rust.clone(), Some(i));
    }
}

/// Types whose estimated inline size exceeds this many bytes are boxed where a single-valued
/// property holds them (clippy's `large_enum_variant` threshold is 200 bytes).
pub const LARGE_INLINE_BYTES: usize = 256;

/// Boxes every single-valued field whose type is estimated to be larger than
/// [`LARGE_INLINE_BYTES`] inline. Such fields are usually absent or null, and inline they make
/// every struct that mentions them (and every `Any*` enum over those) that large: an
/// `identity` carried a 616-byte `thumbnails` set inline, so each attendance record was over a
/// kilobyte. Decided per declaring property, like the recursion boxing.
fn box_large_fields(plan: &mut Plan) {
    let by_rust: BTreeMap<&str, &StructPlan> = plan
        .structs
        .values()
        .map(|s| (s.rust.as_str(), s))
        .collect();
    let polymorphics: BTreeMap<&str, &PolymorphicPlan> = plan
        .polymorphics
        .values()
        .map(|p| (p.rust.as_str(), p))
        .collect();
    let estimator = SizeEstimator {
        structs: &by_rust,
        polymorphics: &polymorphics,
    };
    let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
    for s in plan.structs.values() {
        estimator.size_of(&s.rust, &mut sizes, &mut BTreeSet::new());
    }
    let mut boxed = BoxedFields::new();
    for s in plan.structs.values() {
        for field in &s.fields {
            if let RustType::Generated(target) = &field.ty {
                if sizes
                    .get(target.as_str())
                    .is_some_and(|&size| size > LARGE_INLINE_BYTES)
                {
                    mark_boxed(&mut boxed, field);
                }
            }
        }
    }
    box_fields(plan, &boxed);
}

/// Rough inline sizes of generated types (as `rustc` lays them out on 64-bit targets, give or
/// take padding), with large fields already boxed: enough to tell a 100-byte struct from a
/// 600-byte one.
struct SizeEstimator<'a> {
    structs: &'a BTreeMap<&'a str, &'a StructPlan>,
    polymorphics: &'a BTreeMap<&'a str, &'a PolymorphicPlan>,
}

impl<'a> SizeEstimator<'a> {
    /// `odata_type` (16 bytes) and `additional_properties` (8) plus every field; an `Any*`
    /// enum is its largest variant plus a tag; wire enums keep an `Other(String)`.
    fn size_of(
        &self,
        rust: &'a str,
        sizes: &mut BTreeMap<&'a str, usize>,
        visiting: &mut BTreeSet<&'a str>,
    ) -> usize {
        if let Some(&size) = sizes.get(rust) {
            return size;
        }
        if !visiting.insert(rust) {
            // Recursion goes through a box, which `field_size` counts as a pointer.
            return 8;
        }
        let size = if let Some(s) = self.structs.get(rust) {
            24 + s
                .fields
                .iter()
                .map(|f| self.field_size(&f.ty, sizes, visiting))
                .sum::<usize>()
        } else if let Some(p) = self.polymorphics.get(rust) {
            let variants = std::iter::once(&p.base_rust).chain(p.derived.iter().map(|(_, r)| r));
            8 + variants
                .map(|v| self.size_of(v, sizes, visiting))
                .max()
                .unwrap_or(0)
        } else {
            24
        };
        visiting.remove(rust);
        sizes.insert(rust, size);
        size
    }

    fn field_size(
        &self,
        ty: &'a RustType,
        sizes: &mut BTreeMap<&'a str, usize>,
        visiting: &mut BTreeSet<&'a str>,
    ) -> usize {
        match ty {
            RustType::Primitive(p) => match p {
                Primitive::Boolean | Primitive::Byte | Primitive::SByte => 2,
                Primitive::Int16 | Primitive::Int32 | Primitive::Single => 8,
                Primitive::Int64 | Primitive::Double => 16,
                _ => 24,
            },
            RustType::Json => 32,
            RustType::Vec(_) => 24,
            RustType::Boxed(_) => 8,
            // A large target is boxed itself (see `box_large_fields`), so it costs a pointer.
            RustType::Generated(name) => match self.size_of(name, sizes, visiting) {
                size if size > LARGE_INLINE_BYTES => 8,
                size => size,
            },
        }
    }
}

/// Boxes every by-value field on a cycle. Nodes are Rust type names; a struct points at the
/// by-value type of each field, an `Any*` enum at each of its variants. A field is boxed when
/// it points into its own strongly connected component. The decision is made per declaring
/// property, so an inherited field has the same type in every struct that carries it.
fn box_recursive_fields(plan: &mut Plan) {
    let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for s in plan.structs.values() {
        let targets = edges.entry(&s.rust).or_default();
        targets.extend(s.fields.iter().filter_map(|f| f.ty.by_value_target()));
    }
    for poly in plan.polymorphics.values() {
        let targets = edges.entry(&poly.rust).or_default();
        targets.insert(&poly.base_rust);
        targets.extend(poly.derived.iter().map(|(_, rust)| rust.as_str()));
    }
    let component = strongly_connected(&edges);
    let mut boxed = BoxedFields::new();
    for s in plan.structs.values() {
        for field in &s.fields {
            if let Some(target) = field.ty.by_value_target() {
                if component.get(s.rust.as_str()) == component.get(target) {
                    mark_boxed(&mut boxed, field);
                }
            }
        }
    }
    box_fields(plan, &boxed);
}

/// Properties to box: declaring type -> wire names.
type BoxedFields = BTreeMap<String, BTreeSet<String>>;

/// Lists `field`'s declaring property in `boxed`.
fn mark_boxed(boxed: &mut BoxedFields, field: &FieldPlan) {
    boxed
        .entry(field.declared_in.clone())
        .or_default()
        .insert(field.wire.clone());
}

/// Boxes every field whose declaring property (declaring type, wire name) is in `boxed`, in every
/// struct that carries it, so an inherited field has the same type everywhere.
fn box_fields(plan: &mut Plan, boxed: &BoxedFields) {
    if boxed.is_empty() {
        return;
    }
    for s in plan.structs.values_mut() {
        for field in &mut s.fields {
            let listed = boxed
                .get(&field.declared_in)
                .is_some_and(|wires| wires.contains(&field.wire));
            if listed && !field.ty.is_boxed() {
                let inner = std::mem::replace(&mut field.ty, RustType::Json);
                field.ty = RustType::Boxed(Box::new(inner));
            }
        }
    }
}
