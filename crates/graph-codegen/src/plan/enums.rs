//! Phase 3: declared enums. [`Planner::plan_enum`] also plans the inline enums of
//! [`Planner::plan_fields`].

use std::collections::BTreeMap;

use graph_ir::Source;

use super::{EnumOrigin, EnumPlan, MemberPlan, Planner};
use crate::name_table::{error_at, first_free, location, warning_at};
use crate::naming::{type_name, variant_name};

/// One member to plan: wire value, description, where it is listed.
pub(super) type Member<'a> = (&'a str, &'a str, &'a Source);

impl<'s> Planner<'s> {
    /// Phase 3: a wire enum for every selected enum type, named after its qualified name.
    pub(super) fn plan_enums(&mut self) {
        let schema = self.schema;
        let selection = self.selection;
        for def in schema
            .enums
            .values()
            .filter(|e| selection.contains(&e.name))
        {
            let what = format!("`{}`", def.name);
            let rust = self.claim(&type_name(&def.name), &what, &def.source);
            self.enum_names.insert(&def.name, rust.clone());
            let members: Vec<Member> = def
                .members
                .iter()
                .map(|m| (m.name.as_str(), m.description.as_str(), &m.source))
                .collect();
            let enum_plan = self.plan_enum(
                rust,
                EnumOrigin::Declared(def.name.clone()),
                &def.description,
                &members,
                &def.source,
            );
            self.plan.enums.insert(enum_plan.rust.clone(), enum_plan);
        }
    }

    /// Plans the wire enum `rust`, reporting members whose Rust names collide (or, when
    /// disambiguating, numbering the later one).
    pub(super) fn plan_enum(
        &mut self,
        rust: String,
        origin: EnumOrigin,
        description: &str,
        members: &[Member],
        source: &Source,
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
                if self.disambiguate {
                    let free = first_free(&variant, "", |v| !taken.contains_key(v));
                    self.warnings.push(warning_at(
                        "codegen-name-disambiguated",
                        member_source,
                        format!("{clash}; `{wire}` is `{free}`"),
                    ));
                    variant = free;
                } else {
                    self.errors
                        .push(error_at("codegen-name-collision", member_source, clash));
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
}

#[cfg(test)]
mod tests {
    use super::super::test_schema::{enumeration, lines, planner, schema_of};
    use super::super::EnumOrigin;

    fn color() -> graph_ir::Schema {
        schema_of(
            vec![],
            vec![enumeration(
                "microsoft.graph.color",
                &["red", "Red", "unknownFutureValue", "other", "blue"],
            )],
        )
    }

    #[test]
    fn declared_enums_keep_member_order_and_mark_members_after_unknown_future_value() {
        let schema = color();
        let mut planner = planner(&schema, true);
        planner.plan_enums();
        assert_eq!(planner.enum_names["microsoft.graph.color"], "Color");
        let color = &planner.plan.enums["Color"];
        assert_eq!(
            color.origin,
            EnumOrigin::Declared("microsoft.graph.color".into())
        );
        let members: Vec<(&str, &str, bool)> = color
            .members
            .iter()
            .map(|m| {
                (
                    m.wire.as_str(),
                    m.rust.as_str(),
                    m.after_unknown_future_value,
                )
            })
            .collect();
        assert_eq!(
            members,
            [
                ("red", "Red", false),
                ("Red", "Red2", false),
                ("unknownFutureValue", "UnknownFutureValue", false),
                ("other", "Other", true),
                ("blue", "Blue", true),
            ]
        );
        // A member took `Other`, so unknown values go to the next name.
        assert_eq!(color.fallback, "UnrecognizedValue");
        assert!(planner.errors.is_empty());
        assert_eq!(
            lines(&planner.warnings),
            ["e.md:3: [codegen-name-disambiguated] enum values `red` (e.md:2) and `Red` of `Color` both become the variant `Red`; `Red` is `Red2`"]
        );
    }

    #[test]
    fn colliding_members_are_errors_for_the_curated_crate() {
        let schema = color();
        let mut planner = planner(&schema, false);
        planner.plan_enums();
        assert_eq!(
            lines(&planner.errors),
            ["e.md:3: [codegen-name-collision] enum values `red` (e.md:2) and `Red` of `Color` both become the variant `Red`"]
        );
        assert!(planner.warnings.is_empty());
    }
}
