//! What ending an agreement early means under the clause that applies.
//!
//! Readings (domain.md, seed 000): the exit takes effect on the notice date
//! plus the notice period (never after the term's end); the organisation
//! keeps the funding of every calendar month that has started on or before
//! that day, kept = Σ year's amount × started months / months of that year in
//! the term, rounded half up to öre once, at the end; refund = paid − kept,
//! never negative and never above what was paid. "Paid" is what is recorded,
//! or else what the payment plan has paid by the day the exit takes effect.
//!
//! Money paid against delivery under a ceiling ("dock högst 1 150 000 kr per
//! år") has no payment date, so the plan never counts it as paid; when a
//! payment is recorded it may include it. iop's reading: the year's ceiling
//! counts like a year's amount, so what was paid is kept up to the ceiling ×
//! started months / months of that year in the term, like the firm money.

use serde::Serialize;

use super::calendar;
use super::clause::{Clause, ClauseRef};
use super::schedule::{self, ScheduleError, ScheduleOptions};
use crate::Agreement;
use crate::model::{Ground, Settlement, TerminationClause};
use crate::value::{Date, Id, Money};

/// What the user states about the exit.
#[derive(Debug, Clone, Copy)]
pub struct SettleInput<'s> {
    pub notice_date: Date,
    /// The party giving notice (id or name), when it matters.
    pub by: Option<&'s str>,
    pub ground: Ground,
    /// What has been paid, when recorded; else the payment plan is used.
    pub paid: Option<Money>,
    /// Costs actually incurred, for a rescission that reimburses them.
    pub incurred: Option<Money>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PaidSource {
    /// As recorded (`--paid`).
    Recorded,
    /// As the payment plan has it.
    PaymentPlan,
}

/// The outcome. Fields that do not apply to the clause are `None`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SettlementResult<'a> {
    pub effective_end: Date,
    pub clause: ClauseRef<'a>,
    pub rule: Settlement,
    pub ground: Ground,
    #[serde(serialize_with = "crate::value::money::decimal::serialize")]
    pub paid: Money,
    pub paid_source: PaidSource,
    /// What the organisation keeps.
    #[serde(serialize_with = "crate::value::money::decimal::option::serialize")]
    pub kept: Option<Money>,
    /// What it repays.
    #[serde(serialize_with = "crate::value::money::decimal::option::serialize")]
    pub refund: Option<Money>,
    /// For a discretionary clause: the most that can be claimed (all paid).
    #[serde(serialize_with = "crate::value::money::decimal::option::serialize")]
    pub max_claim: Option<Money>,
    /// For a discretionary clause: a pro-rata figure, a proposal for a person to decide.
    #[serde(serialize_with = "crate::value::money::decimal::option::serialize")]
    pub proposal: Option<Money>,
    /// Incurred costs above what was paid, still to be reimbursed.
    #[serde(serialize_with = "crate::value::money::decimal::option::serialize")]
    pub still_to_pay: Option<Money>,
    /// The party that would repay, when the clause names one.
    pub repaying_party: Option<&'a Id>,
    /// Why the clause's settlement does not apply to this ending, when it
    /// does not; no figure is then given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_settled: Option<NotSettled>,
}

/// Why ending the agreement this way moves no money under the clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NotSettled {
    /// The clause ties its settlement to other grounds (seed 003: repayment
    /// only when the agreement is broken).
    OtherGround,
    /// The party that would repay is the one ending the agreement, because
    /// another party failed.
    RepayingPartyEnds,
}

/// Why a settlement cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettleError {
    NoTerm,
    /// The agreement has no termination clause at all.
    NoTermination,
    /// No clause provides this ground; the grounds that exist are listed.
    GroundNotProvided {
        ground: Ground,
        available: Vec<Ground>,
    },
    /// The notice date is outside the term.
    NoticeOutsideTerm {
        notice: Date,
        start: Date,
        end: Date,
    },
    /// `by` names no party; the parties are listed.
    UnknownParty {
        by: String,
        known: Vec<String>,
    },
    /// Reimbursing incurred costs needs them stated (`--incurred`).
    IncurredRequired,
    /// The money could not be computed from the agreement.
    Schedule(ScheduleError),
    Overflow,
}

