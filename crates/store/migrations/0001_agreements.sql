-- One SQL text for SQLite and PostgreSQL: TEXT ids and dates (ISO 8601),
-- BIGINT for öre, counts and 0/1 flags (sqlx Any cannot decode BOOLEAN on SQLite).

CREATE TABLE agreements (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    status      TEXT NOT NULL,
    version     BIGINT NOT NULL,
    term_start  TEXT,
    term_end    TEXT,
    parties     TEXT NOT NULL,
    search      TEXT NOT NULL,
    published   BIGINT NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX agreements_status ON agreements (status, id);
CREATE INDEX agreements_term_end ON agreements (term_end);

-- Every save is a new version; nothing is overwritten.
CREATE TABLE agreement_versions (
    agreement_id TEXT NOT NULL REFERENCES agreements (id),
    version      BIGINT NOT NULL,
    status       TEXT NOT NULL,
    change       TEXT NOT NULL,
    reason       TEXT,
    author       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    document     TEXT NOT NULL,
    PRIMARY KEY (agreement_id, version)
);

-- The agreement's dated duties, recomputed from the clauses on every save,
-- so portfolio queries are index lookups.
CREATE TABLE obligations (
    agreement_id TEXT NOT NULL REFERENCES agreements (id),
    key          TEXT NOT NULL,
    due          TEXT NOT NULL,
    kind         TEXT NOT NULL,
    title        TEXT NOT NULL,
    clause_id    TEXT NOT NULL,
    window_start TEXT,
    PRIMARY KEY (agreement_id, key)
);
CREATE INDEX obligations_due ON obligations (due);

-- Money per agreement, year and party, recomputed on every save.
CREATE TABLE money (
    agreement_id TEXT NOT NULL REFERENCES agreements (id),
    year         BIGINT NOT NULL,
    party        TEXT NOT NULL,
    cash_ore     BIGINT,
    in_kind_ore  BIGINT,
    PRIMARY KEY (agreement_id, year, party)
);
CREATE INDEX money_year ON money (year);

-- What happens under an agreement: decisions, payments, reports, meetings,
-- notices, extensions, outcome figures (counts only, never people).
CREATE TABLE records (
    id             TEXT PRIMARY KEY,
    agreement_id   TEXT NOT NULL REFERENCES agreements (id),
    kind           TEXT NOT NULL,
    obligation_key TEXT,
    clause_id      TEXT,
    date           TEXT NOT NULL,
    amount_ore     BIGINT,
    state          TEXT NOT NULL,
    data           TEXT NOT NULL,
    author         TEXT NOT NULL,
    created_at     TEXT NOT NULL
);
CREATE INDEX records_agreement ON records (agreement_id, date);
CREATE INDEX records_obligation ON records (agreement_id, obligation_key);

-- Uploaded files (reports, minutes), stored on disk under generated names.
CREATE TABLE files (
    id           TEXT PRIMARY KEY,
    record_id    TEXT NOT NULL REFERENCES records (id),
    agreement_id TEXT NOT NULL REFERENCES agreements (id),
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX files_record ON files (record_id);
