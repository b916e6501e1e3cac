//! Money in the usual writings (kr, kronor, SEK, :-, tkr, mnkr, miljoner;
//! spaces, dots or thin spaces between thousands; decimal comma) and what
//! each amount is per.

use std::sync::LazyLock;

use regex::Regex;

use super::sections::Outline;
use super::words::{regex, sentence_around};
use super::{Confidence, Context, Proposal};

static AMOUNT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(
        r"(?i)(\d{1,3}(?:[ \u{a0}\u{202f}\u{2009}.]\d{3})+|\d+)(?:,(\d{1,2}))?\s*(kronor|kr\b|sek\b|tkr\b|tsek\b|mnkr\b|mkr\b|msek\b|miljoner(?:\s+kronor)?|milj\.?(?:\s*kr)?|:-)",
    )
});

/// How many amounts are listed one by one.
const MAX_AMOUNTS: usize = 1_000;

/// What an amount is per.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Per {
    Year,
    Month,
    Unit,
    Whole,
    Unknown,
}

impl Per {
    fn name(self) -> &'static str {
        match self {
            Per::Year => "year",
            Per::Month => "month",
            Per::Unit => "unit",
            Per::Whole => "whole-period",
            Per::Unknown => "unknown",
        }
    }
}

/// Whole öre of an amount as written: "1 300 000", "1,3" with "miljoner", "500" with "tkr".
pub(crate) fn ore(number: &str, decimals: Option<&str>, unit: &str) -> Option<i64> {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let whole: i64 = digits.parse().ok()?;
    let decimals = decimals.unwrap_or("");
    let fraction: i64 = if decimals.is_empty() {
        0
    } else {
        decimals.parse().ok()?
    };
    let scale = 10_i64.pow(u32::try_from(decimals.len()).ok()?);
    let unit = unit.to_lowercase();
    let factor: i64 = if unit.starts_with("tkr") || unit.starts_with("tsek") {
        1_000
    } else if unit.starts_with("mnkr")
        || unit.starts_with("mkr")
        || unit.starts_with("msek")
        || unit.starts_with("milj")
    {
        1_000_000
    } else {
        1
    };
    let ore_whole = whole.checked_mul(factor)?.checked_mul(100)?;
    let ore_fraction = fraction.checked_mul(factor)?.checked_mul(100)? / scale;
    ore_whole.checked_add(ore_fraction)
}

/// "1 300 000" or "37 000.50", as the agreement file writes kronor.
pub(crate) fn format_kronor(ore: i64) -> String {
    domain::value::Money::from_ore(ore).to_string()
}

fn per(sentence: &str) -> Per {
    let s = sentence.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| s.contains(w));
    if has(&[
        "per plats",
        "per belagd",
        "per natt",
        "per dygn",
        "per vårddygn",
        "per gästnatt",
        "per brukare",
        "per deltagare",
        "per person",
        "per timme",
    ]) {
        Per::Unit
    } else if has(&[
        "per månad",
        "/månad",
        "i månaden",
        "månadsvis",
        "per kalendermånad",
    ]) {
        Per::Month
    } else if has(&[
        "per år",
        "per kalenderår",
        "årligen",
        "/år",
        "om året",
        "varje år",
        "per verksamhetsår",
        "per avtalsår",
        "årlig",
    ]) {
        Per::Year
    } else if has(&[
        "totalt",
        "sammanlagt",
        "hela perioden",
        "avtalsperioden",
        "hela avtalstiden",
        "under perioden",
    ]) {
        Per::Whole
    } else {
        Per::Unknown
    }
}

/// What the amount at `at..end` is per: the words right after it (up to the
/// next amount), else the words before it in its sentence, else the sentence.
fn per_at(text: &str, at: usize, end: usize, next: Option<usize>) -> Per {
    let (start, sentence) = sentence_around(text, at);
    let sentence_end = start + sentence.len();
    let after = text
        .get(end..next.unwrap_or(sentence_end).min(sentence_end).max(end))
        .unwrap_or("");
    let before = text.get(start..at).unwrap_or("");
    [after, before, sentence]
        .into_iter()
        .map(per)
        .find(|p| *p != Per::Unknown)
        .unwrap_or(Per::Unknown)
}

/// The words before an amount end in "högst", "maximalt", "upp till" or "som mest".
fn is_ceiling(before: &str) -> bool {
    let words = before.trim_end().to_lowercase();
    ["högst", "maximalt", "upp till", "som mest"]
        .iter()
        .any(|w| words.ends_with(w))
}

