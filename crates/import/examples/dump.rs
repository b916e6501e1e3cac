//! Print the blocks and the proposal of a file: `cargo run -p import --example dump FILE`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump FILE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_default();
    match import::read(&bytes, &path) {
        Ok(document) => {
            if std::env::var_os("BLOCKS").is_some() {
                for b in &document.blocks {
                    println!(
                        "{:?} {}:{} {:?}",
                        b.kind,
                        b.position.page,
                        b.position.line,
                        b.text.chars().take(90).collect::<String>()
                    );
                }
            }
            let proposal = import::extract(&document);
            for f in &proposal.facts {
                println!(
                    "{} = {:?} [{:?} {}] {:?}",
                    f.field,
                    f.value,
                    f.confidence,
                    f.rule,
                    f.span.quote.chars().take(60).collect::<String>()
                );
            }
            for s in &proposal.sections {
                println!("section {} {:?}", s.kind, s.heading);
            }
            for w in &proposal.warnings {
                println!("warning: {w}");
            }
        }
        Err(e) => println!("error: {e}"),
    }
}
