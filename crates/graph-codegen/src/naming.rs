//! Rust names for Graph names: types, fields, variants and files.
//!
//! Case conversion is heck's; the wire name is always kept beside the Rust name, so a lossy
//! conversion (`isMFARegistered` -> `is_mfa_registered`) never changes what goes on the wire.
//!
//! Rules:
//! - Keywords become raw identifiers (`r#type`, `r#match`), so the field reads like the wire
//!   name; the four keywords that cannot be raw (`self`, `Self`, `super`, `crate`) get a
//!   trailing underscore (`self_`).
//! - A name that would start with a digit gets a prefix: `V` for types and variants
//!   (`1080p` -> `V1080p`), `v_` for fields (`1080p` -> `v_1080p`).
//! - Type names that would shadow a name the generated code itself uses unqualified (`String`,
//!   `Option`, `Vec`, `Box`, ...) get a `Type` suffix (`Option` -> `OptionType`).
//! - Collisions (two wire names, one Rust name) are reported by the planner, which knows the
//!   sources of both.

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Keywords of every edition (strict and reserved) that raw identifiers can stand for.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords rustc refuses as raw identifiers.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Type names the generated files use unqualified; a Graph type must not shadow them.
const SHADOWED_TYPE_NAMES: &[&str] = &[
    "Box",
    "Clone",
    "Debug",
    "Default",
    "Eq",
    "Err",
    "From",
    "Hash",
    "None",
    "Ok",
    "Option",
    "PartialEq",
    "Result",
    "Self",
    "Some",
    "String",
    "Vec",
];

/// The Rust type name for a qualified Graph name.
///
/// `microsoft.graph.attendanceRecord` -> `AttendanceRecord`; names in other namespaces keep the
/// namespace below `microsoft.graph` as a prefix, since all types share one flat module:
/// `microsoft.graph.security.submissionUserIdentity` -> `SecuritySubmissionUserIdentity`.
pub fn type_name(qualified_name: &str) -> String {
    let local = qualified_name
        .strip_prefix("microsoft.graph.")
        .unwrap_or(qualified_name);
    let joined: String = local
        .split('.')
        .map(|segment| segment.to_upper_camel_case())
        .collect();
    let name = upper_camel_identifier(&joined);
    if SHADOWED_TYPE_NAMES.contains(&name.as_str()) {
        format!("{name}Type")
    } else {
        name
    }
}

/// The namespace of a qualified name as module names, outermost first: `microsoft.graph.x` is in
/// the version module itself (`[]`), `microsoft.graph.callRecords.session` in `["call_records"]`.
/// Names outside `microsoft.graph` use every segment but the last.
pub fn namespace_modules(qualified_name: &str) -> Vec<String> {
    namespace_segments(qualified_name)
        .map(|segment| module_name(&upper_camel_identifier(&segment.to_upper_camel_case())))
        .collect()
}

/// The namespace segments of a qualified name below `microsoft.graph`, as written.
fn namespace_segments(qualified_name: &str) -> impl Iterator<Item = &str> {
    let local = qualified_name
        .strip_prefix("microsoft.graph.")
        .unwrap_or(qualified_name);
    let mut segments: Vec<&str> = local.split('.').collect();
    segments.pop();
    segments.into_iter()
}

/// The name a type has inside its namespace module: `rust` without the namespace prefix that
/// [`type_name`] put in (`CallRecordsSession` -> `Session`, `AnyCallRecordsSession` ->
/// `AnySession`), or `rust` itself when stripping would leave no name, a name the generated code
/// needs, or nothing to strip.
pub fn namespace_alias(rust: &str, qualified_name: &str) -> String {
    let prefix: String = namespace_segments(qualified_name)
        .map(|segment| segment.to_upper_camel_case())
        .collect();
    let (any, name) = match rust.strip_prefix("Any") {
        Some(rest) if rest.starts_with(&prefix) => ("Any", rest),
        _ => ("", rust),
    };
    match name.strip_prefix(&prefix) {
        Some(rest)
            if !prefix.is_empty()
                && rest.starts_with(|c: char| c.is_ascii_uppercase())
                && !SHADOWED_TYPE_NAMES.contains(&rest) =>
        {
            format!("{any}{rest}")
        }
        _ => rust.to_string(),
    }
}

/// The Rust type name of a qualified name's last segment alone, by the rules of [`type_name`]:
/// `microsoft.graph.callRecords.session` -> `Session`.
pub fn local_type_name(qualified_name: &str) -> String {
    let local = qualified_name.rsplit('.').next().unwrap_or(qualified_name);
    type_name(local)
}

