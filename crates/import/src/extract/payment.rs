//! The terms of the money: indexation ("justeras för pris- och
//! löneutveckling med 2 %", "räknas upp enligt KPI" — an index without a
//! number stays without one), the payment plan ("utbetalas kvartalsvis i
//! förskott", "som ett engångsbelopp") and invoicing ("X fakturerar Y en
//! gång per år", "Faktura skickas halvårsvis till: …").

use std::sync::LazyLock;

use regex::Regex;

use super::cadence::cadence;
use super::mentions::{Names, sentences};
use super::sections::Outline;
use super::words::{POSTAL, regex};
use super::{Confidence, Context, Proposal, Span};

static PERCENT: LazyLock<Option<Regex>> =
    LazyLock::new(|| regex(r"(?i)(\d{1,2}(?:[,.]\d{1,2})?)\s*(?:%|procent\b)"));
static PARTS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(
        r"\bi\s+(två|tre|fyra|tolv|2|3|4|12)\s+(?:lika\s+(?:stora\s+)?)?(?:delar|delbetalningar|poster)",
    )
});

/// Words that make a sentence about indexation.
const INDEX_WORDS: &[&str] = &[
    "pris- och löneutveckling",
    "pris- och lön",
    "löne- och prisutveckling",
    "indexer",
    "indexupp",
    "uppräkn",
    "räknas upp",
    "räknas årligen upp",
    "konsumentprisindex",
    "omsorgsprisindex",
    "arbetskostnadsindex",
    "prisbasbelopp",
    "kpi",
    "opi",
];

/// An index named without a number, as the file keeps it.
fn index_name(lower: &str) -> Option<&'static str> {
    let word = |w: &str| super::mentions::has_word(lower, w).is_some();
    if lower.contains("konsumentprisindex") || word("kpi") {
        Some("KPI")
    } else if lower.contains("omsorgsprisindex") || word("opi") {
        Some("OPI")
    } else if lower.contains("arbetskostnadsindex") || word("aki") {
        Some("AKI")
    } else if lower.contains("prisbasbelopp") {
        Some("prisbasbelopp")
    } else if lower.contains("pris- och lön") || lower.contains("löne- och pris") {
        Some("pris- och löneutveckling")
    } else {
        None
    }
}

pub(crate) fn extract(cx: &Context<'_>, outline: &Outline, proposal: &mut Proposal) {
    let names = Names::of(proposal);
    let mut invoices = 0;
    // An appendix's own payment and invoicing are not the main agreement's.
    let main = |i: usize| outline.appendices_from.is_none_or(|from| i < from);
    for (i, block) in cx.document.body().filter(|(i, _)| main(*i)) {
        for (offset, sentence) in sentences(&block.text) {
            let lower = sentence.to_lowercase();
            let span = cx.span(i, offset, sentence);
            if INDEX_WORDS.iter().any(|w| lower.contains(w)) {
                indexation(cx, sentence, &lower, &span, proposal);
            }
            if lower.contains("faktur") {
                if invoice(cx, &names, i, sentence, invoices, &span, proposal) {
                    invoices += 1;
                }
            } else if is_payment(&lower) {
                payment(cx, &lower, &span, proposal);
            }
        }
    }
}

fn indexation(cx: &Context<'_>, sentence: &str, lower: &str, span: &Span, proposal: &mut Proposal) {
    let rate = PERCENT
        .as_ref()
        .and_then(|r| r.captures(sentence))
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().replace(',', "."));
    if let Some(rate) = rate {
        proposal.push(cx.fact(
            "financing.indexation.rate",
            rate,
            Confidence::Likely,
            "indexation-percentage",
            span.clone(),
        ));
    }
    if let Some(index) = index_name(lower) {
        proposal.push(cx.fact(
            "financing.indexation.index",
            index,
            Confidence::Likely,
            "indexation-index-named",
            span.clone(),
        ));
    }
}

