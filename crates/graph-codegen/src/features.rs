//! Cargo features per workload for whole-docs crates: which feature compiles each type and
//! enum, and which features each feature turns on.
//!
//! A type's workload is its page's product area ([`graph_ir::TypeDef::area`], e.g.
//! `cloud-communications`), else its namespace below `microsoft.graph` (`call-records`). A type
//! or enum whose page says neither (a third of the 2021 pages leave `ms.prod` empty, and
//! `enums.md` lists enums of every workload) joins the one workload whose types hold it;
//! held by several it is shared (below); held by none it is in `other`. A feature turns on the features of the types its types hold (their structural
//! properties, inherited ones included), so enabling one workload gives working types. Two
//! kinds of reference do not pull features in, because the generated code gates them instead:
//! a navigation property (returned only on `$expand`) whose type is in a feature that is off is
//! left out of its struct, and its key, when sent, is kept in `additional_properties`; and an
//! `Any*` enum's variant whose type is off is left out, so that `@odata.type` lands in
//! `Unknown` with every field kept. Nothing is lost either way.
//!
//! A type that one workload's types hold but that belongs to another workload is shared: it
//! moves to `common`, with everything it holds in turn. So every workload turns on `common` at
//! most, and enabling one workload never compiles another (a stray reference from a call record
//! to one Intune type would otherwise pull in all 400 Intune types).

use std::collections::{BTreeMap, BTreeSet};

use graph_ir::Schema;

/// The feature of items held by several workloads.
pub const COMMON: &str = "common";

/// The feature of items with no area or namespace that no workload holds either.
pub const OTHER: &str = "other";

/// The most features a crates.io crate may declare, less `full` and `registry`.
const MAX_WORKLOADS: usize = 298;

/// Every workload feature of a whole-docs crate.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeaturePlan {
    /// Each feature and the features it turns on directly, in name order.
    pub enables: BTreeMap<String, BTreeSet<String>>,
    /// Per version label: every type and enum (qualified name) and its feature.
    pub of: BTreeMap<String, BTreeMap<String, String>>,
}

/// What the generator needs of a [`FeaturePlan`] for one version.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ItemFeatures {
    /// Every type and enum (qualified name) and its feature.
    pub of: BTreeMap<String, String>,
    /// Each feature and every feature it turns on, directly or not.
    pub reaches: BTreeMap<String, BTreeSet<String>>,
}

impl FeaturePlan {
    /// Plans the features of one crate holding `schemas` (one per version).
    pub fn new(schemas: &[&Schema]) -> FeaturePlan {
        Planner::new(schemas).plan()
    }

    /// The generator's view for `version`.
    pub fn for_version(&self, version: &str) -> ItemFeatures {
        let reaches = self
            .enables
            .keys()
            .map(|feature| (feature.clone(), self.reachable_from(feature)))
            .collect();
        ItemFeatures {
            of: self.of.get(version).cloned().unwrap_or_default(),
            reaches,
        }
    }

    /// Every feature `feature` turns on, directly or not (not itself).
    fn reachable_from(&self, feature: &str) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&str> = vec![feature];
        while let Some(next) = stack.pop() {
            for dep in self.enables.get(next).into_iter().flatten() {
                if seen.insert(dep.clone()) {
                    stack.push(dep);
                }
            }
        }
        seen.remove(feature);
        seen
    }

    /// The items of each feature, as (version, qualified name), for the generated README.
    pub fn members(&self) -> BTreeMap<&str, Vec<(&str, &str)>> {
        let mut members: BTreeMap<&str, Vec<(&str, &str)>> = self
            .enables
            .keys()
            .map(|feature| (feature.as_str(), Vec::new()))
            .collect();
        for (version, items) in &self.of {
            for (qualified, feature) in items {
                members
                    .entry(feature.as_str())
                    .or_default()
                    .push((version.as_str(), qualified.as_str()));
            }
        }
        members
    }
}

/// One type or enum of one version.
type Node = (usize, String);

