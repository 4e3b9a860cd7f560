//! Merges a type's table rows and JSON block keys into one property list: the table's type
//! where it is more precise, the JSON's inline enum members and one-value-or-list shape kept, and a
//! warning naming both sides for every disagreement.

use std::collections::HashMap;

use graph_ir::{Property, Source, TypeRef};

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
    /// The JSON key it was matched with (index into the keys).
    json_index: Option<usize>,
    /// The row's name cell is a translated word (`property.name` holds it until a JSON key
    /// names the property).
    name_translated: bool,
    /// Byte offset of the row's name cell.
    name_offset: usize,
    /// The type cell's text and offset when it is a translated word, for the message.
    translated_type: Option<(String, usize)>,
    /// The table's element is a word that may name nothing (see `TypeCell::word`).
    table_word: bool,
    /// The type the row's link points at.
    target: Option<String>,
    /// What the JSON key said, once matched.
    json: Option<Placeholder>,
}

/// A property typed by a word that may name no type: what it reads as when nothing defines the
/// word (settled at assembly, where every page's types are known).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordType {
    /// The qualified name of the type that has the property (set by the page).
    pub owner: String,
    /// The property's name.
    pub property: String,
    /// The type as read (`microsoft.graph.Url`, `Collection(microsoft.graph.ID)`).
    pub word: TypeRef,
    /// The type to use instead: the link's target, the other side's type, or `Edm.Untyped`.
    pub instead: TypeRef,
}

