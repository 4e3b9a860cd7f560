//! Target ratios measured in pairs: `cargo bench -p graph-bench --bench paired`.
//!
//! The divan benches time each case in its own block of samples, so when another tenant's load
//! comes and goes on these shared machines, one case can be timed in a quiet minute and the
//! case it is compared with in a busy one. Here every round runs each case once, back to back,
//! and a ratio is taken within the round; the median over rounds is what the targets are read
//! against. Each case's fastest and median time are printed too.
//!
//! `cargo bench -p graph-bench --bench paired -- deserialize serialize` runs only the groups
//! named (`parser`, `generation`, `deserialize`, `serialize`); `PAIRED_ROUNDS=N` sets the
//! rounds (default 21).

use std::any::Any;
use std::cell::RefCell;
use std::hint::black_box;
use std::time::{Duration, Instant};

use graph_bench::{attendance, corpus, plain};
use graph_models::support::CollectionResponse;
use graph_models::v1_0::AttendanceRecord;
use graph_pipeline::whole::RuntimeDependency;

const DEFAULT_ROUNDS: usize = 21;

/// A named piece of work. It returns what it built, which is dropped after the clock stops
/// (as divan does), so freeing a large `Value` is not counted as reading it.
struct Case<'a> {
    name: &'static str,
    /// Untimed work before each run: simd-json reads a fresh copy of the input in place.
    prepare: Option<Box<dyn FnMut() + 'a>>,
    run: Box<dyn FnMut() -> Box<dyn Any> + 'a>,
}

impl<'a> Case<'a> {
    fn new(name: &'static str, run: impl FnMut() -> Box<dyn Any> + 'a) -> Self {
        Case {
            name,
            prepare: None,
            run: Box::new(run),
        }
    }
}

/// One ratio: the time of `case` over the time of `baseline`, with its target if it has one.
struct Target {
    case: &'static str,
    baseline: &'static str,
    at_most: Option<f64>,
    what: &'static str,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo test --benches` runs bench targets with `--test`; that is not a measurement.
    if args.iter().any(|a| a == "--list" || a == "--test") {
        return;
    }
    let groups: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wanted = |group: &str| groups.is_empty() || groups.contains(&group);
    if wanted("parser") || wanted("generation") {
        match corpus::load_default_or_explain() {
            Some(pages) => {
                if wanted("parser") {
                    parser(&pages);
                }
                if wanted("generation") {
                    generation(&pages);
                }
            }
            None => eprintln!("parser and generation pairs skipped (no corpus)"),
        }
    }
    let json = attendance::default_collection();
    if wanted("deserialize") {
        deserialize(&json);
    }
    if wanted("serialize") {
        serialize(&json);
    }
}

