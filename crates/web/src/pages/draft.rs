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
use axum::response::{IntoResponse, Redirect, Response};
use domain::format::Syntax;
use domain::value::{Date, Money, OrgNumber};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::records::{ErrorLink, Field};
use super::{Base, Ctx, render, render_status};
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
        groups: &[GroupSpec {
            prefix: "party",
            fields: &[
                f("name", "text", Check::None),
                choice("sector", "select", SECTORS),
                f("org_number", "text", Check::OrgNumber),
                f("acting_through", "text", Check::None),
            ],
        }],
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
        groups: &[GroupSpec {
            prefix: "activity",
            fields: &[
                f("name", "text", Check::None),
                f("description", "textarea", Check::None),
            ],
        }],
    },
    SectionSpec {
        slug: "ekonomi",
        fields: &[
            f("financing_text", "textarea", Check::None),
            f("indexation", "text", Check::Percent),
        ],
        groups: &[
            GroupSpec {
                prefix: "line",
                fields: &[
                    f("name", "text", Check::None),
                    f("amount", "text", Check::Money),
                ],
            },
            GroupSpec {
                prefix: "contribution",
                fields: &[
                    f("party", "select", Check::None),
                    choice("kind", "select", KINDS),
                    f("amount", "text", Check::Money),
                    choice("at_least", "select", YES_NO),
                    f("description", "text", Check::None),
                ],
            },
        ],
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
        groups: &[GroupSpec {
            prefix: "body",
            fields: &[
                f("name", "text", Check::None),
                choice("kind", "select", BODY_KINDS),
                f("times", "text", Check::Int),
            ],
        }],
    },
    SectionSpec {
        slug: "uppfoljning",
        fields: &[f("follow_up_text", "textarea", Check::None)],
        groups: &[GroupSpec {
            prefix: "report",
            fields: &[
                f("title", "text", Check::None),
                choice("kind", "select", REPORT_KINDS),
                f("month", "text", Check::Int),
                f("day", "text", Check::Int),
            ],
        }],
    },
    SectionSpec {
        slug: "bilagor",
        fields: &[],
        groups: &[GroupSpec {
            prefix: "appendix",
            fields: &[
                f("title", "text", Check::None),
                f("party", "select", Check::None),
                f("start", "date", Check::Date),
                f("end", "date", Check::Date),
            ],
        }],
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
        draft: serde_json::to_string(draft).unwrap_or_default(),
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

/// The agreement as the file format's JSON, from the draft.
fn to_json(ctx: &Ctx, d: &Draft) -> Value {
    let text = |k: &str| d.get(k).to_owned();
    let quote_or = |k: &str, heading_key: &str| {
        let t = text(k);
        if t.is_empty() { ctx.t(heading_key) } else { t }
    };
    let section_name = |slug: &str| ctx.t(&format!("ui-draft-section-{slug}"));
    let parties_spec = &SECTIONS[1].groups[0];
    let party_rows = d.filled(parties_spec);
    let party_id = |i: usize| {
        let s = slug_of(d.get(&format!("party-{i}-name")));
        if s.is_empty() {
            format!("part-{}", i + 1)
        } else {
            s
        }
    };
    let parties: Vec<Value> = party_rows
        .iter()
        .map(|&i| {
            let mut p = json!({
                "id": party_id(i),
                "name": d.get(&format!("party-{i}-name")),
                "sector": match d.get(&format!("party-{i}-sector")) { "" => "public", s => s },
            });
            for (k, v) in [
                ("org_number", "org_number"),
                ("acting_through", "acting_through"),
            ] {
                let value = d.get(&format!("party-{i}-{v}"));
                if !value.is_empty() {
                    p[k] = json!(value);
                }
            }
            p
        })
        .collect();

    let mut sections = Vec::new();
    let mut add = |kind: &str, heading: String, body: String| {
        if !body.is_empty() {
            sections.push(json!({ "kind": kind, "heading": heading, "text": body }));
        }
    };
    add("parties", section_name("parter"), text("parties_text"));
    add(
        "background",
        ctx.t("ui-draft-field-background"),
        text("background"),
    );
    add(
        "purpose",
        ctx.t("ui-draft-field-purposes"),
        text("purposes"),
    );
    add(
        "target-group",
        ctx.t("ui-draft-field-target-group"),
        text("target_group"),
    );
    add("values", ctx.t("ui-draft-field-values"), text("values"));
    add(
        "activities",
        section_name("insatser"),
        text("activities_text"),
    );
    add("financing", section_name("ekonomi"), text("financing_text"));
    add("term", section_name("giltighet"), text("term_text"));
    add(
        "termination",
        section_name("uppsagning"),
        text("termination_text"),
    );
    add(
        "organisation",
        section_name("styrning"),
        text("governance_text"),
    );
    add(
        "follow-up",
        section_name("uppfoljning"),
        text("follow_up_text"),
    );

    let lines_of = |k: &str| -> Vec<String> {
        d.get(k)
            .lines()
            .map(|l| l.trim().trim_start_matches("- ").to_owned())
            .filter(|l| !l.is_empty())
            .collect()
    };
    let mut a = json!({
        "format": 1,
        "id": if text("id").is_empty() { slug_of(&text("title")) } else { text("id") },
        "title": text("title"),
        "status": match d.get("status") { "" => "draft", s => s },
        "parties": parties,
        "sections": sections,
        "purposes": lines_of("purposes"),
        "values": lines_of("values"),
    });
    for (k, v) in [("short_name", "short_name"), ("case_number", "case_number")] {
        if !text(v).is_empty() {
            a[k] = json!(text(v));
        }
    }
    if !text("target_group").is_empty() {
        a["target_groups"] =
            json!([{ "priority": "primary", "description": text("target_group") }]);
    }
    let activities: Vec<Value> = d
        .filled(&SECTIONS[3].groups[0])
        .iter()
        .map(|&i| {
            let name = d.get(&format!("activity-{i}-name"));
            let mut x = json!({ "id": slug_of(name), "name": name });
            let desc = d.get(&format!("activity-{i}-description"));
            if !desc.is_empty() {
                x["description"] = json!(desc);
            }
            x
        })
        .collect();
    if !activities.is_empty() {
        a["activities"] = json!(activities);
    }

    // Money.
    let eco = &SECTIONS[4];
    let lines: Vec<Value> = d
        .filled(&eco.groups[0])
        .iter()
        .map(|&i| {
            let name = d.get(&format!("line-{i}-name"));
            json!({ "id": slug_of(name), "name": name, "amount": d.get(&format!("line-{i}-amount")) })
        })
        .collect();
    let contributions: Vec<Value> = d
        .filled(&eco.groups[1])
        .iter()
        .map(|&i| {
            let party = d
                .get(&format!("contribution-{i}-party"))
                .parse::<usize>()
                .map(party_id)
                .unwrap_or_default();
            let mut c = json!({
                "party": party,
                "kind": match d.get(&format!("contribution-{i}-kind")) { "" => "cash", k => k },
            });
            let amount = d.get(&format!("contribution-{i}-amount"));
            if !amount.is_empty() {
                c["amount"] = json!(amount);
            }
            if d.get(&format!("contribution-{i}-at_least")) == "yes" {
                c["at_least"] = json!(true);
            }
            let desc = d.get(&format!("contribution-{i}-description"));
            if !desc.is_empty() {
                c["description"] = json!(desc);
            }
            c
        })
        .collect();
    if !lines.is_empty() || !contributions.is_empty() || !text("financing_text").is_empty() {
        let mut fin = json!({
            "id": "ekonomi",
            "section": section_name("ekonomi"),
            "quote": quote_or("financing_text", "ui-draft-section-ekonomi"),
        });
        if !lines.is_empty() {
            fin["budget_lines"] = json!(lines);
        }
        if !contributions.is_empty() {
            fin["contributions"] = json!(contributions);
        }
        let rate = text("indexation")
            .trim_end_matches('%')
            .trim()
            .replace(',', ".");
        if !rate.is_empty() {
            fin["indexation"] = json!({
                "id": "indexering",
                "section": section_name("ekonomi"),
                "quote": quote_or("financing_text", "ui-draft-section-ekonomi"),
                "rate": rate,
            });
        }
        a["financing"] = fin;
    }

    // Term and extension.
    if !text("start").is_empty() || !text("end").is_empty() {
        a["term"] = json!({
            "id": "giltighet",
            "section": section_name("giltighet"),
            "quote": quote_or("term_text", "ui-draft-section-giltighet"),
            "start": text("start"),
            "end": text("end"),
        });
    }
    if !text("ext_times").is_empty() || !text("ext_years").is_empty() {
        let mut x = json!({
            "id": "forlangning",
            "section": section_name("giltighet"),
            "quote": quote_or("term_text", "ui-draft-section-giltighet"),
            "mutual_consent": true,
        });
        if let Ok(n) = text("ext_times").parse::<u32>() {
            x["times"] = json!(n);
        }
        if !text("ext_years").is_empty() {
            x["length"] = json!(format!("{} years", text("ext_years")));
        }
        if !text("ext_lead_months").is_empty() {
            x["decision_before_end"] = json!(format!("{} months", text("ext_lead_months")));
        }
        a["extension"] = x;
    }

    // Termination.
    let grounds: Vec<&str> = d
        .get("grounds")
        .split(',')
        .map(str::trim)
        .filter(|g| !g.is_empty())
        .collect();
    if !grounds.is_empty() {
        let mut t = json!({
            "id": "uppsagning",
            "section": section_name("uppsagning"),
            "quote": quote_or("termination_text", "ui-draft-section-uppsagning"),
            "grounds": grounds,
            "by": match d.get("by") { "" => "any-party", b => b },
            "settlement": match d.get("settlement") { "" => "not-stated", s => s },
        });
        if !text("notice_months").is_empty() {
            t["notice"] = json!(format!("{} months", text("notice_months")));
        }
        a["termination"] = json!([t]);
    }

    // Governance.
    let bodies: Vec<Value> = d
        .filled(&SECTIONS[7].groups[0])
        .iter()
        .map(|&i| {
            let name = d.get(&format!("body-{i}-name"));
            let cadence = match d.get(&format!("body-{i}-times")).parse::<u32>() {
                Ok(n) if n > 0 => json!({ "kind": "per-year", "times": n }),
                _ => json!({ "kind": "regular" }),
            };
            json!({
                "id": slug_of(name),
                "section": section_name("styrning"),
                "quote": quote_or("governance_text", "ui-draft-section-styrning"),
                "kind": match d.get(&format!("body-{i}-kind")) { "" => "steering-group", k => k },
                "name": name,
                "cadence": cadence,
            })
        })
        .collect();
    if !bodies.is_empty() {
        a["governance"] = json!(bodies);
    }

    // Follow-up.
    let reports: Vec<Value> = d
        .filled(&SECTIONS[8].groups[0])
        .iter()
        .map(|&i| {
            let title = d.get(&format!("report-{i}-title"));
            let month = d
                .get(&format!("report-{i}-month"))
                .parse::<u32>()
                .unwrap_or(3);
            let day = d
                .get(&format!("report-{i}-day"))
                .parse::<u32>()
                .unwrap_or(31);
            json!({
                "id": slug_of(title),
                "section": section_name("uppfoljning"),
                "quote": quote_or("follow_up_text", "ui-draft-section-uppfoljning"),
                "kind": match d.get(&format!("report-{i}-kind")) { "" => "joint-report", k => k },
                "title": title,
                "due": { "kind": "yearly", "month": month, "day": day, "year_offset": 1 },
            })
        })
        .collect();
    if !reports.is_empty() {
        a["reporting"] = json!(reports);
    }

    // Appendices make it a framework agreement (seed 004).
    let appendices: Vec<Value> = d
        .filled(&SECTIONS[9].groups[0])
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let title = d.get(&format!("appendix-{i}-title"));
            let party = d
                .get(&format!("appendix-{i}-party"))
                .parse::<usize>()
                .map(party_id)
                .unwrap_or_default();
            let mut x = json!({
                "id": format!("bilaga-{}", n + 1),
                "number": n + 1,
                "title": title,
                "party": party,
            });
            let (start, end) = (
                d.get(&format!("appendix-{i}-start")),
                d.get(&format!("appendix-{i}-end")),
            );
            if !start.is_empty() && !end.is_empty() {
                x["period"] = json!({
                    "id": format!("bilaga-{}-period", n + 1),
                    "section": section_name("bilagor"),
                    "quote": title,
                    "start": start,
                    "end": end,
                });
            }
            x
        })
        .collect();
    if !appendices.is_empty() {
        a["kind"] = json!("framework");
        a["appendices"] = json!(appendices);
    }
    a
}

