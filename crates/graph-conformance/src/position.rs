//! Maps a position inside an example body (serde's 1-based line and byte column) to the
//! page's line and character column, since the body starts somewhere inside the page.

use graph_docs_parser::ResponseExample;
use graph_ir::{Diagnostic, Severity};

/// A diagnostic of `example`'s page at the page position `(line, column)`, with that page
/// line as its excerpt (taken from the body, which holds every line after the first).
pub(crate) fn diagnostic(
    example: &ResponseExample,
    severity: Severity,
    code: &str,
    (line, column): (u32, u32),
    message: String,
) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(severity, code, &example.file, line, column, message);
    diagnostic.source_line = page_line(example, line);
    diagnostic
}

/// The text of page line `line`, when it is a line of the body (the body's first line is
/// shown from the body's first character: what precedes it on the page is not at hand).
fn page_line(example: &ResponseExample, line: u32) -> Option<String> {
    let index = line.checked_sub(example.body_line)?;
    let text = example.body.lines().nth(index as usize)?;
    let text = text.trim_end_matches('\r');
    if index == 0 && example.body_column > 1 {
        return None;
    }
    Some(text.to_string())
}

/// The page position of serde's `(line, byte_column)` inside `example.body`.
pub(crate) fn in_page(example: &ResponseExample, line: u32, byte_column: u32) -> (u32, u32) {
    page_position(example, body_offset(&example.body, line, byte_column))
}

/// The page position of a JSON syntax error: serde points just past a trailing comma (at the
/// closing bracket), so for that error the comma itself is shown, which is what an editor
/// needs to delete.
pub(crate) fn of_syntax_error(example: &ResponseExample, error: &serde_json::Error) -> (u32, u32) {
    let mut offset = body_offset(&example.body, error.line() as u32, error.column() as u32);
    if error.to_string().starts_with("trailing comma") {
        let before = example.body[..offset].trim_end();
        if before.ends_with(',') {
            offset = before.len() - 1;
        }
    }
    page_position(example, offset)
}

/// Byte offset in `body` of serde's position (the column counts the offending byte itself;
/// 0 means the start of the line).
fn body_offset(body: &str, line: u32, byte_column: u32) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match body[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return body.len(),
        }
    }
    let line_end = body[start..].find('\n').map_or(body.len(), |i| start + i);
    let mut offset = (start + (byte_column as usize).saturating_sub(1)).min(line_end);
    while !body.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Page line and character column of byte `offset` of the body.
pub(crate) fn page_position(example: &ResponseExample, offset: usize) -> (u32, u32) {
    let before = &example.body[..offset];
    let line_in_body = before.matches('\n').count() as u32;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() as u32 + 1;
    if line_in_body == 0 {
        (example.body_line, example.body_column + column - 1)
    } else {
        (example.body_line + line_in_body, column)
    }
}
