//! The public register as open data: OCDS 1.1, 360Giving 1.4.3, a
//! DCAT-AP-SE catalogue, CSV and XLSX (`publish`), built from what the public
//! register shows (published agreements, decided or later; organisations,
//! never their people) with their versions and public follow-up records.

use domain::Agreement;
use domain::model::{Outcome, Sector, Status};
use domain::value::{Date, Id, Money};
use jiff::Timestamp;
use publish::dcat::Contact;
use publish::ocds::{PageQuery, RecordPage, RecordPager, ReleasePage, ReleasePager};
use publish::{Event, FollowUp, PublishError, PublishedAgreement, Settings, Version};

use crate::agreements::{parse_stored, statuses};
use crate::records::{Record, RecordKind, RecordState};
use crate::{App, AppError, Message};

/// The demo's OCID prefix: not registered with the Open Contracting
/// Partnership, so a real instance sets its own (`--ocid-prefix`).
pub const DEMO_OCID_PREFIX: &str = "ocds-iopdem";
/// The demo's publisher, contact and base URL.
pub const DEMO_PUBLISHER_NAME: &str = "iop (demo)";
pub const DEMO_PUBLISHER_ORG_NUMBER: &str = "212000-0449";
pub const DEMO_CONTACT_NAME: &str = "Öppna data (demo)";
pub const DEMO_CONTACT_EMAIL: &str = "oppna-data@example.se";
pub const DEMO_BASE_URL: &str = "http://127.0.0.1:8080";

/// Most releases (records) on one page of an OCDS feed, and the default.
pub const MAX_PAGE: usize = 1000;

/// Who publishes the open data, where it lives and who answers questions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenData {
    pub settings: Settings,
    pub contact: Contact,
}

/// The open-data settings an operator gives (flags or environment).
#[derive(Debug, Clone, Copy)]
pub struct OpenDataInput<'a> {
    pub ocid_prefix: &'a str,
    pub publisher_name: &'a str,
    pub publisher_org_number: &'a str,
    pub base_url: &'a str,
    pub contact_name: &'a str,
    pub contact_email: &'a str,
}

impl OpenData {
    /// Checks every setting; a malformed one is refused with a message
    /// saying what it must look like.
    pub fn new(input: OpenDataInput<'_>) -> Result<OpenData, PublishError> {
        Ok(OpenData {
            settings: Settings::new(
                input.ocid_prefix,
                None,
                input.publisher_name,
                input.publisher_org_number,
                input.base_url,
            )?,
            contact: Contact::new(input.contact_name, input.contact_email)?,
        })
    }

    /// The demo's settings at `base_url`.
    pub fn demo(base_url: &str) -> Result<OpenData, PublishError> {
        OpenData::new(OpenDataInput {
            ocid_prefix: DEMO_OCID_PREFIX,
            publisher_name: DEMO_PUBLISHER_NAME,
            publisher_org_number: DEMO_PUBLISHER_ORG_NUMBER,
            base_url,
            contact_name: DEMO_CONTACT_NAME,
            contact_email: DEMO_CONTACT_EMAIL,
        })
    }
}

/// One open-data file of the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feed {
    OcdsReleases,
    OcdsRecords,
    Giving,
    Dcat,
    Csv,
    Xlsx,
}

impl Feed {
    pub const ALL: [Feed; 6] = [
        Feed::OcdsReleases,
        Feed::OcdsRecords,
        Feed::Giving,
        Feed::Dcat,
        Feed::Csv,
        Feed::Xlsx,
    ];

    /// The name `iop export --format` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Feed::OcdsReleases => "ocds-releases",
            Feed::OcdsRecords => "ocds-records",
            Feed::Giving => "360giving",
            Feed::Dcat => "dcat",
            Feed::Csv => "csv",
            Feed::Xlsx => "xlsx",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Feed::OcdsReleases | Feed::OcdsRecords | Feed::Giving => "application/json",
            Feed::Dcat => "application/rdf+xml",
            Feed::Csv => "text/csv; charset=utf-8",
            Feed::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    /// The file name a download suggests.
    pub fn file_name(self) -> &'static str {
        match self {
            Feed::OcdsReleases => "register-ocds-releases.json",
            Feed::OcdsRecords => "register-ocds-records.json",
            Feed::Giving => "register-360giving.json",
            Feed::Dcat => "register-dcat.rdf",
            Feed::Csv => "register.csv",
            Feed::Xlsx => "register.xlsx",
        }
    }
}

