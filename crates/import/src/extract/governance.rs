//! Governance bodies (styrgrupp, samverkansgrupp, arbetsgrupp, regelbunden
//! dialog): their members, how often they meet, who convenes them and who
//! keeps the minutes (their reporting line and decision rule: body_lines.rs).
//!
//! A body is what a section headed by its name says ("STYRGRUPP"), or the
//! sentences whose first body word is its name.

use super::cadence::cadence;
use super::mentions::{Names, has_word, names_all_parties, sentences};
use super::sections::Outline;
use super::{Confidence, Context, Proposal};

/// Words that name a body, its kind, and the name it gets when none is written.
const BODIES: &[(&[&str], &str, &str)] = &[
    (
        &["styrgrupp", "ledningsgrupp"],
        "steering-group",
        "Styrgrupp",
    ),
    (
        &[
            "samverkansgrupp",
            "samverkansmöte",
            "samverkansråd",
            "partnerskapsråd",
            "samrådsgrupp",
        ],
        "cooperation-group",
        "Samverkansgrupp",
    ),
    (&["arbetsgrupp"], "working-group", "Arbetsgrupp"),
    (
        &[
            "regelbunden dialog",
            "regelbundna dialog",
            "kontinuerlig dialog",
            "löpande dialog",
            "regelbundna avstämningar",
            "regelbundna möten",
            // The parties' own promise to keep in touch ("Parterna kommer
            // kontinuerligt att kommunicera"), not a need of the work.
            "kontinuerligt att kommunicera",
            "kontinuerligt kommunicera",
            "regelbundet att kommunicera",
            "regelbundet kommunicera",
            "löpande kommunicera",
        ],
        "dialogue",
        "Regelbunden dialog",
    ),
];

/// The first body word in `text`: where, which kind, and the word as written.
pub(super) fn first_body(text: &str) -> Option<(usize, &'static str, &'static str)> {
    // Positions of `text` itself, never of a lowercased copy.
    BODIES
        .iter()
        .flat_map(|(words, kind, name)| {
            words.iter().filter_map(|w| {
                super::words::find_ignoring_case(text, w).map(|(at, _)| (at, *kind, *name))
            })
        })
        .min_by_key(|(at, _, _)| *at)
}

/// A sentence: its block, its byte offset there, its words.
type Said = (usize, usize, String);

/// A body and the sentences that speak of it.
struct Unit {
    kind: &'static str,
    name: String,
    heading: Option<usize>,
    sentences: Vec<Said>,
}

fn units(cx: &Context<'_>, outline: &Outline) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut owned = std::collections::HashSet::new();
    for s in &outline.sections {
        let Some((_, kind, _)) = first_body(&s.title) else {
            continue;
        };
        if s.title.split_whitespace().count() > 4 {
            continue;
        }
        let mut unit = Unit {
            kind,
            name: capitalised(s.title.trim().trim_end_matches(':')),
            heading: s.heading,
            sentences: Vec::new(),
        };
        for &i in &s.blocks {
            owned.insert(i);
            push_sentences(cx, i, &mut unit.sentences);
        }
        units.push(unit);
    }
    for (i, block) in cx.document.body() {
        if owned.contains(&i) || outline_kind(outline, i) == Some("signatures") {
            continue;
        }
        // The unit the block's previous sentence spoke of: "Föreningen är
        // sammankallande." after "En samverkansgrupp … träffas var sjätte vecka."
        let mut previous: Option<&'static str> = None;
        for (offset, sentence) in sentences(&block.text) {
            let Some((at, kind, name)) = first_body(sentence) else {
                if let Some(unit) = previous.and_then(|k| units.iter_mut().find(|u| u.kind == k)) {
                    unit.sentences.push((i, offset, sentence.to_owned()));
                }
                continue;
            };
            previous = Some(kind);
            let sentence = (i, offset, sentence.to_owned());
            if let Some(unit) = units.iter_mut().find(|u| u.kind == kind) {
                unit.sentences.push(sentence);
                continue;
            }
            let said = &sentence.2;
            let word_end = said[at..]
                .find(|c: char| !c.is_alphanumeric() && c != '-')
                .map_or(said.len(), |e| at + e);
            let written = &said[at..word_end];
            let name = if kind == "dialogue" || written.is_empty() {
                name.to_owned()
            } else {
                capitalised(written)
            };
            units.push(Unit {
                kind,
                name,
                heading: None,
                sentences: vec![sentence],
            });
        }
    }
    units
}

