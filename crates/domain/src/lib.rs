//! The domain core of iop: an idéburet offentligt partnerskap (IOP) as typed
//! data, its file format, and the checks every agreement gets.
//!
//! Pure: no I/O and no clock. Callers pass text in and get values out.

pub mod model;
pub mod value;

pub use model::Agreement;
pub mod check;
pub mod diagnostic;
pub mod format;
pub mod generate;
pub mod rules;
