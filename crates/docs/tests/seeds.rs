//! The five seeds as documents: each agreement (000, 002, 003, 004) and the
//! memo and minute of seed 001 (the decision trail of 000) rendered to PDF
//! and HTML. The facts asserted are read from, or checked against, the seed
//! texts in `shared/seeds/`; the PDF's text is what poppler's `pdftotext
//! -layout` extracts. The first page of each PDF is written as a PNG under
//! `target/docs-preview/` for a person to look at.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test should panic

mod common;

use common::*;
use docs::{Doc, Output, render};

/// The rendered document's text, flat, plus its layout text.
struct Rendered {
    layout: String,
    flat: String,
}

fn pdf(name: &str, toml: &str, doc: Doc) -> Rendered {
    let bytes = render(&load(toml), doc, Output::Pdf).unwrap();
    let layout = pdf_text(name, &bytes);
    assert!(
        pdf_info(name).contains("Tagged:          yes"),
        "{name}: the PDF is not tagged"
    );
    Rendered {
        flat: flat(&layout),
        layout,
    }
}

fn html(toml: &str, doc: Doc) -> String {
    let bytes = render(&load(toml), doc, Output::Html).unwrap();
    let page = String::from_utf8(bytes).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains(r#"<html lang="sv">"#));
    html_text(&page)
}

/// The facts of seed 000 every rendering of its agreement must show.
fn facts_000(doc: &str) {
    let s = seed("000");
    // The seed's word: utträde with varsel, not uppsägning.
    seed_fact(
        &s,
        "med tre månaders varsel träda ur partnerskapet",
        doc,
        "Utträde med 3 månaders varsel",
    );
    for party in ["Region Gotland", "Röda Korset Gotland"] {
        seed_fact(&s, party, doc, party);
    }
    seed_fact(
        &s,
        "Region Gotland genom regionstyrelsen",
        doc,
        "genom regionstyrelsen",
    );
    // "finansieras årligen med 1 300 000 kronor under en 4 årsperiod"
    seed_fact(&s, "årligen med 1 300 000 kronor", doc, "1 300 000 kr");
    seed_fact(
        &s,
        "under en 4 årsperiod",
        doc,
        &format!("{} kr", grouped(kronor("1 300 000") * 4)),
    );
    seed_fact(&s, "från 1 januari 2025", doc, "1 januari 2025");
    seed_fact(&s, "till och med 31 december 2028", doc, "31 december 2028");
    seed_fact(&s, "tre månaders varsel", doc, "Varsel: 3 månader");
    seed_fact(
        &s,
        "ej påbörjade månader skall då återbetalas",
        doc,
        "ej påbörjade månader",
    );
    seed_fact(&s, "senast mars 2028", doc, "senast 2028-03-31");
    seed_fact(&s, "regelbunden dialog", doc, "regelbundet");
    for who in [
        "Stefan Hollmark",
        "Regiondirektör",
        "Anna Klintbom",
        "Verksamhetschef",
    ] {
        seed_fact(&s, who, doc, who);
    }
    seed_fact(
        &s,
        "Visby den xx januari 2025",
        doc,
        "Visby den xx januari 2025",
    );
    // The case number comes from the decision trail (seed 001).
    seed_fact(&seed("001"), "RS 2024/947", doc, "RS 2024/947");
}

fn facts_002(doc: &str) {
    let s = seed("002");
    for org in org_numbers(&s) {
        seed_fact(&s, &org, doc, &format!("Organisationsnummer: {org}"));
    }
    for party in ["Linköpings Kommun", "Linköpings södra rödakorskrets"] {
        seed_fact(&s, party, doc, party);
    }
    seed_fact(
        &s,
        "genom arbetsmarknadsnämnden",
        doc,
        "genom arbetsmarknadsnämnden",
    );
    // The budget table of the seed: "name<TAB>amount" lines, indexed by 2 %
    // in the second calendar year (each line rounded to whole kronor, half up).
    let lines: Vec<(String, i64)> = s
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(name, amount)| (name.trim().to_owned(), kronor(amount)))
        .collect();
    assert_eq!(lines.len(), 5, "the seed's budget table has five lines");
    let mut second_year = 0;
    for (name, amount) in &lines {
        assert!(doc.contains(name.as_str()), "budget line {name}");
        assert!(doc.contains(&format!("{} kr", grouped(*amount))), "{name}");
        let indexed = (amount * 102 + 50) / 100;
        assert!(
            doc.contains(&format!("{} kr", grouped(indexed))),
            "{name} 2023"
        );
        second_year += indexed;
    }
    seed_fact(&s, "med 2%", doc, "2 %");
    seed_fact(&s, "1 156 000 kronor per kalenderår", doc, "1 156 000 kr");
    assert!(doc.contains(&format!("{} kr", grouped(second_year))));
    seed_fact(
        &s,
        "projektledartjänst om 600 000 kronor",
        doc,
        "600 000 kr",
    );
    seed_fact(
        &s,
        "till ett värde av minst 556 000 kronor",
        doc,
        "minst 556 000 kr",
    );
    seed_fact(&s, "från och med den 1 januari 2022", doc, "1 januari 2022");
    seed_fact(
        &s,
        "till och med den 31 december 2023",
        doc,
        "31 december 2023",
    );
    seed_fact(
        &s,
        "förlängning ytterligare två (2) gånger två (2) år, om parterna är ense",
        doc,
        "2 gånger med 2 år i taget, om parterna är ense",
    );
    seed_fact(&s, "hävas med omedelbart verkan", doc, "omedelbar verkan");
    // The ground in the seed's words: "väsentligt" is not dropped.
    seed_fact(
        &s,
        "väsentligt åsidosätter vad som framgår av denna överenskommelse",
        doc,
        "väsentligt åsidosätter vad som framgår av denna överenskommelse",
    );
    // The stated amounts are 2022's; later years are indexed by 2 %.
    seed_fact(
        &s,
        "För varje nytt kalenderår justeras kostnaderna",
        doc,
        "basår 2022",
    );
    seed_fact(
        &s,
        "två gånger om året",
        doc,
        "minst 2 gånger per kalenderår",
    );
    seed_fact(&s, "Faktura skickas en gång per år", doc, "en gång per år");
    seed_fact(
        &s,
        "Scanningscentralen 150Z",
        doc,
        "Scanningscentralen 150Z",
    );
    seed_fact(&s, "581 81 Linköping", doc, "581 81 Linköping");
    for who in [
        "Helena Paulsson",
        "Kerstin Aldstedt",
        "avdelningschef",
        "ordförande",
    ] {
        seed_fact(&s, who, doc, who);
    }
}

