//! The money of an agreement per calendar year: budget lines (indexed),
//! each party's cash and in-kind contribution, payments and invoices.
//!
//! Readings (domain.md): indexation per line, whole kronor half up; a year
//! the term covers only in part counts the months it touches, amount ×
//! months / 12 rounded half up to öre; payments follow the payment plan
//! (default: the whole year's amount on 1 January).
//!
//! A ceiling ("dock högst 1 150 000 kronor per kalenderår") is the most that
//! can be paid in a year, never a payment: it counts in the party's cash and
//! the year's total, which are then marked "at most". Money paid against what
//! was delivered (per occupied place and night, per user) has no amount
//! known beforehand, so iop's reading is that it has no payment date of its
//! own: a ceiling gets no entry among the payments or the invoices, whatever
//! the payment plan says, only among the `ceilings` (year, payer, recipient).
//! Indexation raises a ceiling like any yearly amount: an agreement that
//! indexes its money is read to index its ceilings too, since "dock högst
//! X kr per år" is stated in the first year's prices like the rest.

use serde::Serialize;

use super::calendar;
use super::clause::{Clause, ClauseRef};
use super::indexation::indexed;
use crate::Agreement;
use crate::model::{
    BudgetLine, Contribution, ContributionKind, Financing, FundingAlternative, PaymentPlan, Sector,
};
use crate::value::{CalendarLength, Date, Id, Money, Percent};

/// What to compute.
#[derive(Debug, Clone, Copy, Default)]
pub struct ScheduleOptions<'a> {
    /// Extension periods exercised (`--extend N`).
    pub extensions: u32,
    /// A funding alternative to apply (seed 001).
    pub alternative: Option<&'a str>,
}

/// Why a schedule cannot be computed. Each names what is missing or wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScheduleError {
    /// The agreement has no term.
    NoTerm,
    /// The agreement has no financing clause.
    NoFinancing,
    /// Neither the agreement nor any appendix states an amount.
    NoAmounts,
    /// No funding alternative has this id; the known ones are listed.
    UnknownAlternative { asked: String, known: Vec<String> },
    /// Extensions asked for, but the agreement has no extension clause.
    NoExtensionOption,
    /// More extensions than the clause allows.
    TooManyExtensions { asked: u32, allowed: u32 },
    /// The extension clause states no length for one extension.
    NoExtensionLength,
    /// A figure too large to hold.
    Overflow,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Schedule<'a> {
    /// First and last day covered, extensions included.
    pub start: Date,
    pub end: Date,
    pub years: Vec<Year<'a>>,
    pub payments: Vec<Transfer<'a>>,
    pub invoices: Vec<Transfer<'a>>,
    /// The ceilings public parties may pay, per year and recipient; never
    /// among the payments or invoices.
    pub ceilings: Vec<Ceiling<'a>>,
    /// Sum of the year totals.
    pub total: Money,
    /// The total includes a ceiling: it is the most that can be paid.
    pub at_most: bool,
    /// A framework agreement's appendices, each with its own schedule or
    /// `None` when the appendix states no money.
    pub appendices: Vec<AppendixSchedule<'a>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Year<'a> {
    pub year: i16,
    /// Calendar months of this year the term touches (12 for a full year).
    pub months: u8,
    pub total: Money,
    /// The total includes a ceiling: it is the most that can be paid.
    pub at_most: bool,
    pub lines: Vec<Line<'a>>,
    pub parties: Vec<PartyYear<'a>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line<'a> {
    pub id: &'a Id,
    pub name: &'a str,
    pub amount: Money,
}

/// One party's contribution in one year. `None`: contributed, value unstated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartyYear<'a> {
    pub party: &'a Id,
    pub name: &'a str,
    pub cash: Option<Money>,
    pub in_kind: Option<Money>,
    /// The in-kind figure is a minimum ("till ett värde av minst").
    pub at_least: bool,
    /// The part of `cash` that is a ceiling: at most this much, paid
    /// against what was delivered, so never among the payments.
    pub cash_ceiling: Option<Money>,
}

