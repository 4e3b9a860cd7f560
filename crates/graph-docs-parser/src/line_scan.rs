//! A line scanner that gives the same [`Scan`] as the pulldown-cmark pass for the plain shapes
//! Graph pages are made of, several times faster; it declines anything else, and the caller
//! then runs pulldown-cmark.
//!
//! Most of pulldown-cmark's time goes to inline parsing (emphasis, links, entities) of every
//! paragraph and table cell, which the page builders never look at: they want block positions,
//! heading texts, code block contents and cell ranges. This scanner finds those line by line.
//! It models exactly these shapes, with pulldown-cmark's offsets (checked page by page against
//! pulldown-cmark over the whole 2021 corpus by a test of this module):
//!
//! - ATX headings (inline markup in their text is read by pulldown-cmark on that line alone);
//! - fenced code blocks (backticks or tildes, indented up to three spaces, closed or not);
//! - HTML comment blocks (annotations);
//! - GitHub tables whose rows all hold a pipe;
//! - paragraphs, and block quotes holding only paragraphs;
//! - tight lists (no blank line inside) of plain text items, nested or not, which add nothing
//!   to the scan;
//! - thematic breaks that cannot be setext underlines.
//!
//! Anything else (loose lists, blocks inside list items or quotes, setext headings, indented
//! code, other HTML, link reference definitions, reference links in headings, tabs in
//! indentation, `<!--` inside a line, a table ended by something other than a blank line, a
//! carriage return) makes it decline with the reason, before anything was reported. On the 2021
//! corpus it declines about 5% of the pages.

use std::borrow::Cow;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::annotation;
use crate::report::Reporter;
use crate::scan::{trimmed, Cell, CodeBlock, Heading, Row, Scan, Table};

/// Why the line scanner declined a page, and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Declined {
    pub reason: &'static str,
    pub offset: usize,
}

/// What the scanner is inside of between lines.
enum Open {
    Nothing,
    Paragraph {
        start: usize,
    },
    Table {
        columns: usize,
    },
    /// A tight list of plain items (no blank line inside), which shows in no [`Scan`] field.
    List,
}

