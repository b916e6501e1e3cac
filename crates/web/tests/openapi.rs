//! The OpenAPI document is generated from the route definitions; this
//! snapshot shows every change to the API in review.

#[test]
fn openapi_document() {
    let doc = web::openapi();
    let json = serde_json::to_value(&doc).unwrap_or_default();
    assert!(
        json["paths"].as_object().is_some_and(|p| p.len() >= 12),
        "routes are missing from the document"
    );
    insta::assert_json_snapshot!(json);
}
