//! The one storage implementation of iop: plain rows in, plain rows out, on
//! SQLite (embedded default) or PostgreSQL, through one SQL text (sqlx Any).
//!
//! The store knows nothing of the domain: the application layer computes
//! what to keep (versions, obligations, money) and hands it over as rows.
//! Every write is one transaction.

// `user_columns!` is shared with the calendar feeds' owner query.
#[macro_use]
mod access;
mod audit;
mod blobs;
mod calendar;
mod copy;
mod imports;
mod memo;
mod plans;
mod reminders;
mod rows;
mod throttle;
mod url;

pub use access::{LiveToken, MembershipRow, OrgRow, SessionRow, TokenRow, UserRow};
pub use audit::{
    AuditEvent, ChainBreak, ChainReport, Checkpoint, GENESIS, StoredAuditEvent, event_hash,
};
pub use blobs::Blobs;
pub use calendar::CalendarFeedRow;
pub use imports::SourceDocumentRow;
pub use memo::{Generation, Memo};
pub use reminders::{
    CancelReminder, Finish, NewReminder, OutboxKey, OutboxRow, OutboxState, PlanBatch, Planning,
    RecipientRow, RewriteDigest,
};
pub use rows::*;
pub use throttle::{Counter, Forget};
pub use url::{Backend, DatabaseUrl};

use sqlx::AnyPool;
use sqlx::any::{AnyPoolOptions, install_default_drivers};

/// What can go wrong, in terms a caller can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "unknown or ambiguous database URL {0:?}: use sqlite://PATH, a path ending in .db, or postgres://…"
    )]
    UnknownUrl(String),
    #[error("not found")]
    NotFound,
    #[error("already exists")]
    Exists,
    /// The row changed since the caller read it; `current` is its version now.
    #[error("stale: the current version is {current}")]
    Stale { current: i64 },
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

pub type Result<T> = std::result::Result<T, StoreError>;

// Column lists shared by several queries, as macros so `concat!` keeps the
// SQL text a literal.
macro_rules! summary_columns {
    () => {
        "id, title, status, version, term_start, term_end, parties, updated_at"
    };
}
macro_rules! record_columns {
    () => {
        "id, agreement_id, kind, obligation_key, clause_id, date, amount_ore, state, data, author, created_at"
    };
}
macro_rules! obligation_columns {
    () => {
        "agreement_id, agreement_title, key, due, kind, title, clause_id, window_start, met, \
         (SELECT a.status FROM agreements a WHERE a.id = obligations.agreement_id) AS agreement_status"
    };
}
macro_rules! file_columns {
    () => {
        "id, record_id, agreement_id, name, content_type, size, sha256, created_at"
    };
}

