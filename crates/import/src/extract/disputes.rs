//! Renegotiation and disputes: "Alla parter kan påkalla omförhandling …"
//! (who may call for it, and whether deviations from plan and budget need a
//! dialogue first), "Om tvister uppstår ska dessa i första hand lösas genom
//! dialog mellan parterna" (the first step, in the document's words).

use super::mentions::sentences;
use super::{Confidence, Context, Proposal};

pub(crate) fn extract(cx: &Context<'_>, proposal: &mut Proposal) {
    // First a sentence that says who may call for renegotiation, then any.
    for strict in [true, false] {
        sentences_about(cx, strict, proposal);
    }
}

fn sentences_about(cx: &Context<'_>, strict: bool, proposal: &mut Proposal) {
    let body: Vec<usize> = cx.document.body().map(|(i, _)| i).collect();
    for (b, &i) in body.iter().enumerate() {
        let Some(block) = cx.block(i) else { continue };
        let lower = block.text.to_lowercase();
        if !lower.contains("omförhandl") && !lower.contains("tvist") {
            continue;
        }
        let all = sentences(&block.text);
        for (n, &(at, sentence)) in all.iter().enumerate() {
            let lower = sentence.to_lowercase();
            if lower.contains("omförhandl") && proposal.value("renegotiation.by").is_none() {
                // The sentence after: in the same paragraph, else the next one's first.
                let next = match all.get(n + 1) {
                    Some(&(at, text)) => Some((i, at, text)),
                    None => body.get(b + 1).and_then(|&j| {
                        let text = cx.block(j)?.text.as_str();
                        sentences(text).first().map(|&(at, t)| (j, at, t))
                    }),
                };
                renegotiation(cx, (i, at, sentence), next, strict, proposal);
            }
            if lower.contains("tvist") && proposal.value("dispute.first_step").is_none() {
                dispute(cx, i, at, sentence, proposal);
            }
        }
    }
}

/// Who may call for renegotiation: any party, unless the sentence names
/// none of the usual words for it (then a guess).
fn renegotiation(
    cx: &Context<'_>,
    (i, at, sentence): (usize, usize, &str),
    next: Option<(usize, usize, &str)>,
    strict: bool,
    proposal: &mut Proposal,
) {
    let lower = sentence.to_lowercase();
    // A heading ("Omförhandling – förlängning, hävningsrätt samt tvist")
    // or a reference names no rule: a rule says who "kan", "ska" or "får".
    if ![" kan ", " ska ", " får ", " har rätt "]
        .iter()
        .any(|w| lower.contains(w))
    {
        return;
    }
    // "En bilaga kan bytas ut utan att avtalet omförhandlas" says what needs none.
    if let (Some(without), Some(word)) = (lower.find("utan att"), lower.find("omförhandl"))
        && without < word
    {
        return;
    }
    let any = [
        "alla parter",
        "alla partner",
        "var och en av parterna",
        "vardera part",
        "part kan",
        "parterna kan",
        "part har rätt",
        "samtliga parter",
    ]
    .iter()
    .any(|w| lower.contains(w));
    if strict && !any {
        return;
    }
    let confidence = if any {
        Confidence::Likely
    } else {
        Confidence::Guess
    };
    let span = cx.span(i, at, sentence);
    proposal.push(cx.fact(
        "renegotiation.by",
        "any-party",
        confidence,
        "renegotiation-who-may",
        span,
    ));
    // "Om betydande avvikelser från verksamhetsplan och budget planeras ska
    // parterna … föra en dialog": in the sentence or the one after.
    let deviation = |t: &str| {
        let t = t.to_lowercase();
        t.contains("avvikelse") && t.contains("dialog")
    };
    if let Some((block, at, text)) = [(i, at, sentence)]
        .into_iter()
        .chain(next)
        .find(|(_, _, t)| deviation(t))
    {
        proposal.push(cx.fact(
            "renegotiation.dialogue_before_deviation",
            "true",
            Confidence::Likely,
            "renegotiation-dialogue-before-deviation",
            cx.span(block, at, text),
        ));
    }
}

/// The first step of a dispute: the words after "genom" ("lösas genom
/// dialog mellan parterna"), else after "i första hand".
fn dispute(cx: &Context<'_>, i: usize, at: usize, sentence: &str, proposal: &mut Proposal) {
    let lower = sentence.to_lowercase();
    let Some(from) = lower
        .find(" genom ")
        .map(|p| p + " genom ".len())
        .or_else(|| {
            lower
                .find("i första hand ")
                .map(|p| p + "i första hand ".len())
        })
    else {
        return;
    };
    let Some(step) = sentence.get(from..) else {
        return;
    };
    let step = step.trim().trim_end_matches(['.', ';', ',']).trim();
    if step.is_empty() || step.chars().count() > 200 {
        return;
    }
    proposal.push(cx.fact(
        "dispute.first_step",
        step,
        Confidence::Likely,
        "dispute-first-step",
        cx.span(i, at, sentence),
    ));
}
