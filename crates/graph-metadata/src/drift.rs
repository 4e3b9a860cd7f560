//! The drift report: every difference between what the docs say about one Graph version and
//! what the service metadata says, as notes (drift is information, not failure).
//!
//! [`compare`] matches the two sides' types and enums by qualified name and reports each
//! difference as a [`Difference`]: a [`Diagnostic`] with a `drift-*` code from
//! [`crate::codes`], positioned at the page (the docs side's [`Source`], shown under the docs
//! root) where the docs have the item and at the metadata element otherwise, with a message
//! saying what each side says, plus the correction that would make the page say what the
//! metadata says, where [`crate::corrections`] can express one.
//!
//! How the two sides are matched and compared:
//!
//! - **Names.** Type, enum, property and member names are matched exactly first, then ignoring
//!   ASCII case: Graph pages sometimes spell a name with another case
//!   (`microsoft.graph.GroupIdentity`), and such a pair is the same item with a
//!   `drift-*-case` difference, not one item missing on each side.
//! - **Types missing in the docs.** A docs tree usually covers part of the service, so a
//!   metadata type or enum the docs do not define is reported only when the docs *reach* it:
//!   it is the base of a type reached, the type of a structural property of a type reached, or
//!   derives from a type that some reached structural property holds (a value typed `identity`
//!   can carry any identity subtype). The matched types start the walk; navigation properties
//!   are not followed (their targets are separate resources). [`Options::all_types`] reports
//!   every one instead; [`Report::unreached`] counts the rest.
//! - **Properties.** A property the page lists on a type is looked up on the metadata type and
//!   its bases, and a property the metadata declares on a type is looked up on the page's type
//!   and its bases. A property declared on a base on one side and on a derived type on the
//!   other is so reported once, at the base (where one side lacks it), not at every derived
//!   type; a different base chain is reported once, as `drift-base*`.
//! - **Nullable** is compared for single values only: for a collection CSDL's `Nullable` is
//!   about its elements, while the IR's is about the property.
//! - **Containment** is compared when both sides say (the docs do not, so it shows up between
//!   two metadata documents); a contained navigation property is named so in messages.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use graph_ir::{Diagnostic, EnumDef, Property, Schema, Source, TypeDef, TypeKind};
use serde::Serialize;

use crate::codes;
use crate::corrections::{Fact, NewProperty};
use crate::csdl::Metadata;

/// One side of a comparison.
#[derive(Clone, Copy, Debug)]
pub struct Side<'a> {
    /// Its types and enums.
    pub schema: &'a Schema,
    /// Navigation properties that contain their target, when this side states containment.
    pub containment: Option<&'a BTreeSet<(String, String)>>,
    /// Shown before every `source.file` of this side (the docs root), if any.
    pub root: Option<&'a str>,
    /// How messages name this side: `the page`, `the metadata`.
    pub label: &'a str,
    /// What messages say of an item this side lacks: `no page defines it`.
    pub absent: &'a str,
}

impl<'a> Side<'a> {
    /// The docs IR; its sources are relative to `root`.
    pub fn docs(schema: &'a Schema, root: &'a str) -> Self {
        Side {
            schema,
            containment: None,
            root: (!root.is_empty()).then_some(root),
            label: "the page",
            absent: "no page defines it",
        }
    }

    /// Service metadata read by [`crate::csdl::read`].
    pub fn metadata(metadata: &'a Metadata) -> Self {
        Side {
            schema: &metadata.schema,
            containment: Some(&metadata.containment),
            root: None,
            label: "the metadata",
            absent: "the metadata does not define it",
        }
    }

    fn file(&self, source: &Source) -> String {
        match self.root {
            Some(root) if !source.file.is_empty() => {
                format!("{}/{}", root.trim_end_matches(['/', '\\']), source.file)
            }
            Some(root) => root.to_string(),
            None => source.file.clone(),
        }
    }

    fn at(&self, source: &Source) -> String {
        format!("{}:{}", self.file(source), source.line)
    }
}

/// What to report.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Report every metadata type and enum the docs do not define, not only those the docs reach.
    pub all_types: bool,
}

/// The drift report for one version.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// The Graph version of the docs side.
    pub version: String,
    /// Types the docs define.
    pub docs_types: usize,
    /// Enums the docs define.
    pub docs_enums: usize,
    /// Types the metadata defines.
    pub metadata_types: usize,
    /// Enums the metadata defines.
    pub metadata_enums: usize,
    /// Types defined on both sides (as types), compared fact by fact.
    pub types_compared: usize,
    /// Enums defined on both sides (as enums), compared member by member.
    pub enums_compared: usize,
    /// Metadata types and enums the docs neither define nor reach: not reported.
    pub unreached: usize,
    /// Every difference, ordered by position.
    pub differences: Vec<Difference>,
}

