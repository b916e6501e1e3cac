//! Identifiers: unique within the file, and every reference points at
//! something that exists.

use std::collections::HashSet;

use crate::Agreement;
use crate::diagnostic::{Diagnostic, FieldPath};
use crate::model::{AppendixStatus, Financing, ReportingDuty, TerminationClause};
use crate::path;
use crate::value::Id;

pub(super) fn check(a: &Agreement, out: &mut Vec<Diagnostic>) {
    reserved(a, out);
    adopted_ocid(a, out);
    unique(a, out);
    references(a, out);
}

/// Words that stand where an agreement id stands in the server's addresses
/// (`/api/v1/register/360giving` beside `/api/v1/register/{id}`, `/avtal/ny`
/// beside `/avtal/{id}`): an agreement with such an id could never be
/// reached there, so it is refused. The web crate's route test keeps this
/// list complete.
pub const RESERVED_AGREEMENT_IDS: &[&str] = &["360giving", "ocds", "ny"];

fn reserved(a: &Agreement, out: &mut Vec<Diagnostic>) {
    if RESERVED_AGREEMENT_IDS.contains(&a.id.as_str()) {
        out.push(
            Diagnostic::error("id-reserved")
                .arg("id", &a.id)
                .at(path!["id"]),
        );
    }
}

/// An OCID as the Open Contracting Partnership registers prefixes:
/// `ocds-`, six lower-case letters or digits, a dash and the publisher's
/// own identifier of the process (no white space, no control character).
pub fn is_ocid(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("ocds-") else {
        return false;
    };
    let (prefix, local) = rest.split_at_checked(6).unwrap_or(("", ""));
    prefix.len() == 6
        && prefix
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && local.strip_prefix('-').is_some_and(|l| {
            !l.is_empty() && !l.chars().any(|c| c.is_whitespace() || c.is_control())
        })
}

fn adopted_ocid(a: &Agreement, out: &mut Vec<Diagnostic>) {
    if let Some(ocid) = &a.ocid
        && !is_ocid(ocid)
    {
        out.push(
            Diagnostic::error("ocid-format")
                .arg("value", ocid)
                .at(path!["ocid"]),
        );
    }
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
        for (j, t) in ap.termination.iter().enumerate() {
            ids.push((&t.id, at.key("termination").index(j).key("id")));
        }
        for (j, r) in ap.reporting.iter().enumerate() {
            ids.push((&r.id, at.key("reporting").index(j).key("id")));
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
#[derive(Debug, Clone, Copy)]
enum Kind {
    Party,
    BudgetLine,
    Body,
    Activity,
    Appendix,
}

impl Kind {
    /// The `among` argument of the diagnostic: where the id was looked for.
    fn among(self) -> &'static str {
        match self {
            Kind::Party => "@among-parties",
            Kind::BudgetLine => "@among-budget-lines",
            Kind::Body => "@among-governance",
            Kind::Activity => "@among-activities",
            Kind::Appendix => "@among-appendices",
        }
    }
}

/// Every id a reference may point at, by kind.
struct Known<'a> {
    parties: HashSet<&'a Id>,
    lines: HashSet<&'a Id>,
    bodies: HashSet<&'a Id>,
    activities: HashSet<&'a Id>,
    appendices: HashSet<&'a Id>,
}

impl<'a> Known<'a> {
    fn of(a: &'a Agreement) -> Self {
        // A contribution may cover a line of any financing, an alternative's
        // included, so the lines of all of them are known together.
        let lines = a.budget_lines().map(|l| &l.id).collect();
        Known {
            parties: a.parties.iter().map(|p| &p.id).collect(),
            lines,
            bodies: a.governance.iter().map(|b| &b.id).collect(),
            activities: a.activities.iter().map(|x| &x.id).collect(),
            appendices: a.appendices.iter().map(|x| &x.id).collect(),
        }
    }

    fn ids(&self, kind: Kind) -> &HashSet<&'a Id> {
        match kind {
            Kind::Party => &self.parties,
            Kind::BudgetLine => &self.lines,
            Kind::Body => &self.bodies,
            Kind::Activity => &self.activities,
            Kind::Appendix => &self.appendices,
        }
    }
}

/// The agreement's own financing, then each appendix's, with their paths.
fn financings(a: &Agreement) -> impl Iterator<Item = (&Financing, FieldPath)> {
    let own = a.financing.iter().map(|f| (f, path!["financing"]));
    let appendices = a.appendices.iter().enumerate().filter_map(|(i, ap)| {
        ap.financing
            .as_ref()
            .map(|f| (f, path!["appendices", i, "financing"]))
    });
    own.chain(appendices)
}

/// Reports each reference that points at nothing, as it is met.
struct Resolver<'k, 'a, 'o> {
    known: &'k Known<'a>,
    out: &'o mut Vec<Diagnostic>,
}

