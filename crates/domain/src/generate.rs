//! Agreements of the seeds' shapes with varied parameters: for benchmarks,
//! property tests and demo portfolios. Deterministic for a given seed.

use crate::Agreement;
use crate::format::{Syntax, parse};
use crate::model::{Cadence, DueRule, Financing, Indexation, Term};
use crate::value::{CalendarLength, Date, Id, Money, Percent};

/// The seed agreements as shipped in `examples/`.
pub const SEED_FILES: [(&str, &str); 4] = [
    (
        "000-gotland-rkg.toml",
        include_str!("../../../examples/000-gotland-rkg.toml"),
    ),
    (
        "002-linkoping-vi-ses.toml",
        include_str!("../../../examples/002-linkoping-vi-ses.toml"),
    ),
    (
        "003-skane-malmo-barn.toml",
        include_str!("../../../examples/003-skane-malmo-barn.toml"),
    ),
    (
        "004-goteborg-eu-migranter.toml",
        include_str!("../../../examples/004-goteborg-eu-migranter.toml"),
    ),
];

/// The seed agreements, parsed. `None` if a shipped file does not parse,
/// which the example tests rule out.
pub fn seeds() -> Option<Vec<Agreement>> {
    SEED_FILES
        .iter()
        .map(|(_, text)| parse(text, Syntax::Toml).ok())
        .collect()
}

/// Seed 000 with the region paying 420 kr per occupied place and night, at
/// most 1 150 000 kr a calendar year, instead of its lump sum (a night
/// shelter's terms): a ceiling for tests and demos. `None` as for [`seeds`].
pub fn night_shelter() -> Option<Agreement> {
    let mut a = parse(SEED_FILES[0].1, Syntax::Toml).ok()?;
    let f = a.financing.as_mut()?;
    f.total_per_year = None;
    let c = f.contributions.first_mut()?;
    c.amount = Money::from_kronor(1_150_000);
    c.at_most = true;
    c.unit_price = Money::from_kronor(420);
    c.basis = crate::model::ContributionBasis::PerOccupiedPlaceNight;
    Some(a)
}

/// A variation of `template`, number `n`: another id, term, amounts,
/// indexation, notice periods, cadences and due dates.
pub fn vary(template: &Agreement, n: u64, rng: &mut fastrand::Rng) -> Agreement {
    let mut a = template.clone();
    if let Ok(id) = format!("{}-{n}", template.id).parse::<Id>() {
        a.id = id;
    }
    if let Some(term) = &mut a.term {
        vary_term(term, rng);
    }
    let percent = rng.i64(50..=300);
    if let Some(f) = &mut a.financing {
        scale(f, percent);
        if rng.u8(..4) == 0 {
            f.indexation = None;
        } else if let Some(rate) = Percent::from_rate_hundredths(rng.u32(0..=400)) {
            let clause = f.indexation.take().map_or_else(
                || {
                    (
                        Id::from_static("indexering"),
                        f.section.clone(),
                        f.quote.clone(),
                    )
                },
                |i| (i.id, i.section, i.quote),
            );
            f.indexation = Some(Indexation {
                id: clause.0,
                section: clause.1,
                quote: clause.2,
                rate,
                starts: Default::default(),
                rounding: Default::default(),
            });
        }
    }
    for t in &mut a.termination {
        if t.notice.is_some() {
            t.notice = Some(CalendarLength::months(rng.u32(1..=12)));
        }
    }
    for body in &mut a.governance {
        body.cadence = match body.cadence {
            Cadence::PerYear { .. } => Cadence::PerYear {
                times: rng.u32(1..=4),
            },
            Cadence::Interval { .. } => {
                let min = rng.u32(2..=5);
                Cadence::Interval {
                    min_weeks: min,
                    max_weeks: min + rng.u32(1..=3),
                }
            }
            ref other => other.clone(),
        };
    }
    for duty in &mut a.reporting {
        if let DueRule::Yearly { month, day, .. } = &mut duty.due {
            *month = rng.u8(1..=12);
            *day = rng.u8(1..=28);
        }
    }
    a
}

/// A portfolio of `count` agreements cycling through the seeds' shapes.
pub fn portfolio(count: usize, seed: u64) -> Option<Vec<Agreement>> {
    let templates = seeds()?;
    let mut rng = fastrand::Rng::with_seed(seed);
    Some(
        (0..count)
            .map(|i| vary(&templates[i % templates.len()], i as u64, &mut rng))
            .collect(),
    )
}

fn vary_term(term: &mut Term, rng: &mut fastrand::Rng) {
    let year = rng.i16(2015..=2030);
    let month = if rng.u8(..4) == 0 { rng.i8(1..=12) } else { 1 };
    let Some(start) = Date::from_ymd(year, month, 1) else {
        return;
    };
    let years = rng.u32(1..=5);
    let end = crate::rules::calendar::add(start, CalendarLength::years(years))
        .and_then(crate::rules::calendar::previous_day);
    if let Some(end) = end {
        term.start = start;
        term.end = end;
    }
}

/// Scale every amount by `percent` %, to whole kronor, keeping the sums
/// consistent: contributions that cover lines follow them, and a stated
/// total is the sum of what it totals.
fn scale(f: &mut Financing, percent: i64) {
    let scaled = |m: Money| Money::from_kronor(m.ore() / 100 * percent / 100).unwrap_or(m);
    for line in &mut f.budget_lines {
        line.amount = scaled(line.amount);
    }
    for c in &mut f.contributions {
        if c.covers.is_empty() {
            c.amount = c.amount.map(scaled);
        } else {
            let covered = f
                .budget_lines
                .iter()
                .filter(|l| c.covers.contains(&l.id))
                .map(|l| l.amount);
            c.amount = Money::checked_sum(covered);
        }
    }
    f.total_per_year = if !f.budget_lines.is_empty() {
        Money::checked_sum(f.budget_lines.iter().map(|l| l.amount))
    } else if f.contributions.iter().any(|c| c.amount.is_some()) {
        Money::checked_sum(f.contributions.iter().filter_map(|c| c.amount))
    } else {
        f.total_per_year.map(scaled)
    };
    for alt in &mut f.alternatives {
        for c in &mut alt.contributions {
            c.amount = c.amount.map(scaled);
        }
        alt.total_per_year = alt.total_per_year.map(scaled);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_written_in_the_code_are_valid() {
        assert_eq!(
            "indexering".parse::<Id>().ok(),
            Some(Id::from_static("indexering"))
        );
    }

    #[test]
    fn a_portfolio_is_the_same_for_the_same_seed_and_varies_within() {
        let a = portfolio(8, 7).unwrap();
        let b = portfolio(8, 7).unwrap();
        assert_eq!(a, b);
        let ids: std::collections::BTreeSet<_> = a.iter().map(|x| x.id.clone()).collect();
        assert_eq!(ids.len(), 8, "every agreement has its own id");
        let terms: std::collections::BTreeSet<_> = a
            .iter()
            .filter_map(|x| x.term.as_ref().map(|t| t.start))
            .collect();
        assert!(terms.len() > 1, "terms vary");
    }
}
