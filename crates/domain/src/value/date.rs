use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;

use super::ValueError;

/// A calendar date (Swedish civil calendar, no time of day).
///
/// Written `YYYY-MM-DD`, either as a TOML date literal (`start = 2025-01-01`)
/// or as a string; a date that does not exist (2025-02-30) is refused.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Date(jiff::civil::Date);

/// Key under which the `toml` crate hands a date literal to a visitor.
const TOML_DATETIME_FIELD: &str = "$__toml_private_datetime";

impl Date {
    pub fn new(date: jiff::civil::Date) -> Self {
        Date(date)
    }

    /// `None` when the year, month and day do not make a date.
    pub fn from_ymd(year: i16, month: i8, day: i8) -> Option<Self> {
        jiff::civil::Date::new(year, month, day).ok().map(Date)
    }

    pub fn get(self) -> jiff::civil::Date {
        self.0
    }

    pub fn year(self) -> i16 {
        self.0.year()
    }
}

impl From<jiff::civil::Date> for Date {
    fn from(d: jiff::civil::Date) -> Self {
        Date(d)
    }
}

impl FromStr for Date {
    type Err = ValueError;

    fn from_str(raw: &str) -> Result<Self, ValueError> {
        let text = raw.trim();
        let invalid = |reason: String| ValueError::DateInvalid {
            value: raw.to_owned(),
            reason,
        };
        let parts: Vec<&str> = text.split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(invalid("expected YYYY-MM-DD".into()));
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(invalid("expected YYYY-MM-DD".into()));
        }
        let num = |s: &str| {
            s.parse::<i16>()
                .map_err(|_| invalid("expected YYYY-MM-DD".into()))
        };
        let (y, m, d) = (num(y)?, num(m)?, num(d)?);
        let (m, d) = (i8::try_from(m), i8::try_from(d));
        let (Ok(m), Ok(d)) = (m, d) else {
            return Err(invalid("expected YYYY-MM-DD".into()));
        };
        jiff::civil::Date::new(y, m, d)
            .map(Date)
            .map_err(|e| invalid(e.to_string()))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date, YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Date, E> {
                v.parse().map_err(|e: ValueError| E::custom(e.encode()))
            }
            // The toml crate passes date literals as a one-entry map.
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
                use serde::de::Error;
                let Some((key, value)) = map.next_entry::<String, String>()? else {
                    return Err(A::Error::custom("expected a date, YYYY-MM-DD"));
                };
                if key != TOML_DATETIME_FIELD {
                    return Err(A::Error::custom("expected a date, YYYY-MM-DD"));
                }
                if value.len() != 10 {
                    let e = ValueError::DateInvalid {
                        value,
                        reason: "a date without time of day is expected".into(),
                    };
                    return Err(A::Error::custom(e.encode()));
                }
                value
                    .parse()
                    .map_err(|e: ValueError| A::Error::custom(e.encode()))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_dates_and_refuses_impossible_ones() {
        assert_eq!(
            "2024-02-29".parse::<Date>().unwrap(),
            Date::from_ymd(2024, 2, 29).unwrap()
        );
        for bad in [
            "2025-02-30",
            "2023-02-29",
            "2025-13-01",
            "2025-1-01",
            "25-01-01",
            "x",
        ] {
            assert!(
                matches!(bad.parse::<Date>(), Err(ValueError::DateInvalid { .. })),
                "{bad}"
            );
        }
    }
}