fn rounds() -> usize {
    std::env::var("PAIRED_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .filter(|&r| r > 0)
        .unwrap_or(DEFAULT_ROUNDS)
}

fn parser(pages: &[(String, String)]) {
    let cases = vec![
        Case::new("pulldown-cmark pass", || {
            Box::new(corpus::markdown_baseline(black_box(pages)))
        }),
        Case::new("full parse, one thread", || {
            Box::new(graph_docs_parser::parse_pages_on(black_box(pages), 1))
        }),
        Case::new("full parse, all cores", || {
            Box::new(graph_docs_parser::parse_pages(black_box(pages)))
        }),
    ];
    let targets = [
        Target {
            case: "full parse, one thread",
            baseline: "pulldown-cmark pass",
            at_most: Some(1.25),
            what: "time ratio",
        },
        Target {
            case: "full parse, all cores",
            baseline: "pulldown-cmark pass",
            at_most: Some(1.0),
            what: "time ratio",
        },
    ];
    report("parser (corpus-2021)", cases, &targets);
}

/// What `cargo xtask codegen --all` links by default: this checkout's runtime crate (this crate
/// lives in `crates/graph-bench`).
fn runtime() -> RuntimeDependency {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("graph-bench lives two levels below the workspace root");
    RuntimeDependency::path_in_checkout(root)
}

/// Issue 6: `cargo xtask codegen --all` over the corpus (parse every page, then generate every
/// file, both on every core, nothing written) against one pulldown-cmark pass.
fn generation(pages: &[(String, String)]) {
    let cases = vec![
        Case::new("pulldown-cmark pass", || {
            Box::new(corpus::markdown_baseline(black_box(pages)))
        }),
        Case::new("parse and generate, all cores", || {
            let parsed = graph_docs_parser::parse_pages(black_box(pages));
            let generated =
                graph_pipeline::whole::generate_from(parsed, "graph_docs_models", &runtime());
            assert!(!generated.failed, "generation failed");
            Box::new(generated.files)
        }),
    ];
    let targets = [Target {
        case: "parse and generate, all cores",
        baseline: "pulldown-cmark pass",
        at_most: Some(3.0),
        what: "time ratio",
    }];
    report("whole-corpus generation (corpus-2021)", cases, &targets);
}

type Models = CollectionResponse<AttendanceRecord>;

fn deserialize(json: &str) {
    // simd-json parses in place: each run gets a fresh copy of the input, made before the clock
    // starts.
    let scratch = RefCell::new(Vec::new());
    let simd_input = || {
        let mut bytes = scratch.borrow_mut();
        bytes.clear();
        bytes.extend_from_slice(json.as_bytes());
    };
    let cases = vec![
        Case::new("Value", || {
            Box::new(serde_json::from_str::<serde_json::Value>(black_box(json)).unwrap())
        }),
        Case::new("plain structs", || {
            Box::new(serde_json::from_str::<plain::PlainPage>(black_box(json)).unwrap())
        }),
        Case::new("models", || {
            Box::new(serde_json::from_str::<Models>(black_box(json)).unwrap())
        }),
        Case::new("models via sonic-rs", || {
            Box::new(sonic_rs::from_str::<Models>(black_box(json)).unwrap())
        }),
        Case {
            name: "models via simd-json",
            prepare: Some(Box::new(simd_input)),
            run: Box::new(|| {
                let mut bytes = scratch.borrow_mut();
                Box::new(simd_json::serde::from_slice::<Models>(black_box(&mut bytes)).unwrap())
            }),
        },
        Case::new("sonic-rs DOM (sonic_rs::Value)", || {
            Box::new(sonic_rs::from_str::<sonic_rs::Value>(black_box(json)).unwrap())
        }),
    ];
    // Speed is the inverse of time: "models at least 2x faster than Value" is
    // time(models) / time(Value) at most 0.5; "at least 0.8x plain's speed" is at most 1.25.
    let targets = [
        Target {
            case: "models",
            baseline: "Value",
            at_most: Some(0.5),
            what: "time ratio (0.5 = 2x faster)",
        },
        Target {
            case: "models",
            baseline: "plain structs",
            at_most: Some(1.25),
            what: "time ratio (1.25 = 0.8x the speed)",
        },
        Target {
            case: "models via sonic-rs",
            baseline: "models",
            at_most: None,
            what: "time ratio",
        },
        Target {
            case: "models via simd-json",
            baseline: "models",
            at_most: None,
            what: "time ratio",
        },
        Target {
            case: "sonic-rs DOM (sonic_rs::Value)",
            baseline: "models",
            at_most: None,
            what: "time ratio",
        },
    ];
    report("deserialize 100,000 attendance records", cases, &targets);
}

/// Writes each value into its own buffer, allocated once, so every case times only the
/// serializer.
fn serialize(json: &str) {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let plain: plain::PlainPage = serde_json::from_str(json).unwrap();
    let models: Models = serde_json::from_str(json).unwrap();
    let buffers: [RefCell<Vec<u8>>; 3] =
        std::array::from_fn(|_| RefCell::new(Vec::with_capacity(json.len() * 2)));
    fn write<T: serde::Serialize>(buffer: &RefCell<Vec<u8>>, value: &T) -> Box<dyn Any> {
        let mut buffer = buffer.borrow_mut();
        buffer.clear();
        serde_json::to_writer(&mut *buffer, black_box(value)).unwrap();
        Box::new(buffer.len())
    }
    let cases = vec![
        Case::new("Value", || write(&buffers[0], &value)),
        Case::new("plain structs", || write(&buffers[1], &plain)),
        Case::new("models", || write(&buffers[2], &models)),
    ];
    let targets = [
        Target {
            case: "models",
            baseline: "Value",
            at_most: Some(1.0),
            what: "time ratio (at least as fast as Value)",
        },
        Target {
            case: "models",
            baseline: "plain structs",
            at_most: None,
            what: "time ratio",
        },
    ];
    report("serialize 100,000 attendance records", cases, &targets);
}

/// Runs every case once per round, rotating which goes first, and prints times and ratios.
fn report(title: &str, mut cases: Vec<Case<'_>>, targets: &[Target]) {
    let rounds = rounds();
    // One warm-up round: page faults of the first allocation, lazily built tables.
    for case in &mut cases {
        if let Some(prepare) = &mut case.prepare {
            prepare();
        }
        black_box((case.run)());
    }
    let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(rounds); cases.len()];
    for round in 0..rounds {
        for k in 0..cases.len() {
            let i = (round + k) % cases.len();
            if let Some(prepare) = &mut cases[i].prepare {
                prepare();
            }
            let start = Instant::now();
            let built = black_box((cases[i].run)());
            times[i].push(start.elapsed());
            drop(built);
        }
    }
    println!("{title}: {rounds} rounds, each case once per round");
    for (case, t) in cases.iter().zip(&times) {
        let mut sorted = t.clone();
        sorted.sort();
        println!(
            "  {:<30} fastest {:>8.1} ms  median {:>8.1} ms",
            case.name,
            ms(sorted[0]),
            ms(sorted[sorted.len() / 2])
        );
    }
    let index = |name: &str| {
        cases
            .iter()
            .position(|c| c.name == name)
            .expect("targets name existing cases")
    };
    for target in targets {
        let (a, b) = (index(target.case), index(target.baseline));
        let mut ratios: Vec<f64> = times[a]
            .iter()
            .zip(&times[b])
            .map(|(x, y)| x.as_secs_f64() / y.as_secs_f64())
            .collect();
        ratios.sort_by(f64::total_cmp);
        let median = ratios[ratios.len() / 2];
        let verdict = match target.at_most {
            Some(at_most) if median <= at_most => format!("; target <= {at_most}: met"),
            Some(at_most) => format!("; target <= {at_most}: not met"),
            None => String::new(),
        };
        println!(
            "  {} / {}: median per-round {} {:.2} (quartiles {:.2}..{:.2}){verdict}",
            target.case,
            target.baseline,
            target.what,
            median,
            ratios[ratios.len() / 4],
            ratios[ratios.len() * 3 / 4],
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