/// The planner's state: every item's feature, and the structural references between items.
struct Planner<'s> {
    schemas: &'s [&'s Schema],
    feature: BTreeMap<Node, String>,
    /// Items whose pages name no workload, until phase 3 places them.
    unplaced: BTreeSet<Node>,
    /// Item -> the items its structural properties hold.
    holds: BTreeMap<Node, BTreeSet<Node>>,
}

impl<'s> Planner<'s> {
    fn new(schemas: &'s [&'s Schema]) -> Self {
        Planner {
            schemas,
            feature: BTreeMap::new(),
            unplaced: BTreeSet::new(),
            holds: BTreeMap::new(),
        }
    }

    fn plan(mut self) -> FeaturePlan {
        self.assign_workloads();
        self.collect_references();
        self.place_by_holders();
        self.cap_feature_count();
        self.share_across_workloads();
        self.finish()
    }

    /// Phase 1: each item's workload from its area or namespace.
    fn assign_workloads(&mut self) {
        for (v, schema) in self.schemas.iter().enumerate() {
            let types = schema.types.values().map(|t| (&t.name, t.area.as_deref()));
            let enums = schema.enums.values().map(|e| (&e.name, e.area.as_deref()));
            for (name, area) in types.chain(enums) {
                let node = (v, name.clone());
                match workload(name, area) {
                    Some(feature) => {
                        self.feature.insert(node, feature);
                    }
                    None => {
                        self.unplaced.insert(node.clone());
                        self.feature.insert(node, OTHER.to_string());
                    }
                }
            }
        }
    }

    /// Phase 2: the items each type holds through its structural properties.
    fn collect_references(&mut self) {
        for (v, schema) in self.schemas.iter().enumerate() {
            for def in schema.types.values() {
                let held: BTreeSet<Node> = schema
                    .all_properties(&def.name)
                    .into_iter()
                    .filter(|p| !p.navigation)
                    .filter_map(|p| {
                        let element = p.ty.element_name();
                        let defined = schema.types.contains_key(element)
                            || schema.enums.contains_key(element);
                        (defined && element != def.name).then(|| (v, element.to_string()))
                    })
                    .collect();
                self.holds.insert((v, def.name.clone()), held);
            }
        }
    }

    /// Phase 3: an item with no workload of its own joins the one workload of the placed
    /// items that hold it (repeated, as placing one item can place what it holds); held by
    /// several workloads it goes to `common`; held by none it stays in `other`.
    fn place_by_holders(&mut self) {
        let mut held_by: BTreeMap<&Node, Vec<&Node>> = BTreeMap::new();
        for (holder, held) in &self.holds {
            for target in held {
                held_by.entry(target).or_default().push(holder);
            }
        }
        let mut shared = BTreeSet::new();
        loop {
            let mut placed = Vec::new();
            for node in &self.unplaced {
                let workloads: BTreeSet<&String> = held_by
                    .get(node)
                    .into_iter()
                    .flatten()
                    .filter(|holder| !self.unplaced.contains(*holder))
                    .map(|holder| &self.feature[*holder])
                    .collect();
                match workloads.len() {
                    0 => {}
                    1 => placed.push((node.clone(), workloads.into_iter().next().cloned())),
                    _ => placed.push((node.clone(), None)),
                }
            }
            if placed.is_empty() {
                break;
            }
            for (node, workload) in placed {
                self.unplaced.remove(&node);
                match workload {
                    Some(workload) => {
                        self.feature.insert(node, workload);
                    }
                    None => {
                        shared.insert(node);
                    }
                }
            }
        }
        for node in shared {
            self.move_to_common(node);
        }
    }

    /// Phase 4: past the crates.io limit, the smallest workloads join `common`.
    fn cap_feature_count(&mut self) {
        let mut sizes: BTreeMap<String, usize> = BTreeMap::new();
        for feature in self.feature.values() {
            *sizes.entry(feature.clone()).or_default() += 1;
        }
        if sizes.len() <= MAX_WORKLOADS {
            return;
        }
        let mut by_size: Vec<(usize, String)> =
            sizes.into_iter().map(|(name, size)| (size, name)).collect();
        by_size.sort();
        let excess = by_size.len() - MAX_WORKLOADS;
        let merged: BTreeSet<String> = by_size
            .into_iter()
            .filter(|(_, name)| name != COMMON)
            .take(excess + 1)
            .map(|(_, name)| name)
            .collect();
        for feature in self.feature.values_mut() {
            if merged.contains(feature) {
                *feature = COMMON.to_string();
            }
        }
    }

    /// Phase 5: an item that an item of another workload holds is shared, and moves to
    /// `common` with everything it holds; until nothing outside `common` is held across
    /// workloads. Every feature then turns on at most `common`, which turns on nothing: the
    /// feature graph is a star, with no cycle, and one workload never pulls in another.
    fn share_across_workloads(&mut self) {
        loop {
            let mut shared = Vec::new();
            for (node, held) in &self.holds {
                let from = &self.feature[node];
                for target in held {
                    let to = &self.feature[target];
                    if to != from && to != COMMON {
                        shared.push(target.clone());
                    }
                }
            }
            if shared.is_empty() {
                return;
            }
            for node in shared {
                self.move_to_common(node);
            }
        }
    }

    /// `node` and everything it holds, transitively, into `common`.
    fn move_to_common(&mut self, node: Node) {
        let mut stack = vec![node];
        while let Some(node) = stack.pop() {
            let feature = self
                .feature
                .get_mut(&node)
                .expect("every node has a feature");
            if feature == COMMON {
                continue;
            }
            *feature = COMMON.to_string();
            stack.extend(self.holds.get(&node).into_iter().flatten().cloned());
        }
    }

    /// Feature -> the other features its items hold items of.
    fn feature_edges(&self) -> BTreeMap<String, BTreeSet<String>> {
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (node, held) in &self.holds {
            let from = &self.feature[node];
            for target in held {
                let to = &self.feature[target];
                if to != from {
                    edges.entry(from.clone()).or_default().insert(to.clone());
                }
            }
        }
        edges
    }

    fn finish(self) -> FeaturePlan {
        let mut enables: BTreeMap<String, BTreeSet<String>> = self
            .feature
            .values()
            .map(|f| (f.clone(), BTreeSet::new()))
            .collect();
        for (from, to) in self.feature_edges() {
            enables.insert(from, to);
        }
        let mut of: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for ((v, name), feature) in self.feature {
            of.entry(self.schemas[v].version.clone())
                .or_default()
                .insert(name, feature);
        }
        FeaturePlan { enables, of }
    }
}

