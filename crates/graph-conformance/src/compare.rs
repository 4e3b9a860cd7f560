//! Compares the example's JSON with what the model wrote back: object key order is ignored,
//! every other difference is reported with its JSON path. Numbers are left to
//! [`crate::numbers`], which compares their text.

use std::fmt;

use serde_json::Value;

/// One value that did not come back as it went in.
#[derive(Debug, PartialEq)]
pub(crate) enum Difference {
    /// The key was in the example, not in the output.
    Lost { path: String, value: Value },
    /// The key was not in the example but the model wrote it.
    Added { path: String, value: Value },
    /// Both have the path, with different values.
    Changed {
        path: String,
        before: Value,
        after: Value,
    },
}

impl Difference {
    /// The JSON path the difference is about.
    pub(crate) fn path(&self) -> &str {
        match self {
            Difference::Lost { path, .. }
            | Difference::Added { path, .. }
            | Difference::Changed { path, .. } => path,
        }
    }
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Difference::Lost { path, value } => write!(f, "{path}: lost value {}", short(value)),
            Difference::Added { path, value } => {
                write!(f, "{path}: value added by the model: {}", short(value))
            }
            Difference::Changed {
                path,
                before,
                after,
            } => write!(f, "{path}: changed {} -> {}", short(before), short(after)),
        }
    }
}

/// Every difference between `input` and `output`, depth first, in the input's key order.
pub(crate) fn differences(input: &Value, output: &Value) -> Vec<Difference> {
    let mut out = Vec::new();
    walk(&mut String::new(), input, output, &mut out);
    out
}

fn walk(path: &mut String, input: &Value, output: &Value, out: &mut Vec<Difference>) {
    match (input, output) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, before) in a {
                let len = path.len();
                push_key(path, key);
                match b.get(key) {
                    Some(after) => walk(path, before, after, out),
                    None => out.push(Difference::Lost {
                        path: shown(path),
                        value: before.clone(),
                    }),
                }
                path.truncate(len);
            }
            for (key, after) in b {
                if !a.contains_key(key) {
                    let len = path.len();
                    push_key(path, key);
                    out.push(Difference::Added {
                        path: shown(path),
                        value: after.clone(),
                    });
                    path.truncate(len);
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (index, (before, after)) in a.iter().zip(b).enumerate() {
                let len = path.len();
                path.push_str(&format!("[{index}]"));
                walk(path, before, after, out);
                path.truncate(len);
            }
        }
        // Number spelling and value are judged on the text (see `numbers`).
        (Value::Number(_), Value::Number(_)) => {}
        (before, after) if before == after => {}
        (before, after) => out.push(Difference::Changed {
            path: shown(path),
            before: before.clone(),
            after: after.clone(),
        }),
    }
}

/// Appends `key` the way `serde_path_to_error` prints paths (`a.b[0].c`).
pub(crate) fn push_key(path: &mut String, key: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
}

/// `.` for the whole body, like `serde_path_to_error`.
pub(crate) fn shown(path: &str) -> String {
    if path.is_empty() {
        ".".to_string()
    } else {
        path.to_string()
    }
}

/// A value for a message: its JSON, cut after 80 characters.
fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(80) {
        Some((cut, _)) => format!("`{}…`", &text[..cut]),
        None => format!("`{text}`"),
    }
}
