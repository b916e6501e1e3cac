//! Seed 003 and recipients for the tests.

#![allow(dead_code)]

use domain::format::{Syntax, parse};
use domain::model::Status;
use domain::value::Date;
use remind::{AgreementDuties, Recipient, Role, Settings};

pub fn seed_003(status: Status) -> AgreementDuties {
    let text = include_str!("../../../../examples/003-skane-malmo-barn.toml");
    let mut a = parse(text, Syntax::Toml).unwrap_or_else(|e| panic!("seed 003: {e:?}"));
    a.status = status;
    AgreementDuties::from_agreement(&a).unwrap_or_else(|e| panic!("duties: {e:?}"))
}

pub fn date(s: &str) -> Date {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e:?}"))
}

pub fn recipient(id: &str, role: Role, parties: &[&str]) -> Recipient {
    Recipient {
        id: id.into(),
        address: format!("{id}@example.se"),
        name: id.into(),
        parties: parties.iter().map(|p| (*p).to_owned()).collect(),
        settings: Settings::for_role(role),
    }
}
