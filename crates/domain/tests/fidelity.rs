//! What the rules say is what the agreement says. Every duty's responsible
//! party and recipient come from the agreement: a party, a body, or words
//! its clause quotes; never one iop makes up. One deadline, one date: the
//! schedule's payments and invoices, the duties and the extension decision
//! take the same day, moved off a day off the same way (lag 1930:173).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test should panic

use domain::Agreement;
use domain::format::{Syntax, parse};
use domain::rules::calendar;
use domain::rules::obligations::{
    ObligationKind, ObligationOptions, extension_deadline, obligations,
};
use domain::rules::schedule::{ScheduleOptions, schedule};
use domain::value::Date;

const ALL: [(&str, &str); 4] = [
    (
        "000",
        include_str!("../../../examples/000-gotland-rkg.toml"),
    ),
    (
        "002",
        include_str!("../../../examples/002-linkoping-vi-ses.toml"),
    ),
    (
        "003",
        include_str!("../../../examples/003-skane-malmo-barn.toml"),
    ),
    (
        "004",
        include_str!("../../../examples/004-goteborg-eu-migranter.toml"),
    ),
];

fn load(text: &str) -> Agreement {
    parse(text, Syntax::Toml).unwrap()
}

/// A party's or body's name, or words the clause itself says.
fn from_the_agreement(a: &Agreement, quote: &str, who: &str) -> bool {
    a.parties.iter().any(|p| p.name == who)
        || a.governance.iter().any(|b| b.name == who)
        || quote.contains(who)
}

#[test]
fn every_responsible_and_recipient_comes_from_the_agreement() {
    for (name, text) in ALL {
        let a = load(text);
        for o in obligations(&a, ObligationOptions::default()).unwrap() {
            for who in o.responsible.iter().chain(o.to.iter()) {
                assert!(
                    from_the_agreement(&a, o.clause.quote, who),
                    "{name}: {:?} {:?}: {who:?} is not in the agreement",
                    o.kind,
                    o.label
                );
            }
        }
    }
}

#[test]
fn goteborg_duties_are_the_seeds() {
    let a = load(ALL[3].1);
    let all = obligations(&a, ObligationOptions::default()).unwrap();
    // "vid två (2) tillfällen per 12-månadersperiod": one duty per 12 months
    // of the two-year term, two reports in each.
    let reports: Vec<_> = all
        .iter()
        .filter(|o| o.kind == ObligationKind::StatusReport)
        .collect();
    assert_eq!(reports.len(), 2, "{reports:#?}");
    assert!(reports.iter().all(|o| o.count == Some(2)));
    // The compilations are only the basis of the city's financial review:
    // no financial report is laid on anyone.
    assert!(
        all.iter()
            .all(|o| o.kind != ObligationKind::FinancialReport)
    );
    // "Projektgruppen ska … göra en årlig sammanställning"; no recipient named.
    let compilations: Vec<_> = all
        .iter()
        .filter(|o| o.kind == ObligationKind::Compilation)
        .collect();
    assert!(!compilations.is_empty());
    for c in compilations {
        assert_eq!(c.responsible, ["Projektgruppen"]);
        assert_eq!(c.to, None);
    }
}

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn every_invoice_has_one_date_in_the_schedule_and_the_duties() {
    for (name, text) in ALL {
        let a = load(text);
        let Ok(s) = schedule(&a, ScheduleOptions::default()) else {
            continue;
        };
        let duties = obligations(&a, ObligationOptions::default()).unwrap();
        let invoice_days: Vec<(Date, Option<Date>)> = duties
            .iter()
            .filter(|o| o.kind == ObligationKind::Invoice)
            .map(|o| (o.due, o.moved_from))
            .collect();
        for x in &s.invoices {
            assert!(
                invoice_days.contains(&(x.due, x.moved_from)),
                "{name}: invoice {} due {} is not a duty on that day",
                x.date,
                x.due
            );
        }
        for x in s.invoices.iter().chain(&s.payments) {
            assert!(calendar::day_off(x.due).is_none(), "{name}: {}", x.due);
            assert_eq!(
                x.moved_from.is_some(),
                calendar::day_off(x.date).is_some(),
                "{name}: {}",
                x.date
            );
        }
    }
}

#[test]
fn a_payment_on_new_years_day_falls_due_on_the_next_working_day() {
    // 002: "1 januari" each year; 2022-01-01 is a Saturday, 2022-01-03 a Monday.
    let a = load(ALL[1].1);
    let s = schedule(&a, ScheduleOptions::default()).unwrap();
    let first = &s.invoices[0];
    assert_eq!(first.date, date("2022-01-01"));
    assert_eq!(first.due, date("2022-01-03"));
    assert_eq!(first.moved_from, Some(date("2022-01-01")));
}

#[test]
fn the_extension_decision_has_one_date() {
    for (name, text) in ALL {
        let a = load(text);
        let Some(term) = a.term.as_ref() else {
            continue;
        };
        let duties = obligations(&a, ObligationOptions::default()).unwrap();
        let duty = duties
            .iter()
            .find(|o| o.kind == ObligationKind::ExtensionDecision);
        match extension_deadline(&a, term.end) {
            Some(d) => {
                let duty = duty.unwrap_or_else(|| panic!("{name}: no duty"));
                assert_eq!((duty.due, duty.moved_from), (d.due, d.moved_from), "{name}");
                assert_eq!(duty.default_date, d.reading, "{name}");
            }
            None => assert!(duty.is_none(), "{name}"),
        }
    }
}

