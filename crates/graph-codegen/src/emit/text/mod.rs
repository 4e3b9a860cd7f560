//! The fast renderer: each emitter's output written straight as formatted text, byte for byte
//! what its [`quote::ToTokens`] twin gives after a syn parse and prettyplease.
//!
//! Whole docs trees are thousands of files, and parsing the emitted tokens back with syn and
//! printing them with prettyplease was nine tenths of generating them. The text written here
//! follows prettyplease's layout for the few constructs the generator emits: a construct goes on
//! one line when it ends within prettyplease's margin, else in the broken form prettyplease gives
//! it (an arm's body in a block, a tuple pattern broken around its field, one argument or
//! parameter per line, a function output's generics, a break before a method's dot, a generic
//! argument on its own line, an `impl` header broken before `for`). A layout outside these forms
//! (a line that would need a further level of breaking, a string literal with characters to
//! escape) makes the emitter decline the whole file, which is then rendered through syn and
//! prettyplease; so the output never depends on which renderer ran.
//!
//! The tokens path stays the reference. `crates/graph-codegen/tests/renderers_agree.rs` renders
//! the fixture and schemas whose names grow one character at a time (every line crosses the
//! margin at some length) both ways, and `tests/tests/renderers_agree.rs` the pinned pages, the
//! hard cases, the focus pages, the 2021 corpus and random schemas (names of any length, members
//! and notes in any text); any byte that differs fails them. A change to an emitter is made in
//! both places, and these tests say where the two disagree.

pub mod module;
pub mod polymorphic;
pub mod structs;
pub mod wire_enum;

use crate::emit::write_header;
use crate::plan::FieldPlan;

/// prettyplease's line width: a group is printed flat when it ends at or before this column.
const MARGIN: usize = 89;
/// prettyplease's indentation step.
const INDENT: usize = 4;

/// Why the text emitter declined a file (the construct it does not lay out); the tokens
/// renderer takes the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Declined(pub &'static str);

/// What the text emitter returns: the file, or [`Declined`].
pub type Rendered = Result<String, Declined>;

/// A generated file being written line by line.
pub(crate) struct Text {
    out: String,
}

const SPACES: &str = "                                                                ";

impl Text {
    /// A file that starts with the generated marker, its source line and the runtime import
    /// (`import` is the formatted `use` line, newline included).
    pub(crate) fn with_header(source_line: &str, import: &str, capacity: usize) -> Text {
        let mut out = String::with_capacity(capacity);
        write_header(&mut out, source_line);
        if !import.is_empty() {
            out.push_str(import);
            out.push('\n');
        }
        Text { out }
    }

    /// The finished file.
    pub(crate) fn finish(self) -> String {
        self.out
    }

    fn indent(&mut self, indent: usize) {
        let mut left = indent;
        while left > 0 {
            let step = left.min(SPACES.len());
            self.out.push_str(&SPACES[..step]);
            left -= step;
        }
    }

    /// One line made of `parts`, at `indent`.
    pub(crate) fn line(&mut self, indent: usize, parts: &[&str]) {
        self.indent(indent);
        for part in parts {
            self.out.push_str(part);
        }
        self.out.push('\n');
    }

    /// Lines already laid out (constant blocks), each indented by `indent` more.
    pub(crate) fn block(&mut self, indent: usize, text: &str) {
        for line in text.lines() {
            if line.is_empty() {
                self.out.push('\n');
            } else {
                self.line(indent, &[line]);
            }
        }
    }

    /// An empty line (between top-level items).
    pub(crate) fn blank(&mut self) {
        self.out.push('\n');
    }

    /// `///` doc lines, as prettyplease prints the `#[doc = " line"]` attributes of
    /// [`crate::docs::doc_attrs`]: trailing spaces trimmed, an empty line as a bare `///`. A line
    /// holding a newline would be printed as a block comment: declined.
    pub(crate) fn docs<S: AsRef<str>>(
        &mut self,
        indent: usize,
        lines: &[S],
    ) -> Result<(), Declined> {
        for line in lines {
            let line = line.as_ref();
            if line.contains('\n') {
                return Err(Declined("a doc line with a newline"));
            }
            let line = line.trim_end_matches(' ');
            if line.is_empty() {
                self.line(indent, &["///"]);
            } else {
                self.line(indent, &["/// ", line]);
            }
        }
        Ok(())
    }