fn outline_kind(outline: &Outline, block: usize) -> Option<&'static str> {
    outline
        .sections
        .iter()
        .find(|s| s.blocks.contains(&block))
        .map(|s| s.kind)
}

/// The block's sentences; a label ("Sammansättning:", "Sammankallande:")
/// and what follows it on its line are one: what the label says of the body.
fn push_sentences(cx: &Context<'_>, i: usize, out: &mut Vec<Said>) {
    let Some(block) = cx.block(i) else { return };
    let mut label: Option<(usize, &str)> = None;
    for (offset, s) in sentences(&block.text) {
        let said = match label.take() {
            Some((at, _)) if !block.text[at..offset].contains('\n') => {
                (i, at, block.text[at..offset + s.len()].to_owned())
            }
            Some((at, head)) => {
                out.push((i, at, head.to_owned()));
                (i, offset, s.to_owned())
            }
            None => (i, offset, s.to_owned()),
        };
        if said.2.ends_with(':') && said.2.split_whitespace().count() <= 2 {
            label = Some((offset, s));
        } else {
            out.push(said);
        }
    }
    if let Some((at, head)) = label {
        out.push((i, at, head.to_owned()));
    }
}

fn capitalised(text: &str) -> String {
    let lower = text.to_lowercase();
    let mut chars = lower.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

pub(crate) fn extract(cx: &Context<'_>, outline: &Outline, proposal: &mut Proposal) {
    let names = Names::of(proposal);
    let units = units(cx, outline);
    let kinds: Vec<&str> = units.iter().map(|u| u.kind).collect();
    for (n, unit) in units.iter().enumerate() {
        body(cx, &names, n, unit, proposal);
        super::body_lines::extract(cx, n, &unit.sentences, &kinds, proposal);
    }
}

fn body(cx: &Context<'_>, names: &Names, n: usize, unit: &Unit, proposal: &mut Proposal) {
    let field = format!("governance[{n}]");
    let span_of = |(i, offset, s): &Said| cx.span(*i, *offset, s);
    let first = match unit.heading {
        Some(h) => cx.span(h, 0, cx.block(h).map_or("", |b| b.text.as_str())),
        None => unit
            .sentences
            .first()
            .map_or_else(|| cx.span(0, 0, ""), span_of),
    };
    let by_heading = unit.heading.is_some();
    let rule = if by_heading {
        "body-by-heading"
    } else {
        "body-by-name"
    };
    proposal.push(cx.fact(
        format!("{field}.kind"),
        unit.kind,
        Confidence::Likely,
        rule,
        first.clone(),
    ));
    proposal.push(cx.fact(
        format!("{field}.name"),
        unit.name.clone(),
        Confidence::Likely,
        rule,
        first.clone(),
    ));
    let optional = unit.sentences.iter().find(|(_, _, s)| {
        let l = s.to_lowercase();
        l.contains("vid behov") && (l.contains("tillsätta") || l.contains("inrätta"))
            || l.contains("kan tillsättas")
    });
    if let Some(s) = optional {
        proposal.push(cx.fact(
            format!("{field}.optional"),
            "true",
            Confidence::Likely,
            "body-set-up-when-needed",
            span_of(s),
        ));
    }
    body_cadence(cx, unit, &field, proposal);
    members(cx, names, unit, &field, proposal);
    for (role_field, words, rule) in [
        (
            "convener",
            &["kallar", "kallelse", "sammankall"][..],
            "body-convener",
        ),
        (
            "minute_keeper",
            &["dokumentation", "protokoll", "anteckningar", "sekreterare"][..],
            "body-minute-keeper",
        ),
    ] {
        if let Some((s, party, role)) = responsible(names, unit, words) {
            let span = span_of(s);
            proposal.push(cx.fact(
                format!("{field}.{role_field}.party"),
                party.to_string(),
                Confidence::Likely,
                rule,
                span.clone(),
            ));
            if let Some(role) = role {
                proposal.push(cx.fact(
                    format!("{field}.{role_field}.role"),
                    role,
                    Confidence::Guess,
                    rule,
                    span,
                ));
            }
        }
    }
}

/// The meeting cadence: from a sentence about meeting rather than
/// reporting when there is one ("Samverkansgruppen ska mötas var 4-6:e
/// vecka" before "lämnar vid två tillfällen per 12-månadersperiod rapport").
fn body_cadence(cx: &Context<'_>, unit: &Unit, field: &str, proposal: &mut Proposal) {
    let about_reports = |s: &str| {
        let l = s.to_lowercase();
        has_word(&l, "rapport").is_some() || l.contains("lämnar") || l.contains("utvärderas")
    };
    let found = unit
        .sentences
        .iter()
        .filter(|(_, _, s)| !about_reports(s))
        .chain(unit.sentences.iter().filter(|(_, _, s)| about_reports(s)))
        .find_map(|s| cadence(&s.2).map(|c| (s, c)));
    if let Some(((i, offset, s), (value, rule))) = found {
        let confidence = if value == "regular" {
            Confidence::Guess
        } else {
            Confidence::Likely
        };
        proposal.push(cx.fact(
            format!("{field}.cadence"),
            value,
            confidence,
            rule,
            cx.span(*i, *offset, s),
        ));
    }
}

/// Members: the parties the sentence that composes the body names ("bestående
/// av", "utgörs av", "mellan"); "parterna" means every party; someone "från
/// avdelningen …" with no party named is of the one public party (a guess).
fn members(cx: &Context<'_>, names: &Names, unit: &Unit, field: &str, proposal: &mut Proposal) {
    const COMPOSED: &[&str] = &[
        "sammansättning",
        "bestående av",
        "består av",
        "utgörs av",
        "ingår",
        "representanter för",
        "företrädare för",
        "företrädarna för",
        "mellan",
    ];
    let Some(s) = unit.sentences.iter().find(|(_, _, s)| {
        let l = s.to_lowercase();
        COMPOSED.iter().any(|w| l.contains(w)) || names_all_parties(s)
    }) else {
        return;
    };
    let lower = s.2.to_lowercase();
    let mut parties = names.parties_in(&s.2);
    let mut confidence = Confidence::Likely;
    let mut rule = "body-members-named";
    if names_all_parties(&s.2) {
        parties = names.all();
        rule = "body-members-all-parties";
    } else if [
        "från avdelningen",
        "från förvaltningen",
        "från kommunen",
        "från regionen",
    ]
    .iter()
    .any(|w| lower.contains(w))
        && let [public] = names.of_sector("public")[..]
        && !parties.contains(&public)
    {
        parties.push(public);
        confidence = Confidence::Guess;
        rule = "body-member-from-a-department";
    }
    let span = cx.span(s.0, s.1, &s.2);
    for (k, party) in parties.into_iter().enumerate() {
        proposal.push(cx.fact(
            format!("{field}.members[{k}].party"),
            party.to_string(),
            confidence,
            rule,
            span.clone(),
        ));
    }
}

/// The party (and role) a sentence with one of `words` makes responsible:
/// "Förvaltningsdirektören på Social resursförvaltning ansvarar för kallelse",
/// "Röda Korset är sammankallande".
fn responsible<'u>(
    names: &Names,
    unit: &'u Unit,
    words: &[&str],
) -> Option<(&'u Said, usize, Option<String>)> {
    unit.sentences.iter().find_map(|s| {
        let word_at = words
            .iter()
            .filter_map(|w| super::words::find_ignoring_case(&s.2, w).map(|(at, _)| at))
            .min()?;
        // The party named nearest before the word ("X kallar … och Y för
        // protokoll"), else the first one after it.
        let named = names.in_text(&s.2);
        let (at, party) = named
            .iter()
            .rev()
            .find(|(at, _)| *at < word_at)
            .or_else(|| named.first())
            .copied()?;
        let role = s.2[..at]
            .split_whitespace()
            .rev()
            .nth(1)
            .filter(|_| {
                let before = s.2[..at].trim_end();
                before.ends_with(" på") || before.ends_with(" vid") || before.ends_with(" inom")
            })
            .map(base_form);
        Some((s, party, role))
    })
}

