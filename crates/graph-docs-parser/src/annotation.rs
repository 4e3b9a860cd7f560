//! Annotation comments (`<!-- { "blockType": "resource", ... } -->`, any closing shape), read
//! leniently; and the shared reporting of what lenient JSON reading tolerated.

use crate::codes;
use crate::lenient_json::{self, Deviation, Node, Value};
use crate::report::Reporter;
use crate::search;

/// One annotation comment holding a JSON object.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Annotation<'t> {
    /// The JSON object.
    pub json: Node<'t>,
    /// Byte offset of `<!--`.
    pub start: usize,
    /// Byte offset just past `-->`.
    pub end: usize,
}

impl Annotation<'_> {
    pub fn block_type(&self) -> Option<&str> {
        self.json.get("blockType").and_then(Node::as_str)
    }

    /// A string-valued key; `null` and absence are both `None`.
    pub fn string(&self, key: &str) -> Option<&str> {
        self.json.get(key).and_then(Node::as_str)
    }

    /// A boolean key, accepting `"true"` / `"false"` strings with a warning.
    pub fn flag(&self, key: &str, report: &mut Reporter) -> Option<bool> {
        let node = self.json.get(key)?;
        match &node.value {
            Value::Bool(b) => Some(*b),
            Value::String(s)
                if s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false") =>
            {
                report.warn(
                    codes::ANNOTATION_VALUE,
                    node.start,
                    format!(
                        "`{key}` is the string \"{s}\"; expected the JSON boolean {}",
                        s.to_ascii_lowercase()
                    ),
                );
                Some(s.eq_ignore_ascii_case("true"))
            }
            Value::Null => None,
            _ => {
                report.warn(
                    codes::ANNOTATION_VALUE,
                    node.start,
                    format!("`{key}` is not a boolean; expected true or false, so it was ignored"),
                );
                None
            }
        }
    }
}

/// Which kind of block a lenient read is for, to pick the diagnostic codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum JsonSite {
    Annotation,
    ResourceBlock,
}

/// Parses `source[start..end]` leniently, reporting every tolerated deviation; on failure
/// reports an error at the exact spot and returns `None`.
pub(crate) fn parse_json<'t>(
    source: &'t str,
    start: usize,
    end: usize,
    site: JsonSite,
    report: &mut Reporter,
) -> Option<Node<'t>> {
    let (trailing, comment, whitespace, missing, unquoted, newline, invalid, what) = match site {
        JsonSite::Annotation => (
            codes::ANNOTATION_TRAILING_COMMA,
            codes::ANNOTATION_COMMENT,
            codes::ANNOTATION_ODD_WHITESPACE,
            codes::ANNOTATION_MISSING_COMMA,
            codes::ANNOTATION_UNQUOTED_KEY,
            codes::ANNOTATION_NEWLINE_IN_STRING,
            codes::ANNOTATION_INVALID,
            "annotation",
        ),
        JsonSite::ResourceBlock => (
            codes::RESOURCE_JSON_TRAILING_COMMA,
            codes::RESOURCE_JSON_COMMENT,
            codes::RESOURCE_JSON_ODD_WHITESPACE,
            codes::RESOURCE_JSON_MISSING_COMMA,
            codes::RESOURCE_JSON_UNQUOTED_KEY,
            codes::RESOURCE_JSON_NEWLINE_IN_STRING,
            codes::RESOURCE_JSON_INVALID,
            "JSON block",
        ),
    };
    let escaped_code = match site {
        JsonSite::Annotation => codes::ANNOTATION_HTML_ESCAPED,
        JsonSite::ResourceBlock => codes::RESOURCE_JSON_HTML_ESCAPED,
    };
    let text = &source[start..end];
    let mut read = lenient_json::parse(text, start);
    // A translation tool may have HTML-escaped the quotes: read them decoded rather than lose
    // the block (only when the text is not JSON as written, where `&quot;` would be text).
    if read.is_err() && search::find(text, "&quot;").is_some() {
        if let Ok(decoded) = lenient_json::parse_html_escaped(text, start) {
            read = Ok(decoded);
        }
    }
    match read {
        Ok(parsed) => {
            let escaped: Vec<usize> = parsed
                .leniencies
                .iter()
                .filter(|l| l.deviation == Deviation::HtmlEscapedQuote)
                .map(|l| l.offset)
                .collect();
            if let Some(&first) = escaped.first() {
                report.warn(
                    escaped_code,
                    first,
                    format!(
                        "{} quote(s) of the {what} are HTML-escaped (`&quot;`); expected `\"` (read decoded)",
                        escaped.len()
                    ),
                );
            }
            for leniency in parsed.leniencies {
                let (code, message) = match leniency.deviation {
                    Deviation::TrailingComma => (
                        trailing,
                        format!("trailing comma in the {what}; expected another member or the closing bracket (read anyway)"),
                    ),
                    Deviation::Comment => (
                        comment,
                        format!("comment in the {what}; JSON has no comments (skipped)"),
                    ),
                    Deviation::OddWhitespace => (
                        whitespace,
                        format!("non-ASCII space in the {what}; expected plain spaces (read as a space)"),
                    ),
                    Deviation::MissingComma => (
                        missing,
                        format!("no comma between two members of the {what}; expected `,` (read as if present)"),
                    ),
                    Deviation::UnquotedKey => (
                        unquoted,
                        format!("key without quotes in the {what}; expected `\"key\"` (read anyway)"),
                    ),
                    Deviation::NewlineInString => (
                        newline,
                        format!("line break inside a string of the {what}; expected `\\n` or a closing `\"` (read as a space)"),
                    ),
                    // Reported once for the whole block, above.
                    Deviation::HtmlEscapedQuote => continue,
                };
                report.warn(code, leniency.offset, message);
            }
            Some(parsed.root)
        }
        Err(error) => {
            report.error(
                invalid,
                error.offset,
                format!(
                    "the {what} is not JSON even read leniently: {}",
                    error.message
                ),
            );
            None
        }
    }
}

