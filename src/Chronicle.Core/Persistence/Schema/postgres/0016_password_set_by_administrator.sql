-- Chronicle schema, version 16 (PostgreSQL): an account whose password an administrator set is known as such. A
-- released script is never edited: a change is a new numbered script in both dialects.

-- The administrator who set an account's password could sign in as its holder: such an account is not given the
-- administrator or information governance role (docs/security.md, "Sign-in and accounts").
ALTER TABLE user_accounts ADD COLUMN password_set_by_administrator_at timestamptz;
