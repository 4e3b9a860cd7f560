//! Properties over generated inputs: nothing in the runtime panics on any value, and the
//! unknown-property store agrees with a reference model at any size.

use proptest::prelude::*;
use serde_json::Value;

use super::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    }
}

/// Text shaped like ISO 8601 durations (most of it almost right), and any text at all.
fn duration_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "P[0-9]{0,25}[.,]?[0-9]{0,25}[YMWD]?(T[0-9]{0,22}[.,]?[0-9]{0,22}[HMS]){0,3}",
        "P([0-9]{1,21}[WD])?T?([0-9]{1,21}([.,][0-9]{1,30})?[HMS]){0,4}",
        "\\PC{0,24}",
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn duration_conversion_never_panics(text in duration_text(), negative in any::<bool>()) {
        let text = if negative { format!("-{text}") } else { text };
        let value = Duration::new(text);
        let _ = value.to_std();
        #[cfg(feature = "time")]
        let _ = value.to_time();
        #[cfg(feature = "chrono")]
        let _ = value.to_chrono();
    }

    /// Every `std::time::Duration` is written as wire text that converts back to it exactly.
    #[test]
    fn std_durations_round_trip_exactly(secs in any::<u64>(), nanos in 0u32..1_000_000_000) {
        let value = std::time::Duration::new(secs, nanos);
        let wire = Duration::from(value);
        prop_assert_eq!(wire.to_std(), Ok(value), "{}", wire);
    }

    #[test]
    fn whole_seconds_convert_exactly_or_report_overflow(days in any::<u64>(), secs in any::<u64>()) {
        let text = format!("P{days}DT{secs}S");
        let expected = days
            .checked_mul(86_400)
            .and_then(|d| d.checked_add(secs))
            .map(std::time::Duration::from_secs);
        prop_assert_eq!(Duration::new(text).to_std().ok(), expected);
    }
}

#[cfg(feature = "time")]
proptest! {
    #![proptest_config(config())]

    /// Every `OffsetDateTime` either converts to wire text that reads back as the same instant
    /// and offset, or is an error (a year RFC 3339 cannot write, an offset with seconds or of
    /// 24 hours or more).
    #[test]
    fn offset_date_time_conversion_never_panics_and_round_trips(
        year in -9999i32..=9999,
        ordinal in 1u16..=365,
        nanos in 0u64..86_400_000_000_000,
        offset_seconds in -93_599i32..=93_599,
    ) {
        let date = time::Date::from_ordinal_date(year, ordinal).unwrap();
        let time = time::Time::MIDNIGHT + time::Duration::nanoseconds(nanos as i64);
        let offset = time::UtcOffset::from_whole_seconds(offset_seconds).unwrap();
        let value = time::PrimitiveDateTime::new(date, time).assume_offset(offset);
        match DateTimeOffset::try_from(value) {
            Ok(wire) => {
                let back = wire.to_time().unwrap();
                prop_assert_eq!(back, value);
                prop_assert_eq!(back.offset(), value.offset());
            }
            Err(err) => prop_assert!(
                !(0..=9999).contains(&year)
                    || offset_seconds % 60 != 0
                    || offset_seconds.abs() >= 24 * 3600,
                "{}", err
            ),
        }
    }
}

#[cfg(feature = "time")]
proptest! {
    #![proptest_config(config())]

    /// Every `time::Duration`, negative ones and the extremes included, is written as wire
    /// text that converts back to it exactly.
    #[test]
    fn time_durations_round_trip_exactly(
        secs in prop_oneof![Just(i64::MIN), Just(i64::MAX), any::<i64>(), -100i64..100],
        nanos in 0i32..1_000_000_000,
    ) {
        let nanos = if secs < 0 { -nanos } else { nanos };
        let value = time::Duration::new(secs, nanos);
        let wire = Duration::from(value);
        prop_assert_eq!(wire.to_time(), Ok(value), "{}", wire);
    }

    /// Dates and times of day convert to wire text and back, or (a date) are an error for a
    /// year RFC 3339 cannot write.
    #[test]
    fn time_dates_and_times_round_trip(
        year in -9999i32..=9999,
        ordinal in 1u16..=365,
        nanos in 0u64..86_400_000_000_000,
    ) {
        let date = time::Date::from_ordinal_date(year, ordinal).unwrap();
        match Date::try_from(date) {
            Ok(wire) => prop_assert_eq!(wire.to_time(), Ok(date)),
            Err(err) => prop_assert!(!(0..=9999).contains(&year), "{}", err),
        }
        let time = time::Time::MIDNIGHT + time::Duration::nanoseconds(nanos as i64);
        let wire = TimeOfDay::from(time);
        prop_assert_eq!(wire.to_time(), Ok(time), "{}", wire);
    }
}

