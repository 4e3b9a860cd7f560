//! Typed coverage: of the keys of each example, how many the models read into a typed field
//! (counted by [`crate::probe`] while the value is written back), and which Graph type each
//! untyped key belongs to.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use graph_ir::Schema;
use serde_json::Value;

use crate::probe::{Read, Segment};
use crate::{Checked, Verdict};

/// The keys of one example.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyCoverage {
    /// Keys read into a typed field.
    pub typed: usize,
    /// Every key counted (instance annotations such as `@odata.context` are not).
    pub keys: usize,
    /// The keys kept as raw JSON, outermost first in write order.
    pub untyped: Vec<UntypedKey>,
}

/// A key the models kept in `additional_properties` (or as raw JSON).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UntypedKey {
    /// The Graph type of the object that holds the key (`microsoft.graph.user`, or
    /// `Collection(x)` for an envelope key), when the schema tells it.
    pub graph_type: Option<String>,
    /// The key.
    pub key: String,
    /// Its JSON path in the body (`value[0].signInActivity`).
    pub path: String,
    /// Keys it accounts for: itself and every key inside its value.
    pub keys: usize,
    /// Why the models did not type it, told from the schema and the type's page.
    pub cause: UntypedCause,
}

/// Why a key was kept untyped. Only [`UntypedCause::Declared`] and
/// [`UntypedCause::OnThePageNotRead`] are defects of the product; the others are the example
/// disagreeing with the pages.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UntypedCause {
    /// The holding type and its bases declare the key: the models should have typed it.
    Declared,
    /// The key is a name cell or JSON key on the page of the holding type (or one of its
    /// bases), but the schema lost it: a parser defect.
    OnThePageNotRead(String),
    /// A type derived from the holding type declares it (the first such type); the example
    /// names no `@odata.type` that would pick it.
    OnADerivedType(String),
    /// The object's `@odata.type` names a type (the first) that declares the key, but the docs
    /// do not derive it from the type the property declares (the second), so the models cannot
    /// dispatch to it: the pages state no base where the example implies one.
    TagNotDerived(String, String),
    /// The holding type declares it in another case (`shortDescription` for
    /// `shortdescription`): the example misspells it.
    OtherCase(String),
    /// An open type that does not declare the key: a dynamic property, kept by design.
    OpenTypeKey,
    /// Absent from the page that defines the holding type and from its bases' pages (each
    /// page read again when the pages are at hand, see [`crate::Options::pages_root`]).
    NotOnItsPage,
    /// The holding type is not in the schema (a type no page defines, or a path the schema
    /// cannot follow).
    TypeUnknown,
}

impl UntypedCause {
    /// Whether the cause is the product's fault, not the docs'.
    pub fn is_defect(&self) -> bool {
        matches!(
            self,
            UntypedCause::Declared | UntypedCause::OnThePageNotRead(_)
        )
    }

    /// A short label for reports, without the type it names.
    pub fn label(&self) -> &'static str {
        match self {
            UntypedCause::Declared => "declared by its type (defect)",
            UntypedCause::OnThePageNotRead(_) => "on its type's page, not read (defect)",
            UntypedCause::OnADerivedType(_) => {
                "declared by a derived type the example does not name"
            }
            UntypedCause::TagNotDerived(..) => {
                "declared by the tagged type, which the docs do not derive from the declared one"
            }
            UntypedCause::OtherCase(_) => "declared in another case",
            UntypedCause::OpenTypeKey => "dynamic key of an open type",
            UntypedCause::NotOnItsPage => "not on its type's page",
            UntypedCause::TypeUnknown => "type not in the schema",
        }
    }
}

impl fmt::Display for UntypedCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UntypedCause::OnThePageNotRead(page) => {
                write!(f, "on its type's page {page}, not read (defect)")
            }
            UntypedCause::OnADerivedType(name) => {
                write!(
                    f,
                    "declared by derived type {name}; the example names no @odata.type"
                )
            }
            UntypedCause::OtherCase(name) => write!(f, "declared as `{name}`"),
            UntypedCause::TagNotDerived(tag, declared) => write!(
                f,
                "declared by the tagged type {tag}, which the docs do not derive from {declared}"
            ),
            other => f.write_str(other.label()),
        }
    }
}

impl KeyCoverage {
    /// Whether every key landed in a typed field.
    pub fn fully_typed(&self) -> bool {
        self.typed == self.keys
    }
}

