//! The text twin of [`crate::emit::wire_enum::WireEnumEmitter`].

use super::{literal, Body, Rendered, Text};
use crate::emit::wire_enum::{enum_doc, member_doc};
use crate::plan::EnumPlan;

/// Writes the wire enum file for `plan` (see the module docs of [`super`]).
pub fn wire_enum_file(plan: &EnumPlan, source_line: &str, import: &str) -> Rendered {
    let name = plan.rust.as_str();
    let fallback = plan.fallback.as_str();
    let mut text = Text::with_header(source_line, import, 1536 + plan.members.len() * 300);
    text.docs(0, &enum_doc(plan))?;
    text.line(0, &["#[derive(Clone, Debug, PartialEq, Eq, Hash)]"]);
    text.line(0, &["pub enum ", name, " {"]);
    let mut wires = Vec::with_capacity(plan.members.len());
    for member in &plan.members {
        text.docs(4, &member_doc(member))?;
        text.line(4, &[&member.rust, ","]);
        wires.push(literal(&member.wire)?);
    }
    text.line(
        4,
        &["/// A value this crate does not know, kept as sent and written back unchanged."],
    );
    text.line(4, &[fallback, "(String),"]);
    text.line(0, &["}"]);
    text.blank();

    text.impl_header(&[" support::WireEnum"], name)?;
    text.line(4, &["fn from_wire(value: &str) -> Self {"]);
    if plan.members.is_empty() {
        text.flat(8, &["Self::", fallback, "(value.to_owned())"])?;
    } else {
        text.line(8, &["match value {"]);
        for (member, wire) in plan.members.iter().zip(&wires) {
            text.arm(12, &[wire], Body::Expr(&["Self::", &member.rust]), false)?;
        }
        text.arm(
            12,
            &["other"],
            Body::Expr(&["Self::", fallback, "(other.to_owned())"]),
            false,
        )?;
        text.line(8, &["}"]);
    }
    text.line(4, &["}"]);
    text.line(4, &["fn as_wire(&self) -> &str {"]);
    text.line(8, &["match self {"]);
    for (member, wire) in plan.members.iter().zip(&wires) {
        text.arm(12, &["Self::", &member.rust], Body::Expr(&[wire]), false)?;
    }
    text.arm(
        12,
        &["Self::", fallback, "(value)"],
        Body::Expr(&["value"]),
        false,
    )?;
    text.line(8, &["}"]);
    text.line(4, &["}"]);
    text.line(0, &["}"]);
    text.serde_impls(
        name,
        "support::serialize_wire_enum(self, serializer)",
        "deserialize_wire_enum",
    )?;
    Ok(text.finish())
}
