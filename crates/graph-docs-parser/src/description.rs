//! Facts stated in a property's description: "Possible values are: `a`, `b`, and `c`.",
//! "(deprecated)", "Read-only", "Nullable" / "Not nullable".

use crate::search::find_ignore_ascii_case;

/// What a description says about its property.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct DescriptionFacts {
    /// Members listed after "Possible values are:".
    pub possible_values: Vec<String>,
    /// The sentence that says the property is deprecated.
    pub deprecated: Option<String>,
    pub read_only: bool,
    /// "Not nullable", "non-nullable" (not "Required", which is about requests).
    pub not_nullable: bool,
}

/// Phrases that introduce a list of values, in the languages the docs come in.
const POSSIBLE_VALUES: &[&str] = &[
    "possible values are",
    "possible values include",
    "possible values:",
    "the possible values",
    "可能的值",
    "возможные значения",
    "Возможные значения",
    "可能な値",
    "valores possíveis",
    "valores posibles",
    "mögliche werte",
    "valeurs possibles",
];

/// "Read-only" in the languages the Graph docs are published in (a translated description
/// keeps no English for it: no language-free cue exists).
const READ_ONLY: &[&str] = &[
    "только для чтения",
    "Только для чтения",
    "読み取り専用",
    "只读",
    "somente leitura",
    "solo lectura",
    "sólo lectura",
    "schreibgeschützt",
    "lecture seule",
    "sola lettura",
];

/// "Not nullable" in those languages.
const NOT_NULLABLE: &[&str] = &[
    "null не допускается",
    "NULL не допускается",
    "не допускает значение null",
    "не допускает значение NULL",
    "не может быть null",
    "Не может быть null",
    "null 許容ではありません",
    "不可为 null",
    "不可为null",
    "não anulável",
    "no admite valores null",
    "nicht nullable",
    "non nullable",
];

/// Reads the facts from description markdown.
pub(crate) fn read(description: &str) -> DescriptionFacts {
    let has = |phrase| find_ignore_ascii_case(description, phrase).is_some();
    // The translated phrases only where the text is not all ASCII (most descriptions are).
    let translated = |phrases: &[&str]| {
        !description.is_ascii()
            && phrases
                .iter()
                .any(|p| crate::search::find(description, p).is_some())
    };
    let mut facts = DescriptionFacts {
        read_only: has("read-only") || has("read only") || translated(READ_ONLY),
        // "Required" is about requests (required on create), not a promise that a response
        // never sends `null`: it alone does not make a property non-nullable.
        not_nullable: has("not nullable")
            || has("non-nullable")
            || has("non nullable")
            || translated(NOT_NULLABLE),
        ..DescriptionFacts::default()
    };
    if let Some(at) = find_ignore_ascii_case(description, "deprecated") {
        facts.deprecated = Some(sentence_around(description, at));
    }
    // Members are always backticked; most descriptions have no backtick at all.
    if memchr::memchr(b'`', description.as_bytes()).is_none() {
        return facts;
    }
    if let Some(start) = POSSIBLE_VALUES
        .iter()
        .filter_map(|p| find_ignore_ascii_case(description, p).map(|i| i + p.len()))
        .min()
    {
        facts.possible_values = backticked_list(&description[start..]);
    }
    facts
}

/// The backticked items of the sentence at the start of `text`.
fn backticked_list(text: &str) -> Vec<String> {
    let mut members = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        // The list ends at the first full stop outside backticks.
        if rest[..open].contains(". ") || rest[..open].contains("。") {
            break;
        }
        let Some(close) = rest[open + 1..].find('`') else {
            break;
        };
        let member = rest[open + 1..open + 1 + close].trim();
        if !member.is_empty() && !member.contains(' ') {
            members.push(member.to_string());
        }
        rest = &rest[open + 1 + close + 1..];
    }
    members
}

fn sentence_around(text: &str, at: usize) -> String {
    let start = text[..at].rfind(". ").map_or(0, |i| i + 2);
    let end = text[at..].find(". ").map_or(text.len(), |i| at + i + 1);
    text[start..end].trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn possible_values_list() {
        let facts = read("Role of the attendee. Possible values are: `None`, `Attendee`, `Presenter`, and `Organizer`.  ");
        assert_eq!(
            facts.possible_values,
            ["None", "Attendee", "Presenter", "Organizer"]
        );
        let facts = read("Type. Possible values are: `user`, `application`. Use `$filter` (`eq`).");
        assert_eq!(facts.possible_values, ["user", "application"]);
    }

    #[test]
    fn possible_values_in_chinese() {
        let facts =
            read("与会者的角色。 可能的值为： `None`、 `Attendee`、 `Presenter`和 `Organizer`。  ");
        assert_eq!(
            facts.possible_values,
            ["None", "Attendee", "Presenter", "Organizer"]
        );
    }

    #[test]
    fn read_only_and_not_nullable_in_other_languages() {
        let facts = read("Дата создания. Только для чтения. Значение null не допускается.");
        assert!(facts.read_only && facts.not_nullable);
        let facts = read("作成日時。読み取り専用です。null 許容ではありません。");
        assert!(facts.read_only && facts.not_nullable);
        // "Nullable" alone says nothing either way.
        let facts = read("Описание. Допускается значение null.");
        assert!(!facts.read_only && !facts.not_nullable);
        let facts = read("状態。可能な値は `active`、`inactive` です。");
        assert_eq!(facts.possible_values, ["active", "inactive"]);
    }

    #[test]
    fn deprecated_read_only_nullable() {
        let facts = read("Unique identifier of a thing. Presents when registered. (deprecated)");
        assert_eq!(facts.deprecated.as_deref(), Some("(deprecated)"));
        let facts = read("Collection of things. Read-only. Nullable.");
        assert!(facts.read_only && !facts.not_nullable && facts.deprecated.is_none());
        assert!(read("The id. Not nullable.").not_nullable);
        assert!(!read("The id. Required.").not_nullable);
        assert!(!read("Required. The shift as drafted.").not_nullable);
        assert!(read("Required. Not nullable.").not_nullable);
    }
}
