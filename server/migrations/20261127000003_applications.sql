-- Applications (SPEC "The application's life"). Status, submissions used and the version are
-- explicit columns, never derived from other rows. `materials` is the JSON of
-- domain::materials::Materials. One open application per person per evaluation year.

CREATE TABLE applications (
    id                 TEXT PRIMARY KEY,
    applicant_id       TEXT NOT NULL REFERENCES users(id),
    evaluation_year    BIGINT NOT NULL,
    series             TEXT NOT NULL,
    specialty          TEXT NOT NULL,
    level              TEXT NOT NULL,
    region_id          TEXT NOT NULL REFERENCES organisations(id),
    status             TEXT NOT NULL,
    submissions_used   BIGINT NOT NULL DEFAULT 0,
    -- optimistic concurrency: every change sets version = version + 1 WHERE version = the one read
    version            BIGINT NOT NULL DEFAULT 0,
    reviewing_unit_id  TEXT NOT NULL REFERENCES organisations(id),
    authority_id       TEXT NOT NULL REFERENCES organisations(id),
    office_id          TEXT NOT NULL REFERENCES organisations(id),
    materials          TEXT NOT NULL,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL
);
CREATE UNIQUE INDEX applications_one_open_per_year
    ON applications(applicant_id, evaluation_year)
    WHERE status NOT IN ('closed', 'withdrawn');
CREATE INDEX applications_unit_status ON applications(reviewing_unit_id, status);

-- Every submission, keyed by the idempotency key the form carried: a double click, a retried
-- request or a second tab presenting the same key finds its row and spends nothing.
CREATE TABLE submissions (
    application_id   TEXT NOT NULL REFERENCES applications(id),
    idempotency_key  TEXT NOT NULL,
    number           BIGINT NOT NULL,
    submitted_at     BIGINT NOT NULL,
    PRIMARY KEY (application_id, idempotency_key)
);
