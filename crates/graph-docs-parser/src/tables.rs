//! Tables classified by their shape, not by the heading above them: a Properties (or
//! Relationships) table has a name column of identifiers and a type column of types.

use crate::scan::{Heading, Table};
use crate::type_cell::{self, TypeCell};

/// One row of a Properties or Relationships table.
#[derive(Clone, Debug)]
pub(crate) struct PropertyRow<'t> {
    /// The property name; the cell's text when `name_translated`.
    pub name: &'t str,
    /// The name cell holds a word of another language, not an identifier (`каталог`): the
    /// JSON block may still say which key it is.
    pub name_translated: bool,
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
        let name_cell = table.cell(source, index, 0);
        let (name, name_translated) = match property_name(name_cell) {
            Some(name) => (name, false),
            None => match translated_name(name_cell) {
                Some(name) => (name, true),
                None => continue,
            },
        };
        let type_text = table.cell(source, index, 1).trim();
        let ty = type_cell::read(type_text);
        // A translated name is kept only when its row is otherwise a property row.
        if name_translated && ty.is_none() {
            continue;
        }
        // A cell of plain English words read leniently (`JSON object`) is no evidence of a
        // property table; a cell in another script (`Строка`, `Коллекция [x](x.md)`) is, as
        // much as `String` would be.
        let evidence = ty
            .as_ref()
            .is_some_and(|t| !t.lenient || !type_text.is_ascii());
        typed += usize::from(evidence);
        rows.push(PropertyRow {
            name,
            name_translated,
            name_offset: table.cell_start(index, 0),
            ty,
            type_text,
            type_offset: table.cell_start(index, 1),
            description: table.cell(source, index, 2).trim(),
        });
    }
    let body_rows = table.rows.len() - 1;
    // Most rows must name an identifier (or a translated word) and a type; a Methods table
    // (links in the first column) or a Permissions table (prose in both) fails here.
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

/// A name cell a translation rewrote: one or two words with letters of another script
/// (`каталог`, `デバイス`), no markup or sentence.
fn translated_name(cell: &str) -> Option<&str> {
    let text = cell.trim().trim_matches(['*', '_', '`']).trim();
    let foreign = text.chars().any(|c| c.is_alphabetic() && !c.is_ascii());
    let wordy = text
        .chars()
        .all(|c| c.is_alphanumeric() || c == ' ' || c == '-' || c == '_');
    (foreign && wordy && text.split_whitespace().count() <= 2 && text.chars().count() <= 40)
        .then_some(text)
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

    fn first_table(page: &str) -> Option<PropertyTable<'_>> {
        let mut report = crate::report::Reporter::new("p.md", page);
        let scanned = crate::scan::scan(page, 0, &mut report);
        property_table(page, &scanned.tables[0], &scanned.headings)
    }

    #[test]
    fn a_table_of_translated_type_cells_is_read_row_by_row() {
        let page = "|Свойство|Тип|Описание|\n|:--|:--|:--|\n|label|Строка|Подпись.|\n|isTilted|Логическое|Наклон.|\n|холст|[canvas](canvas.md)|Холст.|\n|size|Int32|Размер.|\n";
        let table = first_table(page).expect("not dropped for its translated cells");
        let rows: Vec<(&str, bool)> = table
            .rows
            .iter()
            .map(|r| (r.name, r.name_translated))
            .collect();
        assert_eq!(
            rows,
            [
                ("label", false),
                ("isTilted", false),
                ("холст", true),
                ("size", false)
            ]
        );
        assert!(table.rows[0].ty.as_ref().is_some_and(|t| t.translated));
        // English words in the type column are no evidence: a definition table stays out.
        let page = "|Property|Type|Description|\n|:--|:--|:--|\n|Version|Integer|Set to 1.|\n|Policies|JSON object|The policies.|\n";
        assert!(first_table(page).is_none());
        // Nor do permission tables become property tables.
        let page = "|Тип разрешения|Разрешения|\n|:--|:--|\n|Делегированные (рабочая или учебная учетная запись)|User.Read|\n";
        assert!(first_table(page).is_none());
    }
}
