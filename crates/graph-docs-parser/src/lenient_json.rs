//! A tolerant JSON reader for the docs' hand-written blocks: keeps key order and byte spans,
//! and records every deviation from strict JSON (trailing commas, comments, odd whitespace,
//! missing commas) at its exact offset instead of giving up.
//!
//! Why not serde_json + a fallback: the callers need the span of every key (a property's
//! source line) and the keys in written order, which `serde_json::Value` does not keep without
//! switching the whole workspace to `preserve_order`; and one pass that lists every deviation
//! gives better diagnostics than the first strict error followed by a second lenient parse.

use std::borrow::Cow;

/// A parsed value with the byte range it came from (offsets into the text given to [`parse`],
/// shifted by its `base`). Strings, keys and numbers borrow from that text unless unescaping
/// changed them.
#[derive(Clone, Debug, PartialEq)]
pub struct Node<'a> {
    /// The value.
    pub value: Value<'a>,
    /// Byte offset of the first character of the value.
    pub start: usize,
    /// Byte offset just past the value.
    pub end: usize,
}

/// A JSON value; objects keep their members in written order.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, as written.
    Number(&'a str),
    /// A string, unescaped.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Node<'a>>),
    /// An object, members in written order.
    Object(Vec<Member<'a>>),
}

/// One `"key": value` member of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Member<'a> {
    /// The key, unescaped.
    pub key: Cow<'a, str>,
    /// Byte offset of the key's opening quote.
    pub key_start: usize,
    /// The value.
    pub value: Node<'a>,
}

/// A way the text departs from strict JSON that the reader tolerated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deviation {
    /// A comma right before `}` or `]`.
    TrailingComma,
    /// A `//` or `/* */` comment.
    Comment,
    /// Non-ASCII whitespace (NBSP, U+202F, ...) between tokens.
    OddWhitespace,
    /// Two members or elements with no comma between them.
    MissingComma,
    /// A line break inside a string (read as a space).
    NewlineInString,
    /// An object key without quotes.
    UnquotedKey,
    /// A quote written as the HTML entity `&quot;` (only [`parse_html_escaped`] reads these).
    HtmlEscapedQuote,
}

/// A tolerated deviation and where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Leniency {
    /// What was tolerated.
    pub deviation: Deviation,
    /// Byte offset of it.
    pub offset: usize,
}

/// Why the text could not be read even leniently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Byte offset of the offending character.
    pub offset: usize,
    /// What was found and what was expected.
    pub message: String,
}

/// The result of a lenient parse: the value and what was tolerated on the way.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed<'a> {
    /// The top-level value.
    pub root: Node<'a>,
    /// Every tolerated deviation, in text order.
    pub leniencies: Vec<Leniency>,
}

/// Parses `text` as one JSON value (anything after it is an error), reporting offsets as
/// `base + offset in text`.
pub fn parse(text: &str, base: usize) -> Result<Parsed<'_>, SyntaxError> {
    read(text, base, false)
}

/// [`parse`] for text whose quotes came back HTML-escaped from a translation tool
/// (`"@type&quot;: &quot;x"`): every `&quot;` is read as `"` (a
/// [`Deviation::HtmlEscapedQuote`] each). Only for text [`parse`] refused: in valid JSON a
/// `&quot;` inside a string is text.
pub fn parse_html_escaped(text: &str, base: usize) -> Result<Parsed<'_>, SyntaxError> {
    read(text, base, true)
}

fn read(text: &str, base: usize, html_quotes: bool) -> Result<Parsed<'_>, SyntaxError> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        base,
        leniencies: Vec::new(),
        depth: 0,
        html_quotes,
    };
    reader.skip_space();
    let root = reader.value()?;
    reader.skip_space();
    if reader.pos < reader.bytes.len() {
        return Err(reader.error("text after the end of the JSON value; expected nothing"));
    }
    Ok(Parsed {
        root,
        leniencies: reader.leniencies,
    })
}

