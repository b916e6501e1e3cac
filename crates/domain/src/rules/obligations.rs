//! Every dated duty an agreement creates: reports, meetings required by a
//! body's cadence (as windows), the extension decision, invoices, the term's
//! end and the last day to give notice for an exit at a chosen date.
//!
//! A due date on a Saturday, Sunday, holiday or midsommar-, jul- or
//! nyårsafton moves to the next working day and says where it moved from
//! (lag 1930:173 2 §). Windows and the term's end are not moved: they are
//! periods and facts, not deadlines for an act.

use std::collections::HashMap;

use serde::Serialize;

use super::calendar;
use super::clause::{Clause, ClauseRef};
use super::schedule::{self, ScheduleOptions};
use crate::Agreement;
use crate::model::{
    Appendix, AppendixStatus, Cadence, DueRule, ExitWord, ReportKind, ReportingDuty,
};
use crate::value::{CalendarLength, Date, Id, LengthUnit, Money};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ObligationKind {
    ActivityPlan,
    AnnualReport,
    FinancialReport,
    JointReport,
    Evaluation,
    EndOfPeriodReport,
    Compilation,
    StatusReport,
    /// Meetings a body must hold within a window.
    Meeting,
    /// The last day to decide on an extension.
    ExtensionDecision,
    /// An invoice to send.
    Invoice,
    /// The last day of the term.
    TermEnd,
    /// The last day to give notice for an exit at a chosen date.
    NoticeDeadline,
}

impl From<ReportKind> for ObligationKind {
    fn from(k: ReportKind) -> Self {
        match k {
            ReportKind::ActivityPlan => ObligationKind::ActivityPlan,
            ReportKind::AnnualReport => ObligationKind::AnnualReport,
            ReportKind::FinancialReport => ObligationKind::FinancialReport,
            ReportKind::JointReport => ObligationKind::JointReport,
            ReportKind::Evaluation => ObligationKind::Evaluation,
            ReportKind::EndOfPeriodReport => ObligationKind::EndOfPeriodReport,
            ReportKind::Compilation => ObligationKind::Compilation,
            ReportKind::StatusReport => ObligationKind::StatusReport,
        }
    }
}

/// One dated duty.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Obligation<'a> {
    pub agreement: &'a Id,
    pub kind: ObligationKind,
    /// The last day (after any move to a working day).
    pub due: Date,
    /// The date the rule gives, when it fell on a day off and moved.
    pub moved_from: Option<Date>,
    /// First day of a window (meetings, reports "twice a year").
    pub window_start: Option<Date>,
    /// The duty's own words: a report's title, a body's name.
    pub label: &'a str,
    /// The calendar year the duty concerns, when it recurs yearly.
    pub year: Option<i16>,
    /// How many within the window ("2 in 2023").
    pub count: Option<u32>,
    /// For an invoice under a clause that invoices more than once a year:
    /// which of the year's invoices to its recipient this is (1, 2, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instalment: Option<u32>,
    /// For a cadence "every 4–6 weeks": at most this many weeks after the last.
    pub max_weeks: Option<u32>,
    /// Names of the parties responsible; empty: all parties jointly.
    pub responsible: Vec<&'a str>,
    /// Who receives it.
    pub to: Option<&'a str>,
    pub amount: Option<Money>,
    /// For a notice deadline: the day the exit takes effect.
    pub exit: Option<Date>,
    /// For a notice deadline: what the clause calls the exit (an utträde
    /// is announced with varsel, not given notice of).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exit_word: Option<ExitWord>,
    /// The due date is iop's default reading, not the agreement's words.
    pub default_date: bool,
    /// The appendix (bilaga) whose clause lays the duty; absent for the
    /// framework's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appendix: Option<&'a Id>,
    pub clause: ClauseRef<'a>,
}

