//! Recording what happened under an agreement (payments, reports,
//! meetings, decisions, extensions, outcome figures), giving notice with
//! the settlement shown before it is confirmed, and the settlement
//! calculator.

use std::collections::HashMap;

use app::RecordKind;
use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use domain::Agreement;
use domain::model::Ground;
use domain::rules::obligations::ObligationKind;
use domain::rules::settle::{NotSettled, SettleError, SettleInput, SettlementResult, settle};
use domain::value::{Date, Money};
use serde::Deserialize;

use super::agreements::clause_quote;
use super::{Base, Ctx, PageResult, fmt, render, render_status};
use crate::AppState;

/// One form field, ready to lay out.
pub(crate) struct Field {
    pub id: String,
    pub label: String,
    pub hint: String,
    /// text, date, number, select, file, textarea, radios
    pub input: &'static str,
    pub value: String,
    pub options: Vec<Opt>,
    pub error: Option<String>,
}

pub(crate) struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl Field {
    fn new(id: &str, label: String, input: &'static str) -> Self {
        Field {
            id: id.to_owned(),
            label,
            hint: String::new(),
            input,
            value: String::new(),
            options: Vec::new(),
            error: None,
        }
    }

    pub(crate) fn new_pub(id: &str, label: String, input: &'static str) -> Self {
        Field::new(id, label, input)
    }

    pub(crate) fn set_options(&mut self, options: Vec<(String, String, bool)>) {
        self.options = options
            .into_iter()
            .map(|(value, label, selected)| Opt {
                value,
                label,
                selected,
            })
            .collect();
    }

    pub(crate) fn hint_pub(self, hint: String) -> Self {
        self.hint(hint)
    }

    fn hint(mut self, hint: String) -> Self {
        self.hint = hint;
        self
    }

    fn options(mut self, options: Vec<(String, String)>) -> Self {
        self.options = options
            .into_iter()
            .map(|(value, label)| Opt {
                value,
                label,
                selected: false,
            })
            .collect();
        self
    }

    /// Put back what the person wrote.
    fn fill(&mut self, values: &HashMap<String, String>) {
        if let Some(v) = values.get(&self.id) {
            self.value = v.clone();
        }
        for o in &mut self.options {
            o.selected = o.value == self.value;
        }
    }

    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if !self.hint.is_empty() {
            ids.push(format!("{}-hint", self.id));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.id));
        }
        ids.join(" ")
    }
}

pub(crate) struct ErrorLink {
    pub field: String,
    pub message: String,
}

#[derive(Template)]
#[template(path = "record_form.html")]
pub(crate) struct RecordPage {
    pub base: Base,
    pub form: RecordForm,
}

