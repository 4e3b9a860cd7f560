//! Date and time values that keep their wire text byte for byte.
//!
//! Graph writes `2021-10-05T04:38:27.6027225Z` (seven fractional digits) and offsets such as
//! `+05:30`; date/time libraries rewrite both. These newtypes keep the text as received and
//! convert on request (`time` and `chrono` features), reporting malformed values as errors.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value that could not be converted between its wire text and a date/time type, in either
/// direction: malformed or out-of-range wire text, or a `time` value RFC 3339 cannot write.
/// Conversions return it; none of them panics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    kind: &'static str,
    value: String,
    reason: String,
}

impl ParseError {
    #[allow(dead_code)] // only the optional conversions and `Duration::to_std` build these
    fn new(kind: &'static str, value: &str, reason: impl fmt::Display) -> Self {
        ParseError {
            kind,
            value: value.to_owned(),
            reason: reason.to_string(),
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {} `{}`: {}", self.kind, self.value, self.reason)
    }
}

impl std::error::Error for ParseError {}

/// Longest wire text kept inline. Graph's timestamps are 20 to 28 bytes
/// (`2021-10-05T04:38:27.6027225Z`), 29 with a millisecond offset form such as
/// `2021-10-05T04:38:27.602+05:30`; dates, times of day and most durations are shorter.
const INLINE: usize = 30;

/// The text of a scalar, inline when short (no allocation to read one, which matters for
/// collections holding two timestamps per row), else on the heap. Compared, ordered, hashed and
/// printed as the text it holds.
#[derive(Clone)]
enum WireText {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl WireText {
    fn new(text: &str) -> Self {
        let mut bytes = [0; INLINE];
        match (bytes.get_mut(..text.len()), u8::try_from(text.len())) {
            (Some(prefix), Ok(len)) => {
                prefix.copy_from_slice(text.as_bytes());
                WireText::Inline { len, bytes }
            }
            _ => WireText::Heap(text.into()),
        }
    }

    fn from_string(text: String) -> Self {
        if text.len() <= INLINE {
            WireText::new(&text)
        } else {
            WireText::Heap(text.into_boxed_str())
        }
    }

    fn as_str(&self) -> &str {
        match self {
            // Only ever filled from a whole `&str` of at most `INLINE` bytes (see `new`), so the
            // bytes are UTF-8 and the length in range: the empty fallback is never taken, and
            // keeps this path free of panics without `unsafe`. Checking the UTF-8 again costs
            // about 7 % of writing a collection (BENCHMARKS.md, "Serialize"); the crate forbids
            // unsafe code, so `from_utf8_unchecked` is not an option.
            WireText::Inline { len, bytes } => bytes
                .get(..usize::from(*len))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default(),
            WireText::Heap(text) => text,
        }
    }

    fn into_string(self) -> String {
        match self {
            WireText::Heap(text) => text.into_string(),
            inline @ WireText::Inline { .. } => inline.as_str().to_owned(),
        }
    }
}

impl Default for WireText {
    fn default() -> Self {
        WireText::new("")
    }
}

impl fmt::Debug for WireText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for WireText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for WireText {}

impl PartialOrd for WireText {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for WireText {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for WireText {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl<'de> Deserialize<'de> for WireText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl serde::de::Visitor<'_> for TextVisitor {
            type Value = WireText;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<WireText, E> {
                Ok(WireText::new(text))
            }

            fn visit_string<E: serde::de::Error>(self, text: String) -> Result<WireText, E> {
                Ok(WireText::from_string(text))
            }
        }

