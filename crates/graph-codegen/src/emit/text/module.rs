//! The text twins of [`crate::emit::module`] (`mod.rs`, `registry.rs`) and of
//! [`crate::emit::namespaces`].

use super::{literal, Declined, Rendered, Tail, Text, INDENT};
use crate::emit::file_text;
use crate::emit::module::{ModuleEmitter, RegistryEntry};
use crate::emit::namespaces::{NamespaceEmitter, Node};

/// Writes `mod.rs`: every item's module and re-export, then the namespace modules if any.
pub fn module_file(
    module: &ModuleEmitter<'_>,
    namespaces: Option<&NamespaceEmitter>,
    source_line: &str,
) -> Rendered {
    let (modules, items) = module.modules_and_items();
    let mut body = Text {
        out: String::with_capacity(64 * items.len() + 256),
    };
    body.docs_inner(&module.doc())?;
    for module in &modules {
        body.line(0, &["mod ", module, ";"]);
    }
    body.line(0, &["pub mod registry;"]);
    for (module, item) in modules.iter().zip(&items) {
        body.line(0, &["pub use ", module, "::", item, ";"]);
    }
    if let Some(namespaces) = namespaces {
        for (name, child) in &namespaces.root.children {
            namespace(&mut body, child, name, 1)?;
        }
    }
    Ok(file_text(source_line, &body.out))
}

fn namespace(text: &mut Text, node: &Node, name: &str, depth: usize) -> Result<(), Declined> {
    let indent = (depth - 1) * INDENT;
    text.docs(indent, &[node.doc()])?;
    text.line(indent, &["pub mod ", name, " {"]);
    let up = "super::".repeat(depth);
    for (alias, rust) in &node.items {
        if alias == rust {
            text.line(indent + INDENT, &["pub use ", &up, rust, ";"]);
        } else {
            text.line(
                indent + INDENT,
                &["pub use ", &up, rust, " as ", alias, ";"],
            );
        }
    }
    for (child_name, child) in &node.children {
        namespace(text, child, child_name, depth + 1)?;
    }
    text.line(indent, &["}"]);
    Ok(())
}

/// Writes `registry.rs`; `import` is the formatted `use` of the runtime, newline included.
pub fn registry_file(entries: &[RegistryEntry], source_line: &str, import: &str) -> Rendered {
    let mut body = Text {
        out: String::with_capacity(400 * entries.len() + 4096),
    };
    body.docs_inner(
        "Every generated type by its Graph name, for tools that check documentation examples.",
    )?;
    if !entries.is_empty() {
        body.out.push_str(import);
    }
    body.line(
        0,
        &["/// The names [`with_type`] accepts: each qualified name, and `Collection(...)` of each."],
    );
    let mut names = Vec::with_capacity(entries.len() * 2);
    for entry in entries {
        names.push(literal(&entry.qualified)?);
        names.push(literal(&format!("Collection({})", entry.qualified))?);
    }
    let head = "pub const TYPE_NAMES: &[&str] = &[";
    let joined = names.join(", ");
    if super::fits(0, head.len() + joined.len() + "];".len()) {
        body.line(0, &[head, &joined, "];"]);
    } else {
        body.line(0, &[head]);
        for name in &names {
            body.line(INDENT, &[name, ","]);
        }
        body.line(0, &["];"]);
    }
    body.out.push_str(VISITOR);
    if entries.is_empty() {
        body.line(INDENT, &["let _ = (type_name, visitor);"]);
        body.line(INDENT, &["None"]);
    } else {
        body.line(INDENT, &["Some("]);
        body.line(2 * INDENT, &["match type_name {"]);
        for (entry, pair) in entries.iter().zip(names.chunks(2)) {
            let single = format!("super::{}", entry.rust);
            visit_arm(&mut body, &pair[0], &single, false)?;
            visit_arm(&mut body, &pair[1], &single, true)?;
        }
        body.line(3 * INDENT, &["_ => return None,"]);
        body.line(2 * INDENT, &["},"]);
        body.line(INDENT, &[")"]);
    }
    body.out.push_str(ROUND_TRIP);
    Ok(file_text(source_line, &body.out))
}

