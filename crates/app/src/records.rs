//! Follow-up records and the state of each obligation.

use std::collections::BTreeMap;

use domain::model::{Ground, Status};
use domain::rules::obligations::ObligationKind;
use domain::rules::settle::{SettleInput, settle};
use domain::value::{Date, Money};
use serde::{Deserialize, Serialize};
use store::{DueFilter, NewRecord, StoredObligation, StoredRecord};

use crate::access::{Portfolio, RecordFollowUp, Role, SeeAgreement};
use crate::agreements::{statuses, stored_status};
use crate::{Actor, AgreementSummary, App, AppError, Message};

/// What a record is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecordKind {
    /// A decision (ärende, organ, paragraf, utfall).
    Decision,
    /// A party's signature.
    Signature,
    /// A payment, planned or made.
    Payment,
    /// An invoice sent or paid.
    Invoice,
    /// A report received, approved or returned.
    Report,
    /// A meeting held.
    Meeting,
    /// Notice given to end the agreement; the settlement is computed and kept.
    Notice,
    /// An extension exercised.
    Extension,
    /// Outcome figures for an activity: counts only, never people.
    Outcome,
}

impl RecordKind {
    pub const ALL: [RecordKind; 9] = [
        RecordKind::Decision,
        RecordKind::Signature,
        RecordKind::Payment,
        RecordKind::Invoice,
        RecordKind::Report,
        RecordKind::Meeting,
        RecordKind::Notice,
        RecordKind::Extension,
        RecordKind::Outcome,
    ];

    /// The kind as the database, the API and the pages' keys spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Decision => "decision",
            RecordKind::Signature => "signature",
            RecordKind::Payment => "payment",
            RecordKind::Invoice => "invoice",
            RecordKind::Report => "report",
            RecordKind::Meeting => "meeting",
            RecordKind::Notice => "notice",
            RecordKind::Extension => "extension",
            RecordKind::Outcome => "outcome",
        }
    }

    /// The states a record of this kind can be in; the first is the default.
    pub fn states(self) -> &'static [RecordState] {
        use RecordState::*;
        match self {
            RecordKind::Decision => &[Decided],
            RecordKind::Signature => &[Signed],
            RecordKind::Payment => &[Paid, Planned],
            RecordKind::Invoice => &[Sent, Paid],
            RecordKind::Report => &[Received, Approved, Returned],
            RecordKind::Meeting => &[Held],
            RecordKind::Notice => &[Given],
            RecordKind::Extension => &[Exercised],
            RecordKind::Outcome => &[Reported],
        }
    }
}

/// Where a record stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecordState {
    Decided,
    Signed,
    /// Money paid (a payment or an invoice).
    Paid,
    /// A payment not made yet: it does not meet an obligation.
    Planned,
    Sent,
    Received,
    Approved,
    /// A report sent back: it does not meet an obligation.
    Returned,
    Held,
    Given,
    Exercised,
    Reported,
}

impl RecordState {
    pub const ALL: [RecordState; 12] = [
        RecordState::Decided,
        RecordState::Signed,
        RecordState::Paid,
        RecordState::Planned,
        RecordState::Sent,
        RecordState::Received,
        RecordState::Approved,
        RecordState::Returned,
        RecordState::Held,
        RecordState::Given,
        RecordState::Exercised,
        RecordState::Reported,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RecordState::Decided => "decided",
            RecordState::Signed => "signed",
            RecordState::Paid => "paid",
            RecordState::Planned => "planned",
            RecordState::Sent => "sent",
            RecordState::Received => "received",
            RecordState::Approved => "approved",
            RecordState::Returned => "returned",
            RecordState::Held => "held",
            RecordState::Given => "given",
            RecordState::Exercised => "exercised",
            RecordState::Reported => "reported",
        }
    }

    /// Whether a record in this state meets the obligation it names: not
    /// when merely planned or sent back.
    pub fn meets(self) -> bool {
        !matches!(self, RecordState::Planned | RecordState::Returned)
    }
}

