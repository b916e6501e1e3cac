//! The decision documents: the officer's memo (tjänsteskrivelse) and the
//! minute extract (protokollsutdrag), shaped like seed 001.

use domain::Agreement;
use domain::model::{
    Contribution, ContributionKind, Decision, DecisionTrail, Financing, ImpactAssessment,
};
use domain::rules::schedule::{Schedule, ScheduleOptions, schedule};
use domain::value::{Id, Money};

use super::{Ctx, years_of};
use crate::RenderError;
use crate::fmt::{self, Block, blocks};
use crate::view::{DocView, Fact, FactGroup, MISSING, Part, Section, Table};

fn trail(a: &Agreement) -> Result<&DecisionTrail, RenderError> {
    a.decision_trail
        .as_ref()
        .ok_or(RenderError::NoDecisionTrail)
}

fn text_section(anchor: &str, title: &str, text: Option<&str>, why: &str) -> Section {
    let mut s = Section::new(anchor, title);
    match text.map(blocks).filter(|b| !b.is_empty()) {
        Some(b) => s.parts.push(Part {
            heading: None,
            blocks: b,
        }),
        None => s.missing = Some(why.to_owned()),
    }
    s
}

const PERSPECTIVES: [&str; 6] = [
    "Rättslig grund/rättsligt perspektiv",
    "Ekonomiskt perspektiv",
    "Barnperspektiv",
    "Jämställdhetsperspektiv",
    "Landsbygdssäkring/geografiskt perspektiv",
    "Klimat- och miljöperspektiv",
];

fn impact_section(anchor: &str, title: &str, impact: Option<&ImpactAssessment>) -> Section {
    let mut s = Section::new(anchor, title);
    match impact {
        Some(i) => {
            for (n, ((_, p), name)) in i.perspectives().iter().zip(PERSPECTIVES).enumerate() {
                let mut b = blocks(&p.text);
                if b.is_empty() {
                    b.push(Block::Para {
                        lines: vec![if p.not_applicable {
                            "Ej aktuellt".to_owned()
                        } else {
                            MISSING.to_owned()
                        }],
                    });
                }
                s.parts.push(Part {
                    heading: Some(format!("{}. {name}", n + 1)),
                    blocks: b,
                });
            }
        }
        None => {
            s.missing = Some("Ärendet saknar en bedömning av konsekvenser i tvärperspektiv.".into())
        }
    }
    s
}

/// The contributions under an alternative: its own replace the base ones of
/// the same party and kind.
fn merged(base: &[Contribution], own: &[Contribution]) -> Vec<Contribution> {
    let mut out: Vec<Contribution> = base
        .iter()
        .map(|c| {
            own.iter()
                .find(|o| o.party == c.party && o.kind == c.kind)
                .unwrap_or(c)
                .clone()
        })
        .collect();
    for o in own {
        if !out.iter().any(|c| c.party == o.party && c.kind == o.kind) {
            out.push(o.clone());
        }
    }
    out
}

/// One column of the alternatives table: name, whether it is the proposed
/// one (none for the agreement's own financing), total per year, and the
/// contributions under it.
type Column = (String, Option<bool>, Option<Money>, Vec<Contribution>);

/// The funding alternatives side by side, with totals over the term.
fn alternatives_section(a: &Agreement, ctx: &Ctx) -> Section {
    let mut s = Section::new("s-alternativ", "Finansieringsalternativ");
    let Some(f) = &a.financing else {
        s.missing = Some("Överenskommelsen anger ingen finansiering.".into());
        return s;
    };
    let columns = columns(f);
    let years = a.term.as_ref().and_then(years_of);
    let mut rows = contribution_rows(&columns, ctx);
    let totals: Vec<Option<Money>> = columns
        .iter()
        .map(|(_, _, total, contributions)| {
            total.or_else(|| fmt::sum(contributions.iter().filter_map(|c| c.amount)))
        })
        .collect();
    // A sum of the contributions that holds a ceiling is the most that can
    // be paid; a stated total per year is firm.
    let at_most_per_year = columns.iter().map(|(_, _, total, contributions)| {
        total.is_none()
            && contributions
                .iter()
                .any(|c| c.at_most && c.amount.is_some())
    });
    let mut per_year = vec!["Summa per år".to_owned()];
    per_year.extend(
        totals
            .iter()
            .zip(at_most_per_year)
            .map(|(t, ceiling)| t.map_or_else(|| "–".to_owned(), |t| at_most(t, ceiling))),
    );
    rows.push(per_year);
    let years_label = match (&a.term, years) {
        (Some(t), Some(n)) => format!("{n} ({}–{})", t.start.year(), t.end.year()),
        _ => "anges inte".to_owned(),
    };
    let mut n_row = vec!["Antal kalenderår".to_owned()];
    n_row.extend(columns.iter().map(|_| years_label.clone()));
    rows.push(n_row);
    let schedules = schedules(a, f);
    rows.extend(year_rows(&schedules));
    let mut foot = vec!["Summa för perioden".to_owned()];
    foot.extend(
        totals
            .iter()
            .zip(&schedules)
            .map(|(t, s)| match (s, t, years) {
                (Some(s), _, _) => at_most(s.total, s.at_most),
                (None, Some(t), Some(n)) => fmt::money_or_dash(t.checked_mul(i64::from(n))),
                _ => "–".to_owned(),
            }),
    );
    let mut head = vec!["Finansiering".to_owned()];
    head.extend(columns.iter().map(|c| match c.1 {
        Some(true) => format!("{} (förvaltningens förslag)", c.0),
        _ => c.0.clone(),
    }));
    let mut numeric = vec![true; head.len()];
    numeric[0] = false;
    s.tables.push(Table {
        caption: if f.alternatives.is_empty() {
            "Finansiering per år och för perioden".into()
        } else {
            "Finansieringsalternativen sida vid sida".into()
        },
        head,
        numeric,
        rows,
        foot: vec![foot],
        note: Some(schedule_note(f, schedules.iter().all(Option::is_some))),
    });
    s
}

