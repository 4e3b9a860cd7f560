//! The type of a property as the docs write it, before names are resolved across pages, and
//! the primitive names the docs use (any case, with or without `Edm.`).

use graph_ir::{Primitive, TypeRef};

/// A property type read from a table cell or a JSON placeholder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DocType {
    /// The element type.
    pub element: Element,
    /// Written as a collection (`X collection`, `Collection(X)`, a JSON array).
    pub collection: bool,
}

/// The element type of a [`DocType`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Element {
    /// An `Edm.*` primitive.
    Primitive(Primitive),
    /// A structured type or enum, as written: `identity`, `microsoft.graph.identity`.
    Named(String),
    /// Nothing usable was written.
    Unknown,
}

impl DocType {
    pub fn primitive(p: Primitive) -> Self {
        DocType {
            element: Element::Primitive(p),
            collection: false,
        }
    }

    /// A named type; `microsoft.graph.Json` (any case), which the service types `Edm.Untyped`
    /// (any JSON value), is read as that primitive.
    pub fn named(name: impl Into<String>) -> Self {
        let name = name.into();
        if is_json_name(&name) {
            return DocType::primitive(Primitive::Untyped);
        }
        DocType {
            element: Element::Named(name),
            collection: false,
        }
    }

    pub fn unknown() -> Self {
        DocType {
            element: Element::Unknown,
            collection: false,
        }
    }

    pub fn into_collection(mut self) -> Self {
        self.collection = true;
        self
    }

    /// How much the written type says: unknown < `Edm.String` (the docs' default) < anything else.
    pub fn precision(&self) -> u8 {
        match self.element {
            Element::Unknown => 0,
            Element::Primitive(Primitive::String) | Element::Primitive(Primitive::Untyped) => 1,
            _ => 2,
        }
    }

    /// The reference as Graph metadata spells it, unqualified names placed in `namespace`.
    pub fn to_type_ref(&self, namespace: &str) -> TypeRef {
        let element = match &self.element {
            Element::Primitive(p) => p.type_ref(),
            Element::Named(name) => TypeRef::named(qualify(name, namespace)),
            Element::Unknown => Primitive::Untyped.type_ref(),
        };
        if self.collection {
            TypeRef::collection_of(&element)
        } else {
            element
        }
    }
}

/// Whether `name` is `microsoft.graph.Json` (any case, `#` allowed): any JSON value.
pub(crate) fn is_json_name(name: &str) -> bool {
    name.trim()
        .trim_start_matches('#')
        .eq_ignore_ascii_case("microsoft.graph.json")
}

/// `identity` -> `<namespace>.identity`; `callRecords.x` -> `microsoft.graph.callRecords.x`;
/// names already starting with `microsoft.graph` stay.
pub(crate) fn qualify(name: &str, namespace: &str) -> String {
    qualified_parts(name, namespace).concat()
}

/// The qualified name of [`qualify`] in three pieces, so it can be compared without building it.
fn qualified_parts<'a>(name: &'a str, namespace: &'a str) -> [&'a str; 3] {
    let name = name.trim_start_matches('#');
    if starts_with_ignore_case(name, "microsoft.graph") {
        ["microsoft.graph", &name["microsoft.graph".len()..], ""]
    } else if name.contains('.') {
        ["microsoft.graph.", name, ""]
    } else {
        [namespace, ".", name]
    }
}

/// Whether `a` and `b` qualify (in `namespace`) to the same name, ASCII case ignored.
pub(crate) fn same_qualified_name(a: &str, b: &str, namespace: &str) -> bool {
    let bytes = |name| {
        qualified_parts(name, namespace)
            .into_iter()
            .flat_map(str::bytes)
            .map(|b| b.to_ascii_lowercase())
    };
    bytes(a).eq(bytes(b))
}

/// The last dotted segment of a type name (`microsoft.graph.identity` -> `identity`).
pub(crate) fn simple_name(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

/// `Collection(x)` in any case (`collection(x)`), `#` allowed before it -> `x`.
pub(crate) fn strip_collection(text: &str) -> Option<&str> {
    let text = text.trim().trim_start_matches('#');
    if starts_with_ignore_case(text, "collection(") {
        text["collection(".len()..].strip_suffix(')').map(str::trim)
    } else {
        None
    }
}

pub(crate) fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// A primitive read from its written name, and whether the name was an alias worth a warning
/// (`DateTime`, which OData does not have).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PrimitiveName {
    pub primitive: Primitive,
    pub datetime_alias: bool,
}

