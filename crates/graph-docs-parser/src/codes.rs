//! The stable diagnostic codes this parser reports, one constant each (documented in the README).

/// A page is not valid UTF-8; it was read with replacement characters.
pub const PAGE_NOT_UTF8: &str = "page-not-utf8";
/// A page could not be read from disk.
pub const PAGE_UNREADABLE: &str = "page-unreadable";
/// A symbolic link in the docs tree leads back to a directory that contains it; not followed.
pub const DIRECTORY_LOOP: &str = "directory-loop";
/// No `v1.0` / `beta` path segment anywhere (tree or page); pages' versions were guessed from content.
pub const VERSION_GUESSED: &str = "version-guessed";
/// Front matter opened with `---` but never closed; the page was read without it.
pub const FRONT_MATTER_UNCLOSED: &str = "front-matter-unclosed";

/// An annotation comment had a trailing comma before `}` or `]`.
pub const ANNOTATION_TRAILING_COMMA: &str = "annotation-trailing-comma";
/// An annotation comment held a `//` or `/* */` comment.
pub const ANNOTATION_COMMENT: &str = "annotation-comment";
/// An annotation comment held non-ASCII whitespace (NBSP, U+202F) between tokens.
pub const ANNOTATION_ODD_WHITESPACE: &str = "annotation-odd-whitespace";
/// An annotation comment lacked a comma between two members or elements.
pub const ANNOTATION_MISSING_COMMA: &str = "annotation-missing-comma";
/// An annotation comment had an object key without quotes.
pub const ANNOTATION_UNQUOTED_KEY: &str = "annotation-unquoted-key";
/// An annotation comment had a line break inside a string.
pub const ANNOTATION_NEWLINE_IN_STRING: &str = "annotation-newline-in-string";
/// An annotation comment is not JSON even when read leniently; the page's other facts are still used.
pub const ANNOTATION_INVALID: &str = "annotation-invalid";
/// An annotation key had a value of the wrong JSON type (`"abstract": "true"`) or `null`.
pub const ANNOTATION_VALUE: &str = "annotation-value";
/// An annotation comment was opened with `<!--` and never closed.
pub const ANNOTATION_UNCLOSED: &str = "annotation-unclosed";
/// An annotation comment's quotes came back HTML-escaped (`&quot;`); read decoded.
pub const ANNOTATION_HTML_ESCAPED: &str = "annotation-html-escaped";

/// The resource JSON block had a trailing comma.
pub const RESOURCE_JSON_TRAILING_COMMA: &str = "resource-json-trailing-comma";
/// The resource JSON block held a `//` or `/* */` comment.
pub const RESOURCE_JSON_COMMENT: &str = "resource-json-comment";
/// The resource JSON block held non-ASCII whitespace between tokens.
pub const RESOURCE_JSON_ODD_WHITESPACE: &str = "resource-json-odd-whitespace";
/// The resource JSON block lacked a comma between two members or elements.
pub const RESOURCE_JSON_MISSING_COMMA: &str = "resource-json-missing-comma";
/// The resource JSON block had an object key without quotes.
pub const RESOURCE_JSON_UNQUOTED_KEY: &str = "resource-json-unquoted-key";
/// The resource JSON block had a line break inside a string.
pub const RESOURCE_JSON_NEWLINE_IN_STRING: &str = "resource-json-newline-in-string";
/// The resource JSON block is not JSON even when read leniently; the table alone was used.
pub const RESOURCE_JSON_INVALID: &str = "resource-json-invalid";
/// The resource JSON block's quotes came back HTML-escaped (`&quot;`); read decoded.
pub const RESOURCE_JSON_HTML_ESCAPED: &str = "resource-json-html-escaped";
/// A resource annotation is not followed by a fenced JSON block.
pub const RESOURCE_JSON_MISSING: &str = "resource-json-missing";
/// A resource annotation has no `@odata.type`; the type name was taken from the page title.
pub const RESOURCE_NAME_MISSING: &str = "resource-name-missing";
/// A JSON placeholder value was not understood; the property is typed `Edm.Untyped`.
pub const PLACEHOLDER_UNKNOWN: &str = "placeholder-unknown";

/// A type cell of a Properties table was not understood; the property is typed `Edm.Untyped`.
pub const TYPE_CELL_UNKNOWN: &str = "type-cell-unknown";
/// A type cell is a word, not a type name (a translated primitive such as `Строка`); the JSON
/// block's placeholder typed the property.
pub const TYPE_CELL_TRANSLATED: &str = "type-cell-translated";
/// A property's type is a word that no page of the tree defines as a type or enum (`Url`,
/// `Booliano`); it was read as the link's target, the other side's type, or `Edm.Untyped`.
pub const TYPE_WORD_UNDEFINED: &str = "type-word-undefined";
/// A table's name cell matches no JSON key, but a key in its place, of its type or in another
/// case is it; the key's spelling was used.
pub const PROPERTY_NAME_FROM_JSON: &str = "property-name-from-json";
/// A table's name cell is a translated word that no JSON key could be matched with; the row
/// was skipped.
pub const PROPERTY_NAME_TRANSLATED: &str = "property-name-translated";
/// A type cell names alternatives (`[a](a.md) or [b](b.md)`); the first one was used.
pub const TYPE_CELL_ALTERNATIVES: &str = "type-cell-alternatives";
/// `DateTime` is not an OData type; it was read as `Edm.DateTimeOffset`.
pub const DATETIME_AS_DATETIMEOFFSET: &str = "datetime-as-datetimeoffset";
/// A property is listed twice; the first row was kept.
pub const PROPERTY_DUPLICATE: &str = "property-duplicate";
/// The table and the JSON block give a property different types.
pub const PROPERTY_TYPE_MISMATCH: &str = "property-type-mismatch";
/// A table property is missing from the JSON block.
pub const PROPERTY_MISSING_FROM_JSON: &str = "property-missing-from-json";
/// A JSON block key is missing from the Properties table.
pub const PROPERTY_MISSING_FROM_TABLE: &str = "property-missing-from-table";
/// A property re-declared from a base type with a different type; the base's declaration wins.
pub const PROPERTY_INHERITED_MISMATCH: &str = "property-inherited-mismatch";
/// A navigation property (Relationships table) on a complex type.
pub const NAVIGATION_ON_COMPLEX: &str = "navigation-on-complex";
/// `keyProperty` names a property the type does not have, even through its bases.
pub const KEY_PROPERTY_UNKNOWN: &str = "key-property-unknown";