/// A form: its fields, errors and where it goes.
pub(crate) struct RecordForm {
    pub base: Base,
    pub id: String,
    pub agreement_title: String,
    pub heading: String,
    pub intro: String,
    pub action: String,
    pub fields: Vec<Field>,
    pub errors: Vec<ErrorLink>,
    pub submit: String,
    pub multipart: bool,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct FormQuery {
    #[serde(default)]
    pub plikt: Option<String>,
}

/// The kinds of record a form exists for, by their path segment.
pub(crate) fn kind_of(slug: &str) -> Option<RecordKind> {
    Some(match slug {
        "betalning" => RecordKind::Payment,
        "rapport" => RecordKind::Report,
        "mote" => RecordKind::Meeting,
        "beslut" => RecordKind::Decision,
        "forlangning" => RecordKind::Extension,
        "utfall" => RecordKind::Outcome,
        _ => return None,
    })
}

/// A duty of one of these kinds (the duty's kind as app names it).
fn duty_of(kinds: impl Fn(ObligationKind) -> bool) -> impl Fn(&str) -> bool {
    move |k| {
        ObligationKind::ALL
            .into_iter()
            .any(|o| o.as_str() == k && kinds(o))
    }
}

/// The states a record of this kind can be recorded in, for a select.
fn state_options(ctx: &Ctx, kind: RecordKind) -> Vec<(String, String)> {
    kind.states()
        .iter()
        .map(|s| {
            (
                s.as_str().to_owned(),
                ctx.t(&format!("ui-record-state-{s}")),
            )
        })
        .collect()
}

/// The duties a record can meet; met ones only when `include_met` (a report
/// received can later be recorded as approved).
fn obligation_options(
    ctx: &Ctx,
    list: &[app::ObligationView],
    include_met: bool,
    kinds: impl Fn(&str) -> bool,
) -> Vec<(String, String)> {
    let mut out = vec![(String::new(), ctx.t("ui-form-no-obligation"))];
    out.extend(
        list.iter()
            .filter(|o| kinds(&o.kind) && (include_met || o.state != app::ObligationState::Met))
            .map(|o| {
                let (lead, title) = fmt::obligation_lead(ctx.lang, &o.kind, &o.title);
                let mut label = format!("{} – {lead}{title}", o.due);
                if o.state == app::ObligationState::Met {
                    label.push_str(&format!(" ({})", fmt::state(ctx.lang, o.state).1));
                }
                (o.key.clone(), label)
            }),
    );
    out
}

fn party_options(a: &Agreement) -> Vec<(String, String)> {
    a.parties
        .iter()
        .map(|p| (p.id.to_string(), p.name.clone()))
        .collect()
}

fn fields_for(
    ctx: &Ctx,
    kind: RecordKind,
    a: &Agreement,
    obligations: &[app::ObligationView],
) -> Vec<Field> {
    let date = Field::new("date", ctx.t("ui-form-date"), "date").hint(ctx.t("ui-form-date-hint"));
    match kind {
        RecordKind::Payment => vec![
            date,
            Field::new("amount", ctx.t("ui-form-amount"), "text")
                .hint(ctx.t("ui-form-amount-hint")),
            Field::new("party", ctx.t("ui-form-paying-party"), "select").options(party_options(a)),
            Field::new("state", ctx.t("ui-col-status"), "select").options(state_options(ctx, kind)),
            Field::new("obligation", ctx.t("ui-form-obligation"), "select").options(
                obligation_options(
                    ctx,
                    obligations,
                    false,
                    duty_of(|k| k == ObligationKind::Invoice),
                ),
            ),
        ],
        RecordKind::Report => vec![
            date,
            Field::new("obligation", ctx.t("ui-form-obligation"), "select").options(
                obligation_options(ctx, obligations, true, duty_of(ObligationKind::is_report)),
            ),
            Field::new("state", ctx.t("ui-col-status"), "select").options(state_options(ctx, kind)),
            Field::new("file", ctx.t("ui-form-file"), "file").hint(ctx.t("ui-form-file-hint")),
        ],
        RecordKind::Meeting => vec![
            date,
            Field::new("body", ctx.t("ui-form-body"), "select").options(
                a.governance
                    .iter()
                    .map(|g| (g.name.clone(), g.name.clone()))
                    .collect(),
            ),
            Field::new("obligation", ctx.t("ui-form-obligation"), "select").options(
                obligation_options(
                    ctx,
                    obligations,
                    false,
                    duty_of(|k| k == ObligationKind::Meeting),
                ),
            ),
            Field::new("file", ctx.t("ui-form-minutes"), "file").hint(ctx.t("ui-form-file-hint")),
        ],
        RecordKind::Decision => vec![
            date,
            Field::new("body", ctx.t("ui-form-deciding-body"), "text"),
            Field::new("case_number", ctx.t("ui-case-number"), "text")
                .hint(ctx.t("ui-form-case-hint")),
            Field::new("paragraph", ctx.t("ui-col-paragraph"), "text"),
            Field::new("outcome", ctx.t("ui-col-outcome"), "select").options(
                ["approved", "rejected", "referred-back", "tabled"]
                    .iter()
                    .map(|o| ((*o).to_owned(), ctx.t(&format!("ui-outcome-{o}"))))
                    .collect(),
            ),
        ],
        RecordKind::Extension => vec![
            date,
            Field::new("new_end", ctx.t("ui-form-new-end"), "date")
                .hint(ctx.t("ui-form-date-hint")),
        ],
        _ => vec![
            date,
            Field::new("activity", ctx.t("ui-form-activity"), "select").options(
                a.activities
                    .iter()
                    .map(|x| (x.id.to_string(), x.name.clone()))
                    .collect(),
            ),
            Field::new("unit", ctx.t("ui-form-unit"), "text").hint(ctx.t("ui-form-unit-hint")),
            Field::new("count", ctx.t("ui-form-count"), "text"),
        ],
    }
}

/// An agreement made ready for recording: the permission, the agreement, its duties.
type Loaded = (
    app::RecordFollowUp,
    app::AgreementView,
    Vec<app::ObligationView>,
);

/// The agreement and its duties, for someone who may record this kind of
/// follow-up (`kind` as the API names it: payment, report, notice, …).
async fn load(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    kind: RecordKind,
) -> Result<Loaded, app::AppError> {
    let may = state.app.record_follow_up(&ctx.caller, id).await?;
    if !may.allows(kind, None) {
        return Err(app::AppError::forbidden("app-partner-may-not"));
    }
    let view = state.app.get(may.see()).await?;
    let obligations = state.app.obligations(may.see(), state.today()).await?;
    Ok((may, view, obligations))
}

fn form_page(
    ctx: &Ctx,
    kind: RecordKind,
    slug: &str,
    view: &app::AgreementView,
    obligations: &[app::ObligationView],
    values: &HashMap<String, String>,
    errors: Vec<ErrorLink>,
) -> RecordForm {
    let mut fields = fields_for(ctx, kind, &view.agreement, obligations);
    for f in &mut fields {
        f.fill(values);
        f.error = errors
            .iter()
            .find(|e| e.field == f.id)
            .map(|e| e.message.clone());
    }
    let heading = ctx.t(&format!("ui-form-heading-{kind}"));
    let mut base = ctx.base(heading.clone(), "agreements");
    base.errors = !errors.is_empty();
    RecordForm {
        base,
        id: view.agreement.id.to_string(),
        agreement_title: view.agreement.title.clone(),
        intro: ctx.t(&format!("ui-form-intro-{kind}")),
        heading,
        action: format!("/avtal/{}/uppfoljning/{slug}", view.agreement.id),
        multipart: true,
        fields,
        errors,
        submit: ctx.t("ui-form-save"),
    }
}

pub(crate) async fn form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, slug)): Path<(String, String)>,
    Query(query): Query<FormQuery>,
) -> PageResult {
    let kind = kind_of(&slug).ok_or(app::AppError::NotFound)?;
    let (_, view, obligations) = load(&state, &ctx, &id, kind).await?;
    let mut values = HashMap::new();
    values.insert("date".to_owned(), state.today().to_string());
    if let Some(key) = query.plikt {
        values.insert("obligation".to_owned(), key);
    }
    let form = form_page(&ctx, kind, &slug, &view, &obligations, &values, Vec::new());
    Ok(render(&RecordPage {
        base: form.base.clone(),
        form,
    }))
}

