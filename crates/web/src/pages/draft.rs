//! Create an agreement through forms: a task list of sections (Parter,
//! Syfte och målgrupp, Insatser, Ekonomi, Giltighet, Uppsägning, Styrning,
//! Uppföljning), each its own page, then a page to check the answers, where
//! the domain checks are shown, before the agreement is saved.
//!
//! Nothing is stored until the agreement is saved: the draft travels in a
//! hidden field from page to page, so the flow works without JavaScript.

use std::collections::{BTreeMap, BTreeSet};

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::Agreement;
use domain::format::Syntax;
use domain::model::{
    Activity, AgreementKind, Appendix, BudgetLine, Cadence, Contribution, DueRule, ExtensionOption,
    Financing, GovernanceBody, Ground, Indexation, Note, Party, ReportingDuty, SectionKind,
    TargetGroup, TargetPriority, Term, TerminationClause, TextSection,
};
use domain::value::{CalendarLength, Date, Id, LengthUnit, Money, OrgNumber};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::kept;
use super::records::{ErrorLink, Field};
use super::{Base, Ctx, PageResult, render, render_status};
use crate::AppState;

/// What has been filled in so far.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Draft {
    /// Every field by name ("party-0-name").
    #[serde(default)]
    values: BTreeMap<String, String>,
    /// Rows shown per group ("party": 3).
    #[serde(default)]
    rows: BTreeMap<String, usize>,
    /// Sections marked done.
    #[serde(default)]
    done: BTreeSet<String>,
    /// When changing an existing agreement: its id and the version the
    /// change is made on.
    #[serde(default)]
    editing: Option<String>,
    #[serde(default)]
    base_version: i64,
    /// When confirming what a document proposed: the document kept for
    /// review (saved with version 1).
    #[serde(default)]
    import: Option<String>,
    /// What the agreement says that has no field yet (an imported
    /// document's unread text): kept as it came, shown before saving.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    notes: Vec<Note>,
}

impl Draft {
    fn get(&self, name: &str) -> &str {
        self.values
            .get(name)
            .map(String::as_str)
            .unwrap_or("")
            .trim()
    }

    fn rows(&self, group: &str) -> usize {
        self.rows.get(group).copied().unwrap_or(EXTRA_ROWS).max(1)
    }

    /// Indices of rows with anything written in (a list always has a
    /// choice made, so only a chosen party counts among lists).
    fn filled(&self, group: &GroupSpec) -> Vec<usize> {
        (0..self.rows(group.prefix))
            .filter(|i| {
                group
                    .fields
                    .iter()
                    .filter(|f| f.input != "select" || f.name == "party")
                    .any(|f| {
                        !self
                            .get(&format!("{}-{i}-{}", group.prefix, f.name))
                            .is_empty()
                    })
            })
            .collect()
    }
}

/// Empty rows offered at the end of a group.
const EXTRA_ROWS: usize = 3;

#[derive(Debug, Clone, Copy)]
enum Check {
    None,
    Date,
    Money,
    Int,
    Percent,
    OrgNumber,
}

#[derive(Debug, Clone, Copy)]
struct FieldSpec {
    name: &'static str,
    input: &'static str,
    check: Check,
    /// Fixed choices: (value, message key).
    options: &'static [(&'static str, &'static str)],
}

const fn f(name: &'static str, input: &'static str, check: Check) -> FieldSpec {
    FieldSpec {
        name,
        input,
        check,
        options: &[],
    }
}

const fn choice(
    name: &'static str,
    input: &'static str,
    options: &'static [(&'static str, &'static str)],
) -> FieldSpec {
    FieldSpec {
        name,
        input,
        check: Check::None,
        options,
    }
}

#[derive(Debug)]
struct GroupSpec {
    prefix: &'static str,
    fields: &'static [FieldSpec],
}

#[derive(Debug)]
struct SectionSpec {
    slug: &'static str,
    fields: &'static [FieldSpec],
    groups: &'static [GroupSpec],
}

const SECTORS: &[(&str, &str)] = &[
    ("public", "ui-sector-public"),
    ("idea-driven", "ui-sector-idea-driven"),
];
const KINDS: &[(&str, &str)] = &[("cash", "ui-cash"), ("in-kind", "ui-in-kind")];
const YES_NO: &[(&str, &str)] = &[("no", "ui-no"), ("yes", "ui-yes")];
const GROUNDS: &[(&str, &str)] = &[
    ("convenience", "ui-ground-convenience"),
    ("breach", "ui-ground-breach"),
    ("insolvency", "ui-ground-insolvency"),
    ("mismanagement", "ui-ground-mismanagement"),
    ("changed-circumstances", "ui-ground-changed-circumstances"),
];
const SETTLEMENTS: &[(&str, &str)] = &[
    (
        "refund-unstarted-months",
        "ui-settlement-refund-unstarted-months",
    ),
    (
        "reimburse-incurred-costs",
        "ui-settlement-reimburse-incurred-costs",
    ),
    (
        "discretionary-repayment",
        "ui-settlement-discretionary-repayment",
    ),
    ("not-stated", "ui-settlement-not-stated"),
];
const WHO: &[(&str, &str)] = &[
    ("any-party", "ui-who-any-party"),
    ("other-party", "ui-who-other-party"),
];
const BODY_KINDS: &[(&str, &str)] = &[
    ("steering-group", "ui-body-steering-group"),
    ("cooperation-group", "ui-body-cooperation-group"),
    ("working-group", "ui-body-working-group"),
    ("dialogue", "ui-body-dialogue"),
];
const REPORT_KINDS: &[(&str, &str)] = &[
    ("joint-report", "ui-kind-joint-report"),
    ("annual-report", "ui-kind-annual-report"),
    ("financial-report", "ui-kind-financial-report"),
    ("activity-plan", "ui-kind-activity-plan"),
    ("evaluation", "ui-kind-evaluation"),
    ("end-of-period-report", "ui-kind-end-of-period-report"),
    ("status-report", "ui-kind-status-report"),
];

// The groups of rows, by the prefix of their fields' names.
const PARTY: GroupSpec = GroupSpec {
    prefix: "party",
    fields: &[
        f("name", "text", Check::None),
        choice("sector", "select", SECTORS),
        f("org_number", "text", Check::OrgNumber),
        f("acting_through", "text", Check::None),
    ],
};
const ACTIVITY: GroupSpec = GroupSpec {
    prefix: "activity",
    fields: &[
        f("name", "text", Check::None),
        f("description", "textarea", Check::None),
    ],
};
const LINE: GroupSpec = GroupSpec {
    prefix: "line",
    fields: &[
        f("name", "text", Check::None),
        f("amount", "text", Check::Money),
    ],
};
const CONTRIBUTION: GroupSpec = GroupSpec {
    prefix: "contribution",
    fields: &[
        f("party", "select", Check::None),
        choice("kind", "select", KINDS),
        f("amount", "text", Check::Money),
        choice("at_least", "select", YES_NO),
        f("description", "text", Check::None),
    ],
};
const BODY: GroupSpec = GroupSpec {
    prefix: "body",
    fields: &[
        f("name", "text", Check::None),
        choice("kind", "select", BODY_KINDS),
        f("times", "text", Check::Int),
    ],
};
const REPORT: GroupSpec = GroupSpec {
    prefix: "report",
    fields: &[
        f("title", "text", Check::None),
        choice("kind", "select", REPORT_KINDS),
        f("month", "text", Check::Int),
        f("day", "text", Check::Int),
    ],
};
const APPENDIX: GroupSpec = GroupSpec {
    prefix: "appendix",
    fields: &[
        f("title", "text", Check::None),
        f("party", "select", Check::None),
        f("start", "date", Check::Date),
        f("end", "date", Check::Date),
    ],
};

const SECTIONS: &[SectionSpec] = &[
    SectionSpec {
        slug: "grund",
        fields: &[
            f("title", "text", Check::None),
            f("short_name", "text", Check::None),
            f("id", "text", Check::None),
            f("case_number", "text", Check::None),
        ],
        groups: &[],
    },
    SectionSpec {
        slug: "parter",
        fields: &[f("parties_text", "textarea", Check::None)],
        groups: &[PARTY],
    },
    SectionSpec {
        slug: "syfte",
        fields: &[
            f("background", "textarea", Check::None),
            f("purposes", "textarea", Check::None),
            f("target_group", "textarea", Check::None),
            f("values", "textarea", Check::None),
        ],
        groups: &[],
    },
    SectionSpec {
        slug: "insatser",
        fields: &[f("activities_text", "textarea", Check::None)],
        groups: &[ACTIVITY],
    },
    SectionSpec {
        slug: "ekonomi",
        fields: &[
            f("financing_text", "textarea", Check::None),
            f("indexation", "text", Check::Percent),
        ],
        groups: &[LINE, CONTRIBUTION],
    },
    SectionSpec {
        slug: "giltighet",
        fields: &[
            f("term_text", "textarea", Check::None),
            f("start", "date", Check::Date),
            f("end", "date", Check::Date),
            f("ext_times", "text", Check::Int),
            f("ext_years", "text", Check::Int),
            f("ext_lead_months", "text", Check::Int),
        ],
        groups: &[],
    },
    SectionSpec {
        slug: "uppsagning",
        fields: &[
            f("termination_text", "textarea", Check::None),
            choice("grounds", "checkboxes", GROUNDS),
            choice("by", "select", WHO),
            f("notice_months", "text", Check::Int),
            choice("settlement", "select", SETTLEMENTS),
        ],
        groups: &[],
    },
    SectionSpec {
        slug: "styrning",
        fields: &[f("governance_text", "textarea", Check::None)],
        groups: &[BODY],
    },
    SectionSpec {
        slug: "uppfoljning",
        fields: &[f("follow_up_text", "textarea", Check::None)],
        groups: &[REPORT],
    },
    SectionSpec {
        slug: "bilagor",
        fields: &[],
        groups: &[APPENDIX],
    },
];