/// 003's termination in its own words: the notice, and repayment only
/// when the agreement is broken, by Röda Korset.
fn facts_003_termination(s: &str, doc: &str) {
    seed_fact(
        s,
        "I sådana fall gäller 9 månaders uppsägningstid",
        doc,
        "9 månaders uppsägningstid",
    );
    seed_fact(
        s,
        "Vid händelse av att överenskommelsen bryts kan Röda Korset bli återbetalningsskyldig",
        doc,
        "Svenska Röda Korset, inte när den själv avslutar överenskommelsen",
    );
}

fn facts_003(doc: &str) {
    let s = seed("003");
    facts_003_termination(&s, doc);
    let orgs = org_numbers(&s);
    assert_eq!(orgs.len(), 3, "{orgs:?}");
    for org in orgs {
        assert!(
            doc.contains(&format!("Organisationsnummer: {org}")),
            "{org}"
        );
    }
    for party in ["Region Skåne", "Malmö stad", "Svenska Röda Korset"] {
        seed_fact(&s, party, doc, party);
    }
    for body in [
        "Hälso- och sjukvårdsnämnden",
        "Arbetsmarknads- och socialnämnden",
        "avdelningen Vård",
    ] {
        seed_fact(&s, &format!("genom {body}"), doc, &format!("genom {body}"));
    }
    for line in [
        "Kungsgatan 13",
        "205 80 Malmö",
        "291 89 Kristianstad",
        "118 91 Stockholm",
    ] {
        seed_fact(&s, line, doc, line);
    }
    seed_fact(&s, "1 070 000 kronor per år", doc, "1 070 000 kr");
    seed_fact(&s, "Region Skåne med 400 000 kronor", doc, "400 000 kr");
    seed_fact(&s, "Röda Korset med 270 000 kronor", doc, "270 000 kr");
    seed_fact(
        &s,
        "2021-01-01 t o m 2024-12-31",
        doc,
        &prose_date("2021-01-01"),
    );
    assert!(doc.contains(&prose_date("2024-12-31")));
    seed_fact(&s, "upphör utan uppsägning", doc, "upphör utan uppsägning");
    seed_fact(
        &s,
        "förlängas med maximalt 2 år",
        doc,
        "Längsta förlängning sammanlagt: 2 år",
    );
    // "Ställningstagande till förlängning skall tas 9 månader innan
    // överenskommelsen upphör": (end + 1 day) − 9 months − 1 day.
    let end = jiff::civil::date(2024, 12, 31);
    let deadline = end
        .tomorrow()
        .unwrap()
        .checked_sub(jiff::Span::new().months(9))
        .unwrap()
        .yesterday()
        .unwrap();
    seed_fact(
        &s,
        "9 månader innan överenskommelsen upphör",
        doc,
        &prose_date(&deadline.to_string()),
    );
    seed_fact(
        &s,
        "9 månaders uppsägningstid",
        doc,
        "Uppsägningstid: 9 månader",
    );
    seed_fact(
        &s,
        "minst två gånger årligen",
        doc,
        "minst 2 gånger per kalenderår",
    );
    seed_fact(
        &s,
        "cirka 70 barn och 40 föräldrar",
        doc,
        "cirka 70 barn per år",
    );
    assert!(doc.contains("cirka 40 föräldrar per år"));
    seed_fact(
        &s,
        "tre likalydande exemplar",
        doc,
        "tre likalydande exemplar",
    );
    seed_fact(&s, "en gång per år", doc, "en gång per år");
    for who in [
        "Britt-Marie Pettersson",
        "Ulrika Wickman",
        "Gilbert Tribo",
        "Anette Carnemalm",
    ] {
        seed_fact(&s, who, doc, who);
    }
    seed_fact(&s, "040 - 675 31 27", doc, "040 - 675 31 27");
}

