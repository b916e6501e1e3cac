-- "Due in the next N days" reads obligations in (due, agreement, key) order and
-- stops at the page size: an index in that order lets it stop early instead of
-- sorting every obligation in the window.
CREATE INDEX obligations_due_order ON obligations (due, agreement_id, key);
DROP INDEX obligations_due;
