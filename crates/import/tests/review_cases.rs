//! Cases a review of the readers found: each a text written as officials
//! write it, and what the importer must (not) make of it.

#![allow(clippy::unwrap_used)] // a failed test should panic

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

/// The parties' names on lines of their own between "mellan" and "och"
/// under the title, set in capitals word by word as names are: they are
/// the parties, not headings.
#[test]
fn parties_named_on_lines_of_their_own_in_the_preamble_are_parties() {
    let text = "Överenskommelse om idéburet offentligt partnerskap\n\n\
        mellan\n\n\
        Göteborgs Kyrkliga Stadsmission\n\n\
        och\n\n\
        Svenska Röda Korset\n\n\
        1. Bakgrund\n\n\
        Parterna har under flera år samarbetat kring stöd till människor i hemlöshet i Göteborg.\n\n\
        2. Ekonomi\n\n\
        Göteborgs Kyrkliga Stadsmission bidrar med 300 000 kronor per år till verksamheten.\n";
    let p = propose("mellan-och.txt", text);
    let mut names = values(&p, "parties[", "].name");
    names.sort_unstable();
    assert_eq!(
        names,
        ["Göteborgs Kyrkliga Stadsmission", "Svenska Röda Korset"],
        "{:#?}",
        p.facts
    );
}

/// Names under "Kontaktpersoner" and "Övrigt" (people, organisations, a
/// name with its department after a comma, an appendix with its number)
/// are the section's text, not headings that take it apart.
#[test]
fn names_in_a_contacts_list_are_not_headings() {
    let text = "Överenskommelse om idéburet offentligt partnerskap\n\n\
        Mellan Göteborgs Stad och Göteborgs Kyrkliga Stadsmission.\n\n\
        1. Bakgrund\n\n\
        Parterna har under flera år samarbetat kring stöd till människor i hemlöshet i Göteborg.\n\n\
        2. Kontaktpersoner\n\n\
        Anna Maria Svensson\n\
        Göteborgs Stad, Social Resursförvaltning\n\
        Göteborgs Kyrkliga Stadsmission\n\
        SVENSKA RÖDA KORSET\n\n\
        3. Övrigt\n\n\
        Bilaga 1 Verksamhetsbeskrivning Crossroads\n\
        Stiftelsen Stora Sköndal\n";
    let document = import::read(text.as_bytes(), "kontakter.txt").unwrap();
    let p = import::extract(&document);
    let headings: Vec<&str> = p
        .sections
        .iter()
        .map(|s| s.heading.as_str())
        .filter(|h| !h.is_empty())
        .collect();
    assert_eq!(
        headings,
        ["1. Bakgrund", "2. Kontaktpersoner", "3. Övrigt"],
        "{:#?}",
        p.sections
    );
}

const TEXT_10: &str = include_str!("texts/10-ramavtal-bilagor-egen-uppsagning.txt");

/// Text 10 without its signatures (from "Underskrifter" to the first
/// appendix's own text).
fn without_signatures(text: &str) -> String {
    let from = text.find("Underskrifter").unwrap();
    let to = text.rfind("Bilaga 1 Föreningen").unwrap();
    format!("{}{}", &text[..from], &text[to..])
}

/// "Bilaga 1 Lovaktiviteter följs upp av nämnden." in the framework's
/// follow-up names an appendix; the framework's own notice after it
/// stays the framework's, with or without signatures.
#[test]
fn an_appendix_named_in_the_framework_leaves_the_framework_its_clauses() {
    let text = TEXT_10.replace(
        "Hur varje insats följs upp framgår av dess bilaga.",
        "Hur varje insats följs upp framgår av dess bilaga.\n\n\
         Bilaga 1 Lovaktiviteter följs upp av nämnden varje år.",
    );
    for (name, text) in [
        ("underskrivet.txt", text.clone()),
        ("utan-underskrifter.txt", without_signatures(&text)),
    ] {
        let p = propose(name, &text);
        // "Ramavtalet kan sägas upp … med nio månaders uppsägningstid."
        assert_eq!(
            values(&p, "termination[", "].notice"),
            ["9 months"],
            "{name}: {:#?}",
            p.facts
        );
        // Bilaga 1's own: "… med tre månaders uppsägningstid."
        assert_eq!(
            values(&p, "appendices[0].termination[", "].notice"),
            ["3 months"],
            "{name}"
        );
    }
}

