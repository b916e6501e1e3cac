//! The agreement document: title, parties, the eleven sections in the order
//! the seeds use, the signature block, contact persons and the appendices.

use domain::Agreement;
use domain::model::{
    Activity, AgreementKind, Appendix, AppendixStatus, Contribution, ExitWord, ExtensionOption,
    Financing, GovernanceBody, Party, Relation, ReportingDuty, SectionKind, Settlement, Signatory,
    TargetPriority, Term, TerminationClause,
};
use domain::rules::obligations::extension_deadline;
use domain::rules::schedule::over_period;
use domain::value::Money;

use super::{Ctx, alternatives_note, years_of};
use crate::fmt::{self, Block, blocks};
use crate::view::{
    DocView, Fact, FactGroup, MISSING, Part, PartyView, Section, SignatureView, SigningView, Table,
};

/// The sections every agreement has, in the seeds' order.
const CANON: [(&str, &str); 11] = [
    ("bakgrund", "Bakgrund"),
    ("syfte", "Syfte"),
    ("malgrupp", "Målgrupp"),
    ("vardegrund", "Värdegrund"),
    ("insatser", "Insatser"),
    ("organisation", "Organisation och samverkan"),
    ("ekonomi", "Ekonomi"),
    ("giltighet", "Giltighet och förlängning"),
    ("uppsagning", "Uppsägning, hävning och återbetalning"),
    ("uppfoljning", "Uppföljning"),
    ("omforhandling", "Omförhandling och tvist"),
];
const BACKGROUND: usize = 0;
const PURPOSE: usize = 1;
const TARGET: usize = 2;
const VALUES: usize = 3;
const ACTIVITIES: usize = 4;
const ORGANISATION: usize = 5;
const FINANCING: usize = 6;
const TERM: usize = 7;
const TERMINATION: usize = 8;
const FOLLOW_UP: usize = 9;
const RENEGOTIATION: usize = 10;
/// "Övrigt": text of kind `other`, shown only when there is some.
const OTHER: usize = 11;

/// Where the text of a section kind stands in the document.
enum Place {
    Canon(usize),
    Preamble,
    Skip,
}

fn place(kind: SectionKind) -> Place {
    use SectionKind as K;
    match kind {
        K::Background | K::Form | K::LegalBasis => Place::Canon(BACKGROUND),
        K::Purpose | K::Goals => Place::Canon(PURPOSE),
        K::TargetGroup => Place::Canon(TARGET),
        K::Values => Place::Canon(VALUES),
        K::Activities | K::Scope => Place::Canon(ACTIVITIES),
        K::Organisation | K::RelatedWork | K::Marketing => Place::Canon(ORGANISATION),
        K::Financing => Place::Canon(FINANCING),
        K::Term | K::Extension => Place::Canon(TERM),
        K::Termination => Place::Canon(TERMINATION),
        K::FollowUp => Place::Canon(FOLLOW_UP),
        K::Renegotiation => Place::Canon(RENEGOTIATION),
        K::Parties => Place::Preamble,
        // The signature block is generated from the signatories.
        K::Signatures => Place::Skip,
        K::Other => Place::Canon(OTHER),
    }
}

fn title_of(index: usize) -> String {
    match CANON.get(index) {
        Some((_, title)) => format!("{}. {title}", index + 1),
        None => format!("{}. Övrigt", CANON.len() + 1),
    }
}

/// Compare headings loosely: "Syfte" and "Syfte:" are the same heading.
fn same_heading(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.trim().trim_end_matches(':').trim().to_lowercase();
    norm(a) == norm(b)
}

pub fn compose(a: &Agreement, ctx: &Ctx) -> DocView {
    let mut canon = Canon::new();
    let preamble = canon.place_texts(a);
    canon.add_data(a, ctx);
    let case = ctx.case_number.clone();
    DocView {
        kind: "agreement",
        lang: "sv",
        doc_title: a.title.clone(),
        authors: a.parties.iter().map(|p| p.name.clone()).collect(),
        date: ctx.date.map(Into::into),
        header_left: "Överenskommelse om idéburet offentligt partnerskap".into(),
        header_right: case
            .map(|c| vec![format!("Ärendenummer {c}")])
            .unwrap_or_default(),
        kicker: "Överenskommelse om idéburet offentligt partnerskap".into(),
        title: a.title.clone(),
        subtitle: subtitle(a),
        intro_facts: Vec::new(),
        parties: parties(a),
        preamble,
        sections: canon.finish(),
        signing: Some(signing(a)),
        contacts: contacts(a),
        appendices: a.appendices.iter().map(|x| appendix(x, a, ctx)).collect(),
        missing_label: MISSING,
    }
}

/// The eleven sections and "Övrigt" as they fill up, and for each whether
/// the agreement has text of its own there and whether its data adds some.
struct Canon {
    sections: Vec<Section>,
    has_text: [bool; 12],
    has_data: [bool; 12],
}

impl Canon {
    fn new() -> Self {
        let mut sections: Vec<Section> = CANON
            .iter()
            .enumerate()
            .map(|(i, (anchor, _))| Section::new(format!("s-{anchor}"), title_of(i)))
            .collect();
        sections.push(Section::new("s-ovrigt", title_of(OTHER)));
        Canon {
            sections,
            has_text: [false; 12],
            has_data: [false; 12],
        }
    }

