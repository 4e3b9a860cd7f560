//! The plan: every item to generate, with Rust names, field types and boxing decided, and every
//! naming problem found, before a single token is written.
//!
//! A [`Planner`] holds everything planning works out (the names claimed so far, the plan being
//! filled in, the diagnostics) and [`build`] runs its phases in order, each a method in the file
//! beside this one:
//!
//! 1. [`Planner::check_selection`] (`types.rs`): every selected name is defined.
//! 2. [`Planner::plan_structs`] (`types.rs`): struct names, then the `Any*` enum of every type
//!    with descendants.
//! 3. [`Planner::plan_enums`] (`enums.rs`): declared enums and their variants.
//! 4. [`Planner::plan_fields`] (`fields.rs`): every struct's fields, with their types resolved,
//!    inline enums planned and field names checked.
//! 5. [`Planner::box_fields`] (`boxing.rs`): fields on reference cycles, then fields of large
//!    types, are boxed.
//!
//! [`Planner::finish`] then checks file names and hands back the plan or every error. The order
//! of the phases matters only for names: who claims a name first keeps it.

mod boxing;
mod enums;
mod fields;
mod types;

#[cfg(test)]
mod test_schema;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use graph_ir::{Diagnostic, Schema, Source, TypeKind};

use crate::name_table::{missing_types_warning, NameTable};
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
    let mut planner = Planner::new(schema, selection, disambiguate, reserved_modules);
    planner.check_selection();
    planner.plan_structs();
    planner.plan_enums();
    planner.plan_fields();
    planner.box_fields();
    planner.finish()
}

/// The types and enums to generate: all of them, or a selection by qualified name.
#[derive(Clone, Copy)]
struct Selection<'s>(Option<&'s BTreeSet<String>>);

impl Selection<'_> {
    /// Whether `qualified` is to be generated.
    fn contains(self, qualified: &str) -> bool {
        match self.0 {
            None => true,
            Some(names) => names.contains(qualified),
        }
    }
}

/// The state of planning one schema: what each phase has decided so far, and every problem
/// found. Phases only add to it; [`Planner::finish`] turns it into the result of [`build`].
struct Planner<'s> {
    schema: &'s Schema,
    selection: Selection<'s>,
    /// Rename colliding names (with a warning) instead of failing.
    disambiguate: bool,
    /// Every Rust type name claimed so far, and by whom.
    names: NameTable,
    /// The plan being filled in; its `warnings` are set by [`Planner::finish`].
    plan: Plan,
    /// Struct names, by qualified name (phase 2), so `Any*` variants and inline enums use the
    /// names their types finally got.
    struct_names: BTreeMap<&'s str, String>,
    /// Declared enums' Rust names, by qualified name (phase 3).
    enum_names: BTreeMap<&'s str, String>,
    /// Inherited properties appear in every descendant; their inline enums are planned once, for
    /// the declaring type: owner -> property (wire name) -> Rust name.
    inline_enums: BTreeMap<&'s str, BTreeMap<&'s str, String>>,
    /// Field name and doc paragraph of each (declaring type, property), worked out once for the
    /// same reason.
    names_and_docs: BTreeMap<(&'s str, &'s str), NameAndDoc>,
    /// Referenced names no page defines, with every place that uses them: one warning at the end.
    missing_types: BTreeMap<String, Vec<Source>>,
    /// Problems that stop generation.
    errors: Vec<Diagnostic>,
    /// Problems that do not.
    warnings: Vec<Diagnostic>,
}

/// A property's Rust field name and doc paragraph (see [`FieldPlan`]).
type NameAndDoc = (String, Option<Arc<str>>);

impl<'s> Planner<'s> {
    /// A planner with nothing planned yet; with `disambiguate`, `reserved_modules` are names no
    /// type may take (see [`NameTable::new`]).
    fn new(
        schema: &'s Schema,
        selection: Option<&'s BTreeSet<String>>,
        disambiguate: bool,
        reserved_modules: &BTreeSet<String>,
    ) -> Self {
        Planner {
            schema,
            selection: Selection(selection),
            disambiguate,
            names: NameTable::new(disambiguate, reserved_modules),
            plan: Plan {
                structs: BTreeMap::new(),
                polymorphics: BTreeMap::new(),
                enums: BTreeMap::new(),
                warnings: Vec::new(),
            },
            struct_names: BTreeMap::new(),
            enum_names: BTreeMap::new(),
            inline_enums: BTreeMap::new(),
            names_and_docs: BTreeMap::new(),
            missing_types: BTreeMap::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Claims the Rust type name `wanted` for `what` (see [`NameTable::claim`]) and returns the
    /// name it gets.
    fn claim(&mut self, wanted: &str, what: &str, source: &Source) -> String {
        self.names
            .claim(wanted, what, source, &mut self.errors, &mut self.warnings)
    }

    /// The plan, or every error, sorted and without repeats. Type names can still share a file
    /// name, which is checked here, once every name is claimed.
    fn finish(mut self) -> Result<Plan, Vec<Diagnostic>> {
        self.names.check_files(&mut self.errors);
        if let Some(warning) = missing_types_warning(&self.missing_types) {
            self.warnings.push(warning);
        }
        if self.errors.is_empty() {
            self.warnings.sort();
            self.warnings.dedup();
            self.plan.warnings = self.warnings;
            Ok(self.plan)
        } else {
            self.errors.sort();
            self.errors.dedup();
            Err(self.errors)
        }
    }
}
