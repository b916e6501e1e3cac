//! Money checks (domain.md checks 3, 4, 6 and 9).

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::Agreement;
use crate::diagnostic::{Diagnostic, FieldPath};
use crate::model::{ContributionBasis, Financing, Sector};
use crate::path;
use crate::rules::schedule::{ScheduleOptions, schedule};
use crate::value::{Id, Money};

/// Reading: what one euro costs in kronor when the agreement states no rate
/// (`financing.state_aid.eur_price`). Kept round and on the low side of
/// recent years so the de minimis warning errs towards showing.
pub const DEFAULT_EUR_PRICE: Money = Money::from_ore(1100);

/// EU de minimis ceilings over three years (EUR): general and SGEI.
const DE_MINIMIS_EUR: i64 = 300_000;
const DE_MINIMIS_SGEI_EUR: i64 = 750_000;

pub(super) fn check(a: &Agreement, out: &mut Vec<Diagnostic>) {
    if let Some(f) = &a.financing {
        sums(f, &path!["financing"], out);
        per_unit(f, &path!["financing"], out);
    }
    for (i, appendix) in a.appendices.iter().enumerate() {
        if let Some(f) = &appendix.financing {
            let at = path!["appendices", i, "financing"];
            sums(f, &at, out);
            per_unit(f, &at, out);
        }
    }
    own_contribution(a, out);
    de_minimis(a, out);
}

/// Check 4: budget lines add up to a stated total; contributions add up to
/// the budget. Reading: "at least" counts as its minimum, and a ceiling
/// ("dock högst") as its maximum: the budget is what the parties plan for,
/// and a ceiling is the most the payer has agreed to put into that plan. A
/// ceiling the text gives no amount for counts as nothing (and is flagged
/// by `per_unit`).
fn sums(f: &Financing, at: &FieldPath, out: &mut Vec<Diagnostic>) {
    let lines = Money::checked_sum(f.budget_lines.iter().map(|l| l.amount));
    if let (Some(stated), Some(lines)) = (f.total_per_year, lines)
        && !f.budget_lines.is_empty()
        && stated != lines
    {
        out.push(
            Diagnostic::error("budget-lines-sum")
                .arg("lines", lines.to_swedish())
                .arg("stated", stated.to_swedish())
                .at(at.key("total_per_year")),
        );
    }
    let budget = f.total_per_year.or(if f.budget_lines.is_empty() {
        None
    } else {
        lines
    });
    let amounts: Vec<Money> = f.contributions.iter().filter_map(|c| c.amount).collect();
    let ceiling = f
        .contributions
        .iter()
        .any(|c| c.at_most && c.amount.is_some());
    if let (Some(budget), false) = (budget, amounts.is_empty())
        && let Some(total) = Money::checked_sum(amounts)
        && total != budget
    {
        out.push(
            Diagnostic::error("contributions-sum")
                .arg("contributions", total.to_swedish())
                .arg("kind", kind(ceiling))
                .arg("budget", budget.to_swedish())
                .at(at.key("contributions")),
        );
    }
}

/// Check 6: payment per place, per user or per occupied place and night,
/// or any price per unit; and a ceiling must say how much it is.
fn per_unit(f: &Financing, at: &FieldPath, out: &mut Vec<Diagnostic>) {
    for (i, c) in f.contributions.iter().enumerate() {
        let here = at.key("contributions").index(i);
        if c.basis != ContributionBasis::LumpSum || c.unit_price.is_some() {
            out.push(Diagnostic::warning("per-unit-payment").at(here.key("basis")));
        }
        if c.at_most && c.amount.is_none() {
            out.push(Diagnostic::error("ceiling-without-amount").at(here.key("at_most")));
        }
    }
}

/// All contributions of the agreement, with the financing they belong to and
/// the appendix party (the recipient) when they sit in an appendix.
fn financings(a: &Agreement) -> Vec<(&Financing, Option<&Id>)> {
    let mut all: Vec<(&Financing, Option<&Id>)> = a.financing.iter().map(|f| (f, None)).collect();
    all.extend(
        a.appendices
            .iter()
            .filter_map(|ap| ap.financing.as_ref().map(|f| (f, Some(&ap.party)))),
    );
    all
}

