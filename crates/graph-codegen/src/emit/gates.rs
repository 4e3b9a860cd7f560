//! `#[cfg(feature = "...")]` gates for crates with features per workload (see
//! [`crate::features`]): on each item, on each navigation field and `Any*` variant whose type
//! another workload compiles, and on every line that names such a field or variant.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use crate::features::ItemFeatures;
use crate::plan::{EnumOrigin, FieldPlan, Plan};

/// Each generated item's feature, by Rust name; empty when the crate has no features.
#[derive(Default)]
pub struct Gates {
    feature: BTreeMap<String, String>,
    reaches: BTreeMap<String, BTreeSet<String>>,
}

impl Gates {
    /// The gates of `plan`'s items under `features`; none when `features` is `None`.
    pub fn new(plan: &Plan, features: Option<&ItemFeatures>) -> Gates {
        let Some(features) = features else {
            return Gates::default();
        };
        let of = |qualified: &str| features.of.get(qualified).cloned();
        let mut feature = BTreeMap::new();
        for s in plan.structs.values() {
            feature.extend(of(&s.qualified).map(|f| (s.rust.clone(), f)));
        }
        for p in plan.polymorphics.values() {
            feature.extend(of(&p.base_qualified).map(|f| (p.rust.clone(), f)));
        }
        for e in plan.enums.values() {
            let owner = match &e.origin {
                EnumOrigin::Declared(qualified) => qualified,
                EnumOrigin::Inline { owner, .. } => owner,
            };
            feature.extend(of(owner).map(|f| (e.rust.clone(), f)));
        }
        Gates {
            feature,
            reaches: features.reaches.clone(),
        }
    }

    /// The feature that compiles item `rust`, if the crate has features.
    pub fn feature_of(&self, rust: &str) -> Option<&str> {
        self.feature.get(rust).map(String::as_str)
    }

    /// The gate of item `rust` itself (its `mod` and `pub use` lines).
    pub fn item(&self, rust: &str) -> Option<TokenStream> {
        self.feature_of(rust).map(cfg)
    }

    /// The gate of a public path to item `rust` (its `pub use` line): the `cfg`, and the
    /// `doc(cfg)` that shows the feature in the documentation (docs.rs builds with
    /// `--cfg docsrs`).
    pub fn public(&self, rust: &str) -> Option<TokenStream> {
        self.feature_of(rust).map(public_cfg)
    }

    /// The gate of a reference from item `owner` to item `target`: `None` when whatever
    /// compiles `owner` also compiles `target`.
    pub fn reference(&self, owner: &str, target: &str) -> Option<TokenStream> {
        let target_feature = self.feature_of(target)?;
        match self.feature_of(owner) {
            Some(owner_feature)
                if owner_feature == target_feature
                    || self
                        .reaches
                        .get(owner_feature)
                        .is_some_and(|r| r.contains(target_feature)) =>
            {
                None
            }
            _ => Some(cfg(target_feature)),
        }
    }

    /// The gate of field `field` of struct (or `Any*` enum) `owner`.
    pub fn field(&self, owner: &str, field: &FieldPlan) -> Option<TokenStream> {
        field
            .ty
            .generated_name()
            .and_then(|target| self.reference(owner, target))
    }
}

/// `statement` under `gate`: `#[cfg]` on an expression statement is unstable, on a block it is
/// not, so a gated statement is a block.
pub fn statement(gate: Option<TokenStream>, statement: TokenStream) -> TokenStream {
    match gate {
        Some(gate) => quote!(#gate { #statement }),
        None => statement,
    }
}

fn cfg(feature: &str) -> TokenStream {
    quote!(#[cfg(feature = #feature)])
}

/// `cfg` and `doc(cfg)` of a public item compiled under `feature`.
pub fn public_cfg(feature: &str) -> TokenStream {
    quote!(#[cfg(feature = #feature)] #[cfg_attr(docsrs, doc(cfg(feature = #feature)))])
}
