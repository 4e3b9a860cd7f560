//! The grammar of a Properties table's Type cell: `String`, `Edm.Int32`, `DateTime`,
//! `[identity](identity.md)`, `[thumbnailSet][]`, `X collection`, `Collection(X)`,
//! `microsoft.graph.x`, bare enum names, `[a](a.md) or [b](b.md)`.
//!
//! A translated cell is read by what survives translation: a link's target names the type
//! (`[Benutzersammlung](user.md)`), "collection" is a word in any language before or after the
//! element (`Коллекция [x](x.md)`, `x コレクション`), and a word that is no type name
//! (`Строка`, `Логическое`) is left for the JSON block's placeholder to type.

use std::borrow::Cow;

use crate::doc_type::{
    looks_like_type_name, primitive_named, simple_name, starts_with_ignore_case, DocType,
};

/// What a type cell says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TypeCell {
    pub ty: DocType,
    /// The cell wrote `DateTime`.
    pub datetime_alias: bool,
    /// The cell offered alternatives; these are the ones not used.
    pub other_alternatives: Vec<String>,
    /// The element is a word that names no type (a translated primitive such as `Строка`);
    /// `ty` is unknown but for its collection shape, and the JSON block's placeholder types it.
    pub translated: bool,
    /// The element is a plain word (no link, no namespace) or a link text that does not spell
    /// its target: a type name only if some page defines it (`initiatorType` is one, `Url`
    /// and `Booliano` are not).
    pub word: bool,
    /// The type the cell's link points at (`identity` for `[ID](identity.md)`).
    pub target: Option<String>,
    /// Read by the rules for cells the English grammar refuses (see [`read_translated`]).
    pub lenient: bool,
}

/// Words that mark a collection after the element type, in the languages the docs come in.
const COLLECTION_WORDS: &[&str] = &["collection", "集合", "коллекция", "коллекции"];

/// "collection" (or "set of") in the languages the Graph docs are published in, lower case,
/// as a whole word before or after the element.
const COLLECTION_WORDS_ANYWHERE: &[&str] = &[
    "collection",
    "коллекция",
    "коллекции",
    "коллекцию",
    "набор",
    "集合",
    "コレクション",
    "coleção",
    "colección",
    "colecao",
    "sammlung",
    "collezione",
    "kolekcja",
    "컬렉션",
    "koleksiyonu",
];

/// Reads a type cell's markdown; `None` when it is not a type at all.
pub(crate) fn read(cell: &str) -> Option<TypeCell> {
    read_english(cell).or_else(|| read_translated(cell))
}

/// The cell grammar of the English pages.
fn read_english(cell: &str) -> Option<TypeCell> {
    let unemphasised = strip_emphasis(cell.trim());
    let mut text: &str = &unemphasised;
    let mut collection = false;
    if starts_with_ignore_case(text, "collection(") && text.ends_with(')') {
        text = text["collection(".len()..text.len() - 1].trim();
        collection = true;
    }
    for word in COLLECTION_WORDS {
        if let Some(stripped) = strip_suffix_ignore_case(text, word) {
            text = stripped.trim_end();
            collection = true;
            break;
        }
    }
    let (first, others) = split_alternatives(text);
    let name = link_text(first)?;
    let target = link_target(first).and_then(target_type);
    let (ty, datetime_alias, word) = match primitive_named(name) {
        Some(p) => (DocType::primitive(p.primitive), p.datetime_alias, false),
        None if looks_like_type_name(name) => {
            let spells_target = target
                .as_deref()
                .is_some_and(|t| simple_name(name).eq_ignore_ascii_case(simple_name(t)));
            let plain = !name.contains('.') && !first.trim_start().starts_with('[');
            (
                DocType::named(name),
                false,
                plain || (target.is_some() && !spells_target),
            )
        }
        None => return None,
    };
    Some(TypeCell {
        ty: if collection { ty.into_collection() } else { ty },
        datetime_alias,
        other_alternatives: others
            .iter()
            .filter_map(|a| link_text(a).map(str::to_string))
            .collect(),
        translated: false,
        word,
        target,
        lenient: false,
    })
}