fn facts_004(doc: &str) {
    let s = seed("004");
    // The amounts are in the appendices, which the published copy lacks.
    seed_fact(
        &s,
        "I bilagorna beskrivs de specifika insatserna, dess innehåll, upplägg, tidsperiod samt ekonomiska förutsättningar",
        doc,
        "anges i bilagorna",
    );
    // The seed gives the appendices no status: none is shown.
    for given in ["Status: gäller", "Status gäller"] {
        assert!(!doc.contains(given), "an appendix is given a status");
    }
    for party in [
        "Social resursförvaltning",
        "Bräcke diakoni",
        "Frälsningsarmén",
        "Göteborgs Kyrkliga Stadsmission",
        "Göteborgs Räddningsmission",
    ] {
        seed_fact(&s, party, doc, party);
    }
    seed_fact(
        &s,
        "från 2015-01-01 till 2016-12-31",
        doc,
        &prose_date("2015-01-01"),
    );
    assert!(doc.contains(&prose_date("2016-12-31")));
    seed_fact(
        &s,
        "förutsatt att medel tillförs",
        doc,
        "förutsatt att medel tillförs",
    );
    seed_fact(&s, "var 4-6:e vecka", doc, "var 4-6:e vecka");
    seed_fact(
        &s,
        "vid minst två (2) tillfällen på ett år",
        doc,
        "minst 2 gånger per kalenderår",
    );
    seed_fact(
        &s,
        "två (2) tillfällen per 12-månadersperiod",
        doc,
        "2 gånger per 12-månadersperiod",
    );
    seed_fact(
        &s,
        "rättelse inte sker utan dröjsmål",
        doc,
        "rättelse inte sker utan dröjsmål",
    );
    // The appendices as the seed's table of contents lists them.
    let toc = s.split("Bilagor\n").nth(1).unwrap();
    let toc = toc.split("Bakgrundsförutsättningar").next().unwrap();
    let appendices: Vec<String> = toc
        .split("Bilaga ")
        .filter(|p| !p.trim().is_empty())
        .map(|p| p.trim().to_owned())
        .collect();
    assert_eq!(appendices.len(), 5, "{appendices:?}");
    for a in appendices {
        let (number, title) = a.split_once(' ').unwrap();
        let expected = format!("Bilaga {number}. {title}");
        assert!(doc.contains(&expected), "{expected}");
    }
    for who in [
        "Xxxxxxx Xxxxxxxx",
        "Förvaltningsdirektör",
        "Direktor/VD",
        "programchef",
    ] {
        seed_fact(&s, who, doc, who);
    }
}