/// `column IN ($first, $first + 1, …)` for `n` values bound one each, in
/// the caller's order: the vocabularies (statuses, kinds) are the
/// application's, so the SQL text holds placeholders, never their names.
/// No values match nothing.
fn one_of(column: &str, first: usize, n: usize) -> String {
    if n == 0 {
        return "1 = 0".to_owned();
    }
    let marks: Vec<String> = (first..first + n).map(|i| format!("${i}")).collect();
    format!("{column} IN ({})", marks.join(", "))
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

// The caller's scope in the paged queries is a correlated EXISTS probed per
// row through the two primary keys, so a page stops as soon as it is full.
// Its `LIMIT 1 OFFSET 0` keeps PostgreSQL from turning it into a join over
// every party row of every agreement, the plan it picks when no statistics
// exist yet (right after a restore or a bulk load).

/// The agreement list: $1 status, $2 search pattern, $3 and $4 a year's
/// first and last day, $5 the id to start after, $6 the page size, $7 the user.
pub(crate) const LIST_SQL: &str = concat!(
    "SELECT ",
    summary_columns!(),
    " FROM agreements
     WHERE ($1 = '' OR status = $1)
       AND ($2 = '' OR search LIKE $2 ESCAPE '!')
       AND ($3 = '' OR (term_start <= $4 AND term_end >= $3))
       AND id > $5
       AND EXISTS (SELECT 1 FROM agreement_parties p JOIN memberships m ON m.org_id = p.org_id WHERE p.agreement_id = agreements.id AND m.user_id = $7 LIMIT 1 OFFSET 0)
     ORDER BY id LIMIT $6"
);

/// Agreements ending between $1 and $2, $3 a page, $4 the user, then `statuses` statuses.
pub(crate) fn ending_sql(statuses: usize) -> String {
    format!(
        concat!(
            "SELECT ",
            summary_columns!(),
            " FROM agreements
             WHERE term_end >= $1 AND term_end <= $2 AND {statuses}
               AND EXISTS (SELECT 1 FROM agreement_parties p JOIN memberships m ON m.org_id = p.org_id WHERE p.agreement_id = agreements.id AND m.user_id = $4 LIMIT 1 OFFSET 0)
             ORDER BY term_end, id LIMIT $3"
        ),
        statuses = one_of("status", 5, statuses)
    )
}

/// Unmet duties due between $1 and $2 after the cursor ($5, $6, $7), $3 a
/// page, $4 the user, then `kinds` kinds (all kinds when none), then
/// `statuses` statuses of their agreement (any status when none).
pub(crate) fn due_sql(kinds: Option<usize>, statuses: Option<usize>) -> String {
    let first_status = 8 + kinds.unwrap_or(0);
    format!(
        concat!(
            "SELECT ",
            obligation_columns!(),
            " FROM obligations
             WHERE met = 0 AND due >= $1 AND due <= $2 AND {kinds}
               AND (due, agreement_id, key) > ($5, $6, $7)
               AND EXISTS (SELECT 1 FROM agreement_parties p JOIN memberships m ON m.org_id = p.org_id WHERE p.agreement_id = obligations.agreement_id AND m.user_id = $4 LIMIT 1 OFFSET 0)
               AND {statuses}
             ORDER BY met, due, agreement_id, key LIMIT $3"
        ),
        kinds = kinds.map_or_else(|| "1 = 1".to_owned(), |n| one_of("kind", 8, n)),
        statuses = statuses.map_or_else(
            || "1 = 1".to_owned(),
            |n| format!(
                "EXISTS (SELECT 1 FROM agreements a WHERE a.id = obligations.agreement_id AND {} LIMIT 1 OFFSET 0)",
                one_of("a.status", first_status, n)
            )
        )
    )
}

/// The public register after id $1, $2 a page, then `statuses` statuses.
pub(crate) fn published_sql(statuses: usize) -> String {
    format!(
        concat!(
            "SELECT ",
            summary_columns!(),
            " FROM agreements WHERE published = 1 AND {statuses} AND id > $1 ORDER BY id LIMIT $2"
        ),
        statuses = one_of("status", 3, statuses)
    )
}

/// Which unmet duties [`Store::due_between`] returns: only those of
/// `kinds`, and only those of agreements in one of `statuses`, when given.
#[derive(Debug, Clone, Copy, Default)]
pub struct DueFilter<'a> {
    pub kinds: Option<&'a [&'a str]>,
    pub statuses: Option<&'a [&'a str]>,
}

/// A connection pool to one database.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    generation: Generation,
}

/// A write transaction of the store: it commits only with its audit event,
/// appended in the same transaction, so no write can leave the audit log
/// out. Committing advances the [`Generation`], so answers memoised before
/// it are no longer served.
pub(crate) struct WriteTx {
    tx: sqlx::Transaction<'static, sqlx::Any>,
    generation: Generation,
}

impl WriteTx {
    /// Append `audit` to the log and commit.
    pub(crate) async fn commit(mut self, audit: &AuditEvent) -> Result<()> {
        audit::append(&mut self, audit).await?;
        self.commit_unaudited().await
    }

    /// Commit rows that no memoised answer reads (sign-in throttling), so
    /// kept answers stay valid and no event is due.
    pub(crate) async fn commit_housekeeping(self) -> Result<()> {
        self.tx.commit().await?;
        Ok(())
    }

    /// Commit without an event: only for housekeeping that changes nothing
    /// a user did (derived rows filled in at start-up) and for a restore,
    /// whose copied log holds its events already.
    pub(crate) async fn commit_unaudited(self) -> Result<()> {
        self.tx.commit().await?;
        self.generation.advance();
        Ok(())
    }
}

impl std::ops::Deref for WriteTx {
    type Target = sqlx::AnyConnection;
    fn deref(&self) -> &sqlx::AnyConnection {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.tx
    }
}

