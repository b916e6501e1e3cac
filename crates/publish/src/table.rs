//! The register as tables for people: one row per agreement, and one row per
//! year × party of each agreement's money. CSV and XLSX write the same rows,
//! with Swedish column names.

use domain::Agreement;
use domain::model::{Sector, Status};
use domain::value::{Date, Money};

use crate::input::{PublishedAgreement, Settings};
use crate::money::flows;
use crate::ocds::ocid;

/// A cell: text, an amount in kronor, a date, a whole number, or nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Kronor(Money),
    Date(Date),
    Number(i64),
    Empty,
}

/// A table: a sheet name, column names and rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [&'static str],
    pub rows: Vec<Vec<Cell>>,
}

/// Swedish words for the lifecycle status, as the register shows them.
pub fn status_sv(status: Status) -> &'static str {
    match status {
        Status::Draft => "Utkast",
        Status::Decided => "Beslutad",
        Status::Signed => "Undertecknad",
        Status::Active => "Gällande",
        Status::Ended => "Avslutad",
        Status::Terminated => "Avslutad i förtid",
    }
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// "Ja" / "Nej" for a marker column ("Kontant högst").
fn yes_no(marked: bool) -> Cell {
    text(if marked { "Ja" } else { "Nej" })
}

fn opt<T>(value: Option<T>, cell: impl Fn(T) -> Cell) -> Cell {
    value.map_or(Cell::Empty, cell)
}

/// Agreements in id order, so the caller's order does not matter.
fn sorted(agreements: &[PublishedAgreement]) -> Vec<&PublishedAgreement> {
    let mut list: Vec<&PublishedAgreement> = agreements.iter().collect();
    list.sort_by(|x, y| x.agreement().id.cmp(&y.agreement().id));
    list
}

/// One row per agreement.
pub fn agreements(agreements: &[PublishedAgreement], settings: &Settings) -> Table {
    let rows = sorted(agreements)
        .into_iter()
        .map(|p| {
            let a = p.agreement();
            let money = flows(a);
            let parties: Vec<&str> = a.parties.iter().map(|x| x.name.as_str()).collect();
            vec![
                text(a.id.as_str()),
                text(ocid(p, settings)),
                text(a.title.as_str()),
                text(status_sv(a.status)),
                text(parties.join("; ")),
                Cell::Date(p.lifecycle().decided),
                opt(p.lifecycle().signed, Cell::Date),
                opt(a.term.as_ref().map(|t| t.start), Cell::Date),
                opt(a.term.as_ref().map(|t| t.end), Cell::Date),
                opt(money.total, Cell::Kronor),
                yes_no(money.at_most),
                opt(money.public_cash(), Cell::Kronor),
                yes_no(money.public_cash_at_most()),
            ]
        })
        .collect();
    Table {
        name: "Överenskommelser",
        columns: &[
            "Id",
            "OCID",
            "Titel",
            "Status",
            "Parter",
            "Beslutad",
            "Undertecknad",
            "Startdatum",
            "Slutdatum",
            "Budget totalt (kr)",
            "Budget totalt högst",
            "Offentlig kontant finansiering (kr)",
            "Offentlig kontant finansiering högst",
        ],
        rows,
    }
}

/// One row per year × party of each agreement's money (appendices too).
pub fn money(agreements: &[PublishedAgreement]) -> Table {
    money_of(
        sorted(agreements)
            .into_iter()
            .map(PublishedAgreement::agreement),
    )
}

/// An official's own portfolio, which may hold drafts: one row per
/// agreement, in id order. No OCID and no decision day: a draft has neither.
pub fn portfolio(agreements: &[Agreement]) -> Table {
    let rows = sorted_agreements(agreements)
        .into_iter()
        .map(|a| {
            let money = flows(a);
            let parties: Vec<&str> = a.parties.iter().map(|x| x.name.as_str()).collect();
            vec![
                text(a.id.as_str()),
                text(a.title.as_str()),
                text(status_sv(a.status)),
                text(parties.join("; ")),
                opt(a.term.as_ref().map(|t| t.start), Cell::Date),
                opt(a.term.as_ref().map(|t| t.end), Cell::Date),
                opt(money.total, Cell::Kronor),
                yes_no(money.at_most),
                opt(money.public_cash(), Cell::Kronor),
                yes_no(money.public_cash_at_most()),
            ]
        })
        .collect();
    Table {
        name: "Överenskommelser",
        columns: &[
            "Id",
            "Titel",
            "Status",
            "Parter",
            "Startdatum",
            "Slutdatum",
            "Budget totalt (kr)",
            "Budget totalt högst",
            "Offentlig kontant finansiering (kr)",
            "Offentlig kontant finansiering högst",
        ],
        rows,
    }
}

