//! Term, extension, payment plan, due rules and cadences (check 5 and the
//! well-formedness of dated clauses).

use crate::Agreement;
use crate::diagnostic::{Diagnostic, FieldPath};
use crate::model::{Cadence, DueRule, Financing, Term};
use crate::path;
use crate::value::Date;

pub(super) fn check(a: &Agreement, out: &mut Vec<Diagnostic>) {
    match &a.term {
        Some(term) => term_order(term, &path!["term"], out),
        None => out.push(Diagnostic::error("term-missing").at(path!["term"])),
    }
    if let Some(ext) = &a.extension
        && ext.bound().is_none()
    {
        out.push(Diagnostic::warning("extension-unbounded").at(path!["extension"]));
    }
    for (i, appendix) in a.appendices.iter().enumerate() {
        if let Some(period) = &appendix.period {
            term_order(period, &path!["appendices", i, "period"], out);
        }
        if let Some(f) = &appendix.financing {
            payment_plan(f, &path!["appendices", i, "financing"], out);
        }
        for (j, duty) in appendix.reporting.iter().enumerate() {
            due_rule(
                &duty.due,
                &path!["appendices", i, "reporting", j, "due"],
                out,
            );
        }
    }
    if let Some(f) = &a.financing {
        payment_plan(f, &path!["financing"], out);
    }
    for (i, duty) in a.reporting.iter().enumerate() {
        due_rule(&duty.due, &path!["reporting", i, "due"], out);
    }
    for (i, body) in a.governance.iter().enumerate() {
        cadence(&body.cadence, &path!["governance", i, "cadence"], out);
        if let Some(r) = &body.reports_to {
            cadence(
                &r.cadence,
                &path!["governance", i, "reports_to", "cadence"],
                out,
            );
        }
    }
}

fn term_order(term: &Term, at: &FieldPath, out: &mut Vec<Diagnostic>) {
    if term.end < term.start {
        out.push(
            Diagnostic::error("term-order")
                .arg("start", term.start)
                .arg("end", term.end)
                .at(at.key("end")),
        );
    }
}

/// A month and day that exist in every year (29 February does not).
fn month_day_ok(month: u8, day: u8) -> bool {
    let (Ok(m), Ok(d)) = (i8::try_from(month), i8::try_from(day)) else {
        return false;
    };
    Date::from_ymd(2001, m, d).is_some()
}

fn payment_plan(f: &Financing, at: &FieldPath, out: &mut Vec<Diagnostic>) {
    let Some(plan) = &f.payment else { return };
    let detail = if ![1, 2, 3, 4, 6, 12].contains(&plan.per_year) {
        Some(format!("per_year = {} (1, 2, 3, 4, 6, 12)", plan.per_year))
    } else if !month_day_ok(plan.first_month, plan.day.min(28)) || plan.day == 0 || plan.day > 28 {
        Some(format!(
            "first_month = {}, day = {} (day 1–28)",
            plan.first_month, plan.day
        ))
    } else {
        None
    };
    if let Some(detail) = detail {
        out.push(
            Diagnostic::error("payment-plan-invalid")
                .arg("detail", detail)
                .at(at.key("payment")),
        );
    }
}

fn due_rule(due: &DueRule, at: &FieldPath, out: &mut Vec<Diagnostic>) {
    let detail = match due {
        DueRule::Yearly {
            month,
            day,
            year_offset,
        } if !month_day_ok(*month, *day) || *year_offset > 5 => Some(format!(
            "month = {month}, day = {day}, year_offset = {year_offset}"
        )),
        DueRule::ByEndOfMonth { year, month } if !(1..=12).contains(month) => {
            Some(format!("year = {year}, month = {month}"))
        }
        DueRule::TimesPerYear { times } | DueRule::TimesPerTwelveMonths { times }
            if *times == 0 || *times > 366 =>
        {
            Some(format!("times = {times}"))
        }
        _ => None,
    };
    if let Some(detail) = detail {
        out.push(
            Diagnostic::error("due-invalid")
                .arg("detail", detail)
                .at(at.clone()),
        );
    }
}

fn cadence(c: &Cadence, at: &FieldPath, out: &mut Vec<Diagnostic>) {
    let detail = match c {
        Cadence::PerYear { times } | Cadence::PerTwelveMonths { times }
            if *times == 0 || *times > 366 =>
        {
            Some(format!("times = {times}"))
        }
        Cadence::Interval {
            min_weeks,
            max_weeks,
        } if *max_weeks == 0 || min_weeks > max_weeks || *max_weeks > 104 => {
            Some(format!("min_weeks = {min_weeks}, max_weeks = {max_weeks}"))
        }
        _ => None,
    };
    if let Some(detail) = detail {
        out.push(
            Diagnostic::error("cadence-invalid")
                .arg("detail", detail)
                .at(at.clone()),
        );
    }
}
