//! From a `domain::Agreement` to the documents' views.

mod agreement;
mod decision;

pub use agreement::compose as agreement;
pub use decision::{memo, minute};

use domain::Agreement;
use domain::model::{Financing, Member, Status, Term};
use domain::value::{Date, Id};

/// What every document needs to look things up.
pub struct Ctx<'a> {
    agreement: &'a Agreement,
    /// Ärendenummer, from the agreement or its decision trail.
    pub case_number: Option<String>,
    /// The document date (PDF metadata).
    pub date: Option<Date>,
}

impl<'a> Ctx<'a> {
    pub fn new(agreement: &'a Agreement, date: Option<Date>) -> Self {
        let case_number = agreement.case_number.clone().or_else(|| {
            agreement
                .decision_trail
                .as_ref()
                .map(|t| t.case_number.clone())
        });
        Ctx {
            agreement,
            case_number,
            date,
        }
    }

    /// A party's name by id; the id itself when it names no party.
    pub fn party_name(&self, id: &Id) -> String {
        self.agreement
            .parties
            .iter()
            .find(|p| &p.id == id)
            .map_or_else(|| id.to_string(), |p| p.name.clone())
    }

    /// A governance member: "projektledare (Röda Korset)".
    pub fn member(&self, m: &Member) -> String {
        let party = m.party.as_ref().map(|p| {
            self.agreement
                .parties
                .iter()
                .find(|x| &x.id == p)
                .map_or_else(
                    || p.to_string(),
                    |x| x.short_name.clone().unwrap_or(x.name.clone()),
                )
        });
        match (&m.role, party) {
            (Some(role), Some(party)) if role == &party => party,
            (Some(role), Some(party)) => format!("{role} ({party})"),
            (Some(role), None) => role.clone(),
            (None, Some(party)) => party,
            (None, None) => String::new(),
        }
    }

    /// A recipient written as a party id, a body id or in words.
    pub fn recipient(&self, to: &str) -> String {
        if let Some(p) = self.agreement.parties.iter().find(|p| p.id == *to) {
            return p.name.clone();
        }
        if let Some(b) = self.agreement.governance.iter().find(|b| b.id == *to) {
            return b.name.clone();
        }
        to.to_owned()
    }
}

/// The number of calendar years a term touches (2025-01-01 – 2028-12-31: 4).
pub fn years_of(term: &Term) -> Option<u32> {
    let n = i32::from(term.end.year()) - i32::from(term.start.year()) + 1;
    u32::try_from(n).ok().filter(|n| *n > 0)
}

pub fn status(s: Status) -> &'static str {
    match s {
        Status::Draft => "utkast",
        Status::Decided => "beslutad",
        Status::Signed => "undertecknad",
        Status::Active => "gällande",
        Status::Ended => "avslutad",
        Status::Terminated => "avslutad i förtid",
    }
}

fn alternatives_note(f: &Financing) -> String {
    let n = f.alternatives.len();
    format!(
        "Beslutsunderlaget jämför {} finansieringsalternativ; se tjänsteskrivelsen.",
        if n == 2 {
            "två".to_owned()
        } else {
            n.to_string()
        }
    )
}
