//! Number literals are compared by their text, because `serde_json::Value` already hides
//! what a reader would call a change: `4` written back as `4.0` (same value, other spelling)
//! and a 20-digit integer that went through `f64` (other value).

use std::collections::BTreeMap;

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
}

/// Every number whose text differs between `input` and `output` (both valid JSON), by path.
pub(crate) fn spelling_changes(input: &str, output: &str) -> Vec<SpellingChange> {
    let after = number_texts(output);
    number_texts(input)
        .into_iter()
        .filter_map(|(path, before)| {
            let after = after.get(&path)?;
            (*after != before).then(|| SpellingChange {
                same_value: decimal(&before) == decimal(after),
                path,
                before,
                after: after.clone(),
            })
        })
        .collect()
}

/// The text of every number literal in `json`, by JSON path. Text that is not JSON yields
/// whatever was read before the first surprise.
pub(crate) fn number_texts(json: &str) -> BTreeMap<String, String> {
    read(json).found
}

/// The byte offset where each value of `json` starts, by JSON path (`.` is the whole text).
pub(crate) fn value_offsets(json: &str) -> BTreeMap<String, usize> {
    read(json).offsets
}

fn read(json: &str) -> Reader<'_> {
    let mut reader = Reader {
        text: json,
        pos: 0,
        found: BTreeMap::new(),
        offsets: BTreeMap::new(),
    };
    reader.value(&mut String::new());
    reader
}

struct Reader<'a> {
    text: &'a str,
    pos: usize,
    found: BTreeMap<String, String>,
    offsets: BTreeMap<String, usize>,
}

impl Reader<'_> {
    fn skip_space(&mut self) {
        let rest = &self.text[self.pos..];
        self.pos += rest.len() - rest.trim_start_matches([' ', '\t', '\n', '\r']).len();
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    /// Reads one value; `None` on anything that is not JSON.
    fn value(&mut self, path: &mut String) -> Option<()> {
        self.skip_space();
        self.offsets.insert(shown(path), self.pos);
        match self.peek()? {
            b'{' => {
                self.pos += 1;
                loop {
                    self.skip_space();
                    match self.peek()? {
                        b'}' => {
                            self.pos += 1;
                            return Some(());
                        }
                        b',' => self.pos += 1,
                        b'"' => {
                            let key = self.string()?;
                            self.skip_space();
                            (self.peek()? == b':').then_some(())?;
                            self.pos += 1;
                            let len = path.len();
                            push_key(path, &key);
                            self.value(path)?;
                            path.truncate(len);
                        }
                        _ => return None,
                    }
                }
            }
            b'[' => {
                self.pos += 1;
                let mut index = 0;
                loop {
                    self.skip_space();
                    match self.peek()? {
                        b']' => {
                            self.pos += 1;
                            return Some(());
                        }
                        b',' => self.pos += 1,
                        _ => {
                            let len = path.len();
                            path.push_str(&format!("[{index}]"));
                            self.value(path)?;
                            path.truncate(len);
                            index += 1;
                        }
                    }
                }
            }
            b'"' => self.string().map(drop),
            b'-' | b'0'..=b'9' => {
                let start = self.pos;
                let rest = &self.text[start..];
                let len = rest
                    .find(|c: char| !matches!(c, '0'..='9' | '-' | '+' | '.' | 'e' | 'E'))
                    .unwrap_or(rest.len());
                self.pos += len;
                self.found
                    .insert(shown(path), self.text[start..start + len].to_string());
                Some(())
            }
            _ => {
                // true, false, null
                let rest = &self.text[self.pos..];
                let len = rest
                    .find(|c: char| !c.is_ascii_alphabetic())
                    .unwrap_or(rest.len());
                (len > 0).then_some(())?;
                self.pos += len;
                Some(())
            }
        }
    }

    /// Reads a string literal at `pos` and returns it decoded.
    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        let bytes = self.text.as_bytes();
        let mut i = start + 1;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 2,
                b'"' => {
                    self.pos = i + 1;
                    return serde_json::from_str(&self.text[start..=i]).ok();
                }
                _ => i += 1,
            }
        }
        None
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
            r#"{"a": 4, "b": [1E2, 0.50], "c": 12345678901234567890123, "d": -0}"#,
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
    fn keys_are_decoded_and_nested() {
        let texts = number_texts(r#"{"x\u0041": {"v": [ {"n": -1.5e3} ]}, "s": "4,5"}"#);
        assert_eq!(texts.get("xA.v[0].n").map(String::as_str), Some("-1.5e3"));
        assert_eq!(texts.len(), 1);
    }
}