/// Seed 001 as a memo: the two funding alternatives with totals over the
/// term, the six perspectives, the proposal.
fn facts_memo(doc: &str) {
    let s = seed("001");
    seed_fact(
        &s,
        "Ärendenummer: RS 2024/947",
        doc,
        "Ärendenummer: RS 2024/947",
    );
    seed_fact(
        &s,
        "tjänsteskrivelse 2024-04-08",
        doc,
        &prose_date("2024-04-08"),
    );
    // "1,3 miljoner kronor årligen" and "totalt 1,8 miljoner", "under 4 år".
    let millions = |m: &str| -> i64 {
        let (whole, tenths) = m.split_once(',').unwrap();
        whole.parse::<i64>().unwrap() * 1_000_000 + tenths.parse::<i64>().unwrap() * 100_000
    };
    let years = 4;
    seed_fact(&s, "under 4 år", doc, &format!("{years} (2025–2028)"));
    for (needle, m) in [
        ("1,3 miljoner kronor årligen", "1,3"),
        ("totalt 1,8 miljoner", "1,8"),
    ] {
        let per_year = millions(m);
        seed_fact(&s, needle, doc, &format!("{} kr", grouped(per_year)));
        assert!(doc.contains(&format!("{} kr", grouped(per_year * years))));
    }
    for perspective in [
        "Rättslig grund/rättsligt perspektiv",
        "Ekonomiskt perspektiv",
        "Barnperspektiv",
        "Jämställdhetsperspektiv",
        "Landsbygdssäkring/geografiskt perspektiv",
    ] {
        seed_fact(&s, perspective, doc, perspective);
    }
    seed_fact(
        &s,
        "Klimat och miljöperspektiv",
        doc,
        "Klimat- och miljöperspektiv",
    );
    assert_eq!(doc.matches("Ej aktuellt").count(), 2);
    seed_fact(&s, "barnkonventionen", doc, "barnkonventionen");
    seed_fact(&s, "Sammanfattning", doc, "Sammanfattning");
    seed_fact(&s, "Bedömning", doc, "Bedömning");
    assert!(doc.contains("Förslag till beslut"));
    // Seed 001 prints no proposal section of the memo: the words come from
    // its summary, and the memo says so before quoting them.
    assert!(
        doc.contains(
            "Förslaget står i avsnittet Sammanfattning: Regionstyrelseförvaltningen föreslår dock"
        ),
        "{doc}"
    );
    seed_fact(
        &s,
        "tillförs 1,3 miljoner kronor årligen i ramtillskott",
        doc,
        "tillförs 1,3 miljoner kronor årligen i ramtillskott",
    );
}

/// Seed 001 as a minute extract.
fn facts_minute(doc: &str) {
    let s = seed("001");
    for fact in [
        "RS AU § 114",
        "Ärendenummer: RS 2024/947",
        "Ärendet återremitteras och återkommer till budgetavstämningen 2024.",
        "Ärendet föredras av Stefaan De Maecker, enhetschef och Matilda Gränsmark",
        "Ordförande ställer proposition på arbetsutskottets förslag och finner att det bifalls.",
        "Regionstyrelseförvaltningens tjänsteskrivelse 2024-04-08",
        "Sammanträdesdatum 2024-05-06-08, 14",
        "Sida 21 (84)",
        "Digital justering",
        "Ärendets behandling under mötet",
        "Beslutsunderlag",
        "Bedömning av konsekvenser i tvärperspektiv",
        // The heading and the paragraph's title as the minutes print them.
        "Arbetsutskottets förslag till regionstyrelsen",
        "RS AU § 114 Idéburet offentligt partnerskap (IOP) mellan Region Gotland och Röda Korset Gotland 2025-2028",
    ] {
        seed_fact(&s, fact, doc, fact);
    }
    seed_fact(&s, "Ärendet återremitteras", doc, "Beslut: Återremiss");
}

