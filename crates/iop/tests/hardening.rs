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
