//! The five seed documents as files: each loads, holds the seed's key facts
//! (figures taken from the seed texts, not from the code), passes the checks
//! with exactly the warnings it deserves, and survives save → load unchanged.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test should panic

use std::collections::BTreeSet;

use domain::Agreement;
use domain::diagnostic::Severity;
use domain::format::{Syntax, parse, to_json, to_toml};
use domain::model::*;
use domain::value::{CalendarLength, Date, LengthUnit, Money};

const GOTLAND: &str = include_str!("../../../examples/000-gotland-rkg.toml");
const VI_SES: &str = include_str!("../../../examples/002-linkoping-vi-ses.toml");
const SKANE: &str = include_str!("../../../examples/003-skane-malmo-barn.toml");
const GOTEBORG: &str = include_str!("../../../examples/004-goteborg-eu-migranter.toml");
const ALL: [(&str, &str); 4] = [
    ("000", GOTLAND),
    ("002", VI_SES),
    ("003", SKANE),
    ("004", GOTEBORG),
];

fn load(text: &str) -> Agreement {
    parse(text, Syntax::Toml).unwrap_or_else(|e| panic!("does not load: {e:?}"))
}

fn kr(n: i64) -> Money {
    Money::from_kronor(n).unwrap()
}

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

fn party<'a>(a: &'a Agreement, name: &str) -> &'a Party {
    a.parties
        .iter()
        .find(|p| p.name.contains(name))
        .unwrap_or_else(|| panic!("no party {name}"))
}

fn contribution<'a>(
    a: &'a Agreement,
    party_name: &str,
    kind: ContributionKind,
) -> &'a Contribution {
    let id = &party(a, party_name).id;
    let f = a.financing.as_ref().unwrap();
    f.contributions
        .iter()
        .find(|c| &c.party == id && c.kind == kind)
        .unwrap_or_else(|| panic!("{party_name} {kind:?}"))
}

fn warnings(a: &Agreement) -> BTreeSet<&'static str> {
    domain::check::check(a)
        .into_iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.code)
        .collect()
}