impl PartyYear<'_> {
    /// The cash figure is the most that can be paid, not a firm amount.
    pub fn cash_at_most(&self) -> bool {
        self.cash_ceiling.is_some()
    }

    /// The cash paid on the payment plan's dates: the cash less its ceiling.
    pub fn firm_cash(&self) -> Option<Money> {
        match (self.cash, self.cash_ceiling) {
            (Some(cash), Some(ceiling)) => {
                cash.checked_sub(ceiling).filter(|firm| *firm > Money::ZERO)
            }
            (cash, _) => cash,
        }
    }
}

/// A payment or an invoice: who pays or invoices whom, when, how much.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Transfer<'a> {
    /// The day the agreement (or iop's default reading) names.
    pub date: Date,
    /// The day it falls due: `date` moved to a working day (lag 1930:173),
    /// the same day `obligations` shows for an invoice.
    pub due: Date,
    /// `date`, when it fell on a day off and moved to `due`.
    pub moved_from: Option<Date>,
    pub from: &'a Id,
    pub to: &'a Id,
    pub amount: Money,
    /// The date is iop's default reading, not the agreement's words.
    pub default_date: bool,
    pub clause: ClauseRef<'a>,
}

impl<'a> Transfer<'a> {
    fn new(
        date: Date,
        (from, to): (&'a Id, &'a Id),
        amount: Money,
        default_date: bool,
        clause: ClauseRef<'a>,
    ) -> Self {
        // Only the last day of the calendar cannot move; it then stays.
        let (due, moved_from) = calendar::deadline(date).unwrap_or((date, None));
        Transfer {
            date,
            due,
            moved_from,
            from,
            to,
            amount,
            default_date,
            clause,
        }
    }
}

/// The most a public party may pay a recipient in one year ("dock högst
/// 1 150 000 kronor per kalenderår"), the part of the year the term covers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ceiling<'a> {
    pub year: i16,
    pub from: &'a Id,
    pub to: &'a Id,
    pub amount: Money,
    pub clause: ClauseRef<'a>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppendixSchedule<'a> {
    pub id: &'a Id,
    pub number: u32,
    pub title: &'a str,
    pub schedule: Option<Box<Schedule<'a>>>,
}

/// Compute the schedule of an agreement.
pub fn schedule<'a>(
    a: &'a Agreement,
    options: ScheduleOptions<'_>,
) -> Result<Schedule<'a>, ScheduleError> {
    let term = a.term.as_ref().ok_or(ScheduleError::NoTerm)?;
    let financing = a.financing.as_ref().ok_or(ScheduleError::NoFinancing)?;
    let end = extended_end(a, term.end, options.extensions)?;
    let alternative = match options.alternative {
        Some(asked) => Some(find_alternative(financing, asked)?),
        None => None,
    };
    let mut appendices = Vec::new();
    for ap in &a.appendices {
        let sub = match &ap.financing {
            Some(f) => {
                let (start, end) = ap
                    .period
                    .as_ref()
                    .map_or((term.start, end), |p| (p.start, p.end));
                Some(Box::new(compute(a, f, None, start, end)?))
            }
            None => None,
        };
        appendices.push(AppendixSchedule {
            id: &ap.id,
            number: ap.number,
            title: &ap.title,
            schedule: sub,
        });
    }
    let has_amounts = financing.total_per_year.is_some()
        || !financing.budget_lines.is_empty()
        || financing.contributions.iter().any(|c| c.amount.is_some());
    if has_amounts {
        let mut main = compute(a, financing, alternative, term.start, end)?;
        main.at_most |= appendices_at_most(&appendices);
        main.appendices = appendices;
        main.total = main
            .total
            .checked_add(appendix_total(&main.appendices).ok_or(ScheduleError::Overflow)?)
            .ok_or(ScheduleError::Overflow)?;
        return Ok(main);
    }
    if appendices.iter().all(|ap| ap.schedule.is_none()) {
        return Err(ScheduleError::NoAmounts);
    }
    let total = appendix_total(&appendices).ok_or(ScheduleError::Overflow)?;
    let at_most = appendices_at_most(&appendices);
    Ok(Schedule {
        start: term.start,
        end,
        years: Vec::new(),
        payments: Vec::new(),
        invoices: Vec::new(),
        ceilings: Vec::new(),
        total,
        at_most,
        appendices,
    })
}

