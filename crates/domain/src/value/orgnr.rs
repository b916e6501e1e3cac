use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;

use super::ValueError;

/// A Swedish organisationsnummer, `NNNNNN-NNNN`, whose last digit is a valid
/// Luhn check digit. Spaces and the hyphen are optional when written
/// (seed 003 writes `232100 - 0255`); a 12-digit form with the `16` prefix is
/// accepted too.
///
/// `FromStr` refuses a wrong check digit. An agreement file is read with
/// [`OrgNumber::keeping_check_digit`]: the number is kept as written, never
/// corrected, and the checks report it, so one typo does not stop the reading
/// of the whole file. The second field is the digit it should have had.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct OrgNumber([u8; 10], Option<u8>);

/// The kind of legal entity the first digit announces.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum EntityGroup {
    /// 2: state, region, kommun (public body).
    PublicBody,
    /// 5: aktiebolag.
    Company,
    /// 7: ekonomisk förening.
    EconomicAssociation,
    /// 8: ideell förening, stiftelse.
    NonProfit,
    /// 9: handelsbolag, kommanditbolag.
    Partnership,
    /// Any other first digit.
    Other,
}

impl OrgNumber {
    pub fn group(self) -> EntityGroup {
        match self.0[0] {
            2 => EntityGroup::PublicBody,
            5 => EntityGroup::Company,
            7 => EntityGroup::EconomicAssociation,
            8 => EntityGroup::NonProfit,
            9 => EntityGroup::Partnership,
            _ => EntityGroup::Other,
        }
    }

    /// The Luhn check digit for the first nine digits.
    fn check_digit(first_nine: &[u8]) -> u8 {
        let sum: u32 = first_nine
            .iter()
            .enumerate()
            .map(|(i, &d)| {
                let v = u32::from(d) * if i % 2 == 0 { 2 } else { 1 };
                v / 10 + v % 10
            })
            .sum();
        ((10 - sum % 10) % 10) as u8
    }
}

impl OrgNumber {
    /// Read a number whose check digit may be wrong: it is kept as written.
    pub fn keeping_check_digit(raw: &str) -> Result<Self, ValueError> {
        let digits = Self::digits(raw)?;
        let expected = Self::check_digit(&digits[..9]);
        Ok(OrgNumber(
            digits,
            (digits[9] != expected).then_some(expected),
        ))
    }

    /// The check digit the number should have, when the one written is wrong.
    pub fn wrong_check_digit(self) -> Option<u8> {
        self.1
    }

    fn digits(raw: &str) -> Result<[u8; 10], ValueError> {
        let digits: Vec<u8> = raw
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '\u{a0}' | '\u{2013}'))
            .map(|c| c.to_digit(10).map(|d| d as u8))
            .collect::<Option<_>>()
            .ok_or_else(|| ValueError::OrgnrFormat {
                value: raw.to_owned(),
            })?;
        let ten: &[u8] = match digits.as_slice() {
            [1, 6, rest @ ..] if rest.len() == 10 => rest,
            d if d.len() == 10 => d,
            _ => {
                return Err(ValueError::OrgnrFormat {
                    value: raw.to_owned(),
                });
            }
        };
        let mut out = [0u8; 10];
        out.copy_from_slice(ten);
        Ok(out)
    }
}

impl FromStr for OrgNumber {
    type Err = ValueError;

    fn from_str(raw: &str) -> Result<Self, ValueError> {
        let number = Self::keeping_check_digit(raw)?;
        match number.1 {
            Some(expected) => Err(ValueError::OrgnrChecksum {
                value: raw.to_owned(),
                expected,
            }),
            None => Ok(number),
        }
    }
}

impl fmt::Display for OrgNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i == 6 {
                f.write_str("-")?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl serde::Serialize for OrgNumber {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for OrgNumber {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = OrgNumber;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an org number, NNNNNN-NNNN")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<OrgNumber, E> {
                OrgNumber::keeping_check_digit(v).map_err(|e| E::custom(e.encode()))
            }
        }
        d.deserialize_str(V)
    }
}

impl JsonSchema for OrgNumber {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "OrgNumber".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Organisationsnummer NNNNNN-NNNN; a wrong Luhn check digit is kept and reported by the checks.",
            "type": "string",
            "pattern": "^\\s*(16)?[0-9]{6}\\s*-?\\s*[0-9]{4}\\s*$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_org_numbers_are_valid() {
        for (text, shown, group) in [
            ("212000-0449", "212000-0449", EntityGroup::PublicBody),
            ("822002-1318", "822002-1318", EntityGroup::NonProfit),
            ("232100 - 0255", "232100-0255", EntityGroup::PublicBody),
            ("212000 - 1124", "212000-1124", EntityGroup::PublicBody),
            ("802002 - 8711", "802002-8711", EntityGroup::NonProfit),
            ("168220021318", "822002-1318", EntityGroup::NonProfit),
        ] {
            let n: OrgNumber = text.parse().unwrap();
            assert_eq!(n.to_string(), shown);
            assert_eq!(n.group(), group);
        }
    }

    #[test]
    fn a_wrong_check_digit_names_the_right_one() {
        assert_eq!(
            "212000-0448".parse::<OrgNumber>(),
            Err(ValueError::OrgnrChecksum {
                value: "212000-0448".into(),
                expected: 9
            })
        );
    }

    #[test]
    fn wrong_shapes_are_refused() {
        for text in ["", "21200-0449", "212000-04490", "21200O-0449", "abc"] {
            assert!(
                matches!(
                    text.parse::<OrgNumber>(),
                    Err(ValueError::OrgnrFormat { .. })
                ),
                "{text}"
            );
        }
    }
}