/// Displays and parses the `as_str` spelling of a vocabulary enum.
macro_rules! spelled {
    ($ty:ident) => {
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = AppError;
            fn from_str(s: &str) -> Result<$ty, AppError> {
                $ty::ALL
                    .into_iter()
                    .find(|x| x.as_str() == s)
                    .ok_or_else(|| AppError::Internal(format!("{s:?} is no {}", stringify!($ty))))
            }
        }
    };
}
spelled!(RecordKind);
spelled!(RecordState);

/// A record of something that happened under an agreement, its fields
/// parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub id: String,
    pub agreement_id: String,
    pub kind: RecordKind,
    pub obligation_key: Option<String>,
    pub clause_id: Option<String>,
    pub date: String,
    pub amount_ore: Option<i64>,
    pub state: RecordState,
    /// The record's fields as sent, and for a notice the computed settlement.
    pub data: serde_json::Value,
    pub author: String,
    pub created_at: String,
}

impl TryFrom<store::StoredRecord> for Record {
    type Error = AppError;
    fn try_from(r: store::StoredRecord) -> Result<Self, AppError> {
        Ok(Record {
            kind: r.kind.parse()?,
            state: r.state.parse()?,
            data: serde_json::from_str(&r.data).unwrap_or(serde_json::Value::Null),
            id: r.id,
            agreement_id: r.agreement_id,
            obligation_key: r.obligation_key,
            clause_id: r.clause_id,
            date: r.date,
            amount_ore: r.amount_ore,
            author: r.author,
            created_at: r.created_at,
        })
    }
}

/// Where the next page of a due list starts: after this obligation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueCursor {
    pub due: String,
    pub agreement_id: String,
    pub key: String,
}

impl std::fmt::Display for DueCursor {
    /// `DUE/AGREEMENT/KEY`: dates and agreement ids hold no `/`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}/{}", self.due, self.agreement_id, self.key)
    }
}

impl std::str::FromStr for DueCursor {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        let mut parts = s.splitn(3, '/');
        match (parts.next(), parts.next(), parts.next()) {
            (Some(due), Some(agreement), Some(key)) if !agreement.is_empty() => Ok(DueCursor {
                due: due.to_owned(),
                agreement_id: agreement.to_owned(),
                key: key.to_owned(),
            }),
            _ => Err(()),
        }
    }
}

/// Money of one party in one year, summed over the portfolio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyPerYear {
    pub year: i64,
    pub party: String,
    pub cash_ore: Option<i64>,
    /// The part of `cash_ore` that is a ceiling ("högst"), paid against
    /// delivery; never a firm payment.
    pub cash_ceiling_ore: Option<i64>,
    pub in_kind_ore: Option<i64>,
    /// How many agreements contributed to the row.
    pub agreements: i64,
}

/// A record as a client sends it. Fields are typed: there is no free field
/// where personal data about the people served could be put.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordInput {
    pub kind: RecordKind,
    pub date: Date,
    /// The obligation it fulfils (its key, from the obligations list).
    #[serde(default)]
    pub obligation: Option<String>,
    /// The clause it relates to.
    #[serde(default)]
    pub clause: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub amount: Option<Money>,
    /// For a decision or meeting: the body (organ, styrgrupp).
    #[serde(default)]
    pub body: Option<String>,
    /// For a decision: case number and minute paragraph.
    #[serde(default)]
    pub case_number: Option<String>,
    #[serde(default)]
    pub paragraph: Option<String>,
    /// For a decision: approved, rejected, referred-back, tabled.
    #[serde(default)]
    pub outcome: Option<domain::model::Outcome>,
    /// For a signature, payment or invoice: the party.
    #[serde(default)]
    pub party: Option<String>,
    /// For an outcome: the activity and counts per unit ("barn": 65).
    #[serde(default)]
    pub activity: Option<String>,
    #[serde(default)]
    pub counts: BTreeMap<String, u32>,
    /// For a notice: the ground, and what was paid and incurred when known.
    #[serde(default)]
    pub ground: Option<Ground>,
    #[serde(default)]
    pub paid: Option<Money>,
    #[serde(default)]
    pub incurred: Option<Money>,
    /// For an extension: the new last day.
    #[serde(default)]
    pub new_end: Option<Date>,
}