/// The money table of an official's portfolio (drafts too), in id order.
pub fn portfolio_money(agreements: &[Agreement]) -> Table {
    money_of(sorted_agreements(agreements))
}

fn sorted_agreements(agreements: &[Agreement]) -> Vec<&Agreement> {
    let mut list: Vec<&Agreement> = agreements.iter().collect();
    list.sort_by(|x, y| x.id.cmp(&y.id));
    list
}

/// The money rows of `agreements`, in the order given.
fn money_of<'a>(agreements: impl IntoIterator<Item = &'a Agreement>) -> Table {
    let mut rows = Vec::new();
    for a in agreements {
        for r in flows(a).rows {
            let appendix = r.appendix.as_ref().and_then(|id| {
                a.appendices
                    .iter()
                    .find(|ap| &ap.id == id)
                    .map(|ap| format!("Bilaga {}: {}", ap.number, ap.title))
            });
            let org = a
                .parties
                .iter()
                .find(|x| x.id == r.party)
                .and_then(|x| x.org_number.as_ref())
                .map(ToString::to_string);
            rows.push(vec![
                text(a.id.as_str()),
                text(a.title.as_str()),
                opt(appendix, text),
                Cell::Number(i64::from(r.year)),
                Cell::Date(r.start),
                Cell::Date(r.end),
                text(r.party_name),
                opt(org, text),
                text(match r.sector {
                    Sector::Public => "Offentlig",
                    Sector::IdeaDriven => "Idéburen",
                }),
                opt(r.cash, Cell::Kronor),
                opt(r.in_kind, Cell::Kronor),
                yes_no(r.at_least),
                yes_no(r.cash_at_most),
            ]);
        }
    }
    Table {
        name: "Ekonomi per år och part",
        columns: &[
            "Id",
            "Titel",
            "Bilaga",
            "År",
            "Från",
            "Till",
            "Part",
            "Organisationsnummer",
            "Sektor",
            "Kontant (kr)",
            "Egeninsats (kr)",
            "Egeninsats minst",
            "Kontant högst",
        ],
        rows,
    }
}

/// RFC 4180 CSV, UTF-8, comma-separated, CRLF line ends; amounts in kronor
/// with a decimal point, dates as YYYY-MM-DD.
pub fn csv(table: &Table) -> String {
    let mut out = String::new();
    let line = |cells: Vec<String>, out: &mut String| {
        let quoted: Vec<String> = cells.iter().map(|c| quote(c)).collect();
        out.push_str(&quoted.join(","));
        out.push_str("\r\n");
    };
    line(
        table.columns.iter().map(|c| (*c).to_owned()).collect(),
        &mut out,
    );
    for row in &table.rows {
        let cells = row
            .iter()
            .map(|c| match c {
                Cell::Text(s) => s.clone(),
                Cell::Kronor(m) => kronor_text(*m),
                Cell::Date(d) => d.to_string(),
                Cell::Number(n) => n.to_string(),
                Cell::Empty => String::new(),
            })
            .collect();
        line(cells, &mut out);
    }
    out
}

/// "1300000", or "37000.50" when there are öre.
fn kronor_text(m: Money) -> String {
    if m.ore() % 100 == 0 {
        (m.ore() / 100).to_string()
    } else {
        m.to_decimal_string()
    }
}

fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_it_must() {
        let table = Table {
            name: "t",
            columns: &["A", "B"],
            rows: vec![vec![
                Cell::Text("Vi Ses, \"språkvänner\"".into()),
                Cell::Kronor(Money::from_ore(3_700_050)),
            ]],
        };
        assert_eq!(
            csv(&table),
            "A,B\r\n\"Vi Ses, \"\"språkvänner\"\"\",37000.50\r\n"
        );
    }
}
