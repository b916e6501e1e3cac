//! One module per subcommand, and what they share: reading an agreement for
//! a computation, words in the user's language, and failure with an exit code.

pub mod audit;
pub mod backup;
pub mod calendar;
pub mod check;
pub mod export;
pub mod generate;
pub mod import;
pub mod obligations;
pub mod remind;
#[cfg(feature = "pdf")]
pub mod render;
mod report;
pub mod schedule;
pub mod serve;
pub mod settle;
pub mod user;

use std::path::Path;
use std::process::ExitCode;

use domain::Agreement;
use domain::diagnostic::Severity;
use domain::format::{self, Syntax};
use domain::value::Money;
use locale::Lang;

/// A command that could not do its job: what to print and the exit code
/// (1: the input cannot give an answer; 2: a file cannot be read or written).
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: u8,
}

impl Failure {
    pub fn new(code: u8, message: String) -> Self {
        Failure { message, code }
    }

    pub fn exit(self) -> ExitCode {
        eprintln!("{}", self.message);
        ExitCode::from(self.code)
    }
}

/// Write to standard output. A reader that stops early (`| head`) is not an
/// error; any other failure to write is.
pub fn emit(text: &str) -> Result<(), Failure> {
    emit_bytes(text.as_bytes())
}

/// Write bytes to standard output, as `emit`.
pub fn emit_bytes(bytes: &[u8]) -> Result<(), Failure> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::new(2, format!("stdout: {e}"))),
    }
}

/// Run `work` on the database `db`, closed after.
pub fn with_store<T>(
    db: &crate::cli::DbArgs,
    work: impl AsyncFnOnce(&store::Store) -> Result<T, Failure>,
) -> Result<T, Failure> {
    let url = store::DatabaseUrl::parse(&db.db).map_err(|e| Failure::new(2, e.to_string()))?;
    let runtime =
        tokio::runtime::Runtime::new().map_err(|e| Failure::new(2, format!("runtime: {e}")))?;
    runtime.block_on(async {
        let store = store::Store::open(&url)
            .await
            .map_err(|e| Failure::new(2, format!("database: {e}")))?;
        let result = work(&store).await;
        store.close().await;
        result
    })
}

/// Run `work` on the application over the database `db`; uploaded files
/// (none from the command line) go to a scratch directory.
pub fn open_app<T>(
    db: &crate::cli::DbArgs,
    files: &str,
    work: impl AsyncFnOnce(&app::App) -> Result<T, Failure>,
) -> Result<T, Failure> {
    with_store(db, async |store| {
        let blobs = store::Blobs::open(std::env::temp_dir().join(files))
            .map_err(|e| Failure::new(2, e.to_string()))?;
        work(&app::App::new(store.clone(), blobs)).await
    })
}

/// A message in the user's language.
pub fn t(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    locale::text(lang, key, args)
}

/// Read and parse an agreement file, with the errors its checks find.
fn read_agreement(
    path: &Path,
    lang: Lang,
) -> Result<(String, Agreement, Vec<domain::diagnostic::Diagnostic>), Failure> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        let detail = e.to_string();
        Failure::new(
            2,
            t(
                lang,
                "file-unreadable",
                &[("path", &shown), ("detail", &detail)],
            ),
        )
    })?;
    let syntax = Syntax::from_path(&shown);
    let agreement = format::parse(&text, syntax).map_err(|_| invalid_file(&shown, lang))?;
    let errors = domain::check::check(&agreement)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    Ok((shown, agreement, errors))
}

fn invalid_file(shown: &str, lang: Lang) -> Failure {
    Failure::new(1, t(lang, "error-invalid-file", &[("path", shown)]))
}

/// Read and parse an agreement that a computation needs; a file with errors
/// is refused with a pointer to `iop check`.
pub fn load(path: &Path, lang: Lang) -> Result<(String, Agreement), Failure> {
    let (shown, agreement, errors) = read_agreement(path, lang)?;
    if !errors.is_empty() {
        return Err(invalid_file(&shown, lang));
    }
    Ok((shown, agreement))
}

/// Check codes whose error leaves the money schedule without meaning: its
/// references, its term's order and its payment plan.
pub const SCHEDULE_NEEDS: &[&str] = &[
    "duplicate-id",
    "unknown-reference",
    "term-order",
    "payment-plan-invalid",
];

/// Check codes whose error leaves the dated duties without meaning.
pub const OBLIGATIONS_NEEDS: &[&str] = &[
    "duplicate-id",
    "unknown-reference",
    "term-order",
    "due-invalid",
    "cadence-invalid",
];

/// Read an agreement file to compute from it: refused when it cannot be
/// parsed or has an error in what the computation needs (`needs`, check
/// codes); any other error (a missing section, sums that do not add up, a
/// wrong check digit) is reported on standard error and the computation
/// goes on with what does not depend on it.
pub fn load_for(path: &Path, lang: Lang, needs: &[&str]) -> Result<(String, Agreement), Failure> {
    let (shown, agreement, errors) = read_agreement(path, lang)?;
    if errors.iter().any(|d| needs.contains(&d.code)) {
        return Err(invalid_file(&shown, lang));
    }
    for d in &errors {
        let message = report::message(d, lang);
        eprintln!(
            "{}",
            t(
                lang,
                "error-computed-anyway",
                &[("path", &shown), ("message", &message), ("code", d.code)]
            )
        );
    }
    Ok((shown, agreement))
}

/// Machine form for JSON: "1179120.00".
pub fn decimal(amount: Money) -> String {
    amount.to_decimal_string()
}

/// Words for a ground of termination.
pub fn ground_word(ground: domain::model::Ground, lang: Lang) -> String {
    let key = match ground {
        domain::model::Ground::Convenience => "ground-convenience",
        domain::model::Ground::Breach => "ground-breach",
        domain::model::Ground::Insolvency => "ground-insolvency",
        domain::model::Ground::Mismanagement => "ground-mismanagement",
        domain::model::Ground::ChangedCircumstances => "ground-changed-circumstances",
    };
    t(lang, key, &[])
}

/// A quoted clause on one line: the file's line breaks and indentation gone.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Right-align `value` in `width` characters.
pub fn right(value: &str, width: usize) -> String {
    format!("{value:>width$}")
}
