//! Follow-up records and the state of each obligation.

use std::collections::BTreeMap;

use domain::model::Ground;
use domain::rules::settle::{SettleInput, settle};
use domain::value::{Date, Money};
use serde::{Deserialize, Serialize};
use store::{AuditEvent, MoneyRow, NewRecord, StoredObligation, StoredRecord};

use crate::access::{Portfolio, RecordFollowUp, SeeAgreement};
use crate::{Actor, App, AppError};

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
    fn as_str(self) -> &'static str {
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
    fn states(self) -> &'static [&'static str] {
        match self {
            RecordKind::Decision => &["decided"],
            RecordKind::Signature => &["signed"],
            RecordKind::Payment => &["paid", "planned"],
            RecordKind::Invoice => &["sent", "paid"],
            RecordKind::Report => &["received", "approved", "returned"],
            RecordKind::Meeting => &["held"],
            RecordKind::Notice => &["given"],
            RecordKind::Extension => &["exercised"],
            RecordKind::Outcome => &["reported"],
        }
    }
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
/// orders like the dates, so rows are compared without parsing them.
fn views(list: Vec<StoredObligation>, today: Date) -> Vec<ObligationView> {
    let today_text = today.to_string();
    let soon = today
        .get()
        .checked_add(jiff::Span::new().days(DUE_SOON_DAYS))
        .map(|d| d.to_string())
        .unwrap_or_default();
    list.into_iter()
        .map(|o| {
            let state = if o.met {
                ObligationState::Met
            } else if o.due < today_text {
                ObligationState::Overdue
            } else if o.due <= soon {
                ObligationState::Due
            } else {
                ObligationState::Upcoming
            };
            ObligationView {
                agreement: o.agreement_id,
                agreement_title: o.agreement_title,
                key: o.key,
                due: o.due,
                kind: o.kind,
                title: o.title,
                clause: o.clause_id,
                window_start: o.window_start,
                state,
            }
        })
        .collect()
}

fn field(field: &str, message: impl Into<String>) -> AppError {
    AppError::Field {
        field: field.into(),
        message: message.into(),
    }
}

impl App {
    /// Record something that happened under an agreement.
    pub async fn add_record(
        &self,
        may: &RecordFollowUp,
        input: RecordInput,
        actor: &Actor,
    ) -> Result<StoredRecord, AppError> {
        let agreement_id = may.id();
        let states = input.kind.states();
        let state = input.state.clone().unwrap_or_else(|| states[0].to_owned());
        if !may.allows(input.kind, Some(&state)) {
            return Err(AppError::Forbidden(format!(
                "a partner representative may submit reports, invoices and outcome figures, not a {} record in state {state}",
                input.kind.as_str()
            )));
        }
        let current = self.get(may.see()).await?;
        if !states.contains(&state.as_str()) {
            return Err(field(
                "state",
                format!(
                    "a {} record is one of: {}",
                    input.kind.as_str(),
                    states.join(", ")
                ),
            ));
        }
        let obligations = self.store.obligations(agreement_id).await?;
        if let Some(key) = &input.obligation
            && !obligations.iter().any(|o| &o.key == key)
        {
            return Err(field(
                "obligation",
                format!("the agreement has no obligation {key:?}"),
            ));
        }
        let a = &current.agreement;
        if let Some(activity) = &input.activity
            && !a.activities.iter().any(|x| x.id.as_str() == activity)
        {
            return Err(field(
                "activity",
                format!("the agreement has no activity {activity:?}"),
            ));
        }
        if input.kind == RecordKind::Outcome
            && (input.activity.is_none() || input.counts.is_empty())
        {
            return Err(field(
                "counts",
                "outcome figures need an activity and at least one count",
            ));
        }
        if let Some(party) = &input.party
            && !a.parties.iter().any(|p| p.id.as_str() == party)
        {
            return Err(field(
                "party",
                format!("the agreement has no party {party:?}"),
            ));
        }
        let mut data = serde_json::to_value(&input).map_err(|e| field("", e.to_string()))?;
        if input.kind == RecordKind::Notice {
            let ground = input
                .ground
                .ok_or_else(|| field("ground", "a notice needs a ground"))?;
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
            .map_err(|e| field("date", format!("{e:?}")))?;
            if let Some(obj) = data.as_object_mut() {
                obj.insert(
                    "settlement".into(),
                    serde_json::to_value(&result).map_err(|e| field("", e.to_string()))?,
                );
            }
        }
        let record = NewRecord {
            id: uuid::Uuid::new_v4().to_string(),
            agreement_id: agreement_id.to_owned(),
            kind: input.kind.as_str().to_owned(),
            obligation_key: input.obligation.clone(),
            clause_id: input.clause.clone(),
            date: input.date.to_string(),
            amount_ore: input.amount.map(Money::ore),
            state,
            data: data.to_string(),
            author: actor.name.clone(),
            created_at: actor.at.clone(),
        };
        let audit = AuditEvent {
            at: actor.at.clone(),
            actor: actor.name.clone(),
            entity_kind: "agreement".into(),
            entity_id: agreement_id.to_owned(),
            action: "record-added".into(),
            before: None,
            after: Some(
                serde_json::json!({
                    "record": record.id, "kind": record.kind, "state": record.state,
                    "obligation": record.obligation_key, "data": data,
                })
                .to_string(),
            ),
        };
        self.store.add_record(&record, &audit).await?;
        Ok(record)
    }

