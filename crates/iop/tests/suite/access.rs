//! Who may see and do what, tried against the real server on SQLite and on
//! PostgreSQL: the access matrix over every route × every kind of caller,
//! and the classic attacks.

use std::collections::{BTreeSet, HashMap};

use serde_json::{Value, json};

use crate::support::*;

/// What a route demands of its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Anyone, signed in or not.
    Public,
    /// Anyone signed in; what they see is limited to their organisations.
    SignedIn,
    /// A member (any role) of an organisation that is a party.
    See,
    /// An official or partner representative of a party.
    Record,
    /// An official of a party.
    Edit,
    /// An official of an organisation that is a party to the new agreement.
    Create,
    /// An administrator.
    Admin,
    /// An administrator or a reader (of any organisation).
    Audit,
    /// An official of any organisation (the forms for a new agreement).
    AnyOfficial,
}

/// Every route the server has, with its rule. The test fails if a route
/// is missing here or listed here but gone from the server.
const MATRIX: &[(&str, &str, Rule)] = &[
    ("GET", "/healthz", Rule::Public),
    ("GET", "/livez", Rule::Public),
    ("GET", "/api/openapi.json", Rule::Public),
    ("GET", "/api/v1/register", Rule::Public),
    ("GET", "/api/v1/register/{id}", Rule::Public),
    ("GET", "/api/v1/register/ocds/releases", Rule::Public),
    ("GET", "/api/v1/register/ocds/records", Rule::Public),
    ("GET", "/api/v1/register/360giving", Rule::Public),
    ("GET", "/datasets/dcat", Rule::Public),
    ("GET", "/register.csv", Rule::Public),
    ("GET", "/register.xlsx", Rule::Public),
    ("POST", "/api/v1/session", Rule::Public),
    ("GET", "/api/v1/session", Rule::SignedIn),
    ("DELETE", "/api/v1/session", Rule::SignedIn),
    ("POST", "/api/v1/session/password", Rule::SignedIn),
    ("GET", "/api/v1/tokens", Rule::SignedIn),
    ("POST", "/api/v1/tokens", Rule::SignedIn),
    ("DELETE", "/api/v1/tokens/{token}", Rule::SignedIn),
    ("GET", "/api/v1/account/notifications", Rule::SignedIn),
    ("PUT", "/api/v1/account/notifications", Rule::SignedIn),
    ("GET", "/api/v1/users/{username}/notifications", Rule::Admin),
    ("GET", "/api/v1/reminders", Rule::Admin),
    ("GET", "/api/v1/agreements", Rule::SignedIn),
    ("POST", "/api/v1/agreements", Rule::Create),
    ("GET", "/api/v1/agreements/{id}", Rule::See),
    ("PUT", "/api/v1/agreements/{id}", Rule::Edit),
    ("POST", "/api/v1/agreements/{id}/status", Rule::Edit),
    ("POST", "/api/v1/agreements/{id}/published", Rule::Edit),
    ("GET", "/api/v1/agreements/{id}/versions", Rule::See),
    (
        "GET",
        "/api/v1/agreements/{id}/versions/{version}",
        Rule::See,
    ),
    ("GET", "/api/v1/agreements/{id}/diff", Rule::See),
    ("GET", "/api/v1/agreements/{id}/obligations", Rule::See),
    ("GET", "/api/v1/agreements/{id}/records", Rule::See),
    ("POST", "/api/v1/agreements/{id}/records", Rule::Record),
    (
        "GET",
        "/api/v1/agreements/{id}/records/{record}/files",
        Rule::See,
    ),
    (
        "POST",
        "/api/v1/agreements/{id}/records/{record}/files",
        Rule::Record,
    ),
    ("GET", "/api/v1/agreements/{id}/outcomes", Rule::See),
    ("GET", "/api/v1/files/{file}", Rule::See),
    ("GET", "/api/v1/portfolio/due", Rule::SignedIn),
    ("GET", "/api/v1/portfolio/overdue-reports", Rule::SignedIn),
    ("GET", "/api/v1/portfolio/ending", Rule::SignedIn),
    ("GET", "/api/v1/portfolio/money", Rule::SignedIn),
    ("GET", "/api/v1/users", Rule::Admin),
    ("POST", "/api/v1/users", Rule::Admin),
    ("POST", "/api/v1/users/{username}/roles", Rule::Admin),
    (
        "DELETE",
        "/api/v1/users/{username}/roles/{org}",
        Rule::Admin,
    ),
    ("POST", "/api/v1/users/{username}/password", Rule::Admin),
    ("GET", "/api/v1/organisations", Rule::Admin),
    ("POST", "/api/v1/organisations", Rule::Admin),
    ("GET", "/api/v1/audit", Rule::Audit),
    // The pages.
    ("GET", "/", Rule::SignedIn),
    ("GET", "/logga-in", Rule::Public),
    ("POST", "/logga-in", Rule::Public),
    ("POST", "/logga-ut", Rule::Public),
    ("GET", "/granskningslogg", Rule::Audit),
    ("GET", "/avtal", Rule::SignedIn),
    ("GET", "/avtal/ny", Rule::AnyOfficial),
    ("POST", "/avtal/ny", Rule::Create),
    ("GET", "/avtal/ny/formular", Rule::AnyOfficial),
    ("POST", "/avtal/ny/formular", Rule::AnyOfficial),
    ("GET", "/avtal/{id}", Rule::See),
    ("GET", "/avtal/{id}/fil", Rule::See),
    ("POST", "/avtal/{id}/status", Rule::Edit),
    ("POST", "/avtal/{id}/publicering", Rule::Edit),
    ("GET", "/avtal/{id}/andra", Rule::Edit),
    ("POST", "/avtal/{id}/andra", Rule::Edit),
    ("GET", "/avtal/{id}/formular", Rule::Edit),
    ("GET", "/avtal/{id}/kalender.ics", Rule::See),
    ("GET", "/avtal/{id}/berakna", Rule::See),
    ("GET", "/avtal/{id}/uppfoljning/{kind}", Rule::Record),
    ("POST", "/avtal/{id}/uppfoljning/{kind}", Rule::Record),
    // Only an official gives notice.
    ("GET", "/avtal/{id}/uppsagning", Rule::Edit),
    ("POST", "/avtal/{id}/uppsagning", Rule::Edit),
    ("GET", "/filer/{id}", Rule::See),
    ("GET", "/register", Rule::Public),
    ("GET", "/tillganglighet", Rule::Public),
    ("GET", "/static/iop.css", Rule::Public),
    ("GET", "/static/iop.js", Rule::Public),
];