/// Reads a primitive name in any case, with or without the `Edm.` prefix.
pub(crate) fn primitive_named(written: &str) -> Option<PrimitiveName> {
    let mut name = written.trim();
    if starts_with_ignore_case(name, "edm.") {
        name = &name[4..];
    }
    if name.len() > 20 {
        return None;
    }
    // Lower-cased on the stack: this runs for every type cell of every table.
    let mut buffer = [0u8; 20];
    let lower = &mut buffer[..name.len()];
    lower.copy_from_slice(name.as_bytes());
    lower.make_ascii_lowercase();
    let primitive = match std::str::from_utf8(lower).unwrap_or("") {
        "string" | "str" => Primitive::String,
        "boolean" | "bool" => Primitive::Boolean,
        "int32" | "int" | "integer" => Primitive::Int32,
        "int64" | "long" => Primitive::Int64,
        "int16" | "short" => Primitive::Int16,
        "byte" => Primitive::Byte,
        "sbyte" => Primitive::SByte,
        "single" | "float" => Primitive::Single,
        "double" | "number" => Primitive::Double,
        "decimal" => Primitive::Decimal,
        "guid" | "uuid" => Primitive::Guid,
        "datetimeoffset" | "timestamp" => Primitive::DateTimeOffset,
        "datetime" => {
            return Some(PrimitiveName {
                primitive: Primitive::DateTimeOffset,
                datetime_alias: true,
            })
        }
        "date" => Primitive::Date,
        "timeofday" | "time of day" | "time" => Primitive::TimeOfDay,
        "duration" | "timespan" => Primitive::Duration,
        "binary" | "base64binary" => Primitive::Binary,
        "stream" => Primitive::Stream,
        "untyped" | "json" => Primitive::Untyped,
        _ => return None,
    };
    Some(PrimitiveName {
        primitive,
        datetime_alias: false,
    })
}

/// Whether `text` could be a type name: `identity`, `microsoft.graph.callRecords.userIdentity`.
pub(crate) fn looks_like_type_name(text: &str) -> bool {
    let text = text.trim_start_matches('#');
    !text.is_empty()
        && text.len() <= 200
        && text.split('.').all(|part| {
            part.chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primitive_names_in_any_case_and_prefix() {
        for (written, p) in [
            ("String", Primitive::String),
            ("string", Primitive::String),
            ("Edm.Int32", Primitive::Int32),
            ("edm.int64", Primitive::Int64),
            ("Boolean", Primitive::Boolean),
            ("DateTimeOffset", Primitive::DateTimeOffset),
            ("Guid", Primitive::Guid),
            ("Double", Primitive::Double),
            ("Date", Primitive::Date),
            ("TimeOfDay", Primitive::TimeOfDay),
            ("Duration", Primitive::Duration),
            ("Binary", Primitive::Binary),
            ("Stream", Primitive::Stream),
            ("Single", Primitive::Single),
            ("Decimal", Primitive::Decimal),
            ("Byte", Primitive::Byte),
        ] {
            assert_eq!(
                primitive_named(written).map(|n| n.primitive),
                Some(p),
                "{written}"
            );
        }
        let datetime = primitive_named("DateTime").unwrap();
        assert_eq!(datetime.primitive, Primitive::DateTimeOffset);
        assert!(datetime.datetime_alias);
        assert_eq!(primitive_named("identity"), None);
    }

    #[test]
    fn names_are_qualified_into_the_page_namespace() {
        assert_eq!(
            qualify("identity", "microsoft.graph"),
            "microsoft.graph.identity"
        );
        assert_eq!(
            qualify("#Microsoft.Graph.identity", "microsoft.graph.security"),
            "microsoft.graph.identity"
        );
        assert_eq!(
            qualify("callRecords.userIdentity", "microsoft.graph"),
            "microsoft.graph.callRecords.userIdentity"
        );
        let t = DocType::named("thumbnailSet").into_collection();
        assert_eq!(
            t.to_type_ref("microsoft.graph").as_str(),
            "Collection(microsoft.graph.thumbnailSet)"
        );
    }
}
