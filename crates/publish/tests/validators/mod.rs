//! The official validators, run offline from ../shared/tools (relative to
//! the repository; `IOP_SHARED` points elsewhere, e.g. from a git worktree).
//! Shared by the publish tests and the server's open-data tests.

#![allow(dead_code)] // each test binary uses its own part

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// ../shared next to the repository, where CI keeps the standards and the
/// validators.
pub fn shared() -> PathBuf {
    std::env::var_os("IOP_SHARED").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
        PathBuf::from,
    )
}

/// Runs the validator `tool` on the file at `path`; returns its summary.
pub fn run(tool: &str, path: &Path) -> Value {
    let tool = shared().join("tools").join(tool);
    let out = Command::new(&tool)
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", tool.display()));
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{} gave no summary ({e}): {}",
            tool.display(),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    println!(
        "{name}: {}",
        serde_json::to_string(&summary).unwrap_or_default()
    );
    summary
}

/// `validate-ocds` found no error; only `links` (the pagination convention,
/// not in the 1.1 package schema) is an extra field.
pub fn assert_valid_ocds(file: &str, summary: &Value) {
    assert_eq!(
        summary["validation_errors"],
        Value::Array(vec![]),
        "{file}: {summary:#}"
    );
    assert_eq!(summary["valid"], Value::Bool(true), "{file}: {summary:#}");
    for field in summary["additional_fields"]
        .as_array()
        .into_iter()
        .flatten()
    {
        assert_eq!(
            (&field["field"], &field["path"]),
            (&Value::from("links"), &Value::from("")),
            "{file}: extra field {field}"
        );
    }
}