/// Routes the server has only when built with documents (`--features pdf`).
#[cfg(feature = "pdf")]
const PDF_MATRIX: &[(&str, &str, Rule)] = &[("GET", "/avtal/{id}/pdf", Rule::See)];
#[cfg(not(feature = "pdf"))]
const PDF_MATRIX: &[(&str, &str, Rule)] = &[];

/// Every rule: the routes of every build and those of this build.
fn matrix() -> impl Iterator<Item = &'static (&'static str, &'static str, Rule)> {
    MATRIX.iter().chain(PDF_MATRIX)
}

/// A page, not the API: it answers a caller not signed in by sending them
/// to sign in, and a refused form with the form again (422).
fn is_page(path: &str) -> bool {
    !path.starts_with("/api") && !matches!(path, "/healthz" | "/livez")
}

/// A form body as a browser sends a file upload.
fn multipart(fields: &[(&str, &str)]) -> (String, String) {
    let boundary = "matrisgrans";
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// A URL-encoded form body.
fn form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| {
            let encoded: String = v
                .bytes()
                .map(|b| {
                    if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                        char::from(b).to_string()
                    } else {
                        format!("%{b:02X}")
                    }
                })
                .collect();
            format!("{k}={encoded}")
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The kinds of caller: nobody, the administrator, and each role in an
/// organisation that is a party ("own") or only in another organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    Admin,
    OfficialOwn,
    OfficialOther,
    PartnerOwn,
    PartnerOther,
    ReaderOwn,
    ReaderOther,
}

const CALLERS: [Who; 8] = [
    Who::Anonymous,
    Who::Admin,
    Who::OfficialOwn,
    Who::OfficialOther,
    Who::PartnerOwn,
    Who::PartnerOther,
    Who::ReaderOwn,
    Who::ReaderOther,
];

impl Who {
    fn user(self) -> Option<&'static str> {
        match self {
            Who::Anonymous => None,
            Who::Admin => Some("root"),
            Who::OfficialOwn => Some("anna"),
            Who::OfficialOther => Some("olle"),
            Who::PartnerOwn => Some("petra"),
            Who::PartnerOther => Some("pia"),
            Who::ReaderOwn => Some("rut"),
            Who::ReaderOther => Some("rolf"),
        }
    }

    fn is_member(self) -> bool {
        matches!(self, Who::OfficialOwn | Who::PartnerOwn | Who::ReaderOwn)
    }

    fn allowed(self, rule: Rule) -> bool {
        match rule {
            Rule::Public => true,
            Rule::SignedIn => self != Who::Anonymous,
            Rule::See => self.is_member(),
            Rule::Record => matches!(self, Who::OfficialOwn | Who::PartnerOwn),
            Rule::Edit | Rule::Create => self == Who::OfficialOwn,
            Rule::Admin => self == Who::Admin,
            Rule::Audit => matches!(self, Who::Admin | Who::ReaderOwn | Who::ReaderOther),
            Rule::AnyOfficial => matches!(self, Who::OfficialOwn | Who::OfficialOther),
        }
    }
}