/// Scans `source[body_start..]` as [`crate::scan::scan`] would, or declines.
pub(crate) fn scan<'t>(
    source: &'t str,
    body_start: usize,
    report: &mut Reporter,
) -> Result<Scan<'t>, Declined> {
    let mut out = Scan {
        // A page has a dozen or so headings and paragraphs; start there rather than at none.
        headings: Vec::with_capacity(16),
        paragraphs: Vec::with_capacity(32),
        ..Scan::default()
    };
    let mut comments: Vec<(usize, usize)> = Vec::new();
    let decline = |reason, offset| Err(Declined { reason, offset });
    if memchr::memchr(b'\r', &source.as_bytes()[body_start..]).is_some() {
        return decline("carriage return", body_start);
    }
    let mut lines = Lines::new(source, body_start);
    let mut open = Open::Nothing;
    // Inside a block quote: the paragraph open there, if any, is `open`.
    let mut in_quote = false;
    // A list was ended by a blank line: what follows must not continue it (a loose list).
    let mut after_list = false;
    while let Some(line) = lines.next() {
        let text = line.text(source);
        let Some(indent) = indentation(text) else {
            return decline("tab in indentation", line.start);
        };
        let rest = &text[indent..];
        if rest.trim_ascii().is_empty() {
            after_list |= matches!(open, Open::List);
            close(&mut open, &mut out, line.start);
            in_quote = false;
            continue;
        }
        let at = line.start + indent;
        if std::mem::take(&mut after_list) && (indent > 0 || starts_list_item(rest)) {
            return decline("list continued after a blank line", at);
        }
        if let Open::List = open {
            // Items, nested items and continuation lines of a tight list add nothing to the scan;
            // anything that could start another block inside an item is declined.
            let content = match list_item_content(rest) {
                Some(Ok(content)) => content,
                Some(Err(reason)) => return decline(reason, at),
                None => rest,
            };
            if let Some(reason) = not_plain_text(content) {
                return decline(reason, at);
            }
            continue;
        }
        if in_quote {
            if indent >= 4 {
                return decline("indented line in a block quote", at);
            }
            if let Some(content) = rest.strip_prefix('>') {
                let content_at = at + 1 + (content.len() - content.trim_ascii_start().len());
                let content = content.trim_ascii_start();
                if content.is_empty() {
                    close(&mut open, &mut out, line.start);
                    continue;
                }
                if let Some(reason) = not_plain_text(content) {
                    return decline(reason, content_at);
                }
                if matches!(open, Open::Nothing) {
                    open = Open::Paragraph { start: content_at };
                }
                continue;
            }
            // A line without `>`: a lazy continuation of the quoted paragraph, or a block after
            // the quote.
            let paragraph_open = matches!(open, Open::Paragraph { .. });
            if paragraph_open && not_plain_text(rest).is_none() {
                continue;
            }
            let interrupts = indent < 4
                && (atx_level(rest).is_some()
                    || Fence::open(rest).is_some()
                    || rest.starts_with("<!--")
                    || is_thematic_break(rest)
                    || starts_list_item(rest));
            if paragraph_open && !interrupts {
                return decline("block quote ended without a blank line", at);
            }
            close(&mut open, &mut out, line.start);
            in_quote = false;
        }
        if indent >= 4 {
            match open {
                Open::Paragraph { .. } => continue,
                Open::Table { .. } => return decline("indented table row", line.start),
                Open::Nothing | Open::List => return decline("indented code block", line.start),
            }
        }
        let in_table = matches!(open, Open::Table { .. });
        let first = rest.as_bytes()[0];
        if let Some(level) = atx_level(rest) {
            if in_table {
                return decline("table ended by a heading", at);
            }
            close(&mut open, &mut out, line.start);
            let Some(heading) = heading(source, &line, indent, level) else {
                return decline("heading with a link", at);
            };
            out.headings.push(heading);
            continue;
        }
        if let Some(fence) = Fence::open(rest) {
            if in_table {
                return decline("table ended by a code fence", at);
            }
            if fence.byte == b'`' && rest[fence.len..].contains('`') {
                return decline("backtick in a code fence's info string", at);
            }
            let info = rest[fence.len..].trim();
            if info.contains(['\\', '&']) {
                return decline("escape or entity in a code fence's info string", at);
            }
            close(&mut open, &mut out, line.start);
            out.code_blocks
                .push(code_block(source, &mut lines, at, indent, &fence, info)?);
            continue;
        }
        if first == b'<' {
            if !rest.starts_with("<!--") {
                return decline("HTML block", at);
            }
            if indent > 0 {
                return decline("indented HTML comment", at);
            }
            if in_table {
                return decline("table ended by an HTML comment", at);
            }
            close(&mut open, &mut out, line.start);
            let end = comment_block_end(source, &mut lines, &line);
            comments.push((line.start, end));
            continue;
        }
        if first == b'>' {
            if in_table {
                return decline("table ended by a block quote", at);
            }
            close(&mut open, &mut out, line.start);
            in_quote = true;
            let content = &rest[1..];
            let content_at = at + 1 + (content.len() - content.trim_ascii_start().len());
            let content = content.trim_ascii_start();
            if !content.is_empty() {
                if let Some(reason) = not_plain_text(content) {
                    return decline(reason, content_at);
                }
                open = Open::Paragraph { start: content_at };
            }
            continue;
        }
        if is_thematic_break(rest) {
            match open {
                Open::Paragraph { .. } if first == b'-' => {
                    return decline("setext heading underline", at)
                }
                Open::Table { .. } => return decline("table ended by a thematic break", at),
                _ => {}
            }
            close(&mut open, &mut out, line.start);
            continue;
        }
        if let Some(content) = list_item_content(rest) {
            let content = match content {
                Ok(content) => content,
                Err(reason) => return decline(reason, at),
            };
            match open {
                Open::Table { .. } => return decline("table ended by a list", at),
                Open::Paragraph { .. } if !item_can_interrupt_a_paragraph(rest) => {
                    return decline("ordered item that cannot interrupt a paragraph", at)
                }
                _ => {}
            }
            if let Some(reason) = not_plain_text(content) {
                return decline(reason, at);
            }
            close(&mut open, &mut out, line.start);
            open = Open::List;
            continue;
        }
        if matches!(open, Open::Paragraph { .. })
            && rest.trim_ascii_end().bytes().all(|b| b == b'=')
        {
            return decline("setext heading underline", at);
        }
        if contains_comment_opener(rest) {
            return decline("HTML comment inside a line", at);
        }
        if let Open::Table { columns } = open {
            if !has_pipe(rest) {
                return decline("table row without a pipe", at);
            }
            if split_cells(rest).next().is_none() {
                return decline("table row without cells", at);
            }
            let table = out.tables.last_mut().expect("an open table was pushed");
            push_row(table, source, &line, indent, columns);
            continue;
        }
        // The pipe test first: finding the next line costs a search, and most lines have no pipe.
        if has_pipe(rest)
            && lines
                .peek()
                .is_some_and(|next| next.text(source).contains('\t'))
        {
            return decline("tab in a possible delimiter row", at);
        }
        if let Some(columns) = table_columns(source, rest, &lines) {
            if matches!(open, Open::Paragraph { .. }) && !rest.starts_with('|') {
                return decline("table header without a leading pipe after a paragraph", at);
            }
            close(&mut open, &mut out, line.start);
            // Room for a typical table (a dozen rows) up front: growing from empty reallocates
            // each vector four or five times.
            let mut table = Table {
                start: at,
                rows: Vec::with_capacity(16),
                cells: Vec::with_capacity(16 * columns),
            };
            push_row(&mut table, source, &line, indent, columns);
            lines.next(); // the delimiter row, which is not a row of the table
            out.tables.push(table);
            open = Open::Table { columns };
            continue;
        }
        if let Open::Paragraph { .. } = open {
            continue;
        }
        if first == b'[' && is_link_reference_definition(rest) {
            return decline("link reference definition", at);
        }
        open = Open::Paragraph { start: at };
    }
    close(&mut open, &mut out, source.len());
    for (start, end) in comments {
        annotation::read_comments(source, start, end, report, &mut out.annotations);
    }
    Ok(out)
}