#[cfg(feature = "chrono")]
proptest! {
    #![proptest_config(config())]

    /// Every `DateTime` chrono holds (years far past 9999, offsets with seconds, leap seconds)
    /// either converts to wire text that reads back as the same instant and offset, or is an
    /// error (a year or an offset RFC 3339 cannot write). Never a panic.
    #[test]
    fn chrono_date_time_conversion_never_panics_and_round_trips(
        days in -95_000_000i32..95_000_000,
        secs in 0u32..86_400,
        nanos in prop_oneof![0u32..1_000_000_000, 1_000_000_000u32..2_000_000_000],
        offset_seconds in -86_399i32..=86_399,
    ) {
        use chrono::Datelike;
        let Some(date) = chrono::NaiveDate::from_num_days_from_ce_opt(days) else {
            return Ok(());
        };
        // chrono keeps a leap second only in the last second of a minute.
        let secs = if nanos >= 1_000_000_000 { secs - secs % 60 + 59 } else { secs };
        let time = chrono::NaiveTime::from_num_seconds_from_midnight_opt(secs, nanos).unwrap();
        let offset = chrono::FixedOffset::east_opt(offset_seconds).unwrap();
        let Some(value) = date.and_time(time).and_local_timezone(offset).single() else {
            return Ok(());
        };
        match DateTimeOffset::try_from(value) {
            Ok(wire) => {
                let back = wire.to_chrono().unwrap();
                prop_assert_eq!(back, value);
                prop_assert_eq!(back.offset(), value.offset());
            }
            Err(err) => prop_assert!(
                !(0..=9999).contains(&value.year()) || offset_seconds % 60 != 0,
                "{}", err
            ),
        }
        match Date::try_from(date) {
            Ok(wire) => prop_assert_eq!(wire.to_chrono(), Ok(date)),
            Err(err) => prop_assert!(!(0..=9999).contains(&date.year()), "{}", err),
        }
        match TimeOfDay::try_from(time) {
            Ok(wire) => prop_assert_eq!(wire.to_chrono(), Ok(time)),
            Err(err) => prop_assert!(nanos >= 1_000_000_000, "{}", err),
        }
    }

    /// Every `TimeDelta`, negative ones and the extremes included, is written as wire text
    /// that converts back to it exactly.
    #[test]
    fn chrono_time_deltas_round_trip_exactly(
        millis in prop_oneof![Just(i64::MAX), Just(-i64::MAX), any::<i64>()],
        nanos in 0i64..1_000_000,
    ) {
        let millis = chrono::TimeDelta::milliseconds(millis);
        let nanos = chrono::TimeDelta::nanoseconds(if millis < chrono::TimeDelta::zero() { -nanos } else { nanos });
        let value = millis.checked_add(&nanos).unwrap_or(millis);
        let wire = Duration::from(value);
        prop_assert_eq!(wire.to_chrono(), Ok(value), "{}", wire);
    }
}

/// One operation on an unknown-property set, over a few dozen keys so sets cross the size at
/// which they are indexed, in both directions.
#[derive(Clone, Debug)]
enum Op {
    Insert(u8, i64),
    Remove(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0u8..40, any::<i64>()).prop_map(|(k, v)| Op::Insert(k, v)),
        1 => (0u8..40).prop_map(Op::Remove),
    ]
}

/// The reference: a plain list, scanned; a repeated key keeps its first position and its last
/// value (what `serde_json` does and what the set did before it was indexed).
#[derive(Default)]
struct Reference(Vec<(String, Value)>);

impl Reference {
    fn insert(&mut self, key: String, value: Value) -> Option<Value> {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, slot)) => Some(std::mem::replace(slot, value)),
            None => {
                self.0.push((key, value));
                None
            }
        }
    }
    fn remove(&mut self, key: &str) -> Option<Value> {
        let at = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(at).1)
    }
}

fn agrees(set: &AdditionalProperties, reference: &Reference) -> Result<(), TestCaseError> {
    let entries: Vec<_> = set.iter().map(|(k, v)| (k.to_owned(), v.clone())).collect();
    prop_assert_eq!(&entries, &reference.0);
    prop_assert_eq!(set.len(), reference.0.len());
    for k in 0..40u8 {
        let key = format!("k{k}");
        let expected = reference.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v);
        prop_assert_eq!(set.get(&key), expected);
        prop_assert_eq!(set.contains_key(&key), expected.is_some());
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn unknown_properties_agree_with_a_scanned_list(ops in prop::collection::vec(op(), 0..200)) {
        let mut set = AdditionalProperties::new();
        let mut reference = Reference::default();
        for op in ops {
            match op {
                Op::Insert(k, v) => prop_assert_eq!(
                    set.insert(format!("k{k}"), v.into()),
                    reference.insert(format!("k{k}"), v.into())
                ),
                Op::Remove(k) => prop_assert_eq!(
                    set.remove(&format!("k{k}")),
                    reference.remove(&format!("k{k}"))
                ),
            }
            agrees(&set, &reference)?;
        }
        prop_assert_eq!(set.is_empty(), reference.0.is_empty());
        prop_assert_eq!(set.clone(), set.clone().into_iter().collect::<AdditionalProperties>());
    }

    /// Read from JSON text with repeated keys: the same as the reference, and written back in
    /// the reference's order.
    #[test]
    fn unknown_properties_read_from_json_agree_with_a_scanned_list(
        entries in prop::collection::vec((0u8..40, any::<i64>()), 0..120)
    ) {
        let body = format!(
            "{{{}}}",
            entries.iter().map(|(k, v)| format!("\"k{k}\": {v}")).collect::<Vec<_>>().join(",")
        );
        let set: AdditionalProperties = serde_json::from_str(&body).unwrap();
        let mut reference = Reference::default();
        for (k, v) in entries {
            reference.insert(format!("k{k}"), v.into());
        }
        agrees(&set, &reference)?;
        let written = serde_json::to_string(&set).unwrap();
        let expected = format!(
            "{{{}}}",
            reference.0.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect::<Vec<_>>().join(",")
        );
        prop_assert_eq!(written, expected);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..config() })]

    /// Reading an object with N unknown keys, any mix of new and repeated, makes O(N) key
    /// comparisons (it made N²/2 when every insertion scanned).
    #[test]
    fn reading_unknown_keys_is_linear(keys in prop::collection::vec(0u32..5_000, 0..3_000)) {
        let body = format!(
            "{{{}}}",
            keys.iter().map(|k| format!("\"k{k}\": null")).collect::<Vec<_>>().join(",")
        );
        let (set, made) = crate::additional::comparisons(|| {
            serde_json::from_str::<AdditionalProperties>(&body).unwrap()
        });
        prop_assert!(set.len() <= keys.len());
        let bound = 2 * keys.len() as u64 + 64;
        prop_assert!(made <= bound, "{} comparisons for {} keys", made, keys.len());
    }
}

