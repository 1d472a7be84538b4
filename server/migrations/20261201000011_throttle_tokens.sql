-- Each use of a rate-limit bucket is written before the work it guards, under a token, so that a
-- refused or successful use can be taken back (security review H2: count first, then check).
ALTER TABLE throttle_events ADD COLUMN token TEXT;
CREATE INDEX throttle_token ON throttle_events(token);
