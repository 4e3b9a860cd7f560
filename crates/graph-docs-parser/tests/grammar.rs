//! Page-level grammar rules on small hand-written pages shaped like the real odd cases.

use graph_docs_parser::{assemble, codes, parse_page, Page};
use graph_ir::{BaseOrigin, TypeKind};

fn codes_of(page: &Page) -> Vec<&str> {
    page.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

const DERIVED: &str = "---\ntitle: \"fooIdentity resource type\"\ndoc_type: resourcePageType\n---\n\n# fooIdentity resource type\n\nNamespace: microsoft.graph\n\nA foo.\n\nInherits from [identity](identity.md).\n\n## Properties\n\n| Property\t   | Type\t|Description|\n|:--|:--|:--|\n| displayName | String | Inherited from [identity](identity.md). |\n| fooKind | fooKindType | The kind. |\n| pictures | [thumbnailSet][] collection | Pictures. Read-only. |\n| seenAt | DateTime | When. Not nullable. |\n\n## JSON representation\n\n<!-- { \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.FooIdentity\",\n  \"openType\": true,} -->\n```json\n{\n  \"displayName\": \"String\",\n  /* inherited */\n  \"fooKind\": \"String\", // an enum\n  \"pictures\": [{\"@odata.type\": \"microsoft.graph.thumbnailSet\"}],\n  \"seenAt\": \"String (timestamp)\",\n}\n```\n\n[thumbnailSet]: thumbnailset.md\n";

#[test]
fn prose_inheritance_tabs_reference_links_casing_and_lenient_json() {
    let page = parse_page("v1.0/resources/fooidentity.md", DERIVED);
    assert_eq!(page.types.len(), 1, "{:#?}", page.diagnostics);
    let ty = &page.types[0];
    assert_eq!(
        ty.name, "microsoft.graph.fooIdentity",
        "GroupIdentity-style casing normalised"
    );
    let base = ty.base.as_ref().unwrap();
    assert_eq!(
        (base.name.as_str(), base.origin),
        ("microsoft.graph.identity", BaseOrigin::Prose)
    );
    assert!(ty.open);
    let names: Vec<_> = ty.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["displayName", "fooKind", "pictures", "seenAt"],
        "tab header read"
    );
    let pictures = &ty.properties[2];
    assert_eq!(
        pictures.ty.as_str(),
        "Collection(microsoft.graph.thumbnailSet)"
    );
    assert!(pictures.read_only);
    let seen = &ty.properties[3];
    assert_eq!(seen.ty.as_str(), "Edm.DateTimeOffset");
    assert!(!seen.nullable);
    let found = codes_of(&page);
    for expected in [
        codes::TYPE_NAME_CASE,
        codes::ANNOTATION_TRAILING_COMMA,
        codes::RESOURCE_JSON_COMMENT,
        codes::RESOURCE_JSON_TRAILING_COMMA,
        codes::DATETIME_AS_DATETIMEOFFSET,
        codes::PROPERTY_TYPE_MISMATCH,
    ] {
        assert!(
            found.contains(&expected),
            "{expected} missing from {found:?}"
        );
    }
    let mismatch = page
        .diagnostics
        .iter()
        .find(|d| d.code == codes::PROPERTY_TYPE_MISMATCH)
        .unwrap();
    assert!(
        mismatch.message.contains("microsoft.graph.fooKindType")
            && mismatch.message.contains("Edm.String"),
        "{}",
        mismatch.message
    );
    assert!(mismatch.source_line.is_some());
}

#[test]
fn annotation_base_null_abstract_string_and_assembly() {
    let entity = "# entity\n\n| Property | Type | Description |\n|--|--|--|\n|id|String|The id. Read-only.|\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"abstract\": \"true\",\n  \"keyProperty\": \"id\",\n  \"@odata.type\": \"microsoft.graph.entity\"\n}-->\n```json\n{ \"id\": \"string (identifier)\" }\n```\n";
    let record = "# thing\n\nNamespace: microsoft.graph\n\n| Property | Type | Description |\n|--|--|--|\n|size|Int64|Size.|\n|role|String|Role. Possible values are: `a`, `b`, and `c`.|\n|old|String|Old. (deprecated)|\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.thing\", \"baseType\": \"microsoft.graph.entity\" } -->\n```json\n{ \"size\": 12, \"role\": \"String\", \"old\": \"String\" }\n```\n";
    let plain = "# plain\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.plain\", \"baseType\": null } -->\n```json\n{ \"name\": \"String\" }\n```\n";
    let pages = [
        parse_page("beta/resources/entity.md", entity),
        parse_page("beta/resources/thing.md", record),
        parse_page("beta/resources/plain.md", plain),
    ];
    assert!(codes_of(&pages[0]).contains(&codes::ANNOTATION_VALUE));
    assert!(
        codes_of(&pages[2]).contains(&codes::ANNOTATION_VALUE),
        "baseType null is worth a warning"
    );
    let (schema, diagnostics) = assemble("beta", &pages);
    let entity = &schema.types["microsoft.graph.entity"];
    assert!(entity.is_abstract);
    assert_eq!(entity.kind, TypeKind::Entity);
    assert!(!entity.properties[0].nullable, "the key is not nullable");
    let thing = &schema.types["microsoft.graph.thing"];
    assert_eq!(thing.kind, TypeKind::Entity, "entity through its base");
    assert_eq!(
        thing.properties[0].ty.as_str(),
        "Edm.Int64",
        "a literal example does not override the table"
    );
    assert_eq!(thing.properties[1].enum_members, ["a", "b", "c"]);
    assert_eq!(
        thing.properties[2].deprecated.as_deref(),
        Some("(deprecated)")
    );
    let plain = &schema.types["microsoft.graph.plain"];
    assert_eq!(
        (plain.kind, plain.base.is_none()),
        (TypeKind::Complex, true)
    );
    assert!(
        diagnostics.iter().all(|d| !d.is_error()),
        "{diagnostics:#?}"
    );
}