/// Ends the open paragraph (at `end`, the start of the line that ends it) or table.
fn close(open: &mut Open, out: &mut Scan<'_>, end: usize) {
    if let Open::Paragraph { start } = *open {
        out.paragraphs.push((start, end));
    }
    *open = Open::Nothing;
}

/// One line: its start, the end of its text (before `\n`) and the start of the next line.
struct Line {
    start: usize,
    end: usize,
    next: usize,
}

impl Line {
    fn text<'s>(&self, source: &'s str) -> &'s str {
        &source[self.start..self.end]
    }
}

/// The lines of `source` from an offset.
struct Lines<'s> {
    source: &'s str,
    at: usize,
}

impl<'s> Lines<'s> {
    fn new(source: &'s str, at: usize) -> Self {
        Lines { source, at }
    }

    /// The line after the one last returned, without consuming it.
    fn peek(&self) -> Option<Line> {
        if self.at >= self.source.len() {
            return None;
        }
        let bytes = &self.source.as_bytes()[self.at..];
        Some(match memchr::memchr(b'\n', bytes) {
            Some(i) => Line {
                start: self.at,
                end: self.at + i,
                next: self.at + i + 1,
            },
            None => Line {
                start: self.at,
                end: self.source.len(),
                next: self.source.len(),
            },
        })
    }
}

impl Iterator for Lines<'_> {
    type Item = Line;

    fn next(&mut self) -> Option<Line> {
        let line = self.peek()?;
        self.at = line.next;
        Some(line)
    }
}

/// Whether `text` holds a `|`; `memchr` rather than `str::contains`, whose general search
/// mispredicts often on lines this short.
fn has_pipe(text: &str) -> bool {
    memchr::memchr(b'|', text.as_bytes()).is_some()
}

/// Leading spaces; `None` when the indentation holds a tab (columns would then need tab stops).
fn indentation(text: &str) -> Option<usize> {
    let spaces = text.bytes().take_while(|&b| b == b' ').count();
    (text.as_bytes().get(spaces) != Some(&b'\t')).then_some(spaces)
}

/// The level of an ATX heading line (`#` to `######`, then a space, a tab or the end).
fn atx_level(rest: &str) -> Option<u8> {
    let hashes = rest.bytes().take_while(|&b| b == b'#').count();
    let after = rest.as_bytes().get(hashes);
    ((1..=6).contains(&hashes) && matches!(after, None | Some(b' ' | b'\t')))
        .then_some(hashes as u8)
}

/// Characters that may make a heading's text differ from its source.
const INLINE_MARKUP: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '&', '!', '~'];

/// A heading; `None` when its text holds a link (whose meaning may depend on a reference
/// definition elsewhere on the page).
fn heading<'t>(source: &'t str, line: &Line, indent: usize, level: u8) -> Option<Heading<'t>> {
    let rest = &line.text(source)[indent + level as usize..];
    let content = without_closing_sequence(rest.trim_ascii());
    let start = line.start + indent;
    if !content.contains(INLINE_MARKUP) {
        return Some(Heading {
            level,
            text: Cow::Borrowed(content.trim()),
            anchor: None,
            start,
        });
    }
    if content.contains('[') && !every_bracket_opens_an_inline_link(content) {
        return None;
    }
    if let Some(text) = text_of_plain_inline_links(content) {
        return Some(Heading {
            level,
            text: trimmed(text),
            anchor: None,
            start,
        });
    }
    let (text, anchor) = heading_markup(&source[line.start..line.next]);
    Some(Heading {
        level,
        text: Cow::Owned(text),
        anchor,
        start,
    })
}

