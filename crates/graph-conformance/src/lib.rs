//! Conformance of the models with the Graph documentation: every response example of every
//! API page is parsed, read into the model type its annotation names, written back and
//! compared with what the page says.
//!
//! - [`check_docs`]: a docs directory (markdown API pages, plain-text web renders) -> [`Run`].
//! - [`check_example`]: one [`ResponseExample`] -> [`Checked`].
//! - [`check_docs_with`]: the same against any [`Models`]: the curated crate ([`Curated`]) or
//!   the `--all` crate of the docs tree itself ([`whole_tree`]).
//! - [`Run::summary_line`]: `examples N, round-tripped R, invalid JSON J, failed F, skipped S;
//!   keys typed K of T (P %), examples fully typed E` (see [`coverage`](CoverageSummary)).
//!
//! Findings are [`graph_ir::Diagnostic`]s with the codes in [`codes`]; their positions point
//! into the page (line and character column of the markdown or text file), not into the code
//! block, and each carries the page line as its excerpt.

pub mod codes;
mod compare;
mod coverage;
mod infer;
mod numbers;
mod position;
pub mod probe;
mod round_trip;
pub mod whole_tree;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use graph_docs_parser::walk;
pub use graph_docs_parser::ResponseExample;
use graph_ir::{Diagnostic, Schema, Severity};

pub use coverage::{CoverageSummary, KeyCoverage, UntypedCause, UntypedKey};
pub use infer::TypeGuesser;
pub use probe::{Failure, Read};
pub use round_trip::Curated;

/// What became of one example.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Read and written back with every value intact (notes may say how numbers were spelled).
    RoundTripped,
    /// The body is not JSON.
    InvalidJson,
    /// The body did not fit the model type, or a value was lost or changed.
    Failed,
    /// Nothing to check; the reason says why (no body, not JSON content, type not modelled).
    Skipped(String),
}

/// One example and its verdict.
#[derive(Clone, Debug)]
pub struct Checked {
    /// The page.
    pub file: String,
    /// 1-based line of the example's first line in the page.
    pub line: u32,
    /// `v1.0` or `beta`.
    pub version: String,
    /// The registry name the example was checked against (`Collection(microsoft.graph.x)`),
    /// when there was one.
    pub type_name: Option<String>,
    /// The type was not written on the page but guessed from the body (web renders).
    pub type_guessed: bool,
    /// The outcome.
    pub verdict: Verdict,
    /// Errors (for [`Verdict::InvalidJson`] and [`Verdict::Failed`]) and notes.
    pub problems: Vec<Diagnostic>,
    /// Which keys landed in a typed field, when the models read the body.
    pub coverage: Option<KeyCoverage>,
}

/// The counts of the summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Every response example found.
    pub examples: usize,
    /// Examples that round-tripped.
    pub round_tripped: usize,
    /// Examples whose body is not JSON.
    pub invalid_json: usize,
    /// Examples that did not fit their model or lost or changed a value.
    pub failed: usize,
    /// Examples not checked (no body, not JSON content, type not in the models).
    pub skipped: usize,
}

impl Summary {
    /// Whether anything must fail the command (invalid JSON or failures).
    pub fn has_errors(&self) -> bool {
        self.invalid_json + self.failed > 0
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "examples {}, round-tripped {}, invalid JSON {}, failed {}, skipped {}",
            self.examples, self.round_tripped, self.invalid_json, self.failed, self.skipped
        )
    }
}

/// Everything a run over a docs directory found, in path and page order.
#[derive(Debug, Default)]
pub struct Run {
    /// One entry per response example.
    pub examples: Vec<Checked>,
    /// Files that could not be read (path and reason); they hold no counted examples.
    pub unreadable: Vec<(PathBuf, String)>,
}