/// One difference between the docs and the metadata.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Difference {
    /// The type or enum, by the docs' name when the docs have it.
    pub type_name: String,
    /// The property or enum member, when the difference is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    /// What the docs say, in a few words.
    pub docs: String,
    /// What the metadata says, in a few words.
    pub metadata: String,
    /// Where the metadata says it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata_source: Option<Source>,
    /// The note: code, position (the page where there is one), message.
    pub diagnostic: Diagnostic,
    /// The correction that would make the docs say what the metadata says, where one can.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correction: Option<Fact>,
}

impl Report {
    /// The notes, in order.
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.differences.iter().map(|d| &d.diagnostic)
    }

    /// The number of differences of each code that occurs, in [`codes::DRIFT`] order.
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        codes::DRIFT
            .iter()
            .map(|&code| {
                let n = self
                    .differences
                    .iter()
                    .filter(|d| d.diagnostic.code == code)
                    .count();
                (code, n)
            })
            .filter(|&(_, n)| n > 0)
            .collect()
    }

    /// `types compared N, enums compared E, differences D by kind: code n, ...`.
    pub fn summary(&self) -> String {
        let mut line = format!(
            "types compared {}, enums compared {}, differences {}",
            self.types_compared,
            self.enums_compared,
            self.differences.len()
        );
        let counts = self.counts();
        if !counts.is_empty() {
            line.push_str(" by kind: ");
            let parts: Vec<String> = counts.iter().map(|(c, n)| format!("{c} {n}")).collect();
            line.push_str(&parts.join(", "));
        }
        line
    }
}