/// Some appendix's total includes a ceiling.
fn appendices_at_most(appendices: &[AppendixSchedule<'_>]) -> bool {
    appendices
        .iter()
        .filter_map(|ap| ap.schedule.as_ref())
        .any(|s| s.at_most)
}

fn appendix_total(appendices: &[AppendixSchedule<'_>]) -> Option<Money> {
    Money::checked_sum(
        appendices
            .iter()
            .filter_map(|ap| ap.schedule.as_ref().map(|s| s.total)),
    )
}

fn find_alternative<'a>(
    f: &'a Financing,
    asked: &str,
) -> Result<&'a FundingAlternative, ScheduleError> {
    f.alternatives
        .iter()
        .find(|alt| alt.id.as_str() == asked)
        .ok_or_else(|| ScheduleError::UnknownAlternative {
            asked: asked.to_owned(),
            known: f
                .alternatives
                .iter()
                .map(|alt| alt.id.to_string())
                .collect(),
        })
}

/// The last day in force after `extensions` exercised extension periods.
pub fn extended_end(a: &Agreement, end: Date, extensions: u32) -> Result<Date, ScheduleError> {
    if extensions == 0 {
        return Ok(end);
    }
    let ext = a
        .extension
        .as_ref()
        .ok_or(ScheduleError::NoExtensionOption)?;
    let each = ext
        .length
        .or(ext.max_total)
        .ok_or(ScheduleError::NoExtensionLength)?;
    let allowed = match (ext.times, ext.length, ext.max_total) {
        (Some(times), _, _) => Some(times),
        // Only a maximum in all: one extension up to it.
        (None, None, Some(_)) => Some(1),
        (None, Some(length), Some(max)) => match (length.in_months(), max.in_months()) {
            (Some(l), Some(m)) if l > 0 => Some(m / l),
            _ => None,
        },
        (None, _, None) => None,
    };
    if let Some(allowed) = allowed
        && extensions > allowed
    {
        return Err(ScheduleError::TooManyExtensions {
            asked: extensions,
            allowed,
        });
    }
    let total: CalendarLength = each.times(extensions).ok_or(ScheduleError::Overflow)?;
    let day_after = calendar::next_day(end).ok_or(ScheduleError::Overflow)?;
    let new_day_after = calendar::add(day_after, total).ok_or(ScheduleError::Overflow)?;
    calendar::previous_day(new_day_after).ok_or(ScheduleError::Overflow)
}

/// A yearly amount over the period `start..=end` as the schedule reads it:
/// each calendar year the part of the months it touches (a period of two
/// years from 1 June is 7 + 12 + 5 months, two years' amount, not three).
/// The total, and the months counted; `None` when it cannot be held or the
/// period ends before it starts.
pub fn over_period(amount: Money, start: Date, end: Date) -> Option<(Money, u32)> {
    if end < start {
        return None;
    }
    let months: Vec<u8> = (start.year()..=end.year())
        .map(|year| months_touched(year, start, end))
        .collect();
    let total = Money::checked_sum(
        months
            .iter()
            .map(|&m| part_of_year(amount, m))
            .collect::<Option<Vec<_>>>()?,
    )?;
    Some((total, months.iter().map(|&m| u32::from(m)).sum()))
}

/// Months of `year` that the period `start..=end` touches.
fn months_touched(year: i16, start: Date, end: Date) -> u8 {
    let first = if start.year() == year {
        start.get().month()
    } else {
        1
    };
    let last = if end.year() == year {
        end.get().month()
    } else {
        12
    };
    u8::try_from((last - first + 1).max(0)).unwrap_or(0)
}