/// Where an obligation stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ObligationState {
    /// Due later than the next 30 days.
    Upcoming,
    /// Due within the next 30 days (or today).
    Due,
    /// The due date has passed and no record meets it.
    Overdue,
    /// A record meets it.
    Met,
    /// A fact, not an act (the term's end), whose day has passed: nothing
    /// was due from anyone, so it is never late.
    Passed,
    /// The due date has passed, but the agreement binds no one yet (a
    /// draft: not decided, or its decision referred back,
    /// [`Status::binds_duties`]): not late, and not on the overdue list.
    NotInForce,
}

/// The obligation kinds that are reports to hand in.
fn report_kinds() -> Vec<&'static str> {
    ObligationKind::reports()
        .map(ObligationKind::as_str)
        .collect()
}

/// Days ahead in which an obligation counts as due.
const DUE_SOON_DAYS: i64 = 30;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObligationView {
    pub agreement: String,
    pub agreement_title: String,
    pub key: String,
    pub due: String,
    pub kind: String,
    pub title: String,
    pub clause: String,
    pub window_start: Option<String>,
    pub state: ObligationState,
}

/// Where each obligation stands on `today`. Dates are ISO 8601 text, which
/// orders like the dates, so rows are compared without parsing them. Only
/// the duties of an agreement that binds ([`Status::binds_duties`]) can be
/// overdue; [`App::overdue_reports`] asks the store for those statuses.
fn views(list: Vec<StoredObligation>, today: Date) -> Result<Vec<ObligationView>, AppError> {
    let today_text = today.to_string();
    let soon = today
        .get()
        .checked_add(jiff::Span::new().days(DUE_SOON_DAYS))
        .map(|d| d.to_string())
        .unwrap_or_default();
    list.into_iter()
        .map(|o| {
            let binds = stored_status(&o.agreement_status)?.binds_duties();
            let state = if o.met {
                ObligationState::Met
            } else if o.due < today_text && o.kind == ObligationKind::TermEnd.as_str() {
                ObligationState::Passed
            } else if o.due < today_text && !binds {
                ObligationState::NotInForce
            } else if o.due < today_text {
                ObligationState::Overdue
            } else if o.due <= soon {
                ObligationState::Due
            } else {
                ObligationState::Upcoming
            };
            Ok(ObligationView {
                agreement: o.agreement_id,
                agreement_title: o.agreement_title,
                key: o.key,
                due: o.due,
                kind: o.kind,
                title: o.title,
                clause: o.clause_id,
                window_start: o.window_start,
                state,
            })
        })
        .collect()
}

fn field(field: &str, message: Message) -> AppError {
    AppError::field(field, message)
}

/// A wrong field whose reason is a technical detail.
fn detail(field: &str, detail: impl std::fmt::Display) -> AppError {
    AppError::field(field, Message::detail(detail))
}

/// The obligation, activity and party a record names must be the agreement's.
fn check_references(
    input: &RecordInput,
    a: &domain::Agreement,
    obligations: &[StoredObligation],
) -> Result<(), AppError> {
    if let Some(key) = &input.obligation
        && !obligations.iter().any(|o| &o.key == key)
    {
        return Err(field(
            "obligation",
            Message::new("app-no-obligation").arg("key", key),
        ));
    }
    if let Some(activity) = &input.activity
        && !a.activities.iter().any(|x| x.id.as_str() == activity)
    {
        return Err(field(
            "activity",
            Message::new("app-no-activity").arg("activity", activity),
        ));
    }
    if input.kind == RecordKind::Outcome && (input.activity.is_none() || input.counts.is_empty()) {
        return Err(field("counts", Message::new("app-outcome-counts")));
    }
    if let Some(party) = &input.party
        && !a.parties.iter().any(|p| p.id.as_str() == party)
    {
        return Err(field(
            "party",
            Message::new("app-no-party").arg("party", party),
        ));
    }
    Ok(())
}

