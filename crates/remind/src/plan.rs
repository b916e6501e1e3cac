//! Which reminders are due on a day, and which planned ones no longer stand.

use std::collections::HashMap;
use std::fmt;

use domain::model::Status;
use domain::rules::obligations::ObligationKind;
use domain::value::Date;
use jiff::ToSpan;
use jiff::civil::Weekday;
use serde::{Deserialize, Serialize};

use crate::duty::{AgreementDuties, Duty};

/// The language a recipient reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    pub(crate) fn locale(self) -> locale::Lang {
        match self {
            Lang::Sv => locale::Lang::Sv,
            Lang::En => locale::Lang::En,
        }
    }
}

/// A recipient's role in the organisation that is a party to the agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Reader,
    Partner,
    Official,
}

/// The kinds of duty a recipient chooses among. Declared in the order a
/// mail lists them: decisions (extension, notice) first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DutyClass {
    Decision,
    Report,
    Invoice,
    Meeting,
    TermEnd,
}

impl DutyClass {
    pub fn of(kind: ObligationKind) -> Self {
        match kind {
            ObligationKind::ExtensionDecision | ObligationKind::NoticeDeadline => {
                DutyClass::Decision
            }
            ObligationKind::Invoice => DutyClass::Invoice,
            ObligationKind::Meeting => DutyClass::Meeting,
            ObligationKind::TermEnd => DutyClass::TermEnd,
            _ => DutyClass::Report,
        }
    }

    /// The term's end is a fact, not an act: nothing to chase after it.
    fn reminds_after_due(self) -> bool {
        self != DutyClass::TermEnd
    }
}

/// One mail per reminder, or one mail a day or a week with all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "every")]
pub enum Delivery {
    Individual,
    Daily,
    /// On this weekday, 1 = Monday … 7 = Sunday.
    Weekly {
        weekday: i8,
    },
}

/// What a recipient wants reminders for, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Kinds of duty; empty: none at all.
    pub classes: Vec<DutyClass>,
    /// Only duties the recipient's own party must act on.
    pub own_only: bool,
    /// Days relative to the due date: −30 is 30 days before, 7 is a week after.
    pub leads: Vec<i16>,
    pub delivery: Delivery,
    pub lang: Lang,
    /// Reminders for draft agreements too.
    pub drafts: bool,
}

/// 30 and 7 days before, on the day, 1 and 7 days after.
pub const DEFAULT_LEADS: [i16; 5] = [-30, -7, 0, 1, 7];

impl Settings {
    /// The defaults by role: a partner representative for the reports and
    /// invoices their organisation owes; an official for every duty;
    /// a reader for nothing.
    pub fn for_role(role: Role) -> Self {
        let (classes, own_only) = match role {
            Role::Reader => (Vec::new(), false),
            Role::Partner => (vec![DutyClass::Report, DutyClass::Invoice], true),
            Role::Official => (
                vec![
                    DutyClass::Decision,
                    DutyClass::Report,
                    DutyClass::Invoice,
                    DutyClass::Meeting,
                    DutyClass::TermEnd,
                ],
                false,
            ),
        };
        Settings {
            classes,
            own_only,
            leads: DEFAULT_LEADS.to_vec(),
            delivery: Delivery::Individual,
            lang: Lang::Sv,
            drafts: false,
        }
    }

    /// Whether an agreement in `status` gets reminders at all: a draft
    /// only when asked for.
    pub fn covers(&self, status: Status) -> bool {
        status != Status::Draft || self.drafts
    }

    fn wants(&self, duty: &Duty, parties: &[String]) -> bool {
        self.classes.contains(&DutyClass::of(duty.kind))
            && (!self.own_only || parties.iter().any(|p| duty.owed_by(p)))
    }

    /// The day a reminder that falls on `fire` is sent. A weekly digest
    /// sends reminders before the due date early (the digest day before)
    /// and the rest late (the digest day after), so none comes too late to
    /// act or speaks of a due date that has not come.
    fn send_on(&self, fire: Date, lead: i16) -> Option<Date> {
        let Delivery::Weekly { weekday } = self.delivery else {
            return Some(fire);
        };
        let target = Weekday::from_monday_one_offset(weekday).ok()?;
        let d = fire.get();
        let moved = if lead < 0 {
            if d.weekday() == target {
                Some(d)
            } else {
                d.nth_weekday(-1, target).ok()
            }
        } else if d.weekday() == target {
            Some(d)
        } else {
            d.nth_weekday(1, target).ok()
        };
        moved.map(Date::from)
    }
}

/// Someone who may get reminders for one agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    /// A stable id (the account's).
    pub id: String,
    pub address: String,
    pub name: String,
    /// Ids of the agreement's parties the recipient acts for.
    pub parties: Vec<String>,
    pub settings: Settings,
}

/// The unique key a reminder is planned and sent under: recipient, duty
/// (qualified by its agreement: a duty key is unique within one) and lead.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ReminderKey {
    pub recipient: String,
    pub agreement: String,
    pub duty: String,
    pub lead: i16,
}

