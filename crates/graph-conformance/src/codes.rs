//! The stable codes of the example checker's diagnostics (`cargo xtask examples`), one per
//! verdict-bearing finding; each is reported at its position in the page.

/// The body is not JSON (error).
pub const EXAMPLE_INVALID_JSON: &str = "example-invalid-json";
/// The models could not read the body as its type; the message has the JSON path (error).
pub const EXAMPLE_NOT_READ: &str = "example-not-read";
/// The models wrote back text that is not JSON (error; a defect of the models).
pub const EXAMPLE_WRITTEN_INVALID: &str = "example-written-invalid";
/// A value was lost, added or changed by the round trip (error).
pub const EXAMPLE_VALUE_CHANGED: &str = "example-value-changed";
/// A number came back as another value (error).
pub const EXAMPLE_NUMBER_CHANGED: &str = "example-number-changed";
/// A number came back as the same value in another spelling, `1E2` -> `100.0`, or as the same
/// double when the example has more digits than one holds (note).
pub const EXAMPLE_NUMBER_SPELLING: &str = "example-number-spelling";
