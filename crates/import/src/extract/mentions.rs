//! Where the text names a party (by name, short name, acting body, or the
//! stem of its name's last word: "Stadsmissionen" for "Göteborgs Kyrkliga
//! Stadsmission"), and the sentences of a block.

use super::Proposal;

/// The parties by every name the proposal has for them, longest first.
pub(crate) struct Names {
    names: Vec<(usize, String)>,
    /// Party index → sector ("public", "idea-driven").
    sectors: Vec<(usize, String)>,
    pub count: usize,
}

impl Names {
    pub(crate) fn of(proposal: &Proposal) -> Names {
        let mut names = Vec::new();
        let mut sectors = Vec::new();
        for f in &proposal.facts {
            let Some(rest) = f.field.strip_prefix("parties[") else {
                continue;
            };
            let Some((n, field)) = rest.split_once("].") else {
                continue;
            };
            let Ok(n) = n.parse::<usize>() else { continue };
            match field {
                "name" | "short_name" | "acting_through" => {
                    let lower = f.value.to_lowercase();
                    // The stem of a name's last word: "stadsmission" in "göteborgs kyrkliga stadsmission".
                    if field == "name"
                        && let Some(last) = lower.split_whitespace().last()
                        && last.chars().count() >= 7
                        && lower.split_whitespace().count() > 1
                    {
                        names.push((n, last.to_owned()));
                    }
                    names.push((n, lower));
                }
                "sector" => sectors.push((n, f.value.clone())),
                _ => {}
            }
        }
        names.extend(aliases(&names));
        names.sort_by_key(|(_, name)| std::cmp::Reverse(name.len()));
        let count = proposal
            .facts
            .iter()
            .filter_map(|f| f.field.strip_prefix("parties[")?.strip_suffix("].name"))
            .filter_map(|n| n.parse::<usize>().ok())
            .max()
            .map_or(0, |n| n + 1);
        Names {
            names,
            sectors,
            count,
        }
    }

    /// The parties named in `text`, in the order they stand: (byte offset, party).
    pub(crate) fn in_text(&self, text: &str) -> Vec<(usize, usize)> {
        self.spans(text)
            .into_iter()
            .map(|(at, _, p)| (at, p))
            .collect()
    }

    /// The party whose name starts `text`, and where its name ends.
    pub(crate) fn at_start(&self, text: &str) -> Option<(usize, usize)> {
        self.spans(text)
            .into_iter()
            .find(|&(at, _, _)| at == 0)
            .map(|(_, end, p)| (p, end))
    }

    /// (start, end, party) of each name in `text`, in order.
    fn spans(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut taken: Vec<(usize, usize)> = Vec::new();
        let mut found = Vec::new();
        for (party, name) in &self.names {
            for (at, end) in super::words::find_all_ignoring_case(text, name) {
                let starts = text[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                if !starts || taken.iter().any(|&(a, b)| at < b && end > a) {
                    continue;
                }
                taken.push((at, end));
                found.push((at, end, *party));
            }
        }
        found.sort_unstable();
        found
    }

    /// The distinct parties named in `text`, in order.
    pub(crate) fn parties_in(&self, text: &str) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for (_, p) in self.in_text(text) {
            if !out.contains(&p) {
                out.push(p);
            }
        }
        out
    }

    /// Parties named by a plural: "kommunerna", "regionerna", "de offentliga
    /// parterna", "de idéburna parterna", "organisationerna".
    pub(crate) fn plurals_in(&self, text: &str) -> Vec<usize> {
        let lower = text.to_lowercase();
        let mut out = Vec::new();
        for (plural, stem) in [
            ("kommunerna", "kommun"),
            ("regionerna", "region"),
            ("föreningarna", "förening"),
        ] {
            if lower.contains(plural) {
                out.extend(
                    self.names
                        .iter()
                        .filter(|(_, n)| n.contains(stem))
                        .map(|(p, _)| *p),
                );
            }
        }
        if lower.contains("offentliga parter") {
            out.extend(self.of_sector("public"));
        }
        if lower.contains("idéburna parter") || lower.contains("organisationerna") {
            out.extend(self.of_sector("idea-driven"));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    pub(crate) fn of_sector(&self, sector: &str) -> Vec<usize> {
        self.sectors
            .iter()
            .filter(|(_, s)| s == sector)
            .map(|(n, _)| *n)
            .collect()
    }

    /// Every party, in order.
    pub(crate) fn all(&self) -> Vec<usize> {
        (0..self.count).collect()
    }
}

/// "Kommunen", "Regionen", "Föreningen", "Stiftelsen": the one party whose
/// name holds the word, when only one does.
pub(crate) fn aliases(names: &[(usize, String)]) -> Vec<(usize, String)> {
    const ROLES: [(&str, &str); 6] = [
        ("kommunen", "kommun"),
        ("regionen", "region"),
        ("föreningen", "förening"),
        ("stiftelsen", "stiftelse"),
        ("församlingen", "församling"),
        ("staden", "stad"),
    ];
    let mut out = Vec::new();
    for (alias, stem) in ROLES {
        if names.iter().any(|(_, n)| n == alias) {
            continue;
        }
        let mut holders: Vec<usize> = names
            .iter()
            .filter(|(_, n)| n.contains(stem))
            .map(|(p, _)| *p)
            .collect();
        holders.dedup();
        if let [only] = holders[..] {
            out.push((only, alias.to_owned()));
        }
    }
    out
}

/// Words that stand for every party at once.
pub(crate) fn names_all_parties(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "parterna",
        "avtalsparterna",
        "samtliga parter",
        "alla parter",
        "respektive part",
        "varje part",
        "vardera part",
        "varje deltagare",
        "samtliga deltagare",
        "partnerna",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// The sentences of a text with their byte offsets: a full stop, "!" or "?"
/// followed by a space and a capital ends one, and so does a line break.
pub(crate) fn sentences(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let end = match c {
            '\n' => Some(i),
            '.' | '!' | '?' | ':' => {
                let rest = &text[i + 1..];
                (rest.starts_with(' ')
                    && rest[1..].starts_with(|c: char| c.is_uppercase() || c == '•'))
                .then_some(i + 1)
            }
            _ => None,
        };
        if let Some(end) = end {
            push_sentence(text, start, end, &mut out);
            start = end;
        }
    }
    if start < bytes.len() {
        push_sentence(text, start, bytes.len(), &mut out);
    }
    out
}

fn push_sentence<'a>(text: &'a str, start: usize, end: usize, out: &mut Vec<(usize, &'a str)>) {
    let slice = &text[start..end];
    let trimmed = slice.trim_start();
    let at = start + slice.len() - trimmed.len();
    let trimmed = trimmed.trim_end();
    if !trimmed.is_empty() {
        out.push((at, trimmed));
    }
}

/// `word` stands in `text` as a whole word (no letter either side).
pub(crate) fn has_word(text: &str, word: &str) -> Option<usize> {
    text.match_indices(word).map(|(at, _)| at).find(|&at| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_on_stops_and_lines() {
        let s = sentences("Styrgruppen möts. Den kallas av X.\nRad två");
        let texts: Vec<&str> = s.iter().map(|(_, t)| *t).collect();
        assert_eq!(texts, ["Styrgruppen möts.", "Den kallas av X.", "Rad två"]);
        assert_eq!(s[1].0, "Styrgruppen möts. ".len());
    }

    #[test]
    fn whole_words() {
        assert_eq!(has_word("en rapport till", "rapport"), Some(3));
        assert_eq!(has_word("verksamhetsrapporter", "rapport"), None);
    }
}
