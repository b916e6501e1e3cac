//! Arbitrary input to every route, as nobody, a partner representative and
//! an official, on both databases: random bytes, bodies over the limit,
//! fields of 20 000 characters, control characters and odd path values.
//! No answer is a 5xx, every API error is problem+json, the server stays
//! up, and the database grows by no more than a bounded amount per request.
//!
//! The cases are drawn from a fixed seed, so a failure repeats;
//! `IOP_FUZZ_SEED` and `IOP_FUZZ_ROUNDS` (default 2 rounds of every route ×
//! caller × case) try others.

use crate::access::{fixture, matrix};
use crate::support::*;

/// The cases each route gets per caller and round.
#[derive(Debug, Clone, Copy)]
enum Case {
    /// Every path value random bytes, a random body of a random type.
    RandomBytes,
    /// A JSON body of 2 MiB: over the 1 MiB body limit.
    OverTheLimit,
    /// Every usual field name with 20 000 characters.
    HugeFields,
    /// Control characters and nonsense in the query and the path.
    ControlCharacters,
}

const CASES: [Case; 4] = [
    Case::RandomBytes,
    Case::OverTheLimit,
    Case::HugeFields,
    Case::ControlCharacters,
];

/// How much the database may grow per request, on average over the run:
/// every refused request writes at most one audit event of bounded size.
const GROWTH_PER_REQUEST: u64 = 8 * 1024;

on_both!(
    arbitrary_input_to_every_route_is_answered_without_a_5xx,
    |backend| {
        let db = fresh_database(backend, "fuzz");
        let s = Server::start(&db, &[]);
        let fix = fixture(&s);
        let sessions = [None, Some(s.sign_in("petra")), Some(s.sign_in("anna"))];
        let seed = std::env::var("IOP_FUZZ_SEED")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(13);
        let rounds: usize = std::env::var("IOP_FUZZ_ROUNDS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(2);
        let mut rng = fastrand::Rng::with_seed(seed);
        let before = database_bytes(backend, &db);
        let mut requests = 0_u64;
        for _ in 0..rounds {
            for (method, template, _) in matrix() {
                if ends_the_session(method, template) {
                    continue;
                }
                for session in &sessions {
                    for case in CASES {
                        let ids = Ids {
                            agreement: &fix.agreement,
                            record: &fix.record,
                            file: &fix.file,
                        };
                        let request = build(&mut rng, case, template, &ids);
                        let reply = send_raw(&s, session.as_ref(), method, &request);
                        requests += 1;
                        let what = format!("{method} {} ({case:?}, seed {seed})", request.path);
                        check(reply, &request, &what);
                    }
                }
            }
            assert_eq!(get(&s, "/livez").status, 200, "the server is up");
        }
        let grown = database_bytes(backend, &db).saturating_sub(before);
        println!("{backend:?}: {requests} requests, the database grew by {grown} bytes");
        assert!(
            grown <= requests * GROWTH_PER_REQUEST,
            "{grown} bytes for {requests} requests"
        );
    }
);

/// Signing out would leave the rest of the run without its callers.
fn ends_the_session(method: &str, path: &str) -> bool {
    (method == "DELETE" && path == "/api/v1/session") || path.contains("logga-ut")
}

struct Ids<'a> {
    agreement: &'a str,
    record: &'a str,
    file: &'a str,
}

struct Request {
    path: String,
    content_type: &'static str,
    body: Vec<u8>,
    /// Over the body limit, or large: the server may close the connection
    /// before reading it all.
    oversized: bool,
}

fn build(rng: &mut fastrand::Rng, case: Case, template: &str, ids: &Ids) -> Request {
    let real = |name: &str| match name {
        "record" => ids.record.to_owned(),
        "file" => ids.file.to_owned(),
        "token" | "version" => "1".to_owned(),
        "kind" => "rapport".to_owned(),
        "username" => "victim".to_owned(),
        "org" => "annan-kommun".to_owned(),
        _ => ids.agreement.to_owned(),
    };
    let (path, query) = match case {
        Case::RandomBytes => (
            fill(template, |_| encode(&random_bytes(rng, 1, 300))),
            String::new(),
        ),
        Case::ControlCharacters => (
            fill(template, |name| {
                format!(
                    "{}%00%0A%09%1B..%2F..%2F{}",
                    real(name),
                    "%C3%A5".repeat(rng.usize(1..40))
                )
            }),
            "?q=%00%01&limit=-1&after=%FF%FE&cursor=%0A&since=0000-00-00&next=%09//evil.example/"
                .to_owned(),
        ),
        _ => (fill(template, real), String::new()),
    };
    let types = [
        "application/json",
        "application/toml",
        "application/x-www-form-urlencoded",
        "text/plain",
        "multipart/form-data; boundary=x",
        "application/octet-stream",
    ];
    let (content_type, body, oversized) = match case {
        Case::RandomBytes => (
            types[rng.usize(..types.len())],
            random_bytes(rng, 0, 4096),
            false,
        ),
        Case::OverTheLimit => (
            "application/json",
            format!("{{\"title\":\"{}\"}}", "å".repeat(1024 * 1024)).into_bytes(),
            true,
        ),
        Case::HugeFields => ("application/json", huge_fields().into_bytes(), false),
        Case::ControlCharacters => (
            "application/x-www-form-urlencoded",
            b"username=%00a&password=%01&title=a%1Bb&body=%7F".to_vec(),
            false,
        ),
    };
    // A route that reads no body may answer and close the connection
    // while a large one is still being sent.
    let oversized = oversized || body.len() > 64 * 1024;
    Request {
        path: format!("{path}{query}"),
        content_type,
        body,
        oversized,
    }
}

