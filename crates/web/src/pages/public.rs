//! Pages for anyone, without signing in: the public register of
//! agreements and the accessibility statement.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::{Base, Ctx, PageResult, fmt, render};
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

/// The public register: agreements a party has published, once decided.
/// Only what anyone may see comes from the application (no contact persons,
/// no drafts).
pub(crate) async fn register(State(state): State<AppState>, ctx: Ctx) -> PageResult {
    let list = state.app.register("", 200).await?;
    let entries = list
        .into_iter()
        .map(|e| {
            let money = register_money(&ctx, &e);
            RegisterEntry {
                title: e.title,
                parties: e
                    .parties
                    .iter()
                    .map(|p| match &p.org_number {
                        Some(n) => format!("{} ({n})", p.name),
                        None => p.name.clone(),
                    })
                    .collect(),
                period: match (e.term_start, e.term_end) {
                    (Some(start), Some(end)) => format!(
                        "{} – {}",
                        fmt::date_prose(ctx.lang, start),
                        fmt::date_prose(ctx.lang, end)
                    ),
                    _ => String::new(),
                },
                money,
                purpose: e.purposes.first().cloned().unwrap_or_default(),
                status: fmt::status(ctx.lang, &e.status),
            }
        })
        .collect();
    let page = RegisterPage {
        base: ctx.base(ctx.t("ui-register-title"), "register"),
        entries,
    };
    Ok(render(&page))
}

/// The money over the whole term, or why there is no figure: an agreement
/// that states no amount is never shown as 0 kr.
fn register_money(ctx: &Ctx, e: &app::PublicEntry) -> String {
    let mut stated = e
        .money
        .iter()
        .flat_map(|m| [m.cash, m.in_kind])
        .flatten()
        .peekable();
    if stated.peek().is_none() {
        return ctx.t(if e.money_in_appendices {
            "ui-money-in-appendices"
        } else {
            "ui-money-not-stated"
        });
    }
    stated
        .try_fold(domain::value::Money::ZERO, |sum, m| sum.checked_add(m))
        .map(fmt::money)
        .unwrap_or_else(|| ctx.t("ui-money-missing"))
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