impl<'a> Node<'a> {
    /// The members if this is an object.
    pub fn as_object(&self) -> Option<&[Member<'a>]> {
        match &self.value {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The string if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The value of member `key` if this is an object that has it (first occurrence).
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        self.as_object()?
            .iter()
            .find(|m| m.key == key)
            .map(|m| &m.value)
    }

    /// Converts to a `serde_json::Value` (object key order is not kept there).
    pub fn to_serde(&self) -> serde_json::Value {
        match &self.value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => {
                serde_json::from_str(n).unwrap_or_else(|_| serde_json::Value::String(n.to_string()))
            }
            Value::String(s) => serde_json::Value::String(s.to_string()),
            Value::Array(items) => items.iter().map(Node::to_serde).collect(),
            Value::Object(members) => serde_json::Value::Object(
                members
                    .iter()
                    .map(|m| (m.key.to_string(), m.value.to_serde()))
                    .collect(),
            ),
        }
    }
}

/// Deep nesting is refused rather than risking the stack on hostile input.
const MAX_DEPTH: usize = 128;

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    base: usize,
    leniencies: Vec<Leniency>,
    depth: usize,
    /// `&quot;` is a quote.
    html_quotes: bool,
}

/// The HTML entity for `"`.
const QUOT: &str = "&quot;";

impl<'a> Reader<'a> {
    /// Whether a quote (`"`, or `&quot;` when those are read) starts at `at`.
    fn quote_at(&self, at: usize) -> bool {
        match self.bytes.get(at) {
            Some(b'"') => true,
            Some(b'&') => self.html_quotes && self.text[at..].starts_with(QUOT),
            _ => false,
        }
    }

    /// Steps over the quote at the current position (recording an escaped one).
    fn skip_quote(&mut self) {
        if self.bytes[self.pos] == b'&' {
            self.tolerate(Deviation::HtmlEscapedQuote, self.pos);
            self.pos += QUOT.len();
        } else {
            self.pos += 1;
        }
    }

