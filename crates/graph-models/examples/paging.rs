//! Pages through attendance records the way a client of Graph does: follows `@odata.nextLink`
//! from page to page, waits as long as a `429 Too Many Requests` response's `Retry-After` says,
//! reads every page into `CollectionResponse<AttendanceRecord>` and sums attendance per attendee.
//!
//! ```sh
//! cargo run -p graph-models --example paging                             # the example's own records
//! cargo run -p graph-models --example paging -- ../shared/seeds/*.txt    # every collection in those pages
//! ```
//!
//! The "service" is a small HTTP server on 127.0.0.1 (tiny_http, on a port the system picks). It
//! serves the records over three pages linked by `@odata.nextLink` and answers the first request
//! for the second page with a 429 and `Retry-After: 1`. The client is ureq. Both are
//! dev-dependencies: the models crate needs neither. Files may be bare JSON bodies or pages that
//! hold HTTP responses (a Graph docs API page); every attendance-record collection body in them
//! (an object with a `value` array) is served, and a body that is not JSON is skipped with a note.
//! `cargo test -p graph-models --example paging` runs the tests at the end of this file.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use graph_models::support::CollectionResponse;
use graph_models::v1_0::{AnyIdentity, AttendanceRecord};
use serde_json::{json, Value};

#[path = "shared/response_bodies.rs"]
mod response_bodies;

/// The example's own records, shaped like Graph's: a Teams user on several pages, an Azure
/// Communication Services user, an identity subtype the models do not know, an attendee known
/// only by email and a record without a total.
const OWN_RECORDS: &str = r##"[
  {"id": "r1", "emailAddress": "adele.vance@contoso.com", "totalAttendanceInSeconds": 1200, "role": "Organizer",
   "identity": {"@odata.type": "#microsoft.graph.communicationsUserIdentity", "id": "u-adele", "displayName": "Adele Vance", "tenantId": "t1"},
   "attendanceIntervals": [{"joinDateTime": "2021-10-05T08:00:00.0000000Z", "leaveDateTime": "2021-10-05T08:20:00.0000000Z", "durationInSeconds": 1200}]},
  {"id": "r2", "emailAddress": "", "totalAttendanceInSeconds": 274, "role": "Attendee",
   "identity": {"@odata.type": "#microsoft.graph.azureCommunicationServicesUserIdentity", "id": "8:acs:guest-1", "displayName": "Guest One", "azureCommunicationServicesResourceId": "acs-1"}},
  {"id": "r3", "emailAddress": "diego.siciliani@contoso.com", "totalAttendanceInSeconds": 600, "role": "Presenter",
   "identity": {"id": "u-diego", "displayName": "Diego Siciliani"}},
  {"id": "r4", "emailAddress": "adele.vance@contoso.com", "totalAttendanceInSeconds": 300, "role": "Organizer",
   "identity": {"@odata.type": "#microsoft.graph.communicationsUserIdentity", "id": "u-adele", "displayName": "Adele Vance", "tenantId": "t1"}},
  {"id": "r5", "totalAttendanceInSeconds": 45, "role": "Attendee",
   "identity": {"@odata.type": "#microsoft.graph.communicationsHolographicIdentity", "id": "holo-1", "displayName": "Projected Guest", "projector": {"room": 4}}},
  {"id": "r6", "emailAddress": "lynne.robbins@contoso.com", "totalAttendanceInSeconds": 90, "role": "Attendee", "identity": null},
  {"id": "r7", "emailAddress": "diego.siciliani@contoso.com", "totalAttendanceInSeconds": null, "role": "Presenter",
   "identity": {"id": "u-diego", "displayName": "Diego Siciliani"}},
  {"id": "r8", "emailAddress": "adele.vance@contoso.com", "totalAttendanceInSeconds": 15, "role": "Organizer",
   "identity": {"@odata.type": "#microsoft.graph.communicationsUserIdentity", "id": "u-adele", "displayName": "Adele Vance", "tenantId": "t1"}}
]"##;

