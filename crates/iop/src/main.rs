//! `iop`: the command line of the IOP system.

mod cli;
mod clock;
mod commands;

use std::process::ExitCode;

use clap::Parser;
use cli::Command;
use commands::Failure;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let lang: locale::Lang = cli.lang.into();
    let result = match &cli.command {
        Command::Check(args) => return commands::check::run(args, lang),
        Command::Schema => schema(),
        Command::Schedule(args) => commands::schedule::run(args, lang),
        Command::Obligations(args) => commands::obligations::run(args, lang),
        Command::Settle(args) => commands::settle::run(args, lang),
        Command::Import(args) => return commands::import::run(args, lang),
        Command::Export(args) => commands::export::run(args),
        Command::Calendar(args) => commands::calendar::run(args, lang, clock::now()),
        Command::Serve(args) => commands::serve::run(args, lang, clock::now),
        Command::Remind(args) => commands::remind::run(args, lang, clock::now),
        Command::Migrate(args) => migrate(args, lang),
        Command::Openapi => openapi(),
        Command::Demo(cli::DemoCommand::Generate(args)) => {
            commands::generate::run(args, clock::now())
        }
        Command::User(command) => commands::user::run(command, lang, clock::now()),
        Command::Audit(command) => commands::audit::audit(command, lang),
        Command::Backup(args) => commands::backup::backup(args),
        Command::Restore(args) => commands::backup::restore(args),
        #[cfg(feature = "pdf")]
        Command::Render(args) => commands::render::run(args, lang),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.exit(),
    }
}

fn migrate(args: &cli::DbArgs, lang: locale::Lang) -> Result<(), Failure> {
    // Opening the store brings its schema up to date; then each agreement's
    // duties are computed again by this version's rules (a server start
    // does not, as it would read every agreement on every start).
    commands::open_app(args, "iop-migrate", async |app| {
        let refreshed = app
            .refresh_duties(&app::stamp(clock::now()))
            .await
            .map_err(|e| Failure::new(2, format!("database: {e}")))?;
        let count = refreshed.changed.to_string();
        for id in &refreshed.unreadable {
            eprintln!("{}", commands::t(lang, "migrate-unreadable", &[("id", id)]));
        }
        let done = commands::t(lang, "migrate-done", &[("count", &count)]);
        commands::emit(&format!("{done}\n"))
    })
}

fn openapi() -> Result<(), Failure> {
    let text = web::openapi()
        .to_pretty_json()
        .map_err(|e| Failure::new(2, format!("iop openapi: {e}")))?;
    commands::emit(&format!("{text}\n"))
}

fn schema() -> Result<(), Failure> {
    let schema = schemars::schema_for!(domain::Agreement);
    let text = serde_json::to_string_pretty(&schema)
        .map_err(|e| Failure::new(2, format!("iop schema: {e}")))?;
    commands::emit(&format!("{text}\n"))
}
