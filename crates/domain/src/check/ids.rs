//! Identifiers: unique within the file, and every reference points at
//! something that exists.

use std::collections::HashSet;

use crate::Agreement;
use crate::diagnostic::{Diagnostic, FieldPath};
use crate::model::{AppendixStatus, Financing};
use crate::path;
use crate::value::Id;

pub(super) fn check(a: &Agreement, out: &mut Vec<Diagnostic>) {
    unique(a, out);
    references(a, out);
}

fn unique(a: &Agreement, out: &mut Vec<Diagnostic>) {
    let mut seen = HashSet::new();
    for (id, at) in all_ids(a) {
        if !seen.insert(id) {
            out.push(Diagnostic::error("duplicate-id").arg("id", id).at(at));
        }
    }
}

/// Every id declared in the file, with the path of its `id` field.
fn all_ids(a: &Agreement) -> Vec<(&Id, FieldPath)> {
    let mut ids: Vec<(&Id, FieldPath)> = vec![(&a.id, path!["id"])];
    for (i, p) in a.parties.iter().enumerate() {
        ids.push((&p.id, path!["parties", i, "id"]));
    }
    for (i, x) in a.activities.iter().enumerate() {
        ids.push((&x.id, path!["activities", i, "id"]));
    }
    if let Some(f) = &a.financing {
        financing_ids(f, path!["financing"], &mut ids);
    }
    for (key, id) in [
        ("term", a.term.as_ref().map(|t| &t.id)),
        ("extension", a.extension.as_ref().map(|t| &t.id)),
        ("renegotiation", a.renegotiation.as_ref().map(|t| &t.id)),
        ("dispute", a.dispute.as_ref().map(|t| &t.id)),
        ("signing", a.signing.as_ref().map(|t| &t.id)),
    ] {
        if let Some(id) = id {
            ids.push((id, path![key, "id"]));
        }
    }
    for (i, t) in a.termination.iter().enumerate() {
        ids.push((&t.id, path!["termination", i, "id"]));
    }
    for (i, b) in a.governance.iter().enumerate() {
        ids.push((&b.id, path!["governance", i, "id"]));
    }
    for (i, r) in a.reporting.iter().enumerate() {
        ids.push((&r.id, path!["reporting", i, "id"]));
    }
    for (i, ap) in a.appendices.iter().enumerate() {
        let at = path!["appendices", i];
        ids.push((&ap.id, at.key("id")));
        if let Some(p) = &ap.period {
            ids.push((&p.id, at.key("period").key("id")));
        }
        if let Some(f) = &ap.financing {
            financing_ids(f, at.key("financing"), &mut ids);
        }
    }
    if let Some(trail) = &a.decision_trail {
        for (i, d) in trail.decisions.iter().enumerate() {
            ids.push((&d.id, path!["decision_trail", "decisions", i, "id"]));
        }
    }
    ids
}

fn financing_ids<'a>(f: &'a Financing, at: FieldPath, ids: &mut Vec<(&'a Id, FieldPath)>) {
    ids.push((&f.id, at.key("id")));
    for (i, l) in f.budget_lines.iter().enumerate() {
        ids.push((&l.id, at.key("budget_lines").index(i).key("id")));
    }
    if let Some(x) = &f.indexation {
        ids.push((&x.id, at.key("indexation").key("id")));
    }
    for (i, inv) in f.invoicing.iter().enumerate() {
        ids.push((&inv.id, at.key("invoicing").index(i).key("id")));
    }
    for (i, alt) in f.alternatives.iter().enumerate() {
        let alt_at = at.key("alternatives").index(i);
        ids.push((&alt.id, alt_at.key("id")));
        for (j, l) in alt.budget_lines.iter().enumerate() {
            ids.push((&l.id, alt_at.key("budget_lines").index(j).key("id")));
        }
    }
}

/// The kinds of thing a reference can point at.
struct Known<'a> {
    parties: HashSet<&'a Id>,
    lines: HashSet<&'a Id>,
    bodies: HashSet<&'a Id>,
    activities: HashSet<&'a Id>,
    appendices: HashSet<&'a Id>,
}