    /// Each text of the agreement under its section; the text that stands
    /// with the parties comes back as the preamble.
    fn place_texts(&mut self, a: &Agreement) -> Vec<Part> {
        let mut preamble: Vec<Part> = Vec::new();
        for s in &a.sections {
            let body = blocks(&s.text);
            let heading = (!s.heading.trim().is_empty()).then(|| s.heading.trim().to_owned());
            match place(s.kind) {
                Place::Skip => {}
                Place::Preamble => {
                    // A section headed "Parter" only lists what the parties
                    // block shows from the data; other text about the parties
                    // (an opening paragraph, "Partners") stands under the block.
                    let just_the_list = heading
                        .as_deref()
                        .is_some_and(|h| same_heading(h, "Parter"));
                    // A heading without text of its own stays, as the
                    // agreement sets it.
                    if (!body.is_empty() || heading.is_some()) && !just_the_list {
                        preamble.push(Part {
                            heading,
                            blocks: body,
                        });
                    }
                }
                Place::Canon(i) => {
                    if !body.is_empty() || heading.is_some() {
                        self.place_text(i, heading, body, &s.also);
                    }
                }
            }
        }
        preamble
    }

    /// A text under section `i`, pointed to from the other sections it covers.
    fn place_text(
        &mut self,
        i: usize,
        heading: Option<String>,
        body: Vec<Block>,
        also: &[SectionKind],
    ) {
        let body_empty = body.is_empty();
        let canon_title = CANON.get(i).map_or("Övrigt", |(_, t)| t);
        let heading = heading.filter(|h| !same_heading(h, canon_title));
        if heading.is_none() && body_empty {
            return;
        }
        if let Some(section) = self.sections.get_mut(i) {
            section.parts.push(Part {
                heading: heading.clone(),
                blocks: body,
            });
        }
        // A heading alone does not make the section's text: without data
        // the section is still said to be missing.
        if let Some(flag) = self.has_text.get_mut(i) {
            *flag |= !body_empty;
        }
        // The same text also covers other sections: point there.
        for also in also {
            if let Place::Canon(j) = place(*also)
                && j != i
                && let Some(other) = self.sections.get_mut(j)
            {
                let under = heading
                    .as_ref()
                    .map(|h| format!(" (under rubriken ”{h}”)"))
                    .unwrap_or_default();
                let line = format!("Se även avsnitt {}{under}.", title_of(i));
                if !other.see_also.contains(&line) {
                    other.see_also.push(line);
                }
            }
        }
    }

    /// What the agreement's data says, section by section.
    fn add_data(&mut self, a: &Agreement, ctx: &Ctx) {
        let s = &mut self.sections;
        // 1. Bakgrund: related agreements.
        s[BACKGROUND].tables.extend(related(a));
        // 2. Syfte (with goals), 3. Målgrupp, 4. Värdegrund: the lists stand
        // in when the agreement has no text of its own.
        if !self.has_text[PURPOSE] {
            s[PURPOSE].parts.extend(purposes(a));
        }
        self.has_data[PURPOSE] = !a.purposes.is_empty() || !a.goals.is_empty();
        if !self.has_text[TARGET] {
            s[TARGET].parts.extend(target_groups(a));
        }
        self.has_data[TARGET] = !a.target_groups.is_empty();
        if !self.has_text[VALUES] && !a.values.is_empty() {
            s[VALUES].parts.push(list(None, a.values.clone()));
        }
        self.has_data[VALUES] = !a.values.is_empty();
        // 5. Insatser: who does what, how much.
        s[ACTIVITIES].tables.extend(activities(a, ctx));
        self.has_data[ACTIVITIES] = !a.activities.is_empty();
        // 6. Organisation och samverkan.
        s[ORGANISATION].groups.extend(organisation(a, ctx));
        self.has_data[ORGANISATION] = !a.governance.is_empty();
        // 7. Ekonomi.
        if let Some(f) = &a.financing {
            financing(f, a.term.as_ref(), ctx, &mut s[FINANCING]);
            self.has_data[FINANCING] = true;
        }
        // 8. Giltighet och förlängning.
        s[TERM].groups.extend(summary(term(a)));
        self.has_data[TERM] = a.term.is_some() || a.extension.is_some();
        // 9. Uppsägning, hävning och återbetalning.
        s[TERMINATION]
            .groups
            .extend(a.termination.iter().map(|c| termination(c, ctx)));
        self.has_data[TERMINATION] = !a.termination.is_empty();
        // 10. Uppföljning.
        s[FOLLOW_UP].tables.extend(follow_up(a, ctx));
        self.has_data[FOLLOW_UP] = !a.reporting.is_empty();
        // An appendix's own notice and reports stand under it: point there.
        let own = |has: fn(&Appendix) -> bool| -> Vec<u32> {
            a.appendices
                .iter()
                .filter(|x| has(x))
                .map(|x| x.number)
                .collect()
        };
        let notice = own(|x| !x.termination.is_empty());
        s[TERMINATION]
            .see_also
            .extend(appendices_line(&notice, "egna villkor för uppsägning"));
        let reports = own(|x| !x.reporting.is_empty());
        s[FOLLOW_UP]
            .see_also
            .extend(appendices_line(&reports, "egen rapportering"));
        // 11. Omförhandling och tvist.
        let reneg = renegotiation(a);
        self.has_data[RENEGOTIATION] = !reneg.is_empty();
        s[RENEGOTIATION].groups.extend(summary(reneg));
    }