impl Run {
    /// The counts over [`Run::examples`].
    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            examples: self.examples.len(),
            ..Summary::default()
        };
        for checked in &self.examples {
            match checked.verdict {
                Verdict::RoundTripped => summary.round_tripped += 1,
                Verdict::InvalidJson => summary.invalid_json += 1,
                Verdict::Failed => summary.failed += 1,
                Verdict::Skipped(_) => summary.skipped += 1,
            }
        }
        summary
    }

    /// Typed coverage over the examples that round-tripped.
    pub fn coverage(&self) -> CoverageSummary {
        CoverageSummary::of(&self.examples)
    }

    /// The summary line: [`Summary`], then `; ` and [`CoverageSummary`]:
    /// `examples N, round-tripped R, invalid JSON J, failed F, skipped S; keys typed K of T
    /// (P %), examples fully typed E`.
    pub fn summary_line(&self) -> String {
        format!("{}; {}", self.summary(), self.coverage())
    }

    /// Every problem of every example, in order.
    pub fn problems(&self) -> impl Iterator<Item = &Diagnostic> {
        self.examples.iter().flat_map(|c| &c.problems)
    }
}

/// What a run may use besides the pages.
#[derive(Debug, Default)]
pub struct Options {
    /// Per version, the schema the models were generated from (`schema/ir/<version>.json`):
    /// used to guess the type of web-render examples, which carry no annotation.
    pub guess_from: BTreeMap<String, Schema>,
    /// The directory the schemas' source paths are relative to (the docs tree, or `schema/`
    /// for the curated IR): an untyped key is looked up again on its type's page, so a key
    /// the parser lost shows as a defect ([`UntypedCause::OnThePageNotRead`]).
    pub pages_root: Option<PathBuf>,
    /// Every page is of this version, whatever its path or content says (`--version`).
    pub version: Option<String>,
}

impl Options {
    /// Reads `<dir>/v1.0.json` and `<dir>/beta.json` where they exist.
    pub fn from_ir_dir(dir: &Path) -> Result<Options, String> {
        let mut guess_from = BTreeMap::new();
        for version in ["v1.0", "beta"] {
            let path = dir.join(format!("{version}.json"));
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(format!("{}: {e}", path.display())),
            };
            let schema: Schema =
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            guess_from.insert(version.to_string(), schema);
        }
        Ok(Options {
            guess_from,
            pages_root: None,
            version: None,
        })
    }
}

/// Checks every response example of every page under `docs` (a directory, or one file)
/// against the curated models.
///
/// Markdown pages (`.md` in any case, or text files that open with front matter or hold
/// annotations) are read with [`graph_docs_parser::parse_page`]; other `.txt` files are taken as
/// web renders ([`graph_docs_parser::find_response_examples`]). Symbolic links are followed. A
/// page's version is the one the parser gives it in the tree
/// ([`graph_docs_parser::version_in_tree`]: `Options::version`, else a `v1.0` / `beta` segment
/// below `docs` or of `docs` itself), else [`graph_docs_parser::version_of`] guesses it from the
/// content.
pub fn check_docs(docs: &Path, options: &Options) -> Run {
    // The curated models are in this process and never fail to answer.
    check_docs_with(docs, options, &mut Curated).unwrap_or_default()
}

/// [`check_docs`] against any [`Models`]: every example is prepared first, then each
/// version's bodies go to `models` in one batch, then each is judged. `Err` when `models`
/// could not answer (a checker process that failed, say).
pub fn check_docs_with(
    docs: &Path,
    options: &Options,
    models: &mut dyn Models,
) -> Result<Run, String> {
    let mut run = Run::default();
    let mut files = Vec::new();
    collect_files(docs, &mut files, &mut run.unreadable);
    files.sort();
    let mut prepared = Vec::new();
    let root_version = graph_docs_parser::root_version(docs);
    let tree = graph_docs_parser::TreeOptions {
        version: options.version.clone(),
    };
    for path in files {
        let text = match std::fs::read(&path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                run.unreadable.push((path, e.to_string()));
                continue;
            }
        };
        let shown = path.display().to_string();
        let relative = path.strip_prefix(docs).unwrap_or(&path).to_string_lossy();
        let version = graph_docs_parser::page_version(root_version, &relative, &text, &tree);
        prepared.extend(prepare_page(&shown, &text, &version, options));
    }
    run.examples = judge_all(prepared, options, models)?;
    Ok(run)
}

