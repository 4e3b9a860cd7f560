//! The pages of one Graph version -> one [`Schema`]: duplicates settled, names resolved across
//! pages (case-insensitively, then through parent namespaces), inheritance checked, inherited
//! rows dropped from derived types, kinds decided.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use graph_ir::{Diagnostic, Operation, Schema, Source, TypeDef, TypeKind, TypeRef};

use crate::codes;
use crate::merge::WordType;
use crate::page::Page;

/// Assembles the pages of `version` (others are skipped). Pages are taken in path order, so
/// the result does not depend on the order given. Diagnostics point at the pages' `file`.
pub fn assemble(version: &str, pages: &[Page]) -> (Schema, Vec<Diagnostic>) {
    let defined = defined_names(pages);
    assemble_taking(version, &mut pages.to_vec(), &defined)
}

/// The simple names of every type and enum `pages` define, in any version, by their lower
/// case: a word none of them spells names no type (see [`settle_words`]). The value is a
/// spelling some page gives (not only a lower-case anchor), for [`spell_as_used`].
pub(crate) fn defined_names(pages: &[Page]) -> HashMap<String, String> {
    let mut names = HashMap::new();
    for page in pages {
        let types = page.types.iter().map(|t| t.name.as_str());
        for name in types.chain(page.enums.iter().map(|e| e.name.as_str())) {
            let simple = crate::doc_type::simple_name(name);
            let spelled = !page.names_from_anchors.iter().any(|a| a == name);
            let entry = names
                .entry(simple.to_ascii_lowercase())
                .or_insert_with(|| simple.to_string());
            if spelled && *entry == entry.to_ascii_lowercase() {
                *entry = simple.to_string();
            }
        }
    }
    names
}

/// [`assemble`], moving the types and enums of `version`'s pages into the schema instead of
/// copying them (a tree parse has no other use for them; copying was a tenth of assembling).
/// `defined` is [`defined_names`] of every page of the tree, taken before any version.
pub(crate) fn assemble_taking(
    version: &str,
    pages: &mut [Page],
    defined: &HashMap<String, String>,
) -> (Schema, Vec<Diagnostic>) {
    let mut pages: Vec<&mut Page> = pages.iter_mut().filter(|p| p.version == version).collect();
    pages.sort_by(|a, b| a.file.cmp(&b.file));
    let mut schema = Schema::new(version);
    let mut diagnostics = Vec::new();
    // Every definition of each type, in path order, with whether its page is the type's own.
    let mut definitions: BTreeMap<String, Vec<(TypeDef, bool)>> = BTreeMap::new();
    // `(type, page)` of every `"openType": false` written out.
    let mut closed: BTreeSet<(String, String)> = BTreeSet::new();
    for page in &mut pages {
        for name in &page.closed_explicitly {
            closed.insert((name.clone(), page.file.clone()));
        }
        for ty in std::mem::take(&mut page.types) {
            let own = is_own_page(&ty.name, &page.file, &page.title);
            definitions
                .entry(ty.name.clone())
                .or_default()
                .push((ty, own));
        }
    }
    for (name, defs) in definitions {
        schema
            .types
            .insert(name, settle_duplicates(defs, &mut diagnostics));
    }
    for page in &mut pages {
        for en in std::mem::take(&mut page.enums) {
            match schema.enums.get(&en.name) {
                Some(first) => diagnostics.push(duplicate(&en.name, &en.source, &first.source)),
                None => {
                    schema.enums.insert(en.name.clone(), en);
                }
            }
        }
        if let Some(api) = &page.api {
            let mut response_types: Vec<TypeRef> = Vec::new();
            for response in &api.responses {
                if let Some(name) = &response.odata_type {
                    let element = TypeRef::named(crate::doc_type::qualify(name, &page.namespace));
                    let ty = if response.is_collection {
                        TypeRef::collection_of(&element)
                    } else {
                        element
                    };
                    if !response_types.contains(&ty) {
                        response_types.push(ty);
                    }
                }
            }
            schema.operations.push(Operation {
                title: api.title.clone(),
                requests: api.requests.clone(),
                response_types,
                source: Source {
                    file: page.file.clone(),
                    line: 1,
                },
            });
        }
    }
    let from_anchors: Vec<String> = pages
        .iter()
        .flat_map(|p| p.names_from_anchors.iter().cloned())
        .collect();
    spell_as_used(&mut schema, &from_anchors, defined, &mut diagnostics);
    let names = NameIndex::new(&schema);
    let words: Vec<&WordType> = pages.iter().flat_map(|p| &p.word_types).collect();
    settle_words(&mut schema, &names, &words, defined, &mut diagnostics);
    resolve_names(&mut schema, &names, &mut diagnostics);
    break_cycles(&mut schema, &mut diagnostics);
    inherit_openness(&mut schema, &closed, &mut diagnostics);
    decide_kinds(&mut schema);
    drop_inherited(&mut schema, &mut diagnostics);
    check_keys_and_navigation(&mut schema, &mut diagnostics);
    flag_unstated_bases(&schema, &mut diagnostics);
    for operation in &mut schema.operations {
        for ty in &mut operation.response_types {
            if let Some(resolved) = names.resolve_ref(ty) {
                *ty = resolved;
            }
        }
    }
    diagnostics.sort();
    (schema, diagnostics)
}

