//! The `iop` binary as a user runs it: exit codes, diagnostics with line and
//! column, both languages, JSON output, the schema.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn iop(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iop"))
        .args(args)
        .env_remove("IOP_LANG")
        .current_dir(workspace())
        .output()
        .expect("the iop binary runs")
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Write `text` to a fresh file under the target directory and return its path.
fn file(name: &str, text: &str) -> String {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

const EXAMPLES: [&str; 4] = [
    "examples/000-gotland-rkg.toml",
    "examples/002-linkoping-vi-ses.toml",
    "examples/003-skane-malmo-barn.toml",
    "examples/004-goteborg-eu-migranter.toml",
];

/// The 002 example with one line replaced.
fn vi_ses_with(from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(workspace().join(EXAMPLES[1])).unwrap();
    assert!(text.contains(from), "the example has no {from:?}");
    text.replacen(from, to, 1)
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

#[test]
fn the_examples_have_no_errors() {
    let out = iop(&["check", EXAMPLES[0], EXAMPLES[1], EXAMPLES[2], EXAMPLES[3]]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("4 filer kontrollerade: 0 fel"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_wrong_check_digit_is_shown_at_its_line_and_column_in_swedish() {
    let path = file("orgnr.toml", &vi_ses_with("212000-0449", "212000-0448"));
    let line = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .position(|l| l.contains("212000-0448"))
        .unwrap()
        + 1;
    let out = iop(&["check", &path]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("fel[orgnr-checksum]"), "{text}");
    assert!(text.contains("den sista siffran ska vara 9"), "{text}");
    assert!(text.contains(&format!("orgnr.toml:{line}:")), "{text}");
    assert!(
        text.contains("212000-0448\"\n"),
        "the source line is shown: {text}"
    );
}

#[test]
fn json_output_has_code_message_line_and_column_in_english() {
    let path = file("float.toml", &vi_ses_with("\"600 000\"", "600000.0"));
    let out = iop(&["check", "--format", "json", "--lang", "en", &path]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let error = &v["files"][0]["errors"][0];
    assert_eq!(error["code"], "amount-float");
    assert!(
        error["message"].as_str().unwrap().contains("not be exact"),
        "{error}"
    );
    assert!(error["line"].as_u64().unwrap() > 1);
    assert!(error["column"].as_u64().unwrap() >= 1);
    assert_eq!(v["files"][0]["path"], path.as_str());
}

#[test]
fn bad_input_gets_a_clear_diagnostic_never_a_panic() {
    let cases = [
        ("broken.toml", "format = 1\nid = \"x\n", "toml-syntax"),
        (
            "unknown.toml",
            &vi_ses_with("title =", "titel =") as &str,
            "unknown-field",
        ),
        (
            "date.toml",
            &vi_ses_with("2022-01-01", "2025-02-30"),
            "date-invalid",
        ),
        (
            "date-string.toml",
            &vi_ses_with("2022-01-01", "\"2023-02-29\""),
            "date-invalid",
        ),
        (
            "length.toml",
            &vi_ses_with("\"2 years\"", "\"two years\""),
            "length-format",
        ),
        (
            "type.toml",
            &vi_ses_with("format = 1", "format = \"ett\""),
            "wrong-type",
        ),
        (
            "amount.toml",
            &vi_ses_with("\"600 000\"", "\"600 000 SEK\""),
            "amount-format",
        ),
        (
            "order.toml",
            &vi_ses_with("2023-12-31", "2021-12-31"),
            "term-order",
        ),
        (
            "sum.toml",
            &vi_ses_with("\"556 000\"", "\"500 000\""),
            "contributions-sum",
        ),
        ("broken.json", "{\"format\": 1, ", "json-syntax"),
    ];
    for (name, text, code) in cases {
        let path = file(name, text);
        let out = iop(&["check", "--format", "json", &path]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stdout(&out));
        let v = json(&out);
        let codes: Vec<&str> = v["files"][0]["errors"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["code"].as_str())
            .collect();
        assert!(
            codes.contains(&code),
            "{name}: expected {code}, got {codes:?}"
        );
        assert!(
            v["files"][0]["errors"][0]["line"].is_u64(),
            "{name}: no line"
        );
        assert!(
            String::from_utf8_lossy(&out.stderr).is_empty(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn an_unreadable_file_or_bad_arguments_exit_2() {
    let out = iop(&["check", "examples/no-such-file.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("kan inte läsas"));
    assert_eq!(iop(&["check"]).status.code(), Some(2));
    assert_eq!(
        iop(&["check", "--lang", "de", EXAMPLES[0]]).status.code(),
        Some(2)
    );
}

#[test]
fn an_agreement_read_as_json_checks_the_same() {
    let toml = std::fs::read_to_string(workspace().join(EXAMPLES[1])).unwrap();
    let agreement = domain::format::parse(&toml, domain::format::Syntax::Toml).unwrap();
    let path = file("vi-ses.json", &domain::format::to_json(&agreement).unwrap());
    let from_json = json(&iop(&["check", "--format", "json", &path]));
    let from_toml = json(&iop(&["check", "--format", "json", EXAMPLES[1]]));
    let codes = |v: &serde_json::Value| {
        v["files"][0]["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["code"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(&from_json), codes(&from_toml));
}

#[test]
fn the_schema_describes_the_agreement() {
    let out = iop(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    assert_eq!(v["title"], "Agreement");
    assert_eq!(
        v["additionalProperties"], false,
        "unknown fields are refused"
    );
    for field in [
        "parties",
        "financing",
        "term",
        "termination",
        "governance",
        "reporting",
        "appendices",
        "decision_trail",
    ] {
        assert!(
            v["properties"].get(field).is_some(),
            "{field} missing from the schema"
        );
    }
}

/// `iop user list` ends each line with the user's address, `-` before one
/// is set.
fn user_list_shows_the_address(run: &dyn Fn(&[&str]) -> std::process::Output) {
    let list = stdout(&run(&["user", "list"]));
    assert!(
        list.contains("anna\tAnna Andersson (administratör)\t212000-0449: handläggare\t-\n"),
        "{list}"
    );
    let set = run(&["user", "set-email", "anna", "anna@example.se"]);
    assert_eq!(set.status.code(), Some(0));
    let list = stdout(&run(&["user", "list"]));
    assert!(
        list.contains("\t212000-0449: handläggare\tanna@example.se\n"),
        "each user's address is listed: {list}"
    );
}

#[test]
fn operators_manage_users_from_the_command_line() {
    let db =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-users-{}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let db = db.display().to_string();
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--db", &db]);
        iop(&all)
    };
    // No password given: one is generated, printed once, and long.
    let added = run(&["user", "add", "anna", "--name", "Anna Andersson", "--admin"]);
    assert_eq!(
        added.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let out = stdout(&added);
    assert!(out.contains("Administratören anna är skapad."), "{out}");
    let password = out
        .lines()
        .find_map(|l| l.strip_prefix("Lösenord (visas bara nu): "))
        .unwrap();
    assert!(password.len() >= 20, "{password}");
    // The same name twice, a bad name, an unknown organisation: refused, exit 1.
    assert_eq!(
        run(&["user", "add", "anna", "--name", "Anna"])
            .status
            .code(),
        Some(1)
    );
    let bad = run(&["user", "add", "Anna K", "--name", "Anna"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("username"));
    let unknown = run(&[
        "user",
        "grant",
        "anna",
        "--org",
        "no-such-org",
        "--role",
        "reader",
    ]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no-such-org"));
    // With --org-name the organisation is created; English on request.
    let granted = run(&[
        "user",
        "grant",
        "anna",
        "--org",
        "212000-0449",
        "--org-name",
        "Linköpings kommun",
        "--role",
        "official",
        "--lang",
        "en",
    ]);
    assert_eq!(
        stdout(&granted),
        "anna now has the role official in 212000-0449.\n"
    );
    user_list_shows_the_address(&run);
    let token = stdout(&run(&[
        "user", "token", "anna", "--name", "ci", "--scope", "read",
    ]));
    assert!(
        token.starts_with("iop_") && token.trim().len() == 68,
        "{token}"
    );
    assert_eq!(
        run(&["user", "revoke", "anna", "--org", "212000-0449"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run(&["user", "revoke", "anna", "--org", "212000-0449"])
            .status
            .code(),
        Some(1)
    );
    // Each write (user, organisation, role, address, token, revocation) is
    // in the audit log, the refusals are not, and the chain holds.
    let verified = run(&["audit", "verify", "--lang", "en"]);
    assert_eq!(verified.status.code(), Some(0));
    assert!(
        stdout(&verified).starts_with("The audit log is intact: 6 events"),
        "{}",
        stdout(&verified)
    );
}