/// Find the clause for the ground and compute the money.
pub fn settle<'a>(
    a: &'a Agreement,
    input: SettleInput<'_>,
) -> Result<SettlementResult<'a>, SettleError> {
    let term = a.term.as_ref().ok_or(SettleError::NoTerm)?;
    let clause = clause_for(a, input.ground)?;
    if input.notice_date < term.start || input.notice_date > term.end {
        return Err(SettleError::NoticeOutsideTerm {
            notice: input.notice_date,
            start: term.start,
            end: term.end,
        });
    }
    check_party(a, input.by)?;
    let effective_end = match clause.notice {
        Some(notice) => calendar::add(input.notice_date, notice)
            .ok_or(SettleError::Overflow)?
            .min(term.end),
        None => input.notice_date,
    };
    // The plan is needed for what was paid unless it is recorded, and for
    // what is kept by started months.
    let plan = schedule::schedule(a, ScheduleOptions::default()).map_err(SettleError::Schedule);
    let (paid, paid_source) = match (input.paid, &plan) {
        (Some(paid), _) => (paid, PaidSource::Recorded),
        (None, Ok(plan)) => (paid_by_plan(plan, effective_end)?, PaidSource::PaymentPlan),
        (None, Err(e)) => return Err(e.clone()),
    };
    let mut result = SettlementResult {
        effective_end,
        clause: clause.clause(),
        rule: clause.settlement,
        ground: input.ground,
        paid,
        paid_source,
        kept: None,
        refund: None,
        max_claim: None,
        proposal: None,
        still_to_pay: None,
        repaying_party: clause.repaying_party.as_ref(),
        not_settled: not_settled(a, clause, input),
    };
    if result.not_settled.is_some() {
        return Ok(result);
    }
    let basis = Basis {
        plan: &plan,
        start: term.start,
        effective_end,
        paid,
    };
    apply_rule(&mut result, &basis, input.incurred)?;
    Ok(result)
}

/// The first termination clause that provides `ground`.
fn clause_for(a: &Agreement, ground: Ground) -> Result<&TerminationClause, SettleError> {
    if a.termination.is_empty() {
        return Err(SettleError::NoTermination);
    }
    a.termination
        .iter()
        .find(|c| c.grounds.contains(&ground))
        .ok_or_else(|| {
            let mut available: Vec<Ground> = a
                .termination
                .iter()
                .flat_map(|c| c.grounds.iter().copied())
                .collect();
            available.dedup();
            SettleError::GroundNotProvided { ground, available }
        })
}

/// Whether the clause's settlement stays out of this ending: another
/// ground than the one it is tied to, or the repaying party ends it.
fn not_settled(
    a: &Agreement,
    clause: &TerminationClause,
    input: SettleInput<'_>,
) -> Option<NotSettled> {
    if !clause.settles_on(input.ground) {
        return Some(NotSettled::OtherGround);
    }
    let repaying = clause.repaying_party.as_ref()?;
    let ends = a
        .parties
        .iter()
        .find(|p| Some(p.id.as_str()) == input.by || Some(p.name.as_str()) == input.by)?;
    (&ends.id == repaying).then_some(NotSettled::RepayingPartyEnds)
}

/// The party giving notice, when named, must be one of the agreement's (by
/// id or by name).
fn check_party(a: &Agreement, by: Option<&str>) -> Result<(), SettleError> {
    match by {
        Some(by)
            if !a
                .parties
                .iter()
                .any(|p| p.id.as_str() == by || p.name == by) =>
        {
            Err(SettleError::UnknownParty {
                by: by.to_owned(),
                known: a.parties.iter().map(|p| p.id.to_string()).collect(),
            })
        }
        _ => Ok(()),
    }
}

/// What the payment plan has paid by the day the exit takes effect.
fn paid_by_plan(plan: &schedule::Schedule<'_>, effective_end: Date) -> Result<Money, SettleError> {
    let by_then = plan
        .payments
        .iter()
        .filter(|p| p.date <= effective_end)
        .map(|p| p.amount);
    Money::checked_sum(by_then).ok_or(SettleError::Overflow)
}

