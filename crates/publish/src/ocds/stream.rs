//! A page of the release package written release by release, so a server
//! never holds the register's releases at once: a first pass over the
//! agreements keeps only the keys of the page (at most `limit + 1` dates and
//! ids) and the newest date; a second pass writes each release of the page
//! from its agreement, one agreement at a time. The bytes are those of
//! [`release_package`](super::release_package) for the same agreements and
//! query (a test compares them).

use std::collections::{BTreeMap, BTreeSet, BinaryHeap};

use jiff::Timestamp;
use serde_json::{Value, json};

use super::package::{
    PageQuery, RECORDS_PATH, RELEASES_PATH, metadata, page_url, parse_release_cursor, record_json,
};
use super::{Release, releases, timestamp_text};
use crate::input::{PublishError, PublishedAgreement, Settings};

/// One release of a page: its date and id (the page's order) and which of
/// the caller's agreements it comes from (the caller's own numbering).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ReleaseKey {
    pub date: Timestamp,
    pub id: String,
    pub agreement: usize,
}

/// The first pass: shown every agreement once, it keeps the page's keys.
#[derive(Debug)]
pub struct ReleasePager<'q> {
    query: PageQuery<'q>,
    after: Option<(Timestamp, String)>,
    newest: Timestamp,
    /// The `limit + 1` first keys after the cursor (the last says whether
    /// another page follows), largest on top so it is the one let go.
    kept: BinaryHeap<ReleaseKey>,
}

impl<'q> ReleasePager<'q> {
    /// Refuses a malformed cursor or a page size of 0, before any byte.
    pub fn new(query: &PageQuery<'q>) -> Result<ReleasePager<'q>, PublishError> {
        if query.limit == 0 {
            return Err(PublishError::PageSize);
        }
        Ok(ReleasePager {
            query: *query,
            after: query.cursor.map(parse_release_cursor).transpose()?,
            newest: Timestamp::UNIX_EPOCH,
            kept: BinaryHeap::new(),
        })
    }

    /// The agreement numbered `agreement` by the caller.
    pub fn add(&mut self, agreement: usize, p: &PublishedAgreement, settings: &Settings) {
        for r in releases(p, settings) {
            self.newest = self.newest.max(r.date);
            let wanted = self.query.since.is_none_or(|s| r.date >= s)
                && self
                    .after
                    .as_ref()
                    .is_none_or(|(date, id)| (r.date, &r.id) > (*date, id));
            if wanted {
                self.kept.push(ReleaseKey {
                    date: r.date,
                    id: r.id,
                    agreement,
                });
                if self.kept.len() > self.query.limit + 1 {
                    self.kept.pop();
                }
            }
        }
    }

    /// The page's frame and the keys of its releases, in order.
    pub fn finish(self, settings: &Settings) -> ReleasePage {
        let mut keys = self.kept.into_sorted_vec();
        let more = keys.len() > self.query.limit;
        keys.truncate(self.query.limit);
        let mut package = metadata(
            settings,
            page_url(settings, RELEASES_PATH, &self.query, self.query.cursor),
            timestamp_text(self.newest),
        );
        package.insert("releases".into(), json!([]));
        if more && let Some(last) = keys.last() {
            let cursor = format!("{}|{}", timestamp_text(last.date), last.id);
            let next = page_url(settings, RELEASES_PATH, &self.query, Some(&cursor));
            package.insert("links".into(), json!({ "next": next }));
        }
        let (head, tail) = frame(package, "releases", EMPTY_RELEASES);
        ReleasePage { head, tail, keys }
    }
}

const EMPTY_RELEASES: &str = "\"releases\":[]";
const EMPTY_RECORDS: &str = "\"records\":[]";

/// The package's bytes with an empty list under `key`, cut where the
/// list's items go: serde_json's own bytes, as the in-memory packages write.
fn frame(package: serde_json::Map<String, Value>, key: &str, empty: &str) -> (String, String) {
    let frame = Value::Object(package).to_string();
    let (head, tail) = frame.split_once(empty).unwrap_or((frame.as_str(), "}"));
    (format!("{head}\"{key}\":["), format!("]{tail}"))
}

/// A page to write: its head, each release from its agreement, its tail.
#[derive(Debug, Clone)]
pub struct ReleasePage {
    head: String,
    tail: String,
    keys: Vec<ReleaseKey>,
}

impl ReleasePage {
    /// The package up to the opening of `releases`.
    pub fn head(&self) -> &str {
        &self.head
    }

    /// The releases of the page, in order.
    pub fn keys(&self) -> &[ReleaseKey] {
        &self.keys
    }

    /// The rest of the package after the releases.
    pub fn tail(&self) -> &str {
        &self.tail
    }