/// Words that say an amount is what the agreement costs or pays.
fn about_the_money(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    [
        "omfattning",
        "kostnad",
        "finansier",
        "budget",
        "totalt",
        "uppgår",
        "beräknas",
        "ersättning",
        "bidra",
        "betala",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// The blocks of the financing sections and of the tables that follow one
/// under a caption the outline took for a heading of its own ("Tabell 3:
/// Parternas bidrag per kalenderår"): where budget and contribution tables stand.
pub(crate) fn tables_of_financing(cx: &Context<'_>, outline: &Outline) -> Vec<usize> {
    super::sections_continued(cx, outline, "financing", |b| {
        b.text.starts_with("Tabell ") || b.text.starts_with("Table ")
    })
}

/// "167 000", "37 000 kr", "1 300 000:-": a cell that is an amount in kronor.
fn cell_amount(cell: &str) -> Option<i64> {
    let digits = cell
        .trim()
        .trim_end_matches("kronor")
        .trim_end_matches("kr")
        .trim_end_matches(":-")
        .trim();
    // One number: digits alone, or groups of three after the first
    // ("1 300 000", "1.300.000"); "500 000 200 000" is two numbers, not one.
    let plain = GROUPED.as_ref().is_some_and(|re| re.is_match(digits));
    if plain { ore(digits, None, "kr") } else { None }
}

static GROUPED: LazyLock<Option<Regex>> =
    LazyLock::new(|| regex(r"^(?:\d+|\d{1,3}(?:[ \u{a0}\u{202f}.]\d{3})+)$"));

/// "2022": a year as a column's head.
fn is_year(cell: &str) -> bool {
    let c = cell.trim();
    c.len() == 4
        && (c.starts_with("19") || c.starts_with("20"))
        && c.chars().all(|d| d.is_ascii_digit())
}

/// The column of a budget table that holds a line's amount, from its head
/// row: the first year ("2022", the base year of an indexed budget) or the
/// first that says amount or cost ("Belopp per år", "Kostnad"); else the last.
fn amount_column(head: &[String]) -> Option<usize> {
    head.iter()
        .skip(1)
        .position(|c| is_year(c))
        .or_else(|| {
            head.iter().skip(1).position(|c| {
                let lower = c.to_lowercase();
                lower.contains("belopp") || lower.contains("kostnad") || lower.contains("budget")
            })
        })
        .map(|k| k + 1)
}

/// "lokaler | 167 000", "Samordnare\t180 000 kr": a budget line of the
/// financing section's table; a sum row ("Summa", "Totalt") is not a line.
/// In a table with a column per year the first year's amount is the line's.
fn budget_lines(cx: &Context<'_>, financing: &[usize], proposal: &mut Proposal) {
    let mut n = 0;
    let mut column: Option<usize> = None;
    // The rows under a head of who contributes what are not budget lines.
    let mut contributions = false;
    for &i in financing {
        let Some(block) = cx.block(i) else { continue };
        if block.cells.len() < 2 {
            (column, contributions) = (None, false);
            continue;
        }
        // A head row: no amount after the first cell, years at most. A row
        // without an amount under a head of contributions ("Lokaler i
        // natura | –") leaves the table what its head made it.
        if block
            .cells
            .iter()
            .skip(1)
            .all(|c| cell_amount(c).is_none() || is_year(c))
        {
            contributions |= super::contributions::is_contribution_head(&block.cells);
            if let Some(k) = amount_column(&block.cells) {
                column = Some(k);
            }
            continue;
        }
        if contributions {
            continue;
        }
        let name = &block.cells[0];
        let amount = match column {
            Some(k) => block.cells.get(k),
            None => block.cells.last(),
        };
        let lower = name.to_lowercase();
        let Some(ore) = amount.and_then(|a| cell_amount(a)) else {
            continue;
        };
        if lower.starts_with("summa") || lower.starts_with("totalt") || lower.starts_with("total") {
            continue;
        }
        let span = cx.span(i, 0, &block.text);
        let field = format!("financing.budget_lines[{n}]");
        proposal.push(cx.fact(
            format!("{field}.name"),
            name.trim(),
            Confidence::Likely,
            "budget-table-row",
            span.clone(),
        ));
        proposal.push(cx.fact(
            format!("{field}.amount"),
            format_kronor(ore),
            Confidence::Likely,
            "budget-table-row",
            span,
        ));
        n += 1;
    }
}

/// An amount of a text: where its words stand, öre, and what it is per.
pub(crate) struct Amount<'a> {
    pub start: usize,
    pub words: &'a str,
    pub ore: i64,
    pub per: Per,
}

/// Every amount of `text`, in order.
pub(crate) fn amounts(text: &str) -> Vec<Amount<'_>> {
    let Some(re) = AMOUNT.as_ref() else {
        return Vec::new();
    };
    let found: Vec<regex::Captures<'_>> = re.captures_iter(text).collect();
    found
        .iter()
        .enumerate()
        .filter_map(|(n, c)| {
            let (whole, number, unit) = (c.get(0)?, c.get(1)?, c.get(3)?);
            let ore = ore(number.as_str(), c.get(2).map(|m| m.as_str()), unit.as_str())?;
            let next = found.get(n + 1).and_then(|c| c.get(0)).map(|m| m.start());
            Some(Amount {
                start: whole.start(),
                words: whole.as_str(),
                ore,
                per: per_at(text, whole.start(), whole.end(), next),
            })
        })
        .collect()
}

