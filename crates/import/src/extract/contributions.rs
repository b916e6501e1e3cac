//! Each party's contribution: "X bidrar med …", "X ersätter Y med …",
//! "finansieras av X med N kronor, Y med M kronor"; cash or in kind by its
//! words, "minst" kept; a price per unit ("420 kronor per belagd plats och
//! natt") with its basis, and a ceiling ("dock högst 1 150 000 kronor per
//! kalenderår") as the amount, marked at most.

use std::sync::LazyLock;

use regex::Regex;

use super::money::{format_kronor, ore};
use super::sections::Outline;
use super::words::regex;
use super::{Confidence, Context, Proposal};

static AMOUNT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(
        r"(?i)(minst\s+)?(\d{1,3}(?:[ \u{a0}\u{202f}.]\d{3})+|\d+)(?:,(\d{1,2}))?\s*(kronor|kr\b|sek\b|tkr\b|mnkr\b|miljoner)",
    )
});

/// A price per unit: the amount, the unit's words.
static UNIT_PRICE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(
        r"(?i)(\d{1,3}(?:[ \u{a0}\u{202f}.]\d{3})+|\d+)(?:,(\d{1,2}))?\s*(kronor|kr\b|sek\b|:-)\s*(?:per|/)\s*(belagd\s+plats\s+och\s+(?:natt|dygn)|plats\s+och\s+(?:natt|dygn)|vårddygn|gästnatt|dygn|natt|belagd\s+plats|plats|deltagare|brukare)\b",
    )
});

/// A ceiling: "dock högst", "högst", "maximalt", "upp till", "som mest" and an amount.
static CEILING: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:högst|maximalt|upp\s+till|som\s+mest)\s+(?:ett\s+belopp\s+(?:om|av)\s+)?(\d{1,3}(?:[ \u{a0}\u{202f}.]\d{3})+|\d+)(?:,(\d{1,2}))?\s*(kronor|kr\b|sek\b|tkr\b|mnkr\b|miljoner)",
    )
});

/// A contribution found: party index, kind, amount with "minst", where its
/// sentence starts in the block, the sentence, and a price per unit.
type Found = (
    usize,
    &'static str,
    Option<(String, bool)>,
    usize,
    String,
    Option<PerUnit>,
);

/// A price per unit and what the yearly amount is then: a ceiling or none;
/// or a yearly ceiling alone ("högst 450 000 kronor per år").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PerUnit {
    /// The model's basis: per-occupied-place-night, per-place or per-user.
    pub basis: Option<&'static str>,
    /// Kronor as the file writes them.
    pub price: Option<String>,
    /// The yearly ceiling, when the sentence states one.
    pub ceiling: Option<String>,
}

/// "420 kronor per belagd plats och natt, dock högst 1 150 000 kronor per
/// kalenderår": the price, its unit and the ceiling.
pub(crate) fn per_unit(text: &str) -> Option<PerUnit> {
    let c = UNIT_PRICE.as_ref()?.captures(text)?;
    let price = ore(
        c.get(1)?.as_str(),
        c.get(2).map(|m| m.as_str()),
        c.get(3)?.as_str(),
    )?;
    let unit = c.get(4)?.as_str().to_lowercase();
    let basis = if unit.contains("natt") || unit.contains("dygn") {
        "per-occupied-place-night"
    } else if unit.contains("plats") {
        "per-place"
    } else {
        "per-user"
    };
    Some(PerUnit {
        basis: Some(basis),
        price: Some(format_kronor(price)),
        ceiling: ceiling(text),
    })
}

/// "dock högst 1 150 000 kronor": the ceiling as the file writes kronor.
fn ceiling(text: &str) -> Option<String> {
    let c = CEILING.as_ref()?.captures(text)?;
    let value = ore(
        c.get(1)?.as_str(),
        c.get(2).map(|m| m.as_str()),
        c.get(3)?.as_str(),
    )?;
    Some(format_kronor(value))
}

/// Words that make the figure after them a comparison, not a price: "vilket
/// motsvarar cirka 5 700 kronor per deltagare".
static APPROXIMATE: LazyLock<Option<Regex>> =
    LazyLock::new(|| regex(r"(?i)\b(?:motsvarar|cirka|ca\.?|ungefär)\s*$"));