    /// The bytes of the page's release at `position`, made from its
    /// agreement `p`; `None` when `p` no longer has that release (it changed
    /// since the first pass). The caller puts a comma between releases.
    pub fn release(
        &self,
        position: usize,
        p: &PublishedAgreement,
        settings: &Settings,
    ) -> Option<Vec<u8>> {
        let key = self.keys.get(position)?;
        let release = releases(p, settings).into_iter().find(|r| r.id == key.id)?;
        serde_json::to_vec(&release.json).ok()
    }
}

/// The whole page in memory, for callers that have the agreements at hand
/// (tests, small registers): the same bytes the two passes write.
pub fn release_page_bytes(
    agreements: &[PublishedAgreement],
    settings: &Settings,
    query: &PageQuery<'_>,
) -> Result<Vec<u8>, PublishError> {
    let mut pager = ReleasePager::new(query)?;
    for (i, p) in agreements.iter().enumerate() {
        pager.add(i, p, settings);
    }
    let page = pager.finish(settings);
    let mut out = page.head().as_bytes().to_vec();
    let mut written = 0;
    for (position, key) in page.keys().iter().enumerate() {
        if let Some(bytes) = agreements
            .get(key.agreement)
            .and_then(|p| page.release(position, p, settings))
        {
            if written > 0 {
                out.push(b',');
            }
            out.extend(bytes);
            written += 1;
        }
    }
    out.extend(page.tail().as_bytes());
    Ok(out)
}

/// The first pass of a page of the record package: shown every agreement
/// once, it keeps the OCIDs of the page (at most `limit + 1`, the smallest
/// after the cursor with a release on or after `since`).
#[derive(Debug)]
pub struct RecordPager<'q> {
    query: PageQuery<'q>,
    newest: Timestamp,
    kept: BTreeSet<String>,
}

impl<'q> RecordPager<'q> {
    pub fn new(query: &PageQuery<'q>) -> Result<RecordPager<'q>, PublishError> {
        if query.limit == 0 {
            return Err(PublishError::PageSize);
        }
        Ok(RecordPager {
            query: *query,
            newest: Timestamp::UNIX_EPOCH,
            kept: BTreeSet::new(),
        })
    }

    pub fn add(&mut self, p: &PublishedAgreement, settings: &Settings) {
        for r in releases(p, settings) {
            self.newest = self.newest.max(r.date);
            let wanted = self.query.cursor.is_none_or(|c| r.ocid.as_str() > c)
                && self.query.since.is_none_or(|s| r.date >= s);
            if wanted {
                self.kept.insert(r.ocid);
                if self.kept.len() > self.query.limit + 1 {
                    self.kept.pop_last();
                }
            }
        }
    }

    /// The page's frame and its OCIDs, in order; its releases are gathered
    /// by [`RecordPage::gather`] in a second pass.
    pub fn finish(self, settings: &Settings) -> RecordPage {
        let mut ocids: Vec<String> = self.kept.into_iter().collect();
        let more = ocids.len() > self.query.limit;
        ocids.truncate(self.query.limit);
        let mut package = metadata(
            settings,
            page_url(settings, RECORDS_PATH, &self.query, self.query.cursor),
            timestamp_text(self.newest),
        );
        package.insert("records".into(), json!([]));
        if more && let Some(last) = ocids.last() {
            let next = page_url(settings, RECORDS_PATH, &self.query, Some(last));
            package.insert("links".into(), json!({ "next": next }));
        }
        let (head, tail) = frame(package, "records", EMPTY_RECORDS);
        RecordPage {
            head,
            tail,
            records: ocids.into_iter().map(|o| (o, Vec::new())).collect(),
        }
    }
}

/// A page of records: its head, each record, its tail. Holds the releases
/// of its own records only (at most `limit` processes), never the register's.
#[derive(Debug, Clone)]
pub struct RecordPage {
    head: String,
    tail: String,
    records: BTreeMap<String, Vec<Release>>,
}

impl RecordPage {
    pub fn head(&self) -> &str {
        &self.head
    }

    pub fn tail(&self) -> &str {
        &self.tail
    }

    /// How many records the page has.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The second pass: keeps the releases of `p` that belong to the page.
    pub fn gather(&mut self, p: &PublishedAgreement, settings: &Settings) {
        for r in releases(p, settings) {
            if let Some(list) = self.records.get_mut(&r.ocid) {
                list.push(r);
            }
        }
    }

    /// The bytes of the record at `position`, in OCID order.
    pub fn record(&self, position: usize) -> Option<Vec<u8>> {
        let (ocid, list) = self.records.iter().nth(position)?;
        let mut list = list.clone();
        list.sort_by(|x, y| (x.date, &x.id).cmp(&(y.date, &y.id)));
        serde_json::to_vec(&record_json(ocid, &list)).ok()
    }
}

/// The whole record page in memory from agreements at hand: the same bytes
/// the two passes write.
pub fn record_page_bytes(
    agreements: &[PublishedAgreement],
    settings: &Settings,
    query: &PageQuery<'_>,
) -> Result<Vec<u8>, PublishError> {
    let mut pager = RecordPager::new(query)?;
    for p in agreements {
        pager.add(p, settings);
    }
    let mut page = pager.finish(settings);
    for p in agreements {
        page.gather(p, settings);
    }
    let mut out = page.head().as_bytes().to_vec();
    for position in 0..page.len() {
        if position > 0 {
            out.push(b',');
        }
        out.extend(page.record(position).unwrap_or_default());
    }
    out.extend(page.tail().as_bytes());
    Ok(out)
}
