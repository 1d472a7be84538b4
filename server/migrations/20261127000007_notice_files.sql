-- Files attached to a notice (the notice's PDF, forms to download). Public once the notice is.
CREATE TABLE notice_files (
    id           TEXT PRIMARY KEY,
    notice_id    TEXT NOT NULL REFERENCES notices(id),
    sha256       TEXT NOT NULL,
    kind         TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    size         BIGINT NOT NULL,
    uploaded_at  BIGINT NOT NULL
);
CREATE INDEX notice_files_notice ON notice_files(notice_id);
