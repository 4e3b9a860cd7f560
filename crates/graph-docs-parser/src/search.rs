//! Substring searches that build no searcher and allocate nothing: the texts searched
//! (descriptions, paragraphs, comments) are short, so a `memchr` for the first byte and a
//! comparison beat `str::find`'s two-way set-up and a lower-cased copy.

/// Byte offset of the first `needle` in `haystack`.
pub(crate) fn find(haystack: &str, needle: &str) -> Option<usize> {
    let (hay, pat) = (haystack.as_bytes(), needle.as_bytes());
    let (&first, rest) = pat.split_first()?;
    let mut from = 0;
    while from + pat.len() <= hay.len() {
        let at = from + memchr::memchr(first, &hay[from..=hay.len() - pat.len()])?;
        if &hay[at + 1..at + pat.len()] == rest {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Byte offset of the first `needle` in `haystack`, ASCII letters compared case-insensitively:
/// the same as `haystack.to_ascii_lowercase().find(needle)` for a `needle` whose ASCII letters
/// are lower case.
pub(crate) fn find_ignore_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    debug_assert!(!needle.bytes().any(|b| b.is_ascii_uppercase()));
    let (hay, pat) = (haystack.as_bytes(), needle.as_bytes());
    let (&first, rest) = pat.split_first()?;
    let mut from = 0;
    while from + pat.len() <= hay.len() {
        let window = &hay[from..=hay.len() - pat.len()];
        let at = from
            + if first.is_ascii_lowercase() {
                memchr::memchr2(first, first.to_ascii_uppercase(), window)?
            } else {
                memchr::memchr(first, window)?
            };
        if hay[at + 1..at + pat.len()].eq_ignore_ascii_case(rest) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_std() {
        let texts = [
            "",
            "a",
            "Read-only. Possible values are: `a`, `b`.",
            "READ ONLY and read only",
            "可能的值为： `None`",
            "Возможные значения: `x`",
            "<!-- { } --> <!-- -->",
            "aaab",
        ];
        let needles = [
            "a",
            "ab",
            "read only",
            "read-only",
            "possible values are",
            "可能的值",
            "Возможные значения",
            "возможные значения",
            "-->",
            "<!--",
            "aab",
            "x",
        ];
        for text in texts {
            for needle in needles {
                assert_eq!(find(text, needle), text.find(needle), "{text:?} {needle:?}");
                if !needle.bytes().any(|b| b.is_ascii_uppercase()) {
                    assert_eq!(
                        find_ignore_ascii_case(text, needle),
                        text.to_ascii_lowercase().find(needle),
                        "{text:?} {needle:?}"
                    );
                }
            }
        }
    }
}
