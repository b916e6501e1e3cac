//! The pages of e-mail reminders: one's own settings and address
//! (`/konto/paminnelser`), the one-click unsubscribe a mail links to
//! (`/paminnelser/avsluta/{secret}`, RFC 8058) and the outbox for
//! administrators (`/admin/paminnelser`).

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::records::{ErrorLink, Field};
use super::{Base, Ctx, MessagePage, PageResult, render, render_status};
use crate::AppState;

/// The form's fields and what is wrong with them (the error summary and
/// the fields partials read `form`).
pub(crate) struct SettingsForm {
    pub fields: Vec<Field>,
    pub errors: Vec<ErrorLink>,
}

#[derive(Template)]
#[template(path = "notifications.html")]
pub(crate) struct SettingsPage {
    pub base: Base,
    pub form: SettingsForm,
    /// The role's defaults apply (the user chose nothing yet).
    pub defaults: bool,
    pub saved: bool,
}

const CLASSES: [(app::DutyClass, &str); 5] = [
    (app::DutyClass::Decision, "decision"),
    (app::DutyClass::Report, "report"),
    (app::DutyClass::Invoice, "invoice"),
    (app::DutyClass::Meeting, "meeting"),
    (app::DutyClass::TermEnd, "term-end"),
];

fn checkbox(ctx: &Ctx, id: &str, legend: &str, option: &str, on: bool) -> Field {
    let mut f = Field::new_pub(id, ctx.t(legend), "checkboxes");
    f.set_options(vec![("on".into(), ctx.t(option), on)]);
    f
}

/// What the person chose (or had), as the form's fields.
struct Chosen {
    email: String,
    off: bool,
    classes: Vec<String>,
    own_only: bool,
    drafts: bool,
    leads: String,
    delivery: String,
    weekday: String,
    lang: String,
}