/// `"name" => visitor.visit::<ty>(),` in every form prettyplease gives it as `ty` grows; `ty`
/// is `rust`, or `support::CollectionResponse<rust>` for a `collection`.
fn visit_arm(text: &mut Text, name: &str, rust: &str, collection: bool) -> Result<(), Declined> {
    const COLLECTION: &str = "support::CollectionResponse";
    let ty: &[&str] = if collection {
        &[COLLECTION, "<", rust, ">"]
    } else {
        &[rust]
    };
    let ty_width = super::width(ty);
    let arms = 3 * INDENT;
    let call = "visitor.visit::<".len() + ty_width + ">()".len();
    if super::fits(arms, name.len() + " => ".len() + call) {
        text.indent(arms);
        text.parts(&[name, " => visitor.visit::<"]);
        text.parts(ty);
        text.out.push_str(">(),\n");
        return Ok(());
    }
    text.line(arms, &[name, " => {"]);
    let body = arms + INDENT;
    let chain = body + INDENT;
    if super::fits(body, call) {
        text.indent(body);
        text.out.push_str("visitor.visit::<");
        text.parts(ty);
        text.out.push_str(">()\n");
    } else if super::fits(chain, ".visit::<".len() + ty_width + ">()".len()) {
        text.line(body, &["visitor"]);
        text.indent(chain);
        text.out.push_str(".visit::<");
        text.parts(ty);
        text.out.push_str(">()\n");
    } else {
        text.line(body, &["visitor"]);
        text.line(chain, &[".visit::<"]);
        if collection {
            // The comma is the turbofish list's trailing one: not counted.
            let comma = Tail::uncounted(",");
            text.wrapped_with(chain + INDENT, &[COLLECTION], ('<', '>'), &[rust], comma)?;
        } else {
            text.flat(chain + INDENT, &[rust, ","])?;
        }
        text.line(chain, &[">()"]);
    }
    text.line(arms, &["}"]);
    Ok(())
}

impl Text {
    /// A `//!` line.
    fn docs_inner(&mut self, line: &str) -> Result<(), Declined> {
        if line.contains('\n') {
            return Err(Declined("a doc line with a newline"));
        }
        self.line(0, &["//! ", line.trim_end_matches(' ')]);
        Ok(())
    }
}

const VISITOR: &str = "\
/// Something to do with the Rust type that models a Graph type, chosen at run time by
/// name (see [`with_type`]).
pub trait TypeVisitor {
    /// What the visit produces.
    type Output;
    /// Called with the Rust type for the requested name.
    fn visit<T: serde::Serialize + serde::de::DeserializeOwned>(self) -> Self::Output;
}
/// Calls `visitor` with the Rust type for `type_name`: a qualified name such as
/// `microsoft.graph.attendanceRecord` (types with derived types are read through their
/// `Any*` enum, so `@odata.type` picks the variant), or `Collection(...)` of one, which is
/// a collection response body (`{\"value\": [...]}` with its `@odata.*` keys).
/// `None` when the name is not one of [`TYPE_NAMES`].
pub fn with_type<V: TypeVisitor>(type_name: &str, visitor: V) -> Option<V::Output> {
";

const ROUND_TRIP: &str = "\
}
/// Reads `value` as the type named `type_name` (see [`with_type`]) and writes it back.
pub fn round_trip(
    type_name: &str,
    value: &serde_json::Value,
) -> Option<Result<serde_json::Value, serde_json::Error>> {
    struct Through<'a>(&'a serde_json::Value);
    impl TypeVisitor for Through<'_> {
        type Output = Result<serde_json::Value, serde_json::Error>;
        fn visit<T: serde::Serialize + serde::de::DeserializeOwned>(
            self,
        ) -> Self::Output {
            let typed = <T as serde::Deserialize>::deserialize(self.0)?;
            serde_json::to_value(&typed)
        }
    }
    with_type(type_name, Through(value))
}
";