        deserializer.deserialize_str(TextVisitor)
    }
}

macro_rules! wire_text {
    ($(#[$doc:meta])* $name:ident, $edm:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(WireText);

        impl $name {
            /// The Graph metadata type this holds.
            pub const EDM_TYPE: &'static str = $edm;

            /// Wraps wire text as it is; nothing is checked until it is converted.
            pub fn new(wire: impl Into<String>) -> Self {
                $name(WireText::from_string(wire.into()))
            }

            /// The wire text.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }

            /// The wire text, owned.
            pub fn into_string(self) -> String {
                self.0.into_string()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<String> for $name {
            fn from(wire: String) -> Self {
                $name(WireText::from_string(wire))
            }
        }

        impl From<&str> for $name {
            fn from(wire: &str) -> Self {
                $name(WireText::new(wire))
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                WireText::deserialize(deserializer).map($name)
            }
        }
    };
}

wire_text!(
    /// An `Edm.DateTimeOffset`: RFC 3339 text such as `2021-10-05T04:38:27.6027225Z`.
    DateTimeOffset,
    "Edm.DateTimeOffset"
);
wire_text!(
    /// An `Edm.Date`: `YYYY-MM-DD`.
    Date,
    "Edm.Date"
);
wire_text!(
    /// An `Edm.TimeOfDay`: `hh:mm:ss` with optional fractional seconds.
    TimeOfDay,
    "Edm.TimeOfDay"
);
wire_text!(
    /// An `Edm.Duration`: ISO 8601 duration text such as `PT1H30M` or `P1DT0.5S`.
    Duration,
    "Edm.Duration"
);

impl Duration {
    /// Converts to a [`std::time::Duration`], exactly (integer arithmetic, no floating point);
    /// fractions finer than a nanosecond are truncated. Years and months have no fixed length
    /// and are rejected, as are negative durations and durations longer than
    /// [`std::time::Duration::MAX`]: every failure is an error, never a panic. The `time` and
    /// `chrono` features add `to_time` and `to_chrono` (signed durations).
    pub fn to_std(&self) -> Result<std::time::Duration, ParseError> {
        parse_iso_duration(self.as_str()).map_err(|reason| self.error(reason))
    }
}

const NANOS_PER_SECOND: u32 = 1_000_000_000;

/// Parses `PnDTnHnMn.nS` (weeks allowed as `PnW`; `,` or `.` before a fraction).
fn parse_iso_duration(text: &str) -> Result<std::time::Duration, &'static str> {
    let rest = text
        .strip_prefix('P')
        .ok_or("expected it to start with `P`")?;
    if rest.is_empty() {
        return Err("expected at least one component after `P`");
    }
    let (date, time) = match rest.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (rest, None),
    };
    let mut total = Sum::default();
    let mut any = false;
    for (part, in_time) in [(date, false), (time.unwrap_or(""), true)] {
        let mut part = part;
        while !part.is_empty() {
            let (whole, fraction, unit, after) = component(part)?;
            let unit_seconds: u64 = match (in_time, unit) {
                (false, 'W') => 604_800,
                (false, 'D') => 86_400,
                (true, 'H') => 3_600,
                (true, 'M') => 60,
                (true, 'S') => 1,
                (false, 'Y') | (false, 'M') => return Err("years and months have no fixed length"),
                _ => return Err("expected a unit of W, D, or after `T` one of H, M, S"),
            };
            total.add_component(whole, fraction, unit_seconds)?;
            any = true;
            part = after;
        }
    }
    if !any || time == Some("") {
        return Err("expected a unit after the last number");
    }
    Ok(std::time::Duration::new(total.seconds, total.nanos))
}

/// One `n[.n]U` component at the start of `text`: the whole digits, the fraction digits, the
/// unit and what follows.
fn component(text: &str) -> Result<(&str, &str, char, &str), &'static str> {
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let whole_len = digits(text);
    let (whole, after_whole) = text.split_at(whole_len);
    let (fraction, after_number) = match after_whole.strip_prefix(['.', ',']) {
        Some(after_point) => after_point.split_at(digits(after_point)),
        None => ("", after_whole),
    };
    let mut chars = after_number.chars();
    match chars.next() {
        Some(unit) if (!whole.is_empty() || !fraction.is_empty()) && unit.is_ascii_alphabetic() => {
            Ok((whole, fraction, unit, chars.as_str()))
        }
        Some(_) if whole.is_empty() && fraction.is_empty() => {
            Err("expected a number before each unit")
        }
        Some(_) => Err("expected a unit of W, D, or after `T` one of H, M, S"),
        None => Err("expected a unit after the last number"),
    }
}

/// A running total in whole seconds and nanoseconds (`nanos` below one second); every step is
/// checked, so a total past [`std::time::Duration::MAX`] is an error.
#[derive(Default)]
struct Sum {
    seconds: u64,
    nanos: u32,
}

impl Sum {
    const TOO_LONG: &'static str = "longer than std::time::Duration can hold";

