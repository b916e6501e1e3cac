//! Properties of the rules over generated agreements of the seeds' shapes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test should panic

use domain::Agreement;
use domain::diagnostic::Severity;
use domain::generate::{seeds, vary};
use domain::rules::obligations::{ObligationOptions, obligations};
use domain::rules::schedule::{ScheduleOptions, schedule};
use domain::rules::settle::{SettleInput, settle};
use domain::value::{Date, Money};
use proptest::prelude::*;

fn generated(template: usize, seed: u64) -> Agreement {
    let templates = seeds().unwrap();
    let mut rng = fastrand::Rng::with_seed(seed);
    vary(&templates[template % templates.len()], seed, &mut rng)
}

/// A day inside the term, `offset` days after its start (wrapped).
fn day_in_term(a: &Agreement, offset: u32) -> Date {
    let term = a.term.as_ref().unwrap();
    let span = (term.end.get() - term.start.get()).get_days().max(0) as u32 + 1;
    let d = term
        .start
        .get()
        .checked_add(jiff::Span::new().days(i64::from(offset % span)))
        .unwrap();
    Date::new(d)
}

/// The same agreement with its lists in another order.
fn shuffled(a: &Agreement, seed: u64) -> Agreement {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut b = a.clone();
    rng.shuffle(&mut b.parties);
    rng.shuffle(&mut b.reporting);
    rng.shuffle(&mut b.governance);
    rng.shuffle(&mut b.termination);
    rng.shuffle(&mut b.activities);
    if let Some(f) = &mut b.financing {
        rng.shuffle(&mut f.contributions);
        rng.shuffle(&mut f.invoicing);
    }
    b
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn generated_agreements_pass_their_checks(template in 0usize..4, seed in any::<u64>()) {
        let a = generated(template, seed);
        let errors: Vec<_> = domain::check::check(&a).into_iter().filter(|d| d.severity == Severity::Error).collect();
        prop_assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn year_totals_are_the_sum_of_lines_and_of_contributions(template in 0usize..3, seed in any::<u64>(), extend in 0u32..=1) {
        let a = generated(template, seed);
        let options = ScheduleOptions { extensions: extend, ..Default::default() };
        let Ok(s) = schedule(&a, options) else { return Ok(()) };
        for y in &s.years {
            if !y.lines.is_empty() {
                prop_assert_eq!(Money::checked_sum(y.lines.iter().map(|l| l.amount)), Some(y.total));
            }
            let contributions = Money::checked_sum(y.parties.iter().flat_map(|p| [p.cash, p.in_kind]).flatten());
            prop_assert_eq!(contributions, Some(y.total), "year {}", y.year);
        }
        prop_assert_eq!(Money::checked_sum(s.years.iter().map(|y| y.total)), Some(s.total));
    }

    #[test]
    fn refunds_are_never_negative_nor_above_what_was_paid(
        template in 0usize..4,
        seed in any::<u64>(),
        offset in any::<u32>(),
        paid in proptest::option::of(0i64..10_000_000_000),
        incurred in 0i64..10_000_000_000,
    ) {
        let a = generated(template, seed);
        settled_refunds_in_bounds(&a, offset, paid.map(Money::from_ore), Money::from_ore(incurred));
    }

    #[test]
    fn every_obligation_names_its_clause(template in 0usize..4, seed in any::<u64>()) {
        let a = generated(template, seed);
        for o in obligations(&a, ObligationOptions::default()).unwrap() {
            prop_assert!(!o.clause.id.as_str().is_empty() && !o.clause.quote.trim().is_empty());
            if let Some(from) = o.moved_from {
                prop_assert!(o.due > from && domain::rules::calendar::day_off(from).is_some());
            }
            prop_assert!(domain::rules::calendar::day_off(o.due).is_none() || o.moved_from.is_none());
        }
    }

    #[test]
    fn results_do_not_depend_on_the_order_of_items(template in 0usize..4, seed in any::<u64>(), order in any::<u64>()) {
        let a = generated(template, seed);
        let b = shuffled(&a, order);
        let key = |x: &Agreement| {
            obligations(x, ObligationOptions::default()).unwrap().iter()
                .map(|o| (o.due, o.kind, o.clause.id.to_string(), o.year, o.window_start, o.label.to_owned(), o.amount, o.moved_from))
                .collect::<Vec<_>>()
        };
        prop_assert_eq!(key(&a), key(&b));
        let totals = |x: &Agreement| schedule(x, ScheduleOptions::default()).ok().map(|s| (s.total, s.years.iter().map(|y| y.total).collect::<Vec<_>>()));
        prop_assert_eq!(totals(&a), totals(&b));
        prop_assert_eq!(domain::check::check(&a).len(), domain::check::check(&b).len());
    }
}

/// Settle `a` on every ground of every clause and check the figures: never
/// negative, never above what was paid, the end never before the notice.
/// Only an agreement that states no amounts may fail to settle (nothing to
/// compute from); any other error fails the test. Returns how many
/// settlements were checked.
fn settled_refunds_in_bounds(
    a: &Agreement,
    offset: u32,
    paid: Option<Money>,
    incurred: Money,
) -> usize {
    use domain::rules::schedule::ScheduleError;
    use domain::rules::settle::SettleError;
    let mut checked = 0;
    for clause in &a.termination {
        for ground in &clause.grounds {
            let input = SettleInput {
                notice_date: day_in_term(a, offset),
                by: None,
                ground: *ground,
                paid,
                incurred: Some(incurred),
            };
            let r = match settle(a, input) {
                Ok(r) => r,
                Err(SettleError::Schedule(ScheduleError::NoAmounts)) => continue,
                Err(e) => panic!("{}: {e:?}", a.id),
            };
            for figure in [r.refund, r.proposal, r.max_claim].into_iter().flatten() {
                assert!(
                    figure >= Money::ZERO && figure <= r.paid,
                    "{figure:?} of {:?}",
                    r.paid
                );
            }
            assert!(r.effective_end >= input.notice_date);
            checked += 1;
        }
    }
    checked
}

/// The property above checks real settlements, not only skipped ones: over
/// 50 generated agreements of each of the four shapes, at least one
/// settlement per agreement is checked (every shape has a termination
/// clause with a ground).
#[test]
fn the_refund_property_checks_settlements() {
    let mut agreements = 0;
    let mut checked = 0;
    for template in 0..4 {
        for seed in 0..50u64 {
            let a = generated(template, seed);
            agreements += 1;
            checked += settled_refunds_in_bounds(&a, 1_000, None, Money::from_ore(1_000_000));
        }
    }
    assert!(
        checked >= agreements,
        "{checked} settlements checked of {agreements} agreements"
    );
}
