//! Deserializes a generated attendance collection once into one target, for profilers:
//! `valgrind --tool=callgrind target/release/examples/deserialize_once models 20000`
//! (targets: `models`, `value`, `plain`, `ignored`; build with
//! `cargo build --profile bench -p graph-bench --example deserialize_once`). A third argument
//! `write` also serializes what was read, once, into a buffer: the difference between the two
//! counts is the cost of writing (`ignored` writes nothing).

use graph_bench::{attendance, plain};
use graph_models::support::CollectionResponse;
use graph_models::v1_0::AttendanceRecord;

fn main() {
    let mut args = std::env::args().skip(1);
    let target = args.next().unwrap_or_else(|| "models".into());
    let records = args
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(attendance::DEFAULT_RECORDS);
    let write = args.next().as_deref() == Some("write");
    let json = attendance::collection_json(records, attendance::DEFAULT_SEED);
    let items = match target.as_str() {
        "models" => {
            parse::<CollectionResponse<AttendanceRecord>>(&json, write.then_some(serialize), |p| {
                p.value.len()
            })
        }
        "value" => parse::<serde_json::Value>(&json, write.then_some(serialize), |v| {
            v["value"].as_array().map_or(0, Vec::len)
        }),
        "plain" => parse::<plain::PlainPage>(&json, write.then_some(serialize), |p| p.value.len()),
        "ignored" => parse::<serde::de::IgnoredAny>(&json, None, |_| records),
        other => panic!("unknown target {other}: models, value, plain or ignored"),
    };
    println!("{target}: {items} records from {} bytes", json.len());
}

/// Kept out of line so a profile shows the parse as one subtree.
#[inline(never)]
fn parse<T: serde::de::DeserializeOwned>(
    json: &str,
    write: Option<fn(&T, usize) -> usize>,
    count: impl Fn(&T) -> usize,
) -> usize {
    let parsed: T = serde_json::from_str(json).expect("the generated collection parses");
    if let Some(write) = write {
        println!("wrote {} bytes", write(&parsed, json.len()));
    }
    count(&parsed)
}

/// Out of line too: the write's own subtree.
#[inline(never)]
fn serialize<T: serde::Serialize>(value: &T, capacity: usize) -> usize {
    let mut buffer = Vec::with_capacity(capacity * 2);
    serde_json::to_writer(&mut buffer, value).expect("the models write");
    buffer.len()
}
