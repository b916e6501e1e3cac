//! The agreement list and one agreement.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use domain::Agreement;
use domain::rules::schedule::{Schedule, ScheduleOptions, schedule};
use locale::present;
use serde::Deserialize;
use std::collections::HashMap;

use super::{Base, Ctx, PageResult, fmt, render};
use crate::AppState;

// ---------------------------------------------------------------- list

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ListQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub party: String,
    #[serde(default)]
    pub year: String,
    /// Keyset pagination: agreements after this id.
    #[serde(default)]
    pub efter: String,
}

/// Agreements per page of the list.
const PAGE: i64 = 100;

pub(crate) struct Row {
    pub id: String,
    pub title: String,
    pub status: String,
    pub period: String,
    pub parties: Vec<String>,
}

pub(crate) struct Choice {
    pub value: &'static str,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "agreements.html")]
pub(crate) struct ListPage {
    pub base: Base,
    pub query: ListQuery,
    pub statuses: Vec<Choice>,
    pub rows: Vec<Row>,
    pub count: String,
    /// The next page, when there is one.
    pub next: Option<String>,
}

/// Every status as spelled in URLs and message keys: domain's spelling.
pub(crate) const STATUSES: [&str; 6] = {
    let mut out = [""; 6];
    let mut i = 0;
    while i < out.len() {
        out[i] = domain::model::Status::ALL[i].as_str();
        i += 1;
    }
    out
};

fn period(start: Option<&str>, end: Option<&str>) -> String {
    match (start, end) {
        (Some(s), Some(e)) => format!("{s} – {e}"),
        (Some(s), None) => format!("{s} –"),
        (None, Some(e)) => format!("– {e}"),
        (None, None) => String::new(),
    }
}

pub(crate) async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<ListQuery>,
) -> PageResult {
    let status = Some(query.status.clone()).filter(|s| STATUSES.contains(&s.as_str()));
    let year = query.year.trim().parse::<i32>().ok();
    let filter = app::ListFilter {
        status,
        search: Some(query.q.clone()),
        year,
        after: Some(query.efter.clone()).filter(|a| !a.is_empty()),
        limit: PAGE,
    };
    let scope = ctx.caller.portfolio()?;
    let list = state.app.list(&scope, filter).await?;
    let next = (i64::try_from(list.len()).unwrap_or(0) >= PAGE)
        .then(|| list.last().map(|s| s.id.clone()))
        .flatten()
        .map(|last| {
            format!(
                "/avtal?q={}&status={}&party={}&year={}&efter={}",
                fmt::url_encode(&query.q),
                fmt::url_encode(&query.status),
                fmt::url_encode(&query.party),
                fmt::url_encode(&query.year),
                fmt::url_encode(&last)
            )
        });
    let party = query.party.trim().to_lowercase();
    let rows: Vec<Row> = list
        .into_iter()
        .filter(|s| party.is_empty() || s.parties.join("\n").to_lowercase().contains(&party))
        .map(|s| Row {
            status: fmt::status(ctx.lang, s.status.as_str()),
            period: period(s.term_start.as_deref(), s.term_end.as_deref()),
            parties: s.parties,
            id: s.id,
            title: s.title,
        })
        .collect();
    let statuses = STATUSES
        .iter()
        .map(|s| Choice {
            value: s,
            label: fmt::status(ctx.lang, s),
            selected: query.status == *s,
        })
        .collect();
    let count = ctx.ta("ui-list-count", &[("count", &rows.len().to_string())]);
    let page = ListPage {
        base: ctx.base(ctx.t("ui-list-title"), "agreements"),
        query,
        statuses,
        rows,
        count,
        next,
    };
    Ok(render(&page))
}

// ---------------------------------------------------------------- one agreement

pub(crate) struct PartyRow {
    pub name: String,
    pub sector: String,
    pub org_number: String,
    pub acting_through: String,
}

/// A paragraph, or a bulleted list (items written "- " in the text).
pub(crate) struct Part {
    pub text: String,
    pub items: Vec<String>,
}

pub(crate) struct TextBlock {
    pub heading: String,
    pub anchor: String,
    pub paragraphs: Vec<Part>,
    /// The money table goes after the financing section.
    pub money_here: bool,
}

pub(crate) struct MoneyRowView {
    pub party: String,
    pub cash: String,
    pub in_kind: String,
}

pub(crate) struct MoneyYearView {
    pub year: i16,
    pub parties: Vec<MoneyRowView>,
    pub total: String,
}

pub(crate) struct DutyView {
    pub due_iso: String,
    pub due_prose: String,
    pub kind: String,
    pub title: String,
    pub state_key: &'static str,
    pub state: String,
    pub key: String,
    pub key_url: String,
    pub section: String,
    pub quote: String,
    pub can_record: bool,
    pub record_kind: &'static str,
    /// Where the date comes from when it is not the clause's own words:
    /// moved to a working day, or iop's default reading.
    pub date_notes: Vec<String>,
    /// The e-mail reminders planned and sent for it, as far as the caller
    /// may see them.
    pub reminders: Vec<DutyReminder>,
}

/// One e-mail reminder of a duty, as the agreement page lists it.
pub(crate) struct DutyReminder {
    pub recipient: String,
    /// The lead in words: "30 dagar före", "på dagen", "7 dagar efter".
    pub lead: String,
    pub state_key: String,
    pub state: String,
    /// The day it was sent, or (not yet sent) when it is to be tried.
    pub when: String,
}

