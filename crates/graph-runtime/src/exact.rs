//! Unknown JSON values read without losing a number.
//!
//! `serde_json::Value` holds a number as an `i64`, a `u64` or an `f64` (unless a user's build
//! turns on serde_json's `arbitrary_precision`, which changes `Value` for every crate in it). A
//! number none of those holds exactly (a 23-digit integer, `u64::MAX + 1`, a 30-digit decimal)
//! would come back rounded. So an unknown value is read as its JSON text first (serde_json's
//! raw-value protocol, its additive `raw_value` feature): the text is parsed into the `Value`,
//! and when the `Value` would write any of its numbers as a different number, the text (minus
//! insignificant whitespace) is kept beside it and is what gets written back.
//!
//! Deserializers other than serde_json's never hand over text: they call
//! `visit_newtype_struct` (or visit the value directly) and the value is read as before. A
//! number they have already rounded cannot be recovered here.

use std::fmt;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use serde_json::Value;

use super::object::Key;

/// The name serde_json's deserializers recognise in `deserialize_newtype_struct` to hand over a
/// value's text (`serde_json::value::RawValue` asks with it). A test holds it: if serde_json
/// ever renamed it, unknown numbers would be rounded again and
/// `unknown_numbers_no_f64_holds_come_back_with_their_exact_text` would fail.
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

/// An unknown JSON value: the `Value`, and its exact text when the `Value` would write one of
/// its numbers as a different number.
#[derive(Clone, Debug)]
pub(crate) struct Unknown {
    pub(crate) value: Value,
    pub(crate) exact: Option<Box<RawValue>>,
}

impl Unknown {
    /// A value with nothing to keep beside it (built in code, or read by a deserializer that
    /// does not hand over text).
    pub(crate) fn plain(value: Value) -> Self {
        Unknown { value, exact: None }
    }

    /// Parses JSON text: the `Value`, and the text too when the `Value` is not exact.
    pub(crate) fn from_text(text: &str) -> Result<Self, serde_json::Error> {
        let value = serde_json::from_str(text)?;
        let exact = if numbers_are_exact(text) {
            None
        } else {
            Some(RawValue::from_string(compact(text))?)
        };
        Ok(Unknown { value, exact })
    }
}

impl<'de> Deserialize<'de> for Unknown {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_text_or(deserializer, UnknownVisitor)
    }
}

/// Builds an [`Unknown`] from JSON text when the deserializer hands it over, and from the value
/// itself otherwise.
pub(crate) struct UnknownVisitor;

impl TextOr<'_> for UnknownVisitor {
    fn visit_text<E: de::Error>(self, text: &str) -> Result<Unknown, E> {
        Unknown::from_text(text).map_err(|e| E::custom(without_position(&e)))
    }
}

