-- Delivery from the outbox (issue 17): a message is stored with the change that caused it and a
-- worker delivers it through the channel's transport (SMTP for e-mail, the SMS provider), retrying
-- a temporary failure with backoff until it gives up. A row is claimed before it is sent
-- (`claimed_until`, taken under a row lock), so two servers never send it twice.
ALTER TABLE outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'pending';      -- pending | sent | failed
ALTER TABLE outbox ADD COLUMN attempts BIGINT NOT NULL DEFAULT 0;
-- when it may be tried (again); a resend sets it to now
ALTER TABLE outbox ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0;
-- a worker that claimed it owns it until then (a crashed worker's claim runs out)
ALTER TABLE outbox ADD COLUMN claimed_until BIGINT NOT NULL DEFAULT 0;
-- when it was (re)queued: the give-up time counts from here
ALTER TABLE outbox ADD COLUMN queued_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN sent_at BIGINT;
-- which message it is and the values in it, for a provider that sends templates, not text (SMS):
-- `Template`'s stored name and a JSON array of the values in the template's order
ALTER TABLE outbox ADD COLUMN template TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN params TEXT NOT NULL DEFAULT '[]';
UPDATE outbox SET queued_at = created_at;
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
