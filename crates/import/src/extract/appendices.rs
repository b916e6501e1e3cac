//! The appendices (bilagor) of a framework: the list ("Bilaga 1
//! Stadsmissionen Crossroads Bilaga 2 …"), each with its number, title,
//! party and activity; and the appendices' own texts after the main
//! agreement, each with its own period ("Period: 2026-04-01 – 2027-03-31",
//! "gäller fr.o.m. … t.o.m. …"), money ("640 000 kronor per år", or an
//! amount for the period), notice ("Bilagan kan sägas upp … med tre
//! månaders uppsägningstid") and reports.

use std::sync::LazyLock;

use regex::Regex;

use super::mentions::{Names, sentences};
use super::money::{Amount, Per, amounts, format_kronor};
use super::sections::{Outline, Section};
use super::term::RANGE;
use super::words::{parse_date, regex};
use super::{Confidence, Context, Proposal, ProposedNote};

static APPENDIX: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(r"\bBilaga\s+(\d{1,2})\s*[:.–-]?\s+(\p{Lu}.*?)\s*(?:$|(?:\bBilaga\s+\d))")
});
/// "Bilaga 2", "Bilaga 2. Stödsamtal", "Bilaga 2 – Kvinnojouren Tranan": a
/// line that is an appendix's title (a capital or nothing after the number).
static TITLE_LINE: LazyLock<Option<Regex>> =
    LazyLock::new(|| regex(r"^Bilaga\s+(\d{1,2})\s*(?:$|[:.–-]?\s+\p{Lu})"));
/// "Period: 2026–2027", "gäller under åren 2026-2027".
static YEARS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(
        r"(?i)(?:gäller|avser|period|perioden|under|åren|löper|avtalstid|giltighetstid)\s*:?\s+(?:åren\s+|under\s+)?(\d{4})\s*(?:[-–]|till och med|t\.?\s?o\.?\s?m\.?)\s*(\d{4})",
    )
});
/// Labels of the lines under an appendix's title ("Part:", "Period:"), and
/// the caption of a table under it ("Tabell 2: Rapportering för bilaga 1"):
/// no part of the title.
const LABELS: [&str; 10] = [
    " Tabell ",
    " Part:",
    " Insats:",
    " Period:",
    " Ekonomi:",
    " Utförare:",
    " Ersättning:",
    " Belopp:",
    " Avtalstid:",
    " Giltighetstid:",
];

/// The number of an appendix whose title the line is.
fn title_number(text: &str) -> Option<u32> {
    let c = TITLE_LINE.as_ref()?.captures(text.trim())?;
    c.get(1)?.as_str().parse().ok()
}

/// Where the appendices' own texts begin: the first appendix title with
/// text under it that stands after the main agreement's signatures; in a
/// document without signatures, one that repeats a number the list of
/// appendices gave, outside the framework's own termination and
/// follow-up sections ("Bilaga 1 Lovaktiviteter följs upp av nämnden."
/// under "Uppföljning" is the framework's sentence).
pub(crate) fn texts_start(cx: &Context<'_>, sections: &[Section]) -> Option<usize> {
    let signed = sections
        .iter()
        .find(|s| s.kind == "signatures")
        .and_then(|s| s.heading.or_else(|| s.blocks.first().copied()));
    let framework_own = |i: usize| {
        sections.iter().any(|s| {
            matches!(s.kind, "termination" | "follow-up")
                && s.heading != Some(i)
                && s.blocks.contains(&i)
        })
    };
    let starts_here = |i: usize, number: u32, listed: &[u32]| match signed {
        Some(s) => i > s,
        None => listed.contains(&number) && !framework_own(i),
    };
    let body: Vec<usize> = cx.document.body().map(|(i, _)| i).collect();
    let text = |i: usize| cx.block(i).map_or("", |b| b.text.trim());
    let mut listed: Vec<u32> = Vec::new();
    for (k, &i) in body.iter().enumerate() {
        let Some(number) = title_number(text(i)) else {
            continue;
        };
        let several = text(i).matches("Bilaga ").count() > 1;
        let text_under = body
            .get(k + 1)
            .is_some_and(|&next| title_number(text(next)).is_none());
        if !several && text_under && starts_here(i, number, &listed) {
            return Some(i);
        }
        if let Some(re) = APPENDIX.as_ref() {
            listed.extend(
                re.captures_iter(text(i))
                    .filter_map(|c| c.get(1)?.as_str().parse::<u32>().ok()),
            );
        }
        listed.push(number);
    }
    None
}

