//! The text twin of [`crate::emit::polymorphic::PolymorphicEmitter`].

use super::{
    literal, Body, Declined, Rendered, Text, DESERIALIZE_PROPERTY_SIGNATURE, SERIALIZE_SIGNATURE,
};
use crate::emit::polymorphic::{accessor, base_variant_doc, derived_variant_doc, enum_doc};
use crate::emit::structs::field_doc;
use crate::plan::{PolymorphicPlan, StructPlan, UNKNOWN_VARIANT};

/// Writes the `Any*` enum file for `plan`; `base` is its base struct's plan.
pub fn polymorphic_file(
    plan: &PolymorphicPlan,
    base: &StructPlan,
    source_line: &str,
    import: &str,
) -> Rendered {
    let allow_deprecated = base.fields.iter().any(|f| f.deprecated.is_some());
    let name = plan.rust.as_str();
    let base_rust = plan.base_rust.as_str();
    let base_path = format!("super::{base_rust}");
    let variants: Vec<&str> = std::iter::once(base_rust)
        .chain(plan.derived.iter().map(|(_, rust)| rust.as_str()))
        .chain(std::iter::once(UNKNOWN_VARIANT))
        .collect();
    let tags: Vec<(String, &str)> = std::iter::once((&plan.base_qualified, base_rust))
        .chain(plan.derived.iter().map(|(q, r)| (q, r.as_str())))
        .map(|(qualified, rust)| Ok((literal(qualified)?, rust)))
        .collect::<Result<_, Declined>>()?;
    let capacity = 4096 + variants.len() * (1200 + base.fields.len() * 150);
    let mut text = Text::with_header(source_line, import, capacity);

    text.docs(0, &enum_doc(plan))?;
    text.line(0, &["#[derive(Clone, Debug, PartialEq)]"]);
    text.line(0, &["#[allow(clippy::large_enum_variant)]"]);
    text.line(0, &["pub enum ", name, " {"]);
    text.docs(4, &[base_variant_doc(plan)])?;
    text.wrapped(4, &[base_rust], ('(', ')'), &[&base_path], ",")?;
    for (qualified, rust) in &plan.derived {
        text.docs(4, &[derived_variant_doc(qualified)])?;
        text.wrapped(4, &[rust], ('(', ')'), &["super::", rust], ",")?;
    }
    text.block(4, UNKNOWN_DOC);
    text.wrapped(4, &[UNKNOWN_VARIANT], ('(', ')'), &[&base_path], ",")?;
    text.line(0, &["}"]);
    text.blank();

    text.impl_header(&[" Default"], name)?;
    text.line(4, &["fn default() -> Self {"]);
    text.call(8, &["Self::", base_rust], &[&["Default::default()"]], "")?;
    text.line(4, &["}"]);
    text.line(0, &["}"]);
    for variant in &variants[..variants.len() - 1] {
        text.blank();
        text.impl_header(&[" From<super::", variant, ">"], name)?;
        text.signature(4, &["fn from"], &[&["value: super::", variant]], &["Self"])?;
        text.call(8, &["Self::", variant], &[&["value"]], "")?;
        text.line(4, &["}"]);
        text.line(0, &["}"]);
    }
    text.blank();

    if allow_deprecated {
        text.line(0, &["#[allow(deprecated)]"]);
    }
    text.line(0, &["impl ", name, " {"]);
    text.line(
        4,
        &["/// The `@odata.type` annotation as received, if any."],
    );
    text.line(4, &["pub fn odata_type(&self) -> Option<&str> {"]);
    match_variants(
        &mut text,
        8,
        &variants,
        &["variant.odata_type.as_deref()"],
        false,
    )?;
    text.line(4, &["}"]);
    text.line(
        4,
        &["/// Properties the documentation does not list, in wire order."],
    );
    text.line(
        4,
        &["pub fn additional_properties(&self) -> &support::AdditionalProperties {"],
    );
    match_variants(
        &mut text,
        8,
        &variants,
        &["&variant.additional_properties"],
        false,
    )?;
    text.line(4, &["}"]);
    for field in &base.fields {
        text.docs(4, &field_doc(field))?;
        text.deprecated(4, field)?;
        let (value, read) = accessor(field);
        let value = value.text();
        text.signature(
            4,
            &["pub fn ", &field.rust],
            &[&["&self"]],
            &["Option<&", &value, ">"],
        )?;
        match_variants(
            &mut text,
            8,
            &variants,
            &["variant.", &field.rust, ".", read, "()"],
            false,
        )?;
        text.line(4, &["}"]);
    }
    text.line(0, &["}"]);
    text.blank();

    if allow_deprecated {
        text.line(0, &["#[allow(deprecated)]"]);
    }
    text.impl_header(&[" support::Polymorphic"], name)?;
    text.flat(4, &["type Base = ", &base_path, ";"])?;
    text.signature(4, &["fn from_base"], &[&["base: ", &base_path]], &["Self"])?;
    text.call(8, &["Self::", base_rust], &[&["base"]], "")?;
    text.line(4, &["}"]);
    text.line(4, &["fn from_tag(raw: String) -> Self {"]);
    text.line(
        8,
        &["let mut value = match raw.strip_prefix('#').unwrap_or(&raw) {"],
    );
    tag_arms(&mut text, 12, &tags, "Default::default()")?;
    text.line(8, &["};"]);
    text.line(
        8,
        &["support::Polymorphic::set_odata_type(&mut value, raw);"],
    );
    text.line(8, &["value"]);
    text.line(4, &["}"]);
    text.signature(
        4,
        &["fn merge_base"],
        &[&["&mut self"], &["base: ", &base_path]],
        &["support::AdditionalProperties"],
    )?;
    if !base.fields.is_empty() {
        text.line(8, &["match self {"]);
        for variant in &variants {
            text.block_arm_open(12, &["Self::", variant, "(variant)"])?;
            for field in &base.fields {
                let rust = field.rust.as_str();
                text.chain(16, &["variant.", rust, " = base"], &[".", rust], ";")?;
            }
            text.line(12, &["}"]);
        }
        text.line(8, &["}"]);
    }
    text.line(8, &["base.additional_properties"]);
    text.line(4, &["}"]);
    text.line(
        4,
        &["fn additional_properties_mut(&mut self) -> &mut support::AdditionalProperties {"],
    );
    match_variants(
        &mut text,
        8,
        &variants,
        &["&mut variant.additional_properties"],
        false,
    )?;
    text.line(4, &["}"]);
    text.block(4, DESERIALIZE_PROPERTY_SIGNATURE);
    text.line(8, &["match self {"]);
    for variant in &variants {
        text.arm(
            12,
            &["Self::", variant, "(variant)"],
            Body::Call {
                callee: &["support::GraphObject::deserialize_property"],
                args: &[&["variant"], &["key"], &["map"]],
            },
            false,
        )?;
    }
    text.line(8, &["}"]);
    text.line(4, &["}"]);
    text.line(4, &["fn set_odata_type(&mut self, raw: String) {"]);
    match_variants(
        &mut text,
        8,
        &variants,
        &["variant.odata_type = Some(raw.into_boxed_str())"],
        true,
    )?;
    text.line(4, &["}"]);
    text.block(4, DESERIALIZE_TAGGED_HEAD);
    tag_arms(
        &mut text,
        16,
        &tags,
        "support::deserialize_tagged_object(raw, map)?",
    )?;
    text.block(4, DESERIALIZE_TAGGED_TAIL);
    text.line(0, &["}"]);
    text.blank();

    text.impl_header(&[" serde::Serialize"], name)?;
    text.line(4, &[SERIALIZE_SIGNATURE]);
    text.line(8, &["match self {"]);
    let untagged: &[&str] = &["None"];
    let write_arm = |text: &mut Text, variant: &str, tag: &[&str]| {
        text.arm(
            12,
            &["Self::", variant, "(variant)"],
            Body::Call {
                callee: &["support::serialize_object"],
                args: &[&["variant"], &["serializer"], tag],
            },
            false,
        )
    };
    write_arm(&mut text, base_rust, untagged)?;
    for (qualified, rust) in &plan.derived {
        let tag = literal(&format!("#{qualified}"))?;
        write_arm(&mut text, rust, &["Some(", tag.as_str(), ")"])?;
    }
    write_arm(&mut text, UNKNOWN_VARIANT, untagged)?;
    text.line(8, &["}"]);
    text.line(4, &["}"]);
    text.line(0, &["}"]);
    text.deserialize_impl(name, "deserialize_polymorphic")?;
    Ok(text.finish())
}

