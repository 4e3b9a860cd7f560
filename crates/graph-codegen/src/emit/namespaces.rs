//! Namespace modules for the version module's `mod.rs`: `microsoft.graph.callRecords.session`
//! is reachable as `call_records::Session` as well as by its unique version-wide name.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use crate::emit::gates;
use crate::naming::{ident, namespace_modules};

/// One generated item that lives in a namespace below `microsoft.graph`.
pub struct NamespacedItem {
    /// The qualified Graph name that places it (the owner's, for inline enums).
    pub qualified: String,
    /// Its Rust name in the version module.
    pub rust: String,
    /// The name it should have inside its namespace module (see
    /// [`crate::naming::namespace_alias`]); taken unless another item of the module has it.
    pub alias: String,
    /// The Cargo feature that compiles it, if the crate has features.
    pub feature: Option<String>,
}

/// Emits `pub mod <namespace> { pub use super::X as Y; ... }`, nested for nested namespaces.
#[derive(Default)]
pub struct NamespaceEmitter {
    pub(crate) root: Node,
}

/// One namespace module and the modules nested in it.
#[derive(Default)]
pub(crate) struct Node {
    /// The Graph namespace, e.g. `microsoft.graph.callRecords`.
    pub(crate) namespace: String,
    /// Name inside the module -> (version-wide Rust name, its feature), sorted.
    pub(crate) items: BTreeMap<String, (String, Option<String>)>,
    /// Nested namespace modules by module name.
    pub(crate) children: BTreeMap<String, Node>,
}

impl NamespaceEmitter {
    /// Groups `items` by namespace; items of `microsoft.graph` itself are skipped.
    pub fn new(items: impl IntoIterator<Item = NamespacedItem>) -> Self {
        let mut emitter = NamespaceEmitter::default();
        for item in items {
            let modules = namespace_modules(&item.qualified);
            if modules.is_empty() {
                continue;
            }
            let mut node = &mut emitter.root;
            for module in &modules {
                node = node.children.entry(module.clone()).or_default();
            }
            node.namespace = item
                .qualified
                .rsplit_once('.')
                .map_or_else(String::new, |(ns, _)| ns.to_string());
            // Two items with one alias: the later keeps its version-wide name.
            let alias = if node.items.contains_key(&item.alias) {
                item.rust.clone()
            } else {
                item.alias
            };
            node.items.insert(alias, (item.rust, item.feature));
        }
        emitter
    }
}

impl ToTokens for NamespaceEmitter {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        for (module, child) in &self.root.children {
            tokens.extend(child.tokens(module, 1));
        }
    }
}

impl Node {
    /// The module's doc line.
    pub(crate) fn doc(&self) -> String {
        format!(
            "The `{}` namespace: its types under their names in the namespace.",
            self.namespace
        )
    }

    fn tokens(&self, module: &str, depth: usize) -> TokenStream {
        let up = vec![quote!(super); depth];
        let uses = self.items.iter().map(|(alias, (rust, feature))| {
            let gate = feature.as_deref().map(gates::public_cfg);
            let rust_ident = ident(rust);
            if alias == rust {
                quote!(#gate pub use #(#up::)* #rust_ident;)
            } else {
                let alias = ident(alias);
                quote!(#gate pub use #(#up::)* #rust_ident as #alias;)
            }
        });
        let children = self
            .children
            .iter()
            .map(|(name, child)| child.tokens(name, depth + 1));
        let doc = format!(" {}", self.doc());
        let module = ident(module);
        quote! {
            #[doc = #doc]
            pub mod #module {
                #(#uses)*
                #(#children)*
            }
        }
    }
}