/// Where the first amount's figure starts in `words`.
fn first_amount_at(words: &str) -> Option<usize> {
    Some(AMOUNT.as_ref()?.captures(words)?.get(2)?.start())
}

/// A price per unit that is the first amount of the words and no
/// comparison ("motsvarar cirka …"): "Region Skåne bidrar med 400 000
/// kronor per år, vilket motsvarar cirka 5 700 kronor per deltagare" states
/// a yearly amount, no price.
fn leading_per_unit(words: &str) -> Option<PerUnit> {
    let start = UNIT_PRICE.as_ref()?.captures(words)?.get(1)?.start();
    let approximate = APPROXIMATE.as_ref()?.is_match(words.get(..start)?);
    (first_amount_at(words) == Some(start) && !approximate)
        .then(|| per_unit(words))
        .flatten()
}

/// The ceiling when "högst" (or the like) stands before the first amount:
/// "100 000 kr för lokaler och högst 100 000 kr för resor" has none.
fn leading_ceiling(words: &str) -> Option<String> {
    let start = CEILING.as_ref()?.captures(words)?.get(1)?.start();
    (first_amount_at(words) == Some(start))
        .then(|| ceiling(words))
        .flatten()
}

/// The amount a contribution's words state: a ceiling when they open with
/// a price per unit (the price is not the yearly amount), else the first
/// amount, a ceiling when "högst" (or the like) stands before it.
fn amount_and_unit(words: &str) -> (Option<(String, bool)>, Option<PerUnit>) {
    if let Some(unit) = leading_per_unit(words) {
        return (unit.ceiling.clone().map(|c| (c, false)), Some(unit));
    }
    let first = first_amount(words);
    match leading_ceiling(words) {
        Some(c) if first.is_some() => {
            let unit = PerUnit {
                basis: None,
                price: None,
                ceiling: Some(c.clone()),
            };
            (Some((c, false)), Some(unit))
        }
        _ => (first, None),
    }
}

/// Words that make a contribution one in kind.
fn in_kind(words: &str) -> bool {
    let w = words.to_lowercase();
    !w.contains("finansiering")
        && [
            "lokal",
            "volontär",
            "ideell",
            "personal",
            "arbetsledning",
            "administration",
            "till ett värde",
            "kringkostnad",
        ]
        .iter()
        .any(|k| w.contains(k))
}

/// The parties by every name the document uses for them: name, short name, acting body.
fn party_names(proposal: &Proposal) -> Vec<(usize, String)> {
    let mut names: Vec<(usize, String)> = proposal
        .facts
        .iter()
        .filter_map(|f| {
            let rest = f.field.strip_prefix("parties[")?;
            let (n, field) = rest.split_once("].")?;
            let n: usize = n.parse().ok()?;
            matches!(field, "name" | "short_name" | "acting_through")
                .then(|| (n, f.value.to_lowercase()))
        })
        .collect();
    names.extend(super::mentions::aliases(&names));
    // The longest name first, so "Röda Korset Gotland" wins over "Röda Korset".
    names.sort_by_key(|(_, name)| std::cmp::Reverse(name.len()));
    names
}

pub(crate) fn extract(cx: &Context<'_>, outline: &Outline, proposal: &mut Proposal) {
    let names = party_names(proposal);
    let mut found: Vec<Found> = table(cx, &super::money::tables_of_financing(cx, outline), &names);
    // A table of who contributes what says it all; else the sentences.
    let sentences = if found.is_empty() {
        outline.blocks_of("financing")
    } else {
        Vec::new()
    };
    for i in sentences {
        let Some(block) = cx.block(i) else { continue };
        for sentence in block.text.split_inclusive(". ") {
            let offset = block.text.find(sentence).unwrap_or(0);
            found.extend(contributions_in(sentence, offset, &names));
        }
    }
    let total = proposal
        .value("financing.total_per_year")
        .map(str::to_owned);
    let whole_total = amount_from_total(&mut found, total);
    for (k, found) in found.into_iter().enumerate() {
        push_contribution(cx, outline, proposal, k, found, whole_total == Some(k));
    }
}

