//! The agreement document: title, parties, the eleven sections in the order
//! the seeds use, the signature block, contact persons and the appendices.

use domain::Agreement;
use domain::model::{
    AgreementKind, AppendixStatus, Financing, Relation, SectionKind, Settlement, TargetPriority,
    Term,
};
use domain::value::{Date, Money};

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
    let mut canon: Vec<Section> = CANON
        .iter()
        .enumerate()
        .map(|(i, (anchor, _))| Section::new(format!("s-{anchor}"), title_of(i)))
        .collect();
    canon.push(Section::new("s-ovrigt", title_of(OTHER)));
    let mut has_text = [false; 12];
    let mut preamble: Vec<Part> = Vec::new();

    for s in &a.sections {
        let body = blocks(&s.text);
        let target = place(s.kind);
        let heading = (!s.heading.trim().is_empty()).then(|| s.heading.trim().to_owned());
        match target {
            Place::Skip => {}
            Place::Preamble => {
                // A section headed "Parter" only lists what the parties
                // block shows from the data; other text about the parties
                // (an opening paragraph, "Partners") stands under the block.
                let just_the_list = heading
                    .as_deref()
                    .is_some_and(|h| same_heading(h, "Parter"));
                if !body.is_empty() && !just_the_list {
                    preamble.push(Part {
                        heading,
                        blocks: body,
                    });
                }
            }
            Place::Canon(i) => {
                if body.is_empty() {
                    continue;
                }
                let canon_title = CANON.get(i).map_or("Övrigt", |(_, t)| t);
                let heading = heading.filter(|h| !same_heading(h, canon_title));
                if let Some(section) = canon.get_mut(i) {
                    section.parts.push(Part {
                        heading: heading.clone(),
                        blocks: body,
                    });
                }
                if let Some(flag) = has_text.get_mut(i) {
                    *flag = true;
                }
                // The same text also covers other sections: point there.
                for also in &s.also {
                    if let Place::Canon(j) = place(*also)
                        && j != i
                        && let Some(other) = canon.get_mut(j)
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
        }
    }

    let term_years = a.term.as_ref().and_then(years_of);
    let mut has_data = [false; 12];

    // 1. Bakgrund: related agreements.
    if !a.related.is_empty() {
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
        canon[BACKGROUND].tables.push(Table {
            caption: "Relaterade överenskommelser och beslut".into(),
            head: vec![
                "Benämning".into(),
                "Slag".into(),
                "Parter".into(),
                "Tid".into(),
            ],
            numeric: vec![false; 4],
            rows,
            foot: Vec::new(),
            note: None,
        });
    }

    // 2. Syfte (with goals), 3. Målgrupp, 4. Värdegrund: the lists stand in
    // when the agreement has no text of its own.
    if !has_text[PURPOSE] {
        if !a.purposes.is_empty() {
            canon[PURPOSE].parts.push(Part {
                heading: None,
                blocks: vec![Block::List {
                    items: a.purposes.clone(),
                }],
            });
        }
        if !a.goals.is_empty() {
            canon[PURPOSE].parts.push(Part {
                heading: Some("Målsättning".into()),
                blocks: vec![Block::List {
                    items: a.goals.clone(),
                }],
            });
        }
    }
    has_data[PURPOSE] = !a.purposes.is_empty() || !a.goals.is_empty();
    if !has_text[TARGET] && !a.target_groups.is_empty() {
        let mut groups: Vec<_> = a.target_groups.iter().collect();
        groups.sort_by_key(|g| match g.priority {
            TargetPriority::Primary => 0,
            TargetPriority::Unranked => 1,
            TargetPriority::Secondary => 2,
        });
        canon[TARGET].parts.push(Part {
            heading: None,
            blocks: vec![Block::List {
                items: groups.iter().map(|g| g.description.clone()).collect(),
            }],
        });
    }
    has_data[TARGET] = !a.target_groups.is_empty();
    if !has_text[VALUES] && !a.values.is_empty() {
        canon[VALUES].parts.push(Part {
            heading: None,
            blocks: vec![Block::List {
                items: a.values.clone(),
            }],
        });
    }
    has_data[VALUES] = !a.values.is_empty();

    // 5. Insatser: who does what, how much.
    if !a.activities.is_empty() {
        let with_appendix = a.activities.iter().any(|x| x.appendix.is_some());
        let mut head = vec!["Insats".to_owned(), "Utförs av".into(), "Omfattning".into()];
        if with_appendix {
            head.push("Bilaga".into());
        }
        let rows = a
            .activities
            .iter()
            .map(|act| {
                let capacity = act
                    .capacity
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
                    .join(", ");
                let mut row = vec![
                    act.name.clone(),
                    act.performed_by
                        .as_ref()
                        .map(|p| ctx.party_name(p))
                        .unwrap_or_default(),
                    capacity,
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
        let n = head.len();
        canon[ACTIVITIES].tables.push(Table {
            caption: "Insatser i sammandrag".into(),
            head,
            numeric: vec![false; n],
            rows,
            foot: Vec::new(),
            note: None,
        });
    }
    has_data[ACTIVITIES] = !a.activities.is_empty();

    // 6. Organisation och samverkan: the bodies, who sits in them, how
    // often they meet, whom they report to.
    for g in &a.governance {
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
        canon[ORGANISATION].groups.push(FactGroup {
            title: Some(g.name.clone()),
            facts,
        });
    }
    if let Some(employer) = &a.employer {
        canon[ORGANISATION].groups.push(FactGroup {
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
    has_data[ORGANISATION] = !a.governance.is_empty();

    // 7. Ekonomi.
    if let Some(f) = &a.financing {
        financing(f, a.term.as_ref(), ctx, &mut canon[FINANCING]);
        has_data[FINANCING] = true;
    }

    // 8. Giltighet och förlängning.
    let mut term_facts = Vec::new();
    if let Some(t) = &a.term {
        term_facts.push(Fact::new(
            "Giltighetstid",
            format!(
                "från och med {} till och med {}",
                fmt::date_prose(t.start),
                fmt::date_prose(t.end)
            ),
        ));
        if let Some(years) = term_years {
            term_facts.push(Fact::new(
                "Antal kalenderår",
                format!("{years} ({}–{})", t.start.year(), t.end.year()),
            ));
        }
        if let Some(c) = &t.condition {
            term_facts.push(Fact::new("Villkor", c.clone()));
        }
        if t.ends_without_notice {
            term_facts.push(Fact::new(
                "Vid periodens slut",
                "Överenskommelsen upphör utan uppsägning.",
            ));
        }
        has_data[TERM] = true;
    }
    if let Some(x) = &a.extension {
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
        term_facts.push(Fact::new("Förlängning", how));
        match x.bound() {
            Some(bound) => term_facts.push(Fact::new(
                "Längsta förlängning sammanlagt",
                fmt::length(bound),
            )),
            None => term_facts.push(Fact::new(
                "Längsta förlängning sammanlagt",
                "anges inte (obegränsad)",
            )),
        }
        if let Some(lead) = x.decision_before_end {
            let deadline = a.term.as_ref().and_then(|t| {
                let day_after = t.end.get().tomorrow().ok()?;
                let back = day_after.checked_sub(lead.to_span()).ok()?;
                back.yesterday().ok().map(Date::new)
            });
            let text = match deadline {
                Some(d) => format!(
                    "senast {} före periodens slut, dvs. senast {}",
                    fmt::length(lead),
                    fmt::date_prose(d)
                ),
                None => format!("senast {} före periodens slut", fmt::length(lead)),
            };
            term_facts.push(Fact::new("Ställningstagande till förlängning", text));
        }
        has_data[TERM] = true;
    }
    if !term_facts.is_empty() {
        canon[TERM].groups.push(FactGroup {
            title: Some("Villkor i sammandrag".into()),
            facts: term_facts,
        });
    }

    // 9. Uppsägning, hävning och återbetalning.
    for clause in &a.termination {
        let title = match clause.notice {
            Some(n) => format!("Uppsägning med {} uppsägningstid", fmt::length(n)),
            None => "Hävning med omedelbar verkan".to_owned(),
        };
        let mut facts = vec![
            Fact::new("Vem", fmt::who_may(clause.by)),
            Fact::new(
                "Grund",
                clause
                    .grounds
                    .iter()
                    .map(|g| fmt::ground(*g))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Fact::new(
                "Uppsägningstid",
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
        if let Some(p) = &clause.repaying_party {
            facts.push(Fact::new("Återbetalningsskyldig", ctx.party_name(p)));
        } else if clause.settlement == Settlement::RefundUnstartedMonths {
            facts.push(Fact::new(
                "Återbetalning",
                "för varje kalendermånad som inte har påbörjats när uppsägningstiden löpt ut",
            ));
        }
        if let Some(after) = &clause.aftermath {
            facts.push(Fact::new("Därefter", after.clone()));
        }
        canon[TERMINATION].groups.push(FactGroup {
            title: Some(title),
            facts,
        });
    }
    has_data[TERMINATION] = !a.termination.is_empty();

    // 10. Uppföljning.
    if !a.reporting.is_empty() {
        let end = a.term.as_ref().map(|t| t.end);
        let rows = a
            .reporting
            .iter()
            .map(|r| {
                let from = if r.from.is_empty() {
                    "parterna gemensamt".to_owned()
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
                vec![
                    format!("{}: {}", fmt::report_kind(r.kind), r.title),
                    from,
                    to,
                    when,
                ]
            })
            .collect();
        canon[FOLLOW_UP].tables.push(Table {
            caption: "Rapportering och uppföljning".into(),
            head: vec![
                "Rapport".into(),
                "Lämnas av".into(),
                "Till".into(),
                "När".into(),
            ],
            numeric: vec![false; 4],
            rows,
            foot: Vec::new(),
            note: None,
        });
    }
    has_data[FOLLOW_UP] = !a.reporting.is_empty();

    // 11. Omförhandling och tvist.
    let mut reneg = Vec::new();
    if let Some(r) = &a.renegotiation {
        reneg.push(Fact::new(
            "Omförhandling",
            format!(
                "{} kan påkalla omförhandling",
                capitalise(fmt::who_may(r.by))
            ),
        ));
        if r.dialogue_before_deviation {
            reneg.push(Fact::new(
                "Avvikelser",
                "Innan betydande avvikelser från verksamhetsplan och budget genomförs ska parterna föra en dialog.",
            ));
        }
    }
    if let Some(d) = &a.dispute {
        reneg.push(Fact::new(
            "Tvist",
            format!("löses i första hand genom {}", d.first_step),
        ));
    }
    has_data[RENEGOTIATION] = !reneg.is_empty();
    if !reneg.is_empty() {
        canon[RENEGOTIATION].groups.push(FactGroup {
            title: Some("Villkor i sammandrag".into()),
            facts: reneg,
        });
    }

    // Mark what is missing; drop "Övrigt" when there is none.
    let other = canon.pop();
    for (i, section) in canon.iter_mut().enumerate() {
        let present = has_text[i] || has_data[i] || !section.see_also.is_empty();
        if !present {
            section.missing = Some(format!(
                "Överenskommelsen innehåller ingen text eller uppgift under ”{}”.",
                CANON.get(i).map_or("", |(_, t)| t)
            ));
        }
    }
    if let Some(other) = other
        && has_text[OTHER]
    {
        canon.push(other);
    }

    let parties = a
        .parties
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
        .collect();

    let signatures = a
        .parties
        .iter()
        .flat_map(|p| {
            let mut list: Vec<SignatureView> = p
                .signatories
                .iter()
                .map(|s| {
                    let date = match (s.date, &s.date_text) {
                        (Some(d), _) => format!("den {}", fmt::date_prose(d)),
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
                })
                .collect();
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
    let signing = SigningView {
        blocks: a
            .signing
            .as_ref()
            .map(|s| blocks(&s.quote))
            .unwrap_or_default(),
        signatures,
    };

    let contact_rows: Vec<Vec<String>> = a
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
    let contacts = (!contact_rows.is_empty()).then(|| Table {
        caption: "Kontaktpersoner".into(),
        head: vec![
            "Namn".into(),
            "Roll".into(),
            "Enhet".into(),
            "Telefon och e-post".into(),
        ],
        numeric: vec![false; 4],
        rows: contact_rows,
        foot: Vec::new(),
        note: None,
    });

    let appendices = a
        .appendices
        .iter()
        .map(|x| {
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
            facts.push(Fact::new(
                "Status",
                match &x.status {
                    AppendixStatus::Active => "gäller".to_owned(),
                    AppendixStatus::Replaced { by } => format!(
                        "ersatt av {}",
                        a.appendices
                            .iter()
                            .find(|y| &y.id == by)
                            .map_or_else(|| by.to_string(), |y| format!("bilaga {}", y.number))
                    ),
                    AppendixStatus::Dropped => "har utgått".to_owned(),
                },
            ));
            match &x.financing {
                Some(f) => {
                    financing(f, x.period.as_ref().or(a.term.as_ref()), ctx, &mut s);
                }
                None => facts.push(Fact::new("Ekonomi", "anges inte i underlaget")),
            }
            s.groups.insert(0, FactGroup { title: None, facts });
            s
        })
        .collect();

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
        kicker: "Överenskommelse om idéburet offentligt partnerskap (IOP)".into(),
        title: a.title.clone(),
        subtitle,
        intro_facts: Vec::new(),
        parties,
        preamble,
        sections: canon,
        signing: Some(signing),
        contacts,
        appendices,
        missing_label: MISSING,
    }
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
    let years: Vec<i16> = term
        .filter(|t| years_of(t).is_some_and(|n| n <= 6))
        .map(|t| (t.start.year()..=t.end.year()).collect())
        .unwrap_or_default();

    if !f.budget_lines.is_empty() {
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
        let table = if years.is_empty() {
            head.push("Belopp per år".into());
            let rows = f
                .budget_lines
                .iter()
                .map(|l| vec![l.name.clone(), fmt::money(l.amount)])
                .collect();
            let total = fmt::sum(f.budget_lines.iter().map(|l| l.amount));
            Table {
                caption: "Budget per kalenderår".into(),
                numeric: vec![false, true],
                head,
                rows,
                foot: vec![vec!["Summa".into(), fmt::money_or_dash(total)]],
                note: None,
            }
        } else {
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
        };
        section.tables.push(table);
    }

    if !f.contributions.is_empty() {
        let rows: Vec<Vec<String>> = f
            .contributions
            .iter()
            .map(|c| {
                let amount = match c.amount {
                    Some(m) if c.at_least => format!("minst {}", fmt::money(m)),
                    Some(m) => fmt::money(m),
                    None => "värde anges inte".to_owned(),
                };
                let what = if c.covers.is_empty() {
                    c.description.clone().unwrap_or_default()
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
        let at_least = f
            .contributions
            .iter()
            .any(|c| c.at_least && c.amount.is_some());
        let total = fmt::money_or_dash(fmt::sum(known));
        section.tables.push(Table {
            caption: "Parternas bidrag per kalenderår".into(),
            head: vec![
                "Part".into(),
                "Slag".into(),
                "Belopp per år".into(),
                "Avser".into(),
            ],
            numeric: vec![false, false, true, false],
            rows,
            foot: vec![vec![
                "Summa".into(),
                String::new(),
                if at_least {
                    format!("minst {total}")
                } else {
                    total
                },
                String::new(),
            ]],
            note: None,
        });
    }

    let mut facts = Vec::new();
    if let Some(total) = f.total_per_year {
        facts.push(Fact::new("Kostnad per kalenderår", fmt::money(total)));
        if f.indexation.is_none()
            && let Some(n) = term.and_then(years_of)
        {
            let all = total.checked_mul(i64::from(n));
            facts.push(Fact::new(
                "Sammanlagt under perioden",
                format!(
                    "{} ({} × {n} kalenderår)",
                    fmt::money_or_dash(all),
                    fmt::money(total)
                ),
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
    if !facts.is_empty() {
        section.groups.push(FactGroup {
            title: Some("Villkor i sammandrag".into()),
            facts,
        });
    }
}
