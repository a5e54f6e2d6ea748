-- Chronicle schema, version 14 (SQLite): accounts can be disabled; a replay is answered only while the caller sees
-- the children the write was about; ended sessions and old sign-in counts are purged. A released script is never
-- edited: a change is a new numbered script in both dialects.

-- An administrator disables an account (docs/security.md, "Sign-in and accounts"): it cannot sign in, and every
-- session it had is ended at once.
ALTER TABLE user_accounts ADD COLUMN disabled_at INTEGER;

-- The children an idempotent write was about (its subjects), beside those it concerned (written_about): a replay is
-- answered only while the caller still sees each of them.
ALTER TABLE idempotency_records ADD COLUMN about_children TEXT;

-- The purge of ended and expired sessions and of old sign-in counts finds them by time.
CREATE INDEX ix_user_sessions_renewed_at ON user_sessions (renewed_at);
CREATE INDEX ix_sign_in_throttles_last_attempt_at ON sign_in_throttles (last_attempt_at);
