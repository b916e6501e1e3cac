//! The start page: what needs attention now, and the money per year.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::State;

use locale::{Lang, present};

use super::{Base, Ctx, PageResult, fmt, render};
use crate::AppState;

/// Days ahead the start page looks for duties.
const DUE_DAYS: i64 = 90;
/// Months ahead the start page looks for agreements ending.
const ENDING_MONTHS: i64 = 12;

pub(crate) struct DutyRow {
    pub agreement: String,
    pub agreement_title: String,
    pub due_iso: String,
    pub kind: String,
    pub title: String,
    pub state_key: &'static str,
    pub state: String,
}

fn duty_rows(ctx: &Ctx, list: Vec<app::ObligationView>) -> Vec<DutyRow> {
    list.into_iter()
        .map(|o| {
            let (state_key, state) = fmt::state(ctx.lang, o.state);
            let (kind, title) = fmt::obligation_lead(ctx.lang, &o.kind, &o.title);
            DutyRow {
                kind,
                agreement: o.agreement,
                agreement_title: o.agreement_title,
                due_iso: o.due,
                title,
                state_key,
                state,
            }
        })
        .collect()
}

pub(crate) struct EndingRow {
    pub id: String,
    pub title: String,
    pub end_iso: String,
    pub end_prose: String,
    /// "Beslut om förlängning senast …", when the agreement can be extended.
    pub extension: Option<String>,
}

