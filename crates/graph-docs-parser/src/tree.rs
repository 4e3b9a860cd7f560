//! A whole docs directory (or pages already in memory): every `.md` page parsed in parallel
//! (deterministically), then assembled into one schema per version.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use graph_ir::{Diagnostic, Schema};

use crate::api::ApiPage;
use crate::assemble::{assemble_taking, defined_names};
use crate::codes;
use crate::page::{self, parse_page, Page};
use crate::walk;

/// Everything read from a docs tree.
#[derive(Clone, Debug, Default)]
pub struct TreeOutput {
    /// One schema per version found (`v1.0`, `beta`).
    pub schemas: BTreeMap<String, Schema>,
    /// API pages, in path order.
    pub api_pages: Vec<ApiPage>,
    /// Every diagnostic, sorted; files are shown as `<root>/<relative path>`.
    pub diagnostics: Vec<Diagnostic>,
    /// Number of pages read.
    pub pages: usize,
    /// Number of pages read per version.
    pub pages_by_version: BTreeMap<String, usize>,
    /// Number of `blockType: resource` annotations read.
    pub resource_annotations: usize,
    /// Number of pages with a resource annotation and no error diagnostic.
    pub resource_pages_without_errors: usize,
    /// Number of pages with a resource annotation.
    pub resource_pages: usize,
}

/// How [`parse_tree_with`] reads a tree.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TreeOptions {
    /// Every page is of this version (`v1.0` or `beta`), whatever its path or content says.
    pub version: Option<String>,
}

/// Parses every page under `root`: files named `.md` in any case (`.MD`), recursively, following
/// symbolic links (a version folder that is a link is read; a link loop is a warning).
///
/// A page's version is the first `v1.0` / `beta` segment of its path below `root`, else the
/// last one of `root` itself (`--docs api-reference/beta`); only when neither names one is it
/// guessed from the page's content, with one note for the tree.
pub fn parse_tree(root: &Path) -> TreeOutput {
    parse_tree_with(root, &TreeOptions::default())
}

/// [`parse_tree`] with options: `version` forces every page's version.
pub fn parse_tree_with(root: &Path, options: &TreeOptions) -> TreeOutput {
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    collect_markdown(root, &mut files, &mut diagnostics);
    files.sort();
    let root_version = root_version(root);
    let mut parsed = parse_parallel(&files, all_cores(), |file| read_and_parse(root, file));
    let mut guessed = BTreeMap::<String, usize>::new();
    for (page, _) in &mut parsed {
        match version_in_tree(root_version, &page.file, options) {
            Some(version) => page.version = version,
            // `parse_page` guessed it from the content.
            None => *guessed.entry(page.version.clone()).or_default() += 1,
        }
    }
    if !guessed.is_empty() {
        let counts: Vec<String> = guessed
            .iter()
            .map(|(version, n)| format!("{n} as {version}"))
            .collect();
        diagnostics.push(Diagnostic::note(
            codes::VERSION_GUESSED,
            "",
            1,
            1,
            format!(
                "no `v1.0` / `beta` segment in the path of the tree or of {} pages; their version was guessed from their content ({}); expected a version folder, or `--version` to force one",
                guessed.values().sum::<usize>(),
                counts.join(", ")
            ),
        ));
    }
    let shown_root = root
        .to_string_lossy()
        .trim_end_matches(['/', '\\'])
        .to_string();
    finish(parsed, diagnostics, Some(&shown_root), |file| {
        std::fs::read_to_string(root.join(file)).ok()
    })
}

/// The version of the page at `relative` (below a tree whose [`root_version`] is
/// `root_version`), the way [`parse_tree_with`] decides it: `options.version` when forced, else
/// the first `v1.0` / `beta` segment of `relative`, else the root's; `None` when only the page's
/// content can tell ([`crate::version_of`] guesses it). Every tool that reads a tree (the
/// example checker too) takes a page's version from here.
pub fn version_in_tree(
    root_version: Option<&str>,
    relative: &str,
    options: &TreeOptions,
) -> Option<String> {
    options
        .version
        .as_deref()
        .or_else(|| page::path_version(relative))
        .or(root_version)
        .map(str::to_string)
}

/// [`version_in_tree`], else the guess from the page's content ([`crate::version_of`]): the
/// version every tool gives the page at `relative` with `text`.
pub fn page_version(
    root_version: Option<&str>,
    relative: &str,
    text: &str,
    options: &TreeOptions,
) -> String {
    version_in_tree(root_version, relative, options)
        .unwrap_or_else(|| page::version_of(relative, text).to_string())
}

/// The version named by the last `v1.0` / `beta` segment of `root` made absolute (`.` and
/// `..` applied to the words, symbolic links not followed): what [`parse_tree`] gives a page
/// whose path below `root` names no version.
pub fn root_version(root: &Path) -> Option<&'static str> {
    let absolute = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let mut segments: Vec<String> = Vec::new();
    for component in absolute.components() {
        match component {
            std::path::Component::Normal(name) => {
                segments.push(name.to_string_lossy().into_owned());
            }
            std::path::Component::ParentDir => {
                segments.pop();
            }
            _ => {}
        }
    }
    segments
        .iter()
        .rev()
        .find_map(|segment| page::path_version(segment))
}

/// Parses pages already in memory, given as `(path, text)` in the order wanted, on all cores;
/// the same as [`parse_tree`] without the file system (diagnostics name the paths as given).
pub fn parse_pages(pages: &[(String, String)]) -> TreeOutput {
    parse_pages_on(pages, all_cores())
}

