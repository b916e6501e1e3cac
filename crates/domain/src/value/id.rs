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

/// The longest id, in bytes.
pub const MAX_ID_BYTES: usize = 64;
/// How many characters [`Id::with_ending`] appends after its dash.
pub const ENDING_CHARS: usize = 6;
/// Lower-case base32 (RFC 4648): five bits a character, all valid in an id.
const ENDING_ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

impl Id {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// This id, shortened where needed (at a character, without a trailing
    /// `-` or `.`), then `-` and [`ENDING_CHARS`] base32 characters made
    /// from the low 30 bits of `random`: a valid id of at most
    /// [`MAX_ID_BYTES`].
    pub fn with_ending(&self, random: u32) -> Id {
        let mut end = self.0.len().min(MAX_ID_BYTES - 1 - ENDING_CHARS);
        while !self.0.is_char_boundary(end) {
            end -= 1;
        }
        let mut id = self.0[..end].trim_end_matches(['-', '.']).to_owned();
        id.push('-');
        for i in 0..ENDING_CHARS {
            let five = (random >> (5 * i)) & 31;
            id.push(char::from(ENDING_ALPHABET[five as usize]));
        }
        Id(id)
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
        if starts_well && raw.len() <= MAX_ID_BYTES && raw.chars().all(ok_char) {
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

    fn id(text: &str) -> Id {
        text.parse().unwrap()
    }

    #[test]
    fn an_ending_is_five_bits_a_character_after_a_dash() {
        assert_eq!(id("vi-ses").with_ending(0).as_str(), "vi-ses-aaaaaa");
        // 1, 2, …, 6 in the six groups of five bits, lowest first.
        let random = 1 | 2 << 5 | 3 << 10 | 4 << 15 | 5 << 20 | 6 << 25;
        assert_eq!(id("vi-ses").with_ending(random).as_str(), "vi-ses-bcdefg");
        // The two bits above thirty do not count.
        assert_eq!(id("x").with_ending(u32::MAX).as_str(), "x-777777");
        assert_eq!(id("x").with_ending(0x3fff_ffff).as_str(), "x-777777");
    }

    #[test]
    fn a_long_id_is_shortened_to_fit_with_its_ending() {
        let long = id(&"a".repeat(64)).with_ending(0);
        assert_eq!(long.as_str().len(), 64);
        assert_eq!(long.as_str(), format!("{}-aaaaaa", "a".repeat(57)));
        // Cut inside "ö" (two bytes): the cut moves back to the character.
        let swedish = id(&format!("{}ö{}", "a".repeat(56), "b".repeat(6))).with_ending(0);
        assert_eq!(swedish.as_str(), format!("{}-aaaaaa", "a".repeat(56)));
        // A cut just after a dash leaves no double dash.
        let dashed = id(&format!("{}-{}", "a".repeat(56), "b".repeat(7))).with_ending(0);
        assert_eq!(dashed.as_str(), format!("{}-aaaaaa", "a".repeat(56)));
    }

    #[test]
    fn every_id_with_an_ending_is_a_valid_id() {
        for prefix in ["a", "ny", "360giving", "röda-korset", "bilaga.3"] {
            for random in [0, 1, 0x1234_5678, u32::MAX] {
                let made = id(prefix).with_ending(random);
                assert_eq!(made.as_str().parse::<Id>().ok(), Some(made.clone()));
            }
        }
        for len in 50..=64 {
            let made = id(&"å".repeat(len / 2)).with_ending(7);
            assert!(made.as_str().len() <= MAX_ID_BYTES, "{made}");
            assert!(made.as_str().parse::<Id>().is_ok(), "{made}");
        }
    }
}