/// The Rust name for an enum variant from its wire value (`aadUser` -> `AadUser`).
///
/// Variants are always written `Self::X`, so only `Self` itself needs avoiding.
pub fn variant_name(wire: &str) -> String {
    let name = upper_camel_identifier(&wire.to_upper_camel_case());
    if name == "Self" {
        "SelfValue".to_string()
    } else {
        name
    }
}

/// The Rust field (or accessor) name for a wire property name, as text (`r#type` for keywords).
pub fn field_name(wire: &str) -> String {
    let snake = ascii_identifier(&wire.to_snake_case(), '_');
    let snake = if snake.is_empty() {
        "property".to_string()
    } else {
        snake
    };
    if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("v_{snake}")
    } else if NON_RAW_KEYWORDS.contains(&snake.as_str()) {
        format!("{snake}_")
    } else if RAW_KEYWORDS.contains(&snake.as_str()) {
        format!("r#{snake}")
    } else {
        snake
    }
}

/// The file (module) name for a Rust type name: `AttendanceRecord` -> `attendance_record.rs`.
pub fn file_name(rust_type_name: &str) -> String {
    format!("{}.rs", module_name(rust_type_name))
}

/// The module name for a Rust type name; never a keyword (`r#`-free, since `mod r#type` in a
/// file name would be odd): keywords get a trailing underscore.
pub fn module_name(rust_type_name: &str) -> String {
    let snake = rust_type_name.to_snake_case();
    if RAW_KEYWORDS.contains(&snake.as_str()) || NON_RAW_KEYWORDS.contains(&snake.as_str()) {
        format!("{snake}_")
    } else {
        snake
    }
}

/// An identifier token for a name made by this module (handles the `r#` form).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// An UpperCamelCase name made a valid Rust identifier.
fn upper_camel_identifier(camel: &str) -> String {
    let name = ascii_identifier(camel, '\0');
    if name.is_empty() {
        "Unnamed".to_string()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{name}")
    } else {
        name
    }
}

/// Keeps ASCII letters, digits and underscores; other characters become `replacement` (or are
/// dropped when it is `'\0'`). Runs of underscores collapse, and none lead or trail.
fn ascii_identifier(text: &str, replacement: char) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = if c.is_ascii_alphanumeric() || c == '_' {
            c
        } else if replacement == '\0' {
            continue;
        } else {
            replacement
        };
        if c == '_' && (out.is_empty() || out.ends_with('_')) {
            continue;
        }
        out.push(c);
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names() {
        assert_eq!(
            type_name("microsoft.graph.attendanceRecord"),
            "AttendanceRecord"
        );
        assert_eq!(
            type_name("microsoft.graph.security.submissionUserIdentity"),
            "SecuritySubmissionUserIdentity"
        );
        assert_eq!(
            type_name("microsoft.graph.callRecords.userIdentity"),
            "CallRecordsUserIdentity"
        );
        assert_eq!(type_name("microsoft.graph.option"), "OptionType");
        assert_eq!(type_name("microsoft.graph.1080p"), "V1080p");
    }

    #[test]
    fn namespaces() {
        assert!(namespace_modules("microsoft.graph.identity").is_empty());
        assert_eq!(
            namespace_modules("microsoft.graph.callRecords.session"),
            ["call_records"]
        );
        assert_eq!(
            namespace_modules("microsoft.graph.a.type.x"),
            ["a", "type_"]
        );
        let session = "microsoft.graph.callRecords.session";
        assert_eq!(namespace_alias("CallRecordsSession", session), "Session");
        assert_eq!(
            namespace_alias("AnyCallRecordsSession", session),
            "AnySession"
        );
        assert_eq!(namespace_alias("CallRecordsSession2", session), "Session2");
        let option = "microsoft.graph.callRecords.option";
        assert_eq!(
            namespace_alias("CallRecordsOption", option),
            "CallRecordsOption"
        );
        assert_eq!(
            namespace_alias("Identity", "microsoft.graph.identity"),
            "Identity"
        );
    }

    #[test]
    fn field_names() {
        assert_eq!(field_name("isMFARegistered"), "is_mfa_registered");
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("match"), "r#match");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("1080p"), "v_1080p");
        assert_eq!(
            field_name("@microsoft.graph.downloadUrl"),
            "microsoft_graph_download_url"
        );
        assert_eq!(ident("r#type").to_string(), "r#type");
    }

    #[test]
    fn variant_and_file_names() {
        assert_eq!(variant_name("unknownFutureValue"), "UnknownFutureValue");
        assert_eq!(variant_name("1080p"), "V1080p");
        assert_eq!(variant_name("None"), "None");
        assert_eq!(variant_name("Self"), "SelfValue");
        assert_eq!(file_name("AnyIdentity"), "any_identity.rs");
        assert_eq!(module_name("Type"), "type_");
    }
}
