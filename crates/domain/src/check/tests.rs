//! Every check has a case that triggers it and the clean agreement that does
//! not; every code in `CODES` is covered by a case.

use std::collections::BTreeSet;

use super::{CODES, check};
use crate::Agreement;
use crate::diagnostic::Severity;
use crate::format::{Syntax, parse};
use crate::model::*;
use crate::value::{CalendarLength, Id, Money};

/// A small agreement that every check is happy with.
const CLEAN: &str = r#"
format = 1
id = "test"
title = "Testpartnerskap"
status = "draft"
purposes = ["Att hjälpa."]
target_groups = [{ priority = "primary", description = "Nyanlända." }]

[[parties]]
id = "kommunen"
name = "Kommunen"
sector = "public"
org_number = "212000-0449"

[[parties]]
id = "foreningen"
name = "Föreningen"
sector = "idea-driven"
org_number = "822002-1318"

[[sections]]
kind = "background"
heading = "Bakgrund"
text = "Behovet finns."

[[activities]]
id = "cafe"
name = "Café"
performed_by = "foreningen"

[financing]
id = "ekonomi"
section = "Ekonomi"
quote = "Kostnaderna beräknas till 1 000 kronor per år."
total_per_year = "1 000"
budget_lines = [
  { id = "lokal", name = "lokaler", amount = "400" },
  { id = "ledare", name = "ledare", amount = "600" },
]
contributions = [
  { party = "kommunen", kind = "cash", amount = "600", covers = ["ledare"] },
  { party = "foreningen", kind = "in-kind", amount = "400", at_least = true, covers = ["lokal"] },
]

[term]
id = "giltighet"
section = "Giltighet"
quote = "Gäller 2022–2023."
start = 2022-01-01
end = 2023-12-31

[extension]
id = "forlangning"
section = "Giltighet"
quote = "Kan förlängas två gånger två år."
times = 2
length = "2 years"

[[termination]]
id = "havning"
section = "Giltighet"
quote = "Kan hävas."
grounds = ["breach"]
by = "other-party"
settlement = "reimburse-incurred-costs"

[dispute]
id = "tvist"
section = "Tvist"
quote = "Tvister löses genom dialog."
first_step = "dialog"

[[governance]]
id = "styrgrupp"
section = "Organisation"
quote = "Styrgruppen sammanträder två gånger om året."
kind = "steering-group"
name = "Styrgrupp"
cadence = { kind = "per-year", times = 2 }
members = [{ party = "kommunen", role = "sakkunnig" }, { party = "foreningen" }]

[[reporting]]
id = "rapport"
section = "Uppföljning"
quote = "En gång per år rapporteras."
kind = "joint-report"
title = "Gemensam rapport"
to = "ansvarig nämnd"
due = { kind = "yearly", month = 3, day = 31, year_offset = 1 }
due_is_default = true
"#;

fn clean() -> Agreement {
    match parse(CLEAN, Syntax::Toml) {
        Ok(a) => a,
        Err(e) => panic!("the clean agreement does not parse: {e:?}"),
    }
}

fn id(s: &str) -> Id {
    s.parse().unwrap()
}

fn kr(n: i64) -> Money {
    Money::from_kronor(n).unwrap()
}

fn financing(a: &mut Agreement) -> &mut Financing {
    a.financing.as_mut().unwrap()
}

fn codes(a: &Agreement) -> BTreeSet<&'static str> {
    check(a).into_iter().map(|d| d.code).collect()
}

type Mutation = fn(&mut Agreement);

