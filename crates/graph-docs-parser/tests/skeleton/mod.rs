//! Counts what a docs tree declares by its language-free skeleton (heading anchors, annotation
//! comments, link targets, table shapes) and how much of it a parse found, per version. The
//! declarations are read from the raw text here, independently of the parser, so the counts
//! measure the parser rather than repeat it.
//!
//! - enums: headings (level 2+) anchored `<name>-values` (or written `<name> values`) with a
//!   table in their section, and enum pages (an `<name>-enum-type` anchor, or `doc_type:
//!   enumPageType` without sections); found = an enum of that simple name in the schema;
//! - resource annotations (`"blockType": "resource"`, HTML-escaped quotes decoded); found = a
//!   type of that qualified name;
//! - annotations whose quotes came back HTML-escaped, and the `annotation-invalid` diagnostics
//!   inside them;
//! - bases stated in prose only (the annotation has no `baseType`): a sentence before the
//!   Properties section with an inheritance verb (in any of the docs' languages) and a link
//!   to a resource page; found = the page's type has that base;
//! - properties typed as a translated word: a named type whose name is not an identifier of
//!   anything in the tree (no type, enum, anchor, link target or `microsoft.graph.x` mention)
//!   and that is not ASCII or is a word of the row's type cell (link text included).

// Each test file is a crate of its own and uses only some of these.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

use graph_docs_parser::{codes, lenient_json, TreeOutput};
use graph_ir::Schema;

/// What one version of a tree declares and what the parse found of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Enum sections (`x-values` anchors or `x values` headings with a table).
    pub enum_sections: usize,
    /// Enum pages (`x-enum-type` anchor or `enumPageType` without sections).
    pub enum_pages: usize,
    /// Distinct enum names the sections and pages declare.
    pub enums_declared: usize,
    /// Of those, the ones the schema has.
    pub enums_found: usize,
    /// `blockType: resource` annotations.
    pub resource_annotations: usize,
    /// Distinct type names those annotations declare.
    pub types_declared: usize,
    /// Of those, the ones the schema has.
    pub types_found: usize,
    /// Annotations whose quotes are HTML-escaped (`&quot;`).
    pub escaped_annotations: usize,
    /// `annotation-invalid` diagnostics inside those.
    pub escaped_invalid: usize,
    /// Types whose page states a base in prose (verb + link to a resource page) and not in
    /// the annotation.
    pub prose_bases_stated: usize,
    /// Of those, the ones whose type has that base in the schema.
    pub prose_bases_found: usize,
    /// Properties typed as a word that names nothing in the tree.
    pub translated_word_types: usize,
    /// Some of them, for the message (`file:line type`).
    pub translated_examples: Vec<String>,
    /// Some declared enums not found, for the message.
    pub missing_enums: Vec<String>,
    /// Some declared types not found.
    pub missing_types: Vec<String>,
    /// Some stated prose bases not found (`file: type -> base (schema: ...)`).
    pub missing_bases: Vec<String>,
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "enum sections {}, enum pages {}, enums found {} of {} declared ({:.1} %); \
             resource annotations {}, types found {} of {} declared; \
             escaped annotations {}, annotation-invalid in them {}; \
             prose bases found {} of {} stated ({:.1} %); properties typed as a translated word {}",
            self.enum_sections,
            self.enum_pages,
            self.enums_found,
            self.enums_declared,
            percent(self.enums_found, self.enums_declared),
            self.resource_annotations,
            self.types_found,
            self.types_declared,
            self.escaped_annotations,
            self.escaped_invalid,
            self.prose_bases_found,
            self.prose_bases_stated,
            percent(self.prose_bases_found, self.prose_bases_stated),
            self.translated_word_types,
        )
    }
}

