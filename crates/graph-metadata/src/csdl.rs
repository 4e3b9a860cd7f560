//! Reads OData CSDL XML (the `$metadata` document Graph publishes) into the IR.
//!
//! The result is the same [`graph_ir::Schema`] shape the docs parser produces, so the two can
//! be compared fact by fact ([`crate::drift`]):
//!
//! - `EntityType` -> [`TypeDef`] of kind entity, `ComplexType` -> kind complex, with `BaseType`,
//!   `Abstract`, `OpenType`, `HasStream` (media entity) and `Key` (the `PropertyRef` names,
//!   joined with `,` when there are several);
//! - `Property` and `NavigationProperty` -> [`Property`]; `Nullable` defaults to `true` as CSDL
//!   says (for a collection CSDL's `Nullable` is about its elements, and is kept as written);
//!   `ContainsTarget="true"` goes to [`Metadata::containment`], since the IR has no field for it;
//! - `EnumType` -> [`EnumDef`], members with their `Value` when written; `IsFlags` goes to
//!   [`Metadata::flags`];
//! - type names are qualified with their `Schema`'s `Namespace`, and every reference spelled
//!   with a schema `Alias` (or an `edmx:Include` alias) is written with the namespace instead:
//!   `Collection(graph.attendanceRecord)` -> `Collection(microsoft.graph.attendanceRecord)`;
//! - an inline `Core.Description` annotation becomes the description.
//!
//! Every item's [`Source`] is the file name given to [`read`] and the line of its element, so
//! diagnostics can point into the metadata. Actions, functions, the entity container, terms and
//! out-of-line annotations are not read. Malformed XML is one error diagnostic at its
//! `line:column`; elements without a name and unreadable attribute values are warnings, and the
//! rest of the document is still read. Nothing panics on any input.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use graph_ir::diagnostic::line_column;
use graph_ir::{
    BaseOrigin, BaseType, Diagnostic, EnumDef, EnumMember, Property, Schema, Source, TypeDef,
    TypeKind, TypeRef,
};
use roxmltree::Node;
use serde::Serialize;

use crate::codes;

/// The term of a description annotation, with its namespace spelled out.
const DESCRIPTION_TERM: &str = "Org.OData.Core.V1.Description";

/// What one metadata document says: the IR plus the facts the IR has no field for.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Metadata {
    /// Types and enums; every `source.file` is the file name given to [`read`].
    pub schema: Schema,
    /// Navigation properties that contain their target (`ContainsTarget="true"`), as
    /// `(qualified type name, property name)`.
    pub containment: BTreeSet<(String, String)>,
    /// Enums whose members combine as flags (`IsFlags="true"`), by qualified name.
    pub flags: BTreeSet<String>,
    /// The schemas read, in document order: namespace and alias, if any.
    pub namespaces: Vec<(String, Option<String>)>,
    /// Warnings about elements skipped or attributes read with their default.
    pub diagnostics: Vec<Diagnostic>,
}

impl Metadata {
    /// Whether `type_name.property` is a navigation property that contains its target.
    pub fn contains_target(&self, type_name: &str, property: &str) -> bool {
        self.containment
            .contains(&(type_name.to_string(), property.to_string()))
    }
}

/// Reads the metadata at `path`; `shown` is the file name used in sources and diagnostics.
///
/// A file that cannot be read or is not UTF-8 is a `csdl-unreadable` error.
pub fn read_file(path: &Path, shown: &str, version: &str) -> Result<Metadata, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|error| {
        Diagnostic::error(
            codes::CSDL_UNREADABLE,
            shown,
            1,
            1,
            format!("cannot read the metadata: {error}"),
        )
    })?;
    let text = String::from_utf8(bytes).map_err(|error| {
        let (line, column) = line_column(
            &String::from_utf8_lossy(error.as_bytes()),
            error.utf8_error().valid_up_to(),
        );
        Diagnostic::error(
            codes::CSDL_UNREADABLE,
            shown,
            line,
            column,
            format!(
                "the metadata is not UTF-8 ({}); expected an XML document in UTF-8",
                error.utf8_error()
            ),
        )
    })?;
    read(&text, shown, version)
}