#[test]
fn extension_decisions_by_hand() {
    // 003: "senast nio månader före periodens slut" 2024-12-31: 2024-03-31,
    // påskdagen; annandag påsk 1 april; due tisdag 2 april 2024.
    let a = load(ALL[2].1);
    let d = extension_deadline(&a, date("2024-12-31")).unwrap();
    assert_eq!(d.due, date("2024-04-02"));
    assert_eq!(d.moved_from, Some(date("2024-03-31")));
    assert!(!d.reading);
    // 002 states no time for the decision: the term's end is iop's reading,
    // and it moves like any deadline: söndag 31 december 2023 is nyårsafton,
    // måndag 1 januari nyårsdagen, so it is due tisdag 2 januari 2024.
    let a = load(ALL[1].1);
    let d = extension_deadline(&a, date("2023-12-31")).unwrap();
    assert!(d.reading);
    assert_eq!(d.due, date("2024-01-02"));
    assert_eq!(d.moved_from, Some(date("2023-12-31")));
    // The duty has the same day (the_extension_decision_has_one_date).
}

/// A duty's words never end in a period a title is then built on
/// (".: 2 gånger").
#[test]
fn duty_labels_end_without_a_period() {
    for (name, text) in ALL {
        let a = load(text);
        for o in obligations(&a, ObligationOptions::default()).unwrap() {
            assert!(!o.label.ends_with('.'), "{name}: {:?}", o.label);
        }
    }
}

/// Seed 003: "Vid händelse av att överenskommelsen bryts kan Röda Korset
/// bli återbetalningsskyldig för delar av eller hela summan utbetalda
/// medel." Worked by hand: notice 2022-02-10, 9 months' notice, so the end
/// is 2022-11-10. By then both public parties have paid 2021 and 2022
/// (400 000 + 400 000 a year, on 1 January): 1 600 000 kr, the most that
/// can be claimed. Pro rata: kept 800 000 + 800 000 × 11/12 (January to
/// November started) = 1 533 333,33; proposal 1 600 000 − 1 533 333,33 =
/// 66 666,67 kr. When Röda Korset ends the agreement because another party
/// failed, or the ground is changed circumstances (the agreement is not
/// broken), the clause moves no money.
#[test]
fn skane_repayment_follows_only_a_breach_by_someone_else_than_roda_korset() {
    use domain::model::Ground;
    use domain::rules::settle::{NotSettled, SettleInput, settle};
    use domain::value::Money;
    let a = load(ALL[2].1);
    let input = |by, ground| SettleInput {
        notice_date: date("2022-02-10"),
        by: Some(by),
        ground,
        paid: None,
        incurred: None,
    };
    let by_malmo = settle(&a, input("malmo-stad", Ground::Breach)).unwrap();
    assert_eq!(by_malmo.not_settled, None);
    assert_eq!(
        (by_malmo.max_claim, by_malmo.proposal),
        (
            Some(Money::from_ore(160_000_000)),
            Some(Money::from_ore(6_666_667))
        )
    );
    let by_red_cross = settle(&a, input("Svenska Röda Korset", Ground::Breach)).unwrap();
    assert_eq!(
        by_red_cross.not_settled,
        Some(NotSettled::RepayingPartyEnds)
    );
    let changed = settle(&a, input("region-skane", Ground::ChangedCircumstances)).unwrap();
    assert_eq!(changed.not_settled, Some(NotSettled::OtherGround));
    for r in [&by_red_cross, &changed] {
        assert_eq!(
            (r.max_claim, r.proposal, r.refund, r.kept),
            (None, None, None, None),
            "{:?} moves money",
            r.not_settled
        );
    }
}

/// The class: in every example, a clause's money follows only the grounds
/// it is tied to, and never makes the party that would repay, when it is
/// the one ending the agreement, repay.
#[test]
fn no_settlement_figure_outside_what_the_clause_ties_it_to() {
    use domain::rules::settle::{NotSettled, SettleInput, settle};
    let mut checked = 0;
    for (name, text) in ALL {
        let a = load(text);
        let Some(term) = &a.term else { continue };
        for clause in &a.termination {
            for &ground in &clause.grounds {
                let by = clause.repaying_party.as_ref().map(|p| p.as_str());
                let input = SettleInput {
                    notice_date: term.start,
                    by,
                    ground,
                    paid: Some(domain::value::Money::from_ore(10_000_000)),
                    incurred: Some(domain::value::Money::from_ore(5_000_000)),
                };
                let r = settle(&a, input).unwrap();
                let expected = if !clause.settles_on(ground) {
                    Some(NotSettled::OtherGround)
                } else if by.is_some() {
                    Some(NotSettled::RepayingPartyEnds)
                } else {
                    None
                };
                assert_eq!(r.not_settled, expected, "{name} {:?}", ground);
                if expected.is_some() {
                    assert_eq!((r.max_claim, r.proposal, r.refund), (None, None, None));
                }
                checked += 1;
            }
        }
    }
    // 000: 1 ground, 002: 3, 003: 2, 004: 1.
    assert_eq!(checked, 7);
}
