//! The set of types a models crate needs, computed from a few root types.

use std::collections::{BTreeMap, BTreeSet};

use crate::{Schema, Source};

/// What the roots pull in: structured types, enums, and references to names with no definition.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Closure {
    /// Qualified names of structured types.
    pub types: BTreeSet<String>,
    /// Qualified names of enums.
    pub enums: BTreeSet<String>,
    /// Referenced names that the schema does not define, with every place that references them.
    pub missing: BTreeMap<String, Vec<Source>>,
}

impl Schema {
    /// Every type the `roots` need: the roots, the types and enums of their properties
    /// (inherited ones included), their base types, and every type derived from a root or from a
    /// property's type (a property typed as a base type may hold any derived type).
    ///
    /// Base types are pulled in without their other descendants: `entity` is the base of
    /// `attendanceRecord`, but nothing here can hold an arbitrary entity.
    pub fn closure<'a>(&self, roots: impl IntoIterator<Item = &'a str>) -> Closure {
        let mut closure = Closure::default();
        let mut queue: Vec<(String, bool)> = Vec::new();
        for root in roots {
            if self.types.contains_key(root) || self.enums.contains_key(root) {
                queue.push((root.to_string(), true));
            } else {
                closure.missing.entry(root.to_string()).or_default();
            }
        }
        let mut expanded: BTreeSet<String> = BTreeSet::new();
        while let Some((name, with_descendants)) = queue.pop() {
            if self.enums.contains_key(&name) {
                closure.enums.insert(name);
                continue;
            }
            let Some(def) = self.types.get(&name) else {
                continue;
            };
            closure.types.insert(name.clone());
            if with_descendants && expanded.insert(name.clone()) {
                queue.extend(
                    self.descendants(&name)
                        .into_iter()
                        .map(|d| (d.name.clone(), false)),
                );
            }
            if let Some(base) = &def.base {
                if self.types.contains_key(&base.name) {
                    if !closure.types.contains(&base.name) {
                        queue.push((base.name.clone(), false));
                    }
                } else {
                    closure
                        .missing
                        .entry(base.name.clone())
                        .or_default()
                        .push(def.source.clone());
                }
            }
            for property in &def.properties {
                if property.ty.primitive().is_some() {
                    continue;
                }
                let target = property.ty.element_name();
                if self.types.contains_key(target) {
                    if !expanded.contains(target) {
                        queue.push((target.to_string(), true));
                    }
                } else if self.enums.contains_key(target) {
                    closure.enums.insert(target.to_string());
                } else {
                    closure
                        .missing
                        .entry(target.to_string())
                        .or_default()
                        .push(property.source.clone());
                }
            }
        }
        closure
    }
}

#[cfg(test)]
mod tests {
    use crate::{BaseOrigin, BaseType, EnumDef, Property, Schema, TypeDef, TypeRef};

    fn ty(name: &str, base: Option<&str>, props: &[(&str, &str)]) -> TypeDef {
        TypeDef {
            name: name.into(),
            base: base.map(|b| BaseType {
                name: b.into(),
                origin: BaseOrigin::Annotation,
            }),
            properties: props
                .iter()
                .map(|(n, t)| Property {
                    name: (*n).into(),
                    ty: TypeRef::named(*t),
                    ..Property::default()
                })
                .collect(),
            ..TypeDef::default()
        }
    }

    #[test]
    fn pulls_properties_bases_and_descendants_of_referenced_types_only() {
        let mut s = Schema::new("v1.0");
        for t in [
            ty("g.entity", None, &[("id", "Edm.String")]),
            ty(
                "g.record",
                Some("g.entity"),
                &[("who", "g.identity"), ("spans", "Collection(g.span)")],
            ),
            ty("g.span", None, &[("kind", "g.kind")]),
            ty("g.other", Some("g.entity"), &[]),
            ty("g.identity", None, &[("thumb", "g.thumb")]),
            ty("g.user", Some("g.identity"), &[]),
            ty("g.audit", Some("g.user"), &[("ghost", "g.ghost")]),
        ] {
            s.types.insert(t.name.clone(), t);
        }
        s.enums.insert(
            "g.kind".into(),
            EnumDef {
                name: "g.kind".into(),
                ..EnumDef::default()
            },
        );
        let c = s.closure(["g.record"]);
        let types: Vec<_> = c.types.iter().map(String::as_str).collect();
        assert_eq!(
            types,
            [
                "g.audit",
                "g.entity",
                "g.identity",
                "g.record",
                "g.span",
                "g.user"
            ]
        );
        assert_eq!(c.enums.iter().collect::<Vec<_>>(), ["g.kind"]);
        assert_eq!(c.missing.keys().collect::<Vec<_>>(), ["g.ghost", "g.thumb"]);
    }

    #[test]
    fn the_descendants_index_agrees_with_descendants_of_each_type() {
        let mut s = Schema::new("v1.0");
        for t in [
            ty("g.entity", None, &[]),
            ty("g.identity", None, &[]),
            ty("g.user", Some("g.identity"), &[]),
            ty("g.audit", Some("g.user"), &[]),
            ty("g.app", Some("g.identity"), &[]),
            ty("g.loop_a", Some("g.loop_b"), &[]),
            ty("g.loop_b", Some("g.loop_a"), &[]),
            ty("g.orphan", Some("g.ghost"), &[]),
        ] {
            s.types.insert(t.name.clone(), t);
        }
        let index = s.descendants_index();
        for name in s.types.keys() {
            let expected: Vec<&str> = s
                .descendants(name)
                .iter()
                .map(|t| t.name.as_str())
                .collect();
            let indexed: Vec<&str> = index
                .get(name.as_str())
                .map(|d| d.iter().map(|t| t.name.as_str()).collect())
                .unwrap_or_default();
            assert_eq!(indexed, expected, "descendants of {name}");
        }
        assert_eq!(
            index["g.identity"]
                .iter()
                .map(|t| t.name.as_str())
                .collect::<Vec<_>>(),
            ["g.app", "g.audit", "g.user"]
        );
    }
}
