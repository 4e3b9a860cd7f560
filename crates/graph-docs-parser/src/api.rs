//! API pages: the request lines of the "HTTP request" part and every example response
//! (annotation facts, status line, headers, and the body text with its exact position).

use serde::Serialize;

use crate::annotation::Annotation;
use crate::codes;
use crate::lenient_json::Value;
use crate::report::Reporter;
use crate::scan::Scan;

/// What an API page documents.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ApiPage {
    /// Path of the page relative to the docs root.
    pub file: String,
    /// Page title (`List attendanceRecords`).
    pub title: String,
    /// Request lines of the "HTTP request" part, e.g. `GET /me/onlineMeetings/{meetingId}`.
    pub requests: Vec<String>,
    /// Every example response, in page order.
    pub responses: Vec<ResponseExample>,
}

/// One example response: an HTTP message as the docs print it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ResponseExample {
    /// Path of the page (relative to the docs root, or as given for a single file).
    pub file: String,
    /// 1-based line of the first line of the message (the status line when present).
    pub line: u32,
    /// 1-based character column of it.
    pub column: u32,
    /// Element type named by the annotation (`microsoft.graph.attendanceRecord`), without
    /// `Collection(...)` and `#`.
    pub odata_type: Option<String>,
    /// The annotation says the body is a collection (`Collection(...)` or `isCollection`).
    pub is_collection: bool,
    /// The annotation says the example is shortened.
    pub truncated: bool,
    /// Status code from the status line (`200`), if one was written.
    pub status: Option<u16>,
    /// Header lines as `(name, value)`, in order.
    pub headers: Vec<(String, String)>,
    /// The body text exactly as written (not validated), or empty.
    pub body: String,
    /// 1-based line of the body's first character.
    pub body_line: u32,
    /// 1-based character column of it.
    pub body_column: u32,
}

/// Reads the API facts of a page.
pub(crate) fn read_api(source: &str, scan: &Scan, title: &str, report: &mut Reporter) -> ApiPage {
    let first_example = scan
        .annotations
        .iter()
        .filter(|a| matches!(a.block_type(), Some("request" | "response")))
        .map(|a| a.start)
        .min()
        .unwrap_or(usize::MAX);
    let mut requests = Vec::new();
    for block in scan.code_blocks.iter().filter(|b| b.start < first_example) {
        if !block.info.to_ascii_lowercase().starts_with("http") {
            continue;
        }
        for line in source[block.content_start..block.content_end].lines() {
            let line = line.trim();
            let method = line.split(' ').next().unwrap_or("");
            if matches!(
                method,
                "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS"
            ) {
                requests.push(line.to_string());
            }
        }
    }
    let mut responses = Vec::new();
    for (index, annotation) in scan.annotations.iter().enumerate() {
        if annotation.block_type() != Some("response") {
            continue;
        }
        let next = scan
            .annotations
            .get(index + 1)
            .map_or(usize::MAX, |a| a.start);
        let Some(block) = scan
            .code_blocks
            .iter()
            .find(|b| b.start >= annotation.end && b.start < next)
        else {
            continue;
        };
        let mut example = read_message(source, block.content_start, block.content_end, report);
        apply_annotation(&mut example, annotation);
        responses.push(example);
    }
    ApiPage {
        file: report.file.to_string(),
        title: title.to_string(),
        requests,
        responses,
    }
}

fn apply_annotation(example: &mut ResponseExample, annotation: &Annotation) {
    if let Some(written) = annotation.string("@odata.type") {
        let written = written.trim();
        let (inner, collection) = match crate::doc_type::strip_collection(written) {
            Some(inner) => (inner, true),
            None => (written, false),
        };
        example.odata_type =
            Some(inner.trim().trim_start_matches('#').to_string()).filter(|t| !t.is_empty());
        example.is_collection |= collection;
    }
    let flag = |key: &str| {
        annotation.json.get(key).is_some_and(|n| match &n.value {
            Value::Bool(b) => *b,
            Value::String(s) => s.eq_ignore_ascii_case("true"),
            _ => false,
        })
    };
    example.is_collection |= flag("isCollection");
    example.truncated = flag("truncated");
}

/// Reads an HTTP response message in `source[start..end]`: status line, headers, blank line, body.
pub(crate) fn read_message(
    source: &str,
    start: usize,
    end: usize,
    report: &mut Reporter,
) -> ResponseExample {
    let mut pos = start;
    // Skip leading blank lines.
    while let Some(line_end) = line_end(source, pos, end) {
        if !source[pos..line_end].trim().is_empty() {
            break;
        }
        pos = (line_end + 1).min(end);
    }
    let (line, column) = report.lines.line_column(source, pos);
    let mut example = ResponseExample {
        file: report.file.to_string(),
        line,
        column,
        ..ResponseExample::default()
    };
    let first_line_end = line_end(source, pos, end).unwrap_or(end);
    let first = source[pos..first_line_end].trim();
    if is_status_line(first) {
        example.status = first.split_whitespace().nth(1).and_then(|c| c.parse().ok());
        pos = (first_line_end + 1).min(end);
        while let Some(le) = line_end(source, pos, end) {
            let header = source[pos..le].trim();
            if header.is_empty() {
                pos = (le + 1).min(end);
                break;
            }
            if header.starts_with(['{', '[']) {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                example
                    .headers
                    .push((name.trim().to_string(), value.trim().to_string()));
            }
            pos = (le + 1).min(end);
        }
    } else if !first.starts_with(['{', '[']) || first.is_empty() {
        report.warn(
            codes::RESPONSE_STATUS_MISSING,
            pos,
            "response example does not start with a status line; expected `HTTP/1.1 <code> <reason>`",
        );
    } else {
        report.warn(
            codes::RESPONSE_STATUS_MISSING,
            pos,
            "response example has a body but no status line; expected `HTTP/1.1 <code> <reason>` first",
        );
    }
    let body = source[pos..end].trim();
    let body_start = if body.is_empty() {
        end
    } else {
        pos + (source[pos..end].len() - source[pos..end].trim_start().len())
    };
    let (body_line, body_column) = report.lines.line_column(source, body_start);
    example.body = body.to_string();
    example.body_line = body_line;
    example.body_column = body_column;
    example
}

/// `HTTP/1.1 200 OK`, `HTTP/2 200`, and without the version, `HTTP 201 Created` (also what
/// [`crate::web_render`] looks for).
pub(crate) fn is_status_line(line: &str) -> bool {
    let Some(rest) = line
        .get(..4)
        .filter(|h| h.eq_ignore_ascii_case("http"))
        .map(|_| &line[4..])
    else {
        return false;
    };
    if rest.starts_with('/') {
        return true;
    }
    rest.starts_with([' ', '\t'])
        && rest
            .split_whitespace()
            .next()
            .is_some_and(|code| code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()))
}

/// End of the line starting at `pos` (offset of its `\n`, or `end`); `None` at the end.
fn line_end(source: &str, pos: usize, end: usize) -> Option<usize> {
    (pos < end)
        .then(|| memchr::memchr(b'\n', &source.as_bytes()[pos..end]).map_or(end, |i| pos + i))
}
