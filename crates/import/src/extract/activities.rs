//! Capacity targets ("ta emot cirka 70 barn och 40 föräldrar per år"); the
//! appendices of a framework are read in appendices.rs.

use std::sync::LazyLock;

use regex::Regex;

use super::mentions::sentences;
use super::words::{month, regex};
use super::{Confidence, Context, Proposal};

static COUNT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(
        r"(?:\b([Cc]irka|[Cc]a\.?|[Oo]mkring|[Uu]ngefär|[Rr]unt|[Dd]rygt|[Nn]ärmare|[Mm]inst|[Uu]pp till|[Uu]ppemot)\s+)?\b(\d{1,5})\s+(\p{Ll}[\p{Ll}-]{2,})",
    )
});

/// Words after a number that are no one counted.
fn not_counted(unit: &str) -> bool {
    let u = unit.to_lowercase();
    month(&u).is_some()
        || [
            "år",
            "års",
            "åren",
            "årig",
            "månad",
            "vecka",
            "veckor",
            "veckors",
            "dag",
            "dagar",
            "dagars",
            "timm",
            "minut",
            "kronor",
            "kr",
            "procent",
            "gång",
            "tillfälle",
            "och",
            "till",
            "av",
            "st",
            "sidor",
            "bilag",
            "tkr",
            "mnkr",
            "miljon",
            "kvartal",
            "möten",
            "exemplar",
            "parter",
            "kapitel",
            "punkt",
        ]
        .iter()
        .any(|w| u == *w || u.starts_with(w) && w.len() >= 3)
}

/// Words that make a sentence about how many the activity reaches.
fn about_capacity(lower: &str) -> bool {
    [
        "ta emot",
        "tar emot",
        "nå ",
        "når ",
        "erbjuda",
        "erbjuds",
        "omfatta",
        "platser",
        "deltagare",
        "ska delta",
        "beräknas",
        "målet är",
        "kapacitet",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

pub(crate) fn extract(cx: &Context<'_>, proposal: &mut Proposal) {
    capacity(cx, proposal);
}

fn capacity(cx: &Context<'_>, proposal: &mut Proposal) {
    let Some(re) = COUNT.as_ref() else { return };
    let mut k = 0;
    for (i, block) in cx.document.body() {
        for (offset, sentence) in sentences(&block.text) {
            let lower = sentence.to_lowercase();
            if !about_capacity(&lower) || lower.contains("kronor") {
                continue;
            }
            let total = [
                "under perioden",
                "totalt",
                "under avtalstiden",
                "sammanlagt",
            ]
            .iter()
            .any(|w| lower.contains(w));
            let mut approximate = false;
            let mut last_end = 0;
            for c in re.captures_iter(sentence) {
                let (Some(whole), Some(count), Some(unit)) = (c.get(0), c.get(2), c.get(3)) else {
                    continue;
                };
                let Ok(n) = count.as_str().parse::<u32>() else {
                    continue;
                };
                if not_counted(unit.as_str()) || (1900..=2100).contains(&n) {
                    continue;
                }
                // "cirka 70 barn och 40 föräldrar": the second shares the first's "cirka".
                let joined = sentence
                    .get(last_end..whole.start())
                    .is_some_and(|between| between.trim() == "och");
                approximate = c
                    .get(1)
                    .is_some_and(|m| !m.as_str().eq_ignore_ascii_case("minst"))
                    || (joined && approximate);
                last_end = whole.end();
                let span = cx.span(i, offset, sentence);
                let field = format!("capacity[{k}]");
                for (what, value) in [
                    ("count", n.to_string()),
                    ("unit", unit.as_str().to_lowercase()),
                    ("approximate", approximate.to_string()),
                    ("per_year", (!total).to_string()),
                ] {
                    proposal.push(cx.fact(
                        format!("{field}.{what}"),
                        value,
                        Confidence::Likely,
                        "capacity-count-of-people",
                        span.clone(),
                    ));
                }
                k += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_words() {
        assert!(not_counted("år"));
        assert!(not_counted("januari"));
        assert!(!not_counted("barn"));
        assert!(!not_counted("föräldrar"));
    }
}