/// The blocks of the appendix texts that will become no appendix: all of
/// them when the document does not read as a framework, else those of an
/// appendix whose party its title does not name (the agreement is built
/// only with appendices it knows the party of).
pub(crate) fn texts_no_appendix_takes(
    cx: &Context<'_>,
    outline: &Outline,
    proposal: &Proposal,
) -> Vec<usize> {
    let framework = proposal.value("kind") == Some("framework");
    let mut listed = proposal.clone();
    list(cx, outline, &mut listed);
    texts(cx, outline)
        .into_iter()
        .filter(|(number, _)| {
            let party = index_of(&listed, *number)
                .and_then(|n| listed.value(&format!("appendices[{n}].party")));
            !framework || party.is_none()
        })
        .flat_map(|(_, blocks)| blocks)
        .collect()
}

pub(crate) fn extract(cx: &Context<'_>, outline: &Outline, proposal: &mut Proposal) {
    list(cx, outline, proposal);
    money_in_appendices(cx, outline, proposal);
    for (number, blocks) in texts(cx, outline) {
        let Some(n) = index_of(proposal, number) else {
            continue;
        };
        let period = period(cx, n, &blocks, proposal);
        money(cx, (number, n), &blocks, period, proposal);
        if blocks.iter().any(|i| outline.framework_reads.contains(i)) {
            // No appendix takes them: the framework has read them.
            continue;
        }
        // Its own notice and reports belong to it, not to the framework.
        let at = format!("appendices[{n}]");
        super::term::notices_in(cx, &blocks, &format!("{at}.termination"), proposal);
        super::duties::reports_in_blocks(cx, &blocks, &format!("{at}.reporting"), proposal);
    }
}

/// "I bilagorna beskrivs … ekonomiska förutsättningar", "Ersättningen för
/// varje insats regleras i respektive bilaga": the main agreement says its
/// money is set out in the appendices.
fn money_in_appendices(cx: &Context<'_>, outline: &Outline, proposal: &mut Proposal) {
    let main = |i: usize| outline.in_main(i);
    for (i, block) in cx.document.body().filter(|(i, _)| main(*i)) {
        for (offset, sentence) in sentences(&block.text) {
            let lower = sentence.to_lowercase();
            let money = ["ekonomi", "ersättning", "budget", "finansiering", "belopp"]
                .iter()
                .any(|w| lower.contains(w));
            let in_them = [
                "i bilagor",
                "i respektive bilaga",
                "i varje bilaga",
                "i en bilaga",
                "i särskild bilaga",
                "i bilaga ",
            ]
            .iter()
            .any(|w| lower.contains(w))
                || lower.starts_with("i bilagorna")
                || lower.contains(" i bilagorna");
            if money && in_them {
                let span = cx.span(i, offset, sentence);
                proposal.push(cx.fact(
                    "financing.in_appendices",
                    "true",
                    Confidence::Likely,
                    "financing-in-appendices",
                    span,
                ));
                return;
            }
        }
    }
}

/// Each appendix's own text: its title's block and the blocks up to the next title.
fn texts(cx: &Context<'_>, outline: &Outline) -> Vec<(u32, Vec<usize>)> {
    let Some(from) = outline.appendices_from else {
        return Vec::new();
    };
    let mut out: Vec<(u32, Vec<usize>)> = Vec::new();
    for (i, block) in cx.document.body().filter(|(i, _)| *i >= from) {
        if let Some(number) = title_number(&block.text) {
            out.push((number, vec![i]));
        } else if let Some(last) = out.last_mut() {
            last.1.push(i);
        }
    }
    out
}