/// [`parse_pages`] on at most `threads` threads (`1`: on the calling thread only).
pub fn parse_pages_on(pages: &[(String, String)], threads: usize) -> TreeOutput {
    let parsed = parse_parallel(pages, threads, |(file, text)| {
        (parse_page(file, text), None)
    });
    finish(parsed, Vec::new(), None, |file| {
        pages
            .iter()
            .find(|(path, _)| path == file)
            .map(|(_, text)| text.clone())
    })
}

/// Assembles parsed pages into a [`TreeOutput`]; `page_text` supplies excerpts for assembly
/// diagnostics, `shown_root` prefixes every diagnostic's file.
fn finish(
    parsed: Vec<(Page, Option<Diagnostic>)>,
    mut diagnostics: Vec<Diagnostic>,
    shown_root: Option<&str>,
    page_text: impl Fn(&str) -> Option<String>,
) -> TreeOutput {
    let mut pages = Vec::with_capacity(parsed.len());
    for (page, problem) in parsed {
        diagnostics.extend(problem);
        pages.push(page);
    }
    let mut out = TreeOutput {
        pages: pages.len(),
        ..TreeOutput::default()
    };
    let versions: std::collections::BTreeSet<String> = pages
        .iter()
        .map(|p| p.version.clone())
        .filter(|v| !v.is_empty())
        .collect();
    for page in &pages {
        *out.pages_by_version
            .entry(page.version.clone())
            .or_default() += 1;
    }
    let defined = defined_names(&pages);
    for version in versions {
        let (schema, found) = assemble_taking(&version, &mut pages, &defined);
        diagnostics.extend(found);
        out.schemas.insert(version, schema);
    }
    for page in &pages {
        if page.resource_annotations > 0 {
            out.resource_pages += 1;
            out.resource_annotations += page.resource_annotations;
            if !page.diagnostics.iter().any(Diagnostic::is_error) {
                out.resource_pages_without_errors += 1;
            }
        }
    }
    for page in pages {
        diagnostics.extend(page.diagnostics);
        out.api_pages.extend(page.api);
    }
    add_missing_excerpts(&mut diagnostics, page_text);
    if let Some(shown_root) = shown_root {
        for d in &mut diagnostics {
            if d.file.is_empty() {
                d.file = shown_root.to_string();
            } else if !d.file.starts_with(shown_root) {
                d.file = format!("{shown_root}/{}", d.file);
            }
        }
    }
    diagnostics.sort();
    out.diagnostics = diagnostics;
    out
}

fn all_cores() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(16)
}

/// Every page below `root` (`.md` in any case, symbolic links followed), as relative paths; a
/// directory that cannot be read or a link that leads nowhere is an error, a link loop a warning.
fn collect_markdown(root: &Path, files: &mut Vec<String>, diagnostics: &mut Vec<Diagnostic>) {
    let found = walk::walk(root, |path| walk::has_extension(path, "md"));
    files.extend(found.files.iter().map(|path| relative(root, path)));
    for problem in found.problems {
        let file = relative(root, &problem.path);
        diagnostics.push(match problem.kind {
            walk::WalkProblemKind::Unreadable => {
                Diagnostic::error(codes::PAGE_UNREADABLE, file, 1, 1, problem.message)
            }
            walk::WalkProblemKind::Loop => {
                Diagnostic::warning(codes::DIRECTORY_LOOP, file, 1, 1, problem.message)
            }
        });
    }
}

fn relative(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path
        .strip_prefix(root)
        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Runs `parse` over `items` on `threads` threads; results come back in `items` order.
fn parse_parallel<T: Sync>(
    items: &[T],
    threads: usize,
    parse: impl Fn(&T) -> (Page, Option<Diagnostic>) + Sync,
) -> Vec<(Page, Option<Diagnostic>)> {
    if threads <= 1 {
        return items.iter().map(&parse).collect();
    }
    // Pages differ in cost by two orders of magnitude and sorted paths group alike pages, so
    // rayon's work stealing, not fixed halves; its indexed collect keeps page order, and a
    // panic on one page is re-raised here rather than losing the page.
    use rayon::prelude::*;
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(|| items.par_iter().map(&parse).collect()),
        Err(_) => items.iter().map(&parse).collect(),
    }
}

fn read_and_parse(root: &Path, file: &str) -> (Page, Option<Diagnostic>) {
    match std::fs::read(root.join(file)) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => (parse_page(file, &text), None),
            Err(error) => {
                let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
                let problem = Diagnostic::warning(
                    codes::PAGE_NOT_UTF8,
                    file,
                    1,
                    1,
                    format!(
                        "page is not valid UTF-8 ({}); read with replacement characters",
                        error.utf8_error()
                    ),
                );
                (parse_page(file, &text), Some(problem))
            }
        },
        Err(error) => {
            let problem = Diagnostic::error(
                codes::PAGE_UNREADABLE,
                file,
                1,
                1,
                format!("cannot read page: {error}"),
            );
            (
                Page {
                    file: file.to_string(),
                    ..Page::default()
                },
                Some(problem),
            )
        }
    }
}

/// Assembly diagnostics are made without the page text; fetch the few pages they point at.
fn add_missing_excerpts(
    diagnostics: &mut [Diagnostic],
    page_text: impl Fn(&str) -> Option<String>,
) {
    let mut texts: BTreeMap<String, Option<String>> = BTreeMap::new();
    for d in diagnostics.iter_mut().filter(|d| d.source_line.is_none()) {
        let text = texts
            .entry(d.file.clone())
            .or_insert_with(|| page_text(&d.file));
        if let Some(text) = text {
            *d = d.clone().with_excerpt_from(text);
        }
    }
}