/// Whether every `]` is followed by `(`: links written inline (`[C#](#tab/csharp)`) mean the
/// same wherever they are, unlike reference links.
fn every_bracket_opens_an_inline_link(content: &str) -> bool {
    memchr::memchr_iter(b']', content.as_bytes())
        .all(|i| content.as_bytes().get(i + 1) == Some(&b'('))
}

/// The visible text of `content` when it is plain text and inline links with plain text and a
/// plain destination (`[C#](#tab/csharp)` -> `C#`); `None` for anything else.
fn text_of_plain_inline_links(content: &str) -> Option<Cow<'_, str>> {
    // Borrowed while the text is one piece of the line (`[HTTP](#tab/http)`, the usual case).
    let mut text = Cow::Borrowed("");
    let mut push = |piece| {
        if text.is_empty() {
            text = Cow::Borrowed(piece);
        } else if !piece.is_empty() {
            text.to_mut().push_str(piece);
        }
    };
    let mut rest = content;
    while let Some(open) = rest.find('[') {
        let (before, link) = rest.split_at(open);
        let (label, after) = link[1..].split_once("](")?;
        let (destination, after) = after.split_once(')')?;
        let plain_destination = !destination.is_empty()
            && !destination.contains(|c: char| c.is_whitespace() || "()<>\\`".contains(c));
        if before.contains(INLINE_MARKUP) || label.contains(INLINE_MARKUP) || !plain_destination {
            return None;
        }
        push(before);
        push(label);
        rest = after;
    }
    if rest.contains(INLINE_MARKUP) {
        return None;
    }
    push(rest);
    Some(text)
}

/// Drops an ATX heading's closing `#` sequence (`## Title ##` -> `Title`).
fn without_closing_sequence(content: &str) -> &str {
    let without = content.trim_end_matches('#');
    if without.is_empty() {
        return without;
    }
    if without.len() < content.len() && !without.ends_with([' ', '\t']) {
        return content;
    }
    without.trim_end()
}

/// A heading's visible text and anchor, read by pulldown-cmark from the heading's line alone,
/// collected exactly as the markdown pass collects them.
fn heading_markup(line: &str) -> (String, Option<String>) {
    let mut text = String::new();
    let mut anchor = None;
    let mut inside = false;
    for event in Parser::new_ext(line, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { .. }) => inside = true,
            Event::End(TagEnd::Heading(_)) => inside = false,
            Event::Text(t) | Event::Code(t) if inside => text.push_str(&t),
            Event::InlineHtml(html) if inside && anchor.is_none() => {
                anchor = crate::scan::anchor_name(&html);
            }
            _ => {}
        }
    }
    (text.trim().to_string(), anchor)
}

/// An opening code fence.
struct Fence {
    byte: u8,
    len: usize,
}

impl Fence {
    fn open(rest: &str) -> Option<Fence> {
        let byte = *rest.as_bytes().first()?;
        if byte != b'`' && byte != b'~' {
            return None;
        }
        let len = rest.bytes().take_while(|&b| b == byte).count();
        (len >= 3).then_some(Fence { byte, len })
    }

    fn closes(&self, text: &str) -> bool {
        let spaces = text.bytes().take_while(|&b| b == b' ').count();
        if spaces > 3 {
            return false;
        }
        let rest = &text[spaces..];
        let run = rest.bytes().take_while(|&b| b == self.byte).count();
        run >= self.len && rest[run..].trim_ascii().is_empty()
    }
}

/// Reads a fenced code block whose fence starts at `at` (indented by `indent`), consuming its
/// lines up to and including the closing fence.
fn code_block<'t>(
    source: &'t str,
    lines: &mut Lines,
    at: usize,
    indent: usize,
    fence: &Fence,
    info: &'t str,
) -> Result<CodeBlock<'t>, Declined> {
    let mut content: Option<(usize, usize)> = None;
    for line in lines.by_ref() {
        let text = line.text(source);
        if fence.closes(text) {
            break;
        }
        let stripped = text.bytes().take(indent).take_while(|&b| b == b' ').count();
        if text.as_bytes().get(stripped) == Some(&b'\t') && stripped < indent {
            // A tab inside the fence's indentation counts as several columns.
            return Err(Declined {
                reason: "tab in an indented code fence",
                offset: line.start,
            });
        }
        let range = content.get_or_insert((line.start + stripped, 0));
        range.1 = line.next;
    }
    let (content_start, content_end) = content.unwrap_or((at, at));
    Ok(CodeBlock {
        info: Cow::Borrowed(info),
        start: at,
        content_start,
        content_end,
    })
}

