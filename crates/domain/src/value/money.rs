use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;

use super::ValueError;

/// An exact amount of Swedish kronor, held as whole öre.
///
/// Written in files as kronor: `"1 300 000"`, `"1300000.00"`, `"37 000,50 kr"`,
/// or a TOML/JSON integer (`1300000`). Floats are refused: they are not exact.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Debug)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_ore(ore: i64) -> Self {
        Money(ore)
    }

    /// Whole kronor; `None` if the amount cannot be held.
    pub const fn from_kronor(kronor: i64) -> Option<Self> {
        match kronor.checked_mul(100) {
            Some(ore) => Some(Money(ore)),
            None => None,
        }
    }

    pub const fn ore(self) -> i64 {
        self.0
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    pub fn checked_mul(self, factor: i64) -> Option<Money> {
        self.0.checked_mul(factor).map(Money)
    }

    /// Sum of many amounts; `None` on overflow.
    pub fn checked_sum(items: impl IntoIterator<Item = Money>) -> Option<Money> {
        items.into_iter().try_fold(Money::ZERO, Money::checked_add)
    }

    /// Machine form: kronor with two decimals and no grouping, `"1179120.00"`.
    pub fn to_decimal_string(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }

    /// Human form as Swedish texts write it: `"1 179 120 kr"`, `"37 000,50 kr"`.
    pub fn to_swedish(self) -> String {
        format!("{} kr", self.grouped(','))
    }

    /// Kronor grouped by thousands with a space; decimals only when not whole.
    fn grouped(self, decimal_mark: char) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let digits = (abs / 100).to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 4);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(' ');
            }
            out.push(c);
        }
        let ore = abs % 100;
        if ore != 0 {
            out.push(decimal_mark);
            out.push_str(&format!("{ore:02}"));
        }
        format!("{sign}{out}")
    }
}

/// The file form: `"1 300 000"` or `"1 300 000.50"`.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.grouped('.'))
    }
}

impl FromStr for Money {
    type Err = ValueError;

    /// Accepts kronor with optional thousands spaces (also non-breaking), `.`
    /// or `,` before at most two decimals, and an optional `kr` suffix.
    /// Negative amounts are refused: agreements state amounts of zero or more.
    fn from_str(raw: &str) -> Result<Self, ValueError> {
        let bad = || ValueError::AmountFormat {
            value: raw.to_owned(),
        };
        let text = raw.trim();
        let text = text.strip_suffix("kr").map_or(text, str::trim_end);
        if text.starts_with('-') {
            return Err(ValueError::AmountNegative {
                value: raw.to_owned(),
            });
        }
        let compact: String = text
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '_'))
            .collect();
        let (whole, frac) = match compact.split_once(['.', ',']) {
            Some((w, f)) => (w, f),
            None => (compact.as_str(), ""),
        };
        let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits_only(whole) || !digits_only(frac) || frac.len() > 2 {
            return Err(bad());
        }
        let range = || ValueError::AmountRange {
            value: raw.to_owned(),
        };
        let kronor: i64 = whole.parse().map_err(|_| range())?;
        let ore: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().map_err(|_| bad())? * 10,
            _ => frac.parse().map_err(|_| bad())?,
        };
        kronor
            .checked_mul(100)
            .and_then(|k| k.checked_add(ore))
            .map(Money)
            .ok_or_else(range)
    }
}

impl serde::Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount in kronor, e.g. \"1 300 000\" or \"37 000.50\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Money, E> {
                v.parse().map_err(|e: ValueError| E::custom(e.encode()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Money, E> {
                if v < 0 {
                    return Err(E::custom(
                        ValueError::AmountNegative {
                            value: v.to_string(),
                        }
                        .encode(),
                    ));
                }
                Money::from_kronor(v).ok_or_else(|| {
                    E::custom(
                        ValueError::AmountRange {
                            value: v.to_string(),
                        }
                        .encode(),
                    )
                })
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Money, E> {
                i64::try_from(v)
                    .ok()
                    .and_then(Money::from_kronor)
                    .ok_or_else(|| {
                        E::custom(
                            ValueError::AmountRange {
                                value: v.to_string(),
                            }
                            .encode(),
                        )
                    })
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Money, E> {
                Err(E::custom(
                    ValueError::AmountFloat {
                        value: v.to_string(),
                    }
                    .encode(),
                ))
            }
        }
        d.deserialize_any(V)
    }
}

/// Serde helpers for computed results: money as machine-readable kronor with
/// two decimals (`"1179120.00"`), as the JSON outputs and the API use, rather
/// than the file form (`"1 179 120"`).
pub mod decimal {
    use super::Money;

    pub fn serialize<S: serde::Serializer>(m: &Money, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&m.to_decimal_string())
    }

    pub mod option {
        use super::Money;

        pub fn serialize<S: serde::Serializer>(m: &Option<Money>, s: S) -> Result<S::Ok, S::Error> {
            match m {
                Some(m) => s.serialize_str(&m.to_decimal_string()),
                None => s.serialize_none(),
            }
        }
    }
}

impl JsonSchema for Money {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Money".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Kronor, exact: a string such as \"1 300 000\" or \"37 000.50\", or a whole number of kronor. Never a float.",
            "anyOf": [
                { "type": "string", "pattern": "^\\s*[0-9][0-9 \u{a0}_]*([.,][0-9]{1,2})?\\s*(kr)?\\s*$" },
                { "type": "integer", "minimum": 0 }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_the_ways_seeds_write_amounts() {
        let cases = [
            ("1 300 000", 130_000_000),
            ("600 000", 60_000_000),
            ("1300000.00", 130_000_000),
            ("37 000,5 kr", 3_700_050),
            ("0", 0),
            ("1\u{a0}156\u{a0}000 kr", 115_600_000),
        ];
        for (text, ore) in cases {
            assert_eq!(text.parse::<Money>(), Ok(Money::from_ore(ore)), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for text in ["", "kr", "1.234", "12a", "1,2,3", "1.5e6", " . "] {
            assert!(
                matches!(text.parse::<Money>(), Err(ValueError::AmountFormat { .. })),
                "{text}"
            );
        }
        assert!(matches!(
            "-5".parse::<Money>(),
            Err(ValueError::AmountNegative { .. })
        ));
        assert!(matches!(
            "99999999999999999999".parse::<Money>(),
            Err(ValueError::AmountRange { .. })
        ));
    }

    #[test]
    fn formats_for_people_and_machines() {
        let m = Money::from_ore(117_912_000);
        assert_eq!(m.to_string(), "1 179 120");
        assert_eq!(m.to_swedish(), "1 179 120 kr");
        assert_eq!(m.to_decimal_string(), "1179120.00");
        assert_eq!(Money::from_ore(3_700_050).to_swedish(), "37 000,50 kr");
        assert_eq!(Money::from_ore(-5).to_decimal_string(), "-0.05");
    }

    proptest! {
        #[test]
        fn display_parses_back(ore in 0i64..=i64::MAX / 2) {
            let m = Money::from_ore(ore);
            prop_assert_eq!(m.to_string().parse::<Money>(), Ok(m));
            prop_assert_eq!(m.to_decimal_string().parse::<Money>(), Ok(m));
        }
    }
}