/// Put each reminder under its duty.
fn with_reminders(
    ctx: &Ctx,
    mut duties: Vec<DutyView>,
    reminders: Vec<app::AgreementReminder>,
) -> Vec<DutyView> {
    for r in reminders {
        let Some(d) = duties.iter_mut().find(|d| d.key == r.duty) else {
            continue;
        };
        let n = r.lead.abs().to_string();
        let lead = match r.lead.signum() {
            0 => ctx.t("ui-lead-day"),
            -1 => ctx.ta("ui-lead-before", &[("n", &n)]),
            _ => ctx.ta("ui-lead-after", &[("n", &n)]),
        };
        d.reminders.push(DutyReminder {
            recipient: r.recipient,
            lead,
            state: ctx.t(&format!("ui-reminder-state-{}", r.state)),
            state_key: r.state,
            when: r
                .when
                .get(..10)
                .map_or_else(String::new, |day| fmt::prose(ctx.lang, day)),
        });
    }
    duties
}

pub(crate) struct DecisionView {
    pub date: String,
    pub body: String,
    pub paragraph: String,
    pub outcome: String,
}

pub(crate) struct FileLink {
    pub id: String,
    pub name: String,
}

pub(crate) struct RecordView {
    pub files: Vec<FileLink>,
    pub date: String,
    pub kind: String,
    pub state: String,
    pub amount: String,
    pub about: String,
}

pub(crate) struct AppendixRow {
    pub number: u32,
    pub title: String,
    pub party: String,
    pub period: String,
    pub status: String,
    /// Its own notice, in words; the framework's terms where it has none.
    pub notice: String,
    /// Its own reports' titles; the framework's where it has none.
    pub reports: Vec<String>,
}

pub(crate) struct OutcomeRow {
    pub activity: String,
    pub unit: String,
    pub year: i16,
    pub reported: u64,
    pub target: String,
}

pub(crate) struct VersionView {
    pub version: i64,
    pub change: String,
    pub author: String,
    pub saved_at: String,
    pub reason: String,
    pub changes: Vec<ChangeView>,
    /// The documents this version was imported from: id, name, SHA-256.
    pub sources: Vec<(String, String, String)>,
}

pub(crate) struct ChangeView {
    pub path: String,
    pub before: String,
    pub after: String,
}

pub(crate) struct Fact {
    pub label: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "agreement.html")]
pub(crate) struct AgreementPage {
    pub base: Base,
    pub id: String,
    pub title: String,
    pub short_name: String,
    pub facts: Vec<Fact>,
    pub parties: Vec<PartyRow>,
    pub texts: Vec<TextBlock>,
    pub money: Vec<MoneyYearView>,
    pub money_total: String,
    /// Some figure is a ceiling: the note that says what "högst" means.
    pub money_at_most: bool,
    pub money_missing: bool,
    /// Why there is no money table, in words.
    pub money_missing_text: String,
    pub money_at_end: bool,
    pub terms: Vec<Fact>,
    pub duties: Vec<DutyView>,
    pub decisions: Vec<DecisionView>,
    /// What the agreement holds of its decision: the minutes, the memo,
    /// the alternatives, the impact assessment, the predecessor and who is
    /// to sign.
    pub trail: Vec<Fact>,
    pub case_number: String,
    pub records: Vec<RecordView>,
    pub outcomes: Vec<OutcomeRow>,
    pub appendices: Vec<AppendixRow>,
    pub versions: Vec<VersionView>,
    pub warnings: Vec<String>,
    pub saved: Option<String>,
    pub version: i64,
    /// The statuses the agreement may move to next (for an official).
    pub next_statuses: Vec<Choice>,
    /// The caller is an official of a party: may change and publish it.
    pub can_edit: bool,
    /// The caller may record follow-up (an official or partner representative).
    pub can_record: bool,
    /// Only an official records payments, decisions, extensions and notices.
    pub can_record_all: bool,
    /// In the public register now.
    pub published: bool,
    /// The server renders PDF documents (built with the `pdf` feature).
    pub pdf: bool,
    /// Decided or later: it may be published.
    pub publishable: bool,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ShowQuery {
    /// Set after a save or a record: what to say in the banner.
    #[serde(default)]
    pub sparad: Option<String>,
}

/// The sentences a clause id points at, and the heading they stand under.
pub(crate) fn clause_quote(a: &Agreement, id: &str) -> Option<(String, String)> {
    domain::rules::clause::Clauses::of(a)
        .get(id)
        .map(|c| (c.section.to_owned(), c.quote.trim().to_owned()))
}

fn sector(ctx: &Ctx, s: domain::model::Sector) -> String {
    match s {
        domain::model::Sector::Public => ctx.t("ui-sector-public"),
        domain::model::Sector::IdeaDriven => ctx.t("ui-sector-idea-driven"),
    }
}

fn length(ctx: &Ctx, l: domain::value::CalendarLength) -> String {
    fmt::length(ctx.lang, l)
}

fn short(value: &serde_json::Value) -> String {
    let text = match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.chars().count() > 300 {
        let cut: String = text.chars().take(300).collect();
        format!("{cut}…")
    } else {
        text
    }
}

pub(crate) async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(query): Query<ShowQuery>,
) -> PageResult {
    let app = &state.app;
    let see = app.see_agreement(&ctx.caller, &id).await?;
    let found = Found {
        view: app.get(&see).await?,
        obligations: app.obligations(&see, state.today()).await?,
        records: record_views(&ctx, app, &see).await?,
        outcomes: app.outcomes(&see).await?,
        versions: version_views(&ctx, app, &see).await?,
        published: app.published(&see).await.unwrap_or(false),
        // What the caller may record is app's rule, asked per duty.
        follow_up: app.record_follow_up(&ctx.caller, &id).await.ok(),
        reminders: app.agreement_reminders(&ctx.caller, &see).await?,
        role: see.role(),
        saved: query.sparad,
    };
    // The schedule, the duties and the page grow with the agreement: built
    // off the async threads, so one large agreement delays no other request.
    tokio::task::spawn_blocking(move || agreement_page(&ctx, found))
        .await
        .map_err(|e| app::AppError::Internal(e.to_string()).into())
}