/// An uploaded file from a form.
struct FileUpload {
    name: String,
    content_type: String,
    bytes: Vec<u8>,
}

async fn read_form(
    mut multipart: Multipart,
) -> Result<(HashMap<String, String>, Option<FileUpload>), String> {
    let mut values = HashMap::new();
    let mut file = None;
    while let Some(field) = multipart.next_field().await.map_err(|e| e.to_string())? {
        let name = field.name().unwrap_or_default().to_owned();
        if let Some(file_name) = field.file_name().map(str::to_owned) {
            let content_type = field
                .content_type()
                .unwrap_or("application/octet-stream")
                .to_owned();
            let bytes = field.bytes().await.map_err(|e| e.to_string())?;
            if !bytes.is_empty() && !file_name.is_empty() {
                file = Some(FileUpload {
                    name: file_name,
                    content_type,
                    bytes: bytes.to_vec(),
                });
            }
        } else {
            let text = field.text().await.map_err(|e| e.to_string())?;
            values.insert(name, text.trim().to_owned());
        }
    }
    Ok((values, file))
}

fn actor(ctx: &Ctx, state: &AppState) -> app::Actor {
    ctx.caller.actor(&app::stamp(state.now()))
}

/// Check the fields and build the record, or say what is wrong where.
fn record_input(
    ctx: &Ctx,
    kind: RecordKind,
    values: &HashMap<String, String>,
) -> Result<app::RecordInput, Vec<ErrorLink>> {
    let mut errors = Vec::new();
    let get = |k: &str| values.get(k).map(String::as_str).unwrap_or("").trim();
    let mut err = |field: &str, key: &str| {
        errors.push(ErrorLink {
            field: field.to_owned(),
            message: ctx.t(key),
        })
    };
    let date = match get("date").parse::<Date>() {
        Ok(d) => Some(d),
        Err(_) if get("date").is_empty() => {
            err("date", "ui-error-date-missing");
            None
        }
        Err(_) => {
            err("date", "ui-error-date-format");
            None
        }
    };
    let mut json = serde_json::json!({ "kind": kind.as_str(), "date": get("date") });
    let mut put = |k: &str, v: serde_json::Value| {
        if let Some(o) = json.as_object_mut() {
            o.insert(k.to_owned(), v);
        }
    };
    for key in [
        "obligation",
        "state",
        "party",
        "body",
        "case_number",
        "paragraph",
        "outcome",
        "activity",
    ] {
        if !get(key).is_empty() {
            put(key, serde_json::Value::String(get(key).to_owned()));
        }
    }
    match kind {
        RecordKind::Payment => match get("amount").parse::<Money>() {
            Ok(m) if !get("amount").is_empty() => put("amount", serde_json::json!(m)),
            _ if get("amount").is_empty() => err("amount", "ui-error-amount-missing"),
            _ => err("amount", "ui-error-amount-format"),
        },
        RecordKind::Decision => {
            for (field, key) in [
                ("body", "ui-error-body-missing"),
                ("case_number", "ui-error-case-missing"),
                ("paragraph", "ui-error-paragraph-missing"),
            ] {
                if get(field).is_empty() {
                    err(field, key);
                }
            }
        }
        RecordKind::Extension => match get("new_end").parse::<Date>() {
            Ok(d) => put("new_end", serde_json::Value::String(d.to_string())),
            Err(_) => err("new_end", "ui-error-date-format"),
        },
        RecordKind::Outcome => {
            let count = get("count").parse::<u32>();
            if get("unit").is_empty() {
                err("unit", "ui-error-unit-missing");
            }
            match count {
                Ok(n) if !get("unit").is_empty() => {
                    put("counts", serde_json::json!({ get("unit"): n }));
                }
                Ok(_) => {}
                Err(_) => err("count", "ui-error-count-format"),
            }
        }
        _ => {}
    }
    if !errors.is_empty() || date.is_none() {
        return Err(errors);
    }
    serde_json::from_value(json).map_err(|e| {
        vec![ErrorLink {
            field: "date".into(),
            message: e.to_string(),
        }]
    })
}