    fn add_component(
        &mut self,
        whole: &str,
        fraction: &str,
        unit_seconds: u64,
    ) -> Result<(), &'static str> {
        let whole: u64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| Self::TOO_LONG)?
        };
        self.add(whole.checked_mul(unit_seconds).ok_or(Self::TOO_LONG)?, 0)?;
        // The fraction, exactly: its first 20 digits (enough for a week to the nanosecond) as
        // an integer over 10^digits, times the unit in nanoseconds, truncated to a nanosecond.
        let fraction = fraction.get(..fraction.len().min(20)).unwrap_or_default();
        if !fraction.is_empty() {
            let numerator: u128 = fraction.parse().map_err(|_| Self::TOO_LONG)?;
            let scale = 10u128.pow(fraction.len() as u32);
            let nanos = numerator * u128::from(unit_seconds) * u128::from(NANOS_PER_SECOND) / scale;
            let seconds =
                u64::try_from(nanos / u128::from(NANOS_PER_SECOND)).map_err(|_| Self::TOO_LONG)?;
            let nanos =
                u32::try_from(nanos % u128::from(NANOS_PER_SECOND)).map_err(|_| Self::TOO_LONG)?;
            self.add(seconds, nanos)?;
        }
        Ok(())
    }

    fn add(&mut self, seconds: u64, nanos: u32) -> Result<(), &'static str> {
        let mut nanos = self.nanos + nanos; // both below 10^9: no overflow in u32
        let mut carry = 0;
        if nanos >= NANOS_PER_SECOND {
            nanos -= NANOS_PER_SECOND;
            carry = 1;
        }
        self.seconds = self
            .seconds
            .checked_add(seconds)
            .and_then(|s| s.checked_add(carry))
            .ok_or(Self::TOO_LONG)?;
        self.nanos = nanos;
        Ok(())
    }
}

/// Whether `text` is a negative duration (`-P...`), and the text after the sign.
#[allow(dead_code)] // only the optional conversions use it
fn split_sign(text: &str) -> (bool, &str) {
    match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    }
}

/// Wire text of a duration of `seconds` and `nanos` (below one second): `PT90S`, `PT1.5S`,
/// `-PT0.000000001S`. A zero duration is never negative.
fn duration_text(negative: bool, seconds: u64, nanos: u32) -> String {
    let sign = if negative && (seconds, nanos) != (0, 0) {
        "-"
    } else {
        ""
    };
    format!("{sign}PT{seconds}{}S", fraction(nanos))
}

/// `.5` for half a second, nothing for none: at most nine digits, no trailing zeros.
fn fraction(nanos: u32) -> String {
    if nanos == 0 {
        return String::new();
    }
    let digits = format!("{nanos:09}");
    format!(".{}", digits.trim_end_matches('0'))
}

/// `hh:mm:ss[.f]` of a time of day.
#[allow(dead_code)] // only the optional conversions use it
fn time_of_day_text(hour: u32, minute: u32, second: u32, nanos: u32) -> String {
    format!("{hour:02}:{minute:02}:{second:02}{}", fraction(nanos))
}

/// Why RFC 3339 (and so `Edm.DateTimeOffset` and `Edm.Date`) cannot write a year.
#[allow(dead_code)] // only the optional conversions use it
const YEAR_OUT_OF_RANGE: &str = "RFC 3339 has no room for a year outside 0000 to 9999";

/// The `Edm.Date` of a calendar date from `time` or `chrono` (`value`, for the error), or an
/// error for a year RFC 3339 cannot write.
#[allow(dead_code)] // only the optional conversions use it
fn date_of(year: i32, month: u32, day: u32, value: impl fmt::Display) -> Result<Date, ParseError> {
    if !(0..=9999).contains(&year) {
        return Err(ParseError::new(
            Date::EDM_TYPE,
            &value.to_string(),
            YEAR_OUT_OF_RANGE,
        ));
    }
    Ok(Date::new(format!("{year:04}-{month:02}-{day:02}")))
}

impl Duration {
    /// A signed duration (`time`, `chrono`): whether it is negative (`-P...`), and its length.
    #[allow(dead_code)] // only the optional conversions use it
    fn signed(&self) -> Result<(bool, std::time::Duration), ParseError> {
        let (negative, magnitude) = split_sign(self.as_str());
        parse_iso_duration(magnitude)
            .map(|magnitude| (negative, magnitude))
            .map_err(|reason| self.error(reason))
    }

    /// The error for this duration's text.
    fn error(&self, reason: &str) -> ParseError {
        ParseError::new(Self::EDM_TYPE, self.as_str(), reason)
    }
}

impl From<std::time::Duration> for Duration {
    /// Writes `PT<seconds>[.<fraction>]S` (`PT5400S`, `PT0.25S`): exact to the nanosecond.
    fn from(value: std::time::Duration) -> Self {
        Duration::new(duration_text(false, value.as_secs(), value.subsec_nanos()))
    }
}

/// Conversions to and from the `time` crate: `to_time` on every scalar, `TryFrom`/`From` back.
#[cfg(feature = "time")]
mod with_time {
    use super::*;
    use time::format_description::well_known::Rfc3339;
    use time::macros::format_description;

