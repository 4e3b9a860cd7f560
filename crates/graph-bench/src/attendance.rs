//! A deterministic attendance-records collection, shaped like Graph's
//! `GET .../attendanceReports/{id}/attendanceRecords` response.
//!
//! Identities rotate through four shapes (no `@odata.type`, communicationsUserIdentity,
//! azureCommunicationServicesUserIdentity, and a subtype no model knows), some properties are
//! `null`, and each record has two attendance intervals, so every path of the models' runtime
//! (tag dispatch, unknown-type fallback, `Field::Null`, additional properties) is exercised.

use serde_json::{json, Value};

/// Records in the default collection (about 50 MB of JSON).
pub const DEFAULT_RECORDS: usize = 100_000;
/// Seed of the default collection.
pub const DEFAULT_SEED: u64 = 0x6772_6170_6862_656e;

/// SplitMix64: tiny, seedable, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }

    fn guid(&mut self) -> String {
        let a = self.next();
        let b = self.next();
        format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xffff,
            b >> 48,
            b & 0xffff_ffff_ffff
        )
    }
}

const FIRST_NAMES: [&str; 8] = [
    "Adele", "Alex", "Diego", "Grady", "Isaiah", "Johanna", "Lynne", "Megan",
];
const LAST_NAMES: [&str; 8] = [
    "Vance",
    "Wilber",
    "Siciliani",
    "Archie",
    "Langer",
    "Lorenz",
    "Robbins",
    "Bowen",
];
const ROLES: [&str; 4] = ["Attendee", "Presenter", "Organizer", "None"];

/// A timestamp in Graph's wire form (seven fractional digits, `Z`), `seconds` after a fixed day.
fn timestamp(seconds: u64, fraction: u64) -> String {
    let hours = 8 + seconds / 3600;
    let minutes = (seconds / 60) % 60;
    format!(
        "2021-10-05T{:02}:{:02}:{:02}.{:07}Z",
        hours % 24,
        minutes,
        seconds % 60,
        fraction % 10_000_000
    )
}

fn identity(rng: &mut Rng, index: usize, name: Option<&str>) -> Value {
    let id = rng.guid();
    let tenant = rng.guid();
    match index % 4 {
        // No `@odata.type`: the base `identity`.
        0 => json!({ "id": id, "displayName": name }),
        1 => json!({
            "@odata.type": "#microsoft.graph.communicationsUserIdentity",
            "id": id,
            "displayName": name,
            "tenantId": tenant,
        }),
        2 => json!({
            "@odata.type": "#microsoft.graph.azureCommunicationServicesUserIdentity",
            "id": id,
            "displayName": name,
            "azureCommunicationServicesResourceId": tenant,
        }),
        // A subtype the docs do not have yet: lands in `Unknown` with its extra field kept.
        _ => json!({
            "@odata.type": "#microsoft.graph.communicationsFutureIdentity",
            "id": id,
            "displayName": name,
            "futureChannel": "hologram",
        }),
    }
}

/// One record; `index` picks the identity shape and which properties are `null`.
fn record(rng: &mut Rng, index: usize) -> Value {
    let first = FIRST_NAMES[rng.below(8) as usize];
    let last = LAST_NAMES[rng.below(8) as usize];
    let name = format!("{first} {last}");
    // Every fifth record hides its name and email (guests, anonymous joins).
    let hidden = index % 5 == 4;
    let email = (!hidden).then(|| format!("{first}.{last}{}@contoso.com", rng.below(1000)));
    let start = rng.below(3600);
    let first_stay = 60 + rng.below(1800);
    let gap = rng.below(600);
    let second_stay = 60 + rng.below(1800);
    let interval = |rng: &mut Rng, join: u64, stay: u64| {
        json!({
            "joinDateTime": timestamp(join, rng.next()),
            "leaveDateTime": timestamp(join + stay, rng.next()),
            "durationInSeconds": stay,
        })
    };
    let intervals = vec![
        interval(rng, start, first_stay),
        interval(rng, start + first_stay + gap, second_stay),
    ];
    json!({
        "id": rng.guid(),
        "emailAddress": email,
        "totalAttendanceInSeconds": first_stay + second_stay,
        "role": ROLES[index % ROLES.len()],
        "registrationId": Value::Null,
        "externalRegistrationInformation": Value::Null,
        "identity": identity(rng, index, (!hidden).then_some(name.as_str())),
        "attendanceIntervals": intervals,
    })
}

/// The collection as JSON text: `records` records from `seed`, same bytes for the same inputs.
pub fn collection_json(records: usize, seed: u64) -> String {
    let mut rng = Rng(seed);
    let value: Vec<Value> = (0..records).map(|i| record(&mut rng, i)).collect();
    let page = json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users('dc17674c-81d9-4adb-bfb2-8f6a442e4622')/onlineMeetings('MSpkYzE3Njc0Yy04MWQ5LTRhZGItYmZiMi04ZjZhNDQyZTQ2MjIqMCoqMTk6bWVldGluZ19NVGM1TmpFNFl6Y3RObVF3TVMwME1EVTFMV0UzWTJZdE56ZGtZV1JqWldaak16aG1AdGhyZWFkLnYy')/attendanceReports('c9b6db1c-d5eb-427d-a5c0-20088d9b22d7')/attendanceRecords",
        "@odata.count": records,
        "value": value,
    });
    serde_json::to_string(&page).expect("a Value always serializes")
}

/// The default collection (100,000 records, about 50 MB).
pub fn default_collection() -> String {
    collection_json(DEFAULT_RECORDS, DEFAULT_SEED)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes_and_every_shape_present() {
        let a = collection_json(40, 7);
        assert_eq!(a, collection_json(40, 7));
        assert_ne!(a, collection_json(40, 8));
        for needle in [
            "communicationsUserIdentity",
            "azureCommunicationServicesUserIdentity",
            "communicationsFutureIdentity",
            "\"emailAddress\":null",
        ] {
            assert!(a.contains(needle), "{needle}");
        }
    }
}
