//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use domain::value::{Date, Money};

/// iop — idéburna offentliga partnerskap (IOP): agreements as data.
#[derive(Debug, Parser)]
#[command(name = "iop", version, about, long_about = None)]
pub struct Cli {
    /// Language of all output: sv (svenska, default) or en.
    #[arg(long, value_enum, default_value_t = Lang::Sv, env = "IOP_LANG", global = true)]
    pub lang: Lang,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check agreement files against every rule and judgement (domain.md).
    ///
    /// Exit code 0: no file has errors; 1: some file has errors;
    /// 2: a file could not be read or the arguments are wrong.
    Check(CheckArgs),
    /// Print the JSON Schema of the agreement file format, for editors.
    Schema,
    /// Money per calendar year: budget lines, each party's cash and in-kind
    /// contribution, payments, invoices and the total.
    Schedule(ScheduleArgs),
    /// Every dated duty: reports, meetings, extension decision, invoices,
    /// the term's end; due dates moved to working days (lag 1930:173).
    Obligations(ObligationsArgs),
    /// What ending the agreement early means: the effective end, what was
    /// paid, what is kept and what is repaid, under the clause that applies.
    Settle(SettleArgs),
    /// Write the deadlines and meeting windows as an iCalendar file (RFC 5545).
    Calendar(CalendarArgs),
    /// Run the application: the web pages and the JSON API.
    Serve(ServeArgs),
    /// Create or bring the database schema up to date, then exit.
    Migrate(DbArgs),
    /// Print the OpenAPI 3.1 document of the JSON API.
    Openapi,
    /// Copy the whole database into a new SQLite file, consistently, while
    /// the server runs.
    Backup(BackupArgs),
    /// Copy a backup into an empty database (SQLite or PostgreSQL).
    Restore(RestoreArgs),
    /// Demonstration data.
    #[command(subcommand)]
    Demo(DemoCommand),
    /// Users, their organisations and roles, API tokens (for operators).
    #[command(subcommand)]
    User(UserCommand),
    /// The tamper-evident audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Propose an agreement file from an agreement document (.docx, .odt,
    /// .pdf with a text layer, .txt, .md), each value with its source.
    ///
    /// Exit code 0: the file was written; 1: the document holds no
    /// agreement; 2: it cannot be read or the arguments are wrong.
    Import(ImportArgs),
    /// Write the public register as open data: OCDS 1.1, 360Giving 1.4.3,
    /// the DCAT-AP-SE catalogue, CSV or XLSX; the same bytes as the routes.
    Export(ExportArgs),
    /// Render the agreement, the decision memo or the minute extract as PDF or HTML.
    #[cfg(feature = "pdf")]
    Render(RenderArgs),
    /// Påminnelser via e-post: planera dagens, skicka dem som ska gå.
    /// E-mail reminders: plan the day's and send those due.
    ///
    /// Varje påminnelse har en nyckel (mottagare, överenskommelse,
    /// skyldighet, dagar före/efter) och skickas en gång. Each reminder has
    /// a key (recipient, agreement, duty, lead) and is sent once.
    /// Exit code 0: done (failures are in the outbox and the audit log);
    /// 2: the database or the SMTP settings cannot be used.
    Remind(RemindArgs),
}

/// How reminder mails leave: the SMTP server and the sender's rhythm.
#[derive(Debug, clap::Args)]
pub struct MailArgs {
    /// SMTP-server / SMTP server: smtp://HOST:PORT (okrypterat, lokal relä /
    /// plain, a local relay), smtp://USER:PASS@HOST:PORT (STARTTLS),
    /// smtps://[USER:PASS@]HOST:PORT (TLS). Utan: e-post av / without: e-mail off.
    #[arg(long, env = "IOP_SMTP_URL", value_name = "URL")]
    pub smtp_url: Option<String>,
    /// Avsändare / the sender, e.g. "iop <iop@kommun.se>".
    #[arg(
        long,
        env = "IOP_MAIL_FROM",
        default_value = "iop <iop@example.se>",
        value_name = "ADDR"
    )]
    pub mail_from: String,
    /// Sekunder en påtagen påminnelse är processens / seconds a claimed
    /// reminder is this process's before another may take it (after a crash).
    #[arg(long, default_value_t = 300, value_name = "SECONDS")]
    pub lease_secs: u64,
    /// Sekunder till första nya försöket / seconds before the first retry
    /// after a temporary failure; each next wait is five times longer.
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    pub retry_secs: u64,
    /// Försök totalt innan påminnelsen räknas som misslyckad / attempts in
    /// all before a reminder counts as failed.
    #[arg(long, default_value_t = 6, value_name = "N")]
    pub max_attempts: i64,
    /// Påminnelser som tas åt gången / reminders claimed at a time.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub batch: i64,
    /// Sekunder att vänta på SMTP-servern / seconds to wait for the SMTP server at each step.
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    pub smtp_timeout_secs: u64,
}

