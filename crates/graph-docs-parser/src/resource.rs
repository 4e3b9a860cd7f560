//! Builds the types a resource page defines: annotation facts, the Properties and
//! Relationships tables and the JSON block, merged into one property list.

use std::collections::BTreeMap;

use graph_ir::{BaseOrigin, BaseType, Property, Source, TypeDef};

use crate::annotation::{parse_json, Annotation, JsonSite};
use crate::codes;
use crate::description;
use crate::doc_type::{qualify, simple_name};
use crate::lenient_json::Node;
use crate::merge::{merge_properties, JsonProperty, WordType};
use crate::placeholder;
use crate::prose::ProseBase;
use crate::report::Reporter;
use crate::scan::Scan;
use crate::tables::PropertyTable;

/// Annotation keys this parser interprets; every other key goes to `annotation_extras`.
const INTERPRETED_KEYS: &[&str] = &[
    "blockType",
    "@odata.type",
    "baseType",
    "keyProperty",
    "openType",
    "abstract",
    "isAbstract",
    "isMediaEntity",
];

/// What the page as a whole says, for the types on it.
pub(crate) struct PageFacts<'a> {
    pub title: &'a str,
    pub namespace: &'a str,
    pub description: &'a str,
    pub prose_base: Option<ProseBase>,
}

/// The types defined by the resource annotations of a page.
pub(crate) fn build_types(
    source: &str,
    scan: &Scan,
    tables: &[PropertyTable],
    facts: &PageFacts,
    closed_explicitly: &mut Vec<String>,
    words: &mut Vec<WordType>,
    report: &mut Reporter,
) -> Vec<TypeDef> {
    let resources: Vec<&Annotation> = scan
        .annotations
        .iter()
        .filter(|a| a.block_type() == Some("resource"))
        .collect();
    let mut types = Vec::new();
    for (index, annotation) in resources.iter().enumerate() {
        let previous_end = if index == 0 {
            0
        } else {
            resources[index - 1].end
        };
        let is_last = index + 1 == resources.len();
        // A table belongs to the first resource annotation after it; trailing ones to the last.
        let own_tables: Vec<&PropertyTable> = tables
            .iter()
            .filter(|t| t.start >= previous_end && (is_last || t.start < annotation.start))
            .collect();
        let next_start = resources.get(index + 1).map_or(usize::MAX, |a| a.start);
        let (ty, open, own_words) = build_type(
            source,
            scan,
            annotation,
            next_start,
            &own_tables,
            facts,
            report,
        );
        words.extend(own_words.into_iter().map(|word| WordType {
            owner: ty.name.clone(),
            ..word
        }));
        if open == Some(false) {
            closed_explicitly.push(ty.name.clone());
        }
        types.push(ty);
    }
    types
}

fn build_type(
    source: &str,
    scan: &Scan,
    annotation: &Annotation,
    next_annotation: usize,
    tables: &[&PropertyTable],
    facts: &PageFacts,
    report: &mut Reporter,
) -> (TypeDef, Option<bool>, Vec<WordType>) {
    let name = type_name(annotation, facts, report);
    let namespace = name.rsplit_once('.').map_or(facts.namespace, |(ns, _)| ns);
    let json = json_block(source, scan, annotation, next_annotation, report);
    let json_properties = json.as_ref().map(|j| json_properties(j, report));
    let mut words = Vec::new();
    let properties = merge_properties(
        tables,
        json_properties.as_deref(),
        namespace,
        &mut words,
        report,
    );
    let key = annotation.string("keyProperty").map(str::to_string);
    let mut properties = properties;
    for property in &mut properties {
        if key.as_deref() == Some(property.name.as_str()) {
            property.nullable = false;
        }
    }
    let open = annotation.flag("openType", report);
    let ty = TypeDef {
        base: base_type(annotation, facts, namespace, report),
        is_abstract: annotation
            .flag("abstract", report)
            .or_else(|| annotation.flag("isAbstract", report))
            .unwrap_or(false),
        open: open.unwrap_or(false),
        media_entity: annotation.flag("isMediaEntity", report).unwrap_or(false),
        description: facts.description.to_string(),
        properties,
        annotation_extras: extras(&annotation.json),
        // The page's front matter says it; `parse_page` sets it.
        area: None,
        source: Source {
            file: report.file.to_string(),
            line: report.line(annotation.start),
        },
        // Refined at assembly, where a base chain reaching an entity also makes one.
        kind: if key.is_some() {
            graph_ir::TypeKind::Entity
        } else {
            graph_ir::TypeKind::Complex
        },
        key,
        name,
    };
    (ty, open, words)
}

