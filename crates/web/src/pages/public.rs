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
    let at_most = e.money.iter().any(|m| m.cash_at_most);
    stated
        .try_fold(domain::value::Money::ZERO, |sum, m| sum.checked_add(m))
        .map(|m| locale::present::money_at_most(ctx.lang, m, at_most))
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

#[cfg(test)]
mod tests {
    use super::*;
    use domain::value::Money;

    /// A register entry whose cash is a ceiling: 1 150 000 kr a year for
    /// two years and 200 000 kr in kind a year sum to at most 2 700 000 kr.
    #[test]
    fn the_register_sums_a_ceiling_as_at_most() {
        let ctx = Ctx {
            lang: locale::Lang::Sv,
            path: String::new(),
            caller: app::Caller::anonymous(),
            csrf: String::new(),
        };
        let year = |year, cash_at_most| app::PublicMoney {
            year,
            party: "Kommunen".into(),
            cash: Some(Money::from_kronor(1_150_000).unwrap()),
            in_kind: Some(Money::from_kronor(200_000).unwrap()),
            cash_at_most,
        };
        let mut e = app::PublicEntry {
            id: "natt".into(),
            title: "Natthärbärge".into(),
            parties: Vec::new(),
            term_start: None,
            term_end: None,
            status: "active".into(),
            purposes: Vec::new(),
            money: vec![year(2027, true), year(2028, true)],
            money_in_appendices: false,
        };
        assert_eq!(register_money(&ctx, &e), "högst 2 700 000 kr");
        e.money = vec![year(2027, false), year(2028, false)];
        assert_eq!(register_money(&ctx, &e), "2 700 000 kr");
    }
}
