use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use schemars::JsonSchema;

use super::ValueError;

/// A percentage held exactly, e.g. the 2 % yearly indexation of seed 002.
/// Written `"2"`, `"2 %"` or `"2,5"`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Percent(Decimal);

impl Percent {
    pub fn new(value: Decimal) -> Self {
        Percent(value)
    }

    pub fn get(self) -> Decimal {
        self.0
    }

    /// From hundredths of a percent (250 = 2.5 %); `None` above 100 %.
    pub fn from_rate_hundredths(hundredths: u32) -> Option<Self> {
        (hundredths <= 10_000).then(|| Percent(Decimal::new(i64::from(hundredths), 2)))
    }
}

impl FromStr for Percent {
    type Err = ValueError;

    fn from_str(raw: &str) -> Result<Self, ValueError> {
        let bad = || ValueError::PercentFormat {
            value: raw.to_owned(),
        };
        let text = raw.trim();
        let text = text
            .strip_suffix('%')
            .map_or(text, str::trim_end)
            .replace(',', ".");
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return Err(bad());
        }
        let value = Decimal::from_str(&text).map_err(|_| bad())?;
        if value > Decimal::ONE_HUNDRED {
            return Err(bad());
        }
        Ok(Percent(value))
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.normalize())
    }
}

super::string_serde!(Percent, "a percentage, e.g. \"2\"");

impl JsonSchema for Percent {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Percent".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A percentage from 0 to 100, e.g. \"2\" or \"2,5 %\".",
            "type": "string",
            "pattern": "^\\s*[0-9]+([.,][0-9]+)?\\s*%?\\s*$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_refuses() {
        assert_eq!("2".parse::<Percent>().unwrap().to_string(), "2");
        assert_eq!("2,5 %".parse::<Percent>().unwrap().to_string(), "2.5");
        for bad in ["", "%", "two", "-2", "101", "1e2"] {
            assert!(bad.parse::<Percent>().is_err(), "{bad}");
        }
    }
}