/// The qualified type name from `@odata.type`, its last segment starting lower-case.
fn type_name(annotation: &Annotation, facts: &PageFacts, report: &mut Reporter) -> String {
    let written = annotation
        .string("@odata.type")
        .or_else(|| annotation.string("@type"))
        .map(|t| t.trim().trim_start_matches('#').to_string());
    let written = match written {
        Some(name) if !name.is_empty() => name,
        _ => {
            let from_title = facts
                .title
                .split_whitespace()
                .next()
                .unwrap_or("unnamed")
                .to_string();
            report.warn(
                codes::RESOURCE_NAME_MISSING,
                annotation.start,
                format!("resource annotation has no `@odata.type`; expected the qualified type name (used `{from_title}` from the title)"),
            );
            from_title
        }
    };
    let qualified = qualify(&written, facts.namespace);
    let (namespace, simple) = qualified.rsplit_once('.').unwrap_or(("", &qualified));
    if simple.starts_with(|c: char| c.is_ascii_uppercase()) {
        let mut fixed = simple.to_string();
        fixed[..1].make_ascii_lowercase();
        let canonical = format!("{namespace}.{fixed}");
        let at = annotation
            .json
            .get("@odata.type")
            .map_or(annotation.start, |n| n.start);
        report.warn(
            codes::TYPE_NAME_CASE,
            at,
            format!("`@odata.type` is `{qualified}`; Graph type names start lower-case, expected `{canonical}` (normalised)"),
        );
        return canonical;
    }
    qualified
}

fn base_type(
    annotation: &Annotation,
    facts: &PageFacts,
    namespace: &str,
    report: &mut Reporter,
) -> Option<BaseType> {
    if let Some(node) = annotation.json.get("baseType") {
        if node.as_str().is_none() {
            report.warn(
                codes::ANNOTATION_VALUE,
                node.start,
                match facts.prose_base {
                    Some(_) => {
                        "`baseType` is null; expected a type name (the page prose names the base)"
                    }
                    None => {
                        "`baseType` is null; expected a type name or no key (read as no base type)"
                    }
                },
            );
        }
    }
    let from_annotation = annotation
        .string("baseType")
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(|b| qualify(b, namespace));
    let from_prose = facts
        .prose_base
        .as_ref()
        .map(|p| qualify(&p.name, namespace));
    match (from_annotation, from_prose) {
        (Some(annotated), prose) => {
            if let (Some(prose), Some(p)) = (prose, facts.prose_base.as_ref()) {
                if !simple_name(&prose).eq_ignore_ascii_case(simple_name(&annotated)) {
                    report.warn(
                        codes::BASE_TYPE_CONFLICT,
                        p.offset,
                        format!("the prose says the base type is `{prose}` but the annotation says `{annotated}`; the annotation was used"),
                    );
                }
            }
            Some(BaseType {
                name: annotated,
                origin: BaseOrigin::Annotation,
            })
        }
        (None, Some(prose)) => Some(BaseType {
            name: prose,
            origin: BaseOrigin::Prose,
        }),
        (None, None) => None,
    }
}

/// The JSON block after `annotation` (and before the next resource annotation).
fn json_block<'t>(
    source: &'t str,
    scan: &Scan,
    annotation: &Annotation,
    next_annotation: usize,
    report: &mut Reporter,
) -> Option<Node<'t>> {
    let block = scan
        .code_blocks
        .iter()
        .find(|b| b.start >= annotation.end && b.start < next_annotation);
    let Some(block) = block else {
        report.warn(
            codes::RESOURCE_JSON_MISSING,
            annotation.start,
            "resource annotation is not followed by a JSON block; expected a fenced ```json block (the table alone was used)",
        );
        return None;
    };
    parse_json(
        source,
        block.content_start,
        block.content_end,
        JsonSite::ResourceBlock,
        report,
    )
}

fn json_properties(json: &Node, report: &mut Reporter) -> Vec<JsonProperty> {
    let Some(members) = json.as_object() else {
        report.warn(
            codes::RESOURCE_JSON_INVALID,
            json.start,
            "the JSON block is not an object; expected `{ \"property\": \"Type\", ... }`",
        );
        return Vec::new();
    };
    members
        .iter()
        .filter(|m| !m.key.starts_with('@'))
        .map(|m| JsonProperty {
            name: m.key.to_string(),
            offset: m.key_start,
            placeholder: placeholder::read(&m.value),
            value_offset: m.value.start,
        })
        .collect()
}

fn extras(json: &Node) -> BTreeMap<String, serde_json::Value> {
    json.as_object()
        .unwrap_or_default()
        .iter()
        .filter(|m| !INTERPRETED_KEYS.contains(&&*m.key))
        .map(|m| (m.key.to_string(), m.value.to_serde()))
        .collect()
}

/// Facts from a description cell, applied to a property.
pub(crate) fn apply_description(property: &mut Property) {
    let facts = description::read(&property.description);
    property.read_only = facts.read_only;
    property.deprecated = facts.deprecated;
    if facts.not_nullable {
        property.nullable = false;
    }
    if property.enum_members.is_empty() && property.ty.as_str() == "Edm.String" {
        property.enum_members = facts.possible_values;
    }
}
