//! Release and record packages, a page at a time. Releases are ordered by
//! date, then id; records by OCID. A page links to the next with
//! `links.next` (the pagination convention harvesters such as Kingfisher
//! Collect follow); `since` keeps releases dated on or after it.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde_json::{Map, Value, json};

use super::{BUDGET_BREAKDOWN_EXTENSION, Release, compile, releases, timestamp_text};
use crate::input::{PublishError, PublishedAgreement, Settings};
use crate::json::encode;

/// The licence of the data: public domain (CC0 1.0), so anyone may reuse
/// the register; spelled as DCAT-AP-SE's licence list spells it.
pub const LICENSE: &str = "http://creativecommons.org/publicdomain/zero/1.0/";

/// Path of the release feed under the base URL.
pub const RELEASES_PATH: &str = "/api/v1/register/ocds/releases";
/// Path of the record feed under the base URL.
pub const RECORDS_PATH: &str = "/api/v1/register/ocds/records";

/// Which page of a feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageQuery<'a> {
    /// Only releases dated on or after this instant (records: with one).
    pub since: Option<Timestamp>,
    /// Where the previous page stopped, as its `links.next` says.
    pub cursor: Option<&'a str>,
    /// At most this many releases (records) on the page; at least 1.
    pub limit: usize,
}

impl PageQuery<'_> {
    fn check(&self) -> Result<(), PublishError> {
        if self.limit == 0 {
            return Err(PublishError::PageSize);
        }
        Ok(())
    }
}

/// All releases of the register, ordered by date, then id.
fn all_releases(agreements: &[PublishedAgreement], settings: &Settings) -> Vec<Release> {
    let mut all: Vec<Release> = agreements
        .iter()
        .flat_map(|p| releases(p, settings))
        .collect();
    all.sort_by(|x, y| (x.date, &x.id).cmp(&(y.date, &y.id)));
    all
}

/// The package's `publishedDate`: the newest release, so the same data
/// gives the same bytes (the clock is never read).
fn published_date(all: &[Release]) -> String {
    let newest = all
        .iter()
        .map(|r| r.date)
        .max()
        .unwrap_or(Timestamp::UNIX_EPOCH);
    timestamp_text(newest)
}

pub(super) fn metadata(settings: &Settings, uri: String, published: String) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("uri".into(), json!(uri));
    m.insert("version".into(), json!("1.1"));
    m.insert("extensions".into(), json!([BUDGET_BREAKDOWN_EXTENSION]));
    m.insert("publishedDate".into(), json!(published));
    m.insert(
        "publisher".into(),
        json!({
            "name": settings.publisher_name(),
            "scheme": "SE-BLV",
            "uid": settings.publisher_org_number(),
            "uri": settings.base_url(),
        }),
    );
    m.insert("license".into(), json!(LICENSE));
    m
}

/// The URL of a page of the feed at `path`.
pub(super) fn page_url(
    settings: &Settings,
    path: &str,
    query: &PageQuery<'_>,
    cursor: Option<&str>,
) -> String {
    let mut url = format!("{}{path}?limit={}", settings.base_url(), query.limit);
    if let Some(since) = query.since {
        url.push_str(&format!("&since={}", encode(&timestamp_text(since))));
    }
    if let Some(cursor) = cursor {
        url.push_str(&format!("&cursor={}", encode(cursor)));
    }
    url
}

/// A release cursor: the date and id of the last release on a page.
fn release_cursor(r: &Release) -> String {
    format!("{}|{}", timestamp_text(r.date), r.id)
}

pub(super) fn parse_release_cursor(cursor: &str) -> Result<(Timestamp, String), PublishError> {
    let bad = || PublishError::Cursor(cursor.to_owned());
    let (date, id) = cursor.split_once('|').ok_or_else(bad)?;
    let date: Timestamp = date.parse().map_err(|_| bad())?;
    if id.is_empty() {
        return Err(bad());
    }
    Ok((date, id.to_owned()))
}