/// Which page of an OCDS feed; the other feeds are whole.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedPage {
    /// Only releases dated on or after this instant.
    pub since: Option<Timestamp>,
    /// Where the previous page stopped (its `links.next`).
    pub cursor: Option<String>,
    /// 1 to `MAX_PAGE`; `MAX_PAGE` when not given.
    pub limit: Option<usize>,
}

/// `since` as a day (YYYY-MM-DD, from its first instant in UTC) or an
/// instant (RFC 3339).
pub fn parse_since(text: &str) -> Option<Timestamp> {
    if let Ok(t) = text.parse::<Timestamp>() {
        return Some(t);
    }
    let day: jiff::civil::Date = text.parse().ok()?;
    day.to_zoned(jiff::tz::TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp())
}

fn publish_error(e: PublishError) -> AppError {
    match e {
        PublishError::Cursor(_) => AppError::field("cursor", Message::detail(e)),
        PublishError::PageSize => AppError::field("limit", Message::detail(e)),
        PublishError::NoGrants => AppError::NotFound,
        other => AppError::Internal(other.to_string()),
    }
}

impl App {
    /// One open-data file of the public register, as bytes: the same for
    /// the routes and `iop export`.
    pub async fn open_data(
        &self,
        open: &OpenData,
        feed: Feed,
        page: &FeedPage,
    ) -> Result<Vec<u8>, AppError> {
        let settings = &open.settings;
        let json = |v: serde_json::Value| {
            serde_json::to_vec(&v).map_err(|e| AppError::Internal(e.to_string()))
        };
        if let Feed::OcdsReleases | Feed::OcdsRecords = feed {
            let mut stream = self.page_stream(open, feed, page).await?;
            let mut out = Vec::new();
            while let Some(chunk) = stream.next_chunk().await? {
                out.extend(chunk);
            }
            return Ok(out);
        }
        let list = self.published_agreements().await?;
        match feed {
            // Written a piece at a time above.
            Feed::OcdsReleases | Feed::OcdsRecords => Err(AppError::Internal(
                "OCDS feeds are written a page at a time".into(),
            )),
            Feed::Giving => {
                json(publish::giving::giving_package(&list, settings).map_err(publish_error)?)
            }
            Feed::Dcat => {
                // The day the register last changed: its newest saved version.
                let modified = list
                    .iter()
                    .map(|p| utc_day(p.current_version().at).to_string())
                    .max();
                Ok(
                    publish::dcat::catalogue(settings, &open.contact, modified.as_deref())
                        .into_bytes(),
                )
            }
            Feed::Csv => Ok(publish::table::csv(&publish::table::money(&list)).into_bytes()),
            Feed::Xlsx => publish::xlsx::register_xlsx(&list, settings)
                .map_err(|e| AppError::Internal(format!("xlsx: {e}"))),
        }
    }

    /// A page of an OCDS feed (releases or records), to be written a piece
    /// at a time (`PageStream::next_chunk`). A bad `cursor` or `limit` is
    /// refused here, before any byte is sent.
    pub async fn page_stream(
        &self,
        open: &OpenData,
        feed: Feed,
        page: &FeedPage,
    ) -> Result<PageStream, AppError> {
        let query = PageQuery {
            since: page.since,
            cursor: page.cursor.as_deref(),
            limit: page.limit.unwrap_or(MAX_PAGE).clamp(1, MAX_PAGE),
        };
        if feed == Feed::OcdsRecords {
            return Ok(PageStream::Records(
                self.record_stream(&open.settings, &query).await?,
            ));
        }
        Ok(PageStream::Releases(Box::new(
            self.release_stream(&open.settings, &query).await?,
        )))
    }

    /// Two passes over the published agreements, one at a time: the first
    /// keeps the OCIDs of the page, the second the releases of those
    /// processes only.
    async fn record_stream(
        &self,
        settings: &Settings,
        query: &PageQuery<'_>,
    ) -> Result<RecordStream, AppError> {
        let mut pager = RecordPager::new(query).map_err(publish_error)?;
        let ids = self.published_ids().await?;
        for id in &ids {
            if let Some(p) = self.published_agreement(id).await? {
                pager.add(&p, settings);
            }
        }
        let mut page = pager.finish(settings);
        for id in &ids {
            if let Some(p) = self.published_agreement(id).await? {
                page.gather(&p, settings);
            }
        }
        Ok(RecordStream {
            page,
            stage: Stage::Head,
        })
    }