/// The sections in order, by their path names.
#[cfg(test)]
pub(crate) const SLUGS: [&str; 10] = [
    "grund",
    "parter",
    "syfte",
    "insatser",
    "ekonomi",
    "giltighet",
    "uppsagning",
    "styrning",
    "uppfoljning",
    "bilagor",
];

/// The message keys of every field's label, and of every choice.
#[cfg(test)]
pub(crate) fn field_keys() -> Vec<String> {
    let mut keys = Vec::new();
    for s in SECTIONS {
        let groups = s.groups.iter().flat_map(|g| {
            g.fields
                .iter()
                .map(move |f| (format!("{}-{}", g.prefix, f.name), f))
        });
        let all = s
            .fields
            .iter()
            .map(|f| (f.name.to_owned(), f))
            .chain(groups);
        for (name, f) in all {
            keys.push(format!("ui-draft-field-{}", name.replace('_', "-")));
            keys.extend(f.options.iter().map(|(_, k)| (*k).to_owned()));
        }
    }
    keys
}

fn section(slug: &str) -> Option<&'static SectionSpec> {
    SECTIONS.iter().find(|s| s.slug == slug)
}

// ---------------------------------------------------------------- views

pub(crate) struct Group {
    pub legend: String,
    pub fields: Vec<Field>,
}

pub(crate) struct Task {
    pub slug: &'static str,
    pub name: String,
    pub status: String,
    pub done: bool,
}

pub(crate) struct Answer {
    pub label: String,
    pub value: String,
}

pub(crate) struct AnswerSection {
    pub slug: &'static str,
    pub name: String,
    pub answers: Vec<Answer>,
}

/// The page: the task list, one section, or the answers to check.
#[derive(Template)]
#[template(path = "draft.html")]
pub(crate) struct DraftPage {
    pub base: Base,
    pub draft: String,
    /// "tasks", "section" or "check".
    pub view: &'static str,
    pub tasks: Vec<Task>,
    pub slug: &'static str,
    pub heading: String,
    pub intro: String,
    pub fields: Vec<Field>,
    pub groups: Vec<Group>,
    pub errors: Vec<ErrorLink>,
    /// On the check page: which section each error belongs to.
    pub error_sections: Vec<(String, &'static str, String)>,
    pub answers: Vec<AnswerSection>,
    pub warnings: Vec<String>,
    /// Changing an existing agreement (a new version, with a reason).
    pub editing: bool,
    /// Confirming an imported document: the document kept for review.
    pub import: Option<String>,
    /// On a section page of an import: the document's words this
    /// section's values came from.
    pub sources: Vec<super::from_document::SourceFact>,
    /// On the check page: the notes the agreement keeps (topic, text).
    pub notes: Vec<(String, String)>,
    /// On the check page of an import: what version 1 keeps from the
    /// document that no form shows.
    pub kept: Vec<Answer>,
    /// On the check page of an imported document: what the document says
    /// that goes with the rows the official removed.
    pub gone: Vec<Answer>,
    /// On the check page of an imported document: what version 1 keeps
    /// naming a removed row in words.
    pub worded: Vec<Answer>,
}

fn label(ctx: &Ctx, name: &str) -> String {
    ctx.t(&format!("ui-draft-field-{}", name.replace('_', "-")))
}

fn hint(ctx: &Ctx, name: &str) -> String {
    let key = format!("ui-draft-hint-{}", name.replace('_', "-"));
    let text = ctx.t(&key);
    if text == key { String::new() } else { text }
}

fn field_view(ctx: &Ctx, draft: &Draft, spec: &FieldSpec, name: String, label: String) -> Field {
    let mut field = Field::new_pub(&name, label, spec.input).hint_pub(hint(ctx, spec.name));
    field.value = draft.get(&name).to_owned();
    let mut options: Vec<(String, String)> = spec
        .options
        .iter()
        .map(|(v, k)| ((*v).to_owned(), ctx.t(k)))
        .collect();
    if spec.name == "party" {
        options = vec![(String::new(), ctx.t("ui-draft-choose-party"))];
        options.extend((0..draft.rows("party")).filter_map(|i| {
            let n = draft.get(&format!("party-{i}-name"));
            (!n.is_empty()).then(|| (i.to_string(), n.to_owned()))
        }));
    }
    let chosen: Vec<&str> = field.value.split(',').map(str::trim).collect();
    field.set_options(
        options
            .into_iter()
            .map(|(v, l)| {
                let selected = chosen.contains(&v.as_str());
                (v, l, selected)
            })
            .collect(),
    );
    field
}

fn section_view(
    ctx: &Ctx,
    draft: &Draft,
    spec: &SectionSpec,
    errors: &[ErrorLink],
) -> (Vec<Field>, Vec<Group>) {
    let with_error = |mut field: Field| {
        field.error = errors
            .iter()
            .find(|e| e.field == field.id)
            .map(|e| e.message.clone());
        field
    };
    let fields = spec
        .fields
        .iter()
        .map(|s| {
            with_error(field_view(
                ctx,
                draft,
                s,
                s.name.to_owned(),
                label(ctx, s.name),
            ))
        })
        .collect();
    let mut groups = Vec::new();
    for g in spec.groups {
        for i in 0..draft.rows(g.prefix) {
            let legend = ctx.ta(
                &format!("ui-draft-group-{}", g.prefix),
                &[("n", &(i + 1).to_string())],
            );
            let fields = g
                .fields
                .iter()
                .map(|s| {
                    with_error(field_view(
                        ctx,
                        draft,
                        s,
                        format!("{}-{i}-{}", g.prefix, s.name),
                        label(ctx, &format!("{}-{}", g.prefix, s.name)),
                    ))
                })
                .collect();
            groups.push(Group { legend, fields });
        }
    }
    (fields, groups)
}

fn page(ctx: &Ctx, draft: &Draft, view: &'static str) -> DraftPage {
    let heading = ctx.t("ui-draft-title");
    DraftPage {
        base: ctx.base(heading.clone(), "new"),
        draft: carried(draft),
        view,
        tasks: SECTIONS
            .iter()
            .map(|s| {
                let done = draft.done.contains(s.slug);
                Task {
                    slug: s.slug,
                    name: ctx.t(&format!("ui-draft-section-{}", s.slug)),
                    status: ctx.t(if done {
                        "ui-draft-done"
                    } else {
                        "ui-draft-not-done"
                    }),
                    done,
                }
            })
            .collect(),
        slug: "",
        heading,
        intro: ctx.t("ui-draft-intro"),
        fields: Vec::new(),
        groups: Vec::new(),
        errors: Vec::new(),
        error_sections: Vec::new(),
        answers: Vec::new(),
        warnings: Vec::new(),
        editing: draft.editing.is_some(),
        import: draft.import.clone(),
        sources: Vec::new(),
        notes: Vec::new(),
        kept: Vec::new(),
        gone: Vec::new(),
        worded: Vec::new(),
    }
}

fn section_page(
    ctx: &Ctx,
    draft: &Draft,
    spec: &'static SectionSpec,
    errors: Vec<ErrorLink>,
) -> DraftPage {
    let mut p = page(ctx, draft, "section");
    let (fields, groups) = section_view(ctx, draft, spec, &errors);
    p.slug = spec.slug;
    p.heading = ctx.t(&format!("ui-draft-section-{}", spec.slug));
    p.base.title = p.heading.clone();
    p.base.errors = !errors.is_empty();
    p.intro = ctx.t(&format!("ui-draft-intro-{}", spec.slug));
    p.fields = fields;
    p.groups = groups;
    p.errors = errors;
    p
}

// ---------------------------------------------------------------- checks

fn check_section(ctx: &Ctx, draft: &Draft, spec: &SectionSpec) -> Vec<ErrorLink> {
    let mut errors = Vec::new();
    let mut check = |name: String, check: Check| {
        let value = draft.get(&name);
        if value.is_empty() {
            return;
        }
        let key = match check {
            Check::None => return,
            Check::Date => value.parse::<Date>().err().map(|_| "ui-error-date-format"),
            Check::Money => value
                .parse::<Money>()
                .err()
                .map(|_| "ui-error-amount-format"),
            Check::Int => value.parse::<u32>().err().map(|_| "ui-error-count-format"),
            Check::Percent => value
                .trim_end_matches('%')
                .trim()
                .replace(',', ".")
                .parse::<f64>()
                .err()
                .map(|_| "ui-error-percent-format"),
            Check::OrgNumber => value.parse::<OrgNumber>().err().map(|_| "ui-error-orgnr"),
        };
        if let Some(key) = key {
            errors.push(ErrorLink {
                field: name,
                message: ctx.t(key),
            });
        }
    };
    for s in spec.fields {
        check(s.name.to_owned(), s.check);
    }
    for g in spec.groups {
        for i in draft.filled(g) {
            for s in g.fields {
                check(format!("{}-{i}-{}", g.prefix, s.name), s.check);
            }
        }
    }
    errors
}

fn slug_of(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            'é' => 'e',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(60).collect()
}

/// The agreement the draft describes, built part by part from the sections'
/// fields. A value the file format would not read (an id, a date, an
/// amount) stops it with the diagnostic the file would give.
fn compose(ctx: &Ctx, d: &Draft) -> Read<Agreement> {
    let c = Compose { ctx, d };
    // Read in the order of the file's keys (alphabetical, here and in each
    // part), so that of several problems the first named is the one the
    // agreement file's reader would name.
    let activities = c.activities()?;
    let appendices = c.appendices()?;
    let extension = c.extension()?;
    let financing = c.financing()?;
    let governance = c.governance()?;
    let id = c.id()?;
    let parties = c.parties()?;
    let reporting = c.reporting()?;
    let status = value(match d.get("status") {
        "" => "draft",
        s => s,
    })?;
    let term = c.term()?;
    let termination = c.termination()?;
    Ok(Agreement {
        format: domain::model::FORMAT_VERSION,
        id,
        title: c.text("title"),
        short_name: c.optional("short_name"),
        status,
        // Appendices make it a framework agreement (seed 004).
        kind: if appendices.is_empty() {
            AgreementKind::Standalone
        } else {
            AgreementKind::Framework
        },
        case_number: c.optional("case_number"),
        ocid: None,
        parties,
        sections: c.sections(),
        target_groups: c.target_groups(),
        purposes: c.lines_of("purposes"),
        goals: Vec::new(),
        values: c.lines_of("values"),
        activities,
        employer: None,
        financing,
        term,
        extension,
        termination,
        renegotiation: None,
        dispute: None,
        governance,
        reporting,
        appendices,
        signing: None,
        decision_trail: None,
        related: Vec::new(),
        replaces_procured_service: false,
        notes: d.notes.clone(),
    })
}

/// What reading a draft gives: a part of the agreement, or why not.
type Read<T> = Result<T, domain::diagnostic::Diagnostic>;

/// One value read as the file format reads it.
fn value<T: serde::de::DeserializeOwned>(raw: &str) -> Read<T> {
    domain::format::read_value(Value::String(raw.to_owned()))
}

/// Reads a draft as the parts of an agreement.
struct Compose<'a> {
    ctx: &'a Ctx,
    d: &'a Draft,
}

