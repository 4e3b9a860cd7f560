//! Inheritance stated in prose: "Inherits from [identity](identity.md).", "This type
//! inherits from [identity]", "extends from the **identity** resource", "is derived from x".

/// A base type named by the page prose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ProseBase {
    /// The name as written (`identity`, `microsoft.graph.identity`).
    pub name: String,
    /// Byte offset of the sentence's verb.
    pub offset: usize,
}

use crate::search::find_ignore_ascii_case;

const PHRASES: &[&str] = &[
    "inherits from",
    "extends from",
    "derived from",
    "derives from",
];

/// The base named by the paragraph `source[start..end]`, if it names one.
pub(crate) fn base_in(source: &str, start: usize, end: usize) -> Option<ProseBase> {
    let text = &source[start..end];
    let (at, phrase) = PHRASES
        .iter()
        .filter_map(|p| find_ignore_ascii_case(text, p).map(|i| (i, p)))
        .min()?;
    let mut rest = text[at + phrase.len()..].trim_start();
    if rest.len() >= 4 && rest[..4].eq_ignore_ascii_case("the ") {
        rest = rest[4..].trim_start();
    }
    let name = name_at(rest)?;
    Some(ProseBase {
        name,
        offset: start + at,
    })
}

/// The type name at the start of `text`: `[x](..)`, `[x][]`, `**x**`, `` `x` ``, or `x`.
fn name_at(text: &str) -> Option<String> {
    let (inner, plain) = if let Some(rest) = text.strip_prefix('[') {
        (&rest[..rest.find(']')?], false)
    } else if let Some(rest) = text.strip_prefix("**") {
        (&rest[..rest.find("**")?], false)
    } else if let Some(rest) = text.strip_prefix('`') {
        (&rest[..rest.find('`')?], false)
    } else {
        let end = text
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
            .unwrap_or(text.len());
        (text[..end].trim_end_matches('.'), true)
    };
    let name = inner.trim().trim_matches(['*', '`']).trim();
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
        && name.starts_with(|c: char| c.is_ascii_alphabetic());
    // A plain word must look like a Graph type name (lower camel case), not English.
    let plausible = !plain
        || (name.starts_with(|c: char| c.is_ascii_lowercase())
            && name.chars().any(|c| c.is_ascii_uppercase())
            || name.contains('.'));
    (valid && plausible).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(text: &str) -> Option<String> {
        base_in(text, 0, text.len()).map(|b| b.name)
    }

    #[test]
    fn every_phrasing_of_the_identity_family() {
        assert_eq!(
            base("Inherits from [identity](identity.md).").as_deref(),
            Some("identity")
        );
        assert_eq!(
            base("This type inherits from [identity]").as_deref(),
            Some("identity")
        );
        assert_eq!(
            base("This resource extends from the **identity** resource to expose SharePoint-specific information.").as_deref(),
            Some("identity")
        );
        assert_eq!(
            base("Inherits from [userIdentity](../resources/useridentity.md).").as_deref(),
            Some("userIdentity")
        );
        assert_eq!(
            base("It is derived from `microsoft.graph.identity`.").as_deref(),
            Some("microsoft.graph.identity")
        );
        assert_eq!(base("Derived from baseItem.").as_deref(), Some("baseItem"));
    }

    #[test]
    fn english_after_the_phrase_is_not_a_type() {
        assert_eq!(base("Values derived from the service are cached."), None);
        assert_eq!(base("It inherits from nothing."), None);
    }
}
