//! Inheritance stated in prose: "Inherits from [identity](identity.md).", "This type
//! inherits from [identity]", "extends from the **identity** resource", "is derived from x",
//! "is a subclass of [x](x.md)".
//!
//! In a translated page the base is the link to a resource page in the sentence that says so
//! (`Наследуется от [entity](entity.md).`, `[entity](entity.md) から継承します。`): the link's
//! target names the base, and an inheritance verb of one of the docs' languages in the same
//! sentence, next to the link, only confirms that the link is the base.

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
    // "This is a subclass of [educationResource](educationresource.md)." (the education pages).
    "subclass of",
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

/// Where the base's link stands from the verb.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    /// `inherits from [x]`, `наследуется от [x]`, `继承自 [x]`.
    After,
    /// `[x] から継承`.
    Before,
}

/// Inheritance verbs of the languages the Graph docs are published in (English is
/// [`base_in`]'s), lower case, each with the side the base's link stands on and the words one
/// of which must stand between them (or open the link's text) for the verb to say "inherits
/// from": Russian `наследуется [от x]` inherits from x, `наследуется [x]` is inherited by x,
/// `имеют производный [тип x]` has the derived type x; Japanese `[x] から継承` inherits from x,
/// `[x] によって継承` is inherited by x.
const LINKED_PHRASES: &[(&str, Side, &[&str])] = &[
    ("inherits", Side::After, &[]),
    ("inherited from", Side::After, &[]),
    ("наследуется", Side::After, &["от", "из"]),
    ("наследует", Side::After, &[]),
    ("унаследовано", Side::After, &["от"]),
    ("унаследован", Side::After, &["от"]),
    ("производный", Side::After, &["от"]),
    ("производным", Side::After, &["от"]),
    ("производные", Side::After, &["от"]),
    ("производная", Side::After, &["от"]),
    ("производное", Side::After, &["от"]),
    ("継承", Side::Before, &["から", "を"]),
    ("から派生", Side::Before, &[]),
    ("继承自", Side::After, &[]),
    ("派生自", Side::After, &[]),
    ("herda de", Side::After, &[]),
    ("herdado de", Side::After, &[]),
    ("derivado de", Side::After, &[]),
    ("hereda de", Side::After, &[]),
    ("derivada de", Side::After, &[]),
    ("erbt von", Side::After, &[]),
    ("abgeleitet von", Side::After, &[]),
    ("hérite de", Side::After, &[]),
    ("dérivé de", Side::After, &[]),
    ("eredita da", Side::After, &[]),
    ("derivato da", Side::After, &[]),
    ("dziedziczy po", Side::After, &[]),
    ("상속", Side::Before, &["에서"]),
];

/// Whether `between` (lower case) holds one of `needs`: as a word, or for a script written
/// without spaces, anywhere.
fn holds_one_of(between: &str, needs: &[&str]) -> bool {
    needs.is_empty()
        || needs.iter().any(|need| {
            if need.chars().all(|c| u32::from(c) >= 0x3000) {
                between.contains(need)
            } else {
                between
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|word| word == *need)
            }
        })
}

/// How far (in characters) the link may be from the verb: the words between them name the
/// kind of thing (`от ресурса`, `from the abstract type`), nothing more.
const NEAR: usize = 40;

/// The base named by a link next to an inheritance verb of any language in one sentence of
/// `source[start..end]`.
pub(crate) fn linked_base_in(source: &str, start: usize, end: usize) -> Option<ProseBase> {
    let paragraph = &source[start..end];
    // No link, no base (most paragraphs).
    crate::search::find(paragraph, "](")?;
    let mut sentence_start = 0;
    for (at, c) in paragraph
        .char_indices()
        .chain(std::iter::once((paragraph.len(), '.')))
    {
        let ends = at == paragraph.len()
            || matches!(c, '。' | '．' | '!' | '?')
            || (c == '.'
                && paragraph[at + 1..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace));
        if !ends {
            continue;
        }
        let sentence = &paragraph[sentence_start..at];
        if let Some((name, verb)) = linked_base_in_sentence(sentence) {
            return Some(ProseBase {
                name,
                offset: start + sentence_start + verb,
            });
        }
        sentence_start = (at + c.len_utf8()).min(paragraph.len());
    }
    None
}

