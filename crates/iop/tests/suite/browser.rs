//! The web pages in a real browser: Debian's Chromium, headless, driven by
//! chromedriver over WebDriver (fantoccini), against the real `iop serve
//! --demo` binary. Every page type is checked with axe-core (from npm, see
//! `tests/browser/package.json`) in Swedish and English, and the main flows
//! are walked as a person would. Screenshots (desktop and 390 px wide) are
//! saved under `target/screenshots/`.
//!
//! Needs `/usr/bin/chromium`, `/usr/bin/chromedriver` and
//! `tests/browser/node_modules/axe-core`; `scripts/test` installs them. When
//! one is missing the tests fail and say which.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::support::{Backend, Server, empty_database, send};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const TODAY: &str = "2026-11-23";
const TAB: char = '\u{e004}';
const ENTER: char = '\u{e007}';

static COUNTER: AtomicUsize = AtomicUsize::new(0);
/// One browser at a time: the machine has two cores.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn scratch(name: &str) -> PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("browser")
        .join(format!("{name}_{}_{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `iop serve --demo` on a fresh SQLite file, with the demo's own users
/// (signed in through the pages, so no test users or tokens are made).
fn demo_server(name: &str) -> Server {
    let db = empty_database(Backend::Sqlite, name);
    Server::start_with(&db, &["--demo"], Vec::new())
}

/// The demo as it stands on `today`: an agreement whose term runs on that
/// day has no follow-up yet.
fn demo_server_on(name: &str, today: &str) -> Server {
    let db = empty_database(Backend::Sqlite, name);
    Server::start_with(&db, &["--demo", "--today", today], Vec::new())
}

/// chromedriver on a free port, and a headless Chromium session through it.
struct Browser {
    driver: Child,
    client: Option<Client>,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn require(path: &str, what: &str) {
    assert!(
        Path::new(path).exists(),
        "{what} is missing at {path}: run scripts/test (it installs chromium and chromium-driver with apt-get)"
    );
}

fn axe_source() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/browser/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "axe-core is missing ({}: {e}): run `npm ci` in crates/iop/tests/browser (scripts/test does)",
            path.display()
        )
    })
}