    /// The first pass of a release page: every published agreement read
    /// once, only the page's release keys kept.
    async fn release_stream(
        &self,
        settings: &Settings,
        query: &PageQuery<'_>,
    ) -> Result<ReleaseStream, AppError> {
        let mut pager = ReleasePager::new(query).map_err(publish_error)?;
        let ids = self.published_ids().await?;
        for (i, id) in ids.iter().enumerate() {
            if let Some(p) = self.published_agreement(id).await? {
                pager.add(i, &p, settings);
            }
        }
        Ok(ReleaseStream {
            app: self.clone(),
            settings: settings.clone(),
            ids,
            page: pager.finish(settings),
            stage: Stage::Head,
            written: 0,
            agreement: None,
        })
    }

    /// The ids of every agreement in the public register, in id order.
    async fn published_ids(&self) -> Result<Vec<String>, AppError> {
        const PAGE: i64 = 200;
        let public = statuses(Status::is_public);
        let mut out = Vec::new();
        let mut after = String::new();
        loop {
            let page = self.store.published(&after, PAGE, &public).await?;
            let full = page.len() as i64 == PAGE;
            out.extend(page.into_iter().map(|s| s.id));
            match out.last() {
                Some(last) if full => after.clone_from(last),
                _ => return Ok(out),
            }
        }
    }

    /// What the public register may show of every published agreement, in
    /// id order. An agreement whose stored history the open-data mapping
    /// cannot express is left out rather than failing every feed.
    pub async fn published_agreements(&self) -> Result<Vec<PublishedAgreement>, AppError> {
        let mut out = Vec::new();
        for id in self.published_ids().await? {
            if let Some(p) = self.published_agreement(&id).await? {
                out.push(p);
            }
        }
        Ok(out)
    }

    async fn published_agreement(&self, id: &str) -> Result<Option<PublishedAgreement>, AppError> {
        let Some(stored) = self.store.agreement(id).await? else {
            return Ok(None);
        };
        let agreement = parse_stored(&stored.document)?;
        if !agreement.status.is_public() {
            return Ok(None);
        }
        let metas = self.store.versions(id).await?;
        let versions: Vec<(Version, Status)> = metas
            .iter()
            .filter_map(|m| {
                Some((
                    Version {
                        number: u32::try_from(m.version).ok()?,
                        at: m.created_at.parse().ok()?,
                    },
                    m.status.parse().ok()?,
                ))
            })
            .collect();
        let records: Vec<Record> = self
            .store
            .records(id)
            .await?
            .into_iter()
            .map(Record::try_from)
            .collect::<Result<_, _>>()?;
        let Some((current, _)) = versions.last() else {
            return Ok(None);
        };
        let lifecycle = lifecycle(&agreement, &versions, current.at, &records);
        let follow_up = records
            .iter()
            .filter_map(|r| follow_up(&agreement, r))
            .collect();
        let versions = versions.into_iter().map(|(v, _)| v).collect();
        Ok(PublishedAgreement::new(agreement, lifecycle, versions, follow_up).ok())
    }
}

/// Where a release page is in its writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Head,
    Release(usize),
    Tail,
    Done,
}

/// A page of an OCDS feed being written.
#[derive(Debug)]
pub enum PageStream {
    Releases(Box<ReleaseStream>),
    Records(RecordStream),
}

impl PageStream {
    /// The next bytes of the page; `None` once it is all written.
    pub async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, AppError> {
        match self {
            PageStream::Releases(s) => s.next_chunk().await,
            PageStream::Records(s) => Ok(s.next_chunk()),
        }
    }
}

/// A page of the record feed: its head, each record, its tail.
#[derive(Debug)]
pub struct RecordStream {
    page: RecordPage,
    stage: Stage,
}