impl Store {
    /// Open (creating an SQLite file if missing) and bring the schema up to date.
    pub async fn open(url: &DatabaseUrl) -> Result<Store> {
        let store = Self::connect(url).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Open without migrating.
    pub async fn connect(url: &DatabaseUrl) -> Result<Store> {
        install_default_drivers();
        let connect_url = url.connect_string();
        // SQLite allows one writer at a time; more connections only queue on its lock.
        let max = match url.backend() {
            Backend::Sqlite => 4,
            Backend::Postgres => 16,
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max)
            .connect(&connect_url)
            .await?;
        if url.backend() == Backend::Sqlite {
            // WAL: readers do not block the writer; NORMAL sync is durable for
            // committed transactions with WAL except on power loss mid-checkpoint,
            // so FULL is kept: an acknowledged write survives a crash.
            for pragma in [
                "PRAGMA journal_mode = WAL",
                "PRAGMA synchronous = FULL",
                "PRAGMA foreign_keys = ON",
                "PRAGMA busy_timeout = 5000",
            ] {
                sqlx::query(pragma).execute(&pool).await?;
            }
        }
        Ok(Store {
            pool,
            backend: url.backend(),
            generation: Generation::default(),
        })
    }

    /// A write transaction. On SQLite it takes the write lock at once
    /// (BEGIN IMMEDIATE): a transaction that read first and wrote later
    /// would fail when another writer committed in between, where waiting
    /// for the lock queues it instead.
    pub(crate) async fn write(&self) -> Result<WriteTx> {
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok(WriteTx {
            tx,
            generation: self.generation.clone(),
        })
    }

    /// Apply pending migrations.
    pub async fn migrate(&self) -> Result<()> {
        MIGRATOR.run(&self.pool).await?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Gather the planner's statistics of the tables that grow, after a
    /// bulk load (a restore, a generated portfolio): the queries are written
    /// to use their indexes without statistics, and with fresh ones the
    /// planner also knows the sizes at once instead of at the next
    /// autovacuum (PostgreSQL) or never (SQLite).
    pub async fn analyze(&self) -> Result<()> {
        let sql = match self.backend {
            Backend::Sqlite => "ANALYZE",
            // Only this schema's tables, not every table of the database.
            Backend::Postgres => {
                "ANALYZE agreements, agreement_versions, obligations, money, records, files,
                     organisations, agreement_parties, memberships, audit_events"
            }
        };
        sqlx::query(sql).execute(&self.pool).await?;
        Ok(())
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    // ------------------------------------------------------------ agreements

    /// Store a new agreement as version 1, with what is derived from it.
    pub async fn create_agreement(
        &self,
        head: &AgreementHead,
        version: &NewVersion,
        derived: &Derived,
        audit: &AuditEvent,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        insert_agreement(&mut tx, head, version, derived).await?;
        tx.commit(audit).await?;
        Ok(())
    }

    /// Store a new version on top of `base`; refused as stale if another
    /// version was saved since. Returns the new version number.
    pub async fn save_version(
        &self,
        head: &AgreementHead,
        base: i64,
        version: &NewVersion,
        derived: &Derived,
        audit: &AuditEvent,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        // Compare-and-swap on the version: atomic on both databases.
        let updated = sqlx::query(
            "UPDATE agreements SET version = version + 1, title = $1, status = $2, term_start = $3, term_end = $4,
                 parties = $5, search = $6, updated_at = $7
             WHERE id = $8 AND version = $9",
        )
        .bind(&head.title)
        .bind(&head.status)
        .bind(&head.term_start)
        .bind(&head.term_end)
        .bind(&head.parties)
        .bind(&head.search)
        .bind(&version.created_at)
        .bind(&head.id)
        .bind(base)
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() == 0 {
            let current: Option<i64> =
                sqlx::query_scalar("SELECT version FROM agreements WHERE id = $1")
                    .bind(&head.id)
                    .fetch_optional(&mut *tx)
                    .await?;
            return Err(match current {
                Some(current) => StoreError::Stale { current },
                None => StoreError::NotFound,
            });
        }
        let new = base + 1;
        insert_version(&mut tx, &head.id, new, &head.status, version).await?;
        replace_derived(&mut tx, &head.id, &head.title, derived).await?;
        access::replace_parties(&mut tx, &head.id, &head.orgs, &version.created_at).await?;
        tx.commit(audit).await?;
        Ok(new)
    }

    /// Whether an agreement exists.
    pub async fn exists(&self, id: &str) -> Result<bool> {
        let found: Option<String> = sqlx::query_scalar("SELECT id FROM agreements WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(found.is_some())
    }

    /// The current version of an agreement.
    pub async fn agreement(&self, id: &str) -> Result<Option<StoredVersion>> {
        let row = sqlx::query_as(
            "SELECT v.agreement_id, v.version, v.status, v.change, v.reason, v.author, v.created_at, v.document
             FROM agreements a JOIN agreement_versions v ON v.agreement_id = a.id AND v.version = a.version
             WHERE a.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row)
    }

    /// One version of an agreement.
    pub async fn version(&self, id: &str, version: i64) -> Result<Option<StoredVersion>> {
        let row = sqlx::query_as(
            "SELECT agreement_id, version, status, change, reason, author, created_at, document
             FROM agreement_versions WHERE agreement_id = $1 AND version = $2",
        )
        .bind(id)
        .bind(version)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row)
    }

    /// The versions of an agreement numbered `from` and later, oldest first.
    pub async fn versions_from(&self, id: &str, from: i64) -> Result<Vec<StoredVersion>> {
        let rows = sqlx::query_as(
            "SELECT agreement_id, version, status, change, reason, author, created_at, document
             FROM agreement_versions WHERE agreement_id = $1 AND version >= $2 ORDER BY version",
        )
        .bind(id)
        .bind(from)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows)
    }

    /// The history of an agreement, oldest first (without the documents).
    pub async fn versions(&self, id: &str) -> Result<Vec<VersionMeta>> {
        let rows = sqlx::query_as(
            "SELECT version, status, change, reason, author, created_at
             FROM agreement_versions WHERE agreement_id = $1 ORDER BY version",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows)
    }

    /// Agreements matching a filter, by id, a page at a time.
    /// Only agreements where `user_id` belongs to a party organisation. The
    /// scope is a correlated EXISTS, probed per row through the two primary
    /// keys, so a page stops as soon as it is full.
    pub async fn list(&self, user_id: &str, filter: &ListFilter) -> Result<Vec<AgreementSummary>> {
        let rows = sqlx::query_as(LIST_SQL)
            .bind(filter.status.as_deref().unwrap_or(""))
            .bind(
                filter
                    .search
                    .as_deref()
                    // The user's text is matched literally: its % and _ are escaped.
                    .map(|s| {
                        format!(
                            "%{}%",
                            s.replace('!', "!!").replace('%', "!%").replace('_', "!_")
                        )
                    })
                    .unwrap_or_default(),
            )
            .bind(
                filter
                    .year
                    .map(|y| format!("{y:04}-01-01"))
                    .unwrap_or_default(),
            )
            .bind(
                filter
                    .year
                    .map(|y| format!("{y:04}-12-31"))
                    .unwrap_or_default(),
            )
            .bind(filter.after.as_deref().unwrap_or(""))
            .bind(filter.limit)
            .bind(user_id)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows)
    }

    /// Agreements in one of `statuses` whose term ends between two days
    /// (inclusive), soonest first.
    pub async fn ending_between(
        &self,
        user_id: &str,
        from: &str,
        to: &str,
        statuses: &[&str],
        limit: i64,
    ) -> Result<Vec<AgreementSummary>> {
        let sql = ending_sql(statuses.len());
        let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(from)
            .bind(to)
            .bind(limit)
            .bind(user_id);
        for status in statuses {
            query = query.bind(*status);
        }
        Ok(query.fetch_all(&self.pool).await?)
    }

    // ------------------------------------------------------------ records

    /// Store a follow-up record.
    pub async fn add_record(&self, r: &NewRecord, audit: &AuditEvent) -> Result<()> {
        let mut tx = self.write().await?;
        let exists: Option<String> = sqlx::query_scalar("SELECT id FROM agreements WHERE id = $1")
            .bind(&r.record.agreement_id)
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Err(StoreError::NotFound);
        }
        insert_record(&mut tx, r).await?;
        tx.commit(audit).await?;
        Ok(())
    }

    /// The records of an agreement, by date.
    pub async fn records(&self, agreement_id: &str) -> Result<Vec<StoredRecord>> {
        let rows = sqlx::query_as(concat!(
            "SELECT ",
            record_columns!(),
            "
             FROM records WHERE agreement_id = $1 ORDER BY date, created_at, id"
        ))
        .bind(agreement_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows)
    }

    /// One record.
    pub async fn record(&self, id: &str) -> Result<Option<StoredRecord>> {
        let row = sqlx::query_as(concat!(
            "SELECT ",
            record_columns!(),
            "
             FROM records WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row)
    }

    // ------------------------------------------------------------ derived

    /// The obligations of one agreement, with whether a record meets them.
    pub async fn obligations(&self, agreement_id: &str) -> Result<Vec<StoredObligation>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            obligation_columns!(),
            " FROM obligations WHERE agreement_id = $1 ORDER BY due, key"
        ))
        .bind(agreement_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(StoredObligation::from_row).collect()
    }