/// Enums a translated heading named only by its lower-case anchor (`mailboxrecipienttype`)
/// take the spelling the version's properties use for them (`mailboxRecipientType`), the most
/// common one when they differ; unused ones take the spelling a page of another version gives
/// them, else stay as the anchor spells them. One that another page of this version defines
/// with its real spelling is that enum again (a `type-duplicate`).
fn spell_as_used(
    schema: &mut Schema,
    from_anchors: &[String],
    defined: &HashMap<String, String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if from_anchors.is_empty() {
        return;
    }
    for anchor in from_anchors {
        let spelled = schema
            .enums
            .keys()
            .find(|k| k.eq_ignore_ascii_case(anchor) && *k != anchor)
            .cloned();
        if let Some(spelled) = spelled {
            if let Some(again) = schema.enums.remove(anchor) {
                diagnostics.push(duplicate(
                    &spelled,
                    &again.source,
                    &schema.enums[&spelled].source,
                ));
            }
        }
    }
    let wanted: HashMap<String, &str> = from_anchors
        .iter()
        .map(|n| (n.to_ascii_lowercase(), n.as_str()))
        .collect();
    let mut spellings: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for property in schema.types.values().flat_map(|t| &t.properties) {
        let element = property.ty.element_name();
        if let Some(anchor) = wanted.get(&element.to_ascii_lowercase()) {
            *spellings
                .entry(anchor)
                .or_default()
                .entry(element)
                .or_default() += 1;
        }
    }
    let mut renames: Vec<(String, String)> = spellings
        .into_iter()
        .filter_map(|(anchor, used)| {
            let (best, _) = used
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))?;
            (best != anchor).then(|| (anchor.to_string(), best.to_string()))
        })
        .collect();
    for anchor in from_anchors {
        if renames.iter().any(|(a, _)| a == anchor) {
            continue;
        }
        let (namespace, simple) = anchor.rsplit_once('.').unwrap_or(("", anchor));
        if let Some(spelled) = defined.get(&simple.to_ascii_lowercase()) {
            if spelled != simple {
                renames.push((anchor.clone(), format!("{namespace}.{spelled}")));
            }
        }
    }
    for (anchor, spelled) in renames {
        if schema.enums.contains_key(&spelled) {
            continue;
        }
        if let Some(mut def) = schema.enums.remove(&anchor) {
            def.name.clone_from(&spelled);
            schema.enums.insert(spelled, def);
        }
    }
}

