//! One page in, its facts out: front matter, title, namespace, types, enums, API facts and
//! diagnostics. Names are qualified in the page's namespace; resolution across pages is
//! [`crate::assemble`]'s job.

use graph_ir::{Diagnostic, EnumDef, TypeDef};

use crate::api::{read_api, ApiPage};
use crate::codes;
use crate::enums::build_enums;
use crate::front_matter;
use crate::merge::WordType;
use crate::prose::{self, ProseBase};
use crate::report::Reporter;
use crate::resource::{build_types, PageFacts};
use crate::scan::{scan, Scan};
use crate::tables::{property_table, PropertyTable};

/// What one page says.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    /// Path as given (relative to the docs root for a tree).
    pub file: String,
    /// `v1.0` or `beta`: from a path segment, else from the content (see [`version_of`]).
    pub version: String,
    /// The first heading, else the front matter title.
    pub title: String,
    /// The page's namespace (`Namespace:` line, else `microsoft.graph`).
    pub namespace: String,
    /// Front matter `doc_type`, if any.
    pub doc_type: Option<String>,
    /// Structured types defined by resource annotations.
    pub types: Vec<TypeDef>,
    /// Enumerations defined by `### x values` sections or an enum page.
    pub enums: Vec<EnumDef>,
    /// API facts, for pages under `api/` or with `doc_type: apiPageType`.
    pub api: Option<ApiPage>,
    /// Number of `blockType: resource` annotations read on the page.
    pub resource_annotations: usize,
    /// Types whose annotation says `"openType": false` in so many words.
    pub closed_explicitly: Vec<String>,
    /// Properties typed by a word that may name no type (`Url`, `[ID](identity.md)`): what
    /// they read as when no page of the tree defines the word.
    pub word_types: Vec<WordType>,
    /// Enums named only by a lower-case anchor (`mailboxrecipienttype-values`, the heading's
    /// name translated): assembly spells them as the properties that use them do.
    pub names_from_anchors: Vec<String>,
    /// Everything worth saying about the page, in page order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses one page. `file` is used in sources and diagnostics as given.
pub fn parse_page(file: &str, text: &str) -> Page {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut report = Reporter::new(file, text);
    let front = front_matter::read(text);
    if front.unclosed {
        report.warn(
            codes::FRONT_MATTER_UNCLOSED,
            0,
            "front matter opened with `---` is never closed; expected a closing `---` line (read as markdown)",
        );
    }
    let scan = scan(text, front.body_start, &mut report);
    let title = scan
        .headings
        .iter()
        .find(|h| h.level == 1)
        .map(|h| h.text.to_string())
        .or_else(|| front.get("title").map(str::to_string))
        .unwrap_or_default();
    let namespace = namespace_of(text, &scan).unwrap_or_else(|| "microsoft.graph".to_string());
    let doc_type = front.get("doc_type").map(str::to_string);
    let version = version_of(file, text).to_string();

    let resource_annotations = scan
        .annotations
        .iter()
        .filter(|a| a.block_type() == Some("resource"))
        .count();
    let mut types = Vec::new();
    let mut closed_explicitly = Vec::new();
    let mut word_types = Vec::new();
    if resource_annotations > 0 {
        let tables: Vec<PropertyTable> = scan
            .tables
            .iter()
            .filter_map(|t| property_table(text, t, &scan.headings))
            .collect();
        let first_table = tables.first().map_or(usize::MAX, |t| t.start);
        let facts = PageFacts {
            title: &title,
            namespace: &namespace,
            description: front.get("description").unwrap_or(""),
            prose_base: prose_base(text, &scan, first_table),
        };
        types = build_types(
            text,
            &scan,
            &tables,
            &facts,
            &mut closed_explicitly,
            &mut word_types,
            &mut report,
        );
    }
    let mut names_from_anchors = Vec::new();
    let mut enums = build_enums(
        text,
        &scan,
        &namespace,
        &title,
        doc_type.as_deref(),
        &mut names_from_anchors,
        &mut report,
    );
    let area = area_of(&front);
    for def in &mut types {
        def.area.clone_from(&area);
    }
    for def in &mut enums {
        def.area.clone_from(&area);
    }
    let is_api =
        doc_type.as_deref() == Some("apiPageType") || file.split(['/', '\\']).any(|s| s == "api");
    let api = is_api.then(|| read_api(text, &scan, &title, &mut report));
    Page {
        file: file.to_string(),
        version,
        title,
        namespace,
        doc_type,
        types,
        enums,
        api,
        resource_annotations,
        closed_explicitly,
        word_types,
        names_from_anchors,
        diagnostics: report.diagnostics,
    }
}

/// The page's product area: front matter `ms.subservice`, else `ms.prod`, lower-cased; `None`
/// when neither says anything.
fn area_of(front: &front_matter::FrontMatter) -> Option<String> {
    ["ms.subservice", "ms.prod"]
        .iter()
        .filter_map(|key| front.get(key))
        .map(str::trim)
        .find(|value| !value.is_empty())
        .map(str::to_lowercase)
}

/// The Graph version of a page: a `beta` / `v1.0` path segment; else `beta` when the content
/// points at beta (`graph.microsoft.com/beta/`, the beta disclaimer include); else `v1.0`.
pub fn version_of(file: &str, text: &str) -> &'static str {
    path_version(file).unwrap_or_else(|| content_version(text))
}

/// The version named by the first `beta` / `v1.0` segment of `path`, if any.
pub fn path_version(path: &str) -> Option<&'static str> {
    path.split(['/', '\\']).find_map(|segment| match segment {
        "beta" => Some("beta"),
        "v1.0" => Some("v1.0"),
        _ => None,
    })
}

/// The version a page's content points at: `beta` when it links `graph.microsoft.com/beta/` or
/// includes the beta disclaimer, else `v1.0` (a guess, for pages whose path names no version).
pub(crate) fn content_version(text: &str) -> &'static str {
    if text.contains("graph.microsoft.com/beta/") || text.contains("beta-disclaimer") {
        "beta"
    } else {
        "v1.0"
    }
}

/// The namespace from a `Namespace: microsoft.graph.x` line (in any language: a short label,
/// a colon, then the namespace).
fn namespace_of(text: &str, scan: &Scan) -> Option<String> {
    scan.paragraphs.iter().take(12).find_map(|&(start, end)| {
        let first_line = text[start..end].lines().next()?.trim();
        let colon = first_line.find([':', '：'])?;
        let label = &first_line[..colon];
        if label.chars().count() > 30 || label.contains(['[', '`', '*']) {
            return None;
        }
        let value = first_line[colon..].trim_start_matches([':', '：']).trim();
        let value = value.trim_matches(['*', '`']);
        let is_namespace = value.starts_with("microsoft.graph")
            && value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
        is_namespace.then(|| value.to_string())
    })
}

/// The base named in prose before the first Properties table: by an English phrase, else by
/// a link beside an inheritance verb of any language.
fn prose_base(text: &str, scan: &Scan, first_table: usize) -> Option<ProseBase> {
    let before = || {
        scan.paragraphs
            .iter()
            .take_while(|&&(start, _)| start < first_table)
    };
    before()
        .find_map(|&(start, end)| prose::base_in(text, start, end))
        .or_else(|| before().find_map(|&(start, end)| prose::linked_base_in(text, start, end)))
}
