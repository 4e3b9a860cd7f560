//! The grammar of values in a resource's JSON block: `"String (timestamp)"`, `"String(a|b)"`,
//! `"a | b | c"`, nested objects with `@odata.type`, one-element arrays, and literal examples
//! (`false`, `4.2`, dates, GUIDs) typed by their value.

use graph_ir::Primitive;

use crate::doc_type::{looks_like_type_name, primitive_named, strip_collection, DocType};
use crate::lenient_json::{Node, Value};

/// What a JSON placeholder says about a property.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Placeholder {
    pub ty: DocType,
    /// Inline enumeration members (`String(a|b|c)`, `a | b | c`).
    pub enum_members: Vec<String>,
    /// The placeholder wrote `DateTime`.
    pub datetime_alias: bool,
    /// Set when the value was not understood: what was found.
    pub not_understood: Option<String>,
    /// The value is an example (`false`, `4.2`, a date, a GUID), not a type placeholder.
    pub literal: bool,
    /// The value is one unqualified word read as a type name (`initiatorType`), which may as
    /// well be a sample value (`"id": "b2CAuthenticationMethodsPolicy"`).
    pub bare_name: bool,
}

impl Placeholder {
    fn of(ty: DocType) -> Self {
        Placeholder {
            ty,
            enum_members: Vec::new(),
            datetime_alias: false,
            not_understood: None,
            literal: false,
            bare_name: false,
        }
    }

    fn literal(primitive: Primitive) -> Self {
        Placeholder {
            literal: true,
            ..Placeholder::of(DocType::primitive(primitive))
        }
    }

    fn unknown(found: String) -> Self {
        Placeholder {
            not_understood: Some(found),
            ..Placeholder::of(DocType::unknown())
        }
    }
}

/// Reads the placeholder `node`.
pub(crate) fn read(node: &Node) -> Placeholder {
    match &node.value {
        Value::String(text) => read_text(text),
        Value::Bool(_) => Placeholder::literal(Primitive::Boolean),
        Value::Number(n) => Placeholder::literal(number_type(n)),
        Value::Null => Placeholder::unknown("null".to_string()),
        Value::Object(_) => match node.get("@odata.type").and_then(Node::as_str) {
            Some(name) if strip_collection(name).is_some_and(looks_like_type_name) => {
                let inner = strip_collection(name).unwrap_or_default();
                Placeholder::of(DocType::named(inner.trim_start_matches('#')).into_collection())
            }
            Some(name) if looks_like_type_name(name.trim()) => {
                Placeholder::of(DocType::named(name.trim().trim_start_matches('#')))
            }
            _ => Placeholder::unknown("an object without `@odata.type`".to_string()),
        },
        Value::Array(items) => match items.first() {
            Some(first) => {
                let mut element = read(first);
                element.ty = element.ty.into_collection();
                element
            }
            None => Placeholder::unknown("an empty array".to_string()),
        },
    }
}

fn number_type(n: &str) -> Primitive {
    if n.contains(['.', 'e', 'E']) {
        Primitive::Double
    } else if n.parse::<i32>().is_ok() {
        Primitive::Int32
    } else {
        Primitive::Int64
    }
}

/// Reads a string placeholder.
pub(crate) fn read_text(text: &str) -> Placeholder {
    let text = text.trim();
    if let Some(inner) = strip_collection(text) {
        let mut element = read_text(inner);
        element.ty = element.ty.into_collection();
        return element;
    }
    if let Some((head, inner)) = split_parenthesised(text) {
        let base = primitive_named(head);
        if inner.contains('|') {
            let mut p = Placeholder::of(DocType::primitive(
                base.map_or(Primitive::String, |b| b.primitive),
            ));
            p.enum_members = split_members(inner);
            return p;
        }
        if let Some(qualified) = qualifier_type(inner) {
            return Placeholder::of(DocType::primitive(qualified));
        }
        if let Some(base) = base {
            return Placeholder {
                datetime_alias: base.datetime_alias,
                ..Placeholder::of(DocType::primitive(base.primitive))
            };
        }
    }
    if let Some(name) = primitive_named(text) {
        return Placeholder {
            datetime_alias: name.datetime_alias,
            ..Placeholder::of(DocType::primitive(name.primitive))
        };
    }
    if text.contains('|') {
        let mut p = Placeholder::of(DocType::primitive(Primitive::String));
        p.enum_members = split_members(text);
        return p;
    }
    if let Some(literal) = literal_type(text) {
        return Placeholder::literal(literal);
    }
    let name = text.trim_start_matches('#');
    if looks_like_type_name(name) {
        // A single lower-case word such as `initiatorType` names an enum or type; anything
        // capitalised and dot-free is more likely an example value (`Organizer`).
        let qualified = name.contains('.');
        let lower_first = name.starts_with(|c: char| c.is_ascii_lowercase());
        if qualified || lower_first {
            return Placeholder {
                bare_name: !qualified,
                ..Placeholder::of(DocType::named(name))
            };
        }
    }
    Placeholder::literal(Primitive::String)
}

