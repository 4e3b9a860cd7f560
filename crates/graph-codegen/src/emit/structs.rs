//! A struct for one structured type, with its `GraphObject`, `Serialize` and `Deserialize` impls.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use crate::docs::{doc_attrs, paragraph};
use crate::emit::gates::{self, Gates};
use crate::naming::ident;
use crate::plan::{FieldPlan, StructPlan};

/// Emits a `StructPlan` (the planner's).
pub struct StructEmitter<'p> {
    /// The struct to emit.
    pub plan: &'p StructPlan,
    /// Feature gates of the fields whose types another workload compiles.
    pub gates: &'p Gates,
}

impl ToTokens for StructEmitter<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let plan = self.plan;
        let name = ident(&plan.rust);
        let docs = doc_attrs(&struct_doc(plan));
        let gate = |field: &FieldPlan| self.gates.field(&plan.rust, field);
        let fields = plan
            .fields
            .iter()
            .map(|field| field_definition(field, gate(field)));
        let qualified = &plan.qualified;
        let reads = plan.fields.iter().map(|field| {
            let wire = &field.wire;
            let rust = ident(&field.rust);
            let gate = gate(field);
            if field.nullable {
                quote!(#gate #wire => self.#rust = map.next_value()?,)
            } else {
                // Not `Option`'s own `Deserialize`: that would read `null` as absent.
                quote!(#gate #wire => self.#rust = Some(map.next_value()?),)
            }
        });
        let writes = plan.fields.iter().map(|field| {
            let wire = &field.wire;
            let rust = ident(&field.rust);
            let write = if field.nullable {
                quote!(support::write_field(map, #wire, &self.#rust)?;)
            } else {
                quote!(support::write_option(map, #wire, &self.#rust)?;)
            };
            gates::statement(gate(field), write)
        });
        // A type with no properties of its own (an open type such as detailsInfo) keeps
        // everything in `additional_properties`; its impls must not name unused parameters.
        let (deserialize_property, serialize_properties) = if plan.fields.is_empty() {
            (
                quote! {
                    fn deserialize_property<'de, A: serde::de::MapAccess<'de>>(
                        &mut self,
                        _key: &str,
                        _map: &mut A,
                    ) -> Result<bool, A::Error> {
                        Ok(false)
                    }
                },
                quote! {
                    fn serialize_properties<M: serde::ser::SerializeMap>(
                        &self,
                        _map: &mut M,
                    ) -> Result<(), M::Error> {
                        Ok(())
                    }
                },
            )
        } else {
            (
                quote! {
                    fn deserialize_property<'de, A: serde::de::MapAccess<'de>>(
                        &mut self,
                        key: &str,
                        map: &mut A,
                    ) -> Result<bool, A::Error> {
                        match key {
                            #(#reads)*
                            _ => return Ok(false),
                        }
                        Ok(true)
                    }
                },
                quote! {
                    fn serialize_properties<M: serde::ser::SerializeMap>(
                        &self,
                        map: &mut M,
                    ) -> Result<(), M::Error> {
                        #(#writes)*
                        Ok(())
                    }
                },
            )
        };
        let allow_deprecated = plan
            .fields
            .iter()
            .any(|f| f.deprecated.is_some())
            .then(|| quote!(#[allow(deprecated)]));

        tokens.extend(quote! {
            #docs
            #[derive(Clone, Debug, Default, PartialEq)]
            pub struct #name {
                /// The `@odata.type` annotation as received; written back unchanged.
                pub odata_type: Option<Box<str>>,
                #(#fields)*
                /// Properties the documentation does not list, in wire order; written back unchanged.
                pub additional_properties: support::AdditionalProperties,
            }

            // The non-generic methods are `#[inline]`, so they are compiled where they are used,
            // not into the models crate for every type.
            #allow_deprecated
            impl support::GraphObject for #name {
                const QUALIFIED_NAME: &'static str = #qualified;

                #[inline]
                fn odata_type(&self) -> Option<&str> {
                    self.odata_type.as_deref()
                }

                #[inline]
                fn set_odata_type(&mut self, raw: String) {
                    self.odata_type = Some(raw.into_boxed_str());
                }

                #[inline]
                fn additional_properties(&self) -> &support::AdditionalProperties {
                    &self.additional_properties
                }

                #[inline]
                fn additional_properties_mut(&mut self) -> &mut support::AdditionalProperties {
                    &mut self.additional_properties
                }

                #deserialize_property

                #serialize_properties
            }

            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    support::serialize_object(self, serializer, None)
                }
            }

            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    support::deserialize_object(deserializer)
                }
            }
        });
    }
}

/// The field declaration: docs, deprecation, feature gate, `Field<T>` or `Option<T>`.
fn field_definition(field: &FieldPlan, gate: Option<TokenStream>) -> TokenStream {
    let docs = doc_attrs(&field_doc(field));
    let rust = ident(&field.rust);
    let value = field.ty.tokens();
    let ty = if field.nullable {
        quote!(support::Field<#value>)
    } else {
        quote!(Option<#value>)
    };
    let deprecated = deprecated_attr(field);
    quote! {
        #docs
        #deprecated
        #gate
        pub #rust: #ty,
    }
}

/// `#[deprecated(note = ...)]` for a deprecated property (its note on one line), else nothing.
pub fn deprecated_attr(field: &FieldPlan) -> Option<TokenStream> {
    field.deprecated.as_deref().map(|note| {
        let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
        if note.is_empty() {
            quote!(#[deprecated])
        } else {
            quote!(#[deprecated(note = #note)])
        }
    })
}

/// Doc lines of a struct: the description, then what Graph type it is.
pub(crate) fn struct_doc(plan: &StructPlan) -> Vec<String> {
    let mut lines = Vec::new();
    if !plan.description.trim().is_empty() {
        lines.push(paragraph(&plan.description));
        lines.push(String::new());
    }
    let kind = match plan.kind {
        graph_ir::TypeKind::Entity => "entity type",
        graph_ir::TypeKind::Complex => "complex type",
    };
    let mut facts = format!("Graph type `{}` ({kind}", plan.qualified);
    if plan.is_abstract {
        facts.push_str(", abstract");
    }
    if plan.open {
        facts.push_str(", open");
    }
    facts.push(')');
    if let Some(base) = &plan.base {
        facts.push_str(&format!(", derived from `{base}`"));
    }
    facts.push('.');
    lines.push(facts);
    lines
}

/// Doc lines of a field: the description (or a generated sentence), facts, the wire name.
pub fn field_doc(field: &FieldPlan) -> Vec<String> {
    let mut lines = Vec::new();
    match &field.doc {
        Some(doc) => lines.push(doc.to_string()),
        None => lines.push(format!("The `{}` property.", field.wire)),
    }
    lines.push(String::new());
    let mut facts = Vec::new();
    if field.navigation {
        facts.push("Navigation property: sent only when expanded (`$expand`).".to_string());
    }
    if field.read_only {
        facts.push("Read-only.".to_string());
    }
    facts.push(format!("Wire name: `{}`.", field.wire));
    lines.push(facts.join(" "));
    lines
}
