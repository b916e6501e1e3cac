//! Figures and dates as people read them: "1 179 120 kr", "31 mars 2026"
//! in prose and 2026-03-31 in tables. The formats themselves live in
//! `locale::present`, shared with the documents and the command line; the
//! names here are what the page code and its templates call.

use domain::value::{Date, Money};
use locale::Lang;
use locale::present;

use super::agreements::Part;
use percent_encoding::{AsciiSet, CONTROLS, NON_ALPHANUMERIC, utf8_percent_encode};

/// "31 mars 2026" / "31 March 2026".
pub fn date_prose(lang: Lang, date: Date) -> String {
    present::date_prose(lang, date)
}

/// An ISO date text in prose; the text itself when it is not a date.
pub fn prose(lang: Lang, iso: &str) -> String {
    present::iso_prose(lang, iso)
}

/// "flyttad från söndag 31 mars 2026 enligt lag 1930:173".
pub fn moved_from(lang: Lang, date: Date) -> String {
    present::moved_from(lang, date)
}

/// "1 179 120 kr".
pub fn money(amount: Money) -> String {
    present::money(amount)
}

pub fn ore(ore: i64) -> String {
    money(Money::from_ore(ore))
}

/// "3 månader" / "3 months".
pub fn length(lang: Lang, l: domain::value::CalendarLength) -> String {
    present::length(lang, l)
}

/// An agreement's text as paragraphs (lines joined) and lists.
pub fn paragraphs(text: &str) -> Vec<Part> {
    present::blocks(text)
        .into_iter()
        .map(|b| match b {
            present::Block::Para { lines } => Part {
                text: lines.join(" "),
                items: Vec::new(),
            },
            present::Block::List { items } => Part {
                text: String::new(),
                items,
            },
        })
        .collect()
}

/// A status word: "Utkast", "Gällande".
pub fn status(lang: Lang, status: &str) -> String {
    locale::text(lang, &format!("ui-status-{status}"), &[])
}

/// An obligation's title led in by its kind, "Möte: " and the title, or
/// no lead-in when the title opens with the kind ([`present::kind_lead`]).
pub fn obligation_lead(lang: Lang, kind: &str, title: &str) -> (String, String) {
    present::kind_lead(&locale::text(lang, &format!("ui-kind-{kind}"), &[]), title)
}

/// "Uppfylld", "Försenad" … (words, never colour alone).
pub fn state(lang: Lang, state: app::ObligationState) -> (&'static str, String) {
    let key = match state {
        app::ObligationState::Upcoming => "upcoming",
        app::ObligationState::Due => "due",
        app::ObligationState::Overdue => "overdue",
        app::ObligationState::Met => "met",
        app::ObligationState::Passed => "passed",
        app::ObligationState::NotInForce => "not-in-force",
    };
    (key, locale::text(lang, &format!("ui-state-{key}"), &[]))
}

/// "212000-0449", or a dash.
pub fn org_number(n: Option<&domain::value::OrgNumber>, lang: Lang) -> String {
    n.map_or_else(
        || locale::text(lang, "ui-not-given", &[]),
        |n| n.to_string(),
    )
}

/// Everything but RFC 3986's unreserved characters: a query value or one
/// path segment.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');
/// The same, with `/` kept: a local path carried whole in a query value.
const PATH: &AsciiSet = &COMPONENT.remove(b'/');
/// What a `Location` header cannot carry raw: controls, space, quotes,
/// angle brackets, the backtick (and, always, every byte outside ASCII).
const LOCATION: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>').add(b'`');

/// Percent-encode a query value (RFC 3986 unreserved characters kept).
pub fn url_encode(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

/// A local path made safe to carry in a query value (`/` kept).
pub(crate) fn path_encode(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

/// A local path as a `Location` header carries it: letters outside ASCII
/// (agreement ids may hold å, ä, ö) and spaces percent-encoded, what is
/// encoded already left as it is.
pub(crate) fn location(path: &str) -> String {
    utf8_percent_encode(path, LOCATION).to_string()
}
