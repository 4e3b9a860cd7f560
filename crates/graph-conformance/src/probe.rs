//! Reads one example body into a model type, writes it back, and counts which of its keys
//! landed in a typed field.
//!
//! This file is self-contained (it uses only `std`, `serde`, `serde_json` and
//! `serde_path_to_error`): graph-conformance calls it in-process for the curated models, and
//! the checker binary of an `--all` crate compiles the very same file (see
//! [`crate::whole_tree`]), so both report the same thing the same way.
//!
//! **Typed coverage.** The models write every object through one writer: the `@odata.type` tag,
//! then each typed field, then the keys kept in `additional_properties`, each of those as a
//! `serde_json::Value`. The value is written back through [`Tee`], a serializer that forwards
//! every call to serde_json's (so the output text is exactly `serde_json::to_string`'s) and
//! looks at the Rust type of each object entry's value: a `serde_json::Value` (or the exact text
//! the runtime keeps beside one, a `RawValue`) is raw JSON, so its key is untyped, and so is
//! every key inside it (counted from the value); any other type (`Field<T>`, a string, a
//! struct, a `Vec`) is a typed field. A model that keeps everything raw reports no typed key.
//! Instance annotations (keys holding `@`, such as `@odata.context`) are no property of any
//! type and are not counted. One case reads as untyped although it is declared: a property
//! that is never null and whose type is itself raw JSON (`Edm.Untyped`, or a type no page
//! defines), since its field holds a bare `serde_json::Value` too.

use std::cell::RefCell;

use serde::de::DeserializeOwned;
use serde::ser::{self, Serialize, Serializer};
use serde_json::Value;

/// Why a body did not fit its model type; the position is serde's, inside the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// 1-based line inside the body.
    pub line: u32,
    /// serde's column (bytes) inside the body.
    pub column: u32,
    /// `path: serde message`, e.g. `value[0].identity.tenantId: invalid type: ...`.
    pub message: String,
}

/// One step of a JSON path.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Segment {
    /// An object key.
    Key(String),
    /// An array index.
    Index(usize),
}

/// A key the model kept as raw JSON, where it is in the body, and how many keys its value
/// holds (untyped too).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Untyped {
    /// The path of the key, its last segment the key itself.
    pub path: Vec<Segment>,
    /// Keys inside its value, at any depth (annotations not counted).
    pub inner: usize,
}

/// A body read into its model type and written back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Read {
    /// What the model wrote, as JSON text.
    pub output: String,
    /// Keys written from a typed field.
    pub typed: usize,
    /// Keys written from `additional_properties` (or from a raw JSON value), outermost only.
    pub untyped: Vec<Untyped>,
}

impl Read {
    /// Every counted key: typed ones, untyped ones and the keys inside untyped values.
    pub fn keys(&self) -> usize {
        self.typed + self.untyped.iter().map(|u| 1 + u.inner).sum::<usize>()
    }
}

/// Deserializes `body` straight from the text into `T` (so the models' streaming visitors are
/// what is exercised, not a detour through `serde_json::Value`), then writes it back, counting
/// typed keys.
pub fn read_back<T: Serialize + DeserializeOwned>(body: &str) -> Result<Read, Failure> {
    let mut deserializer = serde_json::Deserializer::from_str(body);
    let value: T = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.inner();
        let message = strip_location(inner);
        Failure {
            line: inner.line() as u32,
            column: inner.column() as u32,
            message: if path == "." {
                message
            } else {
                format!("{path}: {message}")
            },
        }
    })?;
    deserializer.end().map_err(|error| Failure {
        line: error.line() as u32,
        column: error.column() as u32,
        message: strip_location(&error),
    })?;
    write_back(&value).map_err(|error| Failure {
        line: 1,
        column: 1,
        message: format!("the model could not write the value back: {error}"),
    })
}

/// Writes `value` as compact JSON (the bytes of `serde_json::to_string`), counting typed keys.
pub fn write_back<T: Serialize + ?Sized>(value: &T) -> Result<Read, serde_json::Error> {
    let state = RefCell::new(State::default());
    let mut bytes = Vec::new();
    {
        let mut serializer = serde_json::Serializer::new(&mut bytes);
        value.serialize(Tee {
            inner: &mut serializer,
            state: &state,
            mode: Mode::Typed,
        })?;
    }
    let state = state.into_inner();
    let output = String::from_utf8(bytes).map_err(ser::Error::custom)?;
    Ok(Read {
        output,
        typed: state.typed,
        untyped: state.untyped,
    })
}

/// serde_json's message without its trailing ` at line L column C`.
pub fn strip_location(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) if text[at..].contains(" column ") => text[..at].to_string(),
        _ => text,
    }
}