    /// A match arm `pattern => body,` whose body is an expression, not a block: flat when it
    /// fits, else as prettyplease breaks it, `pattern => {`, the body on its own line (with `;`
    /// when `semicolon`, for assignments) and `}`; a call body that still does not fit gets one
    /// argument per line.
    pub(crate) fn arm(
        &mut self,
        indent: usize,
        pattern: &[&str],
        body: Body<'_>,
        semicolon: bool,
    ) -> Result<(), Declined> {
        // The comma after a flat arm is printed only when the arm does not break: it does not
        // count against the margin.
        if fits(indent, width(pattern) + " => ".len() + body.width()) {
            self.indent(indent);
            self.parts(pattern);
            self.out.push_str(" => ");
            body.write(self);
            self.out.push_str(",\n");
            return Ok(());
        }
        // prettyplease breaks the pattern first; the body then follows `) => ` on the pattern's
        // last line when it fits there.
        if !self.pattern_fits(indent, pattern, " => ") && fits(indent, ") => ".len() + body.width())
        {
            self.broken_pattern(indent, pattern)?;
            self.indent(indent);
            self.out.push_str(") => ");
            body.write(self);
            self.out.push_str(",\n");
            return Ok(());
        }
        self.open_arm_block(indent, pattern, " => ")?;
        // The `;` is the break's own text, printed only when the arm breaks: like the comma,
        // it does not count against the margin.
        let tail = Tail::uncounted(if semicolon { ";" } else { "" });
        let inner = indent + INDENT;
        match body {
            Body::Expr(parts) => self.flat_with(inner, parts, tail)?,
            Body::Chain { head, member } => self.chain_with(inner, head, member, tail)?,
            Body::Call { callee, args } => self.call_with(inner, callee, args, tail)?,
        }
        self.line(indent, &["}"]);
        Ok(())
    }

    /// Whether the pattern stays on one line: `pattern` and `arrow` fit, or the pattern has
    /// nowhere to break. The arrow is ` => ` before an expression (the `{` of a broken arm is
    /// the break's own text and does not count) and ` => {` before a block.
    fn pattern_fits(&self, indent: usize, pattern: &[&str], arrow: &str) -> bool {
        fits(indent, width(pattern) + arrow.len()) || !breakable(pattern)
    }

    /// The first lines of a one-field tuple-struct pattern (`Self::Variant(variant)`) broken as
    /// prettyplease breaks it, `Self::Variant(` and `variant,`; the caller writes the `) =>`
    /// line. Other patterns are declined.
    fn broken_pattern(&mut self, indent: usize, pattern: &[&str]) -> Result<(), Declined> {
        let (last, head) = pattern
            .split_last()
            .ok_or(Declined("an empty match arm pattern"))?;
        let field = last
            .strip_prefix('(')
            .and_then(|l| l.strip_suffix(')'))
            .filter(|field| !breakable(&[field]) && !field.contains(','))
            .ok_or(Declined("a match arm pattern that would break"))?;
        if !fits(indent, width(head) + 1) && breakable(head) {
            return Err(Declined("a match arm pattern that would break twice"));
        }
        self.indent(indent);
        self.parts(head);
        self.out.push_str("(\n");
        self.line(indent + INDENT, &[field, ","]);
        Ok(())
    }

    /// A call `callee(arg, arg)tail` (`tail` is what follows the closing parenthesis, `?;` for
    /// a statement): flat when it fits, else one argument per line with a trailing comma.
    pub(crate) fn call(
        &mut self,
        indent: usize,
        callee: &[&str],
        args: &[&[&str]],
        tail: &str,
    ) -> Result<(), Declined> {
        let tail = Tail::counted(tail);
        self.call_with(indent, callee, args, tail)
    }

    fn call_with(
        &mut self,
        indent: usize,
        callee: &[&str],
        args: &[&[&str]],
        tail: Tail<'_>,
    ) -> Result<(), Declined> {
        if fits(indent, call_width(callee, args) + tail.width()) {
            self.indent(indent);
            write_call(self, callee, args);
            self.out.push_str(tail.text);
            self.out.push('\n');
            return Ok(());
        }
        self.list(indent, callee, '(', args, ')', tail.text)
    }