/// One property list from the tables (in order) and the JSON block (`None` when absent); the
/// properties typed by a word that may name nothing go to `words`.
pub(crate) fn merge_properties(
    tables: &[&PropertyTable],
    json: Option<&[JsonProperty]>,
    namespace: &str,
    words: &mut Vec<WordType>,
    report: &mut Reporter,
) -> Vec<Property> {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    for table in tables {
        for row in &table.rows {
            if !row.name_translated && by_name.contains_key(row.name) {
                report.warn(
                    codes::PROPERTY_DUPLICATE,
                    row.name_offset,
                    format!("property `{}` is listed twice; expected each property once (the first row was kept)", row.name),
                );
                continue;
            }
            let ty = match &row.ty {
                Some(cell) if cell.translated => cell.ty.clone(),
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
            if !row.name_translated {
                by_name.insert(row.name, drafts.len());
            }
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
                json_index: None,
                name_translated: row.name_translated,
                name_offset: row.name_offset,
                translated_type: row
                    .ty
                    .as_ref()
                    .filter(|c| c.translated)
                    .map(|_| (row.type_text.to_string(), row.type_offset)),
                table_word: row.ty.as_ref().is_some_and(|c| c.word),
                target: row.ty.as_ref().and_then(|c| c.target.clone()),
                json: None,
            });
        }
    }
    let has_table = !drafts.is_empty();
    let keys = json.unwrap_or_default();
    // With translated name cells in the table, a key no row names may be one of them: keys
    // wait until those rows had their chance.
    let defer = drafts.iter().any(|d| d.name_translated);
    let mut waiting: Vec<usize> = Vec::new();
    for (index, key) in keys.iter().enumerate() {
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
        let found = by_name
            .get(key.name.as_str())
            .copied()
            .or_else(|| recased_row(&drafts, keys, &key.name));
        match found {
            Some(index_of_draft) => {
                let draft = &mut drafts[index_of_draft];
                if draft.matched_json {
                    continue;
                }
                if draft.property.name != key.name {
                    name_from_json(draft, key, "spells it in another case", report);
                    by_name.insert(&key.name, index_of_draft);
                }
                draft.matched_json = true;
                draft.json_index = Some(index);
                merge_one(draft, key, namespace, report);
            }
            None if defer => waiting.push(index),
            None => {
                push_json_only(&mut drafts, &mut by_name, key, has_table, report);
            }
        }
    }
    if defer {
        pair_translated_names(&mut drafts, keys, &mut waiting, namespace, report);
        for index in waiting {
            let key = &keys[index];
            if by_name.contains_key(key.name.as_str()) {
                continue;
            }
            push_json_only(&mut drafts, &mut by_name, key, has_table, report);
        }
        drafts.retain(|draft| {
            if draft.name_translated {
                report.warn(
                    codes::PROPERTY_NAME_TRANSLATED,
                    draft.name_offset,
                    format!("name cell `{}` is a translated word and no JSON key is in its place or of its type; expected the property's wire name (row skipped)", draft.property.name),
                );
            }
            !draft.name_translated
        });
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
    for draft in &drafts {
        let Some((cell, offset)) = &draft.translated_type else {
            continue;
        };
        let message = if draft.matched_json {
            format!("type cell `{cell}` of property `{}` is a word, not a type name (a translated primitive?); typed `{}` as the JSON block says", draft.property.name, draft.ty.to_type_ref(namespace))
        } else {
            format!("type cell `{cell}` of property `{}` is a word, not a type name (a translated primitive?), and the JSON block has no key for it; read as `{}`", draft.property.name, draft.ty.to_type_ref(namespace))
        };
        report.warn(codes::TYPE_CELL_TRANSLATED, *offset, message);
    }
    for draft in &drafts {
        if let Some(instead) = word_fallback(draft, namespace) {
            words.push(WordType {
                owner: String::new(),
                property: draft.property.name.clone(),
                word: draft.ty.to_type_ref(namespace),
                instead,
            });
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

/// A table row not yet matched whose name is `key` in another case (`IsHidden` for
/// `isHidden`), unless another key spells the row's name exactly.
fn recased_row(drafts: &[Draft], keys: &[JsonProperty], key: &str) -> Option<usize> {
    drafts.iter().position(|d| {
        d.from_table
            && !d.matched_json
            && !d.name_translated
            && d.property.name.eq_ignore_ascii_case(key)
            && !keys.iter().any(|k| k.name == d.property.name)
    })
}

/// The row `draft` is the JSON key `key`: the key's spelling is the name, with a warning.
fn name_from_json(draft: &mut Draft, key: &JsonProperty, why: &str, report: &mut Reporter) {
    report.warn(
        codes::PROPERTY_NAME_FROM_JSON,
        draft.name_offset,
        format!(
            "name cell `{}` matches no JSON key, but JSON key `{}` {why}; expected the wire name in the table (named `{}`)",
            draft.property.name, key.name, key.name
        ),
    );
    draft.property.name.clone_from(&key.name);
    draft.name_translated = false;
}

/// Gives each translated name cell the JSON key in its place (the key after the previous
/// row's, or before the next row's), else the one waiting key of its type, else the last
/// waiting key when it is the last such row; a key whose type contradicts the row's is not it.
fn pair_translated_names(
    drafts: &mut [Draft],
    keys: &[JsonProperty],
    waiting: &mut Vec<usize>,
    namespace: &str,
    report: &mut Reporter,
) {
    for at in 0..drafts.len() {
        if !drafts[at].name_translated {
            continue;
        }
        let fits = |key: usize, draft: &Draft| {
            waiting.contains(&key) && types_fit(&draft.ty, &keys[key].placeholder.ty, namespace)
        };
        let before = at
            .checked_sub(1)
            .and_then(|p| drafts[p].json_index)
            .map(|k| k + 1);
        let after = drafts
            .get(at + 1)
            .and_then(|n| n.json_index)
            .and_then(|k| k.checked_sub(1));
        let by_place = [before, after]
            .into_iter()
            .flatten()
            .find(|&k| fits(k, &drafts[at]));
        let by_type = || {
            let precise = drafts[at].ty.precision() > 1;
            let same: Vec<usize> = waiting
                .iter()
                .copied()
                .filter(|&k| {
                    precise && same_type(&drafts[at].ty, &keys[k].placeholder.ty, namespace)
                })
                .collect();
            (same.len() == 1).then(|| same[0])
        };
        let translated_left = drafts.iter().filter(|d| d.name_translated).count();
        // The last row and the last key are each other, unless one is a primitive and the
        // other a structure (two types may be a base and its subtype), or the row is a
        // navigation property (which JSON blocks seldom list) of another type.
        let last_left = || {
            let draft = &drafts[at];
            let [key] = waiting.as_slice() else {
                return None;
            };
            let json = &keys[*key].placeholder.ty;
            let both_named = matches!(
                (&draft.ty.element, &json.element),
                (Element::Named(_), Element::Named(_))
            );
            let plausible = if draft.property.navigation {
                types_fit(&draft.ty, json, namespace)
            } else {
                both_named || types_fit(&draft.ty, json, namespace)
            };
            (translated_left == 1 && plausible).then_some(*key)
        };
        let (found, why) = match (by_place, by_type(), last_left()) {
            (Some(k), _, _) => (k, "is in its place"),
            (None, Some(k), _) => (k, "is the one key of its type"),
            (None, None, Some(k)) => (k, "is the one key left"),
            (None, None, None) => continue,
        };
        waiting.retain(|&k| k != found);
        let key = &keys[found];
        let draft = &mut drafts[at];
        name_from_json(draft, key, why, report);
        draft.matched_json = true;
        draft.json_index = Some(found);
        merge_one(draft, key, namespace, report);
    }
}

/// Whether the two sides name the same element type.
fn same_type(table: &DocType, json: &DocType, namespace: &str) -> bool {
    match (&table.element, &json.element) {
        (Element::Named(a), Element::Named(b)) => {
            same_qualified_name(a, b, namespace)
                || simple_name(a).eq_ignore_ascii_case(simple_name(b))
        }
        (a, b) => a == b,
    }
}

/// Whether a row typed `table` may be the key typed `json`: either side says little, or they
/// agree.
fn types_fit(table: &DocType, json: &DocType, namespace: &str) -> bool {
    table.precision() <= 1 || json.precision() <= 1 || same_type(table, json, namespace)
}

fn push_json_only<'k>(
    drafts: &mut Vec<Draft>,
    by_name: &mut HashMap<&'k str, usize>,
    key: &'k JsonProperty,
    has_table: bool,
    report: &mut Reporter,
) {
    let placeholder = &key.placeholder;
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
        json_index: None,
        name_translated: false,
        name_offset: key.offset,
        translated_type: None,
        table_word: false,
        target: None,
        json: Some(placeholder.clone()),
    });
}

