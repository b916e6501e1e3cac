//! Who may see and do what, tried against the real server on SQLite and on
//! PostgreSQL: the access matrix over every route × every kind of caller,
//! and the classic attacks.

use std::collections::{BTreeSet, HashMap};

use serde_json::{Value, json};

use crate::support::*;

/// What a route demands of its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rule {
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
    /// A secret in the path is the credential (one-click unsubscribe):
    /// a made-up one is not found, whoever asks.
    Secret,
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
    ("GET", "/api/v1/calendar-feeds", Rule::SignedIn),
    ("POST", "/api/v1/calendar-feeds", Rule::SignedIn),
    ("DELETE", "/api/v1/calendar-feeds/{feed}", Rule::SignedIn),
    ("GET", "/api/v1/account/notifications", Rule::SignedIn),
    ("PUT", "/api/v1/account/notifications", Rule::SignedIn),
    ("PUT", "/api/v1/account/email", Rule::SignedIn),
    ("GET", "/api/v1/users/{username}/notifications", Rule::Admin),
    ("GET", "/api/v1/reminders", Rule::Admin),
    ("GET", "/api/v1/agreements", Rule::SignedIn),
    ("POST", "/api/v1/agreements", Rule::Create),
    // Reading a document stores nothing: any official may.
    ("POST", "/api/v1/imports", Rule::AnyOfficial),
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
    ("GET", "/api/v1/portfolio.csv", Rule::SignedIn),
    ("GET", "/api/v1/portfolio.xlsx", Rule::SignedIn),
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
    ("GET", "/avtal/ny/dokument", Rule::AnyOfficial),
    ("POST", "/avtal/ny/dokument", Rule::AnyOfficial),
    // A document kept for review: its uploader's alone.
    ("GET", "/avtal/ny/dokument/{id}", Rule::AnyOfficial),
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
    ("GET", "/konto", Rule::SignedIn),
    ("POST", "/konto/kalendrar", Rule::SignedIn),
    ("POST", "/konto/kalendrar/{id}/aterkalla", Rule::SignedIn),
    ("GET", "/konto/paminnelser", Rule::SignedIn),
    ("POST", "/konto/paminnelser", Rule::SignedIn),
    ("GET", "/paminnelser/avsluta/{secret}", Rule::Secret),
    ("POST", "/paminnelser/avsluta/{secret}", Rule::Secret),
    ("GET", "/admin/paminnelser", Rule::Admin),
    // A calendar subscription: its secret address is the credential, so
    // whoever holds it reads it, signed in or not.
    ("GET", "/kalender/{file}", Rule::Public),
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
pub(crate) fn matrix() -> impl Iterator<Item = &'static (&'static str, &'static str, Rule)> {
    MATRIX.iter().chain(PDF_MATRIX)
}

/// A page, not the API: it answers a caller not signed in by sending them
/// to sign in, and a refused form with the form again (422).
fn is_page(path: &str) -> bool {
    !path.starts_with("/api") && !matches!(path, "/healthz" | "/livez")
}

