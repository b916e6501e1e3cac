//! Compare an agreement file with what importing a document gives, fact by
//! fact as the scorer does: `cargo run -p import --example compare FILE.toml DOCUMENT`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, file, document] = args.as_slice() else {
        eprintln!("usage: compare FILE.toml DOCUMENT");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let Ok(original) = domain::format::parse(&text, domain::format::Syntax::Toml) else {
        eprintln!("{file}: not an agreement file");
        std::process::exit(2);
    };
    let bytes = std::fs::read(document).unwrap_or_default();
    let proposal = match import::read(&bytes, document) {
        Ok(d) => import::extract(&d),
        Err(e) => {
            eprintln!("{document}: {e}");
            std::process::exit(2);
        }
    };
    let imported = match import::to_agreement(&proposal, "x") {
        Some(Ok(a)) => serde_json::to_value(&a).unwrap_or_default(),
        other => {
            eprintln!("{document}: {other:?}");
            std::process::exit(1);
        }
    };
    let want = import::score::facts(&serde_json::to_value(&original).unwrap_or_default());
    let got = import::score::facts(&imported);
    let mut same = 0;
    for (k, v) in &want {
        if got.get(k) == Some(v) {
            same += 1;
        } else {
            println!("- {k}: {v:?} came back as {:?}", got.get(k));
        }
    }
    for k in got.keys().filter(|k| !want.contains_key(*k)) {
        println!("+ {k}: {:?}", got[k]);
    }
    println!(
        "{same} of {} facts came back; {} proposed",
        want.len(),
        got.len()
    );
}
