//! Helper programs (pdftotext, pdfinfo, pdftoppm, tesseract) run as bounded
//! subprocesses: a time limit, a cap on what they may print, no input.

use std::ffi::OsStr;
use std::io::Read;
use std::process::{Command, ExitStatus, Stdio};
use std::time::Duration;

use wait_timeout::ChildExt;

use crate::error::ImportError;

/// What a program printed and how it ended.
pub(super) struct Run {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    /// The first 4 KiB of what it wrote to standard error.
    pub stderr: String,
}

pub(super) fn error(tool: &str, reason: impl Into<String>) -> ImportError {
    ImportError::Tool {
        tool: tool.into(),
        reason: reason.into(),
    }
}

/// Run `program` with `args`; it is killed after `timeout`, and printing more
/// than `cap` bytes is an error. `package` names the Debian package to install
/// when the program is missing.
pub(super) fn run<S: AsRef<OsStr>>(
    program: &str,
    args: &[S],
    timeout: Duration,
    cap: u64,
    package: &str,
) -> Result<Run, ImportError> {
    let mut child = Command::new(program)
        .args(args)
        // Tesseract would start a thread per core; one page at a time is enough.
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                error(program, format!("not installed (Debian package {package})"))
            }
            _ => error(program, e.to_string()),
        })?;
    let stdout = child.stdout.take();
    let stderr = child.stderr.take();
    // Read in threads so a full pipe cannot stall the child past its timeout.
    let out_reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(pipe) = stdout {
            let mut pipe = pipe;
            let _ = (&mut pipe).take(cap + 1).read_to_end(&mut out);
            // Past the cap the rest is drained, so the child is not stalled.
            let _ = std::io::copy(&mut pipe, &mut std::io::sink());
        }
        out
    });
    let err_reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(pipe) = stderr {
            let mut pipe = pipe;
            let _ = (&mut pipe).take(4096).read_to_end(&mut out);
            let _ = std::io::copy(&mut pipe, &mut std::io::sink());
        }
        String::from_utf8_lossy(&out).into_owned()
    });
    let status = match child.wait_timeout(timeout) {
        Ok(Some(status)) => status,
        Ok(None) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(error(
                program,
                format!("took longer than {} s", timeout.as_secs()),
            ));
        }
        Err(e) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(error(program, e.to_string()));
        }
    };
    let stdout = out_reader
        .join()
        .map_err(|_| error(program, "reading its output failed"))?;
    let stderr = err_reader.join().unwrap_or_default();
    if stdout.len() as u64 > cap {
        return Err(error(
            program,
            format!("printed more than {cap} bytes of text"),
        ));
    }
    Ok(Run {
        status,
        stdout,
        stderr,
    })
}
