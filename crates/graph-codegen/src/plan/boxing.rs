//! Phase 5: which fields are boxed, decided per declaring property so an inherited field has the
//! same type in every struct that carries it.

use std::collections::{BTreeMap, BTreeSet};

use graph_ir::Primitive;

use super::{FieldPlan, Plan, Planner, PolymorphicPlan, StructPlan};
use crate::cycles::strongly_connected;
use crate::type_map::RustType;

/// Types whose estimated inline size exceeds this many bytes are boxed where a single-valued
/// property holds them (clippy's `large_enum_variant` threshold is 200 bytes).
pub const LARGE_INLINE_BYTES: usize = 256;

impl Planner<'_> {
    /// Phase 5: boxes the fields that make a type infinitely sized, then the fields whose type
    /// is large (sizes are estimated with the recursion already boxed).
    pub(super) fn box_fields(&mut self) {
        box_recursive_fields(&mut self.plan);
        box_large_fields(&mut self.plan);
    }
}

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
    box_listed(plan, &boxed);
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
    box_listed(plan, &boxed);
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
fn box_listed(plan: &mut Plan, boxed: &BoxedFields) {
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

#[cfg(test)]
mod tests {
    use super::super::test_schema::{complex, derived, planner, prop, schema_of};
    use super::super::Plan;
    use crate::type_map::RustType;

    fn generated(name: &str) -> RustType {
        RustType::Generated(name.into())
    }

    fn boxed(name: &str) -> RustType {
        RustType::Boxed(Box::new(generated(name)))
    }

    fn field_type<'p>(plan: &'p Plan, qualified: &str, wire: &str) -> &'p RustType {
        let fields = &plan.structs[qualified].fields;
        &fields.iter().find(|f| f.wire == wire).expect(wire).ty
    }

    fn planned(schema: &graph_ir::Schema) -> Plan {
        let mut planner = planner(schema, false);
        planner.plan_structs();
        planner.plan_enums();
        planner.plan_fields();
        planner.box_fields();
        assert!(planner.errors.is_empty());
        planner.plan
    }

    #[test]
    fn fields_on_a_cycle_are_boxed_in_every_struct_that_inherits_them() {
        let schema = schema_of(
            vec![
                complex(
                    "microsoft.graph.folder",
                    vec![
                        prop("parent", "microsoft.graph.folder", 2),
                        prop("children", "Collection(microsoft.graph.folder)", 3),
                        prop("name", "Edm.String", 4),
                    ],
                ),
                derived(
                    "microsoft.graph.mailFolder",
                    "microsoft.graph.folder",
                    vec![],
                ),
            ],
            vec![],
        );
        let plan = planned(&schema);
        for qualified in ["microsoft.graph.folder", "microsoft.graph.mailFolder"] {
            assert_eq!(*field_type(&plan, qualified, "parent"), boxed("AnyFolder"));
            // A `Vec` already breaks the cycle.
            assert_eq!(
                *field_type(&plan, qualified, "children"),
                RustType::Vec(Box::new(generated("AnyFolder")))
            );
        }
    }

    #[test]
    fn single_valued_fields_of_large_types_are_boxed() {
        let strings = |n: u32| {
            (0..n)
                .map(|i| prop(&format!("s{i}"), "Edm.String", i))
                .collect()
        };
        // 24 bytes of its own plus ten 24-byte strings: over `LARGE_INLINE_BYTES`.
        let schema = schema_of(
            vec![
                complex("microsoft.graph.big", strings(10)),
                complex("microsoft.graph.small", strings(2)),
                complex(
                    "microsoft.graph.holder",
                    vec![
                        prop("big", "microsoft.graph.big", 2),
                        prop("bigs", "Collection(microsoft.graph.big)", 3),
                        prop("small", "microsoft.graph.small", 4),
                    ],
                ),
            ],
            vec![],
        );
        let plan = planned(&schema);
        let holder = "microsoft.graph.holder";
        assert_eq!(*field_type(&plan, holder, "big"), boxed("Big"));
        assert_eq!(
            *field_type(&plan, holder, "bigs"),
            RustType::Vec(Box::new(generated("Big")))
        );
        assert_eq!(*field_type(&plan, holder, "small"), generated("Small"));
    }
}