/// A cell the English grammar refused, read by its language-free parts: a link to a type's
/// page names the type (the link text when it spells the target, else the target); a
/// collection word in any language anywhere makes it a collection; else one primitive or
/// type name among words of another language (`Коллекция String`, `Int32 (только для
/// чтения)`); else a few words that name no type are a translated primitive, typed by the JSON
/// block. Prose (a sentence) is not a type.
fn read_translated(cell: &str) -> Option<TypeCell> {
    let text = strip_emphasis(cell.trim());
    let text = text.trim().trim_end_matches([';', ',', '.']).trim_end();
    if text.is_empty() {
        return None;
    }
    let mut collection = false;
    let mut inner = text;
    if starts_with_ignore_case(inner, "collection(") && inner.ends_with(')') {
        inner = inner["collection(".len()..inner.len() - 1].trim();
        collection = true;
    }
    let lower = inner.to_lowercase();
    collection |= lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| COLLECTION_WORDS_ANYWHERE.contains(&w))
        || COLLECTION_WORDS_ANYWHERE
            .iter()
            .filter(|w| !w.is_ascii())
            .any(|w| lower.contains(w));
    let cell_of = |ty: DocType, translated: bool, word: bool, target: Option<String>| TypeCell {
        ty: if collection { ty.into_collection() } else { ty },
        datetime_alias: false,
        other_alternatives: Vec::new(),
        translated,
        word,
        target,
        lenient: true,
    };
    if let Some((link, target)) = first_link(inner) {
        let spelled = inner
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .chain(std::iter::once(link))
            .find(|w| {
                looks_like_type_name(w)
                    && target
                        .as_deref()
                        .is_some_and(|t| simple_name(w).eq_ignore_ascii_case(t))
            });
        return match (spelled, target) {
            (Some(name), target) => Some(cell_of(DocType::named(name), false, false, target)),
            (None, Some(target)) => Some(cell_of(
                DocType::named(target.clone()),
                false,
                false,
                Some(target),
            )),
            (None, None) => {
                let name = link.trim();
                looks_like_type_name(name).then(|| cell_of(DocType::named(name), false, true, None))
            }
        };
    }
    if inner.contains(". ") || inner.contains(':') || inner.contains('|') {
        return None;
    }
    // Whole words written in ASCII: a primitive or a type name among translated words.
    let ascii: Vec<&str> = inner
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | ',' | ';')))
        .filter(|w| w.is_ascii() && looks_like_type_name(w))
        .filter(|w| !COLLECTION_WORDS_ANYWHERE.contains(&w.to_lowercase().as_str()))
        .collect();
    if let Some(primitive) = ascii.iter().find_map(|w| primitive_named(w)) {
        let mut cell = cell_of(DocType::primitive(primitive.primitive), false, false, None);
        cell.datetime_alias = primitive.datetime_alias;
        return Some(cell);
    }
    let foreign = inner.contains(|c: char| !c.is_ascii());
    if let [name] = ascii.as_slice() {
        if foreign && name.chars().skip(1).any(|c| c.is_ascii_uppercase()) {
            return Some(cell_of(DocType::named(*name), false, true, None));
        }
    }
    // A short phrase of words (`Строка`, `Двойное с плавающей точкой`, `Cadeia de caracteres`);
    // in ASCII at most three plain words, which English prose in a second column
    // (`Delegated (work or school account)`) is not.
    let words = inner.split_whitespace().count();
    let phrase = if foreign {
        words <= 5
            && inner
                .chars()
                .all(|c| c.is_alphabetic() || c.is_whitespace() || matches!(c, '-' | '(' | ')'))
    } else {
        words <= 3 && inner.chars().all(|c| c.is_ascii_alphabetic() || c == ' ')
    };
    (phrase && inner.chars().count() <= 48).then(|| cell_of(DocType::unknown(), true, false, None))
}

/// The first `[text](target)`, `[text][ref]` or `[text][]` of `text`: its text and the type
/// its target names, if it names one.
fn first_link(text: &str) -> Option<(&str, Option<String>)> {
    let open = text.find('[')?;
    let close = open + text[open..].find(']')?;
    let label = &text[open + 1..close];
    let after = &text[close + 1..];
    if let Some(rest) = after.strip_prefix('(') {
        let end = rest.find(')')?;
        return Some((label, target_type(&rest[..end])));
    }
    after.starts_with('[').then_some((label, None))
}

