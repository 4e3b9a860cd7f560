//! Enumerations: `### <name> values` sections of enums*.md with a `Member` /
//! `Member|Value|Description` table, and single-enum pages (`# <name> enum type`).
//!
//! Translated pages are read by their anchors: a section whose heading is anchored
//! `<name>-values` (`### <a name="x-values"></a>Значения x`, `x の値`), or whose text names one
//! identifier beside "values" in any language; an enum page by its `<name>-enum-type` anchor or
//! its `enumPageType` doc type. A member cell a translation rewrote (non-ASCII letters) is a
//! warning, not a member.

use std::borrow::Cow;
use std::collections::HashSet;

use graph_ir::{EnumDef, EnumMember, Source};

use crate::codes;
use crate::report::Reporter;
use crate::scan::{Heading, Scan, Table};
use crate::tables::is_identifier;

/// The enums a page defines, qualified in `namespace`. The qualified names of those spelled
/// only by a lower-case anchor (the heading translated the name) go to `named_by_anchor`.
pub(crate) fn build_enums(
    source: &str,
    scan: &Scan,
    namespace: &str,
    title: &str,
    doc_type: Option<&str>,
    named_by_anchor: &mut Vec<String>,
    report: &mut Reporter,
) -> Vec<EnumDef> {
    let mut enums = Vec::new();
    for (index, heading) in scan.headings.iter().enumerate() {
        let Some((name, by_anchor)) = enum_section_name(heading) else {
            continue;
        };
        let section_end = scan.headings.get(index + 1).map_or(usize::MAX, |h| h.start);
        let table = scan
            .tables
            .iter()
            .find(|t| t.start > heading.start && t.start < section_end);
        let Some(table) = table else {
            report.warn(
                codes::ENUM_TABLE_MISSING,
                heading.start,
                format!(
                    "enum section `{}` has no member table; expected a `| Member |` table under it",
                    heading.text
                ),
            );
            continue;
        };
        let qualified = format!("{namespace}.{name}");
        if by_anchor {
            named_by_anchor.push(qualified.clone());
        }
        enums.push(enum_from_table(
            source,
            table,
            &qualified,
            heading.start,
            report,
        ));
    }
    if enums.is_empty() {
        let page = match enum_page_name(title) {
            Some(name) => {
                let start = scan.headings.first().map_or(0, |h| h.start);
                Some((Cow::Borrowed(name), false, start))
            }
            None => translated_enum_page(scan, title, doc_type),
        };
        if let Some((name, by_anchor, start)) = page {
            // A translated header (`|Элемент|Значение|`) is no `Member` header: then the
            // first table after the title.
            let table = scan
                .tables
                .iter()
                .find(|t| looks_like_member_table(source, t))
                .or_else(|| scan.tables.iter().find(|t| t.start > start));
            if let Some(table) = table {
                let qualified = format!("{namespace}.{name}");
                if by_anchor {
                    named_by_anchor.push(qualified.clone());
                }
                enums.push(enum_from_table(source, table, &qualified, start, report));
            }
        }
    }
    enums
}

/// "values" in the languages the Graph docs are published in, as a word of a heading.
const VALUES_WORDS: &[&str] = &[
    "values",
    "valores",
    "valeurs",
    "werte",
    "valori",
    "wartości",
    "значения",
    "の値",
    "値",
    "值",
    "값",
];

/// The name a translated heading gives its enum: by a `<name>-values` anchor (the identifier in
/// the text that matches it, else the anchor's own lower-case spelling, flagged `true`), or,
/// without an anchor, the one identifier of a text that has a "values" word in any position.
fn translated_section_name<'h>(heading: &'h Heading<'_>) -> Option<(Cow<'h, str>, bool)> {
    if let Some(anchor) = heading.anchor.as_deref() {
        let stem = strip_suffix_ignore_case(anchor, "-values")?;
        return name_for_anchor(&heading.text, stem);
    }
    let mut values_word = false;
    let mut names = Vec::new();
    for word in heading.text.split_whitespace() {
        let lower = word.to_lowercase();
        if VALUES_WORDS.iter().any(|v| lower == *v) {
            values_word = true;
        } else if is_identifier(word) && word.is_ascii() {
            names.push(word);
        }
    }
    match names.as_slice() {
        [name] if values_word => Some((Cow::Borrowed(*name), false)),
        _ => None,
    }
}

/// The identifier of `text` that spells the anchor `stem` (any case), else the stem itself
/// (lower case: the translation rewrote the name), flagged `true`; `None` when the stem is
/// not one identifier (`example-1-get-values`).
fn name_for_anchor<'h>(text: &'h str, stem: &'h str) -> Option<(Cow<'h, str>, bool)> {
    let plain = !stem.is_empty()
        && stem.starts_with(|c: char| c.is_ascii_alphabetic())
        && stem.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !plain {
        return None;
    }
    let written = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .find(|w| w.eq_ignore_ascii_case(stem));
    Some(match written {
        Some(name) => (Cow::Borrowed(name), false),
        None => (Cow::Owned(stem.to_ascii_lowercase()), true),
    })
}