impl Resolver<'_, '_, '_> {
    fn check(&mut self, kind: Kind, id: &Id, at: FieldPath) {
        if !self.known.ids(kind).contains(id) {
            self.out.push(
                Diagnostic::error("unknown-reference")
                    .arg("id", id)
                    .arg("among", kind.among())
                    .at(at),
            );
        }
    }

    fn party(&mut self, id: &Id, at: FieldPath) {
        self.check(Kind::Party, id, at);
    }
}

/// Every reference, in the order of the file's sections (the order of the
/// diagnostics follows it).
fn references(a: &Agreement, out: &mut Vec<Diagnostic>) {
    let known = Known::of(a);
    let mut r = Resolver { known: &known, out };
    if let Some(e) = &a.employer {
        r.party(e, path!["employer"]);
    }
    activity_references(a, &mut r);
    appendix_references(a, &mut r);
    for (f, at) in financings(a) {
        financing_references(f, &at, &mut r);
    }
    governance_references(a, &mut r);
    reporting_and_termination(&a.reporting, &a.termination, &FieldPath::root(), &mut r);
    for (i, ap) in a.appendices.iter().enumerate() {
        let at = path!["appendices", i];
        reporting_and_termination(&ap.reporting, &ap.termination, &at, &mut r);
    }
    if let Some(trail) = &a.decision_trail {
        for (i, d) in trail.decisions.iter().enumerate() {
            if let Some(p) = &d.party {
                r.party(p, path!["decision_trail", "decisions", i, "party"]);
            }
        }
    }
}

/// The parties a report comes from and the party a clause may make
/// repay, the framework's or an appendix's (under `at`). A report's `to`
/// may be a party, a body or words ("ansvarig nämnd"), so it is not a
/// reference that must resolve; it is read as a name where it is one.
fn reporting_and_termination(
    reporting: &[ReportingDuty],
    termination: &[TerminationClause],
    at: &FieldPath,
    r: &mut Resolver<'_, '_, '_>,
) {
    for (i, rep) in reporting.iter().enumerate() {
        for (j, p) in rep.from.iter().enumerate() {
            r.party(p, at.key("reporting").index(i).key("from").index(j));
        }
    }
    for (i, t) in termination.iter().enumerate() {
        if let Some(p) = &t.repaying_party {
            r.party(p, at.key("termination").index(i).key("repaying_party"));
        }
    }
}

fn activity_references(a: &Agreement, r: &mut Resolver<'_, '_, '_>) {
    for (i, x) in a.activities.iter().enumerate() {
        if let Some(p) = &x.performed_by {
            r.party(p, path!["activities", i, "performed_by"]);
        }
        if let Some(ap) = &x.appendix {
            r.check(Kind::Appendix, ap, path!["activities", i, "appendix"]);
        }
    }
}

/// An appendix's own references; its financing is checked with the others.
fn appendix_references(a: &Agreement, r: &mut Resolver<'_, '_, '_>) {
    for (i, ap) in a.appendices.iter().enumerate() {
        let at = path!["appendices", i];
        r.party(&ap.party, at.key("party"));
        if let Some(x) = &ap.activity {
            r.check(Kind::Activity, x, at.key("activity"));
        }
        if let AppendixStatus::Replaced { by } = &ap.status {
            r.check(Kind::Appendix, by, at.key("status").key("by"));
        }
    }
}

fn financing_references(f: &Financing, at: &FieldPath, r: &mut Resolver<'_, '_, '_>) {
    for (i, c) in f.contributions.iter().enumerate() {
        let c_at = at.key("contributions").index(i);
        r.party(&c.party, c_at.key("party"));
        for (j, line) in c.covers.iter().enumerate() {
            r.check(Kind::BudgetLine, line, c_at.key("covers").index(j));
        }
    }
    for (i, alt) in f.alternatives.iter().enumerate() {
        for (j, c) in alt.contributions.iter().enumerate() {
            let c_at = at
                .key("alternatives")
                .index(i)
                .key("contributions")
                .index(j);
            r.party(&c.party, c_at.key("party"));
        }
    }
    for (i, inv) in f.invoicing.iter().enumerate() {
        let inv_at = at.key("invoicing").index(i);
        r.party(&inv.from, inv_at.key("from"));
        for (j, to) in inv.to.iter().enumerate() {
            r.party(to, inv_at.key("to").index(j));
        }
    }
}

fn governance_references(a: &Agreement, r: &mut Resolver<'_, '_, '_>) {
    for (i, b) in a.governance.iter().enumerate() {
        let at = path!["governance", i];
        for (j, m) in b.members.iter().enumerate() {
            if let Some(p) = &m.party {
                r.party(p, at.key("members").index(j).key("party"));
            }
        }
        for (key, member) in [
            ("convener", &b.convener),
            ("minute_keeper", &b.minute_keeper),
        ] {
            if let Some(p) = member.as_ref().and_then(|m| m.party.as_ref()) {
                r.party(p, at.key(key).key("party"));
            }
        }
        if let Some(rep) = &b.reports_to {
            r.check(Kind::Body, &rep.body, at.key("reports_to").key("body"));
        }
    }
}