/// A request line for the checker: `{"version": ..., "type": ..., "body": ...}`.
pub fn request_line(version: &str, type_name: &str, body: &str) -> String {
    serde_json::json!({ "version": version, "type": type_name, "body": body }).to_string()
}

/// Reads a [`request_line`]: version, type name and body.
pub fn read_request(line: &str) -> Option<(String, String, String)> {
    let value: Value = serde_json::from_str(line).ok()?;
    let field = |name: &str| value.get(name)?.as_str().map(str::to_string);
    Some((field("version")?, field("type")?, field("body")?))
}

/// The checker's answer to one request: `{"missing": true}` when the models have no such
/// type, `{"error": {...}}` when the body did not fit, else the output and the counts.
pub fn response_line(answer: Option<&Result<Read, Failure>>) -> String {
    let value = match answer {
        None => serde_json::json!({ "missing": true }),
        Some(Err(failure)) => serde_json::json!({ "error": {
            "line": failure.line,
            "column": failure.column,
            "message": failure.message,
        }}),
        Some(Ok(read)) => {
            let untyped: Vec<Value> = read
                .untyped
                .iter()
                .map(|u| {
                    let path: Vec<Value> = u
                        .path
                        .iter()
                        .map(|s| match s {
                            Segment::Key(k) => Value::from(k.as_str()),
                            Segment::Index(i) => Value::from(*i),
                        })
                        .collect();
                    serde_json::json!({ "path": path, "inner": u.inner })
                })
                .collect();
            serde_json::json!({ "output": read.output, "typed": read.typed, "untyped": untyped })
        }
    };
    value.to_string()
}

/// Reads a [`response_line`]; `Err` when the line is not one.
#[allow(clippy::type_complexity)]
pub fn read_response(line: &str) -> Result<Option<Result<Read, Failure>>, String> {
    let bad = || format!("not a checker answer: {}", cut(line));
    let value: Value = serde_json::from_str(line).map_err(|_| bad())?;
    if value.get("missing").is_some() {
        return Ok(None);
    }
    let number = |v: &Value, name: &str| v.get(name).and_then(Value::as_u64);
    if let Some(error) = value.get("error") {
        return Ok(Some(Err(Failure {
            line: number(error, "line").ok_or_else(bad)? as u32,
            column: number(error, "column").ok_or_else(bad)? as u32,
            message: error
                .get("message")
                .and_then(Value::as_str)
                .ok_or_else(bad)?
                .to_string(),
        })));
    }
    let output = value
        .get("output")
        .and_then(Value::as_str)
        .ok_or_else(bad)?
        .to_string();
    let typed = number(&value, "typed").ok_or_else(bad)? as usize;
    let mut untyped = Vec::new();
    for u in value
        .get("untyped")
        .and_then(Value::as_array)
        .ok_or_else(bad)?
    {
        let mut path = Vec::new();
        for s in u.get("path").and_then(Value::as_array).ok_or_else(bad)? {
            path.push(match s {
                Value::String(k) => Segment::Key(k.clone()),
                Value::Number(n) => Segment::Index(n.as_u64().ok_or_else(bad)? as usize),
                _ => return Err(bad()),
            });
        }
        let inner = number(u, "inner").ok_or_else(bad)? as usize;
        untyped.push(Untyped { path, inner });
    }
    Ok(Some(Ok(Read {
        output,
        typed,
        untyped,
    })))
}

fn cut(line: &str) -> &str {
    match line.char_indices().nth(120) {
        Some((at, _)) => &line[..at],
        None => line,
    }
}

/// What the counts are collecting while the value is written.
#[derive(Default)]
struct State {
    path: Vec<Segment>,
    typed: usize,
    untyped: Vec<Untyped>,
}

/// Where the serializer is: in typed data, or inside a raw value or an annotation (whose keys
/// were counted, or are not counted, when its key was written).
#[derive(Clone, Copy)]
enum Mode {
    Typed,
    Ignored,
}

/// Whether a value of type `V` is raw JSON: a `serde_json::Value`, or the exact text the
/// runtime keeps beside one (`RawValue`, boxed or not). `type_name` is only compared within
/// one build.
fn is_raw<V: ?Sized>() -> bool {
    let name = std::any::type_name::<V>();
    let name = name
        .strip_prefix("alloc::boxed::Box<")
        .and_then(|n| n.strip_suffix('>'))
        .unwrap_or(name);
    name == std::any::type_name::<Value>() || name == "serde_json::raw::RawValue"
}

/// The keys inside a raw value, at any depth, annotations (and what they hold) left out.
fn keys_inside<V: Serialize + ?Sized>(value: &V) -> usize {
    fn count(value: &Value) -> usize {
        match value {
            Value::Object(map) => map
                .iter()
                .filter(|(k, _)| !k.contains('@'))
                .map(|(_, v)| 1 + count(v))
                .sum(),
            Value::Array(items) => items.iter().map(count).sum(),
            _ => 0,
        }
    }
    serde_json::to_value(value).map_or(0, |v| count(&v))
}

