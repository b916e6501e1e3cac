//! Dates and duty titles in words, from the month names and duty phrases
//! the rest of iop already uses (crates/locale, rules.ftl).

use domain::rules::obligations::ObligationKind;
use domain::value::Date;

use crate::duty::Duty;
use crate::plan::Lang;

/// "31 mars 2026" / "31 March 2026".
pub(crate) fn date(d: Date, lang: Lang) -> String {
    locale::present::date_prose(lang.locale(), d)
}

/// "flyttad från söndag 31 januari 2021 enligt lag 1930:173", when the
/// due date moved off a day off.
pub(crate) fn moved(duty: &Duty, lang: Lang) -> Option<String> {
    Some(locale::present::moved_from(lang.locale(), duty.moved_from?))
}

/// The duty's name, capitalised: "Årsredovisning för 2023", "Faktura till Malmö stad: 400 000 kr".
pub(crate) fn title(duty: &Duty, lang: Lang) -> String {
    let l = lang.locale();
    let year = duty.year.map(|y| y.to_string()).unwrap_or_default();
    let count = duty.count.map(|c| c.to_string()).unwrap_or_default();
    let from = duty.window_start.map(|d| date(d, lang)).unwrap_or_default();
    let to = date(duty.due, lang);
    let weeks = duty.max_weeks.map(|w| w.to_string()).unwrap_or_default();
    let args = [
        ("weeks", weeks.as_str()),
        ("label", duty.label.as_str()),
        ("year", year.as_str()),
        ("count", count.as_str()),
        ("from", from.as_str()),
        ("to", to.as_str()),
    ];
    let key = match duty.kind {
        ObligationKind::ExtensionDecision => "obligation-extension-decision",
        ObligationKind::TermEnd => "obligation-term-end",
        ObligationKind::Meeting if duty.max_weeks.is_some() => "obligation-meeting-interval",
        ObligationKind::Meeting if duty.year.is_some() => "obligation-meeting-year",
        ObligationKind::Meeting => "obligation-meeting-window",
        _ if duty.window_start.is_some() => "obligation-report-window",
        _ if duty.year.is_some() => "obligation-report-year",
        _ => "obligation-report",
    };
    let text = match duty.kind {
        ObligationKind::Invoice => {
            let amount = duty.amount.map(|m| m.to_swedish()).unwrap_or_default();
            let to = duty.to.as_deref().unwrap_or_default();
            locale::text(l, "obligation-invoice", &[("to", to), ("amount", &amount)])
        }
        ObligationKind::NoticeDeadline => {
            locale::text(l, "obligation-notice-deadline", &[("exit", to.as_str())])
        }
        _ => locale::text(l, key, &args),
    };
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Escapes text for HTML element content and attribute values.
pub(crate) fn html(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}