/// JSON text for an object whose keys are the models' own (known properties, `@odata.type` in
/// any case, envelope annotations, `@removed`) and unknown ones, repeated or not, with values of
/// every kind: numbers no f64 holds, nested objects, wrong types.
fn hostile_object(depth: u32) -> BoxedStrategy<String> {
    let key = prop_oneof![
        Just("@odata.type".to_string()),
        Just("id".to_string()),
        Just("displayName".to_string()),
        Just("signInCount".to_string()),
        Just("identity".to_string()),
        Just("role".to_string()),
        Just("joins".to_string()),
        Just("value".to_string()),
        Just("@odata.nextLink".to_string()),
        Just("@odata.deltaLink".to_string()),
        Just("@odata.count".to_string()),
        Just("@odata.context".to_string()),
        Just("@removed".to_string()),
        "[a-z@.]{1,6}",
    ];
    let leaf = prop_oneof![
        Just("null".to_string()),
        Just("true".to_string()),
        Just("\"#microsoft.graph.userIdentity\"".to_string()),
        Just("\"#Microsoft.Graph.UserIdentity\"".to_string()),
        Just("\"#microsoft.graph.identity\"".to_string()),
        Just("\"Attendee\"".to_string()),
        Just("\"2021-10-05T04:38:27.6027225Z\"".to_string()),
        Just("12345678901234567890123".to_string()),
        Just("-0".to_string()),
        Just("1e400".to_string()),
        Just("0.30000000000000001".to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| f.to_string()),
        "\"[^\"\\\\]{0,8}\"",
        Just(r#"{"reason": "deleted"}"#.to_string()),
    ];
    let value = if depth == 0 {
        leaf.boxed()
    } else {
        prop_oneof![
            3 => leaf,
            1 => hostile_object(depth - 1),
            1 => prop::collection::vec(hostile_object(depth - 1), 0..3)
                .prop_map(|items| format!("[{}]", items.join(","))),
        ]
        .boxed()
    };
    prop::collection::vec((key, value), 0..8)
        .prop_map(|entries| {
            let entries: Vec<String> = entries
                .into_iter()
                .map(|(k, v)| format!("\"{k}\": {v}"))
                .collect();
            format!("{{{}}}", entries.join(", "))
        })
        .boxed()
}

/// Reads `text` as `T`: never a panic; when it reads, what it writes reads back to the same
/// value and is written the same again.
fn reads_and_round_trips<T>(text: &str) -> Result<(), TestCaseError>
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let Ok(value) = serde_json::from_str::<T>(text) else {
        return Ok(());
    };
    let written = serde_json::to_string(&value).unwrap();
    let again: T = serde_json::from_str(&written).unwrap();
    prop_assert_eq!(&again, &value, "{} -> {}", text, written);
    prop_assert_eq!(serde_json::to_string(&again).unwrap(), written);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..config() })]

    #[test]
    fn hostile_objects_never_panic_and_round_trip(text in hostile_object(2)) {
        reads_and_round_trips::<Record>(&text)?;
        reads_and_round_trips::<AnyIdentity>(&text)?;
        reads_and_round_trips::<Identity>(&text)?;
        reads_and_round_trips::<CollectionResponse<Record>>(&text)?;
        reads_and_round_trips::<AdditionalProperties>(&text)?;
        let _ = serde_json::from_str::<Generated>(&text);
        let _ = serde_json::from_str::<EntityResponse<Identity>>(&text);
        // Through a reader and a `Value` too (other paths into the same visitors).
        let _ = serde_json::from_reader::<_, AnyIdentity>(text.as_bytes());
        if let Ok(value) = serde_json::from_str::<Value>(&text) {
            let _ = serde_json::from_value::<Record>(value);
        }
    }
}
