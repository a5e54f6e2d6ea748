-- Chronicle schema, version 11 (PostgreSQL): idempotency records expire and are purged by age; the team around a child
-- changes one step at a time. A released script is never edited: a change is a new numbered script in both dialects.

-- Idempotency records expire (Chronicle:Idempotency:Hours, 24 by default) and are purged by age, so they are found by
-- when they were written.
CREATE INDEX ix_idempotency_records_created_at ON idempotency_records (created_at);

-- The team around a child changes one step at a time: each change takes the next number of the child's sequence,
-- and of two changes made at once only one can take it (the other is answered 409). A client may also send the
-- team's version it saw, and a change made since is a conflict. Earlier changes are numbered in the order they were made.
ALTER TABLE team_changes ADD COLUMN sequence_number integer NOT NULL DEFAULT 0;
UPDATE team_changes AS t SET sequence_number = (SELECT COUNT(*) FROM team_changes AS earlier WHERE earlier.child_person_id = t.child_person_id
    AND (earlier.at < t.at OR (earlier.at = t.at AND earlier.id <= t.id)));
CREATE UNIQUE INDEX ux_team_changes_child_sequence ON team_changes (child_person_id, sequence_number);
