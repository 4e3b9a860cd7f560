//! Docs examples through the models: the seeds, the upstream focus pages and the hand-written
//! pages under `tests/pages/` each give exactly the verdicts and messages pinned here.

mod common;

use common::{one_line, workspace_root};

use std::path::{Path, PathBuf};

use graph_conformance::{check_docs, Checked, Options, Run, Verdict};
use graph_ir::Severity;

/// `<workspace root>/../shared`, or `None` (with a printed reason) when it is absent.
fn shared() -> Option<PathBuf> {
    let shared = workspace_root().join("../shared");
    if shared.is_dir() {
        Some(shared)
    } else {
        println!(
            "skipped: ../shared not found (seeds and upstream pages are needed for this test)"
        );
        None
    }
}

/// The options `cargo xtask examples` uses: the IR the models were generated from (the
/// corrected one), to guess web-render types.
fn options() -> Options {
    Options::from_ir_dir(&workspace_root().join("schema/ir/corrected"))
        .expect("schema/ir/corrected reads")
}

fn every_problem(run: &Run) -> String {
    run.problems()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn focus_pages_every_example_round_trips() {
    let Some(shared) = shared() else { return };
    let run = check_docs(&shared.join("graph-docs/focus"), &options());
    let summary = run.summary();
    assert!(summary.examples >= 6, "too few examples found: {summary}");
    assert_eq!(
        summary.round_tripped,
        summary.examples,
        "{summary}\n{}",
        every_problem(&run)
    );
    assert!(run.problems().next().is_none(), "{}", every_problem(&run));
}

#[test]
fn seeds_round_trip_except_the_trailing_comma_at_its_markdown_position() {
    let Some(shared) = shared() else { return };
    let run = check_docs(&shared.join("seeds"), &options());
    let summary = run.summary();
    assert_eq!(
        summary.to_string(),
        "examples 10, round-tripped 9, invalid JSON 1, failed 0, skipped 0",
        "\n{}",
        every_problem(&run)
    );
    let problems: Vec<String> = run.problems().map(one_line).collect();
    // Example 3 of "List attendanceRecords": the comma after externalRegistrationInformation's
    // closing brace, line 386, character 8 of the page.
    let seed = shared.join("seeds/001_e60c55f09a23828a.txt");
    assert_eq!(
        problems,
        [format!(
            "{}:386:8: error[example-invalid-json]: invalid JSON: trailing comma",
            seed.display()
        )]
    );
    let page = std::fs::read_to_string(&seed).unwrap();
    let line = page.lines().nth(385).unwrap();
    assert_eq!(line.chars().nth(7), Some(','), "line 386 is {line:?}");
    // The web renders have no annotations: their types are guessed from the bodies.
    let guessed: Vec<(&str, &str)> = run
        .examples
        .iter()
        .filter(|c| c.type_guessed)
        .map(|c| (file_name(c), c.type_name.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        guessed,
        [
            (
                "003_1ea3425610f2c2f6.txt",
                "Collection(microsoft.graph.attendanceRecord)"
            ),
            (
                "003_1ea3425610f2c2f6.txt",
                "Collection(microsoft.graph.attendanceRecord)"
            ),
            (
                "003_1ea3425610f2c2f6.txt",
                "Collection(microsoft.graph.attendanceRecord)"
            ),
            (
                "004_75fc5ce028dea7b6.txt",
                "microsoft.graph.meetingAttendanceReport"
            ),
        ]
    );
    let versions: Vec<&str> = run
        .examples
        .iter()
        .filter(|c| file_name(c).starts_with("004"))
        .map(|c| c.version.as_str())
        .collect();
    assert_eq!(versions, ["v1.0"], "seed 004 is a v1.0 page");
}

fn file_name(checked: &Checked) -> &str {
    Path::new(&checked.file)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
}

/// What one hand-written example must give: verdict and its problems (without the file).
struct Expected {
    line: u32,
    verdict: Verdict,
    problems: &'static [&'static str],
}

fn expect(line: u32, verdict: Verdict, problems: &'static [&'static str]) -> Expected {
    Expected {
        line,
        verdict,
        problems,
    }
}