impl ObligationKind {
    pub const ALL: [ObligationKind; 13] = [
        ObligationKind::ActivityPlan,
        ObligationKind::AnnualReport,
        ObligationKind::FinancialReport,
        ObligationKind::JointReport,
        ObligationKind::Evaluation,
        ObligationKind::EndOfPeriodReport,
        ObligationKind::Compilation,
        ObligationKind::StatusReport,
        ObligationKind::Meeting,
        ObligationKind::ExtensionDecision,
        ObligationKind::Invoice,
        ObligationKind::TermEnd,
        ObligationKind::NoticeDeadline,
    ];

    /// The kinds someone hands a document in for ([`ObligationKind::is_report`]).
    pub fn reports() -> impl Iterator<Item = ObligationKind> {
        Self::ALL.into_iter().filter(|k| k.is_report())
    }

    /// The kebab-case name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ObligationKind::ActivityPlan => "activity-plan",
            ObligationKind::AnnualReport => "annual-report",
            ObligationKind::FinancialReport => "financial-report",
            ObligationKind::JointReport => "joint-report",
            ObligationKind::Evaluation => "evaluation",
            ObligationKind::EndOfPeriodReport => "end-of-period-report",
            ObligationKind::Compilation => "compilation",
            ObligationKind::StatusReport => "status-report",
            ObligationKind::Meeting => "meeting",
            ObligationKind::ExtensionDecision => "extension-decision",
            ObligationKind::Invoice => "invoice",
            ObligationKind::TermEnd => "term-end",
            ObligationKind::NoticeDeadline => "notice-deadline",
        }
    }

    /// A report or another document someone must hand in.
    pub fn is_report(self) -> bool {
        matches!(
            self,
            ObligationKind::ActivityPlan
                | ObligationKind::AnnualReport
                | ObligationKind::FinancialReport
                | ObligationKind::JointReport
                | ObligationKind::Evaluation
                | ObligationKind::EndOfPeriodReport
                | ObligationKind::Compilation
                | ObligationKind::StatusReport
        )
    }
}

impl Obligation<'_> {
    /// A key that names this duty of this agreement and stays the same when
    /// the agreement is read again: kind, clause, period (year, window start
    /// or the rule's date) and recipient. Follow-up records point at it; a
    /// calendar uses it for UIDs.
    pub fn key(&self) -> String {
        let period = match (self.year, self.window_start) {
            (_, Some(start)) => start.to_string(),
            (Some(year), None) => match self.instalment {
                Some(n) => format!("{year}-{n}"),
                None => year.to_string(),
            },
            (None, None) => self.moved_from.unwrap_or(self.due).to_string(),
        };
        // One clause can oblige several recipients in the same period (one
        // invoice to each public party): the recipient tells them apart.
        let to: String = self
            .to
            .unwrap_or_default()
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect();
        let to = if to.is_empty() {
            String::new()
        } else {
            format!(".{to}")
        };
        // An appendix's duty names its appendix too, so its key stays its
        // own whatever ids the framework's clauses take: joined by ':',
        // which no id contains ('.' may be inside an id). A duty of the
        // framework keeps the key it always had.
        let appendix = self
            .appendix
            .map_or_else(String::new, |id| format!("{id}:"));
        format!(
            "{}.{appendix}{}.{period}{to}",
            self.kind.as_str(),
            self.clause.id
        )
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct ObligationOptions {
    /// Only duties due on or after this day.
    pub from: Option<Date>,
    /// Only duties due on or before this day.
    pub to: Option<Date>,
    /// Include the last day to give notice for an exit on this day.
    pub exit_at: Option<Date>,
}

/// Why obligations cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObligationError {
    /// The agreement has no term, so nothing can be dated.
    NoTerm,
    /// A date beyond the calendar.
    Overflow,
    /// More duties than the caller asked to count (see [`duty_count`]).
    TooMany,
}

/// The duties of one agreement, sorted by due date.
pub fn obligations<'a>(
    a: &'a Agreement,
    options: ObligationOptions,
) -> Result<Vec<Obligation<'a>>, ObligationError> {
    // Without amounts there are no invoices to date; that is not an error here.
    let money = schedule::schedule(a, ScheduleOptions::default()).ok();
    obligations_with(a, money.as_ref(), options)
}