/// The target of the link `[x](target)` that `text` is, if it is one.
fn link_target(text: &str) -> Option<&str> {
    let text = text.trim();
    let rest = text.strip_prefix('[')?;
    let after = &rest[rest.find(']')? + 1..];
    after.strip_prefix('(')?.strip_suffix(')')
}

/// The type a link target names: a resource page (`../resources/identity.md`,
/// `intune-devices-manageddevice.md` -> its last `-` part), or an enums page's
/// `#x-values` anchor; `None` for other pages and web links.
pub(crate) fn target_type(target: &str) -> Option<String> {
    let target = target.trim();
    let target = target.split_whitespace().next().unwrap_or(target);
    if target.contains("://") || target.contains("/api/") || target.starts_with("api/") {
        return None;
    }
    let (path, fragment) = target.split_once('#').unwrap_or((target, ""));
    let file = path.rsplit('/').next()?;
    let stem = file
        .strip_suffix(".md")
        .or_else(|| file.strip_suffix(".MD"))?;
    let name = if starts_with_ignore_case(stem, "enums") {
        let lower = fragment.to_ascii_lowercase();
        lower.strip_suffix("-values")?.to_string()
    } else {
        stem.rsplit('-').next()?.to_ascii_lowercase()
    };
    let plain = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    plain.then_some(name)
}

fn strip_suffix_ignore_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = text.len().checked_sub(suffix.len())?;
    if text.is_char_boundary(cut) && text[cut..].eq_ignore_ascii_case(suffix) {
        Some(&text[..cut])
    } else {
        None
    }
}

/// Removes `**`, `__` and backticks, which wrap names without changing them.
fn strip_emphasis(text: &str) -> Cow<'_, str> {
    if !text.contains(['*', '_', '`']) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("**", "").replace("__", "").replace('`', ""))
}

/// `[a](a.md) or [b](b.md)` -> the first part and the others; a plain cell -> itself and none
/// (without allocating: most cells are plain).
fn split_alternatives(text: &str) -> (&str, Vec<&str>) {
    if !text.contains(" or ") && !text.contains(" | ") {
        let part = text.trim().trim_end_matches(',').trim();
        return (if part.is_empty() { text } else { part }, Vec::new());
    }
    let mut parts = text
        .split(" or ")
        .flat_map(|p| p.split(" | "))
        .map(|p| p.trim().trim_end_matches(',').trim())
        .filter(|p| !p.is_empty());
    match parts.next() {
        Some(first) => (first, parts.collect()),
        None => (text, Vec::new()),
    }
}