impl RecordStream {
    fn next_chunk(&mut self) -> Option<Vec<u8>> {
        match self.stage {
            Stage::Head => {
                self.stage = Stage::Release(0);
                Some(self.page.head().as_bytes().to_vec())
            }
            Stage::Release(position) if position < self.page.len() => {
                self.stage = Stage::Release(position + 1);
                let mut out = if position > 0 { vec![b','] } else { Vec::new() };
                out.extend(self.page.record(position).unwrap_or_default());
                Some(out)
            }
            Stage::Release(_) | Stage::Tail => {
                self.stage = Stage::Done;
                Some(self.page.tail().as_bytes().to_vec())
            }
            Stage::Done => None,
        }
    }
}

/// A page of the OCDS release feed being written: its head, then each
/// release made from its agreement (read again, one at a time), then its
/// tail. At most one agreement and one release are held.
#[derive(Debug)]
pub struct ReleaseStream {
    app: App,
    settings: Settings,
    ids: Vec<String>,
    page: ReleasePage,
    stage: Stage,
    written: usize,
    /// The agreement last read, by its place in `ids`: a page's releases
    /// of one agreement often stand together.
    agreement: Option<(usize, Option<PublishedAgreement>)>,
}

impl ReleaseStream {
    /// The next bytes of the page; `None` once it is all written.
    pub async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, AppError> {
        loop {
            match self.stage {
                Stage::Head => {
                    self.stage = Stage::Release(0);
                    return Ok(Some(self.page.head().as_bytes().to_vec()));
                }
                Stage::Release(position) if position < self.page.keys().len() => {
                    self.stage = Stage::Release(position + 1);
                    if let Some(bytes) = self.release(position).await? {
                        return Ok(Some(bytes));
                    }
                }
                Stage::Release(_) => self.stage = Stage::Tail,
                Stage::Tail => {
                    self.stage = Stage::Done;
                    return Ok(Some(self.page.tail().as_bytes().to_vec()));
                }
                Stage::Done => return Ok(None),
            }
        }
    }

    /// The release at `position` with the comma before it; `None` when its
    /// agreement left the register or changed since the first pass.
    async fn release(&mut self, position: usize) -> Result<Option<Vec<u8>>, AppError> {
        let Some(index) = self.page.keys().get(position).map(|k| k.agreement) else {
            return Ok(None);
        };
        if self.agreement.as_ref().is_none_or(|(i, _)| *i != index) {
            let p = match self.ids.get(index) {
                Some(id) => self.app.published_agreement(id).await?,
                None => None,
            };
            self.agreement = Some((index, p));
        }
        let Some((_, Some(p))) = &self.agreement else {
            return Ok(None);
        };
        let Some(json) = self.page.release(position, p, &self.settings) else {
            return Ok(None);
        };
        let mut out = if self.written > 0 {
            vec![b',']
        } else {
            Vec::new()
        };
        out.extend(json);
        self.written += 1;
        Ok(Some(out))
    }
}

fn day(text: &str) -> Option<Date> {
    text.get(..10)?.parse().ok()
}

fn utc_day(t: Timestamp) -> Date {
    Date::new(t.to_zoned(jiff::tz::TimeZone::UTC).date())
}

/// The latest date of the records of `kind` that `keep`.
fn latest(records: &[Record], kind: RecordKind, keep: impl Fn(&Record) -> bool) -> Option<Date> {
    records
        .iter()
        .filter(|r| r.kind == kind && keep(r))
        .filter_map(|r| day(&r.date))
        .max()
}

/// The first saved version in a status that `rule` accepts.
fn first_version(versions: &[(Version, Status)], rule: fn(Status) -> bool) -> Option<Date> {
    versions
        .iter()
        .find(|(_, s)| rule(*s))
        .map(|(v, _)| utc_day(v.at))
}

