-- Chronicle schema, version 1 (SQLite). A released script is never edited: a change is a new numbered script in both dialects.
-- Instants are milliseconds since 1970-01-01 UTC.

CREATE TABLE partnerships (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    code TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE agencies (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    area TEXT,
    created_at INTEGER NOT NULL,
    FOREIGN KEY (partnership_id) REFERENCES partnerships (id)
);
CREATE TABLE teams (
    id TEXT PRIMARY KEY,
    agency_id TEXT NOT NULL,
    name TEXT NOT NULL,
    FOREIGN KEY (agency_id) REFERENCES agencies (id)
);
CREATE TABLE professionals (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    agency_id TEXT NOT NULL,
    team_id TEXT,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    job_title TEXT,
    manager_id TEXT,
    email TEXT,
    created_at INTEGER NOT NULL,
    FOREIGN KEY (agency_id) REFERENCES agencies (id),
    FOREIGN KEY (team_id) REFERENCES teams (id),
    FOREIGN KEY (manager_id) REFERENCES professionals (id)
);
CREATE TABLE people (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    given_name TEXT,
    family_name TEXT,
    known_as TEXT,
    date_of_birth TEXT,
    date_of_birth_precision TEXT NOT NULL,
    expected_date_of_delivery TEXT,
    sex TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by_professional_id TEXT,
    FOREIGN KEY (partnership_id) REFERENCES partnerships (id)
);
CREATE TABLE person_identifiers (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL,
    scheme TEXT NOT NULL,
    value TEXT NOT NULL,
    issuer TEXT NOT NULL,
    FOREIGN KEY (person_id) REFERENCES people (id)
);
CREATE TABLE relationships (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    related_person_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT,
    has_parental_responsibility INTEGER NOT NULL,
    from_date TEXT,
    to_date TEXT,
    recorded_by_agency_id TEXT,
    recorded_at INTEGER NOT NULL,
    FOREIGN KEY (person_id) REFERENCES people (id),
    FOREIGN KEY (related_person_id) REFERENCES people (id)
);
CREATE TABLE households (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE household_memberships (
    id TEXT PRIMARY KEY,
    household_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    from_date TEXT,
    to_date TEXT,
    reported_by_agency_id TEXT,
    recorded_at INTEGER NOT NULL,
    FOREIGN KEY (household_id) REFERENCES households (id),
    FOREIGN KEY (person_id) REFERENCES people (id)
);
CREATE TABLE address_facts (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    address TEXT NOT NULL,
    postcode TEXT,
    local_authority TEXT,
    from_date TEXT,
    to_date TEXT,
    reported_by_agency_id TEXT NOT NULL,
    reported_by_professional_id TEXT,
    recorded_at INTEGER NOT NULL,
    entry_id TEXT,
    FOREIGN KEY (person_id) REFERENCES people (id),
    FOREIGN KEY (reported_by_agency_id) REFERENCES agencies (id)
);
CREATE TABLE involvements (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    agency_id TEXT NOT NULL,
    professional_id TEXT,
    role TEXT NOT NULL,
    is_lead INTEGER NOT NULL,
    from_date TEXT NOT NULL,
    to_date TEXT,
    recorded_at INTEGER NOT NULL,
    FOREIGN KEY (person_id) REFERENCES people (id),
    FOREIGN KEY (agency_id) REFERENCES agencies (id),
    FOREIGN KEY (professional_id) REFERENCES professionals (id)
);
CREATE TABLE entries (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    details TEXT NOT NULL,
    narrative TEXT,
    occurred_at INTEGER,
    occurred_precision TEXT NOT NULL,
    recorded_at INTEGER NOT NULL,
    recorded_by_professional_id TEXT NOT NULL,
    recorded_by_agency_id TEXT NOT NULL,
    source TEXT NOT NULL,
    source_name TEXT,
    significance TEXT NOT NULL,
    sharing_level TEXT NOT NULL,
    supersedes_entry_id TEXT,
    correction_reason TEXT,
    idempotency_key TEXT,
    FOREIGN KEY (recorded_by_professional_id) REFERENCES professionals (id),
    FOREIGN KEY (recorded_by_agency_id) REFERENCES agencies (id),
    FOREIGN KEY (supersedes_entry_id) REFERENCES entries (id)
);
CREATE TABLE entry_subjects (
    entry_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    PRIMARY KEY (entry_id, person_id),
    FOREIGN KEY (entry_id) REFERENCES entries (id),
    FOREIGN KEY (person_id) REFERENCES people (id)
);
CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    safeguard_id TEXT NOT NULL,
    safeguard_version INTEGER NOT NULL,
    subject_person_id TEXT NOT NULL,
    cause_key TEXT NOT NULL,
    severity TEXT NOT NULL,
    summary TEXT NOT NULL,
    ask_for TEXT NOT NULL,
    owner_professional_id TEXT,
    raised_at INTEGER NOT NULL,
    due_at INTEGER NOT NULL,
    status TEXT NOT NULL,
    acknowledged_at INTEGER,
    closed_at INTEGER,
    escalated_at INTEGER,
    escalated_to_professional_id TEXT,
    evidence_entry_ids TEXT NOT NULL,
    FOREIGN KEY (subject_person_id) REFERENCES people (id)
);
CREATE TABLE alert_events (
    id TEXT PRIMARY KEY,
    alert_id TEXT NOT NULL,
    type TEXT NOT NULL,
    at INTEGER NOT NULL,
    by_professional_id TEXT,
    to_professional_id TEXT,
    reason TEXT,
    FOREIGN KEY (alert_id) REFERENCES alerts (id)
);
CREATE TABLE policy_changes (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    key TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT NOT NULL,
    changed_by_professional_id TEXT NOT NULL,
    changed_at INTEGER NOT NULL,
    reason TEXT
);
CREATE TABLE idempotency_records (
    partnership_id TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status_code INTEGER NOT NULL,
    response_body TEXT NOT NULL,
    location TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (partnership_id, key)
);
CREATE UNIQUE INDEX ux_partnerships_code ON partnerships (code);
CREATE INDEX ix_people_partnership ON people (partnership_id);
CREATE INDEX ix_person_identifiers_value ON person_identifiers (scheme, value);
CREATE INDEX ix_relationships_person ON relationships (person_id);
CREATE INDEX ix_relationships_related ON relationships (related_person_id);
CREATE INDEX ix_household_memberships_person ON household_memberships (person_id);
CREATE INDEX ix_household_memberships_household ON household_memberships (household_id);
CREATE INDEX ix_address_facts_person ON address_facts (person_id);
CREATE INDEX ix_involvements_person ON involvements (person_id);
CREATE INDEX ix_involvements_professional ON involvements (professional_id);
CREATE INDEX ix_entries_partnership_recorded ON entries (partnership_id, recorded_at);
CREATE UNIQUE INDEX ux_entries_idempotency ON entries (partnership_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
-- An entry is corrected at most once: a further correction corrects the correction.
CREATE UNIQUE INDEX ux_entries_supersedes ON entries (supersedes_entry_id) WHERE supersedes_entry_id IS NOT NULL;
CREATE INDEX ix_entry_subjects_person ON entry_subjects (person_id);
-- An alert fires once per cause, ever.
CREATE UNIQUE INDEX ux_alerts_cause ON alerts (safeguard_id, subject_person_id, cause_key);
CREATE INDEX ix_alerts_open ON alerts (partnership_id, status);
CREATE INDEX ix_alert_events_alert ON alert_events (alert_id);

-- The chronology and alert history are append-only: no row is ever updated or deleted.
CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries BEGIN SELECT RAISE(ABORT, 'entries are append-only'); END;
CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries BEGIN SELECT RAISE(ABORT, 'entries are append-only'); END;
CREATE TRIGGER entry_subjects_no_update BEFORE UPDATE ON entry_subjects BEGIN SELECT RAISE(ABORT, 'entry_subjects are append-only'); END;
CREATE TRIGGER entry_subjects_no_delete BEFORE DELETE ON entry_subjects BEGIN SELECT RAISE(ABORT, 'entry_subjects are append-only'); END;
CREATE TRIGGER alert_events_no_update BEFORE UPDATE ON alert_events BEGIN SELECT RAISE(ABORT, 'alert_events are append-only'); END;
CREATE TRIGGER alert_events_no_delete BEFORE DELETE ON alert_events BEGIN SELECT RAISE(ABORT, 'alert_events are append-only'); END;
CREATE TRIGGER policy_changes_no_update BEFORE UPDATE ON policy_changes BEGIN SELECT RAISE(ABORT, 'policy_changes are append-only'); END;
CREATE TRIGGER policy_changes_no_delete BEFORE DELETE ON policy_changes BEGIN SELECT RAISE(ABORT, 'policy_changes are append-only'); END;
