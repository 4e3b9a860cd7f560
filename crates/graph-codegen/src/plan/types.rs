//! Phases 1 and 2: which types are generated, and the names of their structs and `Any*` enums.

use graph_ir::{Diagnostic, TypeDef};

use super::{Planner, PolymorphicPlan, StructPlan, UNKNOWN_VARIANT};
use crate::name_table::error_at;
use crate::naming::{namespace_modules, type_name};

impl Planner<'_> {
    /// Phase 1: reports every selected name the schema does not define.
    pub(super) fn check_selection(&mut self) {
        let Some(selection) = self.selection.0 else {
            return;
        };
        for name in selection {
            if !self.schema.types.contains_key(name) && !self.schema.enums.contains_key(name) {
                self.errors.push(Diagnostic::error(
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

    /// Phase 2: a struct for every selected type, and an `Any*` enum for every one with selected
    /// descendants. Fields are left empty for [`Planner::plan_fields`].
    ///
    /// Struct names are claimed first, so that `Any*` variants use the names their types finally
    /// got; types of `microsoft.graph` itself first, so a namespace never renames one of them.
    pub(super) fn plan_structs(&mut self) {
        let schema = self.schema;
        let selection = self.selection;
        let mut claim_order: Vec<&TypeDef> = schema
            .types
            .values()
            .filter(|t| selection.contains(&t.name))
            .collect();
        claim_order.sort_by_key(|t| (!namespace_modules(&t.name).is_empty(), t.name.as_str()));
        for def in claim_order {
            let what = format!("`{}`", def.name);
            let rust = self.claim(&type_name(&def.name), &what, &def.source);
            self.struct_names.insert(&def.name, rust);
        }
        let descendants = schema.descendants_index();
        for def in schema
            .types
            .values()
            .filter(|t| selection.contains(&t.name))
        {
            let rust = self.struct_names[def.name.as_str()].clone();
            let derived: Vec<(String, String)> = descendants
                .get(def.name.as_str())
                .into_iter()
                .flatten()
                .filter(|d| selection.contains(&d.name))
                .map(|d| (d.name.clone(), self.struct_names[d.name.as_str()].clone()))
                .collect();
            if !derived.is_empty() {
                self.plan_polymorphic(def, &rust, derived);
            }
            self.plan.structs.insert(
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
    }

    /// Names the `Any*` enum over `def` (Rust name `rust`) and its `derived` structs, which must
    /// leave its `Unknown` variant free.
    fn plan_polymorphic(&mut self, def: &TypeDef, rust: &str, derived: Vec<(String, String)>) {
        let what = format!("the polymorphic enum for `{}`", def.name);
        let any = self.claim(&format!("Any{rust}"), &what, &def.source);
        if let Some((name, _)) = derived.iter().find(|(_, r)| r == UNKNOWN_VARIANT) {
            self.errors.push(error_at(
                "codegen-name-collision",
                &def.source,
                format!("`{name}` becomes the variant `Unknown` of `{any}`, which is reserved for unknown `@odata.type` values"),
            ));
        }
        self.plan.polymorphics.insert(
            def.name.clone(),
            PolymorphicPlan {
                rust: any,
                base_qualified: def.name.clone(),
                base_rust: rust.to_string(),
                derived,
                source: def.source.clone(),
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::super::test_schema::{complex, derived, lines, planner, schema_of};
    use super::super::Planner;

    #[test]
    fn selected_names_the_schema_does_not_define_are_errors() {
        let schema = schema_of(vec![complex("microsoft.graph.user", vec![])], vec![]);
        let selection: BTreeSet<String> = ["microsoft.graph.user", "microsoft.graph.nobody"]
            .map(String::from)
            .into();
        let mut planner = Planner::new(&schema, Some(&selection), false, &BTreeSet::new());
        planner.check_selection();
        assert_eq!(
            lines(&planner.errors),
            ["<options>:1: [codegen-unknown-selected-type] `microsoft.graph.nobody` was selected for generation but the schema does not define it"]
        );
    }

    #[test]
    fn types_of_microsoft_graph_keep_their_names_when_a_namespace_collides() {
        // `callRecords.session` sorts first, but claims its name after `callRecordsSession`.
        let schema = schema_of(
            vec![
                complex("microsoft.graph.callRecords.session", vec![]),
                complex("microsoft.graph.callRecordsSession", vec![]),
            ],
            vec![],
        );
        let mut planner = planner(&schema, true);
        planner.plan_structs();
        let rust = |name: &str| planner.plan.structs[name].rust.clone();
        assert_eq!(
            rust("microsoft.graph.callRecordsSession"),
            "CallRecordsSession"
        );
        assert_eq!(
            rust("microsoft.graph.callRecords.session"),
            "CallRecordsSession2"
        );
        assert!(planner.errors.is_empty());
        assert_eq!(
            lines(&planner.warnings),
            ["session.md:1: [codegen-name-disambiguated] `microsoft.graph.callRecordsSession` (callRecordsSession.md:1) and `microsoft.graph.callRecords.session` both become the Rust type `CallRecordsSession`; `microsoft.graph.callRecords.session` is `CallRecordsSession2`"]
        );
    }

    #[test]
    fn every_type_with_descendants_gets_an_any_enum_over_all_of_them() {
        let schema = schema_of(
            vec![
                complex("microsoft.graph.identity", vec![]),
                derived(
                    "microsoft.graph.userIdentity",
                    "microsoft.graph.identity",
                    vec![],
                ),
                derived(
                    "microsoft.graph.auditUserIdentity",
                    "microsoft.graph.userIdentity",
                    vec![],
                ),
            ],
            vec![],
        );
        let mut planner = planner(&schema, false);
        planner.plan_structs();
        let plan = &planner.plan;
        assert_eq!(plan.structs.len(), 3);
        assert!(plan.structs.values().all(|s| s.fields.is_empty()));
        let identity = &plan.polymorphics["microsoft.graph.identity"];
        assert_eq!(identity.rust, "AnyIdentity");
        assert_eq!(identity.base_rust, "Identity");
        assert_eq!(
            identity.derived,
            [
                (
                    "microsoft.graph.auditUserIdentity".into(),
                    "AuditUserIdentity".into()
                ),
                ("microsoft.graph.userIdentity".into(), "UserIdentity".into()),
            ]
        );
        let user = &plan.polymorphics["microsoft.graph.userIdentity"];
        assert_eq!(user.rust, "AnyUserIdentity");
        assert_eq!(user.derived.len(), 1);
        assert!(!plan
            .polymorphics
            .contains_key("microsoft.graph.auditUserIdentity"));
        assert_eq!(
            plan.reference_name("microsoft.graph.identity"),
            Some("AnyIdentity")
        );
        assert_eq!(
            plan.reference_name("microsoft.graph.auditUserIdentity"),
            Some("AuditUserIdentity")
        );
        assert!(planner.errors.is_empty() && planner.warnings.is_empty());
    }

    #[test]
    fn a_descendant_named_unknown_is_an_error() {
        let schema = schema_of(
            vec![
                complex("microsoft.graph.identity", vec![]),
                derived(
                    "microsoft.graph.unknown",
                    "microsoft.graph.identity",
                    vec![],
                ),
            ],
            vec![],
        );
        let mut planner = planner(&schema, false);
        planner.plan_structs();
        assert_eq!(
            lines(&planner.errors),
            ["identity.md:1: [codegen-name-collision] `microsoft.graph.unknown` becomes the variant `Unknown` of `AnyIdentity`, which is reserved for unknown `@odata.type` values"]
        );
    }
}
