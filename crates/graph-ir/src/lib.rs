//! The intermediate schema (IR): what the Graph documentation says about types, as plain data.
//!
//! One [`Schema`] per Graph version. Everything is ordered deterministically (maps are
//! `BTreeMap`, lists keep documentation order) and serialises to pretty JSON with
//! [`Schema::to_pretty_json`], so a change in the docs shows up as a readable diff.
//!
//! Types are spelled the way Graph's own service metadata spells them (`Edm.String`,
//! `Collection(microsoft.graph.attendanceInterval)`), see [`TypeRef`].

mod closure;
pub mod diagnostic;
mod type_ref;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use closure::Closure;
pub use diagnostic::{Diagnostic, Severity};
pub use type_ref::{Primitive, TypeRef};

/// Everything the documentation of one Graph version says about its types.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Schema {
    /// The Graph version: `v1.0` or `beta`.
    pub version: String,
    /// Structured types (entity and complex), keyed by qualified name.
    pub types: BTreeMap<String, TypeDef>,
    /// Enumerations, keyed by qualified name.
    pub enums: BTreeMap<String, EnumDef>,
    /// HTTP operations read from API pages, ordered by source file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<Operation>,
}

impl Schema {
    /// An empty schema for `version`.
    pub fn new(version: impl Into<String>) -> Self {
        Schema {
            version: version.into(),
            ..Schema::default()
        }
    }

    /// The schema as pretty JSON with a trailing newline: the form committed to the repository.
    pub fn to_pretty_json(&self) -> String {
        let mut out = serde_json::to_string_pretty(self).expect("IR is always serialisable");
        out.push('\n');
        out
    }

    /// Looks up a structured type by its qualified name.
    pub fn type_def(&self, qualified_name: &str) -> Option<&TypeDef> {
        self.types.get(qualified_name)
    }

    /// The chain of base types of `qualified_name`, nearest first, stopping at the first
    /// name without a definition (or at a repeat, so a cycle cannot loop).
    pub fn ancestors(&self, qualified_name: &str) -> Vec<&TypeDef> {
        let mut chain: Vec<&TypeDef> = Vec::new();
        let mut current = self.types.get(qualified_name);
        while let Some(base) = current
            .and_then(|t| t.base.as_ref())
            .and_then(|b| self.types.get(&b.name))
        {
            if base.name == qualified_name || chain.iter().any(|t| t.name == base.name) {
                break;
            }
            chain.push(base);
            current = Some(base);
        }
        chain
    }

    /// Every type that derives from `qualified_name`, directly or not, in name order.
    pub fn descendants(&self, qualified_name: &str) -> Vec<&TypeDef> {
        self.types
            .values()
            .filter(|t| t.name != qualified_name)
            .filter(|t| {
                self.ancestors(&t.name)
                    .iter()
                    .any(|a| a.name == qualified_name)
            })
            .collect()
    }

    /// [`Schema::descendants`] of every type at once, in one pass over the types: a type with
    /// no descendants has no entry. Callers that ask about many types use this instead of
    /// calling `descendants` per type, which walks every type's chain each time.
    pub fn descendants_index(&self) -> BTreeMap<&str, Vec<&TypeDef>> {
        let mut index: BTreeMap<&str, Vec<&TypeDef>> = BTreeMap::new();
        for def in self.types.values() {
            for base in self.ancestors(&def.name) {
                index.entry(base.name.as_str()).or_default().push(def);
            }
        }
        index
    }

    /// All properties of a type, inherited ones first (root base first), then its own.
    pub fn all_properties(&self, qualified_name: &str) -> Vec<&Property> {
        self.properties_with_owner(qualified_name)
            .into_iter()
            .map(|(_, property)| property)
            .collect()
    }

    /// [`Schema::all_properties`], each with the qualified name of the type that declares it.
    pub fn properties_with_owner(&self, qualified_name: &str) -> Vec<(&str, &Property)> {
        let mut chain = self.ancestors(qualified_name);
        chain.reverse();
        chain
            .into_iter()
            .chain(self.types.get(qualified_name))
            .flat_map(|t| t.properties.iter().map(move |p| (t.name.as_str(), p)))
            .collect()
    }
}

/// Where an item was read: a path relative to the docs root, and a 1-based line.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Source {
    /// Path of the page, relative to the docs root, with `/` separators.
    pub file: String,
    /// 1-based line number.
    pub line: u32,
}