#[test]
fn seed_000_agreement_pdf() {
    let r = pdf("000-agreement", GOTLAND, Doc::Agreement);
    facts_000(&r.flat);
    row_with(&r.layout, &["Region Gotland", "Kontant", "1 300 000 kr"]);
    insta::assert_snapshot!("000-agreement", r.layout);
}

#[test]
fn seed_002_agreement_pdf() {
    let r = pdf("002-agreement", VI_SES, Doc::Agreement);
    facts_002(&r.flat);
    row_with(&r.layout, &["Linköpings Kommun", "Kontant", "600 000 kr"]);
    row_with(&r.layout, &["Insats i annat än", "minst 556 000 kr"]);
    insta::assert_snapshot!("002-agreement", r.layout);
}

#[test]
fn seed_003_agreement_pdf() {
    let r = pdf("003-agreement", SKANE, Doc::Agreement);
    facts_003(&r.flat);
    row_with(&r.layout, &["Region Skåne", "Kontant", "400 000 kr"]);
    row_with(&r.layout, &["Malmö stad", "Kontant", "400 000 kr"]);
    row_with(&r.layout, &["Svenska Röda Korset", "Kontant", "270 000 kr"]);
    insta::assert_snapshot!("003-agreement", r.layout);
}

#[test]
fn seed_004_agreement_pdf() {
    let r = pdf("004-agreement", GOTEBORG, Doc::Agreement);
    facts_004(&r.flat);
    insta::assert_snapshot!("004-agreement", r.layout);
}

#[test]
fn seed_001_memo_pdf() {
    let r = pdf("001-memo", GOTLAND, Doc::Memo);
    facts_memo(&r.flat);
    row_with(&r.layout, &["Summa per år", "1 300 000 kr", "1 800 000 kr"]);
    row_with(
        &r.layout,
        &["Summa för perioden", "5 200 000 kr", "7 200 000 kr"],
    );
    insta::assert_snapshot!("001-memo", r.layout);
}

#[test]
fn seed_001_minute_pdf() {
    let r = pdf("001-minute", GOTLAND, Doc::Minute);
    facts_minute(&r.flat);
    insta::assert_snapshot!("001-minute", r.layout);
}

#[test]
fn every_page_says_which_of_how_many() {
    for (name, toml, doc) in [
        ("000-agreement", GOTLAND, Doc::Agreement),
        ("004-agreement", GOTEBORG, Doc::Agreement),
        ("001-memo", GOTLAND, Doc::Memo),
    ] {
        let text = pdf_text(
            &format!("{name}-pages"),
            &render(&load(toml), doc, Output::Pdf).unwrap(),
        );
        let pages = text.split('\u{c}').filter(|p| !p.trim().is_empty()).count();
        assert!(pages >= 2, "{name}: {pages} pages");
        for n in 1..=pages {
            assert!(
                text.contains(&format!("Sida {n} av {pages}")),
                "{name}: no \"Sida {n} av {pages}\""
            );
        }
    }
}

#[test]
fn the_agreement_follows_the_seed_order_of_sections() {
    let r = pdf("002-order", VI_SES, Doc::Agreement);
    let order = [
        "Parter",
        "1. Bakgrund",
        "2. Syfte",
        "3. Målgrupp",
        "4. Värdegrund",
        "5. Insatser",
        "6. Organisation och samverkan",
        "7. Ekonomi",
        "8. Giltighet och förlängning",
        "9. Uppsägning, hävning och återbetalning",
        "10. Uppföljning",
        "11. Omförhandling och tvist",
        "Underskrifter",
    ];
    let mut at = 0;
    for heading in order {
        let found = r.flat[at..]
            .find(heading)
            .unwrap_or_else(|| panic!("{heading} missing or out of order"));
        at += found + heading.len();
    }
}