/// A translated single-enum page: the title heading anchored `<name>-enum-type`, else the
/// one camel-case identifier of the title of an `enumPageType` page. Gives the name, whether
/// it is the anchor's lower-case spelling, and where the page's title is.
fn translated_enum_page<'s>(
    scan: &'s Scan<'_>,
    title: &'s str,
    doc_type: Option<&str>,
) -> Option<(Cow<'s, str>, bool, usize)> {
    let first = scan.headings.iter().find(|h| h.level == 1);
    let start = first.map_or(0, |h| h.start);
    if let Some(heading) = first {
        if let Some(stem) = heading
            .anchor
            .as_deref()
            .and_then(|a| strip_suffix_ignore_case(a, "-enum-type"))
        {
            return name_for_anchor(&heading.text, stem).map(|(n, a)| (n, a, start));
        }
    }
    if !doc_type.is_some_and(|d| d.trim().eq_ignore_ascii_case("enumPageType")) {
        return None;
    }
    let mut names = title
        .split_whitespace()
        .filter(|w| w.is_ascii() && is_identifier(w));
    let name = names.find(|w| w.chars().skip(1).any(|c| c.is_ascii_uppercase()))?;
    Some((Cow::Borrowed(name), false, start))
}

fn strip_suffix_ignore_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = text.len().checked_sub(suffix.len())?;
    (text.is_char_boundary(cut) && text[cut..].eq_ignore_ascii_case(suffix)).then(|| &text[..cut])
}

/// `teamworkUserIdentityType values` (also `xvalues`, trailing spaces) -> the enum name; a
/// translated heading by [`translated_section_name`]. `true` when the name is only the
/// anchor's lower-case spelling.
fn enum_section_name<'h>(heading: &'h Heading<'_>) -> Option<(Cow<'h, str>, bool)> {
    if heading.level < 2 {
        return None;
    }
    let text = heading.text.trim();
    let english = text
        .strip_suffix("values")
        .map(str::trim_end)
        .filter(|n| is_identifier(n) && !n.contains(' ') && !n.is_empty());
    match english {
        Some(name) => Some((Cow::Borrowed(name), false)),
        None => translated_section_name(heading),
    }
}

/// `windowsStartMenuModeType enum type` -> the enum name.
fn enum_page_name(title: &str) -> Option<&str> {
    let name = title.trim().strip_suffix("enum type")?.trim_end();
    is_identifier(name).then_some(name)
}

fn looks_like_member_table(source: &str, table: &Table) -> bool {
    let header = table.cell(source, 0, 0).to_ascii_lowercase();
    header.contains("member") || header.contains("value") || header.contains("name")
}

fn enum_from_table(
    source: &str,
    table: &Table,
    name: &str,
    start: usize,
    report: &mut Reporter,
) -> EnumDef {
    let columns = table.row_cells(0).len();
    let header = |c: usize| table.cell(source, 0, c).to_ascii_lowercase();
    let is_numeric_column =
        |c: usize| (1..table.rows.len()).all(|r| parse_value(table.cell(source, r, c)).is_some());
    let value_column = (1..columns).find(|&c| {
        let h = header(c);
        !h.contains("description")
            && (h.contains("value") || is_numeric_column(c))
            && is_numeric_column(c)
    });
    let description_column = (1..columns)
        .rev()
        .find(|&c| Some(c) != value_column && !is_numeric_column(c));
    let mut members = Vec::new();
    let mut seen = HashSet::new();
    let mut after_unknown = false;
    for row in 1..table.rows.len() {
        let member = table
            .cell(source, row, 0)
            .trim()
            .trim_matches(['`', '*'])
            .trim();
        if member.is_empty() {
            continue;
        }
        if member.contains(|c: char| !c.is_ascii()) {
            report.warn(
                codes::ENUM_MEMBER_NOT_WIRE_NAME,
                table.cell_start(row, 0),
                format!("member cell `{member}` of `{name}` holds non-ASCII letters, so a translation rewrote it; expected the member as Graph sends it (skipped)"),
            );
            continue;
        }
        if !seen.insert(member.to_string()) {
            report.warn(
                codes::ENUM_MEMBER_DUPLICATE,
                table.cell_start(row, 0),
                format!("member `{member}` of `{name}` is listed twice; expected each member once (the first was kept)"),
            );
            continue;
        }
        members.push(EnumMember {
            name: member.to_string(),
            value: value_column.and_then(|c| parse_value(table.cell(source, row, c))),
            description: description_column.map_or(String::new(), |c| {
                table.cell(source, row, c).trim().to_string()
            }),
            after_unknown_future_value: after_unknown,
            source: Source {
                file: report.file.to_string(),
                line: report.line(table.cell_start(row, 0)),
            },
        });
        if member == "unknownFutureValue" {
            after_unknown = true;
        }
    }
    EnumDef {
        name: name.to_string(),
        description: String::new(),
        members,
        // The page's front matter says it; `parse_page` sets it.
        area: None,
        source: Source {
            file: report.file.to_string(),
            line: report.line(start),
        },
    }
}