/// A serializer that forwards every call to `inner` and counts object keys (see the module
/// documentation).
struct Tee<'a, S> {
    inner: S,
    state: &'a RefCell<State>,
    mode: Mode,
}

/// A value to be written through a [`Tee`] around whatever serializer writes it.
struct Wrap<'a, T: ?Sized> {
    value: &'a T,
    state: &'a RefCell<State>,
    mode: Mode,
}

impl<T: Serialize + ?Sized> Serialize for Wrap<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(Tee {
            inner: serializer,
            state: self.state,
            mode: self.mode,
        })
    }
}

/// Every compound of a [`Tee`]: the inner compound, and for maps the key being written.
struct Compound<'a, C> {
    inner: C,
    state: &'a RefCell<State>,
    mode: Mode,
    index: usize,
    key: Option<String>,
}

impl<'a, C> Compound<'a, C> {
    fn new(inner: C, state: &'a RefCell<State>, mode: Mode) -> Self {
        Compound {
            inner,
            state,
            mode,
            index: 0,
            key: None,
        }
    }

    /// Writes one array element, its index on the path.
    fn element<T: Serialize + ?Sized, E>(
        &mut self,
        value: &T,
        write: impl FnOnce(&mut C, &Wrap<'_, T>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.state
            .borrow_mut()
            .path
            .push(Segment::Index(self.index));
        self.index += 1;
        let wrapped = Wrap {
            value,
            state: self.state,
            mode: self.mode,
        };
        let result = write(&mut self.inner, &wrapped);
        self.state.borrow_mut().path.pop();
        result
    }
}

impl<'a, S: Serializer> Serializer for Tee<'a, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Compound<'a, S::SerializeSeq>;
    type SerializeTuple = Compound<'a, S::SerializeTuple>;
    type SerializeTupleStruct = Compound<'a, S::SerializeTupleStruct>;
    type SerializeTupleVariant = Compound<'a, S::SerializeTupleVariant>;
    type SerializeMap = Compound<'a, S::SerializeMap>;
    type SerializeStruct = Compound<'a, S::SerializeStruct>;
    type SerializeStructVariant = Compound<'a, S::SerializeStructVariant>;

    fn serialize_bool(self, v: bool) -> Result<S::Ok, S::Error> {
        self.inner.serialize_bool(v)
    }
    fn serialize_i8(self, v: i8) -> Result<S::Ok, S::Error> {
        self.inner.serialize_i8(v)
    }
    fn serialize_i16(self, v: i16) -> Result<S::Ok, S::Error> {
        self.inner.serialize_i16(v)
    }
    fn serialize_i32(self, v: i32) -> Result<S::Ok, S::Error> {
        self.inner.serialize_i32(v)
    }
    fn serialize_i64(self, v: i64) -> Result<S::Ok, S::Error> {
        self.inner.serialize_i64(v)
    }
    fn serialize_i128(self, v: i128) -> Result<S::Ok, S::Error> {
        self.inner.serialize_i128(v)
    }
    fn serialize_u8(self, v: u8) -> Result<S::Ok, S::Error> {
        self.inner.serialize_u8(v)
    }
    fn serialize_u16(self, v: u16) -> Result<S::Ok, S::Error> {
        self.inner.serialize_u16(v)
    }
    fn serialize_u32(self, v: u32) -> Result<S::Ok, S::Error> {
        self.inner.serialize_u32(v)
    }
    fn serialize_u64(self, v: u64) -> Result<S::Ok, S::Error> {
        self.inner.serialize_u64(v)
    }
    fn serialize_u128(self, v: u128) -> Result<S::Ok, S::Error> {
        self.inner.serialize_u128(v)
    }
    fn serialize_f32(self, v: f32) -> Result<S::Ok, S::Error> {
        self.inner.serialize_f32(v)
    }
    fn serialize_f64(self, v: f64) -> Result<S::Ok, S::Error> {
        self.inner.serialize_f64(v)
    }
    fn serialize_char(self, v: char) -> Result<S::Ok, S::Error> {
        self.inner.serialize_char(v)
    }
    fn serialize_str(self, v: &str) -> Result<S::Ok, S::Error> {
        self.inner.serialize_str(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<S::Ok, S::Error> {
        self.inner.serialize_bytes(v)
    }
    fn serialize_none(self) -> Result<S::Ok, S::Error> {
        self.inner.serialize_none()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        self.inner.serialize_some(&Wrap {
            value,
            state: self.state,
            mode: self.mode,
        })
    }
    fn serialize_unit(self) -> Result<S::Ok, S::Error> {
        self.inner.serialize_unit()
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<S::Ok, S::Error> {
        self.inner.serialize_unit_struct(name)
    }
    fn serialize_unit_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> Result<S::Ok, S::Error> {
        self.inner.serialize_unit_variant(name, index, variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.inner.serialize_newtype_struct(
            name,
            &Wrap {
                value,
                state: self.state,
                mode: self.mode,
            },
        )
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.inner.serialize_newtype_variant(
            name,
            index,
            variant,
            &Wrap {
                value,
                state: self.state,
                mode: self.mode,
            },
        )
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        let inner = self.inner.serialize_seq(len)?;
        Ok(Compound::new(inner, self.state, self.mode))
    }
    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, S::Error> {
        let inner = self.inner.serialize_tuple(len)?;
        Ok(Compound::new(inner, self.state, self.mode))
    }
    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        let inner = self.inner.serialize_tuple_struct(name, len)?;
        Ok(Compound::new(inner, self.state, self.mode))
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        let inner = self
            .inner
            .serialize_tuple_variant(name, index, variant, len)?;
        Ok(Compound::new(inner, self.state, self.mode))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        let inner = self.inner.serialize_map(len)?;
        Ok(Compound::new(inner, self.state, self.mode))
    }
    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        let inner = self.inner.serialize_struct(name, len)?;
        Ok(Compound::new(inner, self.state, self.mode))
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        let inner = self
            .inner
            .serialize_struct_variant(name, index, variant, len)?;
        Ok(Compound::new(inner, self.state, self.mode))
    }
    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

impl<C: ser::SerializeSeq> ser::SerializeSeq for Compound<'_, C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), C::Error> {
        self.element(value, |inner, wrapped| inner.serialize_element(wrapped))
    }
    fn end(self) -> Result<C::Ok, C::Error> {
        self.inner.end()
    }
}

impl<C: ser::SerializeTuple> ser::SerializeTuple for Compound<'_, C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), C::Error> {
        self.element(value, |inner, wrapped| inner.serialize_element(wrapped))
    }
    fn end(self) -> Result<C::Ok, C::Error> {
        self.inner.end()
    }
}

