//! Figures and dates as people read them: "1 179 120 kr", "31 mars 2026"
//! in prose and 2026-03-31 in tables.

use domain::value::{Date, Money};
use locale::Lang;

/// "31 mars 2026" / "31 March 2026".
pub fn date_prose(lang: Lang, date: Date) -> String {
    let d = date.get();
    let month = locale::text(lang, &format!("ui-month-{}", d.month()), &[]);
    format!("{} {month} {}", d.day(), d.year())
}

/// An ISO date text in prose; the text itself when it is not a date.
pub fn prose(lang: Lang, iso: &str) -> String {
    iso.parse::<Date>()
        .map(|d| date_prose(lang, d))
        .unwrap_or_else(|_| iso.to_owned())
}

/// "1 179 120 kr".
pub fn money(amount: Money) -> String {
    amount.to_swedish()
}

pub fn ore(ore: i64) -> String {
    money(Money::from_ore(ore))
}

/// A status word: "Utkast", "Gällande".
pub fn status(lang: Lang, status: &str) -> String {
    locale::text(lang, &format!("ui-status-{status}"), &[])
}

/// An obligation's kind: "Verksamhetsberättelse", "Möte".
pub fn obligation_kind(lang: Lang, kind: &str) -> String {
    locale::text(lang, &format!("ui-kind-{kind}"), &[])
}

/// "Uppfylld", "Försenad" … (words, never colour alone).
pub fn state(lang: Lang, state: app::ObligationState) -> (&'static str, String) {
    let key = match state {
        app::ObligationState::Upcoming => "upcoming",
        app::ObligationState::Due => "due",
        app::ObligationState::Overdue => "overdue",
        app::ObligationState::Met => "met",
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

/// Percent-encode a query value (RFC 3986 unreserved characters kept).
pub fn url_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
