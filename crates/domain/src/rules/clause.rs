//! A reference from a computed result back to the clause it comes from.

use serde::Serialize;

use crate::model::{
    ExtensionOption, Financing, GovernanceBody, Invoicing, ReportingDuty, Term, TerminationClause,
};
use crate::value::Id;

/// The clause a result comes from: its id, the heading it stands under and
/// its sentences, so a person can always ask "why?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ClauseRef<'a> {
    pub id: &'a Id,
    pub section: &'a str,
    pub quote: &'a str,
}

/// Anything that carries `id`, `section` and `quote`.
pub trait Clause {
    fn clause(&self) -> ClauseRef<'_>;
}

macro_rules! clause {
    ($($ty:ty),*) => {$(
        impl Clause for $ty {
            fn clause(&self) -> ClauseRef<'_> {
                ClauseRef { id: &self.id, section: &self.section, quote: &self.quote }
            }
        }
    )*};
}

clause!(
    ExtensionOption,
    Financing,
    GovernanceBody,
    Invoicing,
    ReportingDuty,
    Term,
    TerminationClause
);
