//! The plans the database makes for the paged queries (the agreement list,
//! duties due, overdue reports, agreements ending, the public register, the audit log), with
//! sample parameters: each should read an index in the page's order and
//! stop when the page is full, with or without the planner's statistics.
//! For operators (what does the database do?) and for the test that holds
//! them index-driven.

use sqlx::Row;

use crate::audit::AUDIT_PAGE_SQL;
use crate::{Backend, LIST_SQL, Result, Store, due_sql, ending_sql, published_sql};

/// A sample parameter.
#[derive(Clone, Copy)]
enum P {
    Text(&'static str),
    Int(i64),
}

impl Store {
    /// Each paged query's name and its plan as the database prints it
    /// (`EXPLAIN` on PostgreSQL, `EXPLAIN QUERY PLAN` on SQLite), for a
    /// page of 50 asked by `user_id` in 2026.
    pub async fn paged_query_plans(
        &self,
        user_id: &'static str,
    ) -> Result<Vec<(&'static str, String)>> {
        use P::{Int, Text};
        let statuses = [Text("decided"), Text("signed"), Text("active")];
        let queries: Vec<(&'static str, String, Vec<P>)> = vec![
            (
                "agreement list",
                LIST_SQL.to_owned(),
                vec![
                    Text(""),
                    Text(""),
                    Text(""),
                    Text(""),
                    Text(""),
                    Int(50),
                    Text(user_id),
                ],
            ),
            (
                "agreement list, by status",
                LIST_SQL.to_owned(),
                vec![
                    Text("active"),
                    Text(""),
                    Text(""),
                    Text(""),
                    Text(""),
                    Int(50),
                    Text(user_id),
                ],
            ),
            (
                "duties due",
                due_sql(None, None),
                vec![
                    Text("2026-11-23"),
                    Text("2027-02-21"),
                    Int(50),
                    Text(user_id),
                    Text("2026-11-23"),
                    Text(""),
                    Text(""),
                ],
            ),
            (
                "overdue reports",
                due_sql(Some(2), Some(statuses.len())),
                [
                    Text("0000-01-01"),
                    Text("2026-11-22"),
                    Int(50),
                    Text(user_id),
                    Text("0000-01-01"),
                    Text(""),
                    Text(""),
                    Text("annual-report"),
                    Text("financial-report"),
                ]
                .into_iter()
                .chain(statuses)
                .collect(),
            ),
            (
                "agreements ending",
                ending_sql(statuses.len()),
                [
                    Text("2026-11-23"),
                    Text("2027-05-23"),
                    Int(50),
                    Text(user_id),
                ]
                .into_iter()
                .chain(statuses)
                .collect(),
            ),
            (
                "public register",
                published_sql(statuses.len()),
                [Text(""), Int(50)].into_iter().chain(statuses).collect(),
            ),
            (
                "audit log",
                AUDIT_PAGE_SQL.to_owned(),
                vec![Int(i64::MAX), Text(user_id), Int(50)],
            ),
        ];
        let mut plans = Vec::with_capacity(queries.len());
        for (name, sql, params) in queries {
            plans.push((name, self.plan(&sql, &params).await?));
        }
        Ok(plans)
    }

    async fn plan(&self, sql: &str, params: &[P]) -> Result<String> {
        let (explain, column) = match self.backend {
            Backend::Postgres => ("EXPLAIN ", 0),
            Backend::Sqlite => ("EXPLAIN QUERY PLAN ", 3),
        };
        // Only the constant texts above are formatted in.
        let mut query = sqlx::query(sqlx::AssertSqlSafe(format!("{explain}{sql}")));
        for p in params {
            query = match *p {
                P::Text(t) => query.bind(t),
                P::Int(i) => query.bind(i),
            };
        }
        let rows = query.fetch_all(&self.pool).await?;
        let lines: Vec<String> = rows
            .iter()
            .map(|r| r.try_get::<String, _>(column))
            .collect::<std::result::Result<_, _>>()?;
        Ok(lines.join("\n"))
    }
}
