-- The applicant's own unit when another unit reviews the application (issue 16, §(九) 援疆: the
-- dispatching unit, 原所在单位, reviews an aid applicant's application). Empty when the unit that
-- reviews is the applicant's own, as for everyone else.
ALTER TABLE applications ADD COLUMN home_unit_id TEXT NOT NULL DEFAULT '';
