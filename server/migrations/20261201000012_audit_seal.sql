-- The audit head's seal (security review M8): HMAC-SHA-256 of the head's seq and hash under a key
-- kept outside the database, so that a chain rewritten with database access alone, hashes and
-- head recomputed, no longer verifies. Empty until a server with the key appends or seals.
ALTER TABLE audit_head ADD COLUMN seal TEXT NOT NULL DEFAULT '';
