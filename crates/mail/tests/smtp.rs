//! Against a real SMTP server: Python's aiosmtpd, in a virtual environment
//! under the cargo target directory that the tests create when it is missing
//! (the fixture in `fixture/`, shared with the `iop` test suite).

mod fixture;

use fixture::{SmtpServer as Server, free_port};
use mail::{Failure, Mailer, Security, SmtpMailer};
use remind::Mail;

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

#[test]
fn a_greylisting_server_takes_the_second_attempt() {
    let server = Server::start("flaky");
    let m = mailer(server.port);
    let first = m.send(&mail("flaky@example.se"));
    assert!(
        matches!(&first, Err(e) if e.failure == Failure::Temporary && e.code == Some(451)),
        "{first:?}"
    );
    assert!(server.delivered().is_empty());
    assert_eq!(m.send(&mail("flaky@example.se")), Ok(()));
    assert_eq!(server.delivered().len(), 1);
}
