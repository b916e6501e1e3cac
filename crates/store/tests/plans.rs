//! The paged queries read indexes, not whole tables, on PostgreSQL right
//! after a bulk load, before any statistics exist (no ANALYZE has run):
//! a freshly restored or generated installation must not scan every
//! agreement, duty, record or event for a page of 50.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test should panic

use store::{
    AgreementHead, AuditEvent, DatabaseUrl, Derived, ImportItem, NewRecord, NewVersion,
    ObligationRow, OrgRow, Store, StoredRecord, UserRow,
};

const PG_BASE: &str = "postgres://root@127.0.0.1:5432/test";
/// The tables that grow with the portfolio.
const LARGE: &[&str] = &[
    "agreements",
    "obligations",
    "records",
    "audit_events",
    "agreement_versions",
];

fn event(what: &str) -> AuditEvent {
    AuditEvent {
        at: "2026-11-23T12:00:00Z".into(),
        actor: "test".into(),
        entity_kind: "portfolio".into(),
        entity_id: what.into(),
        action: "loaded".into(),
        before: None,
        after: None,
    }
}

/// Agreement `i`: a party of organisation `org-(i mod 10)`, ten duties a
/// quarter apart from 2025, five records.
fn item(i: usize) -> ImportItem {
    let id = format!("avtal-{i:05}");
    let org = OrgRow {
        id: format!("org-{}", i % 10),
        name: format!("Organisation {}", i % 10),
    };
    let obligations = (0..10)
        .map(|q| ObligationRow {
            key: format!("report.{q}"),
            due: format!("{}-{:02}-28", 2025 + q / 4, 3 * (q % 4) + 3),
            kind: "annual-report".into(),
            title: "Rapport".into(),
            clause_id: "rapport".into(),
            window_start: None,
        })
        .collect();
    let records = (0..5)
        .map(|r| NewRecord {
            record: StoredRecord {
                id: format!("{id}-r{r}"),
                agreement_id: id.clone(),
                kind: "outcome".into(),
                obligation_key: None,
                clause_id: None,
                date: format!("2025-{:02}-01", r + 1),
                amount_ore: None,
                state: "reported".into(),
                data: "{}".into(),
                author: "test".into(),
                created_at: "2026-11-23T12:00:00Z".into(),
            },
            meets: false,
        })
        .collect();
    ImportItem {
        head: AgreementHead {
            id: id.clone(),
            title: format!("Avtal {i}"),
            status: ["draft", "decided", "active"][i % 3].into(),
            term_start: Some("2025-01-01".into()),
            term_end: Some(format!("{}-12-31", 2026 + i % 4)),
            parties: org.name.clone(),
            search: format!("avtal {i} {}", org.name.to_lowercase()),
            published: i.is_multiple_of(2),
            orgs: vec![org],
        },
        version: NewVersion {
            change: "created".into(),
            reason: None,
            author: "test".into(),
            created_at: "2026-11-23T12:00:00Z".into(),
            document: "{}".into(),
        },
        derived: Derived {
            obligations,
            money: Vec::new(),
            unmet_states: vec!["planned"],
        },
        records,
    }
}

async fn fresh_schema() -> Store {
    let schema = format!("iop_plans_{}", std::process::id());
    let admin = sqlx::PgPool::connect(PG_BASE).await.unwrap();
    for sql in [
        format!("DROP SCHEMA IF EXISTS {schema} CASCADE"),
        format!("CREATE SCHEMA {schema}"),
    ] {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&admin)
            .await
            .unwrap();
    }
    admin.close().await;
    let url = format!("{PG_BASE}?options=-c%20search_path%3D{schema}");
    Store::open(&DatabaseUrl::parse(&url).unwrap())
        .await
        .unwrap()
}

#[tokio::test]
async fn paged_queries_read_indexes_before_any_statistics() {
    let store = fresh_schema().await;
    let user = UserRow {
        id: "reader".into(),
        username: "reader".into(),
        display_name: "Reader".into(),
        password_hash: "-".into(),
        is_admin: false,
        disabled: false,
        email: None,
        created_at: "2026-11-23T12:00:00Z".into(),
    };
    store.add_user(&user, &event("user")).await.unwrap();
    let items: Vec<ImportItem> = (0..2000).map(item).collect();
    for batch in items.chunks(500) {
        store.import(batch, &event("batch")).await.unwrap();
    }
    for org in 0..10 {
        let org = format!("org-{org}");
        store
            .grant("reader", &org, "reader", &event("grant"))
            .await
            .unwrap();
    }
    // No ANALYZE: the planner knows only the tables' sizes on disk.
    let plans = store.paged_query_plans("reader").await.unwrap();
    assert_eq!(plans.len(), 7);
    for (name, plan) in &plans {
        for table in LARGE {
            assert!(
                !plan.contains(&format!("Seq Scan on {table} ")),
                "{name} reads all of {table}:\n{plan}"
            );
        }
    }
}
