//! `iop schedule`, `obligations`, `settle` and `calendar` as a user runs them.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const GOTLAND: &str = "examples/000-gotland-rkg.toml";
const VI_SES: &str = "examples/002-linkoping-vi-ses.toml";
const SKANE: &str = "examples/003-skane-malmo-barn.toml";
const GOTEBORG: &str = "examples/004-goteborg-eu-migranter.toml";

fn iop(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iop"))
        .args(args)
        .env_remove("IOP_LANG")
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .output()
        .unwrap()
}

fn ok_json(args: &[&str]) -> Value {
    let out = iop(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn schedule_json_has_the_issue_shape() {
    let v = ok_json(&["schedule", VI_SES, "--format", "json"]);
    let y2023 = &v["years"][1];
    assert_eq!(y2023["year"], 2023);
    assert_eq!(y2023["total"], "1179120.00");
    assert_eq!(y2023["lines"][0]["name"], "projektledare");
    assert_eq!(y2023["lines"][0]["amount"], "612000.00");
    let parties = y2023["parties"].as_array().unwrap();
    assert!(parties.iter().any(|p| p["cash"] == "612000.00"));
    assert!(parties.iter().any(|p| p["in_kind"] == "567120.00"));
    assert_eq!(v["invoices"][0]["date"], "2022-01-01");
    assert_eq!(v["invoices"][0]["amount"], "600000.00");
    assert_eq!(v["total"], "2335120.00");
    let extended = ok_json(&["schedule", VI_SES, "--extend", "2", "--format", "json"]);
    assert_eq!(extended["total"], "7292188.00");
}

#[test]
fn schedule_compares_alternatives_side_by_side() {
    let v = ok_json(&[
        "schedule",
        GOTLAND,
        "--alternative",
        "all",
        "--format",
        "json",
    ]);
    let totals: BTreeSet<&str> = v["alternatives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["schedule"]["total"].as_str().unwrap())
        .collect();
    assert_eq!(totals, ["5200000.00", "7200000.00"].into());
    let text =
        String::from_utf8(iop(&["schedule", GOTLAND, "--alternative", "all"]).stdout).unwrap();
    assert!(
        text.contains("5 200 000 kr") && text.contains("7 200 000 kr"),
        "{text}"
    );
}

#[test]
fn schedule_says_what_is_missing_or_wrong() {
    let out = iop(&["schedule", GOTEBORG]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("beloppen saknas"), "{}", stderr(&out));
    let out = iop(&["schedule", VI_SES, "--extend", "3", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("at most 2"), "{}", stderr(&out));
    let out = iop(&["schedule", GOTLAND, "--alternative", "nope"]);
    assert!(stderr(&out).contains("finns inte"), "{}", stderr(&out));
    let out = iop(&["schedule", "examples/none.toml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn obligations_json_items_name_their_clause_and_moves() {
    let v = ok_json(&["obligations", SKANE, "--format", "json"]);
    let items = v.as_array().unwrap();
    assert!(
        items
            .iter()
            .all(|i| !i["clause"]["quote"].as_str().unwrap().is_empty())
    );
    let decision = items
        .iter()
        .find(|i| i["kind"] == "extension-decision")
        .unwrap();
    assert_eq!(decision["due"], "2024-04-02");
    assert_eq!(decision["moved_from"], "2024-03-31");
    assert!(
        decision["moved_note"]
            .as_str()
            .unwrap()
            .contains("söndag 31 mars 2024")
    );
    for key in [
        "due",
        "kind",
        "title",
        "responsible",
        "to",
        "clause",
        "moved_from",
    ] {
        assert!(decision.get(key).is_some(), "{key}");
    }
    // Several files, filtered by date, in date order.
    let v = ok_json(&[
        "obligations",
        GOTLAND,
        VI_SES,
        "--from",
        "2023-01-01",
        "--to",
        "2023-12-31",
        "--format",
        "json",
    ]);
    let dues: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["due"].as_str().unwrap())
        .collect();
    assert!(!dues.is_empty() && dues.iter().all(|d| d.starts_with("2023")));
    assert!(dues.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn obligations_refuse_a_bad_date_with_the_expected_format() {
    let out = iop(&["obligations", GOTLAND, "--from", "2025-02-30"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("YYYY-MM-DD"), "{}", stderr(&out));
}

#[test]
fn settle_json_for_each_kind_of_clause() {
    let v = ok_json(&[
        "settle",
        GOTLAND,
        "--notice-date",
        "2026-05-15",
        "--ground",
        "convenience",
        "--format",
        "json",
    ]);
    assert_eq!(
        (&v["effective_end"], &v["paid"], &v["kept"], &v["refund"]),
        (
            &"2026-08-15".into(),
            &"2600000.00".into(),
            &"2166666.67".into(),
            &"433333.33".into()
        )
    );
    assert!(v["max_claim"].is_null());
    let v = ok_json(&[
        "settle",
        VI_SES,
        "--notice-date",
        "2023-06-15",
        "--ground",
        "breach",
        "--incurred",
        "900 000",
        "--format",
        "json",
    ]);
    assert_eq!(
        (&v["refund"], &v["kept"]),
        (&"312000.00".into(), &"900000.00".into())
    );
    let v = ok_json(&[
        "settle",
        SKANE,
        "--notice-date",
        "2022-02-10",
        "--ground",
        "breach",
        "--format",
        "json",
    ]);
    assert_eq!(
        (&v["max_claim"], &v["proposal"], &v["refund"]),
        (&"1600000.00".into(), &"66666.67".into(), &Value::Null)
    );
}

#[test]
fn settle_refuses_what_the_agreement_does_not_provide() {
    let out = iop(&[
        "settle",
        VI_SES,
        "--notice-date",
        "2023-06-15",
        "--ground",
        "convenience",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("avtalsbrott"),
        "names the grounds that exist: {}",
        stderr(&out)
    );
    let out = iop(&["settle", GOTLAND, "--notice-date", "2030-01-01"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("utanför giltighetstiden"),
        "{}",
        stderr(&out)
    );
    let out = iop(&[
        "settle",
        GOTLAND,
        "--notice-date",
        "2026-01-01",
        "--paid",
        "lots",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("kronor"), "{}", stderr(&out));
    let out = iop(&[
        "settle",
        VI_SES,
        "--notice-date",
        "2023-06-15",
        "--ground",
        "breach",
    ]);
    assert!(stderr(&out).contains("--incurred"), "{}", stderr(&out));
}

/// Parse an iCalendar text with an independent parser and return its VTODOs
/// as (UID, DUE, SUMMARY, number of alarms).
fn todos(text: &str) -> Vec<(String, String, String, usize)> {
    let mut reader = ical::IcalParser::new(text.as_bytes());
    let cal = reader.next().expect("one calendar").expect("parses");
    assert!(reader.next().is_none());
    cal.todos
        .iter()
        .map(|todo| {
            let prop = |name: &str| {
                todo.properties
                    .iter()
                    .find(|p| p.name == name)
                    .and_then(|p| p.value.clone())
                    .unwrap_or_default()
            };
            (prop("UID"), prop("DUE"), prop("SUMMARY"), todo.alarms.len())
        })
        .collect()
}

#[test]
fn calendar_is_valid_icalendar_with_stable_uids() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let file = dir.join("skane.ics");
    let out = iop(&["calendar", SKANE, "-o", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let first = todos(&std::fs::read_to_string(&file).unwrap());
    let again = todos(&String::from_utf8(iop(&["calendar", SKANE]).stdout).unwrap());
    let uids = |list: &[(String, String, String, usize)]| {
        list.iter().map(|t| t.0.clone()).collect::<Vec<_>>()
    };
    assert_eq!(
        uids(&first),
        uids(&again),
        "the same file gives the same UIDs"
    );
    assert_eq!(
        uids(&first).iter().collect::<BTreeSet<_>>().len(),
        first.len(),
        "UIDs are unique"
    );
    // The obligations (less the term's end, a VEVENT) are the VTODOs.
    let obligations = ok_json(&["obligations", SKANE, "--format", "json"]);
    assert_eq!(first.len(), obligations.as_array().unwrap().len() - 1);
    let decision = first
        .iter()
        .find(|t| t.1 == "20240402")
        .expect("the moved extension decision");
    assert!(
        decision.2.contains("förlängning"),
        "Swedish summary: {}",
        decision.2
    );
    assert!(first.iter().all(|t| t.3 == 2), "two reminders each");
}

/// The Vi Ses! example without one of its text sections: `iop check` calls
/// that an error, but no date or amount depends on the section.
fn vi_ses_without(section_kind: &str, name: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join(VI_SES)).unwrap();
    let marker = format!("[[sections]]\nkind = \"{section_kind}\"\n");
    let start = text.find(&marker).expect("the example has the section");
    let end = start + text[start + 2..].find("\n[[").expect("a table follows") + 3;
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&out, format!("{}{}", &text[..start], &text[end..])).unwrap();
    out.display().to_string()
}

#[test]
fn a_missing_section_does_not_stop_the_money_and_the_duties() {
    let file = vi_ses_without("background", "vi-ses-no-background.toml");
    let check = iop(&["check", &file]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "the missing section is an error"
    );
    assert!(String::from_utf8_lossy(&check.stdout).contains("section-missing"));

    let full = ok_json(&["schedule", VI_SES, "--format", "json"]);
    let out = iop(&["schedule", &file, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let partial: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(partial, full, "the money does not depend on the section");
    assert!(stderr(&out).contains("section-missing"), "{}", stderr(&out));

    let full = ok_json(&["obligations", VI_SES, "--format", "json"]);
    let out = iop(&["obligations", &file, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let partial: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(partial, full, "nor do the duties");
    assert!(stderr(&out).contains("section-missing"));
}

#[test]
fn an_error_in_what_the_money_needs_still_stops_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join(VI_SES)).unwrap();
    // The municipality's contribution names a party that does not exist.
    let broken = text.replacen(
        "[[financing.contributions]]\nparty = \"linkopings-kommun\"",
        "[[financing.contributions]]\nparty = \"nobody\"",
        1,
    );
    assert_ne!(broken, text);
    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join("vi-ses-unknown-party.toml");
    std::fs::write(&file, broken).unwrap();
    let out = iop(&["schedule", &file.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("iop check"), "{}", stderr(&out));
}