fn app_error_links(ctx: &Ctx, e: &app::AppError) -> Option<Vec<ErrorLink>> {
    match e {
        app::AppError::Field { field, message } => Some(vec![ErrorLink {
            field: if field.is_empty() {
                "date".into()
            } else {
                field.clone()
            },
            message: format!(
                "{} ({})",
                ctx.t("ui-error-not-accepted"),
                message.text(ctx.lang)
            ),
        }]),
        app::AppError::Invalid { diagnostics, .. } => Some(
            diagnostics
                .iter()
                .map(|d| ErrorLink {
                    field: "date".into(),
                    message: locale::message(ctx.lang, d.code, &d.args),
                })
                .collect(),
        ),
        _ => None,
    }
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, slug)): Path<(String, String)>,
    multipart: Multipart,
) -> PageResult {
    let kind = kind_of(&slug).ok_or(app::AppError::NotFound)?;
    let (may, view, obligations) = load(&state, &ctx, &id, kind).await?;
    let (values, file) = read_form(multipart).await.unwrap_or_default();
    let again = |errors: Vec<ErrorLink>| {
        let form = form_page(&ctx, kind, &slug, &view, &obligations, &values, errors);
        Ok(render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &RecordPage {
                base: form.base.clone(),
                form,
            },
        ))
    };
    let input = match record_input(&ctx, kind, &values) {
        Ok(i) => i,
        Err(errors) => return again(errors),
    };
    let actor = actor(&ctx, &state);
    // A file that will be refused is refused before anything is recorded.
    if let Some(f) = &file {
        let upload = app::Upload {
            name: &f.name,
            content_type: &f.content_type,
            bytes: &f.bytes,
        };
        if upload.checked_type().is_err() {
            return again(vec![ErrorLink {
                field: "file".into(),
                message: ctx.ta("ui-error-file-refused", &[("name", &f.name)]),
            }]);
        }
    }
    let record = match state.app.add_record(&may, input, &actor).await {
        Ok(r) => r,
        Err(e) => {
            return match app_error_links(&ctx, &e) {
                Some(links) => again(links),
                None => Err(e.into()),
            };
        }
    };
    if let Some(f) = file {
        let upload = app::Upload {
            name: &f.name,
            content_type: &f.content_type,
            bytes: &f.bytes,
        };
        if let Err(e) = state
            .app
            .attach_file(&may, &record.id, upload, &actor)
            .await
        {
            tracing::warn!(error = %e, "upload refused");
            let message = ctx.ta("ui-error-file-refused", &[("name", &f.name)]);
            let page = super::MessagePage {
                base: ctx.base(ctx.t("ui-error-file-title"), "agreements"),
                heading: ctx.t("ui-error-file-title"),
                body: message,
            };
            return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
    }
    Ok(super::redirect(&format!("/avtal/{id}?sparad=post#uppfoljning")).into_response())
}

