//! Arbitrary bytes as the response body of a model type chosen by the first byte: reading
//! must fail cleanly or succeed, and what was read must be written back and read again to
//! the same value, losing nothing.
#![no_main]

use graph_models::{beta, v1_0};
use libfuzzer_sys::fuzz_target;

/// Reads the input as `T`; when it reads, writes it back and checks it reads the same again.
struct RoundTrip<'a>(&'a [u8]);

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(bytes: &[u8]) {
    let Ok(value) = serde_json::from_slice::<T>(bytes) else {
        return;
    };
    let written = serde_json::to_vec(&value).expect("a model that was read can be written");
    let again: T = serde_json::from_slice(&written).expect("what a model writes reads back");
    let rewritten = serde_json::to_vec(&again).expect("written twice");
    assert_eq!(
        written,
        rewritten,
        "writing is stable: {}",
        String::from_utf8_lossy(&written)
    );
    // Nothing the input said may be lost: compare as JSON values (numbers may be respelled).
    let before: serde_json::Value = serde_json::from_slice(bytes).expect("input was JSON");
    let after: serde_json::Value = serde_json::from_slice(&written).expect("output is JSON");
    assert_eq!(
        normalise(&before),
        normalise(&after),
        "lossless: {}",
        String::from_utf8_lossy(bytes)
    );
}

/// Numbers as f64, so `4` and `4.0` compare equal; objects keep their last duplicate key.
fn normalise(value: &serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Number(n) => serde_json::json!(n.as_f64()),
        serde_json::Value::Array(items) => items.iter().map(normalise).collect(),
        serde_json::Value::Object(map) => map
            .iter()
            .map(|(k, v)| (k.clone(), normalise(v)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
        other => other.clone(),
    }
}

impl graph_models::support::TypeVisitor for RoundTrip<'_> {
    type Output = ();
    fn visit<T: serde::Serialize + serde::de::DeserializeOwned>(self) {
        round_trip::<T>(self.0)
    }
}

/// The runtime's own types: response envelopes (paging, delta links, `@removed` entries),
/// unknown-property sets, and the scalar conversions, which must return errors, never panic.
fn runtime_types(selector: usize, body: &[u8]) {
    use graph_models::support::{AdditionalProperties, CollectionResponse, EntityResponse, Removed};
    match selector % 5 {
        0 => {
            round_trip::<CollectionResponse<v1_0::AttendanceRecord>>(body);
            if let Ok(page) =
                serde_json::from_slice::<CollectionResponse<v1_0::AttendanceRecord>>(body)
            {
                for (index, removed) in page.removed() {
                    assert!(index < page.value.len());
                    let _ = removed;
                }
            }
        }
        1 => {
            round_trip::<CollectionResponse<v1_0::AnyIdentity>>(body);
            if let Ok(page) = serde_json::from_slice::<CollectionResponse<v1_0::AnyIdentity>>(body)
            {
                for item in &page.value {
                    let _ = Removed::of(item.additional_properties());
                }
            }
        }
        2 => round_trip::<AdditionalProperties>(body),
        3 => round_trip::<EntityResponse<beta::MeetingAttendanceReport>>(body),
        _ => {
            if let Ok(text) = std::str::from_utf8(body) {
                scalar_conversions(text);
            }
        }
    }
}

/// Every conversion of wire text, to `std`, `time` and `chrono` and back: an error or a value,
/// never a panic; a value converted back is the same instant, date, time or length.
fn scalar_conversions(text: &str) {
    use graph_models::support::{Date, DateTimeOffset, Duration, TimeOfDay};
    let duration = Duration::new(text);
    if let Ok(std) = duration.to_std() {
        assert_eq!(Duration::from(std).to_std(), Ok(std), "{text}");
    }
    if let Ok(time) = duration.to_time() {
        assert_eq!(Duration::from(time).to_time(), Ok(time), "{text}");
    }
    if let Ok(chrono) = duration.to_chrono() {
        assert_eq!(Duration::from(chrono).to_chrono(), Ok(chrono), "{text}");
    }
    let at = DateTimeOffset::new(text);
    if let Ok(time) = at.to_time() {
        let back = DateTimeOffset::try_from(time).expect("RFC 3339 text writes back");
        assert_eq!(back.to_time(), Ok(time), "{text}");
    }
    if let Ok(chrono) = at.to_chrono() {
        if let Ok(back) = DateTimeOffset::try_from(chrono) {
            assert_eq!(back.to_chrono(), Ok(chrono), "{text}");
        }
    }
    let date = Date::new(text);
    if let Ok(time) = date.to_time() {
        assert_eq!(Date::try_from(time).and_then(|d| d.to_time()), Ok(time), "{text}");
    }
    if let Ok(chrono) = date.to_chrono() {
        if let Ok(back) = Date::try_from(chrono) {
            assert_eq!(back.to_chrono(), Ok(chrono), "{text}");
        }
    }
    let time_of_day = TimeOfDay::new(text);
    if let Ok(time) = time_of_day.to_time() {
        assert_eq!(TimeOfDay::from(time).to_time(), Ok(time), "{text}");
    }
    if let Ok(chrono) = time_of_day.to_chrono() {
        if let Ok(back) = TimeOfDay::try_from(chrono) {
            assert_eq!(back.to_chrono(), Ok(chrono), "{text}");
        }
    }
}

fuzz_target!(|bytes: &[u8]| {
    // The first byte picks the version and the type, the rest is the body: one type per run
    // keeps executions fast, and the fuzzer learns which prefix reaches which model.
    let Some((&selector, body)) = bytes.split_first() else {
        return;
    };
    let selector = usize::from(selector);
    if selector >= 240 {
        runtime_types(selector, body);
    } else if selector % 2 == 0 {
        let names = v1_0::registry::TYPE_NAMES;
        v1_0::registry::with_type(names[selector / 2 % names.len()], RoundTrip(body));
    } else {
        let names = beta::registry::TYPE_NAMES;
        beta::registry::with_type(names[selector / 2 % names.len()], RoundTrip(body));
    }
});
