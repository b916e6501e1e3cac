//! Golden figures for the five seeds, derived by hand from the seeds' own
//! numbers and domain.md's readings (the arithmetic is in the comments).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test should panic

use domain::Agreement;
use domain::format::{Syntax, parse};
use domain::model::Ground;
use domain::rules::obligations::{ObligationKind, ObligationOptions, obligations};
use domain::rules::schedule::{ScheduleError, ScheduleOptions, schedule};
use domain::rules::settle::{PaidSource, SettleError, SettleInput, settle};
use domain::value::{Date, Money};

const GOTLAND: &str = include_str!("../../../examples/000-gotland-rkg.toml");
const VI_SES: &str = include_str!("../../../examples/002-linkoping-vi-ses.toml");
const SKANE: &str = include_str!("../../../examples/003-skane-malmo-barn.toml");
const GOTEBORG: &str = include_str!("../../../examples/004-goteborg-eu-migranter.toml");

fn load(text: &str) -> Agreement {
    parse(text, Syntax::Toml).unwrap()
}

fn kr(n: i64) -> Money {
    Money::from_kronor(n).unwrap()
}

fn ore(n: i64) -> Money {
    Money::from_ore(n)
}

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

fn party_id<'a>(a: &'a Agreement, name: &str) -> &'a str {
    a.parties
        .iter()
        .find(|p| p.name.contains(name))
        .unwrap()
        .id
        .as_str()
}

// ---------------------------------------------------------------- schedule

#[test]
fn schedule_000_is_1_3_million_a_year_for_four_years() {
    let a = load(GOTLAND);
    let s = schedule(&a, ScheduleOptions::default()).unwrap();
    let years: Vec<(i16, Money)> = s.years.iter().map(|y| (y.year, y.total)).collect();
    assert_eq!(
        years,
        [
            (2025, kr(1_300_000)),
            (2026, kr(1_300_000)),
            (2027, kr(1_300_000)),
            (2028, kr(1_300_000))
        ]
    );
    assert_eq!(s.total, kr(5_200_000));
    let region = party_id(&a, "Region Gotland");
    for y in &s.years {
        let r = y
            .parties
            .iter()
            .find(|p| p.party.as_str() == region)
            .unwrap();
        assert_eq!((r.cash, r.in_kind), (Some(kr(1_300_000)), None));
        let rk = y
            .parties
            .iter()
            .find(|p| p.party.as_str() != region)
            .unwrap();
        assert_eq!(
            rk.cash, None,
            "the organisation's contribution is in kind, with no value stated"
        );
    }
    // "finansieras årligen": the whole year's amount on 1 January (a default).
    let payments: Vec<(Date, Money, bool)> = s
        .payments
        .iter()
        .map(|p| (p.date, p.amount, p.default_date))
        .collect();
    assert_eq!(payments[0], (date("2025-01-01"), kr(1_300_000), true));
    assert_eq!(payments.len(), 4);
}