/// The end (past its newline) of the HTML comment block starting on `first`: the line holding
/// `-->`, or the end of the page.
fn comment_block_end(source: &str, lines: &mut Lines, first: &Line) -> usize {
    let Some(close) = memchr::memmem::find(&source.as_bytes()[first.start..], b"-->") else {
        for _ in lines.by_ref() {}
        return source.len();
    };
    let close = first.start + close;
    let mut end = first.next;
    while end <= close {
        match lines.next() {
            Some(line) => end = line.next,
            None => return source.len(),
        }
    }
    end
}

/// Whether `content` (the text of a line inside a block quote or a list item, or of a lazy
/// continuation line) is paragraph text that cannot start another block; else what it might
/// start. Stricter than needed (a pipe may be plain text): a false alarm only costs a fallback.
fn not_plain_text(content: &str) -> Option<&'static str> {
    let first = content.as_bytes()[0];
    if atx_level(content).is_some() {
        return Some("heading in a quote or list item");
    }
    if Fence::open(content).is_some() {
        return Some("code fence in a quote or list item");
    }
    if first == b'<' || first == b'>' {
        return Some("HTML or nested quote in a quote or list item");
    }
    if starts_list_item(content) || is_thematic_break(content) {
        return Some("list or break in a quote or list item");
    }
    if has_pipe(content) {
        return Some("pipe in a quote or list item");
    }
    if contains_comment_opener(content) {
        return Some("HTML comment inside a line");
    }
    if first == b'[' && is_link_reference_definition(content) {
        return Some("link reference definition");
    }
    if content.trim_ascii_end().bytes().all(|b| b == b'=') {
        return Some("setext heading underline");
    }
    None
}

/// Whether `<!--` occurs in `text` (a line: cheaper than building a substring searcher).
fn contains_comment_opener(text: &str) -> bool {
    memchr::memchr_iter(b'<', text.as_bytes()).any(|i| text.as_bytes()[i..].starts_with(b"<!--"))
}

/// When `rest` starts a list item, the item's text (`Err` for items this scanner does not
/// model: empty ones and ones whose text is indented code).
fn list_item_content(rest: &str) -> Option<Result<&str, &'static str>> {
    if !starts_list_item(rest) {
        return None;
    }
    let marker = rest
        .bytes()
        .position(|b| b == b' ' || b == b'\t')
        .unwrap_or(rest.len());
    let after = &rest[marker..];
    let content = after.trim_ascii_start();
    Some(if content.is_empty() {
        Err("empty list item")
    } else if after.len() - content.len() > 4 {
        Err("list item starting with indented code")
    } else {
        Ok(content)
    })
}

/// Bullets and ordered items numbered 1 may interrupt a paragraph; other numbers continue it.
fn item_can_interrupt_a_paragraph(rest: &str) -> bool {
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits == 0 || &rest[..digits] == "1"
}

/// `***`, `---`, `___` (three or more, spaces allowed between).
fn is_thematic_break(rest: &str) -> bool {
    let Some(&byte) = rest.as_bytes().first() else {
        return false;
    };
    if !matches!(byte, b'*' | b'-' | b'_') {
        return false;
    }
    let mut count = 0;
    for b in rest.bytes() {
        match b {
            b' ' | b'\t' => {}
            b if b == byte => count += 1,
            _ => return false,
        }
    }
    count >= 3
}

/// `-`, `*`, `+` followed by a space, a tab or the end; or up to nine digits, `.` or `)`, then
/// the same.
fn starts_list_item(rest: &str) -> bool {
    let bytes = rest.as_bytes();
    let marker_end = match bytes.first() {
        Some(b'-' | b'*' | b'+') => 1,
        Some(b'0'..=b'9') => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits > 9 || !matches!(bytes.get(digits), Some(b'.' | b')')) {
                return false;
            }
            digits + 1
        }
        _ => return false,
    };
    matches!(bytes.get(marker_end), None | Some(b' ' | b'\t'))
}

