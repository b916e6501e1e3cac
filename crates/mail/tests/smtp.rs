//! Against a real SMTP server: Python's aiosmtpd, in a virtual environment
//! under the cargo target directory that the tests create when it is missing.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;

use mail::{Failure, Mailer, Security, SmtpMailer};
use remind::Mail;

static VENV: Mutex<Option<PathBuf>> = Mutex::new(None);

/// The venv's python with aiosmtpd installed; made once, kept between runs.
fn python() -> PathBuf {
    let mut guard = VENV
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(p) = guard.as_ref() {
        return p.clone();
    }
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("aiosmtpd-venv");
    let python = venv.join("bin").join("python");
    let ready = || {
        Command::new(&python)
            .args(["-c", "import aiosmtpd"])
            .status()
            .is_ok_and(|s| s.success())
    };
    if !ready() {
        let ok = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .is_ok_and(|s| s.success())
            && Command::new(venv.join("bin").join("pip"))
                .args(["install", "--quiet", "aiosmtpd"])
                .status()
                .is_ok_and(|s| s.success());
        assert!(
            ok && ready(),
            "could not set up aiosmtpd in {}",
            venv.display()
        );
    }
    *guard = Some(python.clone());
    python
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("no free port: {e}"))
}

struct Server {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Server {
    fn start(name: &str) -> Self {
        let port = free_port();
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("smtp-{name}-{port}"));
        let _ = std::fs::remove_dir_all(&dir);
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smtp_server.py");
        let mut child = Command::new(python())
            .arg(script)
            .arg(port.to_string())
            .arg(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("start aiosmtpd: {e}"));
        let mut line = String::new();
        if let Some(out) = child.stdout.take() {
            let _ = BufReader::new(out).read_line(&mut line);
        }
        assert_eq!(line.trim(), "READY", "aiosmtpd did not start");
        Server { child, port, dir }
    }

    fn delivered(&self) -> Vec<String> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.sort();
        files
            .iter()
            .map(|f| std::fs::read_to_string(f).unwrap_or_default())
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Closing stdin stops it; kill in case it does not.
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn mail(to: &str) -> Mail {
    Mail {
        to: to.into(),
        subject: "Påminnelse: Verksamhetsplan för 2021, senast 1 februari 2021".into(),
        text: "Hej Anna!\n\nSista dag: 1 februari 2021\n".into(),
        html: "<p>Hej Anna!</p>\n<p>Sista dag: 1 februari 2021 &amp; mer</p>\n".into(),
        headers: vec![
            (
                "List-Unsubscribe".into(),
                "<https://iop.example.se/paminnelser/avsluta/t0k3n>".into(),
            ),
            (
                "List-Unsubscribe-Post".into(),
                "List-Unsubscribe=One-Click".into(),
            ),
        ],
    }
}

fn mailer(port: u16) -> SmtpMailer {
    SmtpMailer::from_url(&format!("smtp://127.0.0.1:{port}"), "iop <iop@example.se>")
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_mail_arrives_with_both_parts_and_the_unsubscribe_headers() {
    let server = Server::start("ok");
    let result = mailer(server.port).send(&mail("anna@example.se"));
    assert_eq!(result, Ok(()));
    let got = server.delivered();
    assert_eq!(got.len(), 1);
    let m = &got[0];
    for expected in [
        "From: iop <iop@example.se>",
        "To: anna@example.se",
        "List-Unsubscribe: <https://iop.example.se/paminnelser/avsluta/t0k3n>",
        "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
        "Content-Type: multipart/alternative",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Type: text/html; charset=utf-8",
        // The subject is not ASCII: RFC 2047 encoded.
        "Subject: =?utf-8?",
    ] {
        assert!(m.contains(expected), "{expected} missing in\n{m}");
    }
    let text = m.find("text/plain");
    let html = m.find("text/html");
    assert!(text < html, "plain text first, HTML preferred last");
}

#[test]
fn a_4xx_is_temporary_and_a_5xx_permanent() {
    let server = Server::start("codes");
    let m = mailer(server.port);
    let temp = m.send(&mail("temp@example.se"));
    let perm = m.send(&mail("perm@example.se"));
    assert!(
        matches!(&temp, Err(e) if e.failure == Failure::Temporary && e.code == Some(451)),
        "{temp:?}"
    );
    assert!(
        matches!(&perm, Err(e) if e.failure == Failure::Permanent && e.code == Some(550)),
        "{perm:?}"
    );
    assert!(server.delivered().is_empty());
}

#[test]
fn a_server_that_is_down_is_temporary() {
    let port = free_port();
    let got = mailer(port).send(&mail("anna@example.se"));
    assert!(
        matches!(&got, Err(e) if e.failure == Failure::Temporary && e.code.is_none()),
        "{got:?}"
    );
}

#[test]
fn a_slow_server_is_temporary() {
    let server = Server::start("slow");
    let m = mailer(server.port).with_timeout(std::time::Duration::from_secs(1));
    let start = std::time::Instant::now();
    let got = m.send(&mail("slow@example.se"));
    let waited = start.elapsed().as_secs_f64();
    assert!((1.0..4.0).contains(&waited), "gave up after {waited} s");
    assert!(
        matches!(&got, Err(e) if e.failure == Failure::Temporary && e.code.is_none()),
        "{got:?}"
    );
}

#[test]
fn a_bad_recipient_is_permanent_without_a_connection() {
    let got = mailer(free_port()).send(&mail("not an address"));
    assert!(
        matches!(&got, Err(e) if e.failure == Failure::Permanent),
        "{got:?}"
    );
}

#[test]
fn urls_choose_the_security() {
    let of = |url: &str| SmtpMailer::from_url(url, "iop@example.se").map(|m| m.security());
    assert_eq!(of("smtp://localhost:2525"), Ok(Security::Plain));
    assert_eq!(
        of("smtp://u:p%40ss@mail.example.se:587"),
        Ok(Security::StartTls)
    );
    assert_eq!(of("smtps://u:p@mail.example.se"), Ok(Security::Implicit));
    assert_eq!(of("smtps://mail.example.se:465"), Ok(Security::Implicit));
    assert!(of("http://mail.example.se").is_err());
    assert!(of("smtp://").is_err());
    assert!(SmtpMailer::from_url("smtp://localhost", "not an address").is_err());
}
