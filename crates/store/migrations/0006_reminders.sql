-- E-mail reminders (issue 16): each account's address and notification
-- settings, and the outbox of planned reminders. One SQL text for SQLite
-- and PostgreSQL, as in 0001.

-- The address reminders go to; none: no reminders.
ALTER TABLE users ADD COLUMN email TEXT;

-- A user's own choice of reminders, as JSON (kinds of duty, lead times,
-- delivery, language, off). No row: the defaults of the user's role.
CREATE TABLE notification_settings (
    user_id    TEXT PRIMARY KEY REFERENCES users (id),
    settings   TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- The outbox: one row per reminder key (recipient, agreement, duty, lead),
-- planned once (INSERT … ON CONFLICT DO NOTHING), claimed under a lease
-- (claimed_by, lease_until) so two workers never send the same row at the
-- same time, and marked sent in the transaction of its audit event.
-- state: planned, sending, sent, failed, cancelled. The mail is rendered
-- when planned and kept as JSON, so a retry sends the same words.
CREATE TABLE reminders (
    recipient       TEXT NOT NULL,
    agreement_id    TEXT NOT NULL,
    duty_key        TEXT NOT NULL,
    lead_days       BIGINT NOT NULL,
    due             TEXT NOT NULL,
    planned_for     TEXT NOT NULL,
    address         TEXT NOT NULL,
    subject         TEXT NOT NULL,
    mail            TEXT NOT NULL,
    state           TEXT NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    claimed_by      TEXT,
    lease_until     TEXT,
    sent_at         TEXT,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (recipient, agreement_id, duty_key, lead_days)
);
CREATE INDEX reminders_ready ON reminders (state, next_attempt_at);
CREATE INDEX reminders_agreement ON reminders (agreement_id, state);