/// The other organisation and its people: members of nothing the test
/// agreement is about.
fn add_outsiders(db: &str) {
    for (user, role) in [("olle", "official"), ("pia", "partner"), ("rolf", "reader")] {
        iop(
            db,
            &["user", "add", user, "--name", user, "--password-stdin"],
            Some(&format!("{PASSWORD}\n")),
        );
        iop(
            db,
            &[
                "user",
                "grant",
                user,
                "--org",
                "annan-kommun",
                "--role",
                role,
                "--org-name",
                "Annan kommun",
            ],
            None,
        );
    }
    iop(
        db,
        &[
            "user",
            "add",
            "victim",
            "--name",
            "victim",
            "--password-stdin",
        ],
        Some(&format!("{PASSWORD}\n")),
    );
}

/// Fixtures the routes refer to: the agreement, one of its records and a file.
struct Fixture {
    record: String,
    file: String,
}

fn fixture(s: &Server) -> Fixture {
    let created = s.send(
        "POST",
        "/api/v1/agreements",
        &[("Content-Type", "application/toml")],
        Some(&example(VI_SES)),
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let record = s
        .send(
            "POST",
            &format!("/api/v1/agreements/{VI_SES_ID}/records"),
            &[("Content-Type", "application/json")],
            Some(&json!({"kind": "report", "date": "2023-03-01"}).to_string()),
        )
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let file = s
        .send(
            "POST",
            &format!("/api/v1/agreements/{VI_SES_ID}/records/{record}/files?name=r.txt"),
            &[("Content-Type", "text/plain")],
            Some("Verksamhetsberättelse 2022"),
        )
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // A decided agreement in the public register.
    let published = s.send(
        "POST",
        "/api/v1/agreements",
        &[("Content-Type", "application/toml")],
        Some(&example("003-skane-malmo-barn.toml")),
    );
    assert_eq!(published.status, 201, "{}", published.body);
    let path = format!("/api/v1/agreements/{PUBLISHED_ID}");
    let decided = s.send(
        "POST",
        &format!("{path}/status"),
        &[("If-Match", "1"), ("Content-Type", "application/json")],
        Some(&json!({"status": "decided"}).to_string()),
    );
    assert_eq!(decided.status, 200, "{}", decided.body);
    let on = s.send(
        "POST",
        &format!("{path}/published"),
        &[],
        Some(&json!({"published": true}).to_string()),
    );
    assert_eq!(on.status, 204, "{}", on.body);
    Fixture { record, file }
}

/// The agreement of the fixture that is in the public register.
const PUBLISHED_ID: &str = "skane-malmo-rk-barn-2021";

/// One request of the matrix, made ready for a caller: its path, headers and body.
struct Prepared {
    path: String,
    headers: Vec<(String, String)>,
    body: Option<String>,
}

fn prepare(
    s: &Server,
    f: &Fixture,
    method: &str,
    template: &str,
    who: Who,
    n: usize,
    session: Option<&Session>,
) -> Prepared {
    let path = template
        .replace("/register/{id}", &format!("/register/{PUBLISHED_ID}"))
        .replace("/filer/{id}", &format!("/filer/{}", f.file))
        .replace("{kind}", "rapport")
        .replace("{id}", VI_SES_ID)
        .replace("{version}", "1")
        .replace("{record}", &f.record)
        .replace("{file}", &f.file)
        .replace("{username}", "victim")
        .replace("{org}", "annan-kommun");
    let mut p = Prepared {
        path,
        headers: Vec::new(),
        body: None,
    };
    let cell = Cell {
        s,
        method,
        template,
        who,
        n,
        session,
    };
    if !agreement_request(&mut p, &cell) && !account_request(&mut p, &cell) {
        page_request(&mut p, &cell);
    }
    p
}

/// One cell of the matrix: a route, who calls it, and a number to make
/// what it creates unique.
struct Cell<'a> {
    s: &'a Server,
    method: &'a str,
    template: &'a str,
    who: Who,
    n: usize,
    session: Option<&'a Session>,
}

/// The body and headers of a request about agreements; false for another.
fn agreement_request(p: &mut Prepared, cell: &Cell) -> bool {
    let Cell {
        s,
        method,
        template,
        n,
        ..
    } = *cell;
    let Prepared {
        path,
        headers,
        body,
    } = p;
    let json_body = |v: Value| Some(v.to_string());
    match (method, template) {
        ("POST", "/api/v1/agreements") => {
            headers.push(("Content-Type".into(), "application/toml".into()));
            *body = Some(example(VI_SES).replace(VI_SES_ID, &format!("matrix-{n}")));
        }
        ("PUT", "/api/v1/agreements/{id}") | ("POST", "/api/v1/agreements/{id}/status") => {
            let current = s.send(
                "GET",
                &format!("/api/v1/agreements/{VI_SES_ID}"),
                &[("Accept", "application/toml")],
                None,
            );
            headers.push((
                "If-Match".into(),
                current.header("etag").unwrap().to_owned(),
            ));
            if method == "PUT" {
                *body = Some(current.body);
            } else {
                headers.push(("Content-Type".into(), "application/json".into()));
                *body = json_body(json!({"status": "draft"}));
            }
        }
        ("POST", "/api/v1/agreements/{id}/published") => {
            *body = json_body(json!({"published": false}))
        }
        ("POST", "/api/v1/agreements/{id}/records") => {
            headers.push(("Content-Type".into(), "application/json".into()));
            *body = json_body(json!({"kind": "report", "date": "2024-03-01", "state": "received"}));
        }
        ("POST", "/api/v1/agreements/{id}/records/{record}/files") => {
            headers.push(("Content-Type".into(), "text/plain".into()));
            path.push_str("?name=matris.txt");
            *body = Some("Protokoll".into());
        }
        ("GET", "/api/v1/agreements/{id}/diff") => path.push_str("?from=1&to=1"),
        _ => return false,
    }
    true
}

