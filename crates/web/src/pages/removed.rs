//! What an imported document says that refers to a row the official
//! removed in the forms: a party, an activity, a budget line, a
//! governance body or an appendix.
//!
//! Kept as it stands, such a fact points at nothing: the checks refuse
//! the save with an unknown id that no form can fix, and the official is
//! stuck. Dropped unseen, it could lose an obligation the document states
//! (who invoices whom, who reports to which body). So it is pruned, and
//! each pruned fact is handed back to be shown on the check page as going
//! with the removed row: the save goes through, and the official sees
//! what their removal takes with it and can put the row back.

use std::collections::HashSet;

use domain::Agreement;
use domain::model::{AppendixStatus, Financing, Member};
use domain::value::Id;

use super::kept::{KeptFact, Step};

/// The ids of the document's elements that version 1 no longer has.
struct Removed {
    parties: HashSet<Id>,
    activities: HashSet<Id>,
    lines: HashSet<Id>,
    bodies: HashSet<Id>,
    appendices: HashSet<Id>,
}

impl Removed {
    fn between(document: &Agreement, kept: &Agreement) -> Removed {
        fn gone<'a>(
            before: impl Iterator<Item = &'a Id>,
            after: impl Iterator<Item = &'a Id>,
        ) -> HashSet<Id> {
            let after: HashSet<&Id> = after.collect();
            before.filter(|id| !after.contains(id)).cloned().collect()
        }
        Removed {
            parties: gone(
                document.parties.iter().map(|p| &p.id),
                kept.parties.iter().map(|p| &p.id),
            ),
            activities: gone(
                document.activities.iter().map(|x| &x.id),
                kept.activities.iter().map(|x| &x.id),
            ),
            lines: gone(line_ids(document), line_ids(kept)),
            bodies: gone(
                document.governance.iter().map(|b| &b.id),
                kept.governance.iter().map(|b| &b.id),
            ),
            appendices: gone(
                document.appendices.iter().map(|x| &x.id),
                kept.appendices.iter().map(|x| &x.id),
            ),
        }
    }

    fn is_empty(&self) -> bool {
        [
            &self.parties,
            &self.activities,
            &self.lines,
            &self.bodies,
            &self.appendices,
        ]
        .iter()
        .all(|s| s.is_empty())
    }
}

/// Every budget line a contribution may cover: of the agreement's own
/// financing and each appendix's, alternatives included (as the checks
/// know them).
fn line_ids(a: &Agreement) -> impl Iterator<Item = &Id> {
    financings(a)
        .flat_map(|f| {
            f.budget_lines
                .iter()
                .chain(f.alternatives.iter().flat_map(|x| x.budget_lines.iter()))
        })
        .map(|l| &l.id)
}

fn financings(a: &Agreement) -> impl Iterator<Item = &Financing> {
    a.financing
        .iter()
        .chain(a.appendices.iter().filter_map(|x| x.financing.as_ref()))
}

/// The pruned facts: where each stood and the removed element's id.
#[derive(Default)]
struct Gone(Vec<KeptFact>);

impl Gone {
    fn note(&mut self, path: Vec<Step>, id: &Id) {
        self.0.push(KeptFact {
            path,
            value: id.as_str().to_owned(),
        });
    }

    /// Empties `slot` when it points at an id of `removed`.
    fn clear(&mut self, slot: &mut Option<Id>, removed: &HashSet<Id>, path: Vec<Step>) {
        if let Some(id) = slot.take_if(|id| removed.contains(id)) {
            self.note(path, &id);
        }
    }

    /// Takes the ids of `removed` out of `ids`.
    fn prune(&mut self, ids: &mut Vec<Id>, removed: &HashSet<Id>, path: &[Step]) {
        ids.retain(|id| {
            let keep = !removed.contains(id);
            if !keep {
                self.note(path.to_vec(), id);
            }
            keep
        });
    }

    /// Drops the elements of `list` that point (`by`) at a removed id:
    /// they mean nothing without what they point at.
    fn drop_where<T>(
        &mut self,
        list: &mut Vec<T>,
        by: impl Fn(&T) -> Option<&Id>,
        path: impl Fn(usize) -> Vec<Step>,
    ) {
        let mut i = 0;
        list.retain(|x| {
            let keep = match by(x) {
                Some(id) => {
                    self.note(path(i), id);
                    false
                }
                None => true,
            };
            i += 1;
            keep
        });
    }
}

fn key(k: &str) -> Step {
    Step::Key(k.to_owned())
}

fn item(k: &str, i: usize, name: Option<&str>) -> Step {
    Step::Item(k.to_owned(), i, name.map(str::to_owned))
}