    #[cfg_attr(docsrs, doc(cfg(feature = "time")))]
    impl DateTimeOffset {
        /// Parses the wire text as RFC 3339, keeping its offset.
        pub fn to_time(&self) -> Result<time::OffsetDateTime, ParseError> {
            time::OffsetDateTime::parse(self.as_str(), &Rfc3339)
                .map_err(|e| ParseError::new(Self::EDM_TYPE, self.as_str(), e))
        }

        /// Parses the wire text as RFC 3339, keeping its offset.
        #[deprecated(note = "use `to_time`: every conversion is named after its crate \
                             (`to_time`, `to_chrono`, `to_std`)")]
        pub fn to_offset_date_time(&self) -> Result<time::OffsetDateTime, ParseError> {
            self.to_time()
        }
    }

    #[cfg_attr(docsrs, doc(cfg(feature = "time")))]
    impl TryFrom<time::OffsetDateTime> for DateTimeOffset {
        type Error = ParseError;

        /// Formats as RFC 3339, keeping the offset (not converted to UTC). RFC 3339 has no room
        /// for a year outside 0000 to 9999, an offset with seconds (`+01:02:03`) or one of 24
        /// hours or more (`time` allows up to 25:59:59): those are errors, not panics, and never
        /// silently moved to another instant or offset.
        fn try_from(value: time::OffsetDateTime) -> Result<Self, ParseError> {
            value
                .format(&Rfc3339)
                .map(DateTimeOffset::new)
                .map_err(|e| ParseError::new(Self::EDM_TYPE, &value.to_string(), e))
        }
    }

    #[cfg_attr(docsrs, doc(cfg(feature = "time")))]
    impl Date {
        /// Parses the wire text as `YYYY-MM-DD`.
        pub fn to_time(&self) -> Result<time::Date, ParseError> {
            time::Date::parse(self.as_str(), format_description!("[year]-[month]-[day]"))
                .map_err(|e| ParseError::new(Self::EDM_TYPE, self.as_str(), e))
        }

        /// Parses the wire text as `YYYY-MM-DD`.
        #[deprecated(note = "use `to_time`: every conversion is named after its crate \
                             (`to_time`, `to_chrono`, `to_std`)")]
        pub fn to_date(&self) -> Result<time::Date, ParseError> {
            self.to_time()
        }
    }

    #[cfg_attr(docsrs, doc(cfg(feature = "time")))]
    impl TryFrom<time::Date> for Date {
        type Error = ParseError;

        /// Formats as `YYYY-MM-DD`; a year outside 0000 to 9999 is an error.
        fn try_from(value: time::Date) -> Result<Self, ParseError> {
            let month = u8::from(value.month()).into();
            date_of(value.year(), month, value.day().into(), value)
        }
    }

    #[cfg_attr(docsrs, doc(cfg(feature = "time")))]
    impl TimeOfDay {
        /// Parses the wire text as `hh:mm:ss[.fffffff]`.
        pub fn to_time(&self) -> Result<time::Time, ParseError> {
            let format = format_description!(
                version = 2,
                "[hour]:[minute]:[second][optional [.[subsecond]]]"
            );
            time::Time::parse(self.as_str(), format)
                .map_err(|e| ParseError::new(Self::EDM_TYPE, self.as_str(), e))
        }
    }

    #[cfg_attr(docsrs, doc(cfg(feature = "time")))]
    impl From<time::Time> for TimeOfDay {
        /// Formats as `hh:mm:ss[.f]`, exact to the nanosecond.
        fn from(value: time::Time) -> Self {
            let (hour, minute, second, nanos) = value.as_hms_nano();
            TimeOfDay::new(time_of_day_text(
                hour.into(),
                minute.into(),
                second.into(),
                nanos,
            ))
        }
    }

    #[cfg_attr(docsrs, doc(cfg(feature = "time")))]
    impl Duration {
        /// Converts to a [`time::Duration`], exactly (as [`Duration::to_std`], and a leading
        /// `-` is a negative duration). Years and months, and durations longer than
        /// `time::Duration` holds, are errors.
        pub fn to_time(&self) -> Result<time::Duration, ParseError> {
            let (negative, magnitude) = self.signed()?;
            // time::Duration reaches one second further below zero than above it, so the
            // sign is applied before the range is checked.
            let sign = if negative { -1 } else { 1 };
            let too_long = || self.error("longer than time::Duration can hold");
            let seconds =
                i64::try_from(i128::from(magnitude.as_secs()) * sign).map_err(|_| too_long())?;
            let nanos = i64::from(magnitude.subsec_nanos());
            let nanos = if negative { -nanos } else { nanos };
            time::Duration::seconds(seconds)
                .checked_add(time::Duration::nanoseconds(nanos))
                .ok_or_else(too_long)
        }
    }