    /// The sections, each without text or data marked missing; "Övrigt"
    /// only when there is some.
    fn finish(mut self) -> Vec<Section> {
        let other = self.sections.pop();
        for (i, section) in self.sections.iter_mut().enumerate() {
            let present = self.has_text[i] || self.has_data[i] || !section.see_also.is_empty();
            if !present {
                section.missing = Some(format!(
                    "Överenskommelsen innehåller ingen text eller uppgift under ”{}”.",
                    CANON.get(i).map_or("", |(_, t)| t)
                ));
            }
        }
        if let Some(other) = other
            && self.has_text[OTHER]
        {
            self.sections.push(other);
        }
        self.sections
    }
}

/// A bulleted list under an optional heading.
fn list(heading: Option<&str>, items: Vec<String>) -> Part {
    Part {
        heading: heading.map(str::to_owned),
        blocks: vec![Block::List { items }],
    }
}

/// Facts in summary, as a group; none when there are none.
fn summary(facts: Vec<Fact>) -> Option<FactGroup> {
    (!facts.is_empty()).then(|| FactGroup {
        title: Some("Villkor i sammandrag".into()),
        facts,
    })
}

/// A table of text (no figures), without sums or a note.
fn text_table(caption: &str, head: &[&str], rows: Vec<Vec<String>>) -> Table {
    Table {
        caption: caption.into(),
        numeric: vec![false; head.len()],
        head: head.iter().map(|h| (*h).to_owned()).collect(),
        rows,
        foot: Vec::new(),
        note: None,
    }
}

fn related(a: &Agreement) -> Option<Table> {
    if a.related.is_empty() {
        return None;
    }
    let rows = a
        .related
        .iter()
        .map(|r| {
            vec![
                r.title.clone(),
                match r.relation {
                    Relation::Predecessor => "Tidigare överenskommelse",
                    Relation::Parallel => "Gällande vid sidan av denna",
                    Relation::Basis => "Underlag",
                }
                .to_owned(),
                r.parties.join(", "),
                r.period.clone().unwrap_or_default(),
            ]
        })
        .collect();
    Some(text_table(
        "Relaterade överenskommelser och beslut",
        &["Benämning", "Slag", "Parter", "Tid"],
        rows,
    ))
}

fn purposes(a: &Agreement) -> Vec<Part> {
    let mut parts = Vec::new();
    if !a.purposes.is_empty() {
        parts.push(list(None, a.purposes.clone()));
    }
    if !a.goals.is_empty() {
        parts.push(list(Some("Målsättning"), a.goals.clone()));
    }
    parts
}

/// The target groups, the primary ones first.
fn target_groups(a: &Agreement) -> Option<Part> {
    if a.target_groups.is_empty() {
        return None;
    }
    let mut groups: Vec<_> = a.target_groups.iter().collect();
    groups.sort_by_key(|g| match g.priority {
        TargetPriority::Primary => 0,
        TargetPriority::Unranked => 1,
        TargetPriority::Secondary => 2,
    });
    Some(list(
        None,
        groups.iter().map(|g| g.description.clone()).collect(),
    ))
}

fn activities(a: &Agreement, ctx: &Ctx) -> Option<Table> {
    if a.activities.is_empty() {
        return None;
    }
    let with_appendix = a.activities.iter().any(|x| x.appendix.is_some());
    let mut head = vec!["Insats", "Utförs av", "Omfattning"];
    if with_appendix {
        head.push("Bilaga");
    }
    let rows = a
        .activities
        .iter()
        .map(|act| {
            let mut row = vec![
                act.name.clone(),
                act.performed_by
                    .as_ref()
                    .map(|p| ctx.party_name(p))
                    .unwrap_or_default(),
                capacity(act),
            ];
            if with_appendix {
                row.push(
                    act.appendix
                        .as_ref()
                        .and_then(|id| a.appendices.iter().find(|x| &x.id == id))
                        .map(|x| format!("Bilaga {}", x.number))
                        .unwrap_or_default(),
                );
            }
            row
        })
        .collect();
    Some(text_table("Insatser i sammandrag", &head, rows))
}