fn kebab<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The draft an existing agreement gives: what the forms can show of it.
fn from_agreement(a: &domain::Agreement) -> Draft {
    use domain::model::{Cadence, DueRule, SectionKind};
    use domain::value::LengthUnit;
    let mut d = Draft::default();
    let mut set = |k: String, v: String| {
        if !v.is_empty() {
            d.values.insert(k, v);
        }
    };
    set("title".into(), a.title.clone());
    set(
        "short_name".into(),
        a.short_name.clone().unwrap_or_default(),
    );
    set("id".into(), a.id.to_string());
    set(
        "case_number".into(),
        a.case_number.clone().unwrap_or_default(),
    );
    set("status".into(), kebab(&a.status));
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
        set(field.into(), s.text.clone());
    }
    let party_index = |id: &domain::value::Id| {
        a.parties
            .iter()
            .position(|p| &p.id == id)
            .map(|i| i.to_string())
            .unwrap_or_default()
    };
    for (i, p) in a.parties.iter().enumerate() {
        set(format!("party-{i}-name"), p.name.clone());
        set(format!("party-{i}-sector"), kebab(&p.sector));
        set(
            format!("party-{i}-org_number"),
            p.org_number.map(|n| n.to_string()).unwrap_or_default(),
        );
        set(
            format!("party-{i}-acting_through"),
            p.acting_through.clone().unwrap_or_default(),
        );
    }
    for (i, x) in a.activities.iter().enumerate() {
        set(format!("activity-{i}-name"), x.name.clone());
        set(
            format!("activity-{i}-description"),
            x.description.clone().unwrap_or_default(),
        );
    }
    if let Some(f) = &a.financing {
        for (i, l) in f.budget_lines.iter().enumerate() {
            set(format!("line-{i}-name"), l.name.clone());
            set(format!("line-{i}-amount"), l.amount.to_string());
        }
        for (i, c) in f.contributions.iter().enumerate() {
            set(format!("contribution-{i}-party"), party_index(&c.party));
            set(format!("contribution-{i}-kind"), kebab(&c.kind));
            set(
                format!("contribution-{i}-amount"),
                c.amount.map(|m| m.to_string()).unwrap_or_default(),
            );
            set(
                format!("contribution-{i}-at_least"),
                if c.at_least { "yes" } else { "no" }.into(),
            );
            set(
                format!("contribution-{i}-description"),
                c.description.clone().unwrap_or_default(),
            );
        }
        if let Some(x) = &f.indexation {
            set("indexation".into(), x.rate.to_string());
        }
    }
    if let Some(t) = &a.term {
        set("start".into(), t.start.to_string());
        set("end".into(), t.end.to_string());
    }
    if let Some(x) = &a.extension {
        set(
            "ext_times".into(),
            x.times.map(|n| n.to_string()).unwrap_or_default(),
        );
        if let Some(l) = x.length.filter(|l| l.unit == LengthUnit::Years) {
            set("ext_years".into(), l.amount.to_string());
        }
        if let Some(l) = x
            .decision_before_end
            .filter(|l| l.unit == LengthUnit::Months)
        {
            set("ext_lead_months".into(), l.amount.to_string());
        }
    }
    if let Some(t) = a.termination.first() {
        set(
            "grounds".into(),
            t.grounds.iter().map(kebab).collect::<Vec<_>>().join(","),
        );
        set("by".into(), kebab(&t.by));
        if let Some(l) = t.notice.filter(|l| l.unit == LengthUnit::Months) {
            set("notice_months".into(), l.amount.to_string());
        }
        set("settlement".into(), kebab(&t.settlement));
    }
    for (i, g) in a.governance.iter().enumerate() {
        set(format!("body-{i}-name"), g.name.clone());
        set(format!("body-{i}-kind"), kebab(&g.kind));
        if let Cadence::PerYear { times } = g.cadence {
            set(format!("body-{i}-times"), times.to_string());
        }
    }
    for (i, r) in a.reporting.iter().enumerate() {
        set(format!("report-{i}-title"), r.title.clone());
        set(format!("report-{i}-kind"), kebab(&r.kind));
        if let DueRule::Yearly { month, day, .. } = r.due {
            set(format!("report-{i}-month"), month.to_string());
            set(format!("report-{i}-day"), day.to_string());
        }
    }
    for (i, x) in a.appendices.iter().enumerate() {
        set(format!("appendix-{i}-title"), x.title.clone());
        set(format!("appendix-{i}-party"), party_index(&x.party));
        if let Some(t) = &x.period {
            set(format!("appendix-{i}-start"), t.start.to_string());
            set(format!("appendix-{i}-end"), t.end.to_string());
        }
    }
    let counts = [
        ("party", a.parties.len()),
        ("activity", a.activities.len()),
        (
            "line",
            a.financing.as_ref().map_or(0, |f| f.budget_lines.len()),
        ),
        (
            "contribution",
            a.financing.as_ref().map_or(0, |f| f.contributions.len()),
        ),
        ("body", a.governance.len()),
        ("report", a.reporting.len()),
        ("appendix", a.appendices.len()),
    ];
    for (group, n) in counts {
        d.rows.insert(group.to_owned(), n + EXTRA_ROWS);
    }
    d.done = SECTIONS.iter().map(|s| s.slug.to_owned()).collect();
    d
}