/// What the agreement page shows, as read from the application.
struct Found {
    view: app::AgreementView,
    obligations: Vec<app::ObligationView>,
    records: Vec<RecordView>,
    outcomes: Vec<app::OutcomeView>,
    versions: Vec<VersionView>,
    published: bool,
    follow_up: Option<app::RecordFollowUp>,
    reminders: Vec<app::AgreementReminder>,
    role: app::Role,
    saved: Option<String>,
}

fn agreement_page(ctx: &Ctx, found: Found) -> Response {
    let Found {
        view,
        obligations,
        records,
        outcomes,
        versions,
        published,
        follow_up,
        reminders,
        role,
        saved: saved_what,
    } = found;
    let view = &view;
    let a = &view.agreement;
    // The money schedule serves the money table and the duties' dates.
    let money_schedule = schedule(a, ScheduleOptions::default()).ok();
    let (texts, money_at_end) = text_blocks(ctx, a);
    let money = money_view(ctx, money_schedule.as_ref());
    let can_edit = role == app::Role::Official;
    let page = AgreementPage {
        base: ctx.base(a.title.clone(), "agreements"),
        id: a.id.to_string(),
        title: a.title.clone(),
        short_name: a.short_name.clone().unwrap_or_default(),
        facts: facts(ctx, view),
        parties: party_rows(ctx, a),
        texts,
        money: money.years,
        money_total: money.total,
        money_at_most: money.at_most,
        money_missing: money.missing,
        money_missing_text: ctx.t(money_missing_key(a)),
        money_at_end,
        terms: terms(ctx, a),
        duties: with_reminders(
            ctx,
            duty_views(
                ctx,
                a,
                money_schedule.as_ref(),
                obligations,
                follow_up.as_ref(),
            ),
            reminders,
        ),
        decisions: decision_views(ctx, a),
        trail: trail_facts(ctx, a),
        case_number: a
            .decision_trail
            .as_ref()
            .map(|t| t.case_number.clone())
            .unwrap_or_default(),
        records,
        outcomes: outcome_rows(ctx, a, outcomes),
        appendices: appendix_rows(ctx, a),
        version: view.version,
        next_statuses: if can_edit {
            next_statuses(ctx, a.status)
        } else {
            Vec::new()
        },
        can_edit,
        can_record: role >= app::Role::Partner,
        can_record_all: can_edit,
        published,
        pdf: cfg!(feature = "pdf"),
        publishable: a.status != domain::model::Status::Draft,
        versions,
        warnings: view
            .warnings
            .iter()
            .map(|d| locale::message(ctx.lang, d.code, &d.args))
            .collect(),
        saved: saved_what
            .as_deref()
            .map(|what| saved(ctx, what, view.version)),
    };
    render(&page)
}

/// Status, version, period and case number at the top of the page.
fn facts(ctx: &Ctx, view: &app::AgreementView) -> Vec<Fact> {
    let a = &view.agreement;
    let mut facts = vec![
        Fact {
            label: ctx.t("ui-col-status"),
            value: fmt::status(ctx.lang, status_key(a.status)),
        },
        Fact {
            label: ctx.t("ui-version"),
            value: view.version.to_string(),
        },
    ];
    if let Some(t) = &a.term {
        facts.push(Fact {
            label: ctx.t("ui-period"),
            value: date_span(ctx, t),
        });
    }
    if let Some(c) = &a.case_number {
        facts.push(Fact {
            label: ctx.t("ui-case-number"),
            value: c.clone(),
        });
    }
    facts
}

/// "1 maj 2026 – 30 april 2029".
fn date_span(ctx: &Ctx, t: &domain::model::Term) -> String {
    format!(
        "{} – {}",
        fmt::date_prose(ctx.lang, t.start),
        fmt::date_prose(ctx.lang, t.end)
    )
}

fn party_rows(ctx: &Ctx, a: &Agreement) -> Vec<PartyRow> {
    a.parties
        .iter()
        .map(|p| PartyRow {
            name: p.name.clone(),
            sector: sector(ctx, p.sector),
            org_number: fmt::org_number(p.org_number.as_ref(), ctx.lang),
            acting_through: p.acting_through.clone().unwrap_or_default(),
        })
        .collect()
}

/// The agreement's text, section by section, and whether the money table
/// goes at the end (no financing section to put it after).
fn text_blocks(ctx: &Ctx, a: &Agreement) -> (Vec<TextBlock>, bool) {
    use domain::model::SectionKind;
    let mut placed = false;
    let texts = a
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.heading.trim().is_empty() || !s.text.trim().is_empty())
        .map(|(i, s)| {
            let money_here = !placed && s.kind == SectionKind::Financing;
            placed |= money_here;
            TextBlock {
                heading: if s.heading.trim().is_empty() {
                    ctx.t(match s.kind {
                        SectionKind::Parties => "ui-parties",
                        SectionKind::Signatures => "ui-section-signatures",
                        _ => "ui-section-untitled",
                    })
                } else {
                    s.heading.clone()
                },
                anchor: format!("avsnitt-{}", i + 1),
                paragraphs: fmt::paragraphs(&s.text),
                money_here,
            }
        })
        .collect();
    (texts, !placed)
}

/// The money table, or that it cannot be computed.
struct MoneyView {
    years: Vec<MoneyYearView>,
    total: String,
    at_most: bool,
    missing: bool,
}

