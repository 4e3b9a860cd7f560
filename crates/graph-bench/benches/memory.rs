//! Peak heap while deserializing the 100,000-record attendance collection, per target type:
//! `cargo bench -p graph-bench --bench memory`.
//!
//! A counting global allocator (see `graph_bench::counting_alloc`) records the highest live
//! byte count during each parse, minus what was live before it (the input text). Target: the
//! models peak below `serde_json::Value`'s. Bytes per record are the bytes the parsed page keeps
//! (inline sizes and heap) over the number of records.

use graph_bench::attendance;
use graph_bench::counting_alloc::CountingAllocator;
use graph_bench::plain::PlainPage;
use graph_models::support::CollectionResponse;
use graph_models::v1_0::AttendanceRecord;
use serde::de::DeserializeOwned;
use serde_json::Value;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator::new();

/// Peak extra bytes, retained bytes and allocation calls while parsing `json` into `T`.
fn measure<T: DeserializeOwned>(json: &str) -> (usize, usize, usize) {
    let before = ALLOCATOR.live();
    ALLOCATOR.reset_peak();
    let parsed: T = serde_json::from_str(json).expect("the generated collection parses");
    let peak = ALLOCATOR.peak() - before;
    let retained = ALLOCATOR.live() - before;
    let calls = ALLOCATOR.allocations();
    drop(std::hint::black_box(parsed));
    (peak, retained, calls)
}

fn main() {
    // `cargo bench` passes `--bench`; this harness has no options to read.
    let json = attendance::default_collection();
    println!(
        "input: {} records, {:.1} MB",
        attendance::DEFAULT_RECORDS,
        json.len() as f64 / 1e6
    );
    let rows = [
        (
            "a models",
            measure::<CollectionResponse<AttendanceRecord>>(&json),
        ),
        ("b Value", measure::<Value>(&json)),
        ("c plain structs", measure::<PlainPage>(&json)),
        ("d IgnoredAny", measure::<serde::de::IgnoredAny>(&json)),
    ];
    let value_peak = rows[1].1 .0 as f64;
    println!(
        "{:<16} {:>10} {:>10} {:>12} {:>9} {:>14}",
        "target", "peak MB", "kept MB", "allocations", "vs Value", "kept B/record"
    );
    for (name, (peak, retained, calls)) in rows {
        println!(
            "{name:<16} {:>10.1} {:>10.1} {calls:>12} {:>8.2}x {:>14.0}",
            peak as f64 / 1e6,
            retained as f64 / 1e6,
            peak as f64 / value_peak,
            retained as f64 / attendance::DEFAULT_RECORDS as f64
        );
    }
}
