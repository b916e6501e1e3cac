//! Target groups (målgrupper): the items of a list under the heading, or
//! the paragraphs that say "Primär/Sekundär målgrupp", or else the first
//! paragraph.

use super::sections::Outline;
use super::{Confidence, Context, Proposal};
use crate::document::BlockKind;

pub(crate) fn extract(cx: &Context<'_>, outline: &Outline, proposal: &mut Proposal) {
    let blocks = outline.blocks_of("target-group");
    let items: Vec<usize> = blocks
        .iter()
        .copied()
        .filter(|&i| cx.block(i).is_some_and(|b| b.kind == BlockKind::ListItem))
        .collect();
    let ranked: Vec<(usize, &'static str)> = blocks
        .iter()
        .filter_map(|&i| {
            let lower = cx.block(i)?.text.to_lowercase();
            if lower.starts_with("primär") {
                Some((i, "primary"))
            } else if lower.starts_with("sekundär") {
                Some((i, "secondary"))
            } else {
                None
            }
        })
        .collect();
    let (chosen, rule, confidence): (Vec<(usize, &str)>, &str, Confidence) = if !ranked.is_empty() {
        (ranked, "target-group-ranked", Confidence::Likely)
    } else if !items.is_empty() {
        let items = items.into_iter().map(|i| (i, "unranked")).collect();
        (items, "target-group-list-items", Confidence::Likely)
    } else {
        let first = blocks.iter().copied().find(|&i| {
            cx.block(i)
                .is_some_and(|b| b.kind == BlockKind::Paragraph && !b.text.ends_with(':'))
        });
        (
            first.map(|i| (i, "unranked")).into_iter().collect(),
            "target-group-first-paragraph",
            Confidence::Guess,
        )
    };
    for (n, (i, priority)) in chosen.into_iter().enumerate() {
        let Some(block) = cx.block(i) else { continue };
        let span = cx.span(i, 0, &block.text);
        let field = format!("target_groups[{n}]");
        proposal.push(cx.fact(
            format!("{field}.description"),
            block.text.clone(),
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
