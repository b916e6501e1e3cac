//! Yearly indexation for price and wage development (seed 002).
//!
//! Reading (domain.md): year k after the first is base × (1 + rate)^k, per
//! budget line, rounded to whole kronor half up; totals are sums of the
//! rounded lines.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::value::{Money, Percent};

/// `base` indexed `years_after_first` times by `rate`, rounded to whole
/// kronor (half up). `None` if the figure cannot be held.
pub fn indexed(base: Money, rate: Percent, years_after_first: u32) -> Option<Money> {
    let factor = Decimal::ONE.checked_add(rate.get().checked_div(Decimal::ONE_HUNDRED)?)?;
    let mut kronor = Decimal::from(base.ore()).checked_div(Decimal::ONE_HUNDRED)?;
    for _ in 0..years_after_first {
        kronor = kronor.checked_mul(factor)?;
    }
    let whole = kronor.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    let kronor: i64 = whole.try_into().ok()?;
    Money::from_kronor(kronor)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kr(n: i64) -> Money {
        Money::from_kronor(n).unwrap()
    }

    #[test]
    fn seed_002_lines_in_the_second_year() {
        // 2023 = 2022 × 1.02, each line rounded: 612 000 + 312 120 + 170 340
        // + 37 740 + 46 920 = 1 179 120 kr (the figure the web test expects).
        let rate: Percent = "2".parse().unwrap();
        let lines = [600_000, 306_000, 167_000, 37_000, 46_000];
        let year2: Vec<Money> = lines
            .iter()
            .map(|&l| indexed(kr(l), rate, 1).unwrap())
            .collect();
        assert_eq!(
            year2,
            [
                kr(612_000),
                kr(312_120),
                kr(170_340),
                kr(37_740),
                kr(46_920)
            ]
        );
        assert_eq!(Money::checked_sum(year2), Some(kr(1_179_120)));
    }

    #[test]
    fn rounds_half_up_to_whole_kronor() {
        let rate: Percent = "2".parse().unwrap();
        // 37 000 × 1.02^3 = 39 264.696 → 39 265
        assert_eq!(indexed(kr(37_000), rate, 3), Some(kr(39_265)));
        // 25 × 1.02 = 25.5 → 26 (half up)
        assert_eq!(indexed(kr(25), rate, 1), Some(kr(26)));
        assert_eq!(indexed(kr(600_000), rate, 0), Some(kr(600_000)));
    }
}