/// The index of appendix `number` in the proposal's list.
fn index_of(proposal: &Proposal, number: u32) -> Option<usize> {
    (0..)
        .map_while(|n| {
            proposal
                .value(&format!("appendices[{n}].number"))
                .map(|v| (n, v))
        })
        .find(|(_, v)| v.parse::<u32>().ok() == Some(number))
        .map(|(n, _)| n)
}

/// The appendix's own period: whole dates, else a range of years.
fn period(
    cx: &Context<'_>,
    n: usize,
    blocks: &[usize],
    proposal: &mut Proposal,
) -> Option<(String, String)> {
    for &i in blocks {
        let Some(block) = cx.block(i) else { continue };
        let dates = RANGE.as_ref().and_then(|r| r.captures(&block.text));
        let found = dates
            .as_ref()
            .and_then(|c| {
                let (whole, a, b) = (c.get(0)?, c.get(1)?, c.get(2)?);
                Some((whole, parse_date(a.as_str())?, parse_date(b.as_str())?))
            })
            .map(|(w, s, e)| (w, s, e, Confidence::Likely, "appendix-period-date-range"))
            .or_else(|| {
                let c = YEARS.as_ref()?.captures(&block.text)?;
                let (whole, a, b) = (c.get(0)?, c.get(1)?.as_str(), c.get(2)?.as_str());
                Some((
                    whole,
                    format!("{a}-01-01"),
                    format!("{b}-12-31"),
                    Confidence::Guess,
                    "appendix-period-year-range",
                ))
            });
        let Some((whole, start, end, confidence, rule)) = found else {
            continue;
        };
        if start >= end {
            continue;
        }
        let span = cx.span(i, whole.start(), whole.as_str());
        let field = format!("appendices[{n}].period");
        proposal.push(cx.fact(
            format!("{field}.start"),
            start.clone(),
            confidence,
            rule,
            span.clone(),
        ));
        proposal.push(cx.fact(format!("{field}.end"), end.clone(), confidence, rule, span));
        return Some((start, end));
    }
    None
}

