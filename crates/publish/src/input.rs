//! What the public register may show of one agreement, and the settings of
//! the instance that publishes it. Callers build these from their own data;
//! nothing here reads a database or the clock.

use std::fmt;

use domain::Agreement;
use domain::model::{Sector, Status};
use domain::value::{Date, Id, Money};
use jiff::Timestamp;

/// Why an agreement or the settings cannot be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublishError {
    /// The OCID prefix is not `ocds-` followed by six lower-case letters or digits.
    OcidPrefix(String),
    /// An adopted OCID does not start with a well-formed prefix and a dash.
    AdoptedOcid(String),
    /// The base URL is not an absolute `http` or `https` URL.
    BaseUrl(String),
    /// The publisher's org number is missing or malformed.
    PublisherOrgNumber(String),
    /// The 360Giving prefix is not `360G-` followed by letters, digits or dashes.
    GivingPrefix(String),
    /// A draft is never published.
    Draft(String),
    /// The agreement has no version; every stored agreement has at least one.
    NoVersions(String),
    /// Version numbers must be 1, 2, 3 … in order.
    VersionOrder(String),
    /// A payment names a party the agreement does not have.
    UnknownParty { agreement: String, party: String },
    /// A payment must go from a public party to an idea-driven one.
    PaymentDirection { agreement: String, record: String },
    /// A payment of zero or less.
    PaymentAmount { agreement: String, record: String },
    /// Two follow-up records with the same id.
    DuplicateRecord { agreement: String, record: String },
    /// A page must hold at least one release.
    PageSize,
    /// A cursor that this instance did not write.
    Cursor(String),
    /// No published agreement pays money, so there is no grant to publish
    /// (360Giving asks for at least one).
    NoGrants,
    /// The catalogue's contact point needs a name and an e-mail address.
    Contact(String),
}

impl fmt::Display for PublishError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PublishError::OcidPrefix(p) => write!(
                f,
                "OCID prefix {p:?} is malformed: it must be \"ocds-\" followed by six lower-case letters or digits, as registered with the Open Contracting Partnership (e.g. \"ocds-abc123\")"
            ),
            PublishError::AdoptedOcid(o) => write!(
                f,
                "adopted OCID {o:?} is malformed: it must be a registered prefix (\"ocds-\" and six lower-case letters or digits), a dash and the process identifier"
            ),
            PublishError::BaseUrl(u) => write!(
                f,
                "base URL {u:?} must be an absolute http:// or https:// URL without a query or fragment"
            ),
            PublishError::PublisherOrgNumber(n) => write!(
                f,
                "publisher org number {n:?} is not a valid Swedish organisationsnummer"
            ),
            PublishError::GivingPrefix(p) => write!(
                f,
                "360Giving prefix {p:?} is malformed: it must be \"360G-\" followed by letters, digits or dashes"
            ),
            PublishError::Draft(id) => write!(f, "agreement {id} is a draft and cannot be published"),
            PublishError::NoVersions(id) => write!(f, "agreement {id} has no version"),
            PublishError::VersionOrder(id) => write!(
                f,
                "agreement {id}: versions must be numbered 1, 2, 3 … in time order"
            ),
            PublishError::UnknownParty { agreement, party } => {
                write!(f, "agreement {agreement}: no party {party}")
            }
            PublishError::PaymentDirection { agreement, record } => write!(
                f,
                "agreement {agreement}, record {record}: a payment goes from a public party to an idea-driven party"
            ),
            PublishError::PaymentAmount { agreement, record } => write!(
                f,
                "agreement {agreement}, record {record}: a payment must be more than zero"
            ),
            PublishError::DuplicateRecord { agreement, record } => {
                write!(f, "agreement {agreement}: record id {record} is used twice")
            }
            PublishError::PageSize => f.write_str("a page must hold at least one release"),
            PublishError::Cursor(c) => write!(f, "cursor {c:?} is not one this register wrote"),
            PublishError::Contact(c) => write!(
                f,
                "contact point {c:?} needs a name and a valid e-mail address"
            ),
            PublishError::NoGrants => f.write_str(
                "no published agreement has money paid from a public to an idea-driven party, so there is no 360Giving grant",
            ),
        }
    }
}