/// Prunes from `kept` (version 1 of `document`) every reference to an
/// element of the document that the official removed in the forms, and
/// gives back what was pruned, each at its place in `kept`, its value the
/// removed element's id (named through the document).
pub(crate) fn drop_what_went_with_removed_rows(
    document: &Agreement,
    kept: &mut Agreement,
) -> Vec<KeptFact> {
    let removed = Removed::between(document, kept);
    let mut gone = Gone::default();
    if removed.is_empty() {
        return gone.0;
    }
    gone.clear(&mut kept.employer, &removed.parties, vec![key("employer")]);
    activities_and_appendices(kept, &removed, &mut gone);
    if let Some(f) = &mut kept.financing {
        financing(f, &[key("financing")], &removed, &mut gone);
    }
    for (i, x) in kept.appendices.iter_mut().enumerate() {
        let at = [item("appendices", i, Some(&x.title)), key("financing")];
        if let Some(f) = &mut x.financing {
            financing(f, &at, &removed, &mut gone);
        }
    }
    governance(kept, &removed, &mut gone);
    reporting(document, kept, &removed, &mut gone);
    for (i, t) in kept.termination.iter_mut().enumerate() {
        let at = vec![item("termination", i, None), key("repaying_party")];
        gone.clear(&mut t.repaying_party, &removed.parties, at);
    }
    if let Some(trail) = &mut kept.decision_trail {
        for (i, d) in trail.decisions.iter_mut().enumerate() {
            let at = vec![
                key("decision_trail"),
                item("decisions", i, None),
                key("party"),
            ];
            gone.clear(&mut d.party, &removed.parties, at);
        }
    }
    gone.0
}

fn activities_and_appendices(kept: &mut Agreement, removed: &Removed, gone: &mut Gone) {
    for (i, x) in kept.activities.iter_mut().enumerate() {
        let at = item("activities", i, Some(&x.name));
        let by = vec![at.clone(), key("performed_by")];
        gone.clear(&mut x.performed_by, &removed.parties, by);
        gone.clear(
            &mut x.appendix,
            &removed.appendices,
            vec![at, key("appendix")],
        );
    }
    for (i, x) in kept.appendices.iter_mut().enumerate() {
        let at = item("appendices", i, Some(&x.title));
        let activity = vec![at.clone(), key("activity")];
        gone.clear(&mut x.activity, &removed.activities, activity);
        // Replaced by an appendix that is no longer there: it has ended
        // all the same, so it is dropped rather than made to apply again.
        if let AppendixStatus::Replaced { by } = &x.status
            && removed.appendices.contains(by)
        {
            gone.note(vec![at, key("status")], by);
            x.status = AppendixStatus::Dropped;
        }
    }
}

/// A financing's contributions, alternatives and invoicing. A
/// contribution or invoicing of a removed party goes with it; an
/// invoicing with no party left to invoice, too.
fn financing(f: &mut Financing, at: &[Step], removed: &Removed, gone: &mut Gone) {
    let path = |list: &str, i: usize, field: &str| {
        let mut p = at.to_vec();
        p.extend([item(list, i, None), key(field)]);
        p
    };
    let of_removed = |id: &Id| removed.parties.contains(id);
    gone.drop_where(
        &mut f.contributions,
        |c| Some(&c.party).filter(|p| of_removed(p)),
        |i| path("contributions", i, "party"),
    );
    for (i, c) in f.contributions.iter_mut().enumerate() {
        gone.prune(
            &mut c.covers,
            &removed.lines,
            &path("contributions", i, "covers"),
        );
    }
    for (i, alt) in f.alternatives.iter_mut().enumerate() {
        let mut at = at.to_vec();
        at.push(item("alternatives", i, Some(&alt.name)));
        gone.drop_where(
            &mut alt.contributions,
            |c| Some(&c.party).filter(|p| of_removed(p)),
            |j| {
                [
                    at.clone(),
                    vec![item("contributions", j, None), key("party")],
                ]
                .concat()
            },
        );
    }
    gone.drop_where(
        &mut f.invoicing,
        |x| Some(&x.from).filter(|p| of_removed(p)),
        |i| path("invoicing", i, "from"),
    );
    let mut i = 0;
    f.invoicing.retain_mut(|x| {
        let invoiced_someone = !x.to.is_empty();
        gone.prune(&mut x.to, &removed.parties, &path("invoicing", i, "to"));
        i += 1;
        !(invoiced_someone && x.to.is_empty())
    });
}

/// A body's members, convener and minute keeper of a removed party, and
/// its duty to report to a removed body.
fn governance(kept: &mut Agreement, removed: &Removed, gone: &mut Gone) {
    fn of_removed<'a>(m: &'a Member, parties: &HashSet<Id>) -> Option<&'a Id> {
        m.party.as_ref().filter(|p| parties.contains(p))
    }
    for (i, b) in kept.governance.iter_mut().enumerate() {
        let at = item("governance", i, Some(&b.name));
        let parties = &removed.parties;
        gone.drop_where(
            &mut b.members,
            |m| of_removed(m, parties),
            |j| vec![at.clone(), item("members", j, None), key("party")],
        );
        for (field, slot) in [
            ("convener", &mut b.convener),
            ("minute_keeper", &mut b.minute_keeper),
        ] {
            if let Some(id) = slot.as_ref().and_then(|m| of_removed(m, parties)).cloned() {
                gone.note(vec![at.clone(), key(field), key("party")], &id);
                *slot = None;
            }
        }
        if let Some(to) = b.reports_to.take_if(|r| removed.bodies.contains(&r.body)) {
            gone.note(vec![at, key("reports_to"), key("body")], &to.body);
        }
    }
}

