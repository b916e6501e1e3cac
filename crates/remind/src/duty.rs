//! The duties of one agreement, owned and detached from the agreement they
//! were computed from, so a planner can hold many agreements' duties at once.

use domain::Agreement;
use domain::model::Status;
use domain::rules::obligations::{self, Obligation, ObligationError, ObligationKind};
use domain::value::{Date, Money};
use serde::Serialize;

/// A party as a duty names it: its id in the agreement and its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartyRef {
    pub id: String,
    pub name: String,
}

/// The clause a duty comes from, quoted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clause {
    pub id: String,
    pub section: String,
    pub quote: String,
}

/// One dated duty: what [`Obligation`] says, owned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Duty {
    /// The duty's stable key ([`Obligation::key`]).
    pub key: String,
    pub kind: ObligationKind,
    pub due: Date,
    pub moved_from: Option<Date>,
    pub window_start: Option<Date>,
    pub label: String,
    pub year: Option<i16>,
    pub count: Option<u32>,
    pub max_weeks: Option<u32>,
    /// Who must act; empty: all parties jointly.
    pub responsible: Vec<PartyRef>,
    pub to: Option<String>,
    pub amount: Option<Money>,
    /// For a notice deadline: the day the exit takes effect.
    pub exit: Option<Date>,
    /// For a notice deadline: what the clause calls the exit.
    pub exit_word: Option<domain::model::ExitWord>,
    /// The appendix (bilaga) whose clause lays the duty, by id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appendix: Option<String>,
    pub clause: Clause,
}

impl Duty {
    /// The owned form of a duty of agreement `a`. Responsible parties are
    /// named in an obligation; their ids are found again by name.
    pub fn from_obligation(o: &Obligation<'_>, a: &Agreement) -> Self {
        let responsible = o
            .responsible
            .iter()
            .map(|name| PartyRef {
                id: a
                    .parties
                    .iter()
                    .find(|p| p.name == *name)
                    .map_or_else(String::new, |p| p.id.as_str().to_owned()),
                name: (*name).to_owned(),
            })
            .collect();
        Duty {
            key: o.key(),
            kind: o.kind,
            due: o.due,
            moved_from: o.moved_from,
            window_start: o.window_start,
            label: o.label.to_owned(),
            year: o.year,
            count: o.count,
            max_weeks: o.max_weeks,
            responsible,
            to: o.to.map(str::to_owned),
            amount: o.amount,
            exit: o.exit,
            exit_word: o.exit_word,
            appendix: o.appendix.map(|id| id.as_str().to_owned()),
            clause: Clause {
                id: o.clause.id.as_str().to_owned(),
                section: o.clause.section.to_owned(),
                quote: o.clause.quote.to_owned(),
            },
        }
    }

    /// Whether party `id` must act: named, or all parties jointly.
    pub fn owed_by(&self, id: &str) -> bool {
        self.responsible.is_empty() || self.responsible.iter().any(|p| p.id == id)
    }
}

/// An agreement's duties with what the planner needs of the agreement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementDuties {
    pub id: String,
    pub title: String,
    pub status: Status,
    /// Every party's name, for "who must act" when all act jointly.
    pub parties: Vec<PartyRef>,
    /// Sorted by due date, as [`obligations::obligations`] gives them.
    pub duties: Vec<Duty>,
}

impl AgreementDuties {
    /// Computes the duties of `a` over its whole term.
    pub fn from_agreement(a: &Agreement) -> Result<Self, ObligationError> {
        let duties = obligations::obligations(a, obligations::ObligationOptions::default())?
            .iter()
            .map(|o| Duty::from_obligation(o, a))
            .collect();
        Ok(AgreementDuties {
            id: a.id.as_str().to_owned(),
            title: a.short_name.clone().unwrap_or_else(|| a.title.clone()),
            status: a.status,
            parties: a
                .parties
                .iter()
                .map(|p| PartyRef {
                    id: p.id.as_str().to_owned(),
                    name: p.name.clone(),
                })
                .collect(),
            duties,
        })
    }

    /// Who must act on `duty`, in words.
    pub fn who_acts(&self, duty: &Duty) -> String {
        let named = if duty.responsible.is_empty() {
            &self.parties
        } else {
            &duty.responsible
        };
        named
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}
