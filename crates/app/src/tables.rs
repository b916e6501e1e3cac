//! An official's own portfolio as CSV and XLSX: every agreement the caller
//! may see (drafts included), with the same tables as the public register's
//! files (`publish::table`), so the two read alike.

use domain::Agreement;

use crate::access::Caller;
use crate::{App, AppError, ListFilter};

/// The portfolio as a file for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortfolioFile {
    /// Money per year and party (the columns of `register.csv`).
    Csv,
    /// The agreements, and money per year and party.
    Xlsx,
}

impl PortfolioFile {
    pub fn content_type(self) -> &'static str {
        match self {
            PortfolioFile::Csv => "text/csv; charset=utf-8",
            PortfolioFile::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }

    pub fn file_name(self) -> &'static str {
        match self {
            PortfolioFile::Csv => "portfolj.csv",
            PortfolioFile::Xlsx => "portfolj.xlsx",
        }
    }
}

impl App {
    /// The caller's portfolio as a file: the agreements of the caller's
    /// organisations, each one read through the capability to see it.
    pub async fn portfolio_file(
        &self,
        caller: &Caller,
        file: PortfolioFile,
    ) -> Result<Vec<u8>, AppError> {
        let list = self.portfolio_agreements(caller).await?;
        match file {
            PortfolioFile::Csv => {
                Ok(publish::table::csv(&publish::table::portfolio_money(&list)).into_bytes())
            }
            PortfolioFile::Xlsx => publish::xlsx::portfolio_xlsx(&list)
                .map_err(|e| AppError::Internal(format!("xlsx: {e}"))),
        }
    }

    /// Every agreement the caller may see, in id order.
    async fn portfolio_agreements(&self, caller: &Caller) -> Result<Vec<Agreement>, AppError> {
        const PAGE: i64 = 500;
        let scope = caller.portfolio()?;
        let mut out = Vec::new();
        let mut after = None;
        loop {
            let page = self
                .list(
                    &scope,
                    ListFilter {
                        after: after.clone(),
                        limit: PAGE,
                        ..ListFilter::default()
                    },
                )
                .await?;
            let full = page.len() as i64 == PAGE;
            for summary in &page {
                // One taken out of the caller's reach since the list was
                // read is left out, as the list would now leave it.
                let may = match self.see_agreement(caller, &summary.id).await {
                    Err(AppError::NotFound) => continue,
                    other => other?,
                };
                out.push(self.get(&may).await?.agreement);
            }
            match page.last() {
                Some(last) if full => after = Some(last.id.clone()),
                _ => return Ok(out),
            }
        }
    }
}
