//! The checks every agreement gets (domain.md, "Checks every agreement
//! gets"): rules are errors, judgements are warnings. Each finding has a
//! stable code and the path of the field it concerns; the words come from the
//! `locale` crate.

mod bounds;
mod ids;
mod money;
mod structure;
mod text;
mod time;

use crate::Agreement;
use crate::diagnostic::{Diagnostic, Severity};

pub use bounds::{
    MAX_DUTIES, MAX_HEADING_CHARS, MAX_SECTION_CHARS, MAX_TERM_YEARS, MAX_TITLE_CHARS,
};
pub use ids::{RESERVED_AGREEMENT_IDS, is_ocid};
pub use money::DEFAULT_EUR_PRICE;
pub use text::printable;

/// Every code the checks can produce, with its severity. Reading errors
/// (syntax, types, value formats) come from `format::parse` instead;
/// `orgnr-checksum` is both: `FromStr` refuses it, a file keeps it for the checks.
pub const CODES: &[(&str, Severity)] = &[
    ("party-sectors", Severity::Error),
    ("orgnr-checksum", Severity::Error),
    ("orgnr-sector", Severity::Warning),
    ("no-own-contribution", Severity::Warning),
    ("contributions-sum", Severity::Error),
    ("budget-lines-sum", Severity::Error),
    ("term-missing", Severity::Error),
    ("term-order", Severity::Error),
    ("extension-unbounded", Severity::Warning),
    ("per-unit-payment", Severity::Warning),
    ("ceiling-without-amount", Severity::Error),
    ("procured-service", Severity::Warning),
    ("section-missing", Severity::Error),
    ("dispute-missing", Severity::Warning),
    ("no-joint-governance", Severity::Warning),
    ("no-follow-up", Severity::Warning),
    ("de-minimis", Severity::Warning),
    ("decision-missing", Severity::Error),
    ("id-reserved", Severity::Error),
    ("ocid-format", Severity::Error),
    ("duplicate-id", Severity::Error),
    ("unknown-reference", Severity::Error),
    ("payment-plan-invalid", Severity::Error),
    ("due-invalid", Severity::Error),
    ("cadence-invalid", Severity::Error),
    ("text-unprintable", Severity::Error),
    ("text-long", Severity::Error),
    ("term-long", Severity::Error),
    ("duties-many", Severity::Error),
];

/// Run every check. The result does not depend on anything but the agreement.
/// The work is bounded whatever the file asks for: a term past
/// [`MAX_TERM_YEARS`] is refused before anything is computed over it.
pub fn check(agreement: &Agreement) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    bounds::texts(agreement, &mut out);
    let bounded = bounds::periods(agreement, &mut out);
    structure::check(agreement, &mut out);
    if bounded {
        money::check(agreement, &mut out);
    }
    time::check(agreement, &mut out);
    ids::check(agreement, &mut out);
    text::check(agreement, &mut out);
    if bounded {
        bounds::duties(agreement, &mut out);
    }
    out
}

#[cfg(test)]
mod tests;