fn money_view(ctx: &Ctx, money: Option<&Schedule<'_>>) -> MoneyView {
    let Some(s) = money else {
        return MoneyView {
            years: Vec::new(),
            total: String::new(),
            at_most: false,
            missing: true,
        };
    };
    let years = s
        .years
        .iter()
        .map(|y| MoneyYearView {
            year: y.year,
            parties: y
                .parties
                .iter()
                .map(|p| MoneyRowView {
                    party: p.name.to_owned(),
                    cash: p
                        .cash
                        .map(|m| present::money_at_most(ctx.lang, m, p.cash_at_most()))
                        .unwrap_or_default(),
                    in_kind: p
                        .in_kind
                        .map(|m| {
                            if p.at_least {
                                ctx.ta("ui-at-least", &[("amount", &fmt::money(m))])
                            } else {
                                fmt::money(m)
                            }
                        })
                        .unwrap_or_default(),
                })
                .collect(),
            total: present::money_at_most(ctx.lang, y.total, y.at_most),
        })
        .collect();
    MoneyView {
        years,
        total: present::money_at_most(ctx.lang, s.total, s.at_most),
        at_most: s.at_most
            || s.years
                .iter()
                .any(|y| y.parties.iter().any(|p| p.cash_at_most())),
        missing: false,
    }
}

/// Why the agreement has no money table: the amounts are in the
/// appendices, it states none, or they cannot be worked out.
fn money_missing_key(a: &Agreement) -> &'static str {
    match &a.financing {
        Some(f) if f.in_appendices => "ui-money-in-appendices",
        Some(f) if f.contributions.is_empty() && f.budget_lines.is_empty() => "ui-money-not-stated",
        None => "ui-money-not-stated",
        Some(_) => "ui-money-missing",
    }
}

/// Term, extension and termination, in words.
fn terms(ctx: &Ctx, a: &Agreement) -> Vec<Fact> {
    let mut terms = Vec::new();
    if let Some(t) = &a.term {
        terms.push(Fact {
            label: ctx.t("ui-term"),
            value: date_span(ctx, t),
        });
    }
    if let Some(x) = &a.extension {
        terms.push(Fact {
            label: ctx.t("ui-extension"),
            value: extension_terms(ctx, x),
        });
    }
    terms.extend(per_unit_terms(ctx, a));
    for c in &a.termination {
        terms.push(Fact {
            label: ctx.t("ui-termination"),
            value: format!("{} {}", notice_words(ctx, c), c.quote.trim()),
        });
    }
    terms
}

/// A clause's notice period in words.
fn notice_words(ctx: &Ctx, c: &domain::model::TerminationClause) -> String {
    // The document's own word: utträde with varsel is no uppsägning.
    let key = match c.word() {
        domain::model::ExitWord::Withdrawal => "ui-withdrawal-notice",
        _ => "ui-notice-period",
    };
    c.notice
        .map(|n| ctx.ta(key, &[("length", &length(ctx, n))]))
        .unwrap_or_else(|| ctx.t("ui-notice-immediate"))
}

/// Each contribution's price per unit and ceiling, with who pays it:
/// "Ersättning per enhet, Kommunen: 420 kr per belagd plats och natt,
/// högst 1 150 000 kr per år".
fn per_unit_terms(ctx: &Ctx, a: &Agreement) -> Vec<Fact> {
    a.financings()
        .flat_map(|f| &f.contributions)
        .filter_map(|c| {
            let value = present::contribution_terms(ctx.lang, c)?;
            let party = a
                .parties
                .iter()
                .find(|p| p.id == c.party)
                .map_or(c.party.as_str(), |p| p.name.as_str());
            Some(Fact {
                label: ctx.ta("ui-paid-per-unit", &[("name", party)]),
                value,
            })
        })
        .collect()
}

fn extension_terms(ctx: &Ctx, x: &domain::model::ExtensionOption) -> String {
    let mut parts = Vec::new();
    if let (Some(times), Some(len)) = (x.times, x.length) {
        parts.push(ctx.ta(
            "ui-extension-times",
            &[("times", &times.to_string()), ("length", &length(ctx, len))],
        ));
    }
    if let Some(max) = x.max_total {
        parts.push(ctx.ta("ui-extension-max", &[("length", &length(ctx, max))]));
    }
    if let Some(lead) = x.decision_before_end {
        parts.push(ctx.ta("ui-extension-lead", &[("length", &length(ctx, lead))]));
    }
    parts.join(" ")
}

/// The duties with where each stands, the clause it comes from and why
/// its date is what it is.
fn duty_views(
    ctx: &Ctx,
    a: &Agreement,
    money: Option<&Schedule<'_>>,
    obligations: Vec<app::ObligationView>,
    follow_up: Option<&app::RecordFollowUp>,
) -> Vec<DutyView> {
    // The rules engine knows why each date is what it is.
    let computed = domain::rules::obligations::obligations_with(
        a,
        money,
        domain::rules::obligations::ObligationOptions::default(),
    )
    .unwrap_or_default();
    let notes: HashMap<String, Vec<String>> = computed
        .iter()
        .map(|o| (o.key(), date_notes(ctx, o)))
        .collect();
    // Gathered once: each duty finds its clause in one look-up.
    let clauses = domain::rules::clause::Clauses::of(a);
    // The one wording of a duty's title, with its amount or count, as the
    // command line and the reminders give it.
    let titles: HashMap<String, String> = computed
        .iter()
        .map(|o| {
            let title =
                locale::present::duty_title(ctx.lang, o.into(), |d| fmt::date_prose(ctx.lang, d));
            (o.key(), title)
        })
        .collect();
    obligations
        .into_iter()
        .map(|o| {
            let (section, quote) = clauses
                .get(&o.clause)
                .map(|c| (c.section.to_owned(), c.quote.trim().to_owned()))
                .unwrap_or_default();
            let (state_key, state_text) = fmt::state(ctx.lang, o.state);
            let record_kind = record_slug(&o.kind);
            let title = titles.get(&o.key).cloned().unwrap_or(o.title);
            let (kind, title) = fmt::obligation_lead(ctx.lang, &o.kind, &title);
            DutyView {
                due_prose: fmt::prose(ctx.lang, &o.due),
                kind,
                title,
                state_key,
                state: state_text,
                can_record: o.state != app::ObligationState::Met
                    && super::records::kind_of(record_kind)
                        .zip(follow_up)
                        .is_some_and(|(kind, may)| may.allows(kind, None)),
                date_notes: notes.get(&o.key).cloned().unwrap_or_default(),
                reminders: Vec::new(),
                record_kind,
                key_url: fmt::url_encode(&o.key),
                key: o.key,
                due_iso: o.due,
                section,
                quote,
            }
        })
        .collect()
}

