//! The instance's DCAT-AP-SE 3.0.1 catalogue as RDF/XML, so dataportal.se
//! can harvest it: one catalogue, one dataset (the public register) and one
//! distribution per feed. Every node has an absolute IRI (no blank nodes);
//! the publisher is `http://dataportal.se/organisation/SE{org number}` and
//! the licence is CC0 1.0 spelled as DCAT-AP-SE's licence list spells it.

use crate::giving::GIVING_PATH;
use crate::input::{PublishError, Settings};
use crate::ocds::{LICENSE, RECORDS_PATH, RELEASES_PATH};

/// Path of the catalogue under the base URL.
pub const DCAT_PATH: &str = "/datasets/dcat";
/// Paths of the spreadsheets under the base URL.
pub const CSV_PATH: &str = "/register.csv";
pub const XLSX_PATH: &str = "/register.xlsx";

/// Who answers questions about the data (DCAT-AP-SE asks for a name and an
/// e-mail address): a function, not a person, e.g. "Öppna data, Linköpings kommun".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    name: String,
    email: String,
}

impl Contact {
    pub fn new(name: &str, email: &str) -> Result<Contact, PublishError> {
        let ok = email
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
            && !email.contains(char::is_whitespace);
        if name.trim().is_empty() || !ok {
            return Err(PublishError::Contact(format!("{name} <{email}>")));
        }
        Ok(Contact {
            name: name.to_owned(),
            email: email.to_owned(),
        })
    }
}

/// The ADMS publisher type from the org number: 2321… regions, 2120…
/// municipalities, another 2… a state body, 8… a non-profit.
fn publisher_type(org: &str) -> &'static str {
    if org.starts_with("2321") {
        "http://purl.org/adms/publishertype/RegionalAuthority"
    } else if org.starts_with("2120") {
        "http://purl.org/adms/publishertype/LocalAuthority"
    } else if org.starts_with('2') {
        "http://purl.org/adms/publishertype/NationalAuthority"
    } else if org.starts_with('8') {
        "http://purl.org/adms/publishertype/NonProfitOrganisation"
    } else {
        "http://purl.org/adms/publishertype/Company"
    }
}

/// XML text and attribute values.
fn escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// One feed of the register.
struct Feed {
    key: &'static str,
    path: &'static str,
    title: &'static str,
    format: &'static str,
    conforms_to: Option<&'static str>,
}

const FEEDS: [Feed; 5] = [
    Feed {
        key: "ocds-releases",
        path: RELEASES_PATH,
        title: "OCDS 1.1, releasepaket (sidindelat med links.next)",
        format: "application/json",
        conforms_to: Some("https://standard.open-contracting.org/1.1/en/"),
    },
    Feed {
        key: "ocds-records",
        path: RECORDS_PATH,
        title: "OCDS 1.1, recordpaket med sammanställda releaser",
        format: "application/json",
        conforms_to: Some("https://standard.open-contracting.org/1.1/en/"),
    },
    Feed {
        key: "360giving",
        path: GIVING_PATH,
        title: "360Giving 1.4.3, bidragspaket",
        format: "application/json",
        conforms_to: Some("https://standard.threesixtygiving.org/en/1.4.3/"),
    },
    Feed {
        key: "csv",
        path: CSV_PATH,
        title: "Ekonomi per år och part (CSV)",
        format: "text/csv",
        conforms_to: None,
    },
    Feed {
        key: "xlsx",
        path: XLSX_PATH,
        title: "Registret som kalkylblad (Excel)",
        format: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        conforms_to: None,
    },
];

