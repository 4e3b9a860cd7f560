//! Date and time values that keep their wire text byte for byte.
//!
//! Graph writes `2021-10-05T04:38:27.6027225Z` (seven fractional digits) and offsets such as
//! `+05:30`; date/time libraries rewrite both. These newtypes keep the text as received and
//! convert on request (`time` and `chrono` features), reporting malformed values as errors.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A wire value that could not be converted into a date/time type.
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
        if text.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..text.len()].copy_from_slice(text.as_bytes());
            WireText::Inline {
                len: text.len() as u8,
                bytes,
            }
        } else {
            WireText::Heap(text.into())
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
            // Only ever filled from a `&str` (see `new`), so the bytes are UTF-8.
            WireText::Inline { len, bytes } => std::str::from_utf8(&bytes[..usize::from(*len)])
                .expect("inline wire text is copied from a str"),
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
    /// Converts to a [`std::time::Duration`]. Years and months have no fixed length and are
    /// rejected, as are negative durations.
    pub fn to_std(&self) -> Result<std::time::Duration, ParseError> {
        parse_iso_duration(self.as_str())
            .map_err(|reason| ParseError::new(Self::EDM_TYPE, self.as_str(), reason))
    }
}

/// Parses `PnDTnHnMn.nS` (weeks allowed as `PnW`).
fn parse_iso_duration(text: &str) -> Result<std::time::Duration, &'static str> {
    let rest = text
        .strip_prefix('P')
        .ok_or("expected it to start with `P`")?;
    if rest.is_empty() {
        return Err("expected at least one component after `P`");
    }
    let mut seconds = 0f64;
    let mut in_time = false;
    let mut number = String::new();
    let mut any = false;
    for c in rest.chars() {
        match c {
            'T' if !in_time && number.is_empty() => in_time = true,
            '0'..='9' | '.' | ',' => number.push(if c == ',' { '.' } else { c }),
            unit => {
                let value: f64 = number
                    .parse()
                    .map_err(|_| "expected a number before each unit")?;
                number.clear();
                any = true;
                seconds += value
                    * match (in_time, unit) {
                        (false, 'W') => 604_800.0,
                        (false, 'D') => 86_400.0,
                        (true, 'H') => 3_600.0,
                        (true, 'M') => 60.0,
                        (true, 'S') => 1.0,
                        (false, 'Y') | (false, 'M') => {
                            return Err("years and months have no fixed length")
                        }
                        _ => return Err("expected a unit of W, D, or after `T` one of H, M, S"),
                    };
            }
        }
    }
    if !number.is_empty() || !any {
        return Err("expected a unit after the last number");
    }
    Ok(std::time::Duration::from_secs_f64(seconds))
}

#[cfg(feature = "time")]
mod with_time {
    use super::*;
    use time::format_description::well_known::Rfc3339;
    use time::macros::format_description;

    impl DateTimeOffset {
        /// Parses the wire text as RFC 3339.
        pub fn to_offset_date_time(&self) -> Result<time::OffsetDateTime, ParseError> {
            time::OffsetDateTime::parse(self.as_str(), &Rfc3339)
                .map_err(|e| ParseError::new(Self::EDM_TYPE, self.as_str(), e))
        }
    }

    impl From<time::OffsetDateTime> for DateTimeOffset {
        /// Formats as RFC 3339 (the offset is kept, not converted to UTC).
        fn from(value: time::OffsetDateTime) -> Self {
            DateTimeOffset::new(
                value
                    .format(&Rfc3339)
                    .expect("every OffsetDateTime in range formats as RFC 3339"),
            )
        }
    }

    impl Date {
        /// Parses the wire text as `YYYY-MM-DD`.
        pub fn to_date(&self) -> Result<time::Date, ParseError> {
            time::Date::parse(self.as_str(), format_description!("[year]-[month]-[day]"))
                .map_err(|e| ParseError::new(Self::EDM_TYPE, self.as_str(), e))
        }
    }

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
}

#[cfg(feature = "chrono")]
mod with_chrono {
    use super::*;

    impl DateTimeOffset {
        /// Parses the wire text as RFC 3339, keeping its offset.
        pub fn to_chrono(&self) -> Result<chrono::DateTime<chrono::FixedOffset>, ParseError> {
            chrono::DateTime::parse_from_rfc3339(self.as_str())
                .map_err(|e| ParseError::new(Self::EDM_TYPE, self.as_str(), e))
        }
    }

    impl Date {
        /// Parses the wire text as `YYYY-MM-DD`.
        pub fn to_chrono(&self) -> Result<chrono::NaiveDate, ParseError> {
            chrono::NaiveDate::parse_from_str(self.as_str(), "%Y-%m-%d")
                .map_err(|e| ParseError::new(Self::EDM_TYPE, self.as_str(), e))
        }
    }

    impl TimeOfDay {
        /// Parses the wire text as `hh:mm:ss[.fffffff]`.
        pub fn to_chrono(&self) -> Result<chrono::NaiveTime, ParseError> {
            chrono::NaiveTime::parse_from_str(self.as_str(), "%H:%M:%S%.f")
                .map_err(|e| ParseError::new(Self::EDM_TYPE, self.as_str(), e))
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

    #[cfg(feature = "time")]
    #[test]
    fn time_conversions_keep_precision_and_offset() {
        let t = DateTimeOffset::new("2021-10-05T04:38:27.6027225+05:30")
            .to_offset_date_time()
            .unwrap();
        assert_eq!(t.nanosecond(), 602_722_500);
        assert_eq!(t.offset().whole_minutes(), 330);
        assert!(DateTimeOffset::new("2021-13-05T04:38:27Z")
            .to_offset_date_time()
            .is_err());
        assert_eq!(
            TimeOfDay::new("08:30:00.5")
                .to_time()
                .unwrap()
                .millisecond(),
            500
        );
        assert!(Date::new("2021-02-30").to_date().is_err());
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
