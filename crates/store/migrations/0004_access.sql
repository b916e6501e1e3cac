-- Who may see and do what: organisations (the parties), users, their roles
-- in organisations, sessions, API tokens, login throttling, and the
-- hash-chained audit log.

-- An organisation is a party to agreements: a public body or an idea-driven
-- organisation. Its id is its org number when known, else a slug of its name.
CREATE TABLE organisations (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Which organisations are parties to which agreement (kept with each version).
CREATE TABLE agreement_parties (
    agreement_id TEXT NOT NULL REFERENCES agreements (id),
    org_id       TEXT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (agreement_id, org_id)
);
CREATE INDEX agreement_parties_org ON agreement_parties (org_id, agreement_id);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    -- Argon2id, PHC string format.
    password_hash TEXT NOT NULL,
    is_admin      BIGINT NOT NULL DEFAULT 0,
    disabled      BIGINT NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);

-- A user's role in an organisation: official, partner or reader.
CREATE TABLE memberships (
    user_id TEXT NOT NULL REFERENCES users (id),
    org_id  TEXT NOT NULL REFERENCES organisations (id),
    role    TEXT NOT NULL,
    PRIMARY KEY (user_id, org_id)
);
CREATE INDEX memberships_org ON memberships (org_id);

-- Server-side sessions. Only a hash of the cookie's secret is kept, so a
-- copy of the database does not let anyone sign in.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen  TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- API tokens for machine clients: scoped (read or write), revocable.
CREATE TABLE api_tokens (
    id         TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id    TEXT NOT NULL REFERENCES users (id),
    name       TEXT NOT NULL,
    scope      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Failed sign-ins per user name, for throttling.
CREATE TABLE login_failures (
    username  TEXT NOT NULL,
    failed_at TEXT NOT NULL
);
CREATE INDEX login_failures_user ON login_failures (username, failed_at);

-- The audit log: every write, in the transaction of the write. Each event's
-- hash covers its fields and the previous event's hash; `audit_head` holds
-- the last sequence number and hash, and serialises appends.
CREATE TABLE audit_events (
    seq         BIGINT PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    entity_kind TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    action      TEXT NOT NULL,
    before      TEXT,
    after       TEXT,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_events_entity ON audit_events (entity_kind, entity_id, seq);

CREATE TABLE audit_head (
    id   BIGINT PRIMARY KEY,
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