/// Checks every response example of one page against the curated models; `file` is used in
/// problems as given.
pub fn check_page(file: &str, text: &str, options: &Options) -> Vec<Checked> {
    let tree = graph_docs_parser::TreeOptions {
        version: options.version.clone(),
    };
    let version = graph_docs_parser::page_version(None, file, text, &tree);
    let prepared = prepare_page(file, text, &version, options);
    judge_all(prepared, options, &mut Curated).unwrap_or_default()
}

/// Checks one example of a `version` page against the curated models. Without an annotated
/// type, `guesser` (if any) picks the model type from the body's keys.
pub fn check_example(
    version: &str,
    example: &ResponseExample,
    guesser: Option<&TypeGuesser>,
) -> Checked {
    match prepare(version, example, guesser) {
        Prepared::Done(checked) => checked,
        Prepared::Pending(pending) => {
            let result = round_trip::through_model(version, &pending.type_name, &example.body);
            judge(pending, result, None, None)
        }
    }
}

/// Models that read example bodies and write them back: the curated crate in this process
/// ([`Curated`]), or the checker binary of an `--all` crate ([`whole_tree::Checker`]).
pub trait Models {
    /// Reads each `(type name, body)` of `version` into its model type and writes it back, in
    /// order; `None` for a type the models do not have.
    #[allow(clippy::type_complexity)]
    fn read_back(
        &mut self,
        version: &str,
        requests: &[(String, String)],
    ) -> Result<Vec<Option<Result<Read, Failure>>>, String>;
}

/// An example ready for the models, or already decided.
enum Prepared {
    Done(Checked),
    Pending(Pending),
}

/// An example whose body is JSON and whose type is known: what the models must read.
struct Pending {
    checked: Checked,
    example: ResponseExample,
    input: serde_json::Value,
    type_name: String,
}

/// Every example of one page, prepared.
fn prepare_page(file: &str, text: &str, version: &str, options: &Options) -> Vec<Prepared> {
    let (examples, annotated) = if is_markdown(file, text) {
        let page = graph_docs_parser::parse_page(file, text);
        (page.api.map(|a| a.responses).unwrap_or_default(), true)
    } else {
        (graph_docs_parser::find_response_examples(file, text), false)
    };
    let guesser = (!annotated)
        .then(|| options.guess_from.get(version))
        .flatten()
        .map(TypeGuesser::new);
    examples
        .iter()
        .map(|example| {
            let mut prepared = prepare(version, example, guesser.as_ref());
            match &mut prepared {
                Prepared::Done(checked) => checked.file = file.to_string(),
                Prepared::Pending(pending) => pending.checked.file = file.to_string(),
            }
            prepared
        })
        .collect()
}

/// Sends every pending example to `models`, one batch per version, and judges the answers;
/// the result is in the order of `prepared`.
fn judge_all(
    prepared: Vec<Prepared>,
    options: &Options,
    models: &mut dyn Models,
) -> Result<Vec<Checked>, String> {
    let mut batches: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (index, p) in prepared.iter().enumerate() {
        if let Prepared::Pending(pending) = p {
            batches
                .entry(pending.checked.version.clone())
                .or_default()
                .push(index);
        }
    }
    let mut answers: Vec<Option<Option<Result<Read, Failure>>>> =
        (0..prepared.len()).map(|_| None).collect();
    for (version, indices) in &batches {
        let requests: Vec<(String, String)> = indices
            .iter()
            .filter_map(|&i| match &prepared[i] {
                Prepared::Pending(p) => Some((p.type_name.clone(), p.example.body.clone())),
                Prepared::Done(_) => None,
            })
            .collect();
        let results = models.read_back(version, &requests)?;
        if results.len() != requests.len() {
            return Err(format!(
                "the {version} models answered {} of {} examples",
                results.len(),
                requests.len()
            ));
        }
        for (&i, result) in indices.iter().zip(results) {
            answers[i] = Some(result);
        }
    }
    Ok(prepared
        .into_iter()
        .zip(answers)
        .map(|(p, answer)| match p {
            Prepared::Done(checked) => checked,
            Prepared::Pending(pending) => {
                let schema = options.guess_from.get(&pending.checked.version);
                judge(
                    pending,
                    answer.flatten(),
                    schema,
                    options.pages_root.as_deref(),
                )
            }
        })
        .collect())
}

