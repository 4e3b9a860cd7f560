//! Enumerations: `### <name> values` sections of enums*.md with a `Member` /
//! `Member|Value|Description` table, and single-enum pages (`# <name> enum type`).

use std::collections::HashSet;

use graph_ir::{EnumDef, EnumMember, Source};

use crate::codes;
use crate::report::Reporter;
use crate::scan::{Heading, Scan, Table};
use crate::tables::is_identifier;

/// The enums a page defines, qualified in `namespace`.
pub(crate) fn build_enums(
    source: &str,
    scan: &Scan,
    namespace: &str,
    title: &str,
    report: &mut Reporter,
) -> Vec<EnumDef> {
    let mut enums = Vec::new();
    for (index, heading) in scan.headings.iter().enumerate() {
        let Some(name) = enum_section_name(heading) else {
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
        enums.push(enum_from_table(
            source,
            table,
            &format!("{namespace}.{name}"),
            heading.start,
            report,
        ));
    }
    if enums.is_empty() {
        if let Some(name) = enum_page_name(title) {
            if let Some(table) = scan
                .tables
                .iter()
                .find(|t| looks_like_member_table(source, t))
            {
                let start = scan.headings.first().map_or(0, |h| h.start);
                enums.push(enum_from_table(
                    source,
                    table,
                    &format!("{namespace}.{name}"),
                    start,
                    report,
                ));
            }
        }
    }
    enums
}

/// `teamworkUserIdentityType values` (also `xvalues`, trailing spaces) -> the enum name.
fn enum_section_name<'h>(heading: &'h Heading<'_>) -> Option<&'h str> {
    if heading.level < 2 {
        return None;
    }
    let text = heading.text.trim();
    let name = text.strip_suffix("values")?.trim_end();
    is_identifier(name)
        .then_some(name)
        .filter(|n| !n.contains(' ') && !n.is_empty())
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
