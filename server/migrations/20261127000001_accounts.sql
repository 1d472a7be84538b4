-- Organisations, accounts, sessions, throttling, one-time codes and the outbox.
-- Valid on SQLite and PostgreSQL alike: TEXT ids made by the application, BIGINT instants in UTC
-- milliseconds, BIGINT 0/1 flags. Migrations only go forward.

CREATE TABLE organisations (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,          -- region | authority | unit | office | committee | hr | issuer
    name        TEXT NOT NULL,
    parent_id   TEXT REFERENCES organisations(id),
    created_at  BIGINT NOT NULL
);

CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    username       TEXT NOT NULL UNIQUE,
    -- GB 11643 resident ID, always with an upper-case X: the constraint makes "one account per
    -- person" hold under concurrent registrations (SPEC rule 1).
    id_number      TEXT UNIQUE,
    name           TEXT NOT NULL,
    phone          TEXT NOT NULL,
    email          TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    role           TEXT NOT NULL,
    org_id         TEXT REFERENCES organisations(id),
    disabled       BIGINT NOT NULL DEFAULT 0,
    created_at     BIGINT NOT NULL
);

-- Server-side sessions; the cookie holds a random token, the table only its SHA-256.
CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users(id),
    created_at    BIGINT NOT NULL,
    last_seen_at  BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Events that count against a limit (failed logins per account and per address, code requests).
CREATE TABLE throttle_events (
    bucket  TEXT NOT NULL,
    at      BIGINT NOT NULL
);
CREATE INDEX throttle_bucket_at ON throttle_events(bucket, at);

-- One-time codes for password reset: only a hash is kept; single use is `used_at IS NULL` in the
-- UPDATE that spends it.
CREATE TABLE reset_codes (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id),
    code_hash   TEXT NOT NULL,
    channel     TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT,
    attempts    BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX reset_codes_user ON reset_codes(user_id, created_at);

-- Every text message and e-mail the platform sends, whatever the adapter does with it next.
CREATE TABLE outbox (
    id          TEXT PRIMARY KEY,
    channel     TEXT NOT NULL,          -- sms | email
    recipient   TEXT NOT NULL,
    subject     TEXT NOT NULL,
    body        TEXT NOT NULL,
    user_id     TEXT REFERENCES users(id),
    created_at  BIGINT NOT NULL
);
CREATE INDEX outbox_created ON outbox(created_at);
