//! Reads an example body into the model type the registry names, and writes it back.

use graph_models::{beta, v1_0};

/// Why a body did not fit its model type; the position is serde's, inside the body.
pub(crate) struct Failure {
    /// 1-based line inside the body.
    pub line: u32,
    /// serde's column (bytes) inside the body.
    pub column: u32,
    /// `path: serde message`, e.g. `value[0].identity.tenantId: invalid type: ...`.
    pub message: String,
}

/// Reads `body` as the `version` model for `type_name` and writes it back as JSON text.
/// `None` when the models of `version` have no such type.
pub(crate) fn through_model(
    version: &str,
    type_name: &str,
    body: &str,
) -> Option<Result<String, Failure>> {
    let visitor = ThroughModel { body };
    match version {
        "v1.0" => v1_0::registry::with_type(type_name, visitor),
        "beta" => beta::registry::with_type(type_name, visitor),
        _ => None,
    }
}

struct ThroughModel<'a> {
    body: &'a str,
}

impl graph_models::support::TypeVisitor for ThroughModel<'_> {
    type Output = Result<String, Failure>;
    fn visit<T: serde::Serialize + serde::de::DeserializeOwned>(self) -> Self::Output {
        round_trip::<T>(self.body)
    }
}

/// Deserializes straight from the text (so the models' streaming visitors are what is
/// exercised, not a detour through `serde_json::Value`), then serializes.
fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(
    body: &str,
) -> Result<String, Failure> {
    let mut deserializer = serde_json::Deserializer::from_str(body);
    let value: T = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.inner();
        let message = crate::position::strip_location(inner);
        Failure {
            line: inner.line() as u32,
            column: inner.column() as u32,
            message: if path == "." {
                message
            } else {
                format!("{path}: {message}")
            },
        }
    })?;
    deserializer.end().map_err(|error| Failure {
        line: error.line() as u32,
        column: error.column() as u32,
        message: crate::position::strip_location(&error),
    })?;
    serde_json::to_string(&value).map_err(|error| Failure {
        line: 1,
        column: 1,
        message: format!("the model could not write the value back: {error}"),
    })
}