/// The draft of an agreement when the forms hold all of it: saving the
/// forms unchanged gives back the same agreement. Otherwise `None`: the
/// agreement has details the forms do not cover.
pub(crate) fn editable(ctx: &Ctx, a: &domain::Agreement) -> Option<Draft> {
    let d = from_agreement(a);
    let json = to_json(ctx, &d).to_string();
    let again = domain::format::parse(&json, Syntax::Json).ok()?;
    (&again == a).then_some(d)
}

/// The section a diagnostic's field belongs to.
fn section_of_path(path: &str) -> &'static str {
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

/// The check page: every answer, and what the domain checks say.
fn check_page(ctx: &Ctx, d: &Draft, extra: Vec<(String, &'static str, String)>) -> DraftPage {
    let mut p = page(ctx, d, "check");
    p.heading = ctx.t("ui-draft-check-title");
    p.base.title = p.heading.clone();
    p.answers = answers(ctx, d);
    let json = to_json(ctx, d).to_string();
    let mut problems = extra;
    match domain::format::parse(&json, Syntax::Json) {
        Ok(a) => {
            for diag in domain::check::check(&a) {
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
        }
        Err(diags) => {
            for diag in diags {
                let msg = locale::message(ctx.lang, diag.code, &diag.args);
                let path = diag
                    .path
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                problems.push((
                    format!("fel-{}", problems.len() + 1),
                    section_of_path(&path),
                    msg,
                ));
            }
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

pub(crate) async fn start(ctx: Ctx) -> Response {
    if let Err(e) = ctx.caller.create_agreements() {
        return super::problem(&ctx, &e);
    }
    render(&page(&ctx, &Draft::default(), "tasks"))
}

/// Change an existing agreement through the same forms, when they hold all
/// of it; otherwise say so and point to its file.
pub(crate) async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Response {
    let view = match state.app.edit_agreement(&ctx.caller, &id).await {
        Ok(may) => match state.app.get(may.see()).await {
            Ok(v) => v,
            Err(e) => return super::problem(&ctx, &e),
        },
        Err(e) => return super::problem(&ctx, &e),
    };
    match editable(&ctx, &view.agreement) {
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
    }
}

pub(crate) async fn step(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Response {
    // Only an official works on agreements in the forms (saving checks the
    // parties again).
    if let Err(e) = ctx.caller.create_agreements() {
        return super::problem(&ctx, &e);
    }
    let one = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    let mut draft: Draft = serde_json::from_str(one("draft")).unwrap_or_default();
    // The fields of the section just sent replace what the draft held.
    let sent = section(one("section"));
    if let Some(spec) = sent {
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
            for (n, v) in &pairs {
                if n.starts_with(&prefix) {
                    draft.values.insert(n.clone(), v.clone());
                }
            }
            let before = draft.rows(g.prefix);
            let filled = draft.filled(g).last().map_or(0, |i| i + 1);
            let rows = if one("action") == "more" {
                before.max(filled) + EXTRA_ROWS
            } else {
                filled + EXTRA_ROWS
            };
            draft.rows.insert(g.prefix.to_owned(), rows);
        }
    }
    let action = one("action");
    if let Some(spec) = sent {
        let errors = check_section(&ctx, &draft, spec);
        if action == "more" || !errors.is_empty() {
            let status = if errors.is_empty() {
                StatusCode::OK
            } else {
                draft.done.remove(spec.slug);
                StatusCode::UNPROCESSABLE_ENTITY
            };
            return render_status(status, &section_page(&ctx, &draft, spec, errors));
        }
        draft.done.insert(spec.slug.to_owned());
    }
    match action {
        "check" => render(&check_page(&ctx, &draft, Vec::new())),
        "create" => {
            let json = to_json(&ctx, &draft).to_string();
            let actor = ctx.caller.actor(&app::stamp(state.now()));
            let saved = match draft.editing.clone() {
                Some(id) => match state.app.edit_agreement(&ctx.caller, &id).await {
                    Ok(may) => {
                        state
                            .app
                            .update(
                                &may,
                                app::Update {
                                    text: &json,
                                    syntax: Syntax::Json,
                                    base_version: draft.base_version,
                                    reason: Some(one("reason")),
                                },
                                &actor,
                            )
                            .await
                    }
                    Err(e) => Err(e),
                },
                None => match ctx.caller.create_agreements() {
                    Ok(may) => {
                        state
                            .app
                            .create(
                                &may,
                                app::NewAgreement {
                                    text: &json,
                                    syntax: Syntax::Json,
                                },
                                &actor,
                            )
                            .await
                    }
                    Err(e) => Err(e),
                },
            };
            match saved {
                Ok(view) => Redirect::to(&format!("/avtal/{}?sparad=version", view.agreement.id))
                    .into_response(),
                Err(app::AppError::Exists) => render_status(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &check_page(
                        &ctx,
                        &draft,
                        vec![("fel-id".into(), "grund", ctx.t("ui-new-error-exists"))],
                    ),
                ),
                Err(app::AppError::Field { message, .. }) => render_status(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &check_page(
                        &ctx,
                        &draft,
                        vec![(
                            "fel-reason".into(),
                            "grund",
                            format!(
                                "{} ({})",
                                ctx.t("ui-edit-reason-missing"),
                                message.text(ctx.lang)
                            ),
                        )],
                    ),
                ),
                Err(app::AppError::Stale { current, .. }) => render_status(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &check_page(
                        &ctx,
                        &draft,
                        vec![(
                            "fel-stale".into(),
                            "grund",
                            ctx.ta("ui-edit-stale", &[("n", &current.to_string())]),
                        )],
                    ),
                ),
                Err(app::AppError::Invalid { .. }) => render_status(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &check_page(&ctx, &draft, Vec::new()),
                ),
                Err(e) => super::problem(&ctx, &e),
            }
        }
        goto => match section(goto) {
            Some(spec) => render(&section_page(&ctx, &draft, spec, Vec::new())),
            None => render(&page(&ctx, &draft, "tasks")),
        },
    }
}
