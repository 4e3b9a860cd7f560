//! Tables classified by their shape, not by the heading above them: a Properties (or
//! Relationships) table has a name column of identifiers and a type column of types.

use crate::scan::{Heading, Table};
use crate::type_cell::{self, TypeCell};

/// One row of a Properties or Relationships table.
#[derive(Clone, Debug)]
pub(crate) struct PropertyRow<'t> {
    pub name: &'t str,
    pub name_offset: usize,
    /// The type cell, read; `None` when not understood.
    pub ty: Option<TypeCell>,
    /// The type cell's text, for messages.
    pub type_text: &'t str,
    pub type_offset: usize,
    pub description: &'t str,
}

/// A table of properties.
#[derive(Clone, Debug)]
pub(crate) struct PropertyTable<'t> {
    pub start: usize,
    /// A Relationships table: its rows are navigation properties.
    pub navigation: bool,
    pub rows: Vec<PropertyRow<'t>>,
}

/// Reads `table` as a property table if its shape is one.
pub(crate) fn property_table<'t>(
    source: &'t str,
    table: &Table,
    headings: &[Heading<'_>],
) -> Option<PropertyTable<'t>> {
    if table.row_cells(0).len() < 2 || table.rows.len() < 2 {
        return None;
    }
    let mut rows = Vec::new();
    let mut typed = 0;
    for index in 1..table.rows.len() {
        let Some(name) = property_name(table.cell(source, index, 0)) else {
            continue;
        };
        let type_text = table.cell(source, index, 1).trim();
        let ty = type_cell::read(type_text);
        typed += usize::from(ty.is_some());
        rows.push(PropertyRow {
            name,
            name_offset: table.cell_start(index, 0),
            ty,
            type_text,
            type_offset: table.cell_start(index, 1),
            description: table.cell(source, index, 2).trim(),
        });
    }
    let body_rows = table.rows.len() - 1;
    // Most rows must name an identifier and a type; a Methods table (links in the first
    // column) or a Permissions table (prose in both) fails here.
    if rows.is_empty() || rows.len() * 10 < body_rows * 6 || typed * 10 < rows.len() * 6 {
        return None;
    }
    let header_first = table.cell(source, 0, 0).to_ascii_lowercase();
    let navigation =
        header_first.contains("relationship") || section_is_relationships(headings, table.start);
    Some(PropertyTable {
        start: table.start,
        navigation,
        rows,
    })
}

/// Words that name a Relationships section, in the languages the docs come in.
const RELATIONSHIP_WORDS: &[&str] = &["relationship", "关系", "связи", "отношения"];

fn section_is_relationships(headings: &[Heading], offset: usize) -> bool {
    let Some(section) = headings
        .iter()
        .rev()
        .find(|h| h.start < offset && h.level <= 2)
    else {
        return false;
    };
    let text = section.text.to_lowercase();
    let anchor = section.anchor.as_deref().unwrap_or("").to_ascii_lowercase();
    RELATIONSHIP_WORDS
        .iter()
        .any(|w| text.contains(w) || anchor.contains(w))
}

/// The property name in a name cell: `name`, `**name**`, `` `name` ``, `name (deprecated)`.
pub(crate) fn property_name(cell: &str) -> Option<&str> {
    let text = cell.trim().trim_start_matches(['*', '_', '`']).trim_start();
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '@' | '.' | '-')))
        .unwrap_or(text.len());
    let name = text[..end].trim_end_matches(['.', '-']);
    let rest = text[end..].trim_start_matches(['*', '_', '`']);
    let first = name.chars().next()?;
    let plausible_rest = rest.is_empty() || rest.starts_with([' ', '(', '<', '\t']);
    if (first.is_ascii_alphabetic() || first == '@' || first == '_') && plausible_rest {
        Some(name)
    } else {
        None
    }
}

/// Whether `text` is a plausible identifier (an enum member, a property name).
pub(crate) fn is_identifier(text: &str) -> bool {
    property_name(text).is_some_and(|n| n.len() == text.trim().trim_matches(['*', '`']).len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_cells() {
        assert_eq!(property_name("**displayName**"), Some("displayName"));
        assert_eq!(property_name("`id`"), Some("id"));
        assert_eq!(
            property_name("registrantId (deprecated)"),
            Some("registrantId")
        );
        assert_eq!(property_name("@odata.type"), Some("@odata.type"));
        assert_eq!(property_name("[List](../api/x-list.md)"), None);
        assert_eq!(
            property_name("Delegated (work or school account)"),
            Some("Delegated")
        );
        assert!(is_identifier("unknownFutureValue"));
        assert!(!is_identifier("Delegated (work or school account)"));
    }
}
