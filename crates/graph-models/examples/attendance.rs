//! Prints each attendee's total time from a "List attendanceRecords" response.
//!
//! ```sh
//! cargo run -p graph-models --example attendance -- response.json
//! cargo run -p graph-models --example attendance -- ../shared/seeds/001_e60c55f09a23828a.txt
//! ```
//!
//! The file may be a bare JSON body or any text holding HTTP responses (`HTTP/1.1 200 OK`, headers,
//! a blank line, then the JSON body), such as a Graph docs API page: every response is read.

use std::process::ExitCode;

use graph_models::beta::{AnyIdentity, AttendanceRecord};
use graph_models::support::CollectionResponse;

#[path = "shared/response_bodies.rs"]
mod response_bodies;
use response_bodies::response_bodies;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: attendance <response.json | page with HTTP responses>");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut status = ExitCode::SUCCESS;
    for (index, body) in response_bodies(&text).into_iter().enumerate() {
        println!("response {}:", index + 1);
        match serde_json::from_str::<CollectionResponse<AttendanceRecord>>(body) {
            Ok(page) => page.value.iter().for_each(print_record),
            Err(e) => {
                println!("  not a readable attendance-record collection: {e}");
                status = ExitCode::FAILURE;
            }
        }
    }
    status
}

fn print_record(record: &AttendanceRecord) {
    let who = record
        .identity
        .value()
        .and_then(AnyIdentity::display_name)
        .or(record.email_address.as_deref())
        .unwrap_or("(unknown attendee)");
    let kind = match record.identity.value() {
        Some(AnyIdentity::AzureCommunicationServicesUserIdentity(_)) => " [ACS user]",
        Some(AnyIdentity::CommunicationsUserIdentity(_)) => " [Teams user]",
        Some(AnyIdentity::Unknown(_)) => " [other identity]",
        _ => "",
    };
    match record.total_attendance_in_seconds.value() {
        Some(seconds) => println!("  {who}{kind}: {}m {:02}s", seconds / 60, seconds % 60),
        None => println!("  {who}{kind}: no total reported"),
    }
}