/// [`KeyCoverage`] of one read body; `type_name` is the registry name it was read as, `input`
/// the body, and `schema` (if any) the IR the models were generated from.
pub(crate) fn of(
    read: &Read,
    type_name: &str,
    input: &Value,
    schema: Option<&Schema>,
    pages: Option<&Path>,
) -> KeyCoverage {
    let untyped = read
        .untyped
        .iter()
        .map(|u| {
            let key = match u.path.last() {
                Some(Segment::Key(key)) => key.clone(),
                _ => String::new(),
            };
            let holder = schema.and_then(|s| holder_type(s, type_name, input, &u.path));
            let cause = match (schema, &holder) {
                (Some(schema), Some(holder)) => cause(schema, holder, &key, pages),
                _ => UntypedCause::TypeUnknown,
            };
            let graph_type = holder.map(|h| h.name);
            UntypedKey {
                graph_type,
                key,
                path: shown_path(&u.path),
                keys: 1 + u.inner,
                cause,
            }
        })
        .collect();
    KeyCoverage {
        typed: read.typed,
        keys: read.keys(),
        untyped,
    }
}

/// `a.b[0].c`, as `serde_path_to_error` prints paths.
fn shown_path(path: &[Segment]) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Key(key) => crate::compare::push_key(&mut out, key),
            Segment::Index(index) => out.push_str(&format!("[{index}]")),
        }
    }
    crate::compare::shown(&out)
}

/// The Graph type of the object holding a key.
#[derive(Debug)]
struct Holder {
    /// The type: the declared one, or the object's own `@odata.type` when the schema has it.
    name: String,
    /// When the tag took over from a declared type it does not derive from (in the schema):
    /// that declared type. The models read such an object as the declared type.
    undeclared_tag_of: Option<String>,
}

/// The Graph type of the object holding the last key of `path`: from the registry name down
/// the declared property types, an object's own `@odata.type` taking over when the schema has
/// that type.
fn holder_type(
    schema: &Schema,
    type_name: &str,
    input: &Value,
    path: &[Segment],
) -> Option<Holder> {
    let (mut current, mut value, mut rest) = match type_name
        .strip_prefix("Collection(")
        .and_then(|t| t.strip_suffix(')'))
    {
        Some(element) => match path {
            [Segment::Key(value_key), Segment::Index(i), rest @ ..]
                if value_key == "value" && !rest.is_empty() =>
            {
                (element.to_string(), input.get("value")?.get(*i)?, rest)
            }
            _ => {
                return Some(Holder {
                    name: type_name.to_string(),
                    undeclared_tag_of: None,
                })
            }
        },
        None => (type_name.to_string(), input, path),
    };
    loop {
        let mut undeclared_tag_of = None;
        if let Some(tag) = value.get("@odata.type").and_then(Value::as_str) {
            let tag = tag.strip_prefix('#').unwrap_or(tag);
            if schema.types.contains_key(tag) && tag != current {
                let derived = schema.ancestors(tag).iter().any(|t| t.name == current);
                if !derived {
                    undeclared_tag_of = Some(current.clone());
                }
                current = tag.to_string();
            }
        }
        let [Segment::Key(key), tail @ ..] = rest else {
            return None;
        };
        if tail.is_empty() {
            return Some(Holder {
                name: current,
                undeclared_tag_of,
            });
        }
        let property = schema
            .all_properties(&current)
            .into_iter()
            .find(|p| p.name == *key)?;
        current = property.ty.element_name().to_string();
        value = value.get(key.as_str())?;
        rest = tail;
        while let [Segment::Index(i), tail @ ..] = rest {
            value = value.get(*i)?;
            rest = tail;
        }
    }
}

/// Why `key` of an object of type `holder` was not typed; `pages` is the directory the
/// schema's source paths are relative to, when the pages are at hand.
fn cause(schema: &Schema, holder: &Holder, key: &str, pages: Option<&Path>) -> UntypedCause {
    let (holder, tag_of) = (holder.name.as_str(), &holder.undeclared_tag_of);
    let Some(def) = schema.type_def(holder) else {
        return UntypedCause::TypeUnknown;
    };
    let own = schema.all_properties(holder);
    if own.iter().any(|p| p.name == key) {
        return match tag_of {
            Some(declared) => UntypedCause::TagNotDerived(holder.to_string(), declared.clone()),
            None => UntypedCause::Declared,
        };
    }
    if let Some(p) = own.iter().find(|p| p.name.eq_ignore_ascii_case(key)) {
        return UntypedCause::OtherCase(p.name.clone());
    }
    if let Some(derived) = schema
        .descendants(holder)
        .into_iter()
        .find(|t| t.properties.iter().any(|p| p.name == key))
    {
        return UntypedCause::OnADerivedType(derived.name.clone());
    }
    if let Some(pages) = pages {
        let chain = schema.ancestors(holder).into_iter().chain([def]);
        for page in chain.map(|t| &t.source.file).filter(|f| !f.is_empty()) {
            if let Ok(text) = std::fs::read_to_string(pages.join(page)) {
                if names_key(&text, key) {
                    return UntypedCause::OnThePageNotRead(page.clone());
                }
            }
        }
    }
    if def.open {
        UntypedCause::OpenTypeKey
    } else {
        UntypedCause::NotOnItsPage
    }
}