/// The record form (its path segment) that meets a duty of this kind;
/// empty when nothing is recorded for it.
fn record_slug(kind: &str) -> &'static str {
    match kind {
        "invoice" => "betalning",
        "meeting" => "mote",
        "extension-decision" => "forlangning",
        "term-end" | "notice-deadline" => "",
        _ => "rapport",
    }
}

/// Where a duty's date comes from when it is not the clause's own words.
pub(crate) fn date_notes(ctx: &Ctx, o: &domain::rules::obligations::Obligation<'_>) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(from) = o.moved_from {
        notes.push(format!(
            "{} {}.",
            ctx.t("ui-date-note"),
            fmt::moved_from(ctx.lang, from)
        ));
    }
    if o.default_date {
        notes.push(ctx.t("ui-date-default-reading"));
    }
    notes
}

/// What the agreement holds of its decision, in the order of seed 001:
/// each decision's minutes, then the memo, the funding alternatives, the
/// six perspectives, the agreement it continues and its signatories.
fn trail_facts(ctx: &Ctx, a: &Agreement) -> Vec<Fact> {
    let fact = |key: &str, value: String| Fact {
        label: ctx.t(key),
        value,
    };
    let mut out = Vec::new();
    if let Some(t) = &a.decision_trail {
        for d in &t.decisions {
            out.extend(minute_facts(ctx, d));
        }
        if let Some(m) = &t.memo {
            out.push(fact(
                "ui-trail-memo",
                format!("{}, {}", m.author, fmt::date_prose(ctx.lang, m.date)),
            ));
        }
        out.extend(alternative_facts(ctx, a));
        if let Some(i) = &t.impact {
            for ((key, p), n) in i.perspectives().iter().zip(1..) {
                let text = if p.not_applicable && p.text.trim().is_empty() {
                    ctx.t("ui-trail-not-applicable")
                } else {
                    p.text.trim().to_owned()
                };
                out.push(Fact {
                    label: format!("{n}. {}", ctx.t(&format!("ui-perspective-{key}"))),
                    value: text,
                });
            }
        }
    }
    for r in a
        .related
        .iter()
        .filter(|r| r.relation == domain::model::Relation::Predecessor)
    {
        let period = r.period.clone().unwrap_or_default();
        out.push(fact(
            "ui-trail-predecessor",
            format!("{} {period}", r.title).trim().to_owned(),
        ));
    }
    for p in &a.parties {
        for s in &p.signatories {
            let who = [Some(s.name.clone()), s.title.clone(), Some(p.name.clone())]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            let when = [s.place.clone(), s.date_text.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            out.push(fact(
                "ui-trail-signatory",
                format!(
                    "{who}{}",
                    if when.is_empty() {
                        String::new()
                    } else {
                        format!(" ({when})")
                    }
                ),
            ));
        }
    }
    out
}

/// One decision as its minutes give it: paragraph and matter, the
/// proposal under its own heading, how the meeting handled it, who
/// presented it, the basis and where in the minutes.
fn minute_facts(ctx: &Ctx, d: &domain::model::Decision) -> Vec<Fact> {
    let mut out = vec![Fact {
        label: ctx.t("ui-trail-paragraph"),
        value: match &d.matter {
            Some(m) => format!("{} {m}", d.paragraph),
            None => d.paragraph.clone(),
        },
    }];
    if let Some(p) = &d.proposal {
        out.push(Fact {
            label: d
                .proposal_heading
                .clone()
                .unwrap_or_else(|| ctx.t("ui-trail-proposal")),
            value: p.clone(),
        });
    }
    if !d.presenters.is_empty() {
        let names: Vec<String> = d
            .presenters
            .iter()
            .map(domain::model::Presenter::described)
            .collect();
        out.push(Fact {
            label: ctx.t("ui-trail-presenters"),
            value: names.join("; "),
        });
    }
    if let Some(h) = &d.handling {
        out.push(Fact {
            label: ctx.t("ui-trail-handling"),
            value: h.clone(),
        });
    }
    for b in &d.basis {
        out.push(Fact {
            label: ctx.t("ui-trail-basis"),
            value: match b.date {
                Some(date) => format!("{} {date}", b.title),
                None => b.title.clone(),
            },
        });
    }
    let place: Vec<String> = [d.minutes_page.clone(), d.minutes_approval.clone()]
        .into_iter()
        .flatten()
        .collect();
    if !place.is_empty() {
        out.push(Fact {
            label: ctx.t("ui-trail-minutes"),
            value: place.join(", "),
        });
    }
    out
}

/// Each funding alternative put to the decision: a year's public money and
/// the whole term's, as the rules engine computes them, and which the
/// memo proposes.
fn alternative_facts(ctx: &Ctx, a: &Agreement) -> Vec<Fact> {
    let Some(f) = &a.financing else {
        return Vec::new();
    };
    f.alternatives
        .iter()
        .map(|alt| {
            let options = ScheduleOptions {
                extensions: 0,
                alternative: Some(alt.id.as_str()),
            };
            let figures = match schedule(a, options) {
                Ok(s) => ctx.ta(
                    "ui-trail-alternative-figures",
                    &[
                        (
                            "year",
                            &s.years
                                .first()
                                .map(|y| present::money_at_most(ctx.lang, y.total, y.at_most))
                                .unwrap_or_default(),
                        ),
                        (
                            "total",
                            &present::money_at_most(ctx.lang, s.total, s.at_most),
                        ),
                        ("years", &s.years.len().to_string()),
                    ],
                ),
                Err(_) => ctx.t("ui-money-missing"),
            };
            let proposed = if alt.proposed {
                format!(" {}", ctx.t("ui-trail-proposed"))
            } else {
                String::new()
            };
            Fact {
                label: format!("{}: {}", ctx.t("ui-trail-alternative"), alt.name),
                value: format!("{figures}{proposed}"),
            }
        })
        .collect()
}

fn decision_views(ctx: &Ctx, a: &Agreement) -> Vec<DecisionView> {
    a.decision_trail
        .iter()
        .flat_map(|trail| &trail.decisions)
        .map(|d| DecisionView {
            date: d.meeting_date.to_string(),
            body: d.body.clone(),
            paragraph: d.paragraph.clone(),
            outcome: ctx.t(&format!("ui-outcome-{}", outcome_key(d.outcome))),
        })
        .collect()
}

/// The follow-up records with their files: two queries, whatever their number.
async fn record_views(
    ctx: &Ctx,
    app: &app::App,
    see: &app::SeeAgreement,
) -> Result<Vec<RecordView>, app::AppError> {
    let (records, attached) = app.records_and_files(see).await?;
    let mut files: HashMap<String, Vec<FileLink>> = HashMap::new();
    for f in attached {
        files.entry(f.record_id).or_default().push(FileLink {
            id: f.id,
            name: f.name,
        });
    }
    Ok(records
        .into_iter()
        .map(|r| {
            let mut about: Vec<String> = ["body", "case_number", "paragraph", "party", "activity"]
                .iter()
                .filter_map(|field| r.data.get(field).and_then(|v| v.as_str()))
                .map(str::to_owned)
                .collect();
            if let Some(key) = &r.obligation_key {
                about.push(ctx.ta("ui-record-meets", &[("key", key)]));
            }
            if let Some(refund) = r
                .data
                .get("settlement")
                .and_then(|s| s.get("refund"))
                .and_then(|v| v.as_str())
                .and_then(|v| v.parse::<domain::value::Money>().ok())
            {
                about.push(ctx.ta("ui-refund-is", &[("amount", &fmt::money(refund))]));
            }
            if let Some(o) = r.data.get("outcome").and_then(|v| v.as_str()) {
                about.push(ctx.t(&format!("ui-outcome-{o}")));
            }
            RecordView {
                files: files.remove(&r.id).unwrap_or_default(),
                date: r.date,
                kind: ctx.t(&format!("ui-record-{}", r.kind)),
                state: ctx.t(&format!("ui-record-state-{}", r.state)),
                amount: r.amount_ore.map(fmt::ore).unwrap_or_default(),
                about: about.join(" · "),
            }
        })
        .collect())
}

/// Versions shown with their readable differences.
const VERSIONS_COMPARED: usize = 6;
/// Differences shown per version.
const CHANGES_SHOWN: usize = 50;

/// The history, newest first; the latest few versions with what changed
/// (their documents read in one query).
async fn version_views(
    ctx: &Ctx,
    app: &app::App,
    see: &app::SeeAgreement,
) -> Result<Vec<VersionView>, app::AppError> {
    let versions = app.versions(see).await?;
    let oldest = versions
        .iter()
        .rev()
        .take(VERSIONS_COMPARED)
        .map(|m| m.version)
        .min()
        .unwrap_or(0);
    let documents: HashMap<i64, serde_json::Value> = app
        .versions_from(see, oldest)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| {
            let json = domain::format::to_json(&v.agreement).ok()?;
            Some((v.version, serde_json::from_str(&json).ok()?))
        })
        .collect();
    let sources = app.source_documents(see).await?;
    Ok(versions
        .iter()
        .rev()
        .map(|m| VersionView {
            sources: sources
                .iter()
                .filter(|d| d.version == m.version)
                .map(|d| (d.id.clone(), d.name.clone(), d.sha256.clone()))
                .collect(),
            version: m.version,
            change: ctx.t(&format!("ui-change-{}", m.change)),
            author: m.author.clone(),
            saved_at: m.created_at.chars().take(10).collect(),
            reason: m.reason.clone().unwrap_or_default(),
            changes: match (documents.get(&(m.version - 1)), documents.get(&m.version)) {
                (Some(before), Some(after)) => app::diff(before, after)
                    .into_iter()
                    .take(CHANGES_SHOWN)
                    .map(|c| ChangeView {
                        path: c.path,
                        before: c.before.as_ref().map(short).unwrap_or_default(),
                        after: c.after.as_ref().map(short).unwrap_or_default(),
                    })
                    .collect(),
                _ => Vec::new(),
            },
        })
        .collect())
}

