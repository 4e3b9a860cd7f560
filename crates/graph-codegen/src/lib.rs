//! The generator: Graph IR in, formatted Rust source files out.
//!
//! Layers, each usable on its own: [`naming`] (Rust names for Graph names), [`type_map`] (the
//! Rust type of a property), a planner that decides every name, type and `Box` and reports every
//! problem, then one emitter per construct ([`emit`]), parsed by syn and formatted by
//! prettyplease. The output follows docs/models-design.md and calls the runtime crate `graph_runtime`.
//!
//! ```
//! use graph_codegen::{generate, Options};
//! use graph_ir::Schema;
//!
//! let files = generate(&Schema::new("v1.0"), &Options::default()).unwrap();
//! assert_eq!(files.iter().map(|f| f.path.as_str()).collect::<Vec<_>>(), ["mod.rs", "registry.rs"]);
//! ```

mod cycles;
pub mod docs;
pub mod emit;
pub mod features;
mod name_table;
pub mod naming;
mod plan;
pub mod type_map;

use std::collections::BTreeSet;

use graph_ir::{Diagnostic, Schema};
use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use emit::gates::Gates;
use emit::module::{ModuleEmitter, RegistryEmitter, RegistryEntry};
use emit::namespaces::{NamespaceEmitter, NamespacedItem};
use emit::polymorphic::PolymorphicEmitter;
use emit::structs::StructEmitter;
use emit::wire_enum::WireEnumEmitter;
use plan::{EnumOrigin, Plan};

/// What to generate and how the output refers to its surroundings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Qualified names of the structured types and enums to emit (the closure the caller
    /// computed); `None` emits everything in the schema. A selected type that refers to a
    /// defined but unselected one is an error.
    pub types: Option<BTreeSet<String>>,
    /// The version label written in headers and module docs; the schema's version when `None`.
    pub version_label: Option<String>,
    /// Path of the runtime crate (or module) the generated files import as `support`:
    /// `graph_runtime`, the crate every generated models crate depends on.
    pub runtime_path: String,
    /// Give colliding names (types, fields, enum members) the first free numeric suffix and a
    /// `codegen-name-disambiguated` warning instead of failing: for whole docs trees, which
    /// nobody curates. Off for the curated crate, where a collision should be looked at.
    pub disambiguate: bool,
    /// Also emit a public module per namespace below `microsoft.graph` (`call_records`,
    /// `security`, ...) re-exporting its types under their names in the namespace
    /// (`call_records::Session` for `CallRecordsSession`).
    pub namespace_modules: bool,
    /// Threads that render files; `None` uses every available core. The output is the same
    /// for any count.
    pub threads: Option<std::num::NonZeroUsize>,
    /// Compile `registry.rs` (types by Graph name, for tools that check documentation
    /// examples) only under this Cargo feature, so a crate's users do not type-check it unless
    /// they ask; always compiled when `None`. Default: `registry`, which the crate's
    /// `Cargo.toml` must declare.
    pub registry_feature: Option<String>,
    /// Cargo features per workload ([`features::FeaturePlan::for_version`]): every item is
    /// compiled under its feature, and navigation fields and `Any*` variants of another
    /// workload's types under theirs. `None` compiles everything (the curated crate).
    pub features: Option<features::ItemFeatures>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            types: None,
            version_label: None,
            runtime_path: "graph_runtime".to_string(),
            disambiguate: false,
            namespace_modules: false,
            threads: None,
            registry_feature: Some("registry".to_string()),
            features: None,
        }
    }
}

/// One generated file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct GeneratedFile {
    /// Path relative to the version module's directory, e.g. `attendance_record.rs`, `mod.rs`.
    pub path: String,
    /// The file's text.
    pub contents: String,
}

/// What [`generate_reporting`] produces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// The files, sorted by path.
    pub files: Vec<GeneratedFile>,
    /// Problems that did not stop generation: one `codegen-type-undefined` warning listing every
    /// referenced type no page defines (kept as `serde_json::Value`), and with
    /// [`Options::disambiguate`] one `codegen-name-disambiguated` warning per renamed item.
    pub warnings: Vec<Diagnostic>,
    /// Rust items generated: structs, `Any*` enums and wire enums.
    pub items: usize,
}

/// Generates the version module for `schema`: one file per struct, `Any*` enum and enum, plus
/// `mod.rs` and `registry.rs`, sorted by path. Same input, same bytes.
///
/// All or nothing: on any error, every error diagnostic is returned and no file. Warnings are
/// dropped; [`generate_reporting`] returns them.
pub fn generate(schema: &Schema, options: &Options) -> Result<Vec<GeneratedFile>, Vec<Diagnostic>> {
    generate_reporting(schema, options).map(|output| output.files)
}