/// `part / whole` in percent (100 when there is nothing to find).
pub fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// What the raw text of one page, or of one version's pages, declares.
#[derive(Default)]
struct Declared {
    enum_sections: usize,
    enum_pages: usize,
    /// Lower-case simple names.
    enums: BTreeSet<String>,
    resource_annotations: usize,
    /// Lower-case qualified names.
    types: BTreeSet<String>,
    /// `(relative file, first line, last line)` of each escaped annotation.
    escaped: Vec<(String, u32, u32)>,
    /// `(relative file, lower-case qualified type, lower-case simple base)`.
    prose_bases: Vec<(String, String, String)>,
}

impl Declared {
    /// Adds what one more page declares.
    fn add(&mut self, page: Declared) {
        self.enum_sections += page.enum_sections;
        self.enum_pages += page.enum_pages;
        self.enums.extend(page.enums);
        self.resource_annotations += page.resource_annotations;
        self.types.extend(page.types);
        self.escaped.extend(page.escaped);
        self.prose_bases.extend(page.prose_bases);
    }
}

/// Counts `output` (the parse of `root`) against what `root`'s pages declare.
pub fn count(root: &Path, output: &TreeOutput) -> BTreeMap<String, Counts> {
    let files =
        graph_docs_parser::walk::walk(root, |p| graph_docs_parser::walk::has_extension(p, "md"))
            .files;
    let mut declared: BTreeMap<String, Declared> = BTreeMap::new();
    let mut known: BTreeSet<String> = BTreeSet::new();
    let mut cells: BTreeMap<(String, u32), String> = BTreeMap::new();
    let root_version = graph_docs_parser::root_version(root);
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        let relative = file
            .strip_prefix(root)
            .unwrap_or(file)
            .to_string_lossy()
            .replace('\\', "/");
        let version =
            graph_docs_parser::page_version(root_version, &relative, &text, &Default::default());
        let page = read_page(&relative, &text, &mut known, &mut cells);
        declared.entry(version).or_default().add(page);
    }
    for schema in output.schemas.values() {
        known.extend(
            schema
                .types
                .keys()
                .chain(schema.enums.keys())
                .map(|n| simple(n).to_lowercase()),
        );
    }
    let mut out = BTreeMap::new();
    for (version, d) in declared {
        let empty = Schema::default();
        let schema = output.schemas.get(&version).unwrap_or(&empty);
        out.insert(version.clone(), tally(&d, schema, output, &known, &cells));
    }
    out
}

fn tally(
    d: &Declared,
    schema: &Schema,
    output: &TreeOutput,
    known: &BTreeSet<String>,
    cells: &BTreeMap<(String, u32), String>,
) -> Counts {
    let enum_names: BTreeSet<String> = schema
        .enums
        .keys()
        .map(|n| simple(n).to_lowercase())
        .collect();
    let type_names: BTreeMap<String, &graph_ir::TypeDef> = schema
        .types
        .iter()
        .map(|(n, t)| (n.to_lowercase(), t))
        .collect();
    let mut c = Counts {
        enum_sections: d.enum_sections,
        enum_pages: d.enum_pages,
        enums_declared: d.enums.len(),
        resource_annotations: d.resource_annotations,
        types_declared: d.types.len(),
        escaped_annotations: d.escaped.len(),
        prose_bases_stated: d.prose_bases.len(),
        ..Counts::default()
    };
    for name in &d.enums {
        if enum_names.contains(name) {
            c.enums_found += 1;
        } else if c.missing_enums.len() < 40 {
            c.missing_enums.push(name.clone());
        }
    }
    for name in &d.types {
        if type_names.contains_key(name) {
            c.types_found += 1;
        } else if c.missing_types.len() < 40 {
            c.missing_types.push(name.clone());
        }
    }
    for diagnostic in &output.diagnostics {
        if diagnostic.code != codes::ANNOTATION_INVALID {
            continue;
        }
        let inside = d.escaped.iter().any(|(file, first, last)| {
            diagnostic.file.ends_with(&format!("/{file}"))
                && (*first..=*last).contains(&diagnostic.line)
        });
        c.escaped_invalid += usize::from(inside);
    }
    for (file, ty, base) in &d.prose_bases {
        let found = type_names.get(ty).and_then(|t| t.base.as_ref());
        if found.is_some_and(|b| simple(&b.name).eq_ignore_ascii_case(base)) {
            c.prose_bases_found += 1;
        } else if c.missing_bases.len() < 40 {
            c.missing_bases.push(format!(
                "{file}: {ty} -> {base} (schema: {:?})",
                found.map(|b| &b.name)
            ));
        }
    }
    for ty in schema.types.values() {
        for property in &ty.properties {
            let element = property.ty.element_name();
            if element.starts_with("Edm.") {
                continue;
            }
            let word = simple(element);
            if known.contains(&word.to_lowercase()) {
                continue;
            }
            let written = element.strip_prefix("microsoft.graph.").unwrap_or(element);
            let in_cell = cells
                .get(&(property.source.file.clone(), property.source.line))
                .is_some_and(|cell| cell_words(cell).any(|w| w.eq_ignore_ascii_case(written)));
            if !word.is_ascii() || in_cell {
                c.translated_word_types += 1;
                if c.translated_examples.len() < 40 {
                    c.translated_examples.push(format!(
                        "{}:{} {}",
                        property.source.file, property.source.line, property.ty
                    ));
                }
            }
        }
    }
    c
}