    #[cfg_attr(docsrs, doc(cfg(feature = "time")))]
    impl From<time::Duration> for Duration {
        /// Writes `[-]PT<seconds>[.<fraction>]S`, exact to the nanosecond.
        fn from(value: time::Duration) -> Self {
            let magnitude = value.unsigned_abs();
            Duration::new(duration_text(
                value.is_negative(),
                magnitude.as_secs(),
                magnitude.subsec_nanos(),
            ))
        }
    }
}

/// Conversions to and from the `chrono` crate: `to_chrono` on every scalar, `TryFrom`/`From`
/// back.
#[cfg(feature = "chrono")]
mod with_chrono {
    use super::*;
    use chrono::{Datelike, Timelike};

    #[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
    impl DateTimeOffset {
        /// Parses the wire text as RFC 3339, keeping its offset.
        pub fn to_chrono(&self) -> Result<chrono::DateTime<chrono::FixedOffset>, ParseError> {
            chrono::DateTime::parse_from_rfc3339(self.as_str())
                .map_err(|e| ParseError::new(Self::EDM_TYPE, self.as_str(), e))
        }
    }

    #[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
    impl<Tz: chrono::TimeZone> TryFrom<chrono::DateTime<Tz>> for DateTimeOffset {
        type Error = ParseError;

        /// Formats as RFC 3339 (`Z` for UTC), keeping the offset, as the `time` conversion
        /// does. A year outside 0000 to 9999 or an offset with seconds (`+01:02:03`), which
        /// RFC 3339 cannot write, is an error, never a panic nor a silent change.
        fn try_from(value: chrono::DateTime<Tz>) -> Result<Self, ParseError> {
            let value = value.fixed_offset();
            let error = |reason: &str| ParseError::new(Self::EDM_TYPE, &value.to_string(), reason);
            if !(0..=9999).contains(&value.year()) {
                return Err(error(YEAR_OUT_OF_RANGE));
            }
            if value.offset().local_minus_utc() % 60 != 0 {
                return Err(error("RFC 3339 has no room for an offset with seconds"));
            }
            Ok(DateTimeOffset::new(
                value.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            ))
        }
    }

    #[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
    impl Date {
        /// Parses the wire text as `YYYY-MM-DD`.
        pub fn to_chrono(&self) -> Result<chrono::NaiveDate, ParseError> {
            chrono::NaiveDate::parse_from_str(self.as_str(), "%Y-%m-%d")
                .map_err(|e| ParseError::new(Self::EDM_TYPE, self.as_str(), e))
        }
    }

    #[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
    impl TryFrom<chrono::NaiveDate> for Date {
        type Error = ParseError;

        /// Formats as `YYYY-MM-DD`; a year outside 0000 to 9999 is an error.
        fn try_from(value: chrono::NaiveDate) -> Result<Self, ParseError> {
            date_of(value.year(), value.month(), value.day(), value)
        }
    }

    #[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
    impl TimeOfDay {
        /// Parses the wire text as `hh:mm:ss[.fffffff]`.
        pub fn to_chrono(&self) -> Result<chrono::NaiveTime, ParseError> {
            chrono::NaiveTime::parse_from_str(self.as_str(), "%H:%M:%S%.f")
                .map_err(|e| ParseError::new(Self::EDM_TYPE, self.as_str(), e))
        }
    }

    #[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
    impl TryFrom<chrono::NaiveTime> for TimeOfDay {
        type Error = ParseError;

        /// Formats as `hh:mm:ss[.f]`, exact to the nanosecond. A leap second (chrono's
        /// `23:59:60`), which an `Edm.TimeOfDay` cannot hold, is an error.
        fn try_from(value: chrono::NaiveTime) -> Result<Self, ParseError> {
            let nanos = value.nanosecond();
            if nanos >= NANOS_PER_SECOND {
                return Err(ParseError::new(
                    Self::EDM_TYPE,
                    &value.to_string(),
                    "a leap second is no time of day",
                ));
            }
            Ok(TimeOfDay::new(time_of_day_text(
                value.hour(),
                value.minute(),
                value.second(),
                nanos,
            )))
        }
    }

    #[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
    impl Duration {
        /// Converts to a [`chrono::TimeDelta`], exactly (as [`Duration::to_std`], and a
        /// leading `-` is a negative duration). Years and months, and durations longer than
        /// `TimeDelta` holds (about 292 million years), are errors.
        pub fn to_chrono(&self) -> Result<chrono::TimeDelta, ParseError> {
            let (negative, magnitude) = self.signed()?;
            let value = chrono::TimeDelta::from_std(magnitude)
                .map_err(|_| self.error("longer than chrono::TimeDelta can hold"))?;
            // TimeDelta's range is symmetric: a negated one is always in range.
            Ok(if negative { -value } else { value })
        }
    }