impl Compose<'_> {
    fn text(&self, name: &str) -> String {
        self.d.get(name).to_owned()
    }

    fn optional(&self, name: &str) -> Option<String> {
        Some(self.text(name)).filter(|t| !t.is_empty())
    }

    /// Field `name` of row `i` of `group`.
    fn cell(&self, group: &GroupSpec, i: usize, name: &str) -> &str {
        self.d.get(&format!("{}-{i}-{name}", group.prefix))
    }

    fn optional_cell(&self, group: &GroupSpec, i: usize, name: &str) -> Option<String> {
        Some(self.cell(group, i, name).to_owned()).filter(|t| !t.is_empty())
    }

    /// A section's heading, and the quote of a clause read from its text
    /// field (or its heading when nothing is written).
    fn clause_text(&self, slug: &str, text_field: &str) -> (String, String) {
        let section = self.section_name(slug);
        let quote = self.optional(text_field).unwrap_or_else(|| section.clone());
        (section, quote)
    }

    fn section_name(&self, slug: &str) -> String {
        self.ctx.t(&format!("ui-draft-section-{slug}"))
    }

    /// The id written, or one made from the title.
    fn id(&self) -> Read<Id> {
        match self.optional("id") {
            Some(id) => value(&id),
            None => value(&slug_of(self.d.get("title"))),
        }
    }

    /// The id of the party in row `i`.
    fn party_id(&self, i: usize) -> String {
        let s = slug_of(self.cell(&PARTY, i, "name"));
        if s.is_empty() {
            format!("part-{}", i + 1)
        } else {
            s
        }
    }

    /// The party a row's party list points at.
    fn chosen_party(&self, group: &GroupSpec, i: usize) -> Read<Id> {
        let id = self
            .cell(group, i, "party")
            .parse::<usize>()
            .ok()
            // A removed party's row is empty: no party is chosen.
            .filter(|&p| !self.cell(&PARTY, p, "name").trim().is_empty())
            .map(|p| self.party_id(p))
            .unwrap_or_default();
        value(&id)
    }

    /// A choice made in a list, or the list's first meaning when none is.
    fn choice<T: serde::de::DeserializeOwned>(&self, raw: &str, otherwise: &str) -> Read<T> {
        value(if raw.is_empty() { otherwise } else { raw })
    }

    /// "N months" or "N years" from a count written in a field.
    fn length(&self, name: &str, unit: &str) -> Read<Option<CalendarLength>> {
        self.optional(name)
            .map(|n| value(&format!("{n} {unit}")))
            .transpose()
    }

    /// One item per line, without list marks.
    fn lines_of(&self, name: &str) -> Vec<String> {
        self.d
            .get(name)
            .lines()
            .map(|l| l.trim().trim_start_matches("- ").to_owned())
            .filter(|l| !l.is_empty())
            .collect()
    }

    fn parties(&self) -> Read<Vec<Party>> {
        self.d
            .filled(&PARTY)
            .into_iter()
            .map(|i| {
                let id = value(&self.party_id(i))?;
                let org_number = self
                    .optional_cell(&PARTY, i, "org_number")
                    .map(|n| value(&n))
                    .transpose()?;
                Ok(Party {
                    id,
                    name: self.cell(&PARTY, i, "name").to_owned(),
                    short_name: None,
                    sector: self.choice(self.cell(&PARTY, i, "sector"), "public")?,
                    org_number,
                    acting_through: self.optional_cell(&PARTY, i, "acting_through"),
                    address: None,
                    signatories: Vec::new(),
                    contacts: Vec::new(),
                })
            })
            .collect()
    }

    /// The text sections written, each under its heading.
    fn sections(&self) -> Vec<TextSection> {
        let field = |name: &str| self.ctx.t(&format!("ui-draft-field-{name}"));
        [
            (
                SectionKind::Parties,
                self.section_name("parter"),
                "parties_text",
            ),
            (SectionKind::Background, field("background"), "background"),
            (SectionKind::Purpose, field("purposes"), "purposes"),
            (
                SectionKind::TargetGroup,
                field("target-group"),
                "target_group",
            ),
            (SectionKind::Values, field("values"), "values"),
            (
                SectionKind::Activities,
                self.section_name("insatser"),
                "activities_text",
            ),
            (
                SectionKind::Financing,
                self.section_name("ekonomi"),
                "financing_text",
            ),
            (
                SectionKind::Term,
                self.section_name("giltighet"),
                "term_text",
            ),
            (
                SectionKind::Termination,
                self.section_name("uppsagning"),
                "termination_text",
            ),
            (
                SectionKind::Organisation,
                self.section_name("styrning"),
                "governance_text",
            ),
            (
                SectionKind::FollowUp,
                self.section_name("uppfoljning"),
                "follow_up_text",
            ),
        ]
        .into_iter()
        .filter_map(|(kind, heading, name)| {
            Some(TextSection {
                kind,
                also: Vec::new(),
                heading,
                text: self.optional(name)?,
            })
        })
        .collect()
    }

    fn target_groups(&self) -> Vec<TargetGroup> {
        self.optional("target_group")
            .map(|description| TargetGroup {
                priority: TargetPriority::Primary,
                description,
            })
            .into_iter()
            .collect()
    }

    fn activities(&self) -> Read<Vec<Activity>> {
        self.d
            .filled(&ACTIVITY)
            .into_iter()
            .map(|i| {
                let name = self.cell(&ACTIVITY, i, "name");
                Ok(Activity {
                    id: value(&slug_of(name))?,
                    name: name.to_owned(),
                    description: self.optional_cell(&ACTIVITY, i, "description"),
                    performed_by: None,
                    appendix: None,
                    capacity: Vec::new(),
                })
            })
            .collect()
    }

    fn budget_lines(&self) -> Read<Vec<BudgetLine>> {
        self.d
            .filled(&LINE)
            .into_iter()
            .map(|i| {
                let name = self.cell(&LINE, i, "name");
                let amount = value(self.cell(&LINE, i, "amount"))?;
                Ok(BudgetLine {
                    id: value(&slug_of(name))?,
                    name: name.to_owned(),
                    amount,
                })
            })
            .collect()
    }

    fn contributions(&self) -> Read<Vec<Contribution>> {
        self.d
            .filled(&CONTRIBUTION)
            .into_iter()
            .map(|i| {
                let amount = self
                    .optional_cell(&CONTRIBUTION, i, "amount")
                    .map(|a| value(&a))
                    .transpose()?;
                let kind = self.choice(self.cell(&CONTRIBUTION, i, "kind"), "cash")?;
                Ok(Contribution {
                    party: self.chosen_party(&CONTRIBUTION, i)?,
                    kind,
                    amount,
                    at_least: self.cell(&CONTRIBUTION, i, "at_least") == "yes",
                    // No field for these: `kept` carries them over from the file.
                    at_most: false,
                    unit_price: None,
                    description: self.optional_cell(&CONTRIBUTION, i, "description"),
                    covers: Vec::new(),
                    basis: Default::default(),
                })
            })
            .collect()
    }

    fn financing(&self) -> Read<Option<Financing>> {
        let budget_lines = self.budget_lines()?;
        let contributions = self.contributions()?;
        if budget_lines.is_empty()
            && contributions.is_empty()
            && self.text("financing_text").is_empty()
        {
            return Ok(None);
        }
        let (section, quote) = self.clause_text("ekonomi", "financing_text");
        let rate = self
            .text("indexation")
            .trim_end_matches('%')
            .trim()
            .replace(',', ".");
        let indexation = if rate.is_empty() {
            None
        } else {
            Some(Indexation {
                id: value("indexering")?,
                section: section.clone(),
                quote: quote.clone(),
                rate: value(&rate)?,
                starts: Default::default(),
                rounding: Default::default(),
            })
        };
        Ok(Some(Financing {
            id: value("ekonomi")?,
            section,
            quote,
            total_per_year: None,
            budget_lines,
            contributions,
            indexation,
            payment: None,
            invoicing: Vec::new(),
            other_funders_allowed: false,
            in_appendices: false,
            alternatives: Vec::new(),
            state_aid: None,
        }))
    }

    fn term(&self) -> Read<Option<Term>> {
        if self.text("start").is_empty() && self.text("end").is_empty() {
            return Ok(None);
        }
        let (section, quote) = self.clause_text("giltighet", "term_text");
        let end = value(self.d.get("end"))?;
        Ok(Some(Term {
            id: value("giltighet")?,
            section,
            quote,
            start: value(self.d.get("start"))?,
            end,
            condition: None,
            ends_without_notice: false,
        }))
    }

    fn extension(&self) -> Read<Option<ExtensionOption>> {
        if self.text("ext_times").is_empty() && self.text("ext_years").is_empty() {
            return Ok(None);
        }
        let (section, quote) = self.clause_text("giltighet", "term_text");
        let decision_before_end = self.length("ext_lead_months", "months")?;
        Ok(Some(ExtensionOption {
            id: value("forlangning")?,
            section,
            quote,
            times: self.text("ext_times").parse::<u32>().ok(),
            length: self.length("ext_years", "years")?,
            max_total: None,
            mutual_consent: true,
            decision_before_end,
        }))
    }

    fn termination(&self) -> Read<Vec<TerminationClause>> {
        let grounds: Vec<&str> = self
            .d
            .get("grounds")
            .split(',')
            .map(str::trim)
            .filter(|g| !g.is_empty())
            .collect();
        if grounds.is_empty() {
            return Ok(Vec::new());
        }
        let (section, quote) = self.clause_text("uppsagning", "termination_text");
        let by = self.choice(self.d.get("by"), "any-party")?;
        let grounds = grounds
            .into_iter()
            .map(value)
            .collect::<Read<Vec<Ground>>>()?;
        Ok(vec![TerminationClause {
            id: value("uppsagning")?,
            section,
            quote,
            grounds,
            ground_words: Vec::new(),
            by,
            notice: self.length("notice_months", "months")?,
            called: None,
            cure: None,
            settlement: self.choice(self.d.get("settlement"), "not-stated")?,
            settlement_grounds: Vec::new(),
            repaying_party: None,
            aftermath: None,
        }])
    }

    fn governance(&self) -> Read<Vec<GovernanceBody>> {
        let (section, quote) = self.clause_text("styrning", "governance_text");
        self.d
            .filled(&BODY)
            .into_iter()
            .map(|i| {
                let name = self.cell(&BODY, i, "name");
                Ok(GovernanceBody {
                    id: value(&slug_of(name))?,
                    section: section.clone(),
                    quote: quote.clone(),
                    kind: self.choice(self.cell(&BODY, i, "kind"), "steering-group")?,
                    name: name.to_owned(),
                    members: Vec::new(),
                    cadence: match self.cell(&BODY, i, "times").parse::<u32>() {
                        Ok(times) if times > 0 => Cadence::PerYear { times },
                        _ => Cadence::Regular,
                    },
                    convener: None,
                    minute_keeper: None,
                    reports_to: None,
                    decision_rule: None,
                    duties: Vec::new(),
                    optional: false,
                })
            })
            .collect()
    }

    fn reporting(&self) -> Read<Vec<ReportingDuty>> {
        let (section, quote) = self.clause_text("uppfoljning", "follow_up_text");
        // Month and day are read as the file reads its numbers (at most 255).
        let number = |raw: &str, otherwise: u32| -> Read<u8> {
            domain::format::read_value(Value::from(raw.parse::<u32>().unwrap_or(otherwise)))
        };
        self.d
            .filled(&REPORT)
            .into_iter()
            .map(|i| {
                let title = self.cell(&REPORT, i, "title");
                let day = number(self.cell(&REPORT, i, "day"), 31)?;
                let due = DueRule::Yearly {
                    month: number(self.cell(&REPORT, i, "month"), 3)?,
                    day,
                    year_offset: 1,
                };
                Ok(ReportingDuty {
                    id: value(&slug_of(title))?,
                    section: section.clone(),
                    quote: quote.clone(),
                    kind: self.choice(self.cell(&REPORT, i, "kind"), "joint-report")?,
                    title: title.to_owned(),
                    from: Vec::new(),
                    by: None,
                    to: None,
                    due,
                    due_is_default: false,
                })
            })
            .collect()
    }

    fn appendices(&self) -> Read<Vec<Appendix>> {
        self.d
            .filled(&APPENDIX)
            .into_iter()
            .zip(1u32..)
            .map(|(i, number)| {
                let title = self.cell(&APPENDIX, i, "title");
                // A removed party's appendix names none: the form asks for one.
                let party = self.chosen_party(&APPENDIX, i).map_err(|_| {
                    let at = domain::path!["appendices", (number - 1) as usize, "party"];
                    domain::diagnostic::Diagnostic::error("missing-field")
                        .arg("field", &at)
                        .at(at)
                })?;
                let (start, end) = (
                    self.cell(&APPENDIX, i, "start"),
                    self.cell(&APPENDIX, i, "end"),
                );
                let period = if start.is_empty() || end.is_empty() {
                    None
                } else {
                    let end = value(end)?;
                    Some(Term {
                        id: value(&format!("bilaga-{number}-period"))?,
                        section: self.section_name("bilagor"),
                        quote: title.to_owned(),
                        start: value(start)?,
                        end,
                        condition: None,
                        ends_without_notice: false,
                    })
                };
                Ok(Appendix {
                    id: value(&format!("bilaga-{number}"))?,
                    number,
                    title: title.to_owned(),
                    party,
                    activity: None,
                    period,
                    financing: None,
                    status: Default::default(),
                    termination: Vec::new(),
                    reporting: Vec::new(),
                })
            })
            .collect()
    }
}