/// A markdown heading line: its level, its anchor and its visible text.
struct HeadingLine<'t> {
    level: usize,
    anchor: Option<&'t str>,
    text: String,
    line: usize,
}

fn heading(line: &str, index: usize) -> Option<HeadingLine<'_>> {
    let trimmed = line.trim_end();
    let level = trimmed.bytes().take_while(|&b| b == b'#').count();
    if level == 0 || level > 6 || !trimmed[level..].starts_with(' ') {
        return None;
    }
    let rest = trimmed[level..].trim();
    let anchor = rest.find("<a name=\"").and_then(|at| {
        let from = at + "<a name=\"".len();
        rest[from..].find('"').map(|len| &rest[from..from + len])
    });
    let mut text = String::new();
    let mut inside_tag = false;
    for ch in rest.chars() {
        match ch {
            '<' => inside_tag = true,
            '>' if inside_tag => inside_tag = false,
            _ if !inside_tag => text.push(ch),
            _ => {}
        }
    }
    Some(HeadingLine {
        level,
        anchor,
        text: text.trim().to_string(),
        line: index,
    })
}

/// The words of a type cell outside link targets (`[ID](identity.md) коллекция` -> `ID`,
/// `коллекция`).
fn cell_words(cell: &str) -> impl Iterator<Item = &str> {
    let mut kept = Vec::new();
    let mut rest = cell;
    while let Some(at) = rest.find("](") {
        kept.push(&rest[..at]);
        rest = rest[at..].find(')').map_or("", |end| &rest[at + end + 1..]);
    }
    kept.push(rest);
    kept.into_iter().flat_map(|part| {
        part.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
            .map(|w| w.trim_matches('.'))
            .filter(|w| !w.is_empty())
    })
}