/// A property typed by a plain word (`Url`, `read`, `Booliano`) or by a link text that does not
/// spell its target (`[ID](identity.md)`) keeps that type when some page defines it; when no
/// page of the tree defines the word in any version, it names no type (a translated primitive,
/// a sample value, a translated link text) and the property reads as the link's target, the
/// other side's type or `Edm.Untyped`, with a `type-word-undefined` warning.
fn settle_words(
    schema: &mut Schema,
    names: &NameIndex,
    words: &[&WordType],
    defined: &HashMap<String, String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for word in words {
        let element = word.word.element_name();
        let simple = crate::doc_type::simple_name(element).to_ascii_lowercase();
        if names.resolve(element).is_some() || defined.contains_key(&simple) {
            continue;
        }
        let Some(ty) = schema.types.get_mut(&word.owner) else {
            continue;
        };
        let Some(property) = ty
            .properties
            .iter_mut()
            .find(|p| p.name == word.property && p.ty == word.word)
        else {
            continue;
        };
        let instead_element = word.instead.element_name();
        let usable = word.instead.primitive().is_some()
            || instead_element.starts_with("Edm.")
            || names.resolve(instead_element).is_some();
        let instead = if usable {
            word.instead.clone()
        } else {
            let untyped = graph_ir::Primitive::Untyped.type_ref();
            if word.instead.is_collection() {
                TypeRef::collection_of(&untyped)
            } else {
                untyped
            }
        };
        diagnostics.push(at(&property.source, codes::TYPE_WORD_UNDEFINED, format!(
            "property `{}` of `{}` is typed `{}`, a word no page defines as a type or enum in any version (translated, or a sample value); expected a type name (read as `{instead}`)",
            property.name, ty.name, property.ty)));
        property.ty = instead;
    }
}

fn duplicate(name: &str, again: &Source, first: &Source) -> Diagnostic {
    Diagnostic::warning(
        codes::TYPE_DUPLICATE,
        &again.file,
        again.line,
        1,
        format!(
            "`{name}` is defined again here; expected one definition (kept the one at {}:{})",
            first.file, first.line
        ),
    )
}

/// Whether a page defining `name` is the type's own page: its file name or its title names
/// the type (`user.md`, "user resource type" for `microsoft.graph.user`), not another page
/// that merely repeats it (`intune-devices-user.md`).
fn is_own_page(name: &str, file: &str, title: &str) -> bool {
    let simple = crate::doc_type::simple_name(name);
    let stem = file
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(file)
        .rsplit_once('.')
        .map_or(file, |(stem, _)| stem);
    if stem.eq_ignore_ascii_case(simple) {
        return true;
    }
    let first_word = title
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_ascii_alphanumeric());
    first_word.eq_ignore_ascii_case(simple) && file_names_no_other_area(stem, simple)
}

/// A file stem that is not the type's name may still be its own page when it only spells the
/// name differently (`b2c-identity-userflow`), but not when it adds an area prefix before the
/// full name (`intune-devices-user` for `user`).
fn file_names_no_other_area(stem: &str, simple: &str) -> bool {
    let stem = stem.to_ascii_lowercase();
    let simple = simple.to_ascii_lowercase();
    !(stem.ends_with(&format!("-{simple}")) || stem.ends_with(&format!("_{simple}")))
}