// ---------------------------------------------------------------- notice

const GROUNDS: [Ground; 5] = [
    Ground::Convenience,
    Ground::Breach,
    Ground::Insolvency,
    Ground::Mismanagement,
    Ground::ChangedCircumstances,
];

fn ground_key(g: Ground) -> &'static str {
    match g {
        Ground::Convenience => "convenience",
        Ground::Breach => "breach",
        Ground::Insolvency => "insolvency",
        Ground::Mismanagement => "mismanagement",
        Ground::ChangedCircumstances => "changed-circumstances",
    }
}

fn parse_ground(s: &str) -> Option<Ground> {
    GROUNDS.into_iter().find(|g| ground_key(*g) == s)
}

/// The grounds this agreement's clauses provide.
fn grounds_of(ctx: &Ctx, a: &Agreement) -> Vec<(String, String)> {
    GROUNDS
        .into_iter()
        .filter(|g| a.termination.iter().any(|c| c.grounds.contains(g)))
        .map(|g| {
            (
                ground_key(g).to_owned(),
                ctx.t(&format!("ui-ground-{}", ground_key(g))),
            )
        })
        .collect()
}

pub(crate) struct SettlementView {
    pub facts: Vec<super::agreements::Fact>,
    pub quote: String,
    pub section: String,
    pub refund: String,
}

fn settlement_view(ctx: &Ctx, a: &Agreement, r: &SettlementResult<'_>) -> SettlementView {
    use super::agreements::Fact;
    let mut facts = vec![
        Fact {
            label: ctx.t("ui-settle-effective-end"),
            value: fmt::date_prose(ctx.lang, r.effective_end),
        },
        Fact {
            label: ctx.t("ui-settle-paid"),
            value: fmt::money(r.paid),
        },
    ];
    // Whom the clause names as the one who may have to repay (003: Röda Korset).
    let repaying = r
        .repaying_party
        .and_then(|id| a.parties.iter().find(|p| p.id == *id));
    if let (Some(p), Some(_)) = (repaying, r.max_claim) {
        facts.push(Fact {
            label: ctx.t("ui-settle-repaying-party"),
            value: p.name.clone(),
        });
    }
    for (key, amount) in [
        ("ui-settle-kept", r.kept),
        ("ui-settle-refund", r.refund),
        ("ui-settle-max-claim", r.max_claim),
        ("ui-settle-proposal", r.proposal),
        ("ui-settle-still-to-pay", r.still_to_pay),
    ] {
        if let Some(m) = amount {
            facts.push(Fact {
                label: ctx.t(key),
                value: fmt::money(m),
            });
        }
    }
    if let Some(why) = r.not_settled {
        facts.push(Fact {
            label: ctx.t("ui-settle-repayment"),
            value: ctx.t(match why {
                NotSettled::OtherGround => "ui-settle-not-settled-other-ground",
                NotSettled::RepayingPartyEnds => "ui-settle-not-settled-repaying-party-ends",
            }),
        });
    }
    let (section, quote) = clause_quote(a, r.clause.id.as_str()).unwrap_or_default();
    SettlementView {
        facts,
        quote,
        section,
        refund: r.refund.map(fmt::money).unwrap_or_default(),
    }
}

fn settle_error(ctx: &Ctx, e: &SettleError) -> ErrorLink {
    let (field, key) = match e {
        SettleError::NoticeOutsideTerm { .. } => ("date", "ui-error-notice-outside-term"),
        SettleError::GroundNotProvided { .. } => ("ground", "ui-error-ground-not-provided"),
        SettleError::UnknownParty { .. } => ("party", "ui-error-unknown-party"),
        SettleError::IncurredRequired => ("incurred", "ui-error-incurred-required"),
        _ => ("date", "ui-error-settle-failed"),
    };
    ErrorLink {
        field: field.into(),
        message: ctx.t(key),
    }
}