#[derive(Debug, clap::Args)]
pub struct RemindArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Dagen att planera för (ÅÅÅÅ-MM-DD) / the day to plan for (YYYY-MM-DD);
    /// default: today in Sweden.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<Date>,
    #[command(flatten)]
    pub mail: MailArgs,
    /// Adressen iop nås på, för länkarna / the address iop is reached at, for the links.
    #[arg(
        long,
        env = "IOP_BASE_URL",
        default_value = "http://127.0.0.1:8080",
        value_name = "URL"
    )]
    pub base_url: String,
    /// Lista dagens påminnelser och skicka inget / list the day's reminders, send nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Visa utkorgen och skicka inget / show the outbox, send nothing.
    #[arg(long, conflicts_with = "dry_run")]
    pub outbox: bool,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The agreement document.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Where to write; `-` for standard output. Default: FILE.iop.toml (or .iop.json) beside it.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ImportFormat::Toml)]
    pub format: ImportFormat,
    /// Also write every finding with its span (page, line, column), confidence
    /// and rule as JSON: `json` to standard output, anything else a file.
    #[arg(long, value_name = "json|FILE")]
    pub explain: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// TOML with each value's source quoted beside it.
    Toml,
    /// The same agreement as JSON.
    Json,
}

#[cfg(feature = "pdf")]
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// Agreement file (.toml or .json).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Which document: agreement, memo (tjänsteskrivelse) or minute (protokollsutdrag).
    #[arg(long, value_enum, default_value_t = DocArg::Agreement)]
    pub doc: DocArg,
    /// pdf or html.
    #[arg(long, value_enum, default_value_t = OutputArg::Pdf)]
    pub format: OutputArg,
    /// Where to write; default: FILE with the document's name and extension beside it.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

#[cfg(feature = "pdf")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocArg {
    Agreement,
    Memo,
    Minute,
}

#[cfg(feature = "pdf")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputArg {
    Pdf,
    Html,
}

#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The backup file to create (an SQLite database; must not exist).
    #[arg(long, value_name = "FILE.db")]
    pub to: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// The database to restore into; it must hold no agreements.
    #[command(flatten)]
    pub db: DbArgs,
    /// The backup file (made by `iop backup`).
    #[arg(long, value_name = "FILE.db")]
    pub from: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum DemoCommand {
    /// Generate a realistic portfolio: agreements of the seeds' shapes with
    /// years of follow-up records, stored in the database.
    Generate(GenerateArgs),
}

#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// How many agreements.
    #[arg(long, default_value_t = 1000)]
    pub agreements: usize,
    /// About how many follow-up records per agreement.
    #[arg(long, default_value_t = 50)]
    pub records: usize,
    /// Seed of the generator: the same seed gives the same portfolio.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The day records are generated up to (YYYY-MM-DD); default: today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<Date>,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user. The password is read from standard input with
    /// --password-stdin; otherwise one is generated and printed once.
    Add(UserAddArgs),
    /// Give a user a role in an organisation.
    Grant(GrantArgs),
    /// Take away a user's role in an organisation.
    Revoke(RevokeArgs),
    /// Set a new password (the user's sessions end).
    ResetPassword(ResetPasswordArgs),
    /// Create an API token acting for a user; printed once.
    Token(TokenArgs),
    /// List users with their organisations and roles.
    List(DbArgs),
    /// Sätt eller ta bort en användares e-postadress / set or remove a
    /// user's e-mail address (where reminders go).
    SetEmail(SetEmailArgs),
}

