-- Chronicle schema, version 5 (SQLite): idempotency per caller and operation, the work a write leaves for its
-- observers (written in the write's transaction), and the plan slot that lets a child have one statutory plan at a
-- time. Instants are milliseconds since 1970-01-01 UTC. A released script is never edited.

-- An idempotency key belongs to the account that sent it and the operation (method and route) it was sent to. The
-- stored responses of the old, partnership-wide table are not carried over: they could be replayed to anyone.
DROP TABLE idempotency_records;
CREATE TABLE idempotency_records (
    user_id TEXT NOT NULL,
    operation TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status_code INTEGER NOT NULL,
    response_body TEXT NOT NULL,
    location TEXT,
    written_about TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, operation, key)
);

-- An entry's own key (a page's form) is its recorder's: two professionals' keys never meet.
DROP INDEX ux_entries_idempotency;
CREATE UNIQUE INDEX ux_entries_recorder_key ON entries (recorded_by_professional_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- What each observer still has to do for an entry: written with the entry, claimed and marked done after commit.
CREATE TABLE observer_work (
    id TEXT PRIMARY KEY,
    entry_id TEXT NOT NULL,
    work TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    claim_token TEXT,
    lease_until INTEGER,
    done_at INTEGER,
    last_error TEXT,
    FOREIGN KEY (entry_id) REFERENCES entries (id)
);
CREATE UNIQUE INDEX ux_observer_work_entry_work ON observer_work (entry_id, work);
CREATE INDEX ix_observer_work_pending ON observer_work (created_at) WHERE done_at IS NULL;

-- A child has at most one statutory plan (child in need or child protection) at a time: the slot is taken when the
-- plan starts and freed when it ends, in the same transaction as the entry.
CREATE TABLE active_plans (
    child_person_id TEXT NOT NULL,
    slot TEXT NOT NULL,
    plan_entry_id TEXT NOT NULL,
    PRIMARY KEY (child_person_id, slot),
    FOREIGN KEY (child_person_id) REFERENCES people (id),
    FOREIGN KEY (plan_entry_id) REFERENCES entries (id)
);
CREATE INDEX ix_active_plans_entry ON active_plans (plan_entry_id);
