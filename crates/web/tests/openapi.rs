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

/// A path with its parameters' names dropped: `/users/{u}` and
/// `/users/{username}` are the same route.
fn shape(path: &str) -> String {
    let path = path.split('?').next().unwrap_or(path);
    let mut out = String::new();
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_param = true;
                out.push_str("{}");
            }
            '}' => in_param = false,
            c if !in_param => out.push(c),
            _ => {}
        }
    }
    out
}

/// An independent check of the document: every route the README documents
/// ("`GET, POST /api/v1/tokens`") is in it with each of its methods, and
/// every operation answers with a 2xx and describes its errors as Problem.
#[test]
fn the_document_has_every_documented_route_and_its_errors() {
    let json = serde_json::to_value(web::openapi()).unwrap_or_default();
    let paths = json["paths"].as_object().cloned().unwrap_or_default();
    let readme = include_str!("../../../README.md");
    let mut documented = 0;
    for quoted in readme.split('`').skip(1).step_by(2) {
        let Some((methods, path)) = quoted.split_once(" /api/v1") else {
            continue;
        };
        if methods.is_empty()
            || !methods
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == ',' || c == ' ')
        {
            continue;
        }
        let wanted = shape(&format!("/api/v1{path}"));
        let (_, item) = paths
            .iter()
            .find(|(p, _)| shape(p) == wanted)
            .unwrap_or_else(|| panic!("{wanted} is documented but not in the OpenAPI document"));
        for method in methods.split(',').map(str::trim) {
            assert!(
                item.get(method.to_lowercase()).is_some(),
                "{method} {wanted} is documented but not in the OpenAPI document"
            );
            documented += 1;
        }
    }
    assert!(
        documented >= 30,
        "only {documented} documented routes read from the README"
    );
    for (path, item) in &paths {
        for (method, op) in item.as_object().into_iter().flatten() {
            let responses = op["responses"].as_object().cloned().unwrap_or_default();
            assert!(
                responses
                    .keys()
                    .any(|k| k.starts_with('2') || k.starts_with('3')),
                "{method} {path} has no success response"
            );
            for (status, r) in responses
                .iter()
                .filter(|(k, _)| k.starts_with('4') || k.starts_with('5'))
            {
                let schema = r["content"]["application/problem+json"]["schema"]["$ref"]
                    .as_str()
                    .or_else(|| r["content"]["application/json"]["schema"]["$ref"].as_str())
                    .unwrap_or_default();
                assert!(
                    schema.ends_with("/Problem"),
                    "{method} {path} {status} is not a Problem: {r}"
                );
            }
        }
    }
}
