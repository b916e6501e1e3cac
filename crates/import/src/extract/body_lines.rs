//! A governance body's reporting line and decision rule:
//! "Samverkansgruppen lämnar vid två (2) tillfällen per 12-månadersperiod
//! skriftlig rapport till styrgruppen" (to which body, how often, what,
//! written), "Arbetsgruppen ansvarar i sådant fall mot samverkansgruppen";
//! "beslut fattas i konsensus" / "med enkel majoritet".

use super::cadence::cadence;
use super::governance::first_body;
use super::{Confidence, Context, Proposal};

/// The body's sentences: block, byte offset, words.
type Said = (usize, usize, String);

/// `n` is the body's index, `kinds` every body's kind in order.
pub(super) fn extract(
    cx: &Context<'_>,
    n: usize,
    sentences: &[Said],
    kinds: &[&str],
    proposal: &mut Proposal,
) {
    let field = format!("governance[{n}]");
    if let Some(((i, at, s), rule)) = sentences
        .iter()
        .find_map(|s| decision_rule(&s.2).map(|r| (s, r)))
    {
        proposal.push(cx.fact(
            format!("{field}.decision_rule"),
            rule,
            Confidence::Likely,
            "body-decision-rule",
            cx.span(*i, *at, s),
        ));
    }
    for (i, at, s) in sentences {
        let Some((to, what)) = reports_to(s, n, kinds) else {
            continue;
        };
        let span = cx.span(*i, *at, s);
        let (every, confidence) = match cadence(s) {
            Some((c, _)) => (c, Confidence::Likely),
            None => ("as-needed".to_owned(), Confidence::Guess),
        };
        let line = format!("{field}.reports_to");
        for (key, value, sure) in [
            ("body", to.to_string(), Confidence::Likely),
            ("cadence", every, confidence),
            ("what", what.to_owned(), Confidence::Likely),
        ] {
            proposal.push(cx.fact(
                format!("{line}.{key}"),
                value,
                sure,
                "body-reports-to",
                span.clone(),
            ));
        }
        if s.to_lowercase().contains("skriftlig") {
            proposal.push(cx.fact(
                format!("{line}.written"),
                "true",
                Confidence::Likely,
                "body-reports-to",
                span,
            ));
        }
        return;
    }
}

fn decision_rule(sentence: &str) -> Option<&'static str> {
    let l = sentence.to_lowercase();
    if !l.contains("beslut") {
        return None;
    }
    if ["konsensus", "enighet", "enhällig", "eniga", "samförstånd"]
        .iter()
        .any(|w| l.contains(w))
    {
        Some("consensus")
    } else if ["majoritet", "röstning", "flertal"]
        .iter()
        .any(|w| l.contains(w))
    {
        Some("majority")
    } else {
        None
    }
}

/// Another body this one reports to or answers to, by its index, and what
/// is reported in the document's words (from the report word on).
fn reports_to<'s>(sentence: &'s str, n: usize, kinds: &[&str]) -> Option<(usize, &'s str)> {
    let lower = sentence.to_lowercase();
    // A report goes "till" a body; one answers ("ansvarar", "ansvarig") "mot" it.
    let (at, to_words): (usize, &[&str]) = [
        ("rapport", &[" till ", " mot "][..]),
        ("redovis", &[" till ", " mot "][..]),
        ("ansvar", &[" mot "][..]),
    ]
    .iter()
    .filter_map(|(w, to)| lower.find(w).map(|at| (at, *to)))
    .min_by_key(|(at, _)| *at)?;
    let rest = lower.get(at..)?;
    let target = to_words
        .iter()
        .filter_map(|w| rest.find(w).map(|p| p + w.len()))
        .filter_map(|p| first_body(rest.get(p..)?).filter(|(q, _, _)| *q == 0))
        .map(|(_, kind, _)| kind)
        .next()?;
    let to = kinds
        .iter()
        .enumerate()
        .find(|(m, k)| *m != n && **k == target)
        .map(|(m, _)| m)?;
    // The words from the report word, or the whole sentence when it answers "mot" a body.
    let what = if rest.starts_with("ansvar") {
        sentence
    } else {
        sentence.get(at..).unwrap_or(sentence)
    };
    Some((to, what))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decision_rules() {
        let said = "Vid beslut om förändringar eftersträvas att beslut fattas i konsensus.";
        assert_eq!(decision_rule(said), Some("consensus"));
        assert_eq!(
            decision_rule("Styrgruppen fattar beslut med enkel majoritet."),
            Some("majority")
        );
        assert_eq!(decision_rule("Gruppen träffas i konsensus."), None);
    }

    #[test]
    fn reporting_lines() {
        let kinds = ["steering-group", "cooperation-group", "working-group"];
        let said = "Samverkansgruppen lämnar två gånger per år skriftlig rapport till styrgruppen.";
        assert_eq!(
            reports_to(said, 1, &kinds),
            Some((0, "rapport till styrgruppen."))
        );
        let said = "Arbetsgruppen ansvarar i sådant fall mot samverkansgruppen.";
        assert_eq!(reports_to(said, 2, &kinds), Some((1, said)));
        // Answering for a call "till" a body is no reporting line.
        let said = "Arbetsgruppen ansvarar för kallelse till styrgruppens möten.";
        assert_eq!(reports_to(said, 2, &kinds), None);
        // A body does not report to itself.
        let said = "Styrgruppen lämnar en rapport till styrgruppen.";
        assert_eq!(reports_to(said, 0, &kinds[..1]), None);
    }
}