/// The body and headers of a request about accounts; false for another.
fn account_request(p: &mut Prepared, cell: &Cell) -> bool {
    let Cell {
        s,
        method,
        template,
        who,
        n,
        session,
    } = *cell;
    let Prepared {
        path,
        headers: _,
        body,
    } = p;
    let json_body = |v: Value| Some(v.to_string());
    match (method, template) {
        ("POST", "/api/v1/session") => {
            let user = who.user().unwrap_or("victim");
            *body = json_body(json!({"username": user, "password": PASSWORD}));
        }
        ("POST", "/api/v1/session/password") => {
            *body = json_body(json!({"current_password": PASSWORD, "new_password": PASSWORD}));
        }
        ("POST", "/api/v1/tokens") => *body = json_body(json!({"name": "matris", "scope": "read"})),
        ("PUT", "/api/v1/account/notifications") => {
            *body = json_body(json!({
                "classes": ["report"], "own_only": true, "leads": [-7, 0],
                "delivery": {"every": "individual"}, "lang": "en", "drafts": false
            }))
        }
        ("DELETE", "/api/v1/tokens/{token}") => {
            // The caller's own token, made just before (when they can).
            let id = session
                .map(|sess| {
                    let made = s.send_in(
                        sess,
                        "POST",
                        "/api/v1/tokens",
                        &[],
                        Some(&json!({"name": "kort", "scope": "read"}).to_string()),
                    );
                    made.json()["id"].as_str().unwrap().to_owned()
                })
                .unwrap_or_else(|| "no-such-token".into());
            *path = path.replace("{token}", &id);
        }
        ("POST", "/api/v1/users") => {
            *body = json_body(
                json!({"username": format!("m{n}"), "display_name": "M", "password": PASSWORD}),
            );
        }
        ("POST", "/api/v1/users/{username}/roles") => {
            *body = json_body(json!({"org": "annan-kommun", "role": "reader"}))
        }
        ("DELETE", "/api/v1/users/{username}/roles/{org}") => {
            // Something to take away, granted by the administrator.
            let granted = s.send(
                "POST",
                "/api/v1/users/victim/roles",
                &[(AS, "root")],
                Some(&json!({"org": "annan-kommun", "role": "reader"}).to_string()),
            );
            assert_eq!(granted.status, 204, "{}", granted.body);
        }
        ("POST", "/api/v1/users/{username}/password") => {
            *body = json_body(json!({"password": PASSWORD}))
        }
        ("POST", "/api/v1/organisations") => {
            *body = json_body(json!({"id": format!("org-{n}"), "name": format!("Org {n}")}))
        }
        _ => return false,
    }
    true
}

/// The pages' forms, as a browser sends them.
fn page_request(p: &mut Prepared, cell: &Cell) {
    let Cell {
        s,
        method,
        template,
        who,
        n,
        ..
    } = *cell;
    let Prepared {
        path: _,
        headers,
        body,
    } = p;
    match (method, template) {
        ("POST", "/logga-in") => {
            let user = who.user().unwrap_or("victim");
            headers.push(("Content-Type".into(), URLENCODED.into()));
            *body = Some(form(&[
                ("username", user),
                ("password", PASSWORD),
                ("next", "/"),
            ]));
        }
        ("POST", "/avtal/ny") => {
            let text = example(VI_SES).replace(VI_SES_ID, &format!("matrix-page-{n}"));
            let (kind, multipart) = multipart(&[("text", &text)]);
            headers.push(("Content-Type".into(), kind));
            *body = Some(multipart);
        }
        ("POST", "/avtal/{id}/uppfoljning/{kind}") => {
            let (kind, multipart) = multipart(&[("date", "2024-04-01"), ("state", "received")]);
            headers.push(("Content-Type".into(), kind));
            *body = Some(multipart);
        }
        ("POST", "/avtal/{id}/status") | ("POST", "/avtal/{id}/andra") => {
            let current = s.send(
                "GET",
                &format!("/api/v1/agreements/{VI_SES_ID}"),
                &[("Accept", "application/toml")],
                None,
            );
            let version = current.header("etag").unwrap().trim_matches('"').to_owned();
            headers.push(("Content-Type".into(), URLENCODED.into()));
            *body = Some(if template.ends_with("/status") {
                form(&[("status", "draft"), ("base_version", &version)])
            } else {
                form(&[
                    ("text", &current.body),
                    ("base_version", &version),
                    ("reason", "matris"),
                ])
            });
        }
        ("POST", "/avtal/{id}/publicering") => {
            headers.push(("Content-Type".into(), URLENCODED.into()));
            *body = Some(form(&[("published", "false")]));
        }
        ("POST", "/avtal/{id}/uppsagning") => {
            headers.push(("Content-Type".into(), URLENCODED.into()));
            *body = Some(form(&[("date", "2026-11-23"), ("ground", "convenience")]));
        }
        ("POST", _) if is_page(template) => {
            headers.push(("Content-Type".into(), URLENCODED.into()));
            *body = Some(form(&[("x", "1")]));
        }
        _ => {}
    }
}

