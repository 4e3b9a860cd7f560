//! Reviewed corrections: facts the pages get wrong or leave out, applied on top of the IR.
//!
//! The parser's IR stays what the pages say; a maintainer who has checked a difference (in the
//! drift report, or on a page of the other version) writes it down as one entry of a small
//! TOML file (`schema/corrections.toml`), and the generator applies the entries of its version
//! with [`apply`], each reported as a note naming the entry. An entry that no longer changes
//! anything (the pages caught up) is a `correction-stale` warning, so corrections do not rot.
//!
//! # Format
//!
//! The file is a list of `[[correction]]` tables. Each states **one** fact about one type and
//! has three mandatory keys:
//!
//! - `version`: `"v1.0"` or `"beta"`; an entry applies to that version's IR only;
//! - `type`: the qualified name of the type it corrects (`microsoft.graph.initiator`);
//! - `reason`: one line naming the evidence (the metadata and its line, a page of the other
//!   version, a captured response).
//!
//! and exactly one fact:
//!
//! | keys | fact |
//! |---|---|
//! | `base = "microsoft.graph.identity"` | the type derives from that type |
//! | `open = true` | the type is open (or closed, `false`) |
//! | `abstract = true` | the type is abstract (or not, `false`) |
//! | `add_property = { name = "email", type = "Edm.String", nullable = true }` | the type declares that property; `nullable` defaults to `true`; `navigation` (default `false`) and `description` are optional |
//! | `remove_property = "tenantId"` | the type does not declare that property |
//! | `property = "role"` with `property_type = "microsoft.graph.attendeeRole"` | the property has that type (`Collection(...)` for a collection) |
//! | `property = "id"` with `nullable = false` | the property is (not) nullable |
//!
//! ```toml
//! [[correction]]
//! version = "v1.0"
//! type = "microsoft.graph.communicationsGuestIdentity"
//! add_property = { name = "email", type = "Edm.String" }
//! reason = "v1.0 metadata (2026-08) declares email on communicationsGuestIdentity"
//! ```
//!
//! Unknown keys, a missing mandatory key, an entry with no fact or with more than one, and a
//! multi-line or empty reason are `correction-invalid` errors at the entry's line; the other
//! entries are still read. [`apply`] reports an entry naming a type the schema does not define
//! as an error, and one changing a property the type does not declare itself too.
//!
//! A base set by a correction is recorded with origin `annotation`: it states what the page's
//! annotation should say, and the IR's shape stays the parser's.

use std::collections::BTreeSet;

use graph_ir::diagnostic::line_column;
use graph_ir::{BaseOrigin, BaseType, Diagnostic, Property, Schema, Severity, Source, TypeRef};
use serde::{Deserialize, Serialize};

use crate::codes;
use crate::csdl::Metadata;
use crate::drift::{self, Report, Side};

/// The versions an entry may name.
pub const VERSIONS: [&str; 2] = ["v1.0", "beta"];

/// Every entry of a corrections file, in file order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Corrections {
    /// The entries.
    pub entries: Vec<Entry>,
}

/// One correction: one fact about one type of one version.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// `v1.0` or `beta`.
    pub version: String,
    /// Qualified name of the type corrected.
    pub type_name: String,
    /// What the entry says.
    pub fact: Fact,
    /// The evidence, in one line.
    pub reason: String,
    /// 1-based line of the entry's `[[correction]]` header (0 when not read from a file).
    pub line: u32,
}

/// The fact one entry states.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    /// The type derives from this qualified type name.
    Base(String),
    /// The type is open (`true`) or closed.
    Open(bool),
    /// The type is abstract (`true`) or not.
    Abstract(bool),
    /// The type declares this property.
    AddProperty(NewProperty),
    /// The type does not declare this property.
    RemoveProperty(String),
    /// The property has this type.
    PropertyType {
        /// Property name.
        property: String,
        /// Its type.
        #[serde(rename = "type")]
        ty: TypeRef,
    },
    /// The property is nullable (`true`) or not.
    PropertyNullable {
        /// Property name.
        property: String,
        /// Whether Graph may send `null` for it.
        nullable: bool,
    },
}

/// A property an entry adds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewProperty {
    /// Wire name.
    pub name: String,
    /// Type, spelled as in service metadata.
    #[serde(rename = "type")]
    pub ty: TypeRef,
    /// Graph may send `null` for it (default `true`).
    #[serde(default = "yes")]
    pub nullable: bool,
    /// A navigation property (default `false`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub navigation: bool,
    /// What it holds (optional).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

