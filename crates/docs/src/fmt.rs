//! Swedish wording of the model's values, shared by the PDF and the HTML so
//! both say exactly the same thing. Dates, kronor, lengths and running text
//! come from `locale::present`, as on the pages and from the command line;
//! what only documents say (cadences, due rules, grounds) is worded here.

use domain::model::{
    Cadence, ContributionKind, DueRule, Ground, InvoiceFrequency, Outcome, PostalAddress,
    ReportKind, Sector, Settlement, WhoMay,
};
use domain::value::{CalendarLength, Date, LengthUnit, Money};
use locale::Lang;
use locale::present;
pub use locale::present::{Block, blocks, date_iso, money};
use serde::Serialize;

/// Documents are written in Swedish.
const LANG: Lang = Lang::Sv;

/// The name of a month, 1–12; empty for anything else.
pub fn month_name(month: i8) -> String {
    present::month_name(LANG, month)
}

/// "31 mars 2026".
pub fn date_prose(date: Date) -> String {
    present::date_prose(LANG, date)
}

/// "flyttad från söndag 31 mars 2024 enligt lag 1930:173".
pub fn moved_from(date: Date) -> String {
    present::moved_from(LANG, date)
}

/// "iops tolkning, överenskommelsen anger inget datum": a date that is
/// iop's default reading, worded as `iop schedule` and `iop obligations` do.
pub fn default_date() -> String {
    locale::text(LANG, "schedule-default-date", &[])
}

/// The sum of some amounts; `None` when it cannot be held.
pub fn sum(amounts: impl IntoIterator<Item = Money>) -> Option<Money> {
    Money::checked_sum(amounts)
}

/// An amount, or a dash when a sum overflowed.
pub fn money_or_dash(amount: Option<Money>) -> String {
    amount.map_or_else(|| "–".to_owned(), money)
}

/// "3 månader", "1 år", "6 veckor".
pub fn length(l: CalendarLength) -> String {
    present::length(LANG, l)
}

/// The length as a Swedish genitive, as the seeds write it before a noun:
/// "9 månaders uppsägningstid", "tre månaders varsel".
pub fn length_genitive(l: CalendarLength) -> String {
    let n = l.amount;
    let unit = match (l.unit, n) {
        (LengthUnit::Days, 1) => "dags",
        (LengthUnit::Days, _) => "dagars",
        (LengthUnit::Weeks, 1) => "veckas",
        (LengthUnit::Weeks, _) => "veckors",
        (LengthUnit::Months, 1) => "månads",
        (LengthUnit::Months, _) => "månaders",
        (LengthUnit::Years, _) => "års",
    };
    format!("{n} {unit}")
}

/// "gång" or "gånger".
fn times(n: u32) -> String {
    if n == 1 {
        "1 gång".to_owned()
    } else {
        format!("{n} gånger")
    }
}

/// How often a body meets: "minst 2 gånger per kalenderår".
pub fn cadence(c: &Cadence) -> String {
    match c {
        Cadence::PerYear { times: n } => format!("minst {} per kalenderår", times(*n)),
        Cadence::PerTwelveMonths { times: n } => {
            format!("minst {} per 12-månadersperiod", times(*n))
        }
        Cadence::Interval {
            min_weeks,
            max_weeks,
        } => {
            if min_weeks == max_weeks {
                format!("var {max_weeks}:e vecka")
            } else {
                format!(
                    "var {min_weeks}-{max_weeks}:e vecka (högst {max_weeks} veckor mellan mötena)"
                )
            }
        }
        Cadence::Regular => "regelbundet, utan fast intervall".to_owned(),
        Cadence::AsNeeded => "vid behov".to_owned(),
    }
}

/// When a report is due, as a table cell: dates as 2026-03-31.
pub fn due(rule: &DueRule, term_end: Option<Date>) -> String {
    match rule {
        DueRule::Yearly {
            month,
            day,
            year_offset,
        } => {
            let when = match year_offset {
                0 => "samma år".to_owned(),
                1 => "året efter".to_owned(),
                n => format!("{n} år senare"),
            };
            let month = i8::try_from(*month).unwrap_or(0);
            format!("årligen, senast {day} {} {when}", month_name(month))
        }
        DueRule::EndOfEachYear => "vid varje kalenderårs slut".to_owned(),
        DueRule::ByEndOfMonth { year, month } => {
            let month = i8::try_from(*month).unwrap_or(0);
            match Date::from_ymd(*year, month, 1).map(|d| Date::new(d.get().last_of_month())) {
                Some(last) => format!("senast {}", date_iso(last)),
                None => format!("senast {} {year}", month_name(month)),
            }
        }
        DueRule::Date { date } => format!("senast {}", date_iso(*date)),
        DueRule::EndOfTerm => match term_end {
            Some(end) => format!("vid periodens slut ({})", date_iso(end)),
            None => "vid periodens slut".to_owned(),
        },
        DueRule::TimesPerYear { times: n } => format!("{} per kalenderår", times(*n)),
        DueRule::TimesPerTwelveMonths { times: n } => {
            format!("{} per 12-månadersperiod", times(*n))
        }
        DueRule::Continuous => "löpande".to_owned(),
    }
}

