//! Dates and duty titles in words, from the month names and duty phrases
//! the rest of iop already uses (crates/locale, rules.ftl).

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
    let words = locale::present::DutyWords {
        kind: duty.kind,
        label: &duty.label,
        year: duty.year,
        count: duty.count,
        max_weeks: duty.max_weeks,
        window_start: duty.window_start,
        due: duty.due,
        to: duty.to.as_deref(),
        amount: duty.amount,
        exit: duty.exit,
        exit_word: duty.exit_word,
        appendix: duty.appendix.is_some(),
    };
    let text = locale::present::duty_title(lang.locale(), words, |d| date(d, lang));
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Escapes text for HTML element content and attribute values.
pub(crate) fn html(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}