/// A type name spelled with the wrong case (`microsoft.graph.GroupIdentity`); normalised.
pub const TYPE_NAME_CASE: &str = "type-name-case";
/// The annotation's `baseType` and the page prose name different base types; the annotation wins.
pub const BASE_TYPE_CONFLICT: &str = "base-type-conflict";
/// A base type has no definition in this version.
pub const BASE_TYPE_UNKNOWN: &str = "base-type-unknown";
/// Base types form a cycle.
pub const BASE_TYPE_CYCLE: &str = "base-type-cycle";
/// A type without a stated base declares every property of a type that other types derive from.
pub const BASE_TYPE_UNSTATED: &str = "base-type-unstated";
/// A type says `"openType": false` but derives from an open type; read as open, as OData says.
pub const OPEN_TYPE_CONTRADICTED: &str = "open-type-contradicted";
/// A property refers to a type or enum with no definition in this version.
pub const TYPE_UNRESOLVED: &str = "type-unresolved";
/// A type or enum is defined on two pages; the type's own page (else the first by path) was
/// kept and the other page's extra properties merged in.
pub const TYPE_DUPLICATE: &str = "type-duplicate";
/// Two pages defining one type give a property different types; the kept page's type was used.
pub const TYPE_DUPLICATE_CONFLICT: &str = "type-duplicate-conflict";

/// An enum section (`### x values`) has no member table.
pub const ENUM_TABLE_MISSING: &str = "enum-table-missing";
/// An enum lists the same member twice; the first was kept.
pub const ENUM_MEMBER_DUPLICATE: &str = "enum-member-duplicate";
/// An enum member cell is not a wire name (a translation rewrote it); not read as a member.
pub const ENUM_MEMBER_NOT_WIRE_NAME: &str = "enum-member-not-wire-name";

/// A response example block has no status line.
pub const RESPONSE_STATUS_MISSING: &str = "response-status-missing";

/// Every code above, for documentation and tests.
pub const ALL: &[&str] = &[
    PAGE_NOT_UTF8,
    PAGE_UNREADABLE,
    DIRECTORY_LOOP,
    VERSION_GUESSED,
    FRONT_MATTER_UNCLOSED,
    ANNOTATION_TRAILING_COMMA,
    ANNOTATION_COMMENT,
    ANNOTATION_ODD_WHITESPACE,
    ANNOTATION_MISSING_COMMA,
    ANNOTATION_UNQUOTED_KEY,
    ANNOTATION_NEWLINE_IN_STRING,
    ANNOTATION_INVALID,
    ANNOTATION_VALUE,
    ANNOTATION_UNCLOSED,
    ANNOTATION_HTML_ESCAPED,
    RESOURCE_JSON_TRAILING_COMMA,
    RESOURCE_JSON_COMMENT,
    RESOURCE_JSON_ODD_WHITESPACE,
    RESOURCE_JSON_MISSING_COMMA,
    RESOURCE_JSON_UNQUOTED_KEY,
    RESOURCE_JSON_NEWLINE_IN_STRING,
    RESOURCE_JSON_INVALID,
    RESOURCE_JSON_HTML_ESCAPED,
    RESOURCE_JSON_MISSING,
    RESOURCE_NAME_MISSING,
    PLACEHOLDER_UNKNOWN,
    TYPE_CELL_UNKNOWN,
    TYPE_CELL_TRANSLATED,
    TYPE_WORD_UNDEFINED,
    PROPERTY_NAME_FROM_JSON,
    PROPERTY_NAME_TRANSLATED,
    TYPE_CELL_ALTERNATIVES,
    DATETIME_AS_DATETIMEOFFSET,
    PROPERTY_DUPLICATE,
    PROPERTY_TYPE_MISMATCH,
    PROPERTY_MISSING_FROM_JSON,
    PROPERTY_MISSING_FROM_TABLE,
    PROPERTY_INHERITED_MISMATCH,
    NAVIGATION_ON_COMPLEX,
    KEY_PROPERTY_UNKNOWN,
    TYPE_NAME_CASE,
    BASE_TYPE_CONFLICT,
    BASE_TYPE_UNKNOWN,
    BASE_TYPE_CYCLE,
    BASE_TYPE_UNSTATED,
    OPEN_TYPE_CONTRADICTED,
    TYPE_UNRESOLVED,
    TYPE_DUPLICATE,
    TYPE_DUPLICATE_CONFLICT,
    ENUM_TABLE_MISSING,
    ENUM_MEMBER_DUPLICATE,
    ENUM_MEMBER_NOT_WIRE_NAME,
    RESPONSE_STATUS_MISSING,
];

#[cfg(test)]
mod tests {
    #[test]
    fn codes_are_unique_kebab_case() {
        let mut seen = std::collections::BTreeSet::new();
        for code in super::ALL {
            assert!(seen.insert(*code), "{code} listed twice");
            assert!(code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
        }
    }
}
