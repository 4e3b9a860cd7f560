//! Target ratios measured in pairs: `cargo bench -p graph-bench --bench paired`.
//!
//! The divan benches time each case in its own block of samples, so when another tenant's load
//! comes and goes on these shared machines, one case can be timed in a quiet minute and the
//! case it is compared with in a busy one. Here every round runs each case once, back to back,
//! and a ratio is taken within the round; the median over rounds is what the targets are read
//! against. Each case's fastest and median time are printed too.

use std::any::Any;
use std::hint::black_box;
use std::time::{Duration, Instant};

use graph_bench::{attendance, corpus, plain};
use graph_models::support::CollectionResponse;
use graph_models::v1_0::AttendanceRecord;
use graph_pipeline::whole::RuntimeDependency;

const ROUNDS: usize = 21;

/// A named piece of work. It returns what it built, which is dropped after the clock stops
/// (as divan does), so freeing a large `Value` is not counted as reading it.
struct Case<'a> {
    name: &'static str,
    run: Box<dyn FnMut() -> Box<dyn Any> + 'a>,
}

/// One target: the time of `case` over the time of `baseline`, at most `at_most`.
struct Target {
    case: &'static str,
    baseline: &'static str,
    at_most: f64,
    what: &'static str,
}

fn main() {
    // `cargo test --benches` runs bench targets with `--test`; that is not a measurement.
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return;
    }
    match corpus::load_default_or_explain() {
        Some(pages) => {
            parser(&pages);
            generation(&pages);
        }
        None => eprintln!("parser and generation pairs skipped (no corpus)"),
    }
    models();
}

fn parser(pages: &[(String, String)]) {
    let cases = vec![
        Case {
            name: "pulldown-cmark pass",
            run: Box::new(|| Box::new(corpus::markdown_baseline(black_box(pages)))),
        },
        Case {
            name: "full parse, one thread",
            run: Box::new(|| Box::new(graph_docs_parser::parse_pages_on(black_box(pages), 1))),
        },
        Case {
            name: "full parse, all cores",
            run: Box::new(|| Box::new(graph_docs_parser::parse_pages(black_box(pages)))),
        },
    ];
    let targets = [
        Target {
            case: "full parse, one thread",
            baseline: "pulldown-cmark pass",
            at_most: 1.25,
            what: "time ratio",
        },
        Target {
            case: "full parse, all cores",
            baseline: "pulldown-cmark pass",
            at_most: 1.0,
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
        Case {
            name: "pulldown-cmark pass",
            run: Box::new(|| Box::new(corpus::markdown_baseline(black_box(pages)))),
        },
        Case {
            name: "parse and generate, all cores",
            run: Box::new(|| {
                let parsed = graph_docs_parser::parse_pages(black_box(pages));
                let generated =
                    graph_pipeline::whole::generate_from(parsed, "graph_docs_models", &runtime());
                assert!(!generated.failed, "generation failed");
                Box::new(generated.files)
            }),
        },
    ];
    let targets = [Target {
        case: "parse and generate, all cores",
        baseline: "pulldown-cmark pass",
        at_most: 3.0,
        what: "time ratio",
    }];
    report("whole-corpus generation (corpus-2021)", cases, &targets);
}

fn models() {
    let json = attendance::default_collection();
    let json = json.as_str();
    let cases = vec![
        Case {
            name: "Value",
            run: Box::new(|| {
                Box::new(serde_json::from_str::<serde_json::Value>(black_box(json)).unwrap())
            }),
        },
        Case {
            name: "plain structs",
            run: Box::new(|| {
                Box::new(serde_json::from_str::<plain::PlainPage>(black_box(json)).unwrap())
            }),
        },
        Case {
            name: "models",
            run: Box::new(|| {
                Box::new(
                    serde_json::from_str::<CollectionResponse<AttendanceRecord>>(black_box(json))
                        .unwrap(),
                )
            }),
        },
    ];
    // Speed is the inverse of time: "models at least 2x faster than Value" is
    // time(models) / time(Value) at most 0.5; "at least 0.8x plain's speed" is at most 1.25.
    let targets = [
        Target {
            case: "models",
            baseline: "Value",
            at_most: 0.5,
            what: "time ratio (0.5 = 2x faster)",
        },
        Target {
            case: "models",
            baseline: "plain structs",
            at_most: 1.25,
            what: "time ratio (1.25 = 0.8x the speed)",
        },
    ];
    report("deserialize 100,000 attendance records", cases, &targets);
}

/// Runs every case once per round, rotating which goes first, and prints times and ratios.
fn report(title: &str, mut cases: Vec<Case<'_>>, targets: &[Target]) {
    // One warm-up round: page faults of the first allocation, lazily built tables.
    for case in &mut cases {
        black_box((case.run)());
    }
    let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(ROUNDS); cases.len()];
    for round in 0..ROUNDS {
        for k in 0..cases.len() {
            let i = (round + k) % cases.len();
            let start = Instant::now();
            let built = black_box((cases[i].run)());
            times[i].push(start.elapsed());
            drop(built);
        }
    }
    println!("{title}: {ROUNDS} rounds, each case once per round");
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
        println!(
            "  {} / {}: median per-round {} {:.2} (quartiles {:.2}..{:.2}); target <= {}: {}",
            target.case,
            target.baseline,
            target.what,
            median,
            ratios[ratios.len() / 4],
            ratios[ratios.len() * 3 / 4],
            target.at_most,
            if median <= target.at_most {
                "met"
            } else {
                "not met"
            }
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
