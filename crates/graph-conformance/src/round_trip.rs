//! The curated models, linked in: reads an example body into the model type the registry
//! names and writes it back ([`crate::probe::read_back`]).

use graph_models::{beta, v1_0};

use crate::probe::{self, Failure, Read};
use crate::Models;

/// Reads `body` as the `version` model for `type_name` and writes it back. `None` when the
/// models of `version` have no such type.
pub(crate) fn through_model(
    version: &str,
    type_name: &str,
    body: &str,
) -> Option<Result<Read, Failure>> {
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
    type Output = Result<Read, Failure>;
    fn visit<T: serde::Serialize + serde::de::DeserializeOwned>(self) -> Self::Output {
        probe::read_back::<T>(self.body)
    }
}

/// The curated `graph-models` crate, in this process.
#[derive(Clone, Copy, Debug, Default)]
pub struct Curated;

impl Models for Curated {
    fn read_back(
        &mut self,
        version: &str,
        requests: &[(String, String)],
    ) -> Result<Vec<Option<Result<Read, Failure>>>, String> {
        Ok(requests
            .iter()
            .map(|(type_name, body)| through_model(version, type_name, body))
            .collect())
    }
}
