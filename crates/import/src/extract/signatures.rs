//! Signatories: the names, titles and parties of the signature block.
//!
//! Blocks of two columns often come out of a document one column after the
//! other or interleaved; both read the same way here: the n-th person signs
//! for the n-th "För …" party unless the line names the party itself, and a
//! title standing alone belongs to the first person still without one.

use super::lexicon::{is_idea_name, is_public_name};
use super::sections::{Outline, signed_for};
use super::{Confidence, Context, Proposal, Span};

struct Person {
    name: String,
    span: Span,
    title: Option<(String, Span)>,
    party: Option<usize>,
}

/// Words that make a line a title ("Regiondirektör", "ordförande", "Direktor/VD").
fn is_title(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    let words = t.split_whitespace().count();
    words <= 3
        && [
            "chef",
            "direktör",
            "direktor",
            "ordförande",
            "vd",
            "sekreterare",
            "ansvarig",
            "samordnare",
            "handläggare",
            "rektor",
            "föreståndare",
            "ledare",
            "styrelseledamot",
            "kassör",
            "ombud",
            "firmatecknare",
        ]
        .iter()
        .any(|w| t.split(['/', ' ']).any(|part| part.ends_with(w)))
}

/// "Anna Klintbom", "Britt-Marie Pettersson", "Xxxxx Xxxxxxxx": two to four capitalised words.
fn is_person(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            // Each part of a double name is capitalised: "Britt-Marie".
            w.split('-').all(|part| {
                let mut chars = part.chars();
                chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase)
            })
        })
        && !is_public_name(text)
        && !is_idea_name(text)
        && !is_title(text)
}

pub(crate) fn extract(cx: &Context<'_>, outline: &Outline, proposal: &mut Proposal) {
    let parties: Vec<(usize, String)> = proposal
        .facts
        .iter()
        .filter_map(|f| {
            let rest = f.field.strip_prefix("parties[")?;
            let (n, field) = rest.split_once("].")?;
            matches!(field, "name" | "short_name").then(|| (n.parse().ok(), f.value.clone()))
        })
        .filter_map(|(n, v)| Some((n?, v)))
        .collect();
    let party_named = |text: &str| {
        parties
            .iter()
            .filter(|(_, name)| text.contains(name.as_str()))
            .max_by_key(|(_, name)| name.len())
            .map(|(n, _)| *n)
    };
    let mut signing_for: Vec<usize> = Vec::new();
    let mut people: Vec<Person> = Vec::new();
    for i in signature_blocks(outline, cx) {
        let Some(block) = cx.block(i) else { continue };
        let text = block.text.trim();
        // "Xxxxx Xxxxxxxx (maskerat i den publicerade versionen)": a remark in brackets is not the name.
        let text = match text.split_once(" (") {
            Some((head, _)) if text.ends_with(')') => head.trim(),
            _ => text,
        };
        if let Some((_, name)) = signed_for(text) {
            signing_for.extend(party_named(name));
            continue;
        }
        let (head, rest) = match text.split_once(", ") {
            Some((h, r)) => (h.trim(), Some(r)),
            None => (text, None),
        };
        // "Xxxx Xxxxxxxx Direktor/VD": a title may follow the name without a comma.
        let (head, trailing_title) = match head.rsplit_once(' ') {
            Some((n, t)) if rest.is_none() && is_title(t) && is_person(n) => (n, Some(t)),
            _ => (head, None),
        };
        if is_person(head) {
            // "direktör Arbetsmarknads- och socialförvaltningen", "socialnämndens ordförande":
            // the title word, else the first word.
            let title = rest
                .and_then(|r| r.split(", ").next())
                .and_then(|t| {
                    t.split_whitespace()
                        .find(|w| is_title(w))
                        .or_else(|| t.split_whitespace().next())
                })
                .or(trailing_title)
                .map(|t| (t.to_owned(), cx.span(i, text.find(t).unwrap_or(0), t)));
            people.push(Person {
                name: head.to_owned(),
                span: cx.span(i, 0, head),
                title,
                party: rest.and_then(party_named),
            });
        } else if is_title(text)
            && let Some(p) = people.iter_mut().find(|p| p.title.is_none())
        {
            p.title = Some((text.to_owned(), cx.span(i, 0, text)));
        }
    }
    emit(cx, people, &signing_for, proposal);
}

/// The blocks of the signature block: its sections, and a title the
/// outline took for a heading ("Verksamhetschef" standing alone under a
/// name, as columns set side by side read one after the other) with what
/// follows it.
fn signature_blocks(outline: &Outline, cx: &Context<'_>) -> Vec<usize> {
    super::sections_continued(cx, outline, "signatures", |b| {
        !b.styled && is_title(&b.text)
    })
}

fn emit(cx: &Context<'_>, people: Vec<Person>, signing_for: &[usize], proposal: &mut Proposal) {
    let mut count = std::collections::HashMap::new();
    for (n, person) in people.into_iter().enumerate() {
        let (party, rule, confidence) = match person.party {
            Some(p) => (p, "signatory-names-party", Confidence::Likely),
            None => match signing_for.get(n) {
                Some(&p) => (p, "signatory-in-order-of-for", Confidence::Guess),
                None => continue,
            },
        };
        let k = count.entry(party).or_insert(0usize);
        let field = format!("parties[{party}].signatories[{k}]");
        *k += 1;
        proposal.push(cx.fact(
            format!("{field}.name"),
            person.name,
            confidence,
            rule,
            person.span,
        ));
        if let Some((title, span)) = person.title {
            proposal.push(cx.fact(format!("{field}.title"), title, confidence, rule, span));
        }
    }
}
