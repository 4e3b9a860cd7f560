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
///
/// Candidates are found by the needle's rarest byte in English prose (`y` of `read-only`, `b`
/// of `nullable`), not its first: `r`, `n` and `d` start most words, so a first-byte scan stops
/// at nearly every other letter of a description.
pub(crate) fn find_ignore_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    debug_assert!(!needle.bytes().any(|b| b.is_ascii_uppercase()));
    let (hay, pat) = (haystack.as_bytes(), needle.as_bytes());
    if pat.is_empty() || pat.len() > hay.len() {
        return None;
    }
    let anchor = rarest_byte(pat);
    let byte = pat[anchor];
    let last_start = hay.len() - pat.len();
    let mut start = 0;
    while start <= last_start {
        let window = &hay[start + anchor..=last_start + anchor];
        let offset = if byte.is_ascii_lowercase() {
            memchr::memchr2(byte, byte.to_ascii_uppercase(), window)?
        } else {
            memchr::memchr(byte, window)?
        };
        let candidate = start + offset;
        if hay[candidate..candidate + pat.len()].eq_ignore_ascii_case(pat) {
            return Some(candidate);
        }
        start = candidate + 1;
    }
    None
}

/// Index of the byte of `needle` least frequent in English text (the first among equals).
fn rarest_byte(needle: &[u8]) -> usize {
    let mut best = 0;
    for (index, &b) in needle.iter().enumerate() {
        if RARITY[usize::from(b)] > RARITY[usize::from(needle[best])] {
            best = index;
        }
    }
    best
}

/// How rare each byte is in English prose: the space and letters by frequency (lower case;
/// upper case alike), then bytes of other scripts, then punctuation and digits (rarest in
/// prose). A needle in another script is short, so its first byte does as well as any.
const RARITY: [u8; 256] = {
    const BY_FREQUENCY: &[u8] = b" etaoinsrhldcumfpgwybvkxjqz";
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = if b < 128 { 29 } else { 28 };
        b += 1;
    }
    let mut i = 0;
    while i < BY_FREQUENCY.len() {
        let letter = BY_FREQUENCY[i];
        table[letter as usize] = i as u8;
        table[letter.to_ascii_uppercase() as usize] = i as u8;
        i += 1;
    }
    table
};

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
            "Not nullable. NON-NULLABLE, non nullable; (Deprecated) yyy",
            "ends with read-onl",
            "y",
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
            "nullable",
            "not nullable",
            "deprecated",
            "y",
            "yy",
            "read-only.",
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