fn is_identifier(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn simple(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

/// The inheritance verbs of the languages the Graph docs are published in, lower case: the
/// verb, whether the base's link follows it (else precedes it), and the words one of which
/// must stand between the two (or open the link text) for the sentence to name the base
/// rather than a derived type (`наследуется [от x]` against `наследуется [x]`, "is inherited
/// by x"; `[x] から継承` against `[x] によって継承`).
const INHERITANCE: &[(&str, bool, &[&str])] = &[
    ("inherits from", true, &[]),
    ("inherits", true, &["from"]),
    ("inherited from", true, &[]),
    ("derived from", true, &[]),
    ("derives from", true, &[]),
    ("extends from", true, &[]),
    ("наследует", true, &[]),
    ("наследуется", true, &["от", "из"]),
    ("унаследовано", true, &["от"]),
    ("производный", true, &["от"]),
    ("производным", true, &["от"]),
    ("производные", true, &["от"]),
    ("производная", true, &["от"]),
    ("継承", false, &["から", "を"]),
    ("から派生", false, &[]),
    ("继承自", true, &[]),
    ("派生自", true, &[]),
    ("herda", true, &["de"]),
    ("hereda", true, &["de"]),
    ("derivado", true, &["de"]),
    ("erbt", true, &["von"]),
    ("abgeleitet", true, &["von"]),
    ("hérite", true, &["de"]),
    ("dérivé", true, &["de"]),
    ("eredita", true, &["da"]),
    ("dziedziczy", true, &["po"]),
];

fn read_page(
    file: &str,
    text: &str,
    known: &mut BTreeSet<String>,
    cells: &mut BTreeMap<(String, u32), String>,
) -> Declared {
    let mut page = Declared::default();
    let lines: Vec<&str> = text.lines().collect();
    let headings: Vec<HeadingLine> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| heading(l, i))
        .collect();
    let namespace = namespace(&lines);
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('|') {
            let cell: Vec<&str> = trimmed.trim_matches('|').split('|').collect();
            if cell.len() >= 2 {
                cells.insert((file.to_string(), i as u32 + 1), cell[1].to_string());
            }
        }
        for mention in line.match_indices("microsoft.graph.") {
            let rest = &line[mention.0 + mention.1.len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
                .unwrap_or(rest.len());
            if let Some(last) = rest[..end].trim_end_matches('.').rsplit('.').next() {
                known.insert(last.to_lowercase());
            }
        }
        let mut rest = *line;
        while let Some(at) = rest.find("](") {
            rest = &rest[at + 2..];
            let target = rest.split([')', '#', ' ']).next().unwrap_or("");
            if let Some(stem) = resource_stem(target) {
                known.insert(stem);
            }
        }
    }
    let is_enum_type_page = text.contains("doc_type: enumPageType");
    let mut sections = 0;
    for (index, h) in headings.iter().enumerate() {
        let end = headings.get(index + 1).map_or(lines.len(), |n| n.line);
        let has_table = lines[h.line + 1..end]
            .iter()
            .any(|l| l.trim_start().starts_with('|'));
        if let Some(anchor) = h.anchor {
            let lower = anchor.to_lowercase();
            if let Some(stem) = lower.strip_suffix("-enum-type") {
                if is_identifier(stem) {
                    known.insert(stem.to_string());
                    if h.level == 1 {
                        page.enum_pages += 1;
                        page.enums.insert(stem.to_string());
                    }
                }
            }
            if let Some(stem) = lower.strip_suffix("-resource-type") {
                known.insert(stem.to_string());
            }
        }
        let stem = match h.anchor {
            Some(anchor) => anchor
                .to_lowercase()
                .strip_suffix("-values")
                .map(str::to_string),
            None => h
                .text
                .strip_suffix("values")
                .map(|s| s.trim().to_lowercase()),
        };
        if let Some(stem) = stem {
            if h.level >= 2 && is_identifier(&stem) {
                known.insert(stem.clone());
                if has_table {
                    sections += 1;
                    page.enums.insert(stem);
                }
            }
        }
        if h.level == 1 && h.anchor.is_none() {
            if let Some(name) = h.text.strip_suffix("enum type") {
                let name = name.trim().to_lowercase();
                if is_identifier(&name) {
                    page.enum_pages += 1;
                    page.enums.insert(name);
                }
            }
        }
    }
    page.enum_sections = sections;
    if is_enum_type_page && sections == 0 && page.enum_pages == 0 {
        if let Some(title) = headings.iter().find(|h| h.level == 1) {
            let name = title
                .text
                .split_whitespace()
                .find(|w| is_identifier(w) && w.chars().any(|c| c.is_ascii_uppercase()));
            if let Some(name) = name {
                page.enum_pages += 1;
                page.enums.insert(name.to_lowercase());
            }
        }
    }
    // Annotation comments.
    let mut first_resource_type = None;
    let mut first_resource_line = usize::MAX;
    let mut pos = 0;
    while let Some(open) = text[pos..].find("<!--").map(|i| pos + i) {
        let Some(close) = text[open + 4..].find("-->").map(|i| open + 4 + i) else {
            break;
        };
        pos = close + 3;
        let inner = text[open + 4..close].trim();
        if !inner.starts_with('{') {
            continue;
        }
        let first_line = line_of(text, open);
        if inner.contains("&quot;") {
            page.escaped
                .push((file.to_string(), first_line, line_of(text, close)));
        }
        let decoded = inner.replace("&quot;", "\"");
        let Ok(parsed) = lenient_json::parse(&decoded, 0) else {
            continue;
        };
        if parsed.root.get("blockType").and_then(|b| b.as_str()) != Some("resource") {
            continue;
        }
        page.resource_annotations += 1;
        let name = parsed
            .root
            .get("@odata.type")
            .or_else(|| parsed.root.get("@type"))
            .and_then(|n| n.as_str())
            .map(|n| qualify(n.trim(), &namespace));
        if let Some(name) = name {
            known.insert(simple(&name).to_lowercase());
            if first_resource_type.is_none() {
                let annotated_base = parsed
                    .root
                    .get("baseType")
                    .and_then(|b| b.as_str())
                    .is_some_and(|b| !b.trim().is_empty());
                first_resource_type = Some((name.clone(), annotated_base));
                first_resource_line = first_line as usize - 1;
            }
            page.types.insert(name);
        }
    }
    // Only bases the prose alone states: an annotation's `baseType` wins over the prose.
    if let Some((ty, false)) = first_resource_type {
        // The Properties section: its anchor, else its English heading, else the annotation.
        let properties = headings
            .iter()
            .find(|h| h.anchor == Some("properties") || h.text.eq_ignore_ascii_case("properties"))
            .map_or(first_resource_line, |h| h.line);
        if let Some(base) = prose_base(&lines[..properties.min(lines.len())]) {
            page.prose_bases.push((file.to_string(), ty, base));
        }
    }
    page
}

/// The base stated by the first sentence of `lines` (outside tables, headings and notes) that
/// holds an inheritance verb and a link to a resource page: the link nearest to the verb.
fn prose_base(lines: &[&str]) -> Option<String> {
    let mut paragraph = String::new();
    let mut front = lines.first().is_some_and(|l| l.trim_end() == "---");
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if front {
            if i > 0 && t == "---" {
                front = false;
            }
            continue;
        }
        let prose = !(t.is_empty()
            || t.starts_with('|')
            || t.starts_with('#')
            || t.starts_with('>')
            || t.starts_with("<!--")
            || t.starts_with("```"));
        if prose {
            paragraph.push_str(t);
            paragraph.push(' ');
            continue;
        }
        if let Some(base) = base_in_paragraph(&paragraph) {
            return Some(base);
        }
        paragraph.clear();
    }
    base_in_paragraph(&paragraph)
}