fn yes() -> bool {
    true
}

fn is_false(value: &bool) -> bool {
    !*value
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    correction: Vec<toml::Spanned<toml::Table>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    version: Option<String>,
    #[serde(rename = "type")]
    type_name: Option<String>,
    reason: Option<String>,
    base: Option<String>,
    open: Option<bool>,
    #[serde(rename = "abstract")]
    is_abstract: Option<bool>,
    add_property: Option<NewProperty>,
    remove_property: Option<String>,
    property: Option<String>,
    property_type: Option<String>,
    nullable: Option<bool>,
}

/// Reads a corrections file (`file` names it in diagnostics); entries that cannot be read are
/// errors and left out, the others are returned.
pub fn parse(text: &str, file: &str) -> (Corrections, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let raw: RawFile = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(error) => {
            let (line, column) = error
                .span()
                .map_or((1, 1), |span| line_column(text, span.start));
            diagnostics.push(
                Diagnostic::error(
                    codes::CORRECTIONS_INVALID,
                    file,
                    line,
                    column,
                    format!(
                        "the corrections file cannot be read: {}; expected `[[correction]]` tables",
                        error.message().trim_end()
                    ),
                )
                .with_excerpt_from(text),
            );
            return (Corrections::default(), diagnostics);
        }
    };
    let mut entries = Vec::new();
    for spanned in raw.correction {
        // The span of a table of an array of tables starts at its `[[correction]]` header.
        let (line, _) = line_column(text, spanned.span().start);
        let table = spanned.into_inner();
        match entry(table, line) {
            Ok(e) => entries.push(e),
            Err(message) => diagnostics.push(
                Diagnostic::error(codes::CORRECTION_INVALID, file, line, 1, message)
                    .with_excerpt_from(text),
            ),
        }
    }
    (Corrections { entries }, diagnostics)
}

fn entry(table: toml::Table, line: u32) -> Result<Entry, String> {
    let raw: RawEntry = toml::Value::Table(table)
        .try_into()
        .map_err(|e: toml::de::Error| format!("invalid correction: {}", e.message().trim_end()))?;
    let version = raw
        .version
        .ok_or("the correction has no `version`; expected \"v1.0\" or \"beta\"")?;
    if !VERSIONS.contains(&version.as_str()) {
        return Err(format!(
            "the correction's version is \"{version}\"; expected \"v1.0\" or \"beta\""
        ));
    }
    let type_name = raw.type_name.filter(|t| !t.trim().is_empty()).ok_or(
        "the correction has no `type`; expected the qualified name of the type it corrects",
    )?;
    let reason = raw
        .reason
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
        .ok_or("the correction has no `reason`; expected one line naming its evidence")?;
    if reason.contains('\n') {
        return Err("the correction's reason spans several lines; expected one line".to_string());
    }
    let mut facts = Vec::new();
    if let Some(base) = raw.base {
        facts.push(Fact::Base(base));
    }
    if let Some(open) = raw.open {
        facts.push(Fact::Open(open));
    }
    if let Some(is_abstract) = raw.is_abstract {
        facts.push(Fact::Abstract(is_abstract));
    }
    if let Some(p) = raw.add_property {
        facts.push(Fact::AddProperty(p));
    }
    if let Some(name) = raw.remove_property {
        facts.push(Fact::RemoveProperty(name));
    }
    match (raw.property, raw.property_type, raw.nullable) {
        (None, None, None) => {}
        (Some(property), Some(ty), None) => facts.push(Fact::PropertyType {
            property,
            ty: TypeRef(ty),
        }),
        (Some(property), None, Some(nullable)) => {
            facts.push(Fact::PropertyNullable { property, nullable })
        }
        (Some(_), Some(_), Some(_)) => {
            return Err(
                "the correction sets a property's type and nullability; expected one fact \
                        per entry (split it in two)"
                    .to_string(),
            )
        }
        (Some(_), None, None) => {
            return Err(
                "the correction names a `property` but says nothing about it; expected \
                        `property_type` or `nullable`"
                    .to_string(),
            )
        }
        (None, _, _) => {
            return Err(
                "`property_type` and `nullable` need the `property` they are about".to_string(),
            )
        }
    }
    match facts.len() {
        0 => Err(
            "the correction states no fact; expected one of `base`, `open`, `abstract`, \
                  `add_property`, `remove_property`, or `property` with `property_type` or \
                  `nullable`"
                .to_string(),
        ),
        1 => Ok(Entry {
            version,
            type_name,
            fact: facts.remove(0),
            reason,
            line,
        }),
        n => Err(format!(
            "the correction states {n} facts; expected one fact per entry (split it)"
        )),
    }
}

