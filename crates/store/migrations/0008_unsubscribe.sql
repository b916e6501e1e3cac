-- One-click unsubscribe (RFC 8058): the secret in a reminder mail's
-- List-Unsubscribe address. Mails are rendered when planned and only a hash
-- of each secret is kept, so every planning run that writes mails to a user
-- makes a new secret for them; each stays valid. A copy of the database
-- cannot turn anyone's reminders off.
CREATE TABLE unsubscribe_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL
);
CREATE INDEX unsubscribe_tokens_user ON unsubscribe_tokens (user_id);

-- The days reminders were planned for (a run after days without one, the
-- server down, plans the days it missed too: docs/reminders.md). The last
-- is the greatest; one row a day.
CREATE TABLE reminder_days (
    day        TEXT PRIMARY KEY,
    planned_at TEXT NOT NULL
);
