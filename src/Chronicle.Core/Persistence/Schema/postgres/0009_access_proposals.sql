-- Chronicle schema, version 9 (PostgreSQL): facts that would widen access to a child, waiting for the lead's
-- decision (docs/security.md, "Who may grant what"). A released script is never edited: a change is a new numbered script in both dialects.

CREATE TABLE access_proposals (
    id uuid PRIMARY KEY,
    partnership_id uuid NOT NULL,
    kind text NOT NULL,
    child_person_id uuid NOT NULL,
    children text NOT NULL,
    payload text NOT NULL,
    summary text NOT NULL,
    proposed_by_professional_id uuid NOT NULL,
    proposed_at timestamptz NOT NULL,
    status text NOT NULL,
    decided_by_professional_id uuid,
    decided_at timestamptz,
    decision_reason text,
    entry_id uuid,
    FOREIGN KEY (partnership_id) REFERENCES partnerships (id),
    FOREIGN KEY (child_person_id) REFERENCES people (id),
    FOREIGN KEY (proposed_by_professional_id) REFERENCES professionals (id),
    FOREIGN KEY (decided_by_professional_id) REFERENCES professionals (id),
    FOREIGN KEY (entry_id) REFERENCES entries (id)
);
CREATE INDEX ix_access_proposals_child_status ON access_proposals (child_person_id, status);