    /// `head(` or `head<`, each item on its own line with a trailing comma, then `)tail`:
    /// prettyplease's broken form of argument, parameter and generic lists.
    fn list(
        &mut self,
        indent: usize,
        head: &[&str],
        open: char,
        items: &[&[&str]],
        close: char,
        tail: &str,
    ) -> Result<(), Declined> {
        if !fits(indent, width(head) + 1) && breakable(head) {
            return Err(Declined("a list opener that would break"));
        }
        self.indent(indent);
        self.parts(head);
        self.out.push(open);
        self.out.push('\n');
        for (i, item) in items.iter().enumerate() {
            // The last comma is the break's own text, printed only when the list breaks.
            let comma = usize::from(i + 1 < items.len());
            if !fits(indent + INDENT, width(item) + comma) && breakable(item) {
                // A one-argument call (`Some("#...")`) breaks around its argument in turn.
                match item {
                    [open, inner @ .., ")"] if open.ends_with('(') && !breakable(inner) => {
                        self.line(indent + INDENT, &[open]);
                        self.line(indent + 2 * INDENT, &[&inner.concat(), ","]);
                        self.line(indent + INDENT, &["),"]);
                        continue;
                    }
                    _ => return Err(Declined("a list item too long for its own line")),
                }
            }
            self.indent(indent + INDENT);
            self.parts(item);
            self.out.push_str(",\n");
        }
        self.indent(indent);
        self.out.push(close);
        self.out.push_str(tail);
        self.out.push('\n');
        Ok(())
    }

    /// `head<inner>tail` (a generic type ending a field) or `head(inner)tail` (a tuple
    /// variant): flat when it fits, else broken around `inner`.
    pub(crate) fn wrapped(
        &mut self,
        indent: usize,
        head: &[&str],
        (open, close): (char, char),
        inner: &[&str],
        tail: &str,
    ) -> Result<(), Declined> {
        let tail = Tail::counted(tail);
        self.wrapped_with(indent, head, (open, close), inner, tail)
    }

    /// [`Text::wrapped`] with a tail that may not count against the margin (a trailing
    /// comma of an enclosing broken list).
    pub(crate) fn wrapped_with(
        &mut self,
        indent: usize,
        head: &[&str],
        (open, close): (char, char),
        inner: &[&str],
        tail: Tail<'_>,
    ) -> Result<(), Declined> {
        if fits(indent, width(head) + 1 + width(inner) + 1 + tail.width()) {
            self.indent(indent);
            self.parts(head);
            self.out.push(open);
            self.parts(inner);
            self.out.push(close);
            self.out.push_str(tail.text);
            self.out.push('\n');
            return Ok(());
        }
        self.list(indent, head, open, &[inner], close, tail.text)
    }

    /// A function signature with its opening brace, `head(params) -> output {`: flat when it
    /// fits, else one parameter per line and `) -> output {`.
    pub(crate) fn signature(
        &mut self,
        indent: usize,
        head: &[&str],
        params: &[&[&str]],
        output: &[&str],
    ) -> Result<(), Declined> {
        let tail = format!(" -> {} {{", output.concat());
        if fits(indent, call_width(head, params) + tail.len()) {
            self.indent(indent);
            write_call(self, head, params);
            self.out.push_str(&tail);
            self.out.push('\n');
            return Ok(());
        }
        if fits(indent, 1 + tail.len()) {
            return self.list(indent, head, '(', params, ')', &tail);
        }
        // The output's own generics break next: `) -> Option<`, the argument, `> {`.
        let output = output.concat();
        let generic = output
            .split_once('<')
            .and_then(|(outer, rest)| Some((outer, rest.strip_suffix('>')?)));
        let Some((outer, argument)) = generic else {
            return Err(Declined("a function output too long for its own line"));
        };
        self.list(indent, head, '(', params, ')', &format!(" -> {outer}<"))?;
        if !fits(indent + INDENT, argument.len()) && breakable(&[argument]) {
            return Err(Declined("a function output too long for its own line"));
        }
        self.line(indent + INDENT, &[argument, ","]);
        self.line(indent, &["> {"]);
        Ok(())
    }

    /// A top-level `impl<generics> Trait for self_ty {` (`head` is what follows `impl`, from
    /// its space or `<`): flat when it fits, else broken before `for`.
    pub(crate) fn impl_header(&mut self, head: &[&str], self_ty: &str) -> Result<(), Declined> {
        let flat = "impl".len() + width(head) + " for ".len() + self_ty.len() + " {".len();
        if fits(0, flat) {
            self.line(0, &["impl", &head.concat(), " for ", self_ty, " {"]);
            return Ok(());
        }
        // Broken before `for`, the trait (`From<super::X>`) must fit on its own line, or
        // prettyplease would break its generics too.
        if !fits(0, "impl".len() + width(head)) && breakable(head) {
            return Err(Declined("an impl header that would break twice"));
        }
        self.line(0, &["impl", &head.concat()]);
        self.line(0, &["for ", self_ty, " {"]);
        Ok(())
    }

