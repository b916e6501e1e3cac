//! A realistic portfolio for demonstrations and load tests: agreements of
//! the seeds' shapes (from `domain::generate`) with years of follow-up
//! records: reports received, meetings held, invoices sent, payments made
//! and outcome figures, as officials would have recorded them.

use domain::Agreement;
use domain::value::Date;
use store::{ImportItem, NewRecord, NewVersion, StoredRecord};

use crate::access::Administer;
use crate::agreements::{derive, document, head};
use crate::{Actor, App, AppError, Message, RecordKind, RecordState};

/// What a generation run stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Generated {
    pub agreements: usize,
    pub records: usize,
}

/// Share (in percent) of past obligations that have a record meeting them.
const MET_PERCENT: u32 = 85;

fn record_for(kind: &str) -> Option<(RecordKind, RecordState)> {
    Some(match kind {
        "meeting" => (RecordKind::Meeting, RecordState::Held),
        "invoice" => (RecordKind::Invoice, RecordState::Sent),
        "extension-decision" => (RecordKind::Decision, RecordState::Decided),
        "term-end" | "notice-deadline" => return None,
        _ => (RecordKind::Report, RecordState::Received),
    })
}

/// What portfolio to generate.
#[derive(Debug, Clone, Copy)]
pub struct PortfolioSpec {
    pub agreements: usize,
    /// About how many follow-up records per agreement.
    pub records_each: usize,
    /// The same seed gives the same portfolio.
    pub seed: u64,
    /// Records are generated up to this day.
    pub today: Date,
}

impl App {
    /// Generate and store a portfolio, in transactions of `batch`
    /// agreements; `progress` is told how many agreements are stored so far.
    pub async fn generate_portfolio(
        &self,
        _admin: &Administer,
        spec: PortfolioSpec,
        actor: &Actor,
        mut progress: impl FnMut(Generated),
    ) -> Result<Generated, AppError> {
        let PortfolioSpec {
            agreements: count,
            records_each,
            seed,
            today,
        } = spec;
        let templates =
            domain::generate::seeds().ok_or(AppError::NotAllowed(Message::new("app-seeds")))?;
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut done = Generated::default();
        let batch = 500;
        let mut items = Vec::with_capacity(batch);
        for i in 0..count {
            let mut a = domain::generate::vary(
                &templates[i % templates.len()],
                seed.wrapping_add(i as u64),
                &mut rng,
            );
            // Unique even across runs with other seeds.
            if let Ok(id) = format!("{}-s{seed}", a.id).parse() {
                a.id = id;
            }
            let item = item(&a, records_each, today, actor, &mut rng)?;
            done.records += item.records.len();
            items.push(item);
            if items.len() == batch || i + 1 == count {
                let records: usize = items.iter().map(|i| i.records.len()).sum();
                let audit = store::AuditEvent {
                    at: actor.at.clone(),
                    actor: actor.name.clone(),
                    entity_kind: "portfolio".into(),
                    entity_id: format!("seed-{seed}"),
                    action: "generated".into(),
                    before: None,
                    after: Some(
                        serde_json::json!({
                            "agreements": items.len(),
                            "records": records,
                            "first": items.first().map(|i| i.head.id.clone()),
                            "last": items.last().map(|i| i.head.id.clone()),
                        })
                        .to_string(),
                    ),
                };
                self.store.import(&items, &audit).await?;
                done.agreements += items.len();
                items.clear();
                progress(done);
            }
        }
        // The planner's statistics for the tables just filled.
        self.store.analyze().await?;
        Ok(done)
    }
}

fn item(
    a: &Agreement,
    records_each: usize,
    today: Date,
    actor: &Actor,
    rng: &mut fastrand::Rng,
) -> Result<ImportItem, AppError> {
    let derived = derive(a);
    let version = NewVersion {
        change: "created".into(),
        reason: None,
        author: actor.name.clone(),
        created_at: actor.at.clone(),
        document: document(a)?,
    };
    let today_text = today.to_string();
    let id = a.id.to_string();
    let mut records = Vec::with_capacity(records_each);
    let make = |kind: RecordKind,
                state: RecordState,
                date: &str,
                obligation: Option<&str>,
                data: serde_json::Value,
                rng: &mut fastrand::Rng| {
        NewRecord {
            record: StoredRecord {
                id: format!("{:016x}{:016x}", rng.u64(..), rng.u64(..)),
                agreement_id: id.clone(),
                kind: kind.as_str().to_owned(),
                obligation_key: obligation.map(str::to_owned),
                clause_id: None,
                date: date.to_owned(),
                amount_ore: None,
                state: state.as_str().to_owned(),
                data: data.to_string(),
                author: actor.name.clone(),
                created_at: actor.at.clone(),
            },
            meets: state.meets(),
        }
    };
    for o in derived.obligations.iter().filter(|o| o.due < today_text) {
        if rng.u32(0..100) >= MET_PERCENT {
            continue;
        }
        if let Some((kind, state)) = record_for(&o.kind) {
            records.push(make(
                kind,
                state,
                &o.due,
                Some(&o.key),
                serde_json::json!({ "kind": kind.as_str() }),
                rng,
            ));
        }
    }
    // Outcome figures each month (counts only) until the record count is reached.
    let activity = a.activities.first().map(|x| x.id.to_string());
    let start = a.term.as_ref().map(|t| t.start);
    let mut month = 0i64;
    while records.len() < records_each {
        let Some(date) =
            start.and_then(|s| s.get().checked_add(jiff::Span::new().months(month)).ok())
        else {
            break;
        };
        let data = serde_json::json!({ "kind": RecordKind::Outcome.as_str(), "activity": activity, "counts": { "deltagare": rng.u32(5..120) } });
        records.push(make(
            RecordKind::Outcome,
            RecordState::Reported,
            &date.to_string(),
            None,
            data,
            rng,
        ));
        month += 1;
    }
    Ok(ImportItem {
        head: head(a),
        version,
        derived,
        records,
    })
}