/// `"qualified.name" => Self::Variant(value),` for every tag, then the `Unknown` catch-all.
fn tag_arms(
    text: &mut Text,
    indent: usize,
    tags: &[(String, &str)],
    value: &str,
) -> Result<(), Declined> {
    let unknown = ("_", UNKNOWN_VARIANT);
    let arms = tags.iter().map(|(tag, rust)| (tag.as_str(), *rust));
    for (pattern, variant) in arms.chain(std::iter::once(unknown)) {
        text.arm(
            indent,
            &[pattern],
            Body::Call {
                callee: &["Self::", variant],
                args: &[&[value]],
            },
            false,
        )?;
    }
    Ok(())
}

/// `match self { Self::V(variant) => body, ... }` over every variant.
fn match_variants(
    text: &mut Text,
    indent: usize,
    variants: &[&str],
    body: &[&str],
    semicolon: bool,
) -> Result<(), Declined> {
    text.line(indent, &["match self {"]);
    for variant in variants {
        text.arm(
            indent + 4,
            &["Self::", variant, "(variant)"],
            Body::Expr(body),
            semicolon,
        )?;
    }
    text.line(indent, &["}"]);
    Ok(())
}

const UNKNOWN_DOC: &str = "\
/// An `@odata.type` this crate does not know: the raw tag is in `odata_type`, and
/// every field the base type does not know is in `additional_properties`.
";

const DESERIALIZE_TAGGED_HEAD: &str = "\
fn deserialize_tagged<'de, A: serde::de::MapAccess<'de>>(
    raw: String,
    map: &mut A,
) -> Result<Self, A::Error> {
    Ok(
        match support::tag_name(&raw) {
";

const DESERIALIZE_TAGGED_TAIL: &str = "        },
    )
}
";