/// Whether a structured type is an entity (has identity, lives in an entity set) or a complex value.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum TypeKind {
    /// An entity type: has a key, directly or through its base.
    Entity,
    /// A complex type: a structured value without identity.
    #[default]
    Complex,
}

/// How the base type of a type was learned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BaseOrigin {
    /// The `baseType` key of the resource annotation.
    Annotation,
    /// A sentence of the page such as "Inherits from [identity](identity.md)."
    Prose,
}

/// The base type of a structured type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaseType {
    /// Qualified name of the base type, e.g. `microsoft.graph.identity`.
    pub name: String,
    /// Where the fact came from.
    pub origin: BaseOrigin,
}

/// A structured type: an entity or complex type.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TypeDef {
    /// Qualified name, e.g. `microsoft.graph.attendanceRecord`.
    pub name: String,
    /// Entity or complex.
    pub kind: TypeKind,
    /// The base type, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<BaseType>,
    /// Declared abstract (no instance of exactly this type exists).
    #[serde(default, skip_serializing_if = "is_false")]
    pub is_abstract: bool,
    /// Open type: instances may carry properties the docs do not list.
    #[serde(default, skip_serializing_if = "is_false")]
    pub open: bool,
    /// A media entity (has a stream).
    #[serde(default, skip_serializing_if = "is_false")]
    pub media_entity: bool,
    /// Name of the key property, when the docs declare one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// What the type is for, in one paragraph.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Own properties (not inherited), in documentation order.
    pub properties: Vec<Property>,
    /// Annotation keys this tool does not interpret, kept as written.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotation_extras: BTreeMap<String, serde_json::Value>,
    /// The docs' product area of the defining page (front matter `ms.subservice`, else
    /// `ms.prod`, e.g. `cloud-communications`); groups types into Cargo features.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Where the type is defined.
    pub source: Source,
}

/// A property of a structured type (structural or navigation).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Property {
    /// Wire name, e.g. `totalAttendanceInSeconds`.
    pub name: String,
    /// Type, spelled as in service metadata.
    #[serde(rename = "type")]
    pub ty: TypeRef,
    /// Graph may send `null` for it.
    pub nullable: bool,
    /// A navigation property (from the Relationships table); returned only on `$expand`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub navigation: bool,
    /// Documented as read-only.
    #[serde(default, skip_serializing_if = "is_false")]
    pub read_only: bool,
    /// Documented as deprecated; the value is the note that says so (possibly empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
    /// Members of an inline string enumeration (`String(a|b|c)` or "Possible values are: ...").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enum_members: Vec<String>,
    /// What the property holds.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Where the property is defined (table row, or JSON key when only the JSON block has it).
    pub source: Source,
}

impl Property {
    /// A string property (or collection of strings) whose page lists its values: the models
    /// give it an enum of its own.
    pub fn is_inline_enum(&self) -> bool {
        !self.enum_members.is_empty() && self.ty.element_name() == "Edm.String"
    }
}

/// An enumeration type.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EnumDef {
    /// Qualified name, e.g. `microsoft.graph.teamworkUserIdentityType`.
    pub name: String,
    /// What the enumeration is for.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Members in documentation order.
    pub members: Vec<EnumMember>,
    /// The docs' product area of the defining page, as for [`TypeDef::area`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Where the enumeration is defined.
    pub source: Source,
}

/// One member of an enumeration.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EnumMember {
    /// Wire name, e.g. `aadUser`.
    pub name: String,
    /// Numeric value, when the docs give one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
    /// What the member means.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Listed after `unknownFutureValue`: Graph sends it only to callers that opt in
    /// (`Prefer: include-unknown-enum-members`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub after_unknown_future_value: bool,
    /// Where the member is listed.
    pub source: Source,
}

/// An HTTP operation documented on an API page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Operation {
    /// Page title, e.g. `List attendanceRecords`.
    pub title: String,
    /// Request lines as documented, e.g. `GET /me/onlineMeetings/{meetingId}/attendanceReports`.
    pub requests: Vec<String>,
    /// Types named by the page's response examples, e.g. `Collection(microsoft.graph.attendanceRecord)`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub response_types: Vec<TypeRef>,
    /// Where the page is.
    pub source: Source,
}

fn is_false(value: &bool) -> bool {
    !*value
}
