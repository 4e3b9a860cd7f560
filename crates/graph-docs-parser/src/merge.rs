//! Merges a type's table rows and JSON block keys into one property list: the table's type
//! where it is more precise, the JSON's inline enum members and one-value-or-list shape kept, and a
//! warning naming both sides for every disagreement.

use std::collections::HashMap;

use graph_ir::{Property, Source};

use crate::codes;
use crate::doc_type::{same_qualified_name, simple_name, DocType, Element};
use crate::placeholder::Placeholder;
use crate::report::Reporter;
use crate::resource::apply_description;
use crate::tables::PropertyTable;

/// A key of the resource JSON block.
#[derive(Clone, Debug)]
pub(crate) struct JsonProperty {
    pub name: String,
    pub offset: usize,
    pub placeholder: Placeholder,
    pub value_offset: usize,
}

struct Draft {
    property: Property,
    ty: DocType,
    from_table: bool,
    matched_json: bool,
}

/// One property list from the tables (in order) and the JSON block (`None` when absent).
pub(crate) fn merge_properties(
    tables: &[&PropertyTable],
    json: Option<&[JsonProperty]>,
    namespace: &str,
    report: &mut Reporter,
) -> Vec<Property> {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    for table in tables {
        for row in &table.rows {
            if by_name.contains_key(row.name) {
                report.warn(
                    codes::PROPERTY_DUPLICATE,
                    row.name_offset,
                    format!("property `{}` is listed twice; expected each property once (the first row was kept)", row.name),
                );
                continue;
            }
            let ty = match &row.ty {
                Some(cell) => {
                    if cell.datetime_alias {
                        report.warn(
                            codes::DATETIME_AS_DATETIMEOFFSET,
                            row.type_offset,
                            format!("property `{}` is typed `{}`, which OData does not have; expected DateTimeOffset (read as Edm.DateTimeOffset)", row.name, row.type_text),
                        );
                    }
                    if !cell.other_alternatives.is_empty() {
                        report.warn(
                            codes::TYPE_CELL_ALTERNATIVES,
                            row.type_offset,
                            format!("property `{}` has alternative types `{}`; expected one type (the first was used)", row.name, row.type_text),
                        );
                    }
                    cell.ty.clone()
                }
                None => {
                    report.warn(
                        codes::TYPE_CELL_UNKNOWN,
                        row.type_offset,
                        format!("type cell `{}` of property `{}` is not a type; expected a primitive, a type link or `X collection` (read as Edm.Untyped)", row.type_text, row.name),
                    );
                    DocType::unknown()
                }
            };
            by_name.insert(row.name, drafts.len());
            drafts.push(Draft {
                property: Property {
                    name: row.name.to_string(),
                    nullable: true,
                    navigation: table.navigation,
                    description: row.description.to_string(),
                    source: Source {
                        file: report.file.to_string(),
                        line: report.line(row.name_offset),
                    },
                    ..Property::default()
                },
                ty,
                from_table: true,
                matched_json: false,
            });
        }
    }
    let has_table = !drafts.is_empty();
    for key in json.unwrap_or_default() {
        let placeholder = &key.placeholder;
        if let Some(found) = &placeholder.not_understood {
            report.warn(
                codes::PLACEHOLDER_UNKNOWN,
                key.value_offset,
                format!("JSON value of `{}` is {found}; expected a type placeholder such as \"String\" or {{\"@odata.type\": ...}}", key.name),
            );
        }
        if placeholder.datetime_alias {
            report.warn(
                codes::DATETIME_AS_DATETIMEOFFSET,
                key.value_offset,
                format!("JSON value of `{}` names `DateTime`, which OData does not have; read as Edm.DateTimeOffset", key.name),
            );
        }
        match by_name.get(key.name.as_str()) {
            Some(&index) => {
                let draft = &mut drafts[index];
                if draft.matched_json {
                    continue;
                }
                draft.matched_json = true;
                merge_one(draft, key, namespace, report);
            }
            None => {
                if has_table {
                    report.warn(
                        codes::PROPERTY_MISSING_FROM_TABLE,
                        key.offset,
                        format!("JSON block key `{}` is not in the Properties table; expected a table row for it (typed from the JSON)", key.name),
                    );
                }
                by_name.insert(&key.name, drafts.len());
                drafts.push(Draft {
                    property: Property {
                        name: key.name.clone(),
                        nullable: true,
                        enum_members: placeholder.enum_members.clone(),
                        source: Source {
                            file: report.file.to_string(),
                            line: report.line(key.offset),
                        },
                        ..Property::default()
                    },
                    ty: placeholder.ty.clone(),
                    from_table: false,
                    matched_json: true,
                });
            }
        }
    }
    if json.is_some() {
        for draft in drafts
            .iter()
            .filter(|d| d.from_table && !d.matched_json && !d.property.navigation)
        {
            let offset = report.lines.line_start(draft.property.source.line);
            report.warn(
                codes::PROPERTY_MISSING_FROM_JSON,
                offset,
                format!("table property `{}` is missing from the JSON block; expected a key for it (typed from the table)", draft.property.name),
            );
        }
    }
    drafts
        .into_iter()
        .map(|draft| {
            let mut property = draft.property;
            property.ty = draft.ty.to_type_ref(namespace);
            apply_description(&mut property);
            property
        })
        .collect()
}

fn merge_one(draft: &mut Draft, key: &JsonProperty, namespace: &str, report: &mut Reporter) {
    let table = draft.ty.clone();
    let json = &key.placeholder.ty;
    let same_element = match (&table.element, &json.element) {
        (Element::Named(a), Element::Named(b)) => {
            same_qualified_name(a, b, namespace)
                || simple_name(a).eq_ignore_ascii_case(simple_name(b))
        }
        (a, b) => a == b,
    };
    // An example value (`42`, a GUID) only hints at a type, and so does a bare word that may
    // be a sample value (`"id": "b2CAuthenticationMethodsPolicy"`): a typed table cell outranks
    // both (a bare word that disagrees with the table is still reported).
    let json_is_hint =
        (key.placeholder.literal || key.placeholder.bare_name) && table.precision() > 0;
    let element = if same_element || json_is_hint || table.precision() >= json.precision() {
        table.element.clone()
    } else {
        json.element.clone()
    };
    // One value or a list is the block's to say when it shows a value: an array or a scalar is
    // evidence no translation or stale cell changes (on the 2021 v1.0 tree every cell that
    // disagrees with its block on this is wrong by the service metadata).
    let collection = if json.precision() > 0 {
        json.collection
    } else {
        table.collection || json.collection
    };
    let merged = DocType {
        element,
        collection,
    };
    let agree = same_element && table.collection == json.collection;
    let quiet_hint = key.placeholder.literal && table.precision() > 0;
    if !agree && json.precision() > 0 && !(quiet_hint && table.collection == json.collection) {
        report.warn(
            codes::PROPERTY_TYPE_MISMATCH,
            key.value_offset,
            format!(
                "property `{}`: the table says `{}`, the JSON block says `{}`; used `{}`",
                draft.property.name,
                table.to_type_ref(namespace),
                json.to_type_ref(namespace),
                merged.to_type_ref(namespace)
            ),
        );
    }
    draft.ty = merged;
    if !key.placeholder.enum_members.is_empty() {
        draft.property.enum_members = key.placeholder.enum_members.clone();
    }
}