#[test]
fn every_example_loads_without_errors() {
    for (name, text) in ALL {
        let errors: Vec<_> = domain::check::check(&load(text))
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
}

#[test]
fn each_example_gets_the_warnings_it_deserves() {
    // 000: no dispute clause; only "regelbunden dialog", no joint body; 1.3 M kr
    // a year over three years is ~354 545 EUR > 300 000 with no state-aid assessment.
    let expected_000: BTreeSet<_> = ["dispute-missing", "no-joint-governance", "de-minimis"].into();
    assert_eq!(warnings(&load(GOTLAND)), expected_000);
    // 002: no dispute or renegotiation clause.
    assert_eq!(warnings(&load(VI_SES)), ["dispute-missing"].into());
    // 003: 800 000 kr a year to Röda Korset, 2.4 M kr over three years, below the ceiling.
    assert_eq!(warnings(&load(SKANE)), BTreeSet::new());
    assert_eq!(warnings(&load(GOTEBORG)), BTreeSet::new());
}

#[test]
fn save_then_load_is_lossless_in_toml_and_json() {
    for (name, text) in ALL {
        let a = load(text);
        let toml = to_toml(&a).unwrap();
        assert_eq!(
            parse(&toml, Syntax::Toml).as_ref(),
            Ok(&a),
            "{name} through TOML"
        );
        let json = to_json(&a).unwrap();
        assert_eq!(
            parse(&json, Syntax::Json).as_ref(),
            Ok(&a),
            "{name} through JSON"
        );
    }
}

#[test]
fn seed_000_gotland() {
    let a = load(GOTLAND);
    assert_eq!(a.parties.len(), 2);
    let region = party(&a, "Region Gotland");
    assert_eq!(region.sector, Sector::Public);
    assert_eq!(region.acting_through.as_deref(), Some("regionstyrelsen"));
    assert!(
        a.parties.iter().all(|p| p.org_number.is_none()),
        "the seed gives no org numbers"
    );
    assert_eq!(party(&a, "Röda Korset").sector, Sector::IdeaDriven);
    // Unsigned draft with named signatories.
    assert_eq!(a.status, Status::Draft);
    let signatories: Vec<_> = a.parties.iter().flat_map(|p| &p.signatories).collect();
    assert!(
        signatories
            .iter()
            .any(|s| s.name == "Stefan Hollmark" && s.title.as_deref() == Some("Regiondirektör"))
    );
    assert!(
        signatories
            .iter()
            .any(|s| s.name == "Anna Klintbom" && s.title.as_deref() == Some("Verksamhetschef"))
    );
    assert!(signatories.iter().all(|s| !s.is_signed()));
    assert_eq!(a.target_groups.len(), 3);
    assert_eq!(a.purposes.len(), 4);
    assert_eq!(a.goals.len(), 1);
    // 1 300 000 kr a year from the region; in kind from the organisation, no value.
    assert_eq!(
        contribution(&a, "Region Gotland", ContributionKind::Cash).amount,
        Some(kr(1_300_000))
    );
    assert_eq!(
        contribution(&a, "Röda Korset", ContributionKind::InKind).amount,
        None
    );
    let term = a.term.as_ref().unwrap();
    assert_eq!(
        (term.start, term.end),
        (date("2025-01-01"), date("2028-12-31"))
    );
    // Exit with three months' notice, unstarted months refunded.
    let exit = &a.termination[0];
    assert_eq!(exit.grounds, [Ground::Convenience]);
    assert_eq!(exit.notice, Some(CalendarLength::months(3)));
    assert_eq!(exit.settlement, Settlement::RefundUnstartedMonths);
    // Evaluation no later than March 2028.
    assert!(a.reporting.iter().any(|r| r.kind == ReportKind::Evaluation
        && r.due
            == DueRule::ByEndOfMonth {
                year: 2028,
                month: 3
            }));
    assert!(
        a.reporting
            .iter()
            .any(|r| r.kind == ReportKind::AnnualReport)
    );
    assert!(
        a.reporting
            .iter()
            .any(|r| r.kind == ReportKind::FinancialReport)
    );
    assert_eq!(a.governance[0].cadence, Cadence::Regular);
}

#[test]
fn seed_001_decision_trail_in_000() {
    let a = load(GOTLAND);
    let trail = a.decision_trail.as_ref().unwrap();
    assert_eq!(trail.case_number, "RS 2024/947");
    let d = &trail.decisions[0];
    assert!(d.paragraph.contains("114"));
    assert_eq!(d.outcome, Outcome::ReferredBack);
    assert!(d.body.contains("arbetsutskott"));
    assert_eq!(d.presenters.len(), 2);
    assert!(d.presenters.iter().any(|p| p.name == "Stefaan De Maecker"));
    assert!(d.basis.iter().any(|b| b.date == Some(date("2024-04-08"))));
    let memo = trail.memo.as_ref().unwrap();
    assert_eq!(memo.date, date("2024-04-08"));
    let impact = trail.impact.as_ref().unwrap();
    assert!(impact.rural.not_applicable && impact.climate.not_applicable);
    assert!(!impact.legal.not_applicable && impact.legal.text.contains("upphandling"));
    assert!(impact.children.text.contains("barnkonventionen"));
    // Two alternatives: 1.3 M kr (proposed) and 1.8 M kr a year for the region.
    let alternatives = &a.financing.as_ref().unwrap().alternatives;
    let yearly: BTreeSet<Money> = alternatives
        .iter()
        .flat_map(|alt| alt.contributions.iter().filter_map(|c| c.amount))
        .collect();
    assert_eq!(yearly, [kr(1_300_000), kr(1_800_000)].into());
    assert!(alternatives.iter().any(|alt| {
        alt.proposed
            && alt
                .contributions
                .iter()
                .any(|c| c.amount == Some(kr(1_300_000)))
    }));
}

#[test]
fn seed_002_vi_ses() {
    let a = load(VI_SES);
    assert_eq!(a.short_name.as_deref(), Some("Vi Ses!"));
    let kommun = party(&a, "Linköping");
    assert_eq!(
        kommun.org_number.map(|n| n.to_string()).as_deref(),
        Some("212000-0449")
    );
    assert_eq!(
        kommun.acting_through.as_deref(),
        Some("arbetsmarknadsnämnden")
    );
    let rk = party(&a, "rödakorskrets");
    assert_eq!(
        rk.org_number.map(|n| n.to_string()).as_deref(),
        Some("822002-1318")
    );
    let f = a.financing.as_ref().unwrap();
    assert_eq!(f.total_per_year, Some(kr(1_156_000)));
    let lines: Vec<Money> = f.budget_lines.iter().map(|l| l.amount).collect();
    assert_eq!(
        lines,
        [
            kr(600_000),
            kr(306_000),
            kr(167_000),
            kr(37_000),
            kr(46_000)
        ]
    );
    assert_eq!(
        contribution(&a, "Linköping", ContributionKind::Cash).amount,
        Some(kr(600_000))
    );
    let own = contribution(&a, "rödakorskrets", ContributionKind::InKind);
    assert_eq!((own.amount, own.at_least), (Some(kr(556_000)), true));
    assert_eq!(f.indexation.as_ref().unwrap().rate.to_string(), "2");
    let invoice = &f.invoicing[0];
    assert_eq!(invoice.frequency, InvoiceFrequency::Yearly);
    assert_eq!(invoice.from, rk.id);
    let address = invoice.address.as_ref().unwrap();
    assert_eq!(
        (address.postal_code.as_str(), address.city.as_str()),
        ("581 81", "Linköping")
    );
    let term = a.term.as_ref().unwrap();
    assert_eq!(
        (term.start, term.end),
        (date("2022-01-01"), date("2023-12-31"))
    );
    let ext = a.extension.as_ref().unwrap();
    assert_eq!(
        (ext.times, ext.length, ext.mutual_consent),
        (Some(2), Some(CalendarLength::years(2)), true)
    );
    let rescission = &a.termination[0];
    assert_eq!(rescission.notice, None, "immediate effect");
    assert_eq!(rescission.settlement, Settlement::ReimburseIncurredCosts);
    assert!(
        rescission.grounds.contains(&Ground::Breach)
            && rescission.grounds.contains(&Ground::Insolvency)
    );
    let styrgrupp = a
        .governance
        .iter()
        .find(|b| b.kind == BodyKind::SteeringGroup)
        .unwrap();
    assert_eq!(styrgrupp.cadence, Cadence::PerYear { times: 2 });
    assert_eq!(a.employer.as_ref(), Some(&rk.id));
    assert!(
        a.target_groups
            .iter()
            .any(|t| t.priority == TargetPriority::Primary)
    );
    assert!(
        a.target_groups
            .iter()
            .any(|t| t.priority == TargetPriority::Secondary)
    );
    assert!(
        a.reporting
            .iter()
            .any(|r| r.kind == ReportKind::JointReport)
    );
}

#[test]
fn seed_003_skane_malmo() {
    let a = load(SKANE);
    let orgnrs: Vec<String> = a
        .parties
        .iter()
        .filter_map(|p| p.org_number.map(|n| n.to_string()))
        .collect();
    assert_eq!(orgnrs, ["232100-0255", "212000-1124", "802002-8711"]);
    assert!(
        a.parties
            .iter()
            .all(|p| p.acting_through.is_some() && p.address.is_some())
    );
    let f = a.financing.as_ref().unwrap();
    assert_eq!(f.total_per_year, Some(kr(1_070_000)));
    assert_eq!(
        contribution(&a, "Region Skåne", ContributionKind::Cash).amount,
        Some(kr(400_000))
    );
    assert_eq!(
        contribution(&a, "Malmö stad", ContributionKind::Cash).amount,
        Some(kr(400_000))
    );
    assert_eq!(
        contribution(&a, "Röda Korset", ContributionKind::Cash).amount,
        Some(kr(270_000))
    );
    assert!(f.other_funders_allowed);
    let rk = &party(&a, "Röda Korset").id;
    let invoice = &f.invoicing[0];
    assert_eq!((&invoice.from, invoice.to.len()), (rk, 2));
    let term = a.term.as_ref().unwrap();
    assert_eq!(
        (term.start, term.end, term.ends_without_notice),
        (date("2021-01-01"), date("2024-12-31"), true)
    );
    let ext = a.extension.as_ref().unwrap();
    assert_eq!(ext.max_total, Some(CalendarLength::years(2)));
    assert_eq!(
        ext.decision_before_end,
        Some(CalendarLength {
            amount: 9,
            unit: LengthUnit::Months
        })
    );
    let t = &a.termination[0];
    assert_eq!(
        (t.notice, t.settlement),
        (
            Some(CalendarLength::months(9)),
            Settlement::DiscretionaryRepayment
        )
    );
    assert!(
        t.grounds.contains(&Ground::Breach) && t.grounds.contains(&Ground::ChangedCircumstances)
    );
    let meetings = a
        .governance
        .iter()
        .find(|b| b.kind == BodyKind::CooperationGroup)
        .unwrap();
    assert_eq!(meetings.cadence, Cadence::PerYear { times: 2 });
    assert_eq!(
        meetings.convener.as_ref().and_then(|m| m.party.as_ref()),
        Some(rk)
    );
    let capacity: BTreeSet<(u32, bool)> = a
        .activities
        .iter()
        .flat_map(|x| &x.capacity)
        .map(|c| (c.count, c.approximate))
        .collect();
    assert_eq!(capacity, [(70, true), (40, true)].into());
    assert!(a.activities.len() >= 6, "six named activities");
    assert!(
        a.activities
            .iter()
            .any(|x| x.name.contains("Flyktfåglarna"))
    );
    assert!(
        a.reporting
            .iter()
            .any(|r| r.kind == ReportKind::ActivityPlan)
    );
    assert!(
        a.reporting
            .iter()
            .any(|r| r.kind == ReportKind::AnnualReport && r.due == DueRule::EndOfEachYear)
    );
    let contacts: Vec<_> = a.parties.iter().flat_map(|p| &p.contacts).collect();
    assert!(contacts.iter().filter(|c| c.phone.is_some()).count() >= 4);
    assert!(contacts.iter().any(|c| c.name == "Anette Carnemalm"));
    assert_eq!(a.signing.as_ref().and_then(|s| s.copies), Some(3));
    assert!(a.related.len() >= 2);
    assert!(a.renegotiation.is_some() && a.dispute.is_some());
}

#[test]
fn seed_004_goteborg_framework() {
    let a = load(GOTEBORG);
    assert_eq!(a.kind, AgreementKind::Framework);
    assert_eq!(a.appendices.len(), 5);
    let numbers: Vec<u32> = a.appendices.iter().map(|x| x.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);
    // The seed gives no period or money for any appendix: none is invented.
    assert!(
        a.appendices
            .iter()
            .all(|x| x.period.is_none() && x.financing.is_none())
    );
    assert!(a.financing.as_ref().unwrap().in_appendices);
    let term = a.term.as_ref().unwrap();
    assert_eq!(
        (term.start, term.end),
        (date("2015-01-01"), date("2016-12-31"))
    );
    assert!(
        term.condition
            .as_deref()
            .is_some_and(|c| c.contains("medel"))
    );
    let body = |kind| a.governance.iter().find(|b| b.kind == kind).unwrap();
    let steering = body(BodyKind::SteeringGroup);
    assert_eq!(steering.decision_rule, Some(DecisionRule::Consensus));
    assert_eq!(steering.cadence, Cadence::PerYear { times: 2 });
    let cooperation = body(BodyKind::CooperationGroup);
    assert_eq!(
        cooperation.cadence,
        Cadence::Interval {
            min_weeks: 4,
            max_weeks: 6
        }
    );
    let reports = cooperation.reports_to.as_ref().unwrap();
    assert_eq!(
        (&reports.body, &reports.cadence),
        (&steering.id, &Cadence::PerTwelveMonths { times: 2 })
    );
    assert!(body(BodyKind::WorkingGroup).optional);
    assert!(
        a.reporting
            .iter()
            .any(|r| r.kind == ReportKind::EndOfPeriodReport && r.due == DueRule::EndOfTerm)
    );
    assert_eq!(
        a.termination[0].settlement,
        Settlement::DiscretionaryRepayment
    );
    let signatories: Vec<_> = a.parties.iter().flat_map(|p| &p.signatories).collect();
    assert!(!signatories.is_empty() && signatories.iter().all(|s| s.redacted));
}

#[test]
fn appendices_can_be_added_replaced_and_dropped() {
    let mut a = load(GOTEBORG);
    let first = a.appendices[0].clone();
    let mut new = first.clone();
    new.id = "bilaga-6".parse().unwrap();
    new.number = 6;
    new.title = "Ny insats".into();
    a.add_appendix(new.clone()).unwrap();
    assert_eq!(
        a.add_appendix(new.clone()),
        Err(AppendixError::DuplicateId(new.id.clone()))
    );
    let mut replacement = new.clone();
    replacement.id = "bilaga-7".parse().unwrap();
    replacement.number = 7;
    a.replace_appendix(&first.id, replacement.clone()).unwrap();
    assert_eq!(
        a.appendices[0].status,
        AppendixStatus::Replaced {
            by: replacement.id.clone()
        }
    );
    a.drop_appendix(&new.id).unwrap();
    assert_eq!(
        a.drop_appendix(&new.id),
        Err(AppendixError::NotActive(new.id.clone()))
    );
    // The changed agreement still passes its checks.
    assert!(
        domain::check::check(&a)
            .iter()
            .all(|d| d.severity == Severity::Warning)
    );
    // A standalone agreement has no appendices.
    assert_eq!(
        load(VI_SES).add_appendix(new),
        Err(AppendixError::NotFramework)
    );
}
