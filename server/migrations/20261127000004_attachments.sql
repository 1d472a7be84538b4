-- Uploaded files: the bytes live content-addressed (SHA-256) in the blob store; this table says
-- which application, slot and item each upload belongs to. The same hash under another person's
-- application is shown to reviewers as a flag (not a refusal).

CREATE TABLE attachments (
    id              TEXT PRIMARY KEY,
    application_id  TEXT NOT NULL REFERENCES applications(id),
    owner_id        TEXT NOT NULL REFERENCES users(id),
    field           TEXT NOT NULL,
    item            BIGINT,
    sha256          TEXT NOT NULL,
    kind            TEXT NOT NULL,          -- pdf | jpeg | png
    size            BIGINT NOT NULL,
    file_name       TEXT NOT NULL,
    pages           BIGINT,
    width           BIGINT,
    height          BIGINT,
    uploaded_at     BIGINT NOT NULL
);
CREATE INDEX attachments_sha256 ON attachments(sha256);
CREATE INDEX attachments_application ON attachments(application_id);
