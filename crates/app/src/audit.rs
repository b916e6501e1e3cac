//! The audit log as users and operators see it.

use serde::Serialize;
use store::StoredAuditEvent;
pub use store::{ChainBreak, ChainReport, Checkpoint};

use crate::access::{AuditScope, ReadAdministration};
use crate::{App, AppError};

/// One audit event for display.
#[derive(Debug, Clone, Serialize)]
pub struct AuditView {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub entity_kind: String,
    pub entity_id: String,
    pub action: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub hash: String,
}

impl From<StoredAuditEvent> for AuditView {
    fn from(e: StoredAuditEvent) -> Self {
        let parse = |s: Option<String>| {
            s.map(|text| serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)))
        };
        AuditView {
            seq: e.seq,
            at: e.event.at,
            actor: e.event.actor,
            entity_kind: e.event.entity_kind,
            entity_id: e.event.entity_id,
            action: e.event.action,
            before: parse(e.event.before),
            after: parse(e.event.after),
            hash: e.hash,
        }
    }
}

impl App {
    /// Audit events, newest first: all of them for an administrator, those
    /// about their organisations' agreements for a reader.
    pub async fn audit_events(
        &self,
        scope: &AuditScope,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<AuditView>, AppError> {
        Ok(self
            .store
            .audit_events(scope.user_id.as_deref(), before, limit.clamp(1, 500))
            .await?
            .into_iter()
            .map(AuditView::from)
            .collect())
    }

    /// Recompute the whole chain (`iop audit verify`) and compare it with
    /// the checkpoints noted outside the database; an administrator's (or
    /// the operator's) task.
    pub async fn verify_audit(
        &self,
        _admin: &ReadAdministration,
        checkpoints: &[Checkpoint],
        progress: impl FnMut(i64),
    ) -> Result<ChainReport, AppError> {
        Ok(self.store.verify_audit(checkpoints, progress).await?)
    }
}
