//! Every finding of an import with its span (page, line, column and the
//! words), how sure it is and the rule that produced it, as JSON: what
//! `iop import --explain` writes, and what a review page can link from.

use serde_json::{Value, json};

use crate::document::Document;
use crate::extract::{Proposal, Span};

fn span(span: &Span) -> Value {
    json!({
        "page": span.position.page,
        "line": span.position.line,
        "column": span.position.column,
        "quote": span.quote,
    })
}

/// The proposal explained: facts, sections, notes and warnings, each with its span.
pub fn explain(document: &Document, proposal: &Proposal) -> Value {
    let findings: Vec<Value> = proposal
        .facts
        .iter()
        .map(|f| {
            json!({
                "field": f.field,
                "value": f.value,
                "confidence": f.confidence,
                "rule": f.rule,
                "span": span(&f.span),
            })
        })
        .collect();
    let sections: Vec<Value> = proposal
        .sections
        .iter()
        .map(|s| json!({ "kind": s.kind, "heading": s.heading, "span": span(&s.span) }))
        .collect();
    let notes: Vec<Value> = proposal
        .notes
        .iter()
        .map(|n| json!({ "topic": n.topic, "span": span(&n.span) }))
        .collect();
    json!({
        "source": document.source,
        "pages": document.pages,
        "ocr": document.blocks.iter().any(|b| b.ocr),
        "findings": findings,
        "sections": sections,
        "notes": notes,
        "warnings": document.warnings.iter().chain(&proposal.warnings).collect::<Vec<_>>(),
    })
}