/// One definition out of every page's: the type's own page wins (else the first in path
/// order); other pages' extra properties are merged in, each other page a `type-duplicate`
/// warning naming both, each property they type differently a `type-duplicate-conflict`.
fn settle_duplicates(mut defs: Vec<(TypeDef, bool)>, diagnostics: &mut Vec<Diagnostic>) -> TypeDef {
    let winner_index = defs.iter().position(|(_, own)| *own).unwrap_or(0);
    let (mut winner, _) = defs.remove(winner_index);
    for (other, _) in defs {
        let mut merged = Vec::new();
        for property in other.properties {
            match winner.properties.iter().find(|p| p.name == property.name) {
                Some(kept) => {
                    if kept.ty != property.ty {
                        diagnostics.push(Diagnostic::warning(
                            codes::TYPE_DUPLICATE_CONFLICT,
                            &property.source.file,
                            property.source.line,
                            1,
                            format!(
                                "property `{}` of `{}` is `{}` here but `{}` at {}:{}; expected one type (kept `{}` from the type's page)",
                                property.name, winner.name, property.ty, kept.ty,
                                kept.source.file, kept.source.line, kept.ty
                            ),
                        ));
                    }
                }
                None => {
                    merged.push(property.name.clone());
                    winner.properties.push(property);
                }
            }
        }
        if winner.base.is_none() {
            winner.base = other.base;
        }
        if winner.key.is_none() {
            winner.key = other.key;
        }
        let merged = if merged.is_empty() {
            String::new()
        } else {
            format!(
                "; merged in this page's {}",
                merged
                    .iter()
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        diagnostics.push(Diagnostic::warning(
            codes::TYPE_DUPLICATE,
            &other.source.file,
            other.source.line,
            1,
            format!(
                "`{}` is defined again here; expected one definition (kept the one at {}:{}{merged})",
                winner.name, winner.source.file, winner.source.line
            ),
        ));
    }
    winner
}

/// Known type and enum names by lower-case spelling.
struct NameIndex {
    by_lower: HashMap<String, String>,
}

impl NameIndex {
    fn new(schema: &Schema) -> Self {
        let mut by_lower = HashMap::new();
        for name in schema.enums.keys().chain(schema.types.keys()) {
            by_lower.insert(name.to_ascii_lowercase(), name.clone());
        }
        NameIndex { by_lower }
    }

    /// The canonical spelling of `name`: exact or case-insensitive, then the same simple name
    /// in each parent namespace (`microsoft.graph.security.identity` -> `microsoft.graph.identity`).
    fn resolve(&self, name: &str) -> Option<String> {
        let (mut namespace, simple) = name.rsplit_once('.')?;
        let mut candidate = String::with_capacity(name.len());
        loop {
            candidate.clear();
            candidate.push_str(namespace);
            candidate.push('.');
            candidate.push_str(simple);
            candidate.make_ascii_lowercase();
            if let Some(found) = self.by_lower.get(&candidate) {
                return Some(found.clone());
            }
            if namespace.len() <= "microsoft.graph".len() {
                return None;
            }
            namespace = namespace.rsplit_once('.')?.0;
        }
    }

    fn resolve_ref(&self, ty: &TypeRef) -> Option<TypeRef> {
        let element = ty.element_name();
        if ty.primitive().is_some() || element.starts_with("Edm.") {
            return None;
        }
        let resolved = TypeRef::named(self.resolve(element)?);
        Some(if ty.is_collection() {
            TypeRef::collection_of(&resolved)
        } else {
            resolved
        })
    }
}

fn resolve_names(schema: &mut Schema, names: &NameIndex, diagnostics: &mut Vec<Diagnostic>) {
    for ty in schema.types.values_mut() {
        if let Some(base) = &mut ty.base {
            match names.resolve(&base.name) {
                Some(found) if schema_has_type(&names.by_lower, &found) => {
                    if found != base.name && found.eq_ignore_ascii_case(&base.name) {
                        diagnostics.push(at(&ty.source, codes::TYPE_NAME_CASE, format!(
                            "base type of `{}` is written `{}`; expected `{found}` (normalised)", ty.name, base.name)));
                    }
                    base.name = found;
                }
                _ => diagnostics.push(at(&ty.source, codes::BASE_TYPE_UNKNOWN, format!(
                    "base type `{}` of `{}` has no page in this version; expected a defined type (kept as written)", base.name, ty.name))),
            }
        }
        for property in &mut ty.properties {
            let element = property.ty.element_name();
            if element.starts_with("Edm.") {
                continue;
            }
            match names.resolve_ref(&property.ty) {
                Some(resolved) => property.ty = resolved,
                None => diagnostics.push(at(&property.source, codes::TYPE_UNRESOLVED, format!(
                    "property `{}` of `{}` refers to `{element}`, which has no page in this version; expected a defined type or enum (kept as written)",
                    property.name, ty.name))),
            }
        }
    }
}

fn schema_has_type(by_lower: &HashMap<String, String>, name: &str) -> bool {
    by_lower.contains_key(&name.to_ascii_lowercase())
}

fn at(source: &Source, code: &str, message: String) -> Diagnostic {
    Diagnostic::warning(code, &source.file, source.line, 1, message)
}

/// Removes one base link from every cycle (the one of the cycle's first type by name).
fn break_cycles(schema: &mut Schema, diagnostics: &mut Vec<Diagnostic>) {
    let names: Vec<String> = schema.types.keys().cloned().collect();
    for name in names {
        let mut seen = BTreeSet::new();
        let mut current = name.clone();
        let mut cycle = false;
        while let Some(base) = schema
            .types
            .get(&current)
            .and_then(|t| t.base.as_ref())
            .map(|b| b.name.clone())
        {
            if !seen.insert(current.clone()) {
                break;
            }
            if base == name {
                cycle = true;
                break;
            }
            current = base;
        }
        if cycle {
            if let Some(ty) = schema.types.get_mut(&name) {
                let chain: Vec<&str> = seen.iter().map(String::as_str).collect();
                diagnostics.push(Diagnostic::error(
                    codes::BASE_TYPE_CYCLE,
                    &ty.source.file,
                    ty.source.line,
                    1,
                    format!("base types form a cycle through {}; expected a chain that ends (the base of `{name}` was dropped)", chain.join(", ")),
                ));
                ty.base = None;
            }
        }
    }
}

/// OData: a type derived from an open type is open. A page that says `"openType": false` for
/// such a type contradicts its base: a warning, and the type is open all the same.
fn inherit_openness(
    schema: &mut Schema,
    closed: &BTreeSet<(String, String)>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let opened: Vec<(String, String)> = schema
        .types
        .iter()
        .filter(|(_, ty)| !ty.open)
        .filter_map(|(name, _)| {
            schema
                .ancestors(name)
                .iter()
                .find(|a| a.open)
                .map(|a| (name.clone(), a.name.clone()))
        })
        .collect();
    for (name, open_base) in opened {
        let Some(ty) = schema.types.get_mut(&name) else {
            continue;
        };
        ty.open = true;
        if closed.contains(&(name.clone(), ty.source.file.clone())) {
            diagnostics.push(at(&ty.source, codes::OPEN_TYPE_CONTRADICTED, format!(
                "`{name}` says `\"openType\": false`, but it derives from open type `{open_base}`; expected no `openType` or `true`, as OData makes every type derived from an open type open (read as open)")));
        }
    }
}

fn decide_kinds(schema: &mut Schema) {
    let entity: BTreeSet<String> = schema
        .types
        .keys()
        .filter(|name| {
            let own = &schema.types[*name];
            own.key.is_some() || schema.ancestors(name).iter().any(|a| a.key.is_some())
        })
        .cloned()
        .collect();
    for (name, ty) in &mut schema.types {
        ty.kind = if entity.contains(name) {
            TypeKind::Entity
        } else {
            TypeKind::Complex
        };
    }
}

/// Tables of derived types repeat inherited rows ("Inherited from identity"); the IR keeps
/// own properties only, so those rows are dropped, with a warning when the types differ.
fn drop_inherited(schema: &mut Schema, diagnostics: &mut Vec<Diagnostic>) {
    let inherited: BTreeMap<String, HashMap<String, TypeRef>> = schema
        .types
        .keys()
        .map(|name| {
            let props = schema
                .ancestors(name)
                .iter()
                .flat_map(|a| a.properties.iter())
                .map(|p| (p.name.clone(), p.ty.clone()))
                .collect();
            (name.clone(), props)
        })
        .collect();
    for (name, ty) in &mut schema.types {
        let from_bases = &inherited[name];
        if from_bases.is_empty() {
            continue;
        }
        ty.properties.retain(|p| match from_bases.get(&p.name) {
            None => true,
            Some(base_ty) => {
                if *base_ty != p.ty {
                    diagnostics.push(at(&p.source, codes::PROPERTY_INHERITED_MISMATCH, format!(
                        "`{name}` lists inherited property `{}` as `{}`, but its base declares `{base_ty}`; the base's declaration was kept",
                        p.name, p.ty)));
                }
                false
            }
        });
    }
}

fn check_keys_and_navigation(schema: &mut Schema, diagnostics: &mut Vec<Diagnostic>) {
    for (name, ty) in &schema.types {
        if let Some(key) = &ty.key {
            if !schema.all_properties(name).iter().any(|p| &p.name == key) {
                diagnostics.push(at(&ty.source, codes::KEY_PROPERTY_UNKNOWN, format!(
                    "`keyProperty` of `{name}` is `{key}`, which is not a property of it or its bases; expected one of its properties")));
            }
        }
        if ty.kind == TypeKind::Complex {
            if let Some(nav) = ty.properties.iter().find(|p| p.navigation) {
                diagnostics.push(at(&nav.source, codes::NAVIGATION_ON_COMPLEX, format!(
                    "complex type `{name}` has navigation property `{}`; expected relationships only on entity types", nav.name)));
            }
        }
    }
    // Keys inherited from a base (entity.id) are not nullable either.
    let keys: BTreeMap<String, String> = schema
        .types
        .iter()
        .filter_map(|(n, t)| t.key.clone().map(|k| (n.clone(), k)))
        .collect();
    for (name, key) in keys {
        if let Some(ty) = schema.types.get_mut(&name) {
            for p in ty.properties.iter_mut().filter(|p| p.name == key) {
                p.nullable = false;
            }
        }
    }
}

/// A type without a base that carries most properties of a type others derive from is
/// probably derived from it; the docs do not say so, so it stays baseless but is flagged.
fn flag_unstated_bases(schema: &Schema, diagnostics: &mut Vec<Diagnostic>) {
    let bases: BTreeSet<&str> = schema
        .types
        .values()
        .filter_map(|t| t.base.as_ref().map(|b| b.name.as_str()))
        .collect();
    let candidates: Vec<&TypeDef> = bases
        .iter()
        .filter_map(|b| schema.types.get(*b))
        .filter(|c| c.kind == TypeKind::Complex && c.base.is_none() && c.properties.len() >= 2)
        .collect();
    for ty in schema
        .types
        .values()
        .filter(|t| t.base.is_none() && t.kind == TypeKind::Complex)
    {
        let best = candidates
            .iter()
            .filter(|c| c.name != ty.name)
            .map(|c| {
                let shared: Vec<&str> = c
                    .properties
                    .iter()
                    .filter(|cp| {
                        ty.properties
                            .iter()
                            .any(|p| p.name == cp.name && p.ty == cp.ty)
                    })
                    .map(|cp| cp.name.as_str())
                    .collect();
                (c, shared)
            })
            .filter(|(c, shared)| shared.len() >= 2 && shared.len() * 2 >= c.properties.len())
            .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.name.cmp(&a.0.name)));
        if let Some((candidate, shared)) = best {
            diagnostics.push(at(&ty.source, codes::BASE_TYPE_UNSTATED, format!(
                "`{}` states no base type, yet declares {} of `{}`, which other types derive from; expected `baseType` or an \"Inherits from\" sentence if it derives from it (kept without a base)",
                ty.name, shared.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", "), candidate.name)));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::codes;
    use crate::tree::parse_pages_on;

    fn page(name: &str, body: &str) -> (String, String) {
        (format!("beta/resources/{name}.md"), body.to_string())
    }

    fn resource(ty: &str, prose: &str, rows: &str, json: &str) -> String {
        format!(
            "# <a name=\"x-resource-type\"></a>Тип ресурса {ty}\n\n{prose}\n\n## <a name=\"properties\"></a>Свойства\n\n|Свойство|Тип|Описание|\n|:--|:--|:--|\n{rows}\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{ty}\" }} -->\n```json\n{json}\n```\n"
        )
    }

    #[test]
    fn a_word_no_page_defines_is_no_type() {
        let pages = [
            page(
                "easel",
                &resource(
                    "easel",
                    "Мольберт.",
                    "|id|String|Ид.|\n|link|Url|Адрес.|\n|owner|[Benutzer](user.md)|Владелец.|\n|brush|paintBrush|Кисть.|\n|color|Booliano|Цвет.|",
                    "{ \"id\": \"String\", \"link\": \"String\", \"owner\": {\"@odata.type\": \"microsoft.graph.user\"}, \"brush\": \"String\", \"color\": \"Boolean\" }",
                ),
            ),
            page("user", &resource("user", "Пользователь.", "|id|String|Ид.|", "{ \"id\": \"String\" }")),
            // `paintBrush` has a page in another version only: still a type name.
            (
                "v1.0/resources/paintbrush.md".to_string(),
                resource("paintBrush", "Кисть.", "|id|String|Ид.|", "{ \"id\": \"String\" }"),
            ),
        ];
        let output = parse_pages_on(&pages, 1);
        let easel = &output.schemas["beta"].types["microsoft.graph.easel"];
        let typed: Vec<(&str, &str)> = easel
            .properties
            .iter()
            .map(|p| (p.name.as_str(), p.ty.as_str()))
            .collect();
        assert_eq!(
            typed,
            [
                ("id", "Edm.String"),
                ("link", "Edm.String"),
                ("owner", "microsoft.graph.user"),
                ("brush", "microsoft.graph.paintBrush"),
                ("color", "Edm.Boolean")
            ]
        );
        let undefined: Vec<&str> = output
            .diagnostics
            .iter()
            .filter(|d| d.code == codes::TYPE_WORD_UNDEFINED)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(undefined.len(), 3, "{undefined:#?}");
        assert!(undefined
            .iter()
            .any(|m| m.contains("`microsoft.graph.Booliano`")));
    }

    #[test]
    fn an_enum_named_by_its_anchor_takes_the_spelling_its_users_give() {
        let enums = "### <a name=\"brushsize-values\"></a>Значения размера кисти\n\n|Member|\n|:--|\n|small|\n";
        let pages = [
            page("enums", enums),
            page(
                "easel",
                &resource(
                    "easel",
                    "Мольберт.",
                    "|size|brushSize|Размер.|",
                    "{ \"size\": \"String\" }",
                ),
            ),
        ];
        let output = parse_pages_on(&pages, 1);
        let schema = &output.schemas["beta"];
        assert!(
            schema.enums.contains_key("microsoft.graph.brushSize"),
            "{:?}",
            schema.enums.keys()
        );
        assert_eq!(
            schema.types["microsoft.graph.easel"].properties[0]
                .ty
                .as_str(),
            "microsoft.graph.brushSize"
        );
    }

    #[test]
    fn a_base_stated_by_a_link_in_translated_prose() {
        let pages = [
            page(
                "easel",
                &resource(
                    "easel",
                    "Наследуется [от стойки](stand.md).",
                    "|id|String|Ид.|",
                    "{ \"id\": \"String\" }",
                ),
            ),
            page(
                "stand",
                &resource(
                    "stand",
                    "Стойка.",
                    "|height|Int32|Высота.|",
                    "{ \"height\": \"Int32\" }",
                ),
            ),
        ];
        let output = parse_pages_on(&pages, 1);
        let easel = &output.schemas["beta"].types["microsoft.graph.easel"];
        let base = easel.base.as_ref().expect("the link names the base");
        assert_eq!(base.name, "microsoft.graph.stand");
        assert_eq!(base.origin, graph_ir::BaseOrigin::Prose);
    }
}