fn kebab<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The draft an existing agreement gives: what the forms can show of it.
fn from_agreement(a: &Agreement) -> Draft {
    let mut fill = Fill(Draft {
        notes: a.notes.clone(),
        ..Draft::default()
    });
    fill.head(a);
    fill.parties_and_activities(a);
    if let Some(f) = &a.financing {
        fill.financing(a, f);
    }
    fill.term(a);
    fill.termination(a);
    fill.governance_and_reporting(a);
    fill.appendices(a);
    let counts = [
        (&PARTY, a.parties.len()),
        (&ACTIVITY, a.activities.len()),
        (
            &LINE,
            a.financing.as_ref().map_or(0, |f| f.budget_lines.len()),
        ),
        (
            &CONTRIBUTION,
            a.financing.as_ref().map_or(0, |f| f.contributions.len()),
        ),
        (&BODY, a.governance.len()),
        (&REPORT, a.reporting.len()),
        (&APPENDIX, a.appendices.len()),
    ];
    let mut d = fill.0;
    for (group, n) in counts {
        d.rows.insert(group.prefix.to_owned(), n + EXTRA_ROWS);
    }
    d.done = SECTIONS.iter().map(|s| s.slug.to_owned()).collect();
    d
}

/// Writes an agreement's facts into a draft's fields.
struct Fill(Draft);

impl Fill {
    /// Field `name`, when there is something to put in it.
    fn set(&mut self, name: &str, value: String) {
        if !value.is_empty() {
            self.0.values.insert(name.to_owned(), value);
        }
    }

    /// Field `name` of row `i` of `group`.
    fn cell(&mut self, group: &GroupSpec, i: usize, name: &str, value: String) {
        self.set(&format!("{}-{i}-{name}", group.prefix), value);
    }

    /// The row of the party a party id points at.
    fn party_row(a: &Agreement, id: &Id) -> String {
        a.parties
            .iter()
            .position(|p| &p.id == id)
            .map(|i| i.to_string())
            .unwrap_or_default()
    }

    fn head(&mut self, a: &Agreement) {
        self.set("title", a.title.clone());
        self.set("short_name", a.short_name.clone().unwrap_or_default());
        self.set("id", a.id.to_string());
        self.set("case_number", a.case_number.clone().unwrap_or_default());
        self.set("status", kebab(&a.status));
        for s in &a.sections {
            let field = match s.kind {
                SectionKind::Parties => "parties_text",
                SectionKind::Background => "background",
                SectionKind::Purpose => "purposes",
                SectionKind::TargetGroup => "target_group",
                SectionKind::Values => "values",
                SectionKind::Activities => "activities_text",
                SectionKind::Financing => "financing_text",
                SectionKind::Term => "term_text",
                SectionKind::Termination => "termination_text",
                SectionKind::Organisation => "governance_text",
                SectionKind::FollowUp => "follow_up_text",
                _ => continue,
            };
            self.set(field, s.text.clone());
        }
    }

    fn parties_and_activities(&mut self, a: &Agreement) {
        for (i, p) in a.parties.iter().enumerate() {
            self.cell(&PARTY, i, "name", p.name.clone());
            self.cell(&PARTY, i, "sector", kebab(&p.sector));
            let org_number = p.org_number.map(|n| n.to_string()).unwrap_or_default();
            self.cell(&PARTY, i, "org_number", org_number);
            let acting = p.acting_through.clone().unwrap_or_default();
            self.cell(&PARTY, i, "acting_through", acting);
        }
        for (i, x) in a.activities.iter().enumerate() {
            self.cell(&ACTIVITY, i, "name", x.name.clone());
            let description = x.description.clone().unwrap_or_default();
            self.cell(&ACTIVITY, i, "description", description);
        }
    }

