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

/// The reports of appendix `appendix`, as (due, year).
fn own_duties(a: &Agreement, appendix: &str) -> Vec<(Date, Option<i16>)> {
    obligations(a, ObligationOptions::default())
        .unwrap()
        .into_iter()
        .filter(|o| o.appendix.map(Id::as_str) == Some(appendix) && o.kind.is_report())
        .map(|o| (o.due, o.year))
        .collect()
}

#[test]
fn an_appendix_report_is_a_duty_over_its_own_period_owed_by_its_party() {
    let mut a = with_own_notice_and_report();
    // A period inside one year of the framework's term (2015–2016): only
    // 2015 is reported on, due 31 March 2016 (a Thursday; Easter Monday
    // 2016 is 28 March), and 2016, a year of the framework's term, is not.
    let ap = a.appendices.iter_mut().find(|x| x.number == 5).unwrap();
    let period = ap.period.as_mut().unwrap();
    period.end = date("2015-12-31");
    let all = obligations(&a, ObligationOptions::default()).unwrap();
    let own: Vec<_> = all
        .iter()
        .filter(|o| o.appendix.map(Id::as_str) == Some("bilaga-5"))
        .collect();
    let got: Vec<(Date, Option<i16>, Option<Date>)> =
        own.iter().map(|o| (o.due, o.year, o.moved_from)).collect();
    assert_eq!(got, [(date("2016-03-31"), Some(2015), None)]);
    assert!(!own.iter().any(|o| o.year == Some(2016)));
    for o in &own {
        assert_eq!(o.kind, ObligationKind::AnnualReport);
        // No `from`: the appendix's party answers for it.
        assert_eq!(o.responsible, ["Göteborgs Räddningsmission"]);
        assert_eq!(o.clause.quote, REPORT);
    }
    assert_eq!(
        own[0].key(),
        "annual-report.bilaga-5:bilaga-5-verksamhetsberattelse.2015"
    );
}

#[test]
fn an_appendix_key_is_not_a_framework_key_whatever_the_ids() {
    let mut a = with_own_notice_and_report();
    // A framework clause whose id is the appendix's id, '.', and the
    // appendix clause's id, on the same kind and years.
    let mut framework = a.appendices[4].reporting[0].clone();
    framework.id = id("bilaga-5.bilaga-5-verksamhetsberattelse");
    a.reporting.push(framework);
    let all = obligations(&a, ObligationOptions::default()).unwrap();
    let keys: Vec<String> = all.iter().map(|o| o.key()).collect();
    // The framework's key is as it always was: kind, clause, year.
    assert!(
        keys.contains(&"annual-report.bilaga-5.bilaga-5-verksamhetsberattelse.2015".to_owned())
    );
    assert!(
        keys.contains(&"annual-report.bilaga-5:bilaga-5-verksamhetsberattelse.2015".to_owned())
    );
    let mut unique = keys.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), keys.len());
}

#[test]
fn a_replaced_appendix_reports_until_its_replacement_starts() {
    let mut a = with_own_notice_and_report();
    let mut new = a.appendices[4].clone();
    new.id = id("bilaga-6");
    new.number = 6;
    new.reporting[0].id = id("bilaga-6-verksamhetsberattelse");
    new.termination[0].id = id("bilaga-6-uppsagning");
    let period = new.period.as_mut().unwrap();
    period.id = id("bilaga-6-period");
    period.start = date("2015-07-01");
    period.end = date("2016-06-30");
    let kept = a.clone();
    a.replace_appendix(&id("bilaga-5"), new.clone()).unwrap();
    // The old one ran 2015-03-01 – 2015-06-30 (the day before 1 July
    // 2015): the year 2015 only, due Thursday 2016-03-31; not 2016.
    assert_eq!(
        own_duties(&a, "bilaga-5"),
        [(date("2016-03-31"), Some(2015))]
    );
    // The replacement reports on its own years: 2015 and 2016, the
    // second due Friday 2017-03-31.
    assert_eq!(
        own_duties(&a, "bilaga-6"),
        [
            (date("2016-03-31"), Some(2015)),
            (date("2017-03-31"), Some(2016))
        ]
    );
    // Without the replacement's start the old one's end is unknown: none.
    let mut b = kept;
    new.period = None;
    b.replace_appendix(&id("bilaga-5"), new).unwrap();
    assert_eq!(own_duties(&b, "bilaga-5"), []);
}

#[test]
fn a_dropped_appendix_has_no_duties_and_no_notice_deadline() {
    let mut a = with_own_notice_and_report();
    a.drop_appendix(&id("bilaga-5")).unwrap();
    assert_eq!(own_duties(&a, "bilaga-5"), []);
    let deadlines = obligations(
        &a,
        ObligationOptions {
            exit_at: Some(date("2015-12-31")),
            ..Default::default()
        },
    )
    .unwrap()
    .into_iter()
    .filter(|o| o.kind == ObligationKind::NoticeDeadline && o.appendix.is_some())
    .count();
    assert_eq!(deadlines, 0);
}

#[test]
fn an_appendix_report_due_before_the_appendix_starts_is_not_owed() {
    let mut a = with_own_notice_and_report();
    let ap = &mut a.appendices[4];
    let period = ap.period.as_mut().unwrap();
    period.start = date("2015-06-01");
    period.end = date("2016-05-31");
    // "senast 31 januari" in the year itself.
    ap.reporting[0].due = DueRule::Yearly {
        month: 1,
        day: 31,
        year_offset: 0,
    };
    // 2015-01-31 is before 1 June 2015: dropped. 2016-01-31 is a Sunday:
    // due Monday 2016-02-01.
    assert_eq!(
        own_duties(&a, "bilaga-5"),
        [(date("2016-02-01"), Some(2016))]
    );
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
    // Ending it by 30 April 2016 would need notice by 30 January 2016,
    // inside its period, but it ends by itself on 29 February: no deadline.
    assert_eq!(at("2016-04-30"), []);
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
