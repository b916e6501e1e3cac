//! A page of the release package written release by release, so a server
//! never holds the register's releases at once: a first pass over the
//! agreements keeps only the keys of the page (at most `limit + 1` dates and
//! ids) and the newest date; a second pass writes each release of the page
//! from its agreement, one agreement at a time. The bytes are those of
//! [`release_package`](super::release_package) for the same agreements and
//! query (a test compares them).

use std::collections::BinaryHeap;

use jiff::Timestamp;
use serde_json::{Value, json};

use super::package::{PageQuery, RELEASES_PATH, metadata, page_url, parse_release_cursor};
use super::{releases, timestamp_text};
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
        // The package with no release, cut where the releases go: the
        // frame's bytes are serde_json's, as release_package writes them.
        let frame = Value::Object(package).to_string();
        let (head, tail) = frame
            .split_once(EMPTY_RELEASES)
            .unwrap_or((frame.as_str(), "}"));
        ReleasePage {
            head: format!("{head}\"releases\":["),
            tail: format!("]{tail}"),
            keys,
        }
    }
}

const EMPTY_RELEASES: &str = "\"releases\":[]";

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