    fn financing(&mut self, a: &Agreement, f: &Financing) {
        for (i, l) in f.budget_lines.iter().enumerate() {
            self.cell(&LINE, i, "name", l.name.clone());
            self.cell(&LINE, i, "amount", l.amount.to_string());
        }
        for (i, c) in f.contributions.iter().enumerate() {
            self.cell(&CONTRIBUTION, i, "party", Self::party_row(a, &c.party));
            self.cell(&CONTRIBUTION, i, "kind", kebab(&c.kind));
            let amount = c.amount.map(|m| m.to_string()).unwrap_or_default();
            self.cell(&CONTRIBUTION, i, "amount", amount);
            let at_least = if c.at_least { "yes" } else { "no" };
            self.cell(&CONTRIBUTION, i, "at_least", at_least.into());
            let description = c.description.clone().unwrap_or_default();
            self.cell(&CONTRIBUTION, i, "description", description);
        }
        if let Some(x) = &f.indexation {
            self.set("indexation", x.rate.to_string());
        }
    }

    fn term(&mut self, a: &Agreement) {
        if let Some(t) = &a.term {
            self.set("start", t.start.to_string());
            self.set("end", t.end.to_string());
        }
        if let Some(x) = &a.extension {
            self.set(
                "ext_times",
                x.times.map(|n| n.to_string()).unwrap_or_default(),
            );
            if let Some(l) = x.length.filter(|l| l.unit == LengthUnit::Years) {
                self.set("ext_years", l.amount.to_string());
            }
            if let Some(l) = x
                .decision_before_end
                .filter(|l| l.unit == LengthUnit::Months)
            {
                self.set("ext_lead_months", l.amount.to_string());
            }
        }
    }

    fn termination(&mut self, a: &Agreement) {
        if let Some(t) = a.termination.first() {
            let grounds = t.grounds.iter().map(kebab).collect::<Vec<_>>().join(",");
            self.set("grounds", grounds);
            self.set("by", kebab(&t.by));
            if let Some(l) = t.notice.filter(|l| l.unit == LengthUnit::Months) {
                self.set("notice_months", l.amount.to_string());
            }
            self.set("settlement", kebab(&t.settlement));
        }
    }

    fn governance_and_reporting(&mut self, a: &Agreement) {
        for (i, g) in a.governance.iter().enumerate() {
            self.cell(&BODY, i, "name", g.name.clone());
            self.cell(&BODY, i, "kind", kebab(&g.kind));
            if let Cadence::PerYear { times } = g.cadence {
                self.cell(&BODY, i, "times", times.to_string());
            }
        }
        for (i, r) in a.reporting.iter().enumerate() {
            self.cell(&REPORT, i, "title", r.title.clone());
            self.cell(&REPORT, i, "kind", kebab(&r.kind));
            if let DueRule::Yearly { month, day, .. } = r.due {
                self.cell(&REPORT, i, "month", month.to_string());
                self.cell(&REPORT, i, "day", day.to_string());
            }
        }
    }

    fn appendices(&mut self, a: &Agreement) {
        for (i, x) in a.appendices.iter().enumerate() {
            self.cell(&APPENDIX, i, "title", x.title.clone());
            self.cell(&APPENDIX, i, "party", Self::party_row(a, &x.party));
            if let Some(t) = &x.period {
                self.cell(&APPENDIX, i, "start", t.start.to_string());
                self.cell(&APPENDIX, i, "end", t.end.to_string());
            }
        }
    }
}

/// The draft of an agreement when the forms hold all of it: saving the
/// forms unchanged gives back the same agreement. Otherwise `None`: the
/// agreement has details the forms do not cover.
pub(crate) fn editable(ctx: &Ctx, a: &Agreement) -> Option<Draft> {
    let d = from_agreement(a);
    let again = compose(ctx, &d).ok()?;
    (&again == a).then_some(d)
}

/// The draft of what a document proposed, to confirm section by section:
/// nothing is marked done yet.
pub(crate) fn from_import(a: &Agreement, import: &str) -> Draft {
    let mut d = from_agreement(a);
    d.done.clear();
    d.import = Some(import.to_owned());
    d
}

/// The draft as the hidden field carries it.
pub(crate) fn carried(d: &Draft) -> String {
    serde_json::to_string(d).unwrap_or_default()
}

/// The section a diagnostic's field belongs to.
pub(crate) fn section_of_path(path: &str) -> &'static str {
    let first = path.split(['.', '[']).next().unwrap_or_default();
    match first {
        "parties" => "parter",
        "sections" | "purposes" | "target_groups" | "values" | "goals" => "syfte",
        "activities" => "insatser",
        "financing" => "ekonomi",
        "term" | "extension" => "giltighet",
        "termination" | "renegotiation" | "dispute" => "uppsagning",
        "governance" => "styrning",
        "reporting" => "uppfoljning",
        "appendices" | "kind" => "bilagor",
        _ => "grund",
    }
}

fn answers(ctx: &Ctx, d: &Draft) -> Vec<AnswerSection> {
    SECTIONS
        .iter()
        .map(|s| {
            let mut list = Vec::new();
            let shown = |spec: &FieldSpec, name: &str| -> String {
                let v = d.get(name);
                if spec.options.is_empty() {
                    return v.to_owned();
                }
                v.split(',')
                    .filter_map(|x| spec.options.iter().find(|(o, _)| *o == x.trim()))
                    .map(|(_, k)| ctx.t(k))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            for spec in s.fields {
                let v = shown(spec, spec.name);
                if !v.is_empty() {
                    list.push(Answer {
                        label: label(ctx, spec.name),
                        value: v,
                    });
                }
            }
            for g in s.groups {
                for i in d.filled(g) {
                    let values: Vec<String> = g
                        .fields
                        .iter()
                        .map(|spec| {
                            let name = format!("{}-{i}-{}", g.prefix, spec.name);
                            if spec.name == "party" {
                                d.get(&format!("party-{}-name", d.get(&name))).to_owned()
                            } else {
                                shown(spec, &name)
                            }
                        })
                        .filter(|v| !v.is_empty())
                        .collect();
                    list.push(Answer {
                        label: ctx.ta(
                            &format!("ui-draft-group-{}", g.prefix),
                            &[("n", &(i + 1).to_string())],
                        ),
                        value: values.join(" · "),
                    });
                }
            }
            AnswerSection {
                slug: s.slug,
                name: ctx.t(&format!("ui-draft-section-{}", s.slug)),
                answers: list,
            }
        })
        .collect()
}

/// The agreement a draft saves: its answers; for an imported document,
/// with what the document says that the forms leave (see
/// [`kept::keep_what_the_forms_leave`]).
fn to_save(ctx: &Ctx, d: &Draft, document: Option<&Agreement>) -> Read<Agreement> {
    let answers = compose(ctx, d)?;
    Ok(
        match document.and_then(|doc| imported(ctx, d, doc, &answers)) {
            Some(i) => i.kept,
            None => answers,
        },
    )
}

/// An imported document as the official's answers leave it.
struct Imported {
    /// What version 1 keeps.
    kept: Agreement,
    /// The answers as the forms give them, with the document's party ids
    /// (to compare).
    compared: Agreement,
    /// What the document says that went with the rows the official removed.
    gone: super::removed::Pruned,
}

/// For an imported document: what version 1 keeps; `None` when the draft
/// is not an import.
fn imported(ctx: &Ctx, d: &Draft, document: &Agreement, answers: &Agreement) -> Option<Imported> {
    d.import.as_ref()?;
    // What the forms showed of the document before any change.
    let first = from_import(document, "");
    // A document whose own draft does not compose (a value no form can
    // hold): what the forms showed is taken to be the document itself, so
    // its facts are still kept, never dropped unseen.
    let shown = compose(ctx, &first).unwrap_or_else(|_| document.clone());
    let rows = |g: &GroupSpec| kept::Rows {
        shown: first.filled(g),
        saved: d.filled(g),
    };
    let origins = kept::Origins {
        parties: rows(&PARTY),
        activities: rows(&ACTIVITY),
        budget_lines: rows(&LINE),
        contributions: rows(&CONTRIBUTION),
        governance: rows(&BODY),
        reporting: rows(&REPORT),
        appendices: rows(&APPENDIX),
    };
    let (kept, gone) = kept::keep_what_the_forms_leave(document, &shown, answers, &origins);
    let compared = kept::with_document_party_ids(document, answers, &origins.parties.saved);
    Some(Imported {
        kept,
        compared,
        gone,
    })
}

/// What version 1 keeps from the document that the answers do not show,
/// each fact named by where it stands ("Parter: Region Dalarö ›
/// Undertecknare 1 › Titel").
/// What an id of the agreement names: a party, an activity, a body, an
/// appendix, a budget line (of any financing).
pub(crate) fn named(a: &Agreement, id: &str) -> Option<String> {
    let party = a
        .parties
        .iter()
        .find(|x| x.id.as_str() == id)
        .map(|x| x.name.clone());
    let activity = || {
        a.activities
            .iter()
            .find(|x| x.id.as_str() == id)
            .map(|x| x.name.clone())
    };
    let body = || {
        a.governance
            .iter()
            .find(|x| x.id.as_str() == id)
            .map(|x| x.name.clone())
    };
    let appendix = || {
        a.appendices
            .iter()
            .find(|x| x.id.as_str() == id)
            .map(|x| x.title.clone())
    };
    let line = || {
        a.budget_lines()
            .find(|x| x.id.as_str() == id)
            .map(|x| x.name.clone())
    };
    party
        .or_else(activity)
        .or_else(body)
        .or_else(appendix)
        .or_else(line)
}

/// A word of the model ("withdrawal", "any-party", "annual-report") in the
/// page's language, from the families the pages already word it in; any
/// other value (a name, a sentence) as it is.
fn kept_value(ctx: &Ctx, v: &str) -> String {
    if v.is_empty() || !v.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
        return v.to_owned();
    }
    [
        "ui-kept-value-",
        "ui-kind-",
        "ui-ground-",
        "ui-settlement-",
        "ui-who-",
        "ui-outcome-",
    ]
    .iter()
    .map(|family| format!("{family}{v}"))
    .find_map(|k| {
        let text = ctx.t(&k);
        (text != k).then_some(text)
    })
    .unwrap_or_else(|| v.to_owned())
}

