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
//! what their removal takes with it and can put the row back. Where the
//! document says who does something and the removal would leave no one
//! (a duty all of whose reporting parties were removed, a report to a
//! removed body), the fact is kept naming the removed row in words, and
//! listed apart as kept so. An appendix's party is a field of its form:
//! with its party removed the form asks for another.

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
            lines: gone(
                document.budget_lines().map(|l| &l.id),
                kept.budget_lines().map(|l| &l.id),
            ),
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

/// What went with the removed rows, each fact where it stood, its value
/// the removed element's id (named through the document).
#[derive(Default, Debug)]
pub(crate) struct Pruned {
    /// Facts not saved in version 1.
    pub gone: Vec<KeptFact>,
    /// Facts saved naming the removed element in words instead of by id.
    pub worded: Vec<KeptFact>,
}

/// The pruned facts, as they are met.
#[derive(Default)]
struct Gone(Pruned);

fn fact(path: Vec<Step>, id: &Id) -> KeptFact {
    KeptFact {
        path,
        value: id.as_str().to_owned(),
    }
}

impl Gone {
    fn note(&mut self, path: Vec<Step>, id: &Id) {
        self.0.gone.push(fact(path, id));
    }

    /// A fact kept naming the removed element `id` in words.
    fn word(&mut self, path: Vec<Step>, id: &Id) {
        self.0.worded.push(fact(path, id));
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
/// gives back what was pruned (see [`Pruned`]), each at its place in `kept`.
pub(crate) fn drop_what_went_with_removed_rows(
    document: &Agreement,
    kept: &mut Agreement,
) -> Pruned {
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
        // Replaced by an appendix that is no longer there: what the
        // document says of its status goes with that appendix, and version
        // 1 states none rather than one the document never gave.
        if let AppendixStatus::Replaced { by } = &x.status
            && removed.appendices.contains(by)
        {
            gone.note(vec![at, key("status")], by);
            x.status = AppendixStatus::NotStated;
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
        for (j, c) in alt.contributions.iter_mut().enumerate() {
            let covers = [
                at.clone(),
                vec![item("contributions", j, None), key("covers")],
            ];
            gone.prune(&mut c.covers, &removed.lines, &covers.concat());
        }
    }
    invoicing(f, at, removed, gone);
}

/// An invoicing from a removed party goes, and one with no party left to
/// invoice; each numbered as in the document, the whole row said to go.
fn invoicing(f: &mut Financing, at: &[Step], removed: &Removed, gone: &mut Gone) {
    let mut i = 0;
    f.invoicing.retain_mut(|x| {
        let mut path = at.to_vec();
        path.push(item("invoicing", i, None));
        i += 1;
        let whole_row = |field: &str| [path.clone(), vec![key(field), key("whole_row")]].concat();
        if removed.parties.contains(&x.from) {
            gone.note(whole_row("from"), &x.from);
            return false;
        }
        let invoiced_someone = !x.to.is_empty();
        let to: Vec<Id> =
            x.to.iter()
                .filter(|p| removed.parties.contains(*p))
                .cloned()
                .collect();
        x.to.retain(|p| !removed.parties.contains(p));
        let keep = !(invoiced_someone && x.to.is_empty());
        for id in &to {
            let at = if keep {
                [path.clone(), vec![key("to")]].concat()
            } else {
                whole_row("to")
            };
            gone.note(at, id);
        }
        keep
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
/// with no party left it would read as all parties' joint duty. A
/// recipient is an id or words; a removed one is named in words.
fn reporting(document: &Agreement, kept: &mut Agreement, removed: &Removed, gone: &mut Gone) {
    let name = |id: &Id| super::draft::named(document, id.as_str());
    for (i, r) in kept.reporting.iter_mut().enumerate() {
        let at = item("reporting", i, Some(&r.title));
        let of_removed: Vec<Id> = (r.from.iter())
            .filter(|p| removed.parties.contains(*p))
            .cloned()
            .collect();
        let all_removed = !of_removed.is_empty() && of_removed.len() == r.from.len();
        if all_removed && r.by.is_none() {
            r.from.clear();
            let names: Vec<String> = of_removed.iter().filter_map(name).collect();
            r.by = Some(names.join(", "));
            for id in &of_removed {
                gone.word(vec![at.clone(), key("by")], id);
            }
        } else {
            gone.prune(&mut r.from, &removed.parties, &[at.clone(), key("from")]);
        }
        let to = r.to.as_deref().and_then(|to| {
            let id = to.parse::<Id>().ok()?;
            (removed.parties.contains(&id) || removed.bodies.contains(&id)).then_some(id)
        });
        if let Some(id) = to
            && let Some(words) = name(&id)
        {
            r.to = Some(words);
            gone.word(vec![at, key("to")], &id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::draft::tests::{example, unknown_references};
    use super::*;
    use domain::model::{BudgetLine, FundingAlternative};

    /// Seed 000 without Region Gotland: its decision, the alternatives'
    /// contributions, its place in the dialogue go; the report sent to
    /// it is kept, naming it in words.
    #[test]
    fn a_removed_party_leaves_no_reference_in_the_decisions_and_alternatives() {
        let document = example("gotland");
        let mut kept = document.clone();
        kept.parties.retain(|p| p.id.as_str() != "region-gotland");
        let pruned = drop_what_went_with_removed_rows(&document, &mut kept);
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
        let gone = &pruned.gone;
        assert_eq!(gone.len(), 5, "{gone:#?}");
        assert!(gone.iter().all(|f| f.value == "region-gotland"));
        // Each report the document sends to Region Gotland.
        let to_it = document.reporting.iter();
        let to_it = to_it.filter(|r| r.to.as_deref() == Some("region-gotland"));
        assert_eq!(pruned.worded.len(), to_it.count(), "{pruned:#?}");
        let to = vec![
            item("reporting", 0, Some(&kept.reporting[0].title)),
            key("to"),
        ];
        assert_eq!(pruned.worded[0].path, to);
        assert!(pruned.worded.iter().all(|f| f.value == "region-gotland"));
    }

    /// Seed 004 with appendix 2 removed, appendix 1 said to be replaced
    /// by it: appendix 1 states no status (the document gave none but the
    /// replacement), and the activity appendix 2 set out no longer points
    /// at it.
    #[test]
    fn an_appendix_replaced_by_a_removed_one_states_no_status() {
        let document = {
            let mut a = example("eu-migranter");
            a.appendices[0].status = AppendixStatus::Replaced {
                by: a.appendices[1].id.clone(),
            };
            a
        };
        let mut kept = document.clone();
        kept.appendices.remove(1);
        let gone = drop_what_went_with_removed_rows(&document, &mut kept).gone;
        assert_eq!(unknown_references(&kept), Vec::<String>::new());
        assert_eq!(kept.appendices[0].status, AppendixStatus::NotStated);
        assert_eq!(kept.activities[1].appendix, None);
        assert_eq!(gone.len(), 2, "{gone:#?}");
        assert!(gone.iter().all(|f| f.value == "bilaga-2"));
        let status = vec![
            item("appendices", 0, Some(&kept.appendices[0].title)),
            key("status"),
        ];
        assert!(gone.iter().any(|f| f.path == status), "{gone:#?}");
    }

    /// An alternative's contribution that covers a removed budget line no
    /// longer says it does.
    #[test]
    fn an_alternatives_contribution_no_longer_covers_a_removed_line() {
        let mut document = example("gotland");
        let f = document.financing.as_mut().unwrap();
        let line: BudgetLine = serde_json::from_value(serde_json::json!({
            "id": "volontarer", "name": "volontärer", "amount": "10000"
        }))
        .unwrap();
        let alt: &mut FundingAlternative = &mut f.alternatives[0];
        alt.budget_lines.push(line);
        alt.contributions[0]
            .covers
            .push("volontarer".parse().unwrap());
        let mut kept = document.clone();
        let alt = &mut kept.financing.as_mut().unwrap().alternatives[0];
        alt.budget_lines.retain(|l| l.id.as_str() != "volontarer");
        let gone = drop_what_went_with_removed_rows(&document, &mut kept).gone;
        assert_eq!(unknown_references(&kept), Vec::<String>::new());
        let alt = &kept.financing.as_ref().unwrap().alternatives[0];
        assert!(alt.contributions[0].covers.is_empty());
        assert_eq!(gone.len(), 1, "{gone:#?}");
        assert_eq!(gone[0].value, "volontarer");
        assert_eq!(gone[0].path.last(), Some(&key("covers")));
    }

    /// Seed 003 with a second invoicing, from Malmö stad to Röda Korset
    /// and Region Skåne, and Röda Korset removed: the first invoicing, from
    /// it, goes whole; the second keeps Region Skåne, and each is numbered
    /// as in the document.
    #[test]
    fn invoicing_rows_keep_the_documents_numbers() {
        let mut document = example("skane");
        let f = document.financing.as_mut().unwrap();
        let mut second = f.invoicing[0].clone();
        second.from = "malmo-stad".parse().unwrap();
        second.to = vec![
            "svenska-roda-korset".parse().unwrap(),
            "region-skane".parse().unwrap(),
        ];
        f.invoicing.push(second);
        let mut kept = document.clone();
        kept.parties
            .retain(|p| p.id.as_str() != "svenska-roda-korset");
        let gone = drop_what_went_with_removed_rows(&document, &mut kept).gone;
        let invoicing = &kept.financing.as_ref().unwrap().invoicing;
        assert_eq!(invoicing.len(), 1);
        assert_eq!(invoicing[0].to, ["region-skane".parse::<Id>().unwrap()]);
        let at = |i: usize, rest: &[&str]| {
            let mut p = vec![key("financing"), item("invoicing", i, None)];
            p.extend(rest.iter().map(|k| key(k)));
            p
        };
        let paths: Vec<&Vec<Step>> = gone
            .iter()
            .filter(|f| matches!(f.path.get(1), Some(Step::Item(k, _, _)) if k == "invoicing"))
            .map(|f| &f.path)
            .collect();
        assert_eq!(paths, [&at(0, &["from", "whole_row"]), &at(1, &["to"])]);
    }

    /// A removed row nothing refers to takes nothing with it: the pruning
    /// walks the whole document and changes nothing else.
    #[test]
    fn a_removed_row_nothing_refers_to_leaves_the_document_whole() {
        for id in ["gotland", "eu-migranter"] {
            let mut document = example(id);
            let mut extra = document.parties[0].clone();
            extra.id = "ingen-hanvisar-hit".parse().unwrap();
            document.parties.push(extra);
            let mut kept = document.clone();
            kept.parties.pop();
            let expected = kept.clone();
            let pruned = drop_what_went_with_removed_rows(&document, &mut kept);
            assert!(pruned.gone.is_empty() && pruned.worded.is_empty());
            assert_eq!(kept, expected);
        }
    }
}