#[derive(Template)]
#[template(path = "notice.html")]
pub(crate) struct NoticePage {
    pub base: Base,
    pub form: RecordForm,
    pub preview: Option<SettlementView>,
    /// The values to confirm, carried in hidden fields.
    pub confirm: Vec<(String, String)>,
    pub calculator: bool,
}

fn notice_fields(ctx: &Ctx, a: &Agreement, with_party: bool) -> Vec<Field> {
    let mut fields = vec![
        Field::new("date", ctx.t("ui-notice-date"), "date").hint(ctx.t("ui-form-date-hint")),
        Field::new("ground", ctx.t("ui-notice-ground"), "radios").options(grounds_of(ctx, a)),
    ];
    if with_party {
        fields.push(
            Field::new("party", ctx.t("ui-notice-party"), "select").options(party_options(a)),
        );
    }
    fields.push(
        Field::new("paid", ctx.t("ui-notice-paid"), "text").hint(ctx.t("ui-notice-paid-hint")),
    );
    fields.push(
        Field::new("incurred", ctx.t("ui-notice-incurred"), "text")
            .hint(ctx.t("ui-notice-incurred-hint")),
    );
    fields
}

struct NoticeValues {
    date: Date,
    ground: Ground,
    party: Option<String>,
    paid: Option<Money>,
    incurred: Option<Money>,
}

fn notice_values(
    ctx: &Ctx,
    values: &HashMap<String, String>,
) -> Result<NoticeValues, Vec<ErrorLink>> {
    let get = |k: &str| values.get(k).map(String::as_str).unwrap_or("").trim();
    let mut errors = Vec::new();
    let date = get("date").parse::<Date>().ok();
    if date.is_none() {
        errors.push(ErrorLink {
            field: "date".into(),
            message: ctx.t(if get("date").is_empty() {
                "ui-error-date-missing"
            } else {
                "ui-error-date-format"
            }),
        });
    }
    let ground = parse_ground(get("ground"));
    if ground.is_none() {
        errors.push(ErrorLink {
            field: "ground".into(),
            message: ctx.t("ui-error-ground-missing"),
        });
    }
    let money = |k: &str, errors: &mut Vec<ErrorLink>| {
        if get(k).is_empty() {
            return None;
        }
        match get(k).parse::<Money>() {
            Ok(m) => Some(m),
            Err(_) => {
                errors.push(ErrorLink {
                    field: k.into(),
                    message: ctx.t("ui-error-amount-format"),
                });
                None
            }
        }
    };
    let paid = money("paid", &mut errors);
    let incurred = money("incurred", &mut errors);
    match (date, ground) {
        (Some(date), Some(ground)) if errors.is_empty() => Ok(NoticeValues {
            date,
            ground,
            party: Some(get("party").to_owned()).filter(|p| !p.is_empty()),
            paid,
            incurred,
        }),
        _ => Err(errors),
    }
}

fn notice_page(
    ctx: &Ctx,
    view: &app::AgreementView,
    values: &HashMap<String, String>,
    errors: Vec<ErrorLink>,
    preview: Option<SettlementView>,
    calculator: bool,
) -> NoticePage {
    let a = &view.agreement;
    let mut fields = notice_fields(ctx, a, !calculator);
    for f in &mut fields {
        f.fill(values);
        f.error = errors
            .iter()
            .find(|e| e.field == f.id)
            .map(|e| e.message.clone());
    }
    let (heading_key, intro_key, action, submit_key) = if calculator {
        (
            "ui-calc-heading",
            "ui-calc-intro",
            format!("/avtal/{}/berakna", a.id),
            "ui-calc-submit",
        )
    } else {
        (
            "ui-notice-heading",
            "ui-notice-intro",
            format!("/avtal/{}/uppsagning", a.id),
            "ui-notice-preview",
        )
    };
    let heading = ctx.t(heading_key);
    let mut base = ctx.base(heading.clone(), "agreements");
    base.errors = !errors.is_empty();
    let confirm = if preview.is_some() && !calculator {
        ["date", "ground", "party", "paid", "incurred"]
            .iter()
            .map(|k| ((*k).to_owned(), values.get(*k).cloned().unwrap_or_default()))
            .collect()
    } else {
        Vec::new()
    };
    NoticePage {
        base: base.clone(),
        form: RecordForm {
            base,
            id: a.id.to_string(),
            agreement_title: a.title.clone(),
            heading,
            intro: ctx.t(intro_key),
            action,
            fields,
            errors,
            submit: ctx.t(submit_key),
            multipart: false,
        },
        preview,
        confirm,
        calculator,
    }
}