/// "Förvaltningsdirektören" → "förvaltningsdirektör", "Samordnaren" → "samordnare".
fn base_form(word: &str) -> String {
    let w = word.to_lowercase();
    if w.ends_with("aren") || w.ends_with("eren") || w.ends_with("nden") {
        w[..w.len() - 1].to_owned()
    } else if let Some(stem) = w.strip_suffix("en") {
        stem.to_owned()
    } else {
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_in_base_form() {
        assert_eq!(base_form("Förvaltningsdirektören"), "förvaltningsdirektör");
        assert_eq!(base_form("Samordnaren"), "samordnare");
        assert_eq!(base_form("Ordföranden"), "ordförande");
    }

    #[test]
    fn body_words() {
        assert_eq!(
            first_body("Innehållet förvaltas av en styrgrupp").map(|b| b.1),
            Some("steering-group")
        );
        assert_eq!(
            first_body("dialog sker på samverkansmöten").map(|b| b.1),
            Some("cooperation-group")
        );
    }
}

#[cfg(test)]
mod minute_keeper_tests {
    use crate::Proposal;

    fn proposal(governance: &str) -> Proposal {
        let text = format!(
            "Överenskommelse om IOP\n\nParter\n\nEkby kommun, org.nr 212000-1421\n\nFöreningen Gläntan, org.nr 802500-4410\n\nSamverkan\n\n{governance}\n"
        );
        let document = crate::read(text.as_bytes(), "avtal.txt").expect("read");
        crate::extract(&document)
    }

    fn role(p: &Proposal, role: &str) -> Option<String> {
        p.facts
            .iter()
            .find(|f| {
                f.field.starts_with("governance[") && f.field.ends_with(&format!(".{role}.party"))
            })
            .map(|f| f.value.clone())
    }

    #[test]
    fn minute_keeper_in_the_usual_writings() {
        for (text, convener, keeper) in [
            (
                "Styrgruppen sammanträder fyra gånger per år. Ekby kommun kallar till mötena och Föreningen Gläntan för protokoll.",
                Some("0"),
                "1",
            ),
            (
                "Styrgruppen sammanträder två gånger per år. Föreningen Gläntan är sammankallande och Ekby kommun är protokollförare.",
                Some("1"),
                "0",
            ),
            (
                "En samverkansgrupp med företrädare för båda parter träffas varje kvartal. Föreningen Gläntan ansvarar för minnesanteckningar från mötena.",
                None,
                "1",
            ),
        ] {
            let p = proposal(text);
            assert_eq!(role(&p, "minute_keeper").as_deref(), Some(keeper), "{text}");
            if let Some(convener) = convener {
                assert_eq!(role(&p, "convener").as_deref(), Some(convener), "{text}");
            }
        }
    }

    #[test]
    fn labelled_lines_under_the_body_s_heading() {
        // As iop's own documents set a body out: its members and convener after labels.
        let p = proposal(
            "Styrgrupp\n\nSammansättning: Föreningen Gläntan; Ekby kommun\n\nMöten: minst 4 gånger per kalenderår\n\nSammankallande: Föreningen Gläntan",
        );
        let members: Vec<&str> = p
            .facts
            .iter()
            .filter(|f| f.field.starts_with("governance[0].members["))
            .map(|f| f.value.as_str())
            .collect();
        assert_eq!(members, ["1", "0"]);
        assert_eq!(role(&p, "convener").as_deref(), Some("1"));
    }
}