/// The link nearest to an inheritance verb of `sentence`, and the verb's offset.
fn linked_base_in_sentence(sentence: &str) -> Option<(String, usize)> {
    // Lower-casing may change byte lengths (not character counts): offsets are mapped by
    // characters.
    let lower = sentence.to_lowercase();
    let mut best: Option<(usize, String, usize)> = None;
    for (phrase, side, needs) in LINKED_PHRASES {
        // A whole word (`наследует` is not `наследуется`), except in scripts without spaces.
        let spaced = !phrase.chars().all(|c| u32::from(c) >= 0x3000);
        let whole = |at: usize| {
            let after = lower[at + phrase.len()..].chars().next();
            let before = lower[..at].chars().next_back();
            !spaced
                || (!after.is_some_and(char::is_alphanumeric)
                    && !before.is_some_and(char::is_alphanumeric))
        };
        let Some(found) = lower
            .match_indices(phrase)
            .map(|(at, _)| at)
            .find(|&at| whole(at))
        else {
            continue;
        };
        // Map the offset in `lower` to one in `sentence` by characters.
        let chars_before = lower[..found].chars().count();
        let verb = sentence
            .char_indices()
            .nth(chars_before)
            .map_or(sentence.len(), |(i, _)| i);
        let verb_end = sentence
            .char_indices()
            .nth(chars_before + phrase.chars().count())
            .map_or(sentence.len(), |(i, _)| i);
        for (open, close, label, name) in links(sentence) {
            let (gap, between) = if open >= verb_end && *side == Side::After {
                let between = &sentence[verb_end..open];
                (between.chars().count(), format!("{between} {label}"))
            } else if close <= verb && *side == Side::Before {
                let between = &sentence[close..verb];
                (between.chars().count(), between.to_string())
            } else {
                continue;
            };
            let near = gap <= NEAR && holds_one_of(&between.to_lowercase(), needs);
            if near && best.as_ref().is_none_or(|(g, _, _)| gap < *g) {
                best = Some((gap, name, verb));
            }
        }
    }
    best.map(|(_, name, verb)| (name, verb))
}

/// The links to resource pages in `text`: start, end, text and the type each names (its
/// text when that spells the target's name, else the target's name).
fn links(text: &str) -> Vec<(usize, usize, &str, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('[').map(|i| from + i) {
        let Some(close) = text[open..].find("](").map(|i| open + i) else {
            break;
        };
        let Some(end) = text[close..].find(')').map(|i| close + i) else {
            break;
        };
        let label = text[open + 1..close].trim().trim_matches(['*', '`']).trim();
        if let Some(target) = crate::type_cell::target_type(&text[close + 2..end]) {
            let simple = label.rsplit('.').next().unwrap_or(label);
            let name = if simple.eq_ignore_ascii_case(&target) {
                label.to_string()
            } else {
                target
            };
            out.push((open, end + 1, label, name));
        }
        from = end + 1;
    }
    out
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
        assert_eq!(
            base("This gadget is a subclass of [gadgetBase](gadgetbase.md).").as_deref(),
            Some("gadgetBase")
        );
        assert_eq!(
            base("A subclass of gadgetBase.").as_deref(),
            Some("gadgetBase")
        );
    }

    fn linked(text: &str) -> Option<String> {
        linked_base_in(text, 0, text.len()).map(|b| b.name)
    }

    #[test]
    fn a_link_beside_an_inheritance_verb_of_any_language_is_the_base() {
        assert_eq!(
            linked("Наследуется от [entity](entity.md).").as_deref(),
            Some("entity")
        );
        assert_eq!(
            linked("Описывает заметку. Наследует от ресурса [baseItem](../resources/baseitem.md).")
                .as_deref(),
            Some("baseItem")
        );
        assert_eq!(
            linked("[mobileLobApp](../resources/intune-apps-mobilelobapp.md) から継承します")
                .as_deref(),
            Some("mobileLobApp")
        );
        // The link text was translated: the target names the base.
        assert_eq!(
            linked("Herda de [Ficheiro base](../resources/baseitem.md).").as_deref(),
            Some("baseitem")
        );
        // The verb's offset is the sentence's, in the page.
        let text = "Первое предложение. Наследуется от [entity](entity.md).";
        let base = linked_base_in(text, 0, text.len()).unwrap();
        assert!(text[base.offset..].starts_with("Наследуется"));
    }

    #[test]
    fn a_link_in_another_sentence_or_far_from_the_verb_is_not_the_base() {
        // "Derived types are [x]" names a subtype.
        assert_eq!(
            linked("Это базовый класс; производными типами являются [fileItem](fileitem.md)."),
            None
        );
        assert_eq!(
            linked("Свойства наследуются. Смотрите [entity](entity.md)."),
            None
        );
        assert_eq!(
            linked("Наследует свойства, описанные в разделах выше и ниже, а также многое другое, [entity](entity.md)."),
            None
        );
        // API pages are no base.
        assert_eq!(linked("Наследуется от [Get x](../api/x-get.md)."), None);
        // Without `от` the Russian verb says "is inherited by"; with it inside the link text,
        // "inherits from".
        assert_eq!(linked("Он наследуется [fileItem](fileitem.md)."), None);
        assert_eq!(
            linked("Наследуется [от baseItem](baseitem.md).").as_deref(),
            Some("baseitem")
        );
        assert_eq!(
            linked("この型は [fileItem](fileitem.md) によって継承されます。"),
            None
        );
        // The derived type is the subject: `[x], ..., inherits this base type`.
        assert_eq!(
            linked("Ресурс [fileItem](fileitem.md) наследует этот базовый тип."),
            None
        );
        assert_eq!(
            linked("Все ошибки имеют производный [тип, fileError](fileerror.md)."),
            None
        );
    }

    #[test]
    fn english_after_the_phrase_is_not_a_type() {
        assert_eq!(base("Values derived from the service are cached."), None);
        assert_eq!(base("It inherits from nothing."), None);
    }
}
