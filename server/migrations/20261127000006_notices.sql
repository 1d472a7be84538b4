-- 评审工作通知 and 评审条件 (seed §1): written by administrators, read by everyone once published.
CREATE TABLE notices (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,          -- 'notice' or 'conditions'
    title         TEXT NOT NULL,
    body          TEXT NOT NULL,          -- plain lines: paragraphs, "- " lists, [text](url) links
    published_at  BIGINT,                 -- NULL while a draft
    created_by    TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX notices_published ON notices(published_at);
