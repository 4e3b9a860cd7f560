//! Response examples in plain-text renders of web pages (what a browser shows when the page is
//! copied as text): a status line (`HTTP/1.1 200 OK`, `HTTP 201 Created`, as API pages write
//! them), headers, a blank line, then a JSON body whose end is found by balancing braces.

use crate::api::{is_status_line, ResponseExample};
use crate::lines::LineIndex;

/// Every response example in `text`, a plain-text page render. `file` is copied into each.
pub fn find_response_examples(file: &str, text: &str) -> Vec<ResponseExample> {
    let lines = LineIndex::new(text);
    let mut out = Vec::new();
    let mut next_line = 0;
    while next_line < text.len() {
        let found = next_line;
        let status_end = text[found..].find('\n').map_or(text.len(), |i| found + i);
        next_line = status_end + 1;
        if !is_status_line(text[found..status_end].trim_end()) {
            continue;
        }
        let (line, column) = lines.line_column(text, found);
        let status = text[found..status_end]
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok());
        let mut pos = (status_end + 1).min(text.len());
        let mut headers = Vec::new();
        while pos < text.len() {
            let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
            let header = text[pos..end].trim();
            if header.is_empty() || header.starts_with(['{', '[']) {
                break;
            }
            match header.split_once(':') {
                Some((name, value)) => {
                    headers.push((name.trim().to_string(), value.trim().to_string()))
                }
                None => break,
            }
            pos = (end + 1).min(text.len());
        }
        let body_start = pos + (text[pos..].len() - text[pos..].trim_start().len());
        let body_end = if text[body_start..].starts_with(['{', '[']) {
            balanced_end(text, body_start)
        } else {
            body_start
        };
        let (body_line, body_column) = lines.line_column(text, body_start);
        out.push(ResponseExample {
            file: file.to_string(),
            line,
            column,
            odata_type: None,
            is_collection: false,
            truncated: false,
            status,
            headers,
            body: text[body_start..body_end].to_string(),
            body_line,
            body_column,
        });
        // The body's own lines are not searched again (a body may quote a status line).
        if body_end > next_line {
            next_line = text[body_end..]
                .find('\n')
                .map_or(text.len(), |i| body_end + i + 1);
        }
    }
    out
}

/// Offset just past the bracket closing the one at `start`, skipping strings; the end of the
/// text when it never closes.
fn balanced_end(text: &str, start: usize) -> usize {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, b) in text.as_bytes()[start..].iter().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return start + i + 1;
                }
            }
            _ => {}
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_status_headers_and_balanced_body() {
        let text = "Intro\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{\n  \"a\": \"}\",\n  \"b\": [1]\n}\nTrailing page text {\nHTTP/1.1 204 No Content\n";
        let found = find_response_examples("render.txt", text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].status, Some(200));
        assert_eq!((found[0].line, found[0].column), (2, 1));
        assert_eq!(
            found[0].headers,
            [("Content-Type".to_string(), "application/json".to_string())]
        );
        assert_eq!(found[0].body, "{\n  \"a\": \"}\",\n  \"b\": [1]\n}");
        assert_eq!((found[0].body_line, found[0].body_column), (5, 1));
        assert_eq!(found[1].status, Some(204));
        assert_eq!(found[1].body, "");
    }

    #[test]
    fn status_lines_with_or_without_a_version_and_only_at_a_line_start() {
        let text = "HTTP 201 Created\nContent-type: application/json\n\n{\"id\": \"1\"}\nSee HTTP/1.1 200 OK in the text.\nhttp/2 200\n\n[1]\nHTTP 20 Short\n";
        let found = find_response_examples("render.txt", text);
        let summary: Vec<(Option<u16>, &str, u32)> = found
            .iter()
            .map(|e| (e.status, e.body.as_str(), e.line))
            .collect();
        assert_eq!(
            summary,
            [(Some(201), "{\"id\": \"1\"}", 1), (Some(200), "[1]", 6)]
        );
    }
}
