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

/// Every clause a duty can come from, by id, gathered once: a page that
/// shows each duty with its clause looks each up in constant time, so its
/// work grows with the duties, not with duties × clauses.
#[derive(Debug, Clone, Default)]
pub struct Clauses<'a> {
    by_id: std::collections::HashMap<&'a str, ClauseRef<'a>>,
    /// Clauses examined so far: each once when gathered, one per look-up
    /// (the measure a test holds linear).
    examined: std::cell::Cell<usize>,
}

impl<'a> Clauses<'a> {
    /// The clauses of `a`; where two share an id, the first in the file's
    /// order (financing, invoicing, term, extension, termination,
    /// governance, reporting, then each appendix's termination and
    /// reporting) is the one found.
    pub fn of(a: &'a crate::Agreement) -> Clauses<'a> {
        let mut refs: Vec<ClauseRef<'a>> = Vec::new();
        if let Some(f) = &a.financing {
            refs.push(f.clause());
            refs.extend(f.invoicing.iter().map(Clause::clause));
        }
        if let Some(t) = &a.term {
            refs.push(t.clause());
        }
        if let Some(x) = &a.extension {
            refs.push(x.clause());
        }
        refs.extend(a.termination.iter().map(Clause::clause));
        refs.extend(a.governance.iter().map(Clause::clause));
        refs.extend(a.reporting.iter().map(Clause::clause));
        for ap in &a.appendices {
            refs.extend(ap.termination.iter().map(Clause::clause));
            refs.extend(ap.reporting.iter().map(Clause::clause));
        }
        let mut by_id = std::collections::HashMap::with_capacity(refs.len());
        let examined = std::cell::Cell::new(refs.len());
        for r in refs {
            by_id.entry(r.id.as_str()).or_insert(r);
        }
        Clauses { by_id, examined }
    }

    /// The clause with this id.
    pub fn get(&self, id: &str) -> Option<ClauseRef<'a>> {
        self.examined.set(self.examined.get() + 1);
        self.by_id.get(id).copied()
    }

    /// How many clauses were examined to gather them and answer every
    /// look-up so far.
    pub fn examined(&self) -> usize {
        self.examined.get()
    }

    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{Syntax, parse};
    use crate::rules::obligations::{ObligationOptions, obligations};

    /// A seed agreement with `n` more yearly reports, each its own clause.
    fn with_reports(n: usize) -> crate::Agreement {
        let mut text = crate::generate::SEED_FILES
            .iter()
            .find(|(name, _)| name.contains("vi-ses"))
            .map(|(_, text)| (*text).to_owned())
            .unwrap_or_default();
        for i in 0..n {
            text.push_str(&format!(
                "\n[[reporting]]\nid = \"extra-{i}\"\nsection = \"Uppföljning\"\nquote = \"Rapport {i}.\"\n\
                 kind = \"joint-report\"\ntitle = \"Rapport {i}\"\n\
                 due = {{ kind = \"yearly\", month = 3, day = 31, year_offset = 1 }}\n"
            ));
        }
        parse(&text, Syntax::Toml).unwrap_or_else(|e| panic!("{e:?}"))
    }

    /// Clauses examined to find every duty's clause, and the number of duties.
    fn work(n: usize) -> (usize, usize) {
        let a = with_reports(n);
        let duties = obligations(&a, ObligationOptions::default()).unwrap_or_default();
        let clauses = Clauses::of(&a);
        for d in &duties {
            let found = clauses.get(d.clause.id.as_str());
            assert_eq!(
                found.map(|c| c.quote),
                Some(d.clause.quote),
                "{}",
                d.clause.id
            );
        }
        (clauses.examined(), duties.len())
    }

    #[test]
    fn finding_each_duty_its_clause_is_linear() {
        // Each clause once when gathered, then one per duty: a search per
        // duty through every clause would examine duties × clauses.
        for n in [100, 1000] {
            let (examined, duties) = work(n);
            // Vi ses's own clauses, by hand: financing and its invoicing,
            // term, extension, rescission, steering group, two reports.
            let clauses = n + 8;
            assert_eq!(examined, clauses + duties, "{n} reports");
            assert!(examined < 2 * duties + clauses, "{n} reports");
        }
    }
}
