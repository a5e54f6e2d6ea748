-- Chronicle schema, version 4 (PostgreSQL): accounts, break-glass access and the audit chain. A released script is never edited: a change is a new numbered script in both dialects.

CREATE TABLE user_accounts (
    id uuid PRIMARY KEY,
    partnership_id uuid NOT NULL,
    professional_id uuid,
    user_name text NOT NULL,
    display_name text NOT NULL,
    password_hash text NOT NULL,
    roles text NOT NULL,
    failed_sign_ins integer NOT NULL,
    locked_until timestamptz,
    created_at timestamptz NOT NULL,
    last_sign_in_at timestamptz,
    FOREIGN KEY (partnership_id) REFERENCES partnerships (id),
    FOREIGN KEY (professional_id) REFERENCES professionals (id)
);
CREATE UNIQUE INDEX ux_user_accounts_user_name ON user_accounts (user_name);

CREATE TABLE break_glass_grants (
    id uuid PRIMARY KEY,
    partnership_id uuid NOT NULL,
    user_id uuid NOT NULL,
    child_person_id uuid NOT NULL,
    reason text NOT NULL,
    granted_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    FOREIGN KEY (user_id) REFERENCES user_accounts (id),
    FOREIGN KEY (child_person_id) REFERENCES people (id)
);
CREATE INDEX ix_break_glass_grants_user_child ON break_glass_grants (user_id, child_person_id);

-- The audit chain. Each entry's hash covers its fields and the previous hash; audit_head holds the last link and
-- is locked by every append, so appends are serialised.
CREATE TABLE audit_entries (
    sequence bigint PRIMARY KEY,
    at timestamptz NOT NULL,
    partnership_id uuid,
    user_id uuid,
    professional_id uuid,
    action text NOT NULL,
    subject_person_id uuid,
    target text NOT NULL,
    detail text,
    remote_address text,
    previous_hash text NOT NULL,
    hash text NOT NULL
);
CREATE INDEX ix_audit_entries_subject ON audit_entries (subject_person_id, at);

CREATE TABLE audit_head (
    id integer PRIMARY KEY,
    sequence bigint NOT NULL,
    hash text NOT NULL
);
INSERT INTO audit_head (id, sequence, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION chronicle_append_only();
