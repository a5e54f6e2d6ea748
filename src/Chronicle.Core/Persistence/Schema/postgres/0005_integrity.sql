-- Chronicle schema, version 5 (PostgreSQL): idempotency per caller and operation, the work a write leaves for its
-- observers (written in the write's transaction), and the plan slot that lets a child have one statutory plan at a
-- time. A released script is never edited.

-- An idempotency key belongs to the account that sent it and the operation (method and route) it was sent to. The
-- stored responses of the old, partnership-wide table are not carried over: they could be replayed to anyone.
DROP TABLE idempotency_records;
CREATE TABLE idempotency_records (
    user_id uuid NOT NULL,
    operation text NOT NULL,
    key text NOT NULL,
    request_hash text NOT NULL,
    status_code integer NOT NULL,
    response_body text NOT NULL,
    location text,
    written_about text,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, operation, key)
);

-- An entry's own key (a page's form) is its recorder's: two professionals' keys never meet.
DROP INDEX ux_entries_idempotency;
CREATE UNIQUE INDEX ux_entries_recorder_key ON entries (recorded_by_professional_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- What each observer still has to do for an entry: written with the entry, claimed and marked done after commit.
CREATE TABLE observer_work (
    id uuid PRIMARY KEY,
    entry_id uuid NOT NULL,
    work text NOT NULL,
    created_at timestamptz NOT NULL,
    attempts integer NOT NULL,
    claim_token text,
    lease_until timestamptz,
    done_at timestamptz,
    last_error text,
    FOREIGN KEY (entry_id) REFERENCES entries (id)
);
CREATE UNIQUE INDEX ux_observer_work_entry_work ON observer_work (entry_id, work);
CREATE INDEX ix_observer_work_pending ON observer_work (created_at) WHERE done_at IS NULL;

-- A child has at most one statutory plan (child in need or child protection) at a time: the slot is taken when the
-- plan starts and freed when it ends, in the same transaction as the entry.
CREATE TABLE active_plans (
    child_person_id uuid NOT NULL,
    slot text NOT NULL,
    plan_entry_id uuid NOT NULL,
    PRIMARY KEY (child_person_id, slot),
    FOREIGN KEY (child_person_id) REFERENCES people (id),
    FOREIGN KEY (plan_entry_id) REFERENCES entries (id)
);
CREATE INDEX ix_active_plans_entry ON active_plans (plan_entry_id);
