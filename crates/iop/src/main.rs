//! `iop`: the command line of the IOP system.

mod check;
mod cli;
mod report;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli.command {
        cli::Command::Check(args) => check::run(&args),
        cli::Command::Schema => {
            let schema = schemars::schema_for!(domain::Agreement);
            match serde_json::to_string_pretty(&schema) {
                Ok(text) => {
                    println!("{text}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("iop schema: {e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}
