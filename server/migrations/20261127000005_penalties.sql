-- Fraud findings (seed §(十一), §五): an applicant loses eligibility for 3 years, a unit the right
-- to recommend for 2. The findings work (issue 5) records them; starting an application checks
-- them already. Times are UTC milliseconds.
CREATE TABLE penalties (
    id              TEXT PRIMARY KEY,
    subject_kind    TEXT NOT NULL,      -- 'applicant' (a user id) or 'unit' (an organisation id)
    subject_id      TEXT NOT NULL,
    application_id  TEXT,
    evidence        TEXT NOT NULL,
    found_by        TEXT NOT NULL,
    found_at        BIGINT NOT NULL,
    until_at        BIGINT NOT NULL
);
CREATE INDEX penalties_subject ON penalties(subject_kind, subject_id, until_at);