    pub async fn records(&self, may: &SeeAgreement) -> Result<Vec<StoredRecord>, AppError> {
        Ok(self.store.records(may.id()).await?)
    }

    /// The obligations of an agreement and where each stands today.
    pub async fn obligations(
        &self,
        may: &SeeAgreement,
        today: Date,
    ) -> Result<Vec<ObligationView>, AppError> {
        let list = self.store.obligations(may.id()).await?;
        Ok(views(list, today))
    }

    /// Everything unmet due in the next `days` days, across the caller's
    /// agreements, a page at a time: from the start or `after` a cursor.
    pub async fn due_within(
        &self,
        scope: &Portfolio,
        today: Date,
        days: i64,
        after: Option<&store::DueCursor>,
        limit: i64,
    ) -> Result<Vec<ObligationView>, AppError> {
        let to = today
            .get()
            .checked_add(jiff::Span::new().days(days.clamp(0, 3660)))
            .map_err(|e| field("days", e.to_string()))?;
        let list = self
            .store
            .due_between(
                scope.user_id(),
                &today.to_string(),
                &to.to_string(),
                after,
                false,
                limit.clamp(1, 1000),
            )
            .await?;
        Ok(views(list, today))
    }

    /// Reports whose due date has passed with no record meeting them.
    pub async fn overdue_reports(
        &self,
        scope: &Portfolio,
        today: Date,
        limit: i64,
    ) -> Result<Vec<ObligationView>, AppError> {
        let yesterday = today
            .get()
            .yesterday()
            .map_err(|e| field("today", e.to_string()))?;
        let list = self
            .store
            .due_between(
                scope.user_id(),
                "0000-01-01",
                &yesterday.to_string(),
                None,
                true,
                limit.clamp(1, 1000),
            )
            .await?;
        Ok(views(list, today))
    }

    /// Agreements whose term ends within `months` months.
    pub async fn ending_within(
        &self,
        scope: &Portfolio,
        today: Date,
        months: i64,
    ) -> Result<Vec<store::AgreementSummary>, AppError> {
        let to = today
            .get()
            .checked_add(jiff::Span::new().months(months.clamp(0, 240)))
            .map_err(|e| field("months", e.to_string()))?;
        Ok(self
            .store
            .ending_between(scope.user_id(), &today.to_string(), &to.to_string(), 1000)
            .await?)
    }

    /// Money per year and party across the portfolio.
    pub async fn money_per_year(
        &self,
        scope: &Portfolio,
        from_year: i64,
        to_year: i64,
    ) -> Result<Vec<MoneyRow>, AppError> {
        Ok(self
            .store
            .money_per_year(scope.user_id(), from_year, to_year)
            .await?)
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
        for r in self.store.records(may.id()).await? {
            if r.kind != "outcome" {
                continue;
            }
            let Ok(input) = serde_json::from_str::<RecordInput>(&r.data) else {
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
