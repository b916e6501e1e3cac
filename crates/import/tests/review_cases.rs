//! Cases a review of the readers found: each a text written as officials
//! write it, and what the importer must (not) make of it.

use import::Proposal;

fn propose(name: &str, text: &str) -> Proposal {
    let document = import::read(text.as_bytes(), name).unwrap_or_else(|e| panic!("{name}: {e}"));
    import::extract(&document)
}

fn values<'a>(p: &'a Proposal, prefix: &str, suffix: &str) -> Vec<&'a str> {
    p.facts
        .iter()
        .filter(|f| f.field.starts_with(prefix) && f.field.ends_with(suffix))
        .map(|f| f.value.as_str())
        .collect()
}

/// Two notice periods of the same length on different grounds are two
/// clauses; the same clause said twice is one.
#[test]
fn the_same_notice_on_other_grounds_is_a_clause_of_its_own() {
    let text = "Överenskommelse om samverkan kring läxhjälp\n\n\
        Mellan Exempels kommun och Föreningen Läxhjälpen.\n\n\
        Uppsägning\n\n\
        Part har rätt att säga upp överenskommelsen med tre månaders uppsägningstid.\n\n\
        Hävning\n\n\
        Om en part väsentligt brister i sina åtaganden får annan part säga upp överenskommelsen med tre månaders varsel.\n";
    let p = propose("uppsagning.txt", text);
    let notices = values(&p, "termination[", "].notice");
    assert_eq!(notices.len(), 2, "{:#?}", p.facts);
    let once = "Överenskommelse om samverkan kring läxhjälp\n\n\
        Mellan Exempels kommun och Föreningen Läxhjälpen.\n\n\
        Uppsägning\n\n\
        Part har rätt att säga upp överenskommelsen med tre månaders uppsägningstid.\n\n\
        Part har rätt att säga upp överenskommelsen med tre månaders uppsägningstid.\n";
    let p = propose("en-gang.txt", once);
    assert_eq!(
        values(&p, "termination[", "].notice").len(),
        1,
        "{:#?}",
        p.facts
    );
}

/// A contribution without an amount ("–") under a head of who contributes
/// what leaves the table a table of contributions: no row is a budget line.
#[test]
fn a_contribution_without_an_amount_keeps_its_table() {
    let text = "# Överenskommelse om idéburet offentligt partnerskap\n\n\
        Mellan Exempels kommun och Föreningen Läxhjälpen.\n\n\
        ## Ekonomi\n\n\
        | Part | Slag | Belopp per år |\n\
        | --- | --- | --- |\n\
        | Exempels kommun | Kontant | 600 000 kr |\n\
        | Föreningen Läxhjälpen | Lokaler i natura | – |\n\
        | Föreningen Läxhjälpen | Ideellt arbete i natura | 200 000 kr |\n";
    let p = propose("bidrag.md", text);
    assert!(
        values(&p, "financing.budget_lines[", ".name").is_empty(),
        "{:#?}",
        p.facts
    );
}