/// Whether a line starting with `[` may be a link reference definition (`[label]: url`),
/// which is not a paragraph; erring towards yes only costs a fallback.
fn is_link_reference_definition(rest: &str) -> bool {
    memchr::memmem::find(rest.as_bytes(), b"]:").is_some()
}

/// When `rest` (the current line) heads a table, its number of columns: the next line must be
/// a delimiter row with as many cells as `rest`.
fn table_columns(source: &str, rest: &str, lines: &Lines) -> Option<usize> {
    if !has_pipe(rest) {
        return None;
    }
    let next = lines.peek()?;
    let delimiter = next.text(source);
    let spaces = indentation(delimiter)?;
    if spaces > 3 || !has_pipe(delimiter) {
        return None;
    }
    let delimiter = delimiter.trim_ascii();
    let mut cells = 0;
    for (s, e) in split_cells(delimiter) {
        let dashes = delimiter[s..e]
            .trim_ascii()
            .trim_start_matches(':')
            .trim_end_matches(':');
        if dashes.is_empty() || dashes.bytes().any(|b| b != b'-') {
            return None;
        }
        cells += 1;
    }
    (cells > 0 && split_cells(rest).count() == cells).then_some(cells)
}

/// The cells of a table line as byte ranges of `line`: split at pipes not escaped with `\`,
/// without the pieces outside a leading and a trailing pipe. An iterator, so that counting
/// cells allocates nothing.
fn split_cells(line: &str) -> CellRanges<'_> {
    CellRanges {
        line,
        at: 0,
        start: 0,
        leading: line.trim_ascii_start().starts_with('|'),
        skip_first: line.trim_ascii_start().starts_with('|'),
        yielded: false,
        done: false,
    }
}

/// What [`split_cells`] returns.
struct CellRanges<'s> {
    line: &'s str,
    /// Where to look for the next pipe.
    at: usize,
    /// Where the current cell starts.
    start: usize,
    /// The line starts with a pipe, which opens the first cell rather than closing one.
    leading: bool,
    /// That leading pipe is still ahead.
    skip_first: bool,
    yielded: bool,
    done: bool,
}

impl Iterator for CellRanges<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let bytes = self.line.as_bytes();
        while !self.done {
            let Some(pipe) = memchr::memchr(b'|', &bytes[self.at..]).map(|p| self.at + p) else {
                self.done = true;
                let tail = &self.line[self.start..];
                if !tail.trim_ascii().is_empty() || (!self.yielded && !self.leading) {
                    let end = self.line.trim_ascii_end().len().max(self.start);
                    return Some((self.start, end));
                }
                return None;
            };
            self.at = pipe + 1;
            if pipe > 0 && bytes[pipe - 1] == b'\\' {
                continue;
            }
            let cell = (self.start, pipe);
            self.start = pipe + 1;
            if std::mem::take(&mut self.skip_first) {
                continue;
            }
            self.yielded = true;
            return Some(cell);
        }
        None
    }
}

