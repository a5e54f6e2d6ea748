-- Chronicle schema, version 4 (SQLite): accounts, break-glass access and the audit chain. A released script is never edited: a change is a new numbered script in both dialects.

CREATE TABLE user_accounts (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    professional_id TEXT,
    user_name TEXT NOT NULL,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    roles TEXT NOT NULL,
    failed_sign_ins INTEGER NOT NULL,
    locked_until INTEGER,
    created_at INTEGER NOT NULL,
    last_sign_in_at INTEGER,
    FOREIGN KEY (partnership_id) REFERENCES partnerships (id),
    FOREIGN KEY (professional_id) REFERENCES professionals (id)
);
CREATE UNIQUE INDEX ux_user_accounts_user_name ON user_accounts (user_name);

CREATE TABLE break_glass_grants (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    child_person_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    granted_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    FOREIGN KEY (user_id) REFERENCES user_accounts (id),
    FOREIGN KEY (child_person_id) REFERENCES people (id)
);
CREATE INDEX ix_break_glass_grants_user_child ON break_glass_grants (user_id, child_person_id);

-- The audit chain. Each entry's hash covers its fields and the previous hash; audit_head holds the last link and
-- is locked by every append, so appends are serialised.
CREATE TABLE audit_entries (
    sequence INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    partnership_id TEXT,
    user_id TEXT,
    professional_id TEXT,
    action TEXT NOT NULL,
    subject_person_id TEXT,
    target TEXT NOT NULL,
    detail TEXT,
    remote_address TEXT,
    previous_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX ix_audit_entries_subject ON audit_entries (subject_person_id, at);

CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY,
    sequence INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, sequence, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit_entries are append-only'); END;
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit_entries are append-only'); END;
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head BEGIN SELECT RAISE(ABORT, 'audit_head cannot be removed'); END;