fn skipped(reason: &str) -> Verdict {
    Verdict::Skipped(reason.to_string())
}

fn check_page(relative: &str, expected: &[Expected]) {
    let path = workspace_root().join("tests/pages").join(relative);
    let run = check_docs(&path, &options());
    let file = path.display().to_string();
    let actual: Vec<(u32, Verdict, Vec<String>)> = run
        .examples
        .iter()
        .map(|c| {
            let problems = c
                .problems
                .iter()
                .map(|p| {
                    let shown = one_line(p);
                    shown
                        .strip_prefix(&format!("{file}:"))
                        .unwrap_or(&shown)
                        .to_string()
                })
                .collect();
            (c.line, c.verdict.clone(), problems)
        })
        .collect();
    let wanted: Vec<(u32, Verdict, Vec<String>)> = expected
        .iter()
        .map(|e| {
            (
                e.line,
                e.verdict.clone(),
                e.problems.iter().map(ToString::to_string).collect(),
            )
        })
        .collect();
    assert_eq!(actual, wanted, "{relative}");
}

#[test]
fn identities_unknown_subtypes_wrong_fields_and_enums() {
    check_page(
        "v1.0/api/conformance-identities.md",
        &[
            // Unknown subtype: the unknown variant keeps the nested data.
            expect(28, Verdict::RoundTripped, &[]),
            // Known subtype, wrong field: an error with the JSON path, not a fallback.
            expect(
                56,
                Verdict::Failed,
                &["66:22: error[example-not-read]: value[0].identity.tenantId: invalid type: integer `42`, expected a string"],
            ),
            // Tag after the fields: the fields are replayed into the subtype, still strict.
            expect(
                80,
                Verdict::Failed,
                &["89:3: error[example-not-read]: identity: userIdentityType: invalid type: sequence, expected a string enumeration value"],
            ),
            // Unknown enum values and a member after unknownFutureValue are kept.
            expect(97, Verdict::RoundTripped, &[]),
        ],
    );
}

#[test]
fn values_nulls_integers_timestamps_strings_and_paging() {
    check_page(
        "v1.0/api/conformance-values.md",
        &[
            expect(28, Verdict::RoundTripped, &[]),
            expect(
                65,
                Verdict::Failed,
                &["69:12: error[example-not-read]: id: invalid type: null, expected a string"],
            ),
            expect(
                78,
                Verdict::Failed,
                &["89:41: error[example-not-read]: attendanceRecords[0].attendanceIntervals[1].durationInSeconds: invalid value: integer `2147483648`, expected i32"],
            ),
            expect(102, Verdict::RoundTripped, &[]),
            expect(128, Verdict::RoundTripped, &[]),
            expect(146, Verdict::RoundTripped, &[]),
        ],
    );
}

#[test]
fn bodies_without_json_types_not_modelled_syntax_errors_and_numbers() {
    check_page(
        "v1.0/api/conformance-bodies.md",
        &[
            expect(23, skipped("no body"), &[]),
            expect(30, skipped("content type `text/plain` is not JSON"), &[]),
            expect(
                40,
                skipped("`microsoft.graph.onlineMeeting` is not in the v1.0 models"),
                &[],
            ),
            expect(
                50,
                Verdict::InvalidJson,
                &["55:40: error[example-invalid-json]: invalid JSON: trailing comma"],
            ),
            // The 23-digit `badge` no f64 holds comes back exactly (the runtime keeps its text,
            // issue 15); `1E2` is still respelled, the same number.
            expect(
                66,
                Verdict::RoundTripped,
                &["71:17: note[example-number-spelling]: seatNumber: number written back in another spelling: `1E2` -> `100.0`"],
            ),
        ],
    );
}