/// Whether a page names `key` the way a property is named: a table row's first cell
/// (`| key |`, in backticks or bold too) or a JSON key (`"key":`).
fn names_key(page: &str, key: &str) -> bool {
    let json_key = format!("\"{key}\"");
    // Annotation comments (`<!-- { "description": ... } -->`) hold keys of the docs' tooling,
    // not properties.
    let mut in_comment = false;
    page.lines().any(|line| {
        let line = line.trim();
        let opens = line.contains("<!--");
        let closes = line.contains("-->");
        let skip = in_comment || opens;
        in_comment = (in_comment || opens) && !closes;
        if skip {
            return false;
        }
        if let Some(at) = line.find(&json_key) {
            if line[at + json_key.len()..].trim_start().starts_with(':') {
                return true;
            }
        }
        line.strip_prefix('|')
            .and_then(|rest| rest.split('|').next())
            .is_some_and(|cell| cell.trim().trim_matches(['`', '*', '_']) == key)
    })
}

/// Typed coverage over the examples that round-tripped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CoverageSummary {
    /// Keys read into a typed field.
    pub typed: usize,
    /// Keys counted.
    pub keys: usize,
    /// Examples whose every key is typed.
    pub fully_typed: usize,
    /// Examples counted (those that round-tripped).
    pub examples: usize,
    /// Per Graph type and key: how many times it was kept untyped, and the keys it accounted
    /// for (itself and those inside its value).
    pub untyped: BTreeMap<(String, String), (usize, usize)>,
    /// Per Graph type and key: why it was kept untyped (the first example's answer).
    pub causes: BTreeMap<(String, String), UntypedCause>,
}

impl CoverageSummary {
    /// Adds up the coverage of the examples that round-tripped.
    pub fn of(examples: &[Checked]) -> CoverageSummary {
        let mut summary = CoverageSummary::default();
        for checked in examples {
            let (Verdict::RoundTripped, Some(coverage)) = (&checked.verdict, &checked.coverage)
            else {
                continue;
            };
            summary.examples += 1;
            summary.typed += coverage.typed;
            summary.keys += coverage.keys;
            if coverage.fully_typed() {
                summary.fully_typed += 1;
            }
            for key in &coverage.untyped {
                let graph_type = key
                    .graph_type
                    .clone()
                    .unwrap_or_else(|| "(type unknown)".to_string());
                let id = (graph_type, key.key.clone());
                summary
                    .causes
                    .entry(id.clone())
                    .or_insert_with(|| key.cause.clone());
                let entry = summary.untyped.entry(id).or_default();
                entry.0 += 1;
                entry.1 += key.keys;
            }
        }
        summary
    }

    /// The untyped keys, most frequent first: `(graph type, key, times, keys accounted for)`.
    pub fn untyped_by_count(&self) -> Vec<(&str, &str, usize, usize)> {
        let mut list: Vec<_> = self
            .untyped
            .iter()
            .map(|((t, k), (times, keys))| (t.as_str(), k.as_str(), *times, *keys))
            .collect();
        list.sort_by(|a, b| b.2.cmp(&a.2).then(b.3.cmp(&a.3)).then(a.cmp(b)));
        list
    }

    /// Untyped keys counted by cause (each with the keys inside it), most first; the line
    /// `untyped keys by cause: ...` of `cargo xtask examples`.
    pub fn by_cause(&self) -> Vec<(&'static str, usize)> {
        let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
        for (id, (_, keys)) in &self.untyped {
            let label = self
                .causes
                .get(id)
                .map_or(UntypedCause::TypeUnknown.label(), UntypedCause::label);
            *counts.entry(label).or_default() += keys;
        }
        let mut list: Vec<_> = counts.into_iter().collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        list
    }

    /// Typed keys as a percentage with one decimal; `-` when no key was counted.
    pub fn percent(&self) -> String {
        if self.keys == 0 {
            "-".to_string()
        } else {
            // Rounded down, so 99.96 % is not shown as 100.0 %.
            let tenths = self.typed as u128 * 1000 / self.keys as u128;
            format!("{}.{}", tenths / 10, tenths % 10)
        }
    }
}

