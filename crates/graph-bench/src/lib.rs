//! Shared inputs for the benchmarks in `benches/`: the docs corpus read into memory, a seeded
//! attendance-records generator, the hand-written serde structs the models are compared with,
//! a counting allocator for peak-memory measurements, and the serde-derive baseline crate the
//! `--all` crate's build cost is compared with (`scripts/build-cost.sh`).
//!
//! Run everything with `cargo bench -p graph-bench`; `BENCHMARKS.md` at the workspace root
//! lists one command per benchmark and the latest table of ratios.

pub mod attendance;
pub mod corpus;
pub mod counting_alloc;
pub mod plain;
pub mod serde_derive_baseline;
