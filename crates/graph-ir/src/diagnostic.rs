//! Diagnostics: what was found wrong in the input, where, and what was expected.
//!
//! Every stage (parser, generator, example checker) reports through [`Diagnostic`] and
//! renders it the way rustc does: a headline with a stable code, the location, and the
//! offending source line with a caret under the column.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input cannot be used as it is; generation refuses to write anything.
    Error,
    /// The input was understood, leniently or with a guess that the message explains.
    Warning,
    /// Information, not a fault: a fact worth knowing (a docs-vs-metadata difference, a
    /// correction that was applied). Never fails a command.
    Note,
}

impl Severity {
    /// `error`, `warning` or `note`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// One finding about one place in one file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Error, warning or note.
    pub severity: Severity,
    /// Stable kebab-case code, e.g. `annotation-trailing-comma`; documented in the README.
    pub code: String,
    /// File path as given to the tool.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
    /// What was found and what was expected.
    pub message: String,
    /// The text of the offending line, for the excerpt under the headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at `file:line:column`.
    pub fn new(
        severity: Severity,
        code: impl Into<String>,
        file: impl Into<String>,
        line: u32,
        column: u32,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            code: code.into(),
            file: file.into(),
            line,
            column,
            message: message.into(),
            source_line: None,
        }
    }

    /// An error at `file:line:column`.
    pub fn error(
        code: impl Into<String>,
        file: impl Into<String>,
        line: u32,
        column: u32,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic::new(Severity::Error, code, file, line, column, message)
    }

    /// A note at `file:line:column`.
    pub fn note(
        code: impl Into<String>,
        file: impl Into<String>,
        line: u32,
        column: u32,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic::new(Severity::Note, code, file, line, column, message)
    }

    /// A warning at `file:line:column`.
    pub fn warning(
        code: impl Into<String>,
        file: impl Into<String>,
        line: u32,
        column: u32,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic::new(Severity::Warning, code, file, line, column, message)
    }

    /// Attaches the excerpt line taken from `text` (the whole file) at this diagnostic's line.
    pub fn with_excerpt_from(mut self, text: &str) -> Self {
        self.source_line = text
            .lines()
            .nth(self.line.saturating_sub(1) as usize)
            .map(|l| l.trim_end_matches('\r').to_string());
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// Renders like rustc:
    ///
    /// ```text
    /// warning[annotation-trailing-comma]: trailing comma before `}`; expected another key or the end of the object
    ///   --> beta/resources/groupidentity.md:31:24
    ///    |
    /// 31 |   "openType": true,}
    ///    |                   ^
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}[{}]: {}",
            self.severity.as_str(),
            self.code,
            self.message
        )?;
        let gutter = self.line.to_string().len();
        write!(
            f,
            "{:gutter$}--> {}:{}:{}",
            "", self.file, self.line, self.column
        )?;
        if let Some(line) = &self.source_line {
            let caret_pad: String = line
                .chars()
                .take(self.column.saturating_sub(1) as usize)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(
                f,
                "\n{:gutter$} |\n{} | {}\n{:gutter$} | {}^",
                "", self.line, line, "", caret_pad
            )?;
        }
        Ok(())
    }
}

/// Counts of errors, warnings and notes in a set of diagnostics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// Number of notes.
    pub notes: usize,
}

impl Tally {
    /// Counts `diagnostics`.
    pub fn of<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Tally {
        diagnostics.into_iter().fold(Tally::default(), |mut t, d| {
            match d.severity {
                Severity::Error => t.errors += 1,
                Severity::Warning => t.warnings += 1,
                Severity::Note => t.notes += 1,
            }
            t
        })
    }
}

/// 1-based line and character column of byte `offset` in `text`.
///
/// Offsets past the end map to the end; offsets inside a multi-byte character map to it.
pub fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let column = before[line_start..].chars().count() + 1;
    (line as u32, column as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_rustc_with_caret() {
        let text = "a\n  \"x\": 1,}\n";
        let d = Diagnostic::warning("trailing-comma", "p.md", 2, 10, "trailing comma")
            .with_excerpt_from(text);
        assert_eq!(
            d.to_string(),
            "warning[trailing-comma]: trailing comma\n --> p.md:2:10\n  |\n2 |   \"x\": 1,}\n  |          ^"
        );
    }

    #[test]
    fn line_column_counts_characters() {
        let text = "ab\ncé\u{202f}x";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        // 'x' comes after 'c', 'é' (2 bytes) and U+202F (3 bytes).
        assert_eq!(line_column(text, 9), (2, 4));
        assert_eq!(line_column(text, 5), (2, 2), "inside 'é' maps to it");
        assert_eq!(line_column(text, 999), (2, 5));
    }

    #[test]
    fn tally_counts() {
        let ds = [
            Diagnostic::error("a", "f", 1, 1, "m"),
            Diagnostic::warning("b", "f", 1, 1, "m"),
            Diagnostic::warning("c", "f", 1, 1, "m"),
            Diagnostic::note("d", "f", 1, 1, "m"),
        ];
        assert_eq!(
            Tally::of(&ds),
            Tally {
                errors: 1,
                warnings: 2,
                notes: 1
            }
        );
    }

    #[test]
    fn notes_render_and_serialise_as_note() {
        let d = Diagnostic::note("drift-open", "p.md", 3, 1, "open on one side only");
        assert!(!d.is_error());
        assert_eq!(
            d.to_string(),
            "note[drift-open]: open on one side only\n --> p.md:3:1"
        );
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["severity"], "note");
        let back: Diagnostic = serde_json::from_value(json).unwrap();
        assert_eq!(back, d);
    }
}
