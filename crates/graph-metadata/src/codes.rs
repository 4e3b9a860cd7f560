//! The stable diagnostic codes this crate reports, one constant each.
//!
//! `csdl-*` come from reading service metadata, `drift-*` from comparing the docs with it
//! (all notes: drift is information), `correction*` from reading and applying corrections.

/// The metadata file could not be read, or is not UTF-8.
pub const CSDL_UNREADABLE: &str = "csdl-unreadable";
/// The metadata is not well-formed XML; nothing was read.
pub const CSDL_INVALID_XML: &str = "csdl-invalid-xml";
/// The document holds no `Schema` element, so no types.
pub const CSDL_NO_SCHEMA: &str = "csdl-no-schema";
/// A type, property or member has no `Name` attribute; it was skipped.
pub const CSDL_NAME_MISSING: &str = "csdl-name-missing";
/// A property has no `Type` attribute; it was read as `Edm.Untyped`.
pub const CSDL_TYPE_MISSING: &str = "csdl-type-missing";
/// A boolean or integer attribute has a value that is neither; its default was used.
pub const CSDL_ATTRIBUTE_VALUE: &str = "csdl-attribute-value";
/// A type, enum, property or member is defined twice; the first definition was kept.
pub const CSDL_DUPLICATE: &str = "csdl-duplicate";

/// The metadata defines a type the docs do not (reported when the docs reach it, see `drift`).
pub const DRIFT_TYPE_MISSING_IN_DOCS: &str = "drift-type-missing-in-docs";
/// The docs define a type the metadata does not.
pub const DRIFT_TYPE_MISSING_IN_METADATA: &str = "drift-type-missing-in-metadata";
/// The metadata defines an enum the docs do not (reported when the docs reach it).
pub const DRIFT_ENUM_MISSING_IN_DOCS: &str = "drift-enum-missing-in-docs";
/// The docs define an enum the metadata does not.
pub const DRIFT_ENUM_MISSING_IN_METADATA: &str = "drift-enum-missing-in-metadata";
/// A type or enum is named the same on both sides except for letter case.
pub const DRIFT_TYPE_NAME_CASE: &str = "drift-type-name-case";
/// Entity on one side, complex on the other, or a structured type on one side and an enum on the other.
pub const DRIFT_KIND: &str = "drift-kind";
/// The page states no base type; the metadata gives one.
pub const DRIFT_BASE_UNSTATED: &str = "drift-base-unstated";
/// The page and the metadata give different base types (or only the page gives one).
pub const DRIFT_BASE: &str = "drift-base";
/// A base type or property type names the same type on both sides except for letter case.
pub const DRIFT_REFERENCE_CASE: &str = "drift-reference-case";
/// Abstract on one side only.
pub const DRIFT_ABSTRACT: &str = "drift-abstract";
/// Open on one side only.
pub const DRIFT_OPEN: &str = "drift-open";
/// A media entity (`HasStream`) on one side only.
pub const DRIFT_MEDIA_ENTITY: &str = "drift-media-entity";
/// The page names a key property other than the one the metadata declares (on the type or a base).
pub const DRIFT_KEY: &str = "drift-key";
/// The metadata declares a property that the page neither lists nor inherits.
pub const DRIFT_PROPERTY_MISSING_IN_DOCS: &str = "drift-property-missing-in-docs";
/// The page lists a property that the metadata neither declares on the type nor on a base.
pub const DRIFT_PROPERTY_MISSING_IN_METADATA: &str = "drift-property-missing-in-metadata";
/// A property is named the same on both sides except for letter case.
pub const DRIFT_PROPERTY_NAME_CASE: &str = "drift-property-name-case";
/// A property has different types on the two sides (both single values or both collections).
pub const DRIFT_PROPERTY_TYPE: &str = "drift-property-type";
/// The page's type reads as `Edm.Untyped` (often a type cell the parser could not read); the metadata has a type.
pub const DRIFT_PROPERTY_TYPE_UNTYPED: &str = "drift-property-type-untyped";
/// The page lists an inline string enumeration where the metadata has a named enum type.
pub const DRIFT_INLINE_ENUM: &str = "drift-inline-enum";
/// A collection on one side, a single value on the other.
pub const DRIFT_COLLECTION: &str = "drift-collection";
/// A single-valued property is nullable on one side only (collections are not compared, see `drift`).
pub const DRIFT_NULLABLE: &str = "drift-nullable";
/// A navigation property on one side, a structural property on the other.
pub const DRIFT_NAVIGATION: &str = "drift-navigation";
/// A navigation property contains its target on one side only (compared when both sides say).
pub const DRIFT_CONTAINMENT: &str = "drift-containment";
/// The metadata lists an enum member the page does not.
pub const DRIFT_ENUM_MEMBER_MISSING_IN_DOCS: &str = "drift-enum-member-missing-in-docs";
/// The page lists an enum member the metadata does not.
pub const DRIFT_ENUM_MEMBER_MISSING_IN_METADATA: &str = "drift-enum-member-missing-in-metadata";
/// An enum member is named the same on both sides except for letter case.
pub const DRIFT_ENUM_MEMBER_CASE: &str = "drift-enum-member-case";
/// An enum member has different numeric values on the two sides (compared when both give one).
pub const DRIFT_ENUM_MEMBER_VALUE: &str = "drift-enum-member-value";