    /// Unmet obligations due between two days (inclusive) across all
    /// agreements; only those of `kinds`, and of agreements in one of
    /// `statuses`, when given.
    pub async fn due_between(
        &self,
        user_id: &str,
        from: &str,
        to: &str,
        after: Option<&DueCursor>,
        only: DueFilter<'_>,
        limit: i64,
    ) -> Result<Vec<StoredObligation>> {
        let DueFilter { kinds, statuses } = only;
        // One range scan of the (met, due, agreement_id, key) index, from the
        // cursor on. Without one it starts at `from`: no agreement id is empty.
        let (due, agreement, key) = after.map_or((from, "", ""), |c| {
            (c.due.as_str(), c.agreement_id.as_str(), c.key.as_str())
        });
        let sql = due_sql(kinds.map(<[&str]>::len), statuses.map(<[&str]>::len));
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(from)
            .bind(to)
            .bind(limit)
            .bind(user_id)
            .bind(due)
            .bind(agreement)
            .bind(key);
        for value in kinds
            .unwrap_or_default()
            .iter()
            .chain(statuses.unwrap_or_default())
        {
            query = query.bind(*value);
        }
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter().map(StoredObligation::from_row).collect()
    }

    /// One agreement's money rows as stored, by year and party.
    pub async fn money_of(&self, agreement_id: &str) -> Result<Vec<MoneyRow>> {
        Ok(sqlx::query_as(
            "SELECT year, party, cash_ore, cash_ceiling_ore, in_kind_ore, CAST(1 AS BIGINT) AS agreements
             FROM money WHERE agreement_id = $1 ORDER BY year, party",
        )
        .bind(agreement_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Money per year and party across all agreements in one of `statuses`.
    pub async fn money_per_year(
        &self,
        user_id: &str,
        from_year: i64,
        to_year: i64,
        statuses: &[&str],
    ) -> Result<Vec<MoneyRow>> {
        let sql = format!(
            "SELECT m.year, m.party, CAST(SUM(m.cash_ore) AS BIGINT) AS cash_ore,
                    CAST(SUM(m.cash_ceiling_ore) AS BIGINT) AS cash_ceiling_ore,
                    CAST(SUM(m.in_kind_ore) AS BIGINT) AS in_kind_ore, COUNT(*) AS agreements
             FROM money m JOIN agreements a ON a.id = m.agreement_id
             WHERE m.year >= $1 AND m.year <= $2 AND {statuses}
               AND EXISTS (SELECT 1 FROM agreement_parties p JOIN memberships m ON m.org_id = p.org_id WHERE p.agreement_id = a.id AND m.user_id = $3)
             GROUP BY m.year, m.party ORDER BY m.year, m.party",
            statuses = one_of("a.status", 4, statuses.len())
        );
        let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(from_year)
            .bind(to_year)
            .bind(user_id);
        for status in statuses {
            query = query.bind(*status);
        }
        Ok(query.fetch_all(&self.pool).await?)
    }
}

async fn insert_version(
    tx: &mut crate::WriteTx,
    id: &str,
    number: i64,
    status: &str,
    v: &NewVersion,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO agreement_versions (agreement_id, version, status, change, reason, author, created_at, document)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(number)
    .bind(status)
    .bind(&v.change)
    .bind(&v.reason)
    .bind(&v.author)
    .bind(&v.created_at)
    .bind(&v.document)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn replace_derived(
    tx: &mut crate::WriteTx,
    id: &str,
    title: &str,
    d: &Derived,
) -> Result<()> {
    sqlx::query("DELETE FROM obligations WHERE agreement_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for o in &d.obligations {
        sqlx::query(
            "INSERT INTO obligations (agreement_id, agreement_title, key, due, kind, title, clause_id, window_start, met)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0)",
        )
        .bind(id)
        .bind(title)
        .bind(&o.key)
        .bind(&o.due)
        .bind(&o.kind)
        .bind(&o.title)
        .bind(&o.clause_id)
        .bind(&o.window_start)
        .execute(&mut **tx)
        .await?;
    }
    // Records already made still meet the obligations of the new version.
    let sql = format!(
        "UPDATE obligations SET met = 1 WHERE agreement_id = $1 AND EXISTS (
             SELECT 1 FROM records r WHERE r.agreement_id = obligations.agreement_id
               AND r.obligation_key = obligations.key AND NOT ({unmet}))",
        unmet = one_of("r.state", 2, d.unmet_states.len())
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id);
    for state in &d.unmet_states {
        query = query.bind(*state);
    }
    query.execute(&mut **tx).await?;
    sqlx::query("DELETE FROM money WHERE agreement_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for m in &d.money {
        sqlx::query("INSERT INTO money (agreement_id, year, party, cash_ore, cash_ceiling_ore, in_kind_ore) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(id)
            .bind(m.year)
            .bind(&m.party)
            .bind(m.cash_ore)
            .bind(m.cash_ceiling_ore)
            .bind(m.in_kind_ore)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// One agreement for a bulk import: its head, first version and derived rows.
#[derive(Debug, Clone)]
pub struct ImportItem {
    pub head: AgreementHead,
    pub version: NewVersion,
    pub derived: Derived,
    pub records: Vec<NewRecord>,
}

impl Store {
    /// Store many new agreements with their records in one transaction
    /// (for generated portfolios and restores): all or nothing.
    pub async fn import(&self, items: &[ImportItem], audit: &AuditEvent) -> Result<()> {
        let mut tx = self.write().await?;
        for item in items {
            let h = &item.head;
            insert_head(&mut tx, h, &item.version.created_at).await?;
            insert_version(&mut tx, &h.id, 1, &h.status, &item.version).await?;
            replace_derived(&mut tx, &h.id, &h.title, &item.derived).await?;
            access::replace_parties(&mut tx, &h.id, &h.orgs, &item.version.created_at).await?;
            for r in &item.records {
                insert_record(&mut tx, r).await?;
            }
        }
        tx.commit(audit).await?;
        Ok(())
    }
}

impl Store {
    /// Write an agreement's derived rows again (its duties and money per
    /// year), as the rules of this version of iop compute them from its
    /// current document, with the audit event in the same transaction.
    pub async fn refresh_derived(
        &self,
        id: &str,
        title: &str,
        derived: &Derived,
        audit: &AuditEvent,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        replace_derived(&mut tx, id, title, derived).await?;
        tx.commit(audit).await?;
        Ok(())
    }
}

/// A new agreement as version 1, with what is derived from it and its
/// parties; `Exists` when the id is taken.
pub(crate) async fn insert_agreement(
    tx: &mut WriteTx,
    head: &AgreementHead,
    version: &NewVersion,
    derived: &Derived,
) -> Result<()> {
    let inserted = insert_head(tx, head, &version.created_at).await;
    match inserted {
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(StoreError::Exists);
        }
        other => other?,
    };
    insert_version(tx, &head.id, 1, &head.status, version).await?;
    replace_derived(tx, &head.id, &head.title, derived).await?;
    access::replace_parties(tx, &head.id, &head.orgs, &version.created_at).await?;
    Ok(())
}

async fn insert_head(
    tx: &mut crate::WriteTx,
    h: &AgreementHead,
    created_at: &str,
) -> std::result::Result<sqlx::any::AnyQueryResult, sqlx::Error> {
    sqlx::query(
        "INSERT INTO agreements (id, title, status, version, term_start, term_end, parties, search, published, created_at, updated_at)
         VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $9)",
    )
    .bind(&h.id)
    .bind(&h.title)
    .bind(&h.status)
    .bind(&h.term_start)
    .bind(&h.term_end)
    .bind(&h.parties)
    .bind(&h.search)
    .bind(i64::from(h.published))
    .bind(created_at)
    .execute(&mut **tx)
    .await
}

async fn insert_record(tx: &mut crate::WriteTx, new: &NewRecord) -> Result<()> {
    let r = &new.record;
    sqlx::query(
        "INSERT INTO records (id, agreement_id, kind, obligation_key, clause_id, date, amount_ore, state, data, author, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&r.id)
    .bind(&r.agreement_id)
    .bind(&r.kind)
    .bind(&r.obligation_key)
    .bind(&r.clause_id)
    .bind(&r.date)
    .bind(r.amount_ore)
    .bind(&r.state)
    .bind(&r.data)
    .bind(&r.author)
    .bind(&r.created_at)
    .execute(&mut **tx)
    .await?;
    if let Some(key) = r.obligation_key.as_deref().filter(|_| new.meets) {
        sqlx::query("UPDATE obligations SET met = 1 WHERE agreement_id = $1 AND key = $2")
            .bind(&r.agreement_id)
            .bind(key)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

impl Store {
    /// Record an uploaded file of a record.
    pub async fn add_file(&self, f: &FileRow, audit: &AuditEvent) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query(
            "INSERT INTO files (id, record_id, agreement_id, name, content_type, size, sha256, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&f.id)
        .bind(&f.record_id)
        .bind(&f.agreement_id)
        .bind(&f.name)
        .bind(&f.content_type)
        .bind(f.size)
        .bind(&f.sha256)
        .bind(&f.created_at)
        .execute(&mut *tx)
        .await?;
        tx.commit(audit).await?;
        Ok(())
    }

    /// One file's row.
    pub async fn file(&self, id: &str) -> Result<Option<FileRow>> {
        let row = sqlx::query_as(concat!(
            "SELECT ",
            file_columns!(),
            " FROM files WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row)
    }

    /// The files of a record.
    pub async fn files_of(&self, record_id: &str) -> Result<Vec<FileRow>> {
        let rows = sqlx::query_as(concat!(
            "SELECT ",
            file_columns!(),
            " FROM files
             WHERE record_id = $1 ORDER BY created_at, id"
        ))
        .bind(record_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows)
    }

    /// The files of every record of an agreement.
    pub async fn files_of_agreement(&self, agreement_id: &str) -> Result<Vec<FileRow>> {
        // Through the records, so both lookups use an index.
        let rows = sqlx::query_as(
            "SELECT f.id, f.record_id, f.agreement_id, f.name, f.content_type, f.size, f.sha256, f.created_at
             FROM records r JOIN files f ON f.record_id = r.id
             WHERE r.agreement_id = $1 AND f.agreement_id = $1
             ORDER BY f.created_at, f.id",
        )
        .bind(agreement_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows)
    }
}

// ------------------------------------------------------------ public register

impl Store {
    /// Published agreements in one of `statuses`, by id, a page at a time:
    /// the public register.
    pub async fn published(
        &self,
        after: &str,
        limit: i64,
        statuses: &[&str],
    ) -> Result<Vec<AgreementSummary>> {
        let sql = published_sql(statuses.len());
        let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(after)
            .bind(limit);
        for status in statuses {
            query = query.bind(*status);
        }
        Ok(query.fetch_all(&self.pool).await?)
    }

    /// Whether an agreement is in the public register: published, and in
    /// one of `statuses`.
    pub async fn is_published(&self, id: &str, statuses: &[&str]) -> Result<bool> {
        let sql = format!(
            "SELECT published FROM agreements WHERE id = $1 AND {statuses}",
            statuses = one_of("status", 2, statuses.len())
        );
        let mut query = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(id);
        for status in statuses {
            query = query.bind(*status);
        }
        let flag: Option<i64> = query.fetch_optional(&self.pool).await?;
        Ok(flag == Some(1))
    }

    /// Put an agreement in the public register or take it out.
    pub async fn set_published(&self, id: &str, published: bool, audit: &AuditEvent) -> Result<()> {
        let mut tx = self.write().await?;
        let done = sqlx::query("UPDATE agreements SET published = $1 WHERE id = $2")
            .bind(i64::from(published))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        tx.commit(audit).await?;
        Ok(())
    }
}
