//! Signatories: the names, titles and parties of the signature block.
//!
//! Blocks of two columns often come out of a document one column after the
//! other or interleaved; both read the same way here: the n-th person signs
//! for the n-th "För …" party unless the line names the party itself, and a
//! title standing alone belongs to the first person still without one.

use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::{is_idea_name, is_public_name};
use super::sections::{Outline, signed_for};
use super::words::parse_date;
use super::{Confidence, Context, Proposal, Span};

struct Person {
    name: String,
    span: Span,
    title: Option<(String, Span)>,
    party: Option<usize>,
    /// The place and date line standing last before the person.
    signed: Option<(Signed, Span)>,
}

/// Where and when a person signs, as the line over the names writes it.
#[derive(Debug, Clone, PartialEq, Default)]
struct Signed {
    place: Option<String>,
    /// A whole date, ISO.
    date: Option<String>,
    /// The date as written when it is not a whole one
    /// ("den xx januari 2025", "2014", "Ort och datum").
    date_text: Option<String>,
}

static UNFILLED_DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let month =
        "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december";
    Regex::new(&format!(
        r"(?i)^(?:den\s+)?(?:(?:x{{1,2}}|_+|\d{{1,2}})\s+(?:{month}|_+)\s+(?:\d{{4}}|_+|x+)|_+\s+\d{{4}}|(?:{month})\s+\d{{4}}|\d{{4}}|\d{{4}}-(?:_+|xx)-(?:_+|xx))$"
    ))
    .ok()
});

/// "Visby den xx januari 2025", "Linköping 2022-01-15", "Göteborg 2014",
/// "Ort och datum: Malmö den 3 mars 2021", "Ort och datum", "Malmö": the
/// place and date line of a signature block.
fn place_and_date(text: &str) -> Option<Signed> {
    let t = text.trim();
    let lead = "ort och datum".len();
    if let Some(head) = t
        .get(..lead)
        .filter(|h| h.eq_ignore_ascii_case("ort och datum"))
    {
        let rest = t[lead..].trim_start_matches([':', ' ']).trim();
        if rest.chars().all(|c| matches!(c, '_' | '.' | ' ' | '-')) {
            return Some(Signed {
                date_text: Some(head.to_owned()),
                ..Signed::default()
            });
        }
        return place_and_date(rest);
    }
    // The place: capitalised words without digits ("Upplands Väsby").
    let mut place_end = 0;
    for word in t.split_whitespace().take(3) {
        let at = word.as_ptr() as usize - t.as_ptr() as usize;
        let w = word.trim_end_matches(',');
        if !w.starts_with(char::is_uppercase) || w.contains(|c: char| c.is_ascii_digit()) {
            break;
        }
        place_end = at + word.len();
    }
    let place = t[..place_end].trim().trim_end_matches(',').to_owned();
    let rest = t[place_end..].trim().trim_start_matches(',').trim();
    let words = [
        "underskrift",
        "namnteckning",
        "namnförtydligande",
        "signatur",
        "datum",
        "ort",
        "parter",
    ];
    if rest.is_empty() {
        // A place alone ("Malmö"): one word, not a title nor a heading.
        let one = !place.is_empty()
            && !place.contains(' ')
            && place.chars().all(|c| c.is_alphabetic() || c == '-');
        let l = place.to_lowercase();
        return (one && !is_title(&place) && !words.iter().any(|w| l.starts_with(w))).then(|| {
            Signed {
                place: Some(place),
                ..Signed::default()
            }
        });
    }
    let place = (!place.is_empty()).then_some(place);
    let day = rest.strip_prefix("den ").unwrap_or(rest).trim();
    if let Some(date) = parse_date(day) {
        return Some(Signed {
            place,
            date: Some(date),
            date_text: None,
        });
    }
    UNFILLED_DATE
        .as_ref()
        .is_some_and(|r| r.is_match(rest))
        .then(|| Signed {
            place,
            date: None,
            date_text: Some(rest.to_owned()),
        })
}

