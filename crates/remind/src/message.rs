//! The words of a reminder mail: subject, plain text and HTML, in Swedish
//! (Klarspråk) or English, and the RFC 8058 one-click unsubscribe headers.

use std::fmt::Write;

use domain::rules::obligations::ObligationKind;
use domain::value::Date;
use serde::{Deserialize, Serialize};

use crate::plan::{DutyClass, Lang, Recipient, Reminder};
use crate::words::{date, html, moved, title};

/// Where the links in a mail point. Paths are iop's pages under `base`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Links {
    /// e.g. `https://iop.example.se` (no trailing slash needed).
    pub base: String,
    /// The recipient's secret unsubscribe token (made and kept by the caller).
    pub unsubscribe_token: String,
}

impl Links {
    fn base(&self) -> &str {
        self.base.trim_end_matches('/')
    }
    fn duty(&self, r: &Reminder<'_>) -> String {
        format!(
            "{}/avtal/{}#uppfoljning",
            self.base(),
            encode(&r.agreement.id)
        )
    }
    /// The form that records the duty as done; none for facts (term end)
    /// and notice, which are not recorded.
    fn record(&self, r: &Reminder<'_>) -> Option<String> {
        let kind = match r.duty.kind {
            ObligationKind::Invoice => "betalning",
            ObligationKind::Meeting => "mote",
            ObligationKind::ExtensionDecision => "forlangning",
            ObligationKind::TermEnd | ObligationKind::NoticeDeadline => return None,
            _ => "rapport",
        };
        Some(format!(
            "{}/avtal/{}/uppfoljning/{kind}?plikt={}",
            self.base(),
            encode(&r.agreement.id),
            encode(&r.duty.key)
        ))
    }
    fn settings(&self) -> String {
        format!("{}/konto/paminnelser", self.base())
    }
    fn unsubscribe(&self) -> String {
        format!(
            "{}/paminnelser/avsluta/{}",
            self.base(),
            encode(&self.unsubscribe_token)
        )
    }
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A mail ready for a sender: one recipient, two parts, extra headers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// `List-Unsubscribe` and `List-Unsubscribe-Post` (RFC 8058).
    pub headers: Vec<(String, String)>,
}

/// The text of one reminder in both forms, for a mail or a digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    pub html: String,
}

struct Words {
    due: &'static str,
    agreement: &'static str,
    who: &'static str,
    clause: &'static str,
    see: &'static str,
    record: &'static str,
    why: &'static str,
    settings: &'static str,
    stop: &'static str,
    hello: &'static str,
}

const SV: Words = Words {
    due: "Sista dag",
    agreement: "Överenskommelse",
    who: "Ansvarig",
    clause: "Så här står det i överenskommelsen",
    see: "Se uppgiften",
    record: "Markera som klar",
    why: "Du får det här mejlet eftersom du har valt påminnelser i iop.",
    settings: "Ändra vilka påminnelser du får",
    stop: "Sluta få påminnelser",
    hello: "Hej",
};

