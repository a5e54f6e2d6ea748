-- Chronicle schema, version 17 (SQLite): when an account's holder last chose its password. A released script is never
-- edited: a change is a new numbered script in both dialects.

-- A password an administrator set is a one-time password: until its holder chooses their own (this column later than
-- password_set_by_administrator_at), the account can do nothing but change it (docs/security.md, "Sign-in and accounts").
ALTER TABLE user_accounts ADD COLUMN password_changed_by_holder_at INTEGER;