/// Applies the entries of `schema.version` to `schema`; `file` names the corrections file in
/// diagnostics. Each applied entry is a `correction-applied` note, an entry that changes
/// nothing a `correction-stale` warning, and an entry about a type or property that is not
/// there an error (the entry is then not applied).
pub fn apply(schema: &mut Schema, corrections: &Corrections, file: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let version = schema.version.clone();
    for entry in corrections.entries.iter().filter(|e| e.version == version) {
        out.extend(apply_one(schema, entry, file));
    }
    out
}

fn apply_one(schema: &mut Schema, entry: &Entry, file: &str) -> Vec<Diagnostic> {
    let name = entry.type_name.as_str();
    let at = |code: &str, message: String| -> Diagnostic {
        Diagnostic::new(severity_of(code), code, file, entry.line.max(1), 1, message)
    };
    let described = describe(&entry.fact);
    let Some(def) = schema.types.get(name) else {
        let hint = if schema.enums.contains_key(name) {
            " (it is an enum)"
        } else {
            ""
        };
        return vec![at(
            codes::CORRECTION_TYPE_UNKNOWN,
            format!(
                "correction for `{name}` ({described}): {} defines no type `{name}`{hint}; \
                 expected a type of the pages",
                schema.version
            ),
        )];
    };
    let inherited = |property: &str| -> Option<(String, Property)> {
        schema.ancestors(name).into_iter().find_map(|t| {
            t.properties
                .iter()
                .find(|p| p.name == property)
                .map(|p| (t.name.clone(), p.clone()))
        })
    };
    let own = |property: &str| def.properties.iter().position(|p| p.name == property);
    let applied = |was: String| {
        at(
            codes::CORRECTION_APPLIED,
            format!(
                "correction applied to `{name}`: {described} (the pages say {was}); reason: {}",
                entry.reason
            ),
        )
    };
    let stale = |now: String| {
        at(
            codes::CORRECTION_STALE,
            format!(
                "correction for `{name}` changes nothing: {described}, and the pages now say \
                 {now}; remove the entry"
            ),
        )
    };
    let mut references: Vec<String> = Vec::new();
    let result = match &entry.fact {
        Fact::Base(base) => {
            let was = def.base.as_ref().map(|b| b.name.clone());
            if was.as_deref() == Some(base.as_str()) {
                stale(format!("`{base}`"))
            } else {
                references.push(base.clone());
                let was = was.map_or("no base".to_string(), |b| format!("`{b}`"));
                if let Some(def) = schema.types.get_mut(name) {
                    def.base = Some(BaseType {
                        name: base.clone(),
                        origin: BaseOrigin::Annotation,
                    });
                }
                applied(was)
            }
        }
        Fact::Open(open) => {
            if def.open == *open {
                stale(open_word(*open).to_string())
            } else {
                let was = open_word(def.open).to_string();
                if let Some(def) = schema.types.get_mut(name) {
                    def.open = *open;
                }
                applied(was)
            }
        }
        Fact::Abstract(is_abstract) => {
            if def.is_abstract == *is_abstract {
                stale(abstract_word(*is_abstract).to_string())
            } else {
                let was = abstract_word(def.is_abstract).to_string();
                if let Some(def) = schema.types.get_mut(name) {
                    def.is_abstract = *is_abstract;
                }
                applied(was)
            }
        }
        Fact::AddProperty(new) => {
            let existing = own(&new.name)
                .map(|i| (name.to_string(), def.properties[i].clone()))
                .or_else(|| inherited(&new.name));
            match existing {
                Some((owner, p)) => {
                    let same = p.ty == new.ty
                        && p.nullable == new.nullable
                        && p.navigation == new.navigation;
                    let where_ = if owner == name {
                        String::new()
                    } else {
                        format!(" (inherited from `{owner}`)")
                    };
                    if same {
                        stale(format!("the same{where_}"))
                    } else {
                        at(
                            codes::CORRECTION_PROPERTY_EXISTS,
                            format!(
                                "correction for `{name}` adds `{}`, which the pages already give \
                                 it as {}{where_}; expected a `property_type` or `nullable` \
                                 correction instead",
                                new.name,
                                describe_property(&p.ty, p.nullable)
                            ),
                        )
                    }
                }
                None => {
                    references.push(new.ty.element_name().to_string());
                    if let Some(def) = schema.types.get_mut(name) {
                        def.properties.push(Property {
                            name: new.name.clone(),
                            ty: new.ty.clone(),
                            nullable: new.nullable,
                            navigation: new.navigation,
                            description: new.description.clone(),
                            source: Source {
                                file: file.to_string(),
                                line: entry.line,
                            },
                            ..Property::default()
                        });
                    }
                    applied("nothing about it".to_string())
                }
            }
        }
        Fact::RemoveProperty(property) => match own(property) {
            Some(i) => {
                let was = describe_property(&def.properties[i].ty, def.properties[i].nullable);
                if let Some(def) = schema.types.get_mut(name) {
                    def.properties.remove(i);
                }
                applied(format!("it is {was}"))
            }
            None => match inherited(property) {
                Some((owner, _)) => at(
                    codes::CORRECTION_PROPERTY_UNKNOWN,
                    format!(
                        "correction for `{name}` removes `{property}`, which `{name}` inherits \
                         from `{owner}`; expected a correction of `{owner}`"
                    ),
                ),
                None => stale("no such property".to_string()),
            },
        },
        Fact::PropertyType { property, ty } => match own(property) {
            Some(i) if def.properties[i].ty == *ty => stale(format!("`{ty}`")),
            Some(i) => {
                references.push(ty.element_name().to_string());
                let was = format!("`{}`", def.properties[i].ty);
                if let Some(p) = schema
                    .types
                    .get_mut(name)
                    .and_then(|d| d.properties.get_mut(i))
                {
                    p.ty = ty.clone();
                    if ty.element_name() != "Edm.String" {
                        p.enum_members.clear();
                    }
                }
                applied(was)
            }
            None => unknown_property(&at, name, property, inherited(property)),
        },
        Fact::PropertyNullable { property, nullable } => match own(property) {
            Some(i) if def.properties[i].nullable == *nullable => {
                stale(nullable_word(*nullable).to_string())
            }
            Some(i) => {
                let was = nullable_word(def.properties[i].nullable).to_string();
                if let Some(p) = schema
                    .types
                    .get_mut(name)
                    .and_then(|d| d.properties.get_mut(i))
                {
                    p.nullable = *nullable;
                }
                applied(was)
            }
            None => unknown_property(&at, name, property, inherited(property)),
        },
    };
    let mut out = vec![result];
    for reference in references {
        let known = reference.starts_with("Edm.")
            || schema.types.contains_key(&reference)
            || schema.enums.contains_key(&reference);
        if !known {
            out.push(at(
                codes::CORRECTION_REFERENCE_UNDEFINED,
                format!(
                    "correction for `{name}` refers to `{reference}`, which no page of {} \
                     defines; expected a pinned page for it",
                    schema.version
                ),
            ));
        }
    }
    out
}