#[derive(Debug, clap::Args)]
pub struct UserAddArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The user name (a–z, 0–9, . _ - @).
    pub username: String,
    /// The name shown in the interface and the history.
    #[arg(long)]
    pub name: String,
    /// An administrator: manages users and organisations.
    #[arg(long)]
    pub admin: bool,
    /// Read the password from the first line of standard input.
    #[arg(long)]
    pub password_stdin: bool,
    /// E-postadress för påminnelser / the e-mail address reminders go to.
    #[arg(long, value_name = "ADDR")]
    pub email: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct SetEmailArgs {
    #[command(flatten)]
    pub db: DbArgs,
    pub username: String,
    /// Adressen / the address; none with --clear.
    #[arg(required_unless_present = "clear", value_name = "ADDR")]
    pub email: Option<String>,
    /// Ta bort adressen (inga påminnelser) / remove the address (no reminders).
    #[arg(long, conflicts_with = "email")]
    pub clear: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    /// Handläggare: creates and edits agreements of the organisation.
    Official,
    /// Partner representative: submits reports, invoices and outcome figures.
    Partner,
    /// Read-only: auditors, politicians.
    Reader,
}

#[derive(Debug, clap::Args)]
pub struct GrantArgs {
    #[command(flatten)]
    pub db: DbArgs,
    pub username: String,
    /// The organisation's id: its org number (NNNNNN-NNNN), or the slug of
    /// its name for parties without one ("region-gotland").
    #[arg(long)]
    pub org: String,
    #[arg(long, value_enum)]
    pub role: RoleArg,
    /// Create the organisation with this name if it does not exist yet.
    #[arg(long, value_name = "NAME")]
    pub org_name: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct RevokeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    pub username: String,
    #[arg(long)]
    pub org: String,
}

#[derive(Debug, clap::Args)]
pub struct ResetPasswordArgs {
    #[command(flatten)]
    pub db: DbArgs,
    pub username: String,
    /// Read the password from the first line of standard input.
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScopeArg {
    Read,
    Write,
}

#[derive(Debug, clap::Args)]
pub struct TokenArgs {
    #[command(flatten)]
    pub db: DbArgs,
    pub username: String,
    /// What the token is for (shown in the token list).
    #[arg(long)]
    pub name: String,
    #[arg(long, value_enum, default_value_t = ScopeArg::Read)]
    pub scope: ScopeArg,
    /// Days until it expires; without, until revoked.
    #[arg(long)]
    pub days: Option<i64>,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recompute the hash chain: exit 0 when intact, 1 naming the first
    /// broken event or the first checkpoint the log no longer agrees with.
    Verify(VerifyArgs),
    /// Verify the chain, then print its head as a checkpoint `SEQ:HASH`, to
    /// be kept outside the database (e.g. appended daily to a file on
    /// another machine) and given back to `verify --expect-file`.
    Head(DbArgs),
}

#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// A checkpoint `SEQ:HASH` printed earlier by `iop audit head`: the
    /// event SEQ must still exist and have that hash. May be repeated.
    #[arg(long = "expect", value_name = "SEQ:HASH")]
    pub expect: Vec<String>,
    /// A file of checkpoints, one `SEQ:HASH` per line (blank lines and
    /// lines starting with # are skipped).
    #[arg(long, value_name = "FILE")]
    pub expect_file: Option<std::path::PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct DbArgs {
    /// The database: a path ending in .db (SQLite, created if missing),
    /// sqlite://PATH, or postgres://USER@HOST:PORT/DB.
    #[arg(long, env = "DATABASE_URL", default_value = "./iop.db")]
    pub db: String,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The database: a path ending in .db (SQLite, created if missing),
    /// sqlite://PATH, or postgres://USER@HOST:PORT/DB.
    #[arg(long, env = "DATABASE_URL", default_value = "./iop.db")]
    pub db: String,
    /// Where uploaded files (reports, minutes) are kept, under generated names.
    #[arg(long, env = "IOP_FILES", default_value = "./iop-files")]
    pub files: PathBuf,
    /// Address to listen on; port 0 picks a free port (printed at start).
    #[arg(long, env = "IOP_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Load the seed agreements and their follow-up examples (once).
    #[arg(long)]
    pub demo: bool,
    /// Treat this day as today (YYYY-MM-DD), for demonstrations and tests.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<Date>,
    /// Log format on standard error; the level is set with IOP_LOG (e.g. "debug").
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// The server is reached over HTTPS (directly or through a proxy): mark
    /// the session cookie Secure and send Strict-Transport-Security.
    #[arg(long, env = "IOP_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Memory for answers kept between writes (the agreement list, one
    /// agreement, due duties), in MiB; 0 keeps nothing, not even who an API
    /// token belongs to, and asks the database every time.
    #[arg(long, env = "IOP_CACHE_MB", default_value_t = 64, value_name = "MIB")]
    pub cache_mb: u64,
    /// A reverse proxy in front of the server (an IP address; repeat, or
    /// separate with commas): from it, the client's address is the last one
    /// in X-Forwarded-For, for sign-in throttling. From any other peer the
    /// header is ignored.
    #[arg(
        long,
        env = "IOP_TRUSTED_PROXIES",
        value_delimiter = ',',
        value_name = "IP"
    )]
    pub trusted_proxy: Vec<std::net::IpAddr>,
    #[command(flatten)]
    pub open_data: OpenDataArgs,
    #[command(flatten)]
    pub mail: MailArgs,
    /// Timmen påminnelserna skickas varje dag (svensk tid) / the hour the
    /// reminders are sent each day (Swedish time), 0–23; also once at start.
    #[arg(long, env = "IOP_REMIND_HOUR", default_value_t = 6, value_name = "HOUR",
        value_parser = clap::value_parser!(i8).range(0..=23))]
    pub remind_hour: i8,
}