/// `amount` × months / 12, half up to whole öre.
fn part_of_year(amount: Money, months: u8) -> Option<Money> {
    if months >= 12 {
        return Some(amount);
    }
    let numerator = i128::from(amount.ore()) * i128::from(months);
    let rounded = (numerator * 2 + 12) / 24;
    i64::try_from(rounded).ok().map(Money::from_ore)
}

/// The contributions in force: the base list, with an alternative's
/// contributions replacing those of the same party and kind.
fn effective_contributions<'a>(
    f: &'a Financing,
    alt: Option<&'a FundingAlternative>,
) -> Vec<&'a Contribution> {
    let Some(alt) = alt else {
        return f.contributions.iter().collect();
    };
    let replaced = |c: &Contribution| {
        alt.contributions
            .iter()
            .any(|r| r.party == c.party && r.kind == c.kind)
    };
    f.contributions
        .iter()
        .filter(|c| !replaced(c))
        .chain(alt.contributions.iter())
        .collect()
}

/// The schedule of one financing clause over `start..=end`: each year's
/// lines, contributions and total, then the payments and invoices.
fn compute<'a>(
    a: &'a Agreement,
    f: &'a Financing,
    alt: Option<&'a FundingAlternative>,
    start: Date,
    end: Date,
) -> Result<Schedule<'a>, ScheduleError> {
    let basis = Basis {
        agreement: a,
        rate: f.indexation.as_ref().map(|i| i.rate),
        lines: f
            .budget_lines
            .iter()
            .chain(alt.iter().flat_map(|alt| alt.budget_lines.iter()))
            .collect(),
        contributions: effective_contributions(f, alt),
        stated_total: alt.and_then(|alt| alt.total_per_year).or(f.total_per_year),
    };
    let mut years = Vec::new();
    for year in start.year()..=end.year() {
        let share = Share {
            rate: basis.rate,
            years_after_first: u32::try_from(year - start.year())
                .map_err(|_| ScheduleError::Overflow)?,
            months: months_touched(year, start, end),
        };
        years.push(basis.year(year, &share)?);
    }
    let total = Money::checked_sum(years.iter().map(|y| y.total)).ok_or(ScheduleError::Overflow)?;
    let at_most = years.iter().any(|y| y.at_most);
    let (payments, ceilings) = payments(a, f, money_clause(f, alt), &years, start, end)?;
    let invoices = invoices(f, &years, start, end)?;
    Ok(Schedule {
        start,
        end,
        years,
        payments,
        invoices,
        ceilings,
        total,
        at_most,
        appendices: Vec::new(),
    })
}

/// What every year of one financing clause is computed from.
struct Basis<'a> {
    agreement: &'a Agreement,
    rate: Option<Percent>,
    /// The budget lines, an alternative's added after the base ones.
    lines: Vec<&'a BudgetLine>,
    contributions: Vec<&'a Contribution>,
    stated_total: Option<Money>,
}

/// How a yearly amount is turned into one year's figure.
struct Share {
    rate: Option<Percent>,
    /// Indexation applies once per year after the first.
    years_after_first: u32,
    /// Months of the year the period touches.
    months: u8,
}

impl Share {
    /// `amount` indexed for this year, then the part of it the period covers.
    fn of(&self, amount: Money) -> Result<Money, ScheduleError> {
        let indexed_amount = match self.rate {
            Some(rate) => {
                indexed(amount, rate, self.years_after_first).ok_or(ScheduleError::Overflow)?
            }
            None => amount,
        };
        part_of_year(indexed_amount, self.months).ok_or(ScheduleError::Overflow)
    }
}