/// When the agreement moved through its lifecycle, from what is recorded:
/// decision and signature records first, then the agreement's own decision
/// trail and signatures, then the first version saved in that status. The
/// register keeps no time of publication, so the current version's time
/// stands for it.
fn lifecycle(
    a: &Agreement,
    versions: &[(Version, Status)],
    current: Timestamp,
    records: &[Record],
) -> publish::Lifecycle {
    let approved = |r: &Record| r.data.get("outcome").and_then(|o| o.as_str()) == Some("approved");
    let decided = latest(records, RecordKind::Decision, approved)
        .or_else(|| {
            a.decision_trail.as_ref().and_then(|t| {
                t.decisions
                    .iter()
                    .filter(|d| d.outcome == Outcome::Approved)
                    .map(|d| d.meeting_date)
                    .max()
            })
        })
        .or_else(|| first_version(versions, Status::is_public))
        .unwrap_or_else(|| utc_day(current));
    let signed = a.status.is_signed_or_later().then(|| {
        latest(records, RecordKind::Signature, |_| true)
            .or_else(|| {
                a.parties
                    .iter()
                    .flat_map(|p| &p.signatories)
                    .filter_map(|s| s.date)
                    .max()
            })
            .or_else(|| first_version(versions, Status::is_signed_or_later))
            .unwrap_or_else(|| utc_day(current))
    });
    let ended = match a.status {
        Status::Ended => a.term.as_ref().map(|t| t.end),
        Status::Terminated => {
            latest(records, RecordKind::Notice, |_| true).or_else(|| Some(utc_day(current)))
        }
        _ => None,
    };
    publish::Lifecycle {
        decided,
        signed,
        published: current,
        ended,
    }
}

/// A record that the register shows: a report received or approved, a
/// payment made, a meeting held. Only dates, amounts, parties and duties.
fn follow_up(a: &Agreement, r: &Record) -> Option<FollowUp> {
    let date = day(&r.date)?;
    let obligation = r.obligation_key.clone();
    let event = match (r.kind, r.state) {
        (RecordKind::Report, RecordState::Received | RecordState::Approved) => {
            Event::Report { date, obligation }
        }
        (RecordKind::Payment, RecordState::Paid) => {
            let (payer, payee) = payment_parties(a, r)?;
            Event::Payment {
                date,
                amount: Money::from_ore(r.amount_ore.filter(|o| *o > 0)?),
                payer,
                payee,
                obligation,
            }
        }
        (RecordKind::Meeting, RecordState::Held) => Event::Meeting {
            date,
            body: r
                .clause_id
                .as_deref()
                .and_then(|c| a.governance.iter().find(|g| g.id.as_str() == c))
                .map(|g| g.id.clone()),
            obligation,
        },
        _ => return None,
    };
    Some(FollowUp {
        id: r.id.clone(),
        recorded_at: r.created_at.parse().ok()?,
        event,
    })
}

/// Who paid whom: the record names one party (either side); the other side
/// is the first party of the other sector, as the lead public party pays.
fn payment_parties(a: &Agreement, r: &Record) -> Option<(Id, Id)> {
    let first = |sector: Sector| a.parties.iter().find(|p| p.sector == sector);
    let named = r
        .data
        .get("party")
        .and_then(|p| p.as_str())
        .and_then(|id| a.parties.iter().find(|p| p.id.as_str() == id));
    let (payer, payee) = match named {
        Some(p) if p.sector == Sector::Public => (Some(p), first(Sector::IdeaDriven)),
        Some(p) => (first(Sector::Public), Some(p)),
        None => (first(Sector::Public), first(Sector::IdeaDriven)),
    };
    Some((payer?.id.clone(), payee?.id.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_is_a_day_or_an_instant() {
        assert_eq!(
            parse_since("2025-01-02").map(|t| t.to_string()),
            Some("2025-01-02T00:00:00Z".to_owned())
        );
        assert!(parse_since("2025-01-02T10:00:00Z").is_some());
        assert!(parse_since("2025-13-02").is_none());
        assert!(parse_since("yesterday").is_none());
    }

    #[test]
    fn demo_settings_are_valid() {
        assert!(OpenData::demo(DEMO_BASE_URL).is_ok());
        assert!(matches!(
            OpenData::new(OpenDataInput {
                ocid_prefix: "ocds-x",
                publisher_name: DEMO_PUBLISHER_NAME,
                publisher_org_number: DEMO_PUBLISHER_ORG_NUMBER,
                base_url: DEMO_BASE_URL,
                contact_name: DEMO_CONTACT_NAME,
                contact_email: DEMO_CONTACT_EMAIL,
            }),
            Err(PublishError::OcidPrefix(_))
        ));
        let names: Vec<&str> = Feed::ALL.iter().map(|f| f.as_str()).collect();
        assert_eq!(
            names,
            [
                "ocds-releases",
                "ocds-records",
                "360giving",
                "dcat",
                "csv",
                "xlsx"
            ]
        );
    }
}
