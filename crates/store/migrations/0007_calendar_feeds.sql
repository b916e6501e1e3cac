-- Calendar subscriptions: a secret feed address per subscription, of the
-- duties its user gets reminders for. Only a hash of the secret is kept (as
-- for API tokens), so a copy of the database does not reveal anyone's
-- duties; a revoked feed keeps its row (and its audit trail) but answers no more.
CREATE TABLE calendar_feeds (
    id         TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id    TEXT NOT NULL REFERENCES users (id),
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX calendar_feeds_user ON calendar_feeds (user_id);