/// How many whole years a period is ("2026-04-01" – "2028-03-31": 2).
fn whole_years(start: &str, end: &str) -> Option<i64> {
    let part = |d: &str, r: std::ops::Range<usize>| d.get(r)?.parse::<i64>().ok();
    let (y, m, d) = (part(start, 0..4)?, part(start, 5..7)?, part(start, 8..10)?);
    let leap = |y: i64| y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days_in = |y: i64, m: i64| match m {
        2 if leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    // The day before the same date `k` years on.
    let day_before = |k: i64| {
        let (y, m, d) = if d > 1 {
            (y + k, m, d - 1)
        } else if m > 1 {
            (y + k, m - 1, days_in(y + k, m - 1))
        } else {
            (y + k - 1, 12, 31)
        };
        format!("{y:04}-{m:02}-{d:02}")
    };
    (1..=50).find(|&k| day_before(k) == end)
}

/// The appendix's own money: an amount per year, or one for its period
/// (divided by its whole years, a guess); what cannot be placed goes to the notes.
fn money(
    cx: &Context<'_>,
    (number, n): (u32, usize),
    blocks: &[usize],
    period: Option<(String, String)>,
    proposal: &mut Proposal,
) {
    let field = format!("appendices[{n}].financing.total_per_year");
    let found: Vec<(usize, Amount<'_>)> = blocks
        .iter()
        .filter_map(|&i| cx.block(i).map(|b| (i, b)))
        .flat_map(|(i, b)| amounts(&b.text).into_iter().map(move |a| (i, a)))
        .collect();
    // An amount stated per year wins over one for the period wherever it stands.
    let (per_year, rest): (Vec<_>, Vec<_>) =
        found.into_iter().partition(|(_, a)| a.per == Per::Year);
    for (i, amount) in per_year.into_iter().chain(rest) {
        let (ore, span) = (amount.ore, cx.span(i, amount.start, amount.words));
        let years = period.as_ref().and_then(|(s, e)| whole_years(s, e));
        let (value, confidence, rule) = match (amount.per, years) {
            (Per::Year, _) => (ore, Confidence::Likely, "appendix-amount-per-year"),
            (Per::Whole | Per::Unknown, Some(y)) if ore % y == 0 => {
                (ore / y, Confidence::Guess, "appendix-amount-for-period")
            }
            (Per::Unit | Per::Month | Per::Unknown, _) => continue,
            (Per::Whole, _) => {
                proposal.notes.push(ProposedNote {
                    topic: format!("Bilaga {number}: ekonomi"),
                    text: amount.words.to_owned(),
                    span,
                });
                return;
            }
        };
        proposal.push(cx.fact(field, format_kronor(value), confidence, rule, span));
        return;
    }
}

/// "Bilaga 1 Stadsmissionen Crossroads Bilaga 2 …": each appendix's number,
/// title, the party its title starts with and the activity the rest names,
/// in the order of their numbers. An appendix's own text's title line is
/// read first: a list can be a table whose "Bilaga 1" cell the next line
/// of another column follows.
fn list(cx: &Context<'_>, outline: &Outline, proposal: &mut Proposal) {
    let Some(re) = APPENDIX.as_ref() else { return };
    let names = Names::of(proposal);
    let own_titles: Vec<usize> = texts(cx, outline)
        .iter()
        .filter_map(|(_, blocks)| blocks.first().copied())
        .collect();
    let rest = cx.document.body().map(|(i, _)| i);
    let order = own_titles
        .iter()
        .copied()
        .chain(rest.filter(|i| !own_titles.contains(i)));
    let mut found: Vec<(u32, &str, super::Span)> = Vec::new();
    for (i, block) in order.filter_map(|i| Some((i, cx.block(i)?))) {
        let mut at = 0;
        while let Some(c) = re.captures_at(&block.text, at) {
            let (Some(whole), Some(number), Some(title)) = (c.get(0), c.get(1), c.get(2)) else {
                break;
            };
            at = title.end();
            let Ok(number) = number.as_str().parse::<u32>() else {
                continue;
            };
            let title_text = without_labels(title.as_str())
                .trim()
                .trim_end_matches(['.', ',']);
            if found.iter().any(|(seen, ..)| *seen == number)
                || title_text.split_whitespace().count() > 8
            {
                continue;
            }
            found.push((
                number,
                title_text,
                cx.span(i, whole.start(), whole.as_str()),
            ));
        }
    }
    // `appendices[n]` follows the numbers, whichever line gave each.
    found.sort_by_key(|(number, ..)| *number);
    for (n, (number, title_text, span)) in found.into_iter().enumerate() {
        listed(cx, (n, number), title_text, &span, &names, proposal);
    }
}

/// The facts of the `n`th appendix by number: its number, title, and the
/// party and activity its title names.
fn listed(
    cx: &Context<'_>,
    (n, number): (usize, u32),
    title_text: &str,
    span: &super::Span,
    names: &Names,
    proposal: &mut Proposal,
) {
    let field = format!("appendices[{n}]");
    for (what, value) in [("number", number.to_string()), ("title", title_text.into())] {
        proposal.push(cx.fact(
            format!("{field}.{what}"),
            value,
            Confidence::Likely,
            "appendix-list",
            span.clone(),
        ));
    }
    let Some((party, end)) = names.at_start(title_text) else {
        return;
    };
    proposal.push(cx.fact(
        format!("{field}.party"),
        party.to_string(),
        Confidence::Likely,
        "appendix-title-names-party",
        span.clone(),
    ));
    stem_as_short_name(cx, party, title_text, end, span, proposal);
    // The words after the party's name name the activity.
    let rest = activity_after_party(title_text, end);
    if !rest.is_empty() {
        proposal.push(cx.fact(
            format!("{field}.activity"),
            rest,
            Confidence::Guess,
            "appendix-title-names-activity",
            span.clone(),
        ));
    }
}

/// "Bilaga 1 Stadsmissionen Crossroads" for "Göteborgs Kyrkliga
/// Stadsmission": the word the title names the party by, when it is the
/// stem of the party's name with an ending, is its short name (a guess).
fn stem_as_short_name(
    cx: &Context<'_>,
    party: usize,
    title: &str,
    end: usize,
    span: &super::Span,
    proposal: &mut Proposal,
) {
    let field = format!("parties[{party}].short_name");
    let word_end = title
        .get(end..)
        .and_then(|rest| rest.find(|c: char| !c.is_alphanumeric()))
        .map_or(title.len(), |e| end + e);
    let Some(word) = title.get(..word_end) else {
        return;
    };
    let inside_a_word = word_end > end && !word.contains(' ');
    let name = proposal
        .value(&format!("parties[{party}].name"))
        .unwrap_or("");
    if inside_a_word && proposal.value(&field).is_none() && !name.eq_ignore_ascii_case(word) {
        proposal.push(cx.fact(
            field,
            word,
            Confidence::Guess,
            "short-name-in-appendix-title",
            span.clone(),
        ));
    }
}

/// "Öppen förskola Part: Göteborgs Räddningsmission" → "Öppen förskola":
/// a title joined with the labelled line under it ends at the label.
fn without_labels(title: &str) -> &str {
    let end = LABELS
        .iter()
        .filter_map(|l| title.find(l))
        .min()
        .unwrap_or(title.len());
    &title[..end]
}

/// "Stadsmissionen Crossroads" → "Crossroads", "Kvinnojouren Tranan:
/// Skyddat boende" → "Skyddat boende": the words after the party's name,
/// which ends at byte `end` (a name's stem ends inside its word:
/// "Stadsmission|en").
fn activity_after_party(title: &str, end: usize) -> String {
    let rest = title.get(end..).unwrap_or("");
    let rest = rest.trim_start_matches(|c: char| c.is_alphanumeric());
    rest.trim_start_matches([' ', ':', '–', '-', ','])
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activity_names_after_the_party() {
        // "stadsmission" (12 bytes) is the stem the name gives; "en" ends its word.
        assert_eq!(
            activity_after_party("Stadsmissionen Crossroads", 12),
            "Crossroads"
        );
        assert_eq!(
            activity_after_party("Kvinnojouren Tranan: Skyddat boende", 19),
            "Skyddat boende"
        );
    }

    #[test]
    fn titles_and_labels() {
        assert_eq!(title_number("Bilaga 2. Stödsamtal"), Some(2));
        assert_eq!(title_number("Bilaga 2"), Some(2));
        assert_eq!(title_number("Bilaga 2 ska lämnas in."), None);
        assert_eq!(
            without_labels(
                "Göteborgs Räddningsmission Öppen förskola Part: Göteborgs Räddningsmission"
            ),
            "Göteborgs Räddningsmission Öppen förskola"
        );
        assert_eq!(
            without_labels(
                "Föreningen Fritid för Alla: Lovaktiviteter Tabell 2: Rapportering för bilaga 1"
            ),
            "Föreningen Fritid för Alla: Lovaktiviteter"
        );
        assert_eq!(
            without_labels("Kvinnojouren Tranan: Skyddat boende"),
            "Kvinnojouren Tranan: Skyddat boende"
        );
    }

    #[test]
    fn periods_of_whole_years() {
        assert_eq!(whole_years("2026-01-01", "2026-12-31"), Some(1));
        assert_eq!(whole_years("2026-04-01", "2028-03-31"), Some(2));
        assert_eq!(whole_years("2026-04-01", "2026-12-31"), None);
        assert_eq!(whole_years("2026-03-01", "2027-02-28"), Some(1));
    }
}