/// The record's fields as kept, and for a notice the settlement it starts.
fn record_data(input: &RecordInput, a: &domain::Agreement) -> Result<serde_json::Value, AppError> {
    let mut data = serde_json::to_value(input).map_err(|e| detail("", e))?;
    if input.kind == RecordKind::Notice {
        let ground = input
            .ground
            .ok_or_else(|| field("ground", Message::new("app-notice-ground")))?;
        let result = settle(
            a,
            SettleInput {
                notice_date: input.date,
                by: input.party.as_deref(),
                ground,
                paid: input.paid,
                incurred: input.incurred,
            },
        )
        .map_err(|e| detail("date", format!("{e:?}")))?;
        if let Some(obj) = data.as_object_mut() {
            obj.insert(
                "settlement".into(),
                serde_json::to_value(&result).map_err(|e| detail("", e))?,
            );
        }
    }
    Ok(data)
}

/// The longest text a record's field may hold, in characters.
pub const MAX_RECORD_TEXT_CHARS: usize = 1000;

/// Every text of a record within [`MAX_RECORD_TEXT_CHARS`].
fn check_text_lengths(input: &RecordInput) -> Result<(), AppError> {
    let texts = [
        ("obligation", &input.obligation),
        ("clause", &input.clause),
        ("state", &input.state),
        ("body", &input.body),
        ("case_number", &input.case_number),
        ("paragraph", &input.paragraph),
        ("party", &input.party),
        ("activity", &input.activity),
    ];
    let texts = texts
        .into_iter()
        .filter_map(|(field, text)| Some((field, text.as_deref()?)))
        .chain(input.counts.keys().map(|unit| ("counts", unit.as_str())));
    for (field, text) in texts {
        if text.chars().count() > MAX_RECORD_TEXT_CHARS {
            return Err(too_long(field, MAX_RECORD_TEXT_CHARS));
        }
    }
    Ok(())
}

/// A text in `field` longer than `max` characters: the one way a too long
/// text is refused, naming the field and the limit.
pub(crate) fn too_long(field: &str, max: usize) -> AppError {
    AppError::field(
        field,
        Message::new("app-text-long").arg("n", max.to_string()),
    )
}

/// Refused: the caller may not record this kind of record in this state
/// (`text`: the state as given, when it is none there is).
pub(crate) fn may_not_record(kind: RecordKind, state: Option<RecordState>, text: &str) -> AppError {
    AppError::Forbidden(
        Message::new("app-partner-records")
            .arg("kind", format!("@ui-record-{kind}"))
            .arg(
                "state",
                state.map_or(text.to_owned(), |s| format!("@ui-record-state-{s}")),
            ),
    )
}

impl App {
    /// Record something that happened under an agreement.
    pub async fn add_record(
        &self,
        may: &RecordFollowUp,
        input: RecordInput,
        actor: &Actor,
    ) -> Result<Record, AppError> {
        check_text_lengths(&input)?;
        let agreement_id = may.id();
        let state = self.checked_state(may, &input)?;
        let current = self.get(may.see()).await?;
        let obligations = self.store.obligations(agreement_id).await?;
        let mut input = input;
        if may.role() == Role::Partner && input.kind == RecordKind::Invoice {
            input.party = OwnMoney::new(&current.agreement, may.see().orgs())
                .invoicing_party(input.party.take())?;
        }
        check_references(&input, &current.agreement, &obligations)?;
        let data = record_data(&input, &current.agreement)?;
        let record = Record {
            id: uuid::Uuid::new_v4().to_string(),
            agreement_id: agreement_id.to_owned(),
            kind: input.kind,
            obligation_key: input.obligation.clone(),
            clause_id: input.clause.clone(),
            date: input.date.to_string(),
            amount_ore: input.amount.map(Money::ore),
            state,
            data,
            author: actor.name.clone(),
            created_at: actor.at.clone(),
        };
        let audit = actor.added_to_agreement(
            agreement_id,
            "record-added",
            serde_json::json!({
                "record": record.id, "kind": record.kind.as_str(), "state": record.state.as_str(),
                "obligation": record.obligation_key, "data": record.data,
            }),
        );
        let row = NewRecord {
            record: StoredRecord {
                id: record.id.clone(),
                agreement_id: record.agreement_id.clone(),
                kind: record.kind.as_str().to_owned(),
                obligation_key: record.obligation_key.clone(),
                clause_id: record.clause_id.clone(),
                date: record.date.clone(),
                amount_ore: record.amount_ore,
                state: record.state.as_str().to_owned(),
                data: record.data.to_string(),
                author: record.author.clone(),
                created_at: record.created_at.clone(),
            },
            meets: record.state.meets(),
        };
        self.store.add_record(&row, &audit).await?;
        Ok(record)
    }