fn outcome_rows(ctx: &Ctx, a: &Agreement, outcomes: Vec<app::OutcomeView>) -> Vec<OutcomeRow> {
    outcomes
        .into_iter()
        .map(|o| OutcomeRow {
            activity: a
                .activities
                .iter()
                .find(|x| x.id.as_str() == o.activity)
                .map_or_else(|| o.activity.clone(), |x| x.name.clone()),
            target: match o.target {
                Some(t) if o.approximate => ctx.ta("ui-outcome-about", &[("n", &t.to_string())]),
                Some(t) => t.to_string(),
                None => ctx.t("ui-not-given"),
            },
            unit: o.unit,
            year: o.year,
            reported: o.reported,
        })
        .collect()
}

fn appendix_rows(ctx: &Ctx, a: &Agreement) -> Vec<AppendixRow> {
    use domain::model::AppendixStatus;
    a.appendices
        .iter()
        .map(|x| AppendixRow {
            number: x.number,
            title: x.title.clone(),
            party: a
                .parties
                .iter()
                .find(|p| p.id == x.party)
                .map_or_else(|| x.party.to_string(), |p| p.name.clone()),
            period: x
                .period
                .as_ref()
                .map(|t| format!("{} – {}", t.start, t.end))
                .unwrap_or_else(|| ctx.t("ui-not-given")),
            status: ctx.t(match x.status {
                AppendixStatus::NotStated => "ui-not-given",
                AppendixStatus::Active => "ui-appendix-active",
                AppendixStatus::Replaced { .. } => "ui-appendix-replaced",
                AppendixStatus::Dropped => "ui-appendix-dropped",
            }),
            notice: if x.termination.is_empty() {
                ctx.t("ui-appendix-as-framework")
            } else {
                x.termination
                    .iter()
                    .map(|c| notice_words(ctx, c))
                    .collect::<Vec<_>>()
                    .join(" ")
            },
            reports: if x.reporting.is_empty() {
                vec![ctx.t("ui-appendix-as-framework")]
            } else {
                x.reporting.iter().map(|r| r.title.clone()).collect()
            },
        })
        .collect()
}