/// The one severity each `correction-*` code of [`apply`] has.
fn severity_of(code: &str) -> Severity {
    match code {
        codes::CORRECTION_APPLIED => Severity::Note,
        codes::CORRECTION_STALE | codes::CORRECTION_REFERENCE_UNDEFINED => Severity::Warning,
        _ => Severity::Error,
    }
}

fn unknown_property(
    at: &dyn Fn(&str, String) -> Diagnostic,
    name: &str,
    property: &str,
    inherited: Option<(String, Property)>,
) -> Diagnostic {
    let hint = match inherited {
        Some((owner, _)) => format!(" (it inherits it from `{owner}`: correct `{owner}` instead)"),
        None => String::new(),
    };
    at(
        codes::CORRECTION_PROPERTY_UNKNOWN,
        format!(
            "correction for `{name}` changes `{property}`, which `{name}` does not declare{hint}"
        ),
    )
}

fn open_word(open: bool) -> &'static str {
    if open {
        "open"
    } else {
        "not open"
    }
}

fn abstract_word(is_abstract: bool) -> &'static str {
    if is_abstract {
        "abstract"
    } else {
        "not abstract"
    }
}

fn nullable_word(nullable: bool) -> &'static str {
    if nullable {
        "nullable"
    } else {
        "not nullable"
    }
}

fn describe_property(ty: &TypeRef, nullable: bool) -> String {
    format!("`{ty}`, {}", nullable_word(nullable))
}