fn is_payment(lower: &str) -> bool {
    !lower.contains("återbetal")
        && [
            "utbetal",
            "betalas ut",
            "betalar ut",
            "betalas",
            "finansieras årligen",
        ]
        .iter()
        .any(|w| lower.contains(w))
        // "X betalar N kronor per år" states an amount; with "i förskott",
        // "kvartalsvis", "som engångsbelopp" it states a plan.
        || lower.contains("betalar")
            && [
                "i förskott",
                "engångsbelopp",
                "kvartalsvis",
                "månadsvis",
                "halvårsvis",
                "lika delar",
            ]
            .iter()
            .any(|w| lower.contains(w))
}

fn payment(cx: &Context<'_>, lower: &str, span: &Span, proposal: &mut Proposal) {
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    let once = has(&[
        "engångsbelopp",
        "vid ett tillfälle",
        "en gång under avtal",
        "en gång under period",
        "klumpsumma",
        "i sin helhet",
    ]);
    let per_year = if once {
        None
    } else {
        cadence(lower)
            .and_then(|(c, _)| {
                c.strip_prefix("per-year ")
                    .and_then(|n| n.parse::<u32>().ok())
            })
            .or_else(|| in_parts(lower))
    };
    let default_reading = lower.contains("finansieras årligen");
    if once {
        proposal.push(cx.fact(
            "financing.payment.once",
            "true",
            Confidence::Likely,
            "payment-once",
            span.clone(),
        ));
    } else if let Some(n) = per_year.filter(|n| [1, 2, 4, 12].contains(n)) {
        let (confidence, rule) = if default_reading {
            (Confidence::Guess, "payment-financed-yearly")
        } else {
            (Confidence::Likely, "payment-frequency")
        };
        proposal.push(cx.fact(
            "financing.payment.per_year",
            n.to_string(),
            confidence,
            rule,
            span.clone(),
        ));
        if default_reading {
            proposal.push(cx.fact(
                "financing.payment.default",
                "true",
                Confidence::Likely,
                rule,
                span.clone(),
            ));
        }
    } else {
        return;
    }
    if has(&["i förskott", "i förväg", "förskottsvis"]) {
        proposal.push(cx.fact(
            "financing.payment.in_advance",
            "true",
            Confidence::Likely,
            "payment-in-advance",
            span.clone(),
        ));
    }
}

/// "i två lika delar", "i fyra delbetalningar": so many payments a year.
fn in_parts(lower: &str) -> Option<u32> {
    let c = PARTS.as_ref()?.captures(lower)?;
    super::words::number(&c[1])
}

fn frequency(text: &str) -> Option<&'static str> {
    match cadence(text)?.0.as_str() {
        "per-year 1" => Some("yearly"),
        "per-year 2" => Some("half-yearly"),
        "per-year 4" => Some("quarterly"),
        "per-year 12" => Some("monthly"),
        _ => None,
    }
}