/// A column per alternative, or one for the agreement's own financing.
fn columns(f: &Financing) -> Vec<Column> {
    if f.alternatives.is_empty() {
        vec![(
            "Överenskommelsens finansiering".to_owned(),
            None,
            f.total_per_year,
            f.contributions.clone(),
        )]
    } else {
        f.alternatives
            .iter()
            .enumerate()
            .map(|(i, alt)| {
                (
                    format!("Alternativ {}: {}", i + 1, alt.name),
                    Some(alt.proposed),
                    alt.total_per_year,
                    merged(&f.contributions, &alt.contributions),
                )
            })
            .collect()
    }
}

/// A row per party and kind of contribution, a cell per column.
fn contribution_rows(columns: &[Column], ctx: &Ctx) -> Vec<Vec<String>> {
    let mut keys: Vec<(Id, ContributionKind)> = Vec::new();
    for (_, _, _, contributions) in columns {
        for c in contributions {
            if !keys.iter().any(|(p, k)| p == &c.party && *k == c.kind) {
                keys.push((c.party.clone(), c.kind));
            }
        }
    }
    keys.iter()
        .map(|(party, kind)| {
            let mut row = vec![format!(
                "{}, {} per år",
                ctx.party_name(party),
                fmt::contribution_kind(*kind).to_lowercase()
            )];
            for (_, _, _, contributions) in columns {
                let cell = match contributions
                    .iter()
                    .find(|c| &c.party == party && c.kind == *kind)
                {
                    Some(Contribution {
                        amount: Some(m),
                        at_least: true,
                        ..
                    }) => format!("minst {}", fmt::money(*m)),
                    Some(Contribution {
                        amount: Some(m),
                        at_most: true,
                        ..
                    }) => format!("högst {}", fmt::money(*m)),
                    Some(Contribution {
                        amount: Some(m), ..
                    }) => fmt::money(*m),
                    Some(_) => "värde anges inte".to_owned(),
                    None => "–".to_owned(),
                };
                row.push(cell);
            }
            row
        })
        .collect()
}

/// The money schedule of the rules engine per column: each calendar year
/// and the total over the term (indexation and part years included); none
/// where it cannot say.
fn schedules<'a>(a: &'a Agreement, f: &Financing) -> Vec<Option<Schedule<'a>>> {
    let alternative_ids: Vec<Option<String>> = if f.alternatives.is_empty() {
        vec![None]
    } else {
        f.alternatives
            .iter()
            .map(|x| Some(x.id.to_string()))
            .collect()
    };
    alternative_ids
        .iter()
        .map(|alt| {
            schedule(
                a,
                ScheduleOptions {
                    extensions: 0,
                    alternative: alt.as_deref(),
                },
            )
            .ok()
        })
        .collect()
}

/// A row per calendar year any schedule covers.
fn year_rows(schedules: &[Option<Schedule>]) -> Vec<Vec<String>> {
    let mut calendar_years: Vec<i16> = Vec::new();
    for s in schedules.iter().flatten() {
        for y in &s.years {
            if !calendar_years.contains(&y.year) {
                calendar_years.push(y.year);
            }
        }
    }
    calendar_years.sort_unstable();
    calendar_years
        .iter()
        .map(|year| {
            let mut row = vec![format!("År {year}")];
            row.extend(schedules.iter().map(|s| {
                s.as_ref()
                    .and_then(|s| s.years.iter().find(|y| y.year == *year))
                    .map_or_else(|| "–".to_owned(), |y| at_most(y.total, y.at_most))
            }));
            row
        })
        .collect()
}