/// Reads every `<!-- ... -->` comment in `source[start..end]` (an HTML block or inline HTML)
/// whose content is a JSON object.
pub(crate) fn read_comments<'t>(
    source: &'t str,
    start: usize,
    end: usize,
    report: &mut Reporter,
    out: &mut Vec<Annotation<'t>>,
) {
    let mut pos = start;
    // A comment may close past `end` (`<!-->` ends its HTML block at once), leaving `pos > end`.
    while let Some(open) = search::find(&source[pos.min(end)..end], "<!--").map(|i| pos + i) {
        let inner_start = open + 4;
        let Some(close) = search::find(&source[inner_start..], "-->").map(|i| inner_start + i)
        else {
            if source[inner_start..end].trim_start().starts_with('{') {
                report.error(
                    codes::ANNOTATION_UNCLOSED,
                    open,
                    "annotation comment opened with `<!--` is never closed; expected `-->`",
                );
            }
            return;
        };
        pos = close + 3;
        let inner = &source[inner_start..close];
        let trimmed = inner.trim_start();
        if !trimmed.starts_with('{') {
            continue;
        }
        let json_start = close - inner.len() + (inner.len() - trimmed.len());
        let json_end = inner_start + inner.trim_end().len();
        if let Some(json) = parse_json(source, json_start, json_end, JsonSite::Annotation, report) {
            if json.as_object().is_some() {
                out.push(Annotation {
                    json,
                    start: open,
                    end: pos,
                });
            }
        }
        if pos >= end {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(text: &str) -> (Vec<Annotation<'_>>, Vec<graph_ir::Diagnostic>) {
        let mut report = Reporter::new("p.md", text);
        let mut out = Vec::new();
        read_comments(text, 0, text.len(), &mut report, &mut out);
        (out, report.diagnostics)
    }

    #[test]
    fn every_closing_shape() {
        for text in [
            "<!-- { \"blockType\": \"resource\" } -->",
            "<!-- { \"blockType\": \"resource\" }-->",
            "<!-- {\n  \"blockType\": \"resource\"\n}\n-->",
        ] {
            let (found, diagnostics) = read_all(text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].block_type(), Some("resource"));
            assert!(diagnostics.is_empty());
        }
    }

    #[test]
    fn trailing_comma_warns_at_the_comma() {
        let text = "<!-- { \"blockType\": \"resource\",\n  \"openType\": true,} -->";
        let (found, diagnostics) = read_all(text);
        assert_eq!(found.len(), 1);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, codes::ANNOTATION_TRAILING_COMMA);
        assert_eq!((diagnostics[0].line, diagnostics[0].column), (2, 19));
    }

    #[test]
    fn broken_annotation_is_an_error_at_the_spot_and_plain_comments_are_ignored() {
        let text = "<!-- uuid: 16cd6b66 -->\n<!-- { \"blockType\": resource } -->";
        let (found, diagnostics) = read_all(text);
        assert!(found.is_empty());
        assert_eq!(diagnostics[0].code, codes::ANNOTATION_INVALID);
        assert_eq!((diagnostics[0].line, diagnostics[0].column), (2, 21));
    }

    #[test]
    fn html_escaped_quotes_are_decoded_with_one_warning_at_the_first() {
        let text = "<!-- {\n  \"blockType\": \"resource\",\n  \"@type&quot;: &quot;microsoft.graph.noteAction\"\n}-->";
        let (found, diagnostics) = read_all(text);
        assert_eq!(found.len(), 1, "{diagnostics:#?}");
        assert_eq!(found[0].string("@type"), Some("microsoft.graph.noteAction"));
        assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
        assert_eq!(diagnostics[0].code, codes::ANNOTATION_HTML_ESCAPED);
        assert_eq!((diagnostics[0].line, diagnostics[0].column), (3, 9));
        assert!(
            diagnostics[0].message.contains("2 quote(s)"),
            "{}",
            diagnostics[0]
        );
    }

    #[test]
    fn abstract_as_a_string_is_read_with_a_warning() {
        let text = "<!-- { \"abstract\": \"true\", \"baseType\": null } -->";
        let mut report = Reporter::new("p.md", text);
        let mut out = Vec::new();
        read_comments(text, 0, text.len(), &mut report, &mut out);
        assert_eq!(out[0].flag("abstract", &mut report), Some(true));
        assert_eq!(report.diagnostics[0].code, codes::ANNOTATION_VALUE);
        assert_eq!(out[0].string("baseType"), None);
    }
}
