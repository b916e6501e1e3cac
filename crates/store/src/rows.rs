//! The rows the store takes and gives.

use sqlx::Row;
use sqlx::any::AnyRow;

/// The searchable head of an agreement, kept beside its versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementHead {
    pub id: String,
    pub title: String,
    pub status: String,
    pub term_start: Option<String>,
    pub term_end: Option<String>,
    /// Party names, one per line.
    pub parties: String,
    /// Case-folded text to search in (folded in Rust: SQLite cannot fold å, ä, ö).
    pub search: String,
    pub published: bool,
    /// The organisations that are parties (created when new).
    pub orgs: Vec<crate::OrgRow>,
}

/// A version to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewVersion {
    /// created, edited, amended, status.
    pub change: String,
    pub reason: Option<String>,
    pub author: String,
    pub created_at: String,
    /// The agreement as JSON.
    pub document: String,
}

/// What is recomputed from the agreement on every save.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Derived {
    pub obligations: Vec<ObligationRow>,
    pub money: Vec<MoneyRow>,
    /// The record states that do not meet an obligation (the application's
    /// rule), for records kept from earlier versions.
    pub unmet_states: Vec<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObligationRow {
    pub key: String,
    pub due: String,
    pub kind: String,
    pub title: String,
    pub clause_id: String,
    pub window_start: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MoneyRow {
    pub year: i64,
    pub party: String,
    pub cash_ore: Option<i64>,
    /// The part of `cash_ore` that is a ceiling: at most so much, paid
    /// against delivery.
    pub cash_ceiling_ore: Option<i64>,
    pub in_kind_ore: Option<i64>,
    /// In sums: how many agreements contributed to the row.
    pub agreements: i64,
}

/// One stored version: its history entry and the document.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StoredVersion {
    pub agreement_id: String,
    #[sqlx(flatten)]
    pub meta: VersionMeta,
    pub document: String,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct VersionMeta {
    pub version: i64,
    pub status: String,
    pub change: String,
    pub reason: Option<String>,
    pub author: String,
    pub created_at: String,
}

/// Filters for the agreement list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    pub status: Option<String>,
    /// Already case-folded.
    pub search: Option<String>,
    /// Agreements in force some time in this year.
    pub year: Option<i32>,
    /// Keyset pagination: ids after this one.
    pub after: Option<String>,
    pub limit: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AgreementSummary {
    pub id: String,
    pub title: String,
    pub status: String,
    pub version: i64,
    pub term_start: Option<String>,
    pub term_end: Option<String>,
    pub parties: String,
    pub updated_at: String,
}

/// A record to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRecord {
    pub record: StoredRecord,
    /// Whether the record meets the obligation it names (the application
    /// knows which states do).
    pub meets: bool,
}

/// A record as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StoredRecord {
    pub id: String,
    pub agreement_id: String,
    pub kind: String,
    pub obligation_key: Option<String>,
    pub clause_id: Option<String>,
    pub date: String,
    pub amount_ore: Option<i64>,
    pub state: String,
    /// The record's own fields as JSON.
    pub data: String,
    pub author: String,
    pub created_at: String,
}

/// Where the next page of a due list starts: after this obligation (the
/// application parses and writes it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueCursor {
    pub due: String,
    pub agreement_id: String,
    pub key: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredObligation {
    pub agreement_id: String,
    pub agreement_title: String,
    pub key: String,
    pub due: String,
    pub kind: String,
    pub title: String,
    pub clause_id: String,
    pub window_start: Option<String>,
    /// A record meets it.
    pub met: bool,
    /// Its agreement's status, as stored.
    pub agreement_status: String,
}

impl StoredObligation {
    pub(crate) fn from_row(r: &AnyRow) -> crate::Result<Self> {
        Ok(StoredObligation {
            agreement_id: r.try_get("agreement_id")?,
            agreement_title: r.try_get("agreement_title")?,
            key: r.try_get("key")?,
            due: r.try_get("due")?,
            kind: r.try_get("kind")?,
            title: r.try_get("title")?,
            clause_id: r.try_get("clause_id")?,
            window_start: r.try_get("window_start")?,
            met: r.try_get::<i64, _>("met")? != 0,
            agreement_status: r.try_get("agreement_status")?,
        })
    }
}

/// An uploaded file: shown under its original name, stored under its id.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FileRow {
    pub id: String,
    pub record_id: String,
    pub agreement_id: String,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub created_at: String,
}