/// (code, a change that must trigger it)
const CASES: &[(&str, Mutation)] = &[
    ("party-sectors", |a| a.parties[1].sector = Sector::Public),
    ("orgnr-checksum", |a| {
        a.parties[0].org_number = crate::value::OrgNumber::keeping_check_digit("212000-0448").ok()
    }),
    ("orgnr-sector", |a| {
        a.parties[1].org_number = Some("212000-0449".parse().unwrap())
    }),
    ("no-own-contribution", |a| {
        financing(a).contributions.truncate(1)
    }),
    ("contributions-sum", |a| {
        financing(a).contributions[1].amount = Some(kr(399))
    }),
    ("budget-lines-sum", |a| {
        financing(a).total_per_year = Some(kr(1_001))
    }),
    ("term-missing", |a| a.term = None),
    ("term-order", |a| {
        let t = a.term.as_mut().unwrap();
        std::mem::swap(&mut t.start, &mut t.end);
    }),
    ("extension-unbounded", |a| {
        a.extension.as_mut().unwrap().times = None
    }),
    ("per-unit-payment", |a| {
        financing(a).contributions[0].basis = ContributionBasis::PerPlace
    }),
    ("ceiling-without-amount", |a| {
        let c = &mut financing(a).contributions[0];
        c.at_most = true;
        c.amount = None;
    }),
    ("procured-service", |a| a.replaces_procured_service = true),
    ("section-missing", |a| a.sections.clear()),
    ("dispute-missing", |a| a.dispute = None),
    ("no-joint-governance", |a| {
        a.governance[0].members.truncate(1)
    }),
    ("no-follow-up", |a| a.reporting.clear()),
    ("de-minimis", |a| {
        let f = financing(a);
        f.total_per_year = Some(kr(3_000_000));
        f.budget_lines.clear();
        f.contributions[0].amount = Some(kr(2_000_000));
        f.contributions[0].covers.clear();
        f.contributions[1].amount = Some(kr(1_000_000));
        f.contributions[1].covers.clear();
    }),
    ("decision-missing", |a| a.status = Status::Signed),
    ("id-reserved", |a| a.id = id("360giving")),
    ("ocid-format", |a| {
        a.ocid = Some("ocds-ABC123-vi-ses".into())
    }),
    ("duplicate-id", |a| a.activities[0].id = id("kommunen")),
    ("unknown-reference", |a| {
        financing(a).contributions[0].party = id("regionen")
    }),
    ("payment-plan-invalid", |a| {
        financing(a).payment = Some(PaymentPlan {
            per_year: 5,
            first_month: 1,
            day: 1,
            default: false,
        })
    }),
    ("due-invalid", |a| {
        a.reporting[0].due = DueRule::Yearly {
            month: 2,
            day: 30,
            year_offset: 1,
        }
    }),
    ("cadence-invalid", |a| {
        a.governance[0].cadence = Cadence::Interval {
            min_weeks: 6,
            max_weeks: 4,
        }
    }),
    ("text-long", |a| a.title = "x".repeat(501)),
    ("text-unprintable", |a| a.title = "Samverkan 中文".into()),
    ("term-long", |a| {
        a.term.as_mut().unwrap().end = crate::value::Date::from_ymd(2072, 1, 1).unwrap();
    }),
    ("duties-many", |a| add_single_reports(a, 5000)),
];

#[test]
fn the_clean_agreement_has_no_findings() {
    assert_eq!(check(&clean()), vec![]);
}

#[test]
fn each_case_triggers_its_check_and_its_severity_matches() {
    for (code, mutate) in CASES {
        let mut a = clean();
        mutate(&mut a);
        let found = check(&a);
        let d = found.iter().find(|d| d.code == *code);
        let Some(d) = d else {
            panic!("{code} not triggered; got {found:?}")
        };
        let severity = CODES.iter().find(|(c, _)| c == code).map(|(_, s)| *s);
        assert_eq!(Some(d.severity), severity, "{code}");
        assert!(d.path.is_some(), "{code} names no field");
    }
}

#[test]
fn every_code_has_a_case() {
    let covered: BTreeSet<&str> = CASES.iter().map(|(c, _)| *c).collect();
    let all: BTreeSet<&str> = CODES.iter().map(|(c, _)| *c).collect();
    assert_eq!(covered, all);
}

#[test]
fn at_least_amounts_count_as_their_minimum() {
    // 600 + at least 400 = 1 000: fine. Raising the minimum above the budget is not.
    let mut a = clean();
    assert!(!codes(&a).contains("contributions-sum"));
    financing(&mut a).contributions[1].amount = Some(kr(500));
    assert!(codes(&a).contains("contributions-sum"));
}

#[test]
fn a_price_per_occupied_place_and_night_is_a_per_unit_payment() {
    let mut a = clean();
    let c = &mut financing(&mut a).contributions[0];
    c.basis = ContributionBasis::PerOccupiedPlaceNight;
    c.unit_price = Some(kr(420));
    let found = check(&a);
    let d = found.iter().find(|d| d.code == "per-unit-payment").unwrap();
    assert_eq!(
        d.path.as_ref().unwrap().to_string(),
        "financing.contributions[0].basis"
    );
    // A price per unit on a lump sum is a price per unit all the same.
    let mut a = clean();
    financing(&mut a).contributions[0].unit_price = Some(kr(420));
    assert!(codes(&a).contains("per-unit-payment"));
}