impl Chosen {
    fn of(view: &app::NotificationsView) -> Chosen {
        let s = &view.notifications.settings;
        let (delivery, weekday) = match s.delivery {
            app::Delivery::Individual => ("individual", 1),
            app::Delivery::Daily => ("daily", 1),
            app::Delivery::Weekly { weekday } => ("weekly", weekday),
        };
        Chosen {
            email: view.email.clone().unwrap_or_default(),
            off: view.notifications.off,
            classes: CLASSES
                .iter()
                .filter(|(c, _)| s.classes.contains(c))
                .map(|(_, v)| (*v).to_owned())
                .collect(),
            own_only: s.own_only,
            drafts: s.drafts,
            leads: s
                .leads
                .iter()
                .map(i16::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            delivery: delivery.to_owned(),
            weekday: weekday.to_string(),
            lang: match s.lang {
                app::MailLang::Sv => "sv",
                app::MailLang::En => "en",
            }
            .to_owned(),
        }
    }

    fn from_form(pairs: &[(String, String)]) -> Chosen {
        let one = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        Chosen {
            email: one("email"),
            off: !one("off").is_empty(),
            classes: pairs
                .iter()
                .filter(|(k, _)| k == "classes")
                .map(|(_, v)| v.clone())
                .collect(),
            own_only: !one("own_only").is_empty(),
            drafts: !one("drafts").is_empty(),
            leads: one("leads"),
            delivery: one("delivery"),
            weekday: one("weekday"),
            lang: one("lang"),
        }
    }

    /// The settings this stands for; `None` when the lead times are not
    /// whole numbers.
    fn notifications(&self) -> Option<app::Notifications> {
        let leads = self
            .leads
            .split([',', ' ', ';'])
            .filter(|t| !t.is_empty())
            .map(|t| t.replace('−', "-").parse::<i16>().ok())
            .collect::<Option<Vec<i16>>>()?;
        let weekday = self.weekday.parse::<i8>().unwrap_or(1);
        Some(app::Notifications {
            off: self.off,
            settings: app::Settings {
                classes: CLASSES
                    .iter()
                    .filter(|(_, v)| self.classes.iter().any(|c| c == v))
                    .map(|(c, _)| *c)
                    .collect(),
                own_only: self.own_only,
                leads,
                delivery: match self.delivery.as_str() {
                    "daily" => app::Delivery::Daily,
                    "weekly" => app::Delivery::Weekly { weekday },
                    _ => app::Delivery::Individual,
                },
                lang: if self.lang == "en" {
                    app::MailLang::En
                } else {
                    app::MailLang::Sv
                },
                drafts: self.drafts,
            },
        })
    }

    fn fields(&self, ctx: &Ctx) -> Vec<Field> {
        let mut email = Field::new_pub("email", ctx.t("ui-reminders-email"), "text")
            .hint_pub(ctx.t("ui-reminders-email-hint"));
        email.value = self.email.clone();
        let off = checkbox(
            ctx,
            "off",
            "ui-reminders-off-legend",
            "ui-reminders-off-option",
            self.off,
        );
        let mut classes = Field::new_pub("classes", ctx.t("ui-reminders-classes"), "checkboxes");
        classes.set_options(
            CLASSES
                .iter()
                .map(|(_, v)| {
                    let on = self.classes.iter().any(|c| c == v);
                    (
                        (*v).to_owned(),
                        ctx.t(&format!("ui-reminders-class-{v}")),
                        on,
                    )
                })
                .collect(),
        );
        let own = checkbox(
            ctx,
            "own_only",
            "ui-reminders-own-legend",
            "ui-reminders-own-option",
            self.own_only,
        );
        let drafts = checkbox(
            ctx,
            "drafts",
            "ui-reminders-drafts-legend",
            "ui-reminders-drafts-option",
            self.drafts,
        );
        let mut leads = Field::new_pub("leads", ctx.t("ui-reminders-leads"), "text")
            .hint_pub(ctx.t("ui-reminders-leads-hint"));
        leads.value = self.leads.clone();
        let pick = |id: &str, input, options: Vec<(String, String)>, value: &str| {
            let mut f = Field::new_pub(id, ctx.t(&format!("ui-reminders-{id}")), input);
            f.value = value.to_owned();
            f.set_options(
                options
                    .into_iter()
                    .map(|(v, l)| {
                        let on = v == value;
                        (v, l, on)
                    })
                    .collect(),
            );
            f
        };
        let named = |prefix: &str, values: &[&str]| {
            values
                .iter()
                .map(|v| ((*v).to_owned(), ctx.t(&format!("{prefix}{v}"))))
                .collect::<Vec<_>>()
        };
        let delivery = named("ui-reminders-delivery-", &["individual", "daily", "weekly"]);
        let days = named("ui-weekday-", &["1", "2", "3", "4", "5", "6", "7"]);
        let langs = named("ui-reminders-lang-", &["sv", "en"]);
        vec![
            email,
            off,
            classes,
            own,
            drafts,
            leads,
            pick("delivery", "radios", delivery, &self.delivery),
            pick("weekday", "select", days, &self.weekday)
                .hint_pub(ctx.t("ui-reminders-weekday-hint")),
            pick("lang", "radios", langs, &self.lang),
        ]
    }
}

fn settings_page(ctx: &Ctx, chosen: &Chosen, defaults: bool) -> SettingsPage {
    SettingsPage {
        base: ctx.base(ctx.t("ui-reminders-title"), "account"),
        form: SettingsForm {
            fields: chosen.fields(ctx),
            errors: Vec::new(),
        },
        defaults,
        saved: false,
    }
}

#[derive(Debug, Default, serde::Deserialize)]
pub(crate) struct SavedQuery {
    sparad: Option<String>,
}

pub(crate) async fn settings(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<SavedQuery>,
) -> PageResult {
    let me = ctx.caller.read_own_account()?;
    let view = state.app.own_notifications(&me).await?;
    let mut page = settings_page(&ctx, &Chosen::of(&view), !view.custom);
    page.saved = q.sparad.is_some();
    Ok(render(&page))
}

/// The form again with what to correct, the error at its field.
fn refused(ctx: &Ctx, chosen: &Chosen, field: &str, message: String) -> Response {
    let mut page = settings_page(ctx, chosen, false);
    page.base.errors = true;
    for f in &mut page.form.fields {
        if f.id == field {
            f.error = Some(message.clone());
        }
    }
    page.form.errors.push(ErrorLink {
        field: field.to_owned(),
        message,
    });
    render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

pub(crate) async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> PageResult {
    let me = ctx.caller.own_account()?;
    let chosen = Chosen::from_form(&pairs);
    let email = chosen.email.trim();
    if !email.is_empty()
        && let Err(app::AppError::Field { message, .. }) = app::check_email(email)
    {
        return Ok(refused(&ctx, &chosen, "email", message.text(ctx.lang)));
    }
    let Some(notifications) = chosen.notifications() else {
        let message = ctx.t("ui-reminders-leads-invalid");
        return Ok(refused(&ctx, &chosen, "leads", message));
    };
    let now = state.now();
    match state
        .app
        .set_own_notifications(&me, notifications, now)
        .await
    {
        Ok(_) => {}
        Err(app::AppError::Field { field, message }) => {
            let field = if field == "weekday" {
                "weekday"
            } else {
                "leads"
            };
            return Ok(refused(&ctx, &chosen, field, message.text(ctx.lang)));
        }
        Err(e) => return Err(e.into()),
    }
    let current = state.app.own_notifications(&me).await?;
    if current.email.as_deref().unwrap_or_default() != email {
        state
            .app
            .set_own_email(&me, Some(email), state.now())
            .await?;
    }
    Ok(super::redirect("/konto/paminnelser?sparad=1").into_response())
}

#[derive(Template)]
#[template(path = "unsubscribe.html")]
pub(crate) struct UnsubscribePage {
    pub base: Base,
    pub secret: String,
}

/// The answer to an address that is no unsubscribe secret: the same for
/// a malformed and an unknown one.
fn no_secret(ctx: &Ctx) -> Response {
    super::problem(ctx, &app::AppError::NotFound)
}

/// The page a mail's "stop all reminders" link opens: a button that asks
/// for it. A GET changes nothing (mail scanners follow links).
pub(crate) async fn unsubscribe_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(secret): Path<String>,
) -> PageResult {
    if !state.app.unsubscribe_known(&secret).await? {
        return Ok(no_secret(&ctx));
    }
    Ok(render(&UnsubscribePage {
        base: ctx.base(ctx.t("ui-unsubscribe-title"), ""),
        secret,
    }))
}

/// Whether a POST body is RFC 8058's `List-Unsubscribe=One-Click`, as a
/// URL-encoded form or a multipart one.
fn one_click(body: &[u8]) -> bool {
    let form = serde_urlencoded::from_bytes::<Vec<(String, String)>>(body).is_ok_and(|pairs| {
        pairs
            .iter()
            .any(|(k, v)| k == "List-Unsubscribe" && v == "One-Click")
    });
    let text = String::from_utf8_lossy(body);
    form || (text.contains("name=\"List-Unsubscribe\"") && text.contains("One-Click"))
}

/// One-click unsubscribe: no sign-in and no CSRF token (the secret is the
/// credential, and a mail program posts without a session).
pub(crate) async fn unsubscribe(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(secret): Path<String>,
    body: Bytes,
) -> PageResult {
    if !one_click(&body) {
        return Ok(super::bad_request(&ctx));
    }
    if !state.app.unsubscribe(&secret, state.now()).await? {
        return Ok(no_secret(&ctx));
    }
    Ok(render(&MessagePage {
        base: ctx.base(ctx.t("ui-unsubscribe-done-title"), ""),
        heading: ctx.t("ui-unsubscribe-done-title"),
        body: ctx.t("ui-unsubscribe-done-body"),
    }))
}

/// One reminder in the outbox, as the administrators' page lists it.
pub(crate) struct OutboxRow {
    pub address: String,
    pub subject: String,
    pub due: String,
    pub attempts: i64,
    /// When it was sent, or when it is tried next.
    pub when: String,
    pub error: String,
}

/// One state's reminders.
pub(crate) struct OutboxGroup {
    pub id: &'static str,
    pub heading: String,
    pub rows: Vec<OutboxRow>,
}

#[derive(Template)]
#[template(path = "outbox.html")]
pub(crate) struct OutboxPage {
    pub base: Base,
    pub groups: Vec<OutboxGroup>,
}

/// The outbox for administrators: pending, failed (with why and how many
/// attempts), sent and cancelled reminders.
pub(crate) async fn outbox(State(state): State<AppState>, ctx: Ctx) -> PageResult {
    let admin = ctx.caller.read_administration()?;
    let rows = state.app.outbox(&admin).await?;
    let groups = [
        ("pending", &["planned", "sending"][..]),
        ("failed", &["failed"][..]),
        ("sent", &["sent"][..]),
        ("cancelled", &["cancelled"][..]),
    ]
    .into_iter()
    .map(|(id, states)| OutboxGroup {
        id,
        heading: ctx.t(&format!("ui-outbox-{id}")),
        rows: rows
            .iter()
            .filter(|r| states.contains(&r.state.as_str()))
            .map(|r| OutboxRow {
                address: r.address.clone(),
                subject: r.subject.clone(),
                due: super::fmt::prose(ctx.lang, &r.due),
                attempts: r.attempts,
                when: r
                    .sent_at
                    .clone()
                    .unwrap_or_else(|| r.next_attempt_at.clone()),
                error: r.last_error.clone().unwrap_or_default(),
            })
            .collect(),
    })
    .collect();
    Ok(render(&OutboxPage {
        base: ctx.base(ctx.t("ui-outbox-title"), "outbox"),
        groups,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_click_is_the_rfc_body_only() {
        assert!(one_click(b"List-Unsubscribe=One-Click"));
        assert!(one_click(
            b"--x\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--x--"
        ));
        assert!(!one_click(b""));
        assert!(!one_click(b"List-Unsubscribe=No"));
    }

    #[test]
    fn lead_times_are_whole_days() {
        let mut c = Chosen::from_form(&[("leads".into(), "−30, -7,0 1".into())]);
        let leads = c.notifications().map(|n| n.settings.leads);
        assert_eq!(leads, Some(vec![-30, -7, 0, 1]));
        c.leads = "-30, a week".into();
        assert!(c.notifications().is_none());
    }
}