impl fmt::Display for CoverageSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "keys typed {} of {} ({} %), examples fully typed {}",
            self.typed,
            self.keys,
            self.percent(),
            self.fully_typed
        )
    }
}

#[cfg(test)]
mod tests {
    use graph_models::support::{self, AdditionalProperties, GraphObject};
    use serde::de::MapAccess;
    use serde::ser::SerializeMap;

    use crate::probe::{read_back, Segment, Untyped};

    /// A model that keeps every key raw: a Graph object with no properties.
    #[derive(Default)]
    struct KeepsEverything {
        odata_type: Option<String>,
        additional: AdditionalProperties,
    }

    impl GraphObject for KeepsEverything {
        const QUALIFIED_NAME: &'static str = "test.keepsEverything";
        fn odata_type(&self) -> Option<&str> {
            self.odata_type.as_deref()
        }
        fn set_odata_type(&mut self, raw: String) {
            self.odata_type = Some(raw);
        }
        fn additional_properties(&self) -> &AdditionalProperties {
            &self.additional
        }
        fn additional_properties_mut(&mut self) -> &mut AdditionalProperties {
            &mut self.additional
        }
        fn deserialize_property<'de, A: MapAccess<'de>>(
            &mut self,
            _key: &str,
            _map: &mut A,
        ) -> Result<bool, A::Error> {
            Ok(false)
        }
        fn serialize_properties<M: SerializeMap>(&self, _map: &mut M) -> Result<(), M::Error> {
            Ok(())
        }
    }