#[test]
fn cycles_are_errors_and_unknown_bases_warnings() {
    let page = |name: &str, base: &str| {
        parse_page(
            &format!("v1.0/resources/{name}.md"),
            &format!("<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\", \"baseType\": \"microsoft.graph.{base}\" }} -->\n```json\n{{ \"{name}Size\": \"Int32\" }}\n```\n"),
        )
    };
    let pages = [page("a", "b"), page("b", "a"), page("c", "nowhere")];
    let (schema, diagnostics) = assemble("v1.0", &pages);
    let found: Vec<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(found.contains(&codes::BASE_TYPE_CYCLE), "{found:?}");
    assert!(found.contains(&codes::BASE_TYPE_UNKNOWN), "{found:?}");
    assert!(schema
        .types
        .values()
        .all(|t| schema.ancestors(&t.name).len() < 3));
}

#[test]
fn enum_sections_with_values_and_after_unknown_future_value() {
    let text = "# Enum values\n\nNamespace: microsoft.graph\n\n### colorKind values \n\nSome prose.\n\n| Member | Value | Description |\n|--|--|--|\n| red | 0 | Red. |\n| unknownFutureValue | 1 | Sentinel. |\n| blue | 2 | Blue. |\n\n### shapeKindvalues\n\n| Member\n|:--\n| round\n| square\n";
    let page = parse_page("beta/resources/enums.md", text);
    assert_eq!(page.enums.len(), 2);
    let color = &page.enums[0];
    assert_eq!(color.name, "microsoft.graph.colorKind");
    assert_eq!(color.members[2].value, Some(2));
    assert_eq!(color.members[2].description, "Blue.");
    assert!(color.members[2].after_unknown_future_value);
    assert!(!color.members[1].after_unknown_future_value);
    assert_eq!(page.enums[1].name, "microsoft.graph.shapeKind");
    assert_eq!(
        page.enums[1].members.len(),
        2,
        "rows without trailing pipes"
    );
}

#[test]
fn translated_headings_do_not_matter() {
    let text = "# <a name=\"x\"></a>widget 资源类型\n\n命名空间：microsoft.graph.callRecords\n\n## <a name=\"properties\"></a>属性\n\n| 属性 | 类型 | 说明 |\n|:--|:--|:--|\n| parts | [part](part.md) 集合 | 部件。 |\n\n## <a name=\"relationships\"></a>关系\n\n| 关系 | 类型 | 说明 |\n|:--|:--|:--|\n| owner | [user](user.md) | 所有者。 |\n\n## <a name=\"json\"></a>JSON 表示形式\n\n<!-- { \"blockType\": \"resource\", \"keyProperty\": \"id\", \"@odata.type\": \"microsoft.graph.callRecords.widget\" } -->\n```json\n{ \"parts\": [{\"@odata.type\": \"microsoft.graph.callRecords.part\"}] }\n```\n\n## Связи\n";
    let page = parse_page("v1.0/resources/widget.md", text);
    assert_eq!(page.namespace, "microsoft.graph.callRecords");
    let ty = &page.types[0];
    assert_eq!(
        ty.properties[0].ty.as_str(),
        "Collection(microsoft.graph.callRecords.part)"
    );
    assert!(ty.properties[1].navigation);
    assert!(page.diagnostics.is_empty(), "{:#?}", page.diagnostics);
}

#[test]
fn api_pages_give_requests_and_responses_with_positions() {
    let text = "---\ndoc_type: apiPageType\n---\n# List widgets\n\n## HTTP request\n<!-- {\"blockType\": \"ignored\"}-->\n``` http\nGET /widgets\nGET /me/widgets\n```\n\n### Request\n<!-- { \"blockType\": \"request\", \"name\": \"x\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/widgets\n```\n\n### Response\n<!-- {\n  \"blockType\": \"response\",\n  \"truncated\": true,\n  \"@odata.type\": \"Collection(microsoft.graph.widget)\"\n} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\n  \"value\": [ {\"a\": 1,} ]\n}\n```\n";
    let page = parse_page("v1.0/api/widget-list.md", text);
    let api = page.api.unwrap();
    assert_eq!(api.title, "List widgets");
    assert_eq!(api.requests, ["GET /widgets", "GET /me/widgets"]);
    let response = &api.responses[0];
    assert_eq!(
        response.odata_type.as_deref(),
        Some("microsoft.graph.widget")
    );
    assert!(response.is_collection && response.truncated);
    assert_eq!(response.status, Some(200));
    assert_eq!(response.headers[0].0, "Content-type");
    assert_eq!(
        (response.line, response.body_line, response.body_column),
        (26, 29, 1)
    );
    assert!(response.body.starts_with('{') && response.body.ends_with('}'));
    assert!(
        page.diagnostics.is_empty(),
        "the body is handed over, not validated"
    );
}
