//! Doc comments from documentation prose, made safe for rustdoc.
//!
//! Descriptions come from Graph pages: markdown with links relative to the docs tree
//! (`[identity](identity.md)`), reference-style links, HTML-ish text and bare URLs. The models
//! crate denies warnings, so anything rustdoc would turn into a broken link, an unclosed HTML tag
//! or a doctest is rewritten here.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "..."]` attributes, one per line; an empty line separates paragraphs.
pub fn doc_attrs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #text])
    });
    quote!(#(#attrs)*)
}

/// One paragraph of rustdoc-safe markdown from a documentation description.
///
/// Whitespace collapses to single spaces (no indented or fenced blocks, so no doctests); links
/// to pages become code spans (a single word) or plain text; absolute links stay links; bare
/// URLs become autolinks; stray brackets and angle brackets are escaped. Code spans are kept.
pub fn paragraph(description: &str) -> String {
    let collapsed = description.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(collapsed.len());
    let mut rest = collapsed.as_str();
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            let (span, after) = code_span(rest);
            out.push_str(span);
            rest = after;
        } else if c == '[' {
            if let Some((text, target, after)) = link(rest) {
                push_link(&mut out, text, target);
                rest = after;
            } else {
                out.push_str("\\[");
                rest = &rest[1..];
            }
        } else if rest.starts_with("https://") || rest.starts_with("http://") {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '"')
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':', ')']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
        } else {
            match c {
                ']' | '<' | '>' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// A backtick code span at the start of `text` (kept verbatim), and what follows it. An
/// unmatched backtick is escaped instead.
fn code_span(text: &str) -> (&str, &str) {
    let ticks = text.len() - text.trim_start_matches('`').len();
    let fence = &text[..ticks];
    match text[ticks..].find(fence) {
        Some(end) => text.split_at(ticks + end + ticks),
        // Left alone, an unmatched backtick would swallow the rest of the doc into a span.
        None => ("\\`", &text[1..]),
    }
}

/// A markdown link at the start of `text`: `[text](target)`, `[text][ref]` or `[text][]`.
/// Returns the link text, the target (empty for reference links), and what follows.
fn link(text: &str) -> Option<(&str, &str, &str)> {
    let close = text.find(']')?;
    let label = &text[1..close];
    if label.contains('[') {
        return None;
    }
    let after = &text[close + 1..];
    if let Some(inner) = after.strip_prefix('(') {
        let end = inner.find(')')?;
        Some((label, &inner[..end], &inner[end + 1..]))
    } else if let Some(inner) = after.strip_prefix('[') {
        let end = inner.find(']')?;
        Some((label, "", &inner[end + 1..]))
    } else {
        None
    }
}

/// Writes a link: absolute targets stay links, others become a code span or plain text.
fn push_link(out: &mut String, label: &str, target: &str) {
    let label_text = label.trim_matches('`').replace('`', "");
    let absolute = target.starts_with("https://") || target.starts_with("http://");
    if absolute && !label_text.is_empty() {
        out.push('[');
        out.push_str(&escape_plain(&label_text));
        out.push_str("](");
        out.push_str(target);
        out.push(')');
    } else if !label_text.is_empty()
        && label_text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@' | '/'))
    {
        out.push('`');
        out.push_str(&label_text);
        out.push('`');
    } else {
        out.push_str(&escape_plain(&label_text));
    }
}

fn escape_plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '<' | '>' | '\\' | '*' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_become_code_spans_or_text() {
        assert_eq!(
            paragraph("The [identity](identity.md) of the [meeting attendee](x.md)."),
            "The `identity` of the meeting attendee."
        );
        assert_eq!(
            paragraph("See [thumbnailSet][] and [a][b]."),
            "See `thumbnailSet` and `a`."
        );
    }

    #[test]
    fn absolute_links_and_bare_urls() {
        assert_eq!(
            paragraph("See [docs](https://learn.microsoft.com/x) or https://aka.ms/y."),
            "See [docs](https://learn.microsoft.com/x) or <https://aka.ms/y>."
        );
    }

    #[test]
    fn escapes_what_rustdoc_would_misread() {
        assert_eq!(
            paragraph("A [x] list <b>bold</b> \\o/"),
            "A \\[x\\] list \\<b\\>bold\\</b\\> \\\\o/"
        );
        assert_eq!(paragraph("keep `a<b>[c]` as is"), "keep `a<b>[c]` as is");
        assert_eq!(paragraph("odd ` tick"), "odd \\` tick");
    }

    #[test]
    fn whitespace_collapses_so_no_code_blocks() {
        assert_eq!(paragraph("a\n\n    fn x()\n```\nb"), "a fn x() \\`\\`\\` b");
    }
}
