//! Rules that compute from an agreement's clauses (domain.md, "readings"):
//! the Swedish calendar, indexation, the money schedule, the dated
//! obligations and the settlement of an early exit.

pub mod calendar;
pub mod clause;
pub mod indexation;
pub mod obligations;
pub mod schedule;
pub mod settle;