impl<'de> Visitor<'de> for UnknownVisitor {
    type Value = Unknown;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Unknown, E> {
        Ok(Unknown::plain(Value::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Unknown, E> {
        Ok(Unknown::plain(Value::from(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Unknown, E> {
        Ok(Unknown::plain(Value::from(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Unknown, E> {
        Ok(Unknown::plain(Value::from(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Unknown, E> {
        Ok(Unknown::plain(Value::from(v)))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Unknown, E> {
        Ok(Unknown::plain(Value::String(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Unknown, E> {
        Ok(Unknown::plain(Value::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<Unknown, E> {
        Ok(Unknown::plain(Value::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Unknown, D::Error> {
        Value::deserialize(d).map(Unknown::plain)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Unknown, D::Error> {
        Value::deserialize(d).map(Unknown::plain)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Unknown, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq)).map(Unknown::plain)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Unknown, A::Error> {
        Value::deserialize(MapAccessDeserializer::new(map)).map(Unknown::plain)
    }
}

/// Reads a value through `visitor`: from its JSON text when the deserializer hands it over
/// (serde_json's do, asked with the raw-value name), else from the value itself, visited as
/// any other value.
pub(crate) fn deserialize_text_or<'de, D, T, F>(deserializer: D, visitor: F) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    F: TextOr<'de, Value = T>,
{
    deserializer.deserialize_newtype_struct(RAW_VALUE_TOKEN, TextOrVisitor(visitor))
}

/// What [`deserialize_text_or`] does with the text, or with the value when there is no text.
pub(crate) trait TextOr<'de>: Visitor<'de> {
    /// Builds the value from its JSON text.
    fn visit_text<E: de::Error>(self, text: &str) -> Result<Self::Value, E>;
}

struct TextOrVisitor<F>(F);

impl<'de, F: TextOr<'de>> Visitor<'de> for TextOrVisitor<F> {
    type Value = F::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.expecting(f)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<F::Value, D::Error> {
        d.deserialize_any(self.0)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<F::Value, A::Error> {
        match map.next_key::<Key>()? {
            Some(Key(key)) if key == RAW_VALUE_TOKEN => {
                let Key(text) = map.next_value()?;
                self.0.visit_text(&text)
            }
            first => self.0.visit_map(FirstKeyRead {
                first: first.map(|Key(k)| k.into_owned()),
                map,
            }),
        }
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<F::Value, E> {
        self.0.visit_bool(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<F::Value, E> {
        self.0.visit_i64(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<F::Value, E> {
        self.0.visit_u64(v)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<F::Value, E> {
        self.0.visit_f64(v)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<F::Value, E> {
        self.0.visit_str(v)
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<F::Value, E> {
        self.0.visit_string(v)
    }
    fn visit_unit<E: de::Error>(self) -> Result<F::Value, E> {
        self.0.visit_unit()
    }
    fn visit_none<E: de::Error>(self) -> Result<F::Value, E> {
        self.0.visit_none()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<F::Value, D::Error> {
        self.0.visit_some(d)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<F::Value, A::Error> {
        self.0.visit_seq(seq)
    }
}

/// A map whose first key was already read (to look for the raw-value token): gives it again,
/// then the rest.
struct FirstKeyRead<A> {
    first: Option<String>,
    map: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for FirstKeyRead<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        match self.first.take() {
            Some(first) => seed.deserialize(first.into_deserializer()).map(Some),
            None => self.map.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// serde_json's message without the position, which would be the position inside the value's
/// own text; serde_json adds the position in the whole document when the error surfaces.
pub(crate) fn without_position(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match message.strip_suffix(&suffix) {
        Some(bare) if e.line() != 0 => bare.to_owned(),
        _ => message,
    }
}

/// Whether every number in the JSON `text` reads into a `Value` that writes it back as the same
/// number (the spelling may change: `1E2` is written `100.0`, which is the same number).
pub(crate) fn numbers_are_exact(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => i = string_end(bytes, i),
            b'-' | b'0'..=b'9' => {
                let start = i;
                while bytes
                    .get(i)
                    .is_some_and(|c| matches!(c, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                {
                    i += 1;
                }
                if !text.get(start..i).is_some_and(number_is_exact) {
                    return false;
                }
            }
            _ => i += 1,
        }
    }
    true
}

/// The index just past the string that starts with the quote at `start` (or the end).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// `text` without whitespace outside strings: what an exact value writes back.
fn compact(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                let end = string_end(bytes, i);
                out.push_str(text.get(i..end).unwrap_or_default());
                i = end;
            }
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            _ => {
                // Everything else outside strings is ASCII punctuation, digits or letters.
                let end = i + bytes
                    .get(i..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|c| !matches!(c, b'"' | b' ' | b'\t' | b'\n' | b'\r'))
                    .count();
                out.push_str(text.get(i..end).unwrap_or_default());
                i = end;
            }
        }
    }
    out
}

/// Whether serde_json reads the number `token` into a `Value` that writes the same number, in
/// a form serde_json reads back as the same `Value`.
pub(crate) fn number_is_exact(token: &str) -> bool {
    let Some(decimal) = Decimal::parse(token) else {
        return false;
    };
    // Integers that fit an i64 or a u64 are held, written and read back as such.
    if decimal.integer_syntax && (token.parse::<i64>().is_ok() || token.parse::<u64>().is_ok()) {
        return true;
    }
    // Up to 9 significant digits and a magnitude below 10^9 (`1.5`, `0.25`, `-12.125`): read,
    // written (the same digits, at most one more: `100.0`) and read again, serde_json computes
    // one multiplication or division of two exact f64s, which is correctly rounded, and an f64
    // tells apart every decimal of 15 digits.
    if decimal.written_digits <= 9 && (-9..=0).contains(&decimal.written_exponent) {
        return true;
    }
    written_back_exactly(token, &decimal)
}

/// Asks serde_json: what it reads from `token`, written back, must be the same decimal number
/// and read back as the same value. (Without its `float_roundtrip` feature serde_json reads
/// some long floats one unit off, including some it wrote itself: `-3.0659587256952283e63`.)
fn written_back_exactly(token: &str, decimal: &Decimal) -> bool {
    let Ok(first) = serde_json::from_str::<Value>(token) else {
        return false;
    };
    let written = first.to_string();
    if Decimal::parse(&written).is_none_or(|back| back != *decimal) {
        return false;
    }
    let bits = |v: &Value| v.as_f64().map(f64::to_bits);
    serde_json::from_str::<Value>(&written)
        .is_ok_and(|again| again == first && bits(&again) == bits(&first))
}

/// A JSON number as a sign, its significant digits and a power of ten. Equal when the numbers
/// are (`1E2` and `100.0`; `-0` and `-0.0`).
#[derive(Debug)]
struct Decimal {
    negative: bool,
    /// Significant digits, without leading or trailing zeros; empty for zero.
    digits: Vec<u8>,
    /// The number is `0.DIGITS × 10^exponent` (0 for zero).
    exponent: i64,
    /// No `.` and no exponent.
    integer_syntax: bool,
    /// Digits as written from the first non-zero one (trailing zeros kept), and the power of
    /// ten of the last: the significand and exponent serde_json computes with.
    written_digits: usize,
    written_exponent: i64,
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.negative == other.negative
            && self.digits == other.digits
            && self.exponent == other.exponent
    }
}

impl Decimal {
    /// Past this, an exponent is saturated: the number is out of range or zero either way.
    const EXPONENT_LIMIT: i64 = 1_000_000_000_000_000;

    fn parse(token: &str) -> Option<Self> {
        let (negative, rest) = match token.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, token),
        };
        let (mantissa, exponent) = match rest.split_once(['e', 'E']) {
            Some((mantissa, exponent)) => (mantissa, Some(exponent)),
            None => (rest, None),
        };
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits_only = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits_only(whole) || (mantissa.contains('.') && !digits_only(fraction)) {
            return None;
        }
        let explicit = match exponent {
            None => 0,
            Some(e) => {
                let (sign, digits) = match e.strip_prefix('-') {
                    Some(digits) => (-1, digits),
                    None => (1, e.strip_prefix('+').unwrap_or(e)),
                };
                if !digits_only(digits) {
                    return None;
                }
                let digits = digits.trim_start_matches('0');
                let magnitude = if digits.len() > 16 {
                    Self::EXPONENT_LIMIT
                } else {
                    digits.parse::<i64>().unwrap_or(0).min(Self::EXPONENT_LIMIT)
                };
                sign * magnitude
            }
        };
        let all: Vec<u8> = whole.bytes().chain(fraction.bytes()).collect();
        let lead = all.iter().take_while(|&&b| b == b'0').count();
        let written = all.get(lead..).unwrap_or_default();
        let trail = written.iter().rev().take_while(|&&b| b == b'0').count();
        let digits = written
            .get(..written.len() - trail)
            .unwrap_or_default()
            .to_vec();
        let len = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        Some(Decimal {
            negative,
            exponent: if digits.is_empty() {
                0
            } else {
                explicit
                    .saturating_add(len(whole.len()))
                    .saturating_sub(len(lead))
            },
            digits,
            integer_syntax: !mantissa.contains('.') && exponent.is_none(),
            written_digits: written.len(),
            written_exponent: explicit.saturating_sub(len(fraction.len())),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn exact_and_inexact_numbers() {
        for exact in [
            "0",
            "-0",
            "1",
            "-1",
            "1.5",
            "100",
            "1e2",
            "1E+2",
            "0.1",
            "0.30000000000000004",
            "1.0",
            "-0.0",
            "9007199254740993",
            "18446744073709551615",
            "-9223372036854775808",
            "1e22",
            "1e300",
            "2.2250738585072014e-308",
            "123456789012345.6",
            "0.000001",
            "1e-7",
            "5e-324",
            "1.7976931348623157e308",
            "100000000000000000000",
            "1.50000000000000000000",
        ] {
            assert!(number_is_exact(exact), "{exact}");
        }
        for inexact in [
            "12345678901234567890123",
            "18446744073709551616",
            "-9223372036854775809",
            "0.123456789012345678901234567890",
            "0.30000000000000001",
            "9007199254740993.0",
            "1e-400",
            "2.47032822920623272e-324",
            // serde_json reads back what it writes for this one a unit off.
            "-3065958725695228300000000000000000000000000000000000000000000000",
        ] {
            assert!(!number_is_exact(inexact), "{inexact}");
        }
    }

    /// JSON numbers of every shape: short and long, integers, decimals, exponents.
    fn number() -> impl Strategy<Value = String> {
        (
            any::<bool>(),
            "(0|[1-9][0-9]{0,30})",
            prop::option::of("[0-9]{1,30}"),
            prop::option::of(("[eE]", "[+-]?", 0u32..400)),
        )
            .prop_map(|(negative, whole, fraction, exponent)| {
                let mut n = String::new();
                if negative {
                    n.push('-');
                }
                n.push_str(&whole);
                if let Some(f) = fraction {
                    n.push('.');
                    n.push_str(&f);
                }
                if let Some((e, sign, digits)) = exponent {
                    n.push_str(&format!("{e}{sign}{digits}"));
                }
                n
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

        /// The shortcut for short decimals agrees with asking serde_json.
        #[test]
        fn shortcuts_agree_with_serde_json(token in number()) {
            let decimal = Decimal::parse(&token).unwrap();
            if !decimal.integer_syntax && number_is_exact(&token) {
                prop_assert!(written_back_exactly(&token, &decimal), "{}", token);
            }
        }

        /// Short decimals, where the shortcut applies.
        #[test]
        fn short_decimals_are_exact(whole in 0u32..1_000_000_000, fraction in "[0-9]{0,8}") {
            let token = format!("{whole}.{fraction}0");
            let decimal = Decimal::parse(&token).unwrap();
            prop_assert_eq!(number_is_exact(&token), written_back_exactly(&token, &decimal), "{}", token);
        }

        /// Whatever the number, an unknown value holding it writes back the same number (or
        /// the read fails, for a number past f64's range); the `Value` is what serde_json reads.
        #[test]
        fn every_number_comes_back_as_the_same_number(token in number()) {
            let text = format!("[{token}, {{\"k\": {token}}}]");
            let Ok(expected) = serde_json::from_str::<Value>(&text) else {
                prop_assert!(Unknown::from_text(&text).is_err());
                return Ok(());
            };
            let unknown = Unknown::from_text(&text).unwrap();
            prop_assert_eq!(&unknown.value, &expected);
            let written = match &unknown.exact {
                Some(exact) => exact.get().to_owned(),
                None => unknown.value.to_string(),
            };
            let back: Vec<&str> = written
                .split(['[', ']', ',', '{', '}', ':'])
                .filter(|t| !t.is_empty() && !t.starts_with('"'))
                .collect();
            prop_assert_eq!(back.len(), 2, "{}", written);
            for b in back {
                prop_assert_eq!(Decimal::parse(b).unwrap(), Decimal::parse(&token).unwrap(), "{} -> {}", token, written);
            }
        }
    }

    #[test]
    fn compact_drops_whitespace_outside_strings_only() {
        assert_eq!(
            compact("{ \"a b\" : [ 1 , \"\\\" x\" ] ,\n\t\"c\": null }"),
            "{\"a b\":[1,\"\\\" x\"],\"c\":null}"
        );
    }
}
