//! The public register as open data: an OCDS 1.1 release and record
//! package, a 360Giving 1.4.3 data package, and CSV and XLSX tables for
//! people, from what the register may show of each published agreement
//! (`PublishedAgreement`).
//!
//! Pure: no database, no web, no clock. The same input gives the same
//! bytes, so harvesters can dedupe by hash. The mapping, field by field, is
//! in docs/open-data.md.

pub mod dcat;
pub mod giving;
mod input;
mod json;
pub mod money;
pub mod ocds;
pub mod table;
pub mod xlsx;

pub use input::{
    Event, FollowUp, Lifecycle, Ocid, OcidPrefix, Paid, PublishError, PublishedAgreement, Settings,
    Version,
};
