-- Rounds (申报年度 / 批次, issue 16): the office opens applications in a series, in a region, for a
-- year, between two days, and names the day every "years since the post", training-year and
-- assessment-year rule counts to. Days are Beijing calendar days written YYYY-MM-DD.
CREATE TABLE rounds (
    id              TEXT PRIMARY KEY,
    series_id       TEXT NOT NULL REFERENCES title_series(id),
    region_id       TEXT NOT NULL REFERENCES organisations(id),
    year            BIGINT NOT NULL,
    opens_on        TEXT NOT NULL,
    submit_by       TEXT NOT NULL,
    reference_date  TEXT NOT NULL,
    -- the round's conditions (评审条件) as JSON of domain::conditions::Conditions; '' for the
    -- notice's own (Conditions::default)
    conditions      TEXT NOT NULL DEFAULT '',
    created_at      BIGINT NOT NULL,
    UNIQUE (series_id, region_id, year)
);

-- The round an application belongs to; '' for those made before rounds existed (they keep
-- counting to the day they are read and are not held to a window).
ALTER TABLE applications ADD COLUMN round_id TEXT NOT NULL DEFAULT '';

-- One application per person per round, whatever became of it (SPEC rule 3, issue 16): a
-- withdrawal (视为放弃申报), a unit's decline or a fraud finding spends the round.
CREATE UNIQUE INDEX applications_one_per_round ON applications(applicant_id, round_id) WHERE round_id <> '';
