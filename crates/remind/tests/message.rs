//! The words of reminder mails, snapshotted in both languages.

mod common;

use std::collections::HashMap;

use common::{date, recipient, seed_003};
use domain::model::Status;
use remind::{Lang, Links, Mail, Role, digest, plan, render};

fn links() -> Links {
    Links {
        base: "https://iop.example.se/".into(),
        unsubscribe_token: "t0k3n".into(),
    }
}

fn shown(m: &Mail) -> String {
    let headers: String = m
        .headers
        .iter()
        .map(|(k, v)| format!("{k}: {v}\n"))
        .collect();
    format!(
        "To: {}\nSubject: {}\n{headers}\n--- text\n{}\n--- html\n{}",
        m.to, m.subject, m.text, m.html
    )
}

fn one(lang: Lang, day: &str, duty: &str) -> Mail {
    let a = seed_003(Status::Active);
    let mut rk = recipient("anna", Role::Partner, &["svenska-roda-korset"]);
    rk.name = "Anna Andersson".into();
    rk.settings.lang = lang;
    let people = [rk];
    let day = date(day);
    let got = plan(day, &a, &HashMap::new(), &people);
    let r = got
        .iter()
        .find(|r| r.key.duty == duty)
        .unwrap_or_else(|| panic!("no reminder for {duty}"));
    render(r, day, &links())
}

#[test]
fn a_reminder_before_the_due_date() {
    let duty = "activity-plan.verksamhetsplan.2021";
    insta::assert_snapshot!("before_sv", shown(&one(Lang::Sv, "2021-01-02", duty)));
    insta::assert_snapshot!("before_en", shown(&one(Lang::En, "2021-01-02", duty)));
}

#[test]
fn a_reminder_after_the_due_date() {
    let duty = "invoice.fakturering.2024.malmö-stad";
    insta::assert_snapshot!("after_sv", shown(&one(Lang::Sv, "2024-01-03", duty)));
    insta::assert_snapshot!("after_en", shown(&one(Lang::En, "2024-01-03", duty)));
}

#[test]
fn a_digest_lists_decisions_first() {
    let a = seed_003(Status::Active);
    for (lang, name) in [(Lang::Sv, "digest_sv"), (Lang::En, "digest_en")] {
        let mut o = recipient("olle", Role::Official, &["malmo-stad"]);
        o.name = "Olle Ek".into();
        o.settings.lang = lang;
        o.settings.delivery = remind::Delivery::Daily;
        // On 2024-04-02 the extension decision is due (lead 0) and the
        // activity plan due 2024-01-31 is 62 days late (lead 62).
        o.settings.leads = vec![0, 62];
        let people = [o];
        let day = date("2024-04-02");
        let got = plan(day, &a, &HashMap::new(), &people);
        assert_eq!(got.len(), 2, "{got:?}");
        let mail = digest(&got, day, &links()).unwrap_or_else(|| panic!("no digest"));
        let first = mail
            .text
            .find("förlängning")
            .or(mail.text.find("extension"));
        let later = mail.text.find("Verksamhetsplan");
        assert!(first < later, "{}", mail.text);
        insta::assert_snapshot!(name, shown(&mail));
    }
}

#[test]
fn html_is_escaped() {
    let mut a = seed_003(Status::Active);
    for d in &mut a.duties {
        d.clause.quote = "<script>alert(\"x\")</script> & more".into();
        d.label = "Plan <b>".into();
    }
    let people = [recipient("anna", Role::Partner, &["svenska-roda-korset"])];
    let day = date("2021-01-02");
    let got = plan(day, &a, &HashMap::new(), &people);
    let mail = render(&got[0], day, &links());
    assert!(!mail.html.contains("<script>") && !mail.html.contains("<b>"));
    assert!(
        mail.html
            .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more")
    );
    assert!(
        mail.text.contains("> <script>"),
        "plain text stays as written"
    );
}

#[test]
fn one_click_unsubscribe_headers() {
    let m = one(Lang::Sv, "2021-01-02", "activity-plan.verksamhetsplan.2021");
    assert_eq!(
        m.headers,
        [
            (
                "List-Unsubscribe".to_owned(),
                "<https://iop.example.se/paminnelser/avsluta/t0k3n>".to_owned()
            ),
            (
                "List-Unsubscribe-Post".to_owned(),
                "List-Unsubscribe=One-Click".to_owned()
            ),
        ]
    );
}
