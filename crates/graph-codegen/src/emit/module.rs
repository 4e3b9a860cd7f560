//! `mod.rs` (declares and re-exports every item) and `registry.rs` (types by Graph name).

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use crate::emit::gates::{self, Gates};
use crate::naming::{ident, module_name};

/// Emits the version module's `mod.rs`.
pub struct ModuleEmitter<'p> {
    /// The version label, e.g. `v1.0`.
    pub version: &'p str,
    /// Rust names of every generated item, each in its own file.
    pub items: Vec<&'p str>,
    /// The Cargo feature `registry.rs` is compiled under, if any (see
    /// [`Options::registry_feature`](crate::Options::registry_feature)).
    pub registry_feature: Option<&'p str>,
    /// The feature each item is compiled under, if the crate has features.
    pub gates: &'p Gates,
}

impl<'p> ModuleEmitter<'p> {
    /// The items sorted by name, with the module each lives in.
    pub(crate) fn modules_and_items(&self) -> (Vec<String>, Vec<&'p str>) {
        let mut items = self.items.clone();
        items.sort_unstable();
        let modules = items.iter().map(|item| module_name(item)).collect();
        (modules, items)
    }

    /// The module's inner doc line.
    pub(crate) fn doc(&self) -> String {
        format!(
            "Microsoft Graph {} models, generated from the documentation pages.",
            self.version
        )
    }
}

impl ToTokens for ModuleEmitter<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let doc = format!(" {}", self.doc());
        let (modules, items) = self.modules_and_items();
        let gates: Vec<_> = items.iter().map(|item| self.gates.item(item)).collect();
        let public: Vec<_> = items.iter().map(|item| self.gates.public(item)).collect();
        let modules: Vec<_> = modules.iter().map(|module| ident(module)).collect();
        let names: Vec<_> = items.iter().map(|item| ident(item)).collect();
        let registry_cfg = self.registry_feature.map(gates::public_cfg);
        tokens.extend(quote! {
            #![doc = #doc]

            #(#gates mod #modules;)*
            #registry_cfg
            pub mod registry;

            #(#public pub use #modules::#names;)*
        });
    }
}

/// One entry of the registry: a Graph name and the Rust type that reads it.
pub struct RegistryEntry {
    /// Qualified Graph name.
    pub qualified: String,
    /// Rust type that stands for it (the `Any*` enum for types with descendants).
    pub rust: String,
}

/// Emits `registry.rs`.
pub struct RegistryEmitter {
    /// Entries in qualified-name order.
    pub entries: Vec<RegistryEntry>,
    /// The `use` of the runtime module (collection arms name `support::CollectionResponse`).
    pub import: TokenStream,
}

impl ToTokens for RegistryEmitter {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let mut names = Vec::new();
        let mut arms = Vec::new();
        for entry in &self.entries {
            let single = &entry.qualified;
            let collection = format!("Collection({})", entry.qualified);
            let rust = ident(&entry.rust);
            arms.push(quote!(#single => visitor.visit::<super::#rust>(),));
            arms.push(quote!(#collection => visitor.visit::<support::CollectionResponse<super::#rust>>(),));
            names.push(single.clone());
            names.push(collection);
        }
        // An empty match would leave `visitor` unused.
        let body = if arms.is_empty() {
            quote!(let _ = (type_name, visitor); None)
        } else {
            quote! {
                Some(match type_name {
                    #(#arms)*
                    _ => return None,
                })
            }
        };
        let import = &self.import;
        tokens.extend(quote! {
            //! Every generated type by its Graph name, for tools that check documentation examples.

            #import

            /// The names [`with_type`] accepts: each qualified name, and `Collection(...)` of each.
            pub const TYPE_NAMES: &[&str] = &[#(#names),*];

            /// Calls `visitor` with the Rust type for `type_name`: a qualified name such as
            /// `microsoft.graph.attendanceRecord` (types with derived types are read through their
            /// `Any*` enum, so `@odata.type` picks the variant), or `Collection(...)` of one, which is
            /// a collection response body (`{"value": [...]}` with its `@odata.*` keys).
            /// `None` when the name is not one of [`TYPE_NAMES`].
            pub fn with_type<V: support::TypeVisitor>(type_name: &str, visitor: V) -> Option<V::Output> {
                #body
            }
        });
    }
}