#[test]
fn schedule_001_alternatives_5_2_and_7_2_million() {
    let a = load(GOTLAND);
    let alternatives = &a.financing.as_ref().unwrap().alternatives;
    let totals: Vec<Money> = alternatives
        .iter()
        .map(|alt| {
            schedule(
                &a,
                ScheduleOptions {
                    alternative: Some(alt.id.as_str()),
                    ..Default::default()
                },
            )
            .unwrap()
            .total
        })
        .collect();
    assert!(
        totals.contains(&kr(5_200_000)) && totals.contains(&kr(7_200_000)),
        "{totals:?}"
    );
    let err = schedule(
        &a,
        ScheduleOptions {
            alternative: Some("2-miljoner"),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(matches!(err, ScheduleError::UnknownAlternative { known, .. } if known.len() == 2));
}

#[test]
fn schedule_002_indexed_over_the_term_and_two_extensions() {
    // Per line, base × 1.02^k, rounded half up to whole kronor:
    // 2023: 612 000 + 312 120 + 170 340 + 37 740 + 46 920 = 1 179 120
    // 2024: 624 240 + 318 362 + 173 747 + 38 495 + 47 858 = 1 202 702
    // 2025: 636 725 + 324 730 + 177 222 + 39 265 + 48 816 = 1 226 758
    // 2026: 649 459 + 331 224 + 180 766 + 40 050 + 49 792 = 1 251 291
    // 2027: 662 448 + 337 849 + 184 381 + 40 851 + 50 788 = 1 276 317
    let a = load(VI_SES);
    let s = schedule(&a, ScheduleOptions::default()).unwrap();
    assert_eq!(
        s.years.iter().map(|y| y.total).collect::<Vec<_>>(),
        [kr(1_156_000), kr(1_179_120)]
    );
    assert_eq!(s.total, kr(2_335_120));
    let s = schedule(
        &a,
        ScheduleOptions {
            extensions: 2,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(s.end, date("2027-12-31"));
    let totals: Vec<Money> = s.years.iter().map(|y| y.total).collect();
    assert_eq!(
        totals,
        [
            1_156_000, 1_179_120, 1_202_702, 1_226_758, 1_251_291, 1_276_317
        ]
        .map(kr)
    );
    assert_eq!(s.total, kr(7_292_188));
    let y2027 = &s.years[5];
    let lines: Vec<Money> = y2027.lines.iter().map(|l| l.amount).collect();
    assert_eq!(lines, [662_448, 337_849, 184_381, 40_851, 50_788].map(kr));
    // The municipality pays the project leader; the organisation the rest, at least.
    let kommun = party_id(&a, "Linköping");
    let k = y2027
        .parties
        .iter()
        .find(|p| p.party.as_str() == kommun)
        .unwrap();
    assert_eq!(k.cash, Some(kr(662_448)));
    let rk = y2027
        .parties
        .iter()
        .find(|p| p.party.as_str() != kommun)
        .unwrap();
    assert_eq!((rk.in_kind, rk.at_least), (Some(kr(613_869)), true));
    // Invoiced once a year by the organisation to the municipality.
    let invoices: Vec<(Date, Money)> = s.invoices.iter().map(|i| (i.date, i.amount)).collect();
    assert_eq!(invoices[1], (date("2023-01-01"), kr(612_000)));
    assert_eq!(invoices.len(), 6);
    // A third extension is more than the clause allows.
    let err = schedule(
        &a,
        ScheduleOptions {
            extensions: 3,
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(
        err,
        ScheduleError::TooManyExtensions {
            asked: 3,
            allowed: 2
        }
    );
}

#[test]
fn schedule_003_three_parties() {
    let a = load(SKANE);
    let s = schedule(&a, ScheduleOptions::default()).unwrap();
    assert_eq!(s.years.len(), 4);
    assert!(s.years.iter().all(|y| y.total == kr(1_070_000)));
    assert_eq!(s.total, kr(4_280_000));
    let cash = |name: &str| {
        let id = party_id(&a, name);
        s.years[0]
            .parties
            .iter()
            .find(|p| p.party.as_str() == id)
            .unwrap()
            .cash
    };
    assert_eq!(
        (cash("Region Skåne"), cash("Malmö"), cash("Röda Korset")),
        (Some(kr(400_000)), Some(kr(400_000)), Some(kr(270_000)))
    );
    // The organisation invoices both public parties once a year: 2 × 4 invoices of 400 000.
    assert_eq!(s.invoices.len(), 8);
    assert!(s.invoices.iter().all(|i| i.amount == kr(400_000)));
    // One extension of at most two years.
    let ext = schedule(
        &a,
        ScheduleOptions {
            extensions: 1,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!((ext.end, ext.total), (date("2026-12-31"), kr(6_420_000)));
}

/// Seed 000 with the money of a night shelter: 420 kr per occupied place
/// and night, at most 1 150 000 kr a calendar year, and 150 000 kr a year
/// for coordination as a lump sum.
fn night_shelter() -> Agreement {
    let mut a = domain::generate::night_shelter().unwrap();
    let f = a.financing.as_mut().unwrap();
    let mut lump_sum = f.contributions[0].clone();
    lump_sum.amount = Some(kr(150_000));
    lump_sum.at_most = false;
    lump_sum.unit_price = None;
    lump_sum.basis = domain::model::ContributionBasis::LumpSum;
    f.contributions.insert(0, lump_sum);
    a
}

#[test]
fn schedule_a_ceiling_is_at_most_and_never_a_payment() {
    let mut a = night_shelter();
    let s = schedule(&a, ScheduleOptions::default()).unwrap();
    // Each year: 150 000 firm + at most 1 150 000 = at most 1 300 000; the
    // Red Cross's in-kind part states no value.
    let region = &s.years[0].parties[0];
    assert_eq!(region.cash, Some(kr(1_300_000)));
    assert_eq!(region.cash_ceiling, Some(kr(1_150_000)));
    assert_eq!(region.firm_cash(), Some(kr(150_000)));
    assert!(
        s.years
            .iter()
            .all(|y| y.at_most && y.total == kr(1_300_000))
    );
    assert!(s.at_most);
    assert_eq!(s.total, kr(5_200_000));
    // The ceilings, one a year, from the region to the Red Cross.
    let ceilings: Vec<(i16, Money)> = s.ceilings.iter().map(|c| (c.year, c.amount)).collect();
    assert_eq!(
        ceilings,
        [
            (2025, kr(1_150_000)),
            (2026, kr(1_150_000)),
            (2027, kr(1_150_000)),
            (2028, kr(1_150_000)),
        ]
    );
    assert_eq!(s.ceilings[0].to.as_str(), "roda-korset-gotland");
    // Only the lump sum is paid: 150 000 on each 1 January (the default
    // reading), 2025–2028; the ceiling follows occupancy and has no date.
    let paid: Vec<(Date, Money)> = s.payments.iter().map(|p| (p.date, p.amount)).collect();
    assert_eq!(
        paid,
        [
            (date("2025-01-01"), kr(150_000)),
            (date("2026-01-01"), kr(150_000)),
            (date("2027-01-01"), kr(150_000)),
            (date("2028-01-01"), kr(150_000)),
        ]
    );
    // A payment plan the agreement states (quarterly) does not date the
    // ceiling either: 150 000 / 4 = 37 500 a quarter, 16 payments in all.
    let plan = a.financing.as_mut().unwrap().payment.as_mut().unwrap();
    plan.per_year = 4;
    plan.default = false;
    let s = schedule(&a, ScheduleOptions::default()).unwrap();
    assert_eq!(s.payments.len(), 16);
    assert!(s.payments.iter().all(|p| p.amount == kr(37_500)));
}

#[test]
fn schedule_a_budget_is_not_at_most_even_with_a_ceiling() {
    let mut a = night_shelter();
    let f = a.financing.as_mut().unwrap();
    f.budget_lines.push(domain::model::BudgetLine {
        id: "natthärbärge".parse().unwrap(),
        name: "natthärbärge".into(),
        amount: kr(1_300_000),
    });
    let s = schedule(&a, ScheduleOptions::default()).unwrap();
    assert!(!s.at_most && !s.years[0].at_most);
    assert!(s.years[0].parties[0].cash_at_most());
}

#[test]
fn schedule_004_names_what_is_missing() {
    let a = load(GOTEBORG);
    assert_eq!(
        schedule(&a, ScheduleOptions::default()).unwrap_err(),
        ScheduleError::NoAmounts
    );
}

// ---------------------------------------------------------------- obligations

#[test]
fn obligations_000_evaluation_by_march_2028_and_moved_reports() {
    let a = load(GOTLAND);
    let all = obligations(&a, ObligationOptions::default()).unwrap();
    let evaluation = all
        .iter()
        .find(|o| o.kind == ObligationKind::Evaluation)
        .unwrap();
    assert_eq!(
        (evaluation.due, evaluation.moved_from),
        (date("2028-03-31"), None)
    );
    assert!(evaluation.clause.quote.contains("senast mars 2028"));
    // The annual report for 2028 is due Saturday 31 March 2029; Monday 2 April
    // is annandag påsk, so it moves to Tuesday 3 April 2029.
    let last = all
        .iter()
        .filter(|o| o.kind == ObligationKind::AnnualReport)
        .find(|o| o.year == Some(2028))
        .unwrap();
    assert_eq!(
        (last.due, last.moved_from),
        (date("2029-04-03"), Some(date("2029-03-31")))
    );
    assert!(
        last.default_date,
        "the seed gives no date; 31 March is iop's default"
    );
    let term_end = all
        .iter()
        .find(|o| o.kind == ObligationKind::TermEnd)
        .unwrap();
    assert_eq!(term_end.due, date("2028-12-31"));
    assert!(
        all.iter().all(|o| !o.clause.quote.is_empty()),
        "every obligation quotes its clause"
    );
}

#[test]
fn obligations_003_extension_decision_nine_months_before_the_end() {
    // (2024-12-31 + 1 day) − 9 months − 1 day = 2024-03-31, påskdagen; annandag
    // påsk 1 April is off too, so the decision is due Tuesday 2 April 2024.
    let a = load(SKANE);
    let all = obligations(&a, ObligationOptions::default()).unwrap();
    let decision = all
        .iter()
        .find(|o| o.kind == ObligationKind::ExtensionDecision)
        .unwrap();
    assert_eq!(
        (decision.due, decision.moved_from),
        (date("2024-04-02"), Some(date("2024-03-31")))
    );
    // Cooperation meetings at least twice a year, convened by Röda Korset.
    let meetings: Vec<_> = all
        .iter()
        .filter(|o| o.kind == ObligationKind::Meeting && o.count == Some(2))
        .collect();
    assert_eq!(meetings.len(), 4);
    assert_eq!(
        (meetings[0].window_start, meetings[0].due),
        (Some(date("2021-01-01")), date("2021-12-31"))
    );
    assert!(
        meetings[0]
            .responsible
            .iter()
            .any(|r| r.contains("Röda Korset"))
    );
}

#[test]
fn obligations_002_steering_group_twice_a_year_and_invoices() {
    let a = load(VI_SES);
    let all = obligations(&a, ObligationOptions::default()).unwrap();
    let meetings: Vec<(Option<i16>, Option<u32>)> = all
        .iter()
        .filter(|o| o.kind == ObligationKind::Meeting)
        .map(|o| (o.year, o.count))
        .collect();
    assert_eq!(meetings, [(Some(2022), Some(2)), (Some(2023), Some(2))]);
    // Invoice dates default to 1 January, nyårsdagen: moved to the next working day.
    let invoices: Vec<(Date, Option<Date>)> = all
        .iter()
        .filter(|o| o.kind == ObligationKind::Invoice)
        .map(|o| (o.due, o.moved_from))
        .collect();
    assert_eq!(
        invoices,
        [
            (date("2022-01-03"), Some(date("2022-01-01"))),
            (date("2023-01-02"), Some(date("2023-01-01")))
        ]
    );
    // No lead time for the extension decision: decide by the end of the
    // term, söndag 31 december 2023 (nyårsafton; 1 January nyårsdagen),
    // which moves to tisdag 2 januari 2024 like any deadline.
    let decision = all
        .iter()
        .find(|o| o.kind == ObligationKind::ExtensionDecision)
        .unwrap();
    assert_eq!(decision.due, date("2024-01-02"));
    assert_eq!(decision.moved_from, Some(date("2023-12-31")));
}

/// Seed 003 invoiced twice a year: each of the 2 × 4 × 2 invoices of
/// 200 000 kr (half of 400 000) has its own key, so each can be recorded.
#[test]
fn obligations_003_invoiced_twice_a_year_each_its_own_key() {
    let mut a = load(SKANE);
    if let Some(f) = &mut a.financing {
        for i in &mut f.invoicing {
            i.frequency = domain::model::InvoiceFrequency::HalfYearly;
        }
    }
    let all = obligations(&a, ObligationOptions::default()).unwrap();
    let invoices: Vec<_> = all
        .iter()
        .filter(|o| o.kind == ObligationKind::Invoice)
        .collect();
    assert_eq!(invoices.len(), 16);
    assert!(invoices.iter().all(|o| o.amount == Some(kr(200_000))));
    let keys: std::collections::BTreeSet<String> = invoices.iter().map(|o| o.key()).collect();
    assert_eq!(keys.len(), 16, "{keys:?}");
}

#[test]
fn obligations_004_cooperation_group_every_four_to_six_weeks() {
    let a = load(GOTEBORG);
    let all = obligations(&a, ObligationOptions::default()).unwrap();
    let cooperation: Vec<_> = all
        .iter()
        .filter(|o| o.kind == ObligationKind::Meeting && o.max_weeks == Some(6))
        .collect();
    // First no later than 6 weeks after the start (42 days): 2015-02-12; then
    // windows 4–6 weeks after each. 730 days in the term: 17 windows of 42 days.
    assert_eq!(cooperation.len(), 17);
    assert_eq!(
        (cooperation[0].window_start, cooperation[0].due),
        (Some(date("2015-01-01")), date("2015-02-12"))
    );
    assert_eq!(
        (cooperation[1].window_start, cooperation[1].due),
        (Some(date("2015-03-12")), date("2015-03-26"))
    );
    // Steering group twice a year; the cooperation group's written report to it twice per 12 months.
    let steering: Vec<_> = all
        .iter()
        .filter(|o| o.kind == ObligationKind::Meeting && o.count == Some(2))
        .collect();
    assert_eq!(steering.len(), 2);
    let reports = all
        .iter()
        .filter(|o| o.kind == ObligationKind::StatusReport && o.count == Some(2))
        .count();
    assert!(reports >= 2);
    // The working group is optional: no windows for it.
    assert!(
        all.iter()
            .all(|o| !o.label.contains("Arbetsgrupp") && !o.label.contains("ARBETSGRUPP"))
    );
    // Every participant reports at the end of the period.
    assert!(
        all.iter()
            .any(|o| o.kind == ObligationKind::EndOfPeriodReport && o.due >= date("2016-12-31"))
    );
}

#[test]
fn obligations_notice_deadline_for_a_chosen_exit() {
    // To leave 000 by 31 December 2026 with three months' notice: notice by
    // 30 September 2026 (a Wednesday; + 3 months = 30 December).
    let a = load(GOTLAND);
    let options = ObligationOptions {
        exit_at: Some(date("2026-12-31")),
        ..Default::default()
    };
    let all = obligations(&a, options).unwrap();
    let notice = all
        .iter()
        .find(|o| o.kind == ObligationKind::NoticeDeadline)
        .unwrap();
    assert_eq!(notice.due, date("2026-09-30"));
}

#[test]
fn obligations_filter_by_date() {
    let a = load(GOTLAND);
    let options = ObligationOptions {
        from: Some(date("2026-01-01")),
        to: Some(date("2026-12-31")),
        ..Default::default()
    };
    let all = obligations(&a, options).unwrap();
    assert!(!all.is_empty());
    assert!(all.iter().all(|o| o.due.year() == 2026));
}

// ---------------------------------------------------------------- settle

/// 000 (or a variant): Region Gotland leaves by notice on 15 May 2026.
/// By hand: + 3 months = 15 August 2026; paid by then (plan) 2 × 1 300 000
/// = 2 600 000 kr, whatever the clause says of money.
fn region_leaves_gotland(
    a: &Agreement,
) -> (SettleInput<'_>, domain::rules::settle::SettlementResult<'_>) {
    let input = SettleInput {
        notice_date: date("2026-05-15"),
        by: Some(party_id(a, "Region Gotland")),
        ground: Ground::Convenience,
        paid: None,
        incurred: None,
    };
    let s = settle(a, input).unwrap();
    assert_eq!(s.effective_end, date("2026-08-15"));
    assert_eq!(
        (s.paid, s.paid_source),
        (kr(2_600_000), PaidSource::PaymentPlan)
    );
    (input, s)
}

/// `input` settled with `paid` recorded (or, with `None`, the plan's).
fn settle_paid<'a>(
    a: &'a Agreement,
    input: SettleInput<'_>,
    paid: Option<Money>,
) -> domain::rules::settle::SettlementResult<'a> {
    settle(a, SettleInput { paid, ..input }).unwrap()
}

#[test]
fn settle_000_refund_of_unstarted_months() {
    // Notice 15 May 2026 + 3 months = 15 August 2026. Paid by then (plan):
    // 2 × 1 300 000 = 2 600 000. Kept: 2025 in full + 2026 × 8/12 =
    // 1 300 000 + 866 666.666… = 2 166 666.67. Refund: 433 333.33.
    let a = load(GOTLAND);
    let (input, s) = region_leaves_gotland(&a);
    assert_eq!(s.kept, Some(ore(216_666_667)));
    assert_eq!(s.refund, Some(ore(43_333_333)));
    assert_eq!(s.max_claim, None);
    assert_eq!(s.clause.id.as_str(), a.termination[0].id.as_str());
    // Across a new year: notice 15 December 2026 takes effect 15 March 2027;
    // 1 January 2027 has been paid; kept 2 600 000 + 325 000; refund 975 000.
    let later = settle(
        &a,
        SettleInput {
            notice_date: date("2026-12-15"),
            ..input
        },
    )
    .unwrap();
    assert_eq!(
        (later.paid, later.refund),
        (kr(3_900_000), Some(kr(975_000)))
    );
    // A recorded payment wins over the plan; the refund never exceeds it.
    let recorded = settle_paid(&a, input, Some(kr(2_000_000)));
    assert_eq!(
        (recorded.paid_source, recorded.refund),
        (PaidSource::Recorded, Some(Money::ZERO))
    );
}

/// The night shelter (420 kr a night, at most 1 150 000 kr a year, no firm
/// money): money paid in arrears for delivered nights is kept up to the
/// ceiling for the started months, never claimed back as if unearned.
#[test]
fn settle_money_paid_against_delivery_is_kept_up_to_the_ceiling() {
    let a = domain::generate::night_shelter().unwrap();
    let input = SettleInput {
        notice_date: date("2026-05-15"),
        by: Some(party_id(&a, "Region Gotland")),
        ground: Ground::Convenience,
        paid: Some(kr(600_000)),
        incurred: None,
    };
    // Effective 15 August 2026. Kept at most: 2025 in full 1 150 000 +
    // 2026 × 8/12 = 766 666.666… → 1 916 666.67. 600 000 paid is all kept.
    let s = settle(&a, input).unwrap();
    assert_eq!((s.kept, s.refund), (Some(kr(600_000)), Some(Money::ZERO)));
    // 2 000 000 recorded: 2 000 000 − 1 916 666.67 = 83 333.33 back.
    let more = settle_paid(&a, input, Some(kr(2_000_000)));
    assert_eq!(
        (more.kept, more.refund),
        (Some(ore(191_666_667)), Some(ore(8_333_333)))
    );
    // Nothing recorded: the plan pays nothing on a date, so nothing is back.
    let plan = settle_paid(&a, input, None);
    assert_eq!((plan.paid, plan.refund), (Money::ZERO, Some(Money::ZERO)));
}

/// The same under a discretionary clause: the proposal is what was paid
/// beyond the ceiling for the started months, not all that was paid.
#[test]
fn settle_discretionary_proposal_keeps_money_paid_against_delivery() {
    let mut a = domain::generate::night_shelter().unwrap();
    a.termination[0].settlement = domain::model::Settlement::DiscretionaryRepayment;
    let s = settle(
        &a,
        SettleInput {
            notice_date: date("2026-05-15"),
            by: None,
            ground: Ground::Convenience,
            paid: Some(kr(600_000)),
            incurred: None,
        },
    )
    .unwrap();
    assert_eq!(
        (s.max_claim, s.proposal),
        (Some(kr(600_000)), Some(Money::ZERO))
    );
}

/// A clause that says nothing about money gives no money figure: with
/// 000's clause so changed, notice 15 May 2026 still ends the term three
/// months later, 15 August 2026, and what was paid by then is still by hand
/// 2 × 1 300 000 = 2 600 000 kr (1 January 2025 and 2026), but nothing is
/// kept, refunded, proposed or claimed.
#[test]
fn settle_unstated_settlement_gives_no_money_figure() {
    let text = GOTLAND.replace(
        r#"settlement = "refund-unstarted-months""#,
        r#"settlement = "not-stated""#,
    );
    assert_ne!(text, GOTLAND);
    let a = load(&text);
    let (_, s) = region_leaves_gotland(&a);
    assert_eq!(
        (s.kept, s.refund, s.proposal, s.max_claim, s.still_to_pay),
        (None, None, None, None, None)
    );
}

#[test]
fn settle_002_rescission_reimburses_incurred_costs() {
    // Immediate effect. Paid by 15 June 2023: 600 000 + 612 000 = 1 212 000.
    let a = load(VI_SES);
    let input = SettleInput {
        notice_date: date("2023-06-15"),
        by: None,
        ground: Ground::Breach,
        paid: None,
        incurred: Some(kr(900_000)),
    };
    let s = settle(&a, input).unwrap();
    assert_eq!(s.effective_end, date("2023-06-15"));
    assert_eq!(
        (s.paid, s.kept, s.refund, s.still_to_pay),
        (
            kr(1_212_000),
            Some(kr(900_000)),
            Some(kr(312_000)),
            Some(Money::ZERO)
        )
    );
    let more = settle(
        &a,
        SettleInput {
            incurred: Some(kr(1_500_000)),
            ..input
        },
    )
    .unwrap();
    assert_eq!(
        (more.refund, more.still_to_pay),
        (Some(Money::ZERO), Some(kr(288_000)))
    );
    assert_eq!(
        settle(
            &a,
            SettleInput {
                incurred: None,
                ..input
            }
        )
        .unwrap_err(),
        SettleError::IncurredRequired
    );
    // 002 provides no exit for convenience.
    let err = settle(
        &a,
        SettleInput {
            ground: Ground::Convenience,
            ..input
        },
    )
    .unwrap_err();
    assert!(matches!(
        err,
        SettleError::GroundNotProvided {
            ground: Ground::Convenience,
            ..
        }
    ));
}

#[test]
fn settle_003_discretionary_repayment_is_a_proposal() {
    // Notice 10 February 2022 + 9 months = 10 November 2022. Paid by then:
    // 2021 and 2022 from both public parties = 1 600 000, the most that can be
    // claimed. Pro rata: kept 800 000 + 800 000 × 11/12 = 1 533 333.33; proposal 66 666.67.
    let a = load(SKANE);
    let input = SettleInput {
        notice_date: date("2022-02-10"),
        by: None,
        ground: Ground::Breach,
        paid: None,
        incurred: None,
    };
    let s = settle(&a, input).unwrap();
    assert_eq!(s.effective_end, date("2022-11-10"));
    assert_eq!(
        (s.paid, s.max_claim, s.proposal, s.refund),
        (
            kr(1_600_000),
            Some(kr(1_600_000)),
            Some(ore(6_666_667)),
            None
        )
    );
    assert!(s.repaying_party.is_some());
    // Notice late in the term: the exit cannot take effect after the end.
    let late = settle(
        &a,
        SettleInput {
            notice_date: date("2024-06-01"),
            ..input
        },
    )
    .unwrap();
    assert_eq!(late.effective_end, date("2024-12-31"));
}

#[test]
fn settle_004_discretionary_needs_recorded_payments() {
    let a = load(GOTEBORG);
    let input = SettleInput {
        notice_date: date("2016-03-01"),
        by: None,
        ground: Ground::Breach,
        paid: None,
        incurred: None,
    };
    assert_eq!(
        settle(&a, input).unwrap_err(),
        SettleError::Schedule(ScheduleError::NoAmounts)
    );
    let s = settle(
        &a,
        SettleInput {
            paid: Some(kr(500_000)),
            ..input
        },
    )
    .unwrap();
    assert_eq!(
        (s.max_claim, s.proposal, s.effective_end),
        (Some(kr(500_000)), None, date("2016-03-01"))
    );
}

#[test]
fn settle_refuses_a_notice_outside_the_term_or_an_unknown_party() {
    let a = load(GOTLAND);
    let input = SettleInput {
        notice_date: date("2029-01-15"),
        by: None,
        ground: Ground::Convenience,
        paid: None,
        incurred: None,
    };
    assert!(matches!(
        settle(&a, input).unwrap_err(),
        SettleError::NoticeOutsideTerm { .. }
    ));
    let input = SettleInput {
        notice_date: date("2026-01-15"),
        by: Some("kommunen"),
        ..input
    };
    assert!(matches!(
        settle(&a, input).unwrap_err(),
        SettleError::UnknownParty { .. }
    ));
}