#[test]
fn beta_deprecated_property_and_two_level_subtype() {
    check_page(
        "beta/api/conformance-beta.md",
        &[expect(23, Verdict::RoundTripped, &[])],
    );
}

#[test]
fn timestamps_and_strings_come_back_byte_for_byte() {
    use graph_models::v1_0::{AnyIdentity, AttendanceRecord, MeetingAttendanceReport};

    let report: MeetingAttendanceReport = serde_json::from_str(
        r#"{"id": "r", "meetingStartDateTime": "2021-10-05T04:38:23.9450000+02:00",
            "attendanceRecords": [{"attendanceIntervals": [
                {"joinDateTime": "2021-10-05T04:38:27.6027225Z"}]}]}"#,
    )
    .unwrap();
    let written = serde_json::to_string(&report).unwrap();
    assert!(written.contains(r#""meetingStartDateTime":"2021-10-05T04:38:23.9450000+02:00""#));
    assert!(written.contains(r#""joinDateTime":"2021-10-05T04:38:27.6027225Z""#));

    let record: AttendanceRecord = serde_json::from_str(
        r#"{"emailAddress": "", "identity": {"displayName": "Zo\u00eb \"Z\" \ud83c\udfa7"}}"#,
    )
    .unwrap();
    assert_eq!(record.email_address.value().map(String::as_str), Some(""));
    let Some(AnyIdentity::Identity(identity)) = record.identity.value() else {
        panic!("no @odata.type reads as the base identity: {record:?}");
    };
    assert_eq!(
        identity.display_name.value().map(String::as_str),
        Some("Zoë \"Z\" 🎧")
    );
}

/// Every problem of a run has a real position in its page, and its excerpt is that line.
#[test]
fn problem_positions_are_inside_the_page() {
    let pages = workspace_root().join("tests/pages");
    let run = check_docs(&pages, &options());
    for problem in run.problems() {
        let text = std::fs::read_to_string(&problem.file).unwrap();
        let line = text.lines().nth(problem.line as usize - 1);
        assert!(
            line.is_some_and(|l| l.chars().count() + 1 >= problem.column as usize),
            "{problem} points outside its page"
        );
        // The excerpt under the headline is that page line itself.
        if let Some(excerpt) = &problem.source_line {
            assert_eq!(Some(excerpt.as_str()), line, "{problem}");
        }
        if problem.severity == Severity::Error {
            assert!(!problem.message.is_empty());
        }
    }
}

/// The checker gives a page the version the parser gives it in the tree: the first version
/// segment below the tree, then the tree's own; `--version` forces one; a page alone with no
/// segment anywhere has its content decide.
#[test]
fn examples_take_the_version_of_the_tree_they_are_in() {
    let page = workspace_root().join("tests/pages/fidelity/beta/api/widget-list.md");
    let text = std::fs::read_to_string(&page).unwrap();
    // A beta folder inside a checkout that sits in a v1.0 folder: the page is beta.
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("v1.0/copy");
    std::fs::create_dir_all(docs.join("beta/api")).unwrap();
    std::fs::write(docs.join("beta/api/widget-list.md"), &text).unwrap();
    let versions = |docs: &Path, options: &Options| -> Vec<String> {
        check_docs(docs, options)
            .examples
            .iter()
            .map(|c| c.version.clone())
            .collect()
    };
    let by_tree = versions(&docs, &options());
    assert_eq!(by_tree, ["beta", "beta"]);
    // The tree's own segment when the pages below it name none.
    assert_eq!(versions(&docs.join("beta"), &options()), ["beta", "beta"]);
    let forced = Options {
        version: Some("v1.0".into()),
        ..options()
    };
    assert_eq!(versions(&docs, &forced), ["v1.0", "v1.0"]);
    let alone = graph_conformance::check_page("widget-list.md", &text, &options());
    let alone: Vec<&str> = alone.iter().map(|c| c.version.as_str()).collect();
    assert_eq!(alone, ["v1.0", "v1.0"], "the page links no beta URL");
}
