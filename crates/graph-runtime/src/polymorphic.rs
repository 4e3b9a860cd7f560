//! [`Polymorphic`]: values of a base type or any type derived from it, chosen by `@odata.type`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, MapAccess, Visitor};
use serde::Deserializer;

use super::object::{
    has_tag, read_entries, read_entry, second_tag, EntrySink, Key, ReplayEntry, TagValue,
    ODATA_TYPE,
};
use super::{AdditionalProperties, GraphObject};

/// An enum over a base type, every type derived from it, and an unknown-type fallback.
///
/// Generated code implements this for each `Any*` enum; [`deserialize_polymorphic`] dispatches.
pub trait Polymorphic: Sized {
    /// The root of the hierarchy (e.g. `Identity`).
    type Base: GraphObject;

    /// The qualified name of every variant's type, the base's included (the names
    /// [`Polymorphic::from_tag`] and [`Polymorphic::deserialize_tagged`] match), e.g.
    /// `["microsoft.graph.identity", "microsoft.graph.userIdentity"]`.
    ///
    /// Real payloads carry tags such as `#Microsoft.Graph.userIdentity`. A tag that is none of
    /// these names exactly but is one of them ignoring ASCII case (exactly one) is dispatched as
    /// that name, and the variant keeps the tag's own text, so it is written back as received.
    /// The default, no names, dispatches such a tag to the unknown variant.
    const TAG_NAMES: &'static [&'static str] = &[];

    /// The base variant holding `base` (no `@odata.type`, or the base's own tag).
    fn from_base(base: Self::Base) -> Self;

    /// An empty value for the raw tag as received: the variant whose qualified name equals the
    /// tag without one leading `#`, or the unknown variant. The raw tag is stored in it, except
    /// in a derived variant when it is that variant's own canonical tag
    /// (`set_variant_tag`).
    fn from_tag(raw: String) -> Self;

    /// Moves the base's known properties into `self` (fresh from [`Polymorphic::from_tag`]) and
    /// returns the base's additional properties, which the caller replays into `self`.
    fn merge_base(&mut self, base: Self::Base) -> AdditionalProperties;

    /// Additional properties of the current variant.
    fn additional_properties_mut(&mut self) -> &mut AdditionalProperties;

    /// Reads known property `key` of the current variant; `Ok(false)` if it is not known.
    fn deserialize_property<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error>;

    /// Records the raw tag on the current variant (a derived variant through
    /// `set_variant_tag`).
    fn set_odata_type(&mut self, raw: String);

    /// Reads the rest of an object whose first key was the tag `raw` into the variant it names.
    ///
    /// Generated impls match the tag once and read the remaining keys straight into the variant's
    /// struct ([`deserialize_tagged_object`](super::deserialize_tagged_object)); this default
    /// goes through [`Polymorphic::from_tag`] and dispatches on the variant for every key.
    fn deserialize_tagged<'de, A: MapAccess<'de>>(
        raw: String,
        map: &mut A,
    ) -> Result<Self, A::Error> {
        let mut variant = Variant(Self::from_tag(raw));
        read_entries(&mut variant, map)?;
        Ok(variant.0)
    }
}

/// Adapts a [`Polymorphic`] to the entry reader shared with plain structs.
struct Variant<P>(P);

impl<P: Polymorphic> EntrySink for Variant<P> {
    fn has_tag(&self) -> bool {
        // A variant is only ever made from a tag (`from_tag`).
        true
    }
    fn set_odata_type(&mut self, raw: String) {
        self.0.set_odata_type(raw)
    }
    fn additional_properties_mut(&mut self) -> &mut AdditionalProperties {
        self.0.additional_properties_mut()
    }
    fn deserialize_property<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        self.0.deserialize_property(key, map)
    }
}

/// Deserializes a JSON object into the variant its `@odata.type` names.
///
/// When the tag comes first (as Graph writes it) the variant is chosen at once and every key
/// streams into it. Otherwise keys stream into the base type; a tag found later moves those
/// fields into the chosen variant and replays the ones the base did not know. A known subtype
/// whose fields do not fit is an error, never a silent fallback to the base.
pub fn deserialize_polymorphic<'de, P: Polymorphic, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<P, D::Error> {
    deserializer.deserialize_map(PolymorphicVisitor::<P>(PhantomData))
}