/// Who publishes the public register as open data, and where. The defaults
/// are the demo's: a real instance sets its own.
#[derive(Debug, clap::Args)]
pub struct OpenDataArgs {
    /// The OCDS prefix registered with the Open Contracting Partnership:
    /// "ocds-" and six lower-case letters or digits (demo: ocds-iopdem).
    #[arg(long, env = "IOP_OCID_PREFIX", default_value = app::DEMO_OCID_PREFIX,
        value_parser = parse_ocid_prefix, value_name = "PREFIX")]
    pub ocid_prefix: String,
    /// The publishing organisation's name.
    #[arg(long, env = "IOP_PUBLISHER_NAME", default_value = app::DEMO_PUBLISHER_NAME, value_name = "NAME")]
    pub publisher_name: String,
    /// The publishing organisation's organisationsnummer.
    #[arg(long, env = "IOP_PUBLISHER_ORG_NUMBER", default_value = app::DEMO_PUBLISHER_ORG_NUMBER, value_name = "ORGNR")]
    pub publisher_org_number: String,
    /// The address the server is reached at, as the feeds' links say it
    /// (serve: default http://ADDRESS it listens on; export: http://127.0.0.1:8080).
    #[arg(long, env = "IOP_BASE_URL", value_name = "URL")]
    pub base_url: Option<String>,
    /// Who answers questions about the data (a function, not a person).
    #[arg(long, env = "IOP_CONTACT_NAME", default_value = app::DEMO_CONTACT_NAME, value_name = "NAME")]
    pub contact_name: String,
    /// The contact point's e-mail address.
    #[arg(long, env = "IOP_CONTACT_EMAIL", default_value = app::DEMO_CONTACT_EMAIL, value_name = "EMAIL")]
    pub contact_email: String,
}

impl OpenDataArgs {
    /// The checked settings; `base_url` when none was given.
    pub fn settings(&self, base_url: &str) -> Result<app::OpenData, String> {
        app::OpenData::new(app::OpenDataInput {
            ocid_prefix: &self.ocid_prefix,
            publisher_name: &self.publisher_name,
            publisher_org_number: &self.publisher_org_number,
            base_url: self.base_url.as_deref().unwrap_or(base_url),
            contact_name: &self.contact_name,
            contact_email: &self.contact_email,
        })
        .map_err(|e| format!("open data: {e}"))
    }
}

