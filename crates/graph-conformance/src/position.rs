//! Maps a position inside an example body (serde's 1-based line and byte column) to the
//! page's line and character column, since the body starts somewhere inside the page.

use graph_docs_parser::ResponseExample;

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
