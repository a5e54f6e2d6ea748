-- Chronicle schema, version 10 (SQLite): indexes for reading a user's children and work from the user's side, so that a
-- list costs what the user has, not what the partnership holds (docs/performance.md). A released script is never
-- edited: a change is a new numbered script in both dialects.

-- The children someone could be in the team of: added to a child's team, put a child on record, managed by a manager.
CREATE INDEX ix_team_changes_professional ON team_changes (professional_id);
CREATE INDEX ix_people_created_by ON people (created_by_professional_id);
CREATE INDEX ix_professionals_manager ON professionals (manager_id);

-- The front door's contacts and the decisions on them.
CREATE INDEX ix_entries_partnership_kind ON entries (partnership_id, kind);

-- A professional's alerts, owned or escalated to them.
CREATE INDEX ix_alerts_owner ON alerts (owner_professional_id, status);
CREATE INDEX ix_alerts_escalated_to ON alerts (escalated_to_professional_id, status);
