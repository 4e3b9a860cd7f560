//! Collects the diagnostics of one page, placing byte offsets at line and column.

use graph_ir::{Diagnostic, Severity};

use crate::lines::LineIndex;

/// The diagnostics of one page, and what is needed to place them.
pub(crate) struct Reporter<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub lines: LineIndex<'a>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Reporter<'a> {
    pub fn new(file: &'a str, text: &'a str) -> Self {
        Reporter {
            file,
            text,
            lines: LineIndex::new(text),
            diagnostics: Vec::new(),
        }
    }

    pub fn line(&self, offset: usize) -> u32 {
        self.lines.line(offset)
    }

    pub fn warn(&mut self, code: &str, offset: usize, message: impl Into<String>) {
        self.push(Severity::Warning, code, offset, message.into());
    }

    pub fn error(&mut self, code: &str, offset: usize, message: impl Into<String>) {
        self.push(Severity::Error, code, offset, message.into());
    }

    fn push(&mut self, severity: Severity, code: &str, offset: usize, message: String) {
        let (line, column) = self.lines.line_column(self.text, offset);
        let mut diagnostic = Diagnostic::new(severity, code, self.file, line, column, message);
        diagnostic.source_line = Some(self.source_line(offset));
        self.diagnostics.push(diagnostic);
    }

    /// The line holding byte `offset` (placed as [`LineIndex::line_column`] places it).
    fn source_line(&self, offset: usize) -> String {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let start = memchr::memrchr(b'\n', &self.text.as_bytes()[..offset]).map_or(0, |i| i + 1);
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        self.text[start..end].trim_end_matches('\r').to_string()
    }
}
