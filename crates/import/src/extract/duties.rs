//! Reporting duties (uppföljning): what is reported, by whom, to whom and
//! when — "årligen senast 31 mars", "senast mars 2028", "vid årets slut",
//! "vid periodens slut", "två gånger per år", "kontinuerligt".
//!
//! A due rule is written as a short value: `yearly 3-31 +1` (31 March of the
//! following year), `by-end-of-month 2028-03`, `date 2026-03-31`,
//! `end-of-each-year`, `end-of-term`, `times-per-year 2`,
//! `times-per-twelve-months 2`, `continuous`.

use std::sync::LazyLock;

use regex::Regex;

use super::cadence::cadence;
use super::mentions::{Names, has_word, names_all_parties, sentences};
use super::words::{DATE, month, parse_date, regex};
use super::{Confidence, Context, Proposal};
use crate::document::BlockKind;

/// Words that name a report, and its kind. A generic "rapport" is read last.
const REPORTS: &[(&str, &str)] = &[
    ("verksamhetsplan", "activity-plan"),
    ("verksamhetsberättelse", "annual-report"),
    ("årsberättelse", "annual-report"),
    ("årsrapport", "annual-report"),
    ("verksamhetsredovisning", "annual-report"),
    ("ekonomisk rapport", "financial-report"),
    ("ekonomisk redovisning", "financial-report"),
    ("ekonomiska redovisning", "financial-report"),
    ("ekonomisk uppföljning", "financial-report"),
    ("gemensam rapport", "joint-report"),
    ("slutrapport", "end-of-period-report"),
    ("slutredovisning", "end-of-period-report"),
    ("sammanställning", "compilation"),
    ("utvärderas", "evaluation"),
    ("utvärderar", "evaluation"),
    ("utvärdering ska", "evaluation"),
    ("utvärdering sker", "evaluation"),
    ("utvärdering görs", "evaluation"),
    ("utvärdering genomförs", "evaluation"),
];

static BY_DAY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)senast\s+(?:den\s+|i\s+|under\s+)?(?:({DATE})|(\d{{1,2}})\s+(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\b|(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\s+(\d{{4}}))"
    ))
});

/// The due rule the words state, whether it is iop's default, and the rule's name.
fn due(text: &str, kind: &str) -> Option<(String, bool, &'static str)> {
    let lower = text.to_lowercase();
    if let Some(c) = BY_DAY.as_ref().and_then(|r| r.captures(text)) {
        if let Some(date) = c.get(1).and_then(|d| parse_date(d.as_str())) {
            return Some((format!("date {date}"), false, "due-by-date"));
        }
        if let (Some(day), Some(m)) = (c.get(2), c.get(3).and_then(|m| month(m.as_str()))) {
            let offset = if kind == "activity-plan" { 0 } else { 1 };
            let day: u32 = day.as_str().parse().ok()?;
            return Some((
                format!("yearly {m}-{day} +{offset}"),
                false,
                "due-yearly-by-day",
            ));
        }
        if let (Some(m), Some(y)) = (c.get(4).and_then(|m| month(m.as_str())), c.get(5)) {
            return Some((
                format!("by-end-of-month {}-{m:02}", y.as_str()),
                false,
                "due-by-end-of-month",
            ));
        }
    }
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if has(&[
        "vid årets slut",
        "vid varje årsskifte",
        "i slutet av varje år",
        "vid årsskiftet",
    ]) {
        return Some(("end-of-each-year".into(), false, "due-end-of-each-year"));
    }
    if has(&[
        "vid periodens slut",
        "vid avtalstidens slut",
        "vid avtalsperiodens slut",
        "när avtalet upphör",
        "när överenskommelsen upphör",
        "efter avslutad period",
        "vid partnerskapets slut",
    ]) || kind == "end-of-period-report"
    {
        return Some(("end-of-term".into(), false, "due-end-of-term"));
    }
    if has(&["kontinuerligt", "löpande", "fortlöpande"]) {
        return Some(("continuous".into(), false, "due-continuous"));
    }
    match cadence(text) {
        Some((c, _)) if c == "per-year 1" => Some(default_yearly(kind)),
        Some((c, _)) if c.starts_with("per-year ") => Some((
            c.replace("per-year", "times-per-year"),
            false,
            "due-times-per-year",
        )),
        Some((c, _)) if c.starts_with("per-twelve-months ") => Some((
            c.replace("per-twelve-months", "times-per-twelve-months"),
            false,
            "due-times-per-twelve-months",
        )),
        _ if has(&["årlig", "per år", "varje år", "om året", "per kalenderår"]) => {
            Some(default_yearly(kind))
        }
        _ => None,
    }
}

