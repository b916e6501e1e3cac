//! What the integration tests share: a fresh database per test (an SQLite
//! file, or a schema on the PostgreSQL server at 127.0.0.1:5432, database
//! `test`), copied from one prepared once per database type with the test
//! users made by `iop user`; the real `iop serve` spawned on it, keeping
//! uploads in a directory of its own; and requests as one of those users.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, Mutex, OnceLock};

use serde_json::Value;

pub const PG_BASE: &str = "postgres://root@127.0.0.1:5432/test";
pub static COUNTER: AtomicUsize = AtomicUsize::new(0);
/// Test users made per database (a restarted server keeps them).
pub static PROVISIONED: LazyLock<Mutex<HashMap<String, Tokens>>> = LazyLock::new(Default::default);

/// Each test user's API token, by user name.
pub type Tokens = Vec<(String, String)>;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// An empty database for one test: an SQLite file or a PostgreSQL schema.
pub fn empty_database(backend: Backend, name: &str) -> String {
    let tag = unique(name);
    match backend {
        Backend::Sqlite => sqlite_path(&tag),
        Backend::Postgres => {
            let schema = pg_schema(&tag);
            psql(&format!(
                "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};"
            ));
            pg_url(&schema)
        }
    }
}

/// A database for one test with the test users in it: a copy of one
/// prepared once per database type (and test binary), so the users are not
/// made again by some sixty `iop` runs per test.
pub fn fresh_database(backend: Backend, name: &str) -> String {
    let template = template(backend, "users", || {
        let db = empty_database(backend, "template_users");
        let tokens = provision(&db);
        (db, tokens)
    });
    template.copy(name)
}

/// A copy of a database made once per database type (and test binary): the
/// test users' database, then `setup` on it. `key` names the setup.
pub fn prepared_database(
    backend: Backend,
    name: &str,
    key: &'static str,
    setup: fn(&str),
) -> String {
    let template = template(backend, key, || {
        let db = fresh_database(backend, &format!("template_{key}"));
        setup(&db);
        let tokens = tokens_of(&db);
        (db, tokens)
    });
    template.copy(name)
}

/// A name no other database of this run has.
fn unique(name: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    format!("{name}_{}_{n}", std::process::id())
}

fn sqlite_path(tag: &str) -> String {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("server");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{tag}.db")).display().to_string();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{path}{suffix}"));
    }
    path
}

fn pg_schema(tag: &str) -> String {
    format!("iop_{tag}").to_lowercase()
}

fn pg_url(schema: &str) -> String {
    format!("{PG_BASE}?options=-c%20search_path%3D{schema}")
}

