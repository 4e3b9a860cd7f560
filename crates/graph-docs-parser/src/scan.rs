//! The one markdown pass over a page: headings, annotation comments, fenced code blocks,
//! tables (as source slices) and paragraphs, each with its byte offset.

use std::borrow::Cow;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::annotation::{self, Annotation};
use crate::report::Reporter;

/// A heading.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Heading<'t> {
    pub level: u8,
    /// The visible text (inline markup removed), borrowed from the page when it has no markup.
    pub text: Cow<'t, str>,
    /// The `<a name="...">` anchor of translated pages, if any.
    pub anchor: Option<String>,
    pub start: usize,
}

/// A fenced or indented code block.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct CodeBlock<'t> {
    /// The info string (`json`, `http`, ...), trimmed.
    pub info: Cow<'t, str>,
    /// Byte offset of the fence.
    pub start: usize,
    /// Byte range of the content in the page.
    pub content_start: usize,
    pub content_end: usize,
}

/// A table cell as a byte range of the page (pipes and padding trimmed).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Cell {
    pub start: usize,
    pub end: usize,
}

/// A table row: its cells are `Table::cells[first_cell..first_cell + cell_count]`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Row {
    pub start: usize,
    pub first_cell: usize,
    pub cell_count: usize,
}

/// A table; row 0 is the header. The cells of all rows share one vector (one allocation per
/// table rather than one per row).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Table {
    pub start: usize,
    pub rows: Vec<Row>,
    pub cells: Vec<Cell>,
}

/// Everything the page builders need from the markdown.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Scan<'t> {
    pub headings: Vec<Heading<'t>>,
    pub annotations: Vec<Annotation<'t>>,
    pub code_blocks: Vec<CodeBlock<'t>>,
    pub tables: Vec<Table>,
    /// Byte ranges of paragraphs outside tables.
    pub paragraphs: Vec<(usize, usize)>,
}

/// `text` without surrounding whitespace; borrowed text stays borrowed, and owned text is
/// copied only when there is something to trim.
pub(crate) fn trimmed(text: Cow<'_, str>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(text) => Cow::Borrowed(text.trim()),
        Cow::Owned(text) if text.trim().len() == text.len() => Cow::Owned(text),
        Cow::Owned(text) => Cow::Owned(text.trim().to_string()),
    }
}

/// Runs the markdown pass over `source[body_start..]`; offsets are into `source`.
///
/// The line scanner ([`crate::line_scan`]) does it when the page holds only the shapes it
/// models, which is most pages; else pulldown-cmark does.
pub(crate) fn scan<'t>(source: &'t str, body_start: usize, report: &mut Reporter) -> Scan<'t> {
    crate::line_scan::scan(source, body_start, report)
        .unwrap_or_else(|_| scan_markdown(source, body_start, report))
}

/// The markdown pass by pulldown-cmark, for any page.
pub(crate) fn scan_markdown<'t>(
    source: &'t str,
    body_start: usize,
    report: &mut Reporter,
) -> Scan<'t> {
    let body = &source[body_start..];
    let mut out = Scan::default();
    let mut heading: Option<Heading> = None;
    let mut code: Option<CodeBlock> = None;
    let mut table: Option<Table> = None;
    for (event, range) in Parser::new_ext(body, Options::ENABLE_TABLES).into_offset_iter() {
        let start = body_start + range.start;
        let end = body_start + range.end;
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(Heading {
                    level: level as u8,
                    text: Cow::Borrowed(""),
                    anchor: None,
                    start,
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(mut h) = heading.take() {
                    h.text = trimmed(h.text);
                    out.headings.push(h);
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(h) = heading.as_mut() {
                    h.text.to_mut().push_str(&text);
                } else if let Some(c) = code.as_mut() {
                    if c.content_start == usize::MAX {
                        c.content_start = start;
                    }
                    c.content_end = end;
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(CowStr::Borrowed(info)) => Cow::Borrowed(info.trim()),
                    CodeBlockKind::Fenced(info) => Cow::Owned(info.trim().to_string()),
                    CodeBlockKind::Indented => Cow::Borrowed(""),
                };
                code = Some(CodeBlock {
                    info,
                    start,
                    content_start: usize::MAX,
                    content_end: start,
                });
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(mut c) = code.take() {
                    if c.content_start == usize::MAX {
                        c.content_start = c.content_end;
                    }
                    out.code_blocks.push(c);
                }
            }
            Event::Start(Tag::HtmlBlock) => {
                annotation::read_comments(source, start, end, report, &mut out.annotations);
            }
            Event::InlineHtml(html) => {
                if let Some(h) = heading.as_mut() {
                    if h.anchor.is_none() {
                        h.anchor = anchor_name(&html);
                    }
                } else if html.starts_with("<!--") {
                    annotation::read_comments(source, start, end, report, &mut out.annotations);
                }
            }
            Event::Start(Tag::Table(_)) => {
                table = Some(Table {
                    start,
                    rows: Vec::new(),
                    cells: Vec::new(),
                });
            }
            Event::End(TagEnd::Table) => {
                if let Some(t) = table.take() {
                    out.tables.push(t);
                }
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                if let Some(t) = table.as_mut() {
                    t.rows.push(Row {
                        start,
                        first_cell: t.cells.len(),
                        cell_count: 0,
                    });
                }
            }
            Event::Start(Tag::TableCell) => {
                if let Some(t) = table.as_mut() {
                    if let Some(row) = t.rows.last_mut() {
                        row.cell_count += 1;
                        t.cells.push(trim_cell(source, start, end));
                    }
                }
            }
            Event::Start(Tag::Paragraph) if table.is_none() => {
                out.paragraphs.push((start, end));
            }
            _ => {}
        }
    }
    out
}

/// Trims padding and the row's pipes from a cell's range.
pub(crate) fn trim_cell(source: &str, mut start: usize, mut end: usize) -> Cell {
    let bytes = source.as_bytes();
    while start < end && matches!(bytes[start], b' ' | b'\t' | b'|') {
        start += 1;
    }
    while end > start && matches!(bytes[end - 1], b' ' | b'\t' | b'|' | b'\r' | b'\n') {
        if bytes[end - 1] == b'|' && end >= 2 && bytes[end - 2] == b'\\' {
            break;
        }
        end -= 1;
    }
    Cell { start, end }
}

/// `<a name="x"></a>` -> `x`.
pub(crate) fn anchor_name(html: &str) -> Option<String> {
    let at = html.find("name=\"")? + "name=\"".len();
    let len = html[at..].find('"')?;
    Some(html[at..at + len].to_string())
}

impl Table {
    /// The cells of `row` (none when there is no such row).
    pub fn row_cells(&self, row: usize) -> &[Cell] {
        self.rows.get(row).map_or(&[], |r| {
            &self.cells[r.first_cell..r.first_cell + r.cell_count]
        })
    }

    /// The text of cell `column` of `row`, or "" when the row is shorter.
    pub fn cell<'s>(&self, source: &'s str, row: usize, column: usize) -> &'s str {
        self.row_cells(row)
            .get(column)
            .map_or("", |c| &source[c.start..c.end])
    }

    /// Start offset of cell `column` of `row` (the row start when missing).
    pub fn cell_start(&self, row: usize, column: usize) -> usize {
        self.rows.get(row).map_or(self.start, |r| {
            self.row_cells(row).get(column).map_or(r.start, |c| c.start)
        })
    }
}
