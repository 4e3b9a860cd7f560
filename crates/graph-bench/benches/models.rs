//! Deserialization and serialization of a generated 100,000-record attendance collection
//! (about 50 MB): `cargo bench -p graph-bench --bench models`.
//!
//! Deserialize into (a) the generated models, (b) `serde_json::Value`, (c) hand-written plain
//! serde structs (the ceiling), (d) `IgnoredAny` (syntax only, the floor); serialize from the
//! models and from `Value`. Targets: models >= 2x faster than `Value` and >= 0.8x the speed of
//! the plain structs to read; at least as fast as `Value` to write. Peak memory is measured by
//! `benches/memory.rs`.

use std::sync::OnceLock;

use divan::counter::BytesCount;
use divan::Bencher;
use graph_bench::{attendance, plain};
use graph_models::support::CollectionResponse;
use graph_models::v1_0::AttendanceRecord;
use serde_json::Value;

fn main() {
    divan::main();
}

fn input() -> &'static str {
    static INPUT: OnceLock<String> = OnceLock::new();
    INPUT.get_or_init(|| {
        let json = attendance::default_collection();
        eprintln!(
            "attendance collection: {} records, {:.1} MB",
            attendance::DEFAULT_RECORDS,
            json.len() as f64 / 1e6
        );
        json
    })
}

type Models = CollectionResponse<AttendanceRecord>;

mod deserialize {
    use super::*;

    #[divan::bench(sample_count = 15, sample_size = 1)]
    fn a_models(bencher: Bencher) {
        let json = input();
        bencher
            .counter(BytesCount::of_str(json))
            .bench(|| serde_json::from_str::<Models>(divan::black_box(json)).unwrap());
    }

    #[divan::bench(sample_count = 15, sample_size = 1)]
    fn b_value(bencher: Bencher) {
        let json = input();
        bencher
            .counter(BytesCount::of_str(json))
            .bench(|| serde_json::from_str::<Value>(divan::black_box(json)).unwrap());
    }

    #[divan::bench(sample_count = 15, sample_size = 1)]
    fn c_plain_structs(bencher: Bencher) {
        let json = input();
        bencher
            .counter(BytesCount::of_str(json))
            .bench(|| serde_json::from_str::<plain::PlainPage>(divan::black_box(json)).unwrap());
    }

    #[divan::bench(sample_count = 15, sample_size = 1)]
    fn d_ignored_any(bencher: Bencher) {
        let json = input();
        bencher.counter(BytesCount::of_str(json)).bench(|| {
            serde_json::from_str::<serde::de::IgnoredAny>(divan::black_box(json)).unwrap()
        });
    }

    /// One record with 40,000 properties no model declares (1.9 MB): each goes into
    /// `additional_properties`. Linear in the number of keys (it took 10-13 s when every
    /// insertion scanned the keys before it).
    #[divan::bench(sample_count = 15, sample_size = 1)]
    fn e_models_40k_unknown_keys(bencher: Bencher) {
        static BODY: OnceLock<String> = OnceLock::new();
        let json = BODY.get_or_init(|| {
            let keys: Vec<String> = (0..40_000)
                .map(|i| format!(r#""x-unknown-{i}": {{"n": {i}, "s": "v{i}"}}"#))
                .collect();
            format!(r#"{{"id": "r", {}}}"#, keys.join(", "))
        });
        bencher
            .counter(BytesCount::of_str(json))
            .bench(|| serde_json::from_str::<AttendanceRecord>(divan::black_box(json)).unwrap());
    }
}

mod serialize {
    use super::*;

    /// Writes into a buffer allocated once, so both sides time only the serializer.
    fn write_into<T: serde::Serialize>(buffer: &mut Vec<u8>, value: &T) -> usize {
        buffer.clear();
        serde_json::to_writer(&mut *buffer, value).unwrap();
        buffer.len()
    }

    #[divan::bench(sample_count = 15, sample_size = 1)]
    fn models(bencher: Bencher) {
        let json = input();
        let models: Models = serde_json::from_str(json).unwrap();
        let mut buffer = Vec::with_capacity(json.len() * 2);
        bencher
            .counter(BytesCount::of_str(json))
            .bench_local(|| write_into(&mut buffer, divan::black_box(&models)));
    }

    #[divan::bench(sample_count = 15, sample_size = 1)]
    fn value(bencher: Bencher) {
        let json = input();
        let value: Value = serde_json::from_str(json).unwrap();
        let mut buffer = Vec::with_capacity(json.len() * 2);
        bencher
            .counter(BytesCount::of_str(json))
            .bench_local(|| write_into(&mut buffer, divan::black_box(&value)));
    }
}
