//! Nothing panics on any input: garbage, truncated pages, unclosed constructs.

use graph_docs_parser::{find_response_examples, parse_page};

const PAGE: &str = "---\ntitle: x\n---\n# x resource type\n\nNamespace: microsoft.graph\n\nInherits from [identity](identity.md).\n\n| Property | Type | Description |\n|:--|:--|:--|\n| a | String | Possible values are: `p`, `q`. |\n| b | [c](c.md) collection | (deprecated) |\n\n### kind values\n\n| Member |\n|--|\n| one |\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.x\", \"baseType\": null, } -->\n```json\n{ \"a\": \"String(p|q)\", /* c */ \"b\": [{\"@odata.type\": \"#microsoft.graph.c\"}], \"é\": \u{202f}4.2 }\n```\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"Collection(microsoft.graph.x)\" } -->\n```http\nHTTP/1.1 200 OK\n\n{ \"value\": [] }\n```\n";

#[test]
fn every_prefix_of_a_page_parses() {
    for (cut, _) in PAGE.char_indices() {
        let _ = parse_page("beta/api/x.md", &PAGE[..cut]);
        let _ = find_response_examples("x.txt", &PAGE[..cut]);
    }
}

#[test]
fn garbage_parses() {
    let samples = [
        "",
        "---",
        "--- \n",
        "<!--",
        "<!-- {",
        "<!-- { \"blockType\": \"resource\" -->",
        "<!-- {\"blockType\":\"resource\",\"@odata.type\":\"\"} -->\n```json\n[[[[\n```",
        "| a | b |\n|--|--|\n| | |",
        "### values\n\n| Member |\n|--|\n",
        "HTTP/1.1 \n{",
        "\u{feff}\u{202f}\0\u{ffff}",
        "<!-- {\"blockType\":\"response\"} -->\n```\n\n\n```",
        "# enum type\n| Member | Value |\n|--|--|\n| a | 0x1F |",
    ];
    for sample in samples {
        let _ = parse_page("v1.0/resources/enums.md", sample);
        let _ = find_response_examples("x.txt", sample);
    }
    let deep = format!("<!-- {{\"blockType\":\"resource\",\"@odata.type\":\"microsoft.graph.x\"}} -->\n```json\n{}\n```", "[".repeat(100_000));
    let page = parse_page("v1.0/resources/x.md", &deep);
    assert!(page.diagnostics.iter().any(|d| d.is_error()));
}