pub fn report_kind(kind: ReportKind) -> &'static str {
    match kind {
        ReportKind::ActivityPlan => "Verksamhetsplan",
        ReportKind::AnnualReport => "Verksamhetsberättelse",
        ReportKind::FinancialReport => "Ekonomisk rapport",
        ReportKind::JointReport => "Gemensam rapport",
        ReportKind::Evaluation => "Utvärdering",
        ReportKind::EndOfPeriodReport => "Slutrapport",
        ReportKind::Compilation => "Sammanställning",
        ReportKind::StatusReport => "Lägesrapport",
    }
}

pub fn sector(s: Sector) -> &'static str {
    match s {
        Sector::Public => "Offentlig part",
        Sector::IdeaDriven => "Idéburen part",
    }
}

pub fn contribution_kind(k: ContributionKind) -> &'static str {
    match k {
        ContributionKind::Cash => "Kontant finansiering",
        ContributionKind::InKind => "Insats i annat än pengar",
    }
}

pub fn invoice_frequency(f: InvoiceFrequency) -> &'static str {
    match f {
        InvoiceFrequency::Yearly => "en gång per år",
        InvoiceFrequency::HalfYearly => "två gånger per år",
        InvoiceFrequency::Quarterly => "en gång per kvartal",
        InvoiceFrequency::Monthly => "en gång per månad",
    }
}

pub fn ground(g: Ground) -> &'static str {
    match g {
        Ground::Convenience => "utan att skäl behöver anges",
        Ground::Breach => "om en part brister i sina åtaganden",
        Ground::Insolvency => "vid obestånd",
        Ground::Mismanagement => "om uppdraget missköts så att förtroendet rubbas",
        Ground::ChangedCircumstances => "vid väsentligt ändrade omständigheter",
    }
}

pub fn who_may(w: WhoMay) -> &'static str {
    match w {
        WhoMay::AnyParty => "var och en av parterna",
        WhoMay::OtherParty => "annan part än den som brister",
    }
}

pub fn settlement(s: Settlement) -> &'static str {
    match s {
        Settlement::RefundUnstartedMonths => {
            "finansiering för kvarvarande, ej påbörjade månader återbetalas"
        }
        Settlement::ReimburseIncurredCosts => {
            "faktiskt uppkomna kostnader ersätts; i övrigt inga ekonomiska anspråk"
        }
        Settlement::DiscretionaryRepayment => {
            "återbetalning av delar av eller hela summan utbetalda medel kan krävas"
        }
        Settlement::NotStated => "anges inte",
    }
}

pub fn outcome(o: Outcome) -> &'static str {
    match o {
        Outcome::Approved => "Bifall",
        Outcome::Rejected => "Avslag",
        Outcome::ReferredBack => "Återremiss",
        Outcome::Tabled => "Bordläggning",
    }
}

/// The lines of a postal address: "Kungsgatan 13", "205 80 Malmö".
pub fn address_lines(a: &PostalAddress) -> Vec<String> {
    let mut lines = a.lines.clone();
    lines.push(format!("{} {}", a.postal_code, a.city).trim().to_owned());
    lines
}

/// A document date for the PDF metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DateParts {
    pub year: i16,
    pub month: i8,
    pub day: i8,
}

impl From<Date> for DateParts {
    fn from(d: Date) -> Self {
        let d = d.get();
        DateParts {
            year: d.year(),
            month: d.month(),
            day: d.day(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_swedish_prose_and_iso() {
        let d: Date = "2026-03-31".parse().unwrap();
        assert_eq!(date_prose(d), "31 mars 2026");
        assert_eq!(date_iso(d), "2026-03-31");
    }

    #[test]
    fn lengths_in_swedish() {
        assert_eq!(length(CalendarLength::months(3)), "3 månader");
        assert_eq!(length(CalendarLength::months(1)), "1 månad");
        assert_eq!(length(CalendarLength::years(2)), "2 år");
    }

    #[test]
    fn end_of_month_due_dates_are_the_last_day() {
        let due = due(
            &DueRule::ByEndOfMonth {
                year: 2028,
                month: 2,
            },
            None,
        );
        assert_eq!(due, "senast 2028-02-29");
    }
}