    #[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
    impl From<chrono::TimeDelta> for Duration {
        /// Writes `[-]PT<seconds>[.<fraction>]S`, exact to the nanosecond.
        fn from(value: chrono::TimeDelta) -> Self {
            // Both parts have the sign of the whole (both truncate toward zero).
            let negative = value < chrono::TimeDelta::zero();
            Duration::new(duration_text(
                negative,
                value.num_seconds().unsigned_abs(),
                value.subsec_nanos().unsigned_abs(),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_inline_long_text_on_the_heap_and_both_behave_as_text() {
        let at_limit = "2021-10-05T04:38:27.602+05:30Z"; // 30 bytes
        let past_limit = "2021-10-05T04:38:27.6027225+05:30"; // 33 bytes
        assert!(matches!(WireText::new(at_limit), WireText::Inline { .. }));
        assert!(matches!(WireText::new(past_limit), WireText::Heap(_)));
        assert!(matches!(
            WireText::from_string(at_limit.to_string()),
            WireText::Inline { .. }
        ));
        for text in ["", "é🙂", at_limit, past_limit] {
            let value = DateTimeOffset::from(text);
            assert_eq!(value.as_str(), text);
            assert_eq!(value, DateTimeOffset::new(text.to_string()));
            assert_eq!(value.clone().into_string(), text);
            assert_eq!(format!("{value:?}"), format!("DateTimeOffset({text:?})"));
            let json = serde_json::to_string(&value).unwrap();
            assert_eq!(
                serde_json::from_str::<DateTimeOffset>(&json).unwrap(),
                value
            );
        }
        // Order and hashing follow the text, whichever representation holds it.
        let short = DateTimeOffset::from("2021-10-05T04:38:27Z");
        let long = DateTimeOffset::from(past_limit);
        assert_eq!(short.cmp(&long), short.as_str().cmp(long.as_str()));
        let set: std::collections::HashSet<_> =
            [short.clone(), DateTimeOffset::from(short.as_str())].into();
        assert_eq!(set.len(), 1);
        // Escaped JSON text arrives unescaped (serde_json hands it over from its scratch buffer).
        let escaped: Date = serde_json::from_str(r#""2021\u002d10-05""#).unwrap();
        assert_eq!(escaped.as_str(), "2021-10-05");
        assert!(serde_json::from_str::<Date>("20211005").is_err());
    }

    #[test]
    fn inline_text_is_every_whole_string_of_at_most_30_bytes() {
        // Characters of one to four bytes at every position up to and across the inline limit:
        // what `as_str` hands out is exactly what was put in.
        for c in ['a', 'é', '出', '🎤'] {
            for prefix in 0..=INLINE + 1 {
                let text = format!("{}{c}", "0".repeat(prefix));
                let value = WireText::new(&text);
                assert_eq!(
                    matches!(value, WireText::Inline { .. }),
                    text.len() <= INLINE,
                    "{text}"
                );
                assert_eq!(value.as_str(), text);
                assert_eq!(WireText::from_string(text.clone()).as_str(), text);
                assert_eq!(value.clone().into_string(), text);
                assert_eq!(
                    serde_json::to_string(&TimeOfDay(value)).unwrap(),
                    serde_json::to_string(&text).unwrap()
                );
            }
        }
    }

    #[test]
    fn wire_text_survives_round_trip() {
        for text in [
            "2021-10-05T04:38:27.6027225Z",
            "2021-10-05T10:08:27+05:30",
            "not a date",
        ] {
            let json = serde_json::to_string(text).unwrap();
            let value: DateTimeOffset = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&value).unwrap(), json);
        }
    }

    #[test]
    fn iso_durations() {
        let secs = |t: &str| Duration::new(t).to_std().map(|d| d.as_secs_f64());
        assert_eq!(secs("PT1H30M"), Ok(5400.0));
        assert_eq!(secs("P1DT0.5S"), Ok(86_400.5));
        assert_eq!(secs("P2W"), Ok(1_209_600.0));
        assert!(secs("P1M").is_err());
        assert!(secs("PT").is_err());
        assert!(secs("1H").is_err());
        assert!(secs("PT5").is_err());
        let err = Duration::new("P1Y").to_std().unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid Edm.Duration `P1Y`: years and months have no fixed length"
        );
    }

    #[test]
    fn durations_too_long_for_std_are_errors_not_panics() {
        for text in [
            "P99999999999999999999D",
            "P99999999999999999999999999999999999999999W",
            "PT18446744073709551616S",
            "P213503982334601DT7H0M16S",
        ] {
            let err = Duration::new(text).to_std().unwrap_err();
            assert!(err.to_string().contains(text), "{err}");
        }
        // The largest std duration still converts, exactly.
        let max = std::time::Duration::MAX;
        let text = format!("PT{}.{:09}S", max.as_secs(), max.subsec_nanos());
        assert_eq!(Duration::new(text).to_std(), Ok(max));
    }

    #[test]
    fn durations_convert_exactly() {
        let exact = |t: &str| Duration::new(t).to_std();
        // Floating-point seconds would round these.
        assert_eq!(
            exact("P365DT0.000000001S"),
            Ok(std::time::Duration::new(365 * 86_400, 1))
        );
        assert_eq!(exact("P0.5D"), Ok(std::time::Duration::from_secs(43_200)));
        assert_eq!(
            exact("PT0.1234567891S"),
            Ok(std::time::Duration::new(0, 123_456_789))
        );
        assert_eq!(exact("PT1,5S"), Ok(std::time::Duration::from_millis(1_500)));
        for bad in ["PT.S", "PT1..5S", "P1.5", "PTD", "P1DT", "PT1H2"] {
            assert!(exact(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn std_durations_are_written_as_seconds_exactly() {
        let text = |d: std::time::Duration| Duration::from(d).into_string();
        assert_eq!(text(std::time::Duration::from_secs(5400)), "PT5400S");
        assert_eq!(text(std::time::Duration::from_millis(1500)), "PT1.5S");
        assert_eq!(text(std::time::Duration::new(0, 1)), "PT0.000000001S");
        assert_eq!(text(std::time::Duration::ZERO), "PT0S");
        let max = std::time::Duration::MAX;
        assert_eq!(Duration::from(max).to_std(), Ok(max));
        // std durations are never negative: a signed text is an error there.
        assert!(Duration::new("-PT1S").to_std().is_err());
    }

    #[cfg(feature = "time")]
    #[test]
    fn time_durations_convert_both_ways_signed_and_never_panic() {
        let value = time::Duration::new(-5400, -500_000_000);
        assert_eq!(Duration::from(value).as_str(), "-PT5400.5S");
        assert_eq!(Duration::new("-PT1H30M0.5S").to_time(), Ok(value));
        assert_eq!(
            Duration::new("P1DT1S").to_time(),
            Ok(time::Duration::seconds(86_401))
        );
        for extreme in [time::Duration::MIN, time::Duration::MAX] {
            assert_eq!(Duration::from(extreme).to_time(), Ok(extreme));
        }
        for bad in [
            "PT9223372036854775808S",
            "-PT9223372036854775809S",
            "P1M",
            "--PT1S",
            "-",
        ] {
            let err = Duration::new(bad).to_time().unwrap_err();
            assert!(err.to_string().contains(bad), "{err}");
        }
    }

    #[cfg(feature = "time")]
    #[test]
    fn time_dates_and_times_of_day_convert_both_ways() {
        use time::macros::{date, time};
        assert_eq!(
            Date::try_from(date!(2021 - 10 - 05)).unwrap().as_str(),
            "2021-10-05"
        );
        assert_eq!(
            Date::try_from(date!(0000 - 01 - 01)).unwrap().as_str(),
            "0000-01-01"
        );
        assert!(Date::try_from(date!(-0001 - 12 - 31)).is_err());
        assert_eq!(TimeOfDay::from(time!(08:30:00.5)).as_str(), "08:30:00.5");
        assert_eq!(
            TimeOfDay::from(time!(23:59:59.999_999_999)).as_str(),
            "23:59:59.999999999"
        );
        assert_eq!(Date::new("2021-10-05").to_time(), Ok(date!(2021 - 10 - 05)));
    }

    #[cfg(feature = "chrono")]
    #[test]
    fn chrono_date_times_convert_both_ways_and_refuse_what_rfc_3339_cannot_hold() {
        use chrono::{FixedOffset, NaiveDate, TimeZone, Utc};
        let at = NaiveDate::from_ymd_opt(2021, 10, 5)
            .unwrap()
            .and_hms_nano_opt(4, 38, 27, 602_722_500)
            .unwrap();
        let utc = Utc.from_utc_datetime(&at);
        assert_eq!(
            DateTimeOffset::try_from(utc).unwrap().as_str(),
            "2021-10-05T04:38:27.602722500Z"
        );
        let india = FixedOffset::east_opt(19_800)
            .unwrap()
            .from_utc_datetime(&at);
        let wire = DateTimeOffset::try_from(india).unwrap();
        assert_eq!(wire.as_str(), "2021-10-05T10:08:27.602722500+05:30");
        assert_eq!(wire.to_chrono(), Ok(india));
        let seconds_in_offset = FixedOffset::east_opt(3_723).unwrap().from_utc_datetime(&at);
        let year_minus_one = Utc.from_utc_datetime(
            &NaiveDate::from_ymd_opt(-1, 1, 1)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap(),
        );
        let year_ten_thousand = Utc.from_utc_datetime(
            &NaiveDate::from_ymd_opt(10_000, 1, 1)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap(),
        );
        for value in [
            seconds_in_offset,
            year_minus_one.into(),
            year_ten_thousand.into(),
        ] {
            let err = DateTimeOffset::try_from(value).unwrap_err();
            assert!(
                err.to_string().starts_with("invalid Edm.DateTimeOffset"),
                "{err}"
            );
        }
    }

    #[cfg(feature = "chrono")]
    #[test]
    fn chrono_dates_times_and_durations_convert_both_ways() {
        use chrono::{NaiveDate, NaiveTime, TimeDelta};
        let date = NaiveDate::from_ymd_opt(2021, 10, 5).unwrap();
        assert_eq!(Date::try_from(date).unwrap().as_str(), "2021-10-05");
        assert!(Date::try_from(NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap()).is_err());
        let time = NaiveTime::from_hms_milli_opt(8, 30, 0, 500).unwrap();
        assert_eq!(TimeOfDay::try_from(time).unwrap().as_str(), "08:30:00.5");
        let leap = NaiveTime::from_hms_nano_opt(23, 59, 59, 1_500_000_000).unwrap();
        assert!(TimeOfDay::try_from(leap).is_err());
        let delta = TimeDelta::seconds(-5400) - TimeDelta::milliseconds(500);
        assert_eq!(Duration::from(delta).as_str(), "-PT5400.5S");
        assert_eq!(Duration::new("-PT1H30M0.5S").to_chrono(), Ok(delta));
        for extreme in [TimeDelta::MIN, TimeDelta::MAX] {
            assert_eq!(Duration::from(extreme).to_chrono(), Ok(extreme));
        }
        for bad in ["PT9223372036854776S", "P1Y", "-"] {
            assert!(Duration::new(bad).to_chrono().is_err(), "{bad}");
        }
    }

    #[cfg(feature = "time")]
    #[test]
    fn offset_date_times_rfc_3339_cannot_hold_are_errors_not_panics() {
        use time::macros::{datetime, offset};
        let seconds_in_offset = datetime!(2021-10-05 04:38:27).assume_offset(offset!(+01:02:03));
        let year_minus_one = datetime!(-0001-01-01 00:00:00 UTC);
        let offset_of_a_day = datetime!(2021-10-05 04:38:27).assume_offset(offset!(-24:13));
        for value in [seconds_in_offset, year_minus_one, offset_of_a_day] {
            let err = DateTimeOffset::try_from(value).unwrap_err();
            assert!(
                err.to_string().starts_with("invalid Edm.DateTimeOffset"),
                "{err}"
            );
        }
        let fine = datetime!(2021-10-05 04:38:27.6027225).assume_offset(offset!(+05:30));
        assert_eq!(
            DateTimeOffset::try_from(fine).unwrap().as_str(),
            "2021-10-05T04:38:27.6027225+05:30"
        );
    }

    #[cfg(feature = "time")]
    #[test]
    fn time_conversions_keep_precision_and_offset() {
        let t = DateTimeOffset::new("2021-10-05T04:38:27.6027225+05:30")
            .to_time()
            .unwrap();
        assert_eq!(t.nanosecond(), 602_722_500);
        assert_eq!(t.offset().whole_minutes(), 330);
        assert!(DateTimeOffset::new("2021-13-05T04:38:27Z")
            .to_time()
            .is_err());
        assert_eq!(
            TimeOfDay::new("08:30:00.5")
                .to_time()
                .unwrap()
                .millisecond(),
            500
        );
        assert!(Date::new("2021-02-30").to_time().is_err());
    }

    #[cfg(feature = "chrono")]
    #[test]
    fn chrono_conversions_keep_precision_and_offset() {
        use chrono::Timelike;
        let t = DateTimeOffset::new("2021-10-05T04:38:27.6027225+05:30")
            .to_chrono()
            .unwrap();
        assert_eq!(t.nanosecond(), 602_722_500);
        assert_eq!(t.offset().local_minus_utc(), 19_800);
        assert!(DateTimeOffset::new("yesterday").to_chrono().is_err());
    }
}