impl<'a> Basis<'a> {
    fn year(&self, year: i16, share: &Share) -> Result<Year<'a>, ScheduleError> {
        let lines = self
            .lines
            .iter()
            .map(|line| {
                Ok(Line {
                    id: &line.id,
                    name: &line.name,
                    amount: share.of(line.amount)?,
                })
            })
            .collect::<Result<Vec<_>, ScheduleError>>()?;
        let parties = self.parties(&lines, share)?;
        let total = self.total(&lines, &parties, share)?;
        // Budget lines or a stated total are the plan; only a total summed
        // from the contributions carries their ceilings.
        let at_most = lines.is_empty()
            && parties.iter().any(PartyYear::cash_at_most)
            && self.contributions.iter().any(|c| c.amount.is_some());
        Ok(Year {
            year,
            months: share.months,
            total,
            at_most,
            lines,
            parties,
        })
    }

    /// Each party's contributions this year, one row per party in the order
    /// they first contribute.
    fn parties(
        &self,
        lines: &[Line<'a>],
        share: &Share,
    ) -> Result<Vec<PartyYear<'a>>, ScheduleError> {
        let mut parties: Vec<PartyYear<'a>> = Vec::new();
        for c in &self.contributions {
            let amount = contribution_amount(c, lines, share)?;
            // One row per party, and an agreement has few parties: a scan
            // of the rows so far finds the party's own.
            let row = match parties.iter().position(|p| p.party == &c.party) {
                Some(i) => &mut parties[i],
                None => {
                    parties.push(PartyYear {
                        party: &c.party,
                        name: party_name(self.agreement, &c.party),
                        cash: None,
                        in_kind: None,
                        at_least: false,
                        cash_ceiling: None,
                    });
                    let last = parties.len() - 1;
                    &mut parties[last]
                }
            };
            add_contribution(row, c, amount)?;
        }
        Ok(parties)
    }

    /// The year's total: the budget lines when there are any, else the
    /// contributions that state an amount, else the stated total per year.
    fn total(
        &self,
        lines: &[Line<'a>],
        parties: &[PartyYear<'a>],
        share: &Share,
    ) -> Result<Money, ScheduleError> {
        if !lines.is_empty() {
            Money::checked_sum(lines.iter().map(|l| l.amount)).ok_or(ScheduleError::Overflow)
        } else if self.contributions.iter().any(|c| c.amount.is_some()) {
            let known = parties.iter().flat_map(|p| [p.cash, p.in_kind]).flatten();
            Money::checked_sum(known).ok_or(ScheduleError::Overflow)
        } else if let Some(stated) = self.stated_total {
            share.of(stated)
        } else {
            Err(ScheduleError::NoAmounts)
        }
    }
}

/// The party's name, or its id when no party has that id.
fn party_name<'a>(a: &'a Agreement, id: &'a Id) -> &'a str {
    a.parties
        .iter()
        .find(|p| &p.id == id)
        .map_or(id.as_str(), |p| p.name.as_str())
}

/// One contribution this year: the sum of the lines it covers, else its own
/// amount indexed like a line; `None` when it states no value.
fn contribution_amount(
    c: &Contribution,
    lines: &[Line<'_>],
    share: &Share,
) -> Result<Option<Money>, ScheduleError> {
    if c.covers.is_empty() {
        return c.amount.map(|amount| share.of(amount)).transpose();
    }
    let covered = lines
        .iter()
        .filter(|l| c.covers.contains(l.id))
        .map(|l| l.amount);
    Money::checked_sum(covered)
        .map(Some)
        .ok_or(ScheduleError::Overflow)
}

/// Add one contribution to its party's cash or in-kind figure; an unstated
/// amount leaves a stated one as it is.
fn add_contribution(
    row: &mut PartyYear<'_>,
    c: &Contribution,
    amount: Option<Money>,
) -> Result<(), ScheduleError> {
    let slot = match c.kind {
        ContributionKind::Cash => {
            if c.at_most
                && let Some(ceiling) = amount
            {
                let before = row.cash_ceiling.unwrap_or(Money::ZERO);
                row.cash_ceiling =
                    Some(before.checked_add(ceiling).ok_or(ScheduleError::Overflow)?);
            }
            &mut row.cash
        }
        ContributionKind::InKind => {
            row.at_least |= c.at_least;
            &mut row.in_kind
        }
    };
    *slot = match (*slot, amount) {
        (Some(x), Some(y)) => Some(x.checked_add(y).ok_or(ScheduleError::Overflow)?),
        (x, y) => x.or(y),
    };
    Ok(())
}

/// The instalments of one year's `amount` under a plan of `per_year`
/// instalments: none before the period starts (an earlier one moves to the
/// start), none after it ends; the parts add up exactly (the last takes the
/// rest). Calls `each` with every date and part.
fn instalments(
    plan: &PaymentPlan,
    per_year: u32,
    year: i16,
    (start, end): (Date, Date),
    amount: Money,
    mut each: impl FnMut(Date, Money),
) {
    let per_year = per_year.clamp(1, 12);
    let step = 12 / per_year;
    let mut dates = [None; 12];
    let mut n = 0;
    for i in 0..per_year {
        let month = u32::from(plan.first_month.clamp(1, 12)) + i * step;
        let (Ok(month), Ok(day)) = (i8::try_from(month), i8::try_from(plan.day.clamp(1, 28)))
        else {
            continue;
        };
        let Some(date) = Date::from_ymd(year, month.min(12), day).map(|d| d.max(start)) else {
            continue;
        };
        if month <= 12 && date <= end && date.year() == year {
            dates[n] = Some(date);
            n += 1;
        }
    }
    let Ok(count) = i64::try_from(n) else { return };
    if count == 0 {
        return;
    }
    let part = Money::from_ore(amount.ore() / count);
    let last = Money::from_ore(amount.ore() - part.ore() * (count - 1));
    for (i, date) in dates.iter().take(n).flatten().enumerate() {
        each(*date, if i + 1 == n { last } else { part });
    }
}

/// The words the money comes from: the alternative's own, when it has
/// them, else the financing clause's.
fn money_clause<'a>(f: &'a Financing, alt: Option<&'a FundingAlternative>) -> ClauseRef<'a> {
    match alt {
        Some(FundingAlternative {
            id,
            section,
            quote: Some(quote),
            ..
        }) => ClauseRef {
            id,
            section: section.as_deref().unwrap_or(&f.section),
            quote,
        },
        _ => f.clause(),
    }
}

/// Public cash paid to the idea-driven side per the payment plan, and the
/// ceilings, which have no date (see the module's readings).
fn payments<'a>(
    a: &'a Agreement,
    f: &'a Financing,
    clause: ClauseRef<'a>,
    years: &[Year<'a>],
    start: Date,
    end: Date,
) -> Result<(Vec<Transfer<'a>>, Vec<Ceiling<'a>>), ScheduleError> {
    let plan = f.payment.clone().unwrap_or_default();
    let sector = |id: &Id| a.parties.iter().find(|p| &p.id == id).map(|p| p.sector);
    let ideas: Vec<&Id> = a
        .parties
        .iter()
        .filter(|p| p.sector == Sector::IdeaDriven)
        .map(|p| &p.id)
        .collect();
    let mut out = Vec::new();
    let mut ceilings = Vec::new();
    for y in years {
        for p in &y.parties {
            if sector(p.party) != Some(Sector::Public) {
                continue;
            }
            // The recipient: the invoicing party if one invoices this payer, else the only idea-driven party.
            let invoicer = f
                .invoicing
                .iter()
                .find(|inv| inv.to.iter().any(|t| t == p.party))
                .map(|inv| &inv.from);
            let Some(to) = invoicer.or(match ideas.as_slice() {
                [only] => Some(*only),
                _ => None,
            }) else {
                continue;
            };
            if let Some(amount) = p.cash_ceiling {
                ceilings.push(Ceiling {
                    year: y.year,
                    from: p.party,
                    to,
                    amount,
                    clause,
                });
            }
            let Some(cash) = p.firm_cash() else {
                continue;
            };
            instalments(
                &plan,
                plan.per_year,
                y.year,
                (start, end),
                cash,
                |date, amount| {
                    out.push(Transfer::new(
                        date,
                        (p.party, to),
                        amount,
                        plan.default,
                        clause,
                    ));
                },
            );
        }
    }
    out.sort_by(|x, y| (x.date, x.from, x.to).cmp(&(y.date, y.from, y.to)));
    Ok((out, ceilings))
}

/// Invoices under each invoicing clause: the invoiced party's cash for the
/// year, split over the invoices of that year.
fn invoices<'a>(
    f: &'a Financing,
    years: &[Year<'a>],
    start: Date,
    end: Date,
) -> Result<Vec<Transfer<'a>>, ScheduleError> {
    let plan = f.payment.clone().unwrap_or_default();
    let mut out = Vec::new();
    for inv in &f.invoicing {
        let per_year = inv.frequency.per_year();
        for y in years {
            for to in &inv.to {
                let Some(cash) = y
                    .parties
                    .iter()
                    .find(|p| p.party == to)
                    .and_then(PartyYear::firm_cash)
                else {
                    continue;
                };
                instalments(
                    &plan,
                    per_year,
                    y.year,
                    (start, end),
                    cash,
                    |date, amount| {
                        out.push(Transfer::new(
                            date,
                            (&inv.from, to),
                            amount,
                            plan.default,
                            inv.clause(),
                        ));
                    },
                );
            }
        }
    }
    out.sort_by(|x, y| (x.date, x.from, x.to).cmp(&(y.date, y.from, y.to)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_of_year_rounds_half_up_to_ore() {
        assert_eq!(
            part_of_year(Money::from_ore(100), 6),
            Some(Money::from_ore(50))
        );
        // 1 öre × 6 / 12 = 0.5 öre → 1 öre
        assert_eq!(
            part_of_year(Money::from_ore(1), 6),
            Some(Money::from_ore(1))
        );
        assert_eq!(
            part_of_year(Money::from_ore(1), 5),
            Some(Money::from_ore(0))
        );
    }

    #[test]
    fn a_yearly_amount_over_two_years_across_three_calendar_years() {
        // 300 000 kr per år, 2026-06-01 – 2028-05-31: 7 months of 2026 (175 000),
        // 2027 whole (300 000), 5 months of 2028 (125 000): two years, 600 000 kr.
        let kr = |k: i64| Money::from_ore(k * 100);
        let (start, end) = ("2026-06-01".parse().unwrap(), "2028-05-31".parse().unwrap());
        assert_eq!(
            over_period(kr(300_000), start, end),
            Some((kr(600_000), 24))
        );
        // Whole calendar years: the amount times the years.
        let (start, end) = ("2026-01-01".parse().unwrap(), "2027-12-31".parse().unwrap());
        assert_eq!(
            over_period(kr(120_000), start, end),
            Some((kr(240_000), 24))
        );
        assert_eq!(over_period(kr(1), end, start), None);
    }

    #[test]
    fn instalments_add_up_and_stay_in_the_period() {
        let plan = PaymentPlan {
            per_year: 4,
            first_month: 1,
            day: 15,
            default: false,
        };
        let period = ("2025-03-01".parse().unwrap(), "2025-12-31".parse().unwrap());
        let mut got = Vec::new();
        instalments(&plan, 4, 2025, period, Money::from_ore(100), |d, m| {
            got.push((d.to_string(), m.ore()))
        });
        // 15 January falls before the start and moves to 1 March.
        let want = [
            ("2025-03-01", 25),
            ("2025-04-15", 25),
            ("2025-07-15", 25),
            ("2025-10-15", 25),
        ];
        assert_eq!(got, want.map(|(d, m)| (d.to_owned(), m)));
        // Three parts of 1 krona: the last takes the rest.
        let mut parts = Vec::new();
        instalments(&plan, 3, 2025, period, Money::from_ore(100), |_, m| {
            parts.push(m.ore())
        });
        assert_eq!(parts, [33, 33, 34]);
    }
}