impl std::error::Error for PublishError {}

/// A registered OCDS prefix, `ocds-` and six lower-case letters or digits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OcidPrefix(String);

impl OcidPrefix {
    pub fn parse(text: &str) -> Result<OcidPrefix, PublishError> {
        let ok = text.strip_prefix("ocds-").is_some_and(|rest| {
            rest.len() == 6
                && rest
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
        if ok {
            Ok(OcidPrefix(text.to_owned()))
        } else {
            Err(PublishError::OcidPrefix(text.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An OCID minted by another publisher, which this instance adopts for an
/// agreement it publishes too (docs/open-data.md, "Which OCID").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ocid(String);

impl Ocid {
    /// Checked as `iop check` checks an agreement's `ocid`
    /// (`domain::check::is_ocid`), so what the file may hold, the feeds take.
    pub fn parse(text: &str) -> Result<Ocid, PublishError> {
        if !domain::check::is_ocid(text) {
            return Err(PublishError::AdoptedOcid(text.to_owned()));
        }
        Ok(Ocid(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The instance that publishes: who it is and where its feeds live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    ocid_prefix: OcidPrefix,
    giving_prefix: String,
    publisher_name: String,
    publisher_org_number: String,
    base_url: String,
}

impl Settings {
    /// Checks every setting; the 360Giving prefix is `360G-` and the OCID
    /// prefix's six characters unless `giving_prefix` says otherwise.
    pub fn new(
        ocid_prefix: &str,
        giving_prefix: Option<&str>,
        publisher_name: &str,
        publisher_org_number: &str,
        base_url: &str,
    ) -> Result<Settings, PublishError> {
        let ocid_prefix = OcidPrefix::parse(ocid_prefix)?;
        let org: domain::value::OrgNumber = publisher_org_number
            .parse()
            .map_err(|_| PublishError::PublisherOrgNumber(publisher_org_number.to_owned()))?;
        let giving_prefix = match giving_prefix {
            Some(p) => {
                let ok = p.strip_prefix("360G-").is_some_and(|rest| {
                    !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                });
                if !ok {
                    return Err(PublishError::GivingPrefix(p.to_owned()));
                }
                p.to_owned()
            }
            None => format!("360G-{}", &ocid_prefix.as_str()[5..]),
        };
        let trimmed = base_url.trim_end_matches('/');
        let ok = (trimmed.starts_with("https://") || trimmed.starts_with("http://"))
            && trimmed
                .split("://")
                .nth(1)
                .is_some_and(|host| !host.is_empty())
            && !trimmed.contains(['?', '#', ' ']);
        if !ok {
            return Err(PublishError::BaseUrl(base_url.to_owned()));
        }
        Ok(Settings {
            ocid_prefix,
            giving_prefix,
            publisher_name: publisher_name.to_owned(),
            publisher_org_number: digits(&org.to_string()),
            base_url: trimmed.to_owned(),
        })
    }

    pub fn ocid_prefix(&self) -> &OcidPrefix {
        &self.ocid_prefix
    }

    pub fn giving_prefix(&self) -> &str {
        &self.giving_prefix
    }

    pub fn publisher_name(&self) -> &str {
        &self.publisher_name
    }

    /// Ten digits, no dash.
    pub fn publisher_org_number(&self) -> &str {
        &self.publisher_org_number
    }

    /// Without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }
}

/// The digits of an org number, as the `SE-BLV` scheme writes them.
pub(crate) fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// When the agreement moved through its lifecycle. The status itself is the
/// agreement's own (`Agreement::status`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lifecycle {
    /// The day the deciding body approved it.
    pub decided: Date,
    /// The day the last party signed.
    pub signed: Option<Date>,
    /// When it was put in the public register.
    pub published: Timestamp,
    /// The day it ended, by its term or early.
    pub ended: Option<Date>,
}

/// One saved version of the agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub number: u32,
    pub at: Timestamp,
}

/// A follow-up record that matters publicly. Only facts about organisations
/// and money: no people, no free text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    /// The record's stable id.
    pub id: String,
    /// When it was recorded (not when it happened).
    pub recorded_at: Timestamp,
    pub event: Event,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A report received (or approved) on `date`.
    Report {
        date: Date,
        /// The key of the obligation it meets (`Obligation::key`).
        obligation: Option<String>,
    },
    /// Money paid on `date` from a public party to an idea-driven one.
    Payment {
        date: Date,
        amount: Money,
        payer: Id,
        payee: Id,
        obligation: Option<String>,
    },
    /// A meeting of a governance body held on `date`.
    Meeting {
        date: Date,
        /// The governance body's id.
        body: Option<Id>,
        obligation: Option<String>,
    },
}

impl Event {
    pub fn date(&self) -> Date {
        match self {
            Event::Report { date, .. }
            | Event::Payment { date, .. }
            | Event::Meeting { date, .. } => *date,
        }
    }

    pub fn obligation(&self) -> Option<&str> {
        match self {
            Event::Report { obligation, .. }
            | Event::Payment { obligation, .. }
            | Event::Meeting { obligation, .. } => obligation.as_deref(),
        }
    }
}

/// A recorded payment, as `PublishedAgreement::payments` lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paid<'a> {
    pub id: &'a str,
    pub date: Date,
    pub amount: Money,
    pub payer: &'a Id,
    pub payee: &'a Id,
}

/// Everything the public register may show of one agreement. Built only by
/// `new`, which refuses drafts and inconsistent records.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedAgreement {
    agreement: Agreement,
    lifecycle: Lifecycle,
    versions: Vec<Version>,
    follow_up: Vec<FollowUp>,
    document_url: Option<String>,
    adopted_ocid: Option<Ocid>,
}

impl PublishedAgreement {
    /// `versions` in any order; `follow_up` in any order (they are sorted
    /// here, so the output does not depend on the caller's order).
    pub fn new(
        agreement: Agreement,
        lifecycle: Lifecycle,
        mut versions: Vec<Version>,
        mut follow_up: Vec<FollowUp>,
    ) -> Result<PublishedAgreement, PublishError> {
        let id = agreement.id.to_string();
        if agreement.status == Status::Draft {
            return Err(PublishError::Draft(id));
        }
        if versions.is_empty() {
            return Err(PublishError::NoVersions(id));
        }
        versions.sort_by_key(|v| v.number);
        let numbered = versions.iter().zip(1u32..).all(|(v, n)| v.number == n);
        let timed = versions.windows(2).all(|w| w[0].at <= w[1].at);
        if !numbered || !timed {
            return Err(PublishError::VersionOrder(id));
        }
        follow_up.sort_by(|x, y| {
            (x.event.date(), x.recorded_at, &x.id).cmp(&(y.event.date(), y.recorded_at, &y.id))
        });
        let mut ids: Vec<&str> = follow_up.iter().map(|r| r.id.as_str()).collect();
        ids.sort_unstable();
        if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
            return Err(PublishError::DuplicateRecord {
                agreement: id,
                record: w[0].to_owned(),
            });
        }
        for record in &follow_up {
            check_payment(&agreement, record)?;
        }
        // An OCID the agreement file records (minted by the lead public
        // party's instance) is adopted; `iop check` refused a malformed one.
        let adopted_ocid = agreement.ocid.as_deref().map(Ocid::parse).transpose()?;
        Ok(PublishedAgreement {
            agreement,
            lifecycle,
            versions,
            follow_up,
            document_url: None,
            adopted_ocid,
        })
    }

    /// A public link to the agreement document (the PDF).
    #[must_use]
    pub fn with_document_url(mut self, url: impl Into<String>) -> Self {
        self.document_url = Some(url.into());
        self
    }

    /// Publish under another publisher's OCID (docs/open-data.md, "Which OCID").
    #[must_use]
    pub fn with_adopted_ocid(mut self, ocid: Ocid) -> Self {
        self.adopted_ocid = Some(ocid);
        self
    }

    pub fn agreement(&self) -> &Agreement {
        &self.agreement
    }

    pub fn lifecycle(&self) -> &Lifecycle {
        &self.lifecycle
    }

    /// Sorted by number; never empty.
    pub fn versions(&self) -> &[Version] {
        &self.versions
    }

    /// Sorted by date, then when recorded, then id.
    pub fn follow_up(&self) -> &[FollowUp] {
        &self.follow_up
    }

    pub fn document_url(&self) -> Option<&str> {
        self.document_url.as_deref()
    }

    pub fn adopted_ocid(&self) -> Option<&Ocid> {
        self.adopted_ocid.as_ref()
    }

    /// The recorded payments, in date order.
    pub fn payments(&self) -> impl Iterator<Item = Paid<'_>> {
        self.follow_up.iter().filter_map(|r| match &r.event {
            Event::Payment {
                date,
                amount,
                payer,
                payee,
                ..
            } => Some(Paid {
                id: &r.id,
                date: *date,
                amount: *amount,
                payer,
                payee,
            }),
            _ => None,
        })
    }

    /// The latest version (there is always one).
    pub fn current_version(&self) -> &Version {
        // `new` refuses an empty list.
        &self.versions[self.versions.len() - 1]
    }
}

fn check_payment(a: &Agreement, record: &FollowUp) -> Result<(), PublishError> {
    let Event::Payment {
        amount,
        payer,
        payee,
        ..
    } = &record.event
    else {
        return Ok(());
    };
    let sector = |id: &Id| {
        a.parties
            .iter()
            .find(|p| &p.id == id)
            .map(|p| p.sector)
            .ok_or_else(|| PublishError::UnknownParty {
                agreement: a.id.to_string(),
                party: id.to_string(),
            })
    };
    if (sector(payer)?, sector(payee)?) != (Sector::Public, Sector::IdeaDriven) {
        return Err(PublishError::PaymentDirection {
            agreement: a.id.to_string(),
            record: record.id.clone(),
        });
    }
    if amount.ore() <= 0 {
        return Err(PublishError::PaymentAmount {
            agreement: a.id.to_string(),
            record: record.id.clone(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ocid_prefix_is_checked() {
        assert!(OcidPrefix::parse("ocds-abc123").is_ok());
        for bad in [
            "",
            "ocds-",
            "ocds-ABC123",
            "ocds-abc12",
            "ocds-abc1234",
            "ocds_abc123",
            "abc123",
        ] {
            assert_eq!(
                OcidPrefix::parse(bad),
                Err(PublishError::OcidPrefix(bad.to_owned()))
            );
        }
        let message = PublishError::OcidPrefix("x".into()).to_string();
        assert!(
            message.contains("six lower-case letters or digits"),
            "{message}"
        );
    }

    #[test]
    fn adopted_ocid_is_checked() {
        assert!(Ocid::parse("ocds-abc123-linkoping-vi-ses-2022").is_ok());
        for bad in [
            "ocds-abc123",
            "ocds-abc123-",
            "ocds-ABC123-x",
            "ocds-abc123x",
            "x",
        ] {
            assert!(Ocid::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn settings_are_checked() {
        let ok = Settings::new(
            "ocds-abc123",
            None,
            "Linköpings kommun",
            "212000-0449",
            "https://iop.example.se/",
        );
        let ok = ok.map_err(|e| e.to_string());
        assert_eq!(ok.as_ref().map(Settings::giving_prefix), Ok("360G-abc123"));
        assert_eq!(
            ok.as_ref().map(Settings::base_url),
            Ok("https://iop.example.se")
        );
        assert_eq!(
            ok.as_ref().map(Settings::publisher_org_number),
            Ok("2120000449")
        );
        assert!(matches!(
            Settings::new("ocds-abc123", None, "x", "212000-0448", "https://a.se"),
            Err(PublishError::PublisherOrgNumber(_))
        ));
        assert!(matches!(
            Settings::new("ocds-abc123", None, "x", "212000-0449", "ftp://a.se"),
            Err(PublishError::BaseUrl(_))
        ));
        assert!(matches!(
            Settings::new(
                "ocds-abc123",
                Some("GB-x"),
                "x",
                "212000-0449",
                "https://a.se"
            ),
            Err(PublishError::GivingPrefix(_))
        ));
    }
}