fn parse_ocid_prefix(text: &str) -> Result<String, String> {
    app::OcidPrefix::parse(text)
        .map(|p| p.as_str().to_owned())
        .map_err(|e| e.to_string())
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Which file: the OCDS release or record package, the 360Giving data
    /// package, the DCAT-AP-SE catalogue, CSV or XLSX.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Where to write; standard output when not given.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub open_data: OpenDataArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    OcdsReleases,
    OcdsRecords,
    #[value(name = "360giving")]
    Giving,
    Dcat,
    Csv,
    Xlsx,
}

impl ExportFormat {
    pub fn feed(self) -> app::Feed {
        match self {
            ExportFormat::OcdsReleases => app::Feed::OcdsReleases,
            ExportFormat::OcdsRecords => app::Feed::OcdsRecords,
            ExportFormat::Giving => app::Feed::Giving,
            ExportFormat::Dcat => app::Feed::Dcat,
            ExportFormat::Csv => app::Feed::Csv,
            ExportFormat::Xlsx => app::Feed::Xlsx,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Agreement files (.toml, or .json).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output: human-readable diagnostics or JSON.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct ScheduleArgs {
    /// Agreement file (.toml or .json).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Number of extension periods to include, as if exercised.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub extend: u32,
    /// A decision alternative's id (see the file's financing.alternatives),
    /// or `all` to compare every alternative side by side.
    #[arg(long, value_name = "NAME")]
    pub alternative: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct ObligationsArgs {
    /// Agreement files (.toml or .json).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Only duties due on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<Date>,
    /// Only duties due on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<Date>,
    /// Also show the last day to give notice to leave by this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub exit_at: Option<Date>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct SettleArgs {
    /// Agreement file (.toml or .json).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The day notice is given (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub notice_date: Date,
    /// The party giving notice (its id or name in the file).
    #[arg(long, value_name = "PARTY")]
    pub by: Option<String>,
    /// The ground for ending; default: the first ground the agreement provides.
    #[arg(long, value_enum)]
    pub ground: Option<GroundArg>,
    /// What has actually been paid, in kronor ("2 600 000"); default: the payment plan.
    #[arg(long, value_name = "AMOUNT", value_parser = parse_money)]
    pub paid: Option<Money>,
    /// Costs actually incurred, in kronor, for a rescission that reimburses them.
    #[arg(long, value_name = "AMOUNT", value_parser = parse_money)]
    pub incurred: Option<Money>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct CalendarArgs {
    /// Agreement files (.toml or .json).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Where to write the .ics file; default: standard output.
    #[arg(short, long, value_name = "FILE.ics")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// Svenska.
    Sv,
    /// English.
    En,
}

impl From<Lang> for locale::Lang {
    fn from(l: Lang) -> Self {
        match l {
            Lang::Sv => locale::Lang::Sv,
            Lang::En => locale::Lang::En,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GroundArg {
    /// Leaving without a particular ground (utträde, uppsägning).
    Convenience,
    /// A party fails its obligations (avtalsbrott).
    Breach,
    /// A party becomes insolvent (obestånd).
    Insolvency,
    /// A party mismanages the work (misskötsel).
    Mismanagement,
    /// Materially changed circumstances (väsentligt ändrade omständigheter).
    ChangedCircumstances,
}

impl From<GroundArg> for domain::model::Ground {
    fn from(g: GroundArg) -> Self {
        use domain::model::Ground;
        match g {
            GroundArg::Convenience => Ground::Convenience,
            GroundArg::Breach => Ground::Breach,
            GroundArg::Insolvency => Ground::Insolvency,
            GroundArg::Mismanagement => Ground::Mismanagement,
            GroundArg::ChangedCircumstances => Ground::ChangedCircumstances,
        }
    }
}

fn parse_date(text: &str) -> Result<Date, String> {
    text.parse().map_err(|_| {
        format!("'{text}' is not a date: write YYYY-MM-DD (ÅÅÅÅ-MM-DD), e.g. 2026-03-31")
    })
}

fn parse_money(text: &str) -> Result<Money, String> {
    text.parse().map_err(|_| {
        format!("'{text}' is not an amount: write kronor, e.g. 2600000, \"2 600 000\" or 1250.50 (belopp i kronor)")
    })
}
