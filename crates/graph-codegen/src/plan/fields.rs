//! Phase 4: every struct's fields. Each property's type is resolved (inline enums are planned
//! once, for the declaring type), and field names that collide are reported or numbered.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use graph_ir::{Property, Source, TypeRef};

use super::enums::Member;
use super::{EnumOrigin, FieldPlan, NameAndDoc, Planner, ADDITIONAL_FIELD, ODATA_TYPE_FIELD};
use crate::docs::paragraph;
use crate::name_table::{error_at, first_free, location, warning_at};
use crate::naming::{field_name, type_name, variant_name};
use crate::type_map::RustType;

impl<'s> Planner<'s> {
    /// Phase 4: fills in the fields of every struct [`Planner::plan_structs`] planned, inherited
    /// properties first.
    pub(super) fn plan_fields(&mut self) {
        let schema = self.schema;
        let qualified_names: Vec<String> = self.plan.structs.keys().cloned().collect();
        for qualified in &qualified_names {
            let mut fields: Vec<FieldPlan> = Vec::new();
            let mut seen_wire = BTreeSet::new();
            for (declaring, property) in schema.properties_with_owner(qualified) {
                // Pages often repeat inherited properties; the base's declaration wins so that a
                // field has one type across the whole hierarchy.
                if !seen_wire.insert(property.name.clone()) {
                    continue;
                }
                let ty = if property.is_inline_enum() {
                    self.inline_enum_type(declaring, property)
                } else {
                    self.reference_type(qualified, property)
                };
                let (rust, doc) = self.name_and_doc(declaring, property);
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
            self.check_field_names(qualified, &mut fields);
            if let Some(s) = self.plan.structs.get_mut(qualified) {
                s.fields = fields;
            }
        }
    }

    /// The type of a property with inline enum members: the enum planned for the declaring type
    /// (planning it on first use), or a `Vec` of it.
    fn inline_enum_type(&mut self, declaring: &'s str, property: &'s Property) -> RustType {
        let planned = self
            .inline_enums
            .get(declaring)
            .and_then(|by_property| by_property.get(property.name.as_str()))
            .cloned();
        let rust = match planned {
            Some(rust) => rust,
            None => self.plan_inline_enum(declaring, property),
        };
        let element = RustType::Generated(rust);
        if property.ty.is_collection() {
            RustType::Vec(Box::new(element))
        } else {
            element
        }
    }

    /// Plans the enum of `declaring`'s property `property`, named after its owner's struct and
    /// the property (`AttendanceRecordRole`), and returns its Rust name.
    fn plan_inline_enum(&mut self, declaring: &'s str, property: &'s Property) -> String {
        let owner = self
            .struct_names
            .get(declaring)
            .cloned()
            .unwrap_or_else(|| type_name(declaring));
        let wanted = format!("{owner}{}", variant_name(&property.name));
        let what = format!("the values of `{declaring}.{}`", property.name);
        let rust = self.claim(&wanted, &what, &property.source);
        let mut unique = BTreeSet::new();
        let members: Vec<Member> = property
            .enum_members
            .iter()
            .filter(|m| unique.insert(m.as_str()))
            .map(|m| (m.as_str(), "", &property.source))
            .collect();
        let origin = EnumOrigin::Inline {
            owner: declaring.to_string(),
            property: property.name.clone(),
        };
        let enum_plan = self.plan_enum(rust.clone(), origin, "", &members, &property.source);
        self.plan.enums.insert(rust.clone(), enum_plan);
        self.inline_enums
            .entry(declaring)
            .or_default()
            .insert(&property.name, rust.clone());
        rust
    }

    /// The type of `qualified`'s property `property` that refers to a type by name (or is a
    /// primitive); JSON, with an error, when it names a type the selection leaves out.
    fn reference_type(&mut self, qualified: &str, property: &Property) -> RustType {
        match self.map_type(&property.ty, &property.source) {
            Ok(ty) => ty,
            Err(unselected) => {
                self.errors.push(error_at(
                    "codegen-type-not-emitted",
                    &property.source,
                    format!(
                        "`{qualified}.{}` refers to `{unselected}`, which is not among the types to generate",
                        property.name
                    ),
                ));
                RustType::Json
            }
        }
    }

    /// The Rust type for a type reference used at `used_at`; `Err(name)` when it names a type
    /// the schema defines but the selection leaves out. A name nothing defines becomes JSON and
    /// is listed in `missing_types`.
    fn map_type(&mut self, ty: &TypeRef, used_at: &Source) -> Result<RustType, String> {
        if ty.is_collection() {
            return self
                .map_type(&ty.element(), used_at)
                .map(|t| RustType::Vec(Box::new(t)));
        }
        if let Some(primitive) = ty.primitive() {
            return Ok(RustType::Primitive(primitive));
        }
        let name = ty.as_str();
        let defined = self.schema.types.contains_key(name) || self.schema.enums.contains_key(name);
        if !defined {
            self.missing_types
                .entry(name.to_string())
                .or_default()
                .push(used_at.clone());
            return Ok(RustType::Json);
        }
        if !self.selection.contains(name) {
            return Err(name.to_string());
        }
        if let Some(rust) = self.plan.reference_name(name) {
            return Ok(RustType::Generated(rust.to_string()));
        }
        let rust = self.enum_names.get(name).cloned();
        Ok(RustType::Generated(rust.unwrap_or_else(|| type_name(name))))
    }

    /// The field name and doc paragraph of `declaring`'s property, worked out once however many
    /// structs inherit it.
    fn name_and_doc(&mut self, declaring: &'s str, property: &'s Property) -> NameAndDoc {
        self.names_and_docs
            .entry((declaring, &property.name))
            .or_insert_with(|| {
                let description = &property.description;
                let doc =
                    (!description.trim().is_empty()).then(|| Arc::from(paragraph(description)));
                (field_name(&property.name), doc)
            })
            .clone()
    }

    /// Reports two properties of one struct that get the same Rust name, or a property that
    /// takes a name the generator reserves; when disambiguating, renames the later one instead.
    fn check_field_names(&mut self, qualified: &str, fields: &mut [FieldPlan]) {
        let schema = self.schema;
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
                if !self.disambiguate {
                    self.errors
                        .push(error_at("codegen-name-collision", &source, clash));
                    continue;
                }
                let free = first_free(&field.rust, "_", |f| !taken.contains_key(f));
                self.warnings.push(warning_at(
                    "codegen-name-disambiguated",
                    &source,
                    format!("{clash}; `{}` is `{free}`", field.wire),
                ));
                fields[i].rust = free;
            }
            taken.insert(fields[i].rust.clone(), Some(i));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use graph_ir::{Primitive, Property};

    use super::super::test_schema::{
        at, complex, derived, enumeration, lines, planner, prop, schema_of,
    };
    use super::super::{EnumOrigin, Planner};
    use crate::type_map::RustType;

    fn generated(name: &str) -> RustType {
        RustType::Generated(name.into())
    }

    fn inline(name: &str, members: &[&str], line: u32) -> Property {
        Property {
            enum_members: members.iter().map(|m| m.to_string()).collect(),
            ..prop(name, "Edm.String", line)
        }
    }

    /// Runs the phases fields depend on, then the fields phase.
    fn plan_fields(planner: &mut Planner) {
        planner.plan_structs();
        planner.plan_enums();
        planner.plan_fields();
    }

    #[test]
    fn inherited_properties_come_first_and_the_base_declaration_wins() {
        let schema = schema_of(
            vec![
                complex(
                    "microsoft.graph.identity",
                    vec![
                        prop("displayName", "Edm.String", 2),
                        inline("kind", &["aadUser", "guest", "aadUser"], 3),
                    ],
                ),
                derived(
                    "microsoft.graph.userIdentity",
                    "microsoft.graph.identity",
                    vec![
                        prop("userId", "Edm.String", 4),
                        // Repeated on the derived page with another type.
                        prop("displayName", "Collection(Edm.Int32)", 5),
                    ],
                ),
            ],
            vec![],
        );
        let mut planner = planner(&schema, false);
        plan_fields(&mut planner);
        let user = &planner.plan.structs["microsoft.graph.userIdentity"];
        let fields: Vec<(&str, &str, &RustType, &str)> = user
            .fields
            .iter()
            .map(|f| {
                (
                    f.wire.as_str(),
                    f.rust.as_str(),
                    &f.ty,
                    f.declared_in.as_str(),
                )
            })
            .collect();
        let base = "microsoft.graph.identity";
        assert_eq!(
            fields,
            [
                (
                    "displayName",
                    "display_name",
                    &RustType::Primitive(Primitive::String),
                    base
                ),
                ("kind", "kind", &generated("IdentityKind"), base),
                (
                    "userId",
                    "user_id",
                    &RustType::Primitive(Primitive::String),
                    "microsoft.graph.userIdentity"
                ),
            ]
        );
        // One inline enum, planned for the declaring type, with its repeated value once.
        assert_eq!(planner.plan.enums.len(), 1);
        let kind = &planner.plan.enums["IdentityKind"];
        assert_eq!(
            kind.origin,
            EnumOrigin::Inline {
                owner: base.into(),
                property: "kind".into()
            }
        );
        let wires: Vec<&str> = kind.members.iter().map(|m| m.wire.as_str()).collect();
        assert_eq!(wires, ["aadUser", "guest"]);
        assert_eq!(
            planner.plan.structs[base].fields[1].ty,
            generated("IdentityKind")
        );
        assert!(planner.errors.is_empty() && planner.warnings.is_empty());
    }

    #[test]
    fn references_resolve_to_any_enums_declared_enums_or_json() {
        let schema = schema_of(
            vec![
                complex(
                    "microsoft.graph.record",
                    vec![
                        prop("identity", "microsoft.graph.identity", 2),
                        prop("roles", "Collection(microsoft.graph.role)", 3),
                        prop("extra", "microsoft.graph.nowhere", 4),
                        prop("more", "Collection(microsoft.graph.nowhere)", 5),
                    ],
                ),
                complex("microsoft.graph.identity", vec![]),
                derived(
                    "microsoft.graph.userIdentity",
                    "microsoft.graph.identity",
                    vec![],
                ),
            ],
            vec![enumeration("microsoft.graph.role", &["attendee"])],
        );
        let mut planner = planner(&schema, false);
        plan_fields(&mut planner);
        let types: Vec<&RustType> = planner.plan.structs["microsoft.graph.record"]
            .fields
            .iter()
            .map(|f| &f.ty)
            .collect();
        assert_eq!(
            types,
            [
                &generated("AnyIdentity"),
                &RustType::Vec(Box::new(generated("Role"))),
                &RustType::Json,
                &RustType::Vec(Box::new(RustType::Json)),
            ]
        );
        let missing: Vec<(&str, &[graph_ir::Source])> = planner
            .missing_types
            .iter()
            .map(|(name, uses)| (name.as_str(), uses.as_slice()))
            .collect();
        assert_eq!(
            missing,
            [(
                "microsoft.graph.nowhere",
                &[at("p.md", 4), at("p.md", 5)][..]
            )]
        );
        assert!(planner.errors.is_empty());
    }

    #[test]
    fn a_reference_to_an_unselected_type_is_an_error() {
        let schema = schema_of(
            vec![
                complex(
                    "microsoft.graph.record",
                    vec![prop("identity", "microsoft.graph.identity", 2)],
                ),
                complex("microsoft.graph.identity", vec![]),
            ],
            vec![],
        );
        let selection: BTreeSet<String> = ["microsoft.graph.record".to_string()].into();
        let mut planner = Planner::new(&schema, Some(&selection), false, &BTreeSet::new());
        plan_fields(&mut planner);
        assert_eq!(
            planner.plan.structs["microsoft.graph.record"].fields[0].ty,
            RustType::Json
        );
        assert_eq!(
            lines(&planner.errors),
            ["p.md:2: [codegen-type-not-emitted] `microsoft.graph.record.identity` refers to `microsoft.graph.identity`, which is not among the types to generate"]
        );
    }

    #[test]
    fn colliding_and_reserved_field_names_are_numbered_when_disambiguating() {
        let schema = schema_of(
            vec![complex(
                "microsoft.graph.user",
                vec![
                    prop("isMFARegistered", "Edm.Boolean", 5),
                    prop("isMfaRegistered", "Edm.Boolean", 6),
                    prop("additionalProperties", "Edm.String", 7),
                ],
            )],
            vec![],
        );
        let mut planner = planner(&schema, true);
        plan_fields(&mut planner);
        let names: Vec<&str> = planner.plan.structs["microsoft.graph.user"]
            .fields
            .iter()
            .map(|f| f.rust.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "is_mfa_registered",
                "is_mfa_registered_2",
                "additional_properties_2"
            ]
        );
        assert!(planner.errors.is_empty());
        assert_eq!(
            lines(&planner.warnings),
            [
                "p.md:6: [codegen-name-disambiguated] properties `isMFARegistered` (p.md:5) and `isMfaRegistered` of `microsoft.graph.user` both become the field `is_mfa_registered`; `isMfaRegistered` is `is_mfa_registered_2`",
                "p.md:7: [codegen-name-disambiguated] property `additionalProperties` of `microsoft.graph.user` becomes the field `additional_properties`, which the generator reserves; `additionalProperties` is `additional_properties_2`",
            ]
        );
    }
}