    impl serde::Serialize for KeepsEverything {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            support::serialize_object(self, serializer, None)
        }
    }

    impl<'de> serde::Deserialize<'de> for KeepsEverything {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            support::deserialize_object(deserializer)
        }
    }

    mod causes {
        use std::path::Path;

        use graph_ir::Schema;

        use crate::coverage::{cause, names_key, Holder, UntypedCause};

        /// An object of `name`, as its property declares it (no tag).
        fn declared(name: &str) -> Holder {
            Holder {
                name: name.to_string(),
                undeclared_tag_of: None,
            }
        }

        const SHAPE: &str = "---\ntitle: \"shape resource type\"\ndoc_type: resourcePageType\n---\n\n# shape resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| sides | Int32 | How many sides. |\n\n## JSON representation\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.shape\", \"openType\": true } -->\n```json\n{ \"sides\": 3 }\n```\n";
        const SQUARE: &str = "---\ntitle: \"square resource type\"\ndoc_type: resourcePageType\n---\n\n# square resource type\n\nNamespace: microsoft.graph\n\nInherits from [shape](shape.md).\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| edge | Double | The length of an edge. |\n\n## JSON representation\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.square\", \"baseType\": \"microsoft.graph.shape\" } -->\n```json\n{ \"edge\": 1.5 }\n```\n";

        fn tree(dir: &Path) -> Schema {
            let resources = dir.join("v1.0/resources");
            std::fs::create_dir_all(&resources).unwrap();
            std::fs::write(resources.join("shape.md"), SHAPE).unwrap();
            std::fs::write(resources.join("square.md"), SQUARE).unwrap();
            let mut output = graph_docs_parser::parse_tree(dir);
            output.schemas.remove("v1.0").expect("a v1.0 schema")
        }

        #[test]
        fn each_key_gets_the_cause_the_schema_and_the_page_give() {
            let dir = tempfile::tempdir().unwrap();
            let schema = tree(dir.path());
            let pages = Some(dir.path());
            let of = |holder: &str, key: &str| cause(&schema, &declared(holder), key, pages);
            assert_eq!(
                of("microsoft.graph.square", "sides"),
                UntypedCause::Declared
            );
            assert_eq!(
                of("microsoft.graph.shape", "Sides"),
                UntypedCause::OtherCase("sides".into())
            );
            assert_eq!(
                of("microsoft.graph.shape", "edge"),
                UntypedCause::OnADerivedType("microsoft.graph.square".into())
            );
            // shape is open; square inherits that.
            assert_eq!(
                of("microsoft.graph.square", "colour"),
                UntypedCause::OpenTypeKey
            );
            assert_eq!(
                of("microsoft.graph.circle", "radius"),
                UntypedCause::TypeUnknown
            );

            // A tag naming a type that declares the key but does not derive from the
            // property's type: the docs owe the base.
            let tagged = Holder {
                name: "microsoft.graph.square".into(),
                undeclared_tag_of: Some("microsoft.graph.circle".into()),
            };
            assert_eq!(
                cause(&schema, &tagged, "edge", pages),
                UntypedCause::TagNotDerived(
                    "microsoft.graph.square".into(),
                    "microsoft.graph.circle".into()
                )
            );

            // A key the page lists but the schema lost is the parser's defect.
            let mut lossy = schema.clone();
            let square = lossy.types.get_mut("microsoft.graph.square").unwrap();
            square.properties.clear();
            square.open = false;
            let square = declared("microsoft.graph.square");
            let lost = cause(&lossy, &square, "edge", pages);
            assert_eq!(
                lost,
                UntypedCause::OnThePageNotRead("v1.0/resources/square.md".into())
            );
            assert!(lost.is_defect());
            // Without the pages, only the schema speaks.
            assert_eq!(
                cause(&lossy, &square, "edge", None),
                UntypedCause::NotOnItsPage
            );
        }

        #[test]
        fn a_page_names_a_key_in_a_name_cell_or_as_a_json_key_only() {
            assert!(names_key("| `edge` | Double | x |", "edge"));
            assert!(names_key("| **edge** | Double |", "edge"));
            assert!(names_key("  \"edge\" : 1.5,", "edge"));
            assert!(!names_key("The edge of the square.", "edge"));
            assert!(!names_key("| edges | Double |", "edge"));
            assert!(!names_key("| Double | edge |", "edge"));
            assert!(!names_key("\"edge\" is a word here", "edge"));
            // Keys of annotation comments are not properties, on one line or several.
            assert!(!names_key("<!-- { \"edge\": \"x\" } -->", "edge"));
            assert!(!names_key("<!--\n{\n  \"edge\": \"x\"\n}\n-->\n", "edge"));
            assert!(names_key("<!-- x -->\n\"edge\": 1", "edge"));
        }
    }

    const BODY: &str = r##"{"@odata.type": "#x", "id": "1", "displayName": "A", "nested": {"a": [{"b": 1}], "c@odata.type": "y"}}"##;

    #[test]
    fn a_model_that_keeps_everything_raw_has_no_typed_key() {
        let read = read_back::<KeepsEverything>(BODY).unwrap_or_else(|f| panic!("{f:?}"));
        assert_eq!(read.typed, 0);
        // id, displayName, nested and the two keys inside it; annotations are not counted.
        assert_eq!(read.keys(), 5);
        assert_eq!(read.untyped.len(), 3);
        assert_eq!(
            read.untyped[2],
            Untyped {
                path: vec![Segment::Key("nested".into())],
                inner: 2
            }
        );
        let raw = read_back::<serde_json::Value>(BODY).unwrap_or_else(|f| panic!("{f:?}"));
        assert_eq!((raw.typed, raw.keys()), (0, 5));
    }

    #[test]
    fn raw_values_kept_as_their_exact_text_are_untyped_with_the_keys_inside() {
        let body = r#"{"id":"1","big":12345678901234567890123,"nested":{"n":12345678901234567890123,"m":1}}"#;
        let read = read_back::<KeepsEverything>(body).unwrap_or_else(|f| panic!("{f:?}"));
        assert_eq!(
            read.output, body,
            "the runtime writes the numbers back exactly"
        );
        assert_eq!((read.typed, read.keys()), (0, 5));
        let inner: Vec<usize> = read.untyped.iter().map(|u| u.inner).collect();
        assert_eq!(inner, [0, 0, 2]);
    }

    #[test]
    fn typed_fields_count_and_the_output_is_serde_json_s() {
        let body = r##"{"value": [{"id": "r", "emailAddress": "a@b.c", "totalAttendanceInSeconds": 1, "role": "Presenter", "seat": {"row": 3}, "identity": {"@odata.type": "#microsoft.graph.communicationsUserIdentity", "id": "u", "tenantId": "t"}}]}"##;
        type Records = support::CollectionResponse<graph_models::v1_0::AttendanceRecord>;
        let read = read_back::<Records>(body).unwrap_or_else(|f| panic!("{f:?}"));
        let plain: Records = serde_json::from_str(body).expect("reads");
        assert_eq!(read.output, serde_json::to_string(&plain).expect("writes"));
        // value, id, emailAddress, totalAttendanceInSeconds, role, identity, identity.id,
        // identity.tenantId; `seat` (and `row` inside it) are not declared.
        assert_eq!(read.typed, 8);
        assert_eq!(read.keys(), 10);
        assert_eq!(
            read.untyped,
            [Untyped {
                path: vec![
                    Segment::Key("value".into()),
                    Segment::Index(0),
                    Segment::Key("seat".into())
                ],
                inner: 1
            }]
        );
    }
}
