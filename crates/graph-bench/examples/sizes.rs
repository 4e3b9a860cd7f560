//! Prints the inline sizes of the attendance models next to the plain serde structs:
//! `cargo run -p graph-bench --example sizes`. Inline size drives the models' peak memory.

use std::mem::size_of;

use graph_bench::plain::{PlainIdentity, PlainInterval, PlainRecord};
use graph_models::support::Field;
use graph_models::v1_0::{
    AnyIdentity, AttendanceInterval, AttendanceRecord, CommunicationsUserIdentity, Identity,
    ThumbnailSet,
};

fn main() {
    let rows = [
        ("AttendanceRecord", size_of::<AttendanceRecord>()),
        ("AttendanceInterval", size_of::<AttendanceInterval>()),
        ("AnyIdentity", size_of::<AnyIdentity>()),
        ("Identity", size_of::<Identity>()),
        (
            "CommunicationsUserIdentity",
            size_of::<CommunicationsUserIdentity>(),
        ),
        ("ThumbnailSet", size_of::<ThumbnailSet>()),
        ("Field<String>", size_of::<Field<String>>()),
        ("plain record", size_of::<PlainRecord>()),
        ("plain interval", size_of::<PlainInterval>()),
        ("plain identity", size_of::<PlainIdentity>()),
    ];
    for (name, size) in rows {
        println!("{name:<28} {size:>5} bytes");
    }
}
