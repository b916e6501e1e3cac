//! Small pieces every writer shares: amounts as JSON numbers, dates as
//! date-times, a stable hash and URL encoding.

use domain::value::{Date, Money};
use serde_json::{Number, Value};

/// Kronor as a JSON number: an integer when the öre are zero (most IOP
/// amounts), else a decimal with at most two places.
pub(crate) fn kronor(m: Money) -> Value {
    let ore = m.ore();
    if ore % 100 == 0 {
        Value::Number(Number::from(ore / 100))
    } else {
        // Two decimals of a whole number of öre print exactly (shortest form).
        let amount = ore as f64 / 100.0;
        Number::from_f64(amount).map_or(Value::Null, Value::Number)
    }
}

/// The first instant of a Swedish calendar day, written in UTC ("Z"): OCDS
/// asks for date-times, and iop's dates carry no time of day.
pub(crate) fn day_start(d: Date) -> String {
    format!("{d}T00:00:00Z")
}

/// The last second of a calendar day, for the inclusive end of a period.
pub(crate) fn day_end(d: Date) -> String {
    format!("{d}T23:59:59Z")
}

/// FNV-1a, 64 bits: a stable fingerprint of bytes (not for security), so
/// that the same content gives the same release id on every machine.
pub(crate) fn fingerprint(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Percent-encodes everything but RFC 3986's unreserved characters, so an
/// id with Swedish letters fits in a query string.
pub(crate) fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_numbers() {
        assert_eq!(kronor(Money::from_ore(130_000_000)).to_string(), "1300000");
        assert_eq!(kronor(Money::from_ore(3_700_050)).to_string(), "37000.5");
        assert_eq!(kronor(Money::from_ore(1)).to_string(), "0.01");
    }

    #[test]
    fn encoding_keeps_unreserved() {
        assert_eq!(encode("bräcke-diakoni 1"), "br%C3%A4cke-diakoni%201");
        assert_eq!(fingerprint(b""), "cbf29ce484222325");
    }
}
