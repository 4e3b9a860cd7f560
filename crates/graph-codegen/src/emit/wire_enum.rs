//! A string enumeration with a fallback variant: declared enum types and inline member lists.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use crate::docs::{doc_attrs, paragraph};
use crate::naming::ident;
use crate::plan::{EnumOrigin, EnumPlan, MemberPlan};

/// Emits an `EnumPlan` (the planner's).
pub struct WireEnumEmitter<'p> {
    /// The enum to emit.
    pub plan: &'p EnumPlan,
}

impl ToTokens for WireEnumEmitter<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let plan = self.plan;
        let name = ident(&plan.rust);
        let docs = doc_attrs(&enum_doc(plan));
        let fallback = ident(&plan.fallback);
        let variants = plan.members.iter().map(|member| {
            let docs = doc_attrs(&member_doc(member));
            let variant = ident(&member.rust);
            quote!(#docs #variant,)
        });
        let from_wire = plan.members.iter().map(|member| {
            let wire = &member.wire;
            let variant = ident(&member.rust);
            quote!(#wire => Self::#variant,)
        });
        // With no members, a lone catch-all arm would be a `match_single_binding` lint.
        let from_wire_body = if plan.members.is_empty() {
            quote!(Self::#fallback(value.to_owned()))
        } else {
            quote! {
                match value {
                    #(#from_wire)*
                    other => Self::#fallback(other.to_owned()),
                }
            }
        };
        let as_wire = plan.members.iter().map(|member| {
            let wire = &member.wire;
            let variant = ident(&member.rust);
            quote!(Self::#variant => #wire,)
        });
        tokens.extend(quote! {
            #docs
            #[derive(Clone, Debug, PartialEq, Eq, Hash)]
            pub enum #name {
                #(#variants)*
                /// A value this crate does not know, kept as sent and written back unchanged.
                #fallback(String),
            }

            // `#[inline]`: not compiled into this crate unless used, as serde-derive code is not
            // (the crate's own build pays for no enum its users never read).
            impl support::WireEnum for #name {
                #[inline]
                fn from_wire(value: &str) -> Self {
                    #from_wire_body
                }

                #[inline]
                fn as_wire(&self) -> &str {
                    match self {
                        #(#as_wire)*
                        Self::#fallback(value) => value,
                    }
                }
            }

            // `as_str`, `Display`, `FromStr`, `AsRef<str>` and the serde impls, written once in
            // the runtime.
            support::wire_enum!(#name);
        });
    }
}

pub(crate) fn enum_doc(plan: &EnumPlan) -> Vec<String> {
    let mut lines = Vec::new();
    match &plan.origin {
        EnumOrigin::Declared(qualified) => {
            if !plan.description.trim().is_empty() {
                lines.push(paragraph(&plan.description));
                lines.push(String::new());
            }
            lines.push(format!("Graph enumeration `{qualified}`."));
        }
        EnumOrigin::Inline { owner, property } => {
            lines.push(format!(
                "The values the documentation lists for `{property}` of `{owner}` (a string on the wire)."
            ));
        }
    }
    lines
}

pub(crate) fn member_doc(member: &MemberPlan) -> Vec<String> {
    let mut lines = Vec::new();
    if !member.description.trim().is_empty() {
        lines.push(paragraph(&member.description));
        lines.push(String::new());
    }
    let mut text = format!("Wire value `{}`.", member.wire);
    if member.after_unknown_future_value {
        text.push_str(
            " Listed after `unknownFutureValue`: Graph sends it only to callers that ask for it \
             with `Prefer: include-unknown-enum-members`.",
        );
    }
    lines.push(text);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use graph_ir::Source;

    #[test]
    fn inline_enum_tokens() {
        let plan = EnumPlan {
            rust: "AttendanceRecordRole".into(),
            origin: EnumOrigin::Inline {
                owner: "microsoft.graph.attendanceRecord".into(),
                property: "role".into(),
            },
            description: String::new(),
            members: vec![MemberPlan {
                wire: "None".into(),
                rust: "None".into(),
                description: String::new(),
                after_unknown_future_value: false,
            }],
            fallback: "Other".into(),
            source: Source::default(),
        };
        let actual: syn::File =
            syn::parse2(WireEnumEmitter { plan: &plan }.to_token_stream()).unwrap();
        let expected: syn::File = syn::parse2(quote! {
            /// The values the documentation lists for `role` of `microsoft.graph.attendanceRecord` (a string on the wire).
            #[derive(Clone, Debug, PartialEq, Eq, Hash)]
            pub enum AttendanceRecordRole {
                /// Wire value `None`.
                None,
                /// A value this crate does not know, kept as sent and written back unchanged.
                Other(String),
            }
            impl support::WireEnum for AttendanceRecordRole {
                #[inline]
                fn from_wire(value: &str) -> Self {
                    match value {
                        "None" => Self::None,
                        other => Self::Other(other.to_owned()),
                    }
                }
                #[inline]
                fn as_wire(&self) -> &str {
                    match self {
                        Self::None => "None",
                        Self::Other(value) => value,
                    }
                }
            }
            support::wire_enum!(AttendanceRecordRole);
        })
        .unwrap();
        assert_eq!(
            prettyplease::unparse(&actual),
            prettyplease::unparse(&expected)
        );
    }
}
