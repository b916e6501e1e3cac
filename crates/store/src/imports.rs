//! Agreements made from an imported document: version 1 and the document it
//! came from are stored in one transaction, so neither exists without the
//! other.

use crate::audit::AuditEvent;
use crate::rows::{AgreementHead, Derived, NewVersion};
use crate::{Result, Store};

/// The document an agreement version was imported from: its bytes are a
/// blob under `id`, its SHA-256 is kept here.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SourceDocumentRow {
    pub id: String,
    pub agreement_id: String,
    pub version: i64,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub created_at: String,
}

/// The columns of [`SourceDocumentRow`], in its order.
macro_rules! source_columns {
    () => {
        "id, agreement_id, version, name, content_type, size, sha256, created_at"
    };
}

impl Store {
    /// Store a new agreement as version 1 with the document it was imported
    /// from; `attached` is the document's audit event, `created` the
    /// agreement's.
    pub async fn create_imported_agreement(
        &self,
        head: &AgreementHead,
        version: &NewVersion,
        derived: &Derived,
        source: &SourceDocumentRow,
        events: [&AuditEvent; 2],
    ) -> Result<()> {
        let [created, attached] = events;
        let mut tx = self.write().await?;
        crate::insert_agreement(&mut tx, head, version, derived).await?;
        sqlx::query(concat!(
            "INSERT INTO source_documents (",
            source_columns!(),
            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        ))
        .bind(&source.id)
        .bind(&source.agreement_id)
        .bind(source.version)
        .bind(&source.name)
        .bind(&source.content_type)
        .bind(source.size)
        .bind(&source.sha256)
        .bind(&source.created_at)
        .execute(&mut *tx)
        .await?;
        crate::audit::append(&mut tx, created).await?;
        tx.commit(attached).await?;
        Ok(())
    }

    /// The documents an agreement's versions were imported from, oldest first.
    pub async fn source_documents(&self, agreement_id: &str) -> Result<Vec<SourceDocumentRow>> {
        let rows = sqlx::query_as(concat!(
            "SELECT ",
            source_columns!(),
            " FROM source_documents WHERE agreement_id = $1 ORDER BY version, id"
        ))
        .bind(agreement_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows)
    }

    /// One source document's row.
    pub async fn source_document(&self, id: &str) -> Result<Option<SourceDocumentRow>> {
        let row = sqlx::query_as(concat!(
            "SELECT ",
            source_columns!(),
            " FROM source_documents WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row)
    }
}
