//! Inputs the fuzz targets (`fuzz/`) found crashing, reduced by hand and written anew; each
//! must now parse without panicking.

/// `<!-->` is a whole (empty) HTML comment, so its HTML block ends on that line, but the
/// annotation reader looked for `-->` past the block's end and then sliced backwards (found
/// by `fuzz/fuzz_targets/parse_page.rs`, crash-8d21fbc4, reduced).
#[test]
fn empty_comment_opener_before_an_annotation() {
    let page = "---\ntitle: \"gizmo resource type\"\ndoc_type: resourcePageType\n---\n\n\
                # gizmo resource type\n\n<!-->{\n  \"blockType\": \"resource\",\n  \
                \"@odata.type\": \"microsoft.graph.gizmo\"\n}\n-->\n```json\n{ \"id\": \"String\" }\n```\n";
    for file in ["v1.0/resources/gizmo.md", "beta/api/gizmo-get.md"] {
        let parsed = graph_docs_parser::parse_page(file, page);
        assert_eq!(parsed.title, "gizmo resource type");
    }
}