#[test]
fn html_of_each_seed_holds_the_same_facts() {
    facts_000(&html(GOTLAND, Doc::Agreement));
    facts_002(&html(VI_SES, Doc::Agreement));
    facts_003(&html(SKANE, Doc::Agreement));
    facts_004(&html(GOTEBORG, Doc::Agreement));
    facts_memo(&html(GOTLAND, Doc::Memo));
    facts_minute(&html(GOTLAND, Doc::Minute));
}

#[test]
fn html_is_accessible_markup() {
    let page =
        String::from_utf8(render(&load(VI_SES), Doc::Agreement, Output::Html).unwrap()).unwrap();
    assert_eq!(page.matches("<h1>").count(), 1);
    assert!(page.contains("<title>Vi Ses!"));
    assert!(page.contains(r#"<th scope="col""#));
    assert!(page.contains(r#"<th scope="row">projektledare</th>"#));
    assert!(page.contains("<caption>Budget per kalenderår</caption>"));
    assert!(page.contains(r#"<td class="num">600 000 kr</td>"#));
    // Headings never skip a level.
    let mut last = 1;
    for level in page
        .match_indices("<h")
        .filter_map(|(i, _)| page[i + 2..].chars().next()?.to_digit(10))
    {
        assert!(level <= last + 1, "h{last} followed by h{level}");
        last = level;
    }
}

/// One deadline, one date: the document gives the extension decision the
/// day the duties give it, with the move explained (003: 2 april 2024,
/// moved from Easter Sunday 31 March).
#[test]
fn seed_003_extension_deadline_is_the_duties_date() {
    let page = html(SKANE, Doc::Agreement);
    assert!(page.contains("dvs. senast 2 april 2024"), "{page}");
    assert!(page.contains("flyttad från söndag 31 mars 2024"), "{page}");
    assert!(!page.contains("senast 31 mars 2024"), "{page}");
}

/// 002's signature block prints "Ort och datum" once per party, as the seed
/// does: the form's label is not also its value.
#[test]
fn seed_002_signature_block_says_place_and_date_once_per_party() {
    let page = html(VI_SES, Doc::Agreement);
    assert_eq!(page.matches("Ort och datum").count(), 2, "{page}");
}

/// A report whose title is its kind is named once: not
/// "Verksamhetsberättelse: verksamhetsberättelse".
#[test]
fn seed_000_report_headings_do_not_repeat() {
    let page = html(GOTLAND, Doc::Agreement).to_lowercase();
    assert!(
        !page.contains("verksamhetsberättelse: verksamhetsberättelse"),
        "{page}"
    );
}

/// Every amount a document shows, in whole kronor: "1 300 000 kr",
/// "37 000,50 kr" (the öre dropped).
fn amounts(doc: &str) -> Vec<i64> {
    let doc = doc.replace(['\u{a0}', '\u{202f}'], " ");
    let mut out = Vec::new();
    for (at, _) in doc.match_indices(" kr") {
        let before: String = doc[..at]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit() || *c == ' ' || *c == ',')
            .collect::<String>()
            .chars()
            .rev()
            .collect();
        let whole = before
            .trim_start_matches([',', ' '])
            .split(',')
            .next()
            .unwrap_or("")
            .replace(' ', "");
        if let Ok(n) = whole.parse() {
            out.push(n);
        }
    }
    out
}

/// What the agreement leaves unstated is shown as such, never as a figure:
/// no seed states an amount of 0 kr, so no document of theirs may show one
/// (004 has its money in the unpublished appendices).
#[test]
fn no_document_shows_a_figure_the_seed_does_not_state() {
    for (name, toml) in [
        ("000", GOTLAND),
        ("002", VI_SES),
        ("003", SKANE),
        ("004", GOTEBORG),
    ] {
        let text = html(toml, Doc::Agreement);
        assert!(!amounts(&text).contains(&0), "{name}: 0 kr in {text}");
    }
    assert!(amounts("Summa 1 300 000 kr och 0 kr").contains(&0));
    assert_eq!(
        amounts("1 300 000 kr, 37 000,50 kr"),
        vec![1_300_000, 37_000]
    );
}

/// Words in capitals (abbreviations such as RKG, IOP, RUS) that the
/// agreement document shows.
fn abbreviations(doc: &str) -> Vec<String> {
    let mut out: Vec<String> = doc
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && w.chars().all(|c| c.is_uppercase()))
        .map(str::to_owned)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// An agreement document uses no abbreviation its own seed does not use:
/// 000 never names Röda Korset Gotland "RKG", which only the minute (001)
/// does.
#[test]
fn the_agreement_invents_no_abbreviation() {
    for (name, toml) in [
        ("000", GOTLAND),
        ("002", VI_SES),
        ("003", SKANE),
        ("004", GOTEBORG),
    ] {
        let s = flat(&seed(name));
        let doc = html(toml, Doc::Agreement);
        for word in abbreviations(&doc) {
            assert!(s.contains(&word), "{name}: {word} is not in the seed");
        }
    }
    assert_eq!(
        abbreviations("Röda Korset Gotland (RKG) och IOP, Ab"),
        ["IOP", "RKG"]
    );
}

/// Every heading the agreement sets stands in its document, a heading
/// without text of its own included (004's "Parternas inbördes relation"),
/// and the signature block goes under the agreement's own heading for it.
#[test]
fn every_heading_the_agreement_sets_is_in_its_document() {
    for (name, toml) in [
        ("000", GOTLAND),
        ("002", VI_SES),
        ("003", SKANE),
        ("004", GOTEBORG),
    ] {
        // A heading the numbered section title already says ("Organisation
        // och Samverkan") stands as that title.
        let text = html(toml, Doc::Agreement).to_lowercase();
        for section in &load(toml).sections {
            let heading = section.heading.trim().to_lowercase();
            assert!(
                text.contains(&heading),
                "{name}: the heading \"{heading}\" is not in {text}"
            );
        }
    }
    let goteborg = pdf("004-headings", GOTEBORG, Doc::Agreement).flat;
    for heading in [
        "Parternas inbördes relation",
        "Mål med avtalad verksamhet",
        "Övergripande målsättning:",
        "Styrnings- och ledningsorganisation:",
        "Underskrift ",
    ] {
        assert!(goteborg.contains(heading), "{heading} in {goteborg}");
    }
    assert!(!goteborg.contains("Underskrifter"), "{goteborg}");
}

#[test]
fn a_price_per_night_and_its_ceiling_are_stated_as_an_official_would() {
    let a = domain::generate::night_shelter().unwrap();
    let bytes = render(&a, Doc::Agreement, Output::Pdf).unwrap();
    let layout = pdf_text("night-shelter-agreement", &bytes);
    // The table: the ceiling as the amount, the price with what it is for.
    row_with(
        &layout,
        &["Region Gotland", "Kontant", "högst 1 150 000 kr"],
    );
    let text = flat(&layout);
    for words in [
        "420 kr per belagd plats och natt",
        "Region Gotland ersätter med 420 kr per belagd plats och natt, dock högst 1 150 000 kr per kalenderår.",
        "Ett belopp med ”högst” är ett tak, det mesta som betalas för ett kalenderår.",
    ] {
        assert!(text.contains(words), "missing: {words}\n{text}");
    }
}

/// The memo's alternatives table: the night shelter's only money is a
/// ceiling of 1 150 000 kr a year, so its sum per year is "högst", as is
/// its sum over the four years (4 × 1 150 000 = 4 600 000). (Seed 000's
/// alternatives state firm totals of their own; without them the column
/// is the agreement's own financing.)
#[test]
fn a_memo_sums_a_ceiling_as_at_most() {
    let mut a = domain::generate::night_shelter().unwrap();
    a.financing.as_mut().unwrap().alternatives.clear();
    let page = String::from_utf8(render(&a, Doc::Memo, Output::Html).unwrap()).unwrap();
    let row = page
        .split("<tr")
        .find(|row| row.contains("Summa per år"))
        .unwrap();
    assert!(row.contains("högst 1 150 000 kr"), "{row}");
    assert!(page.contains("högst 4 600 000 kr"), "{page}");
}
