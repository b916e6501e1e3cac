//! Render one document of an agreement file, until `iop render` exists:
//!
//! ```sh
//! cargo run -p docs --example render -- examples/000-gotland-rkg.toml agreement pdf > out.pdf
//! ```

use std::io::Write;
use std::process::ExitCode;

use domain::format::{Syntax, parse};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [file, doc, format] = args.as_slice() else {
        eprintln!("usage: render FILE agreement|memo|minute pdf|html > OUT");
        return ExitCode::from(2);
    };
    let (Ok(doc), Ok(output)) = (doc.parse::<docs::Doc>(), format.parse::<docs::Output>()) else {
        eprintln!("usage: render FILE agreement|memo|minute pdf|html > OUT");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::from(2);
        }
    };
    let agreement = match parse(&text, Syntax::from_path(file)) {
        Ok(a) => a,
        Err(diags) => {
            eprintln!("{file}: {diags:?}");
            return ExitCode::from(2);
        }
    };
    match docs::render(&agreement, doc, output) {
        Ok(bytes) => {
            if std::io::stdout().write_all(&bytes).is_err() {
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
