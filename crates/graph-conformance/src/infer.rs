//! Web renders of API pages carry no annotations, so the type of their examples is guessed
//! from the body: the model type whose properties include every key of the body, the one with
//! the fewest properties when several do (an exact fit beats a base type with extras), and no
//! guess when that is still ambiguous.

use std::collections::BTreeSet;

use graph_ir::Schema;
use serde_json::Value;

/// Guesses registry names from bodies, with the structured types of one version's schema.
#[derive(Debug)]
pub struct TypeGuesser {
    /// Each type's qualified name and every property name it has (inherited ones too).
    types: Vec<(String, BTreeSet<String>)>,
}

impl TypeGuesser {
    /// Indexes the structured types of `schema`.
    pub fn new(schema: &Schema) -> TypeGuesser {
        let types = schema
            .types
            .keys()
            .map(|name| {
                let properties = schema
                    .all_properties(name)
                    .into_iter()
                    .map(|p| p.name.clone())
                    .collect();
                (name.clone(), properties)
            })
            .collect();
        TypeGuesser { types }
    }

    /// The registry name for `body`: `Collection(x)` for a `{"value": [...]}` envelope whose
    /// other keys are all `@odata.*`, else `x`. `None` when no type fits, or two fit equally.
    pub fn guess(&self, body: &Value) -> Option<String> {
        let object = body.as_object()?;
        let is_envelope = object.get("value").is_some_and(Value::is_array)
            && object.keys().all(|k| k == "value" || k.starts_with('@'));
        let mut keys = BTreeSet::new();
        if is_envelope {
            for item in object["value"].as_array()? {
                keys.extend(item.as_object()?.keys().filter(|k| !k.contains('@')));
            }
        } else {
            keys.extend(object.keys().filter(|k| !k.contains('@')));
        }
        if keys.is_empty() {
            return None;
        }
        let mut fits: Vec<(usize, &str)> = self
            .types
            .iter()
            .filter(|(_, properties)| keys.iter().all(|k| properties.contains(*k)))
            .map(|(name, properties)| (properties.len(), name.as_str()))
            .collect();
        fits.sort();
        let best = *fits.first()?;
        if fits.get(1).is_some_and(|next| next.0 == best.0) {
            return None;
        }
        Some(if is_envelope {
            format!("Collection({})", best.1)
        } else {
            best.1.to_string()
        })
    }
}