/// How the sums for the period are made: from the schedules, or where they
/// cannot be had, the yearly amount times the calendar years.
fn schedule_note(f: &Financing, scheduled: bool) -> String {
    if scheduled {
        let mut note = "Beloppen per kalenderår och summan för perioden följer överenskommelsens giltighetstid".to_owned();
        if let Some(ix) = &f.indexation {
            note.push_str(&format!(
                ", med uppräkning med {} % per år för pris- och löneutveckling",
                ix.rate
            ));
        }
        note.push('.');
        note
    } else {
        let mut note = "Summa för perioden är summa per år gånger antalet kalenderår som giltighetstiden omfattar.".to_owned();
        if let Some(ix) = &f.indexation {
            note.push_str(&format!(
                " Uppräkningen med {} % per år för pris- och löneutveckling ingår inte.",
                ix.rate
            ));
        }
        note
    }
}

fn header_right(ctx: &Ctx) -> Vec<String> {
    ctx.case_number
        .as_ref()
        .map(|c| vec![format!("Ärendenummer {c}")])
        .unwrap_or_default()
}

pub fn memo(a: &Agreement, date: Option<domain::value::Date>) -> Result<DocView, RenderError> {
    let t = trail(a)?;
    let m = t.memo.as_ref().ok_or(RenderError::NoMemo)?;
    let ctx = Ctx::new(a, date.or(Some(m.date)));
    let case = ctx
        .case_number
        .clone()
        .unwrap_or_else(|| t.case_number.clone());
    let sections = vec![
        text_section(
            "s-sammanfattning",
            "Sammanfattning",
            Some(&m.summary),
            "Tjänsteskrivelsen saknar sammanfattning.",
        ),
        text_section(
            "s-bedomning",
            "Bedömning",
            Some(&m.assessment),
            "Tjänsteskrivelsen saknar bedömning.",
        ),
        alternatives_section(a, &ctx),
        impact_section(
            "s-konsekvenser",
            "Konsekvenser i tvärperspektiv",
            t.impact.as_ref(),
        ),
        memo_proposal(m),
    ];
    Ok(DocView {
        kind: "memo",
        doc_title: format!("Tjänsteskrivelse: {}", a.title),
        authors: vec![m.author.clone()],
        date: ctx.date.map(Into::into),
        header_left: format!("{} – Tjänsteskrivelse", m.author),
        header_right: header_right(&ctx),
        kicker: "Tjänsteskrivelse".into(),
        title: a.title.clone(),
        intro_facts: vec![
            Fact::new("Ärendenummer", case),
            Fact::new("Datum", fmt::date_prose(m.date)),
            Fact::new("Från", m.author.clone()),
        ],
        ..decision_view(sections)
    })
}

/// The memo's proposal: its own section, or, when the memo has none, the
/// words quoted from the section that holds them, said to be so.
fn memo_proposal(m: &domain::model::Memo) -> Section {
    let mut s = text_section(
        "s-forslag",
        "Förslag till beslut",
        m.proposed_decision.as_deref(),
        "Tjänsteskrivelsen anger inget förslag till beslut.",
    );
    if let (Some(from), Some(part)) = (&m.proposed_decision_from, s.parts.first_mut()) {
        part.blocks.insert(
            0,
            Block::Para {
                lines: vec![format!(
                    "Tjänsteskrivelsen har inget eget avsnitt med förslag till beslut. Förslaget står i avsnittet {from}:"
                )],
            },
        );
    }
    s
}

/// The decision a minute extract is made of: the one asked for, or the latest.
fn pick<'a>(t: &'a DecisionTrail, id: Option<&Id>) -> Result<&'a Decision, RenderError> {
    match id {
        Some(id) => t
            .decisions
            .iter()
            .find(|d| &d.id == id)
            .ok_or_else(|| RenderError::UnknownDecision(id.to_string())),
        None => t
            .decisions
            .iter()
            .max_by_key(|d| d.meeting_date)
            .ok_or(RenderError::NoDecision),
    }
}

