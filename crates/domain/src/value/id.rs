use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;

use super::ValueError;

/// A stable identifier chosen by the author of an agreement file, for a party,
/// a clause, a body or an activity: lower-case letters (a–z, å, ä, ö), digits,
/// `-` and `.`, starting with a letter or digit. Computed results point back to
/// clauses by these ids, so they must not change between versions.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Id(String);

impl Id {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// An id written in the code; it must be a valid id (checked in tests).
    pub(crate) fn from_static(id: &'static str) -> Self {
        Id(id.to_owned())
    }
}

impl FromStr for Id {
    type Err = ValueError;

    fn from_str(raw: &str) -> Result<Self, ValueError> {
        let ok_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "åäö-.".contains(c);
        let starts_well = raw
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "åäö".contains(c));
        if starts_well && raw.len() <= 64 && raw.chars().all(ok_char) {
            Ok(Id(raw.to_owned()))
        } else {
            Err(ValueError::IdFormat {
                value: raw.to_owned(),
            })
        }
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

super::string_serde!(Id, "an identifier: lower-case letters, digits, '-' and '.'");

impl JsonSchema for Id {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Id".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[a-z0-9åäö][a-z0-9åäö.-]{0,63}$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_slugs_and_refuses_others() {
        for ok in [
            "region-gotland",
            "exit",
            "bilaga.3",
            "rs-au-114",
            "röda-korset",
        ] {
            assert!(ok.parse::<Id>().is_ok(), "{ok}");
        }
        for bad in ["", "Region", "-x", "a b", "a/b", &"x".repeat(65)] {
            assert!(bad.parse::<Id>().is_err(), "{bad}");
        }
    }
}