/// What `fact` says, in a few words.
pub fn describe(fact: &Fact) -> String {
    match fact {
        Fact::Base(base) => format!("base type `{base}`"),
        Fact::Open(open) => open_word(*open).to_string(),
        Fact::Abstract(a) => abstract_word(*a).to_string(),
        Fact::AddProperty(p) => format!(
            "adds `{}` ({})",
            p.name,
            describe_property(&p.ty, p.nullable)
        ),
        Fact::RemoveProperty(p) => format!("removes `{p}`"),
        Fact::PropertyType { property, ty } => format!("`{property}` is `{ty}`"),
        Fact::PropertyNullable { property, nullable } => {
            format!("`{property}` is {}", nullable_word(*nullable))
        }
    }
}

/// A TOML string literal.
fn quote(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Renders `entries` in the corrections format (what [`parse`] reads back).
pub fn render(entries: &[Entry]) -> String {
    let mut out = String::new();
    for (i, e) in entries.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("[[correction]]\n");
        out.push_str(&format!("version = {}\n", quote(&e.version)));
        out.push_str(&format!("type = {}\n", quote(&e.type_name)));
        match &e.fact {
            Fact::Base(base) => out.push_str(&format!("base = {}\n", quote(base))),
            Fact::Open(open) => out.push_str(&format!("open = {open}\n")),
            Fact::Abstract(a) => out.push_str(&format!("abstract = {a}\n")),
            Fact::AddProperty(p) => {
                let mut fields = vec![
                    format!("name = {}", quote(&p.name)),
                    format!("type = {}", quote(p.ty.as_str())),
                    format!("nullable = {}", p.nullable),
                ];
                if p.navigation {
                    fields.push("navigation = true".to_string());
                }
                if !p.description.is_empty() {
                    fields.push(format!("description = {}", quote(&p.description)));
                }
                out.push_str(&format!("add_property = {{ {} }}\n", fields.join(", ")));
            }
            Fact::RemoveProperty(p) => out.push_str(&format!("remove_property = {}\n", quote(p))),
            Fact::PropertyType { property, ty } => {
                out.push_str(&format!("property = {}\n", quote(property)));
                out.push_str(&format!("property_type = {}\n", quote(ty.as_str())));
            }
            Fact::PropertyNullable { property, nullable } => {
                out.push_str(&format!("property = {}\n", quote(property)));
                out.push_str(&format!("nullable = {nullable}\n"));
            }
        }
        out.push_str(&format!("reason = {}\n", quote(&e.reason)));
    }
    out
}

/// Candidate entries for every difference of `report` that a correction can express, in the
/// corrections format, each after a comment with the page position. Nothing is applied: a
/// maintainer reviews them and commits the ones that are right.
pub fn suggest_from(report: &Report) -> String {
    let mut out = format!(
        "# Candidate corrections for {} from the drift report: review each against its evidence\n\
         # and commit only those that are right; nothing here is applied.\n",
        report.version
    );
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    for d in &report.differences {
        let Some(fact) = &d.correction else {
            continue;
        };
        if !seen.insert((d.type_name.clone(), format!("{fact:?}"))) {
            continue;
        }
        // The metadata's file name, not the path it was read from: the reason is committed.
        let evidence = d.metadata_source.as_ref().map_or(String::new(), |s| {
            let name = s.file.rsplit(['/', '\\']).next().unwrap_or(&s.file);
            format!(" ({name}:{})", s.line)
        });
        let entry = Entry {
            version: report.version.clone(),
            type_name: d.type_name.clone(),
            fact: fact.clone(),
            reason: one_line(&format!(
                "{}: the service metadata{evidence} says {}; the page says {}",
                d.diagnostic.code, d.metadata, d.docs
            )),
            line: 0,
        };
        out.push_str(&format!(
            "\n# {}:{}\n",
            d.diagnostic.file, d.diagnostic.line
        ));
        out.push_str(&render(std::slice::from_ref(&entry)));
    }
    out
}

