//! Values as people read them, the same on the pages, in the documents and
//! from the command line: "31 mars 2026" in prose, "1 179 120 kr",
//! "3 månader", and running text split into paragraphs and lists.

use domain::model::{Contribution, ContributionBasis};
use domain::rules::obligations::{Obligation, ObligationKind};
use domain::value::{CalendarLength, Date, LengthUnit, Money};
use serde::Serialize;

use crate::{Lang, text};

/// The name of a month, 1–12 ("mars", "March"); empty for anything else.
pub fn month_name(lang: Lang, month: i8) -> String {
    if (1..=12).contains(&month) {
        text(lang, &format!("ui-month-{month}"), &[])
    } else {
        String::new()
    }
}

/// "31 mars 2026" / "31 March 2026".
pub fn date_prose(lang: Lang, date: Date) -> String {
    let d = date.get();
    format!("{} {} {}", d.day(), month_name(lang, d.month()), d.year())
}

/// An ISO date text in prose; the text itself when it is not a date.
pub fn iso_prose(lang: Lang, iso: &str) -> String {
    iso.parse::<Date>()
        .map(|d| date_prose(lang, d))
        .unwrap_or_else(|_| iso.to_owned())
}

/// "2026-03-31", for tables.
pub fn date_iso(date: Date) -> String {
    date.to_string()
}

/// "söndag" / "Sunday".
pub fn weekday(lang: Lang, date: Date) -> String {
    let n = date.get().weekday().to_monday_one_offset();
    text(lang, &format!("weekday-{n}"), &[])
}

/// Why a due date is not the one the agreement names: "flyttad från
/// söndag 31 mars 2026 enligt lag 1930:173".
pub fn moved_from(lang: Lang, from: Date) -> String {
    text(
        lang,
        "obligation-moved",
        &[
            ("weekday", &weekday(lang, from)),
            ("date", &date_prose(lang, from)),
        ],
    )
}

/// "1 179 120 kr": kronor are written the Swedish way in both languages.
pub fn money(amount: Money) -> String {
    amount.to_swedish()
}

/// "högst 1 150 000 kr" / "at most 1 150 000 kr" when `at_most`, else the amount.
pub fn money_at_most(lang: Lang, amount: Money, at_most: bool) -> String {
    if at_most {
        text(lang, "ui-at-most", &[("amount", &money(amount))])
    } else {
        money(amount)
    }
}

/// A contribution's price per unit and ceiling: "420 kr per belagd plats
/// och natt, högst 1 150 000 kr per år"; `None` when it states neither.
pub fn contribution_terms(lang: Lang, c: &Contribution) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(price) = c.unit_price {
        let key = match c.basis {
            ContributionBasis::LumpSum => "ui-unit-price-lump-sum",
            ContributionBasis::PerPlace => "ui-unit-price-per-place",
            ContributionBasis::PerUser => "ui-unit-price-per-user",
            ContributionBasis::PerOccupiedPlaceNight => "ui-unit-price-per-occupied-place-night",
        };
        parts.push(text(lang, key, &[("amount", &money(price))]));
    }
    if let (true, Some(ceiling)) = (c.at_most, c.amount) {
        parts.push(text(
            lang,
            "ui-ceiling-per-year",
            &[("amount", &money(ceiling))],
        ));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// "3 månader", "1 år" / "3 months", "1 year".
pub fn length(lang: Lang, l: CalendarLength) -> String {
    let unit = match l.unit {
        LengthUnit::Days => "days",
        LengthUnit::Weeks => "weeks",
        LengthUnit::Months => "months",
        LengthUnit::Years => "years",
    };
    text(
        lang,
        &format!("ui-length-{unit}"),
        &[("n", &l.amount.to_string())],
    )
}

/// A piece of running text: a paragraph (lines kept) or a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Block {
    /// A paragraph; its lines are kept as written (addresses, signature lines).
    Para { lines: Vec<String> },
    /// A bulleted list.
    List { items: Vec<String> },
}

