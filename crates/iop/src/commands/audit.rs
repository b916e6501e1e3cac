//! `iop audit verify|head`: the audit log's hash chain, checked against
//! checkpoints kept outside the database.
//!
//! The chain alone shows an event changed, removed or relinked in place.
//! Whoever can write the database can still rewrite every hash from some
//! event on, or cut off the newest events and move the head back; only a
//! checkpoint noted elsewhere before the change (`iop audit head`) shows
//! that.

use std::path::Path;

use app::{ChainBreak, ChainReport, Checkpoint};
use locale::Lang;

use super::user::{failed, operator, with_app};
use super::{Failure, emit, t};
use crate::cli::{AuditCommand, DbArgs};

/// A checkpoint file or `--expect` value beyond this is not a checkpoint.
const MAX_CHECKPOINT_FILE_BYTES: u64 = 16 * 1024 * 1024;

pub fn audit(command: &AuditCommand, lang: Lang) -> Result<(), Failure> {
    match command {
        AuditCommand::Verify(args) => {
            let mut checkpoints = Vec::new();
            for (i, text) in args.expect.iter().enumerate() {
                checkpoints.push(parse_checkpoint(text).ok_or_else(|| {
                    Failure::new(
                        2,
                        t(
                            lang,
                            "audit-bad-expect",
                            &[("n", &(i + 1).to_string()), ("text", text)],
                        ),
                    )
                })?);
            }
            if let Some(file) = &args.expect_file {
                checkpoints.extend(read_checkpoints(file, lang)?);
            }
            let report = verified(&args.db, &checkpoints, lang)?;
            emit(&format!(
                "{}\n",
                t(
                    lang,
                    "audit-intact",
                    &[
                        ("events", &report.events.to_string()),
                        ("hash", &report.head_hash)
                    ]
                )
            ))
        }
        AuditCommand::Head(db) => {
            let report = verified(db, &[], lang)?;
            emit(&format!("{}:{}\n", report.events, report.head_hash))
        }
    }
}

/// The chain walked and compared with the checkpoints; exit 1 naming the
/// first break.
fn verified(db: &DbArgs, checkpoints: &[Checkpoint], lang: Lang) -> Result<ChainReport, Failure> {
    let admin = operator().administer().map_err(failed)?;
    let report = with_app(db, async |app| {
        app.verify_audit(&admin, checkpoints, |n| {
            eprintln!(
                "{}",
                t(lang, "audit-progress", &[("events", &n.to_string())])
            );
        })
        .await
        .map_err(failed)
    })?;
    match &report.broken {
        None => Ok(report),
        Some(b) => Err(Failure::new(
            1,
            t(lang, "audit-broken", &[("what", &break_words(b, lang))]),
        )),
    }
}

fn break_words(b: &ChainBreak, lang: Lang) -> String {
    let n = |v: &i64| v.to_string();
    match b {
        ChainBreak::Altered { seq } => t(lang, "audit-altered", &[("seq", &n(seq))]),
        ChainBreak::Relinked { seq } => t(lang, "audit-relinked", &[("seq", &n(seq))]),
        ChainBreak::Missing { expected, found } => t(
            lang,
            "audit-missing",
            &[("expected", &n(expected)), ("found", &n(found))],
        ),
        ChainBreak::Truncated { head_seq, last_seq } => t(
            lang,
            "audit-truncated",
            &[("last", &n(last_seq)), ("head", &n(head_seq))],
        ),
        ChainBreak::Rewritten { seq } => t(lang, "audit-rewritten", &[("seq", &n(seq))]),
        ChainBreak::ShorterThanCheckpoint { seq, last_seq } => t(
            lang,
            "audit-shorter-than-checkpoint",
            &[("seq", &n(seq)), ("last", &n(last_seq))],
        ),
    }
}

/// `SEQ:HASH`, as `iop audit head` prints it: a positive sequence number
/// and 64 hexadecimal digits.
fn parse_checkpoint(text: &str) -> Option<Checkpoint> {
    let (seq, hash) = text.trim().split_once(':')?;
    let seq: i64 = seq.trim().parse().ok().filter(|s| *s > 0)?;
    let hash = hash.trim();
    (hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit())).then(|| Checkpoint {
        seq,
        hash: hash.to_ascii_lowercase(),
    })
}

fn read_checkpoints(file: &Path, lang: Lang) -> Result<Vec<Checkpoint>, Failure> {
    let place = file.display().to_string();
    let unreadable = |e: std::io::Error| {
        Failure::new(
            2,
            t(
                lang,
                "audit-checkpoints-unreadable",
                &[("file", &place), ("error", &e.to_string())],
            ),
        )
    };
    let size = std::fs::metadata(file).map_err(unreadable)?.len();
    if size > MAX_CHECKPOINT_FILE_BYTES {
        return Err(Failure::new(
            2,
            t(
                lang,
                "audit-checkpoints-too-large",
                &[("file", &place), ("limit", "16 MiB")],
            ),
        ));
    }
    let text = std::fs::read_to_string(file).map_err(unreadable)?;
    let mut checkpoints = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        checkpoints.push(parse_checkpoint(line).ok_or_else(|| {
            Failure::new(
                2,
                t(
                    lang,
                    "audit-bad-checkpoint-line",
                    &[("file", &place), ("line", &(i + 1).to_string())],
                ),
            )
        })?);
    }
    Ok(checkpoints)
}

#[cfg(test)]
mod tests {
    use super::parse_checkpoint;

    #[test]
    fn checkpoints_are_a_sequence_number_and_a_sha256() {
        let hash = "ab".repeat(32);
        let c = parse_checkpoint(&format!(" 12:{} ", hash.to_uppercase())).map(|c| (c.seq, c.hash));
        assert_eq!(c, Some((12, hash.clone())));
        for bad in [
            "12",
            "0:x",
            &format!("-1:{hash}"),
            &format!("3:{}", &hash[1..]),
            &format!("x:{hash}"),
            &format!("3:{}g", &hash[1..]),
        ] {
            assert!(
                parse_checkpoint(bad).is_none(),
                "{bad} was taken as a checkpoint"
            );
        }
    }
}
