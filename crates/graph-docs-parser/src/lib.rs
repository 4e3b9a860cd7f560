//! Reads Microsoft Graph documentation pages (markdown) into the intermediate schema
//! ([`graph_ir::Schema`]), leniently, with a diagnostic for everything it had to guess.
//!
//! - [`parse_page`]: one page -> [`Page`] (its types, enums, API facts, diagnostics).
//! - [`assemble`]: the pages of one version -> one [`graph_ir::Schema`], names resolved across
//!   pages and inheritance checked.
//! - [`parse_tree`]: a docs directory -> one schema per version, in parallel, deterministic.
//! - [`find_response_examples`]: response examples in plain-text web renders.
//! - [`walk`]: the pages below a directory, symbolic links followed, extensions in any case.
//!
//! Diagnostic codes are listed in [`codes`].

mod annotation;
mod api;
pub mod assemble;
pub mod codes;
mod description;
mod doc_type;
mod enums;
mod front_matter;
pub mod lenient_json;
mod line_scan;
mod lines;
mod merge;
mod page;
mod placeholder;
mod prose;
mod report;
mod resource;
mod scan;
mod search;
mod tables;
mod tree;
mod type_cell;
pub mod walk;
mod web_render;

pub use api::{ApiPage, ResponseExample};
pub use assemble::assemble;
pub use merge::WordType;
pub use page::{parse_page, path_version, version_of, Page};
pub use tree::{
    page_version, parse_pages, parse_pages_on, parse_tree, parse_tree_with, root_version,
    version_in_tree, TreeOptions, TreeOutput,
};
pub use web_render::find_response_examples;

/// Runs only the markdown pass of [`parse_page`] (for the speed example); returns the number
/// of tables, code blocks and annotations seen.
#[doc(hidden)]
pub fn markdown_pass_only(file: &str, text: &str) -> usize {
    let mut report = report::Reporter::new(file, text);
    let front = front_matter::read(text);
    let scan = scan::scan(text, front.body_start, &mut report);
    scan.tables.len() + scan.code_blocks.len() + scan.annotations.len()
}
