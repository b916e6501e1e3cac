//! The term (giltighetstid), extension (förlängning) and notice (uppsägning, utträde).

use std::sync::LazyLock;

use regex::Regex;

use super::sections::Outline;
use super::termination;
use super::words::{DATE, NUMBER_WORD, length, parse_date, regex, sentence_around};
use super::{Confidence, Context, Proposal};

pub(crate) static RANGE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)(?:(?:från och med|fr\.?\s?o\.?\s?m\.?|från|gäller)\s+(?:den\s+|och med\s+)?)?({DATE})\s*(?:till och med|t\.?\s?o\.?\s?m\.?|till|--|–|-|—)\s*(?:den\s+)?({DATE})"
    ))
});
static YEARS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(
        r"(?i)(?:gäller|avser|period|perioden|under|åren|löper)\s+(?:åren\s+|under\s+)?(\d{4})\s*(?:[-–]|till och med|t\.?\s?o\.?\s?m\.?)\s*(\d{4})",
    )
});
static EXTEND_TIMES: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)({NUMBER_WORD})\s*(?:\(\d+\)\s*)?gånger?\s+(?:med\s+)?({NUMBER_WORD})\s*(?:\(\d+\)\s*)?(år|månader)"
    ))
});
static EXTEND_ONE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)förläng\p{{L}}*\s+(?:med\s+)?(?:ytterligare\s+)?({NUMBER_WORD})\s*(?:\(\d+\)\s*)?(år|månader)\b(?:\s+i\s+taget)?"
    ))
});
static EXTEND_MAX: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)(?:maximalt|högst|som mest|max\.?|upp till|sammanlagt)\s+({NUMBER_WORD})\s*(?:\(\d+\)\s*)?(år|månader)"
    ))
});
static BEFORE_END: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)(?:senast\s+)?({NUMBER_WORD})\s*(?:\(\d+\)\s*)?(månader|år|veckor)\s+(?:innan|före)\s+(?:överenskommelse\p{{L}}*|avtal\p{{L}}*|partnerskap\p{{L}}*|period\p{{L}}*|giltighetstid\p{{L}}*)"
    ))
});
static NOTICE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)({NUMBER_WORD})\s*(?:\(\d+\)\s*)?(månaders|månader|rnånaders|veckors|dagars|års)\s+(?:ömsesidig\s+)?(?:uppsägningstid|varsel|uppsägning)|uppsägning(?:stid)?(?:en)?(?:\s+(?:är|om|på|av)|\s*:)\s+({NUMBER_WORD})\s*(?:\(\d+\)\s*)?(månader|veckor|dagar|mån\b\.?)"
    ))
});

/// Blocks to read for a fact: its own sections first, then the whole text.
fn blocks_for(cx: &Context<'_>, outline: &Outline, kinds: &[&str]) -> Vec<(usize, bool)> {
    let mut own: Vec<(usize, bool)> = kinds
        .iter()
        .flat_map(|k| outline.blocks_of(k))
        .map(|i| (i, true))
        .collect();
    own.extend(cx.document.body().map(|(i, _)| (i, false)));
    own
}

pub(crate) fn extract(cx: &Context<'_>, outline: &Outline, proposal: &mut Proposal) {
    term(cx, outline, proposal);
    extension(cx, outline, proposal);
    notice(cx, outline, proposal);
}

fn term(cx: &Context<'_>, outline: &Outline, proposal: &mut Proposal) {
    for (i, own) in blocks_for(cx, outline, &["term", "extension"]) {
        let Some(block) = cx.block(i) else { continue };
        if let Some(c) = RANGE.as_ref().and_then(|r| r.captures(&block.text))
            && let (Some(whole), Some(a), Some(b)) = (c.get(0), c.get(1), c.get(2))
            && let (Some(start), Some(end)) = (parse_date(a.as_str()), parse_date(b.as_str()))
            && start < end
        {
            let confidence = if own {
                Confidence::Certain
            } else {
                Confidence::Likely
            };
            let span = cx.span(i, whole.start(), whole.as_str());
            proposal.push(cx.fact(
                "term.start",
                start,
                confidence,
                "term-date-range",
                span.clone(),
            ));
            proposal.push(cx.fact("term.end", end, confidence, "term-date-range", span));
            return;
        }
    }
    for (i, own) in blocks_for(cx, outline, &["term"]) {
        let Some(block) = cx.block(i) else { continue };
        if let Some(c) = YEARS.as_ref().and_then(|r| r.captures(&block.text))
            && let (Some(whole), Some(a), Some(b)) = (c.get(0), c.get(1), c.get(2))
            && a.as_str() < b.as_str()
        {
            let confidence = if own {
                Confidence::Likely
            } else {
                Confidence::Guess
            };
            let span = cx.span(i, whole.start(), whole.as_str());
            proposal.push(cx.fact(
                "term.start",
                format!("{}-01-01", a.as_str()),
                confidence,
                "term-year-range",
                span.clone(),
            ));
            proposal.push(cx.fact(
                "term.end",
                format!("{}-12-31", b.as_str()),
                confidence,
                "term-year-range",
                span,
            ));
            return;
        }
    }
}