/// The same, with the agreement's schedule already computed (its invoices
/// are duties too), so a caller that needs both computes it once.
pub fn obligations_with<'a>(
    a: &'a Agreement,
    money: Option<&schedule::Schedule<'a>>,
    options: ObligationOptions,
) -> Result<Vec<Obligation<'a>>, ObligationError> {
    let term = a.term.as_ref().ok_or(ObligationError::NoTerm)?;
    let mut b = Builder::new(a, usize::MAX);
    b.lay(term.start, term.end, money)?;
    if let Some(exit) = options.exit_at {
        b.notice_deadlines(exit, term.start, term.end)?;
    }
    let mut out = b.out;
    out.retain(|o| {
        options.from.is_none_or(|f| o.due >= f) && options.to.is_none_or(|t| o.due <= t)
    });
    out.sort_by(|x, y| {
        (
            x.due,
            x.agreement,
            x.kind,
            x.clause.id,
            x.year,
            x.window_start,
            x.label,
        )
            .cmp(&(
                y.due,
                y.agreement,
                y.kind,
                y.clause.id,
                y.year,
                y.window_start,
                y.label,
            ))
    });
    Ok(out)
}

/// How many dated duties `a` gives over its term (invoices included, no
/// notice deadlines), counting no further than `cap`: the work is bounded
/// by `cap` whatever the agreement asks for. `None` without a term.
pub fn duty_count<'a>(
    a: &'a Agreement,
    money: Option<&schedule::Schedule<'a>>,
    cap: usize,
) -> Option<usize> {
    let term = a.term.as_ref()?;
    let mut b = Builder::new(a, cap);
    // Stopped at the cap: what was laid is the count.
    let _ = b.lay(term.start, term.end, money);
    Some(b.out.len())
}

/// The last day to decide on an extension, the one date every surface shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ExtensionDeadline {
    /// The last day, moved to a working day when the stated lead time
    /// points at a day off.
    pub due: Date,
    /// The day the lead time points at, when it moved.
    pub moved_from: Option<Date>,
    /// The agreement states no lead time: the day is iop's reading, the
    /// term's last day, moved like any deadline (even past the end).
    pub reading: bool,
}

/// The extension-decision deadline of `a` for a term ending on `end`: the
/// stated lead time before the end ((end + 1 day) − lead − 1 day), or else
/// the end itself as iop's reading. Either day moves to the next working
/// day like every other deadline (lag 1930:173 2 §): 002's reading, Sunday
/// 31 December 2023 (nyårsafton), is due Tuesday 2 January 2024. `None`
/// without an extension clause or beyond the calendar.
pub fn extension_deadline(a: &Agreement, end: Date) -> Option<ExtensionDeadline> {
    let ext = a.extension.as_ref()?;
    let rule_day = match ext.decision_before_end {
        Some(lead) => calendar::previous_day(calendar::subtract(calendar::next_day(end)?, lead)?)?,
        None => end,
    };
    let (due, moved_from) = calendar::deadline(rule_day)?;
    Some(ExtensionDeadline {
        due,
        moved_from,
        reading: ext.decision_before_end.is_none(),
    })
}

/// What a rule produces before the working-day move.
#[derive(Clone)]
struct Item<'a> {
    kind: ObligationKind,
    date: Date,
    movable: bool,
    window_start: Option<Date>,
    label: &'a str,
    year: Option<i16>,
    count: Option<u32>,
    instalment: Option<u32>,
    max_weeks: Option<u32>,
    responsible: Vec<&'a str>,
    to: Option<&'a str>,
    amount: Option<Money>,
    exit: Option<Date>,
    exit_word: Option<ExitWord>,
    default_date: bool,
    appendix: Option<&'a Id>,
    clause: ClauseRef<'a>,
}

