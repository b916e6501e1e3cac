//! `iop render`, built with the `pdf` feature.
#![cfg(feature = "pdf")]

use std::path::Path;
use std::process::Command;

fn iop(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_iop"))
        .args(args)
        .env_remove("IOP_LANG")
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .output()
        .unwrap()
}

#[test]
fn renders_each_document_and_refuses_a_memo_without_a_decision_trail() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("render");
    std::fs::create_dir_all(&dir).unwrap();
    for (doc, format, magic) in [
        ("agreement", "pdf", &b"%PDF"[..]),
        ("memo", "pdf", b"%PDF"),
        ("minute", "html", b"<!DOCTYPE html"),
    ] {
        let out = dir.join(format!("gotland-{doc}.{format}"));
        let run = iop(&[
            "render",
            "examples/000-gotland-rkg.toml",
            "--doc",
            doc,
            "--format",
            format,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(
            run.status.code(),
            Some(0),
            "{doc}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let bytes = std::fs::read(&out).unwrap();
        assert!(
            bytes.starts_with(magic),
            "{doc}.{format} starts with {:?}",
            &bytes[..bytes.len().min(16)]
        );
    }
    let out = dir.join("vi-ses-memo.pdf");
    let run = iop(&[
        "render",
        "examples/002-linkoping-vi-ses.toml",
        "--doc",
        "memo",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("decision_trail"));
    assert!(!out.exists(), "nothing half-written");
}