/// An appendix text no appendix takes leaves its notice and report to
/// the agreement: a document without a framework's word reads as
/// standalone, and an appendix whose title names no party is built into
/// no appendix.
#[test]
fn an_appendix_text_no_appendix_takes_is_read_by_the_agreement() {
    let standalone = TEXT_10
        .replace("Ramavtalet", "Överenskommelsen")
        .replace("Ramavtal", "Överenskommelse")
        .replace("ramavtalet", "överenskommelsen");
    let p = propose("fristaende.txt", &standalone);
    assert_eq!(p.value("kind"), Some("standalone"));
    // The agreement's nine months, then Bilaga 1's three and Bilaga 3's two.
    assert_eq!(
        values(&p, "termination[", "].notice"),
        ["9 months", "3 months", "2 months"],
        "{:#?}",
        p.facts
    );
    // Bilaga 1's report and Bilaga 3's final report.
    let quotes: Vec<&str> = p
        .facts
        .iter()
        .filter(|f| f.field.starts_with("reporting[") && f.field.ends_with("].title"))
        .map(|f| f.span.quote.as_str())
        .collect();
    assert!(
        quotes
            .iter()
            .any(|q| q.contains("verksamhetsberättelse för lovaktiviteterna")),
        "{quotes:?}"
    );
    assert!(
        quotes.iter().any(|q| q.contains("slutrapport")),
        "{quotes:?}"
    );
    // Bilaga 1 named after no party: its three months are the framework's,
    // Bilaga 3's two months stay Bilaga 3's.
    let unknown = TEXT_10.replace(
        "Bilaga 1 Föreningen Fritid för Alla Strömsvik: Lovaktiviteter",
        "Bilaga 1 Lovaktiviteter",
    );
    let p = propose("okand-part.txt", &unknown);
    assert_eq!(
        values(&p, "termination[", "].notice"),
        ["9 months", "3 months"],
        "{:#?}",
        p.facts
    );
    assert!(values(&p, "appendices[0].termination[", "].notice").is_empty());
    assert_eq!(
        values(&p, "appendices[2].termination[", "].notice"),
        ["2 months"]
    );
}

/// Appendices with their own texts and one without: `appendices[n]`
/// follows the numbers, not which line was read first.
#[test]
fn appendices_are_listed_by_their_numbers() {
    // Bilaga 1 keeps its line in the list but loses its own text.
    let from = TEXT_10.rfind("Bilaga 1 Föreningen").unwrap();
    let to = TEXT_10
        .find("Bilaga 2 Strömsviks Scoutkår: Friluftsdagar\n\nScoutkåren")
        .unwrap();
    let text = format!("{}{}", &TEXT_10[..from], &TEXT_10[to..]);
    let p = propose("utan-bilaga-1.txt", &text);
    let numbers: Vec<&str> = values(&p, "appendices[", "].number");
    assert_eq!(numbers, ["1", "2", "3"], "{:#?}", p.facts);
    let fields: Vec<&str> = p
        .facts
        .iter()
        .filter(|f| f.field.starts_with("appendices[") && f.field.ends_with("].number"))
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(
        fields,
        [
            "appendices[0].number",
            "appendices[1].number",
            "appendices[2].number"
        ]
    );
}