impl<'a> Item<'a> {
    /// A movable deadline with nothing but its kind, date, words and clause.
    fn new(kind: ObligationKind, date: Date, label: &'a str, clause: ClauseRef<'a>) -> Self {
        Item {
            kind,
            date,
            movable: true,
            window_start: None,
            label,
            year: None,
            count: None,
            instalment: None,
            max_weeks: None,
            responsible: Vec::new(),
            to: None,
            amount: None,
            exit: None,
            exit_word: None,
            default_date: false,
            appendix: None,
            clause,
        }
    }
}

struct Builder<'a> {
    a: &'a Agreement,
    out: Vec<Obligation<'a>>,
    /// The most duties to lay; one more is [`ObligationError::TooMany`].
    cap: usize,
    /// Party names by party id, found once rather than per duty.
    party_names: HashMap<&'a str, &'a str>,
    /// Body names by body id.
    body_names: HashMap<&'a str, &'a str>,
    /// What a recipient id reads as: a party's name, else a body's.
    recipients: HashMap<&'a str, &'a str>,
    /// The quotes of the bodies that report to another body.
    body_reports: Vec<&'a str>,
}

impl<'a> Builder<'a> {
    fn new(a: &'a Agreement, cap: usize) -> Self {
        let party_names: HashMap<&str, &str> = a
            .parties
            .iter()
            .rev()
            .map(|p| (p.id.as_str(), p.name.as_str()))
            .collect();
        // The first of equal ids wins, as a search in file order would find
        // it; a party before a body.
        let body_names: HashMap<&str, &str> = a
            .governance
            .iter()
            .rev()
            .map(|b| (b.id.as_str(), b.name.as_str()))
            .collect();
        let mut recipients = body_names.clone();
        recipients.extend(party_names.iter().map(|(k, v)| (*k, *v)));
        let body_reports = a
            .governance
            .iter()
            .filter(|b| b.reports_to.is_some() && !b.optional)
            .map(|b| b.quote.as_str())
            .collect();
        Builder {
            a,
            out: Vec::with_capacity(32),
            cap,
            party_names,
            body_names,
            recipients,
            body_reports,
        }
    }

    /// Every duty of the term (all but the notice deadlines).
    fn lay(
        &mut self,
        start: Date,
        end: Date,
        money: Option<&schedule::Schedule<'a>>,
    ) -> Result<(), ObligationError> {
        let a = self.a;
        self.reports(&a.reporting, None, start, end)?;
        self.appendix_reports(start, end)?;
        self.meetings(start, end)?;
        self.extension(end)?;
        if let Some(money) = money {
            self.invoices(money);
        }
        let Some(term) = &a.term else {
            return Ok(());
        };
        self.push(Item {
            movable: false,
            ..Item::new(ObligationKind::TermEnd, end, &a.title, term.clause())
        })
    }

    fn push(&mut self, item: Item<'a>) -> Result<(), ObligationError> {
        if self.out.len() >= self.cap {
            return Err(ObligationError::TooMany);
        }
        let (due, moved_from) = if item.movable {
            calendar::deadline(item.date).ok_or(ObligationError::Overflow)?
        } else {
            (item.date, None)
        };
        self.out.push(Obligation {
            agreement: &self.a.id,
            kind: item.kind,
            due,
            moved_from,
            window_start: item.window_start,
            // The agreement's sentence ends in a period; a title built on it must not.
            label: item.label.trim_end().trim_end_matches('.'),
            year: item.year,
            count: item.count,
            instalment: item.instalment,
            max_weeks: item.max_weeks,
            responsible: item.responsible,
            to: item.to,
            amount: item.amount,
            exit: item.exit,
            exit_word: item.exit_word,
            default_date: item.default_date,
            appendix: item.appendix,
            clause: item.clause,
        });
        Ok(())
    }