/// Run SQL (statements, or a dump as `pg_dump` writes it) on database `test`.
fn psql(sql: &str) {
    use std::io::Write as _;
    let mut child = Command::new("psql")
        .args([
            "-h",
            "127.0.0.1",
            "-d",
            "test",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Quiet: no notice for each table a dropped schema takes with it.
    stdin
        .write_all(b"SET client_min_messages = warning;\n")
        .unwrap();
    stdin.write_all(sql.as_bytes()).unwrap();
    drop(stdin);
    let status = child.wait().unwrap();
    assert!(
        status.success(),
        "psql failed on: {}",
        &sql[..sql.len().min(200)]
    );
}

/// A database prepared once, and how to copy it.
struct Template {
    tokens: Tokens,
    image: Image,
}

enum Image {
    /// The prepared SQLite file.
    Sqlite(String),
    /// `pg_dump` of the prepared schema, which is then dropped.
    Postgres { schema: String, dump: String },
}

/// Templates by database type and setup, each made by the first test that
/// asks for it while the others wait (kept for the whole run).
type Templates = HashMap<(Backend, &'static str), &'static OnceLock<Template>>;
static TEMPLATES: LazyLock<Mutex<Templates>> = LazyLock::new(Default::default);

fn template(
    backend: Backend,
    key: &'static str,
    make: impl FnOnce() -> (String, Tokens),
) -> &'static Template {
    let cell: &'static OnceLock<Template> = TEMPLATES
        .lock()
        .unwrap()
        .entry((backend, key))
        .or_insert_with(|| Box::leak(Box::default()));
    cell.get_or_init(|| {
        let (db, tokens) = make();
        Template {
            tokens,
            image: Image::of(backend, &db),
        }
    })
}

impl Image {
    fn of(backend: Backend, db: &str) -> Image {
        match backend {
            Backend::Sqlite => Image::Sqlite(db.to_owned()),
            Backend::Postgres => {
                let schema = schema_of(db).to_owned();
                let out = Command::new("pg_dump")
                    .args(["-h", "127.0.0.1", "-d", "test", "--no-owner"])
                    .args(["--no-privileges", "-n", &schema])
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "pg_dump: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                psql(&format!("DROP SCHEMA {schema} CASCADE;"));
                Image::Postgres {
                    dump: String::from_utf8(out.stdout).unwrap(),
                    schema,
                }
            }
        }
    }
}

impl Template {
    /// A new database with what the template holds, its users known.
    fn copy(&self, name: &str) -> String {
        let tag = unique(name);
        let db = match &self.image {
            Image::Sqlite(file) => {
                let path = sqlite_path(&tag);
                std::fs::copy(file, &path).unwrap();
                // Writes not yet folded into the file are in its log.
                let log = format!("{file}-wal");
                if Path::new(&log).exists() {
                    std::fs::copy(&log, format!("{path}-wal")).unwrap();
                }
                path
            }
            Image::Postgres { schema, dump } => {
                let new = pg_schema(&tag);
                let sql = dump.replace(schema.as_str(), &new);
                psql(&format!("DROP SCHEMA IF EXISTS {new} CASCADE;\n{sql}"));
                pg_url(&new)
            }
        };
        PROVISIONED
            .lock()
            .unwrap()
            .insert(db.clone(), self.tokens.clone());
        db
    }
}

/// The schema a PostgreSQL test database URL names.
pub fn schema_of(db: &str) -> &str {
    db.rsplit("search_path%3D").next().unwrap_or_default()
}

/// The test users' tokens in a database they were made in.
fn tokens_of(db: &str) -> Tokens {
    PROVISIONED.lock().unwrap()[db].clone()
}

/// Where a server on `db` keeps uploaded files: under the target directory,
/// two levels down (so a name like `../../x` that were followed would land
/// in the target directory, where a test can look for it).
pub fn files_dir(db: &str) -> PathBuf {
    let tag: String = schema_of(db)
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("files")
        .join(tag)
}

/// The test users, made with `iop user` before the server starts: two
/// officials, a partner representative and a reader, each in every
/// organisation that is a party to an example agreement; and an
/// administrator. Each gets a write API token.
pub const USERS: &[(&str, Option<&str>)] = &[
    ("anna", Some("official")),
    ("bertil", Some("official")),
    ("petra", Some("partner")),
    ("rut", Some("reader")),
    ("root", None),
];

/// A pseudo-header for [`Server::send`]: act as this test user (not sent).
pub const AS: &str = "x-test-as";
/// Every test user's password.
pub const PASSWORD: &str = "correct horse battery";

pub fn iop(db: &str, args: &[&str], stdin: Option<&str>) -> String {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_iop"))
        .args(args)
        .args(["--db", db])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "iop {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The organisations of the example agreements, as (id, name).
pub fn example_orgs() -> Vec<(String, String)> {
    let mut orgs = Vec::new();
    for name in [
        "000-gotland-rkg.toml",
        "002-linkoping-vi-ses.toml",
        "003-skane-malmo-barn.toml",
        "004-goteborg-eu-migranter.toml",
    ] {
        let a = domain::format::parse(&example(name), domain::format::Syntax::Toml).unwrap();
        for p in &a.parties {
            orgs.push((app::org_id(p), p.name.clone()));
        }
    }
    orgs.sort();
    orgs.dedup();
    orgs
}

/// Make the test users in a database and return their API tokens.
pub fn provision(db: &str) -> Vec<(String, String)> {
    let orgs = example_orgs();
    let mut tokens = Vec::new();
    for (user, role) in USERS {
        let mut add = vec!["user", "add", user, "--name", user, "--password-stdin"];
        if role.is_none() {
            add.push("--admin");
        }
        iop(db, &add, Some(&format!("{PASSWORD}\n")));
        if let Some(role) = role {
            for (id, name) in &orgs {
                iop(
                    db,
                    &[
                        "user",
                        "grant",
                        user,
                        "--org",
                        id,
                        "--role",
                        role,
                        "--org-name",
                        name,
                    ],
                    None,
                );
            }
        }
        let token = iop(
            db,
            &["user", "token", user, "--name", "tests", "--scope", "write"],
            None,
        );
        tokens.push((user.to_string(), token.trim().to_owned()));
    }
    tokens
}

/// A running `iop serve`.
pub struct Server {
    pub child: Child,
    pub base: String,
    pub db: String,
    pub tokens: Vec<(String, String)>,
}

impl Server {
    /// Start on a database, making the test users first if it has none.
    /// Uploads go to [`files_dir`] unless `extra` says `--files`.
    pub fn start(db: &str, extra: &[&str]) -> Server {
        let tokens = PROVISIONED
            .lock()
            .unwrap()
            .entry(db.to_owned())
            .or_insert_with(|| provision(db))
            .clone();
        Self::start_with(db, extra, tokens)
    }

    pub fn start_with(db: &str, extra: &[&str], tokens: Vec<(String, String)>) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_iop"))
            .args(["serve", "--db", db, "--listen", "127.0.0.1:0"])
            // The tests' fixed day, unless the test names its own.
            .args(if extra.contains(&"--today") {
                &[][..]
            } else {
                &["--today", "2026-11-23"][..]
            })
            .args(extra)
            .env("IOP_LOG", "warn")
            .env("IOP_FILES", files_dir(db))
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let address = line
            .split("http://")
            .nth(1)
            .and_then(|s| s.split('/').next())
            .unwrap_or_else(|| {
                let _ = child.kill();
                panic!("the server did not say where it listens: {line:?}")
            });
        Server {
            base: format!("http://{address}"),
            child,
            db: db.to_owned(),
            tokens,
        }
    }

    pub fn token(&self, user: &str) -> &str {
        self.tokens
            .iter()
            .find(|(u, _)| u == user)
            .map(|(_, t)| t.as_str())
            .unwrap_or_else(|| panic!("no test user {user}"))
    }

    /// A request as a test user: `anna` (an official) unless the headers
    /// name another with [`AS`], or `(AS, "")` for nobody signed in.
    pub fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Reply {
        let user = headers
            .iter()
            .find(|(n, _)| *n == AS)
            .map_or("anna", |(_, v)| *v);
        let bearer = format!(
            "Bearer {}",
            if user.is_empty() {
                ""
            } else {
                self.token(user)
            }
        );
        let mut all: Vec<(&str, &str)> =
            headers.iter().filter(|(n, _)| *n != AS).copied().collect();
        if !user.is_empty() {
            all.push(("Authorization", &bearer));
        }
        send(method, &self.url(path), &all, body)
    }

    /// Create an agreement from its file (TOML) as `anna`, or as the user
    /// `headers` name with [`AS`]: the id the server gave it.
    pub fn create(&self, headers: &[(&str, &str)], text: &str) -> String {
        let mut all = vec![("Content-Type", "application/toml")];
        all.extend_from_slice(headers);
        created_id(&self.send("POST", "/api/v1/agreements", &all, Some(text)))
    }

    /// Sign in with the test users' password: the session cookie and its CSRF token.
    pub fn sign_in(&self, user: &str) -> Session {
        self.sign_in_with(user, PASSWORD)
    }

    /// Sign in with this password (the demo accounts have their own).
    pub fn sign_in_with(&self, user: &str, password: &str) -> Session {
        let body = serde_json::json!({"username": user, "password": password}).to_string();
        let reply = send(
            "POST",
            &self.url("/api/v1/session"),
            &[("Content-Type", "application/json")],
            Some(&body),
        );
        assert_eq!(reply.status, 200, "sign in as {user}: {}", reply.body);
        Session {
            cookie: session_cookie(&reply).unwrap(),
            csrf: reply.json()["csrf_token"].as_str().unwrap().to_owned(),
        }
    }

    /// A request in a browser's session: cookie, CSRF token, same origin.
    pub fn send_in(
        &self,
        session: &Session,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Reply {
        let cookie = format!("iop_session={}", session.cookie);
        let mut all: Vec<(&str, &str)> = vec![
            ("Cookie", &cookie),
            ("X-CSRF-Token", &session.csrf),
            ("Origin", &self.base),
        ];
        all.extend_from_slice(headers);
        send(method, &self.url(path), &all, body)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Kill the process without warning (SIGKILL).
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A signed-in browser session.
#[derive(Debug, Clone)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

/// The session cookie a reply sets.
pub fn session_cookie(reply: &Reply) -> Option<String> {
    reply
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("set-cookie"))
        .find_map(|(_, v)| v.strip_prefix("iop_session="))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        // A redirect is an answer to look at (after a form, to sign in).
        .max_redirects(0)
        // A method no route takes asks the server which ones it does.
        .allow_non_standard_methods(true)
        .build()
        .into()
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// POSTs `body` to `url` from another thread while this one reads the
/// answer. The server may answer a body over its limit and close before
/// the body is all written; a client that writes first and then reads
/// (ureq) then sees a broken pipe or a reset instead of the answer.
pub fn post_while_reading(url: &str, headers: &[(&str, &str)], body: Vec<u8>) -> Reply {
    use std::io::Write;
    let rest = url.trim_start_matches("http://");
    let (address, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    let mut head = format!(
        "POST {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let sending = std::thread::spawn(move || {
        for chunk in body.chunks(64 * 1024) {
            // The server may stop reading once it has answered.
            if writer.write_all(chunk).is_err() {
                break;
            }
        }
    });
    let answer = read_answer(&mut stream);
    let _ = stream.shutdown(std::net::Shutdown::Both);
    let _ = sending.join();
    parse_answer(&answer)
}

/// The answer's head and as much of its body as it announces.
fn read_answer(stream: &mut std::net::TcpStream) -> Vec<u8> {
    use std::io::Read;
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = stream.read(&mut buf).unwrap_or(0);
        answer.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&answer);
        let done = text.split_once("\r\n\r\n").is_some_and(|(head, body)| {
            head.lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                })
                .is_some_and(|len| body.len() >= len)
        });
        if n == 0 || done {
            return answer;
        }
    }
}

/// An HTTP/1.1 answer read off the wire.
fn parse_answer(answer: &[u8]) -> Reply {
    let text = String::from_utf8_lossy(answer).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Reply {
        status,
        headers,
        body: body.to_owned(),
    }
}

pub fn send(method: &str, url: &str, headers: &[(&str, &str)], body: Option<&str>) -> Reply {
    let agent = agent();
    let mut request = ureq::http::Request::builder().method(method).uri(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = match body {
        Some(body) => agent.run(request.body(body.to_owned()).unwrap()),
        None => agent.run(request.body(()).unwrap()),
    }
    .unwrap();
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or_default().to_owned()))
        .collect();
    let body = response.into_body().read_to_string().unwrap_or_default();
    Reply {
        status,
        headers,
        body,
    }
}

/// The id the server gave the agreement a 201 created: the body's, which
/// `Location` names too.
pub fn created_id(reply: &Reply) -> String {
    assert_eq!(reply.status, 201, "{}", reply.body);
    let id = reply.json()["id"].as_str().unwrap().to_owned();
    let location = format!("/api/v1/agreements/{id}");
    assert_eq!(reply.header("location"), Some(location.as_str()));
    id
}

pub fn get(s: &Server, path: &str) -> Reply {
    s.send("GET", path, &[], None)
}

pub fn example(name: &str) -> String {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

/// `iop ARGS` run from the repository root (paths like `examples/…`), in
/// the default language, with no database.
pub fn cli(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_iop"))
        .args(args)
        .env_remove("IOP_LANG")
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .output()
        .unwrap()
}

pub const VI_SES: &str = "002-linkoping-vi-ses.toml";
pub const VI_SES_ID: &str = "linkoping-vi-ses-2022";

/// Run a test body against both databases.
macro_rules! on_both {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            #[test]
            fn sqlite() {
                ($body)(Backend::Sqlite)
            }
            #[test]
            fn postgres() {
                ($body)(Backend::Postgres)
            }
        }
    };
}