fn parse_value(cell: &str) -> Option<i64> {
    let text = cell.trim().trim_matches('`');
    if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        return i64::from_str_radix(hex, 16).ok();
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::scan;

    /// The enums of `page` and the warnings, with the anchor-only names.
    fn enums_of(
        page: &str,
        doc_type: Option<&str>,
    ) -> (Vec<EnumDef>, Vec<String>, Vec<graph_ir::Diagnostic>) {
        let mut report = Reporter::new("p.md", page);
        let scanned = scan(page, 0, &mut report);
        let title = scanned
            .headings
            .iter()
            .find(|h| h.level == 1)
            .map_or(String::new(), |h| h.text.to_string());
        let mut by_anchor = Vec::new();
        let enums = build_enums(
            page,
            &scanned,
            "microsoft.graph",
            &title,
            doc_type,
            &mut by_anchor,
            &mut report,
        );
        (enums, by_anchor, report.diagnostics)
    }

    fn members(def: &EnumDef) -> Vec<&str> {
        def.members.iter().map(|m| m.name.as_str()).collect()
    }

    #[test]
    fn sections_by_their_anchor_or_a_values_word_in_any_position() {
        let page = "# Перечисления\n\n\
            ### <a name=\"paintcolor-values\"></a>Значения paintColor\n\n|Member|\n|:--|\n|red|\n|blue|\n\n\
            ### <a name=\"brushsize-values\"></a>brushSize の値\n\n| Member\n|:--\n| small\n| large\n\n\
            ### <a name=\"example-1-list-values\"></a>Пример 1. Список значений\n\n|a|b|\n|-|-|\n|c|d|\n\n\
            ### canvasKind 值\n\n|Member|\n|:--|\n|flat|\n";
        let (enums, by_anchor, diagnostics) = enums_of(page, None);
        let names: Vec<&str> = enums.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "microsoft.graph.paintColor",
                "microsoft.graph.brushSize",
                "microsoft.graph.canvasKind"
            ],
            "{diagnostics:#?}"
        );
        assert_eq!(members(&enums[0]), ["red", "blue"]);
        assert_eq!(members(&enums[1]), ["small", "large"]);
        assert!(by_anchor.is_empty());
        assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    }

    #[test]
    fn a_heading_that_translated_the_name_is_named_by_its_anchor() {
        let page = "### <a name=\"inkdensity-values\"></a>Значения плотности чернил\n\n|Member|\n|:--|\n|thin|\n";
        let (enums, by_anchor, _) = enums_of(page, None);
        assert_eq!(enums[0].name, "microsoft.graph.inkdensity");
        assert_eq!(by_anchor, ["microsoft.graph.inkdensity"]);
    }

    #[test]
    fn enum_pages_by_anchor_or_doc_type_with_a_translated_header() {
        let page = "# <a name=\"trayposition-enum-type\"></a>Тип перечисления trayPosition\n\nОписание.\n\n|Элемент|Значение|Описание|\n|:--|:--|:--|\n|top|0|Сверху.|\n|bottom|1|Снизу.|\n";
        let (enums, _, _) = enums_of(page, None);
        assert_eq!(enums.len(), 1);
        assert_eq!(enums[0].name, "microsoft.graph.trayPosition");
        assert_eq!(enums[0].members[1].value, Some(1));
        // No anchor: the doc type says it, the camel-case word of the title names it.
        let page = "# Тип перечисления trayPosition\n\n|Элемент|Значение|\n|:--|:--|\n|top|0|\n";
        let (enums, _, _) = enums_of(page, Some("enumPageType"));
        assert_eq!(enums[0].name, "microsoft.graph.trayPosition");
        let (enums, _, _) = enums_of(page, Some("resourcePageType"));
        assert!(enums.is_empty());
        // An English title over a translated header.
        let page = "# trayPosition enum type\n\n|Элемент|Значение|\n|:--|:--|\n|top|0|\n";
        let (enums, _, _) = enums_of(page, None);
        assert_eq!(members(&enums[0]), ["top"]);
    }

    #[test]
    fn a_member_a_translation_rewrote_is_a_warning_not_a_member() {
        let page = "### <a name=\"papersize-values\"></a>papersize の値\n\n|Member|\n|:--|\n|letter|\n|Índice da América do Norte 3x5in|\n|封筒|\n|North America Index 3x5in|\n";
        let (enums, _, diagnostics) = enums_of(page, None);
        assert_eq!(
            members(&enums[0]),
            ["letter", "North America Index 3x5in"],
            "an English wire name with spaces stays"
        );
        let codes: Vec<(&str, u32)> = diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.line))
            .collect();
        assert_eq!(
            codes,
            [
                (codes::ENUM_MEMBER_NOT_WIRE_NAME, 6),
                (codes::ENUM_MEMBER_NOT_WIRE_NAME, 7)
            ]
        );
        assert_eq!(diagnostics[0].column, 2);
    }
}