pub fn minute(
    a: &Agreement,
    decision: Option<&Id>,
    date: Option<domain::value::Date>,
) -> Result<DocView, RenderError> {
    let t = trail(a)?;
    let d = pick(t, decision)?;
    let ctx = Ctx::new(a, date.or(Some(d.meeting_date)));
    let party = d.party.as_ref().map(|p| ctx.party_name(p));
    let meeting = d
        .meeting_date_text
        .clone()
        .unwrap_or_else(|| format!("Sammanträdesdatum {}", fmt::date_iso(d.meeting_date)));

    let mut sections = vec![proposal_section(d)];
    if let Some(m) = &t.memo {
        sections.push(text_section(
            "s-sammanfattning",
            "Sammanfattning",
            Some(&m.summary),
            "Tjänsteskrivelsen saknar sammanfattning.",
        ));
        sections.push(text_section(
            "s-bedomning",
            "Bedömning",
            Some(&m.assessment),
            "Tjänsteskrivelsen saknar bedömning.",
        ));
    }
    if t.impact.is_some() {
        sections.push(impact_section(
            "s-konsekvenser",
            "Bedömning av konsekvenser i tvärperspektiv",
            t.impact.as_ref(),
        ));
    }
    sections.push(text_section(
        "s-behandling",
        "Ärendets behandling under mötet",
        handling(d).as_deref(),
        "Protokollet beskriver inte hur ärendet behandlades.",
    ));
    sections.push(basis_section(d));

    let mut header_left = d.body.clone();
    if let Some(p) = &party {
        header_left = format!("{header_left}, {p}");
    }
    let mut header_right = vec!["Protokollsutdrag".to_owned(), meeting];
    if let Some(page) = &d.minutes_page {
        header_right.push(format!("Protokoll {page}"));
    }
    Ok(DocView {
        kind: "minute",
        doc_title: format!("Protokollsutdrag {}: {}", d.paragraph, a.title),
        authors: vec![party.clone().unwrap_or_else(|| d.body.clone())],
        date: ctx.date.map(Into::into),
        header_left,
        header_right,
        kicker: format!("Protokollsutdrag, {}", d.body),
        title: format!("{} {}", d.paragraph, d.matter.as_ref().unwrap_or(&a.title)),
        intro_facts: minute_facts(t, d),
        ..decision_view(sections)
    })
}

/// What the memo and the minute extract have in common: sections, and no
/// parties block, signatures, contacts or appendices. The caller fills in
/// the rest.
fn decision_view(sections: Vec<Section>) -> DocView {
    DocView {
        lang: "sv",
        sections,
        missing_label: MISSING,
        ..DocView::default()
    }
}

/// The proposal under the heading the minutes give it, set as a bullet as
/// the seed does, and the outcome.
fn proposal_section(d: &Decision) -> Section {
    let heading = d
        .proposal_heading
        .as_deref()
        .unwrap_or("Förslag till beslut");
    let mut proposal = Section::new("s-forslag", heading);
    match d.proposal.as_deref().map(blocks).filter(|b| !b.is_empty()) {
        Some(b) => {
            let items: Vec<String> = b
                .into_iter()
                .flat_map(|blk| match blk {
                    Block::Para { lines } => vec![lines.join(" ")],
                    Block::List { items } => items,
                })
                .collect();
            proposal.parts.push(Part {
                heading: None,
                blocks: vec![Block::List { items }],
            });
        }
        None => proposal.missing = Some("Protokollet anger inget förslag.".into()),
    }
    proposal.groups.push(FactGroup {
        title: None,
        facts: vec![Fact::new("Beslut", fmt::outcome(d.outcome))],
    });
    proposal
}

/// How the meeting handled the matter: as written, or who presented it.
fn handling(d: &Decision) -> Option<String> {
    d.handling.clone().or_else(|| {
        (!d.presenters.is_empty()).then(|| {
            let names: Vec<String> = d
                .presenters
                .iter()
                .map(domain::model::Presenter::described)
                .collect();
            format!("Ärendet föredras av {}.", names.join(" och "))
        })
    })
}

/// The documents the decision was made on.
fn basis_section(d: &Decision) -> Section {
    let mut basis = Section::new("s-underlag", "Beslutsunderlag");
    if d.basis.is_empty() {
        basis.missing = Some("Protokollet anger inget beslutsunderlag.".into());
    } else {
        basis.parts.push(Part {
            heading: None,
            blocks: vec![Block::List {
                items: d
                    .basis
                    .iter()
                    .map(|doc| match doc.date {
                        Some(date) => format!("{} {}", doc.title, fmt::date_iso(date)),
                        None => doc.title.clone(),
                    })
                    .collect(),
            }],
        });
    }
    basis
}

/// Case, body, meeting, paragraph and where the minutes stand.
fn minute_facts(t: &DecisionTrail, d: &Decision) -> Vec<Fact> {
    let mut intro = vec![
        Fact::new("Ärendenummer", t.case_number.clone()),
        Fact::new("Organ", d.body.clone()),
        Fact::new("Sammanträdesdatum", fmt::date_prose(d.meeting_date)),
        Fact::new("Paragraf", d.paragraph.clone()),
    ];
    if let Some(page) = &d.minutes_page {
        intro.push(Fact::new("Protokoll", page.clone()));
    }
    if let Some(j) = &d.minutes_approval {
        intro.push(Fact::new("Justering", j.clone()));
    }
    intro
}

/// "högst 1 150 000 kr" for a sum that holds a ceiling (the memo is in Swedish).
fn at_most(m: domain::value::Money, at_most: bool) -> String {
    locale::present::money_at_most(locale::Lang::Sv, m, at_most)
}