fn extension(cx: &Context<'_>, outline: &Outline, proposal: &mut Proposal) {
    for (i, _) in blocks_for(cx, outline, &["extension", "term"]) {
        let Some(block) = cx.block(i) else { continue };
        let Some(at) = block.text.to_lowercase().find("förläng") else {
            continue;
        };
        let (start, sentence) = sentence_around(&block.text, at.min(block.text.len()));
        let span = cx.span(i, start, sentence);
        if let Some(c) = EXTEND_TIMES.as_ref().and_then(|r| r.captures(sentence))
            && let (Some(times), Some(len)) = (super::words::number(&c[1]), length(&c[2], &c[3]))
        {
            proposal.push(cx.fact(
                "extension.times",
                times.to_string(),
                Confidence::Likely,
                "extension-times-length",
                span.clone(),
            ));
            proposal.push(cx.fact(
                "extension.length",
                len,
                Confidence::Likely,
                "extension-times-length",
                span.clone(),
            ));
        } else if let Some(c) = EXTEND_MAX.as_ref().and_then(|r| r.captures(sentence))
            && let Some(len) = length(&c[1], &c[2])
        {
            proposal.push(cx.fact(
                "extension.max_total",
                len,
                Confidence::Likely,
                "extension-at-most",
                span.clone(),
            ));
        } else if let Some(c) = EXTEND_ONE.as_ref().and_then(|r| r.captures(sentence))
            && let Some(len) = length(&c[1], &c[2])
        {
            let rule = if c[0].ends_with("taget") {
                "extension-one-at-a-time"
            } else {
                "extension-once"
            };
            proposal.push(cx.fact(
                "extension.length",
                len,
                Confidence::Guess,
                rule,
                span.clone(),
            ));
        } else {
            continue;
        }
        let lower = sentence.to_lowercase();
        // "om parterna är ense/överens": whole words, not "Överenskommelsen".
        if lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| matches!(w, "ense" | "överens" | "överenskommer" | "gemensamt"))
        {
            proposal.push(cx.fact(
                "extension.mutual_consent",
                "true",
                Confidence::Likely,
                "extension-by-agreement",
                span,
            ));
        }
        break;
    }
    for (i, _) in blocks_for(cx, outline, &["extension"]) {
        let Some(block) = cx.block(i) else { continue };
        if let Some(c) = BEFORE_END.as_ref().and_then(|r| r.captures(&block.text))
            && let Some(len) = length(&c[1], &c[2])
            && block.text.to_lowercase().contains("förläng")
        {
            let whole = c.get(0).map_or((0, ""), |m| (m.start(), m.as_str()));
            let span = cx.span(i, whole.0, whole.1);
            proposal.push(cx.fact(
                "extension.decision_before_end",
                len,
                Confidence::Likely,
                "extension-decision-lead-time",
                span,
            ));
            break;
        }
    }
}

/// The framework's notice periods: in its own sections first, then
/// anywhere in the main agreement. An appendix's own text holds the
/// appendix's notice, read with the appendix ([`notices_in`]).
fn notice(cx: &Context<'_>, outline: &Outline, proposal: &mut Proposal) {
    let main = |i: usize| outline.framework_reads(i);
    let blocks: Vec<usize> = blocks_for(cx, outline, &["termination", "renegotiation", "term"])
        .into_iter()
        .map(|(i, _)| i)
        .filter(|&i| main(i))
        .collect();
    notices_in(cx, &blocks, "termination", proposal);
}

/// Each notice period in `blocks` as a clause `{prefix}[n]`, with what the
/// words around it say of its grounds, who may use it and the money.
pub(crate) fn notices_in(
    cx: &Context<'_>,
    blocks: &[usize],
    prefix: &str,
    proposal: &mut Proposal,
) {
    let mut found: Vec<(String, termination::Exit)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for &i in blocks {
        let Some(block) = cx.block(i) else { continue };
        if !seen.insert(i) {
            continue;
        }
        for c in NOTICE
            .as_ref()
            .into_iter()
            .flat_map(|r| r.captures_iter(&block.text))
        {
            let (count, unit) = match (c.get(1), c.get(2), c.get(3), c.get(4)) {
                (Some(a), Some(b), _, _) | (_, _, Some(a), Some(b)) => (a.as_str(), b.as_str()),
                _ => continue,
            };
            let Some(len) = length(count, unit) else {
                continue;
            };
            let n = found.len();
            let whole = c.get(0).map_or((0, ""), |m| (m.start(), m.as_str()));
            let span = cx.span(i, whole.0, whole.1);
            let (start, end) = termination::window(&block.text, whole.0);
            let words = block.text.get(start..end).unwrap_or(whole.1);
            // The same period with the same terms said twice (in the clause
            // and in a summary of it) is one clause; the same period on
            // other grounds or for another party is a clause of its own.
            let exit = termination::read(words);
            if found.iter().any(|(l, e)| *l == len && *e == exit) {
                continue;
            }
            let clause = cx.span(i, start, words);
            proposal.push(cx.fact(
                format!("{prefix}[{n}].notice"),
                len.clone(),
                Confidence::Likely,
                "notice-period",
                span,
            ));
            found.push((len.clone(), termination::read(words)));
            for fact in termination::facts(cx, &format!("{prefix}[{n}]"), exit, &clause) {
                proposal.push(fact);
            }
        }
    }
}