    fn party_name(&self, id: &Id) -> &'a str {
        self.party_names.get(id.as_str()).copied().unwrap_or("")
    }

    /// A recipient written as a party or body id reads as its name.
    fn recipient(&self, to: &'a str) -> &'a str {
        self.recipients.get(to).copied().unwrap_or(to)
    }

    /// A reporting duty that quotes a body's report to another body is that
    /// report, which [`Builder::meetings`] already lays: one duty, not two.
    fn is_body_report(&self, duty: &ReportingDuty) -> bool {
        duty.kind == ReportKind::StatusReport
            && self
                .body_reports
                .iter()
                .any(|quote| quote.contains(duty.quote.trim()))
    }

    /// Each appendix's reports over the days it runs ([`Builder::appendix_days`]).
    fn appendix_reports(&mut self, start: Date, end: Date) -> Result<(), ObligationError> {
        let a = self.a;
        for ap in &a.appendices {
            if let Some((start, end)) = self.appendix_days(ap, start, end) {
                self.reports(&ap.reporting, Some(ap), start, end)?;
            }
        }
        Ok(())
    }

    /// The days an appendix's duties run: its own period (the framework's
    /// term `start`–`end` where it gives none), within that term. A
    /// replaced appendix runs until the day before its replacement's
    /// period starts; `None` when that start is not known, as the model
    /// then holds no day it ended and no duty after the replacement can be
    /// justified. A dropped appendix: `None`, for the same reason (the
    /// model does not know the day it was dropped).
    fn appendix_days(&self, ap: &Appendix, start: Date, end: Date) -> Option<(Date, Date)> {
        let (own_start, own_end) = ap
            .period
            .as_ref()
            .map_or((start, end), |p| (p.start, p.end));
        let until = match &ap.status {
            AppendixStatus::Dropped => return None,
            AppendixStatus::Replaced { by } => {
                let next = self.a.appendices.iter().find(|x| &x.id == by)?;
                calendar::previous_day(next.period.as_ref()?.start)?
            }
            AppendixStatus::NotStated | AppendixStatus::Active => own_end,
        };
        let (first, last) = (own_start.max(start), own_end.min(end).min(until));
        (first <= last).then_some((first, last))
    }

    /// Who answers for a report: its own words or parties; else, for an
    /// appendix's, the appendix's party; else all parties jointly (none).
    fn responsible(&self, duty: &'a ReportingDuty, appendix: Option<&'a Appendix>) -> Vec<&'a str> {
        if let Some(by) = &duty.by {
            vec![by.as_str()]
        } else if !duty.from.is_empty() {
            duty.from.iter().map(|p| self.party_name(p)).collect()
        } else if let Some(ap) = appendix {
            vec![self.party_name(&ap.party)]
        } else {
            Vec::new()
        }
    }

    fn reports(
        &mut self,
        duties: &'a [ReportingDuty],
        appendix: Option<&'a Appendix>,
        start: Date,
        end: Date,
    ) -> Result<(), ObligationError> {
        for duty in duties {
            if appendix.is_none() && self.is_body_report(duty) {
                continue;
            }
            let base = Item {
                responsible: self.responsible(duty, appendix),
                to: duty.to.as_deref().map(|t| self.recipient(t)),
                default_date: duty.due_is_default,
                appendix: appendix.map(|ap| &ap.id),
                ..Item::new(duty.kind.into(), start, &duty.title, duty.clause())
            };
            let dated = |date: Date, year: Option<i16>, this: &mut Self| {
                this.push(Item {
                    date,
                    year,
                    ..base.clone()
                })
            };
            match &duty.due {
                DueRule::Yearly {
                    month,
                    day,
                    year_offset,
                } => {
                    for year in start.year()..=end.year() {
                        let due_year = year
                            .checked_add(i16::from(*year_offset))
                            .ok_or(ObligationError::Overflow)?;
                        let (Ok(m), Ok(d)) = (i8::try_from(*month), i8::try_from(*day)) else {
                            continue;
                        };
                        let Some(date) = Date::from_ymd(due_year, m, d) else {
                            continue;
                        };
                        // An appendix's report due before the appendix
                        // starts ("senast 31 januari" in the year it starts
                        // 1 June) is owed for no day it ran.
                        if appendix.is_some() && date < start {
                            continue;
                        }
                        dated(date, Some(year), self)?;
                    }
                }
                DueRule::EndOfEachYear => {
                    for year in start.year()..=end.year() {
                        let date = Date::from_ymd(year, 12, 31)
                            .ok_or(ObligationError::Overflow)?
                            .min(end);
                        dated(date, Some(year), self)?;
                    }
                }
                DueRule::ByEndOfMonth { year, month } => {
                    if let Some(date) = calendar::last_day_of_month(*year, *month) {
                        dated(date, None, self)?;
                    }
                }
                DueRule::Date { date } => dated(*date, None, self)?,
                DueRule::EndOfTerm => dated(end, None, self)?,
                DueRule::TimesPerYear { times } => {
                    self.windows(
                        &Cadence::PerYear { times: *times },
                        start,
                        end,
                        base.clone(),
                    )?;
                }
                DueRule::TimesPerTwelveMonths { times } => {
                    self.windows(
                        &Cadence::PerTwelveMonths { times: *times },
                        start,
                        end,
                        base.clone(),
                    )?;
                }
                DueRule::Continuous => {}
            }
        }
        Ok(())
    }

    fn meetings(&mut self, start: Date, end: Date) -> Result<(), ObligationError> {
        for body in &self.a.governance {
            if body.optional {
                continue;
            }
            let responsible = match body.convener.as_ref().and_then(|c| c.party.as_ref()) {
                Some(p) => vec![self.party_name(p)],
                None => Vec::new(),
            };
            let meeting = Item {
                movable: false,
                responsible: responsible.clone(),
                ..Item::new(ObligationKind::Meeting, start, &body.name, body.clause())
            };
            self.windows(&body.cadence, start, end, meeting)?;
            if let Some(r) = &body.reports_to {
                let to = self.body_names.get(r.body.as_str()).copied();
                let report = Item {
                    responsible,
                    to,
                    ..Item::new(ObligationKind::StatusReport, start, &r.what, body.clause())
                };
                self.windows(&r.cadence, start, end, report)?;
            }
        }
        Ok(())
    }

    /// Windows for a cadence; each window's last day is its due date.
    fn windows(
        &mut self,
        cadence: &Cadence,
        start: Date,
        end: Date,
        base: Item<'a>,
    ) -> Result<(), ObligationError> {
        match *cadence {
            Cadence::PerYear { times } => {
                for year in start.year()..=end.year() {
                    let first = Date::from_ymd(year, 1, 1)
                        .ok_or(ObligationError::Overflow)?
                        .max(start);
                    let last = Date::from_ymd(year, 12, 31)
                        .ok_or(ObligationError::Overflow)?
                        .min(end);
                    let item = Item {
                        window_start: Some(first),
                        date: last,
                        year: Some(year),
                        count: Some(times),
                        movable: false,
                        ..base.clone()
                    };
                    self.push(item)?;
                }
            }
            Cadence::PerTwelveMonths { times } => {
                let mut first = start;
                while first <= end {
                    let next = calendar::add(first, CalendarLength::months(12))
                        .ok_or(ObligationError::Overflow)?;
                    let last = calendar::previous_day(next)
                        .ok_or(ObligationError::Overflow)?
                        .min(end);
                    let item = Item {
                        window_start: Some(first),
                        date: last,
                        count: Some(times),
                        movable: false,
                        ..base.clone()
                    };
                    self.push(item)?;
                    first = next;
                }
            }
            Cadence::Interval {
                min_weeks,
                max_weeks,
            } => {
                // Each meeting at most `max_weeks` after the previous; the
                // windows assume each is held on its last allowed day.
                let weeks = |n| CalendarLength {
                    amount: n,
                    unit: LengthUnit::Weeks,
                };
                let mut first = start;
                let mut last =
                    calendar::add(start, weeks(max_weeks)).ok_or(ObligationError::Overflow)?;
                while last <= end {
                    let item = Item {
                        window_start: Some(first),
                        date: last,
                        count: Some(1),
                        max_weeks: Some(max_weeks),
                        movable: false,
                        ..base.clone()
                    };
                    self.push(item)?;
                    first =
                        calendar::add(last, weeks(min_weeks)).ok_or(ObligationError::Overflow)?;
                    last = calendar::add(last, weeks(max_weeks.max(1)))
                        .ok_or(ObligationError::Overflow)?;
                }
            }
            Cadence::Regular | Cadence::AsNeeded => {}
        }
        Ok(())
    }

    fn extension(&mut self, end: Date) -> Result<(), ObligationError> {
        let Some(ext) = &self.a.extension else {
            return Ok(());
        };
        let d = extension_deadline(self.a, end).ok_or(ObligationError::Overflow)?;
        let item = Item {
            default_date: d.reading,
            ..Item::new(
                ObligationKind::ExtensionDecision,
                d.moved_from.unwrap_or(d.due),
                &self.a.title,
                ext.clause(),
            )
        };
        self.push(item)
    }

    fn invoices(&mut self, s: &schedule::Schedule<'a>) {
        // A clause that invoices a party more than once a year numbers
        // each year's invoices, so each has its own key (two may fall on
        // the same day: the first year's instalments all on its start).
        let a = self.a;
        let several = |clause: &Id| {
            a.financing.as_ref().is_some_and(|f| {
                f.invoicing
                    .iter()
                    .any(|i| &i.id == clause && i.frequency.per_year() > 1)
            })
        };
        let mut seen: HashMap<(&Id, &Id, i16), u32> = HashMap::new();
        let items: Vec<Item<'a>> = s
            .invoices
            .iter()
            .map(|inv| Item {
                year: Some(inv.date.year()),
                instalment: several(inv.clause.id).then(|| {
                    let n = seen
                        .entry((inv.clause.id, inv.to, inv.date.year()))
                        .or_insert(0);
                    *n += 1;
                    *n
                }),
                responsible: vec![self.party_name(inv.from)],
                to: Some(self.party_name(inv.to)),
                amount: Some(inv.amount),
                default_date: inv.default_date,
                ..Item::new(
                    ObligationKind::Invoice,
                    inv.date,
                    self.party_name(inv.to),
                    inv.clause,
                )
            })
            .collect();
        for item in items {
            // An invoice date that cannot move is dropped rather than failing the list.
            let _ = self.push(item);
        }
    }

    /// For each clause with a notice period: the last day notice can be given
    /// so that the exit takes effect no later than `exit`. An appendix's
    /// own clause gives the last day to end that appendix alone by `exit`,
    /// within the days it runs ([`Builder::appendix_days`]), while it has
    /// not ended.
    fn notice_deadlines(
        &mut self,
        exit: Date,
        start: Date,
        end: Date,
    ) -> Result<(), ObligationError> {
        let a = self.a;
        let framework = a.termination.iter().map(|c| (c, None, start, end));
        // An appendix that has ended cannot be given notice of.
        let appendices: Vec<_> = a
            .appendices
            .iter()
            .filter(|ap| !ap.status.has_ended())
            .filter_map(|ap| Some((ap, self.appendix_days(ap, start, end)?)))
            .flat_map(|(ap, (start, end))| {
                ap.termination
                    .iter()
                    .map(move |c| (c, Some(ap), start, end))
            })
            .collect();
        for (clause, appendix, start, end) in framework.chain(appendices) {
            // An appendix that ends by itself before `exit` needs no notice.
            if appendix.is_some() && exit > end {
                continue;
            }
            let Some(notice) = clause.notice else {
                continue;
            };
            let Some(mut last) = calendar::subtract(exit, notice) else {
                continue;
            };
            // Clamping can make the day after still fit: take the latest that does.
            while let Some(next) = calendar::next_day(last) {
                match calendar::add(next, notice) {
                    Some(effective) if effective <= exit => last = next,
                    _ => break,
                }
            }
            if last < start || last > end {
                continue;
            }
            let item = Item {
                exit: Some(exit),
                exit_word: Some(clause.word()),
                appendix: appendix.map(|ap| &ap.id),
                ..Item::new(
                    ObligationKind::NoticeDeadline,
                    last,
                    appendix.map_or(&a.title, |ap| &ap.title),
                    clause.clause(),
                )
            };
            self.push(item)?;
        }
        Ok(())
    }
}