const EN: Words = Words {
    due: "Last day",
    agreement: "Agreement",
    who: "Who must act",
    clause: "What the agreement says",
    see: "See the duty",
    record: "Record it as done",
    why: "You get this e-mail because you chose reminders in iop.",
    settings: "Change which reminders you get",
    stop: "Stop all reminders",
    hello: "Hello",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

/// "om 30 dagar", "i dag", "för 7 dagar sedan" and the English.
fn relative(due: Date, day: Date, lang: Lang) -> String {
    let days = i64::from((due.get() - day.get()).get_days());
    let n = days.abs();
    match (lang, days.signum()) {
        (Lang::Sv, 0) => "i dag".into(),
        (Lang::En, 0) => "today".into(),
        (Lang::Sv, 1) if n == 1 => "i morgon".into(),
        (Lang::En, 1) if n == 1 => "tomorrow".into(),
        (Lang::Sv, 1) => format!("om {n} dagar"),
        (Lang::En, 1) => format!("in {n} days"),
        (Lang::Sv, _) if n == 1 => "i går, och det är inte markerat som klart".into(),
        (Lang::En, _) if n == 1 => "yesterday, and it is not recorded as done".into(),
        (Lang::Sv, _) => format!("för {n} dagar sedan, och det är inte markerat som klart"),
        (Lang::En, _) => format!("{n} days ago, and it is not recorded as done"),
    }
}

fn subject_one(r: &Reminder<'_>, day: Date, lang: Lang) -> String {
    let t = title(r.duty, lang);
    let d = date(r.duty.due, lang);
    let past = r.duty.due < day;
    let today = r.duty.due == day;
    match (lang, today, past) {
        (Lang::Sv, true, _) => format!("I dag är sista dag: {t}"),
        (Lang::En, true, _) => format!("Today is the last day: {t}"),
        (Lang::Sv, _, true) => format!("Inte klart: {t} (sista dag var {d})"),
        (Lang::En, _, true) => format!("Not done: {t} (the last day was {d})"),
        (Lang::Sv, _, false) => format!("Påminnelse: {t}, senast {d}"),
        (Lang::En, _, false) => format!("Reminder: {t}, by {d}"),
    }
}

/// One reminder's block: what, which agreement, when, who, the clause, links.
pub fn block(r: &Reminder<'_>, day: Date, links: &Links) -> Rendered {
    let lang = r.recipient.settings.lang;
    let w = words(lang);
    let t = title(r.duty, lang);
    let mut due = format!(
        "{} ({}",
        date(r.duty.due, lang),
        relative(r.duty.due, day, lang)
    );
    if let Some(moved) = moved(r.duty, lang) {
        let _ = write!(due, "; {moved}");
    }
    due.push(')');
    let who = r.agreement.who_acts(r.duty);
    let clause = &r.duty.clause;
    let duty_url = links.duty(r);
    let record_url = links.record(r);
    let mut text = format!(
        "{t}\n\n{}: {}\n{}: {due}\n{}: {who}\n\n{} ({}):\n",
        w.agreement, r.agreement.title, w.due, w.who, w.clause, clause.section
    );
    for line in clause.quote.lines() {
        let _ = writeln!(text, "> {line}");
    }
    let _ = write!(text, "\n{}: {duty_url}\n", w.see);
    if let Some(url) = &record_url {
        let _ = writeln!(text, "{}: {url}", w.record);
    }
    let mut h = format!(
        "<h2>{}</h2>\n<dl>\n<dt>{}</dt><dd>{}</dd>\n<dt>{}</dt><dd>{}</dd>\n<dt>{}</dt><dd>{}</dd>\n</dl>\n<p>{} ({}):</p>\n<blockquote>{}</blockquote>\n<p><a href=\"{}\">{}</a>",
        html(&t),
        w.agreement,
        html(&r.agreement.title),
        w.due,
        html(&due),
        w.who,
        html(&who),
        w.clause,
        html(&clause.section),
        html(&clause.quote).replace('\n', "<br>\n"),
        html(&duty_url),
        w.see
    );
    if let Some(url) = &record_url {
        let _ = write!(h, " · <a href=\"{}\">{}</a>", html(url), w.record);
    }
    h.push_str("</p>\n");
    Rendered { text, html: h }
}

fn assemble(
    recipient: &Recipient,
    reminders: &[Reminder<'_>],
    subject: String,
    day: Date,
    links: &Links,
) -> Mail {
    let lang = recipient.settings.lang;
    let w = words(lang);
    let (settings, stop) = (links.settings(), links.unsubscribe());
    let mut text = format!("{} {}!\n\n", w.hello, recipient.name);
    let mut h = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head><meta charset=\"utf-8\"><title>{}</title></head>\n<body>\n<p>{} {}!</p>\n",
        lang.locale().tag(),
        html(&subject),
        w.hello,
        html(&recipient.name)
    );
    for (i, r) in reminders.iter().enumerate() {
        let b = block(r, day, links);
        if i > 0 {
            text.push_str("\n---\n\n");
            h.push_str("<hr>\n");
        }
        text.push_str(&b.text);
        h.push_str(&b.html);
    }
    let _ = write!(
        text,
        "\n--\n{}\n{}: {settings}\n{}: {stop}\n",
        w.why, w.settings, w.stop
    );
    let _ = write!(
        h,
        "<hr>\n<p><small>{} <a href=\"{}\">{}</a> · <a href=\"{}\">{}</a></small></p>\n</body>\n</html>\n",
        w.why,
        html(&settings),
        w.settings,
        html(&stop),
        w.stop
    );
    Mail {
        to: recipient.address.clone(),
        subject,
        text,
        html: h,
        headers: vec![
            ("List-Unsubscribe".into(), format!("<{stop}>")),
            (
                "List-Unsubscribe-Post".into(),
                "List-Unsubscribe=One-Click".into(),
            ),
        ],
    }
}

/// The mail for one reminder, sent on `day`.
pub fn render(r: &Reminder<'_>, day: Date, links: &Links) -> Mail {
    let subject = subject_one(r, day, r.recipient.settings.lang);
    assemble(r.recipient, std::slice::from_ref(r), subject, day, links)
}

/// One mail with several reminders for the same recipient (a daily or
/// weekly digest), decisions first; `None` when there are none. The
/// recipient and language are the first reminder's.
pub fn digest(reminders: &[Reminder<'_>], day: Date, links: &Links) -> Option<Mail> {
    let first = reminders.first()?;
    let lang = first.recipient.settings.lang;
    let mut sorted = reminders.to_vec();
    sorted.sort_by_key(|r| (r.class, r.duty.due));
    let n = sorted.len();
    let decisions = sorted
        .iter()
        .filter(|r| r.class == DutyClass::Decision)
        .count();
    let subject = match (lang, n) {
        (Lang::Sv, 1) => "Påminnelse från iop: 1 uppgift".to_owned(),
        (Lang::En, 1) => "Reminder from iop: 1 duty".to_owned(),
        (Lang::Sv, _) => format!("Påminnelser från iop: {n} uppgifter"),
        (Lang::En, _) => format!("Reminders from iop: {n} duties"),
    };
    let subject = match (lang, decisions) {
        (_, 0) => subject,
        (Lang::Sv, d) => format!("{subject}, varav {d} beslut"),
        (Lang::En, d) => format!("{subject}, {d} of them decisions"),
    };
    Some(assemble(first.recipient, &sorted, subject, day, links))
}