/// The statuses an agreement may move to next.
fn next_statuses(ctx: &Ctx, from: domain::model::Status) -> Vec<Choice> {
    STATUSES
        .iter()
        .filter(|s| **s != status_key(from))
        .filter(|s| parse_status(s).is_some_and(|to| app::Lifecycle::allows(from, to)))
        .map(|s| Choice {
            value: s,
            label: fmt::status(ctx.lang, s),
            selected: false,
        })
        .collect()
}

/// The banner after a save or a record.
fn saved(ctx: &Ctx, what: &str, version: i64) -> String {
    match what {
        "version" => ctx.ta("ui-saved-version", &[("n", &version.to_string())]),
        "publicerad" => ctx.t("ui-saved-published"),
        "avpublicerad" => ctx.t("ui-saved-unpublished"),
        _ => ctx.t("ui-saved-record"),
    }
}

pub(crate) fn status_key(s: domain::model::Status) -> &'static str {
    s.as_str()
}

pub(crate) fn parse_status(s: &str) -> Option<domain::model::Status> {
    s.parse().ok()
}

/// Move the agreement along its lifecycle.
pub(crate) async fn set_status(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    axum::Form(values): axum::Form<HashMap<String, String>>,
) -> PageResult {
    let Some(to) = values.get("status").and_then(|s| parse_status(s)) else {
        return Ok(super::redirect(&format!("/avtal/{id}")).into_response());
    };
    let base_version = values
        .get("base_version")
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or(0);
    let reason = values
        .get("reason")
        .map(String::as_str)
        .filter(|r| !r.trim().is_empty());
    let actor = ctx.caller.actor(&app::stamp(state.now()));
    let may = state.app.edit_agreement(&ctx.caller, &id).await?;
    match state
        .app
        .set_status(&may, to, base_version, reason, &actor)
        .await
    {
        Ok(_) => Ok(super::redirect(&format!("/avtal/{id}?sparad=version")).into_response()),
        Err(app::AppError::NotFound) => Err(app::AppError::NotFound.into()),
        Err(e) => {
            let message = match &e {
                app::AppError::Invalid { diagnostics, .. } => diagnostics
                    .iter()
                    .map(|d| locale::message(ctx.lang, d.code, &d.args))
                    .collect::<Vec<_>>()
                    .join(" "),
                app::AppError::Stale { current, .. } => {
                    ctx.ta("ui-edit-stale", &[("n", &current.to_string())])
                }
                other => other.to_string(),
            };
            let page = super::MessagePage {
                base: ctx.base(ctx.t("ui-status-refused"), "agreements"),
                heading: ctx.t("ui-status-refused"),
                body: message,
            };
            Ok(super::render_status(
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                &page,
            ))
        }
    }
}

pub(crate) fn outcome_key(o: domain::model::Outcome) -> &'static str {
    use domain::model::Outcome;
    match o {
        Outcome::Approved => "approved",
        Outcome::Rejected => "rejected",
        Outcome::ReferredBack => "referred-back",
        Outcome::Tabled => "tabled",
    }
}

/// The agreement file (TOML), to download.
pub(crate) async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> PageResult {
    let view = see_and_get(&state, &ctx, &id).await?;
    let text = domain::format::to_toml(&view.agreement).map_err(|_| app::AppError::NotFound)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/toml; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}.toml\"", view.agreement.id),
            ),
        ],
        text,
    )
        .into_response())
}