fn base_in_paragraph(paragraph: &str) -> Option<String> {
    let lower = paragraph.to_lowercase();
    if lower.len() != paragraph.len() {
        // Lower-casing changed byte lengths: search the original with each case.
        return sentences(paragraph).find_map(|s| base_in_sentence(s, &s.to_lowercase()));
    }
    sentences(paragraph).find_map(|s| {
        let start = s.as_ptr() as usize - paragraph.as_ptr() as usize;
        base_in_sentence(s, &lower[start..start + s.len()])
    })
}

fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(['。', '．'])
        .flat_map(|s| s.split_inclusive(". "))
}

fn base_in_sentence(sentence: &str, lower: &str) -> Option<String> {
    // Positions are compared in characters: lower-casing may change byte lengths.
    let chars: Vec<char> = sentence.chars().collect();
    let lower_chars: Vec<char> = lower.chars().collect();
    let links = links_in(sentence);
    let mut best: Option<(usize, String)> = None;
    for (verb, after, needs) in INHERITANCE {
        let verb: Vec<char> = verb.chars().collect();
        let spaced = verb.iter().any(|c| u32::from(*c) < 0x3000);
        for at in 0..lower_chars.len().saturating_sub(verb.len() - 1) {
            if lower_chars[at..at + verb.len()] != verb[..] {
                continue;
            }
            let end = at + verb.len();
            let bounded = !spaced
                || (lower_chars.get(end).is_none_or(|c| !c.is_alphanumeric())
                    && (at == 0 || !lower_chars[at - 1].is_alphanumeric()));
            if !bounded {
                continue;
            }
            for (open, close, label, stem) in &links {
                let between: String = if *after && *open >= end {
                    chars[end..*open].iter().collect::<String>() + " " + label
                } else if !*after && *close <= at {
                    chars[*close..at].iter().collect()
                } else {
                    continue;
                };
                let gap = if *after { open - end } else { at - close };
                let between = between.to_lowercase();
                let holds = needs.is_empty()
                    || needs.iter().any(|n| {
                        if n.chars().all(|c| u32::from(c) >= 0x3000) {
                            between.contains(n)
                        } else {
                            between
                                .split(|c: char| !c.is_alphanumeric())
                                .any(|w| w == *n)
                        }
                    });
                if gap <= 40 && holds && best.as_ref().is_none_or(|(d, _)| gap < *d) {
                    best = Some((gap, stem.clone()));
                }
            }
        }
    }
    best.map(|(_, stem)| stem)
}