/// A duty's reporting parties and its recipient. A duty all of whose
/// parties were removed keeps their names as who reports, in words:
/// with no party left it would read as all parties' joint duty.
fn reporting(document: &Agreement, kept: &mut Agreement, removed: &Removed, gone: &mut Gone) {
    let party_name = |id: &str| {
        let party = document.parties.iter().find(|p| p.id.as_str() == id);
        party.map(|p| p.name.clone())
    };
    let body_name = |id: &str| {
        let body = document.governance.iter().find(|b| b.id.as_str() == id);
        body.map(|b| b.name.clone())
    };
    for (i, r) in kept.reporting.iter_mut().enumerate() {
        let at = vec![item("reporting", i, Some(&r.title)), key("from")];
        let names: Vec<String> = (r.from.iter())
            .filter(|p| removed.parties.contains(*p))
            .filter_map(|p| party_name(p.as_str()))
            .collect();
        gone.prune(&mut r.from, &removed.parties, &at);
        if r.from.is_empty() && !names.is_empty() && r.by.is_none() {
            r.by = Some(names.join(", "));
        }
        // A recipient is an id or words; a removed one is named in words.
        let is = |ids: &HashSet<Id>, to: &str| ids.iter().any(|id| id.as_str() == to);
        let to_removed = |to: &String| {
            if is(&removed.parties, to) {
                party_name(to)
            } else if is(&removed.bodies, to) {
                body_name(to)
            } else {
                None
            }
        };
        if let Some(name) = r.to.as_ref().and_then(to_removed) {
            r.to = Some(name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::format::Syntax;

    fn example(file: &str) -> Agreement {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples")
            .join(file);
        let text = std::fs::read_to_string(path).unwrap();
        domain::format::parse(&text, Syntax::Toml).unwrap()
    }

    fn unknown_references(a: &Agreement) -> Vec<String> {
        domain::check::check(a)
            .into_iter()
            .filter(|x| x.code == "unknown-reference")
            .map(|x| format!("{:?}", x.path))
            .collect()
    }

    /// Seed 000 without Region Gotland: its decision, the alternatives'
    /// contributions, its place in the dialogue go; the reports sent to
    /// it name it in words.
    #[test]
    fn a_removed_party_leaves_no_reference_in_the_decisions_and_alternatives() {
        let document = example("000-gotland-rkg.toml");
        let mut kept = document.clone();
        kept.parties.retain(|p| p.id.as_str() != "region-gotland");
        let gone = drop_what_went_with_removed_rows(&document, &mut kept);
        assert_eq!(unknown_references(&kept), Vec::<String>::new());
        let trail = kept.decision_trail.as_ref().unwrap();
        assert_eq!(trail.decisions[0].party, None);
        let f = kept.financing.as_ref().unwrap();
        assert!(f.alternatives.iter().all(|x| x.contributions.is_empty()));
        assert_eq!(f.contributions.len(), 1);
        assert_eq!(kept.governance[0].members.len(), 1);
        assert_eq!(kept.reporting[0].to.as_deref(), Some("Region Gotland"));
        // The decision, two alternatives' contributions, the contribution,
        // the dialogue's member.
        assert_eq!(gone.len(), 5, "{gone:#?}");
        assert!(gone.iter().all(|f| f.value == "region-gotland"));
    }

    /// Seed 004 with appendix 2 removed, appendix 1 said to be replaced
    /// by it: appendix 1 has ended all the same, and the activity appendix
    /// 2 set out no longer points at it.
    #[test]
    fn an_appendix_replaced_by_a_removed_one_is_dropped() {
        let document = {
            let mut a = example("004-goteborg-eu-migranter.toml");
            a.appendices[0].status = AppendixStatus::Replaced {
                by: a.appendices[1].id.clone(),
            };
            a
        };
        let mut kept = document.clone();
        kept.appendices.remove(1);
        let gone = drop_what_went_with_removed_rows(&document, &mut kept);
        assert_eq!(unknown_references(&kept), Vec::<String>::new());
        assert_eq!(kept.appendices[0].status, AppendixStatus::Dropped);
        assert_eq!(kept.activities[1].appendix, None);
        assert_eq!(gone.len(), 2, "{gone:#?}");
        assert!(gone.iter().all(|f| f.value == "bilaga-2"));
    }

    /// Nothing removed, nothing changed.
    #[test]
    fn with_every_row_kept_the_document_stays_whole() {
        for file in ["000-gotland-rkg.toml", "004-goteborg-eu-migranter.toml"] {
            let document = example(file);
            let mut kept = document.clone();
            assert!(drop_what_went_with_removed_rows(&document, &mut kept).is_empty());
            assert_eq!(kept, document);
        }
    }
}