    /// The state the record will have: as given or the kind's default, one
    /// the kind can be in and the caller may record.
    fn checked_state(
        &self,
        may: &RecordFollowUp,
        input: &RecordInput,
    ) -> Result<RecordState, AppError> {
        let states = input.kind.states();
        let text = input
            .state
            .clone()
            .unwrap_or_else(|| states[0].as_str().to_owned());
        let state = text.parse::<RecordState>().ok();
        if !may.allows_state(input.kind, state) {
            return Err(may_not_record(input.kind, state, &text));
        }
        state.filter(|s| states.contains(s)).ok_or_else(|| {
            let names: Vec<&str> = states.iter().map(|s| s.as_str()).collect();
            field(
                "state",
                Message::new("app-record-states")
                    .arg("kind", format!("@ui-record-{}", input.kind))
                    .arg("states", names.join(", ")),
            )
        })
    }

    /// The records of an agreement that the caller may read: all of them,
    /// but for a partner representative another party's payments and
    /// invoices.
    pub async fn records(&self, may: &SeeAgreement) -> Result<Vec<Record>, AppError> {
        let records = self
            .store
            .records(may.id())
            .await?
            .into_iter()
            .map(Record::try_from)
            .collect::<Result<Vec<_>, _>>()?;
        if may.role() != Role::Partner {
            return Ok(records);
        }
        let money = self.partners_money(may).await?;
        Ok(records.into_iter().filter(|r| money.reads(r)).collect())
    }

    /// Whether the caller may read this record of the agreement.
    pub(crate) async fn reads_record(
        &self,
        may: &SeeAgreement,
        record: &Record,
    ) -> Result<bool, AppError> {
        Ok(record.agreement_id == may.id()
            && (may.role() != Role::Partner || self.partners_money(may).await?.reads(record)))
    }

    /// [`App::reads_record`] by the record's id; an unknown id is unread.
    pub(crate) async fn reads_record_id(
        &self,
        may: &SeeAgreement,
        record_id: &str,
    ) -> Result<bool, AppError> {
        match self.store.record(record_id).await? {
            Some(stored) => self.reads_record(may, &Record::try_from(stored)?).await,
            None => Ok(false),
        }
    }

    /// Which payments and invoices of the agreement are the partner
    /// representative's own organisation's.
    pub(crate) async fn partners_money(&self, may: &SeeAgreement) -> Result<OwnMoney, AppError> {
        let agreement = self.get(may).await?.agreement;
        Ok(OwnMoney::new(&agreement, may.orgs()))
    }

    /// The obligations of an agreement and where each stands today.
    pub async fn obligations(
        &self,
        may: &SeeAgreement,
        today: Date,
    ) -> Result<Vec<ObligationView>, AppError> {
        let list = self.store.obligations(may.id()).await?;
        views(list, today)
    }

    /// Everything unmet due in the next `days` days, across the caller's
    /// agreements, a page at a time: from the start or `after` a cursor.
    pub async fn due_within(
        &self,
        scope: &Portfolio,
        today: Date,
        days: i64,
        after: Option<&DueCursor>,
        limit: i64,
    ) -> Result<Vec<ObligationView>, AppError> {
        let to = today
            .get()
            .checked_add(jiff::Span::new().days(days.clamp(0, 3660)))
            .map_err(|e| detail("days", e))?;
        let list = self
            .store
            .due_between(
                scope.user_id(),
                &today.to_string(),
                &to.to_string(),
                after
                    .map(|c| store::DueCursor {
                        due: c.due.clone(),
                        agreement_id: c.agreement_id.clone(),
                        key: c.key.clone(),
                    })
                    .as_ref(),
                DueFilter::default(),
                limit.clamp(1, 1000),
            )
            .await?;
        views(list, today)
    }

