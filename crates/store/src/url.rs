//! Which database a URL names. Anything that is not clearly SQLite or
//! PostgreSQL is refused rather than guessed.

use crate::StoreError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database URL iop accepts: `sqlite://PATH`, `sqlite:PATH`, a plain path
/// ending in `.db`, `.sqlite` or `.sqlite3`, or `postgres://` / `postgresql://`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    backend: Backend,
    /// For SQLite: the file path; for PostgreSQL: the URL as given.
    target: String,
}

impl DatabaseUrl {
    pub fn parse(raw: &str) -> Result<DatabaseUrl, StoreError> {
        let unknown = || StoreError::UnknownUrl(raw.to_owned());
        let text = raw.trim();
        if let Some(rest) = text
            .strip_prefix("postgres://")
            .or_else(|| text.strip_prefix("postgresql://"))
        {
            if rest.is_empty() {
                return Err(unknown());
            }
            return Ok(DatabaseUrl {
                backend: Backend::Postgres,
                target: text.to_owned(),
            });
        }
        let path = text
            .strip_prefix("sqlite://")
            .or_else(|| text.strip_prefix("sqlite:"));
        let path = match path {
            Some(p) => p.split('?').next().unwrap_or(p),
            None if text.contains("://") || text.contains(':') => return Err(unknown()),
            None => {
                let lower = text.to_ascii_lowercase();
                if [".db", ".sqlite", ".sqlite3"]
                    .iter()
                    .any(|ext| lower.ends_with(ext))
                {
                    text
                } else {
                    return Err(unknown());
                }
            }
        };
        if path.is_empty() || path.contains("postgres") && path.contains('@') {
            return Err(unknown());
        }
        Ok(DatabaseUrl {
            backend: Backend::Sqlite,
            target: path.to_owned(),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The string sqlx connects with; SQLite files are created when missing.
    pub fn connect_string(&self) -> String {
        match self.backend {
            Backend::Sqlite => format!("sqlite://{}?mode=rwc", self.target),
            Backend::Postgres => self.target.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_clear_urls() {
        let ok = [
            ("./iop.db", Backend::Sqlite),
            ("sqlite://data/iop.db", Backend::Sqlite),
            ("sqlite:iop.sqlite3", Backend::Sqlite),
            ("postgres://127.0.0.1:5432/test", Backend::Postgres),
            ("postgresql://user@host/db", Backend::Postgres),
        ];
        for (raw, backend) in ok {
            assert_eq!(
                DatabaseUrl::parse(raw).map(|u| u.backend()).ok(),
                Some(backend),
                "{raw}"
            );
        }
        assert_eq!(
            DatabaseUrl::parse("sqlite://x.db?mode=ro")
                .unwrap()
                .connect_string(),
            "sqlite://x.db?mode=rwc"
        );
    }

    #[test]
    fn refuses_unknown_or_ambiguous_ones() {
        for raw in [
            "",
            "mysql://localhost/db",
            "iop",
            "data.txt",
            "postgres://",
            "http://x/y.db",
            "C:iop",
            "sqlite://",
        ] {
            assert!(
                matches!(DatabaseUrl::parse(raw), Err(StoreError::UnknownUrl(_))),
                "{raw}"
            );
        }
    }
}
