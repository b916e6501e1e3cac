-- Sign-in throttling by counters rather than a row per failure: one row per
-- key (a user name, a client address, or the pair), holding how many
-- attempts count against it and when the last one was made (milliseconds
-- since 1970). An attempt is counted, in one write transaction, before its
-- password is checked, so concurrent attempts cannot all slip through
-- between a check and a count. The application decides the keys and the
-- delays; a row idle longer than the window is forgotten.
CREATE TABLE sign_in_throttle (
    key      TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    last_ms  BIGINT NOT NULL
);
CREATE INDEX sign_in_throttle_last ON sign_in_throttle (last_ms);
DROP TABLE login_failures;
