-- Chronicle schema, version 9 (SQLite): facts that would widen access to a child, waiting for the lead's decision
-- (docs/security.md, "Who may grant what"). A released script is never edited: a change is a new numbered script in both dialects.

CREATE TABLE access_proposals (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    child_person_id TEXT NOT NULL,
    children TEXT NOT NULL,
    payload TEXT NOT NULL,
    summary TEXT NOT NULL,
    proposed_by_professional_id TEXT NOT NULL,
    proposed_at INTEGER NOT NULL,
    status TEXT NOT NULL,
    decided_by_professional_id TEXT,
    decided_at INTEGER,
    decision_reason TEXT,
    entry_id TEXT,
    FOREIGN KEY (partnership_id) REFERENCES partnerships (id),
    FOREIGN KEY (child_person_id) REFERENCES people (id),
    FOREIGN KEY (proposed_by_professional_id) REFERENCES professionals (id),
    FOREIGN KEY (decided_by_professional_id) REFERENCES professionals (id),
    FOREIGN KEY (entry_id) REFERENCES entries (id)
);
CREATE INDEX ix_access_proposals_child_status ON access_proposals (child_person_id, status);
