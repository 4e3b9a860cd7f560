//! Graph service metadata against the docs: the metadata read into the IR, the drift report,
//! and reviewed corrections.
//!
//! - [`csdl`]: OData CSDL XML (`$metadata`) -> [`graph_ir::Schema`], with the facts the IR has
//!   no field for (containment, flags enums) beside it in [`csdl::Metadata`].
//! - [`drift`]: docs IR vs metadata for one version -> a [`drift::Report`] of notes with stable
//!   `drift-*` codes, positioned at the pages.
//! - [`corrections`]: the reviewed corrections file (`schema/corrections.toml`): its format,
//!   [`corrections::apply`] on top of the IR, and [`corrections::suggest`] for candidates.
//!
//! Diagnostic codes are listed in [`codes`].

pub mod codes;
pub mod corrections;
pub mod csdl;
pub mod drift;

use std::collections::BTreeMap;

use graph_ir::Diagnostic;

/// Attaches the excerpt line to every diagnostic that has none, reading each file once with
/// `read` (which gets the diagnostic's `file` and returns its text, or `None` to leave it).
pub fn attach_excerpts(
    diagnostics: &mut [Diagnostic],
    mut read: impl FnMut(&str) -> Option<String>,
) {
    let mut files: BTreeMap<String, Option<(String, Vec<usize>)>> = BTreeMap::new();
    for d in diagnostics.iter_mut().filter(|d| d.source_line.is_none()) {
        let entry = files.entry(d.file.clone()).or_insert_with(|| {
            read(&d.file).map(|text| {
                let mut starts = vec![0];
                starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
                (text, starts)
            })
        });
        let Some((text, starts)) = entry else {
            continue;
        };
        let index = d.line.saturating_sub(1) as usize;
        if let Some(&start) = starts.get(index) {
            let end = starts.get(index + 1).map_or(text.len(), |&e| e - 1);
            if let Some(line) = text.get(start..end.max(start)) {
                d.source_line = Some(line.trim_end_matches('\r').to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_attached_once_per_file() {
        let mut ds = vec![
            Diagnostic::note("a", "f", 2, 1, "m"),
            Diagnostic::note("a", "f", 3, 1, "m"),
            Diagnostic::note("a", "f", 9, 1, "m"),
            Diagnostic::note("a", "g", 1, 1, "m"),
        ];
        let mut reads = 0;
        attach_excerpts(&mut ds, |file| {
            reads += 1;
            (file == "f").then(|| "one\r\ntwo\nthree".to_string())
        });
        assert_eq!(reads, 2);
        assert_eq!(ds[0].source_line.as_deref(), Some("two"));
        assert_eq!(ds[1].source_line.as_deref(), Some("three"));
        assert_eq!(ds[2].source_line, None);
        assert_eq!(ds[3].source_line, None);
    }
}
