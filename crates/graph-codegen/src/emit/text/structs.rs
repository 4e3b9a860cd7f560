//! The text twin of [`crate::emit::structs::StructEmitter`].

use super::{literal, Body, Rendered, Text, DESERIALIZE_PROPERTY_SIGNATURE};
use crate::emit::structs::{field_doc, struct_doc};
use crate::plan::StructPlan;

/// Writes the struct file for `plan` (see the module docs of [`super`]).
pub fn struct_file(plan: &StructPlan, source_line: &str, import: &str) -> Rendered {
    let name = plan.rust.as_str();
    let mut text = Text::with_header(source_line, import, 1024 + plan.fields.len() * 700);
    text.docs(0, &struct_doc(plan))?;
    text.line(0, &["#[derive(Clone, Debug, Default, PartialEq)]"]);
    text.line(0, &["pub struct ", name, " {"]);
    text.block(4, ODATA_TYPE_FIELD);
    let mut wires = Vec::with_capacity(plan.fields.len());
    for field in &plan.fields {
        text.docs(4, &field_doc(field))?;
        text.deprecated(4, field)?;
        let wrapper = if field.nullable {
            "support::Field"
        } else {
            "Option"
        };
        text.wrapped(
            4,
            &["pub ", &field.rust, ": ", wrapper],
            ('<', '>'),
            &[&field.ty.text()],
            ",",
        )?;
        wires.push(literal(&field.wire)?);
    }
    text.block(4, ADDITIONAL_FIELD);
    text.line(0, &["}"]);
    text.blank();

    if plan.fields.iter().any(|f| f.deprecated.is_some()) {
        text.line(0, &["#[allow(deprecated)]"]);
    }
    text.impl_header(&[" support::GraphObject"], name)?;
    let qualified = literal(&plan.qualified)?;
    // prettyplease never breaks a constant's string initialiser.
    text.line(
        4,
        &["const QUALIFIED_NAME: &'static str = ", &qualified, ";"],
    );
    text.block(4, ACCESSORS);
    if plan.fields.is_empty() {
        text.block(4, NO_PROPERTIES);
    } else {
        text.block(4, DESERIALIZE_PROPERTY_SIGNATURE);
        text.line(8, &["match key {"]);
        for (field, wire) in plan.fields.iter().zip(&wires) {
            let body = if field.nullable {
                Body::Chain {
                    head: &["self.", &field.rust, " = map"],
                    member: &[".next_value()?"],
                }
            } else {
                // Not `Option`'s own `Deserialize`: it would read `null` as absent.
                Body::Call {
                    callee: &["self.", &field.rust, " = Some"],
                    args: &[&["map.next_value()?"]],
                }
            };
            text.arm(12, &[wire], body, true)?;
        }
        text.block(4, DESERIALIZE_PROPERTY_TAIL);
        text.block(4, SERIALIZE_PROPERTIES_HEAD);
        for (field, wire) in plan.fields.iter().zip(&wires) {
            let callee = if field.nullable {
                "support::write_field"
            } else {
                "support::write_option"
            };
            text.call(
                8,
                &[callee],
                &[&["map"], &[wire], &["&self.", &field.rust]],
                "?;",
            )?;
        }
        text.block(4, SERIALIZE_PROPERTIES_TAIL);
    }
    text.line(0, &["}"]);
    text.serde_impls(
        name,
        "support::serialize_object(self, serializer, None)",
        "deserialize_object",
    )?;
    Ok(text.finish())
}

const ODATA_TYPE_FIELD: &str = "\
/// The `@odata.type` annotation as received; written back unchanged.
pub odata_type: Option<Box<str>>,
";

const ADDITIONAL_FIELD: &str = "\
/// Properties the documentation does not list, in wire order; written back unchanged.
pub additional_properties: support::AdditionalProperties,
";

const ACCESSORS: &str = "\
fn odata_type(&self) -> Option<&str> {
    self.odata_type.as_deref()
}
fn set_odata_type(&mut self, raw: String) {
    self.odata_type = Some(raw.into_boxed_str());
}
fn additional_properties(&self) -> &support::AdditionalProperties {
    &self.additional_properties
}
fn additional_properties_mut(&mut self) -> &mut support::AdditionalProperties {
    &mut self.additional_properties
}
";

const NO_PROPERTIES: &str = "\
fn deserialize_property<'de, A: serde::de::MapAccess<'de>>(
    &mut self,
    _key: &str,
    _map: &mut A,
) -> Result<bool, A::Error> {
    Ok(false)
}
fn serialize_properties<M: serde::ser::SerializeMap>(
    &self,
    _map: &mut M,
) -> Result<(), M::Error> {
    Ok(())
}
";

const DESERIALIZE_PROPERTY_TAIL: &str = "        _ => return Ok(false),
    }
    Ok(true)
}
";

const SERIALIZE_PROPERTIES_HEAD: &str = "\
fn serialize_properties<M: serde::ser::SerializeMap>(
    &self,
    map: &mut M,
) -> Result<(), M::Error> {
";

const SERIALIZE_PROPERTIES_TAIL: &str = "    Ok(())
}
";