pub(crate) struct MoneyYear {
    pub year: i64,
    pub cash: String,
    pub in_kind: String,
    pub total: String,
    /// Bar geometry in the chart's own units (0–200 high).
    pub x: i64,
    pub cash_y: i64,
    pub cash_h: i64,
    pub kind_y: i64,
    pub kind_h: i64,
    pub label_x: i64,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
pub(crate) struct Dashboard {
    pub base: Base,
    pub today: String,
    pub overdue: Vec<DutyRow>,
    pub due: Vec<DutyRow>,
    pub ending: Vec<EndingRow>,
    /// Decisions on extension due within a year.
    pub extension_decisions: Vec<DutyRow>,
    pub money: Vec<MoneyYear>,
    pub chart_width: i64,
    pub chart_desc: String,
    pub max_label: String,
}

pub(crate) async fn dashboard(State(state): State<AppState>, ctx: Ctx) -> PageResult {
    let today = state.today();
    let app = &state.app;
    // The start page is for someone signed in: anyone else goes to sign in.
    let scope = ctx.caller.portfolio()?;
    let overdue = app.overdue_reports(&scope, today, 100).await?;
    let due = app.due_within(&scope, today, DUE_DAYS, None, 200).await?;
    let ending = app.ending_within(&scope, today, ENDING_MONTHS).await?;
    let extension_decisions: Vec<_> = app
        .due_within(&scope, today, 366, None, 1000)
        .await?
        .into_iter()
        .filter(|o| o.kind == "extension-decision")
        .collect();
    let year = i64::from(today.year());
    let money = app.money_per_year(&scope, year - 4, year + 4).await?;

    let mut ending_rows = Vec::new();
    for s in ending {
        let end = s.term_end.clone().unwrap_or_default();
        let extension = match super::agreements::see_and_get(&state, &ctx, &s.id).await {
            Ok(v) => extension_deadline(&ctx, &v.agreement, &end),
            Err(_) => None,
        };
        ending_rows.push(EndingRow {
            end_prose: fmt::prose(ctx.lang, &end),
            end_iso: end,
            id: s.id,
            title: s.title,
            extension,
        });
    }

    // Sum per year across parties: cash, its ceilings and in kind.
    let mut years: BTreeMap<i64, YearSums> = BTreeMap::new();
    for row in money {
        let entry = years.entry(row.year).or_default();
        entry.cash = entry.cash.saturating_add(row.cash_ore.unwrap_or(0));
        entry.ceiling = entry
            .ceiling
            .saturating_add(row.cash_ceiling_ore.unwrap_or(0));
        entry.in_kind = entry.in_kind.saturating_add(row.in_kind_ore.unwrap_or(0));
    }
    let chart = money_chart(ctx.lang, &years);
    let page = Dashboard {
        base: ctx.base(ctx.t("ui-dashboard-title"), "home"),
        today: fmt::date_prose(ctx.lang, today),
        overdue: duty_rows(&ctx, overdue),
        due: duty_rows(&ctx, due),
        ending: ending_rows,
        extension_decisions: duty_rows(&ctx, extension_decisions),
        chart_width: 80 + i64::try_from(chart.bars.len()).unwrap_or(0) * SLOT,
        chart_desc: chart
            .bars
            .iter()
            .map(|m| format!("{}: {}", m.year, m.total))
            .collect::<Vec<_>>()
            .join("; "),
        money: chart.bars,
        max_label: fmt::ore(chart.max),
    };
    Ok(render(&page))
}

/// "Beslut om förlängning senast …" for an agreement ending on `end`
/// whose extension clause states the lead time: the day its duty falls due
/// (moved to a working day), as on its page and in its documents.
fn extension_deadline(ctx: &Ctx, a: &domain::Agreement, end: &str) -> Option<String> {
    let end: domain::value::Date = end.parse().ok()?;
    let deadline = domain::rules::obligations::extension_deadline(a, end)?;
    if deadline.reading {
        return None;
    }
    Some(ctx.ta(
        "ui-extension-decision-by",
        &[("date", &fmt::date_prose(ctx.lang, deadline.due))],
    ))
}

/// Width of one year's bar slot in the chart.
const SLOT: i64 = 70;

/// The chart's bars, and the largest year's sum they are scaled to.
struct MoneyChart {
    bars: Vec<MoneyYear>,
    max: i64,
}

/// Bars for (cash, in kind) per year, in öre.
/// One year's money across the portfolio, in öre.
#[derive(Debug, Clone, Copy, Default)]
struct YearSums {
    /// Public cash, ceilings included at their maximum.
    cash: i64,
    /// The part of `cash` that is a ceiling ("högst").
    ceiling: i64,
    in_kind: i64,
}

fn money_chart(lang: Lang, years: &BTreeMap<i64, YearSums>) -> MoneyChart {
    const HEIGHT: i64 = 200;
    const TOP: i64 = 10;
    let max = years
        .values()
        .map(|y| y.cash.saturating_add(y.in_kind))
        .max()
        .unwrap_or(0)
        .max(1);
    // A sum with a ceiling in it is the most that can be paid: "högst".
    let shown = |ore: i64, at_most: bool| {
        present::money_at_most(lang, domain::value::Money::from_ore(ore), at_most)
    };
    let bars = years
        .iter()
        .enumerate()
        .map(|(i, (year, y))| {
            let (cash, kind, at_most) = (&y.cash, &y.in_kind, y.ceiling > 0);
            let i = i64::try_from(i).unwrap_or(0);
            let cash_h = cash.saturating_mul(HEIGHT) / max;
            let kind_h = kind.saturating_mul(HEIGHT) / max;
            let x = 60 + i * SLOT;
            MoneyYear {
                year: *year,
                cash: shown(*cash, at_most),
                in_kind: fmt::ore(*kind),
                total: shown(cash.saturating_add(*kind), at_most),
                x,
                cash_y: TOP + HEIGHT - cash_h,
                cash_h,
                kind_y: TOP + HEIGHT - cash_h - kind_h,
                kind_h,
                label_x: x + 20,
            }
        })
        .collect();
    MoneyChart { bars, max }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A year whose cash is a ceiling (the night shelter: at most
    /// 1 150 000 kr) shows "högst" on its cash and its total; a year of
    /// firm money (600 000 kr cash, 556 000 kr in kind) shows bare figures.
    #[test]
    fn a_year_with_a_ceiling_is_shown_as_at_most() {
        let years = BTreeMap::from([
            (
                2025,
                YearSums {
                    cash: 115_000_000,
                    ceiling: 115_000_000,
                    in_kind: 0,
                },
            ),
            (
                2026,
                YearSums {
                    cash: 60_000_000,
                    ceiling: 0,
                    in_kind: 55_600_000,
                },
            ),
        ]);
        let chart = money_chart(Lang::Sv, &years);
        let shown: Vec<(&str, &str)> = chart
            .bars
            .iter()
            .map(|b| (b.cash.as_str(), b.total.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("högst 1 150 000 kr", "högst 1 150 000 kr"),
                ("600 000 kr", "1 156 000 kr"),
            ]
        );
    }
}
