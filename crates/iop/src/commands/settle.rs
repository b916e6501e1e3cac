//! `iop settle FILE --notice-date DATE`: what ending early means.

use std::fmt::Write as _;

use domain::model::Ground;
use domain::rules::settle::{
    NotSettled, PaidSource, SettleError, SettleInput, SettlementResult, settle,
};
use locale::Lang;
use locale::present::{date_prose, money};

use super::schedule::error_text;
use super::{Failure, emit, ground_word, load, one_line, t};
use crate::cli::{Format, SettleArgs};

pub fn run(args: &SettleArgs, lang: Lang) -> Result<(), Failure> {
    let (path, a) = load(&args.file, lang)?;
    let (ground, defaulted) = match args.ground {
        Some(g) => (Ground::from(g), false),
        None => match a.termination.first().and_then(|c| c.grounds.first()) {
            Some(g) => (*g, true),
            None => {
                return Err(Failure::new(
                    1,
                    t(lang, "error-no-termination", &[("path", &path)]),
                ));
            }
        },
    };
    let input = SettleInput {
        notice_date: args.notice_date,
        by: args.by.as_deref(),
        ground,
        paid: args.paid,
        incurred: args.incurred,
    };
    let result = settle(&a, input).map_err(|e| Failure::new(1, error(&e, &path, lang)))?;
    match args.format {
        Format::Json => emit(&format!("{}\n", to_json(&result)))?,
        Format::Text => {
            if defaulted {
                emit(&format!(
                    "{}\n",
                    t(
                        lang,
                        "settle-ground-default",
                        &[("ground", &ground_word(ground, lang))]
                    )
                ))?;
            }
            // The clause's own word for leaving: an utträde is not an uppsägning.
            let word = a
                .termination
                .iter()
                .find(|c| c.id == *result.clause.id)
                .map(domain::model::TerminationClause::word);
            // Whom the clause names as the one who may have to repay.
            let repaying = result
                .repaying_party
                .and_then(|id| a.parties.iter().find(|p| p.id == *id))
                .map(|p| p.name.as_str());
            emit(&text(&result, args.notice_date, (word, repaying), lang))?;
        }
    }
    Ok(())
}

fn error(e: &SettleError, path: &str, lang: Lang) -> String {
    match e {
        SettleError::NoTerm => t(lang, "error-no-term", &[("path", path)]),
        SettleError::NoTermination => t(lang, "error-no-termination", &[("path", path)]),
        SettleError::GroundNotProvided { ground, available } => {
            let available: Vec<String> = available.iter().map(|g| ground_word(*g, lang)).collect();
            t(
                lang,
                "error-ground-not-provided",
                &[
                    ("path", path),
                    ("ground", &ground_word(*ground, lang)),
                    ("available", &available.join(", ")),
                ],
            )
        }
        SettleError::NoticeOutsideTerm { notice, start, end } => t(
            lang,
            "error-notice-outside-term",
            &[
                ("path", path),
                ("notice", &notice.to_string()),
                ("start", &start.to_string()),
                ("end", &end.to_string()),
            ],
        ),
        SettleError::UnknownParty { by, known } => t(
            lang,
            "error-unknown-party",
            &[("path", path), ("by", by), ("known", &known.join(", "))],
        ),
        SettleError::IncurredRequired => t(lang, "error-incurred-required", &[("path", path)]),
        SettleError::Schedule(e) => error_text(e, path, lang),
        SettleError::Overflow => t(lang, "error-overflow", &[("path", path)]),
    }
}

/// `{"effective_end","clause","paid","kept","refund","max_claim",…}`; what
/// does not apply is null; amounts as kronor with two decimals.
fn to_json(r: &SettlementResult<'_>) -> serde_json::Value {
    serde_json::to_value(r).unwrap_or(serde_json::Value::Null)
}

fn text(
    r: &SettlementResult<'_>,
    notice: domain::value::Date,
    (word, repaying): (Option<domain::model::ExitWord>, Option<&str>),
    lang: Lang,
) -> String {
    let mut out = String::new();
    let quote = one_line(r.clause.quote);
    let _ = writeln!(
        out,
        "{}",
        t(
            lang,
            "settle-clause",
            &[("section", r.clause.section), ("id", r.clause.id.as_str())]
        )
    );
    let _ = writeln!(out, "  \"{quote}\"\n");
    let rows: Vec<(String, String)> = [
        // A hävning takes effect the day it is given: it is no notice; an
        // utträde is worded as the clause words it.
        Some((
            if r.effective_end == notice {
                "settle-rescission"
            } else if word == Some(domain::model::ExitWord::Withdrawal) {
                "settle-withdrawal"
            } else {
                "settle-notice"
            },
            date_prose(lang, notice),
        )),
        Some(("settle-effective", date_prose(lang, r.effective_end))),
        Some((
            "settle-paid",
            format!(
                "{} ({})",
                money(r.paid),
                t(
                    lang,
                    if r.paid_source == PaidSource::Recorded {
                        "settle-paid-recorded"
                    } else {
                        "settle-paid-plan"
                    },
                    &[]
                )
            ),
        )),
        r.kept.map(|m| ("settle-kept", money(m))),
        r.refund.map(|m| ("settle-refund", money(m))),
        r.still_to_pay.map(|m| ("settle-still-to-pay", money(m))),
        repaying
            .filter(|_| r.max_claim.is_some())
            .map(|name| ("settle-repaying-party", name.to_owned())),
        r.max_claim.map(|m| ("settle-max-claim", money(m))),
        r.proposal.map(|m| ("settle-proposal", money(m))),
    ]
    .into_iter()
    .flatten()
    .map(|(key, value)| (t(lang, key, &[]), value))
    .collect();
    let width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0)
        + 1;
    for (key, value) in rows {
        let _ = writeln!(out, "{:<width$} {value}", format!("{key}:"));
    }
    if let Some(why) = r.not_settled {
        let key = match why {
            NotSettled::OtherGround => "settle-not-settled-other-ground",
            NotSettled::RepayingPartyEnds => "settle-not-settled-repaying-party-ends",
        };
        let _ = writeln!(out, "{}", t(lang, key, &[]));
    }
    if r.max_claim.is_some() && r.proposal.is_none() {
        let _ = writeln!(out, "{}", t(lang, "settle-proposal-missing", &[]));
    }
    out
}