/// One page of the OCDS release package.
pub fn release_package(
    agreements: &[PublishedAgreement],
    settings: &Settings,
    query: &PageQuery<'_>,
) -> Result<Value, PublishError> {
    query.check()?;
    let after = query.cursor.map(parse_release_cursor).transpose()?;
    let all = all_releases(agreements, settings);
    let published = published_date(&all);
    let mut selected = all.iter().filter(|r| {
        query.since.is_none_or(|s| r.date >= s)
            && after
                .as_ref()
                .is_none_or(|(date, id)| (r.date, &r.id) > (*date, id))
    });
    let page: Vec<&Release> = selected.by_ref().take(query.limit).collect();
    let more = selected.next().is_some();
    let mut package = metadata(
        settings,
        page_url(settings, RELEASES_PATH, query, query.cursor),
        published,
    );
    package.insert(
        "releases".into(),
        Value::Array(page.iter().map(|r| r.json.clone()).collect()),
    );
    if more && let Some(last) = page.last() {
        let next = page_url(settings, RELEASES_PATH, query, Some(&release_cursor(last)));
        package.insert("links".into(), json!({ "next": next }));
    }
    Ok(Value::Object(package))
}

/// One page of the OCDS record package: per OCID, its releases and the
/// compiled release. The cursor is the last OCID of the previous page.
pub fn record_package(
    agreements: &[PublishedAgreement],
    settings: &Settings,
    query: &PageQuery<'_>,
) -> Result<Value, PublishError> {
    query.check()?;
    let all = all_releases(agreements, settings);
    let published = published_date(&all);
    let mut by_ocid: BTreeMap<&str, Vec<Release>> = BTreeMap::new();
    for r in &all {
        by_ocid.entry(r.ocid.as_str()).or_default().push(r.clone());
    }
    let mut selected = by_ocid.iter().filter(|(ocid, list)| {
        query.cursor.is_none_or(|c| **ocid > c)
            && query.since.is_none_or(|s| list.iter().any(|r| r.date >= s))
    });
    let page: Vec<_> = selected.by_ref().take(query.limit).collect();
    let more = selected.next().is_some();
    let records: Vec<Value> = page
        .iter()
        .map(|(ocid, list)| record_json(ocid, list))
        .collect();
    let mut package = metadata(
        settings,
        page_url(settings, RECORDS_PATH, query, query.cursor),
        published,
    );
    package.insert("records".into(), Value::Array(records));
    if more && let Some((last, _)) = page.last() {
        let next = page_url(settings, RECORDS_PATH, query, Some(last));
        package.insert("links".into(), json!({ "next": next }));
    }
    Ok(Value::Object(package))
}

/// One record: its OCID, its releases (by date, then id) and the compiled
/// release.
pub(super) fn record_json(ocid: &str, list: &[Release]) -> Value {
    let mut record = Map::new();
    record.insert("ocid".into(), json!(ocid));
    record.insert(
        "releases".into(),
        Value::Array(list.iter().map(|r| r.json.clone()).collect()),
    );
    if let Some(compiled) = compile(list) {
        record.insert("compiledRelease".into(), compiled);
    }
    Value::Object(record)
}

/// Writes the whole release package to `out` one agreement at a time, so a
/// register of any size streams without being held in memory: releases in
/// the order the agreements come (the store's id order gives the same bytes
/// every time), `publishedDate` last, once the newest release is known.
/// Returns the number of releases written.
pub fn write_release_package<W: std::io::Write>(
    out: &mut W,
    agreements: impl IntoIterator<Item = PublishedAgreement>,
    settings: &Settings,
) -> std::io::Result<usize> {
    let mut head = metadata(
        settings,
        format!("{}{RELEASES_PATH}", settings.base_url()),
        String::new(),
    );
    head.remove("publishedDate");
    let head = Value::Object(head).to_string();
    // The metadata object without its closing brace, then the releases.
    out.write_all(head.trim_end_matches('}').as_bytes())?;
    out.write_all(b",\"releases\":[")?;
    let mut count = 0;
    let mut newest = Timestamp::UNIX_EPOCH;
    for p in agreements {
        for r in releases(&p, settings) {
            if count > 0 {
                out.write_all(b",")?;
            }
            serde_json::to_writer(&mut *out, &r.json)?;
            newest = newest.max(r.date);
            count += 1;
        }
    }
    write!(out, "],\"publishedDate\":\"{}\"}}", timestamp_text(newest))?;
    Ok(count)
}
