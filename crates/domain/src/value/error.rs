use serde::{Deserialize, Serialize};

/// Why a single value in an agreement file could not be read. Each variant is
/// a stable diagnostic code; the text shown to a person comes from the
/// `locale` crate, in Swedish or English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum ValueError {
    /// An amount is not written as kronor with at most two decimals.
    AmountFormat { value: String },
    /// An amount was written as a TOML/JSON float, which cannot be exact.
    AmountFloat { value: String },
    /// An amount is negative where only amounts of zero or more make sense.
    AmountNegative { value: String },
    /// An amount too large to be held exactly.
    AmountRange { value: String },
    /// An org number is not ten digits (NNNNNN-NNNN).
    OrgnrFormat { value: String },
    /// An org number's last digit does not match the Luhn check digit.
    OrgnrChecksum { value: String, expected: u8 },
    /// A date that is not written YYYY-MM-DD or does not exist (2025-02-30).
    DateInvalid { value: String, reason: String },
    /// A length of time that is not "<number> <unit>" (e.g. "3 months").
    LengthFormat { value: String },
    /// A percentage that is not a plain decimal number.
    PercentFormat { value: String },
    /// An identifier that is not lower-case letters, digits, '-' and '.'.
    IdFormat { value: String },
}

/// Prefix that marks a [`ValueError`] carried through serde's string-only
/// custom errors, so the diagnostics layer can recover the structured error.
const TAG: &str = "iop-value-error:";

impl ValueError {
    /// The stable code, e.g. `orgnr-checksum`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::AmountFormat { .. } => "amount-format",
            Self::AmountFloat { .. } => "amount-float",
            Self::AmountNegative { .. } => "amount-negative",
            Self::AmountRange { .. } => "amount-range",
            Self::OrgnrFormat { .. } => "orgnr-format",
            Self::OrgnrChecksum { .. } => "orgnr-checksum",
            Self::DateInvalid { .. } => "date-invalid",
            Self::LengthFormat { .. } => "length-format",
            Self::PercentFormat { .. } => "percent-format",
            Self::IdFormat { .. } => "id-format",
        }
    }

    /// The offending value as written.
    pub fn value(&self) -> &str {
        match self {
            Self::AmountFormat { value }
            | Self::AmountFloat { value }
            | Self::AmountNegative { value }
            | Self::AmountRange { value }
            | Self::OrgnrFormat { value }
            | Self::OrgnrChecksum { value, .. }
            | Self::DateInvalid { value, .. }
            | Self::LengthFormat { value }
            | Self::PercentFormat { value }
            | Self::IdFormat { value } => value,
        }
    }

    /// Encode for transport inside a serde custom error message.
    pub(crate) fn encode(&self) -> String {
        // Serializing a plain enum of strings cannot fail; fall back to the code.
        let body = serde_json::to_string(self).unwrap_or_else(|_| self.code().to_owned());
        format!("{TAG}{body}")
    }

    /// Recover a [`ValueError`] from a serde error message made by [`Self::encode`].
    pub fn decode(message: &str) -> Option<Self> {
        let start = message.find(TAG)? + TAG.len();
        let mut stream = serde_json::Deserializer::from_str(&message[start..]).into_iter::<Self>();
        stream.next()?.ok()
    }
}

impl std::fmt::Display for ValueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {:?}", self.code(), self.value())
    }
}

impl std::error::Error for ValueError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_decode_round_trip_inside_other_text() {
        let e = ValueError::OrgnrChecksum {
            value: "212000-0448".into(),
            expected: 9,
        };
        let wrapped = format!("TOML parse error: {} at line 3", e.encode());
        assert_eq!(ValueError::decode(&wrapped), Some(e));
        assert_eq!(ValueError::decode("unknown field `x`"), None);
    }
}