/// A file attached to a record (a report, minutes), to download.
pub(crate) async fn file(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> PageResult {
    // A record's file, or the document a version was imported from.
    let (name, content_type, bytes) = match state.app.file(&ctx.caller, &id).await {
        Ok((row, bytes)) => (row.name, row.content_type, bytes),
        Err(app::AppError::NotFound) => {
            let (row, bytes) = state.app.source_document(&ctx.caller, &id).await?;
            (row.name, row.content_type, bytes)
        }
        Err(e) => return Err(e.into()),
    };
    let name: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"download\"; filename*=UTF-8''{name}"),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// The agreement as the caller may see it.
pub(crate) async fn see_and_get(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
) -> Result<app::AgreementView, app::AppError> {
    let see = state.app.see_agreement(&ctx.caller, id).await?;
    state.app.get(&see).await
}

/// Put the agreement in the public register, or take it out (an official).
pub(crate) async fn set_published(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    axum::Form(values): axum::Form<HashMap<String, String>>,
) -> PageResult {
    let publish = values.get("published").is_some_and(|v| v == "true");
    let may = state.app.edit_agreement(&ctx.caller, &id).await?;
    let actor = ctx.caller.actor(&app::stamp(state.now()));
    state.app.set_published(&may, publish, &actor).await?;
    let what = if publish {
        "publicerad"
    } else {
        "avpublicerad"
    };
    Ok(super::redirect(&format!("/avtal/{id}?sparad={what}")).into_response())
}

/// The agreement as a PDF document (Typst), to download.
#[cfg(feature = "pdf")]
pub(crate) async fn pdf(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> PageResult {
    let agreement = see_and_get(&state, &ctx, &id).await?.agreement;
    let bytes = tokio::task::spawn_blocking(move || {
        docs::render(&agreement, docs::Doc::Agreement, docs::Output::Pdf)
    })
    .await
    .map_err(|e| app::AppError::Internal(e.to_string()))?
    .map_err(|e| app::AppError::Internal(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{id}.pdf\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(lang: locale::Lang) -> Ctx {
        Ctx {
            lang,
            path: String::new(),
            caller: app::Caller::anonymous(),
            csrf: String::new(),
        }
    }

    /// Own text 10 of the import's tests: appendices 1 and 3 with their
    /// own notice and a report, appendix 2 with neither.
    fn stromsvik() -> Agreement {
        let text =
            include_str!("../../../import/tests/texts/10-ramavtal-bilagor-egen-uppsagning.toml");
        domain::format::parse(text, domain::format::Syntax::Toml).unwrap()
    }

    #[test]
    fn each_appendix_row_shows_its_own_notice_and_reports() {
        let a = stromsvik();
        let rows = appendix_rows(&ctx(locale::Lang::Sv), &a);
        let got: Vec<(&str, Vec<&str>)> = rows
            .iter()
            .map(|r| {
                (
                    r.notice.as_str(),
                    r.reports.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        // "… med tre månaders uppsägningstid", "… med två månaders
        // uppsägningstid"; appendix 2 says nothing of its own.
        assert_eq!(
            got,
            [
                (
                    "Uppsägningstid 3 månader.",
                    vec!["Verksamhetsberättelse för lovaktiviteterna"]
                ),
                (
                    "Enligt ramöverenskommelsen",
                    vec!["Enligt ramöverenskommelsen"]
                ),
                (
                    "Uppsägningstid 2 månader.",
                    vec!["Slutrapport om hur många ledare som har utbildats"]
                ),
            ]
        );
        let english = appendix_rows(&ctx(locale::Lang::En), &a);
        assert_eq!(english[0].notice, "Notice period 3 months.");
        assert_eq!(english[1].notice, "As in the framework agreement");
    }

    /// A funding alternative whose money is the night shelter's ceiling
    /// (at most 1 150 000 kr a year, four years: at most 4 600 000 kr)
    /// reads "högst" in both figures.
    #[test]
    fn an_alternative_with_a_ceiling_is_shown_as_at_most() {
        let mut a = domain::generate::night_shelter().unwrap();
        let f = a.financing.as_mut().unwrap();
        f.alternatives.truncate(1);
        f.alternatives[0].total_per_year = None;
        f.alternatives[0].budget_lines.clear();
        f.alternatives[0].contributions = f.contributions.clone();
        let facts = alternative_facts(&ctx(locale::Lang::Sv), &a);
        assert!(
            facts[0]
                .value
                .starts_with("högst 1 150 000 kr per år, högst 4 600 000 kr under 4 år"),
            "{}",
            facts[0].value
        );
    }

    #[test]
    fn a_ceiling_is_shown_as_at_most_with_its_price_per_night() {
        let a = domain::generate::night_shelter().unwrap();
        let s = schedule(&a, ScheduleOptions::default()).unwrap();
        let sv = ctx(locale::Lang::Sv);
        let money = money_view(&sv, Some(&s));
        // Four full years at most 1 150 000 kr each: at most 4 600 000 kr.
        assert_eq!(money.years[0].parties[0].cash, "högst 1 150 000 kr");
        assert_eq!(money.years[0].total, "högst 1 150 000 kr");
        assert_eq!(money.total, "högst 4 600 000 kr");
        assert!(money.at_most);
        let terms = terms(&sv, &a);
        let unit = terms
            .iter()
            .find(|t| t.label == "Ersättning per enhet, Region Gotland")
            .unwrap();
        assert_eq!(
            unit.value,
            "420 kr per belagd plats och natt, högst 1 150 000 kr per år"
        );
        let en = ctx(locale::Lang::En);
        assert_eq!(money_view(&en, Some(&s)).total, "at most 4 600 000 kr");
        assert!(terms_of(&en, &a).contains(
            &"420 kr per occupied place and night, at most 1 150 000 kr a year".to_owned()
        ));
        // The check's warning, as the page words it.
        let warning = domain::check::check(&a)
            .into_iter()
            .find(|d| d.code == "per-unit-payment")
            .map(|d| locale::message(locale::Lang::Sv, d.code, &d.args))
            .unwrap();
        assert!(warning.contains("per belagd plats och natt"), "{warning}");
    }

    fn terms_of(ctx: &Ctx, a: &Agreement) -> Vec<String> {
        terms(ctx, a).into_iter().map(|t| t.value).collect()
    }
}
