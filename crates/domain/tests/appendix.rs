//! An appendix (bilaga) with its own notice and reports. The example is
//! seed 004's framework with appendix 5 given, in our own words, a period
//! of 1 March 2015 – 29 February 2016 and two sentences of its own:
//! "Bilagan kan sägas upp av vardera part med tre månaders
//! uppsägningstid." and "Räddningsmissionen lämnar en
//! verksamhetsberättelse för den öppna förskolan senast 31 mars året
//! efter." The figures are worked out by hand in the comments.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test should panic

use domain::Agreement;
use domain::check::check;
use domain::format::{Syntax, parse, to_toml};
use domain::model::{
    AppendixStatus, DueRule, ReportKind, ReportingDuty, Settlement, Term, TerminationClause, WhoMay,
};
use domain::rules::obligations::{ObligationKind, ObligationOptions, obligations};
use domain::value::{CalendarLength, Date, Id};

const GOTEBORG: &str = include_str!("../../../examples/004-goteborg-eu-migranter.toml");

fn id(s: &str) -> Id {
    s.parse().unwrap()
}

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

const NOTICE: &str = "Bilagan kan sägas upp av vardera part med tre månaders uppsägningstid.";
const REPORT: &str = "Räddningsmissionen lämnar en verksamhetsberättelse för den öppna förskolan senast 31 mars året efter.";

/// 004 with appendix 5 (Öppen förskola) given its own period, notice and report.
fn with_own_notice_and_report() -> Agreement {
    let mut a = parse(GOTEBORG, Syntax::Toml).unwrap();
    let ap = a.appendices.iter_mut().find(|x| x.number == 5).unwrap();
    ap.period = Some(Term {
        id: id("bilaga-5-period"),
        section: "Bilaga 5".into(),
        quote: "Bilagan gäller 1 mars 2015 – 29 februari 2016.".into(),
        start: date("2015-03-01"),
        end: date("2016-02-29"),
        condition: None,
        ends_without_notice: false,
    });
    ap.termination.push(TerminationClause {
        id: id("bilaga-5-uppsagning"),
        section: "Bilaga 5".into(),
        quote: NOTICE.into(),
        grounds: vec![domain::model::Ground::Convenience],
        ground_words: Vec::new(),
        by: WhoMay::AnyParty,
        notice: Some(CalendarLength::months(3)),
        called: None,
        cure: None,
        settlement: Settlement::NotStated,
        settlement_grounds: Vec::new(),
        repaying_party: None,
        aftermath: None,
    });
    ap.reporting.push(ReportingDuty {
        id: id("bilaga-5-verksamhetsberattelse"),
        section: "Bilaga 5".into(),
        quote: REPORT.into(),
        kind: ReportKind::AnnualReport,
        title: "Verksamhetsberättelse för den öppna förskolan".into(),
        from: Vec::new(),
        by: None,
        to: None,
        due: DueRule::Yearly {
            month: 3,
            day: 31,
            year_offset: 1,
        },
        due_is_default: false,
    });
    a
}