impl<C: ser::SerializeTupleStruct> ser::SerializeTupleStruct for Compound<'_, C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), C::Error> {
        self.element(value, |inner, wrapped| inner.serialize_field(wrapped))
    }
    fn end(self) -> Result<C::Ok, C::Error> {
        self.inner.end()
    }
}

impl<C: ser::SerializeTupleVariant> ser::SerializeTupleVariant for Compound<'_, C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), C::Error> {
        self.element(value, |inner, wrapped| inner.serialize_field(wrapped))
    }
    fn end(self) -> Result<C::Ok, C::Error> {
        self.inner.end()
    }
}

impl<C: ser::SerializeMap> ser::SerializeMap for Compound<'_, C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), C::Error> {
        self.key = serde_json::to_value(key)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string));
        self.inner.serialize_key(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), C::Error> {
        let key = self.key.take().unwrap_or_default();
        let mode = match self.mode {
            Mode::Ignored => Mode::Ignored,
            _ if key.contains('@') => Mode::Ignored,
            Mode::Typed if is_raw::<T>() => {
                let inner = keys_inside(value);
                let mut state = self.state.borrow_mut();
                let mut path = state.path.clone();
                path.push(Segment::Key(key.clone()));
                state.untyped.push(Untyped { path, inner });
                Mode::Ignored
            }
            Mode::Typed => {
                self.state.borrow_mut().typed += 1;
                Mode::Typed
            }
        };
        self.state.borrow_mut().path.push(Segment::Key(key));
        let wrapped = Wrap {
            value,
            state: self.state,
            mode,
        };
        let result = self.inner.serialize_value(&wrapped);
        self.state.borrow_mut().path.pop();
        result
    }
    fn end(self) -> Result<C::Ok, C::Error> {
        self.inner.end()
    }
}

impl<C: ser::SerializeStruct> ser::SerializeStruct for Compound<'_, C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), C::Error> {
        // A struct is no Graph object (the models write objects as maps); only serde_json's
        // own tokens come here, and their fields are not keys of the body.
        let wrapped = Wrap {
            value,
            state: self.state,
            mode: self.mode,
        };
        self.inner.serialize_field(key, &wrapped)
    }
    fn end(self) -> Result<C::Ok, C::Error> {
        self.inner.end()
    }
}

impl<C: ser::SerializeStructVariant> ser::SerializeStructVariant for Compound<'_, C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), C::Error> {
        let wrapped = Wrap {
            value,
            state: self.state,
            mode: self.mode,
        };
        self.inner.serialize_field(key, &wrapped)
    }
    fn end(self) -> Result<C::Ok, C::Error> {
        self.inner.end()
    }
}