/// Split a text as the agreement file writes it into blocks: paragraphs are
/// separated by a blank line, list items start "- ", "• ", "* " or "– ".
/// A list goes on over blank lines until a paragraph line comes, so items
/// spaced apart stay one list.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut para: Vec<String> = Vec::new();
    let mut items: Vec<String> = Vec::new();
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            end_para(&mut para, &mut out);
            continue;
        }
        let item = ["- ", "• ", "* ", "\u{2013} "]
            .iter()
            .find_map(|b| line.strip_prefix(b));
        match item {
            Some(item) => {
                end_para(&mut para, &mut out);
                items.push(item.trim().to_owned());
            }
            None => {
                end_list(&mut items, &mut out);
                para.push(line.replace('\t', "    "));
            }
        }
    }
    end_para(&mut para, &mut out);
    end_list(&mut items, &mut out);
    out
}

fn end_para(para: &mut Vec<String>, out: &mut Vec<Block>) {
    if !para.is_empty() {
        out.push(Block::Para {
            lines: std::mem::take(para),
        });
    }
}

fn end_list(items: &mut Vec<String>, out: &mut Vec<Block>) {
    if !items.is_empty() {
        out.push(Block::List {
            items: std::mem::take(items),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The night shelter's ceiling, 1 150 000 kr a year, counts at its
    /// maximum in the de minimis warning (3 × 1 150 000 = 3 450 000 kr over
    /// three years) and in the contributions' sum against a budget of
    /// 1 300 000 kr: both figures say "högst".
    #[test]
    fn findings_that_count_a_ceiling_say_at_most() {
        let mut a = domain::generate::night_shelter().unwrap();
        a.financing.as_mut().unwrap().total_per_year = Money::from_kronor(1_300_000);
        let found = domain::check::check(&a);
        let says = |code: &str, lang: Lang| {
            let d = found.iter().find(|d| d.code == code).unwrap();
            crate::message(lang, d.code, &d.args)
        };
        assert!(
            says("de-minimis", Lang::Sv).contains("uppgår till högst 3 450 000 kr"),
            "{}",
            says("de-minimis", Lang::Sv)
        );
        assert!(says("de-minimis", Lang::En).contains("comes to at most 3 450 000 kr"));
        assert!(
            says("contributions-sum", Lang::Sv).starts_with(
                "Parternas bidrag (högst 1 150 000 kr) motsvarar inte budgeten (1 300 000 kr)"
            ),
            "{}",
            says("contributions-sum", Lang::Sv)
        );
    }

    /// "Kommunen ersätter Härbärget med 420 kronor per belagd plats och
    /// natt, dock högst 1 150 000 kronor per kalenderår."
    #[test]
    fn a_price_per_night_and_its_ceiling_in_both_languages() {
        let kr = |n| Money::from_kronor(n).unwrap();
        let a = domain::generate::night_shelter().unwrap();
        let mut c = a.financing.unwrap().contributions.remove(0);
        assert_eq!(
            contribution_terms(Lang::Sv, &c).unwrap(),
            "420 kr per belagd plats och natt, högst 1 150 000 kr per år"
        );
        assert_eq!(
            contribution_terms(Lang::En, &c).unwrap(),
            "420 kr per occupied place and night, at most 1 150 000 kr a year"
        );
        assert_eq!(
            money_at_most(Lang::Sv, kr(575_000), true),
            "högst 575 000 kr"
        );
        // A lump sum without a ceiling has no terms to state.
        c.unit_price = None;
        c.at_most = false;
        c.basis = ContributionBasis::LumpSum;
        assert_eq!(contribution_terms(Lang::Sv, &c), None);
    }

    /// An appendix left by utträde is announced, not given notice of.
    #[test]
    fn an_appendix_notice_deadline_uses_the_clause_word() {
        let exit = Date::from_ymd(2027, 6, 30).unwrap();
        let words = |exit_word| DutyWords {
            kind: ObligationKind::NoticeDeadline,
            label: "Friluftsdagar",
            year: None,
            count: None,
            max_weeks: None,
            window_start: None,
            due: Date::from_ymd(2027, 3, 31).unwrap(),
            to: None,
            amount: None,
            exit: Some(exit),
            exit_word: Some(exit_word),
            appendix: true,
        };
        let iso = |d: Date| d.to_string();
        assert_eq!(
            duty_title(Lang::Sv, words(domain::model::ExitWord::Withdrawal), iso),
            "Sista dag att anmäla utträde ur bilagan ”Friluftsdagar” med varsel för att lämna den senast 2027-06-30"
        );
        assert_eq!(
            duty_title(Lang::Sv, words(domain::model::ExitWord::Notice), iso),
            "Sista dag att säga upp bilagan ”Friluftsdagar” för att den ska upphöra senast 2027-06-30"
        );
        assert_eq!(
            duty_title(Lang::En, words(domain::model::ExitWord::Withdrawal), iso),
            "Last day to announce withdrawal from the appendix “Friluftsdagar”, with notice, to leave it by 2027-06-30"
        );
    }

    /// A title that opens with its kind is not led in by it again; one that
    /// merely starts with the same letters is.
    #[test]
    fn a_kind_leads_a_title_only_where_it_adds_something() {
        let lead = |kind: &str, title: &str| {
            let (lead, title) = kind_lead(kind, title);
            format!("{lead}{title}")
        };
        for (kind, title, heading) in [
            ("Verksamhetsplan", "Verksamhetsplan", "Verksamhetsplan"),
            (
                "Verksamhetsberättelse",
                "verksamhetsberättelse för 2025",
                "Verksamhetsberättelse för 2025",
            ),
            (
                "Ekonomisk rapport",
                "ekonomisk rapport för IOP",
                "Ekonomisk rapport för IOP",
            ),
            (
                "Möte",
                "Mötesplatsens styrgrupp",
                "Möte: Mötesplatsens styrgrupp",
            ),
            (
                "Verksamhetsberättelse",
                "Årsberättelse",
                "Verksamhetsberättelse: Årsberättelse",
            ),
        ] {
            assert_eq!(lead(kind, title), heading);
        }
    }

    fn date(iso: &str) -> Date {
        iso.parse().unwrap_or_else(|_| panic!("{iso}"))
    }

    #[test]
    fn dates_read_as_prose_in_each_language() {
        assert_eq!(date_prose(Lang::Sv, date("2026-03-31")), "31 mars 2026");
        assert_eq!(date_prose(Lang::En, date("2026-03-31")), "31 March 2026");
        assert_eq!(date_iso(date("2026-03-31")), "2026-03-31");
        assert_eq!(iso_prose(Lang::Sv, "2026-05-01"), "1 maj 2026");
        assert_eq!(iso_prose(Lang::Sv, "snart"), "snart");
        assert_eq!(weekday(Lang::Sv, date("2026-03-29")), "söndag");
        assert_eq!(month_name(Lang::Sv, 13), "");
        assert_eq!(
            moved_from(Lang::En, date("2026-03-29")),
            "moved from Sunday 29 March 2026 under lag 1930:173"
        );
    }

    #[test]
    fn lengths_in_each_language() {
        assert_eq!(length(Lang::Sv, CalendarLength::months(3)), "3 månader");
        assert_eq!(length(Lang::Sv, CalendarLength::months(1)), "1 månad");
        assert_eq!(length(Lang::Sv, CalendarLength::years(2)), "2 år");
        assert_eq!(length(Lang::En, CalendarLength::months(1)), "1 month");
    }

    #[test]
    fn text_splits_into_paragraphs_and_lists() {
        let b = blocks("Intro:\n\n- a\n- b\n\n- c\nEfter\nrad två\n\nSlut");
        assert_eq!(
            b,
            vec![
                Block::Para {
                    lines: vec!["Intro:".into()]
                },
                Block::List {
                    items: vec!["a".into(), "b".into(), "c".into()]
                },
                Block::Para {
                    lines: vec!["Efter".into(), "rad två".into()]
                },
                Block::Para {
                    lines: vec!["Slut".into()]
                },
            ]
        );
    }

    #[test]
    fn every_bullet_starts_a_list_item() {
        assert_eq!(
            blocks("• a\n* b\n– c\n–d"),
            vec![
                Block::List {
                    items: vec!["a".into(), "b".into(), "c".into()]
                },
                Block::Para {
                    lines: vec!["–d".into()]
                },
            ]
        );
    }
}

/// A title led in by its kind's name: ("Ekonomisk rapport: ", "årlig
/// rapport"), or, when the title opens with the kind itself, no lead-in and
/// the title capitalised: not "Verksamhetsplan: Verksamhetsplan" nor
/// "Verksamhetsberättelse: verksamhetsberättelse för 2025".
pub fn kind_lead(kind: &str, title: &str) -> (String, String) {
    let lower = kind.trim().to_lowercase();
    let title = title.trim();
    let repeats = title
        .to_lowercase()
        .strip_prefix(&lower)
        .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric));
    if !repeats && !lower.is_empty() {
        return (format!("{}: ", kind.trim()), title.to_owned());
    }
    let mut chars = title.chars();
    let title = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    (String::new(), title)
}

/// What a duty's title is made of: domain's `Obligation` gives it, and so
/// does any owned copy of one (the reminders keep one per duty).
#[derive(Debug, Clone, Copy)]
pub struct DutyWords<'a> {
    pub kind: ObligationKind,
    pub label: &'a str,
    pub year: Option<i16>,
    pub count: Option<u32>,
    pub max_weeks: Option<u32>,
    pub window_start: Option<Date>,
    pub due: Date,
    pub to: Option<&'a str>,
    pub amount: Option<Money>,
    pub exit: Option<Date>,
    pub exit_word: Option<domain::model::ExitWord>,
    /// An appendix's duty: its label is the appendix's title.
    pub appendix: bool,
}