/// The catalogue. `modified` (YYYY-MM-DD) is the day the register last
/// changed, when known; the clock is never read.
pub fn catalogue(settings: &Settings, contact: &Contact, modified: Option<&str>) -> String {
    let base = settings.base_url();
    let catalog = format!("{base}{DCAT_PATH}#catalog");
    let dataset = format!("{base}{DCAT_PATH}#register");
    let contact_iri = format!("{base}{DCAT_PATH}#contact");
    let publisher = format!(
        "http://dataportal.se/organisation/SE{}",
        settings.publisher_org_number()
    );
    let name = escape(settings.publisher_name());
    let mut x = String::new();
    x.push_str(HEADER);
    x.push_str(&format!(
        r#"  <dcat:Catalog rdf:about="{catalog}">
    <dcterms:title xml:lang="sv">Idéburna offentliga partnerskap – {name}</dcterms:title>
    <dcterms:description xml:lang="sv">Öppna data om de idéburna offentliga partnerskap (IOP) som {name} har publicerat i sitt offentliga register.</dcterms:description>
    <dcterms:publisher rdf:resource="{publisher}"/>
    <dcterms:license rdf:resource="{LICENSE}"/>
    <dcterms:language rdf:resource="http://publications.europa.eu/resource/authority/language/SWE"/>
    <foaf:homepage rdf:resource="{base}/register"/>
    <dcat:dataset rdf:resource="{dataset}"/>
  </dcat:Catalog>
  <foaf:Agent rdf:about="{publisher}">
    <foaf:name>{name}</foaf:name>
    <dcterms:type rdf:resource="{kind}"/>
  </foaf:Agent>
  <vcard:Organization rdf:about="{contact_iri}">
    <vcard:fn>{contact_name}</vcard:fn>
    <vcard:hasEmail rdf:resource="mailto:{email}"/>
  </vcard:Organization>
"#,
        kind = publisher_type(settings.publisher_org_number()),
        contact_name = escape(&contact.name),
        email = escape(&contact.email),
    ));
    x.push_str(&dataset_xml(
        &dataset,
        &publisher,
        &contact_iri,
        base,
        modified,
    ));
    for feed in &FEEDS {
        x.push_str(&distribution_xml(base, feed));
    }
    x.push_str("</rdf:RDF>\n");
    x
}

const HEADER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF
    xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    xmlns:dcterms="http://purl.org/dc/terms/"
    xmlns:dcat="http://www.w3.org/ns/dcat#"
    xmlns:foaf="http://xmlns.com/foaf/0.1/"
    xmlns:vcard="http://www.w3.org/2006/vcard/ns#">
"#;

fn dataset_xml(
    dataset: &str,
    publisher: &str,
    contact: &str,
    base: &str,
    modified: Option<&str>,
) -> String {
    let mut x = format!(
        r#"  <dcat:Dataset rdf:about="{dataset}">
    <dcterms:title xml:lang="sv">Register över idéburna offentliga partnerskap</dcterms:title>
    <dcterms:title xml:lang="en">Register of idea-driven public partnerships (IOP)</dcterms:title>
    <dcterms:description xml:lang="sv">Beslutade och publicerade överenskommelser om idéburet offentligt partnerskap: parter, giltighetstid, varje parts bidrag per år (kontant och egeninsats), uppföljning och utbetalningar. Inga personuppgifter.</dcterms:description>
    <dcterms:publisher rdf:resource="{publisher}"/>
    <dcat:contactPoint rdf:resource="{contact}"/>
    <dcat:landingPage rdf:resource="{base}/register"/>
    <dcat:theme rdf:resource="http://publications.europa.eu/resource/authority/data-theme/SOCI"/>
    <dcat:theme rdf:resource="http://publications.europa.eu/resource/authority/data-theme/GOVE"/>
    <dcat:keyword xml:lang="sv">idéburet offentligt partnerskap</dcat:keyword>
    <dcat:keyword xml:lang="sv">IOP</dcat:keyword>
    <dcat:keyword xml:lang="sv">civilsamhälle</dcat:keyword>
    <dcterms:language rdf:resource="http://publications.europa.eu/resource/authority/language/SWE"/>
    <dcterms:accessRights rdf:resource="http://publications.europa.eu/resource/authority/access-right/PUBLIC"/>
"#
    );
    if let Some(day) = modified {
        x.push_str(&format!(
            "    <dcterms:modified rdf:datatype=\"http://www.w3.org/2001/XMLSchema#date\">{}</dcterms:modified>\n",
            escape(day)
        ));
    }
    for feed in &FEEDS {
        x.push_str(&format!(
            "    <dcat:distribution rdf:resource=\"{dataset}-{}\"/>\n",
            feed.key
        ));
    }
    x.push_str("  </dcat:Dataset>\n");
    x
}

fn distribution_xml(base: &str, feed: &Feed) -> String {
    let url = format!("{base}{}", feed.path);
    let conforms = feed.conforms_to.map_or_else(String::new, |c| {
        format!("    <dcterms:conformsTo rdf:resource=\"{c}\"/>\n")
    });
    format!(
        r#"  <dcat:Distribution rdf:about="{base}{DCAT_PATH}#register-{key}">
    <dcterms:title xml:lang="sv">{title}</dcterms:title>
    <dcat:accessURL rdf:resource="{url}"/>
    <dcat:downloadURL rdf:resource="{url}"/>
    <dcterms:format>{format}</dcterms:format>
    <dcterms:license rdf:resource="{LICENSE}"/>
{conforms}  </dcat:Distribution>
"#,
        key = feed.key,
        title = escape(feed.title),
        format = feed.format,
    )
}
