//! The grammar of a Properties table's Type cell: `String`, `Edm.Int32`, `DateTime`,
//! `[identity](identity.md)`, `[thumbnailSet][]`, `X collection`, `Collection(X)`,
//! `microsoft.graph.x`, bare enum names, `[a](a.md) or [b](b.md)`.

use std::borrow::Cow;

use crate::doc_type::{looks_like_type_name, primitive_named, starts_with_ignore_case, DocType};

/// What a type cell says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TypeCell {
    pub ty: DocType,
    /// The cell wrote `DateTime`.
    pub datetime_alias: bool,
    /// The cell offered alternatives; these are the ones not used.
    pub other_alternatives: Vec<String>,
}

/// Words that mark a collection after the element type, in the languages the docs come in.
const COLLECTION_WORDS: &[&str] = &["collection", "集合", "коллекция", "коллекции"];

/// Reads a type cell's markdown; `None` when it is not a type at all.
pub(crate) fn read(cell: &str) -> Option<TypeCell> {
    let unemphasised = strip_emphasis(cell.trim());
    let mut text: &str = &unemphasised;
    let mut collection = false;
    if starts_with_ignore_case(text, "collection(") && text.ends_with(')') {
        text = text["collection(".len()..text.len() - 1].trim();
        collection = true;
    }
    for word in COLLECTION_WORDS {
        if let Some(stripped) = strip_suffix_ignore_case(text, word) {
            text = stripped.trim_end();
            collection = true;
            break;
        }
    }
    let (first, others) = split_alternatives(text);
    let name = link_text(first)?;
    let (ty, datetime_alias) = match primitive_named(name) {
        Some(p) => (DocType::primitive(p.primitive), p.datetime_alias),
        None if looks_like_type_name(name) => (DocType::named(name), false),
        None => return None,
    };
    Some(TypeCell {
        ty: if collection { ty.into_collection() } else { ty },
        datetime_alias,
        other_alternatives: others
            .iter()
            .filter_map(|a| link_text(a).map(str::to_string))
            .collect(),
    })
}

fn strip_suffix_ignore_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = text.len().checked_sub(suffix.len())?;
    if text.is_char_boundary(cut) && text[cut..].eq_ignore_ascii_case(suffix) {
        Some(&text[..cut])
    } else {
        None
    }
}

/// Removes `**`, `__` and backticks, which wrap names without changing them.
fn strip_emphasis(text: &str) -> Cow<'_, str> {
    if !text.contains(['*', '_', '`']) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("**", "").replace("__", "").replace('`', ""))
}

/// `[a](a.md) or [b](b.md)` -> the first part and the others; a plain cell -> itself and none
/// (without allocating: most cells are plain).
fn split_alternatives(text: &str) -> (&str, Vec<&str>) {
    if !text.contains(" or ") && !text.contains(" | ") {
        let part = text.trim().trim_end_matches(',').trim();
        return (if part.is_empty() { text } else { part }, Vec::new());
    }
    let mut parts = text
        .split(" or ")
        .flat_map(|p| p.split(" | "))
        .map(|p| p.trim().trim_end_matches(',').trim())
        .filter(|p| !p.is_empty());
    match parts.next() {
        Some(first) => (first, parts.collect()),
        None => (text, Vec::new()),
    }
}

/// The name in `[name](target)`, `[name][]`, `[name][ref]`, or the plain text; `None` when
/// the text is more than one name.
fn link_text(text: &str) -> Option<&str> {
    let text = text.trim();
    let name = match text.strip_prefix('[') {
        Some(rest) => {
            let close = rest.find(']')?;
            let after = rest[close + 1..].trim();
            let well_formed = after.is_empty()
                || (after.starts_with('(') && after.ends_with(')'))
                || (after.starts_with('[') && after.ends_with(']'));
            if !well_formed {
                return None;
            }
            &rest[..close]
        }
        None => text,
    };
    let name = name.trim().trim_matches('*').trim();
    if name.is_empty() || name.contains(char::is_whitespace) {
        return None;
    }
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn type_of(cell: &str) -> Option<String> {
        read(cell).map(|c| c.ty.to_type_ref("microsoft.graph").0)
    }

    #[test]
    fn every_cell_variant() {
        assert_eq!(type_of("String").as_deref(), Some("Edm.String"));
        assert_eq!(type_of("string").as_deref(), Some("Edm.String"));
        assert_eq!(type_of("Edm.Int32").as_deref(), Some("Edm.Int32"));
        assert_eq!(
            type_of("[identity](identity.md)").as_deref(),
            Some("microsoft.graph.identity")
        );
        assert_eq!(
            type_of("[thumbnailSet][] collection").as_deref(),
            Some("Collection(microsoft.graph.thumbnailSet)")
        );
        assert_eq!(
            type_of("[attendanceInterval](attendanceinterval.md) collection").as_deref(),
            Some("Collection(microsoft.graph.attendanceInterval)")
        );
        assert_eq!(
            type_of("String collection").as_deref(),
            Some("Collection(Edm.String)")
        );
        assert_eq!(
            type_of("Collection(String)").as_deref(),
            Some("Collection(Edm.String)")
        );
        assert_eq!(
            type_of("microsoft.graph.callRecords.userIdentity").as_deref(),
            Some("microsoft.graph.callRecords.userIdentity")
        );
        assert_eq!(
            type_of("initiatorType").as_deref(),
            Some("microsoft.graph.initiatorType")
        );
        assert_eq!(type_of("`Edm.Boolean`").as_deref(), Some("Edm.Boolean"));
        assert_eq!(
            type_of("[attendanceInterval](attendanceinterval.md) 集合").as_deref(),
            Some("Collection(microsoft.graph.attendanceInterval)")
        );
    }

    #[test]
    fn datetime_is_flagged() {
        let cell = read("DateTime").unwrap();
        assert!(cell.datetime_alias);
        assert_eq!(cell.ty.to_type_ref("x").0, "Edm.DateTimeOffset");
    }

    #[test]
    fn alternatives_keep_the_first() {
        let cell = read("[user](user.md) or [group](group.md)").unwrap();
        assert_eq!(
            cell.ty.to_type_ref("microsoft.graph").0,
            "microsoft.graph.user"
        );
        assert_eq!(cell.other_alternatives, ["group"]);
    }

    #[test]
    fn prose_is_not_a_type() {
        assert_eq!(type_of("Bearer {token}. Required."), None);
        assert_eq!(type_of("Delegated (work or school account)"), None);
        assert_eq!(type_of(""), None);
    }
}