struct PolymorphicVisitor<P>(PhantomData<P>);

impl<'de, P: Polymorphic> Visitor<'de> for PolymorphicVisitor<P> {
    type Value = P;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "a JSON object ({} or a derived type)",
            <P::Base as GraphObject>::QUALIFIED_NAME
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<P, A::Error> {
        // The tag first, as Graph writes it: one match on the tag, then every key streams into
        // the variant's own struct.
        let mut base = match map.next_key::<Key>()? {
            None => return Ok(P::from_base(P::Base::default())),
            Some(Key(key)) if key == ODATA_TYPE => match map.next_value::<TagValue>()? {
                TagValue::Tag(raw) => {
                    return match case_variant(P::TAG_NAMES, &raw) {
                        None => P::deserialize_tagged(raw, &mut map),
                        Some(name) => {
                            let mut value = P::deserialize_tagged(format!("#{name}"), &mut map)?;
                            value.set_odata_type(raw);
                            Ok(value)
                        }
                    }
                }
                TagValue::Other(other) => {
                    let mut base = P::Base::default();
                    GraphObject::additional_properties_mut(&mut base)
                        .insert_unknown(ODATA_TYPE.to_owned(), other);
                    base
                }
            },
            Some(Key(key)) => {
                let mut base = P::Base::default();
                read_entry(&mut base, &key, &mut map)?;
                base
            }
        };
        // The tag later, or not at all: keys stream into the base until the tag turns up.
        while let Some(Key(key)) = map.next_key()? {
            if key == ODATA_TYPE {
                if has_tag(&base) {
                    return Err(second_tag());
                }
                match map.next_value::<TagValue>()? {
                    TagValue::Tag(raw) => {
                        let mut variant = Variant(match case_variant(P::TAG_NAMES, &raw) {
                            None => P::from_tag(raw),
                            Some(name) => {
                                let mut value = P::from_tag(format!("#{name}"));
                                value.set_odata_type(raw);
                                value
                            }
                        });
                        let seen = variant.0.merge_base(base);
                        replay::<P, A::Error>(&mut variant.0, seen)?;
                        read_entries(&mut variant, &mut map)?;
                        return Ok(variant.0);
                    }
                    TagValue::Other(other) => {
                        GraphObject::additional_properties_mut(&mut base)
                            .insert_unknown(ODATA_TYPE.to_owned(), other);
                    }
                }
            } else {
                read_entry(&mut base, &key, &mut map)?;
            }
        }
        Ok(P::from_base(base))
    }
}

/// Reads properties buffered before the tag was known into the chosen variant.
fn replay<P: Polymorphic, E: de::Error>(
    variant: &mut P,
    seen: AdditionalProperties,
) -> Result<(), E> {
    for (key, value) in seen.into_unknowns() {
        let mut entry = ReplayEntry::new(value);
        let known = variant
            .deserialize_property(&key, &mut entry)
            .map_err(|e| E::custom(format_args!("{key}: {e}")))?;
        if !known {
            if let Some(value) = entry.into_unread() {
                variant
                    .additional_properties_mut()
                    .insert_unknown(key, value);
            }
        }
    }
    Ok(())
}

/// The known name (of `names`, a [`Polymorphic::TAG_NAMES`]) that the tag `raw` names when it
/// differs from it only in ASCII case; `None` when it names one exactly, none, or several.
#[inline]
pub(crate) fn case_variant(names: &[&'static str], raw: &str) -> Option<&'static str> {
    if names.is_empty() {
        return None; // generated enums without names: nothing to compare
    }
    let name = tag_name(raw);
    let mut found = None;
    for &known in names {
        if known.len() != name.len() {
            continue;
        }
        // The exact name first: one `memcmp`, where the case-blind comparison walks every byte
        // of the tag Graph usually sends.
        if known == name {
            return None;
        }
        if known.eq_ignore_ascii_case(name) && found.replace(known).is_some() {
            return None; // two known names differ only in case: do not guess
        }
    }
    found
}

/// The tag without one leading `#`: the qualified name it names.
pub fn tag_name(raw: &str) -> &str {
    raw.strip_prefix('#').unwrap_or(raw)
}