impl fmt::Display for ReminderKey {
    /// `recipient/agreement/duty/lead`, e.g. `u7/skane/annual-report.rep.2023/-30`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{}/{}/{}",
            self.recipient, self.agreement, self.duty, self.lead
        )
    }
}

/// A reminder due on the planning day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reminder<'a> {
    pub key: ReminderKey,
    pub recipient: &'a Recipient,
    pub agreement: &'a AgreementDuties,
    pub duty: &'a Duty,
    /// The due date plus the lead.
    pub fire: Date,
    pub class: DutyClass,
}

/// The duties of `agreement` someone acting for `parties` (ids of its
/// parties) gets reminders for under `settings`, met or not, in the
/// agreement's order: the kinds they chose, only their own party's when they
/// chose so, none of a draft unless they asked for drafts. A calendar
/// subscription holds the same duties as the reminders.
pub fn reminded<'a>(
    agreement: &'a AgreementDuties,
    parties: &'a [String],
    settings: &'a Settings,
) -> impl Iterator<Item = &'a Duty> + 'a {
    let shown = settings.covers(agreement.status);
    agreement
        .duties
        .iter()
        .filter(move |duty| shown && settings.wants(duty, parties))
}

/// The reminders due on `day` for one agreement: for each recipient, each
/// duty they want and each lead whose send day is `day`, unless the duty
/// is met on or before `day` (`met`: duty key → the day it was met).
/// Ordered by recipient (as given), then decisions first, due date, lead.
/// Linear in the number of duties (times recipients and leads).
pub fn plan<'a>(
    day: Date,
    agreement: &'a AgreementDuties,
    met: &HashMap<String, Date>,
    recipients: &'a [Recipient],
) -> Vec<Reminder<'a>> {
    plan_window((day, day), day, agreement, met, recipients)
}

/// [`plan`] for the days `from` through `to` at once (a run that catches
/// up on days it missed, or a digest written again): each reminder whose
/// send day falls in them, unless the duty is met on or before `met_by`.
pub fn plan_window<'a>(
    (from, to): (Date, Date),
    met_by: Date,
    agreement: &'a AgreementDuties,
    met: &HashMap<String, Date>,
    recipients: &'a [Recipient],
) -> Vec<Reminder<'a>> {
    let mut out = Vec::new();
    for recipient in recipients {
        let s = &recipient.settings;
        let start = out.len();
        for duty in reminded(agreement, &recipient.parties, s) {
            if met.get(&duty.key).is_some_and(|m| *m <= met_by) {
                continue;
            }
            let class = DutyClass::of(duty.kind);
            for (i, &lead) in s.leads.iter().enumerate() {
                // A lead listed twice is still one reminder (one key).
                if (lead > 0 && !class.reminds_after_due()) || s.leads[..i].contains(&lead) {
                    continue;
                }
                let Ok(fire) = duty.due.get().checked_add(i64::from(lead).days()) else {
                    continue;
                };
                let fire = Date::from(fire);
                if !s.send_on(fire, lead).is_some_and(|d| from <= d && d <= to) {
                    continue;
                }
                out.push(Reminder {
                    key: ReminderKey {
                        recipient: recipient.id.clone(),
                        agreement: agreement.id.clone(),
                        duty: duty.key.clone(),
                        lead,
                    },
                    recipient,
                    agreement,
                    duty,
                    fire,
                    class,
                });
            }
        }
        out[start..].sort_by(|a, b| {
            (a.class, a.duty.due, a.key.lead).cmp(&(b.class, b.duty.due, b.key.lead))
        });
    }
    out
}

/// A reminder planned (in an outbox) and not yet sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Planned {
    pub key: ReminderKey,
    /// The due date the duty had when it was planned.
    pub due: Date,
}

/// Why a planned reminder no longer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "reason")]
pub enum CancelReason {
    /// The agreement no longer has the duty.
    Gone,
    /// The duty's due date changed.
    Moved { to: Date },
    /// The duty was met.
    Met { on: Date },
}

/// A planned reminder to drop, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cancel {
    pub key: ReminderKey,
    pub reason: CancelReason,
}

/// Which of `planned` (for `agreement`; others are passed over) no longer
/// stand on `day`: the duty is gone, moved or met. A moved duty's
/// reminders are planned again under the same keys for the new date.
pub fn cancelled(
    planned: &[Planned],
    agreement: &AgreementDuties,
    met: &HashMap<String, Date>,
    day: Date,
) -> Vec<Cancel> {
    let by_key: HashMap<&str, &Duty> = agreement
        .duties
        .iter()
        .map(|d| (d.key.as_str(), d))
        .collect();
    planned
        .iter()
        .filter(|p| p.key.agreement == agreement.id)
        .filter_map(|p| {
            let reason = match by_key.get(p.key.duty.as_str()) {
                None => CancelReason::Gone,
                Some(d) => match met.get(&d.key) {
                    Some(&on) if on <= day => CancelReason::Met { on },
                    _ if d.due != p.due => CancelReason::Moved { to: d.due },
                    _ => return None,
                },
            };
            Some(Cancel {
                key: p.key.clone(),
                reason,
            })
        })
        .collect()
}
