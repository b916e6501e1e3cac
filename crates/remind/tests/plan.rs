//! Planning: roles, drafts, met duties, weekly digests, cancellation.

mod common;

use std::collections::HashMap;

use common::{date, recipient, seed_003};
use domain::model::Status;
use remind::{CancelReason, Delivery, Planned, Role, cancelled, plan, reminded};

#[test]
fn roles_choose_their_duties_and_decisions_come_first() {
    let a = seed_003(Status::Active);
    let people = [
        recipient("official", Role::Official, &["malmo-stad"]),
        recipient("rk", Role::Partner, &["svenska-roda-korset"]),
        recipient("malmo", Role::Partner, &["malmo-stad"]),
        recipient("reader", Role::Reader, &["region-skane"]),
    ];
    let none = HashMap::new();
    // 2024-04-02: the extension decision is due; only officials decide.
    let day = date("2024-04-02");
    let got = plan(day, &a, &none, &people);
    let keys: Vec<String> = got.iter().map(|r| r.key.to_string()).collect();
    assert_eq!(
        keys,
        ["official/skane-malmo-rk-barn-2021/extension-decision.forlangning.2024-03-31/0"]
    );
    // Invoices 2024 are due 2024-01-02; on 2024-01-09 (+7) both the official and
    // the organisation that invoices are reminded, Malmö (which receives) is not.
    let got = plan(date("2024-01-09"), &a, &none, &people);
    let who: Vec<(&str, &str)> = got
        .iter()
        .map(|r| (r.key.recipient.as_str(), r.key.duty.as_str()))
        .collect();
    assert_eq!(
        who,
        [
            ("official", "annual-report.arsberattelse.2023"),
            ("official", "invoice.fakturering.2024.malmö-stad"),
            ("official", "invoice.fakturering.2024.region-skåne"),
            ("rk", "annual-report.arsberattelse.2023"),
            ("rk", "invoice.fakturering.2024.malmö-stad"),
            ("rk", "invoice.fakturering.2024.region-skåne"),
        ]
    );
}

#[test]
fn a_lead_listed_twice_is_one_reminder() {
    let a = seed_003(Status::Active);
    let mut o = recipient("o", Role::Official, &[]);
    o.settings.leads = vec![0, 0, -7, 0];
    let people = [o];
    let got = plan(date("2024-04-02"), &a, &HashMap::new(), &people);
    assert_eq!(got.len(), 1);
}

#[test]
fn drafts_get_nothing_unless_asked() {
    let a = seed_003(Status::Draft);
    let mut official = recipient("o", Role::Official, &["malmo-stad"]);
    let day = date("2024-04-02");
    assert!(plan(day, &a, &HashMap::new(), std::slice::from_ref(&official)).is_empty());
    official.settings.drafts = true;
    assert_eq!(plan(day, &a, &HashMap::new(), &[official]).len(), 1);
}

#[test]
fn a_met_duty_gets_nothing_more() {
    let a = seed_003(Status::Active);
    let people = [recipient("o", Role::Official, &[])];
    let key = "extension-decision.forlangning.2024-03-31".to_owned();
    let met = HashMap::from([(key, date("2024-03-20"))]);
    assert_eq!(plan(date("2024-03-03"), &a, &met, &people).len(), 1);
    for day in ["2024-03-26", "2024-04-02", "2024-04-03", "2024-04-09"] {
        assert!(plan(date(day), &a, &met, &people).is_empty(), "{day}");
    }
}

#[test]
fn a_weekly_digest_sends_early_before_the_due_date_and_late_after_it() {
    let a = seed_003(Status::Active);
    let mut o = recipient("o", Role::Official, &[]);
    o.settings.delivery = Delivery::Weekly { weekday: 1 };
    let people = [o];
    let none = HashMap::new();
    let mut day = date("2020-11-01");
    let mut sent = 0;
    while day <= date("2025-02-28") {
        for r in plan(day, &a, &none, &people) {
            assert_eq!(day.get().weekday(), jiff::civil::Weekday::Monday);
            if r.key.lead < 0 {
                assert!(day <= r.fire && (r.fire.get() - day.get()).get_days() < 7);
            } else {
                assert!(day >= r.fire);
            }
            sent += 1;
        }
        day = day.get().tomorrow().map(Into::into).unwrap_or(day);
    }
    // 21 duties × 5 leads + the term's end × 3 (nothing after it).
    assert_eq!(sent, 21 * 5 + 3);
}

#[test]
fn moved_met_and_gone_duties_cancel_what_was_planned() {
    let a = seed_003(Status::Active);
    let key = |duty: &str, lead| remind::ReminderKey {
        recipient: "o".into(),
        agreement: a.id.clone(),
        duty: duty.into(),
        lead,
    };
    let planned = [
        Planned {
            key: key("extension-decision.forlangning.2024-03-31", 0),
            due: date("2024-04-02"),
        },
        Planned {
            key: key("activity-plan.verksamhetsplan.2024", 7),
            due: date("2024-01-30"),
        },
        Planned {
            key: key("annual-report.arsberattelse.2023", 1),
            due: date("2024-01-02"),
        },
        Planned {
            key: key("evaluation.gone.2024", 0),
            due: date("2024-06-30"),
        },
        Planned {
            key: remind::ReminderKey {
                agreement: "another".into(),
                ..key("evaluation.gone.2024", 0)
            },
            due: date("2024-06-30"),
        },
    ];
    let met = HashMap::from([(
        "annual-report.arsberattelse.2023".to_owned(),
        date("2024-01-02"),
    )]);
    let got: Vec<(String, CancelReason)> = cancelled(&planned, &a, &met, date("2024-01-03"))
        .into_iter()
        .map(|c| (c.key.duty, c.reason))
        .collect();
    assert_eq!(
        got,
        [
            (
                "activity-plan.verksamhetsplan.2024".to_owned(),
                CancelReason::Moved {
                    to: date("2024-01-31")
                }
            ),
            (
                "annual-report.arsberattelse.2023".to_owned(),
                CancelReason::Met {
                    on: date("2024-01-02")
                }
            ),
            ("evaluation.gone.2024".to_owned(), CancelReason::Gone),
        ]
    );
}

#[test]
fn the_duties_a_role_is_reminded_of_are_what_a_calendar_subscription_holds() {
    let a = seed_003(Status::Active);
    let kinds = |r: &remind::Recipient| -> Vec<String> {
        let mut kinds: Vec<String> = reminded(&a, &r.parties, &r.settings)
            .map(|d| d.kind.as_str().to_owned())
            .collect();
        kinds.sort();
        kinds.dedup();
        kinds
    };
    let official = recipient("o", Role::Official, &["malmo-stad"]);
    assert_eq!(
        reminded(&a, &official.parties, &official.settings).count(),
        a.duties.len(),
        "an official: every duty"
    );
    let rk = recipient("rk", Role::Partner, &["svenska-roda-korset"]);
    // Seed 003: "Röda Korset upprättar årligen en verksamhetsplan och vid
    // årets slut en årsberättelse", and invoices the two public parties.
    assert_eq!(kinds(&rk), ["activity-plan", "annual-report", "invoice"]);
    // Malmö receives the invoices and owes no report: nothing.
    let malmo = recipient("malmo", Role::Partner, &["malmo-stad"]);
    assert!(kinds(&malmo).is_empty(), "{:?}", kinds(&malmo));
    assert!(kinds(&recipient("r", Role::Reader, &["region-skane"])).is_empty());
    let draft = seed_003(Status::Draft);
    assert_eq!(
        reminded(&draft, &official.parties, &official.settings).count(),
        0
    );
}