/// Check 3: every idea-driven party contributes something, where contributions are known.
fn own_contribution(a: &Agreement, out: &mut Vec<Diagnostic>) {
    let all = financings(a);
    if all.iter().all(|(f, _)| f.contributions.is_empty()) {
        return; // Nothing known about who contributes: nothing to judge.
    }
    for (i, party) in a.parties.iter().enumerate() {
        if party.sector != Sector::IdeaDriven {
            continue;
        }
        let contributes = all
            .iter()
            .flat_map(|(f, _)| &f.contributions)
            .any(|c| c.party == party.id);
        if !contributes {
            out.push(
                Diagnostic::warning("no-own-contribution")
                    .arg("party", &party.name)
                    .at(path!["parties", i]),
            );
        }
    }
}

/// Check 9: public cash to one idea-driven recipient over any three
/// calendar years above the de minimis ceiling, with no state-aid assessment.
fn de_minimis(a: &Agreement, out: &mut Vec<Diagnostic>) {
    let state_aid = a.financing.as_ref().and_then(|f| f.state_aid.as_ref());
    if state_aid.is_some_and(|s| s.assessed) {
        return;
    }
    // Public cash per recipient and calendar year, as the payment plan pays it.
    let Ok(money) = schedule(a, ScheduleOptions::default()) else {
        return;
    };
    let sector = |id: &Id| a.parties.iter().find(|p| &p.id == id).map(|p| p.sector);
    // Per year: the sum, and whether a ceiling is in it.
    let mut per_recipient: BTreeMap<&Id, BTreeMap<i16, (Money, bool)>> = BTreeMap::new();
    let schedules = || {
        std::iter::once(&money).chain(
            money
                .appendices
                .iter()
                .filter_map(|ap| ap.schedule.as_deref()),
        )
    };
    let paid = schedules()
        .flat_map(|s| &s.payments)
        .filter(|p| sector(p.from) == Some(Sector::Public))
        .map(|p| (p.to, p.date.year(), p.amount, false));
    // A ceiling is never a payment, but it is what may be paid: counted at
    // its maximum, so the warning errs towards showing.
    let ceilings = schedules()
        .flat_map(|s| &s.ceilings)
        .map(|c| (c.to, c.year, c.amount, true));
    for (to, year, amount, ceiling) in paid.chain(ceilings) {
        let slot = per_recipient
            .entry(to)
            .or_default()
            .entry(year)
            .or_default();
        slot.0 = slot.0.checked_add(amount).unwrap_or(slot.0);
        slot.1 |= ceiling;
    }
    let sgei = state_aid.is_some_and(|s| s.sgei);
    let ceiling_eur = if sgei {
        DE_MINIMIS_SGEI_EUR
    } else {
        DE_MINIMIS_EUR
    };
    let eur_price = state_aid
        .and_then(|s| s.eur_price)
        .unwrap_or(DEFAULT_EUR_PRICE);
    for (recipient, years) in per_recipient {
        let amounts: Vec<(Money, bool)> = years.values().copied().collect();
        let (best, at_most) = amounts
            .windows(amounts.len().min(3))
            .filter_map(|w| {
                let sum = Money::checked_sum(w.iter().map(|(m, _)| *m))?;
                Some((sum, w.iter().any(|(_, ceiling)| *ceiling)))
            })
            .max()
            .unwrap_or((Money::ZERO, false));
        let Some(ceiling) = eur_price.checked_mul(ceiling_eur) else {
            continue;
        };
        if best > ceiling {
            let name = a
                .parties
                .iter()
                .find(|p| &p.id == recipient)
                .map_or(recipient.as_str(), |p| &p.name);
            let euro = Decimal::from(best.ore())
                .checked_div(Decimal::from(eur_price.ore()))
                .map(|d| d.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero))
                .unwrap_or_default();
            out.push(
                Diagnostic::warning("de-minimis")
                    .arg("party", name)
                    .arg("amount", best.to_swedish())
                    .arg("kind", kind(at_most))
                    .arg(
                        "euro",
                        Money::from_kronor(euro.try_into().unwrap_or(0)).unwrap_or_default(),
                    )
                    .arg(
                        "ceiling",
                        Money::from_kronor(ceiling_eur).unwrap_or_default(),
                    )
                    .at(path!["financing"]),
            );
        }
    }
}

/// A message's selector: a figure that holds a ceiling reads "högst".
fn kind(at_most: bool) -> &'static str {
    if at_most { "ceiling" } else { "firm" }
}