/// One table row with exactly `columns` cells: extra cells dropped, missing ones empty at the
/// end of the row (past its newline), as pulldown-cmark gives them.
fn push_row(table: &mut Table, source: &str, line: &Line, indent: usize, columns: usize) {
    let text = &line.text(source)[indent..];
    let base = line.start + indent;
    let first_cell = table.cells.len();
    table.cells.extend(
        split_cells(text)
            .take(columns)
            .map(|(s, e)| crate::scan::trim_cell(source, base + s, base + e)),
    );
    table.cells.resize(
        first_cell + columns,
        Cell {
            start: line.next,
            end: line.next,
        },
    );
    table.rows.push(Row {
        start: base,
        first_cell,
        cell_count: columns,
    });
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::scan::scan_markdown;

    /// Both scans of `text`, with what each reported; `Err` when the line scanner declined.
    fn both(text: &str) -> (Result<(Scan<'_>, usize), Declined>, (Scan<'_>, usize)) {
        let mut fast_report = Reporter::new("page.md", text);
        let fast = scan(text, 0, &mut fast_report).map(|s| (s, fast_report.diagnostics.len()));
        let mut slow_report = Reporter::new("page.md", text);
        let slow = scan_markdown(text, 0, &mut slow_report);
        (fast, (slow, slow_report.diagnostics.len()))
    }

    fn agrees(text: &str) {
        let (fast, slow) = both(text);
        let fast = fast.unwrap_or_else(|d| panic!("declined: {d:?} in {text:?}"));
        assert_eq!(fast, slow, "{text:?}");
    }

    fn declines(text: &str, reason: &str) {
        let (fast, _) = both(text);
        assert_eq!(fast.map(|_| ()).unwrap_err().reason, reason, "{text:?}");
    }

    #[test]
    fn plain_shapes_scan_as_pulldown_cmark_scans_them() {
        agrees("# Title `x`  ##\n\nNamespace: microsoft.graph\n\n> **Note:** a note\n> second line\nlazy\n\n  ```json\n  {\n    \"a\": 1\n  }\n  ```\n\n| Property | Type |\n|:--|:--|\n| a | String |\n| b\n\n<!-- {\n \"blockType\": \"resource\"\n} -->\n```\n```\npara one\npara two  \n## H2\n");
        agrees("para\n| a | b |\n|--|--|\n| `x|y` | c \\| d | e |\nf | g\n\n  # Indented head\n>  quoted\n>\n> again\n\n***\ntext\n***\n");
        agrees("## Heading with <a name=\"x\"></a> anchor\n\ntext &amp; more\n<!-- not an annotation -->\n~~~\nunclosed\n");
        agrees("#hashtag is text\n####### seven\n# closing #\n# not closing#\n#\n");
        agrees("<!-->\ntext\n<!-- {\"blockType\": \"ignored\"}\n\nstill open -->\nafter\n");
        agrees("Property | Type\n--- | ---\nid | String\n\ntext\n");
        agrees("text\n- a\n- b\ncontinued\n  more\n  - nested\n1. one\n2. two\n\nafter\n");
        agrees("> quote\n## head\n> q2\n---\n> q3\n```\ncode\n```\n>\nnot lazy\n");
        agrees("# [HTTP](#tab/http)\n## [C#](#tab/csharp) and `code`\n  | a | b |\n  |---|---|\n  | c | d |\n");
    }

    #[test]
    fn shapes_it_does_not_model_are_declined_before_anything_is_reported() {
        declines("- a\n\n- b\n", "list continued after a blank line");
        declines(
            "- a\n  ```\n  code\n  ```\n",
            "code fence in a quote or list item",
        );
        declines(
            "text\n2. two\n",
            "ordered item that cannot interrupt a paragraph",
        );
        declines("Title\n---\n", "setext heading underline");
        declines("text\n\n    code\n", "indented code block");
        declines("<div>\n", "HTML block");
        declines("[a]: https://example.com\n", "link reference definition");
        declines(
            "| a |\n|---|\n| b |\n# heading\n",
            "table ended by a heading",
        );
        declines("text <!-- x --> text\n", "HTML comment inside a line");
        // An unclosed annotation reports an error; a later decline must not have reported it.
        let text = "<!-- {\"blockType\": \"resource\"\n\n- item\n";
        let mut report = Reporter::new("page.md", text);
        assert!(
            scan(text, 0, &mut report).is_ok(),
            "the comment swallows the list"
        );
        let text = "- item\n<!-- {\"blockType\": \"resource\"\n";
        let mut report = Reporter::new("page.md", text);
        assert!(scan(text, 0, &mut report).is_err());
        assert!(report.diagnostics.is_empty());
    }

    /// Documents stitched from lines of every shape the scanner meets (and some it declines),
    /// in random order: whenever it accepts one, it must agree with pulldown-cmark.
    #[test]
    fn agrees_on_random_documents_made_of_tricky_lines() {
        const LINES: &[&str] = &[
            "",
            "",
            "",
            "text",
            "more text  ",
            "# Heading",
            "## Heading ##",
            "### [C#](#tab/csharp)",
            "#### `code` and *emphasis*",
            "##### <a name=\"x\"></a>Anchored",
            "#nohash",
            "```json",
            "```",
            "~~~",
            "  ```",
            "````",
            "{",
            "  \"a\": 1,",
            "}",
            "| a | b |",
            "|---|---|",
            "|:--|--:|",
            "| c | d |",
            "e | f",
            "| g",
            " |",
            "| h | i | j |",
            "> quote",
            ">",
            "> **Note:** x",
            ">> nested",
            "- item",
            "* item",
            "1. one",
            "2. two",
            "  - nested",
            "    indented",
            "---",
            "***",
            "===",
            "<!-- {\"blockType\": \"resource\"} -->",
            "<!-- {",
            "\"blockType\": \"ignored\"",
            "} -->",
            "<!-->",
            "<div>",
            "[ref]: http://x",
            "text <!-- inline --> text",
            "\t tab",
            "- ",
            "10. ten",
            "&amp; entity",
            "\\| escaped",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut accepted = 0;
        for _ in 0..20000 {
            let count = 1 + (next() % 14) as usize;
            let mut text = String::new();
            for _ in 0..count {
                text.push_str(LINES[(next() % LINES.len() as u64) as usize]);
                text.push('\n');
            }
            if next() % 4 == 0 {
                text.pop();
            }
            let (fast, slow) = both(&text);
            if let Ok(fast) = fast {
                accepted += 1;
                assert_eq!(fast, slow, "{text:?}");
            }
        }
        assert!(accepted > 3000, "only {accepted} random documents accepted");
    }

    fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir)
            .expect("readable docs directory")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                markdown_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "md" || e == "txt") {
                out.push(path);
            }
        }
    }

    fn first_difference(fast: &Scan, slow: &Scan) -> String {
        fn first<T: PartialEq + std::fmt::Debug>(what: &str, a: &[T], b: &[T]) -> Option<String> {
            let i = a
                .iter()
                .zip(b)
                .position(|(x, y)| x != y)
                .or_else(|| (a.len() != b.len()).then(|| a.len().min(b.len())))?;
            Some(format!(
                "{what}[{i}]: line scanner {:?}, pulldown-cmark {:?}",
                a.get(i),
                b.get(i)
            ))
        }
        first("headings", &fast.headings, &slow.headings)
            .or_else(|| first("annotations", &fast.annotations, &slow.annotations))
            .or_else(|| first("code blocks", &fast.code_blocks, &slow.code_blocks))
            .or_else(|| first("tables", &fast.tables, &slow.tables))
            .or_else(|| first("paragraphs", &fast.paragraphs, &slow.paragraphs))
            .unwrap_or_else(|| "diagnostics differ".to_string())
    }

    /// Compares both scans on every page under `dirs` (relative to this crate); returns the
    /// pages read, the declined ones by reason, and every page where the scans differ.
    fn compare(dirs: &[&str]) -> (usize, BTreeMap<&'static str, usize>, Vec<String>) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in dirs {
            markdown_files(&root.join(dir), &mut files);
        }
        files.sort();
        let mut declined: BTreeMap<&str, usize> = BTreeMap::new();
        let mut mismatches = Vec::new();
        for file in &files {
            let text = std::fs::read_to_string(file).expect("utf-8 page");
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let body = crate::front_matter::read(text).body_start;
            let mut fast_report = Reporter::new("page.md", text);
            let fast = scan(text, body, &mut fast_report);
            let mut slow_report = Reporter::new("page.md", text);
            let slow = scan_markdown(text, body, &mut slow_report);
            match fast {
                Ok(fast) => {
                    if fast != slow || fast_report.diagnostics != slow_report.diagnostics {
                        mismatches.push(format!(
                            "{}: {}",
                            file.display(),
                            first_difference(&fast, &slow)
                        ));
                    }
                }
                Err(d) => *declined.entry(d.reason).or_default() += 1,
            }
        }
        (files.len(), declined, mismatches)
    }

    /// The project's own pages (pinned schema pages, test pages) scan alike, none declined.
    #[test]
    fn agrees_with_pulldown_cmark_on_the_projects_pages() {
        let (pages, declined, mismatches) = compare(&["../../schema", "../../tests/pages"]);
        assert!(pages > 60, "found only {pages} pages");
        assert!(mismatches.is_empty(), "{mismatches:#?}");
        assert!(
            declined.values().sum::<usize>() * 10 < pages,
            "{declined:?}"
        );
    }

    /// Every page of the 2021 corpus, the current upstream pages and the seeds that the line
    /// scanner accepts scans exactly as pulldown-cmark scans it (headings, annotations and what
    /// reading them reported, code blocks, tables, paragraphs), and it accepts most pages.
    #[test]
    fn agrees_with_pulldown_cmark_on_every_upstream_page_it_accepts() {
        let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
        if !shared.is_dir() {
            eprintln!("skipping: ../shared (upstream pages) is not beside the checkout");
            return;
        }
        let (pages, declined, mismatches) = compare(&[
            "../../../shared/graph-docs/corpus-2021",
            "../../../shared/graph-docs/focus",
            "../../../shared/seeds",
        ]);
        let declined_total: usize = declined.values().sum();
        eprintln!("line scanner: {pages} pages, declined {declined_total}: {declined:?}");
        assert!(
            mismatches.is_empty(),
            "{} pages differ: {mismatches:#?}",
            mismatches.len()
        );
        assert!(
            declined_total * 10 < pages,
            "the line scanner declined {declined_total} of {pages} pages"
        );
    }
}
