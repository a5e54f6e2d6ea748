-- Chronicle schema, version 24 (SQLite): meetings moved or cancelled. A released script is never edited: a change is a
-- new numbered script in both dialects.

-- Each move or cancellation of a meeting: what it was arranged for until then, when to (a move), why, by whom, when,
-- and its meeting-changed entry. Append-only: the meeting's history is never rewritten.
CREATE TABLE meeting_changes (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL,
    change TEXT NOT NULL,
    was_for INTEGER NOT NULL,
    moved_to INTEGER,
    reason TEXT NOT NULL,
    by_professional_id TEXT NOT NULL,
    changed_at INTEGER NOT NULL,
    entry_id TEXT,
    FOREIGN KEY (meeting_id) REFERENCES meetings (id),
    FOREIGN KEY (by_professional_id) REFERENCES professionals (id),
    FOREIGN KEY (entry_id) REFERENCES entries (id)
);
CREATE INDEX meeting_changes_meeting ON meeting_changes (meeting_id);
CREATE TRIGGER meeting_changes_no_update BEFORE UPDATE ON meeting_changes BEGIN SELECT RAISE(ABORT, 'meeting_changes are append-only'); END;
CREATE TRIGGER meeting_changes_no_delete BEFORE DELETE ON meeting_changes BEGIN SELECT RAISE(ABORT, 'meeting_changes are append-only'); END;

-- The last time the meeting was moved: a reply given before it was for the old date, and is asked again.
ALTER TABLE meetings ADD COLUMN last_moved_at INTEGER;