pub(crate) async fn notice_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> PageResult {
    let (_, view, _) = load(&state, &ctx, &id, RecordKind::Notice).await?;
    let mut values = HashMap::new();
    values.insert("date".to_owned(), state.today().to_string());
    Ok(render(&notice_page(
        &ctx,
        &view,
        &values,
        Vec::new(),
        None,
        false,
    )))
}

pub(crate) async fn notice_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    axum::Form(values): axum::Form<HashMap<String, String>>,
) -> PageResult {
    let (may, view, _) = load(&state, &ctx, &id, RecordKind::Notice).await?;
    let again = |errors: Vec<ErrorLink>| {
        Ok(render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &notice_page(&ctx, &view, &values, errors, None, false),
        ))
    };
    let n = match notice_values(&ctx, &values) {
        Ok(n) => n,
        Err(errors) => return again(errors),
    };
    let result = settle(
        &view.agreement,
        SettleInput {
            notice_date: n.date,
            by: n.party.as_deref(),
            ground: n.ground,
            paid: n.paid,
            incurred: n.incurred,
        },
    );
    let result = match result {
        Ok(r) => r,
        Err(e) => return again(vec![settle_error(&ctx, &e)]),
    };
    if values.get("step").map(String::as_str) != Some("confirm") {
        let preview = settlement_view(&ctx, &view.agreement, &result);
        return Ok(render(&notice_page(
            &ctx,
            &view,
            &values,
            Vec::new(),
            Some(preview),
            false,
        )));
    }
    let input = app::RecordInput {
        kind: app::RecordKind::Notice,
        date: n.date,
        obligation: None,
        clause: Some(result.clause.id.to_string()),
        state: None,
        amount: None,
        body: None,
        case_number: None,
        paragraph: None,
        outcome: None,
        party: n.party.clone(),
        activity: None,
        counts: Default::default(),
        ground: Some(n.ground),
        paid: n.paid,
        incurred: n.incurred,
        new_end: None,
    };
    match state
        .app
        .add_record(&may, input, &actor(&ctx, &state))
        .await
    {
        Ok(_) => {
            Ok(super::redirect(&format!("/avtal/{id}?sparad=post#uppfoljning")).into_response())
        }
        Err(e) => match app_error_links(&ctx, &e) {
            Some(links) => again(links),
            None => Err(e.into()),
        },
    }
}

/// The settlement calculator: pick a date and a ground, see the result.
pub(crate) async fn calculator(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(values): Query<HashMap<String, String>>,
) -> PageResult {
    let view = super::agreements::see_and_get(&state, &ctx, &id).await?;
    let mut values = values;
    values.remove("lang");
    if !values.contains_key("date") {
        values.insert("date".to_owned(), state.today().to_string());
        return Ok(render(&notice_page(
            &ctx,
            &view,
            &values,
            Vec::new(),
            None,
            true,
        )));
    }
    let n = match notice_values(&ctx, &values) {
        Ok(n) => n,
        Err(errors) => {
            return Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &notice_page(&ctx, &view, &values, errors, None, true),
            ));
        }
    };
    Ok(
        match settle(
            &view.agreement,
            SettleInput {
                notice_date: n.date,
                by: n.party.as_deref(),
                ground: n.ground,
                paid: n.paid,
                incurred: n.incurred,
            },
        ) {
            Ok(r) => {
                let preview = settlement_view(&ctx, &view.agreement, &r);
                render(&notice_page(
                    &ctx,
                    &view,
                    &values,
                    Vec::new(),
                    Some(preview),
                    true,
                ))
            }
            Err(e) => render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &notice_page(
                    &ctx,
                    &view,
                    &values,
                    vec![settle_error(&ctx, &e)],
                    None,
                    true,
                ),
            ),
        },
    )
}
