-- The part of a party's cash in a year that is a ceiling ("dock högst
-- 1 150 000 kr per år"): at most this much, paid against delivery. NULL when
-- none; `iop migrate` rewrites the money rows of existing agreements.
ALTER TABLE money ADD COLUMN cash_ceiling_ore BIGINT;
