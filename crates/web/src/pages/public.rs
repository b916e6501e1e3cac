//! Pages for anyone, without signing in: the public register of
//! agreements and the accessibility statement.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use domain::rules::schedule::{ScheduleOptions, schedule};

use super::{Base, Ctx, fmt, problem, render};
use crate::AppState;

pub(crate) struct RegisterEntry {
    pub title: String,
    pub parties: Vec<String>,
    pub period: String,
    pub money: String,
    pub purpose: String,
    pub status: String,
}

#[derive(Template)]
#[template(path = "register.html")]
pub(crate) struct RegisterPage {
    pub base: Base,
    pub entries: Vec<RegisterEntry>,
}

/// Agreements a deciding body has approved (decided or later) are public.
pub(crate) async fn register(State(state): State<AppState>, ctx: Ctx) -> Response {
    let list = match state
        .app
        .list(store::ListFilter {
            limit: 500,
            ..Default::default()
        })
        .await
    {
        Ok(v) => v,
        Err(e) => return problem(&ctx, &e),
    };
    let mut entries = Vec::new();
    for s in list.into_iter().filter(|s| s.status != "draft") {
        let Ok(view) = state.app.get(&s.id).await else {
            continue;
        };
        let a = &view.agreement;
        let money = schedule(a, ScheduleOptions::default())
            .map(|s| fmt::money(s.total))
            .unwrap_or_default();
        entries.push(RegisterEntry {
            title: a.title.clone(),
            parties: a
                .parties
                .iter()
                .map(|p| match &p.org_number {
                    Some(n) => format!("{} ({n})", p.name),
                    None => p.name.clone(),
                })
                .collect(),
            period: a
                .term
                .as_ref()
                .map(|t| {
                    format!(
                        "{} – {}",
                        fmt::date_prose(ctx.lang, t.start),
                        fmt::date_prose(ctx.lang, t.end)
                    )
                })
                .unwrap_or_default(),
            money,
            purpose: a.purposes.first().cloned().unwrap_or_default(),
            status: fmt::status(ctx.lang, &s.status),
        });
    }
    let page = RegisterPage {
        base: ctx.base(ctx.t("ui-register-title"), "register"),
        entries,
    };
    render(&page)
}

#[derive(Template)]
#[template(path = "accessibility.html")]
pub(crate) struct AccessibilityPage {
    pub base: Base,
}

pub(crate) async fn accessibility(ctx: Ctx) -> Response {
    let page = AccessibilityPage {
        base: ctx.base(ctx.t("ui-a11y-title"), ""),
    };
    render(&page)
}