/// The pages are served from this path; the next links add `?$skiptoken=N`.
const PATH: &str = "/v1.0/me/onlineMeetings/m1/attendanceReports/r1/attendanceRecords";
const PAGES: usize = 3;

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let records = if paths.is_empty() {
        own_records()
    } else {
        let mut records = Vec::new();
        for path in &paths {
            match std::fs::read_to_string(path) {
                Ok(text) => records.extend(collection_records(path, &text)),
                Err(e) => {
                    eprintln!("{path}: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
        records
    };
    let service = Service::start(records, 1);
    match read_all_pages(&service.first_page_url()) {
        Ok(summary) => {
            for (key, attendee) in &summary.attendees {
                println!(
                    "{} ({key}): {} s in {} record(s)",
                    attendee.name, attendee.seconds, attendee.records
                );
            }
            println!(
                "{} records on {} pages; waited {:?} after 429s",
                summary.records, summary.pages, summary.waits
            );
            let log = service.log();
            for served in &log {
                let after = served.at.duration_since(log[0].at);
                println!("  {after:>10.3?}  {}  {}", served.status, served.url);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// [`OWN_RECORDS`], parsed.
fn own_records() -> Vec<Value> {
    serde_json::from_str(OWN_RECORDS).expect("OWN_RECORDS is a JSON array")
}

/// The records of every attendance-record collection body in `text` (named `source` in notes).
fn collection_records(source: &str, text: &str) -> Vec<Value> {
    let mut records = Vec::new();
    for body in response_bodies::response_bodies(text) {
        match serde_json::from_str::<Value>(body) {
            Ok(Value::Object(mut page)) => {
                if let Some(Value::Array(value)) = page.remove("value") {
                    records.extend(value);
                }
            }
            Ok(_) => {}
            Err(e) => eprintln!("{source}: a body that is not JSON, not served: {e}"),
        }
    }
    records
}

// ---- The service ----------------------------------------------------------------------------

/// One request as the service saw it: the URL, the status it answered, and when.
#[derive(Clone, Debug)]
struct Served {
    url: String,
    status: u16,
    at: Instant,
}

/// An HTTP server on 127.0.0.1 serving records over [`PAGES`] pages; stopped when dropped.
struct Service {
    server: Arc<tiny_http::Server>,
    base: String,
    log: Arc<Mutex<Vec<Served>>>,
    worker: Option<JoinHandle<()>>,
}

impl Service {
    /// Starts serving `records`; the first request for page 2 gets a 429 with `Retry-After:
    /// retry_after` (seconds).
    fn start(records: Vec<Value>, retry_after: u64) -> Service {
        let server =
            Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind a port on 127.0.0.1"));
        let address = server
            .server_addr()
            .to_ip()
            .expect("an IP listener has an IP address");
        let base = format!("http://{address}");
        let log = Arc::new(Mutex::new(Vec::new()));
        let worker = {
            let (server, log, base) = (Arc::clone(&server), Arc::clone(&log), base.clone());
            std::thread::spawn(move || serve(&server, &records, retry_after, &base, &log))
        };
        Service {
            server,
            base,
            log,
            worker: Some(worker),
        }
    }

    fn first_page_url(&self) -> String {
        format!("{}{PATH}", self.base)
    }

    /// Every request served so far.
    fn log(&self) -> Vec<Served> {
        self.log.lock().expect("the log is not poisoned").clone()
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

/// Answers requests until the server is unblocked.
fn serve(
    server: &tiny_http::Server,
    records: &[Value],
    retry_after: u64,
    base: &str,
    log: &Mutex<Vec<Served>>,
) {
    let per_page = records.len().div_ceil(PAGES).max(1);
    let mut throttled = false;
    for request in server.incoming_requests() {
        let url = request.url().to_owned();
        let page = match url.strip_prefix(PATH) {
            Some("") => Some(1),
            Some(query) => query
                .strip_prefix("?$skiptoken=")
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|n| (2..=PAGES).contains(n)),
            None => None,
        };
        let (status, body, retry) = match page {
            Some(2) if !throttled => {
                throttled = true;
                let error =
                    json!({"error": {"code": "TooManyRequests", "message": "Retry later."}});
                (429, error, Some(retry_after))
            }
            Some(n) => {
                let start = ((n - 1) * per_page).min(records.len());
                let end = (n * per_page).min(records.len());
                let mut page = json!({
                    "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#attendanceRecords",
                    "value": &records[start..end],
                });
                if n < PAGES {
                    page["@odata.nextLink"] = json!(format!("{base}{PATH}?$skiptoken={}", n + 1));
                }
                (200, page, None)
            }
            None => (
                404,
                json!({"error": {"code": "NotFound", "message": url}}),
                None,
            ),
        };
        let mut response = tiny_http::Response::from_string(body.to_string())
            .with_status_code(status)
            .with_header(header("Content-Type", "application/json"));
        if let Some(seconds) = retry {
            response = response.with_header(header("Retry-After", &seconds.to_string()));
        }
        log.lock().expect("the log is not poisoned").push(Served {
            url,
            status,
            at: Instant::now(),
        });
        // A client that hung up is not the service's problem.
        let _ = request.respond(response);
    }
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("header names and values here are ASCII")
}

// ---- The client -----------------------------------------------------------------------------

/// One attendee's total over every page.
#[derive(Debug, Default, PartialEq)]
struct Attendee {
    name: String,
    seconds: i64,
    records: usize,
}

/// What reading every page gave.
#[derive(Debug, Default)]
struct Summary {
    pages: usize,
    records: usize,
    /// By the identity's `id`, else the email address, else the record's `id`.
    attendees: BTreeMap<String, Attendee>,
    /// How long the client waited after each 429.
    waits: Vec<Duration>,
}

/// Most 429s in a row the client sits out for one page before it gives up.
const MAX_RETRIES: usize = 3;
/// The longest `Retry-After` the client honours; a longer one is an error, not a hang.
const MAX_WAIT: Duration = Duration::from_secs(30);

/// Reads the page at `url` and every page its `@odata.nextLink`s lead to.
fn read_all_pages(url: &str) -> Result<Summary, String> {
    // Status codes are answers to read, not errors; a loopback service needs no proxy.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .proxy(None)
        .build()
        .into();
    let mut summary = Summary::default();
    let mut next = Some(url.to_owned());
    while let Some(url) = next.take() {
        let page = read_page(&agent, &url, &mut summary.waits)?;
        summary.pages += 1;
        for record in &page.value {
            summary.add(record);
        }
        next = page.odata_next_link.value().map(ToString::to_string);
    }
    Ok(summary)
}

/// One page, after sitting out up to [`MAX_RETRIES`] 429s.
fn read_page(
    agent: &ureq::Agent,
    url: &str,
    waits: &mut Vec<Duration>,
) -> Result<CollectionResponse<AttendanceRecord>, String> {
    for _ in 0..=MAX_RETRIES {
        let mut response = agent.get(url).call().map_err(|e| format!("{url}: {e}"))?;
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .read_to_string()
            .map_err(|e| format!("{url}: {e}"))?;
        match status {
            200 => {
                return serde_json::from_str(&body)
                    .map_err(|e| format!("{url}: not an attendance-record page: {e}"))
            }
            429 => {
                // Graph sends whole seconds; a missing or unreadable value means one second.
                let retry_after = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse().ok())
                    .map_or(Duration::from_secs(1), Duration::from_secs);
                if retry_after > MAX_WAIT {
                    return Err(format!("{url}: asked to wait {retry_after:?}"));
                }
                std::thread::sleep(retry_after);
                waits.push(retry_after);
            }
            _ => return Err(format!("{url}: HTTP {status}: {body}")),
        }
    }
    Err(format!(
        "{url}: still throttled after {MAX_RETRIES} retries"
    ))
}

impl Summary {
    fn add(&mut self, record: &AttendanceRecord) {
        self.records += 1;
        let identity = record.identity.value();
        let email = record
            .email_address
            .value()
            .map(ToString::to_string)
            .filter(|e| !e.is_empty());
        let key = identity
            .and_then(AnyIdentity::id)
            .map(ToString::to_string)
            .or_else(|| email.clone())
            .or_else(|| record.id.clone())
            .unwrap_or_default();
        let name = identity
            .and_then(AnyIdentity::display_name)
            .map(ToString::to_string)
            .or(email)
            .unwrap_or_else(|| "(unknown attendee)".to_owned());
        let attendee = self.attendees.entry(key).or_default();
        attendee.name = name;
        attendee.seconds += i64::from(
            record
                .total_attendance_in_seconds
                .value()
                .copied()
                .unwrap_or(0),
        );
        attendee.records += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same sums computed from the JSON alone, without the models: what the service sent.
    fn sums_from_json(records: &[Value]) -> BTreeMap<String, (i64, usize)> {
        let mut sums = BTreeMap::new();
        for record in records {
            let text = |v: &Value| v.as_str().filter(|s| !s.is_empty()).map(str::to_owned);
            let key = text(&record["identity"]["id"])
                .or_else(|| text(&record["emailAddress"]))
                .or_else(|| text(&record["id"]))
                .unwrap_or_default();
            let entry: &mut (i64, usize) = sums.entry(key).or_default();
            entry.0 += record["totalAttendanceInSeconds"].as_i64().unwrap_or(0);
            entry.1 += 1;
        }
        sums
    }

    fn seconds_and_records(summary: &Summary) -> BTreeMap<String, (i64, usize)> {
        summary
            .attendees
            .iter()
            .map(|(key, a)| (key.clone(), (a.seconds, a.records)))
            .collect()
    }

    /// Three pages and one 429: four requests, the retry no earlier than `Retry-After` allows.
    fn assert_served_like_a_service(service: &Service, retry_after: Duration) {
        let log = service.log();
        let statuses: Vec<u16> = log.iter().map(|s| s.status).collect();
        assert_eq!(statuses, [200, 429, 200, 200], "{log:#?}");
        assert!(log[0].url.ends_with(PATH), "{log:#?}");
        assert!(log[1].url.ends_with("?$skiptoken=2"), "{log:#?}");
        assert_eq!(
            log[2].url, log[1].url,
            "the throttled page is asked for again"
        );
        assert!(log[3].url.ends_with("?$skiptoken=3"), "{log:#?}");
        assert!(
            log[2].at.duration_since(log[1].at) >= retry_after,
            "{log:#?}"
        );
    }

    #[test]
    fn pages_through_the_examples_own_records() {
        let records = own_records();
        let service = Service::start(records.clone(), 1);
        let summary = read_all_pages(&service.first_page_url()).unwrap();
        assert_served_like_a_service(&service, Duration::from_secs(1));
        assert_eq!(summary.pages, 3);
        assert_eq!(summary.records, records.len());
        assert_eq!(summary.waits, [Duration::from_secs(1)]);
        let adele = &summary.attendees["u-adele"];
        assert_eq!(
            (adele.name.as_str(), adele.seconds, adele.records),
            ("Adele Vance", 1200 + 300 + 15, 3),
            "one attendee on all three pages"
        );
        assert_eq!(
            summary.attendees["u-diego"].seconds, 600,
            "a null total adds nothing"
        );
        assert_eq!(summary.attendees["u-diego"].records, 2);
        assert_eq!(summary.attendees["8:acs:guest-1"].name, "Guest One");
        assert_eq!(
            summary.attendees["holo-1"].seconds, 45,
            "an unknown subtype still counts"
        );
        assert_eq!(summary.attendees["lynne.robbins@contoso.com"].seconds, 90);
        assert_eq!(summary.attendees.len(), 5);
        assert_eq!(seconds_and_records(&summary), sums_from_json(&records));
    }

    #[test]
    fn pages_through_the_seeds_attendance_record_collections() {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
        let Ok(entries) = std::fs::read_dir(&seeds) else {
            println!("skipped: ../shared not found (the seeds are needed for this test)");
            return;
        };
        let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        files.sort();
        let mut records = Vec::new();
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap();
            records.extend(collection_records(&file.display().to_string(), &text));
        }
        // "List attendanceRecords" has four examples, one of them with a trailing comma (not
        // JSON, not served); its web render has the same three that are JSON: six bodies of two
        // records each.
        assert_eq!(records.len(), 12);
        let service = Service::start(records.clone(), 0);
        let summary = read_all_pages(&service.first_page_url()).unwrap();
        assert_served_like_a_service(&service, Duration::ZERO);
        assert_eq!((summary.pages, summary.records), (3, 12));
        assert_eq!(seconds_and_records(&summary), sums_from_json(&records));
        let frederick = &summary.attendees["dc17674c-81d9-4adb-bfb2-8f6a442e4623"];
        assert_eq!(
            (
                frederick.name.as_str(),
                frederick.seconds,
                frederick.records
            ),
            ("Frederick Cormier", 4 * 322, 4)
        );
    }

    #[test]
    fn a_retry_after_longer_than_the_client_waits_is_an_error() {
        let service = Service::start(own_records(), 3600);
        let error = read_all_pages(&service.first_page_url()).unwrap_err();
        assert!(error.contains("asked to wait 3600s"), "{error}");
    }
}