    /// Reports whose due date has passed with no record meeting them, of
    /// agreements that bind ([`Status::binds_duties`]): a draft's are not
    /// late ([`ObligationState::NotInForce`]).
    pub async fn overdue_reports(
        &self,
        scope: &Portfolio,
        today: Date,
        limit: i64,
    ) -> Result<Vec<ObligationView>, AppError> {
        let yesterday = today.get().yesterday().map_err(|e| detail("today", e))?;
        let (kinds, binding) = (report_kinds(), statuses(Status::binds_duties));
        let list = self
            .store
            .due_between(
                scope.user_id(),
                "0000-01-01",
                &yesterday.to_string(),
                None,
                DueFilter {
                    kinds: Some(&kinds),
                    statuses: Some(&binding),
                },
                limit.clamp(1, 1000),
            )
            .await?;
        views(list, today)
    }

    /// Agreements whose term ends within `months` months.
    pub async fn ending_within(
        &self,
        scope: &Portfolio,
        today: Date,
        months: i64,
    ) -> Result<Vec<AgreementSummary>, AppError> {
        let to = today
            .get()
            .checked_add(jiff::Span::new().months(months.clamp(0, 240)))
            .map_err(|e| detail("months", e))?;
        self.store
            .ending_between(
                scope.user_id(),
                &today.to_string(),
                &to.to_string(),
                &statuses(Status::is_in_force),
                1000,
            )
            .await?
            .into_iter()
            .map(AgreementSummary::try_from)
            .collect()
    }

    /// Money per year and party across the portfolio.
    pub async fn money_per_year(
        &self,
        scope: &Portfolio,
        from_year: i64,
        to_year: i64,
    ) -> Result<Vec<MoneyPerYear>, AppError> {
        Ok(self
            .store
            .money_per_year(
                scope.user_id(),
                from_year,
                to_year,
                &statuses(Status::counts_money),
            )
            .await?
            .into_iter()
            .map(|m| MoneyPerYear {
                year: m.year,
                party: m.party,
                cash_ore: m.cash_ore,
                cash_ceiling_ore: m.cash_ceiling_ore,
                in_kind_ore: m.in_kind_ore,
                agreements: m.agreements,
            })
            .collect())
    }
}

/// Outcome figures of one activity, unit and year against its capacity target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutcomeView {
    pub activity: String,
    pub unit: String,
    pub year: i16,
    /// Sum of the counts reported for that year.
    pub reported: u64,
    /// The agreement's target per year, when it states one.
    pub target: Option<u32>,
    pub approximate: bool,
}

impl App {
    /// Reported outcome figures per activity, unit and year, beside the
    /// capacity targets of the agreement (seed 003: about 70 children and 40
    /// parents a year). Counts only: records hold no one's name.
    pub async fn outcomes(&self, may: &SeeAgreement) -> Result<Vec<OutcomeView>, AppError> {
        let a = self.get(may).await?.agreement;
        let mut sums: BTreeMap<(String, String, i16), u64> = BTreeMap::new();
        for r in self.records(may).await? {
            if r.kind != RecordKind::Outcome {
                continue;
            }
            let Ok(input) = serde_json::from_value::<RecordInput>(r.data) else {
                continue;
            };
            let (Some(activity), year) = (input.activity, input.date.year()) else {
                continue;
            };
            for (unit, count) in input.counts {
                *sums.entry((activity.clone(), unit, year)).or_default() += u64::from(count);
            }
        }
        Ok(sums
            .into_iter()
            .map(|((activity, unit, year), reported)| {
                let target = a
                    .activities
                    .iter()
                    .filter(|x| x.id.as_str() == activity)
                    .flat_map(|x| &x.capacity)
                    .find(|c| c.per_year && c.unit == unit);
                OutcomeView {
                    target: target.map(|c| c.count),
                    approximate: target.is_some_and(|c| c.approximate),
                    activity,
                    unit,
                    year,
                    reported,
                }
            })
            .collect())
    }
}