/// Compares `docs` with `metadata` (see the module documentation for how).
pub fn compare(docs: Side, metadata: Side, options: Options) -> Report {
    let mut cmp = Comparison {
        docs,
        metadata,
        meta_types: NameIndex::new(metadata.schema.types.keys()),
        meta_enums: NameIndex::new(metadata.schema.enums.keys()),
        out: Vec::new(),
    };
    let mut report = Report {
        version: docs.schema.version.clone(),
        docs_types: docs.schema.types.len(),
        docs_enums: docs.schema.enums.len(),
        metadata_types: metadata.schema.types.len(),
        metadata_enums: metadata.schema.enums.len(),
        ..Report::default()
    };
    let mut matched: BTreeSet<&str> = BTreeSet::new();

    for d in docs.schema.types.values() {
        if let Some(name) = cmp.meta_types.find(&d.name) {
            let m = &metadata.schema.types[name];
            matched.insert(name);
            report.types_compared += 1;
            cmp.type_name_case(&d.name, &d.source, name, &m.source);
            cmp.structured(d, m);
        } else if let Some(name) = cmp.meta_enums.find(&d.name) {
            let m = &metadata.schema.enums[name];
            matched.insert(name);
            cmp.push(
                codes::DRIFT_KIND,
                &d.name,
                None,
                &d.source,
                format!("`{}` kind", d.name),
                kind_phrase(d.kind).to_string(),
                "an enum type".to_string(),
                Some(&m.source),
                None,
            );
        } else {
            cmp.push(
                codes::DRIFT_TYPE_MISSING_IN_METADATA,
                &d.name,
                None,
                &d.source,
                format!("`{}`", d.name),
                kind_phrase(d.kind).to_string(),
                format!(
                    "no type or enum of that name{}",
                    elsewhere(metadata.schema, &d.name)
                ),
                None,
                None,
            );
        }
    }
    for d in docs.schema.enums.values() {
        if let Some(name) = cmp.meta_enums.find(&d.name) {
            let m = &metadata.schema.enums[name];
            matched.insert(name);
            report.enums_compared += 1;
            cmp.type_name_case(&d.name, &d.source, name, &m.source);
            cmp.enumeration(d, m);
        } else if let Some(name) = cmp.meta_types.find(&d.name) {
            let m = &metadata.schema.types[name];
            matched.insert(name);
            cmp.push(
                codes::DRIFT_KIND,
                &d.name,
                None,
                &d.source,
                format!("`{}` kind", d.name),
                "an enum type".to_string(),
                kind_phrase(m.kind).to_string(),
                Some(&m.source),
                None,
            );
        } else {
            cmp.push(
                codes::DRIFT_ENUM_MISSING_IN_METADATA,
                &d.name,
                None,
                &d.source,
                format!("`{}`", d.name),
                "an enum type".to_string(),
                format!(
                    "no enum or type of that name{}",
                    elsewhere(metadata.schema, &d.name)
                ),
                None,
                None,
            );
        }
    }

    let reach = reach(metadata.schema, &matched);
    let mut reported = 0usize;
    for (name, m) in &metadata.schema.types {
        if matched.contains(name.as_str()) {
            continue;
        }
        let why = reach.get(name.as_str());
        if why.is_none() && !options.all_types {
            continue;
        }
        reported += 1;
        let base = m
            .base
            .as_ref()
            .map_or(String::new(), |b| format!(" deriving from `{}`", b.name));
        let reached = why.map_or(String::new(), |w| format!(" ({w})"));
        cmp.push_at_metadata(
            codes::DRIFT_TYPE_MISSING_IN_DOCS,
            name,
            &m.source,
            format!("`{name}`{reached}"),
            "no type of that name".to_string(),
            format!("{}{base}", kind_phrase(m.kind)),
        );
    }
    for (name, m) in &metadata.schema.enums {
        if matched.contains(name.as_str()) {
            continue;
        }
        let why = reach.get(name.as_str());
        if why.is_none() && !options.all_types {
            continue;
        }
        reported += 1;
        let reached = why.map_or(String::new(), |w| format!(" ({w})"));
        let members: Vec<&str> = m.members.iter().map(|m| m.name.as_str()).collect();
        cmp.push_at_metadata(
            codes::DRIFT_ENUM_MISSING_IN_DOCS,
            name,
            &m.source,
            format!("`{name}`{reached}"),
            "no enum of that name".to_string(),
            format!("an enum type with members {}", members.join(", ")),
        );
    }
    report.unreached = (metadata.schema.types.len() + metadata.schema.enums.len())
        .saturating_sub(matched.len() + reported);

    let mut differences = cmp.out;
    differences.sort_by(|a, b| {
        let key = |d: &Difference| {
            (
                d.diagnostic.file.clone(),
                d.diagnostic.line,
                d.diagnostic.code.clone(),
                d.diagnostic.message.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    report.differences = differences;
    report
}

/// Names matched exactly, then ignoring ASCII case.
struct NameIndex<'a> {
    exact: BTreeSet<&'a str>,
    folded: HashMap<String, &'a str>,
}

impl<'a> NameIndex<'a> {
    fn new(names: impl Iterator<Item = &'a String>) -> Self {
        let mut exact = BTreeSet::new();
        let mut folded = HashMap::new();
        for name in names {
            exact.insert(name.as_str());
            folded
                .entry(name.to_ascii_lowercase())
                .or_insert(name.as_str());
        }
        NameIndex { exact, folded }
    }

    fn find(&self, name: &str) -> Option<&'a str> {
        self.exact
            .get(name)
            .copied()
            .or_else(|| self.folded.get(&name.to_ascii_lowercase()).copied())
    }
}

struct Comparison<'a> {
    docs: Side<'a>,
    metadata: Side<'a>,
    meta_types: NameIndex<'a>,
    meta_enums: NameIndex<'a>,
    out: Vec<Difference>,
}

impl<'a> Comparison<'a> {
    /// Records a difference positioned on the docs side.
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        code: &str,
        type_name: &str,
        member: Option<&str>,
        at: &Source,
        subject: String,
        docs: String,
        metadata: String,
        metadata_source: Option<&Source>,
        correction: Option<Fact>,
    ) {
        let mut message = format!(
            "{subject}: {} says {docs}; {} says {metadata}",
            self.docs.label, self.metadata.label
        );
        if let Some(source) = metadata_source {
            message.push_str(&format!(" ({})", self.metadata.at(source)));
        }
        let diagnostic = Diagnostic::note(code, self.docs.file(at), at.line.max(1), 1, message);
        self.out.push(Difference {
            type_name: type_name.to_string(),
            member: member.map(str::to_string),
            docs,
            metadata,
            metadata_source: metadata_source.cloned(),
            diagnostic,
            correction,
        });
    }

    /// Records a difference about an item only the metadata has, positioned there.
    fn push_at_metadata(
        &mut self,
        code: &str,
        type_name: &str,
        at: &Source,
        subject: String,
        docs: String,
        metadata: String,
    ) {
        let message = format!(
            "{subject}: {} says {metadata}; {}",
            self.metadata.label, self.docs.absent
        );
        let diagnostic = Diagnostic::note(code, self.metadata.file(at), at.line.max(1), 1, message);
        self.out.push(Difference {
            type_name: type_name.to_string(),
            member: None,
            docs,
            metadata,
            metadata_source: Some(at.clone()),
            diagnostic,
            correction: None,
        });
    }

    fn type_name_case(&mut self, docs: &str, at: &Source, metadata: &str, m_at: &Source) {
        if docs != metadata {
            self.push(
                codes::DRIFT_TYPE_NAME_CASE,
                docs,
                None,
                at,
                format!("`{docs}` name"),
                format!("`{docs}`"),
                format!("`{metadata}` (matched ignoring case)"),
                Some(m_at),
                None,
            );
        }
    }

    fn structured(&mut self, d: &TypeDef, m: &TypeDef) {
        let name = d.name.as_str();
        let m_at = Some(&m.source);
        if d.kind != m.kind {
            self.push(
                codes::DRIFT_KIND,
                name,
                None,
                &d.source,
                format!("`{name}` kind"),
                kind_phrase(d.kind).to_string(),
                kind_phrase(m.kind).to_string(),
                m_at,
                None,
            );
        }
        match (&d.base, &m.base) {
            (None, None) => {}
            (None, Some(mb)) => self.push(
                codes::DRIFT_BASE_UNSTATED,
                name,
                None,
                &d.source,
                format!("`{name}` base type"),
                "none".to_string(),
                format!("`{}`", mb.name),
                m_at,
                Some(Fact::Base(mb.name.clone())),
            ),
            (Some(db), None) => self.push(
                codes::DRIFT_BASE,
                name,
                None,
                &d.source,
                format!("`{name}` base type"),
                format!("`{}`", db.name),
                "none".to_string(),
                m_at,
                None,
            ),
            (Some(db), Some(mb)) if db.name == mb.name => {}
            (Some(db), Some(mb)) => {
                let code = if db.name.eq_ignore_ascii_case(&mb.name) {
                    codes::DRIFT_REFERENCE_CASE
                } else {
                    codes::DRIFT_BASE
                };
                let fix = (code == codes::DRIFT_BASE).then(|| Fact::Base(mb.name.clone()));
                self.push(
                    code,
                    name,
                    None,
                    &d.source,
                    format!("`{name}` base type"),
                    format!("`{}`", db.name),
                    format!("`{}`", mb.name),
                    m_at,
                    fix,
                );
            }
        }
        if d.is_abstract != m.is_abstract {
            self.push(
                codes::DRIFT_ABSTRACT,
                name,
                None,
                &d.source,
                format!("`{name}`"),
                yes_no(d.is_abstract, "abstract", "not abstract"),
                yes_no(m.is_abstract, "abstract", "not abstract"),
                m_at,
                Some(Fact::Abstract(m.is_abstract)),
            );
        }
        if d.open != m.open {
            self.push(
                codes::DRIFT_OPEN,
                name,
                None,
                &d.source,
                format!("`{name}`"),
                yes_no(d.open, "open", "not open"),
                yes_no(m.open, "open", "not open"),
                m_at,
                Some(Fact::Open(m.open)),
            );
        }
        if d.media_entity != m.media_entity {
            self.push(
                codes::DRIFT_MEDIA_ENTITY,
                name,
                None,
                &d.source,
                format!("`{name}`"),
                yes_no(d.media_entity, "a media entity", "not a media entity"),
                yes_no(
                    m.media_entity,
                    "a media entity (HasStream)",
                    "not a media entity",
                ),
                m_at,
                None,
            );
        }
        if let Some(key) = &d.key {
            let m_key = std::iter::once(m)
                .chain(self.metadata.schema.ancestors(&m.name))
                .find_map(|t| t.key.as_ref());
            if m_key != Some(key) {
                self.push(
                    codes::DRIFT_KEY,
                    name,
                    None,
                    &d.source,
                    format!("`{name}` key"),
                    format!("`{key}`"),
                    m_key.map_or("no key".to_string(), |k| format!("`{k}`")),
                    m_at,
                    None,
                );
            }
        }

        let d_all = with_declaring(self.docs.schema, d);
        let m_all = with_declaring(self.metadata.schema, m);
        for p in &d.properties {
            match find_property(&m_all, &p.name) {
                Some((m_owner, mp)) => {
                    if mp.name != p.name {
                        self.push(
                            codes::DRIFT_PROPERTY_NAME_CASE,
                            name,
                            Some(&p.name),
                            &p.source,
                            format!("`{name}.{}` name", p.name),
                            format!("`{}`", p.name),
                            format!("`{}` (matched ignoring case)", mp.name),
                            Some(&mp.source),
                            None,
                        );
                    }
                    self.property(name, p, m_owner, mp);
                }
                None => {
                    let elsewhere: Vec<&str> = self
                        .metadata
                        .schema
                        .descendants(&m.name)
                        .into_iter()
                        .filter(|t| t.properties.iter().any(|q| q.name == p.name))
                        .map(|t| t.name.as_str())
                        .collect();
                    let mut metadata_says = format!("`{}` has no such property", m.name);
                    if !elsewhere.is_empty() {
                        metadata_says.push_str(&format!(
                            " (derived types declare it: {})",
                            elsewhere.join(", ")
                        ));
                    } else if m.open {
                        metadata_says.push_str(" (the type is open)");
                    }
                    self.push(
                        codes::DRIFT_PROPERTY_MISSING_IN_METADATA,
                        name,
                        Some(&p.name),
                        &p.source,
                        format!("`{name}.{}`", p.name),
                        describe_property(p),
                        metadata_says,
                        Some(&m.source),
                        Some(Fact::RemoveProperty(p.name.clone())),
                    );
                }
            }
        }
        for mp in &m.properties {
            if find_property(&d_all, &mp.name).is_some() {
                continue;
            }
            let contained = self.contains(self.metadata, &m.name, &mp.name);
            let mut described = describe_property(mp);
            if contained {
                described.push_str(", contains its target");
            }
            self.push(
                codes::DRIFT_PROPERTY_MISSING_IN_DOCS,
                name,
                Some(&mp.name),
                &d.source,
                format!("`{name}.{}`", mp.name),
                "no such property".to_string(),
                described,
                Some(&mp.source),
                Some(Fact::AddProperty(NewProperty {
                    name: mp.name.clone(),
                    ty: mp.ty.clone(),
                    nullable: mp.nullable,
                    navigation: mp.navigation,
                    description: String::new(),
                })),
            );
        }
    }

    fn contains(&self, side: Side, type_name: &str, property: &str) -> bool {
        side.containment
            .is_some_and(|c| c.contains(&(type_name.to_string(), property.to_string())))
    }

    /// Compares one property the page lists on `type_name` with the metadata's `mp`, declared
    /// on `m_owner`.
    fn property(&mut self, type_name: &str, p: &Property, m_owner: &str, mp: &Property) {
        let subject = |what: &str| format!("`{type_name}.{}`{what}", p.name);
        let m_at = Some(&mp.source);
        let member = Some(p.name.as_str());
        if p.navigation != mp.navigation {
            let m_contained = self.contains(self.metadata, m_owner, &mp.name);
            self.push(
                codes::DRIFT_NAVIGATION,
                type_name,
                member,
                &p.source,
                subject(""),
                yes_no(
                    p.navigation,
                    "a navigation property",
                    "a structural property",
                ),
                if mp.navigation && m_contained {
                    "a navigation property that contains its target".to_string()
                } else {
                    yes_no(
                        mp.navigation,
                        "a navigation property",
                        "a structural property",
                    )
                },
                m_at,
                None,
            );
        } else if p.navigation
            && self.docs.containment.is_some()
            && self.metadata.containment.is_some()
        {
            let d_contained = self.contains(self.docs, type_name, &p.name);
            let m_contained = self.contains(self.metadata, m_owner, &mp.name);
            if d_contained != m_contained {
                self.push(
                    codes::DRIFT_CONTAINMENT,
                    type_name,
                    member,
                    &p.source,
                    subject(""),
                    yes_no(
                        d_contained,
                        "contains its target",
                        "does not contain its target",
                    ),
                    yes_no(
                        m_contained,
                        "contains its target",
                        "does not contain its target",
                    ),
                    m_at,
                    None,
                );
            }
        }

        let (dt, mt) = (&p.ty, &mp.ty);
        if dt != mt {
            let fix = Some(Fact::PropertyType {
                property: p.name.clone(),
                ty: mt.clone(),
            });
            let (de, me) = (dt.element_name(), mt.element_name());
            let m_enum = self.meta_enums.find(me).is_some();
            // An untyped page property is usually a type cell the parser could not read: its
            // own code, before the others, keeps parse problems apart from drift.
            let code = if de == "Edm.Untyped" && me != "Edm.Untyped" {
                codes::DRIFT_PROPERTY_TYPE_UNTYPED
            } else if dt.is_collection() != mt.is_collection() {
                codes::DRIFT_COLLECTION
            } else if de.eq_ignore_ascii_case(me) {
                codes::DRIFT_REFERENCE_CASE
            } else if p.is_inline_enum() && m_enum {
                codes::DRIFT_INLINE_ENUM
            } else {
                codes::DRIFT_PROPERTY_TYPE
            };
            let mut docs_says = format!("`{dt}`");
            if !p.enum_members.is_empty() {
                docs_says.push_str(&format!(" with values {}", p.enum_members.join(", ")));
            }
            let mut metadata_says = format!("`{mt}`");
            if code == codes::DRIFT_INLINE_ENUM {
                if let Some(e) = self
                    .meta_enums
                    .find(me)
                    .map(|n| &self.metadata.schema.enums[n])
                {
                    let members: Vec<&str> = e.members.iter().map(|m| m.name.as_str()).collect();
                    metadata_says.push_str(&format!(" (an enum type: {})", members.join(", ")));
                }
            }
            let fix = if code == codes::DRIFT_REFERENCE_CASE {
                None
            } else {
                fix
            };
            self.push(
                code,
                type_name,
                member,
                &p.source,
                subject(" type"),
                docs_says,
                metadata_says,
                m_at,
                fix,
            );
        }
        if !dt.is_collection() && !mt.is_collection() && p.nullable != mp.nullable {
            self.push(
                codes::DRIFT_NULLABLE,
                type_name,
                member,
                &p.source,
                subject(""),
                yes_no(p.nullable, "nullable", "not nullable"),
                yes_no(mp.nullable, "nullable", "not nullable"),
                m_at,
                Some(Fact::PropertyNullable {
                    property: p.name.clone(),
                    nullable: mp.nullable,
                }),
            );
        }
    }

    fn enumeration(&mut self, d: &EnumDef, m: &EnumDef) {
        let name = d.name.as_str();
        for dm in &d.members {
            let found = m.members.iter().find(|mm| mm.name == dm.name).or_else(|| {
                m.members
                    .iter()
                    .find(|mm| mm.name.eq_ignore_ascii_case(&dm.name))
            });
            match found {
                None => self.push(
                    codes::DRIFT_ENUM_MEMBER_MISSING_IN_METADATA,
                    name,
                    Some(&dm.name),
                    &dm.source,
                    format!("`{name}` member `{}`", dm.name),
                    "it is a member".to_string(),
                    format!(
                        "no such member (members: {})",
                        m.members
                            .iter()
                            .map(|m| m.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    Some(&m.source),
                    None,
                ),
                Some(mm) => {
                    if mm.name != dm.name {
                        self.push(
                            codes::DRIFT_ENUM_MEMBER_CASE,
                            name,
                            Some(&dm.name),
                            &dm.source,
                            format!("`{name}` member `{}` name", dm.name),
                            format!("`{}`", dm.name),
                            format!("`{}` (matched ignoring case)", mm.name),
                            Some(&mm.source),
                            None,
                        );
                    }
                    if let (Some(dv), Some(mv)) = (dm.value, mm.value) {
                        if dv != mv {
                            self.push(
                                codes::DRIFT_ENUM_MEMBER_VALUE,
                                name,
                                Some(&dm.name),
                                &dm.source,
                                format!("`{name}` member `{}` value", dm.name),
                                dv.to_string(),
                                mv.to_string(),
                                Some(&mm.source),
                                None,
                            );
                        }
                    }
                }
            }
        }
        for mm in &m.members {
            if d.members
                .iter()
                .any(|dm| dm.name.eq_ignore_ascii_case(&mm.name))
            {
                continue;
            }
            let value = mm.value.map_or(String::new(), |v| format!(" = {v}"));
            self.push(
                codes::DRIFT_ENUM_MEMBER_MISSING_IN_DOCS,
                name,
                Some(&mm.name),
                &d.source,
                format!("`{name}` member `{}`", mm.name),
                "no such member".to_string(),
                format!("`{}`{value} is a member", mm.name),
                Some(&mm.source),
                None,
            );
        }
    }
}

/// The properties of `def` and its bases, most derived first, each with its declaring type.
fn with_declaring<'s>(schema: &'s Schema, def: &'s TypeDef) -> Vec<(&'s str, &'s Property)> {
    std::iter::once(def)
        .chain(schema.ancestors(&def.name))
        .flat_map(|t| t.properties.iter().map(move |p| (t.name.as_str(), p)))
        .collect()
}

/// The property named `name` (exactly, else ignoring case) with its declaring type.
fn find_property<'s>(
    all: &[(&'s str, &'s Property)],
    name: &str,
) -> Option<(&'s str, &'s Property)> {
    all.iter()
        .find(|(_, p)| p.name == name)
        .or_else(|| all.iter().find(|(_, p)| p.name.eq_ignore_ascii_case(name)))
        .copied()
}