/// The workload the page names for an item: its area, else its namespace below
/// `microsoft.graph`; as a Cargo feature name (lower-case letters, digits, dashes). `None` when
/// neither says anything (the area `non-product-specific` says nothing either).
fn workload(qualified: &str, area: Option<&str>) -> Option<String> {
    let namespace = crate::naming::namespace_modules(qualified).join("-");
    let area = area
        .map(feature_name)
        .filter(|a| !a.is_empty() && a != "non-product-specific");
    let name = area.unwrap_or_else(|| feature_name(&namespace));
    let reserved = ["full", "registry", "default", COMMON, OTHER];
    (!name.is_empty() && !reserved.contains(&name.as_str())).then_some(name)
}

/// `raw` as a feature name: ASCII letters lower-cased, runs of anything else one dash.
fn feature_name(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use graph_ir::{Property, Source, TypeDef, TypeRef};

    fn def(name: &str, area: Option<&str>, props: &[(&str, &str, bool)]) -> TypeDef {
        TypeDef {
            name: name.into(),
            area: area.map(str::to_string),
            properties: props
                .iter()
                .map(|(p, ty, navigation)| Property {
                    name: (*p).into(),
                    ty: TypeRef::named(*ty),
                    nullable: true,
                    navigation: *navigation,
                    source: Source::default(),
                    ..Property::default()
                })
                .collect(),
            ..TypeDef::default()
        }
    }

    fn schema(types: Vec<TypeDef>) -> Schema {
        let mut schema = Schema::new("v1.0");
        for t in types {
            schema.types.insert(t.name.clone(), t);
        }
        schema
    }

    #[test]
    fn workloads_come_from_area_then_namespace() {
        let named = |q, area| workload(q, area);
        assert_eq!(
            named("microsoft.graph.x", Some("Cloud Communications")).as_deref(),
            Some("cloud-communications")
        );
        assert_eq!(
            named("microsoft.graph.callRecords.session", None).as_deref(),
            Some("call-records")
        );
        assert_eq!(named("microsoft.graph.x", Some("")), None);
        assert_eq!(
            named("microsoft.graph.x", Some("non-product-specific")),
            None
        );
        assert_eq!(named("microsoft.graph.x", Some("full")), None);
    }

    #[test]
    fn structural_references_enable_features_and_navigation_does_not() {
        let s = schema(vec![
            def(
                "microsoft.graph.report",
                Some("calls"),
                &[
                    ("who", "microsoft.graph.identity", false),
                    ("owner", "microsoft.graph.user", true),
                ],
            ),
            def("microsoft.graph.identity", Some("ids"), &[]),
            def(
                "microsoft.graph.user",
                Some("users"),
                &[("reports", "Collection(microsoft.graph.report)", false)],
            ),
        ]);
        let plan = FeaturePlan::new(&[&s]);
        let common = BTreeSet::from([COMMON.to_string()]);
        // report holds identity (shared: common); user holds report (shared: common); user's
        // navigation property to report's workload pulls nothing in.
        assert_eq!(plan.enables["users"], common);
        assert!(plan.enables[COMMON].is_empty());
        let v = plan.for_version("v1.0");
        assert_eq!(v.of["microsoft.graph.identity"], COMMON);
        assert_eq!(v.of["microsoft.graph.report"], COMMON);
        assert_eq!(v.of["microsoft.graph.user"], "users");
        assert_eq!(v.reaches["users"], common);
    }

    #[test]
    fn items_without_a_workload_join_the_one_that_holds_them() {
        let s = schema(vec![
            def(
                "microsoft.graph.call",
                Some("calls"),
                &[("media", "microsoft.graph.media", false)],
            ),
            def(
                "microsoft.graph.media",
                None,
                &[("codec", "microsoft.graph.codec", false)],
            ),
            def("microsoft.graph.codec", None, &[]),
            def(
                "microsoft.graph.mail",
                Some("mail"),
                &[("codec", "microsoft.graph.codec", false)],
            ),
            def("microsoft.graph.lonely", None, &[]),
        ]);
        let of = &FeaturePlan::new(&[&s]).of["v1.0"];
        assert_eq!(of["microsoft.graph.media"], "calls");
        // Held by calls (through media) and by mail: shared.
        assert_eq!(of["microsoft.graph.codec"], COMMON);
        assert_eq!(of["microsoft.graph.lonely"], OTHER);
    }

    #[test]
    fn types_held_across_workloads_are_shared_in_common() {
        let s = schema(vec![
            def(
                "microsoft.graph.a",
                Some("one"),
                &[("b", "microsoft.graph.b", false)],
            ),
            def(
                "microsoft.graph.b",
                Some("two"),
                &[
                    ("a", "microsoft.graph.a", false),
                    ("c", "microsoft.graph.c", false),
                ],
            ),
            def("microsoft.graph.c", Some("two"), &[]),
            def("microsoft.graph.d", Some("three"), &[]),
        ]);
        let plan = FeaturePlan::new(&[&s]);
        let of = &plan.of["v1.0"];
        // a holds b of another workload: b moves, with a and c, which b holds.
        assert_eq!(of["microsoft.graph.a"], COMMON);
        assert_eq!(of["microsoft.graph.b"], COMMON);
        assert_eq!(of["microsoft.graph.c"], COMMON);
        assert_eq!(of["microsoft.graph.d"], "three");
        for (from, to) in &plan.enables {
            assert!(
                !plan.reachable_from(from).contains(from),
                "{from} -> {to:?} is a cycle"
            );
        }
    }
}
