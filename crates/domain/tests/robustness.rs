//! No input makes the reader or the checks panic: arbitrary bytes, and the
//! example files with random damage.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test should panic

use domain::format::{Locator, Syntax, parse};
use proptest::prelude::*;

const EXAMPLES: [&str; 4] = [
    include_str!("../../../examples/000-gotland-rkg.toml"),
    include_str!("../../../examples/002-linkoping-vi-ses.toml"),
    include_str!("../../../examples/003-skane-malmo-barn.toml"),
    include_str!("../../../examples/004-goteborg-eu-migranter.toml"),
];

/// Read, check and place every finding, as `iop check` does.
fn read_and_check(text: &str, syntax: Syntax) {
    let locator = Locator::new(text, syntax);
    match parse(text, syntax) {
        Ok(a) => {
            for d in domain::check::check(&a) {
                let placed = locator.place(d);
                if let Some(span) = placed.span {
                    let _ = domain::diagnostic::line_column(text, span.start);
                }
            }
        }
        Err(diagnostics) => {
            for d in diagnostics {
                if let Some(span) = d.span {
                    let _ = domain::diagnostic::line_column(text, span.start);
                }
            }
        }
    }
}

/// A damaged copy of an example: bytes replaced, lines dropped or doubled.
#[derive(Debug, Clone)]
enum Damage {
    Byte(usize, u8),
    DropLine(usize),
    DoubleLine(usize),
    Truncate(usize),
}

fn apply(text: &str, damages: &[Damage]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for d in damages {
        match *d {
            Damage::Byte(at, b) if !bytes.is_empty() => {
                let i = at % bytes.len();
                bytes[i] = b;
            }
            Damage::Truncate(at) if !bytes.is_empty() => bytes.truncate(at % bytes.len()),
            Damage::DropLine(n) | Damage::DoubleLine(n) => {
                let s = String::from_utf8_lossy(&bytes).into_owned();
                let mut lines: Vec<&str> = s.lines().collect();
                if !lines.is_empty() {
                    let i = n % lines.len();
                    if matches!(d, Damage::DropLine(_)) {
                        lines.remove(i);
                    } else {
                        lines.insert(i, lines[i]);
                    }
                }
                bytes = lines.join("\n").into_bytes();
            }
            _ => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Damage::Byte(a, b)),
        (
            any::<usize>(),
            prop::sample::select(b"\"'[]{}=,.-0123456789 \n#".to_vec())
        )
            .prop_map(|(a, b)| Damage::Byte(a, b)),
        any::<usize>().prop_map(Damage::DropLine),
        any::<usize>().prop_map(Damage::DoubleLine),
        any::<usize>().prop_map(Damage::Truncate),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let text = String::from_utf8_lossy(&bytes);
        read_and_check(&text, Syntax::Toml);
        read_and_check(&text, Syntax::Json);
    }

    #[test]
    fn damaged_examples_never_panic(which in 0..EXAMPLES.len(), damages in prop::collection::vec(damage(), 1..6)) {
        let text = apply(EXAMPLES[which], &damages);
        read_and_check(&text, Syntax::Toml);
    }

    #[test]
    fn damaged_json_examples_never_panic(which in 0..EXAMPLES.len(), damages in prop::collection::vec(damage(), 1..4)) {
        let agreement = parse(EXAMPLES[which], Syntax::Toml).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let json = domain::format::to_json(&agreement).map_err(TestCaseError::fail)?;
        read_and_check(&apply(&json, &damages), Syntax::Json);
    }
}
