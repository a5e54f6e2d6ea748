-- Chronicle schema, version 7 (PostgreSQL): server-side sessions and sign-in throttling. A released script is never edited: a change is a new numbered script in both dialects.

-- A session's cookie carries a random token; only its SHA-256 hash is kept here.
CREATE TABLE user_sessions (
    id uuid PRIMARY KEY,
    token_hash text NOT NULL,
    account_id uuid NOT NULL,
    started_at timestamptz NOT NULL,
    renewed_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    ended_at timestamptz,
    end_reason text,
    FOREIGN KEY (account_id) REFERENCES user_accounts (id)
);
CREATE UNIQUE INDEX ux_user_sessions_token_hash ON user_sessions (token_hash);
CREATE INDEX ix_user_sessions_account ON user_sessions (account_id);

-- Recent sign-in attempts per user name and per client address (each a SHA-256 hash): they slow sign-in down, never lock it.
CREATE TABLE sign_in_throttles (
    throttle_key text PRIMARY KEY,
    attempts integer NOT NULL,
    last_attempt_at timestamptz NOT NULL
);

-- The lockout after five wrong passwords is gone: anyone could lock anyone out with it.
ALTER TABLE user_accounts DROP COLUMN failed_sign_ins;
ALTER TABLE user_accounts DROP COLUMN locked_until;