/// "årligen" with no date: iop's default, a plan by 31 January of its year,
/// a report by 31 March of the year after.
fn default_yearly(kind: &str) -> (String, bool, &'static str) {
    let value = if kind == "activity-plan" {
        "yearly 1-31 +0"
    } else {
        "yearly 3-31 +1"
    };
    (value.into(), true, "due-yearly-default-date")
}

/// The reports a sentence names: (byte offset, kind), in order; a generic
/// "rapport" only when no named kind stands in the sentence.
fn reports_in(sentence: &str) -> Vec<(usize, &'static str)> {
    let lower = sentence.to_lowercase();
    let mut found: Vec<(usize, &'static str)> = REPORTS
        .iter()
        .filter_map(|(w, kind)| lower.find(w).map(|at| (at, *kind)))
        .collect();
    found.sort_unstable();
    found.dedup_by_key(|(_, k)| *k);
    if found.is_empty() {
        for w in [
            "rapport",
            "rapporten",
            "rapportera",
            "redovisning",
            "redovisa",
        ] {
            if let Some(at) = has_word(&lower, w) {
                let kind = if lower[at..].contains(" till styrgrupp")
                    || lower[at..].contains(" till samverkansgrupp")
                {
                    "status-report"
                } else {
                    "report"
                };
                found.push((at, kind));
                break;
            }
        }
    }
    found
}

/// The framework's reports: those of the main agreement, not in its
/// signatures. An appendix's own text holds the appendix's reports, read
/// with the appendix ([`reports_in_blocks`]).
pub(crate) fn extract(
    cx: &Context<'_>,
    outline: &super::sections::Outline,
    proposal: &mut Proposal,
) {
    let main = |i: usize| outline.framework_reads(i);
    let blocks: Vec<usize> = cx
        .document
        .body()
        .map(|(i, _)| i)
        .filter(|&i| main(i))
        .filter(|i| {
            !outline
                .sections
                .iter()
                .any(|s| s.kind == "signatures" && s.blocks.contains(i))
        })
        .collect();
    reports_in_blocks(cx, &blocks, "reporting", proposal);
}

/// Each report `blocks` name with a due rule, as a duty `{prefix}[n]`.
pub(crate) fn reports_in_blocks(
    cx: &Context<'_>,
    blocks: &[usize],
    prefix: &str,
    proposal: &mut Proposal,
) {
    let names = Names::of(proposal);
    let mut n = 0;
    let mut kinds_seen: Vec<(&str, String)> = Vec::new();
    for (i, block) in blocks.iter().filter_map(|&i| Some((i, cx.block(i)?))) {
        for (offset, sentence) in sentences(&block.text) {
            let reports = reports_in(sentence);
            for &(at, kind) in &reports {
                if !sentence.is_char_boundary(at) {
                    continue;
                }
                let segment = clause_around(sentence, at);
                let Some((rule_due, is_default, rule)) =
                    due(segment, kind).or_else(|| due(sentence, kind))
                else {
                    continue;
                };
                let kind = match (kind, rule_due.as_str()) {
                    ("report", "end-of-term") => "end-of-period-report",
                    ("report", _) => "annual-report",
                    (k, _) => k,
                };
                // The same report said twice ("Rapporten sammanställs …") is one duty.
                if kinds_seen.iter().any(|(k, d)| *k == kind && *d == rule_due) {
                    continue;
                }
                kinds_seen.push((kind, rule_due.clone()));
                let span = cx.span(i, offset, sentence);
                let field = format!("{prefix}[{n}]");
                let title = report_title(sentence, at);
                push_duty(cx, proposal, &field, kind, title, &span, rule);
                let confidence = if is_default {
                    Confidence::Guess
                } else {
                    Confidence::Likely
                };
                proposal.push(cx.fact(
                    format!("{field}.due"),
                    rule_due,
                    confidence,
                    rule,
                    span.clone(),
                ));
                if is_default {
                    proposal.push(cx.fact(
                        format!("{field}.due_is_default"),
                        "true",
                        Confidence::Likely,
                        rule,
                        span.clone(),
                    ));
                }
                if !who_in_table(cx, &names, i, &field, &span, proposal) {
                    who(cx, &names, sentence, at, &field, &span, proposal);
                }
                n += 1;
            }
        }
    }
}

fn push_duty(
    cx: &Context<'_>,
    proposal: &mut Proposal,
    field: &str,
    kind: &'static str,
    title: String,
    span: &super::Span,
    rule: &'static str,
) {
    proposal.push(cx.fact(
        format!("{field}.kind"),
        kind,
        Confidence::Likely,
        "report-kind-by-words",
        span.clone(),
    ));
    proposal.push(cx.fact(
        format!("{field}.title"),
        title,
        Confidence::Guess,
        rule,
        span.clone(),
    ));
}

/// The clause of `sentence` around byte `at`: between "," " och " " samt ".
fn clause_around(sentence: &str, at: usize) -> &str {
    const BREAKS: [&str; 3] = [", ", " och ", " samt "];
    let start = BREAKS
        .iter()
        .filter_map(|b| sentence[..at].rfind(b).map(|i| i + b.len()))
        .max()
        .unwrap_or(0);
    let end = BREAKS
        .iter()
        .filter_map(|b| sentence[at..].find(b).map(|i| at + i))
        .min()
        .unwrap_or(sentence.len());
    &sentence[start..end]
}

/// The report's words from its name to the end of its clause, as a title.
fn report_title(sentence: &str, at: usize) -> String {
    let rest = sentence.get(at..).unwrap_or(sentence);
    // In a table the report's cell is its title, whole.
    let end = rest.find('\t').unwrap_or_else(|| {
        [" till ", " senast", ",", " och vid", ".", " som "]
            .iter()
            .filter_map(|w| rest.find(w))
            .min()
            .unwrap_or(rest.len())
    });
    let title = rest[..end].trim();
    let mut chars = title.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// Who reports when the report stands in a row of a table whose head
/// names the column ("Lämnas av", "Från", "Ansvarig"): the parties in that
/// row's cell. False when the block is no such row.
fn who_in_table(
    cx: &Context<'_>,
    names: &Names,
    i: usize,
    field: &str,
    span: &super::Span,
    proposal: &mut Proposal,
) -> bool {
    let is_row = |j: usize| cx.block(j).is_some_and(|b| b.kind == BlockKind::TableRow);
    if !is_row(i) {
        return false;
    }
    let mut head = i;
    while head > 0 && is_row(head - 1) {
        head -= 1;
    }
    let cells = |j: usize| -> Vec<String> {
        cx.block(j)
            .map(|b| {
                b.text
                    .split('\t')
                    .map(|c| c.trim().to_lowercase())
                    .collect()
            })
            .unwrap_or_default()
    };
    let Some(column) = cells(head).iter().position(|c| {
        ["lämnas av", "från", "ansvarig", "rapporteras av", "vem"].contains(&c.as_str())
    }) else {
        return false;
    };
    let row = cx.block(i).map_or("", |b| b.text.as_str());
    let cell = row.split('\t').nth(column).unwrap_or_default();
    for (k, party) in names.parties_in(cell).into_iter().enumerate() {
        proposal.push(cx.fact(
            format!("{field}.from[{k}]"),
            party.to_string(),
            Confidence::Likely,
            "report-from-table-column",
            span.clone(),
        ));
    }
    true
}

/// Who reports (the parties named before the report, "varje deltagare" for
/// all of them) and to whom (the party or body after "till").
fn who(
    cx: &Context<'_>,
    names: &Names,
    sentence: &str,
    at: usize,
    field: &str,
    span: &super::Span,
    proposal: &mut Proposal,
) {
    let lower = sentence.to_lowercase();
    let till = lower
        .find(" till ")
        .filter(|&t| t > at && sentence.is_char_boundary(t));
    let head = &sentence[..till.unwrap_or(sentence.len())];
    let head_lower = head.to_lowercase();
    let mut from: Vec<usize> = names
        .in_text(head)
        .into_iter()
        .filter(|&(p, _)| p < at.max(1) || till.is_some())
        .map(|(_, n)| n)
        .collect();
    from.dedup();
    if [
        "varje deltagare",
        "varje part",
        "respektive part",
        "vardera part",
        "samtliga deltagare",
    ]
    .iter()
    .any(|w| head_lower.contains(w))
    {
        from = names.all();
    } else if [
        "varje organisation",
        "respektive organisation",
        "organisationerna",
        "de idéburna parterna",
        "varje idéburen",
    ]
    .iter()
    .any(|w| head_lower.contains(w))
    {
        from = names.of_sector("idea-driven");
    } else if names_all_parties(head) && from.is_empty() {
        // "Parterna åtar sig …": a joint duty, which the file writes as no `from`.
        from.clear();
    }
    for (k, party) in from.iter().enumerate() {
        proposal.push(cx.fact(
            format!("{field}.from[{k}]"),
            party.to_string(),
            Confidence::Likely,
            "report-from-subject",
            span.clone(),
        ));
    }
    if let Some(t) = till {
        let rest = &sentence[t + " till ".len()..];
        let recipient = names.in_text(rest).into_iter().find(|&(p, _)| p < 3);
        let value = match recipient {
            Some((_, party)) => format!("party {party}"),
            None => rest
                .split([',', '.'])
                .next()
                .unwrap_or("")
                .split(" om ")
                .next()
                .unwrap_or("")
                .trim()
                .to_owned(),
        };
        if !value.is_empty() && value.split_whitespace().count() <= 4 {
            proposal.push(cx.fact(
                format!("{field}.to"),
                value,
                Confidence::Guess,
                "report-to-after-till",
                span.clone(),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str, kind: &str) -> Option<String> {
        due(text, kind).map(|(v, _, _)| v)
    }

    #[test]
    fn due_rules() {
        assert_eq!(
            d("årligen senast 31 mars", "annual-report").as_deref(),
            Some("yearly 3-31 +1")
        );
        assert_eq!(
            d("utvärderar resultatet senast mars 2028", "evaluation").as_deref(),
            Some("by-end-of-month 2028-03")
        );
        assert_eq!(
            d("senast den 30 juni 2027", "evaluation").as_deref(),
            Some("date 2027-06-30")
        );
        assert_eq!(
            d("vid årets slut en årsberättelse", "annual-report").as_deref(),
            Some("end-of-each-year")
        );
        assert_eq!(
            d("upprättar årligen en verksamhetsplan", "activity-plan").as_deref(),
            Some("yearly 1-31 +0")
        );
        assert_eq!(
            d(
                "vid två (2) tillfällen per 12-månadersperiod",
                "status-report"
            )
            .as_deref(),
            Some("times-per-twelve-months 2")
        );
        assert_eq!(
            d("utvärderas kontinuerligt", "evaluation").as_deref(),
            Some("continuous")
        );
        assert_eq!(d("lämnar en rapport", "report"), None);
    }

    #[test]
    fn two_reports_in_one_sentence() {
        let kinds: Vec<&str> = reports_in(
            "X upprättar årligen en verksamhetsplan och vid årets slut en årsberättelse.",
        )
        .into_iter()
        .map(|(_, k)| k)
        .collect();
        assert_eq!(kinds, ["activity-plan", "annual-report"]);
    }

    #[test]
    fn who_reports_is_read_from_the_table_s_column() {
        // The recipient is a party too: only the "Lämnas av" cell says who reports.
        let text = "Överenskommelse om IOP\n\nParter\n\nEkby kommun, org.nr 212000-1421\n\nFöreningen Gläntan, org.nr 802500-4410\n\nUppföljning\n\nRapport\tLämnas av\tTill\tNär\nVerksamhetsberättelse om hur många som deltog\tFöreningen Gläntan\tEkby kommun\tårligen, senast 31 mars året efter\n";
        let document = crate::read(text.as_bytes(), "avtal.txt").expect("read");
        let p = crate::extract(&document);
        assert_eq!(p.value("reporting[0].from[0]"), Some("1"));
        assert_eq!(p.value("reporting[0].from[1]"), None);
        assert_eq!(
            p.value("reporting[0].title"),
            Some("Verksamhetsberättelse om hur många som deltog")
        );
    }
}
