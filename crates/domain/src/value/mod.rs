//! Value types that parse, don't validate: once a `Money`, `OrgNumber`, `Date`
//! or `CalendarLength` exists, it is well-formed.

mod date;
mod error;
mod id;
mod length;
pub mod money;
mod orgnr;
mod percent;

pub use date::Date;
pub use error::ValueError;
pub use id::{ENDING_CHARS, Id, MAX_ID_BYTES};
pub use length::{CalendarLength, LengthUnit};
pub use money::Money;
pub use orgnr::{EntityGroup, OrgNumber};
pub use percent::Percent;

/// Serde glue shared by the value types: every one is written as a string
/// (some also accept a TOML integer or date), parsed with `FromStr`.
macro_rules! string_serde {
    ($ty:ty, $expecting:literal) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$ty, E> {
                        v.parse()
                            .map_err(|e: $crate::value::ValueError| E::custom(e.encode()))
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}
pub(crate) use string_serde;