#[test]
fn a_ceiling_counts_as_its_maximum_and_a_price_without_one_is_fine() {
    // Budget 1 500 000 a year: the municipality pays 420 kr per occupied
    // place and night, at most 1 150 000; the organisation puts in 350 000
    // in kind. 1 150 000 + 350 000 = 1 500 000: the plan adds up.
    let mut a = clean();
    let f = financing(&mut a);
    f.total_per_year = Some(kr(1_500_000));
    f.budget_lines.clear();
    let c = &mut f.contributions[0];
    c.covers.clear();
    c.amount = Some(kr(1_150_000));
    c.at_most = true;
    c.basis = ContributionBasis::PerOccupiedPlaceNight;
    c.unit_price = Some(kr(420));
    f.contributions[1].covers.clear();
    f.contributions[1].amount = Some(kr(350_000));
    f.contributions[1].at_least = false;
    assert!(!codes(&a).contains("contributions-sum"));
    assert!(!codes(&a).contains("ceiling-without-amount"));
    // 300 000 in kind: at their maxima the contributions reach 1 450 000.
    financing(&mut a).contributions[1].amount = Some(kr(300_000));
    let found = check(&a);
    let d = found
        .iter()
        .find(|d| d.code == "contributions-sum")
        .unwrap();
    assert_eq!(d.get("contributions"), Some("1 450 000 kr"));
    assert_eq!(d.get("budget"), Some("1 500 000 kr"));
    // The sum holds a ceiling, so the message says "högst".
    assert_eq!(d.get("kind"), Some("ceiling"));
    // A ceiling whose amount is gone is flagged…
    financing(&mut a).contributions[0].amount = None;
    assert!(codes(&a).contains("ceiling-without-amount"));
    // …but a price per night with no ceiling states no yearly figure: no
    // ceiling to miss.
    financing(&mut a).contributions[0].at_most = false;
    assert!(!codes(&a).contains("ceiling-without-amount"));
}

#[test]
fn a_ceiling_counts_at_its_maximum_for_de_minimis() {
    // At most 2 000 000 kr a year over 2022–2023 is 4 000 000 kr, over the
    // 300 000 euro × 11 kr = 3 300 000 kr, though nothing of it is a payment.
    let mut a = clean();
    let f = financing(&mut a);
    f.budget_lines.clear();
    f.total_per_year = None;
    let c = &mut f.contributions[0];
    c.covers.clear();
    c.amount = Some(kr(2_000_000));
    c.at_most = true;
    assert!(codes(&a).contains("de-minimis"));
    // At most 1 500 000 kr a year is 3 000 000 kr: under it.
    financing(&mut a).contributions[0].amount = Some(kr(1_500_000));
    assert!(!codes(&a).contains("de-minimis"));
}

#[test]
fn a_missing_section_names_which() {
    let mut a = clean();
    a.activities.clear();
    let found = check(&a);
    let d = found.iter().find(|d| d.code == "section-missing").unwrap();
    assert_eq!(d.get("section"), Some("@section-activities"));
    assert_eq!(d.path.as_ref().unwrap().to_string(), "activities");
}

#[test]
fn de_minimis_is_silenced_by_an_assessment_and_counts_three_years_at_most() {
    let mut a = clean();
    // 1 100 000 kr a year from the public side; 2 years = 2.2 M kr < 3.3 M kr ceiling.
    let f = financing(&mut a);
    f.total_per_year = None;
    f.budget_lines.clear();
    f.contributions[0].covers.clear();
    f.contributions[1].covers.clear();
    f.contributions[0].amount = Some(kr(1_100_001));
    assert!(!codes(&a).contains("de-minimis"));
    // Over four years any three exceed 3.3 M kr.
    a.term.as_mut().unwrap().end = "2025-12-31".parse().unwrap();
    assert!(codes(&a).contains("de-minimis"));
    financing(&mut a).state_aid = Some(StateAid {
        assessed: true,
        sgei: false,
        eur_price: None,
    });
    assert!(!codes(&a).contains("de-minimis"));
}

#[test]
fn a_bounded_extension_by_maximum_is_fine() {
    let mut a = clean();
    let e = a.extension.as_mut().unwrap();
    e.times = None;
    e.length = None;
    e.max_total = Some(CalendarLength::years(2));
    assert!(!codes(&a).contains("extension-unbounded"));
}