/// What the clause's rule works from.
struct Basis<'p, 'a> {
    /// The schedule, or why there is none; only some rules need it.
    plan: &'p Result<schedule::Schedule<'a>, SettleError>,
    start: Date,
    effective_end: Date,
    paid: Money,
}

impl Basis<'_, '_> {
    /// What the organisation keeps for the months started by the exit.
    fn kept_by_months(&self) -> Result<Money, SettleError> {
        match self.plan {
            Ok(plan) => kept_for_started_months(plan, self.start, self.effective_end)
                .ok_or(SettleError::Overflow),
            Err(e) => Err(e.clone()),
        }
    }

    /// What is repaid when `kept` is kept: never negative, never more than
    /// was paid.
    fn refund_of(&self, kept: Money) -> Result<Money, SettleError> {
        self.paid
            .checked_sub(kept)
            .map(|r| r.clamp(Money::ZERO, self.paid))
            .ok_or(SettleError::Overflow)
    }
}

/// Fill in the figures the clause's settlement rule gives.
fn apply_rule(
    result: &mut SettlementResult<'_>,
    basis: &Basis<'_, '_>,
    incurred: Option<Money>,
) -> Result<(), SettleError> {
    let paid = basis.paid;
    match result.rule {
        Settlement::RefundUnstartedMonths => {
            let kept = basis.kept_by_months()?;
            result.kept = Some(kept.min(paid));
            result.refund = Some(basis.refund_of(kept)?);
        }
        Settlement::ReimburseIncurredCosts => {
            let incurred = incurred.ok_or(SettleError::IncurredRequired)?;
            result.kept = Some(incurred.min(paid));
            result.refund = Some(basis.refund_of(incurred)?);
            let rest = incurred.checked_sub(paid).ok_or(SettleError::Overflow)?;
            result.still_to_pay = Some(rest.max(Money::ZERO));
        }
        Settlement::DiscretionaryRepayment => {
            result.max_claim = Some(paid);
            // Without amounts in the agreement there is no pro-rata basis.
            result.proposal = match basis.kept_by_months() {
                Ok(kept) => Some(basis.refund_of(kept)?),
                Err(SettleError::Schedule(ScheduleError::NoAmounts)) => None,
                Err(e) => return Err(e),
            };
        }
        Settlement::NotStated => {}
    }
    Ok(())
}

/// Least common multiple of 1..=12: every month count divides it.
const DENOMINATOR: i128 = 27_720;

/// What the public parties pay or may pay the organisation in `year`: the
/// firm payments and the ceilings (paid against delivery, at most so much).
fn payable_in(plan: &schedule::Schedule<'_>, year: i16) -> i128 {
    let firm = plan
        .payments
        .iter()
        .filter(|p| p.date.year() == year)
        .map(|p| p.amount);
    let ceilings = plan
        .ceilings
        .iter()
        .filter(|c| c.year == year)
        .map(|c| c.amount);
    firm.chain(ceilings).map(|m| i128::from(m.ore())).sum()
}

/// Public cash paid or payable to the organisation, per year, times the
/// share of the year's months in the term that have started by
/// `effective_end`.
fn kept_for_started_months(
    plan: &schedule::Schedule<'_>,
    start: Date,
    effective_end: Date,
) -> Option<Money> {
    let mut numerator: i128 = 0;
    for year in &plan.years {
        let paid_this_year = payable_in(plan, year.year);
        let in_term = i128::from(year.months.max(1));
        let started = (1..=12u8)
            .filter_map(|m| Date::from_ymd(year.year, i8::try_from(m).ok()?, 1))
            .filter(|first| {
                let first_in_term = (*first).max(start);
                first_in_term.year() == year.year
                    && first_in_term <= effective_end
                    && first.get().last_of_month() >= start.get()
            })
            .count();
        let started = i128::try_from(started).ok()?.min(in_term);
        numerator = numerator.checked_add(
            paid_this_year
                .checked_mul(started)?
                .checked_mul(DENOMINATOR / in_term)?,
        )?;
    }
    let ore = (numerator * 2 + DENOMINATOR) / (2 * DENOMINATOR);
    i64::try_from(ore).ok().map(Money::from_ore)
}