/// A field of the model in the page's language ("Fakturering").
fn kept_word(ctx: &Ctx, key: &str) -> String {
    let k = format!("ui-kept-{}", key.replace('_', "-"));
    let text = ctx.t(&k);
    if text == k { key.to_owned() } else { text }
}

/// A fact as the check page shows it: where it stands ("Styrning:
/// Styrgrupp › Ledamöter 1 › Part") and its value, an id named as what
/// it names in `a`.
fn fact_answer(ctx: &Ctx, a: &Agreement, f: kept::KeptFact) -> Answer {
    let value = match f.value.as_str() {
        "true" => ctx.t("ui-yes"),
        "false" => ctx.t("ui-no"),
        v => named(a, v).unwrap_or_else(|| kept_value(ctx, v)),
    };
    let label = f
        .path
        .iter()
        .map(|step| match step {
            kept::Step::Key(k) => kept_word(ctx, k),
            kept::Step::Item(k, _, Some(name)) => format!("{}: {name}", kept_word(ctx, k)),
            kept::Step::Item(k, i, None) => format!("{} {}", kept_word(ctx, k), i + 1),
        })
        .collect::<Vec<_>>()
        .join(" › ");
    Answer { label, value }
}

fn kept_answers(ctx: &Ctx, kept: &Agreement, answers: &Agreement) -> Vec<Answer> {
    let word = |key: &str| kept_word(ctx, key);
    let mut out: Vec<Answer> = kept::kept_facts(kept, answers)
        .into_iter()
        .map(|f| fact_answer(ctx, kept, f))
        .collect();
    out.extend(
        kept::kept_sections(kept, answers)
            .into_iter()
            .map(|s| Answer {
                label: if s.heading.is_empty() {
                    word("sections")
                } else {
                    format!("{}: {}", word("sections"), s.heading)
                },
                value: s.text.clone(),
            }),
    );
    out
}