/// A form body as a browser sends a file upload.
pub(crate) fn multipart(fields: &[(&str, &str)]) -> (String, String) {
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
            Rule::Secret => false,
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
pub(crate) struct Fixture {
    /// Vi ses, a draft: the id the server gave it.
    pub(crate) agreement: String,
    /// Malmö's agreement, decided and in the public register.
    pub(crate) published: String,
    pub(crate) record: String,
    pub(crate) file: String,
    /// The path of a live calendar subscription (an official's).
    pub(crate) feed: String,
}

pub(crate) fn fixture(s: &Server) -> Fixture {
    let agreement = s.create(&[], &example(VI_SES));
    let record = s
        .send(
            "POST",
            &format!("/api/v1/agreements/{agreement}/records"),
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
            &format!("/api/v1/agreements/{agreement}/records/{record}/files?name=r.txt"),
            &[("Content-Type", "text/plain")],
            Some("Verksamhetsberättelse 2022"),
        )
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // A decided agreement in the public register.
    let published = s.create(&[], &example("003-skane-malmo-barn.toml"));
    let path = format!("/api/v1/agreements/{published}");
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
    let made = s.send(
        "POST",
        "/api/v1/calendar-feeds",
        &[("Content-Type", "application/json")],
        Some(&json!({"name": "matris"}).to_string()),
    );
    assert_eq!(made.status, 201, "{}", made.body);
    let url = made.json()["https_url"].as_str().unwrap().to_owned();
    let feed = url.trim_start_matches(&s.base).to_owned();
    Fixture {
        agreement,
        published,
        record,
        file,
        feed,
    }
}

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
        .replace("/register/{id}", &format!("/register/{}", f.published))
        .replace("/filer/{id}", &format!("/filer/{}", f.file))
        .replace("/kalender/{file}", &f.feed)
        .replace("{kind}", "rapport")
        .replace("{id}", &f.agreement)
        .replace("{version}", "1")
        .replace("{record}", &f.record)
        .replace("{file}", &f.file)
        .replace("{username}", "victim")
        .replace("{secret}", &"ab".repeat(32))
        .replace("{org}", "annan-kommun");
    let mut p = Prepared {
        path,
        headers: Vec::new(),
        body: None,
    };
    let cell = Cell {
        s,
        agreement: &f.agreement,
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
    /// The fixture's agreement (Vi ses).
    agreement: &'a str,
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
        agreement,
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
                &format!("/api/v1/agreements/{agreement}"),
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
        ("POST", "/api/v1/imports") => {
            headers.push(("Content-Type".into(), "text/plain".into()));
            path.push_str("?name=matris.md");
            *body = Some(DOCUMENT.into());
        }
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
        ..
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
        ("PUT", "/api/v1/account/email") => {
            *body = json_body(json!({"email": "matris@example.se"}))
        }
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
        ("POST", "/api/v1/calendar-feeds") => *body = json_body(json!({"name": "matris"})),
        ("DELETE", "/api/v1/calendar-feeds/{feed}") => {
            *path = path.replace("{feed}", &own_feed(s, session));
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

/// The id of a calendar subscription of the caller's own, made just before
/// (when they can make one).
fn own_feed(s: &Server, session: Option<&Session>) -> String {
    session
        .map(|sess| {
            let made = s.send_in(
                sess,
                "POST",
                "/api/v1/calendar-feeds",
                &[],
                Some(&json!({"name": "kort"}).to_string()),
            );
            made.json()["id"].as_str().unwrap().to_owned()
        })
        .unwrap_or_else(|| "no-such-feed".into())
}

/// The pages' forms, as a browser sends them.
fn page_request(p: &mut Prepared, cell: &Cell) {
    let Cell {
        s,
        agreement,
        method,
        template,
        who,
        n,
        session,
    } = *cell;
    let Prepared {
        path,
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
        ("POST", "/avtal/ny/dokument") => {
            let (kind, multipart) = multipart(&[("file", DOCUMENT)]);
            headers.push(("Content-Type".into(), kind));
            *body = Some(multipart);
        }
        ("GET", "/avtal/ny/dokument/{id}") => {
            // The caller's own document, uploaded just before (when they can).
            let review = session
                .map(|x| crate::import_web::upload(s, x, "matris.md", DOCUMENT.as_bytes()))
                .and_then(|r| r.header("location").map(str::to_owned));
            *path = review.unwrap_or_else(|| "/avtal/ny/dokument/no-such-import".into());
        }
        ("POST", "/avtal/{id}/uppfoljning/{kind}") => {
            let (kind, multipart) = multipart(&[("date", "2024-04-01"), ("state", "received")]);
            headers.push(("Content-Type".into(), kind));
            *body = Some(multipart);
        }
        ("POST", "/avtal/{id}/status") | ("POST", "/avtal/{id}/andra") => {
            let current = s.send(
                "GET",
                &format!("/api/v1/agreements/{agreement}"),
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
        ("POST", "/paminnelser/avsluta/{secret}") => {
            headers.push(("Content-Type".into(), URLENCODED.into()));
            *body = Some(form(&[("List-Unsubscribe", "One-Click")]));
        }
        ("POST", "/konto/kalendrar") => {
            headers.push(("Content-Type".into(), URLENCODED.into()));
            *body = Some(form(&[("name", "matris")]));
        }
        ("POST", "/konto/kalendrar/{id}/aterkalla") => {
            *path = format!("/konto/kalendrar/{}/aterkalla", own_feed(s, session));
            headers.push(("Content-Type".into(), URLENCODED.into()));
            *body = Some(String::new());
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

/// A short agreement document, for the import routes.
const DOCUMENT: &str = "# Överenskommelse om läxhjälp\n\nÖverenskommelsen ingås mellan Norrby kommun, org.nr 212000-0142, och Läxhjälpsföreningen Norrby, org.nr 802400-1235.\n\n## Giltighet\n\nÖverenskommelsen gäller från och med den 1 augusti 2026 till och med den 31 juli 2028.\n";

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
            let ok = if *rule == Rule::Secret {
                reply.status == 404
            } else if allowed && page {
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
            // Lists answer everyone signed in, but only with their own; the
            // public register and its feeds never name the draft, whoever
            // asks (a calendar subscription is its owner's, by its secret).
            let leaked = allowed
                && reply.body.contains(&f.agreement)
                && ((matches!(rule, Rule::SignedIn | Rule::Audit)
                    && !who.is_member()
                    && *who != Who::Admin)
                    || (*rule == Rule::Public && !template.starts_with("/kalender/")));
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
    let f = fixture(&s);
    let anna = s.sign_in("anna");
    let path = s.url(&format!("/api/v1/agreements/{}/records", f.agreement));
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
            &format!("/api/v1/agreements/{}/records", f.agreement),
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
        format!("/api/v1/agreements/{}", f.agreement),
        format!("/api/v1/agreements/{}/records", f.agreement),
        format!(
            "/api/v1/agreements/{}/records/{}/files",
            f.agreement, f.record
        ),
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
        &format!("/api/v1/agreements/{}", f.agreement),
        &[("Accept", "application/toml")],
        None,
    );
    let put = s.send_in(
        &olle,
        "PUT",
        &format!("/api/v1/agreements/{}", f.agreement),
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
        &format!("/api/v1/agreements/{}/records", f.agreement),
        &[("Content-Type", "application/json")],
        Some(&payment),
    );
    assert_eq!(refused.status, 403, "{}", refused.body);
    let approve = json!({"kind": "report", "date": "2024-01-31", "state": "approved"}).to_string();
    let refused = s.send_in(
        &petra,
        "POST",
        &format!("/api/v1/agreements/{}/records", f.agreement),
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
    // The sixth try is refused before the password is looked at, even the
    // right one: it must wait a second after the fifth (the server's clock
    // stands still in the tests, so the second never passes).
    let throttled = attempt(PASSWORD);
    assert_eq!(throttled.status, 429, "{}", throttled.body);
    assert_eq!(throttled.header("retry-after"), Some("1"));
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
    // A row pointed past the one before it.
    sql(
        "UPDATE audit_events SET prev_hash = (SELECT hash FROM audit_events WHERE seq = 2) WHERE seq = 4",
    );
    let out = verify();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("händelse 4 pekar inte på händelsen före den"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    sql(
        "UPDATE audit_events SET prev_hash = (SELECT hash FROM audit_events WHERE seq = 3) WHERE seq = 4",
    );
    assert_eq!(
        verify().status.code(),
        Some(0),
        "relinked back, the chain holds"
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

// What the chain alone cannot show — its end cut off with the head moved
// back, then new events appended over the cut — a checkpoint printed by
// `iop audit head` before the change does.
on_both!(
    a_checkpoint_outside_the_database_finds_a_cut_and_a_rewrite,
    |backend| {
        let db = fresh_database(backend, "audit_checkpoint");
        {
            let s = Server::start(&db, &[]);
            fixture(&s);
        }
        let iop = |args: &[&str]| {
            std::process::Command::new(env!("CARGO_BIN_EXE_iop"))
                .args(args)
                .output()
                .unwrap()
        };
        let head = iop(&["audit", "head", "--db", &db]);
        assert_eq!(
            head.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&head.stderr)
        );
        let checkpoint = String::from_utf8_lossy(&head.stdout).trim().to_owned();
        let (length, _) = checkpoint.split_once(':').unwrap();
        let length: i64 = length.parse().unwrap();
        assert!(
            length > 5,
            "the fixture writes more than five events: {checkpoint}"
        );
        let verify = |expect: &[&str]| {
            let mut args = vec!["audit", "verify", "--db", db.as_str()];
            for e in expect {
                args.extend(["--expect", e]);
            }
            iop(&args)
        };
        assert_eq!(verify(&[&checkpoint]).status.code(), Some(0));

        // Cut the end off and move the head back: the chain alone holds.
        execute(backend, &db, "DELETE FROM audit_events WHERE seq >= 5");
        execute(
            backend,
            &db,
            "UPDATE audit_head SET seq = 4, hash = (SELECT hash FROM audit_events WHERE seq = 4) WHERE id = 1",
        );
        assert_eq!(
            verify(&[]).status.code(),
            Some(0),
            "without a checkpoint the cut is invisible"
        );
        let out = verify(&[&checkpoint]);
        assert_eq!(out.status.code(), Some(1));
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(
            said.contains(&format!(
                "kontrollpunkten anger händelse {length} men loggen slutar vid händelse 4"
            )),
            "{said}"
        );

        // Writes over the cut make the log as long again, with other events.
        for n in 0..length {
            let added = iop(&[
                "user",
                "add",
                "--db",
                &db,
                &format!("efter{n}"),
                "--name",
                "Efter",
            ]);
            assert_eq!(
                added.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&added.stderr)
            );
        }
        assert_eq!(verify(&[]).status.code(), Some(0));
        let out = verify(&[&checkpoint]);
        assert_eq!(out.status.code(), Some(1));
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(
            said.contains(&format!("händelse {length} har en annan hash")),
            "{said}"
        );

        // Checkpoints in a file; a line that is none is named.
        let file = std::env::temp_dir().join(format!(
            "iop-checkpoints-{}-{backend:?}",
            std::process::id()
        ));
        std::fs::write(&file, format!("# daily\n{checkpoint}\nnot a checkpoint\n")).unwrap();
        let out = iop(&[
            "audit",
            "verify",
            "--db",
            &db,
            "--expect-file",
            file.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("rad 3: ingen kontrollpunkt"));
        std::fs::write(&file, format!("{checkpoint}\n")).unwrap();
        let out = iop(&[
            "audit",
            "verify",
            "--db",
            &db,
            "--expect-file",
            file.to_str().unwrap(),
        ]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "the file's checkpoint finds the rewrite too"
        );
        let _ = std::fs::remove_file(&file);
    }
);

// A partner representative reads the agreement their organisation signed,
// and its shared follow-up, but not another organisation's payments and
// invoices nor their files (seed 004: four idea-driven organisations).
on_both!(a_partner_sees_only_their_organisations_money, |backend| {
    let db = fresh_database(backend, "partner_money");
    let goteborg = example("004-goteborg-eu-migranter.toml");
    let parsed = domain::format::parse(&goteborg, domain::format::Syntax::Toml).unwrap();
    let org_of = |party: &str| {
        app::org_id(
            parsed
                .parties
                .iter()
                .find(|p| p.id.as_str() == party)
                .unwrap(),
        )
    };
    iop(
        &db,
        &["user", "add", "pia", "--name", "Pia", "--password-stdin"],
        Some(&format!("{PASSWORD}\n")),
    );
    iop(
        &db,
        &[
            "user",
            "grant",
            "pia",
            "--org",
            &org_of("frälsningsarmen"),
            "--role",
            "partner",
            "--org-name",
            "Frälsningsarmén",
        ],
        None,
    );
    let pia = iop(
        &db,
        &["user", "token", "pia", "--name", "t", "--scope", "write"],
        None,
    );
    let mut s = Server::start(&db, &[]);
    s.tokens.push(("pia".to_owned(), pia.trim().to_owned()));
    let id = s.create(&[], &goteborg);
    let records = format!("/api/v1/agreements/{id}/records");
    let record = |who: &str, body: serde_json::Value| {
        s.send(
            "POST",
            &records,
            &[(AS, who), ("Content-Type", "application/json")],
            Some(&body.to_string()),
        )
    };
    let made = |reply: Reply| {
        assert_eq!(reply.status, 201, "{}", reply.body);
        reply.json()["id"].as_str().unwrap().to_owned()
    };
    let paid = made(record(
        "anna",
        json!({"kind": "payment", "date": "2016-02-01", "state": "paid", "party": "social-resursförvaltning"}),
    ));
    let theirs = made(record(
        "petra",
        json!({"kind": "invoice", "date": "2016-02-02", "party": "stadsmissionen"}),
    ));
    let own = made(record(
        "pia",
        json!({"kind": "invoice", "date": "2016-02-03"}),
    ));
    let report = made(record(
        "pia",
        json!({"kind": "report", "date": "2016-02-04"}),
    ));
    let refused = record(
        "pia",
        json!({"kind": "invoice", "date": "2016-02-05", "party": "stadsmissionen"}),
    );
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("party"), "{}", refused.body);

    let listed = |who: &str| {
        let reply = s.send("GET", &records, &[(AS, who)], None);
        assert_eq!(reply.status, 200, "{}", reply.body);
        let ids: Vec<String> = reply
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect();
        ids
    };
    let pias = listed("pia");
    assert!(pias.contains(&own) && pias.contains(&report), "{pias:?}");
    assert!(
        !pias.contains(&paid) && !pias.contains(&theirs),
        "another organisation's money: {pias:?}"
    );
    let own_invoice = s.send("GET", &records, &[(AS, "pia")], None).json();
    let own_invoice = own_invoice
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == own.as_str())
        .cloned()
        .unwrap();
    assert_eq!(
        own_invoice["data"]["party"], "frälsningsarmen",
        "{own_invoice}"
    );
    for who in ["anna", "petra"] {
        let all = listed(who);
        for r in [&paid, &theirs, &own, &report] {
            assert!(
                all.contains(r),
                "{who} sees every organisation's records: {all:?}"
            );
        }
    }

    // Their files answer as if they did not exist.
    let file = s.send(
        "POST",
        &format!("{records}/{theirs}/files?name=f.txt"),
        &[("Content-Type", "text/plain")],
        Some("Faktura"),
    );
    assert_eq!(file.status, 201, "{}", file.body);
    let file = file.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(
        s.send(
            "GET",
            &format!("/api/v1/files/{file}"),
            &[(AS, "pia")],
            None
        )
        .status,
        404
    );
    assert_eq!(
        s.send(
            "GET",
            &format!("/api/v1/files/{file}"),
            &[(AS, "petra")],
            None
        )
        .status,
        200
    );
    assert_eq!(
        s.send(
            "GET",
            &format!("{records}/{theirs}/files"),
            &[(AS, "pia")],
            None
        )
        .status,
        404
    );
    let attach = s.send(
        "POST",
        &format!("{records}/{theirs}/files?name=g.txt"),
        &[(AS, "pia"), ("Content-Type", "text/plain")],
        Some("x"),
    );
    assert_eq!(attach.status, 404, "{}", attach.body);
    let session = s.sign_in("pia");
    let page = s.send_in(&session, "GET", &format!("/avtal/{id}"), &[], None);
    assert_eq!(page.status, 200);
    assert!(
        !page.body.contains(&file),
        "the page links another organisation's file"
    );
    // The organisation whose invoice it is finds it on the page.
    let petra = s.sign_in("petra");
    let page = s.send_in(&petra, "GET", &format!("/avtal/{id}"), &[], None);
    assert!(
        page.body.contains(&format!("/filer/{file}")),
        "{}",
        page.body
    );
});

// An official's API tokens as callers of every write route of the API: a
// read-only token is refused and writes nothing (the audit log's length
// stays); a full token does what the official may (every route an official
// may use).
on_both!(tokens_as_callers_of_every_write_route, |backend| {
    let db = fresh_database(backend, "token_matrix");
    let s = Server::start(&db, &[]);
    let f = fixture(&s);
    let token = |scope: &str| {
        iop(
            &db,
            &["user", "token", "anna", "--name", scope, "--scope", scope],
            None,
        )
        .trim()
        .to_owned()
    };
    let (read, write) = (token("read"), token("write"));
    let length = || {
        s.send("GET", "/api/v1/audit?limit=1", &[(AS, "root")], None)
            .json()[0]["seq"]
            .as_i64()
            .unwrap()
    };
    let mut tried = 0;
    for (n, (method, template, rule)) in matrix().enumerate() {
        // Sessions are the browser's: a token neither opens nor ends one.
        if *method == "GET"
            || is_page(template)
            || *rule == Rule::Public
            || template.starts_with("/api/v1/session")
            || !Who::OfficialOwn.allowed(*rule)
        {
            continue;
        }
        for (scope, bearer) in [("read", &read), ("write", &write)] {
            let p = prepare(&s, &f, method, template, Who::OfficialOwn, 10_000 + n, None);
            let auth = format!("Bearer {bearer}");
            let mut headers: Vec<(&str, &str)> = p
                .headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            headers.push(("Authorization", &auth));
            let before = length();
            let reply = send(method, &s.url(&p.path), &headers, p.body.as_deref());
            let what = format!(
                "{method} {template} with a {scope} token: {} {}",
                reply.status, reply.body
            );
            if scope == "read" {
                assert!(matches!(reply.status, 401 | 403), "{what}");
                assert_eq!(length(), before, "{what}: something was written");
            } else {
                // The matrix's token or feed to revoke is made in a session: to
                // a token it is someone else's, which does not exist.
                let elsewhere = matches!(
                    *template,
                    "/api/v1/tokens/{token}" | "/api/v1/calendar-feeds/{feed}"
                ) && reply.status == 404;
                assert!(reply.status < 400 || elsewhere, "{what}");
            }
        }
        tried += 1;
    }
    assert!(tried >= 8, "only {tried} write routes");
});

// Eight writers of the same version at once: the app's check passes for all
// of them, so only the store's compare-and-swap can keep all but one out.
// Through the API's PUT, its status route and the page's status form.
on_both!(writers_racing_on_one_version_make_one_version, |backend| {
    let db = fresh_database(backend, "race");
    let s = Server::start(&db, &[]);
    let f = fixture(&s);
    let path = format!("/api/v1/agreements/{}", f.agreement);
    let version = || {
        s.send("GET", &path, &[], None).json()["version"]
            .as_i64()
            .unwrap()
    };
    let race = |send: &(dyn Fn(usize) -> u16 + Sync)| -> Vec<u16> {
        let gate = std::sync::Barrier::new(8);
        std::thread::scope(|scope| {
            let runs: Vec<_> = (0..8)
                .map(|i| {
                    let gate = &gate;
                    scope.spawn(move || {
                        gate.wait();
                        send(i)
                    })
                })
                .collect();
            runs.into_iter().map(|r| r.join().unwrap()).collect()
        })
    };
    let wins = |statuses: &[u16], ok: &[u16]| statuses.iter().filter(|st| ok.contains(st)).count();

    let v = version();
    let toml = s
        .send("GET", &path, &[("Accept", "application/toml")], None)
        .body;
    let etag = format!("\"{v}\"");
    let statuses = race(&|i| {
        let body = toml.replace("Vi Ses!", &format!("Vi Ses! {i}"));
        s.send(
            "PUT",
            &path,
            &[("If-Match", &etag), ("Content-Type", "application/toml")],
            Some(&body),
        )
        .status
    });
    assert_eq!(wins(&statuses, &[200]), 1, "PUT: {statuses:?}");
    assert!(
        statuses.iter().all(|st| matches!(st, 200 | 409 | 412)),
        "{statuses:?}"
    );
    assert_eq!(version(), v + 1);

    let v = version();
    let etag = format!("\"{v}\"");
    let statuses = race(&|_| {
        let body = json!({"status": "draft"}).to_string();
        let headers = [
            ("If-Match", etag.as_str()),
            ("Content-Type", "application/json"),
        ];
        s.send("POST", &format!("{path}/status"), &headers, Some(&body))
            .status
    });
    assert_eq!(wins(&statuses, &[200]), 1, "status: {statuses:?}");
    assert!(
        statuses.iter().all(|st| matches!(st, 200 | 409 | 412)),
        "{statuses:?}"
    );
    assert_eq!(version(), v + 1);

    let v = version();
    let session = s.sign_in("anna");
    let statuses = race(&|_| {
        let body = format!(
            "status=draft&base_version={v}&reason=lopp&csrf_token={}",
            session.csrf
        );
        let form = [("Content-Type", "application/x-www-form-urlencoded")];
        let reply = s.send_in(
            &session,
            "POST",
            &format!("/avtal/{}/status", f.agreement),
            &form,
            Some(&body),
        );
        // Saved: 303 to the page saying so; a refusal is the form again (422).
        let saved = reply.status == 303
            && reply
                .header("location")
                .is_some_and(|l| l.contains("sparad=version"));
        if saved { 303 } else { reply.status }
    });
    assert_eq!(wins(&statuses, &[303]), 1, "status form: {statuses:?}");
    assert!(
        statuses.iter().all(|st| matches!(st, 303 | 422)),
        "{statuses:?}"
    );
    assert_eq!(version(), v + 1);
});

/// Run one SQL statement on a test database, behind the server's back.
pub(crate) fn execute(backend: Backend, db: &str, statement: &str) {
    sql(
        backend,
        db,
        statement,
        "c.execute(sys.argv[2]); c.commit()",
        "-qc",
    );
}

/// The first column of the first row a query gives, as text.
pub(crate) fn scalar(backend: Backend, db: &str, query: &str) -> String {
    sql(
        backend,
        db,
        query,
        "print(c.execute(sys.argv[2]).fetchone()[0])",
        "-tAqc",
    )
}

/// One SQL statement on the test's database: SQLite through Python's
/// sqlite3 (`then` runs on the connection `c`), PostgreSQL through psql
/// in the database's schema; its output, trimmed.
fn sql(backend: Backend, db: &str, statement: &str, then: &str, psql_flags: &str) -> String {
    let out = match backend {
        Backend::Sqlite => std::process::Command::new("python3")
            .args([
                "-c",
                &format!("import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); {then}"),
                db,
                statement,
            ])
            .output()
            .unwrap(),
        Backend::Postgres => {
            let schema = schema_of(db);
            std::process::Command::new("psql")
                .args([
                    "-h",
                    "127.0.0.1",
                    "-d",
                    "test",
                    psql_flags,
                    &format!("SET search_path = {schema}; {statement}"),
                ])
                .output()
                .unwrap()
        }
    };
    assert!(
        out.status.success(),
        "{statement}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

#[cfg(feature = "pdf")]
on_both!(the_agreement_as_pdf_for_those_who_may_see_it, |backend| {
    let db = prepared_database(backend, "pdf", "outsiders", add_outsiders);
    let s = Server::start(&db, &[]);
    let f = fixture(&s);
    let path = format!("/avtal/{}/pdf", f.agreement);
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