/// Reads CSDL `text` as the metadata of Graph `version`; `file` names it in every
/// [`Source`] and diagnostic.
///
/// Not well-formed XML is a `csdl-invalid-xml` error, and a document without any `Schema`
/// element a `csdl-no-schema` error; anything else is read, with warnings in
/// [`Metadata::diagnostics`].
pub fn read(text: &str, file: &str, version: &str) -> Result<Metadata, Diagnostic> {
    // roxmltree reads from the first `<`; a byte order mark is skipped here and counted back
    // into every position.
    let skipped = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let body = &text[skipped..];
    let document = roxmltree::Document::parse(body).map_err(|error| {
        let pos = error.pos();
        let column = if pos.row == 1 && skipped > 0 {
            pos.col + 1
        } else {
            pos.col
        };
        Diagnostic::error(
            codes::CSDL_INVALID_XML,
            file,
            pos.row,
            column,
            format!("the metadata is not well-formed XML: {error}"),
        )
        .with_excerpt_from(text)
    })?;
    let mut reader = Reader {
        file,
        text,
        skipped,
        lines: LineIndex::new(text),
        aliases: BTreeMap::new(),
        out: Metadata {
            schema: Schema::new(version),
            ..Metadata::default()
        },
    };
    let schemas: Vec<Node> = document
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "Schema")
        .collect();
    if schemas.is_empty() {
        return Err(Diagnostic::error(
            codes::CSDL_NO_SCHEMA,
            file,
            1,
            1,
            format!(
                "the metadata has no `Schema` element (the root element is `{}`); expected an \
                 OData CSDL document (`edmx:Edmx` with `Schema` elements)",
                document.root_element().tag_name().name()
            ),
        )
        .with_excerpt_from(text));
    }
    reader.collect_aliases(&document, &schemas);
    for schema in schemas {
        reader.schema(schema);
    }
    Ok(reader.out)
}

/// The start of every line, for the line of an element.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// 1-based line of byte `offset`.
    fn line(&self, offset: usize) -> u32 {
        let index = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        u32::try_from(index + 1).unwrap_or(u32::MAX)
    }
}

struct Reader<'a> {
    file: &'a str,
    text: &'a str,
    skipped: usize,
    lines: LineIndex,
    /// Alias -> namespace.
    aliases: BTreeMap<String, String>,
    out: Metadata,
}

