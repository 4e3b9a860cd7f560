//! Properties over generated inputs: nothing in the runtime panics on any value, and the
//! unknown-property store agrees with a reference model at any size.

use proptest::prelude::*;

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
    fn duration_conversion_never_panics(text in duration_text()) {
        let _ = Duration::new(text).to_std();
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
    /// and offset, or is an error (a year RFC 3339 cannot write, an offset with seconds).
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
                let back = wire.to_offset_date_time().unwrap();
                prop_assert_eq!(back, value);
                prop_assert_eq!(back.offset(), value.offset());
            }
            Err(err) => prop_assert!(
                !(0..=9999).contains(&year) || offset_seconds % 60 != 0,
                "{}", err
            ),
        }
    }
}
