//! The YAML front matter between `---` lines (also `--- ` with a trailing space), read as
//! flat `key: value` pairs, which is all the docs use.

/// The front matter of a page and where the markdown after it starts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct FrontMatter<'t> {
    /// `key: value` pairs in written order, quotes removed, borrowed from the page.
    pub fields: Vec<(&'t str, &'t str)>,
    /// Byte offset of the first byte after the closing `---` line.
    pub body_start: usize,
    /// The page opened front matter that never closed.
    pub unclosed: bool,
}

impl<'t> FrontMatter<'t> {
    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&'t str> {
        self.fields.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
    }
}

/// Reads the front matter at the very start of `text`, if any.
pub(crate) fn read(text: &str) -> FrontMatter<'_> {
    let mut lines = LinesWithOffsets::new(text);
    let Some((_, first)) = lines.next() else {
        return FrontMatter::default();
    };
    if first.trim_end() != "---" {
        return FrontMatter::default();
    }
    let mut fields = Vec::new();
    for (offset, line) in lines.by_ref() {
        if line.trim_end() == "---" {
            return FrontMatter {
                fields,
                body_start: (offset + line.len() + 1).min(text.len()),
                unclosed: false,
            };
        }
        if let Some((key, value)) = line.split_once(':') {
            if !key.starts_with([' ', '\t', '-']) && !key.trim().is_empty() {
                fields.push((key.trim(), unquote(value.trim())));
            }
        }
    }
    FrontMatter {
        fields: Vec::new(),
        body_start: 0,
        unclosed: true,
    }
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return inner;
        }
    }
    value
}

/// Lines of a text without their `\n` (a `\r` stays), with their start offsets.
struct LinesWithOffsets<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> LinesWithOffsets<'a> {
    fn new(text: &'a str) -> Self {
        LinesWithOffsets { text, pos: 0 }
    }
}

impl<'a> Iterator for LinesWithOffsets<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        self.pos = end + 1;
        Some((start, &self.text[start..end]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_and_the_body_offset() {
        let text = "--- \ntitle: \"attendanceRecord resource type\"\ndoc_type: resourcePageType\n---\n# Title\n";
        let fm = read(text);
        assert_eq!(fm.get("title"), Some("attendanceRecord resource type"));
        assert_eq!(fm.get("doc_type"), Some("resourcePageType"));
        assert_eq!(&text[fm.body_start..], "# Title\n");
        assert!(!fm.unclosed);
    }

    #[test]
    fn crlf_and_missing_front_matter() {
        let fm = read("---\r\ntitle: x\r\n---\r\nbody");
        assert_eq!(fm.get("title"), Some("x"));
        assert_eq!(read("# no front matter").body_start, 0);
        let fm = read("---\ntitle: x\n");
        assert!(fm.unclosed);
        assert_eq!(fm.body_start, 0);
    }
}