/// Candidate entries from the drift between `docs` (sources relative to `docs_root`) and
/// `metadata`; see [`suggest_from`].
pub fn suggest(docs: &Schema, docs_root: &str, metadata: &Metadata) -> String {
    let report = drift::compare(
        Side::docs(docs, docs_root),
        Side::metadata(metadata),
        drift::Options::default(),
    );
    suggest_from(&report)
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fact_round_trips_through_render_and_parse() {
        let facts = [
            Fact::Base("n.b".into()),
            Fact::Open(true),
            Fact::Abstract(false),
            Fact::AddProperty(NewProperty {
                name: "x".into(),
                ty: TypeRef::named("Collection(n.c)"),
                nullable: false,
                navigation: true,
                description: "Say \"hi\".".into(),
            }),
            Fact::RemoveProperty("y".into()),
            Fact::PropertyType {
                property: "z".into(),
                ty: TypeRef::named("Edm.Int64"),
            },
            Fact::PropertyNullable {
                property: "z".into(),
                nullable: false,
            },
        ];
        let entries: Vec<Entry> = facts
            .iter()
            .enumerate()
            .map(|(i, f)| Entry {
                version: if i % 2 == 0 { "v1.0" } else { "beta" }.into(),
                type_name: "n.a".into(),
                fact: f.clone(),
                reason: format!("evidence {i}"),
                line: 0,
            })
            .collect();
        let text = render(&entries);
        let (back, diagnostics) = parse(&text, "c.toml");
        assert!(diagnostics.is_empty(), "{diagnostics:?}\n{text}");
        assert_eq!(back.entries.len(), entries.len());
        for (a, b) in back.entries.iter().zip(&entries) {
            assert_eq!(
                (&a.fact, &a.version, &a.reason),
                (&b.fact, &b.version, &b.reason)
            );
        }
        let lines: Vec<u32> = back.entries.iter().map(|e| e.line).collect();
        let headers: Vec<u32> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| *l == "[[correction]]")
            .map(|(i, _)| i as u32 + 1)
            .collect();
        assert_eq!(lines, headers, "each entry at its header line");
    }

    #[test]
    fn malformed_entries_are_errors_at_their_line_and_the_rest_is_read() {
        let text = "\
[[correction]]
version = \"v1.0\"
type = \"n.a\"
open = true
reason = \"ok\"

[[correction]]
version = \"v2\"
type = \"n.a\"
open = true
reason = \"bad version\"

[[correction]]
version = \"v1.0\"
type = \"n.a\"
open = true
abstract = true
reason = \"two facts\"

[[correction]]
version = \"v1.0\"
type = \"n.a\"
open = true

[[correction]]
version = \"v1.0\"
type = \"n.a\"
opne = true
reason = \"typo\"

[[correction]]
version = \"v1.0\"
type = \"n.a\"
property = \"p\"
reason = \"nothing about p\"
";
        let (c, diagnostics) = parse(text, "c.toml");
        assert_eq!(c.entries.len(), 1);
        let found: Vec<(u32, &str)> = diagnostics
            .iter()
            .map(|d| (d.line, d.code.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (7, codes::CORRECTION_INVALID),
                (13, codes::CORRECTION_INVALID),
                (20, codes::CORRECTION_INVALID),
                (25, codes::CORRECTION_INVALID),
                (31, codes::CORRECTION_INVALID),
            ]
        );
        assert!(diagnostics.iter().all(Diagnostic::is_error));
        assert!(
            diagnostics[2].message.contains("reason"),
            "{}",
            diagnostics[2].message
        );
        assert!(
            diagnostics[3].message.contains("opne"),
            "{}",
            diagnostics[3].message
        );
    }

    #[test]
    fn truncated_files_never_panic() {
        let full = render(&[Entry {
            version: "v1.0".into(),
            type_name: "n.é".into(),
            fact: Fact::AddProperty(NewProperty {
                name: "x".into(),
                ty: TypeRef::named("Edm.String"),
                nullable: true,
                navigation: false,
                description: "naïve".into(),
            }),
            reason: "r".into(),
            line: 0,
        }]);
        for (cut, _) in full.char_indices() {
            let (c, _) = parse(&full[..cut], "c.toml");
            let mut schema = Schema::new("v1.0");
            let _ = apply(&mut schema, &c, "c.toml");
        }
    }

    #[test]
    fn not_toml_is_one_error_with_position() {
        let (c, diagnostics) = parse("[[correction]]\nversion = \n", "c.toml");
        assert!(c.entries.is_empty());
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, codes::CORRECTIONS_INVALID);
        assert_eq!(diagnostics[0].line, 2);
        let (_, diagnostics) = parse("corrections = 1\n", "c.toml");
        assert_eq!(diagnostics[0].code, codes::CORRECTIONS_INVALID);
    }
}