/// An agreement whose money section says `words`, and its contributions'
/// facts ending in `suffix`.
fn contribution_facts(words: &str, suffix: &str) -> Vec<String> {
    let text = format!(
        "ÖVERENSKOMMELSE OM IDÉBURET OFFENTLIGT PARTNERSKAP\n\n\
        1. Parter\n\
        Exempels kommun genom socialnämnden, organisationsnummer 212000-2395, och \
        Föreningen Läxhjälpen, organisationsnummer 802461-5877.\n\n\
        2. Ekonomi\n{words}\n"
    );
    let p = propose("bidrag.txt", &text);
    values(&p, "financing.contributions[", suffix)
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// A yearly sum followed by what it comes to per participant is a sum, not
/// a price per participant.
#[test]
fn a_sum_and_what_it_comes_to_per_participant_is_a_sum() {
    let words = "Exempels kommun bidrar med 400 000 kronor per år, vilket motsvarar cirka 5 700 kronor per deltagare.";
    assert_eq!(contribution_facts(words, ".amount"), ["400 000"]);
    assert!(contribution_facts(words, ".unit_price").is_empty());
    assert!(contribution_facts(words, ".at_most").is_empty());
}

/// "högst" before a later figure does not make the first one a ceiling.
#[test]
fn a_ceiling_on_a_later_figure_leaves_the_first_firm() {
    let words =
        "Exempels kommun bidrar med 100 000 kronor för lokaler och högst 100 000 kronor för resor.";
    assert_eq!(contribution_facts(words, ".amount"), ["100 000"]);
    assert!(contribution_facts(words, ".at_most").is_empty());
}

/// A table row with a price in its words keeps the amount of its amount
/// column.
#[test]
fn a_table_row_with_a_price_keeps_its_amount() {
    let text = "# Överenskommelse om idéburet offentligt partnerskap\n\n\
        ## Parter\n\n\
        Exempels kommun genom socialnämnden, organisationsnummer 212000-2395, och \
        Föreningen Läxhjälpen, organisationsnummer 802461-5877.\n\n\
        ## Ekonomi\n\n\
        | Part | Slag | Belopp per år |\n\
        | --- | --- | --- |\n\
        | Exempels kommun | Kontant, 420 kr per belagd plats och natt | 1 150 000 kr |\n";
    let p = propose("bidrag.md", text);
    assert_eq!(
        values(&p, "financing.contributions[", ".amount"),
        ["1 150 000"],
        "{:#?}",
        p.facts
    );
    assert_eq!(
        values(&p, "financing.contributions[", ".unit_price"),
        ["420"]
    );
}

/// "ersätter" gives a contribution only as "ersätter X med <belopp>".
#[test]
fn ersatter_without_an_amount_is_no_contribution() {
    for words in [
        "Exempels kommun ersätter inte kostnader utöver det som anges med 50 000 kronor.",
        "Föreningen Läxhjälpen ersätter volontärer för resor.",
    ] {
        assert!(
            contribution_facts(words, ".party").is_empty(),
            "{words}: {:?}",
            contribution_facts(words, ".party")
        );
    }
    let words = "Exempels kommun ersätter Föreningen Läxhjälpen med 300 000 kronor per år.";
    assert_eq!(contribution_facts(words, ".amount"), ["300 000"]);
}

/// A unit ends at a word's end: "per natthärbärge" is no price per night.
#[test]
fn a_unit_is_a_whole_word() {
    let words = "Exempels kommun bidrar med 300 000 kronor per natthärbärge och år.";
    assert_eq!(contribution_facts(words, ".amount"), ["300 000"]);
    assert!(contribution_facts(words, ".unit_price").is_empty());
}

/// A letter whose lowercase is longer ("İ", two bytes, lowercases to three)
/// before the verb neither panics nor shifts what is read: nine of them
/// moved the old reading nine bytes, into the middle of "å".
#[test]
fn a_letter_that_grows_when_lowercased_does_not_shift_the_reading() {
    let words = "İİİİİİİİİ Exempels kommun bidrar årligen med 200 000 kronor.";
    assert_eq!(contribution_facts(words, ".amount"), ["200 000"]);
    let words = "İİİİİİİİİ Verksamheten finansieras av Exempels kommun med 300 000 kronor.";
    assert_eq!(contribution_facts(words, ".amount"), ["300 000"]);
}
