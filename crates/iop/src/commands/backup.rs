//! `iop backup` and `iop restore`: every row, consistently, between any two
//! databases (the backup file is SQLite).

use std::path::Path;

use store::{DatabaseUrl, Store};

use super::Failure;
use crate::cli::{BackupArgs, RestoreArgs};

fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Runtime::new().map_err(|e| Failure::new(2, format!("runtime: {e}")))
}

async fn open(url: &DatabaseUrl) -> Result<Store, Failure> {
    Store::open(url)
        .await
        .map_err(|e| Failure::new(2, format!("database: {e}")))
}

fn file_url(path: &Path) -> Result<DatabaseUrl, Failure> {
    DatabaseUrl::parse(&format!("sqlite://{}", path.display()))
        .map_err(|e| Failure::new(2, e.to_string()))
}

fn report(table: &str, rows: u64) {
    eprintln!("{table}: {rows}");
}

pub fn backup(args: &BackupArgs) -> Result<(), Failure> {
    let source = DatabaseUrl::parse(&args.db.db).map_err(|e| Failure::new(2, e.to_string()))?;
    if args.to.exists() {
        return Err(Failure::new(
            2,
            format!("{} exists already; choose a new file", args.to.display()),
        ));
    }
    let target = file_url(&args.to)?;
    runtime()?.block_on(async {
        let (from, to) = (open(&source).await?, open(&target).await?);
        let copied = from.copy_to(&to, report).await;
        to.close().await;
        if let Err(e) = copied {
            // Leave no half backup behind.
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", args.to.display()));
            }
            return Err(Failure::new(1, format!("backup failed: {e}")));
        }
        super::emit(&format!("{}\n", args.to.display()))
    })
}

pub fn restore(args: &RestoreArgs) -> Result<(), Failure> {
    let target = DatabaseUrl::parse(&args.db.db).map_err(|e| Failure::new(2, e.to_string()))?;
    if !args.from.is_file() {
        return Err(Failure::new(
            2,
            format!("{} is not a backup file", args.from.display()),
        ));
    }
    let source = file_url(&args.from)?;
    runtime()?.block_on(async {
        let (from, to) = (open(&source).await?, open(&target).await?);
        from.copy_to(&to, report).await.map_err(|e| match e {
            store::StoreError::Exists => Failure::new(
                1,
                "the database to restore into holds agreements; restore into an empty one".into(),
            ),
            other => Failure::new(1, format!("restore failed, nothing written: {other}")),
        })?;
        // The planner's statistics for the tables just filled.
        to.analyze()
            .await
            .map_err(|e| Failure::new(1, format!("restored, but statistics failed: {e}")))?;
        super::emit("ok\n")
    })
}