fn codes_at(a: &Agreement) -> Vec<(String, String)> {
    check(a)
        .into_iter()
        .map(|d| {
            (
                d.code.to_owned(),
                d.path.map(|p| p.to_string()).unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn an_appendix_without_notice_or_reports_serialises_as_before() {
    // The new lists are left out when empty: 004 reads and writes as it did.
    let a = parse(GOTEBORG, Syntax::Toml).unwrap();
    let text = to_toml(&a).unwrap();
    assert!(!text.contains("[[appendices.termination]]"));
    assert!(!text.contains("[[appendices.reporting]]"));
    let own = with_own_notice_and_report();
    let text = to_toml(&own).unwrap();
    assert!(text.contains("[[appendices.termination]]"), "{text}");
    assert_eq!(parse(&text, Syntax::Toml).unwrap(), own);
}

#[test]
fn an_appendix_report_is_a_duty_over_its_own_period_owed_by_its_party() {
    let a = with_own_notice_and_report();
    let all = obligations(&a, ObligationOptions::default()).unwrap();
    let own: Vec<_> = all
        .iter()
        .filter(|o| o.appendix.map(Id::as_str) == Some("bilaga-5"))
        .collect();
    // Period 2015-03-01 – 2016-02-29 touches the years 2015 and 2016; each
    // is due 31 March of the year after: Thursday 2016-03-31 (Easter
    // Monday 2016 is 28 March) and Friday 2017-03-31, neither moved. The
    // framework's term (2015–2016) would have given the same years, so
    // the period is also held by the key's year below.
    let got: Vec<(Date, Option<i16>, Option<Date>)> =
        own.iter().map(|o| (o.due, o.year, o.moved_from)).collect();
    assert_eq!(
        got,
        [
            (date("2016-03-31"), Some(2015), None),
            (date("2017-03-31"), Some(2016), None)
        ]
    );
    for o in &own {
        assert_eq!(o.kind, ObligationKind::AnnualReport);
        // No `from`: the appendix's party answers for it.
        assert_eq!(o.responsible, ["Göteborgs Räddningsmission"]);
        assert_eq!(o.clause.quote, REPORT);
    }
    assert_eq!(
        own[0].key(),
        "annual-report.bilaga-5.bilaga-5-verksamhetsberattelse.2015"
    );
    // Every key of the agreement is its own.
    let mut keys: Vec<String> = all.iter().map(|o| o.key()).collect();
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n);
}

#[test]
fn an_appendix_report_without_a_period_runs_over_the_framework_term() {
    let mut a = with_own_notice_and_report();
    let ap = a.appendices.iter_mut().find(|x| x.number == 5).unwrap();
    ap.period = None;
    ap.reporting[0].due = DueRule::EndOfTerm;
    let all = obligations(&a, ObligationOptions::default()).unwrap();
    let own: Vec<Date> = all
        .iter()
        .filter(|o| o.appendix.is_some() && o.kind.is_report())
        .map(|o| o.due)
        .collect();
    // The framework's term ends Saturday 2016-12-31 (nyårsafton): the
    // report is due on the next working day, Monday 2017-01-02.
    assert_eq!(own, [date("2017-01-02")]);
}

#[test]
fn the_last_day_to_end_an_appendix_alone_by_a_chosen_day() {
    let a = with_own_notice_and_report();
    let at = |exit: &str| {
        obligations(
            &a,
            ObligationOptions {
                exit_at: Some(date(exit)),
                ..Default::default()
            },
        )
        .unwrap()
        .into_iter()
        .filter(|o| o.kind == ObligationKind::NoticeDeadline)
        .map(|o| (o.due, o.appendix.map(|x| x.as_str().to_owned()), o.label))
        .collect::<Vec<_>>()
    };
    // Three months before 31 December 2015 is 30 September 2015 (a
    // Wednesday); notice on 1 October would end it 1 January 2016, too late.
    // The framework's only clause (hävning) has no notice period.
    assert_eq!(
        at("2015-12-31"),
        [(
            date("2015-09-30"),
            Some("bilaga-5".to_owned()),
            "Göteborgs Räddningsmission Öppen förskola"
        )]
    );
    // Ending it by 30 June 2016 needs notice by 30 March 2016, after its
    // period (ends 29 February 2016): no deadline.
    assert_eq!(at("2016-06-30"), []);
}

#[test]
fn ids_and_references_in_an_appendix_are_checked_with_the_framework() {
    let mut a = with_own_notice_and_report();
    assert!(
        !codes_at(&a)
            .iter()
            .any(|(c, _)| c == "duplicate-id" || c == "unknown-reference"),
        "{:?}",
        codes_at(&a)
    );
    let ap = a.appendices.iter_mut().find(|x| x.number == 5).unwrap();
    // The framework has a report "erfarenhetsrapport" already.
    ap.reporting[0].id = id("erfarenhetsrapport");
    ap.reporting[0].from = vec![id("ingen-sadan-part")];
    ap.termination[0].repaying_party = Some(id("ingen-alls"));
    let found = codes_at(&a);
    for want in [
        ("duplicate-id", "appendices[4].reporting[0].id"),
        ("unknown-reference", "appendices[4].reporting[0].from[0]"),
        (
            "unknown-reference",
            "appendices[4].termination[0].repaying_party",
        ),
    ] {
        assert!(
            found.contains(&(want.0.to_owned(), want.1.to_owned())),
            "{want:?} in {found:?}"
        );
    }
}

#[test]
fn a_report_of_an_appendix_in_force_is_follow_up() {
    let mut a = with_own_notice_and_report();
    a.reporting.clear();
    let has = |a: &Agreement, code: &str| codes_at(a).iter().any(|(c, _)| c == code);
    // The framework leaves its follow-up to the appendix (004's reading).
    assert!(!has(&a, "no-follow-up"));
    // A dropped appendix's reports follow up nothing that still runs.
    a.appendices[4].status = AppendixStatus::Dropped;
    assert!(has(&a, "no-follow-up"));
}

#[test]
fn an_invalid_due_rule_in_an_appendix_is_found() {
    let mut a = with_own_notice_and_report();
    a.appendices[4].reporting[0].due = DueRule::Yearly {
        month: 2,
        day: 30,
        year_offset: 1,
    };
    assert!(
        codes_at(&a).contains(&(
            "due-invalid".to_owned(),
            "appendices[4].reporting[0].due".to_owned()
        )),
        "{:?}",
        codes_at(&a)
    );
}