/// A table's head row over who contributes what: its first column the
/// party ("Part", "Finansiär", "Bidragsgivare").
pub(crate) fn is_contribution_head(cells: &[String]) -> bool {
    let first = cells
        .first()
        .map(|c| c.trim().to_lowercase())
        .unwrap_or_default();
    cells.len() >= 2
        && matches!(
            first.as_str(),
            "part" | "parter" | "finansiär" | "finansiärer" | "bidragsgivare" | "organisation"
        )
}

/// The rows of a table of contributions: the party in the first cell, the
/// kind by the words of the row ("Kontant finansiering", "Insats i annat än
/// pengar", "lokaler"), the amount from the column whose head says amount
/// ("Belopp per år"), "minst" kept; a sum row is not a contribution.
fn table(cx: &Context<'_>, financing: &[usize], names: &[(usize, String)]) -> Vec<Found> {
    let mut found = Vec::new();
    let mut amount_column: Option<Option<usize>> = None;
    for &i in financing {
        let Some(block) = cx.block(i) else { continue };
        if block.cells.len() < 2 {
            amount_column = None;
            continue;
        }
        if is_contribution_head(&block.cells) {
            amount_column = Some(block.cells.iter().position(|c| {
                let lower = c.to_lowercase();
                ["belopp", "bidrag", "värde", "kronor", "kr"]
                    .iter()
                    .any(|w| lower.split_whitespace().any(|x| x.starts_with(w)))
            }));
            continue;
        }
        let Some(column) = amount_column else {
            continue;
        };
        let party = block.cells[0].trim().to_lowercase();
        let Some((n, _)) = names.iter().find(|(_, name)| party == *name).or_else(|| {
            names
                .iter()
                .find(|(_, name)| party.starts_with(name.as_str()))
        }) else {
            continue;
        };
        let rest = block.cells[1..].join(" ");
        let lower = rest.to_lowercase();
        let kind = if lower.contains("annat än pengar")
            || lower.contains("natura")
            || !lower.contains("kontant") && in_kind(&rest)
        {
            "in-kind"
        } else {
            "cash"
        };
        let amount = column
            .and_then(|k| block.cells.get(k))
            .and_then(|c| first_amount(c).or_else(|| first_amount(&format!("{c} kr"))));
        // "högst 1 150 000 kr" in the amount column, "420 kr per belagd
        // plats och natt" with what it is for: the ceiling is the amount.
        let unit = per_unit(&rest).or_else(|| {
            let cell = column.and_then(|k| block.cells.get(k))?;
            Some(PerUnit {
                basis: None,
                price: None,
                ceiling: Some(ceiling(cell)?),
            })
        });
        // The column's amount stays unless it is the price itself.
        let price_in_column = column
            .and_then(|k| block.cells.get(k))
            .is_some_and(|c| per_unit(c).is_some());
        let amount = match &unit {
            Some(unit) => unit
                .ceiling
                .clone()
                .map(|c| (c, false))
                .or(amount.filter(|_| !price_in_column)),
            None => amount,
        };
        found.push((*n, kind, amount, 0, block.text.clone(), unit));
    }
    found
}

/// The contributions one sentence names: "finansieras av A med N kronor,
/// B med M kronor och C med K kronor", or "A bidrar med …".
fn contributions_in(sentence: &str, offset: usize, names: &[(usize, String)]) -> Vec<Found> {
    // Positions come from the sentence itself: lowercasing may change a
    // text's length ("İ"), so no index of a lowercased copy slices it.
    if let Some(m) = FINANCED_BY.as_ref().and_then(|r| r.find(sentence)) {
        return sentence[m.end()..]
            // ", " between parties; "1,2 mnkr" keeps its decimal comma.
            .split(", ")
            .flat_map(|p| p.split(" och "))
            .filter_map(|part| {
                let part_lower = part.to_lowercase();
                let (n, _) = names
                    .iter()
                    .find(|(_, name)| part_lower.trim_start().starts_with(name.as_str()))?;
                let (amount, unit) = amount_and_unit(part);
                Some((*n, "cash", amount, offset, sentence.trim().to_owned(), unit))
            })
            .collect();
    }
    let Some(at) = gives_at(sentence) else {
        return Vec::new();
    };
    let subject = sentence[..at].to_lowercase();
    let Some((n, _)) = names
        .iter()
        .find(|(_, name)| subject.ends_with(name.as_str()))
    else {
        return Vec::new();
    };
    let kind = if in_kind(&sentence[at..]) {
        "in-kind"
    } else {
        "cash"
    };
    let (amount, unit) = amount_and_unit(&sentence[at..]);
    vec![(*n, kind, amount, offset, sentence.trim().to_owned(), unit)]
}

