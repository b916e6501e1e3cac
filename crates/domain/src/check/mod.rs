//! The checks every agreement gets (domain.md): rules are errors, judgements
//! are warnings. Each finding has a stable code and the path of the field it
//! concerns.

use crate::Agreement;
use crate::diagnostic::Diagnostic;

/// Run every check.
pub fn check(_agreement: &Agreement) -> Vec<Diagnostic> {
    Vec::new()
}
