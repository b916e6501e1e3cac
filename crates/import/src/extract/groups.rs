//! Target groups (målgrupper): the items of a list under the heading, or
//! the paragraphs and sentences that say "Primär/Sekundär målgrupp", or else
//! the first paragraph.

use super::sections::Outline;
use super::{Confidence, Context, Proposal};
use crate::document::BlockKind;

/// A target group: its block, where its words start and end, its priority.
type Group = (usize, usize, usize, &'static str);

fn priority(text: &str) -> Option<&'static str> {
    let lower = text.get(..9).unwrap_or(text).to_lowercase();
    if lower.starts_with("primär") {
        Some("primary")
    } else if lower.starts_with("sekundär") {
        Some("secondary")
    } else {
        None
    }
}

/// The groups of a paragraph that starts "Primär/Sekundär målgrupp …": each
/// sentence that starts so opens the next group (a paragraph may hold both).
fn ranked_in(cx: &Context<'_>, i: usize) -> Vec<Group> {
    let Some(text) = cx.block(i).map(|b| b.text.as_str()) else {
        return Vec::new();
    };
    let Some(first) = priority(text) else {
        return Vec::new();
    };
    let mut starts = vec![(0, first)];
    for (at, _) in text.match_indices(". ") {
        if let Some(p) = priority(&text[at + 2..]) {
            starts.push((at + 2, p));
        }
    }
    let ends: Vec<usize> = starts
        .iter()
        .skip(1)
        .map(|s| s.0)
        .chain([text.len()])
        .collect();
    starts
        .into_iter()
        .zip(ends)
        .map(|((start, p), end)| (i, start, end, p))
        .collect()
}

pub(crate) fn extract(cx: &Context<'_>, outline: &Outline, proposal: &mut Proposal) {
    let blocks = outline.blocks_of("target-group");
    let items: Vec<usize> = blocks
        .iter()
        .copied()
        .filter(|&i| cx.block(i).is_some_and(|b| b.kind == BlockKind::ListItem))
        .collect();
    let ranked: Vec<Group> = blocks.iter().flat_map(|&i| ranked_in(cx, i)).collect();
    let whole = |i: usize| {
        let end = cx.block(i).map_or(0, |b| b.text.len());
        (i, 0, end, "unranked")
    };
    let (chosen, rule, confidence): (Vec<Group>, &str, Confidence) = if !ranked.is_empty() {
        (ranked, "target-group-ranked", Confidence::Likely)
    } else if !items.is_empty() {
        let items = items.into_iter().map(whole).collect();
        (items, "target-group-list-items", Confidence::Likely)
    } else {
        let first = blocks.iter().copied().find(|&i| {
            cx.block(i)
                .is_some_and(|b| b.kind == BlockKind::Paragraph && !b.text.ends_with(':'))
        });
        let finished = |i: usize| {
            let end = cx.block(i).map_or(0, |b| finished_end(&b.text));
            (i, 0, end, "unranked")
        };
        (
            first.map(finished).into_iter().collect(),
            "target-group-first-paragraph",
            Confidence::Guess,
        )
    };
    for (n, (i, start, end, priority)) in chosen.into_iter().enumerate() {
        let Some(text) = cx.block(i).and_then(|b| b.text.get(start..end)) else {
            continue;
        };
        let span = cx.span(i, start, text);
        let field = format!("target_groups[{n}]");
        proposal.push(cx.fact(
            format!("{field}.description"),
            text.trim(),
            confidence,
            rule,
            span.clone(),
        ));
        proposal.push(cx.fact(
            format!("{field}.priority"),
            priority,
            confidence,
            rule,
            span,
        ));
    }
}

/// Where a paragraph's last finished sentence ends: "… i ett annat EU land.
/// Med EU-migranter avses medborgare" (a text broken off in its last
/// sentence) ends at "land."; a paragraph that ends well, or has no
/// sentence before its last words, is whole.
fn finished_end(text: &str) -> usize {
    let t = text.trim_end();
    if t.ends_with(['.', '!', '?', ':', ')', '”', '"']) {
        return text.len();
    }
    t.rfind(". ")
        .filter(|&at| t[at + 2..].starts_with(char::is_uppercase))
        .map_or(text.len(), |at| at + 1)
}

#[cfg(test)]
mod tests {
    use super::finished_end;

    #[test]
    fn a_broken_off_last_sentence_is_left_out() {
        let text = "Målgruppen är EU-migranter som vistas tillfälligt i Göteborg. Med EU-migranter avses medborgare";
        assert_eq!(
            &text[..finished_end(text)],
            "Målgruppen är EU-migranter som vistas tillfälligt i Göteborg."
        );
        for whole in [
            "Barn och unga 6–16 år",
            "Unga vuxna som saknar bostad.",
            "Unga vuxna, t.ex. nyanlända",
            "Målgruppen är kvinnor. Barn till kvinnorna ingår också.",
        ] {
            assert_eq!(finished_end(whole), whole.len(), "{whole}");
        }
    }
}