static FINANCED_BY: LazyLock<Option<Regex>> = LazyLock::new(|| regex(r"(?i)finansieras av "));

/// "X bidrar …", or "X ersätter Y med <amount>": not "ersätter inte …", nor
/// "ersätter volontärer för resor" without an amount.
static GIVES: LazyLock<Option<Regex>> = LazyLock::new(|| regex(r"(?i) bidrar "));
static PAYS: LazyLock<Option<Regex>> =
    LazyLock::new(|| regex(r"(?i) ersätter\s+(?:\S+\s+){1,6}?med\s+(?:[[:alpha:]]+\s+){0,2}\d"));

/// Where the verb that gives a contribution stands in the sentence.
fn gives_at(sentence: &str) -> Option<usize> {
    if let Some(m) = GIVES.as_ref()?.find(sentence) {
        return Some(m.start());
    }
    let c = PAYS.as_ref()?.find(sentence)?;
    let negated = sentence[c.start()..]
        .split_whitespace()
        .nth(1)
        .is_some_and(|w| matches!(w.to_lowercase().as_str(), "inte" | "ej"));
    (!negated).then_some(c.start())
}

/// "Region Gotland bidrar med finansiering av ovanstående": the one cash
/// contribution without an amount is the yearly total (a guess). Returns
/// which contribution took it.
fn amount_from_total(found: &mut [Found], total: Option<String>) -> Option<usize> {
    let cash: Vec<usize> = (0..found.len()).filter(|&k| found[k].1 == "cash").collect();
    match (cash.as_slice(), total) {
        // A price per unit without a ceiling has no yearly amount to take.
        ([only], Some(total)) if found[*only].2.is_none() && found[*only].5.is_none() => {
            found[*only].2 = Some((total, false));
            Some(*only)
        }
        _ => None,
    }
}

/// One contribution's facts: party, kind, amount and "minst".
fn push_contribution(
    cx: &Context<'_>,
    outline: &Outline,
    proposal: &mut Proposal,
    k: usize,
    (party, kind, amount, offset, quote, unit): Found,
    is_whole_total: bool,
) {
    let block = i_of(outline, cx, &quote);
    let span = cx.span(block, offset, &quote);
    // A table row names the party, kind and amount in cells of their own.
    let row = cx
        .block(block)
        .is_some_and(|b| b.kind == crate::document::BlockKind::TableRow);
    let (party_rule, kind_rule, kind_confidence) = if row {
        (
            "contribution-table-row",
            "contribution-table-kind",
            Confidence::Likely,
        )
    } else {
        (
            "contribution-sentence",
            "contribution-kind-by-words",
            Confidence::Guess,
        )
    };
    let field = format!("financing.contributions[{k}]");
    if let Some(unit) = unit {
        push_per_unit(cx, proposal, &field, unit, &span);
    }
    proposal.push(cx.fact(
        format!("{field}.party"),
        party.to_string(),
        Confidence::Likely,
        party_rule,
        span.clone(),
    ));
    proposal.push(cx.fact(
        format!("{field}.kind"),
        kind,
        kind_confidence,
        kind_rule,
        span.clone(),
    ));
    let Some((value, at_least)) = amount else {
        return;
    };
    let (confidence, rule) = if is_whole_total {
        (Confidence::Guess, "contribution-is-the-yearly-total")
    } else {
        (Confidence::Likely, "contribution-amount")
    };
    proposal.push(cx.fact(
        format!("{field}.amount"),
        value,
        confidence,
        rule,
        span.clone(),
    ));
    if at_least {
        proposal.push(cx.fact(
            format!("{field}.at_least"),
            "true",
            Confidence::Likely,
            "contribution-at-least",
            span,
        ));
    }
}