pub(crate) fn extract(cx: &Context<'_>, outline: &Outline, proposal: &mut Proposal) {
    budget_lines(cx, &tables_of_financing(cx, outline), proposal);
    let financing: std::collections::HashSet<usize> =
        outline.blocks_of("financing").into_iter().collect();
    let mut k = 0;
    for (i, block) in cx.document.body() {
        for Amount {
            start,
            words,
            ore,
            per,
        } in amounts(&block.text)
        {
            let span = cx.span(i, start, words);
            let value = format_kronor(ore);
            let amount = format!("{value} per {}", per.name());
            // Every amount is listed, up to a bound no agreement reaches.
            if k < MAX_AMOUNTS {
                proposal.push(cx.fact(
                    format!("money[{k}]"),
                    amount,
                    Confidence::Likely,
                    "amount",
                    span.clone(),
                ));
                k += 1;
            }
            if !financing.contains(&i) {
                continue;
            }
            let (sentence_start, sentence) = sentence_around(&block.text, start);
            // A ceiling ("dock högst 1 150 000 kronor per kalenderår") is the
            // most one party pays, not what the agreement costs a year.
            if is_ceiling(block.text.get(sentence_start..start).unwrap_or("")) {
                continue;
            }
            let confidence = if about_the_money(sentence) {
                Confidence::Likely
            } else {
                Confidence::Guess
            };
            // The first of each kind in the financing section; later ones are kept as money[k].
            let (field, rule) = match per {
                Per::Year => ("financing.total_per_year", "financing-first-yearly-amount"),
                Per::Whole => ("financing.total", "financing-first-total-amount"),
                _ => continue,
            };
            proposal.push(cx.fact(field, value, confidence, rule, span));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_cell_is_one_number() {
        assert_eq!(cell_amount("1 300 000"), Some(130_000_000));
        assert_eq!(cell_amount("1.300.000 kr"), Some(130_000_000));
        assert_eq!(cell_amount("600000"), Some(60_000_000));
        // Figures not grouped by three after the first are not one amount.
        assert_eq!(cell_amount("500 000 20"), None);
        assert_eq!(cell_amount("12 34"), None);
    }

    #[test]
    fn amounts_in_usual_writings() {
        assert_eq!(ore("1 300 000", None, "kronor"), Some(130_000_000));
        assert_eq!(ore("1.300.000", None, "kr"), Some(130_000_000));
        assert_eq!(ore("1", Some("3"), "miljoner"), Some(130_000_000));
        assert_eq!(ore("500", None, "tkr"), Some(50_000_000));
        assert_eq!(ore("37 000", Some("50"), "kr"), Some(3_700_050));
        assert_eq!(format_kronor(130_000_000), "1 300 000");
        assert_eq!(format_kronor(3_700_050), "37 000.50");
    }

    #[test]
    fn what_an_amount_is_per() {
        assert_eq!(
            per("Partnerskapet finansieras årligen med 1 300 000 kronor"),
            Per::Year
        );
        assert_eq!(per("ersättning med 450 kr per plats och natt"), Per::Unit);
        assert_eq!(per("395 kronor per belagd plats och natt, dock"), Per::Unit);
        assert_eq!(per("1 200 kr per vårddygn"), Per::Unit);
        assert_eq!(per("totalt 2 mnkr under avtalsperioden"), Per::Whole);
    }
}
