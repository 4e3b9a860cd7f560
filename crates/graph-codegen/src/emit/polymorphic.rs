//! An `Any*` enum over a base type and its descendants, dispatched on `@odata.type`.

use proc_macro2::{Ident, TokenStream};
use quote::{quote, ToTokens};

use crate::docs::doc_attrs;
use crate::emit::gates::{self, Gates};
use crate::emit::structs::field_doc;
use crate::naming::ident;
use crate::plan::{FieldPlan, PolymorphicPlan, StructPlan, UNKNOWN_VARIANT};
use crate::type_map::{self, RustType};

/// Emits a `PolymorphicPlan` (the planner's); `base` is the plan of its base struct (for the
/// accessors).
pub struct PolymorphicEmitter<'p> {
    /// The enum to emit.
    pub plan: &'p PolymorphicPlan,
    /// The base struct.
    pub base: &'p StructPlan,
    /// Feature gates of the variants (and base fields) another workload compiles.
    pub gates: &'p Gates,
}

impl PolymorphicEmitter<'_> {
    /// Every variant (base, derived, unknown) as `Self::Variant(variant) => #body`, each
    /// with its feature gate.
    fn arms(&self, body: impl Fn(&Ident) -> TokenStream) -> TokenStream {
        self.arms_by_kind(&body, |variant, _| body(variant))
    }

    /// Every variant as `Self::Variant(variant) => ...`, each with its feature gate: `base`'s
    /// body for the base and unknown variants, `derived`'s (given the variant's canonical tag)
    /// for the others.
    fn arms_by_kind(
        &self,
        base: impl Fn(&Ident) -> TokenStream,
        derived: impl Fn(&Ident, &str) -> TokenStream,
    ) -> TokenStream {
        let binding = Ident::new("variant", proc_macro2::Span::call_site());
        let base_body = base(&binding);
        let base_name = ident(&self.plan.base_rust);
        let unknown = ident(UNKNOWN_VARIANT);
        let derived_arms = self.plan.derived.iter().map(|(qualified, rust)| {
            let gate = self.gate(rust);
            let name = ident(rust);
            let body = derived(&binding, &format!("#{qualified}"));
            quote!(#gate Self::#name(#binding) => #body,)
        });
        quote! {
            Self::#base_name(#binding) => #base_body,
            #(#derived_arms)*
            Self::#unknown(#binding) => #base_body,
        }
    }

    /// The gate of derived variant `rust`.
    fn gate(&self, rust: &str) -> Option<TokenStream> {
        self.gates.reference(&self.plan.rust, rust)
    }
}

