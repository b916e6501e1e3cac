//! `iop render FILE --doc agreement|memo|minute --format pdf|html [-o OUT]`.

use std::path::PathBuf;

use locale::Lang;

use super::{Failure, load, t};
use crate::cli::{DocArg, OutputArg, RenderArgs};

pub fn run(args: &RenderArgs, lang: Lang) -> Result<(), Failure> {
    let (path, agreement) = load(&args.file, lang)?;
    let (doc, name) = match args.doc {
        DocArg::Agreement => (docs::Doc::Agreement, "agreement"),
        DocArg::Memo => (docs::Doc::Memo, "memo"),
        DocArg::Minute => (docs::Doc::Minute, "minute"),
    };
    let output = match args.format {
        OutputArg::Pdf => docs::Output::Pdf,
        OutputArg::Html => docs::Output::Html,
    };
    let bytes = docs::render(&agreement, doc, output)
        .map_err(|e| Failure::new(1, format!("{path}: {e}")))?;
    let out: PathBuf = args.output.clone().unwrap_or_else(|| {
        args.file
            .with_extension(format!("{name}.{}", output.extension()))
    });
    // Via a temporary file beside the target, so no half-written document is left.
    let tmp = out.with_extension("tmp");
    std::fs::write(&tmp, &bytes)
        .and_then(|()| std::fs::rename(&tmp, &out))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            let (shown, detail) = (out.display().to_string(), e.to_string());
            Failure::new(
                2,
                t(
                    lang,
                    "error-write",
                    &[("path", &shown), ("detail", &detail)],
                ),
            )
        })?;
    eprintln!("{}", out.display());
    Ok(())
}