/// Words that make a line a title ("Regiondirektör", "ordförande",
/// "Direktor/VD"), also with where it is held ("ordförande i kultur- och
/// fritidsnämnden", "chef för socialförvaltningen").
fn is_title(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let held_at = words
        .iter()
        .position(|w| matches!(*w, "i" | "för" | "vid" | "inom"))
        .filter(|&at| at >= 1 && words.len() <= 8);
    let t = words[..held_at.unwrap_or(words.len())].join(" ");
    t.split_whitespace().count() <= 3
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
    let blocks = signature_blocks(outline, cx);
    // "Visby den xx januari 2025" may stand just above the first "För …", outside the block.
    let mut signed: Option<(Signed, Span)> = blocks
        .first()
        .and_then(|&i| i.checked_sub(1))
        .and_then(|i| Some((i, cx.block(i)?.text.trim())))
        .and_then(|(i, text)| {
            let s = place_and_date(text)?;
            (s.date.is_some() || s.date_text.is_some()).then(|| (s, cx.span(i, 0, text)))
        });
    for i in blocks {
        let Some(block) = cx.block(i) else { continue };
        let text = block.text.trim();
        // "Xxxxx Xxxxxxxx (maskerat i den publicerade versionen)": a remark in brackets is not the name.
        let text = match text.split_once(" (") {
            Some((head, _)) if text.ends_with(')') => head.trim(),
            _ => text,
        };
        if let Some((at, name)) = signed_for(text) {
            // "Göteborg 2014 För Bräcke diakoni": the place and date before "För".
            let before = text[..at.saturating_sub(4)].trim();
            if let Some(s) = place_and_date(before) {
                signed = Some((s, cx.span(i, 0, before)));
            }
            signing_for.extend(party_named(name));
            continue;
        }
        if let Some(s) = place_and_date(text) {
            signed = Some((s, cx.span(i, 0, text)));
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
                signed: signed.clone(),
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
        if let Some((signed, span)) = person.signed {
            // A date not yet filled in ("den xx januari 2025") is kept as written, a guess.
            for (what, value, sure) in [
                ("place", signed.place, confidence),
                ("date", signed.date, confidence),
                ("date_text", signed.date_text, Confidence::Guess),
            ] {
                if let Some(value) = value {
                    proposal.push(cx.fact(
                        format!("{field}.{what}"),
                        value,
                        sure.min(confidence),
                        "signatory-place-and-date",
                        span.clone(),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed(place: Option<&str>, date: Option<&str>, date_text: Option<&str>) -> Option<Signed> {
        Some(Signed {
            place: place.map(str::to_owned),
            date: date.map(str::to_owned),
            date_text: date_text.map(str::to_owned),
        })
    }

    #[test]
    fn place_and_date_lines_as_officials_write_them() {
        let unfilled = Some("den xx januari 2025");
        for (line, place, date, date_text) in [
            ("Visby den xx januari 2025", Some("Visby"), None, unfilled),
            (
                "Linköping 2022-01-15",
                Some("Linköping"),
                Some("2022-01-15"),
                None,
            ),
            ("Göteborg 2014", Some("Göteborg"), None, Some("2014")),
            (
                "Malmö den 3 mars 2021",
                Some("Malmö"),
                Some("2021-03-03"),
                None,
            ),
            (
                "Ort och datum: Upplands Väsby, 12 juni 2025",
                Some("Upplands Väsby"),
                Some("2025-06-12"),
                None,
            ),
            ("Ort och datum", None, None, Some("Ort och datum")),
            (
                "Ort och datum: ______________",
                None,
                None,
                Some("Ort och datum"),
            ),
            (
                "Skellefteå den ____ 2026",
                Some("Skellefteå"),
                None,
                Some("den ____ 2026"),
            ),
            (
                "Falun den __ ______ 2026",
                Some("Falun"),
                None,
                Some("den __ ______ 2026"),
            ),
            ("Malmö ", Some("Malmö"), None, None),
        ] {
            assert_eq!(
                place_and_date(line),
                signed(place, date, date_text),
                "{line}"
            );
        }
    }

    #[test]
    fn names_titles_and_headings_are_not_places() {
        for line in [
            "Anna Klintbom",
            "Anna Berg, ordförande",
            "Verksamhetschef",
            "Regiondirektör",
            "Underskrifter",
            "Namnförtydligande",
            "Namnteckning",
            ".....",
            "________________",
            "Denna överenskommelse är upprättad i två likalydande exemplar.",
            "Region Gotland",
        ] {
            assert_eq!(place_and_date(line), None, "{line}");
        }
    }

    fn proposal(text: &str) -> Proposal {
        let document = crate::read(text.as_bytes(), "avtal.txt").expect("read");
        crate::extract(&document)
    }

    #[test]
    fn each_signatory_gets_the_line_above_them() {
        let p = proposal(
            "Överenskommelse om IOP\n\nParter\n\nEkby kommun, org.nr 212000-1421\n\nFöreningen Ekbackens Vänner, org.nr 802500-4410\n\nUnderskrifter\n\nEkby 2026-02-10\nFör Ekby kommun\nPer Holm, socialchef\n\nEkby den xx februari 2026\nFör Föreningen Ekbackens Vänner\nKarin Ek, ordförande\n",
        );
        assert_eq!(p.value("parties[0].signatories[0].place"), Some("Ekby"));
        assert_eq!(
            p.value("parties[0].signatories[0].date"),
            Some("2026-02-10")
        );
        assert_eq!(p.value("parties[0].signatories[0].date_text"), None);
        assert_eq!(
            p.value("parties[1].signatories[0].date_text"),
            Some("den xx februari 2026")
        );
        let unfilled = p
            .facts
            .iter()
            .find(|f| f.field == "parties[1].signatories[0].date_text")
            .map(|f| f.confidence);
        assert_eq!(unfilled, Some(Confidence::Guess));
    }

    #[test]
    fn one_line_over_the_block_serves_every_signatory() {
        let p = proposal(
            "Överenskommelse om IOP\n\nParter\n\nEkby kommun, org.nr 212000-1421\n\nFöreningen Ekbackens Vänner, org.nr 802500-4410\n\nUnderskrifter\n\nMalmö den 3 mars 2021\n\nFör Ekby kommun\nPer Holm, socialchef\n\nFör Föreningen Ekbackens Vänner\nKarin Ek, ordförande\n",
        );
        for n in 0..2 {
            assert_eq!(
                p.value(&format!("parties[{n}].signatories[0].place")),
                Some("Malmö")
            );
            assert_eq!(
                p.value(&format!("parties[{n}].signatories[0].date")),
                Some("2021-03-03")
            );
        }
    }

    #[test]
    fn a_title_with_where_it_is_held_stays_with_its_signatory() {
        let p = proposal(
            "Överenskommelse om IOP\n\nParter\n\nEkby kommun, org.nr 212000-1421\n\nFöreningen Ekbackens Vänner, org.nr 802500-4410\n\nUnderskrifter\n\nFör Ekby kommun\n\nPer Holm\n\nordförande i kultur- och fritidsnämnden\n\nFör Föreningen Ekbackens Vänner\n\nKarin Ek\n\nordförande\n",
        );
        assert_eq!(
            p.value("parties[0].signatories[0].title"),
            Some("ordförande i kultur- och fritidsnämnden")
        );
        assert_eq!(
            p.value("parties[1].signatories[0].title"),
            Some("ordförande")
        );
        assert!(is_title("chef för socialförvaltningen"));
        assert!(!is_title(
            "Bilagan gäller i två år för föreningen och kommunen här"
        ));
    }
}
