-- Chronicle schema, version 24 (PostgreSQL): meetings moved or cancelled. A released script is never edited: a change
-- is a new numbered script in both dialects.

-- Each move or cancellation of a meeting: what it was arranged for until then, when to (a move), why, by whom, when,
-- and its meeting-changed entry. Append-only: the meeting's history is never rewritten.
CREATE TABLE meeting_changes (
    id uuid PRIMARY KEY,
    meeting_id uuid NOT NULL,
    change text NOT NULL,
    was_for timestamptz NOT NULL,
    moved_to timestamptz,
    reason text NOT NULL,
    by_professional_id uuid NOT NULL,
    changed_at timestamptz NOT NULL,
    entry_id uuid,
    FOREIGN KEY (meeting_id) REFERENCES meetings (id),
    FOREIGN KEY (by_professional_id) REFERENCES professionals (id),
    FOREIGN KEY (entry_id) REFERENCES entries (id)
);
CREATE INDEX meeting_changes_meeting ON meeting_changes (meeting_id);
CREATE TRIGGER meeting_changes_append_only BEFORE UPDATE OR DELETE ON meeting_changes FOR EACH ROW EXECUTE FUNCTION chronicle_append_only();

-- The last time the meeting was moved: a reply given before it was for the old date, and is asked again.
ALTER TABLE meetings ADD COLUMN last_moved_at timestamptz;
