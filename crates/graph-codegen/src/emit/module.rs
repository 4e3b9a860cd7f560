//! `mod.rs` (declares and re-exports every item) and `registry.rs` (types by Graph name).

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use crate::naming::{ident, module_name};

/// Emits the version module's `mod.rs`.
pub struct ModuleEmitter<'p> {
    /// The version label, e.g. `v1.0`.
    pub version: &'p str,
    /// Rust names of every generated item, each in its own file.
    pub items: Vec<&'p str>,
}

impl ToTokens for ModuleEmitter<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let doc = format!(
            " Microsoft Graph {} models, generated from the documentation pages.",
            self.version
        );
        let mut items = self.items.clone();
        items.sort_unstable();
        let modules: Vec<_> = items.iter().map(|item| ident(&module_name(item))).collect();
        let names: Vec<_> = items.iter().map(|item| ident(item)).collect();
        tokens.extend(quote! {
            #![doc = #doc]

            #(mod #modules;)*
            pub mod registry;

            #(pub use #modules::#names;)*
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
}

impl ToTokens for RegistryEmitter {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let mut names = Vec::new();
        let mut arms = Vec::new();
        for entry in &self.entries {
            let single = &entry.qualified;
            let collection = format!("Collection({})", entry.qualified);
            let rust = ident(&entry.rust);
            arms.push(quote!(#single => through::<super::#rust>(value),));
            arms.push(quote!(#collection => through::<Vec<super::#rust>>(value),));
            names.push(single.clone());
            names.push(collection);
        }
        // An empty match would make the tail unreachable and the helper unused.
        let body = if arms.is_empty() {
            quote!(let _ = (type_name, value); None)
        } else {
            quote! {
                let result = match type_name {
                    #(#arms)*
                    _ => return None,
                };
                Some(result)
            }
        };
        let helper = (!arms.is_empty()).then(|| {
            quote! {
                fn through<T: serde::Serialize + serde::de::DeserializeOwned>(
                    value: &serde_json::Value,
                ) -> Result<serde_json::Value, serde_json::Error> {
                    let typed = <T as serde::Deserialize>::deserialize(value)?;
                    serde_json::to_value(&typed)
                }
            }
        });
        tokens.extend(quote! {
            //! Every generated type by its Graph name, for tools that check documentation examples.

            /// The names [`round_trip`] accepts: each qualified name, and `Collection(...)` of each.
            pub const TYPE_NAMES: &[&str] = &[#(#names),*];

            /// Reads `value` as the type named `type_name` (a qualified name such as
            /// `microsoft.graph.attendanceRecord`, or `Collection(...)` of one) and writes it back.
            ///
            /// `None` when the name is not one of [`TYPE_NAMES`]; otherwise the JSON the typed
            /// value serialises to, or the error reading it. Types with derived types are read
            /// through their `Any*` enum, so `@odata.type` picks the variant.
            pub fn round_trip(
                type_name: &str,
                value: &serde_json::Value,
            ) -> Option<Result<serde_json::Value, serde_json::Error>> {
                #body
            }

            #helper
        });
    }
}