fn references(a: &Agreement, out: &mut Vec<Diagnostic>) {
    let mut lines: HashSet<&Id> = HashSet::new();
    for f in a
        .financing
        .iter()
        .chain(a.appendices.iter().filter_map(|ap| ap.financing.as_ref()))
    {
        lines.extend(f.budget_lines.iter().map(|l| &l.id));
        lines.extend(
            f.alternatives
                .iter()
                .flat_map(|alt| alt.budget_lines.iter().map(|l| &l.id)),
        );
    }
    let known = Known {
        parties: a.parties.iter().map(|p| &p.id).collect(),
        lines,
        bodies: a.governance.iter().map(|b| &b.id).collect(),
        activities: a.activities.iter().map(|x| &x.id).collect(),
        appendices: a.appendices.iter().map(|x| &x.id).collect(),
    };
    let mut refs: Vec<(&Id, &HashSet<&Id>, &'static str, FieldPath)> = Vec::new();
    let party = "@among-parties";
    if let Some(e) = &a.employer {
        refs.push((e, &known.parties, party, path!["employer"]));
    }
    for (i, x) in a.activities.iter().enumerate() {
        if let Some(p) = &x.performed_by {
            refs.push((
                p,
                &known.parties,
                party,
                path!["activities", i, "performed_by"],
            ));
        }
        if let Some(ap) = &x.appendix {
            refs.push((
                ap,
                &known.appendices,
                "@among-appendices",
                path!["activities", i, "appendix"],
            ));
        }
    }
    let mut fin: Vec<(&Financing, FieldPath)> = a
        .financing
        .iter()
        .map(|f| (f, path!["financing"]))
        .collect();
    for (i, ap) in a.appendices.iter().enumerate() {
        let at = path!["appendices", i];
        refs.push((&ap.party, &known.parties, party, at.key("party")));
        if let Some(x) = &ap.activity {
            refs.push((
                x,
                &known.activities,
                "@among-activities",
                at.key("activity"),
            ));
        }
        if let AppendixStatus::Replaced { by } = &ap.status {
            refs.push((
                by,
                &known.appendices,
                "@among-appendices",
                at.key("status").key("by"),
            ));
        }
        if let Some(f) = &ap.financing {
            fin.push((f, at.key("financing")));
        }
    }
    for (f, at) in fin {
        for (i, c) in f.contributions.iter().enumerate() {
            let c_at = at.key("contributions").index(i);
            refs.push((&c.party, &known.parties, party, c_at.key("party")));
            for (j, line) in c.covers.iter().enumerate() {
                refs.push((
                    line,
                    &known.lines,
                    "@among-budget-lines",
                    c_at.key("covers").index(j),
                ));
            }
        }
        for (i, alt) in f.alternatives.iter().enumerate() {
            for (j, c) in alt.contributions.iter().enumerate() {
                let c_at = at
                    .key("alternatives")
                    .index(i)
                    .key("contributions")
                    .index(j);
                refs.push((&c.party, &known.parties, party, c_at.key("party")));
            }
        }
        for (i, inv) in f.invoicing.iter().enumerate() {
            let inv_at = at.key("invoicing").index(i);
            refs.push((&inv.from, &known.parties, party, inv_at.key("from")));
            for (j, to) in inv.to.iter().enumerate() {
                refs.push((to, &known.parties, party, inv_at.key("to").index(j)));
            }
        }
    }
    for (i, b) in a.governance.iter().enumerate() {
        let at = path!["governance", i];
        for (j, m) in b.members.iter().enumerate() {
            if let Some(p) = &m.party {
                refs.push((
                    p,
                    &known.parties,
                    party,
                    at.key("members").index(j).key("party"),
                ));
            }
        }
        for (key, member) in [
            ("convener", &b.convener),
            ("minute_keeper", &b.minute_keeper),
        ] {
            if let Some(p) = member.as_ref().and_then(|m| m.party.as_ref()) {
                refs.push((p, &known.parties, party, at.key(key).key("party")));
            }
        }
        if let Some(r) = &b.reports_to {
            refs.push((
                &r.body,
                &known.bodies,
                "@among-governance",
                at.key("reports_to").key("body"),
            ));
        }
    }
    for (i, r) in a.reporting.iter().enumerate() {
        for (j, p) in r.from.iter().enumerate() {
            refs.push((p, &known.parties, party, path!["reporting", i, "from", j]));
        }
    }
    for (i, t) in a.termination.iter().enumerate() {
        if let Some(p) = &t.repaying_party {
            refs.push((
                p,
                &known.parties,
                party,
                path!["termination", i, "repaying_party"],
            ));
        }
    }
    if let Some(trail) = &a.decision_trail {
        for (i, d) in trail.decisions.iter().enumerate() {
            if let Some(p) = &d.party {
                refs.push((
                    p,
                    &known.parties,
                    party,
                    path!["decision_trail", "decisions", i, "party"],
                ));
            }
        }
    }
    for (id, set, among, at) in refs {
        if !set.contains(id) {
            out.push(
                Diagnostic::error("unknown-reference")
                    .arg("id", id)
                    .arg("among", among)
                    .at(at),
            );
        }
    }
}
