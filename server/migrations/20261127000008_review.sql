-- The review chain (issue 4, SPEC rules 8–12): the unit's public notice, the office's return
-- with its 48-hour window, objections lodged by the public, and the append-only, hash-chained
-- audit log ("谁审核，谁负责").

-- When the unit's public notice started and the earliest moment it may close (UTC ms; the
-- working-day count is done once, at the start, on the calendar of that day).
ALTER TABLE applications ADD COLUMN notice_started_at BIGINT;
ALTER TABLE applications ADD COLUMN notice_closes_at BIGINT;
-- While `returned`: the 48-hour deadline, the office's one complete list (JSON of
-- domain::review::ReturnItem), and which reminders went out (1 = 24 h, 2 = 2 h).
ALTER TABLE applications ADD COLUMN due_at BIGINT;
ALTER TABLE applications ADD COLUMN return_items TEXT;
ALTER TABLE applications ADD COLUMN reminders_sent BIGINT NOT NULL DEFAULT 0;
CREATE INDEX applications_status_due ON applications(status, due_at);
CREATE INDEX applications_authority_status ON applications(authority_id, status);
CREATE INDEX applications_office_status ON applications(office_id, status);

-- Objections lodged on the public notice page by anyone (§五); shown to the unit.
CREATE TABLE objections (
    id              TEXT PRIMARY KEY,
    application_id  TEXT NOT NULL REFERENCES applications(id),
    name            TEXT NOT NULL,
    contact         TEXT NOT NULL,
    body            TEXT NOT NULL,
    client_ip       TEXT NOT NULL,
    lodged_at       BIGINT NOT NULL
);
CREATE INDEX objections_application ON objections(application_id, lodged_at);

-- Every transition, in one chain: hash = SHA-256(prev_hash, seq and every column). Rows are
-- only ever inserted; `zhiping verify-audit` recomputes the chain and names the first record
-- that does not match. `audit_head` holds the last seq and hash, so removing the newest
-- records is noticed too, and locking it orders concurrent appends.
CREATE TABLE audit_log (
    seq             BIGINT PRIMARY KEY,
    application_id  TEXT NOT NULL,
    actor_id        TEXT NOT NULL,
    role            TEXT NOT NULL,
    org_id          TEXT NOT NULL,
    at              BIGINT NOT NULL,
    action          TEXT NOT NULL,
    from_status     TEXT NOT NULL,
    to_status       TEXT NOT NULL,
    opinion         TEXT NOT NULL,
    detail          TEXT NOT NULL,
    client_ip       TEXT NOT NULL,
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL
);
CREATE INDEX audit_log_application ON audit_log(application_id, seq);

CREATE TABLE audit_head (
    id    BIGINT PRIMARY KEY,
    seq   BIGINT NOT NULL,
    hash  TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