impl ToTokens for PolymorphicEmitter<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let plan = self.plan;
        let name = ident(&plan.rust);
        let base = ident(&plan.base_rust);
        let enum_doc = doc_attrs(&enum_doc(plan));
        let base_doc = format!(" {}", base_variant_doc(plan));
        let derived_variants = plan.derived.iter().map(|(qualified, rust)| {
            let gate = self.gate(rust);
            let variant = ident(rust);
            let doc = format!(" {}", derived_variant_doc(qualified));
            quote!(#[doc = #doc] #gate #variant(super::#variant),)
        });
        let from_impls = std::iter::once((&plan.base_rust, None))
            .chain(plan.derived.iter().map(|(_, rust)| (rust, self.gate(rust))))
            .map(|(variant, gate)| {
                let variant = ident(variant);
                quote! {
                    #gate
                    impl From<super::#variant> for #name {
                        fn from(value: super::#variant) -> Self {
                            Self::#variant(value)
                        }
                    }
                }
            });
        let tags = || {
            std::iter::once((&plan.base_qualified, &plan.base_rust, None))
                .chain(plan.derived.iter().map(|(q, r)| (q, r, self.gate(r))))
        };
        let tag_arms = tags().map(|(qualified, rust, gate)| {
            let variant = ident(rust);
            quote!(#gate #qualified => Self::#variant(Default::default()),)
        });
        // A derived variant does not store its own canonical tag (it writes it when it has
        // none), so a value built in code equals itself read back; the base stores any tag.
        let tagged_arms: Vec<_> = tags()
            .map(|(qualified, rust, gate)| {
                let variant = ident(rust);
                let read = if rust == &plan.base_rust {
                    quote!(deserialize_tagged_object)
                } else {
                    quote!(deserialize_variant_object)
                };
                quote!(#gate #qualified => Self::#variant(support::#read(raw, map)?),)
            })
            .collect();
        let tag_names = tags().map(|(qualified, _, gate)| quote!(#gate #qualified));
        let unknown = ident(UNKNOWN_VARIANT);

        let base_fields: Vec<_> = self.base.fields.iter().collect();
        let merge_body = if base_fields.is_empty() {
            quote!()
        } else {
            let moves = base_fields.iter().map(|f| {
                let field = ident(&f.rust);
                let gate = self.gates.field(&plan.rust, f);
                gates::statement(gate, quote!(variant.#field = base.#field;))
            });
            let moves = quote!({ #(#moves)* });
            let arms = self.arms(|_| moves.clone());
            quote!(match self { #arms })
        };
        let allow_deprecated = base_fields
            .iter()
            .any(|f| f.deprecated.is_some())
            .then(|| quote!(#[allow(deprecated)]));
        let accessors = base_fields.iter().map(|f| {
            let field = ident(&f.rust);
            let docs = doc_attrs(&field_doc(f));
            let (value, read) = accessor(f);
            let read = Ident::new(read, proc_macro2::Span::call_site());
            let arms = self.arms(|v| quote!(#v.#field.#read()));
            let deprecated = super::structs::deprecated_attr(f);
            let gate = self.gates.field(&plan.rust, f);
            quote! {
                #docs
                #deprecated
                #gate
                #[inline]
                pub fn #field(&self) -> Option<&#value> {
                    match self { #arms }
                }
            }
        });
        let odata_type_arms = self.arms_by_kind(
            |v| quote!(#v.odata_type.as_deref()),
            |v, tag| quote!(#v.odata_type.as_deref().or(Some(#tag))),
        );
        let additional_arms = self.arms(|v| quote!(&#v.additional_properties));
        let additional_mut_arms = self.arms(|v| quote!(&mut #v.additional_properties));
        let set_tag_arms = self.arms_by_kind(
            |v| quote!(#v.odata_type = Some(raw.into_boxed_str())),
            |v, _| quote!(support::set_variant_tag(#v, raw)),
        );
        let read_arms =
            self.arms(|v| quote!(support::GraphObject::deserialize_property(#v, key, map)));
        let write_arms = {
            let mut arms = Vec::new();
            arms.push(quote!(Self::#base(variant) => support::serialize_object(variant, serializer, None),));
            for (qualified, rust) in &plan.derived {
                let gate = self.gate(rust);
                let variant = ident(rust);
                let tag = format!("#{qualified}");
                arms.push(quote!(#gate Self::#variant(variant) => support::serialize_object(variant, serializer, Some(#tag)),));
            }
            arms.push(quote!(Self::#unknown(variant) => support::serialize_object(variant, serializer, None),));
            arms
        };

        // Variants stay unboxed, as the design shows: boxing would cost an allocation per value
        // to save memory only while values sit in large collections.
        tokens.extend(quote! {
            #enum_doc
            #[derive(Clone, Debug, PartialEq)]
            #[allow(clippy::large_enum_variant)]
            pub enum #name {
                #[doc = #base_doc]
                #base(super::#base),
                #(#derived_variants)*
                /// An `@odata.type` this crate does not know: the raw tag is in `odata_type`, and
                /// every field the base type does not know is in `additional_properties`.
                #unknown(super::#base),
            }

            impl Default for #name {
                #[inline]
                fn default() -> Self {
                    Self::#base(Default::default())
                }
            }

            #(#from_impls)*

            // Every non-generic function below is `#[inline]`: compiled where it is used, not
            // into this crate for every type whether anyone reads it or not (serde-derive code
            // costs a library nothing until it is used, either).
            #allow_deprecated
            impl #name {
                /// The `@odata.type` this value is written with: the annotation as received, else
                /// a derived variant's own tag (`#` and its qualified name); `None` for the base
                /// type without one.
                #[inline]
                pub fn odata_type(&self) -> Option<&str> {
                    match self { #odata_type_arms }
                }

                /// Properties the documentation does not list, in wire order.
                #[inline]
                pub fn additional_properties(&self) -> &support::AdditionalProperties {
                    match self { #additional_arms }
                }

                #(#accessors)*
            }

            #allow_deprecated
            impl support::Polymorphic for #name {
                type Base = super::#base;

                const TAG_NAMES: &'static [&'static str] = &[#(#tag_names),*];

                #[inline]
                fn from_base(base: super::#base) -> Self {
                    Self::#base(base)
                }

                #[inline]
                fn from_tag(raw: String) -> Self {
                    let mut value = match raw.strip_prefix('#').unwrap_or(&raw) {
                        #(#tag_arms)*
                        _ => Self::#unknown(Default::default()),
                    };
                    support::Polymorphic::set_odata_type(&mut value, raw);
                    value
                }

                #[inline]
                fn merge_base(&mut self, base: super::#base) -> support::AdditionalProperties {
                    #merge_body
                    base.additional_properties
                }

                #[inline]
                fn additional_properties_mut(&mut self) -> &mut support::AdditionalProperties {
                    match self { #additional_mut_arms }
                }

                fn deserialize_property<'de, A: serde::de::MapAccess<'de>>(
                    &mut self,
                    key: &str,
                    map: &mut A,
                ) -> Result<bool, A::Error> {
                    match self { #read_arms }
                }

                #[inline]
                fn set_odata_type(&mut self, raw: String) {
                    match self { #set_tag_arms }
                }

                fn deserialize_tagged<'de, A: serde::de::MapAccess<'de>>(
                    raw: String,
                    map: &mut A,
                ) -> Result<Self, A::Error> {
                    Ok(match support::tag_name(&raw) {
                        #(#tagged_arms)*
                        _ => Self::#unknown(support::deserialize_tagged_object(raw, map)?),
                    })
                }
            }

            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    match self { #(#write_arms)* }
                }
            }

            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    support::deserialize_polymorphic(deserializer)
                }
            }
        });
    }
}

/// What the accessor for base field `field` returns, `Option<&T>` of this type (`str` for a
/// string, a boxed field's content), and the method that reads the field: `as_deref` for a
/// string or a box (`Field::as_deref`, `Option::as_deref`), `value` for a `Field`, `as_ref` for
/// an `Option`.
pub(crate) fn accessor(field: &FieldPlan) -> (TokenStream, &'static str) {
    match &field.ty {
        RustType::Boxed(inner) => (inner.tokens(), "as_deref"),
        RustType::Primitive(primitive) if type_map::is_string(*primitive) => {
            (quote!(str), "as_deref")
        }
        other if field.nullable => (other.tokens(), "value"),
        other => (other.tokens(), "as_ref"),
    }
}

/// Doc lines of an `Any*` enum.
pub(crate) fn enum_doc(plan: &PolymorphicPlan) -> [String; 3] {
    let base_qualified = &plan.base_qualified;
    [
        format!("`{base_qualified}` or any type derived from it, chosen by `@odata.type`."),
        String::new(),
        format!(
            "Wherever the documentation types a property as `{base_qualified}`, the value may \
             be any of these; an unrecognised `@odata.type` lands in `Unknown` with every field kept."
        ),
    ]
}

/// Doc line of the base variant.
pub(crate) fn base_variant_doc(plan: &PolymorphicPlan) -> String {
    format!("No `@odata.type`, or `#{}`.", plan.base_qualified)
}

/// Doc line of a derived variant.
pub(crate) fn derived_variant_doc(qualified: &str) -> String {
    format!("`@odata.type` `#{qualified}`.")
}