/// The check page: every answer, and what the domain checks say.
fn check_page(
    ctx: &Ctx,
    d: &Draft,
    extra: Vec<(String, &'static str, String)>,
    document: Option<&Agreement>,
) -> DraftPage {
    let mut p = page(ctx, d, "check");
    p.heading = ctx.t("ui-draft-check-title");
    p.base.title = p.heading.clone();
    p.answers = answers(ctx, d);
    p.notes = d
        .notes
        .iter()
        .map(|n| (n.topic.clone(), n.text.clone()))
        .collect();
    let mut problems = extra;
    let found = match compose(ctx, d) {
        Ok(answers) => match document.and_then(|doc| Some((doc, imported(ctx, d, doc, &answers)?)))
        {
            Some((
                doc,
                Imported {
                    kept,
                    compared,
                    gone,
                },
            )) => {
                p.kept = kept_answers(ctx, &kept, &compared);
                // Named through the document: the rows they went with
                // are no longer in version 1.
                let answers = |facts: Vec<kept::KeptFact>| -> Vec<Answer> {
                    facts
                        .into_iter()
                        .map(|f| fact_answer(ctx, doc, f))
                        .collect()
                };
                p.gone = answers(gone.gone);
                p.worded = answers(gone.worded);
                domain::check::check(&kept)
            }
            None => domain::check::check(&answers),
        },
        Err(diag) => vec![diag],
    };
    for diag in found {
        let msg = locale::message(ctx.lang, diag.code, &diag.args);
        let path = diag
            .path
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        if diag.severity == domain::diagnostic::Severity::Error {
            problems.push((
                format!("fel-{}", problems.len() + 1),
                section_of_path(&path),
                msg,
            ));
        } else {
            p.warnings.push(msg);
        }
    }
    p.base.errors = !problems.is_empty();
    p.errors = problems
        .iter()
        .map(|(id, _, m)| ErrorLink {
            field: id.clone(),
            message: m.clone(),
        })
        .collect();
    p.error_sections = problems;
    p
}

// ---------------------------------------------------------------- handlers

pub(crate) async fn start(ctx: Ctx) -> PageResult {
    ctx.caller.create_agreements()?;
    Ok(render(&page(&ctx, &Draft::default(), "tasks")))
}

/// Change an existing agreement through the same forms, when they hold all
/// of it; otherwise say so and point to its file.
pub(crate) async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> PageResult {
    let may = state.app.edit_agreement(&ctx.caller, &id).await?;
    let view = state.app.get(may.see()).await?;
    Ok(match editable(&ctx, &view.agreement) {
        Some(mut d) => {
            d.editing = Some(id);
            d.base_version = view.version;
            let mut p = page(&ctx, &d, "tasks");
            p.heading = ctx.t("ui-draft-edit-title");
            p.base.title = p.heading.clone();
            render(&p)
        }
        None => {
            let page = super::MessagePage {
                base: ctx.base(ctx.t("ui-draft-edit-title"), "agreements"),
                heading: ctx.t("ui-draft-edit-title"),
                body: ctx.t("ui-draft-not-editable"),
            };
            render(&page)
        }
    })
}

/// A form of the wizard posted: keep its section's fields, then go where
/// the button asked (another section, more rows, the check page, save).
pub(crate) async fn step(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> PageResult {
    // Only an official works on agreements in the forms (saving checks the
    // parties again).
    ctx.caller.create_agreements()?;
    let one = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    let mut draft: Draft = serde_json::from_str(one("draft")).unwrap_or_default();
    let action = one("action");
    if let Some(spec) = section(one("section")) {
        take_section(&mut draft, spec, &pairs, action == "more");
        let errors = check_section(&ctx, &draft, spec);
        if action == "more" || !errors.is_empty() {
            let status = if errors.is_empty() {
                StatusCode::OK
            } else {
                draft.done.remove(spec.slug);
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let page = sourced(&state, &ctx, section_page(&ctx, &draft, spec, errors));
            return Ok(render_status(status, &page));
        }
        draft.done.insert(spec.slug.to_owned());
    }
    let document = document(&state, &ctx, &draft);
    let document = document.as_ref().map(|p| &p.proposed.agreement);
    Ok(match action {
        "check" => render(&check_page(&ctx, &draft, Vec::new(), document)),
        "create" => saved(
            &ctx,
            &draft,
            save(&state, &ctx, &draft, one("reason"), document).await,
            document,
        )?,
        goto => match section(goto) {
            Some(spec) => render(&sourced(
                &state,
                &ctx,
                section_page(&ctx, &draft, spec, Vec::new()),
            )),
            None => render(&page(&ctx, &draft, "tasks")),
        },
    })
}

/// The document an import's draft confirms, while it is kept.
fn document(state: &AppState, ctx: &Ctx, d: &Draft) -> Option<app::PendingImport> {
    let id = d.import.as_deref()?;
    let may = ctx.caller.create_agreements().ok()?;
    state.app.pending_import(&may, id, state.now()).ok()
}

/// A section page of an import, with the document's words its values came
/// from (none when the document is no longer kept).
fn sourced(state: &AppState, ctx: &Ctx, mut page: DraftPage) -> DraftPage {
    let Some(id) = page.import.clone() else {
        return page;
    };
    let pending = ctx
        .caller
        .create_agreements()
        .and_then(|may| state.app.pending_import(&may, &id, state.now()));
    if let Ok(pending) = pending {
        page.sources = super::from_document::sources(ctx, &pending, page.slug);
    }
    page
}

/// The fields of the section just sent replace what the draft held; each
/// group keeps its filled rows and empty ones to write in (more if asked).
fn take_section(draft: &mut Draft, spec: &SectionSpec, pairs: &[(String, String)], more: bool) {
    for s in spec.fields {
        let joined = pairs
            .iter()
            .filter(|(n, _)| n == s.name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
            .collect::<Vec<_>>()
            .join(",");
        draft.values.insert(s.name.to_owned(), joined);
    }
    for g in spec.groups {
        let prefix = format!("{}-", g.prefix);
        draft.values.retain(|k, _| !k.starts_with(&prefix));
        for (n, v) in pairs {
            if n.starts_with(&prefix) {
                draft.values.insert(n.clone(), v.clone());
            }
        }
        let before = draft.rows(g.prefix);
        let filled = draft.filled(g).last().map_or(0, |i| i + 1);
        let rows = if more {
            before.max(filled) + EXTRA_ROWS
        } else {
            filled + EXTRA_ROWS
        };
        draft.rows.insert(g.prefix.to_owned(), rows);
    }
}

/// Save the draft: a new agreement, or a new version of the one being
/// changed. `None` when the draft does not make an agreement.
async fn save(
    state: &AppState,
    ctx: &Ctx,
    draft: &Draft,
    reason: &str,
    document: Option<&Agreement>,
) -> Result<Option<app::AgreementView>, app::AppError> {
    let actor = ctx.caller.actor(&app::stamp(state.now()));
    let file = || {
        to_save(ctx, draft, document)
            .ok()
            .and_then(|a| domain::format::to_json(&a).ok())
    };
    match draft.editing.as_deref() {
        Some(id) => {
            let may = state.app.edit_agreement(&ctx.caller, id).await?;
            let Some(text) = file() else { return Ok(None) };
            let update = app::Update {
                text: &text,
                syntax: Syntax::Json,
                base_version: draft.base_version,
                reason: Some(reason),
            };
            state.app.update(&may, update, &actor).await.map(Some)
        }
        None => {
            let may = ctx.caller.create_agreements()?;
            let Some(text) = file() else { return Ok(None) };
            let new = app::NewAgreement {
                text: &text,
                syntax: Syntax::Json,
            };
            match draft.import.as_deref() {
                Some(import) => state
                    .app
                    .create_imported(&may, new, import, &actor, state.now())
                    .await
                    .map(Some),
                None => state.app.create(&may, new, &actor).await.map(Some),
            }
        }
    }
}

/// To the agreement saved, or the check page with why it was not.
fn saved(
    ctx: &Ctx,
    draft: &Draft,
    result: Result<Option<app::AgreementView>, app::AppError>,
    document: Option<&Agreement>,
) -> Result<Response, app::AppError> {
    let refused = |extra| {
        render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &check_page(ctx, draft, extra, document),
        )
    };
    Ok(match result {
        Ok(Some(view)) => {
            super::redirect(&format!("/avtal/{}?sparad=version", view.agreement.id)).into_response()
        }
        Ok(None) | Err(app::AppError::Invalid { .. }) => refused(Vec::new()),
        // The document waited too long (or the server restarted).
        Err(app::AppError::NotFound) if draft.import.is_some() => refused(vec![(
            "fel-import".into(),
            "grund",
            ctx.t("ui-import-expired"),
        )]),
        Err(app::AppError::Field { message, .. }) => refused(vec![(
            "fel-reason".into(),
            "grund",
            format!(
                "{} ({})",
                ctx.t("ui-edit-reason-missing"),
                message.text(ctx.lang)
            ),
        )]),
        Err(app::AppError::Stale { current, .. }) => refused(vec![(
            "fel-stale".into(),
            "grund",
            ctx.ta("ui-edit-stale", &[("n", &current.to_string())]),
        )]),
        Err(e) => return Err(e),
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn ctx() -> Ctx {
        Ctx {
            lang: locale::Lang::Sv,
            path: String::new(),
            caller: app::Caller::anonymous(),
            csrf: String::new(),
        }
    }

    fn examples() -> Vec<Agreement> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        let mut out: Vec<Agreement> = std::fs::read_dir(root)
            .unwrap()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
            .map(|e| {
                let text = std::fs::read_to_string(e.path()).unwrap();
                domain::format::parse(&text, Syntax::Toml).unwrap()
            })
            .collect();
        // The import's own text 10: appendices with their own notice and
        // reports, which no form has a field for.
        let own =
            include_str!("../../../import/tests/texts/10-ramavtal-bilagor-egen-uppsagning.toml");
        out.push(domain::format::parse(own, Syntax::Toml).unwrap());
        out.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
        out
    }

    /// Each example as if a document had proposed it: confirmed in the
    /// forms without a change, version 1 is the document itself, facts
    /// the forms cannot hold included.
    #[test]
    fn an_unchanged_import_is_the_document() {
        let mut checked = Vec::new();
        for a in examples() {
            let d = from_import(&a, "dokument");
            let Ok(answers) = compose(&ctx(), &d) else {
                continue;
            };
            let kept = to_save(&ctx(), &d, Some(&a)).unwrap();
            assert_eq!(kept, a, "{}", a.id);
            assert_ne!(answers, a, "{}: the forms alone lose something", a.id);
            checked.push(a.id.as_str().to_owned());
        }
        assert!(checked.len() >= 3, "{checked:?}");
        // Own text 10, whose appendices have their own notice and reports,
        // is among those checked, not passed over.
        assert!(
            checked.iter().any(|id| id == "stromsvik-fritid-2026"),
            "{checked:?}"
        );
    }

    /// The kept facts of each example confirmed unchanged name no value in
    /// the model's own words ("withdrawal", "any-party") on a Swedish page.
    #[test]
    fn kept_values_are_worded_in_the_pages_language() {
        assert_eq!(kept_value(&ctx(), "withdrawal"), "Utträde");
        assert_eq!(kept_value(&ctx(), "any-party"), "Var och en av parterna");
        assert_eq!(kept_value(&ctx(), "annual-report"), "Verksamhetsberättelse");
        assert_eq!(kept_value(&ctx(), "Röda Korset"), "Röda Korset");
        let (mut shown, mut raw_words) = (0, Vec::new());
        for a in examples() {
            let d = from_import(&a, "dokument");
            let Ok(answers) = compose(&ctx(), &d) else {
                continue;
            };
            let i = imported(&ctx(), &d, &a, &answers).unwrap();
            for answer in kept_answers(&ctx(), &i.kept, &i.compared) {
                let v = answer.value.as_str();
                // A word of the model with a hyphen ("any-party"); a
                // title such as "programchef" is the document's own word.
                let raw = v.contains('-') && v.chars().all(|c| c.is_ascii_lowercase() || c == '-');
                if raw {
                    raw_words.push(format!("{}: {} shows {v}", a.id, answer.label));
                }
                shown += 1;
            }
        }
        assert!(raw_words.is_empty(), "{raw_words:#?}");
        assert!(shown > 20, "{shown}");
    }

    /// An imported contribution paid per occupied place and night, with a
    /// yearly ceiling: the forms have no field for the price, the unit or
    /// the ceiling, and version 1 keeps all three, worded on the check page.
    #[test]
    fn a_price_per_night_and_its_ceiling_survive_version_1() {
        let a = domain::generate::night_shelter().unwrap();
        let want = a.financing.as_ref().unwrap().contributions[0].clone();
        let d = from_import(&a, "dokument");
        let kept = to_save(&ctx(), &d, Some(&a)).unwrap();
        assert_eq!(kept.financing.as_ref().unwrap().contributions[0], want);
        let answers = compose(&ctx(), &d).unwrap();
        let i = imported(&ctx(), &d, &a, &answers).unwrap();
        let shown: Vec<String> = kept_answers(&ctx(), &i.kept, &i.compared)
            .into_iter()
            .map(|x| format!("{}: {}", x.label, x.value))
            .collect();
        for words in [
            "Grund för beloppet: Per belagd plats och natt",
            "Pris per enhet: 420",
            "Beloppet är ett tak (högst): Ja",
        ] {
            assert!(
                shown.iter().any(|s| s.ends_with(words)),
                "{words}: {shown:#?}"
            );
        }
    }

    /// Vi Ses (seed 002) confirmed with a party's body changed and its
    /// second activity emptied: those are the official's; the signatories,
    /// the invoice address and the steering group's members stay.
    #[test]
    fn an_import_takes_the_officials_changes_and_keeps_the_rest() {
        let a = examples()
            .into_iter()
            .find(|a| a.id.as_str().contains("vi-ses"))
            .unwrap();
        let mut d = from_import(&a, "dokument");
        d.values
            .insert("party-0-acting_through".into(), "kommunstyrelsen".into());
        d.values.retain(|k, _| !k.starts_with("activity-1-"));
        let kept = to_save(&ctx(), &d, Some(&a)).unwrap();
        assert_eq!(
            kept.parties[0].acting_through.as_deref(),
            Some("kommunstyrelsen")
        );
        assert_eq!(kept.activities.len(), a.activities.len() - 1);
        assert_eq!(kept.activities[0], a.activities[0]);
        let mut back = kept.clone();
        back.parties[0].acting_through = a.parties[0].acting_through.clone();
        back.activities = a.activities.clone();
        assert_eq!(back, a);
        assert!(!a.parties[1].signatories.is_empty());
        let invoicing = &a.financing.as_ref().unwrap().invoicing;
        assert!(invoicing.iter().any(|i| i.address.is_some()));
        assert!(a.governance.iter().any(|g| !g.members.is_empty()));
    }

    /// The example whose id holds `id`.
    pub(crate) fn example(id: &str) -> Agreement {
        examples()
            .into_iter()
            .find(|a| a.id.as_str().contains(id))
            .unwrap()
    }

    /// The draft of document `a` with the rows `(group, row)` emptied, as
    /// an official removes them.
    fn removing(a: &Agreement, rows: &[(&str, usize)]) -> Draft {
        let mut d = from_import(a, "dokument");
        for (group, i) in rows {
            let row = format!("{group}-{i}-");
            d.values.retain(|k, _| !k.starts_with(&row));
        }
        d
    }

    /// Version 1 of `a` with those rows removed, and what went with them
    /// as the check page words it (label, value).
    fn saved_without(a: &Agreement, rows: &[(&str, usize)]) -> (Agreement, Vec<(String, String)>) {
        let (kept, gone, worded) = saved_and_worded(a, rows);
        assert_eq!(worded, Vec::<(String, String)>::new());
        (kept, gone)
    }

    /// A fact as the check page shows it: label and value.
    type Shown = (String, String);

    /// Version 1 of `a` with those rows removed, what went with them and
    /// what is kept naming them in words, as the check page words them.
    fn saved_and_worded(
        a: &Agreement,
        rows: &[(&str, usize)],
    ) -> (Agreement, Vec<Shown>, Vec<Shown>) {
        let d = removing(a, rows);
        let answers = compose(&ctx(), &d).unwrap();
        let i = imported(&ctx(), &d, a, &answers).unwrap();
        let words = |facts: Vec<kept::KeptFact>| -> Vec<(String, String)> {
            let answers = facts.into_iter().map(|f| fact_answer(&ctx(), a, f));
            answers.map(|x| (x.label, x.value)).collect()
        };
        assert_eq!(to_save(&ctx(), &d, Some(a)).unwrap(), i.kept);
        (i.kept, words(i.gone.gone), words(i.gone.worded))
    }

    /// The references of `a` the checks find pointing at nothing.
    pub(crate) fn unknown_references(a: &Agreement) -> Vec<String> {
        domain::check::check(a)
            .into_iter()
            .filter(|x| x.code == "unknown-reference")
            .map(|x| format!("{:?}", x.path))
            .collect()
    }

    fn pair(label: &str, value: &str) -> (String, String) {
        (label.to_owned(), value.to_owned())
    }

    /// Seed 003 with Svenska Röda Korset removed (its party row and its
    /// two contribution rows): the document's facts that name it go with
    /// it, and version 1 names no party it lacks. The reports it made
    /// stay its own, by name, rather than becoming all parties' duty.
    #[test]
    fn removing_a_party_takes_what_names_it() {
        let a = example("skane");
        let rk = a.parties[2].clone();
        assert_eq!(rk.id.as_str(), "svenska-roda-korset");
        let (kept, gone, worded) = saved_and_worded(
            &a,
            &[("party", 2), ("contribution", 2), ("contribution", 3)],
        );
        assert_eq!(unknown_references(&kept), Vec::<String>::new());
        assert!(
            !serde_json::to_string(&kept)
                .unwrap()
                .contains("\"svenska-roda-korset\"")
        );
        assert_eq!(kept.employer, None);
        assert!(kept.financing.as_ref().unwrap().invoicing.is_empty());
        assert_eq!(kept.governance[0].members.len(), 2);
        assert_eq!(kept.governance[0].convener, None);
        assert_eq!(kept.reporting[0].by.as_deref(), Some(rk.name.as_str()));
        // Employer, 7 activities, the invoicing, 2 bodies' members, the
        // convener, the repaying party: 13, each naming it.
        assert_eq!(gone.len(), 13, "{gone:#?}");
        assert!(gone.iter().all(|(_, v)| v == &rk.name), "{gone:#?}");
        assert!(gone.contains(&pair(
            "Ekonomi › Fakturering 1 › Från › hela raden tas bort",
            &rk.name
        )));
        // The two reports it made are saved by it, named in words, and the
        // page says so rather than that they go.
        let by = |title: &str| pair(&format!("Uppföljning: {title} › Av"), &rk.name);
        assert_eq!(
            worded,
            [by(&a.reporting[0].title), by(&a.reporting[1].title)]
        );
        assert!(gone.contains(&pair(
            "Styrning: Samverkansmöten › Sammankallande › Part",
            &rk.name
        )));
    }

    /// Seed 002 with Linköpings kommun removed: the invoicing to it has
    /// no one left to invoice and goes too.
    #[test]
    fn removing_the_party_invoiced_takes_the_invoicing() {
        let a = example("vi-ses");
        let (kept, gone) = saved_without(&a, &[("party", 0), ("contribution", 0)]);
        assert_eq!(unknown_references(&kept), Vec::<String>::new());
        assert!(kept.financing.as_ref().unwrap().invoicing.is_empty());
        let name = a.parties[0].name.as_str();
        assert_eq!(
            gone,
            [
                pair("Ekonomi › Fakturering 1 › Till › hela raden tas bort", name),
                pair("Styrning: Styrgrupp › Ledamöter 3 › Part", name)
            ]
        );
    }

    /// Seed 002 with the budget line "volontärer" removed: Röda Korset's
    /// contribution no longer says it covers it, and the page names the
    /// line as the document does, not by its id.
    #[test]
    fn removing_a_budget_line_takes_what_covers_it() {
        let a = example("vi-ses");
        let (kept, gone) = saved_without(&a, &[("line", 1)]);
        assert_eq!(unknown_references(&kept), Vec::<String>::new());
        let f = kept.financing.as_ref().unwrap();
        assert_eq!(f.budget_lines.len(), 4);
        assert_eq!(f.contributions[0].covers.len(), 1);
        assert_eq!(f.contributions[1].covers.len(), 3);
        assert_eq!(
            gone,
            [pair(
                "Ekonomi › Bidrag 2 › Täcker budgetrader",
                "volontärer"
            )]
        );
    }

    /// Seed 004 with Stadsmissionen removed, whose appendices set out its
    /// activities: the appendices' party is a field of their form, and the
    /// form asks for another party rather than saving an id no one saw.
    #[test]
    fn removing_an_appendixs_party_asks_for_another() {
        let a = example("eu-migranter");
        assert_eq!(a.parties[3].id.as_str(), "stadsmissionen");
        assert_eq!(a.appendices[0].party.as_str(), "stadsmissionen");
        let d = removing(&a, &[("party", 3)]);
        let problem = compose(&ctx(), &d).unwrap_err();
        assert_ne!(problem.code, "unknown-reference", "{problem:?}");
        let at = format!("{:?}", problem.path);
        assert!(
            at.contains("appendices") && at.contains("party"),
            "{problem:?}"
        );
    }

    /// A budget line of an appendix's financing is named as the document
    /// names it.
    #[test]
    fn an_appendixs_budget_line_is_named() {
        let mut a = example("vi-ses");
        let mut f = a.financing.clone().unwrap();
        f.budget_lines.truncate(2);
        let line = f.budget_lines[1].clone();
        let mut appendix = example("eu-migranter").appendices[0].clone();
        appendix.financing = Some(f);
        a.financing = None;
        a.appendices.push(appendix);
        assert_eq!(named(&a, line.id.as_str()), Some("volontärer".to_owned()));
    }

    /// Seed 004 with the steering group removed: the cooperation group no
    /// longer reports to it, and the report addressed to it names it in
    /// words.
    #[test]
    fn removing_a_body_takes_the_reports_to_it() {
        let a = example("eu-migranter");
        let (kept, gone, worded) = saved_and_worded(&a, &[("body", 0)]);
        assert_eq!(unknown_references(&kept), Vec::<String>::new());
        assert_eq!(kept.governance[0].id.as_str(), "samverkansgrupp");
        assert_eq!(kept.governance[0].reports_to, None);
        assert!(kept.governance[1].reports_to.is_some());
        assert_eq!(
            kept.reporting[2].to.as_deref(),
            Some(a.governance[0].name.as_str())
        );
        assert_eq!(
            gone,
            [pair(
                "Styrning: Samverkansgrupp › Rapporterar till › Grupp",
                &a.governance[0].name
            )]
        );
        let label = format!("Uppföljning: {} › Till", a.reporting[2].title);
        assert_eq!(worded, [pair(&label, &a.governance[0].name)]);
    }

    /// The check page of seed 004 without its steering group, in either
    /// language: the report addressed to the group is listed as kept with
    /// the group named in words, not among what goes.
    #[test]
    fn the_check_page_lists_what_is_kept_in_words_apart() {
        use askama::Template;
        let a = example("eu-migranter");
        let d = removing(&a, &[("body", 0)]);
        let report = a.reporting[2].title.as_str();
        for (lang, gone, worded) in [
            (
                locale::Lang::Sv,
                "Tas bort med raderna du tog bort",
                "Behålls, med den borttagna parten nämnd i ord",
            ),
            (
                locale::Lang::En,
                "Removed with the rows you removed",
                "Kept, naming the removed party in words",
            ),
        ] {
            let ctx = Ctx { lang, ..ctx() };
            let page = check_page(&ctx, &d, Vec::new(), Some(&a)).render().unwrap();
            let after = |heading: &str| {
                let at = format!("{heading}</h2>");
                let rest = page
                    .split(&at)
                    .nth(1)
                    .unwrap_or_else(|| panic!("{at}: {page}"));
                rest.split("</dl>").next().unwrap().to_owned()
            };
            assert!(!after(gone).contains(report), "{page}");
            assert!(after(worded).contains(report), "{page}");
            assert!(after(worded).contains(&a.governance[0].name), "{page}");
        }
    }

    /// Seed 004 with the activity Crossroads removed: appendix 1 no longer
    /// names it.
    #[test]
    fn removing_an_activity_takes_the_appendix_reference() {
        let a = example("eu-migranter");
        let (kept, gone) = saved_without(&a, &[("activity", 0)]);
        assert_eq!(unknown_references(&kept), Vec::<String>::new());
        assert_eq!(kept.appendices[0].activity, None);
        assert!(kept.appendices[1].activity.is_some());
        let label = format!("Bilagor: {} › Insats", a.appendices[0].title);
        assert_eq!(gone, [pair(&label, &a.activities[0].name)]);
    }

    /// Seed 004 with appendix 1 removed: the activity it set out no longer
    /// points at it.
    #[test]
    fn removing_an_appendix_takes_the_activitys_reference() {
        let a = example("eu-migranter");
        let (kept, gone) = saved_without(&a, &[("appendix", 0)]);
        assert_eq!(unknown_references(&kept), Vec::<String>::new());
        assert_eq!(kept.activities[0].appendix, None);
        assert!(kept.activities[1].appendix.is_some());
        let label = format!("Insatser: {} › Bilaga", a.activities[0].name);
        assert_eq!(gone, [pair(&label, &a.appendices[0].title)]);
    }

    /// What the forms make of each example, saved again unchanged, is the
    /// same agreement; a value the file would not read is named as the
    /// file's reader names it.
    #[test]
    fn forms_give_back_the_agreement_they_hold() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        let mut made = 0;
        for entry in std::fs::read_dir(root).unwrap().flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let a = domain::format::parse(&text, Syntax::Toml).unwrap();
            let Ok(through_forms) = compose(&ctx(), &from_agreement(&a)) else {
                continue;
            };
            let mut d = editable(&ctx(), &through_forms).expect("the forms hold it");
            made += 1;
            d.values.insert("id".into(), "Vi Ses".into());
            let e = compose(&ctx(), &d).unwrap_err();
            assert_eq!((e.code, e.get("value")), ("id-format", Some("Vi Ses")));
        }
        assert!(made > 0);
    }
}
