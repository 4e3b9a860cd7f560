//! Arbitrary text as a docs page: the parser must return (with diagnostics), never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    // Both kinds of page: an API page (path with `api/`) and a resource page.
    let api = graph_docs_parser::parse_page("beta/api/fuzz.md", text);
    let resource = graph_docs_parser::parse_page("v1.0/resources/fuzz.md", text);
    // The diagnostics must render (positions inside the text).
    for d in api.diagnostics.iter().chain(&resource.diagnostics) {
        let _ = d.to_string();
    }
    let _ = graph_docs_parser::find_response_examples("fuzz.txt", text);
});