/// `String (timestamp)` -> (`String`, `timestamp`); also without the space.
fn split_parenthesised(text: &str) -> Option<(&str, &str)> {
    let open = text.find('(')?;
    let inner = text[open + 1..].strip_suffix(')')?;
    let head = text[..open].trim();
    if head.is_empty() || head.contains(' ') {
        return None;
    }
    Some((head, inner.trim()))
}

/// The type a parenthesised qualifier implies, for the qualifiers that change it.
fn qualifier_type(qualifier: &str) -> Option<Primitive> {
    let lower = qualifier.to_ascii_lowercase();
    let lower = lower.trim();
    if lower.contains("timestamp") || lower == "datetime" || lower.contains("date time") {
        Some(Primitive::DateTimeOffset)
    } else if lower.contains("duration") {
        Some(Primitive::Duration)
    } else if lower.contains("time of day") || lower == "timeofday" {
        Some(Primitive::TimeOfDay)
    } else if lower.contains("binary") || lower.contains("base64") {
        Some(Primitive::Binary)
    } else if lower == "date" {
        Some(Primitive::Date)
    } else if lower == "guid" {
        Some(Primitive::Guid)
    } else {
        None
    }
}

fn split_members(list: &str) -> Vec<String> {
    list.split('|')
        .map(|m| m.trim().trim_matches('`').trim())
        .filter(|m| !m.is_empty())
        .map(str::to_string)
        .collect()
}

/// The type of a literal example value: timestamps, dates, GUIDs.
fn literal_type(text: &str) -> Option<Primitive> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range.clone())
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    let is_date_prefix = digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10);
    if is_date_prefix && b.len() == 10 {
        return Some(Primitive::Date);
    }
    if is_date_prefix && matches!(b.get(10), Some(b'T' | b't')) {
        return Some(Primitive::DateTimeOffset);
    }
    if is_guid(text) {
        return Some(Primitive::Guid);
    }
    None
}

fn is_guid(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lenient_json::parse;

    fn type_of(json: &str) -> String {
        read(&parse(json, 0).unwrap().root)
            .ty
            .to_type_ref("microsoft.graph")
            .0
    }

    #[test]
    fn qualifiers_change_the_type() {
        assert_eq!(type_of(r#""String (timestamp)""#), "Edm.DateTimeOffset");
        assert_eq!(type_of(r#""string (identifier)""#), "Edm.String");
        assert_eq!(type_of(r#""String (ISO 8601 duration)""#), "Edm.Duration");
        assert_eq!(type_of(r#""String (time of day)""#), "Edm.TimeOfDay");
        assert_eq!(type_of(r#""String (binary)""#), "Edm.Binary");
        assert_eq!(type_of(r#""Edm.Int32""#), "Edm.Int32");
        assert_eq!(type_of(r#""int32""#), "Edm.Int32");
        assert_eq!(type_of(r#""DateTimeOffset""#), "Edm.DateTimeOffset");
    }

    #[test]
    fn inline_enums_in_both_spellings() {
        let p = read_text("String(None|Attendee|Presenter|Organizer)");
        assert_eq!(p.ty, DocType::primitive(Primitive::String));
        assert_eq!(
            p.enum_members,
            ["None", "Attendee", "Presenter", "Organizer"]
        );
        let p = read_text("user | application | system");
        assert_eq!(p.enum_members, ["user", "application", "system"]);
    }

    #[test]
    fn nested_objects_and_arrays() {
        assert_eq!(
            type_of(r##"{"@odata.type": "#microsoft.graph.identity"}"##),
            "microsoft.graph.identity"
        );
        assert_eq!(
            type_of(r#"[{ "@odata.type": "microsoft.graph.thumbnailSet" }]"#),
            "Collection(microsoft.graph.thumbnailSet)"
        );
        assert_eq!(
            type_of(r##"{"@odata.type": "#microsoft.graph.x", "referrer": "String"}"##),
            "microsoft.graph.x"
        );
        assert_eq!(type_of(r#"["String"]"#), "Collection(Edm.String)");
        assert!(read(&parse("{}", 0).unwrap().root).not_understood.is_some());
    }

    #[test]
    fn literals_are_typed_by_value() {
        assert_eq!(type_of("false"), "Edm.Boolean");
        assert_eq!(type_of("4.2"), "Edm.Double");
        assert_eq!(type_of("42"), "Edm.Int32");
        assert_eq!(type_of("12345678901"), "Edm.Int64");
        assert_eq!(type_of(r#""2021-10-05""#), "Edm.Date");
        assert_eq!(type_of(r#""2021-10-05T04:38:27Z""#), "Edm.DateTimeOffset");
        assert_eq!(
            type_of(r#""dc17674c-81d9-4adb-bfb2-8f6a442e4623""#),
            "Edm.Guid"
        );
        assert_eq!(type_of(r#""Organizer""#), "Edm.String");
        assert_eq!(
            type_of(r#""initiatorType""#),
            "microsoft.graph.initiatorType"
        );
    }
}