/// What a property typed by a word reads as when no page defines the word: the link's target,
/// else the other side's type (a typed table cell, a JSON placeholder that is no sample
/// value), else `Edm.Untyped`. `None` when its type is no such word.
fn word_fallback(draft: &Draft, namespace: &str) -> Option<TypeRef> {
    let Element::Named(name) = &draft.ty.element else {
        return None;
    };
    let json = draft.json.as_ref();
    let from_table = draft.from_table && draft.table_word && !draft.name_translated;
    let from_json = json
        .is_some_and(|j| j.bare_name && matches!(&j.ty.element, Element::Named(n) if n == name));
    if !from_table && !from_json {
        return None;
    }
    let other = if from_table {
        json.filter(|j| !j.bare_name && j.ty.precision() > 0)
            .map(|j| j.ty.element.clone())
    } else {
        None
    };
    let element = match (&draft.target, other) {
        (Some(target), _) if from_table => Element::Named(target.clone()),
        (_, Some(other)) => other,
        _ => Element::Unknown,
    };
    Some(
        DocType {
            element,
            collection: draft.ty.collection,
        }
        .to_type_ref(namespace),
    )
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
    // A translated cell said nothing about the type but its shape; its warning says the rest.
    let quiet = quiet_hint && table.collection == json.collection;
    let said = json.precision() > 0 && draft.translated_type.is_none();
    if !agree && said && !quiet {
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
    draft.json = Some(key.placeholder.clone());
    if !key.placeholder.enum_members.is_empty() {
        draft.property.enum_members = key.placeholder.enum_members.clone();
    }
}

#[cfg(test)]
mod tests {
    use crate::codes;
    use crate::page::{parse_page, Page};

    /// A resource page with `rows` in its Properties table and `json` as its JSON block.
    fn page(rows: &str, json: &str) -> Page {
        let text = format!(
            "# <a name=\"easel-resource-type\"></a>Тип ресурса easel\n\n## <a name=\"properties\"></a>Свойства\n\n|Свойство|Тип|Описание|\n|:--|:--|:--|\n{rows}\n## <a name=\"json-representation\"></a>JSON\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.easel\" }} -->\n```json\n{json}\n```\n"
        );
        parse_page("beta/resources/easel.md", &text)
    }

    fn typed(page: &Page) -> Vec<(&str, &str)> {
        page.types[0]
            .properties
            .iter()
            .map(|p| (p.name.as_str(), p.ty.as_str()))
            .collect()
    }

    fn with_code<'p>(page: &'p Page, code: &str) -> Vec<&'p graph_ir::Diagnostic> {
        page.diagnostics.iter().filter(|d| d.code == code).collect()
    }

    #[test]
    fn a_translated_primitive_is_typed_by_the_json_placeholder() {
        let page = page(
            "|label|Строка|Подпись.|\n|isTilted|Логическое|Наклон.|\n|legs|Коллекция строк|Ножки.|\n|notes|Строка|Нет в JSON.|",
            "{\n  \"label\": \"String\",\n  \"isTilted\": \"Boolean\",\n  \"legs\": [\"String\"]\n}",
        );
        assert_eq!(
            typed(&page),
            [
                ("label", "Edm.String"),
                ("isTilted", "Edm.Boolean"),
                ("legs", "Collection(Edm.String)"),
                ("notes", "Edm.Untyped")
            ]
        );
        let translated = with_code(&page, codes::TYPE_CELL_TRANSLATED);
        assert_eq!(translated.len(), 4, "{:#?}", page.diagnostics);
        assert_eq!((translated[0].line, translated[0].column), (7, 8));
        assert!(
            translated[3].message.contains("no key"),
            "{}",
            translated[3]
        );
        // The table said nothing the JSON contradicts.
        assert!(with_code(&page, codes::PROPERTY_TYPE_MISMATCH).is_empty());
    }

    #[test]
    fn the_json_array_makes_a_translated_cell_a_collection() {
        let page = page("|legs|Строка|Ножки.|", "{ \"legs\": [\"String\"] }");
        assert_eq!(typed(&page), [("legs", "Collection(Edm.String)")]);
    }

    #[test]
    fn a_translated_or_recased_name_cell_takes_the_json_key() {
        let page = page(
            "|id|String|Ид.|\n|подпись|String|Подпись.|\n|IsTilted|Boolean|Наклон.|\n|холст|[canvas](canvas.md)|Холст.|\n|ножки|Целое число|Ножки.|",
            "{\n  \"id\": \"String\",\n  \"label\": \"String\",\n  \"isTilted\": \"Boolean\",\n  \"legCount\": \"Int32\",\n  \"surface\": {\"@odata.type\": \"microsoft.graph.canvas\"}\n}",
        );
        assert_eq!(
            typed(&page),
            [
                ("id", "Edm.String"),
                ("label", "Edm.String"),
                ("isTilted", "Edm.Boolean"),
                ("surface", "microsoft.graph.canvas"),
                ("legCount", "Edm.Int32")
            ],
            "{:#?}",
            page.diagnostics
        );
        let named: Vec<&str> = with_code(&page, codes::PROPERTY_NAME_FROM_JSON)
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(named.len(), 4, "{named:#?}");
        for (cell, why) in [
            ("`IsTilted`", "another case"),
            ("`подпись`", "in its place"),
            ("`холст`", "of its type"),
            ("`ножки`", "one key left"),
        ] {
            assert!(
                named.iter().any(|m| m.contains(cell) && m.contains(why)),
                "{cell}: {named:#?}"
            );
        }
        assert!(with_code(&page, codes::PROPERTY_MISSING_FROM_TABLE).is_empty());
    }

    #[test]
    fn a_translated_name_cell_no_key_fits_is_skipped_with_a_warning() {
        let page = page(
            "|label|String|Подпись.|\n|холст|[canvas](canvas.md)|Холст.|",
            "{ \"label\": \"String\", \"legCount\": \"Int32\" }",
        );
        assert_eq!(
            typed(&page),
            [("label", "Edm.String"), ("legCount", "Edm.Int32")]
        );
        let skipped = with_code(&page, codes::PROPERTY_NAME_TRANSLATED);
        assert_eq!(skipped.len(), 1, "{:#?}", page.diagnostics);
        assert_eq!((skipped[0].line, skipped[0].column), (8, 2));
    }
}
