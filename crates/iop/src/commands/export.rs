//! `iop export`: the public register as open data, written to a file or
//! standard output; the same bytes as the server's routes.

use super::{Failure, emit_bytes, open_app};
use crate::cli::ExportArgs;

pub fn run(args: &ExportArgs) -> Result<(), Failure> {
    let open = args
        .open_data
        .settings(app::DEMO_BASE_URL)
        .map_err(|e| Failure::new(2, e))?;
    let feed = args.format.feed();
    let bytes = open_app(&args.db, "iop-export-files", async |app| {
        app.open_data(&open, feed, &app::FeedPage::default())
            .await
            .map_err(|e| match e {
                app::AppError::NotFound => Failure::new(
                    1,
                    format!(
                        "{}: the register has nothing to publish in this format",
                        feed.as_str()
                    ),
                ),
                other => Failure::new(2, format!("{}: {other}", feed.as_str())),
            })
    })?;
    match &args.output {
        Some(path) => std::fs::write(path, &bytes)
            .map_err(|e| Failure::new(2, format!("{}: {e}", path.display()))),
        None => emit_bytes(&bytes),
    }
}