/// Every route of the server as (method, path): each path the router is
/// built from, with the methods the running server answers there, read from
/// the `Allow` header of its 405 to a method no route takes.
fn served_routes(s: &Server) -> BTreeSet<(String, String)> {
    let mut routes = BTreeSet::new();
    for template in web::route_paths() {
        let path: Vec<&str> = template
            .split('/')
            .map(|part| if part.starts_with('{') { "probe" } else { part })
            .collect();
        let reply = send("PROBE", &s.url(&path.join("/")), &[], None);
        assert_eq!(reply.status, 405, "PROBE {template}: {}", reply.body);
        let allow = reply.header("allow").unwrap_or_default();
        for method in allow.split(',').map(str::trim) {
            if !method.is_empty() && method != "HEAD" {
                routes.insert((method.to_owned(), template.clone()));
            }
        }
    }
    routes
}

/// Signed-in sessions, one per user, kept from request to request (signing
/// in costs a password hash). After a request that may have ended its
/// caller's session (signing out, in again, a new password) the session is
/// looked at, and made anew the next time when it has ended.
struct Sessions<'a> {
    server: &'a Server,
    live: HashMap<&'static str, Session>,
}

impl Sessions<'_> {
    fn of(&mut self, user: &'static str) -> Session {
        let server = self.server;
        self.live
            .entry(user)
            .or_insert_with(|| server.sign_in(user))
            .clone()
    }

    fn forget_if_ended(&mut self, user: &'static str) {
        let ended = self.live.get(user).is_some_and(|session| {
            let reply = self
                .server
                .send_in(session, "GET", "/api/v1/session", &[], None);
            reply.status != 200
        });
        if ended {
            self.live.remove(user);
        }
    }
}

const URLENCODED: &str = "application/x-www-form-urlencoded";