impl Reader<'_> {
    fn collect_aliases(&mut self, document: &roxmltree::Document, schemas: &[Node]) {
        for node in document
            .descendants()
            .filter(|n| n.is_element() && n.tag_name().name() == "Include")
            .chain(schemas.iter().copied())
        {
            if let (Some(namespace), Some(alias)) =
                (node.attribute("Namespace"), node.attribute("Alias"))
            {
                self.aliases
                    .entry(alias.to_string())
                    .or_insert_with(|| namespace.to_string());
            }
        }
    }

    fn schema(&mut self, node: Node) {
        let Some(namespace) = node.attribute("Namespace") else {
            self.warn(
                codes::CSDL_NAME_MISSING,
                node,
                "a `Schema` element has no `Namespace`; its types were skipped".to_string(),
            );
            return;
        };
        self.out.namespaces.push((
            namespace.to_string(),
            node.attribute("Alias").map(str::to_string),
        ));
        for child in node.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "EntityType" => self.structured(child, namespace, TypeKind::Entity),
                "ComplexType" => self.structured(child, namespace, TypeKind::Complex),
                "EnumType" => self.enumeration(child, namespace),
                _ => {}
            }
        }
    }

    fn structured(&mut self, node: Node, namespace: &str, kind: TypeKind) {
        let Some(qualified) = self.qualified_name(node, namespace) else {
            return;
        };
        let mut def = TypeDef {
            name: qualified.clone(),
            kind,
            base: node.attribute("BaseType").map(|base| BaseType {
                name: self.resolve(base),
                origin: BaseOrigin::Annotation,
            }),
            is_abstract: self.flag(node, "Abstract", false),
            open: self.flag(node, "OpenType", false),
            media_entity: self.flag(node, "HasStream", false),
            key: None,
            description: self.description(node),
            properties: Vec::new(),
            annotation_extras: BTreeMap::new(),
            // Metadata has no docs product area.
            area: None,
            source: self.source(node),
        };
        for child in node.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "Key" => {
                    let names: Vec<&str> = child
                        .children()
                        .filter(|n| n.is_element() && n.tag_name().name() == "PropertyRef")
                        .filter_map(|n| n.attribute("Name"))
                        .collect();
                    if !names.is_empty() {
                        def.key = Some(names.join(","));
                    }
                }
                element @ ("Property" | "NavigationProperty") => {
                    let navigation = element == "NavigationProperty";
                    if let Some(property) = self.property(child, &qualified, navigation, &def) {
                        def.properties.push(property);
                    }
                }
                _ => {}
            }
        }
        self.out.schema.types.insert(qualified, def);
    }

    fn property(
        &mut self,
        node: Node,
        type_name: &str,
        navigation: bool,
        def: &TypeDef,
    ) -> Option<Property> {
        let element = node.tag_name().name();
        let Some(name) = node.attribute("Name") else {
            self.warn(
                codes::CSDL_NAME_MISSING,
                node,
                format!("a `{element}` of `{type_name}` has no `Name`; it was skipped"),
            );
            return None;
        };
        if def.properties.iter().any(|p| p.name == name) {
            self.warn(
                codes::CSDL_DUPLICATE,
                node,
                format!("`{type_name}` declares `{name}` twice; the first declaration was kept"),
            );
            return None;
        }
        let ty = match node.attribute("Type") {
            Some(ty) => TypeRef(self.resolve(ty)),
            None => {
                self.warn(
                    codes::CSDL_TYPE_MISSING,
                    node,
                    format!("`{type_name}.{name}` has no `Type`; it was read as `Edm.Untyped`"),
                );
                TypeRef::named("Edm.Untyped")
            }
        };
        if navigation && self.flag(node, "ContainsTarget", false) {
            self.out
                .containment
                .insert((type_name.to_string(), name.to_string()));
        }
        Some(Property {
            name: name.to_string(),
            ty,
            nullable: self.flag(node, "Nullable", true),
            navigation,
            description: self.description(node),
            source: self.source(node),
            ..Property::default()
        })
    }

    fn enumeration(&mut self, node: Node, namespace: &str) {
        let Some(qualified) = self.qualified_name(node, namespace) else {
            return;
        };
        if self.flag(node, "IsFlags", false) {
            self.out.flags.insert(qualified.clone());
        }
        let mut def = EnumDef {
            name: qualified.clone(),
            description: self.description(node),
            members: Vec::new(),
            area: None,
            source: self.source(node),
        };
        let mut after_sentinel = false;
        for child in node
            .children()
            .filter(|n| n.is_element() && n.tag_name().name() == "Member")
        {
            let Some(name) = child.attribute("Name") else {
                self.warn(
                    codes::CSDL_NAME_MISSING,
                    child,
                    format!("a `Member` of `{qualified}` has no `Name`; it was skipped"),
                );
                continue;
            };
            if def.members.iter().any(|m| m.name == name) {
                self.warn(
                    codes::CSDL_DUPLICATE,
                    child,
                    format!("`{qualified}` lists `{name}` twice; the first was kept"),
                );
                continue;
            }
            let value = match child.attribute("Value") {
                None => None,
                Some(text) => match text.trim().parse::<i64>() {
                    Ok(value) => Some(value),
                    Err(_) => {
                        self.warn(
                            codes::CSDL_ATTRIBUTE_VALUE,
                            child,
                            format!(
                                "member `{name}` of `{qualified}` has `Value=\"{text}\"`; \
                                 expected an integer (read without a value)"
                            ),
                        );
                        None
                    }
                },
            };
            def.members.push(EnumMember {
                name: name.to_string(),
                value,
                description: self.description(child),
                after_unknown_future_value: after_sentinel,
                source: self.source(child),
            });
            if name == "unknownFutureValue" {
                after_sentinel = true;
            }
        }
        self.out.schema.enums.insert(qualified, def);
    }

    /// `namespace.Name` of a type or enum element, or `None` (with a warning) when it has no
    /// name or the name is taken.
    fn qualified_name(&mut self, node: Node, namespace: &str) -> Option<String> {
        let element = node.tag_name().name();
        let Some(name) = node.attribute("Name") else {
            self.warn(
                codes::CSDL_NAME_MISSING,
                node,
                format!("an `{element}` in `{namespace}` has no `Name`; it was skipped"),
            );
            return None;
        };
        let qualified = format!("{namespace}.{name}");
        let taken = self
            .out
            .schema
            .types
            .get(&qualified)
            .map(|t| &t.source)
            .or(self.out.schema.enums.get(&qualified).map(|e| &e.source));
        if let Some(first) = taken {
            let message = format!(
                "`{qualified}` is defined twice (first at line {}); the first definition was kept",
                first.line
            );
            self.warn(codes::CSDL_DUPLICATE, node, message);
            return None;
        }
        Some(qualified)
    }

    /// A boolean attribute, or `default` when absent (or unreadable, with a warning).
    fn flag(&mut self, node: Node, attribute: &str, default: bool) -> bool {
        match node.attribute(attribute).map(str::trim) {
            None => default,
            Some(v) if v.eq_ignore_ascii_case("true") || v == "1" => true,
            Some(v) if v.eq_ignore_ascii_case("false") || v == "0" => false,
            Some(v) => {
                let message = format!(
                    "`{attribute}=\"{v}\"` on `{}` is not a boolean; expected `true` or `false` \
                     (read as `{default}`)",
                    node.attribute("Name").unwrap_or(node.tag_name().name())
                );
                self.warn(codes::CSDL_ATTRIBUTE_VALUE, node, message);
                default
            }
        }
    }

    /// The text of an inline `Core.Description` annotation of `node`, if any.
    fn description(&self, node: Node) -> String {
        node.children()
            .filter(|n| n.is_element() && n.tag_name().name() == "Annotation")
            .find(|n| {
                n.attribute("Term").map(|t| self.resolve(t)).as_deref() == Some(DESCRIPTION_TERM)
            })
            .and_then(|n| {
                n.attribute("String").map(str::to_string).or_else(|| {
                    n.children()
                        .find(|c| c.is_element() && c.tag_name().name() == "String")
                        .and_then(|c| c.text())
                        .map(str::to_string)
                })
            })
            .map(|text| text.trim().to_string())
            .unwrap_or_default()
    }

    /// `name` with an alias prefix replaced by its namespace, inside any `Collection(...)`.
    fn resolve(&self, name: &str) -> String {
        let mut inner = name.trim();
        let mut depth = 0usize;
        while let Some(rest) = inner
            .strip_prefix("Collection(")
            .and_then(|r| r.strip_suffix(')'))
        {
            inner = rest.trim();
            depth += 1;
        }
        let resolved = match inner.rsplit_once('.') {
            Some((prefix, local)) => match self.aliases.get(prefix) {
                Some(namespace) => format!("{namespace}.{local}"),
                None => inner.to_string(),
            },
            None => inner.to_string(),
        };
        let mut out = String::with_capacity(resolved.len() + depth * 12);
        for _ in 0..depth {
            out.push_str("Collection(");
        }
        out.push_str(&resolved);
        for _ in 0..depth {
            out.push(')');
        }
        out
    }

    fn source(&self, node: Node) -> Source {
        Source {
            file: self.file.to_string(),
            line: self.lines.line(node.range().start + self.skipped),
        }
    }

    fn warn(&mut self, code: &str, node: Node, message: String) {
        let (line, column) = line_column(self.text, node.range().start + self.skipped);
        self.out.diagnostics.push(
            Diagnostic::warning(code, self.file, line, column, message)
                .with_excerpt_from(self.text),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EDM: &str = "http://docs.oasis-open.org/odata/ns/edm";

    fn doc(body: &str) -> String {
        format!(
            "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n\
             <edmx:DataServices>\n{body}\n</edmx:DataServices>\n</edmx:Edmx>\n"
        )
    }

    #[test]
    fn aliases_resolve_inside_collections() {
        let text = doc(&format!(
            "<Schema Namespace=\"ns.one\" Alias=\"one\" xmlns=\"{EDM}\">\n\
             <ComplexType Name=\"a\" BaseType=\"one.b\">\n\
             <Property Name=\"xs\" Type=\"Collection(one.b)\" Nullable=\"false\"/>\n\
             <Property Name=\"y\" Type=\"other.c\"/>\n\
             </ComplexType>\n<ComplexType Name=\"b\"/>\n</Schema>"
        ));
        let m = read(&text, "m.xml", "v1.0").unwrap();
        let a = &m.schema.types["ns.one.a"];
        assert_eq!(a.base.as_ref().unwrap().name, "ns.one.b");
        assert_eq!(a.properties[0].ty.as_str(), "Collection(ns.one.b)");
        assert!(!a.properties[0].nullable);
        assert_eq!(
            a.properties[1].ty.as_str(),
            "other.c",
            "no alias: as written"
        );
        assert!(a.properties[1].nullable, "Nullable defaults to true");
        assert_eq!(
            a.source,
            Source {
                file: "m.xml".into(),
                line: 4
            }
        );
        assert_eq!(a.properties[0].source.line, 5);
    }

    #[test]
    fn malformed_xml_is_one_error_at_its_position() {
        let text = "<edmx:Edmx xmlns:edmx=\"e\">\n  <Schema Namespace=\"x\">\n  </Schem>\n";
        let error = read(text, "bad.xml", "v1.0").unwrap_err();
        assert_eq!(error.code, codes::CSDL_INVALID_XML);
        assert!(error.is_error());
        assert_eq!((error.file.as_str(), error.line), ("bad.xml", 3), "{error}");
        assert!(error.column > 1, "{error}");
    }

    #[test]
    fn byte_order_mark_is_skipped_and_counted() {
        let text = format!(
            "\u{feff}<Schema Namespace=\"n\" xmlns=\"{EDM}\"><EnumType Name=\"e\"/></Schema>"
        );
        let m = read(&text, "m.xml", "beta").unwrap();
        assert_eq!(m.schema.enums["n.e"].source.line, 1);
        let error = read("\u{feff}<a", "m.xml", "beta").unwrap_err();
        assert_eq!(error.line, 1);
    }

    #[test]
    fn not_csdl_is_an_error() {
        let error = read("<html><body/></html>", "page.xml", "v1.0").unwrap_err();
        assert_eq!(error.code, codes::CSDL_NO_SCHEMA);
        assert!(error.message.contains("`html`"), "{}", error.message);
    }

    #[test]
    fn odd_elements_are_warnings_and_the_rest_is_read() {
        let text = doc(&format!(
            "<Schema Namespace=\"n\" xmlns=\"{EDM}\">\n\
             <ComplexType Abstract=\"true\"/>\n\
             <ComplexType Name=\"t\" OpenType=\"yes\">\n\
             <Property Type=\"Edm.String\"/>\n\
             <Property Name=\"p\"/>\n\
             <Property Name=\"p\" Type=\"Edm.Int32\"/>\n\
             </ComplexType>\n\
             <EnumType Name=\"t\"/>\n\
             <EnumType Name=\"e\"><Member Name=\"a\" Value=\"one\"/><Member/></EnumType>\n\
             </Schema>"
        ));
        let m = read(&text, "m.xml", "v1.0").unwrap();
        let codes: Vec<&str> = m.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                codes::CSDL_NAME_MISSING,
                codes::CSDL_ATTRIBUTE_VALUE,
                codes::CSDL_NAME_MISSING,
                codes::CSDL_TYPE_MISSING,
                codes::CSDL_DUPLICATE,
                codes::CSDL_DUPLICATE,
                codes::CSDL_ATTRIBUTE_VALUE,
                codes::CSDL_NAME_MISSING,
            ]
        );
        let t = &m.schema.types["n.t"];
        assert!(!t.open);
        assert_eq!(t.properties.len(), 1);
        assert_eq!(t.properties[0].ty.as_str(), "Edm.Untyped");
        assert!(!m.schema.enums.contains_key("n.t"));
        assert_eq!(m.schema.enums["n.e"].members.len(), 1);
        assert_eq!(m.schema.enums["n.e"].members[0].value, None);
        assert!(m.diagnostics.iter().all(|d| d.source_line.is_some()));
    }

    #[test]
    fn deep_collection_nesting_does_not_overflow() {
        let ty = format!(
            "{}x.y{}",
            "Collection(".repeat(100_000),
            ")".repeat(100_000)
        );
        let text = format!(
            "<Schema Namespace=\"n\" Alias=\"x\" xmlns=\"{EDM}\"><ComplexType Name=\"t\">\
             <Property Name=\"p\" Type=\"{ty}\"/></ComplexType></Schema>"
        );
        let m = read(&text, "m.xml", "v1.0").unwrap();
        let p = &m.schema.types["n.t"].properties[0];
        assert!(p.ty.as_str().contains("Collection(n.y)"));
    }

    #[test]
    fn truncated_documents_never_panic() {
        let full = doc(&format!(
            "<Schema Namespace=\"n\" Alias=\"a\" xmlns=\"{EDM}\">\n\
             <EntityType Name=\"é\" BaseType=\"a.b\" OpenType=\"true\"><Key><PropertyRef Name=\"id\"/></Key>\n\
             <Property Name=\"id\" Type=\"Edm.String\" Nullable=\"false\"/>\n\
             <NavigationProperty Name=\"c\" Type=\"Collection(a.é)\" ContainsTarget=\"true\"/>\n\
             </EntityType>\n<EnumType Name=\"e\"><Member Name=\"m\" Value=\"1\"/></EnumType>\n</Schema>"
        ));
        for (cut, _) in full.char_indices() {
            let _ = read(&full[..cut], "m.xml", "v1.0");
        }
        assert!(read(&full, "m.xml", "v1.0").is_ok());
    }

    #[test]
    fn line_index_maps_offsets() {
        let lines = LineIndex::new("a\nbc\n\nd");
        assert_eq!(lines.line(0), 1);
        assert_eq!(lines.line(1), 1);
        assert_eq!(lines.line(2), 2);
        assert_eq!(lines.line(5), 3);
        assert_eq!(lines.line(6), 4);
        assert_eq!(lines.line(999), 4);
    }
}
