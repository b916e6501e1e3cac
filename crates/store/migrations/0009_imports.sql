-- The document an agreement was imported from (`iop`'s review of a Word,
-- ODT, PDF or text file), kept with the version it became: its bytes on
-- disk under `id` like an uploaded file, its SHA-256 here.
CREATE TABLE source_documents (
    id           TEXT PRIMARY KEY,
    agreement_id TEXT NOT NULL REFERENCES agreements (id),
    version      BIGINT NOT NULL,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX source_documents_agreement ON source_documents (agreement_id, version);