#[test]
fn the_matrix_names_every_route() {
    let listed: BTreeSet<(String, String)> = matrix()
        .map(|(m, p, _)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    let s = Server::start(&fresh_database(Backend::Sqlite, "routes"), &[]);
    let served = served_routes(&s);
    let missing: Vec<_> = served.difference(&listed).collect();
    let gone: Vec<_> = listed.difference(&served).collect();
    assert!(
        missing.is_empty(),
        "routes without a rule in MATRIX: {missing:?}"
    );
    assert!(
        gone.is_empty(),
        "rules for routes the server does not have: {gone:?}"
    );
}

on_both!(access_matrix, |backend| {
    let db = prepared_database(backend, "matrix", "outsiders", add_outsiders);
    let s = Server::start(&db, &[]);
    let f = fixture(&s);
    let mut sessions = Sessions {
        server: &s,
        live: HashMap::new(),
    };
    let mut checked = 0;
    let mut failures = Vec::new();
    for (i, (method, template, rule)) in matrix().enumerate() {
        for (j, who) in CALLERS.iter().enumerate() {
            let session = who.user().map(|u| sessions.of(u));
            let p = prepare(&s, &f, method, template, *who, i * 10 + j, session.as_ref());
            let headers: Vec<(&str, &str)> = p
                .headers
                .iter()
                .map(|(a, b)| (a.as_str(), b.as_str()))
                .collect();
            let reply = match &session {
                Some(sess) => s.send_in(sess, method, &p.path, &headers, p.body.as_deref()),
                None => send(method, &s.url(&p.path), &headers, p.body.as_deref()),
            };
            if let Some(user) = who.user()
                && *method != "GET"
            {
                sessions.forget_if_ended(user);
            }
            let allowed = who.allowed(*rule);
            let page = is_page(template);
            let to_sign_in = reply.status == 303
                && reply
                    .header("location")
                    .is_some_and(|l| l.starts_with("/logga-in"));
            let ok = if allowed && page {
                // A page, a form sent back with what to correct, or a redirect
                // after a saved form (never to the sign-in page).
                (200..300).contains(&reply.status)
                    || reply.status == 422
                    || (reply.status == 303 && !to_sign_in)
            } else if allowed {
                (200..300).contains(&reply.status)
            } else if *who == Who::Anonymous && page {
                to_sign_in
            } else if *who == Who::Anonymous {
                reply.status == 401
            } else if *rule == Rule::See && !who.is_member() && *who != Who::Admin {
                // Another organisation's agreement: as if it did not exist.
                reply.status == 404
            } else {
                matches!(reply.status, 403 | 404)
            };
            // Lists answer everyone signed in, but only with their own.
            let leaked = allowed
                && matches!(rule, Rule::SignedIn | Rule::Audit)
                && !who.is_member()
                && *who != Who::Admin
                && reply.body.contains(VI_SES_ID);
            if !ok || leaked {
                failures.push(format!(
                    "{method} {template} as {who:?}: {} {}{}",
                    reply.status,
                    if allowed {
                        "(should be allowed)"
                    } else {
                        "(should be denied)"
                    },
                    if leaked {
                        " and shows another organisation's agreement"
                    } else {
                        ""
                    }
                ));
            }
            checked += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} cells wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(checked, matrix().count() * CALLERS.len());
    eprintln!(
        "{backend:?}: {} routes × {} callers = {checked} cells",
        matrix().count(),
        CALLERS.len()
    );
});

on_both!(csrf_and_cross_origin_writes_are_refused, |backend| {
    let db = fresh_database(backend, "csrf");
    let s = Server::start(&db, &[]);
    fixture(&s);
    let anna = s.sign_in("anna");
    let path = s.url(&format!("/api/v1/agreements/{VI_SES_ID}/records"));
    let body = json!({"kind": "meeting", "date": "2024-05-01"}).to_string();
    let cookie = format!("iop_session={}", anna.cookie);
    let host = s.base.clone();
    type Headers<'a> = Vec<(&'a str, &'a str)>;
    let tries: [(&str, Headers, u16); 5] = [
        (
            "no token",
            vec![("Cookie", &cookie), ("Origin", &host)],
            403,
        ),
        (
            "a wrong token",
            vec![
                ("Cookie", &cookie),
                ("Origin", &host),
                ("X-CSRF-Token", "0000"),
            ],
            403,
        ),
        (
            "another site",
            vec![
                ("Cookie", &cookie),
                ("Origin", "http://evil.example"),
                ("X-CSRF-Token", &anna.csrf),
            ],
            403,
        ),
        (
            "a form without the field",
            vec![
                ("Cookie", &cookie),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            403,
        ),
        (
            "the session's token",
            vec![
                ("Cookie", &cookie),
                ("Origin", &host),
                ("X-CSRF-Token", &anna.csrf),
            ],
            201,
        ),
    ];
    for (what, headers, expected) in tries {
        let mut all = headers.clone();
        if !all.iter().any(|(n, _)| *n == "Content-Type") {
            all.push(("Content-Type", "application/json"));
        }
        let reply = send("POST", &path, &all, Some(&body));
        assert_eq!(reply.status, expected, "{what}: {}", reply.body);
    }
    // Refused writes left nothing behind: one meeting, the accepted one.
    let records = s
        .send(
            "GET",
            &format!("/api/v1/agreements/{VI_SES_ID}/records"),
            &[],
            None,
        )
        .json();
    let meetings = records
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "meeting")
        .count();
    assert_eq!(meetings, 1);
    // A token, not a cookie, is not ambient: no CSRF token needed, and a
    // read-only token cannot write; a revoked one is refused.
    let made = s.send_in(
        &anna,
        "POST",
        "/api/v1/tokens",
        &[],
        Some(&json!({"name": "läs", "scope": "read"}).to_string()),
    );
    assert_eq!(made.status, 201, "{}", made.body);
    let read = format!("Bearer {}", made.json()["token"].as_str().unwrap());
    assert_eq!(
        send("GET", &path, &[("Authorization", &read)], None).status,
        200
    );
    let write = send(
        "POST",
        &path,
        &[
            ("Authorization", &read),
            ("Content-Type", "application/json"),
        ],
        Some(&body),
    );
    assert_eq!(write.status, 403, "{}", write.body);
    let id = made.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(
        s.send_in(&anna, "DELETE", &format!("/api/v1/tokens/{id}"), &[], None)
            .status,
        204
    );
    assert_eq!(
        send("GET", &path, &[("Authorization", &read)], None).status,
        401
    );
});

on_both!(another_organisations_agreement_is_not_there, |backend| {
    // IDOR: an official of another organisation guesses ids.
    let db = prepared_database(backend, "idor", "outsiders", add_outsiders);
    let s = Server::start(&db, &[]);
    let f = fixture(&s);
    let olle = s.sign_in("olle");
    for path in [
        format!("/api/v1/agreements/{VI_SES_ID}"),
        format!("/api/v1/agreements/{VI_SES_ID}/records"),
        format!("/api/v1/agreements/{VI_SES_ID}/records/{}/files", f.record),
        format!("/api/v1/files/{}", f.file),
    ] {
        let reply = s.send_in(&olle, "GET", &path, &[], None);
        assert_eq!(reply.status, 404, "{path}: {}", reply.body);
        assert!(
            !reply.body.contains("Linköping"),
            "{path} leaks: {}",
            reply.body
        );
    }
    let current = s.send(
        "GET",
        &format!("/api/v1/agreements/{VI_SES_ID}"),
        &[("Accept", "application/toml")],
        None,
    );
    let put = s.send_in(
        &olle,
        "PUT",
        &format!("/api/v1/agreements/{VI_SES_ID}"),
        &[("If-Match", "1")],
        Some(&current.body),
    );
    assert_eq!(put.status, 404);
    // Creating an agreement in someone else's name is refused too.
    let forged = example(VI_SES).replace(VI_SES_ID, "forged");
    let create = s.send_in(
        &olle,
        "POST",
        "/api/v1/agreements",
        &[("Content-Type", "application/toml")],
        Some(&forged),
    );
    assert_eq!(create.status, 403, "{}", create.body);
    // Olle's lists hold none of it.
    for path in [
        "/api/v1/agreements",
        "/api/v1/portfolio/due?days=3650",
        "/api/v1/portfolio/money?from=2020&to=2030",
    ] {
        let reply = s.send_in(&olle, "GET", path, &[], None);
        assert_eq!(reply.status, 200);
        assert!(
            !reply.body.contains(VI_SES_ID) && !reply.body.contains("Linköping"),
            "{path}: {}",
            reply.body
        );
    }
    // The partner representative of a party cannot change money or decisions.
    let petra = s.sign_in("petra");
    let payment = json!({"kind": "payment", "date": "2024-01-31", "amount": "100000"}).to_string();
    let refused = s.send_in(
        &petra,
        "POST",
        &format!("/api/v1/agreements/{VI_SES_ID}/records"),
        &[("Content-Type", "application/json")],
        Some(&payment),
    );
    assert_eq!(refused.status, 403, "{}", refused.body);
    let approve = json!({"kind": "report", "date": "2024-01-31", "state": "approved"}).to_string();
    let refused = s.send_in(
        &petra,
        "POST",
        &format!("/api/v1/agreements/{VI_SES_ID}/records"),
        &[("Content-Type", "application/json")],
        Some(&approve),
    );
    assert_eq!(refused.status, 403, "{}", refused.body);
});

on_both!(a_planted_session_id_never_signs_in, |backend| {
    let db = fresh_database(backend, "fixation");
    let s = Server::start(&db, &[]);
    let body = json!({"username": "anna", "password": PASSWORD}).to_string();
    // 1. An id the attacker made up is replaced at sign-in.
    let planted = "iop_session=attacker-chosen-value";
    let reply = send(
        "POST",
        &s.url("/api/v1/session"),
        &[("Cookie", planted), ("Content-Type", "application/json")],
        Some(&body),
    );
    assert_eq!(reply.status, 200);
    let issued = session_cookie(&reply).unwrap();
    assert_ne!(issued, "attacker-chosen-value");
    assert_eq!(
        send(
            "GET",
            &s.url("/api/v1/session"),
            &[("Cookie", planted)],
            None
        )
        .status,
        401
    );
    // 2. A real session of the attacker's, planted in the victim's browser,
    // ends when the victim signs in: the attacker's cookie is worth nothing.
    let attacker = s.sign_in("rut");
    let cookie = format!("iop_session={}", attacker.cookie);
    let reply = send(
        "POST",
        &s.url("/api/v1/session"),
        &[
            ("Cookie", &cookie),
            ("Content-Type", "application/json"),
            ("X-CSRF-Token", &attacker.csrf),
        ],
        Some(&body),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_ne!(session_cookie(&reply).unwrap(), attacker.cookie);
    assert_eq!(
        send(
            "GET",
            &s.url("/api/v1/session"),
            &[("Cookie", &cookie)],
            None
        )
        .status,
        401
    );
    // The cookie is HttpOnly and SameSite.
    let set = reply.header("set-cookie").unwrap();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax"),
        "{set}"
    );
    // Signing out ends the session on the server, not only in the browser.
    let anna = Session {
        cookie: session_cookie(&reply).unwrap(),
        csrf: reply.json()["csrf_token"].as_str().unwrap().to_owned(),
    };
    assert_eq!(
        s.send_in(&anna, "DELETE", "/api/v1/session", &[], None)
            .status,
        204
    );
    assert_eq!(
        s.send_in(&anna, "GET", "/api/v1/session", &[], None).status,
        401
    );
});

on_both!(guessing_passwords_is_throttled, |backend| {
    let db = fresh_database(backend, "brute");
    let s = Server::start(&db, &[]);
    let attempt = |password: &str| {
        send(
            "POST",
            &s.url("/api/v1/session"),
            &[("Content-Type", "application/json")],
            Some(&json!({"username": "bertil", "password": password}).to_string()),
        )
    };
    for i in 0..5 {
        assert_eq!(attempt(&format!("guess {i}")).status, 401);
    }
    // The sixth try is refused before the password is looked at, even the right one.
    let throttled = attempt(PASSWORD);
    assert_eq!(throttled.status, 429, "{}", throttled.body);
    assert_eq!(throttled.header("retry-after"), Some("900"));
    // Unknown users are counted the same way and answer the same.
    let unknown = send(
        "POST",
        &s.url("/api/v1/session"),
        &[("Content-Type", "application/json")],
        Some(&json!({"username": "nobody", "password": "x"}).to_string()),
    );
    assert_eq!(unknown.status, 401);
    // Every failure is in the audit log.
    let audit = s
        .send("GET", "/api/v1/audit?limit=500", &[(AS, "root")], None)
        .json();
    let failed = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "sign-in-failed")
        .count();
    assert_eq!(failed, 6);
});

on_both!(security_headers_on_every_response, |backend| {
    let db = fresh_database(backend, "headers");
    let s = Server::start(&db, &[]);
    // Static files are served without looking up who asks: even a token
    // that would be refused elsewhere gets the stylesheet.
    let css = send(
        "GET",
        &s.url("/static/iop.css"),
        &[("Authorization", "Bearer iop_no-such-token")],
        None,
    );
    assert_eq!(css.status, 200);
    assert!(css.header("cache-control").unwrap().contains("immutable"));
    assert!(css.header("content-security-policy").is_some());
    for path in ["/livez", "/api/v1/agreements", "/api/v1/no-such"] {
        let reply = send("GET", &s.url(path), &[], None);
        let csp = reply.header("content-security-policy").unwrap();
        assert!(
            csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(reply.header("referrer-policy"), Some("same-origin"));
        assert_eq!(reply.header("x-frame-options"), Some("DENY"));
    }
});

on_both!(a_tampered_audit_log_is_detected, |backend| {
    let db = fresh_database(backend, "audit");
    {
        let s = Server::start(&db, &[]);
        fixture(&s);
    }
    let verify = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_iop"))
            .args(["audit", "verify", "--db", &db])
            .output()
            .unwrap()
    };
    let intact = verify();
    assert_eq!(
        intact.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&intact.stderr)
    );
    assert!(String::from_utf8_lossy(&intact.stdout).contains("obruten"));
    let sql = |statement: &str| execute(backend, &db, statement);
    // A changed row.
    sql("UPDATE audit_events SET actor = 'mallory' WHERE seq = 3");
    let out = verify();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("händelse 3 är ändrad"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    sql("UPDATE audit_events SET actor = 'system' WHERE seq = 3");
    assert_eq!(
        verify().status.code(),
        Some(0),
        "put back, the chain holds again"
    );
    // A deleted row.
    sql("DELETE FROM audit_events WHERE seq = 5");
    let out = verify();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("händelse 5 saknas"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The newest rows removed: the head still knows how long the chain was.
    sql("DELETE FROM audit_events WHERE seq >= 5");
    let out = verify();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("loggen slutar vid händelse 4"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
});

/// Run one SQL statement on a test database, behind the server's back.
fn execute(backend: Backend, db: &str, statement: &str) {
    let status = match backend {
        Backend::Sqlite => std::process::Command::new("python3")
            .args(["-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()", db, statement])
            .status()
            .unwrap(),
        Backend::Postgres => {
            let schema = schema_of(db);
            std::process::Command::new("psql")
                .args(["-h", "127.0.0.1", "-d", "test", "-qc", &format!("SET search_path = {schema}; {statement}")])
                .status()
                .unwrap()
        }
    };
    assert!(status.success(), "{statement}");
}

#[cfg(feature = "pdf")]
on_both!(the_agreement_as_pdf_for_those_who_may_see_it, |backend| {
    let db = prepared_database(backend, "pdf", "outsiders", add_outsiders);
    let s = Server::start(&db, &[]);
    fixture(&s);
    let path = format!("/avtal/{VI_SES_ID}/pdf");
    let rut = s.sign_in("rut");
    let reply = s.send_in(&rut, "GET", &path, &[], None);
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("application/pdf"));
    assert!(
        reply
            .header("content-disposition")
            .unwrap()
            .starts_with("attachment")
    );
    // The body is binary: read it as bytes.
    let bytes = agent()
        .get(&s.url(&path))
        .header("Cookie", &format!("iop_session={}", rut.cookie))
        .call()
        .unwrap()
        .into_body()
        .read_to_vec()
        .unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    assert!(bytes.len() > 10_000, "{} bytes", bytes.len());
    let olle = s.sign_in("olle");
    assert_eq!(s.send_in(&olle, "GET", &path, &[], None).status, 404);
});