    /// `pattern => {`, the first line of an arm whose body is a block, with the pattern broken
    /// as prettyplease breaks it when it does not fit.
    pub(crate) fn block_arm_open(
        &mut self,
        indent: usize,
        pattern: &[&str],
    ) -> Result<(), Declined> {
        self.open_arm_block(indent, pattern, " => {")
    }

    /// `pattern => {`, or the pattern broken and `) => {` when `pattern` and `arrow` (see
    /// [`Text::pattern_fits`]) do not fit.
    fn open_arm_block(
        &mut self,
        indent: usize,
        pattern: &[&str],
        arrow: &str,
    ) -> Result<(), Declined> {
        if self.pattern_fits(indent, pattern, arrow) {
            self.indent(indent);
            self.parts(pattern);
            self.out.push_str(" => {\n");
        } else {
            self.broken_pattern(indent, pattern)?;
            self.line(indent, &[") => {"]);
        }
        Ok(())
    }

    /// `head member tail` where `head` is an assignment up to a bare receiver
    /// (`self.x = map`) and `member` a field or method access on it (`.next_value()?`): flat
    /// when it fits, else prettyplease's break before the dot, `member tail` one indent deeper.
    pub(crate) fn chain(
        &mut self,
        indent: usize,
        head: &[&str],
        member: &[&str],
        tail: &str,
    ) -> Result<(), Declined> {
        let tail = Tail::counted(tail);
        self.chain_with(indent, head, member, tail)
    }

    fn chain_with(
        &mut self,
        indent: usize,
        head: &[&str],
        member: &[&str],
        tail: Tail<'_>,
    ) -> Result<(), Declined> {
        if fits(indent, width(head) + width(member) + tail.width()) {
            self.indent(indent);
            self.parts(head);
            self.parts(member);
            self.out.push_str(tail.text);
            self.out.push('\n');
            return Ok(());
        }
        // The head is an assignment, `target = receiver`: the target (a field access) stays
        // whole when it and ` = ` fit, and the receiver is a bare name.
        let head_text = head.concat();
        let target = head_text.split(" = ").next().unwrap_or_default();
        if !fits(indent, target.len() + " = ".len()) && breakable(&[target]) {
            return Err(Declined("an assignment target that would break"));
        }
        self.line(indent, &[&head_text]);
        if !fits(indent + INDENT, width(member) + tail.width()) {
            return Err(Declined("a line that would break"));
        }
        self.indent(indent + INDENT);
        self.parts(member);
        self.out.push_str(tail.text);
        self.out.push('\n');
        Ok(())
    }

    /// One line that prettyplease would print flat only if it fits: declined otherwise, unless
    /// it has nowhere to break.
    pub(crate) fn flat(&mut self, indent: usize, parts: &[&str]) -> Result<(), Declined> {
        self.flat_with(indent, parts, Tail::counted(""))
    }

    fn flat_with(&mut self, indent: usize, parts: &[&str], tail: Tail<'_>) -> Result<(), Declined> {
        if !fits(indent, width(parts) + tail.width()) && breakable(parts) {
            return Err(Declined("a line that would break"));
        }
        self.indent(indent);
        self.parts(parts);
        self.out.push_str(tail.text);
        self.out.push('\n');
        Ok(())
    }

    fn parts(&mut self, parts: &[&str]) {
        for part in parts {
            self.out.push_str(part);
        }
    }
}

/// What follows a construct on its last line, and whether prettyplease counts it when
/// deciding whether the construct fits (a real token does; a separator printed only when an
/// enclosing list breaks does not).
#[derive(Clone, Copy)]
pub(crate) struct Tail<'a> {
    text: &'a str,
    counted: bool,
}

impl<'a> Tail<'a> {
    /// A real token, counted against the margin.
    pub(crate) fn counted(text: &'a str) -> Self {
        Tail {
            text,
            counted: true,
        }
    }

    /// A separator printed only when an enclosing list breaks: not counted.
    pub(crate) fn uncounted(text: &'a str) -> Self {
        Tail {
            text,
            counted: false,
        }
    }

