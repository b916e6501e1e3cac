//! The words of Swedish agreements: section headings and kinds of organisations.

/// Heading words and the section kind they announce. The word that stands
/// first in the heading decides ("Omförhandling – förlängning" is about
/// renegotiation); on a tie, the earlier row.
const KINDS: &[(&[&str], &str)] = &[
    (&["underskrift", "signatur"], "signatures"),
    (&["förlängning"], "extension"),
    (&["omförhandling", "ändring"], "renegotiation"),
    (
        &["uppsägning", "utträde", "hävning", "upphörande"],
        "termination",
    ),
    (
        &[
            "giltighet",
            "avtalstid",
            "avtalsperiod",
            "period",
            "tid för",
            "löptid",
        ],
        "term",
    ),
    (
        &["uppföljning", "rapport", "utvärdering", "redovisning"],
        "follow-up",
    ),
    (
        &[
            "ekonomi",
            "finansiering",
            "ersättning",
            "budget",
            "resurser",
            "kostnad",
        ],
        "financing",
    ),
    (&["marknadsföring", "kommunikation"], "marketing"),
    (&["avgränsning"], "scope"),
    (&["målgrupp"], "target-group"),
    (&["värdegrund", "värderingar", "principer"], "values"),
    (&["målsättning", "mål för", "mål med", "effektmål"], "goals"),
    (&["syfte"], "purpose"),
    (&["relaterade", "angränsande"], "related-work"),
    (
        &[
            "kontaktperson",
            "övrigt",
            "övriga villkor",
            "övriga bestämmelser",
        ],
        "other",
    ),
    (&["bakgrund", "inledning"], "background"),
    (
        &[
            "parter",
            "avtalsparter",
            "partners",
            "inbördes relation",
            "parternas relation",
        ],
        "parties",
    ),
    (
        &[
            "lagrum",
            "rättslig",
            "grundförutsättning",
            "lagstiftning",
            "juridisk",
        ],
        "legal-basis",
    ),
    (&["form", "avtalsform"], "form"),
    (
        &["insats", "verksamhet", "aktivitet", "uppdrag", "åtagande"],
        "activities",
    ),
    (
        &[
            "organisation",
            "samverkan",
            "styrgrupp",
            "arbetsgrupp",
            "referensgrupp",
            "ledning",
            "samråd",
            "ansvar",
            "verksamhetschef",
            "chef",
        ],
        "organisation",
    ),
    (&["tvist"], "renegotiation"),
];

/// The section kind a heading announces, by its words; `None` when no word is known.
pub(crate) fn section_kind(heading: &str) -> Option<&'static str> {
    // "organisationsnummer" names no section about the organisation.
    let h = heading.to_lowercase().replace("organisationsnummer", "");
    if h.trim() == "mål" {
        return Some("goals");
    }
    // "Samverkan med relaterade insatser", "Samverkan med andra aktörer": about other work.
    if let Some(rest) = h.trim().strip_prefix("samverkan med ")
        && ["relaterade", "angränsande", "andra", "övriga"]
            .iter()
            .any(|w| rest.starts_with(w))
    {
        return Some("related-work");
    }
    KINDS
        .iter()
        .enumerate()
        .filter_map(|(row, (words, kind))| {
            // The earliest word; at the same place the longer one ("verksamhetschef", not "verksamhet").
            let (at, longer) = words
                .iter()
                .filter_map(|w| find_word(&h, w).map(|at| (at, usize::MAX - w.len())))
                .min()?;
            Some(((at, longer, row), *kind))
        })
        .min_by_key(|(key, _)| *key)
        .map(|(_, kind)| kind)
}

/// The kinds other than `kind` that the parts of a heading joined by "och",
/// "samt" or a comma name: "Målgruppen och syfte" is about the purpose too,
/// "Bakgrund och syfte" too.
pub(crate) fn also_named(heading: &str, kind: &str) -> Vec<&'static str> {
    let lower = heading.to_lowercase();
    let mut out: Vec<&'static str> = Vec::new();
    for part in lower
        .split([',', '–', '&'])
        .flat_map(|p| p.split(" och "))
        .flat_map(|p| p.split(" samt "))
    {
        if let Some(k) = section_kind(part.trim())
            && k != kind
            && k != "other"
            && !out.contains(&k)
        {
            out.push(k);
        }
    }
    out
}

/// Where `word` stands in `text`, also inside a compound
/// ("ledningsorganisation"); "parter" and "partners" only as whole words
/// ("Partnerskap" and "Parternas relation" are no list of parties),
/// "form" too ("formuleras" is not about the form), and "tid för" ("Fritid
/// för alla" is a name, not the agreement's time).
fn find_word(text: &str, word: &str) -> Option<usize> {
    if !matches!(word, "parter" | "partners" | "form" | "tid för") {
        return text.find(word);
    }
    text.match_indices(word).map(|(at, _)| at).find(|&at| {
        let starts = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let ends = text[at + word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        starts && ends
    })
}

/// Words in a name that make an organisation public.
pub(crate) fn is_public_name(name: &str) -> bool {
    let n = name.to_lowercase();
    [
        "kommun",
        "region ",
        "region",
        "stad",
        "landsting",
        "nämnd",
        "förvaltning",
        "länsstyrelse",
        "myndighet",
        "styrelse",
    ]
    .iter()
    .any(|w| n.contains(w))
        && !is_idea_name(name)
}

/// Words in a name that make an organisation idea-driven.
pub(crate) fn is_idea_name(name: &str) -> bool {
    let n = name.to_lowercase();
    [
        "förening",
        "röda korset",
        "rödakors",
        "stiftelse",
        "kyrk",
        "mission",
        "diakoni",
        "frälsningsarmé",
        "församling",
        "förbund",
        "rädda barnen",
        "iogt",
        "scout",
        "ideell",
        "idéburen",
        "stadsmission",
        "bygdegård",
        "sällskap",
        "krets",
        "ungdom",
    ]
    .iter()
    .any(|w| n.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_about_other_work() {
        assert_eq!(
            section_kind("Samverkan med relaterade insatser"),
            Some("related-work")
        );
        assert_eq!(
            section_kind("Samverkan med andra aktörer"),
            Some("related-work")
        );
        assert_eq!(section_kind("Samverkan"), Some("organisation"));
        assert_eq!(section_kind("12. Övrigt"), Some("other"));
        assert_eq!(section_kind("Tid för överenskommelsen"), Some("term"));
        assert_eq!(section_kind("Föreningen Fritid för Alla Strömsvik"), None);
    }

    #[test]
    fn headings_about_two_things() {
        assert_eq!(
            also_named("Målgruppen och syfte", "target-group"),
            ["purpose"]
        );
        assert_eq!(also_named("Bakgrund och syfte", "background"), ["purpose"]);
        assert!(also_named("Organisation och samverkan", "organisation").is_empty());
        assert_eq!(
            also_named("Omförhandling, hävningsrätt samt tvist", "renegotiation"),
            ["termination"]
        );
        assert_eq!(
            section_kind("Samverkan med föreningen"),
            Some("organisation")
        );
    }
}