/// Everything decided before the models are asked: no body, not JSON content, invalid JSON,
/// no type.
fn prepare(version: &str, example: &ResponseExample, guesser: Option<&TypeGuesser>) -> Prepared {
    let mut checked = Checked {
        file: example.file.clone(),
        line: example.line,
        version: version.to_string(),
        type_name: None,
        type_guessed: false,
        verdict: Verdict::Skipped(String::new()),
        problems: Vec::new(),
        coverage: None,
    };
    if example.body.trim().is_empty() {
        checked.verdict = Verdict::Skipped("no body".into());
        return Prepared::Done(checked);
    }
    if let Some(content_type) = non_json_content_type(example) {
        checked.verdict = Verdict::Skipped(format!("content type `{content_type}` is not JSON"));
        return Prepared::Done(checked);
    }
    if let Some(element) = &example.odata_type {
        checked.type_name = Some(if example.is_collection {
            format!("Collection({element})")
        } else {
            element.clone()
        });
    }
    let input: serde_json::Value = match serde_json::from_str(&example.body) {
        Ok(value) => value,
        Err(error) => {
            let (line, column) = position::of_syntax_error(example, &error);
            checked.problems.push(position::diagnostic(
                example,
                Severity::Error,
                codes::EXAMPLE_INVALID_JSON,
                (line, column),
                format!("invalid JSON: {}", probe::strip_location(&error)),
            ));
            checked.verdict = Verdict::InvalidJson;
            return Prepared::Done(checked);
        }
    };
    let type_name = match (checked.type_name.clone(), guesser) {
        (Some(annotated), _) => annotated,
        (None, Some(guesser)) => match guesser.guess(&input) {
            Some(name) => {
                checked.type_guessed = true;
                name
            }
            None => {
                checked.verdict =
                    Verdict::Skipped("no `@odata.type`, and no model type fits every key".into());
                return Prepared::Done(checked);
            }
        },
        (None, None) => {
            checked.verdict = Verdict::Skipped("no `@odata.type` annotation".into());
            return Prepared::Done(checked);
        }
    };
    checked.type_name = Some(type_name.clone());
    Prepared::Pending(Pending {
        checked,
        example: example.clone(),
        input,
        type_name,
    })
}