/// [`generate`], also returning the warnings and the number of items.
pub fn generate_reporting(schema: &Schema, options: &Options) -> Result<Output, Vec<Diagnostic>> {
    let version = options
        .version_label
        .clone()
        .unwrap_or_else(|| schema.version.clone());
    let runtime: syn::Path = syn::parse_str(&options.runtime_path).map_err(|e| {
        vec![Diagnostic::error(
            "codegen-bad-option",
            "<options>",
            1,
            1,
            format!(
                "runtime path `{}` is not a Rust path: {e}",
                options.runtime_path
            ),
        )]
    })?;
    let reserved_modules = if options.namespace_modules {
        schema
            .types
            .keys()
            .chain(schema.enums.keys())
            .filter_map(|name| naming::namespace_modules(name).into_iter().next())
            .collect()
    } else {
        BTreeSet::new()
    };
    let plan = plan::build(
        schema,
        options.types.as_ref(),
        options.disambiguate,
        &reserved_modules,
    )?;
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let import = if runtime
        .segments
        .last()
        .is_some_and(|s| s.ident == "support")
    {
        quote!(use #runtime;)
    } else {
        quote!(use #runtime as support;)
    };
    let threads = options
        .threads
        .map_or_else(available_cores, std::num::NonZeroUsize::get);
    let import = import.to_string();
    let gates = Gates::new(&plan, options.features.as_ref());
    let index_files = || render_index_files(&plan, &gates, options, &version, &import);
    let (item_files, index_files) =
        render_items(&plan, &gates, &version, &import, threads, index_files);
    for rendered in item_files.into_iter().chain(index_files) {
        match rendered {
            Ok(file) => files.push(file),
            Err(error) => errors.push(error),
        }
    }
    let item_count = plan.structs.len() + plan.polymorphics.len() + plan.enums.len();

    if errors.is_empty() {
        files.sort();
        Ok(Output {
            files,
            warnings: plan.warnings,
            items: item_count,
        })
    } else {
        Err(errors)
    }
}

/// Every item with the qualified name that places it in a namespace and its name there: the
/// Graph name's own (`Vehicle`, `AnyVehicle`) even when the version-wide name had to be
/// disambiguated; for inline enums, the version-wide name without the namespace prefix.
fn namespaced_items(plan: &Plan, gates: &Gates) -> Vec<NamespacedItem> {
    let item = |qualified: &String, rust: &String, alias: String| NamespacedItem {
        qualified: qualified.clone(),
        rust: rust.clone(),
        alias,
        feature: gates.feature_of(rust).map(str::to_string),
    };
    let structs = plan
        .structs
        .values()
        .map(|s| item(&s.qualified, &s.rust, naming::local_type_name(&s.qualified)));
    let polymorphics = plan.polymorphics.values().map(|p| {
        let alias = format!("Any{}", naming::local_type_name(&p.base_qualified));
        item(&p.base_qualified, &p.rust, alias)
    });
    let enums = plan.enums.values().map(|e| match &e.origin {
        EnumOrigin::Declared(qualified) => {
            item(qualified, &e.rust, naming::local_type_name(qualified))
        }
        EnumOrigin::Inline { owner, .. } => {
            item(owner, &e.rust, naming::namespace_alias(&e.rust, owner))
        }
    });
    structs.chain(polymorphics).chain(enums).collect()
}

/// A rendered file, or the generator bug that stopped it.
type RenderedFile = Result<GeneratedFile, Diagnostic>;

/// Renders `mod.rs` and `registry.rs` (see [`render_items`] for `import`).
fn render_index_files(
    plan: &Plan,
    gates: &Gates,
    options: &Options,
    version: &str,
    import: &str,
) -> Vec<RenderedFile> {
    let whole = format!("Microsoft Graph documentation, {version}, every generated type.");
    let item_names: Vec<&str> = plan
        .structs
        .values()
        .map(|s| s.rust.as_str())
        .chain(plan.polymorphics.values().map(|p| p.rust.as_str()))
        .chain(plan.enums.keys().map(String::as_str))
        .collect();
    let module = ModuleEmitter {
        version,
        items: item_names,
        registry_feature: options.registry_feature.as_deref(),
        gates,
    };
    let namespaces = options
        .namespace_modules
        .then(|| NamespaceEmitter::new(namespaced_items(plan, gates)));
    let mut module_tokens = module.to_token_stream();
    if let Some(namespaces) = &namespaces {
        namespaces.to_tokens(&mut module_tokens);
    }
    let module_file = file("mod.rs".into(), &whole, module_tokens);
    let registry = RegistryEmitter {
        entries: registry_entries(plan),
        import: import
            .parse()
            .expect("the import line was printed from tokens"),
    };
    let registry_file = file("registry.rs".into(), &whole, registry.to_token_stream());
    vec![module_file, registry_file]
}

/// The file at `path`: `tokens` parsed by syn and printed by prettyplease under the header.
fn file(path: String, source_line: &str, tokens: TokenStream) -> RenderedFile {
    emit::render(&path, source_line, tokens).map(|contents| GeneratedFile { path, contents })
}

/// One per-item file to emit.
#[derive(Clone, Copy)]
enum Item<'p> {
    Struct(&'p plan::StructPlan),
    Polymorphic(&'p plan::PolymorphicPlan),
    Enum(&'p plan::EnumPlan),
}

impl<'p> Item<'p> {
    /// The item's file name and source page.
    fn path_and_source(self) -> (String, &'p str) {
        match self {
            Item::Struct(s) => (naming::file_name(&s.rust), &s.source.file),
            Item::Polymorphic(p) => (naming::file_name(&p.rust), &p.source.file),
            Item::Enum(e) => (naming::file_name(&e.rust), &e.source.file),
        }
    }

    /// The item's tokens.
    fn tokens(self, plan: &Plan, gates: &Gates) -> TokenStream {
        match self {
            Item::Struct(s) => StructEmitter { plan: s, gates }.to_token_stream(),
            Item::Polymorphic(p) => {
                let base = &plan.structs[&p.base_qualified];
                PolymorphicEmitter {
                    plan: p,
                    base,
                    gates,
                }
                .to_token_stream()
            }
            Item::Enum(e) => WireEnumEmitter { plan: e }.to_token_stream(),
        }
    }
}

/// Emits and renders every per-item file, in plan order; `index_files` (`mod.rs` and
/// `registry.rs`) runs beside them.
///
/// Parsing the tokens back with syn and printing them with prettyplease is most of the
/// generator's time, and the files are independent, so rayon shares them between `threads`
/// threads; its indexed collect keeps plan order, so the output does not depend on which
/// thread did what. `proc_macro2` token streams cannot cross threads: each worker parses its
/// own copy of `import` (the `use` line's source text), the first time it renders a file.
fn render_items(
    plan: &Plan,
    gates: &Gates,
    version: &str,
    import: &str,
    threads: usize,
    index_files: impl FnOnce() -> Vec<RenderedFile> + Send,
) -> (Vec<RenderedFile>, Vec<RenderedFile>) {
    use rayon::prelude::*;

    let items: Vec<Item> = plan
        .structs
        .values()
        .map(Item::Struct)
        .chain(plan.polymorphics.values().map(Item::Polymorphic))
        .chain(plan.enums.values().map(Item::Enum))
        .collect();
    let no_import_yet = || -> Option<TokenStream> { None };
    let render_one = |parsed_import: &mut Option<TokenStream>, item: Item| {
        let (path, source) = item.path_and_source();
        let source_line = format!("Microsoft Graph documentation, {version}, {source}.");
        let import = parsed_import.get_or_insert_with(|| {
            import
                .parse()
                .expect("the import line was printed from tokens")
        });
        let tokens = item.tokens(plan, gates);
        let tokens = quote! {
            #import
            #tokens
        };
        file(path, &source_line, tokens)
    };
    let threads = threads
        .min(items.len().div_ceil(MIN_ITEMS_PER_THREAD))
        .max(1);
    let pool = (threads > 1)
        .then(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .ok()
        })
        .flatten();
    match pool {
        Some(pool) => pool.install(|| {
            rayon::join(
                || {
                    items
                        .into_par_iter()
                        .map_init(no_import_yet, render_one)
                        .collect()
                },
                index_files,
            )
        }),
        None => {
            let mut import = no_import_yet();
            let files = items
                .into_iter()
                .map(|item| render_one(&mut import, item))
                .collect();
            (files, index_files())
        }
    }
}

fn available_cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// Below this many items per thread, starting threads costs more than it saves (the curated
/// crate's 38 items render on one thread).
const MIN_ITEMS_PER_THREAD: usize = 64;

/// Registry entries for every struct (through its `Any*` enum when it has one) and every
/// declared enum; inline enums have no Graph name.
fn registry_entries(plan: &Plan) -> Vec<RegistryEntry> {
    let mut entries: Vec<RegistryEntry> = plan
        .structs
        .keys()
        .filter_map(|qualified| {
            plan.reference_name(qualified).map(|rust| RegistryEntry {
                qualified: qualified.clone(),
                rust: rust.to_string(),
            })
        })
        .chain(plan.enums.values().filter_map(|e| match &e.origin {
            EnumOrigin::Declared(qualified) => Some(RegistryEntry {
                qualified: qualified.clone(),
                rust: e.rust.clone(),
            }),
            EnumOrigin::Inline { .. } => None,
        }))
        .collect();
    entries.sort_by(|a, b| a.qualified.cmp(&b.qualified));
    entries
}
