//! The Fluent files are compiled into the crate: rebuild when one changes.

fn main() {
    println!("cargo:rerun-if-changed=locales");
    for lang in ["sv", "en"] {
        if let Ok(entries) = std::fs::read_dir(format!("locales/{lang}")) {
            for entry in entries.flatten() {
                println!("cargo:rerun-if-changed={}", entry.path().display());
            }
        }
    }
}
