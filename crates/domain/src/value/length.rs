use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;

use super::ValueError;

/// A length of calendar time as agreements state it: "3 months", "9 månader",
/// "2 years", "6 weeks". Month arithmetic clamps to the month's last day
/// (lag 1930:173 1 §), which is jiff's rule too.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct CalendarLength {
    pub amount: u32,
    pub unit: LengthUnit,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum LengthUnit {
    Days,
    Weeks,
    Months,
    Years,
}

impl CalendarLength {
    pub const fn months(amount: u32) -> Self {
        CalendarLength {
            amount,
            unit: LengthUnit::Months,
        }
    }

    pub const fn years(amount: u32) -> Self {
        CalendarLength {
            amount,
            unit: LengthUnit::Years,
        }
    }

    /// Whole months, when the unit is months or years.
    pub fn in_months(self) -> Option<u32> {
        match self.unit {
            LengthUnit::Months => Some(self.amount),
            LengthUnit::Years => self.amount.checked_mul(12),
            LengthUnit::Days | LengthUnit::Weeks => None,
        }
    }

    /// The same length repeated `times` times; `None` on overflow.
    pub fn times(self, times: u32) -> Option<Self> {
        Some(CalendarLength {
            amount: self.amount.checked_mul(times)?,
            unit: self.unit,
        })
    }

    /// As a jiff span, for date arithmetic.
    pub fn to_span(self) -> jiff::Span {
        let n = i64::from(self.amount);
        match self.unit {
            LengthUnit::Days => jiff::Span::new().days(n),
            LengthUnit::Weeks => jiff::Span::new().weeks(n),
            LengthUnit::Months => jiff::Span::new().months(n),
            LengthUnit::Years => jiff::Span::new().years(n),
        }
    }
}

impl FromStr for CalendarLength {
    type Err = ValueError;

    fn from_str(raw: &str) -> Result<Self, ValueError> {
        let bad = || ValueError::LengthFormat {
            value: raw.to_owned(),
        };
        let mut words = raw.split_whitespace();
        let amount: u32 = words.next().ok_or_else(bad)?.parse().map_err(|_| bad())?;
        let unit = match words.next().ok_or_else(bad)?.to_lowercase().as_str() {
            "day" | "days" | "dag" | "dagar" => LengthUnit::Days,
            "week" | "weeks" | "vecka" | "veckor" => LengthUnit::Weeks,
            "month" | "months" | "månad" | "månader" => LengthUnit::Months,
            "year" | "years" | "år" => LengthUnit::Years,
            _ => return Err(bad()),
        };
        if words.next().is_some() || amount > 1200 {
            return Err(bad());
        }
        Ok(CalendarLength { amount, unit })
    }
}

impl fmt::Display for CalendarLength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match (self.unit, self.amount == 1) {
            (LengthUnit::Days, true) => "day",
            (LengthUnit::Days, false) => "days",
            (LengthUnit::Weeks, true) => "week",
            (LengthUnit::Weeks, false) => "weeks",
            (LengthUnit::Months, true) => "month",
            (LengthUnit::Months, false) => "months",
            (LengthUnit::Years, true) => "year",
            (LengthUnit::Years, false) => "years",
        };
        write!(f, "{} {unit}", self.amount)
    }
}

super::string_serde!(CalendarLength, "a length of time, e.g. \"3 months\"");

impl JsonSchema for CalendarLength {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CalendarLength".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A number and a unit: days, weeks, months, years (or dagar, veckor, månader, år).",
            "type": "string",
            "examples": ["3 months", "9 månader", "2 years"]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_swedish_and_english_units() {
        assert_eq!("3 months".parse(), Ok(CalendarLength::months(3)));
        assert_eq!("9 månader".parse(), Ok(CalendarLength::months(9)));
        assert_eq!("2 år".parse(), Ok(CalendarLength::years(2)));
        assert_eq!(
            "6 veckor".parse(),
            Ok(CalendarLength {
                amount: 6,
                unit: LengthUnit::Weeks
            })
        );
        for bad in [
            "",
            "three months",
            "3",
            "3 fortnights",
            "3 months later",
            "-1 months",
        ] {
            assert!(bad.parse::<CalendarLength>().is_err(), "{bad}");
        }
    }

    #[test]
    fn display_round_trips() {
        for l in [CalendarLength::months(1), CalendarLength::years(2)] {
            assert_eq!(l.to_string().parse(), Ok(l));
        }
    }
}
