//! Rules that compute from an agreement's clauses (domain.md, "readings").

pub mod indexation;