/// Every drift code, in the order the summary line lists them.
pub const DRIFT: &[&str] = &[
    DRIFT_TYPE_MISSING_IN_DOCS,
    DRIFT_TYPE_MISSING_IN_METADATA,
    DRIFT_ENUM_MISSING_IN_DOCS,
    DRIFT_ENUM_MISSING_IN_METADATA,
    DRIFT_TYPE_NAME_CASE,
    DRIFT_KIND,
    DRIFT_BASE_UNSTATED,
    DRIFT_BASE,
    DRIFT_REFERENCE_CASE,
    DRIFT_ABSTRACT,
    DRIFT_OPEN,
    DRIFT_MEDIA_ENTITY,
    DRIFT_KEY,
    DRIFT_PROPERTY_MISSING_IN_DOCS,
    DRIFT_PROPERTY_MISSING_IN_METADATA,
    DRIFT_PROPERTY_NAME_CASE,
    DRIFT_PROPERTY_TYPE,
    DRIFT_PROPERTY_TYPE_UNTYPED,
    DRIFT_INLINE_ENUM,
    DRIFT_COLLECTION,
    DRIFT_NULLABLE,
    DRIFT_NAVIGATION,
    DRIFT_CONTAINMENT,
    DRIFT_ENUM_MEMBER_MISSING_IN_DOCS,
    DRIFT_ENUM_MEMBER_MISSING_IN_METADATA,
    DRIFT_ENUM_MEMBER_CASE,
    DRIFT_ENUM_MEMBER_VALUE,
];

/// The corrections file is not TOML, or has a top-level key other than `correction`.
pub const CORRECTIONS_INVALID: &str = "corrections-invalid";
/// An entry lacks `version`, `type` or `reason`, has an unknown key, or states no fact or more than one.
pub const CORRECTION_INVALID: &str = "correction-invalid";
/// A correction was applied on top of the pages' IR (a note naming the entry).
pub const CORRECTION_APPLIED: &str = "correction-applied";
/// A correction no longer changes anything: the pages now say what it says.
pub const CORRECTION_STALE: &str = "correction-stale";
/// A correction names a type the schema does not define.
pub const CORRECTION_TYPE_UNKNOWN: &str = "correction-type-unknown";
/// A correction changes a property the type does not declare itself.
pub const CORRECTION_PROPERTY_UNKNOWN: &str = "correction-property-unknown";
/// A correction adds a property the type already has with another type or nullability.
pub const CORRECTION_PROPERTY_EXISTS: &str = "correction-property-exists";
/// A correction refers to a type or enum (a base, a property's type) the schema does not define; it was applied.
pub const CORRECTION_REFERENCE_UNDEFINED: &str = "correction-reference-undefined";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drift_codes_are_unique_kebab_case() {
        let mut seen = std::collections::BTreeSet::new();
        for code in DRIFT {
            assert!(code.starts_with("drift-"), "{code}");
            assert!(
                code.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{code}"
            );
            assert!(seen.insert(code), "{code} listed twice");
        }
        assert_eq!(seen.len(), 27);
    }
}