    fn width(self) -> usize {
        if self.counted {
            self.text.len()
        } else {
            0
        }
    }
}

/// The body of a match arm.
#[derive(Clone, Copy)]
pub(crate) enum Body<'a> {
    /// An expression laid out on one line; declined when it does not fit.
    Expr(&'a [&'a str]),
    /// `head member`, broken before `member` (a `.field` or `.method()` access) when it does
    /// not fit.
    Chain {
        /// Everything before the dot.
        head: &'a [&'a str],
        /// The access, from its dot.
        member: &'a [&'a str],
    },
    /// A call, broken one argument per line when it does not fit.
    Call {
        /// Everything before the parenthesis.
        callee: &'a [&'a str],
        /// The arguments.
        args: &'a [&'a [&'a str]],
    },
}

impl Body<'_> {
    fn width(&self) -> usize {
        match self {
            Body::Expr(parts) => width(parts),
            Body::Chain { head, member } => width(head) + width(member),
            Body::Call { callee, args } => call_width(callee, args),
        }
    }

    fn write(&self, text: &mut Text) {
        match self {
            Body::Expr(parts) => text.parts(parts),
            Body::Chain { head, member } => {
                text.parts(head);
                text.parts(member);
            }
            Body::Call { callee, args } => write_call(text, callee, args),
        }
    }
}

fn write_call(text: &mut Text, callee: &[&str], args: &[&[&str]]) {
    text.parts(callee);
    text.out.push('(');
    for (i, arg) in args.iter().enumerate() {
        if i > 0 {
            text.out.push_str(", ");
        }
        text.parts(arg);
    }
    text.out.push(')');
}

fn call_width(callee: &[&str], args: &[&[&str]]) -> usize {
    width(callee)
        + 2
        + args.iter().map(|a| width(a)).sum::<usize>()
        + 2 * args.len().saturating_sub(1)
}

fn width(parts: &[&str]) -> usize {
    parts.iter().map(|p| p.len()).sum()
}

impl Text {
    /// The `Serialize` impl with the one-line body `serialize_body`, then the `Deserialize`
    /// impl (see [`Text::deserialize_impl`]): how struct and wire enum files end.
    pub(crate) fn serde_impls(
        &mut self,
        name: &str,
        serialize_body: &str,
        deserialize: &str,
    ) -> Result<(), Declined> {
        self.blank();
        self.impl_header(&[" serde::Serialize"], name)?;
        self.line(INDENT, &[SERIALIZE_SIGNATURE]);
        self.line(2 * INDENT, &[serialize_body]);
        self.line(INDENT, &["}"]);
        self.line(0, &["}"]);
        self.deserialize_impl(name, deserialize)
    }

    /// `impl<'de> serde::Deserialize<'de>` calling the runtime function `deserialize`.
    pub(crate) fn deserialize_impl(
        &mut self,
        name: &str,
        deserialize: &str,
    ) -> Result<(), Declined> {
        self.blank();
        self.impl_header(&["<'de> serde::Deserialize<'de>"], name)?;
        self.block(INDENT, DESERIALIZE_SIGNATURE);
        self.line(2 * INDENT, &["support::", deserialize, "(deserializer)"]);
        self.line(INDENT, &["}"]);
        self.line(0, &["}"]);
        Ok(())
    }
}

/// `Serialize::serialize` as prettyplease lays it out (it fits on one line).
const SERIALIZE_SIGNATURE: &str =
    "fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {";

/// `Deserialize::deserialize` as prettyplease lays it out (one parameter per line).
const DESERIALIZE_SIGNATURE: &str = "\
fn deserialize<D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Self, D::Error> {
";

/// `deserialize_property` of `GraphObject` and `Polymorphic`, as prettyplease lays it out.
const DESERIALIZE_PROPERTY_SIGNATURE: &str = "\
fn deserialize_property<'de, A: serde::de::MapAccess<'de>>(
    &mut self,
    key: &str,
    map: &mut A,
) -> Result<bool, A::Error> {
";

/// Whether prettyplease could break `parts` anywhere: at a bracket or parenthesis, or before
/// the dot of a field or method access. A path, a literal or a parameter such as
/// `base: super::Entity` it prints whole however long.
fn breakable(parts: &[&str]) -> bool {
    let mut in_literal = false;
    let mut escaped = false;
    for c in parts.iter().flat_map(|p| p.chars()) {
        if in_literal {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_literal = false,
                _ => {}
            }
        } else {
            match c {
                '"' => in_literal = true,
                '(' | '<' | '[' | '{' | '.' => return true,
                _ => {}
            }
        }
    }
    false
}

