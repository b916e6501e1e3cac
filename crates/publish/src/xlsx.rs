//! The register as an Excel workbook: the tables of `table`, one sheet each,
//! with typed cells (numbers and dates, not text) and a frozen header row.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use domain::Agreement;

use crate::input::{PublishedAgreement, Settings};
use crate::table::{Cell, Table, agreements, money, portfolio, portfolio_money};

/// The workbook's bytes: "Överenskommelser" and "Ekonomi per år och part".
pub fn register_xlsx(
    list: &[PublishedAgreement],
    settings: &Settings,
) -> Result<Vec<u8>, XlsxError> {
    workbook(&[agreements(list, settings), money(list)])
}

/// An official's own portfolio (drafts too) as a workbook with the same two
/// sheets; the agreement sheet has no OCID or decision day.
pub fn portfolio_xlsx(list: &[Agreement]) -> Result<Vec<u8>, XlsxError> {
    workbook(&[portfolio(list), portfolio_money(list)])
}

fn workbook(tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    // A fixed creation time (not the clock's), so the same register gives
    // the same bytes.
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    for table in tables {
        sheet(&mut workbook, table)?;
    }
    workbook.save_to_buffer()
}

fn sheet(workbook: &mut Workbook, table: &Table) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let kronor = Format::new().set_num_format("#,##0");
    let ore = Format::new().set_num_format("#,##0.00");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = workbook.add_worksheet();
    // Excel limits sheet names to 31 characters.
    sheet.set_name(table.name)?;
    for (col, name) in (0u16..).zip(table.columns) {
        sheet.write_string_with_format(0, col, *name, &bold)?;
    }
    for (row, cells) in (1u32..).zip(&table.rows) {
        for (col, cell) in (0u16..).zip(cells) {
            match cell {
                Cell::Text(s) => {
                    sheet.write_string(row, col, s)?;
                }
                Cell::Kronor(m) => {
                    // Whole öre divided by 100: exact to the öre in a double.
                    let value = m.ore() as f64 / 100.0;
                    let format = if m.ore() % 100 == 0 { &kronor } else { &ore };
                    sheet.write_number_with_format(row, col, value, format)?;
                }
                Cell::Date(d) => {
                    let value = ExcelDateTime::from_ymd(
                        u16::try_from(d.year()).unwrap_or(1900),
                        u8::try_from(d.get().month()).unwrap_or(1),
                        u8::try_from(d.get().day()).unwrap_or(1),
                    )?;
                    sheet.write_datetime_with_format(row, col, &value, &date)?;
                }
                Cell::Number(n) => {
                    let value = *n as f64;
                    sheet.write_number(row, col, value)?;
                }
                Cell::Empty => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofit();
    Ok(())
}
