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
        Command::Calendar(args) => commands::calendar::run(args, lang, clock::now()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.exit(),
    }
}

fn schema() -> Result<(), Failure> {
    let schema = schemars::schema_for!(domain::Agreement);
    let text = serde_json::to_string_pretty(&schema)
        .map_err(|e| Failure::new(2, format!("iop schema: {e}")))?;
    commands::emit(&format!("{text}\n"))
}
