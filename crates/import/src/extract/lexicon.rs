//! The words of Swedish agreements: section headings and kinds of organisations.

/// The section kind a heading announces, by its words; `None` when no word is known.
pub(crate) fn section_kind(heading: &str) -> Option<&'static str> {
    let h = heading.to_lowercase();
    // The first matching row wins, so more specific words stand first.
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
                "period för",
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
        (&["bakgrund", "inledning"], "background"),
        (&["parter", "avtalsparter", "partners"], "parties"),
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
        (&["form och", "formen", "avtalsform"], "form"),
        (
            &["insats", "verksamhet", "aktivitet", "uppdrag", "åtagande"],
            "activities",
        ),
        (
            &[
                "organisation",
                "samverkan",
                "styrgrupp",
                "samråd",
                "ansvar",
                "kontaktperson",
                "verksamhetschef",
            ],
            "organisation",
        ),
        (&["tidigare", "relaterade", "angränsande"], "related-work"),
        (&["tvist"], "renegotiation"),
    ];
    if h.trim() == "mål" {
        return Some("goals");
    }
    KINDS
        .iter()
        .find(|(words, _)| words.iter().any(|w| has_word(&h, w)))
        .map(|(_, kind)| *kind)
}

/// `word` starts a word of `text`; "parter" and "partners" must be the whole
/// word ("Partnerskap" and "Parternas relation" are no list of parties).
fn has_word(text: &str, word: &str) -> bool {
    let whole = matches!(word, "parter" | "partners");
    text.match_indices(word).any(|(at, _)| {
        let starts = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let ends = text[at + word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        starts && (ends || !whole)
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
