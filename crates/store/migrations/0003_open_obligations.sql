-- The portfolio reads "what is still open, by date" across all agreements.
-- Keeping whether an obligation is met, and its agreement's title, on the
-- obligation row makes that one index range scan instead of a lookup in the
-- records and the agreements for every row. Both are kept up to date in the
-- transaction that saves a version or adds a record.
ALTER TABLE obligations ADD COLUMN met BIGINT NOT NULL DEFAULT 0;
ALTER TABLE obligations ADD COLUMN agreement_title TEXT NOT NULL DEFAULT '';
UPDATE obligations SET agreement_title = (SELECT a.title FROM agreements a WHERE a.id = obligations.agreement_id);
UPDATE obligations SET met = 1 WHERE EXISTS (
    SELECT 1 FROM records r
    WHERE r.agreement_id = obligations.agreement_id AND r.obligation_key = obligations.key
      AND r.state NOT IN ('planned', 'returned'));
CREATE INDEX obligations_open_due ON obligations (met, due, agreement_id, key);
DROP INDEX obligations_due_order;
