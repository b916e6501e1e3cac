//! The money of an agreement per year and party, from the domain schedule,
//! with a framework's appendices flattened in: every writer (OCDS, 360Giving,
//! spreadsheets) reads the same rows, so their totals agree.

use domain::Agreement;
use domain::model::Sector;
use domain::rules::schedule::{Schedule, ScheduleOptions, Transfer, schedule};
use domain::value::{Date, Id, Money};

/// One party's contribution in one calendar year (of the agreement or of one
/// appendix).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyRow {
    /// The appendix (bilaga) the money belongs to; `None` for the agreement.
    pub appendix: Option<Id>,
    pub year: i16,
    /// First and last day of the year the term covers.
    pub start: Date,
    pub end: Date,
    pub party: Id,
    pub party_name: String,
    pub sector: Sector,
    pub cash: Option<Money>,
    pub in_kind: Option<Money>,
    /// The in-kind figure is a minimum ("till ett värde av minst").
    pub at_least: bool,
    /// The cash figure includes a ceiling: it is the most that can be paid.
    pub cash_at_most: bool,
}

/// The most a public party may pay an idea-driven one in one year: a
/// ceiling, never a planned payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedCeiling {
    pub appendix: Option<Id>,
    pub year: i16,
    pub payer: Id,
    pub payee: Id,
    pub amount: Money,
}

/// A planned payment from a public party to an idea-driven one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedPayment {
    pub appendix: Option<Id>,
    pub date: Date,
    pub payer: Id,
    pub payee: Id,
    pub amount: Money,
    /// The date is iop's default reading, not the agreement's words.
    pub default_date: bool,
}

/// The money of an agreement, flattened.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Flows {
    pub rows: Vec<MoneyRow>,
    pub payments: Vec<PlannedPayment>,
    pub ceilings: Vec<PlannedCeiling>,
    /// The schedule's total (cash and in kind, "at least" figures at their
    /// minimum, ceilings at their maximum).
    pub total: Option<Money>,
    /// The total includes a ceiling: it is the most that can be paid.
    pub at_most: bool,
}

/// Flattens the schedule; an agreement without amounts has no rows.
pub fn flows(a: &Agreement) -> Flows {
    let Ok(s) = schedule(a, ScheduleOptions::default()) else {
        return Flows::default();
    };
    let mut out = Flows {
        total: Some(s.total),
        at_most: s.at_most,
        ..Flows::default()
    };
    collect(a, &s, None, &mut out);
    for ap in &s.appendices {
        if let Some(sub) = &ap.schedule {
            collect(a, sub, Some(ap.id), &mut out);
        }
    }
    out
}

fn collect(a: &Agreement, s: &Schedule<'_>, appendix: Option<&Id>, out: &mut Flows) {
    let sector = |id: &Id| {
        a.parties
            .iter()
            .find(|p| &p.id == id)
            .map_or(Sector::Public, |p| p.sector)
    };
    for y in &s.years {
        let (Some(first), Some(last)) =
            (Date::from_ymd(y.year, 1, 1), Date::from_ymd(y.year, 12, 31))
        else {
            continue;
        };
        for p in &y.parties {
            out.rows.push(MoneyRow {
                appendix: appendix.cloned(),
                year: y.year,
                start: first.max(s.start),
                end: last.min(s.end),
                party: p.party.clone(),
                party_name: p.name.to_owned(),
                sector: sector(p.party),
                cash: p.cash,
                in_kind: p.in_kind,
                at_least: p.at_least,
                cash_at_most: p.cash_at_most(),
            });
        }
    }
    out.payments
        .extend(s.payments.iter().map(|t: &Transfer<'_>| PlannedPayment {
            appendix: appendix.cloned(),
            date: t.date,
            payer: t.from.clone(),
            payee: t.to.clone(),
            amount: t.amount,
            default_date: t.default_date,
        }));
    out.ceilings
        .extend(s.ceilings.iter().map(|c| PlannedCeiling {
            appendix: appendix.cloned(),
            year: c.year,
            payer: c.from.clone(),
            payee: c.to.clone(),
            amount: c.amount,
        }));
}

impl Flows {
    /// Sum of the public parties' cash: what the public side pays.
    /// `None` when no public party pays cash.
    pub fn public_cash(&self) -> Option<Money> {
        let mut cash = self
            .rows
            .iter()
            .filter(|r| r.sector == Sector::Public)
            .filter_map(|r| r.cash)
            .peekable();
        cash.peek()?;
        Money::checked_sum(cash)
    }

    /// Public cash from `payer` to `payee` over the whole term, from the
    /// planned payments (which say who receives it) and the ceilings at
    /// their maximum.
    pub fn cash_between(&self, payer: &Id, payee: &Id) -> Option<Money> {
        let paid = self
            .payments
            .iter()
            .filter(|p| &p.payer == payer && &p.payee == payee)
            .map(|p| p.amount);
        Money::checked_sum(paid.chain(self.ceilings_from(payer, payee)))
    }

    /// Each year's ceiling from `payer` to `payee`.
    fn ceilings_from<'s>(
        &'s self,
        payer: &'s Id,
        payee: &'s Id,
    ) -> impl Iterator<Item = Money> + 's {
        self.ceilings
            .iter()
            .filter(move |c| &c.payer == payer && &c.payee == payee)
            .map(|c| c.amount)
    }

    /// The ceilings from `payer` to `payee` over the whole term, if any.
    pub fn ceiling_between(&self, payer: &Id, payee: &Id) -> Option<Money> {
        let mut ceilings = self.ceilings_from(payer, payee).peekable();
        ceilings.peek()?;
        Money::checked_sum(ceilings)
    }

    /// Some public cash is a ceiling.
    pub fn public_cash_at_most(&self) -> bool {
        self.rows
            .iter()
            .any(|r| r.sector == Sector::Public && r.cash_at_most)
    }
}