/// The name in `[name](target)`, `[name][]`, `[name][ref]`, or the plain text; `None` when
/// the text is more than one name.
fn link_text(text: &str) -> Option<&str> {
    let text = text.trim();
    let name = match text.strip_prefix('[') {
        Some(rest) => {
            let close = rest.find(']')?;
            let after = rest[close + 1..].trim();
            let well_formed = after.is_empty()
                || (after.starts_with('(') && after.ends_with(')'))
                || (after.starts_with('[') && after.ends_with(']'));
            if !well_formed {
                return None;
            }
            &rest[..close]
        }
        None => text,
    };
    let name = name.trim().trim_matches('*').trim();
    if name.is_empty() || name.contains(char::is_whitespace) {
        return None;
    }
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn type_of(cell: &str) -> Option<String> {
        read(cell).map(|c| c.ty.to_type_ref("microsoft.graph").0)
    }

    #[test]
    fn every_cell_variant() {
        assert_eq!(type_of("String").as_deref(), Some("Edm.String"));
        assert_eq!(type_of("string").as_deref(), Some("Edm.String"));
        assert_eq!(type_of("Edm.Int32").as_deref(), Some("Edm.Int32"));
        assert_eq!(
            type_of("[identity](identity.md)").as_deref(),
            Some("microsoft.graph.identity")
        );
        assert_eq!(
            type_of("[thumbnailSet][] collection").as_deref(),
            Some("Collection(microsoft.graph.thumbnailSet)")
        );
        assert_eq!(
            type_of("[attendanceInterval](attendanceinterval.md) collection").as_deref(),
            Some("Collection(microsoft.graph.attendanceInterval)")
        );
        assert_eq!(
            type_of("String collection").as_deref(),
            Some("Collection(Edm.String)")
        );
        assert_eq!(
            type_of("Collection(String)").as_deref(),
            Some("Collection(Edm.String)")
        );
        assert_eq!(
            type_of("microsoft.graph.callRecords.userIdentity").as_deref(),
            Some("microsoft.graph.callRecords.userIdentity")
        );
        assert_eq!(
            type_of("initiatorType").as_deref(),
            Some("microsoft.graph.initiatorType")
        );
        assert_eq!(type_of("`Edm.Boolean`").as_deref(), Some("Edm.Boolean"));
        assert_eq!(
            type_of("[attendanceInterval](attendanceinterval.md) 集合").as_deref(),
            Some("Collection(microsoft.graph.attendanceInterval)")
        );
    }

    #[test]
    fn datetime_is_flagged() {
        let cell = read("DateTime").unwrap();
        assert!(cell.datetime_alias);
        assert_eq!(cell.ty.to_type_ref("x").0, "Edm.DateTimeOffset");
    }

    #[test]
    fn alternatives_keep_the_first() {
        let cell = read("[user](user.md) or [group](group.md)").unwrap();
        assert_eq!(
            cell.ty.to_type_ref("microsoft.graph").0,
            "microsoft.graph.user"
        );
        assert_eq!(cell.other_alternatives, ["group"]);
    }

    #[test]
    fn a_translated_cell_is_read_by_its_link_target_and_collection_word() {
        // A link text in another script: the target names the type.
        assert_eq!(
            type_of("[Пользователь](user.md)").as_deref(),
            Some("microsoft.graph.user")
        );
        // One in ASCII that does not spell the target may be an English name the file stem
        // does not spell (`[workbookChart](chart.md)`) or a translation: a word with the target
        // as the fallback, settled at assembly (see `assemble::settle_words`).
        let cell = read("[Benutzersammlung](user.md)").unwrap();
        assert!(cell.word && cell.target.as_deref() == Some("user"));
        // "collection" in any language, before or after, inside or outside the link.
        for cell in [
            "Коллекция [paintBrush](paintbrush.md)",
            "[коллекция paintBrush](paintbrush.md)",
            "[paintBrush](../resources/intune-art-paintbrush.md) コレクション",
            "coleção [paintBrush](paintbrush.md);",
            "Коллекция объектов paintBrush",
        ] {
            assert_eq!(
                type_of(cell).as_deref(),
                Some("Collection(microsoft.graph.paintBrush)"),
                "{cell}"
            );
        }
        // A link into the enums page names the enum by its anchor.
        assert_eq!(
            type_of("[Значения цвета](enums.md#paintcolor-values)").as_deref(),
            Some("microsoft.graph.paintcolor")
        );
        // A primitive among words of another language.
        assert_eq!(
            type_of("Коллекция String").as_deref(),
            Some("Collection(Edm.String)")
        );
        assert_eq!(
            type_of("Int32 (только для чтения)").as_deref(),
            Some("Edm.Int32")
        );
        assert_eq!(type_of("string (url)").as_deref(), Some("Edm.String"));
    }

    #[test]
    fn a_translated_primitive_is_no_type_name() {
        for word in [
            "Строка",
            "Логическое",
            "字符串",
            "Двойное с плавающей точкой",
            "Cadeia de caracteres",
        ] {
            let cell = read(word).unwrap_or_else(|| panic!("{word}"));
            assert!(cell.translated, "{word}");
            assert_eq!(cell.ty, DocType::unknown(), "{word}");
        }
        // Its collection shape survives.
        let cell = read("Коллекция строк").unwrap();
        assert!(cell.translated && cell.ty.collection);
        // A capitalised ASCII word may be a translation too (`Booliano`): a word, which only
        // a definition somewhere makes a type.
        let cell = read("Booliano").unwrap();
        assert!(cell.word && !cell.translated);
        assert!(!read("initiatorType").unwrap().translated);
        // `[ID](identity.md)`: a link text that does not spell its target.
        let cell = read("[ID](identity.md)").unwrap();
        assert!(cell.word);
        assert_eq!(cell.target.as_deref(), Some("identity"));
    }

    #[test]
    fn prose_is_not_a_type() {
        assert_eq!(type_of("Bearer {token}. Required."), None);
        assert_eq!(type_of("Delegated (work or school account)"), None);
        assert_eq!(type_of(""), None);
    }
}