impl<'a> From<&'a Obligation<'a>> for DutyWords<'a> {
    fn from(o: &'a Obligation<'a>) -> Self {
        DutyWords {
            kind: o.kind,
            label: o.label,
            year: o.year,
            count: o.count,
            max_weeks: o.max_weeks,
            window_start: o.window_start,
            due: o.due,
            to: o.to,
            amount: o.amount,
            exit: o.exit,
            exit_word: o.exit_word,
            appendix: o.appendix.is_some(),
        }
    }
}

/// A duty's title, its dates written by `date` (ISO on the command line,
/// in prose in a mail): "Årsredovisning för 2023", "Faktura till Malmö
/// stad: 400 000 kr", "Sista dag att säga upp … senast 2026-12-31".
pub fn duty_title(lang: Lang, w: DutyWords<'_>, date: impl Fn(Date) -> String) -> String {
    let count = w.count.map(|c| c.to_string()).unwrap_or_default();
    let year = w.year.map(|y| y.to_string()).unwrap_or_default();
    let weeks = w.max_weeks.map(|n| n.to_string()).unwrap_or_default();
    let from = w.window_start.map(&date).unwrap_or_default();
    let to = date(w.due);
    let words = |key| {
        text(
            lang,
            key,
            &[
                ("label", w.label),
                ("count", &count),
                ("year", &year),
                ("weeks", &weeks),
                ("from", &from),
                ("to", &to),
            ],
        )
    };
    match w.kind {
        ObligationKind::Meeting if w.max_weeks.is_some() => words("obligation-meeting-interval"),
        ObligationKind::Meeting if w.year.is_some() => words("obligation-meeting-year"),
        ObligationKind::Meeting => words("obligation-meeting-window"),
        ObligationKind::ExtensionDecision => text(lang, "obligation-extension-decision", &[]),
        ObligationKind::Invoice => {
            let amount = w.amount.map(money).unwrap_or_default();
            text(
                lang,
                "obligation-invoice",
                &[("to", w.to.unwrap_or_default()), ("amount", &amount)],
            )
        }
        ObligationKind::TermEnd => text(lang, "obligation-term-end", &[]),
        ObligationKind::NoticeDeadline => {
            // The clause's own word: an utträde with varsel is no
            // uppsägning. Notice on an appendix ends that appendix alone.
            let withdrawal = w.exit_word == Some(domain::model::ExitWord::Withdrawal);
            let key = match (w.appendix, withdrawal) {
                (true, true) => "obligation-appendix-withdrawal-deadline",
                (true, false) => "obligation-appendix-notice-deadline",
                (false, true) => "obligation-withdrawal-deadline",
                (false, false) => "obligation-notice-deadline",
            };
            let exit = date(w.exit.unwrap_or(w.due));
            text(lang, key, &[("label", w.label), ("exit", &exit)])
        }
        _ if w.window_start.is_some() => words("obligation-report-window"),
        _ if w.year.is_some() => words("obligation-report-year"),
        _ => text(lang, "obligation-report", &[("label", w.label)]),
    }
}
