//! Number literals are compared by their text, because `serde_json::Value` already hides
//! what a reader would call a change: `4` written back as `4.0` (same value, other spelling)
//! and a 20-digit integer that went through `f64` (other value).

use std::collections::BTreeMap;

use graph_docs_parser::lenient_json::{self, Node, Value};

use crate::compare::{push_key, shown};

/// A number at the same path in both texts, spelled differently.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct SpellingChange {
    /// JSON path, e.g. `value[0].totalAttendanceInSeconds`.
    pub path: String,
    /// The example's text.
    pub before: String,
    /// The model's text.
    pub after: String,
    /// Both denote exactly the same decimal number.
    pub same_value: bool,
    /// Not the same decimal, but the example's text has no more significant digits than a
    /// double carries (17) and both read as the same double: what a model that holds the
    /// property as `f64` can write (`47.640568390488626` -> `47.640568390488625`). An integer
    /// of 23 digits through `f64` is not this: its digits are lost.
    pub same_double: bool,
}

/// Every number whose text differs between `input` (read with [`JsonTexts::of`]) and `output`
/// (both valid JSON), by path.
pub(crate) fn spelling_changes(input: &JsonTexts, output: &str) -> Vec<SpellingChange> {
    let after = JsonTexts::of(output).numbers;
    input
        .numbers
        .iter()
        .filter_map(|(path, before)| {
            let after = after.get(path)?;
            (after != before).then(|| SpellingChange {
                same_value: decimal(before) == decimal(after),
                same_double: same_double(before, after),
                path: path.clone(),
                before: before.clone(),
                after: after.clone(),
            })
        })
        .collect()
}

/// Number texts and value offsets of a JSON text by path, from the parser's JSON reader (the
/// one reader of the workspace that keeps both; `serde_json::Value` keeps neither), read once
/// for both uses.
#[derive(Debug, Default)]
pub(crate) struct JsonTexts {
    /// The text of every number literal.
    pub numbers: BTreeMap<String, String>,
    /// The byte offset where each value starts (`.` is the whole text).
    pub offsets: BTreeMap<String, usize>,
}

impl JsonTexts {
    /// Reads `json`; a text that is not JSON has no numbers and no offsets.
    pub(crate) fn of(json: &str) -> JsonTexts {
        let mut found = JsonTexts::default();
        // The bodies given here are strict JSON (serde_json read them first), so the lenient
        // reader tolerates nothing.
        if let Ok(parsed) = lenient_json::parse(json, 0) {
            visit(&parsed.root, &mut String::new(), &mut found);
        }
        found
    }
}

fn visit(node: &Node<'_>, path: &mut String, found: &mut JsonTexts) {
    found.offsets.insert(shown(path), node.start);
    match &node.value {
        Value::Number(text) => {
            found.numbers.insert(shown(path), (*text).to_string());
        }
        Value::Object(members) => {
            for member in members {
                let len = path.len();
                push_key(path, &member.key);
                visit(&member.value, path, found);
                path.truncate(len);
            }
        }
        Value::Array(elements) => {
            for (index, element) in elements.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{index}]"));
                visit(element, path, found);
                path.truncate(len);
            }
        }
        Value::Null | Value::Bool(_) | Value::String(_) => {}
    }
}

/// Whether `before` (at most 17 significant digits) and `after` read as the same finite double.
fn same_double(before: &str, after: &str) -> bool {
    let digits = decimal(before).map_or(usize::MAX, |(_, digits, _)| digits.len());
    match (before.parse::<f64>(), after.parse::<f64>()) {
        (Ok(a), Ok(b)) => digits <= 17 && a.is_finite() && a == b,
        _ => false,
    }
}

/// A number literal as an exact decimal: sign, significant digits, power of ten of the last
/// digit. Zero is `(false, "", 0)` whatever its sign or spelling.
fn decimal(text: &str) -> Option<(bool, String, i64)> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], unsigned[at + 1..].parse::<i64>().ok()?),
        None => (unsigned, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits: String = format!("{whole}{fraction}");
    let mut power = exponent - fraction.len() as i64;
    while digits.ends_with('0') {
        digits.pop();
        power += 1;
    }
    let digits = digits.trim_start_matches('0').to_string();
    if digits.is_empty() {
        return Some((false, digits, 0));
    }
    Some((negative, digits, power))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_value_in_another_spelling_is_told_apart_from_another_value() {
        let changes = spelling_changes(
            &JsonTexts::of(r#"{"a": 4, "b": [1E2, 0.50], "c": 12345678901234567890123, "d": -0}"#),
            r#"{"a": 4.0, "b": [100.0, 0.5], "c": 1.2345678901234568e22, "d": 0}"#,
        );
        let summary: Vec<(&str, bool)> = changes
            .iter()
            .map(|c| (c.path.as_str(), c.same_value))
            .collect();
        assert_eq!(
            summary,
            [
                ("a", true),
                ("b[0]", true),
                ("b[1]", true),
                ("c", false),
                ("d", true)
            ]
        );
    }

    #[test]
    fn the_same_double_in_another_spelling_is_not_a_lost_digit() {
        let changes = spelling_changes(
            &JsonTexts::of(
                r#"{"lat": 47.640568390488626, "big": 12345678901234567890123, "x": 0.1}"#,
            ),
            r#"{"lat": 47.640568390488625, "big": 1.2345678901234568e22, "x": 0.2}"#,
        );
        let summary: Vec<(&str, bool, bool)> = changes
            .iter()
            .map(|c| (c.path.as_str(), c.same_value, c.same_double))
            .collect();
        assert_eq!(
            summary,
            [
                ("big", false, false),
                ("lat", false, true),
                ("x", false, false)
            ]
        );
    }

    #[test]
    fn keys_are_decoded_and_nested() {
        let texts = JsonTexts::of(r#"{"x\u0041": {"v": [ {"n": -1.5e3} ]}, "s": "4,5"}"#).numbers;
        assert_eq!(texts.get("xA.v[0].n").map(String::as_str), Some("-1.5e3"));
        assert_eq!(texts.len(), 1);
    }
}