/// A price per unit's facts: the basis and price, and that the amount is a
/// ceiling. The words are plain, so all are likely.
fn push_per_unit(
    cx: &Context<'_>,
    proposal: &mut Proposal,
    field: &str,
    unit: PerUnit,
    span: &super::Span,
) {
    if let Some(basis) = unit.basis {
        proposal.push(cx.fact(
            format!("{field}.basis"),
            basis,
            Confidence::Likely,
            "contribution-per-unit",
            span.clone(),
        ));
    }
    if let Some(price) = unit.price {
        proposal.push(cx.fact(
            format!("{field}.unit_price"),
            price,
            Confidence::Likely,
            "contribution-unit-price",
            span.clone(),
        ));
    }
    if unit.ceiling.is_some() {
        proposal.push(cx.fact(
            format!("{field}.at_most"),
            "true",
            Confidence::Likely,
            "contribution-ceiling",
            span.clone(),
        ));
    }
}

/// The block a quoted sentence stands in.
fn i_of(outline: &Outline, cx: &Context<'_>, quote: &str) -> usize {
    super::money::tables_of_financing(cx, outline)
        .into_iter()
        .find(|&i| cx.block(i).is_some_and(|b| b.text.contains(quote)))
        .unwrap_or(0)
}

fn first_amount(text: &str) -> Option<(String, bool)> {
    let c = AMOUNT.as_ref()?.captures(text)?;
    let value = ore(
        c.get(2)?.as_str(),
        c.get(3).map(|m| m.as_str()),
        c.get(4)?.as_str(),
    )?;
    Some((format_kronor(value), c.get(1).is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(basis: &'static str, price: &str, ceiling: Option<&str>) -> Option<PerUnit> {
        Some(PerUnit {
            basis: Some(basis),
            price: Some(price.into()),
            ceiling: ceiling.map(Into::into),
        })
    }

    #[test]
    fn a_price_per_unit_and_its_ceiling() {
        assert_eq!(
            per_unit(
                "ersätter Härbärget med 420 kronor per belagd plats och natt, dock högst 1 150 000 kronor per kalenderår."
            ),
            unit("per-occupied-place-night", "420", Some("1 150 000"))
        );
        assert_eq!(
            per_unit("med 1 250 kr per vårddygn, maximalt 2 mnkr per år"),
            unit("per-occupied-place-night", "1 250", Some("2 000 000"))
        );
        assert_eq!(
            per_unit("bidrar med 350 kronor per natt upp till 600 000 kronor per år"),
            unit("per-occupied-place-night", "350", Some("600 000"))
        );
        assert_eq!(
            per_unit("bidrar med 9 000 kr per plats och år"),
            unit("per-place", "9 000", None)
        );
        assert_eq!(
            per_unit("bidrar med 2 500 kronor per deltagare, högst 400 000 kronor"),
            unit("per-user", "2 500", Some("400 000"))
        );
        // A yearly lump sum has no unit; "högst" alone makes no price.
        assert_eq!(per_unit("bidrar med 450 000 kronor per år"), None);
        assert_eq!(per_unit("bidrar med högst 450 000 kronor per år"), None);
    }

    #[test]
    fn the_amount_of_a_price_per_unit_is_its_ceiling_or_none() {
        let (amount, unit) = amount_and_unit("med 420 kronor per belagd plats och natt");
        assert_eq!(amount, None);
        assert_eq!(unit.and_then(|u| u.price), Some("420".to_owned()));
        let (amount, _) = amount_and_unit("med 420 kr per dygn, dock högst 1 150 000 kr per år");
        assert_eq!(amount, Some(("1 150 000".to_owned(), false)));
        // A lump sum with "högst" before it is a ceiling without a unit.
        let (amount, unit) = amount_and_unit("bidrar med högst 450 000 kronor per år");
        assert_eq!(amount, Some(("450 000".to_owned(), false)));
        assert_eq!(
            unit,
            Some(PerUnit {
                basis: None,
                price: None,
                ceiling: Some("450 000".into()),
            })
        );
        // "högst" before another figure leaves the amount firm.
        let (amount, unit) = amount_and_unit(
            "bidrar med 300 000 kronor per år, varav högst 50 000 kronor till lokaler",
        );
        assert_eq!(amount, Some(("300 000".to_owned(), false)));
        assert_eq!(unit, None);
    }
}