impl Browser {
    async fn start() -> Browser {
        require(CHROMIUM, "Chromium");
        require(CHROMEDRIVER, "chromedriver");
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-gpu",
                    "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=sv"
                ]
            }),
        );
        let url = format!("http://127.0.0.1:{port}");
        let mut last = String::new();
        for _ in 0..100 {
            match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => {
                    return Browser {
                        driver,
                        client: Some(client),
                    };
                }
                Err(e) => last = e.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("could not start Chromium through chromedriver: {last}");
    }

    fn c(&self) -> &Client {
        self.client.as_ref().unwrap()
    }

    async fn close(mut self) {
        if let Some(c) = self.client.take() {
            let _ = c.close().await;
        }
    }

    async fn goto(&self, url: &str) {
        self.c().goto(url).await.unwrap();
    }

    /// The text of the first element matching `css`, waiting for it to appear.
    async fn text(&self, css: &str) -> String {
        self.c()
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
            .text()
            .await
            .unwrap()
    }

    async fn fill(&self, css: &str, value: &str) {
        let e = self
            .c()
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no field {css}: {e}"));
        e.clear().await.unwrap();
        e.send_keys(value).await.unwrap();
    }

    async fn click(&self, css: &str) {
        self.c()
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("nothing to click at {css}: {e}"))
            .click()
            .await
            .unwrap();
    }

    /// Press a key on the keyboard (to whatever has the focus).
    async fn press(&self, key: char) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let actions = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
        self.c().perform_actions(actions).await.unwrap();
    }

    /// Wait until the page `old` (its root element) has been replaced.
    async fn wait_for_new_page(&self, old: fantoccini::elements::Element) {
        for _ in 0..200 {
            if old.tag_name().await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the page did not change");
    }

    /// Click a button or link and wait for the next page.
    async fn submit(&self, css: &str) {
        let old = self.c().find(Locator::Css("html")).await.unwrap();
        self.click(css).await;
        self.wait_for_new_page(old).await;
    }

    async fn html_lang(&self) -> String {
        self.c()
            .find(Locator::Css("html"))
            .await
            .unwrap()
            .attr("lang")
            .await
            .unwrap()
            .unwrap_or_default()
    }

    /// Run axe-core on the page; panic listing every violation.
    async fn axe(&self, label: &str) {
        let c = self.c();
        c.execute(&axe_source(), vec![]).await.unwrap();
        let result = c
            .execute(
                "return axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})
                   .then(r => r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', ')));",
                vec![],
            )
            .await
            .unwrap();
        let violations: Vec<String> = serde_json::from_value(result).unwrap();
        assert!(
            violations.is_empty(),
            "axe found {} violation(s) on {label}:\n{}",
            violations.len(),
            violations.join("\n")
        );
    }

    /// A screenshot at desktop width and at a phone's 390 px.
    async fn screenshots(&self, name: &str) {
        let dir = target_dir().join("screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        for (suffix, width, height) in [("desktop", 1280, 900), ("390px", 390, 844)] {
            self.c().set_window_size(width, height).await.unwrap();
            let png = self.c().screenshot().await.unwrap();
            std::fs::write(dir.join(format!("{name}-{suffix}.png")), png).unwrap();
        }
        self.c().set_window_size(1280, 900).await.unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Sign in as one of the demo accounts (`--demo` makes them; the password
/// is `demo-` and the user name) through the sign-in page.
async fn sign_in(client: &Client, base: &str, username: &str) {
    client.goto(&format!("{base}/logga-in")).await.unwrap();
    let field = |css: &'static str| async move {
        client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no field {css} on the sign-in page: {e}"))
    };
    field("#username").await.send_keys(username).await.unwrap();
    field("#password")
        .await
        .send_keys(&format!("demo-{username}"))
        .await
        .unwrap();
    let old = client.find(Locator::Css("html")).await.unwrap();
    field("form[action='/logga-in'] button")
        .await
        .click()
        .await
        .unwrap();
    for _ in 0..200 {
        if old.tag_name().await.is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let url = client.current_url().await.unwrap();
    assert!(
        !url.path().starts_with("/logga-in"),
        "signing in as {username} failed: still on {url}"
    );
}

// ---------------------------------------------------------------- pages

#[tokio::test]
async fn every_page_type_passes_axe_in_swedish_and_english() {
    let _one = ONE_AT_A_TIME.lock().await;
    let server = demo_server("axe");
    let b = Browser::start().await;
    sign_in(b.c(), &server.base, "handlaggare").await;
    for lang in ["sv", "en"] {
        for (name, path) in AXE_PAGES {
            let sep = if path.contains('?') { '&' } else { '?' };
            b.goto(&server.url(&format!("{path}{sep}lang={lang}")))
                .await;
            assert_eq!(b.html_lang().await, lang, "{path}");
            b.axe(&format!("{path} ({lang})")).await;
            b.screenshots(&format!("{name}-{lang}")).await;
        }
        payment_form_with_errors(&b, &server, lang).await;
        new_agreement_forms(&b, &server, lang).await;
    }
    b.close().await;
}

/// The reminder pages in the demo, with an unsubscribe secret and two
/// reminders (one sent, one failed) put into its database: the outbox
/// (an administrator), the settings with and without errors, the
/// unsubscribe button and the agreement page's reminders of a duty.
#[tokio::test]
async fn reminder_pages_pass_axe_in_swedish_and_english() {
    let _one = ONE_AT_A_TIME.lock().await;
    let server = demo_server("axe_reminders");
    let secret = "c0".repeat(32);
    let sql = |statement: String| crate::access::execute(Backend::Sqlite, &server.db, &statement);
    sql(format!(
        "INSERT INTO unsubscribe_tokens (token_hash, user_id, created_at) \
         SELECT '{}', id, '2026-01-01T00:00:00Z' FROM users WHERE username = 'handlaggare'",
        app::secret_hash(&secret)
    ));
    for (lead, state, error) in [
        (-7, "sent", "NULL"),
        (0, "failed", "'permanent failure (550): no such user'"),
    ] {
        sql(format!(
            "INSERT INTO reminders (recipient, agreement_id, duty_key, lead_days, due, planned_for, address, \
             subject, mail, state, attempts, next_attempt_at, last_error, sent_at, created_at) \
             SELECT u.id, o.agreement_id, o.key, {lead}, o.due, o.due, 'handlaggare@example.se', 'Påminnelse', '{{}}', \
             '{state}', 1, '2026-01-01T08:00:00Z', {error}, '2026-01-01T08:00:00Z', '2026-01-01T08:00:00Z' \
             FROM obligations o, users u WHERE o.agreement_id = 'linkoping-vi-ses-2022' AND u.username = 'handlaggare' \
             ORDER BY o.due LIMIT 1"
        ));
    }
    let b = Browser::start().await;
    sign_in(b.c(), &server.base, "admin").await;
    for lang in ["sv", "en"] {
        b.goto(&server.url(&format!("/admin/paminnelser?lang={lang}")))
            .await;
        assert!(b.text("#outbox-failed").await.contains("550"));
        b.axe(&format!("outbox ({lang})")).await;
        b.screenshots(&format!("outbox-{lang}")).await;
    }
    b.submit("form[action='/logga-ut'] button").await;
    sign_in(b.c(), &server.base, "handlaggare").await;
    for lang in ["sv", "en"] {
        for (name, path) in [
            ("reminder-settings", "/konto/paminnelser".to_owned()),
            ("unsubscribe", format!("/paminnelser/avsluta/{secret}")),
            (
                "agreement-reminders",
                "/avtal/linkoping-vi-ses-2022".to_owned(),
            ),
        ] {
            b.goto(&server.url(&format!("{path}?lang={lang}"))).await;
            assert_eq!(b.html_lang().await, lang, "{path}");
            b.axe(&format!("{path} ({lang})")).await;
            b.screenshots(&format!("{name}-{lang}")).await;
        }
        assert_eq!(
            b.c()
                .find_all(Locator::Css(".duty-reminders tbody tr"))
                .await
                .unwrap()
                .len(),
            2
        );
        b.goto(&server.url(&format!("/konto/paminnelser?lang={lang}")))
            .await;
        b.fill("#email", "inte en adress").await;
        b.submit("main button[type=submit]").await;
        b.text("#error-summary").await;
        let title = b.c().title().await.unwrap();
        let prefix = if lang == "sv" { "Fel: " } else { "Error: " };
        assert!(title.starts_with(prefix), "{title}");
        b.axe(&format!("reminder settings with errors ({lang})"))
            .await;
        b.screenshots(&format!("reminder-settings-errors-{lang}"))
            .await;
    }
    b.close().await;
}

/// Every page type, by a name for its screenshots and a path in the demo.
const AXE_PAGES: &[(&str, &str)] = &[
    ("start", "/"),
    ("list", "/avtal?status=draft&q=r"),
    ("agreement", "/avtal/linkoping-vi-ses-2022"),
    ("agreement-gotland", "/avtal/gotland-rkg-2025"),
    ("agreement-goteborg", "/avtal/goteborg-eu-migranter-2015"),
    (
        "payment",
        "/avtal/linkoping-vi-ses-2022/uppfoljning/betalning",
    ),
    ("report", "/avtal/linkoping-vi-ses-2022/uppfoljning/rapport"),
    ("meeting", "/avtal/linkoping-vi-ses-2022/uppfoljning/mote"),
    ("decision", "/avtal/gotland-rkg-2025/uppfoljning/beslut"),
    (
        "extension",
        "/avtal/skane-malmo-rk-barn-2021/uppfoljning/forlangning",
    ),
    (
        "outcome",
        "/avtal/skane-malmo-rk-barn-2021/uppfoljning/utfall",
    ),
    ("notice", "/avtal/gotland-rkg-2025/uppsagning"),
    ("calculator", "/avtal/gotland-rkg-2025/berakna"),
    (
        "calculator-result",
        "/avtal/gotland-rkg-2025/berakna?date=2026-11-23&ground=convenience",
    ),
    ("new", "/avtal/ny"),
    ("edit", "/avtal/gotland-rkg-2025/andra"),
    ("register", "/register"),
    ("account", "/konto"),
    ("sign-in", "/logga-in"),
    ("accessibility", "/tillganglighet"),
    ("not-found", "/avtal/finns-inte"),
];

/// A form sent back with errors: summary and messages by the fields.
async fn payment_form_with_errors(b: &Browser, server: &Server, lang: &str) {
    b.goto(&server.url(&format!(
        "/avtal/linkoping-vi-ses-2022/uppfoljning/betalning?lang={lang}"
    )))
    .await;
    b.fill("#date", "31/3").await;
    b.fill("#amount", "").await;
    b.submit("main button[type=submit]").await;
    let summary = b.text("#error-summary").await;
    let title = b.c().title().await.unwrap();
    let prefix = if lang == "sv" { "Fel: " } else { "Error: " };
    assert!(title.starts_with(prefix), "{title}");
    assert!(summary.contains("2026-03-31"), "{summary}");
    b.axe(&format!("payment form with errors ({lang})")).await;
    b.screenshots(&format!("payment-errors-{lang}")).await;
}

/// The forms for a new agreement: the task list, a section with an error,
/// and the answers to check.
async fn new_agreement_forms(b: &Browser, server: &Server, lang: &str) {
    b.goto(&server.url(&format!("/avtal/ny/formular?lang={lang}")))
        .await;
    b.axe(&format!("task list ({lang})")).await;
    b.screenshots(&format!("draft-tasks-{lang}")).await;
    b.submit("button[value=parter]").await;
    b.text("#party-0-name").await;
    b.fill("#party-0-name", "Region Gotland").await;
    b.fill("#party-0-org_number", "212000-0448").await;
    b.submit("button[value=save]").await;
    b.text("#error-summary").await;
    b.axe(&format!("parties with an error ({lang})")).await;
    b.screenshots(&format!("draft-parties-errors-{lang}")).await;
    b.fill("#party-0-org_number", "").await;
    b.submit("button[value=save]").await;
    b.text("#task-parter").await;
    b.submit("button[value=bilagor]").await;
    b.fill("#appendix-0-title", "Nattplatser").await;
    b.c()
        .find(Locator::Css("#appendix-0-party"))
        .await
        .unwrap()
        .select_by_value("0")
        .await
        .unwrap();
    b.axe(&format!("appendices ({lang})")).await;
    b.screenshots(&format!("draft-appendices-{lang}")).await;
    b.submit("button[value=save]").await;
    b.text("#task-bilagor").await;
    b.submit("button[value=check]").await;
    b.text("#error-summary").await;
    b.axe(&format!("check your answers with problems ({lang})"))
        .await;
    b.screenshots(&format!("draft-check-problems-{lang}")).await;
}

// ---------------------------------------------------------------- flows

/// The duty row (timeline item) whose text contains `needle`.
async fn duty_with(b: &Browser, needle: &str) -> (String, String) {
    let items = b.c().find_all(Locator::Css(".timeline li")).await.unwrap();
    for item in items {
        let text = item.text().await.unwrap();
        if text.contains(needle) {
            let key = item.attr("data-key").await.unwrap().unwrap_or_default();
            return (key, text);
        }
    }
    panic!("no duty mentions {needle:?}");
}

async fn duty_state(b: &Browser, key: &str) -> String {
    let heading = b.text("h1").await;
    let items = b.c().find_all(Locator::Css(".timeline li")).await.unwrap();
    for item in items {
        if item.attr("data-key").await.unwrap().as_deref() == Some(key) {
            return item
                .find(Locator::Css(".duty-state"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
        }
    }
    panic!("no duty {key} on the page {heading:?}");
}

#[tokio::test]
async fn a_payment_and_a_received_report_turn_their_duties_met() {
    let _one = ONE_AT_A_TIME.lock().await;
    // Mid-2023: Vi Ses runs until the end of the year, its 2023 invoice
    // and its report for 2022 are late.
    let server = demo_server_on("follow_up", "2023-06-15");
    let b = Browser::start().await;
    sign_in(b.c(), &server.base, "handlaggare").await;
    let agreement = server.url("/avtal/linkoping-vi-ses-2022");

    // The 2023 invoice: record the payment from its own link.
    b.goto(&agreement).await;
    let (invoice, text) = duty_with(&b, "2 januari 2023").await;
    assert!(text.contains("Försenad"), "{text}");
    // Where the date comes from: 1 January 2023 was a Sunday.
    assert!(
        text.contains("flyttad från söndag 1 januari 2023 enligt lag 1930:173"),
        "{text}"
    );
    let link = b
        .c()
        .find(Locator::Css(&format!(
            ".timeline li[data-key=\"{invoice}\"] a"
        )))
        .await
        .unwrap();
    link.click().await.unwrap();
    b.fill("#date", "2023-01-20").await;
    b.fill("#amount", "612 000").await;
    b.submit("main button[type=submit]").await;
    assert!(b.text("#saved-message").await.contains("sparad"));
    assert_eq!(duty_state(&b, &invoice).await, "Uppfylld");
    let records = b
        .text("#uppfoljning + p, #uppfoljning ~ .table-scroll")
        .await;
    assert!(records.contains("612 000 kr"), "{records}");

    // The joint report for 2022, received with the report attached.
    let (report, text) = duty_with(&b, "31 mars 2023").await;
    assert!(text.contains("Försenad"), "{text}");
    b.goto(&server.url("/avtal/linkoping-vi-ses-2022/uppfoljning/rapport"))
        .await;
    b.c()
        .find(Locator::Css("#obligation"))
        .await
        .unwrap()
        .select_by_value(&report)
        .await
        .unwrap();
    b.fill("#date", "2023-03-28").await;
    let pdf = scratch("report").join("rapport-2022.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").unwrap();
    b.c()
        .find(Locator::Css("#file"))
        .await
        .unwrap()
        .send_keys(pdf.to_str().unwrap())
        .await
        .unwrap();
    b.submit("main button[type=submit]").await;
    assert_eq!(duty_state(&b, &report).await, "Uppfylld");
    let attached = b.text("a[href^='/filer/']").await;
    assert!(attached.contains("rapport-2022.pdf"), "{attached}");
    // Reviewed: the same report recorded as approved.
    b.goto(&server.url("/avtal/linkoping-vi-ses-2022/uppfoljning/rapport"))
        .await;
    b.c()
        .find(Locator::Css("#obligation"))
        .await
        .unwrap()
        .select_by_value(&report)
        .await
        .unwrap();
    b.fill("#date", "2023-04-12").await;
    b.c()
        .find(Locator::Css("#state"))
        .await
        .unwrap()
        .select_by_value("approved")
        .await
        .unwrap();
    b.submit("main button[type=submit]").await;
    let records = b.text("#uppfoljning ~ .table-scroll").await;
    assert!(
        records.contains("Mottagen") && records.contains("Godkänd"),
        "{records}"
    );
    assert_eq!(duty_state(&b, &report).await, "Uppfylld");
    b.axe("agreement after follow-up").await;
    b.screenshots("agreement-after-follow-up-sv").await;
    b.close().await;
}

#[tokio::test]
async fn notice_on_gotland_shows_the_refund_before_it_is_confirmed() {
    let _one = ONE_AT_A_TIME.lock().await;
    // By hand from seed 000: 1 300 000 kr a year; notice on 23 November
    // 2026 takes effect on 23 February 2027 (3 months), so March–December
    // 2027 are not started: 1 300 000 × 10 / 12 = 1 083 333,33 kr.
    let refund = "1 083 333,33 kr";

    let server = demo_server("notice");
    let b = Browser::start().await;
    sign_in(b.c(), &server.base, "handlaggare").await;
    b.goto(&server.url("/avtal/gotland-rkg-2025")).await;
    // With the script, the page offers to print (or save as PDF).
    let print = b.c().find(Locator::Css("#print-page")).await.unwrap();
    assert!(print.is_displayed().await.unwrap());
    notice_preview(&b, &server).await;
    let preview = b.text("#settlement").await;
    assert!(preview.contains(refund), "refund {refund} not in {preview}");
    assert!(preview.contains("23 februari 2027"), "{preview}");
    b.axe("notice preview").await;
    b.screenshots("notice-preview-sv").await;
    // Nothing is recorded before the confirmation. (Signed-in pages are not
    // kept by the browser, so the preview is made again rather than gone
    // back to.)
    b.goto(&server.url("/avtal/gotland-rkg-2025")).await;
    assert!(
        !b.text("#uppfoljning ~ .table-scroll")
            .await
            .contains("Uppsägning")
    );
    notice_preview(&b, &server).await;
    b.submit("#confirm-notice").await;
    let records = b.text("#uppfoljning ~ .table-scroll").await;
    assert!(records.contains("Uppsägning"), "{records}");
    assert!(records.contains(refund), "{records}");
    b.close().await;
}

/// From Gotland's agreement page to the notice's computed settlement.
async fn notice_preview(b: &Browser, server: &Server) {
    b.goto(&server.url("/avtal/gotland-rkg-2025")).await;
    b.submit("a[href$='/uppsagning']").await;
    b.fill("#date", TODAY).await;
    b.click("#ground").await;
    b.c()
        .find(Locator::Css("#party"))
        .await
        .unwrap()
        .select_by_value("roda-korset-gotland")
        .await
        .unwrap();
    b.submit("main button[type=submit]").await;
}

#[tokio::test]
async fn a_calendar_subscription_is_made_copied_and_revoked_on_the_account_page() {
    let _one = ONE_AT_A_TIME.lock().await;
    let server = demo_server("feeds");
    let b = Browser::start().await;
    sign_in(b.c(), &server.base, "partner").await;
    for lang in ["sv", "en"] {
        b.goto(&server.url(&format!("/?lang={lang}"))).await;
        // The account page is reached from the name in the header.
        b.submit("header a.user").await;
        b.text("#feeds-heading").await;
        // No name: the error summary links to the field.
        b.submit("form[action='/konto/kalendrar'] button").await;
        b.text("#error-summary").await;
        b.axe(&format!("account page with an error ({lang})")).await;
        b.fill("#feed-name", "Outlook").await;
        b.submit("form[action='/konto/kalendrar'] button").await;
        let address = b
            .c()
            .find(Locator::Css("#feed-url"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default();
        assert!(address.starts_with("webcal://"), "{address}");
        // The script shows the copy button (the address stays selectable text).
        let copy = b.c().find(Locator::Css("#copy-feed-url")).await.unwrap();
        assert!(copy.is_displayed().await.unwrap(), "the copy button shows");
        b.axe(&format!("account page with a new subscription ({lang})"))
            .await;
        b.screenshots(&format!("account-feed-{lang}")).await;
        let path = &address[address.find("/kalender/").unwrap()..];
        let feed = send("GET", &server.url(path), &[], None);
        assert_eq!(feed.status, 200, "{}", feed.body);
        b.submit("form[action$='/aterkalla'] button").await;
        let table = b.text("#feeds").await;
        let revoked = if lang == "sv" {
            "Återkallad"
        } else {
            "Revoked"
        };
        assert!(table.contains(revoked), "{table}");
        assert_eq!(send("GET", &server.url(path), &[], None).status, 404);
    }
    b.close().await;
}

#[tokio::test]
async fn signing_in_and_the_audit_log() {
    let _one = ONE_AT_A_TIME.lock().await;
    let server = demo_server("audit");
    let b = Browser::start().await;
    // Not signed in: the start page leads to the sign-in page, and back.
    b.goto(&server.url("/")).await;
    assert!(
        b.c()
            .current_url()
            .await
            .unwrap()
            .path()
            .starts_with("/logga-in")
    );
    // A wrong password: the error summary links to the field.
    b.fill("#username", "revisor").await;
    b.fill("#password", "fel lösenord").await;
    b.submit("main button[type=submit]").await;
    let summary = b.text("#error-summary").await;
    assert!(summary.contains("stämmer inte"), "{summary}");
    assert!(b.c().title().await.unwrap().starts_with("Fel: "));
    b.axe("sign-in with an error").await;
    b.screenshots("sign-in-error-sv").await;
    // The reader sees the audit log of their organisations' agreements.
    sign_in(b.c(), &server.base, "revisor").await;
    for lang in ["sv", "en"] {
        b.goto(&server.url(&format!("/granskningslogg?lang={lang}")))
            .await;
        let table = b.text("main table").await;
        assert!(table.contains("linkoping-vi-ses-2022"), "{table}");
        assert!(table.contains("published"), "{table}");
        b.axe(&format!("audit log ({lang})")).await;
        b.screenshots(&format!("audit-{lang}")).await;
    }
    b.goto(&server.url("/granskningslogg?lang=sv")).await;
    // A reader cannot change anything: no forms to record or edit.
    b.goto(&server.url("/avtal/linkoping-vi-ses-2022")).await;
    assert!(
        b.c()
            .find(Locator::Css("a[href$='/uppfoljning/betalning']"))
            .await
            .is_err()
    );
    assert!(b.c().find(Locator::Css("a[href$='/andra']")).await.is_err());
    // Signing out ends the session: the start page asks to sign in again.
    b.submit("form[action='/logga-ut'] button").await;
    b.goto(&server.url("/")).await;
    assert!(
        b.c()
            .current_url()
            .await
            .unwrap()
            .path()
            .starts_with("/logga-in")
    );
    // An official is not shown the audit log.
    sign_in(b.c(), &server.base, "handlaggare").await;
    b.goto(&server.url("/granskningslogg")).await;
    assert!(b.text("h1").await.contains("behörighet"));
    // A partner representative is offered reports and outcome figures only.
    b.submit("form[action='/logga-ut'] button").await;
    sign_in(b.c(), &server.base, "partner").await;
    b.goto(&server.url("/avtal/linkoping-vi-ses-2022")).await;
    let c = b.c();
    let link = |css: &'static str| async move { c.find(Locator::Css(css)).await.is_ok() };
    assert!(link("a[href$='/uppfoljning/rapport']").await);
    assert!(link("a[href$='/uppfoljning/utfall']").await);
    assert!(!link("a[href$='/uppfoljning/betalning']").await);
    assert!(!link("a[href*='/uppfoljning/betalning?']").await);
    assert!(!link("a[href$='/uppsagning']").await);
    b.axe("agreement as a partner representative").await;
    b.screenshots("agreement-partner-sv").await;
    b.close().await;
}

#[tokio::test]
async fn switch_to_english_and_back() {
    let _one = ONE_AT_A_TIME.lock().await;
    let server = demo_server("language");
    let b = Browser::start().await;
    sign_in(b.c(), &server.base, "handlaggare").await;
    b.goto(&server.url("/")).await;
    assert_eq!(b.html_lang().await, "sv");
    assert_eq!(b.text("h1").await, "Att göra");
    b.submit("a.lang-switch").await;
    assert_eq!(b.html_lang().await, "en");
    assert_eq!(b.text("h1").await, "To do");
    // The choice holds on the next page (a cookie).
    b.submit("nav a[href='/avtal']").await;
    assert_eq!(b.html_lang().await, "en");
    assert_eq!(b.text("h1").await, "Agreements");
    b.submit("a.lang-switch").await;
    assert_eq!(b.html_lang().await, "sv");
    assert_eq!(b.text("h1").await, "Överenskommelser");
    b.close().await;
}

/// The Vi Ses! agreement as a new one (the demo already holds the original).
fn vi_ses_copy() -> String {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/002-linkoping-vi-ses.toml"),
    )
    .unwrap();
    text.replacen(
        "id = \"linkoping-vi-ses-2022\"",
        "id = \"linkoping-vi-ses-kopia\"",
        1,
    )
    // A tab would move the focus out of the text field.
    .replace('\t', "    ")
}

#[tokio::test]
async fn a_pasted_agreement_file_is_checked_and_saved() {
    let _one = ONE_AT_A_TIME.lock().await;
    let server = demo_server("upload");
    let b = Browser::start().await;
    sign_in(b.c(), &server.base, "handlaggare").await;
    b.goto(&server.url("/avtal/ny")).await;
    // A broken file first: the error summary links to the field.
    b.fill("#text", "format = 1\nid = \"x\"\n").await;
    b.submit("main button[type=submit]").await;
    let summary = b.text("#error-summary").await;
    assert!(!summary.is_empty());
    b.fill("#text", &vi_ses_copy()).await;
    b.submit("main button[type=submit]").await;
    assert_eq!(b.text("#saved-message").await, "Version 1 sparad.");
    let row = b.text("#pengar-2023").await;
    assert!(row.contains("1 179 120 kr"), "{row}");
    b.close().await;
}

const ARROW_DOWN: char = '\u{e015}';
const SPACE: char = '\u{e00d}';

impl Browser {
    /// Press Tab until the element with this id (or button value) has the focus.
    async fn tab_to(&self, target: &str) {
        for _ in 0..300 {
            let e = self.c().active_element().await.unwrap();
            let id = e.attr("id").await.unwrap().unwrap_or_default();
            let value = e.attr("value").await.unwrap().unwrap_or_default();
            let tag = e.tag_name().await.unwrap();
            if id == target || (tag == "button" && value == target) {
                return;
            }
            self.press(TAB).await;
        }
        panic!("Tab never reached {target}");
    }

    /// Tab to a field and type into it.
    async fn type_into(&self, target: &str, text: &str) {
        self.tab_to(target).await;
        self.c()
            .active_element()
            .await
            .unwrap()
            .send_keys(text)
            .await
            .unwrap();
    }

    /// Tab to a list and move down it `steps` times.
    async fn choose(&self, target: &str, steps: usize) {
        self.tab_to(target).await;
        for _ in 0..steps {
            self.press(ARROW_DOWN).await;
        }
    }

    /// Tab to a button and press Enter; wait for the next page.
    async fn activate(&self, target: &str) {
        self.tab_to(target).await;
        let old = self.c().find(Locator::Css("html")).await.unwrap();
        self.press(ENTER).await;
        self.wait_for_new_page(old).await;
    }
}

#[tokio::test]
async fn create_vi_ses_through_the_forms_with_the_keyboard_alone() {
    let _one = ONE_AT_A_TIME.lock().await;
    let server = demo_server("forms");
    let b = Browser::start().await;
    sign_in(b.c(), &server.base, "handlaggare").await;
    b.goto(&server.url("/")).await;
    // The skip link comes first and moves the focus to the content.
    b.press(TAB).await;
    let skip = b.c().active_element().await.unwrap();
    assert_eq!(
        skip.attr("class").await.unwrap().as_deref(),
        Some("skip-link")
    );
    b.press(ENTER).await;
    b.goto(&server.url("/avtal/ny/formular")).await;
    assert_eq!(b.text("h1").await, "Ny överenskommelse");

    fill_in_basics_and_parties(&b).await;
    fill_in_money(&b).await;
    fill_in_term_exit_governance_and_follow_up(&b).await;

    b.activate("check").await;
    assert_eq!(b.text("h1").await, "Kontrollera svaren innan du sparar");
    let main = b.text("main").await;
    assert!(!main.contains("måste rättas"), "{main}");
    b.axe("check your answers").await;
    b.screenshots("draft-check-sv").await;
    b.activate("create").await;
    assert_eq!(b.text("#saved-message").await, "Version 1 sparad.");
    let row = b.text("#pengar-2023").await;
    assert!(row.contains("1 179 120 kr"), "{row}");
    b.screenshots("created-through-forms-sv").await;

    change_the_money_through_the_forms(&b).await;

    // A seed agreement has more than the forms show: its file is the way.
    b.goto(&server.url("/avtal/gotland-rkg-2025/formular"))
        .await;
    assert!(b.text("main p").await.contains("Ändra den i dess fil"));
    b.close().await;
}

/// The form steps of the Vi Ses! agreement, one section after the other.
async fn fill_in_basics_and_parties(b: &Browser) {
    b.activate("grund").await;
    b.type_into(
        "title",
        "Vi Ses! - Idéburet Offentligt Partnerskap mellan Linköpings Kommun och Röda Korset",
    )
    .await;
    b.type_into("short_name", "Vi Ses!").await;
    b.type_into("id", "vi-ses-formular").await;
    b.activate("save").await;

    b.activate("parter").await;
    b.type_into("party-0-name", "Linköpings Kommun").await;
    b.type_into("party-0-org_number", "212000-0449").await;
    b.type_into("party-0-acting_through", "arbetsmarknadsnämnden")
        .await;
    b.type_into("party-1-name", "Linköpings södra rödakorskrets")
        .await;
    b.choose("party-1-sector", 1).await;
    // A wrong check digit is caught next to the field.
    b.type_into("party-1-org_number", "822002-1319").await;
    b.activate("save").await;
    assert!(b.c().title().await.unwrap().starts_with("Fel: "));
    let summary = b.text("#error-summary").await;
    assert!(summary.contains("kontrollsiffra"), "{summary}");
    assert!(
        b.text("#party-1-org_number-error")
            .await
            .contains("kontrollsiffra")
    );
    b.tab_to("party-1-org_number").await;
    let field = b.c().active_element().await.unwrap();
    field.clear().await.unwrap();
    field.send_keys("822002-1318").await.unwrap();
    b.activate("save").await;
    assert!(b.text("#task-parter").await.contains("Klar"));

    b.activate("syfte").await;
    b.type_into("background", "Individens möjligheter att etablera sig på arbetsmarknaden ökar om denne behärskar svenska språket och har sociala nätverk.").await;
    b.type_into(
        "purposes",
        "Att ge Linköpingsbor som står långt ifrån arbetsmarknaden ett större kontaktnät.",
    )
    .await;
    b.type_into(
        "target_group",
        "Personer bosatta i Linköping som står långt från arbetsmarknaden.",
    )
    .await;
    b.activate("save").await;

    b.activate("insatser").await;
    b.type_into("activity-0-name", "Pop-up-caféer").await;
    b.type_into("activity-1-name", "Språkvänner").await;
    b.activate("save").await;
}

async fn fill_in_money(b: &Browser) {
    b.activate("ekonomi").await;
    b.type_into("financing_text", "Kostnader för partnerskapet beräknas till 1 156 000 kronor per kalenderår. För varje nytt kalenderår justeras kostnaderna för pris- och löneutveckling med 2%.").await;
    b.type_into("indexation", "2").await;
    let lines = [
        ("projektledare", "600 000"),
        ("volontärer", "306 000"),
        ("lokaler", "167 000"),
        ("OH-kostnader", "37 000"),
        ("Marknadsföring och aktiviteter", "46 000"),
    ];
    for (i, (name, amount)) in lines.iter().enumerate().take(3) {
        b.type_into(&format!("line-{i}-name"), name).await;
        b.type_into(&format!("line-{i}-amount"), amount).await;
    }
    b.activate("more").await;
    for (i, (name, amount)) in lines.iter().enumerate().skip(3) {
        b.type_into(&format!("line-{i}-name"), name).await;
        b.type_into(&format!("line-{i}-amount"), amount).await;
    }
    b.choose("contribution-0-party", 1).await;
    b.type_into("contribution-0-amount", "600 000").await;
    b.choose("contribution-1-party", 2).await;
    b.choose("contribution-1-kind", 1).await;
    b.type_into("contribution-1-amount", "556 000").await;
    b.choose("contribution-1-at_least", 1).await;
    b.activate("save").await;
}

async fn fill_in_term_exit_governance_and_follow_up(b: &Browser) {
    b.activate("giltighet").await;
    b.type_into("term_text", "Överenskommelsen gäller från och med den 1 januari 2022 till och med den 31 december 2023 med möjlighet till förlängning ytterligare två (2) gånger två (2) år, om parterna är ense därom.").await;
    b.type_into("start", "2022-01-01").await;
    b.type_into("end", "2023-12-31").await;
    b.type_into("ext_times", "2").await;
    b.type_into("ext_years", "2").await;
    b.activate("save").await;

    b.activate("uppsagning").await;
    b.type_into("termination_text", "Om någon av parterna väsentligt åsidosätter vad som framgår av denna överenskommelse kan överenskommelsen hävas med omedelbart verkan.").await;
    for id in ["grounds-2", "grounds-3", "grounds-4"] {
        b.tab_to(id).await;
        b.press(SPACE).await;
    }
    b.choose("by", 1).await;
    b.choose("settlement", 1).await;
    b.activate("save").await;

    b.activate("styrning").await;
    b.type_into("governance_text", "Styrgruppen sammanträder två gånger om året för att gemensamt följa upp och utvärdera insatsen.").await;
    b.type_into("body-0-name", "Styrgrupp").await;
    b.type_into("body-0-times", "2").await;
    b.activate("save").await;

    b.activate("uppfoljning").await;
    b.type_into("follow_up_text", "Parterna åtar sig att en gång per år rapportera genomförda aktiviteter och utfall av dessa skriftligt i en gemensam rapport till ansvarig nämnd.").await;
    b.type_into("report-0-title", "Gemensam skriftlig rapport")
        .await;
    b.type_into("report-0-month", "3").await;
    b.type_into("report-0-day", "31").await;
    b.activate("save").await;
}

/// Changed through the same forms: a new version with the new money.
async fn change_the_money_through_the_forms(b: &Browser) {
    b.submit("a[href$='/formular']").await;
    assert_eq!(b.text("h1").await, "Ändra överenskommelsen");
    b.submit("button[value=ekonomi]").await;
    b.fill("#indexation", "3").await;
    b.submit("button[value=save]").await;
    b.submit("button[value=check]").await;
    let draft = b
        .c()
        .find(Locator::Css("input[name=draft]"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    // The id written, with the random ending the server gave it.
    assert!(draft.contains("\"editing\":\"vi-ses-formular-"), "{draft}");
    b.fill("#reason", "Ny uppräkning").await;
    b.submit("#create-agreement").await;
    let main = b.text("main").await;
    assert!(main.contains("Version 2 sparad."), "{main}");
    let row = b.text("#pengar-2023").await;
    assert!(row.contains("1 190 680 kr"), "{row}");
    let history = b.text("#version-2 + p + .table-scroll").await;
    assert!(history.contains("financing.indexation.rate"), "{history}");
}

#[tokio::test]
async fn a_change_is_saved_as_a_new_version_with_a_readable_diff() {
    let _one = ONE_AT_A_TIME.lock().await;
    let server = demo_server("edit");
    let b = Browser::start().await;
    sign_in(b.c(), &server.base, "handlaggare").await;
    b.goto(&server.url("/avtal/linkoping-vi-ses-2022")).await;
    b.submit("a[href$='/andra']").await;
    let area = b.c().find(Locator::Css("#text")).await.unwrap();
    let text = area.prop("value").await.unwrap().unwrap_or_default();
    assert!(text.contains("short_name = \"Vi Ses!\""), "{text}");
    // A broken file comes back with the error next to the field.
    b.c()
        .execute(
            "document.getElementById('text').value = arguments[0];",
            vec![json!(
                text.replace("end = \"2023-12-31\"", "end = \"2023-13-31\"")
            )],
        )
        .await
        .unwrap();
    b.submit("main button[type=submit]").await;
    assert!(b.text("#text-error").await.contains("Rad "));
    b.c()
        .execute(
            "document.getElementById('text').value = arguments[0];",
            vec![json!(text.replace(
                "short_name = \"Vi Ses!\"",
                "short_name = \"Vi Ses\""
            ))],
        )
        .await
        .unwrap();
    b.submit("main button[type=submit]").await;
    // Version 1 is the seed, version 2 the demo's decision, 3 this change.
    assert_eq!(b.text("#saved-message").await, "Version 3 sparad.");
    let history = b.text("#version-3 + p + .table-scroll").await;
    assert!(history.contains("short_name"), "{history}");
    assert!(
        history.contains("Vi Ses!") && history.contains("Vi Ses"),
        "{history}"
    );
    b.close().await;
}

#[tokio::test]
async fn outcome_figures_are_shown_against_the_capacity_target() {
    let _one = ONE_AT_A_TIME.lock().await;
    let server = demo_server("outcome");
    let b = Browser::start().await;
    sign_in(b.c(), &server.base, "handlaggare").await;
    b.goto(&server.url("/avtal/skane-malmo-rk-barn-2021/uppfoljning/utfall"))
        .await;
    b.fill("#date", "2022-12-31").await;
    b.c()
        .find(Locator::Css("#activity"))
        .await
        .unwrap()
        .select_by_value("barnverksamheten")
        .await
        .unwrap();
    b.fill("#unit", "barn").await;
    b.fill("#count", "65").await;
    b.submit("main button[type=submit]").await;
    let table = b.text("#utfall").await;
    assert!(table.contains("Barnverksamheten"), "{table}");
    assert!(
        table.contains("65") && table.contains("cirka 70"),
        "{table}"
    );
    b.close().await;
}

#[test]
fn the_calendar_file_has_one_event_per_duty_with_its_sentence() {
    let server = demo_server("calendar");
    // Signed in as the official, through the API (no browser needed).
    let signed_in = ureq::post(server.url("/api/v1/session"))
        .header("Content-Type", "application/json")
        .send(r#"{"username": "handlaggare", "password": "demo-handlaggare"}"#)
        .unwrap();
    let cookie = signed_in
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap()
        .to_owned();
    let anonymous = ureq::get(server.url("/avtal/linkoping-vi-ses-2022/kalender.ics"))
        .config()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .call()
        .unwrap();
    assert_eq!(
        anonymous.status(),
        303,
        "not signed in: to the sign-in page"
    );
    let mut reply = ureq::get(server.url("/avtal/linkoping-vi-ses-2022/kalender.ics"))
        .header("Cookie", &cookie)
        .call()
        .unwrap();
    let kind = reply
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(kind.starts_with("text/calendar"), "{kind}");
    let text = reply.body_mut().read_to_string().unwrap();
    let unfolded = text.replace("\r\n ", "");
    assert!(unfolded.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(
        unfolded.contains("DTSTART;VALUE=DATE:20230331\r\n"),
        "{unfolded}"
    );
    assert!(
        unfolded.contains("en gemensam rapport till ansvarig nämnd"),
        "{unfolded}"
    );
    let events = unfolded.matches("BEGIN:VEVENT").count();
    assert!(events >= 7, "{events} events");
}

#[tokio::test]
async fn a_decided_agreement_appears_in_the_public_register() {
    let _one = ONE_AT_A_TIME.lock().await;
    let server = demo_server("register");
    let b = Browser::start().await;
    // The register is public: no sign-in. The demo's decided seeds are in
    // it; Gotland's, still a draft, is not.
    b.goto(&server.url("/register")).await;
    let register = b.text("main").await;
    assert!(!register.contains("Region Gotland"), "{register}");
    let entry = b.text("main section").await;
    assert!(
        entry.contains("Vi Ses!") || register.contains("Vi Ses!"),
        "{register}"
    );
    assert!(register.contains("212000-0449"), "{register}");
    assert!(register.contains("2 335 120 kr"), "{register}");
    assert!(
        register.contains("1 januari 2022 – 31 december 2023"),
        "{register}"
    );
    // No one's name: contact persons and signatories are never public.
    assert!(!register.contains("Helena Paulsson"), "{register}");
    // An official takes it out of the register, and puts it back.
    sign_in(b.c(), &server.base, "handlaggare").await;
    b.goto(&server.url("/avtal/linkoping-vi-ses-2022")).await;
    b.submit("form[action$='/publicering'] button").await;
    assert!(b.text("#saved-message").await.contains("borttagen"));
    b.goto(&server.url("/register")).await;
    assert!(!b.text("main").await.contains("Vi Ses!"));
    b.goto(&server.url("/avtal/linkoping-vi-ses-2022")).await;
    b.submit("form[action$='/publicering'] button").await;
    b.goto(&server.url("/register")).await;
    assert!(b.text("main").await.contains("Vi Ses!"));
    b.axe("register with an agreement").await;
    b.screenshots("register-with-entry-sv").await;
    b.close().await;
}

/// "Ny överenskommelse från dokument" in both languages, by keyboard where a
/// browser lets it be: a bad file gives an error summary; a real one gives
/// the review with each value linked to its highlighted words; then the
/// wizard shows each section's words from the document.
#[tokio::test]
async fn a_document_is_reviewed_beside_its_text_in_both_languages() {
    let _one = ONE_AT_A_TIME.lock().await;
    let server = demo_server("import");
    let dir = scratch("import");
    let bad = dir.join("trasig.docx");
    std::fs::write(&bad, b"PK\x03\x04trasig").unwrap();
    let good = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../import/tests/fixtures/stod.docx")
        .canonicalize()
        .unwrap();
    let four = dir.join("feriearbete.txt");
    std::fs::write(&four, crate::import_web::four_parties()).unwrap();
    let b = Browser::start().await;
    sign_in(b.c(), &server.base, "handlaggare").await;
    for lang in ["sv", "en"] {
        b.goto(&server.url(&format!("/avtal/ny/dokument?lang={lang}")))
            .await;
        b.axe(&format!("import upload ({lang})")).await;
        upload_by_keyboard(&b, &bad).await;
        let summary = b.text("#error-summary").await;
        assert!(!summary.is_empty());
        let title = b.c().title().await.unwrap();
        assert!(title.starts_with(if lang == "sv" { "Fel: " } else { "Error: " }));
        b.axe(&format!("import upload with an error ({lang})"))
            .await;
        b.screenshots(&format!("import-error-{lang}")).await;
        upload_by_keyboard(&b, &good).await;
        review_by_keyboard(&b, lang).await;
        b.goto(&server.url("/avtal/ny/dokument")).await;
        upload_by_keyboard(&b, &four).await;
        kept_before_saving(&b, lang).await;
    }
    b.close().await;
}

/// What the document says that no form shows is on the check page, each
/// fact with its value, before anything is saved.
async fn kept_before_saving(b: &Browser, lang: &str) {
    b.activate("confirm-import").await;
    b.submit("button[value=check]").await;
    let heading = b.text("#kept-title").await;
    let expected = if lang == "sv" {
        "Från dokumentet utan formulär"
    } else {
        "From the document, without a form"
    };
    assert_eq!(heading, expected);
    let main = b.text("main").await;
    for value in ["Karim Said", "Box 120", "791 22", "Falun"] {
        assert!(main.contains(value), "{value}: {main}");
    }
    b.axe(&format!(
        "check your answers with the document's kept facts ({lang})"
    ))
    .await;
    b.screenshots(&format!("import-kept-{lang}")).await;
}

/// Choose the file (a browser's file dialog is outside the page: the path
/// is given to the field), then Tab to the button and press Enter.
async fn upload_by_keyboard(b: &Browser, file: &Path) {
    b.c()
        .find(Locator::Css("#file"))
        .await
        .unwrap()
        .send_keys(&file.display().to_string())
        .await
        .unwrap();
    b.activate("read-document").await;
}

async fn review_by_keyboard(b: &Browser, lang: &str) {
    assert!(b.text("main").await.contains("212000-0142"));
    b.axe(&format!("import review ({lang})")).await;
    b.screenshots(&format!("import-review-{lang}")).await;
    // The first value's link, followed with Enter, shows its words.
    let link = b
        .c()
        .find(Locator::Css(".review-facts a[href^='#k-']"))
        .await
        .unwrap();
    let target = link.attr("href").await.unwrap().unwrap_or_default();
    link.send_keys(&ENTER.to_string()).await.unwrap();
    let url = b.c().current_url().await.unwrap();
    assert_eq!(
        url.fragment().map(|f| format!("#{f}")),
        Some(target.clone())
    );
    let marked = b.text(&format!("mark{target}")).await;
    assert!(!marked.is_empty());
    b.activate("confirm-import").await;
    b.activate("grund").await;
    let panel = b.text(".source-panel").await;
    assert!(panel.contains("Norrby"), "{panel}");
    b.axe(&format!("a section with its source ({lang})")).await;
    b.screenshots(&format!("import-section-{lang}")).await;
}
