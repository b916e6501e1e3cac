//! The server under hostile input: no redirect off-site, every API error as
//! problem+json, no 5xx from control characters, no capability gained by a
//! side door. Each test runs on SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test should panic

mod support;

use support::*;

/// Sign in through the page form with `next` (already form-encoded).
fn sign_in_with_next(s: &Server, next: &str) -> Reply {
    let body = format!("username=anna&password=correct+horse+battery&next={next}");
    send(
        "POST",
        &s.url("/logga-in"),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        Some(&body),
    )
}

on_both!(sign_in_never_redirects_off_site, |backend| {
    let s = Server::start(&fresh_database(backend, "redirect"), &[]);
    for next in [
        "%2F%09%2Fevil.example%2F",
        "%2F%0A%2Fevil.example%2F",
        "%2F%2Fevil.example",
        "%2F%5Cevil.example",
        "%5C%5Cevil.example",
        "https%3A%2F%2Fevil.example",
        "%20%2F%2Fevil.example",
    ] {
        let reply = sign_in_with_next(&s, next);
        assert_eq!(reply.status, 303, "next={next}: {}", reply.body);
        assert_eq!(reply.header("location"), Some("/"), "next={next}");
    }
    let reply = sign_in_with_next(&s, "%2Favtal%3Fq%3Dx");
    assert_eq!(reply.header("location"), Some("/avtal?q=x"));
});

/// The example agreement Vi ses, created by anna (an official).
fn create_vi_ses(s: &Server) {
    let toml = [("Content-Type", "application/toml")];
    let created = s.send("POST", "/api/v1/agreements", &toml, Some(&example(VI_SES)));
    assert_eq!(created.status, 201, "{}", created.body);
}

/// An API error answered as problem+json with this status.
fn assert_problem(reply: &Reply, status: u16, what: &str) {
    assert_eq!(reply.status, status, "{what}: {}", reply.body);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json"),
        "{what}: {}",
        reply.body
    );
    assert_eq!(reply.json()["status"], status, "{what}");
}

on_both!(every_api_error_is_a_problem, |backend| {
    let s = Server::start(&fresh_database(backend, "problems"), &[]);
    let json = [("Content-Type", "application/json")];
    create_vi_ses(&s);
    let status = format!("/api/v1/agreements/{VI_SES_ID}/status");
    let big = "x".repeat(21 * 1024 * 1024);
    assert_problem(
        &s.send("POST", "/api/v1/agreements", &[], Some(&big)),
        413,
        "over the body limit",
    );
    assert_problem(
        &s.send("POST", &status, &[], Some("{}")),
        415,
        "status without a content type",
    );
    assert_problem(
        &s.send("POST", &status, &json, Some("{")),
        400,
        "status with broken JSON",
    );
    assert_problem(
        &s.send("POST", &status, &json, Some("{\"x\":1}")),
        422,
        "status without a status",
    );
    assert_problem(
        &get(&s, "/api/v1/agreements?limit=many"),
        400,
        "unparseable query",
    );
    assert_problem(
        &get(
            &s,
            &format!("/api/v1/agreements/{VI_SES_ID}/versions/first"),
        ),
        400,
        "unparseable path",
    );
    let refused = s.send("DELETE", "/api/v1/agreements", &[], None);
    assert_problem(&refused, 405, "unknown method");
    assert!(refused.header("allow").is_some(), "405 names the methods");
});