/// The links to resource pages of `sentence`: where each opens and closes (in characters), its
/// text and the name its target gives.
fn links_in(sentence: &str) -> Vec<(usize, usize, String, String)> {
    let chars: Vec<char> = sentence.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '[' {
            i += 1;
            continue;
        }
        let Some(close) =
            (i..chars.len().saturating_sub(1)).find(|&j| chars[j] == ']' && chars[j + 1] == '(')
        else {
            break;
        };
        let Some(end) = (close..chars.len()).find(|&j| chars[j] == ')') else {
            break;
        };
        let label: String = chars[i + 1..close].iter().collect();
        let target: String = chars[close + 2..end].iter().collect();
        let target = target.split(['#', ' ']).next().unwrap_or("").to_string();
        if let Some(stem) = resource_stem(&target) {
            out.push((i, end + 1, label, stem));
        }
        i = end + 1;
    }
    out
}

/// `../resources/x.md`, `x.md`, `intune-area-x.md` -> `x`; API pages and web links -> `None`.
fn resource_stem(target: &str) -> Option<String> {
    let target = target.trim();
    if target.contains("://") || target.contains("/api/") || target.starts_with("api/") {
        return None;
    }
    let file = target.rsplit('/').next()?;
    let stem = file
        .strip_suffix(".md")
        .or_else(|| file.strip_suffix(".MD"))?;
    let last = stem.rsplit('-').next()?;
    is_identifier(last).then(|| last.to_lowercase())
}

fn qualify(name: &str, namespace: &str) -> String {
    let name = name.trim_start_matches('#');
    let qualified = if name.to_lowercase().starts_with("microsoft.graph") {
        name.to_string()
    } else if name.contains('.') {
        format!("microsoft.graph.{name}")
    } else {
        format!("{namespace}.{name}")
    };
    qualified.to_lowercase()
}

/// The `<label>: microsoft.graph...` line of a page, in any language.
fn namespace(lines: &[&str]) -> String {
    lines
        .iter()
        .take(60)
        .find_map(|l| {
            let (label, value) = l.split_once([':', '：'])?;
            let value = value.trim().trim_matches(['*', '`']);
            (label.chars().count() <= 30
                && value.starts_with("microsoft.graph")
                && value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_'))
            .then(|| value.to_string())
        })
        .unwrap_or_else(|| "microsoft.graph".to_string())
}

fn line_of(text: &str, offset: usize) -> u32 {
    text[..offset].bytes().filter(|&b| b == b'\n').count() as u32 + 1
}