    fn error(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            offset: self.base + self.pos,
            message: message.into(),
        }
    }

    fn tolerate(&mut self, deviation: Deviation, at: usize) {
        self.leniencies.push(Leniency {
            deviation,
            offset: self.base + at,
        });
    }

    fn found(&self) -> String {
        match self.text[self.pos..].chars().next() {
            Some(c) => format!("`{}`", c.escape_debug()),
            None => "the end of the block".to_string(),
        }
    }

    /// Skips whitespace and comments, recording the non-strict ones.
    fn skip_space(&mut self) {
        while self.pos < self.bytes.len() {
            match self.bytes[self.pos] {
                b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                b'/' if self.bytes.get(self.pos + 1) == Some(&b'/') => {
                    self.tolerate(Deviation::Comment, self.pos);
                    while self.pos < self.bytes.len() && self.bytes[self.pos] != b'\n' {
                        self.pos += 1;
                    }
                }
                b'/' if self.bytes.get(self.pos + 1) == Some(&b'*') => {
                    self.tolerate(Deviation::Comment, self.pos);
                    match self.text[self.pos + 2..].find("*/") {
                        Some(end) => self.pos += 2 + end + 2,
                        None => self.pos = self.bytes.len(),
                    }
                }
                b if b >= 0x80 => {
                    let c = self.text[self.pos..].chars().next().unwrap_or('\0');
                    if c.is_whitespace() || c == '\u{feff}' {
                        self.tolerate(Deviation::OddWhitespace, self.pos);
                        self.pos += c.len_utf8();
                    } else {
                        return;
                    }
                }
                _ => return,
            }
        }
    }

    fn value(&mut self) -> Result<Node<'a>, SyntaxError> {
        let start = self.pos;
        let value = match self.bytes.get(self.pos) {
            Some(b'{') => self.nested(|r| r.object())?,
            Some(b'[') => self.nested(|r| r.array())?,
            Some(b'"') => Value::String(self.string()?),
            Some(b'&') if self.quote_at(self.pos) => Value::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(b't') if self.text[self.pos..].starts_with("true") => {
                self.pos += 4;
                Value::Bool(true)
            }
            Some(b'f') if self.text[self.pos..].starts_with("false") => {
                self.pos += 5;
                Value::Bool(false)
            }
            Some(b'n') if self.text[self.pos..].starts_with("null") => {
                self.pos += 4;
                Value::Null
            }
            _ => return Err(self.error(format!("found {}; expected a JSON value", self.found()))),
        };
        Ok(Node {
            value,
            start: self.base + start,
            end: self.base + self.pos,
        })
    }

    fn nested(
        &mut self,
        read: impl FnOnce(&mut Self) -> Result<Value<'a>, SyntaxError>,
    ) -> Result<Value<'a>, SyntaxError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(format!("nesting deeper than {MAX_DEPTH} levels")));
        }
        self.depth += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    /// After a member or element: a comma, the closing bracket, or (tolerated) nothing.
    /// Returns true when the container is closed.
    fn separator(&mut self, close: u8, what: &str) -> Result<bool, SyntaxError> {
        self.skip_space();
        match self.bytes.get(self.pos) {
            Some(b',') => {
                let comma = self.pos;
                self.pos += 1;
                self.skip_space();
                if self.bytes.get(self.pos) == Some(&close) {
                    self.tolerate(Deviation::TrailingComma, comma);
                    self.pos += 1;
                    return Ok(true);
                }
                Ok(false)
            }
            Some(&b) if b == close => {
                self.pos += 1;
                Ok(true)
            }
            Some(&b)
                if (what == "element" && matches!(b, b'"' | b'{' | b'['))
                    || (what != "element" && (b == b'"' || b.is_ascii_alphabetic()))
                    || (b == b'&' && self.quote_at(self.pos)) =>
            {
                self.tolerate(Deviation::MissingComma, self.pos);
                Ok(false)
            }
            _ => Err(self.error(format!(
                "found {}; expected `,` or `{}` after an {what}",
                self.found(),
                close as char
            ))),
        }
    }

    fn object(&mut self) -> Result<Value<'a>, SyntaxError> {
        self.pos += 1;
        self.skip_space();
        if self.bytes.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return Ok(Value::Object(Vec::new()));
        }
        // Most objects in the docs have a handful of members: one allocation, not three.
        let mut members = Vec::with_capacity(8);
        loop {
            self.skip_space();
            let key_start = self.base + self.pos;
            let key = match self.bytes.get(self.pos) {
                Some(b'"') => self.string()?,
                Some(b'&') if self.quote_at(self.pos) => self.string()?,
                Some(b) if b.is_ascii_alphabetic() || *b == b'_' || *b == b'@' => {
                    self.tolerate(Deviation::UnquotedKey, self.pos);
                    let start = self.pos;
                    while self.bytes.get(self.pos).is_some_and(|b| {
                        b.is_ascii_alphanumeric() || matches!(b, b'_' | b'@' | b'.' | b'-')
                    }) {
                        self.pos += 1;
                    }
                    Cow::Borrowed(&self.text[start..self.pos])
                }
                _ => {
                    return Err(self.error(format!("found {}; expected a quoted key", self.found())))
                }
            };
            self.skip_space();
            if self.bytes.get(self.pos) != Some(&b':') {
                return Err(self.error(format!(
                    "found {} after key \"{key}\"; expected `:`",
                    self.found()
                )));
            }
            self.pos += 1;
            self.skip_space();
            let value = self.value()?;
            members.push(Member {
                key,
                key_start,
                value,
            });
            if self.separator(b'}', "object member")? {
                return Ok(Value::Object(members));
            }
        }
    }

    fn array(&mut self) -> Result<Value<'a>, SyntaxError> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.bytes.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_space();
            items.push(self.value()?);
            if self.separator(b']', "element")? {
                return Ok(Value::Array(items));
            }
        }
    }

    fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        let open = self.pos;
        self.skip_quote();
        let mut out = String::new();
        loop {
            let rest = &self.bytes[self.pos..];
            let special = memchr::memchr3(b'"', b'\\', b'\n', rest);
            let entity = if self.html_quotes {
                let within = special.map_or(&self.text[self.pos..], |stop| {
                    &self.text[self.pos..self.pos + stop]
                });
                within.find(QUOT)
            } else {
                None
            };
            // `ok_or_else`: the message is built only when the string is really unclosed.
            let stop = entity.or(special).ok_or_else(|| SyntaxError {
                offset: self.base + open,
                message: "string never closed; expected `\"`".to_string(),
            })?;
            let text: &'a str = self.text;
            let piece = &text[self.pos..self.pos + stop];
            self.pos += stop;
            match self.bytes[self.pos] {
                b'"' | b'&' => {
                    self.skip_quote();
                    if out.is_empty() {
                        // Nothing unescaped or joined: the text as written.
                        return Ok(Cow::Borrowed(piece));
                    }
                    out.push_str(piece);
                    return Ok(Cow::Owned(out));
                }
                b'\n' => {
                    out.push_str(piece);
                    self.tolerate(Deviation::NewlineInString, self.pos);
                    out.truncate(out.trim_end_matches('\r').len());
                    out.push(' ');
                    self.pos += 1;
                }
                _ => {
                    out.push_str(piece);
                    self.escape(&mut out)?;
                }
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        let escaped = self.bytes.get(self.pos + 1).copied();
        self.pos += 2;
        let c = match escaped {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let hex = self
                    .text
                    .get(self.pos..self.pos + 4)
                    .and_then(|h| u32::from_str_radix(h, 16).ok());
                match hex {
                    Some(code) => {
                        self.pos += 4;
                        char::from_u32(code).unwrap_or('\u{fffd}')
                    }
                    None => {
                        self.pos -= 2;
                        return Err(self.error("`\\u` not followed by four hex digits"));
                    }
                }
            }
            _ => {
                self.pos -= 2;
                return Err(self.error(
                    "unknown escape; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u",
                ));
            }
        };
        out.push(c);
        Ok(())
    }

    fn number(&mut self) -> Result<Value<'a>, SyntaxError> {
        let start = self.pos;
        while let Some(b) = self.bytes.get(self.pos) {
            if b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E') {
                self.pos += 1;
            } else {
                break;
            }
        }
        let text = &self.text[start..self.pos];
        if text.parse::<f64>().is_err() {
            self.pos = start;
            return Err(self.error(format!("`{text}` is not a number")));
        }
        Ok(Value::Number(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys<'n>(node: &'n Node<'_>) -> Vec<&'n str> {
        node.as_object().unwrap().iter().map(|m| &*m.key).collect()
    }

    #[test]
    fn strict_json_has_no_leniencies_and_keeps_order() {
        let parsed = parse(
            r#"{"b": 1, "a": [true, null, "x\"y"], "c": {"d": -4.2e1}}"#,
            10,
        )
        .unwrap();
        assert!(parsed.leniencies.is_empty());
        assert_eq!(keys(&parsed.root), ["b", "a", "c"]);
        assert_eq!(parsed.root.start, 10);
        let a = parsed.root.get("a").unwrap();
        assert_eq!(a.to_serde(), serde_json::json!([true, null, "x\"y"]));
    }

    #[test]
    fn trailing_commas_are_tolerated_at_their_offset() {
        let text = "{ \"a\": 1,}";
        let parsed = parse(text, 0).unwrap();
        assert_eq!(
            parsed.leniencies,
            [Leniency {
                deviation: Deviation::TrailingComma,
                offset: 8
            }]
        );
        let parsed = parse("[1, 2, ]", 0).unwrap();
        assert_eq!(parsed.leniencies[0].deviation, Deviation::TrailingComma);
    }

    #[test]
    fn comments_of_both_kinds_are_tolerated() {
        let text = "{\n  \"loginName\": \"string\",\n\n  /** inherited from Identity */\n  \"id\": \"string\" // trailing\n}";
        let parsed = parse(text, 0).unwrap();
        assert_eq!(keys(&parsed.root), ["loginName", "id"]);
        let kinds: Vec<_> = parsed.leniencies.iter().map(|l| l.deviation).collect();
        assert_eq!(kinds, [Deviation::Comment, Deviation::Comment]);
    }

    #[test]
    fn narrow_no_break_space_outside_strings_is_tolerated() {
        let parsed = parse("{\"a\":\u{202f}\"x\u{202f}y\"}", 0).unwrap();
        assert_eq!(parsed.leniencies[0].deviation, Deviation::OddWhitespace);
        assert_eq!(parsed.root.get("a").unwrap().as_str(), Some("x\u{202f}y"));
    }

    #[test]
    fn missing_comma_between_members_is_tolerated() {
        let parsed = parse("{\"a\": 1\n \"b\": 2}", 0).unwrap();
        assert_eq!(keys(&parsed.root), ["a", "b"]);
        assert_eq!(parsed.leniencies[0].deviation, Deviation::MissingComma);
    }

    #[test]
    fn hopeless_text_reports_the_exact_offset() {
        let err = parse("{\"a\": String}", 100).unwrap_err();
        assert_eq!(err.offset, 106);
        assert!(
            err.message.contains("expected a JSON value"),
            "{}",
            err.message
        );
        assert!(parse("{\"a\": \"unterminated", 0).is_err());
        let parsed = parse("{isCollection: true, \"d\": \"two\nlines\"}", 0).unwrap();
        let kinds: Vec<_> = parsed.leniencies.iter().map(|l| l.deviation).collect();
        assert_eq!(kinds, [Deviation::UnquotedKey, Deviation::NewlineInString]);
        assert_eq!(parsed.root.get("d").unwrap().as_str(), Some("two lines"));
        assert!(parse("", 0).is_err());
        assert!(parse("{} extra", 0).is_err());
        assert!(parse(&"[".repeat(10_000), 0).is_err());
    }

    #[test]
    fn html_escaped_quotes_are_read_as_quotes_only_when_asked() {
        // A translation tool escaped the quotes inside a line but not at its ends.
        let text =
            "{\n  \"blockType\": \"resource\",\n  \"@type&quot;: &quot;microsoft.graph.x\"\n}";
        assert!(parse(text, 0).is_err());
        let parsed = parse_html_escaped(text, 5).unwrap();
        assert_eq!(keys(&parsed.root), ["blockType", "@type"]);
        assert_eq!(
            parsed.root.get("@type").unwrap().as_str(),
            Some("microsoft.graph.x")
        );
        let at: Vec<_> = parsed
            .leniencies
            .iter()
            .map(|l| (l.deviation, l.offset))
            .collect();
        let first = 5 + text.find("&quot;").unwrap();
        let second = 5 + text.rfind("&quot;").unwrap();
        assert_eq!(
            at,
            [
                (Deviation::HtmlEscapedQuote, first),
                (Deviation::HtmlEscapedQuote, second)
            ]
        );
        // Every quote escaped, and an escaped string last in the text.
        let parsed = parse_html_escaped("[&quot;a&quot;, &quot;b&quot;]", 0).unwrap();
        assert_eq!(parsed.root.to_serde(), serde_json::json!(["a", "b"]));
        // In valid JSON the entity is text, and the plain reader keeps it.
        let parsed = parse("{\"a\": \"say &quot;hi&quot;\"}", 0).unwrap();
        assert_eq!(
            parsed.root.get("a").unwrap().as_str(),
            Some("say &quot;hi&quot;")
        );
    }
}
