//! `iop demo generate`: a realistic portfolio, with a progress bar.

use domain::value::Date;
use indicatif::{ProgressBar, ProgressStyle};

use super::{Failure, emit, open_app};
use crate::cli::GenerateArgs;

pub fn run(args: &GenerateArgs, now: jiff::Timestamp) -> Result<(), Failure> {
    let today = args.today.unwrap_or_else(|| {
        let tz = jiff::tz::TimeZone::get("Europe/Stockholm").unwrap_or(jiff::tz::TimeZone::UTC);
        Date::new(now.to_zoned(tz).date())
    });
    // Generated records carry no files.
    open_app(&args.db, "iop-generate-files", async |app| {
        let bar = ProgressBar::new(args.agreements as u64);
        if let Ok(style) =
            ProgressStyle::with_template("{bar:40} {pos}/{len} avtal ({per_sec}, {eta} kvar) {msg}")
        {
            bar.set_style(style);
        }
        #[allow(clippy::disallowed_methods)] // the operator's command
        let op = app::Caller::operator("iop demo generate");
        let admin = op
            .administer()
            .map_err(|e| Failure::new(1, e.to_string()))?;
        let actor = op.actor(&app::stamp(now));
        let done = app
            .generate_portfolio(
                &admin,
                app::PortfolioSpec {
                    agreements: args.agreements,
                    records_each: args.records,
                    seed: args.seed,
                    today,
                },
                &actor,
                |g| {
                    bar.set_position(g.agreements as u64);
                    bar.set_message(format!("{} uppföljningsposter", g.records));
                },
            )
            .await
            .map_err(|e| Failure::new(1, format!("generate: {e}")))?;
        bar.finish();
        emit(&format!(
            "{} avtal och {} uppföljningsposter skapade.\n",
            done.agreements, done.records
        ))
    })
}