/// Whether `len` bytes starting at column `indent` end within prettyplease's margin.
fn fits(indent: usize, len: usize) -> bool {
    indent + len <= MARGIN
}

/// `text` as a string literal the way proc-macro2 writes it, when every character is printable
/// ASCII (`"` and `\` escaped); anything else declines, so the escaping rules for other
/// characters never need copying.
pub(crate) fn literal(text: &str) -> Result<String, Declined> {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for b in text.bytes() {
        match b {
            b'"' | b'\\' => {
                out.push('\\');
                out.push(char::from(b));
            }
            0x20..=0x7e => out.push(char::from(b)),
            _ => return Err(Declined("a string literal with characters to escape")),
        }
    }
    out.push('"');
    Ok(out)
}

impl Text {
    /// `#[deprecated(note = "...")]` for a deprecated field or accessor, as
    /// [`crate::emit::structs::deprecated_attr`] emits it; nothing when not deprecated.
    pub(crate) fn deprecated(&mut self, indent: usize, field: &FieldPlan) -> Result<(), Declined> {
        let Some(note) = field.deprecated.as_deref() else {
            return Ok(());
        };
        let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
        if note.is_empty() {
            self.line(indent, &["#[deprecated]"]);
            return Ok(());
        }
        let note = literal(&note)?;
        let flat = "#[deprecated(note = ".len() + note.len() + ")]".len();
        if fits(indent, flat) {
            self.line(indent, &["#[deprecated(note = ", &note, ")]"]);
        } else {
            self.line(indent, &["#[deprecated("]);
            self.line(indent + INDENT, &["note = ", &note]);
            self.line(indent, &[")]"]);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: Text) -> String {
        text.out
    }

    fn empty() -> Text {
        Text { out: String::new() }
    }

    /// `stmt` (a statement inside a function inside an impl, so at column 8) as prettyplease
    /// prints it.
    fn prettyplease_statement(stmt: &str) -> String {
        let file: syn::File = syn::parse_str(&format!("impl X {{ fn f() {{ {stmt} }} }}")).unwrap();
        let printed = prettyplease::unparse(&file);
        let lines: Vec<&str> = printed.lines().collect();
        lines[2..lines.len() - 2].join("\n") + "\n"
    }

    #[test]
    fn literals_match_proc_macro2_or_decline() {
        for text in ["plain", "with \"quotes\"", "back\\slash", "it's", ""] {
            let expected = proc_macro2::Literal::string(text).to_string();
            assert_eq!(literal(text).unwrap(), expected);
        }
        assert!(literal("caf\u{e9}").is_err());
        assert!(literal("tab\there").is_err());
    }

    #[test]
    fn break_opportunities_outside_string_literals() {
        assert!(breakable(&["self.x = map"]));
        assert!(breakable(&["Vec<super::X>"]));
        assert!(!breakable(&["base: super::Entity"]));
        assert!(!breakable(&["\"microsoft.graph.x (see \\\"a.b\\\")\""]));
        assert!(breakable(&["\"a.b\"", ".len()"]));
    }

    #[test]
    fn doc_lines_are_trimmed_and_empty_lines_bare() {
        let mut text = empty();
        text.docs(4, &["One.  ", "", "Two."]).unwrap();
        assert_eq!(body(text), "    /// One.\n    ///\n    /// Two.\n");
        assert!(empty().docs(0, &["a\nb"]).is_err());
    }

    #[test]
    fn calls_break_exactly_where_prettyplease_breaks_them() {
        // The flat statement ends at columns 85 to 93, across the margin at 89.
        let mut forms = Vec::new();
        for extra in 0..9 {
            let wire = literal(&format!("w{}", "x".repeat(36 + extra))).unwrap();
            let mut text = empty();
            text.call(
                8,
                &["support::write_field"],
                &[&["map"], &[&wire], &["&self.y"]],
                "?;",
            )
            .unwrap();
            let expected =
                prettyplease_statement(&format!("support::write_field(map, {wire}, &self.y)?;"));
            let written = body(text);
            assert_eq!(written, expected, "a wire literal of {} bytes", wire.len());
            forms.push(written.lines().count());
        }
        assert_eq!(forms, [1, 1, 1, 1, 1, 5, 5, 5, 5]);
    }
}
