//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// iop — idéburna offentliga partnerskap (IOP): agreements as data.
#[derive(Debug, Parser)]
#[command(name = "iop", version, about, long_about = None)]
pub struct Cli {
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
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Agreement files (.toml, or .json).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output: human-readable diagnostics or JSON.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Language of the messages.
    #[arg(long, value_enum, default_value_t = Lang::Sv, env = "IOP_LANG")]
    pub lang: Lang,
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