/// "Röda Korset fakturerar Malmö stad och Region Skåne … en gång per år";
/// "Faktura skickas en gång per år till: <address>" names no sender: then
/// the one idea-driven party sends it (a guess). Returns whether one was read.
fn invoice(
    cx: &Context<'_>,
    names: &Names,
    block: usize,
    sentence: &str,
    n: usize,
    span: &Span,
    proposal: &mut Proposal,
) -> bool {
    let verb = super::words::find_ignoring_case(sentence, "faktur").map_or(0, |(at, _)| at);
    let mentioned = names.in_text(sentence);
    let from: Vec<usize> = mentioned
        .iter()
        .filter(|(at, _)| *at < verb)
        .map(|(_, p)| *p)
        .collect();
    let mut to: Vec<usize> = mentioned
        .iter()
        .filter(|(at, _)| *at > verb)
        .map(|(_, p)| *p)
        .collect();
    to.extend(names.plurals_in(sentence.get(verb..).unwrap_or("")));
    let address = if sentence.trim_end().ends_with(':') {
        address_after(cx, block)
    } else {
        None
    };
    if let Some((lines, ..)) = &address {
        for line in lines {
            to.extend(names.parties_in(line));
        }
    }
    let freq = frequency(&sentence.to_lowercase());
    if from.is_empty() && to.is_empty() && freq.is_none() {
        return false;
    }
    let field = format!("financing.invoicing[{n}]");
    let (from, from_confidence, from_rule) = invoice_sender(names, &from);
    if let Some(p) = from {
        proposal.push(cx.fact(
            format!("{field}.from"),
            p.to_string(),
            from_confidence,
            from_rule,
            span.clone(),
        ));
    }
    let (to, to_confidence, to_rule) = invoice_recipients(names, to, from);
    for (k, p) in to.iter().enumerate() {
        proposal.push(cx.fact(
            format!("{field}.to[{k}]"),
            p.to_string(),
            to_confidence,
            to_rule,
            span.clone(),
        ));
    }
    if let Some(freq) = freq {
        proposal.push(cx.fact(
            format!("{field}.frequency"),
            freq,
            Confidence::Likely,
            "invoice-frequency",
            span.clone(),
        ));
    }
    if let Some((lines, postal_code, city, at)) = address {
        let address_span = cx.span(at, 0, cx.block(at).map_or("", |b| b.text.as_str()));
        for (value, what) in [
            (lines.join("|"), "lines"),
            (postal_code, "postal_code"),
            (city, "city"),
        ] {
            proposal.push(cx.fact(
                format!("{field}.address.{what}"),
                value,
                Confidence::Likely,
                "invoice-address-lines",
                address_span.clone(),
            ));
        }
    }
    true
}

/// The invoice's sender: the party named before the verb, else the one
/// idea-driven party (a guess).
fn invoice_sender(names: &Names, named: &[usize]) -> (Option<usize>, Confidence, &'static str) {
    match named.first() {
        Some(&p) => (Some(p), Confidence::Likely, "invoice-sender-named"),
        None => match names.of_sector("idea-driven")[..] {
            [p] => (
                Some(p),
                Confidence::Guess,
                "invoice-sender-the-idea-driven-party",
            ),
            _ => (None, Confidence::Guess, ""),
        },
    }
}

/// The invoice's recipients: those named after the verb or in its address,
/// else the public parties (a guess).
fn invoice_recipients(
    names: &Names,
    mut to: Vec<usize>,
    from: Option<usize>,
) -> (Vec<usize>, Confidence, &'static str) {
    to.retain(|p| Some(*p) != from);
    to.sort_unstable();
    to.dedup();
    if to.is_empty() {
        (
            names.of_sector("public"),
            Confidence::Guess,
            "invoice-to-the-public-parties",
        )
    } else {
        (to, Confidence::Likely, "invoice-recipient-named")
    }
}

/// The address standing under "… till:": name and street lines, then
/// "581 81 Linköping". Returns lines, postal code, city and the first block.
fn address_after(cx: &Context<'_>, block: usize) -> Option<(Vec<String>, String, String, usize)> {
    let mut lines = Vec::new();
    let first = block + 1;
    for i in first..first + 6 {
        let b = cx.block(i)?;
        for line in b.text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if let Some(c) = POSTAL.as_ref().and_then(|r| r.captures(line)) {
                return Some((lines, c[1].to_owned(), c[2].trim().to_owned(), first));
            }
            if line.chars().count() > 60 || lines.len() >= 4 {
                return None;
            }
            lines.push(line.to_owned());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_names() {
        assert_eq!(index_name("räknas upp enligt kpi"), Some("KPI"));
        assert_eq!(index_name("enligt omsorgsprisindex (opi)"), Some("OPI"));
        assert_eq!(
            index_name("i takt med prisbasbeloppet"),
            Some("prisbasbelopp")
        );
        assert_eq!(index_name("kpin"), None);
    }

    #[test]
    fn invoice_frequencies() {
        assert_eq!(frequency("fakturerar kvartalsvis"), Some("quarterly"));
        assert_eq!(frequency("en gång per år"), Some("yearly"));
        assert_eq!(frequency("halvårsvis i efterskott"), Some("half-yearly"));
        assert_eq!(frequency("varje månad"), Some("monthly"));
    }
}