/// A partner representative's view of an agreement's money records. When
/// every idea-driven party is their organisation, all the agreement's
/// payments and invoices concern them. Otherwise only those naming one of
/// their organisation's parties (the invoicing party of their own invoices)
/// do; another organisation's are not shown. Everything else under the
/// agreement is shared business of the partnership and readable.
pub(crate) struct OwnMoney {
    own_parties: Vec<String>,
    all_idea_driven_own: bool,
}

impl OwnMoney {
    fn new(agreement: &domain::Agreement, orgs: &[String]) -> OwnMoney {
        let is_own = |p: &domain::model::Party| orgs.contains(&crate::org_id(p));
        OwnMoney {
            own_parties: agreement
                .parties
                .iter()
                .filter(|p| is_own(p))
                .map(|p| p.id.as_str().to_owned())
                .collect(),
            all_idea_driven_own: agreement
                .parties
                .iter()
                .filter(|p| p.sector == domain::model::Sector::IdeaDriven)
                .all(is_own),
        }
    }

    pub(crate) fn reads(&self, r: &Record) -> bool {
        if !matches!(r.kind, RecordKind::Payment | RecordKind::Invoice) || self.all_idea_driven_own
        {
            return true;
        }
        let party = r.data.get("party").and_then(|p| p.as_str());
        party.is_some_and(|party| self.own_parties.iter().any(|own| own == party))
    }

    /// The party a partner representative's invoice is from: the one given,
    /// which must be their own, or their organisation's only party.
    fn invoicing_party(&self, given: Option<String>) -> Result<Option<String>, AppError> {
        match (given, self.own_parties.as_slice()) {
            (Some(party), own) if own.contains(&party) => Ok(Some(party)),
            (None, [only]) => Ok(Some(only.clone())),
            _ => Err(field("party", Message::new("app-partner-other-party"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(kind: &str, due: &str) -> StoredObligation {
        stored_in("decided", kind, due)
    }

    fn stored_in(status: &str, kind: &str, due: &str) -> StoredObligation {
        StoredObligation {
            agreement_status: status.into(),
            agreement_id: "a".into(),
            agreement_title: "A".into(),
            key: format!("{kind}.{due}"),
            due: due.into(),
            kind: kind.into(),
            title: String::new(),
            clause_id: "c".into(),
            window_start: None,
            met: false,
        }
    }

    #[test]
    fn a_passed_term_end_is_never_late() {
        let today: Date = "2026-12-06".parse().unwrap_or_else(|_| unreachable!());
        let states: Vec<ObligationState> = views(
            vec![
                stored("term-end", "2016-12-31"),
                stored("annual-report", "2016-03-31"),
            ],
            today,
        )
        .unwrap()
        .into_iter()
        .map(|v| v.state)
        .collect();
        assert_eq!(states, [ObligationState::Passed, ObligationState::Overdue]);
    }

    /// A draft (000, its decision referred back) binds no one: its report
    /// due 2026-03-31 is not late on 2026-12-06, while the same report of a
    /// decided, signed, active, ended or terminated agreement is.
    #[test]
    fn a_drafts_past_duty_is_not_overdue() {
        let today: Date = "2026-12-06".parse().unwrap_or_else(|_| unreachable!());
        let state = |status: &str, due: &str| {
            views(vec![stored_in(status, "annual-report", due)], today).unwrap()[0].state
        };
        assert_eq!(state("draft", "2026-03-31"), ObligationState::NotInForce);
        for status in ["decided", "signed", "active", "ended", "terminated"] {
            assert_eq!(
                state(status, "2026-03-31"),
                ObligationState::Overdue,
                "{status}"
            );
        }
        // Ahead, a draft's duty is dated like any other.
        assert_eq!(state("draft", "2026-12-20"), ObligationState::Due);
        assert_eq!(state("draft", "2027-03-31"), ObligationState::Upcoming);
    }
}