#[test]
fn only_errors_make_an_agreement_invalid() {
    let mut a = clean();
    a.dispute = None;
    assert!(check(&a).iter().all(|d| d.severity == Severity::Warning));
}

#[test]
fn an_adopted_ocid_has_a_registered_prefix_a_dash_and_an_identifier() {
    for ok in [
        "ocds-a1b2c3-vi-ses-2022",
        "ocds-zz9xx8-1",
        "ocds-abcdef-X/7",
    ] {
        assert!(super::is_ocid(ok), "{ok}");
    }
    for bad in [
        "",
        "ocds-a1b2c3",
        "ocds-a1b2c3-",
        "ocds-a1b2c-x",
        "ocds-A1B2C3-x",
        "ocds-a1b2c3x",
        "OCDS-a1b2c3-x",
        "ocds-a1b2c3-vi ses",
        "ocds-åäöabc-x",
    ] {
        assert!(!super::is_ocid(bad), "{bad:?}");
    }
    let mut a = clean();
    a.ocid = Some("ocds-a1b2c3-vi-ses-2022".into());
    assert_eq!(check(&a), vec![]);
}

#[test]
fn every_reserved_agreement_id_is_a_valid_id_and_refused() {
    for word in super::RESERVED_AGREEMENT_IDS {
        let mut a = clean();
        a.id = id(word);
        assert!(codes(&a).contains("id-reserved"), "{word}");
    }
}

/// The server gives a new agreement its file's id with an ending: that id
/// must pass the checks the file's own id passed.
#[test]
fn an_id_with_an_ending_is_never_reserved() {
    for word in ["ny", "ocds", "360giving", "linkoping-vi-ses-2022"] {
        for random in [0, 1, 0x2bad_cafe, u32::MAX] {
            let mut a = clean();
            a.id = id(word).with_ending(random);
            assert_eq!(check(&a), vec![], "{}", a.id);
        }
    }
}

/// `extra` more reports, each due on one day.
fn add_single_reports(a: &mut Agreement, extra: usize) {
    let report = a.reporting[0].clone();
    for i in 0..extra {
        let mut r = report.clone();
        r.id = id(&format!("extra-{i}"));
        r.due = DueRule::Date {
            date: crate::value::Date::from_ymd(2023, 6, 1).unwrap(),
        };
        a.reporting.push(r);
    }
}

mod bounds {
    use super::*;
    use crate::check::{MAX_DUTIES, MAX_TERM_YEARS};
    use crate::rules::obligations::duty_count;
    use crate::value::Date;

    fn codes_of(a: &Agreement) -> BTreeSet<&'static str> {
        check(a).into_iter().map(|d| d.code).collect()
    }

    fn date(y: i16, m: i8, d: i8) -> Date {
        Date::from_ymd(y, m, d).unwrap_or_else(|| panic!("{y}-{m}-{d}"))
    }

    /// The clean agreement with `extra` more reports, each due on one day.
    fn with_single_reports(extra: usize) -> Agreement {
        let mut a = clean();
        add_single_reports(&mut a, extra);
        a
    }

    #[test]
    fn a_term_of_fifty_years_is_accepted_and_a_day_more_is_not() {
        assert_eq!(MAX_TERM_YEARS, 50);
        let mut a = clean();
        if let Some(t) = a.term.as_mut() {
            t.start = date(2025, 1, 1);
            t.end = date(2074, 12, 31);
        }
        assert!(!codes_of(&a).contains("term-long"), "{:?}", check(&a));
        if let Some(t) = a.term.as_mut() {
            t.end = date(2075, 1, 1);
        }
        assert!(codes_of(&a).contains("term-long"));
    }

    #[test]
    fn five_thousand_duties_are_accepted_and_one_more_is_not() {
        // The clean agreement, by hand: the joint report for 2022 and 2023,
        // the steering group's windows for 2022 and 2023, the extension
        // decision and the term's end.
        let clean = clean();
        assert_eq!(duty_count(&clean, None, usize::MAX), Some(6));
        let at_bound = with_single_reports(MAX_DUTIES - 6);
        assert_eq!(duty_count(&at_bound, None, usize::MAX), Some(MAX_DUTIES));
        assert!(!codes_of(&at_bound).contains("duties-many"));
        let above = with_single_reports(MAX_DUTIES - 5);
        assert!(codes_of(&above).contains("duties-many"));
        // Counting stops at the cap, however many the file asks for.
        assert_eq!(duty_count(&above, None, 10), Some(10));
    }
}