/// Every metadata type and enum the matched ones reach, with why (see the module docs).
fn reach<'s>(schema: &'s Schema, matched: &BTreeSet<&'s str>) -> BTreeMap<&'s str, String> {
    let derived = schema.descendants_index();
    let mut why: BTreeMap<&'s str, String> = BTreeMap::new();
    let mut seen: BTreeSet<&'s str> = matched.clone();
    let mut value_types: BTreeSet<&'s str> = BTreeSet::new();
    let mut queue: VecDeque<&'s str> = matched.iter().copied().collect();
    let known = |name: &str| -> Option<&'s str> {
        schema
            .types
            .get_key_value(name)
            .map(|(k, _)| k.as_str())
            .or_else(|| schema.enums.get_key_value(name).map(|(k, _)| k.as_str()))
    };
    let mut add = |name: &'s str,
                   reason: String,
                   seen: &mut BTreeSet<&'s str>,
                   queue: &mut VecDeque<&'s str>| {
        if seen.insert(name) {
            why.insert(name, reason);
            queue.push_back(name);
        }
    };
    while let Some(current) = queue.pop_front() {
        let Some(def) = schema.types.get(current) else {
            continue;
        };
        if let Some(base) = def.base.as_ref().and_then(|b| known(&b.name)) {
            add(
                base,
                format!("the base of `{current}`"),
                &mut seen,
                &mut queue,
            );
        }
        for p in def.properties.iter().filter(|p| !p.navigation) {
            let Some(element) = known(p.ty.element_name()) else {
                continue;
            };
            add(
                element,
                format!("the type of `{current}.{}`", p.name),
                &mut seen,
                &mut queue,
            );
            if value_types.insert(element) {
                for sub in derived.get(element).into_iter().flatten() {
                    add(
                        sub.name.as_str(),
                        format!(
                            "derives from `{element}`, the type of `{current}.{}`",
                            p.name
                        ),
                        &mut seen,
                        &mut queue,
                    );
                }
            }
        }
    }
    why
}