/// The verdict on what the models made of one example. `schema` (the IR the models were
/// generated from) names the Graph type of each untyped key, and `pages` (the directory its
/// source paths are relative to) lets each be looked up on its type's page.
fn judge(
    pending: Pending,
    result: Option<Result<Read, Failure>>,
    schema: Option<&Schema>,
    pages: Option<&Path>,
) -> Checked {
    let Pending {
        mut checked,
        example,
        input,
        type_name,
    } = pending;
    let version = checked.version.clone();
    let Some(result) = result else {
        checked.verdict = Verdict::Skipped(format!("`{type_name}` is not in the {version} models"));
        return checked;
    };
    // Findings about values are shown where the value starts in the page; a key the model
    // added has no place in the input, so it is shown at its closest ancestor.
    let texts = numbers::JsonTexts::of(&example.body);
    let offsets = &texts.offsets;
    let at_path = |path: &str, severity, code: &str, message: String| {
        let mut key = path;
        let offset = loop {
            if let Some(offset) = offsets.get(key) {
                break *offset;
            }
            match key.rfind(['.', '[']) {
                Some(cut) if cut > 0 => key = &key[..cut],
                _ => break 0,
            }
        };
        let at = position::page_position(&example, offset);
        position::diagnostic(&example, severity, code, at, message)
    };
    let read = match result {
        Ok(read) => read,
        Err(failure) => {
            let at = position::in_page(&example, failure.line, failure.column);
            checked.problems.push(position::diagnostic(
                &example,
                Severity::Error,
                codes::EXAMPLE_NOT_READ,
                at,
                failure.message,
            ));
            checked.verdict = Verdict::Failed;
            return checked;
        }
    };
    checked.coverage = Some(coverage::of(&read, &type_name, &input, schema, pages));
    let output = read.output;
    let written: serde_json::Value = match serde_json::from_str(&output) {
        Ok(value) => value,
        Err(error) => {
            checked.problems.push(at_path(
                ".",
                Severity::Error,
                codes::EXAMPLE_WRITTEN_INVALID,
                format!("the model wrote invalid JSON: {error}"),
            ));
            checked.verdict = Verdict::Failed;
            return checked;
        }
    };
    let differences = compare::differences(&input, &written);
    let spelling = numbers::spelling_changes(&texts, &output);
    for change in &spelling {
        let (severity, code, what) = if change.same_value {
            (
                Severity::Note,
                codes::EXAMPLE_NUMBER_SPELLING,
                "number written back in another spelling",
            )
        } else if change.same_double {
            (
                Severity::Note,
                codes::EXAMPLE_NUMBER_SPELLING,
                "number written back as the same double in another spelling",
            )
        } else {
            (
                Severity::Error,
                codes::EXAMPLE_NUMBER_CHANGED,
                "number changed",
            )
        };
        checked.problems.push(at_path(
            &change.path,
            severity,
            code,
            format!(
                "{}: {what}: `{}` -> `{}`",
                change.path, change.before, change.after
            ),
        ));
    }
    for difference in differences {
        checked.problems.push(at_path(
            difference.path(),
            Severity::Error,
            codes::EXAMPLE_VALUE_CHANGED,
            difference.to_string(),
        ));
    }
    checked.verdict = if checked.problems.iter().any(Diagnostic::is_error) {
        Verdict::Failed
    } else {
        Verdict::RoundTripped
    };
    checked
}

/// The example's `Content-Type` when one is written and it is not JSON.
fn non_json_content_type(example: &ResponseExample) -> Option<&str> {
    let (_, value) = example
        .headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))?;
    let media = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let is_json = media.is_empty() || media.ends_with("/json") || media.ends_with("+json");
    (!is_json).then_some(value.as_str())
}

/// Markdown pages are read with the page parser; other text files are web renders.
fn is_markdown(file: &str, text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    walk::has_extension(Path::new(file), "md") || text.starts_with("---") || text.contains("<!-- {")
}

/// The pages below `path` (or `path` itself when it is a file): `.md` and `.txt` files, the
/// extension in any case, symbolic links followed (see [`graph_docs_parser::walk`]).
fn collect_files(path: &Path, out: &mut Vec<PathBuf>, unreadable: &mut Vec<(PathBuf, String)>) {
    if path.is_file() {
        out.push(path.to_path_buf());
        return;
    }
    let found = walk::walk(path, |file| {
        walk::has_extension(file, "md") || walk::has_extension(file, "txt")
    });
    out.extend(found.files);
    // A link loop is not followed and costs no page; only what could not be read is a problem.
    unreadable.extend(
        found
            .problems
            .into_iter()
            .filter(|p| p.kind == walk::WalkProblemKind::Unreadable)
            .map(|p| (p.path, p.message)),
    );
}
