-- From the formal pass to the certificate (issue 5, SPEC rules 13–15 and Penalties): the fee,
-- evaluation sessions and votes, the public results, filing, signed certificates, and the units'
-- credit records. Times are UTC milliseconds.

-- A committee member is an expert who works at some unit; they neither see nor vote on an
-- application from that unit (回避).
ALTER TABLE users ADD COLUMN home_unit_id TEXT;

-- Fee orders. One application is paid at most once (the partial unique index), whatever the
-- gateway repeats; `pending` orders may be many (a person may open the pay page twice).
CREATE TABLE payments (
    id              TEXT PRIMARY KEY,
    application_id  TEXT NOT NULL REFERENCES applications(id),
    applicant_id    TEXT NOT NULL,
    amount_fen      BIGINT NOT NULL,
    status          TEXT NOT NULL,      -- 'pending' | 'paid'
    gateway         TEXT NOT NULL,
    gateway_txn     TEXT,
    created_at      BIGINT NOT NULL,
    paid_at         BIGINT
);
CREATE UNIQUE INDEX payments_one_paid ON payments(application_id) WHERE status = 'paid';
CREATE INDEX payments_application ON payments(application_id, created_at);

-- Evaluation sessions (§八): the office creates one, with the committee's members, date, place
-- and the pass rule; assigns paid applications; closes the voting (outcomes fixed) and publishes.
CREATE TABLE eval_sessions (
    id                TEXT PRIMARY KEY,
    office_id         TEXT NOT NULL,
    committee_id      TEXT NOT NULL,
    name              TEXT NOT NULL,
    held_at           BIGINT NOT NULL,
    place             TEXT NOT NULL,
    rule_num          BIGINT NOT NULL,
    rule_den          BIGINT NOT NULL,
    state             TEXT NOT NULL,    -- 'open' | 'closed' | 'published'
    created_at        BIGINT NOT NULL,
    closed_at         BIGINT,
    published_at      BIGINT,
    notice_closes_at  BIGINT
);
CREATE INDEX eval_sessions_office ON eval_sessions(office_id, created_at);

CREATE TABLE session_members (
    session_id    TEXT NOT NULL REFERENCES eval_sessions(id),
    user_id       TEXT NOT NULL,
    home_unit_id  TEXT,
    present       BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (session_id, user_id)
);
CREATE INDEX session_members_user ON session_members(user_id);

-- Which session evaluates an application, and what came of it.
ALTER TABLE applications ADD COLUMN session_id TEXT;
ALTER TABLE applications ADD COLUMN outcome TEXT;    -- 'pass' | 'fail', once the voting closed
CREATE INDEX applications_session ON applications(session_id);

CREATE TABLE votes (
    session_id      TEXT NOT NULL,
    application_id  TEXT NOT NULL,
    member_id       TEXT NOT NULL,
    pass            BIGINT NOT NULL,
    comment         TEXT NOT NULL,
    at              BIGINT NOT NULL,
    PRIMARY KEY (application_id, member_id)
);

-- Signed certificates (§九–§十). `canonical` is exactly the signed JSON; `pdf_sha256` names the
-- signed file in the blob store. Revocation is kept here and published as a list.
CREATE TABLE certificates (
    number          TEXT PRIMARY KEY,
    year            BIGINT NOT NULL,
    seq             BIGINT NOT NULL,
    application_id  TEXT NOT NULL UNIQUE REFERENCES applications(id),
    holder_id       TEXT NOT NULL,
    holder_name     TEXT NOT NULL,
    canonical       TEXT NOT NULL,
    signature       TEXT NOT NULL,
    key_id          TEXT NOT NULL,
    pdf_sha256      TEXT NOT NULL,
    issued_by       TEXT NOT NULL,
    issued_at       BIGINT NOT NULL,
    status          TEXT NOT NULL,      -- 'valid' | 'revoked'
    revoked_at      BIGINT,
    revoked_by      TEXT,
    revoked_reason  TEXT
);
CREATE UNIQUE INDEX certificates_year_seq ON certificates(year, seq);
CREATE INDEX certificates_holder ON certificates(holder_id, issued_at);

-- A unit's credit record (§五 不良信用档案): entries written by findings.
CREATE TABLE credit_records (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL,
    penalty_id  TEXT NOT NULL,
    entry       TEXT NOT NULL,
    at          BIGINT NOT NULL
);
CREATE INDEX credit_records_org ON credit_records(org_id, at);

-- The running number of certificates per year. A number taken by an issuance that then fails is
-- not reused: numbers are unique, not gapless.
CREATE TABLE certificate_counters (
    year  BIGINT PRIMARY KEY,
    last  BIGINT NOT NULL
);