/// ` (it has `other.namespace.name`)` when the metadata defines the same local name (ignoring
/// case) in other namespaces, else nothing.
fn elsewhere(schema: &Schema, qualified: &str) -> String {
    let local = qualified.rsplit('.').next().unwrap_or(qualified);
    let same_local = |name: &&String| {
        name.rsplit('.')
            .next()
            .is_some_and(|l| l.eq_ignore_ascii_case(local))
    };
    let found: Vec<&str> = schema
        .types
        .keys()
        .chain(schema.enums.keys())
        .filter(same_local)
        .map(String::as_str)
        .take(4)
        .collect();
    if found.is_empty() {
        String::new()
    } else {
        format!(
            " (it has {})",
            found
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

fn kind_phrase(kind: TypeKind) -> &'static str {
    match kind {
        TypeKind::Entity => "an entity type",
        TypeKind::Complex => "a complex type",
    }
}

fn yes_no(value: bool, yes: &str, no: &str) -> String {
    if value { yes } else { no }.to_string()
}

fn describe_property(p: &Property) -> String {
    let mut out = format!("`{}`", p.ty);
    if p.navigation {
        out.push_str(", navigation");
    }
    if !p.ty.is_collection() {
        out.push_str(if p.nullable {
            ", nullable"
        } else {
            ", not nullable"
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use graph_ir::{BaseOrigin, BaseType, EnumMember, TypeRef};

    fn src(file: &str, line: u32) -> Source {
        Source {
            file: file.into(),
            line,
        }
    }

    fn prop(name: &str, ty: &str, nullable: bool, line: u32) -> Property {
        Property {
            name: name.into(),
            ty: TypeRef::named(ty),
            nullable,
            source: src("t.md", line),
            ..Property::default()
        }
    }

    fn ty(name: &str, base: Option<&str>, props: Vec<Property>) -> TypeDef {
        TypeDef {
            name: name.into(),
            base: base.map(|b| BaseType {
                name: b.into(),
                origin: BaseOrigin::Annotation,
            }),
            properties: props,
            source: src("t.md", 1),
            ..TypeDef::default()
        }
    }

    fn schema(types: Vec<TypeDef>, enums: Vec<EnumDef>) -> Schema {
        let mut s = Schema::new("v1.0");
        for t in types {
            s.types.insert(t.name.clone(), t);
        }
        for e in enums {
            s.enums.insert(e.name.clone(), e);
        }
        s
    }

    fn codes_of(report: &Report) -> Vec<&str> {
        report
            .differences
            .iter()
            .map(|d| d.diagnostic.code.as_str())
            .collect()
    }

    fn run(docs: &Schema, meta: &Schema) -> Report {
        let m = Metadata {
            schema: meta.clone(),
            ..Metadata::default()
        };
        compare(
            Side::docs(docs, "docs"),
            Side::metadata(&m),
            Options::default(),
        )
    }

    #[test]
    fn same_schema_has_no_drift() {
        let s = schema(
            vec![
                ty("n.a", None, vec![prop("x", "Edm.String", true, 3)]),
                ty("n.b", Some("n.a"), vec![]),
            ],
            vec![],
        );
        let report = run(&s, &s);
        assert!(report.differences.is_empty(), "{:?}", codes_of(&report));
        assert_eq!(report.types_compared, 2);
        assert_eq!(
            report.summary(),
            "types compared 2, enums compared 0, differences 0"
        );
    }

    #[test]
    fn a_property_on_a_base_on_one_side_is_reported_once_at_the_base() {
        let docs = schema(
            vec![
                ty("n.a", None, vec![]),
                ty("n.b", Some("n.a"), vec![prop("x", "Edm.String", true, 3)]),
            ],
            vec![],
        );
        let meta = schema(
            vec![
                ty("n.a", None, vec![prop("x", "Edm.String", true, 3)]),
                ty("n.b", Some("n.a"), vec![]),
            ],
            vec![],
        );
        let report = run(&docs, &meta);
        assert_eq!(codes_of(&report), [codes::DRIFT_PROPERTY_MISSING_IN_DOCS]);
        assert_eq!(report.differences[0].type_name, "n.a");
        assert_eq!(report.differences[0].member.as_deref(), Some("x"));
    }

    #[test]
    fn case_differences_match_and_are_reported() {
        let docs = schema(
            vec![ty(
                "n.GroupThing",
                None,
                vec![prop("Name", "n.other", true, 3)],
            )],
            vec![],
        );
        let meta = schema(
            vec![
                ty("n.groupThing", None, vec![prop("name", "n.Other", true, 3)]),
                ty("n.Other", None, vec![]),
            ],
            vec![],
        );
        let report = run(&docs, &meta);
        let codes = codes_of(&report);
        assert!(codes.contains(&codes::DRIFT_TYPE_NAME_CASE), "{codes:?}");
        assert!(
            codes.contains(&codes::DRIFT_PROPERTY_NAME_CASE),
            "{codes:?}"
        );
        assert!(codes.contains(&codes::DRIFT_REFERENCE_CASE), "{codes:?}");
        assert!(!codes.contains(&codes::DRIFT_TYPE_MISSING_IN_METADATA));
        assert!(!codes.contains(&codes::DRIFT_PROPERTY_MISSING_IN_DOCS));
    }

    #[test]
    fn unreached_metadata_types_are_counted_not_reported() {
        let docs = schema(
            vec![ty("n.a", None, vec![prop("v", "n.value", true, 3)])],
            vec![],
        );
        let meta = schema(
            vec![
                ty("n.a", None, vec![prop("v", "n.value", true, 3)]),
                ty("n.value", None, vec![]),
                ty("n.sub", Some("n.value"), vec![prop("e", "n.kind", true, 2)]),
                ty("n.far", None, vec![]),
            ],
            vec![EnumDef {
                name: "n.kind".into(),
                ..EnumDef::default()
            }],
        );
        let report = run(&docs, &meta);
        let missing: Vec<&str> = report
            .differences
            .iter()
            .filter(|d| {
                d.diagnostic.code == codes::DRIFT_TYPE_MISSING_IN_DOCS
                    || d.diagnostic.code == codes::DRIFT_ENUM_MISSING_IN_DOCS
            })
            .map(|d| d.type_name.as_str())
            .collect();
        assert_eq!(missing, ["n.kind", "n.sub", "n.value"]);
        assert_eq!(report.unreached, 1, "n.far");
        let m = Metadata {
            schema: meta.clone(),
            ..Metadata::default()
        };
        let all = compare(
            Side::docs(&docs, ""),
            Side::metadata(&m),
            Options { all_types: true },
        );
        assert_eq!(all.unreached, 0);
    }

    #[test]
    fn enums_members_values_and_kind() {
        let member = |name: &str, value: Option<i64>| EnumMember {
            name: name.into(),
            value,
            source: src("e.md", 9),
            ..EnumMember::default()
        };
        let docs = schema(
            vec![ty("n.wasEnum", None, vec![])],
            vec![EnumDef {
                name: "n.e".into(),
                members: vec![member("a", Some(1)), member("B", None), member("c", None)],
                source: src("e.md", 5),
                ..EnumDef::default()
            }],
        );
        let meta = schema(
            vec![],
            vec![
                EnumDef {
                    name: "n.e".into(),
                    members: vec![member("a", Some(2)), member("b", None), member("d", None)],
                    ..EnumDef::default()
                },
                EnumDef {
                    name: "n.wasEnum".into(),
                    ..EnumDef::default()
                },
            ],
        );
        let report = run(&docs, &meta);
        let mut codes = codes_of(&report);
        codes.sort();
        assert_eq!(
            codes,
            [
                codes::DRIFT_ENUM_MEMBER_CASE,
                codes::DRIFT_ENUM_MEMBER_MISSING_IN_DOCS,
                codes::DRIFT_ENUM_MEMBER_MISSING_IN_METADATA,
                codes::DRIFT_ENUM_MEMBER_VALUE,
                codes::DRIFT_KIND,
            ]
        );
        assert_eq!(report.enums_compared, 1);
        let kind = &report
            .differences
            .iter()
            .find(|d| d.diagnostic.code == codes::DRIFT_KIND);
        assert!(kind.unwrap().diagnostic.file.starts_with("docs/"));
    }

    #[test]
    fn nullable_is_not_compared_for_collections() {
        let docs = schema(
            vec![ty(
                "n.a",
                None,
                vec![
                    prop("xs", "Collection(Edm.String)", true, 2),
                    prop("y", "Edm.Boolean", true, 3),
                ],
            )],
            vec![],
        );
        let meta = schema(
            vec![ty(
                "n.a",
                None,
                vec![
                    prop("xs", "Collection(Edm.String)", false, 2),
                    prop("y", "Edm.Boolean", false, 3),
                ],
            )],
            vec![],
        );
        let report = run(&docs, &meta);
        assert_eq!(codes_of(&report), [codes::DRIFT_NULLABLE]);
        assert_eq!(report.differences[0].member.as_deref(), Some("y"));
        assert_eq!(
            report.differences[0].correction,
            Some(Fact::PropertyNullable {
                property: "y".into(),
                nullable: false
            })
        );
    }

    #[test]
    fn containment_is_compared_when_both_sides_state_it() {
        let mut nav = prop("items", "Collection(n.item)", true, 2);
        nav.navigation = true;
        let s = schema(
            vec![ty("n.a", None, vec![nav]), {
                let mut t = ty("n.item", None, vec![]);
                t.kind = TypeKind::Entity;
                t
            }],
            vec![],
        );
        let mut left = Metadata {
            schema: s.clone(),
            ..Metadata::default()
        };
        let right = left.clone();
        left.containment.insert(("n.a".into(), "items".into()));
        let report = compare(
            Side::metadata(&left),
            Side::metadata(&right),
            Options::default(),
        );
        assert_eq!(codes_of(&report), [codes::DRIFT_CONTAINMENT]);
        // The docs state no containment: nothing to compare.
        let report = compare(
            Side::docs(&s, ""),
            Side::metadata(&left),
            Options::default(),
        );
        assert!(report.differences.is_empty());
    }
}
