//! What the commands say is what the agreement says: one date for one
//! deadline in `schedule` and `obligations`, figures and words from the
//! agreement text.

use serde_json::Value;

use crate::support::cli as iop;

const EXAMPLES: [&str; 4] = [
    "examples/000-gotland-rkg.toml",
    "examples/002-linkoping-vi-ses.toml",
    "examples/003-skane-malmo-barn.toml",
    "examples/004-goteborg-eu-migranter.toml",
];
const VI_SES_FILE: &str = EXAMPLES[1];

fn stdout(args: &[&str]) -> String {
    let out = iop(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&stdout(args)).unwrap()
}

/// Every invoice the schedule lists is a duty in `obligations` on the same
/// day, and the text output shows that day with the move explained.
#[test]
fn every_invoice_has_one_date_in_schedule_and_obligations() {
    for file in EXAMPLES {
        let out = iop(&["schedule", file, "--format", "json"]);
        if out.status.code() != Some(0) {
            continue; // 004 states no amounts: nothing to invoice
        }
        let schedule: Value = serde_json::from_slice(&out.stdout).unwrap();
        let duties = json(&["obligations", file, "--format", "json"]);
        let invoice_days: Vec<(&Value, &Value)> = duties
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["kind"] == "invoice")
            .map(|d| (&d["due"], &d["moved_from"]))
            .collect();
        for inv in schedule["invoices"].as_array().unwrap() {
            assert!(
                invoice_days.contains(&(&inv["due"], &inv["moved_from"])),
                "{file}: invoice due {} is not a duty that day",
                inv["due"]
            );
        }
    }
    // 002 invoices on 1 January; 2022-01-01 is a Saturday.
    let text = stdout(&["schedule", VI_SES_FILE]);
    assert!(
        text.contains("2022-01-03")
            && text.contains("flyttad från lördag 1 januari 2022 enligt lag 1930:173"),
        "{text}"
    );
    let duties = stdout(&["obligations", VI_SES_FILE]);
    assert!(duties.contains("2022-01-03"), "{duties}");
}

/// The notice deadline for an exit on 2026-12-31 names that day as the
/// leaving day, not its own date (three months' notice: 2026-09-30).
#[test]
fn the_notice_deadline_names_the_exit_day() {
    let text = stdout(&[
        "obligations",
        EXAMPLES[0],
        "--exit-at",
        "2026-12-31",
        "--from",
        "2026-09-01",
        "--to",
        "2026-10-31",
    ]);
    assert!(text.contains("2026-09-30"), "{text}");
    assert!(text.contains("lämna den senast 2026-12-31"), "{text}");
    assert!(!text.contains("senast 2026-09-30"), "{text}");
}

/// `iop --help` describes what iop does today.
#[test]
fn help_says_what_iop_does_now() {
    let help = stdout(&["--help"]);
    assert!(
        !help.contains("(later)") && !help.contains("as it lands"),
        "{help}"
    );
}

/// A hävning (002, immediate effect) is worded as a hävning, not a notice.
#[test]
fn a_rescission_is_not_worded_as_a_notice() {
    let text = stdout(&[
        "settle",
        VI_SES_FILE,
        "--notice-date",
        "2022-06-15",
        "--ground",
        "breach",
        "--incurred",
        "100000",
    ]);
    assert!(text.contains("Hävning meddelad"), "{text}");
    assert!(!text.contains("Uppsägning lämnad"), "{text}");
}