/// "cirka 40 platser per år, 2 grupper under perioden".
fn capacity(act: &Activity) -> String {
    act.capacity
        .iter()
        .map(|c| {
            format!(
                "{}{} {}{}",
                if c.approximate { "cirka " } else { "" },
                c.count,
                c.unit,
                if c.per_year {
                    " per år"
                } else {
                    " under perioden"
                }
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The bodies, who sits in them, how often they meet, whom they report to;
/// and who employs the staff.
fn organisation(a: &Agreement, ctx: &Ctx) -> Vec<FactGroup> {
    let mut groups: Vec<FactGroup> = a
        .governance
        .iter()
        .map(|g| FactGroup {
            title: Some(g.name.clone()),
            facts: body(g, ctx),
        })
        .collect();
    if let Some(employer) = &a.employer {
        groups.push(FactGroup {
            title: None,
            facts: vec![Fact::new(
                "Arbetsgivare",
                format!(
                    "{} (arbetsgivar- och arbetsmiljöansvar)",
                    ctx.party_name(employer)
                ),
            )],
        });
    }
    groups
}

fn body(g: &GovernanceBody, ctx: &Ctx) -> Vec<Fact> {
    let mut facts = Vec::new();
    let members = g
        .members
        .iter()
        .map(|m| ctx.member(m))
        .collect::<Vec<_>>()
        .join("; ");
    if !members.is_empty() {
        facts.push(Fact::new("Sammansättning", members));
    }
    let mut meets = fmt::cadence(&g.cadence);
    if g.optional {
        meets = format!("{meets} (tillsätts vid behov)");
    }
    facts.push(Fact::new("Möten", meets));
    if let Some(c) = &g.convener {
        facts.push(Fact::new("Sammankallande", ctx.member(c)));
    }
    if let Some(k) = &g.minute_keeper {
        facts.push(Fact::new("Dokumenterar", ctx.member(k)));
    }
    if let Some(rule) = g.decision_rule {
        facts.push(Fact::new(
            "Beslut",
            match rule {
                domain::model::DecisionRule::Consensus => "i konsensus",
                domain::model::DecisionRule::Majority => "med majoritet",
            },
        ));
    }
    if let Some(r) = &g.reports_to {
        facts.push(Fact::new(
            "Rapporterar",
            format!(
                "{}{}, {}",
                if r.written {
                    "skriftligt till "
                } else {
                    "till "
                },
                ctx.recipient(r.body.as_str()),
                fmt::cadence(&r.cadence)
            ),
        ));
    }
    facts
}

/// The term and the option to extend it.
fn term(a: &Agreement) -> Vec<Fact> {
    let mut facts = Vec::new();
    if let Some(t) = &a.term {
        facts.push(Fact::new(
            "Giltighetstid",
            format!(
                "från och med {} till och med {}",
                fmt::date_prose(t.start),
                fmt::date_prose(t.end)
            ),
        ));
        if let Some(years) = years_of(t) {
            facts.push(Fact::new(
                "Antal kalenderår",
                format!("{years} ({}–{})", t.start.year(), t.end.year()),
            ));
        }
        if let Some(c) = &t.condition {
            facts.push(Fact::new("Villkor", c.clone()));
        }
        if t.ends_without_notice {
            facts.push(Fact::new(
                "Vid periodens slut",
                "Överenskommelsen upphör utan uppsägning.",
            ));
        }
    }
    if let Some(x) = &a.extension {
        facts.extend(extension(x, a));
    }
    facts
}

fn extension(x: &ExtensionOption, a: &Agreement) -> Vec<Fact> {
    let mut how = match (x.times, x.length) {
        (Some(n), Some(l)) => format!(
            "{} med {} i taget",
            if n == 1 {
                "1 gång".to_owned()
            } else {
                format!("{n} gånger")
            },
            fmt::length(l)
        ),
        (None, Some(l)) => format!("med {}", fmt::length(l)),
        (Some(n), None) => format!("{n} gånger"),
        (None, None) => "möjlig".to_owned(),
    };
    if x.mutual_consent {
        how.push_str(", om parterna är ense");
    }
    let mut facts = vec![
        Fact::new("Förlängning", how),
        Fact::new(
            "Längsta förlängning sammanlagt",
            x.bound()
                .map_or_else(|| "anges inte (obegränsad)".to_owned(), fmt::length),
        ),
    ];
    // The same date as the duties and the page: moved off a day off. With
    // no lead time stated, the term's last day is iop's reading, and says so.
    let deadline = a.term.as_ref().and_then(|t| extension_deadline(a, t.end));
    let text = match (x.decision_before_end, deadline) {
        (Some(lead), Some(d)) => Some(format!(
            "senast {} före periodens slut, dvs. senast {}",
            fmt::length(lead),
            fmt::date_prose(d.due)
        )),
        (Some(lead), None) => Some(format!("senast {} före periodens slut", fmt::length(lead))),
        (None, Some(d)) => Some(format!("senast {}", fmt::date_prose(d.due))),
        (None, None) => None,
    };
    if let Some(mut text) = text {
        if let Some(from) = deadline.and_then(|d| d.moved_from) {
            text = format!("{text} ({})", fmt::moved_from(from));
        }
        if deadline.is_some_and(|d| d.reading) {
            text = format!("{text} ({})", fmt::default_date());
        }
        facts.push(Fact::new("Ställningstagande till förlängning", text));
    }
    facts
}

fn termination(clause: &TerminationClause, ctx: &Ctx) -> FactGroup {
    // The document's own word: utträde with varsel is no uppsägning.
    let (title, notice_label) = match (clause.word(), clause.notice) {
        (ExitWord::Withdrawal, Some(n)) => (
            format!("Utträde med {} varsel", fmt::length_genitive(n)),
            "Varsel",
        ),
        (ExitWord::Withdrawal, None) => ("Utträde".to_owned(), "Varsel"),
        (_, Some(n)) => (
            format!("Uppsägning med {} uppsägningstid", fmt::length_genitive(n)),
            "Uppsägningstid",
        ),
        (_, None) => ("Hävning med omedelbar verkan".to_owned(), "Uppsägningstid"),
    };
    let mut facts = vec![
        Fact::new("Vem", fmt::who_may(clause.by)),
        Fact::new("Grund", grounds_in_words(clause)),
        Fact::new(
            notice_label,
            clause
                .notice
                .map_or_else(|| "ingen (omedelbar verkan)".to_owned(), fmt::length),
        ),
    ];
    if let Some(cure) = &clause.cure {
        facts.push(Fact::new("Rättelse", cure.clone()));
    }
    facts.push(Fact::new(
        "Ekonomisk reglering",
        fmt::settlement(clause.settlement),
    ));
    if !clause.settlement_grounds.is_empty() {
        facts.push(Fact::new(
            "Ekonomisk reglering gäller bara",
            clause
                .settlement_grounds
                .iter()
                .map(|g| fmt::ground(*g))
                .collect::<Vec<_>>()
                .join(", "),
        ));
    }
    if let Some(p) = &clause.repaying_party {
        facts.push(Fact::new(
            "Kan bli återbetalningsskyldig",
            format!(
                "{}, inte när den själv avslutar överenskommelsen",
                ctx.party_name(p)
            ),
        ));
    } else if clause.settlement == Settlement::RefundUnstartedMonths {
        facts.push(Fact::new(
            "Återbetalning",
            "för varje kalendermånad som inte har påbörjats när uppsägningstiden löpt ut",
        ));
    }
    if let Some(after) = &clause.aftermath {
        facts.push(Fact::new("Därefter", after.clone()));
    }
    FactGroup {
        title: Some(title),
        facts,
    }
}

/// The grounds in the document's words where the file has them, quoted;
/// else iop's wording of each ground.
fn grounds_in_words(clause: &TerminationClause) -> String {
    if clause.ground_words.is_empty() {
        return clause
            .grounds
            .iter()
            .map(|g| fmt::ground(*g))
            .collect::<Vec<_>>()
            .join(", ");
    }
    let quoted: Vec<String> = clause
        .ground_words
        .iter()
        .map(|w| format!("om en part ”{w}”"))
        .collect();
    quoted.join(", ")
}

/// "Bilaga 1 och bilaga 3 har egen rapportering, se respektive bilaga.":
/// none without appendices that have `what`.
fn appendices_line(numbers: &[u32], what: &str) -> Option<String> {
    let named: Vec<String> = numbers.iter().map(|n| format!("bilaga {n}")).collect();
    let (last, first) = named.split_last()?;
    let list = if first.is_empty() {
        last.clone()
    } else {
        format!("{} och {last}", first.join(", "))
    };
    let see = if first.is_empty() {
        "se bilagan"
    } else {
        "se respektive bilaga"
    };
    Some(format!("{} har {what}, {see}.", capitalise(&list)))
}

/// The reports: what, by whom, to whom, when.
fn follow_up(a: &Agreement, ctx: &Ctx) -> Option<Table> {
    let end = a.term.as_ref().map(|t| t.end);
    let caption = "Rapportering och uppföljning";
    reports_table(&a.reporting, end, ("parterna gemensamt", caption), ctx)
}

/// The reports of the framework or of an appendix; a report that names
/// no one is handed in by `jointly` (the parties, or the appendix's party).
fn reports_table(
    reporting: &[ReportingDuty],
    end: Option<domain::value::Date>,
    (jointly, caption): (&str, &str),
    ctx: &Ctx,
) -> Option<Table> {
    if reporting.is_empty() {
        return None;
    }
    let rows = reporting
        .iter()
        .map(|r| {
            let from = if let Some(by) = &r.by {
                by.clone()
            } else if r.from.is_empty() {
                jointly.to_owned()
            } else {
                r.from
                    .iter()
                    .map(|p| ctx.party_name(p))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let to =
                r.to.as_deref()
                    .map_or_else(|| "anges inte".to_owned(), |t| ctx.recipient(t));
            let mut when = fmt::due(&r.due, end);
            if r.due_is_default {
                when.push_str(" (förvald tidpunkt; anges inte i överenskommelsen)");
            }
            vec![report_heading(r.kind, &r.title), from, to, when]
        })
        .collect();
    Some(text_table(
        caption,
        &["Rapport", "Lämnas av", "Till", "När"],
        rows,
    ))
}

fn renegotiation(a: &Agreement) -> Vec<Fact> {
    let mut facts = Vec::new();
    if let Some(r) = &a.renegotiation {
        facts.push(Fact::new(
            "Omförhandling",
            format!(
                "{} kan påkalla omförhandling",
                capitalise(fmt::who_may(r.by))
            ),
        ));
        if r.dialogue_before_deviation {
            facts.push(Fact::new(
                "Avvikelser",
                "Innan betydande avvikelser från verksamhetsplan och budget genomförs ska parterna föra en dialog.",
            ));
        }
    }
    if let Some(d) = &a.dispute {
        facts.push(Fact::new(
            "Tvist",
            format!("löses i första hand genom {}", d.first_step),
        ));
    }
    facts
}

fn parties(a: &Agreement) -> Vec<PartyView> {
    a.parties
        .iter()
        .map(|p| PartyView {
            name: p.name.clone(),
            sector: fmt::sector(p.sector),
            short_name: p.short_name.clone(),
            org_number: p
                .org_number
                .map_or_else(|| "anges inte".to_owned(), |o| o.to_string()),
            acting_through: p.acting_through.clone(),
            address: p
                .address
                .as_ref()
                .map(fmt::address_lines)
                .unwrap_or_default(),
        })
        .collect()
}

/// The signing clause and a signature block per signatory; an empty one
/// for a party with none yet.
fn signing(a: &Agreement) -> SigningView {
    let signatures = a
        .parties
        .iter()
        .flat_map(|p| {
            let mut list: Vec<SignatureView> =
                p.signatories.iter().map(|s| signature(p, s)).collect();
            if list.is_empty() {
                list.push(SignatureView {
                    party: format!("För {}", p.name),
                    place_date: String::new(),
                    name: String::new(),
                    title_lines: Vec::new(),
                });
            }
            list
        })
        .collect();
    let heading = a
        .sections
        .iter()
        .find(|s| s.kind == SectionKind::Signatures && !s.heading.trim().is_empty())
        .map_or_else(
            || "Underskrifter".to_owned(),
            |s| s.heading.trim().to_owned(),
        );
    SigningView {
        heading,
        blocks: a
            .signing
            .as_ref()
            .map(|s| blocks(&s.quote))
            .unwrap_or_default(),
        signatures,
    }
}

/// "Verksamhetsplan: Verksamhetsplan", but a title that opens with the
/// kind ("verksamhetsberättelse") does not say it twice.
fn report_heading(kind: domain::model::ReportKind, title: &str) -> String {
    let kind = fmt::report_kind(kind);
    let (lead, title) = locale::present::kind_lead(kind, title);
    format!("{lead}{title}")
}

/// "Ort och datum", "Datum": a label of the signature form, not a date.
fn is_date_label(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':').to_lowercase();
    t == "ort och datum" || t == "datum" || t == "ort, datum"
}

fn signature(p: &Party, s: &Signatory) -> SignatureView {
    let date = match (s.date, &s.date_text) {
        (Some(d), _) => format!("den {}", fmt::date_prose(d)),
        // The form's own label ("Ort och datum") is a blank to fill in, and
        // the block prints the label once already.
        (None, Some(t)) if is_date_label(t) => String::new(),
        (None, Some(t)) => t.clone(),
        (None, None) => String::new(),
    };
    let place_date = match (&s.place, date.is_empty()) {
        (Some(pl), false) => format!("{pl} {date}"),
        (Some(pl), true) => pl.clone(),
        (None, _) => date,
    };
    let mut title_lines = Vec::new();
    if let Some(t) = &s.title {
        title_lines.push(t.clone());
    }
    if let Some(u) = &s.unit {
        title_lines.push(u.clone());
    }
    let name = if s.redacted {
        format!("{} (maskerat i den publicerade versionen)", s.name)
    } else {
        s.name.clone()
    };
    SignatureView {
        party: format!("För {}", p.name),
        place_date,
        name,
        title_lines,
    }
}

fn contacts(a: &Agreement) -> Option<Table> {
    let rows: Vec<Vec<String>> = a
        .parties
        .iter()
        .flat_map(|p| {
            p.contacts.iter().map(move |c| {
                let mut role = c.role.clone().unwrap_or_default();
                if let Some(t) = &c.title {
                    role = if role.is_empty() {
                        t.clone()
                    } else {
                        format!("{role}, {t}")
                    };
                }
                vec![
                    c.name.clone(),
                    role,
                    c.unit.clone().unwrap_or_else(|| p.name.clone()),
                    [c.phone.clone(), c.email.clone()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(", "),
                ]
            })
        })
        .collect();
    (!rows.is_empty()).then(|| {
        text_table(
            "Kontaktpersoner",
            &["Namn", "Roll", "Enhet", "Telefon och e-post"],
            rows,
        )
    })
}

/// An appendix (bilaga): whose, for which activity, when, whether it
/// still holds, and its money.
fn appendix(x: &Appendix, a: &Agreement, ctx: &Ctx) -> Section {
    let mut s = Section::new(
        format!("bilaga-{}", x.number),
        format!("Bilaga {}. {}", x.number, x.title),
    );
    let mut facts = vec![Fact::new("Part", ctx.party_name(&x.party))];
    if let Some(act) = &x.activity {
        facts.push(Fact::new(
            "Insats",
            a.activities
                .iter()
                .find(|y| &y.id == act)
                .map_or_else(|| act.to_string(), |y| y.name.clone()),
        ));
    }
    facts.push(Fact::new(
        "Period",
        x.period.as_ref().map_or_else(
            || "anges inte i underlaget".to_owned(),
            |t| {
                format!(
                    "från och med {} till och med {}",
                    fmt::date_prose(t.start),
                    fmt::date_prose(t.end)
                )
            },
        ),
    ));
    // An appendix the document gives no status gets none here.
    let status = match &x.status {
        AppendixStatus::NotStated => None,
        AppendixStatus::Active => Some("gäller".to_owned()),
        AppendixStatus::Replaced { by } => Some(format!(
            "ersatt av {}",
            a.appendices
                .iter()
                .find(|y| &y.id == by)
                .map_or_else(|| by.to_string(), |y| format!("bilaga {}", y.number))
        )),
        AppendixStatus::Dropped => Some("har utgått".to_owned()),
    };
    facts.extend(status.map(|status| Fact::new("Status", status)));
    match &x.financing {
        Some(f) => {
            financing(f, x.period.as_ref().or(a.term.as_ref()), ctx, &mut s);
        }
        None => facts.push(Fact::new("Ekonomi", "anges inte i underlaget")),
    }
    s.groups.insert(0, FactGroup { title: None, facts });
    // Its own ways to end it and its own reports, after its money: they
    // end or follow up this appendix, not the framework.
    s.groups
        .extend(x.termination.iter().map(|c| termination(c, ctx)));
    let period = x.period.as_ref().or(a.term.as_ref());
    s.tables.extend(reports_table(
        &x.reporting,
        period.map(|t| t.end),
        (
            &ctx.party_name(&x.party),
            &format!("Rapportering för bilaga {}", x.number),
        ),
        ctx,
    ));
    s
}

/// Under the title: the short name, the period, the kind and the status.
fn subtitle(a: &Agreement) -> Vec<String> {
    let period = a
        .term
        .as_ref()
        .map(|t| format!("{} – {}", fmt::date_prose(t.start), fmt::date_prose(t.end)));
    let mut subtitle = Vec::new();
    if let Some(short) = &a.short_name
        && !a.title.contains(short.as_str())
    {
        subtitle.push(short.clone());
    }
    if let Some(p) = period {
        subtitle.push(p);
    }
    if a.kind == AgreementKind::Framework {
        subtitle.push("Ramöverenskommelse med bilagor".into());
    }
    subtitle.push(format!("Status: {}", super::status(a.status)));
    subtitle
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The money of an agreement or an appendix: the budget per calendar year
/// (indexed where the agreement says so), who contributes what, invoicing.
fn financing(f: &Financing, term: Option<&Term>, ctx: &Ctx, section: &mut Section) {
    if !f.budget_lines.is_empty() {
        let years: Vec<i16> = term
            .filter(|t| years_of(t).is_some_and(|n| n <= 6))
            .map(|t| (t.start.year()..=t.end.year()).collect())
            .unwrap_or_default();
        section.tables.push(if years.is_empty() {
            budget(f)
        } else {
            budget_by_year(f, &years)
        });
    }
    if !f.contributions.is_empty() {
        section
            .tables
            .push(contributions(f, base_year(f, term), ctx));
    }
    section
        .groups
        .extend(summary(financing_facts(f, term, ctx)));
}

/// The budget when the years are unknown or too many to list: per year.
fn budget(f: &Financing) -> Table {
    let rows = f
        .budget_lines
        .iter()
        .map(|l| vec![l.name.clone(), fmt::money(l.amount)])
        .collect();
    let total = fmt::sum(f.budget_lines.iter().map(|l| l.amount));
    Table {
        caption: "Budget per kalenderår".into(),
        numeric: vec![false, true],
        head: vec!["Post".to_owned(), "Belopp per år".into()],
        rows,
        foot: vec![vec!["Summa".into(), fmt::money_or_dash(total)]],
        note: None,
    }
}

/// The budget with a column per calendar year (indexed) and the totals.
fn budget_by_year(f: &Financing, years: &[i16]) -> Table {
    let amount_in = |base: Money, k: usize| -> Option<Money> {
        match &f.indexation {
            Some(ix) => domain::rules::indexation::indexed(
                base,
                ix.rate,
                u32::try_from(k).unwrap_or(u32::MAX),
            ),
            None => Some(base),
        }
    };
    let mut head = vec!["Post".to_owned()];
    head.extend(years.iter().map(|y| y.to_string()));
    head.push("Totalt".into());
    let mut col_sums: Vec<Option<Money>> = vec![Some(Money::ZERO); years.len() + 1];
    let rows = f
        .budget_lines
        .iter()
        .map(|l| {
            let per_year: Vec<Option<Money>> =
                (0..years.len()).map(|k| amount_in(l.amount, k)).collect();
            let total = per_year
                .iter()
                .copied()
                .try_fold(Money::ZERO, |acc, m| acc.checked_add(m?));
            for (k, m) in per_year.iter().chain(std::iter::once(&total)).enumerate() {
                if let Some(slot) = col_sums.get_mut(k) {
                    *slot = slot.and_then(|s| s.checked_add((*m)?));
                }
            }
            let mut row = vec![l.name.clone()];
            row.extend(per_year.into_iter().map(fmt::money_or_dash));
            row.push(fmt::money_or_dash(total));
            row
        })
        .collect();
    let mut foot = vec!["Summa".to_owned()];
    foot.extend(col_sums.into_iter().map(fmt::money_or_dash));
    let n = head.len();
    let mut numeric = vec![true; n];
    numeric[0] = false;
    Table {
        caption: "Budget per kalenderår".into(),
        head,
        numeric,
        rows,
        foot: vec![foot],
        note: f.indexation.as_ref().map(|ix| {
            format!(
                "Beloppen räknas upp med {} % för varje nytt kalenderår (pris- och löneutveckling); varje post avrundas till hela kronor.",
                ix.rate
            )
        }),
    }
}

/// The year the stated amounts are for, when they are indexed: the first
/// year of the term (seed 002: "För varje nytt kalenderår justeras
/// kostnaderna … med 2%", so 600 000 is 2022's amount, not every year's).
fn base_year(f: &Financing, term: Option<&Term>) -> Option<i16> {
    f.indexation.as_ref().and(term).map(|t| t.start.year())
}

/// Who contributes what, per year (or in the base year when the amounts
/// are indexed), and the sum of the known amounts.
fn contributions(f: &Financing, base_year: Option<i16>, ctx: &Ctx) -> Table {
    let rows: Vec<Vec<String>> = f
        .contributions
        .iter()
        .map(|c| {
            let amount = match c.amount {
                Some(m) if c.at_least => format!("minst {}", fmt::money(m)),
                Some(m) if c.at_most => format!("högst {}", fmt::money(m)),
                Some(m) => fmt::money(m),
                None => "värde anges inte".to_owned(),
            };
            let what = if c.covers.is_empty() {
                // The price per unit stands with what the money is for.
                let price = unit_price_words(c);
                [c.description.clone(), price]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join("; ")
            } else {
                c.covers
                    .iter()
                    .map(|id| {
                        f.budget_lines
                            .iter()
                            .find(|l| &l.id == id)
                            .map_or_else(|| id.to_string(), |l| l.name.clone())
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            vec![
                ctx.party_name(&c.party),
                fmt::contribution_kind(c.kind).to_owned(),
                amount,
                what,
            ]
        })
        .collect();
    let known: Vec<Money> = f.contributions.iter().filter_map(|c| c.amount).collect();
    let with_amount = || f.contributions.iter().filter(|c| c.amount.is_some());
    let at_least = with_amount().any(|c| c.at_least);
    // A ceiling makes the sum a ceiling too; with a minimum as well, the
    // sum is neither and stands bare.
    let at_most = with_amount().any(|c| c.at_most);
    let total = fmt::money_or_dash(fmt::sum(known));
    let (caption, amount_head) = match base_year {
        Some(y) => (
            format!("Parternas bidrag, basår {y}"),
            format!("Belopp basår {y}"),
        ),
        None => (
            "Parternas bidrag per kalenderår".to_owned(),
            "Belopp per år".to_owned(),
        ),
    };
    Table {
        caption,
        head: vec!["Part".into(), "Slag".into(), amount_head, "Avser".into()],
        numeric: vec![false, false, true, false],
        rows,
        foot: vec![vec![
            "Summa".into(),
            String::new(),
            match (at_least, at_most) {
                (true, false) => format!("minst {total}"),
                (false, true) => format!("högst {total}"),
                _ => total,
            },
            String::new(),
        ]],
        note: contributions_note(f, base_year, ctx),
    }
}

/// "420 kr per belagd plats och natt", without the ceiling.
fn unit_price_words(c: &Contribution) -> Option<String> {
    c.unit_price?;
    let unit = Contribution {
        at_most: false,
        ..c.clone()
    };
    locale::present::contribution_terms(locale::Lang::Sv, &unit)
}

/// Under the contributions: what a ceiling is and when money per unit is
/// paid, then how the amounts are indexed.
fn contributions_note(f: &Financing, base_year: Option<i16>, ctx: &Ctx) -> Option<String> {
    let ceilings = f.contributions.iter().filter_map(|c| {
        let ceiling = c.amount.filter(|_| c.at_most)?;
        Some(match unit_price_words(c) {
            Some(price) => format!(
                "{} ersätter med {price}, dock högst {} per kalenderår.",
                ctx.party_name(&c.party),
                fmt::money(ceiling)
            ),
            None => format!(
                "{} betalar högst {} per kalenderår.",
                ctx.party_name(&c.party),
                fmt::money(ceiling)
            ),
        })
    });
    let mut parts: Vec<String> = ceilings.collect();
    if !parts.is_empty() {
        parts.push("Ett belopp med ”högst” är ett tak, det mesta som betalas för ett kalenderår. Ersättningen betalas efter vad som har utförts.".to_owned());
    }
    if let Some((y, ix)) = base_year.zip(f.indexation.as_ref()) {
        parts.push(format!(
            "Beloppen gäller {y}. För varje nytt kalenderår räknas de upp med {} % (pris- och löneutveckling), som i budgeten.",
            ix.rate
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// A yearly amount over the whole period, as the money schedule reads it: a
/// calendar year the period covers in part counts the months it touches.
/// "600 000 kr (300 000 kr per år i 24 månader)" for two years from 1 June,
/// "240 000 kr (120 000 kr × 2 kalenderår)" for whole calendar years.
fn period_total(per_year: Money, t: &Term, years: u32) -> String {
    match over_period(per_year, t.start, t.end) {
        Some((all, months)) if months != years * 12 => format!(
            "{} ({} per år i {months} månader)",
            fmt::money(all),
            fmt::money(per_year)
        ),
        all => format!(
            "{} ({} × {years} kalenderår)",
            fmt::money_or_dash(all.map(|(all, _)| all)),
            fmt::money(per_year)
        ),
    }
}

/// The terms of the money in summary: totals, indexation, payment,
/// invoicing, other funders.
fn financing_facts(f: &Financing, term: Option<&Term>, ctx: &Ctx) -> Vec<Fact> {
    let mut facts = Vec::new();
    if let Some(total) = f.total_per_year {
        let label = match base_year(f, term) {
            Some(y) => format!("Kostnad basår {y}"),
            None => "Kostnad per kalenderår".to_owned(),
        };
        facts.push(Fact::new(label, fmt::money(total)));
        if f.indexation.is_none()
            && let Some(t) = term
            && let Some(n) = years_of(t)
        {
            facts.push(Fact::new(
                "Sammanlagt under perioden",
                period_total(total, t, n),
            ));
        }
    }
    if let Some(ix) = &f.indexation {
        facts.push(Fact::new(
            "Indexering",
            format!(
                "{} % för varje nytt kalenderår (pris- och löneutveckling)",
                ix.rate
            ),
        ));
    }
    if let Some(p) = &f.payment
        && !p.default
    {
        facts.push(Fact::new(
            "Utbetalning",
            format!(
                "{} per år, första gången den {} {} varje år",
                if p.per_year == 1 {
                    "en gång".to_owned()
                } else {
                    format!("{} gånger", p.per_year)
                },
                p.day,
                fmt::month_name(i8::try_from(p.first_month).unwrap_or(0))
            ),
        ));
    }
    facts.extend(invoicing(f, ctx));
    if f.other_funders_allowed {
        facts.push(Fact::new(
            "Andra finansiärer",
            "Den idéburna parten får söka medel från andra finansiärer eller samarbetsaktörer.",
        ));
    }
    if f.in_appendices {
        facts.push(Fact::new(
            "Ekonomi i bilagorna",
            "Belopp och ekonomiska villkor anges i bilagorna.",
        ));
    }
    if !f.alternatives.is_empty() {
        facts.push(Fact::new("Beslutsunderlag", alternatives_note(f)));
    }
    facts
}

/// Who invoices whom how often, and where to.
fn invoicing(f: &Financing, ctx: &Ctx) -> Vec<Fact> {
    let mut facts = Vec::new();
    for inv in &f.invoicing {
        let to = inv
            .to
            .iter()
            .map(|p| ctx.party_name(p))
            .collect::<Vec<_>>()
            .join(" och ");
        facts.push(Fact::new(
            "Fakturering",
            format!(
                "{} fakturerar {to} {}",
                ctx.party_name(&inv.from),
                fmt::invoice_frequency(inv.frequency)
            ),
        ));
        if let Some(addr) = &inv.address {
            facts.push(Fact::new(
                "Fakturaadress",
                fmt::address_lines(addr).join(", "),
            ));
        }
    }
    facts
}