/// Every usual field of the API's and the forms' bodies, 20 000 characters each.
fn huge_fields() -> String {
    // 40 kB each, 22 of them: under the 1 MiB body limit, over every field limit.
    let long = "ä".repeat(20_000);
    let mut fields = serde_json::Map::new();
    for name in [
        "username",
        "password",
        "current_password",
        "new_password",
        "name",
        "display_name",
        "title",
        "body",
        "case_number",
        "paragraph",
        "party",
        "activity",
        "clause",
        "obligation",
        "state",
        "status",
        "id",
        "date",
        "kind",
        "scope",
        "published",
        "reason",
    ] {
        fields.insert(name.to_owned(), serde_json::Value::String(long.clone()));
    }
    fields.insert("kind".into(), "report".into());
    fields.insert("date".into(), "2023-03-01".into());
    serde_json::Value::Object(fields).to_string()
}

fn random_bytes(rng: &mut fastrand::Rng, min: usize, max: usize) -> Vec<u8> {
    (0..rng.usize(min..max)).map(|_| rng.u8(..)).collect()
}

/// Every byte percent-encoded: any bytes make a valid path segment.
fn encode(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("%{b:02X}")).collect()
}

/// The template's `{name}` parts replaced.
fn fill(template: &str, mut value: impl FnMut(&str) -> String) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(end) = rest[start..].find('}') else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str(&value(&rest[start + 1..start + end]));
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    out
}

/// A request with a raw body, in a browser's session (cookie, CSRF token,
/// same origin) or as nobody. `None` when the connection broke.
fn send_raw(s: &Server, session: Option<&Session>, method: &str, r: &Request) -> Option<Reply> {
    let mut request = ureq::http::Request::builder()
        .method(method)
        .uri(format!("{}{}", s.base, r.path))
        .header("Content-Type", r.content_type);
    if let Some(session) = session {
        request = request
            .header("Cookie", format!("iop_session={}", session.cookie))
            .header("X-CSRF-Token", session.csrf.as_str())
            .header("Origin", s.base.as_str());
    }
    let request = request.body(r.body.clone()).ok()?;
    let response = agent().run(request).ok()?;
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or_default().to_owned()))
        .collect();
    let body = response.into_body().read_to_string().unwrap_or_default();
    Some(Reply {
        status,
        headers,
        body,
    })
}

fn check(reply: Option<Reply>, request: &Request, what: &str) {
    let Some(reply) = reply else {
        assert!(request.oversized, "{what}: the connection broke");
        return;
    };
    assert!(
        reply.status < 500,
        "{what}: {} {}",
        reply.status,
        &reply.body[..reply.body.len().min(300)]
    );
    if request.path.starts_with("/api/") && reply.status >= 400 {
        let content_type = reply.header("content-type").unwrap_or_default();
        assert!(
            content_type.starts_with("application/problem+json"),
            "{what}: {} is {content_type}, not problem+json",
            reply.status
        );
    }
}

/// The database's size: the SQLite file and its write-ahead log, or the
/// PostgreSQL schema's tables with their indexes and TOAST.
fn database_bytes(backend: Backend, db: &str) -> u64 {
    match backend {
        Backend::Sqlite => ["", "-wal"]
            .iter()
            .map(|suffix| std::fs::metadata(format!("{db}{suffix}")).map_or(0, |m| m.len()))
            .sum(),
        Backend::Postgres => {
            let schema = schema_of(db);
            let out = std::process::Command::new("psql")
                .args(["-h", "127.0.0.1", "-d", "test", "-tAc"])
                .arg(format!(
                    "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c \
                     JOIN pg_namespace n ON n.oid = c.relnamespace \
                     WHERE n.nspname = '{schema}' AND c.relkind = 'r'"
                ))
                .output()
                .unwrap();
            String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
        }
    }
}
