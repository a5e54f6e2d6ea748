-- Chronicle schema, version 1 (PostgreSQL). A released script is never edited: a change is a new numbered script in both dialects.
-- Instants are timestamptz in UTC.

CREATE TABLE partnerships (
    id uuid PRIMARY KEY,
    name text NOT NULL,
    code text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE TABLE agencies (
    id uuid PRIMARY KEY,
    partnership_id uuid NOT NULL,
    name text NOT NULL,
    kind text NOT NULL,
    area text,
    created_at timestamptz NOT NULL,
    FOREIGN KEY (partnership_id) REFERENCES partnerships (id)
);
CREATE TABLE teams (
    id uuid PRIMARY KEY,
    agency_id uuid NOT NULL,
    name text NOT NULL,
    FOREIGN KEY (agency_id) REFERENCES agencies (id)
);
CREATE TABLE professionals (
    id uuid PRIMARY KEY,
    partnership_id uuid NOT NULL,
    agency_id uuid NOT NULL,
    team_id uuid,
    name text NOT NULL,
    role text NOT NULL,
    job_title text,
    manager_id uuid,
    email text,
    created_at timestamptz NOT NULL,
    FOREIGN KEY (agency_id) REFERENCES agencies (id),
    FOREIGN KEY (team_id) REFERENCES teams (id),
    FOREIGN KEY (manager_id) REFERENCES professionals (id)
);
CREATE TABLE people (
    id uuid PRIMARY KEY,
    partnership_id uuid NOT NULL,
    kind text NOT NULL,
    given_name text,
    family_name text,
    known_as text,
    date_of_birth date,
    date_of_birth_precision text NOT NULL,
    expected_date_of_delivery date,
    sex text NOT NULL,
    created_at timestamptz NOT NULL,
    created_by_professional_id uuid,
    FOREIGN KEY (partnership_id) REFERENCES partnerships (id)
);
CREATE TABLE person_identifiers (
    id uuid PRIMARY KEY,
    person_id uuid NOT NULL,
    scheme text NOT NULL,
    value text NOT NULL,
    issuer text NOT NULL,
    FOREIGN KEY (person_id) REFERENCES people (id)
);
CREATE TABLE relationships (
    id uuid PRIMARY KEY,
    partnership_id uuid NOT NULL,
    person_id uuid NOT NULL,
    related_person_id uuid NOT NULL,
    kind text NOT NULL,
    description text,
    has_parental_responsibility boolean NOT NULL,
    from_date date,
    to_date date,
    recorded_by_agency_id uuid,
    recorded_at timestamptz NOT NULL,
    FOREIGN KEY (person_id) REFERENCES people (id),
    FOREIGN KEY (related_person_id) REFERENCES people (id)
);
CREATE TABLE households (
    id uuid PRIMARY KEY,
    partnership_id uuid NOT NULL,
    name text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE TABLE household_memberships (
    id uuid PRIMARY KEY,
    household_id uuid NOT NULL,
    person_id uuid NOT NULL,
    from_date date,
    to_date date,
    reported_by_agency_id uuid,
    recorded_at timestamptz NOT NULL,
    FOREIGN KEY (household_id) REFERENCES households (id),
    FOREIGN KEY (person_id) REFERENCES people (id)
);
CREATE TABLE address_facts (
    id uuid PRIMARY KEY,
    partnership_id uuid NOT NULL,
    person_id uuid NOT NULL,
    address text NOT NULL,
    postcode text,
    local_authority text,
    from_date date,
    to_date date,
    reported_by_agency_id uuid NOT NULL,
    reported_by_professional_id uuid,
    recorded_at timestamptz NOT NULL,
    entry_id uuid,
    FOREIGN KEY (person_id) REFERENCES people (id),
    FOREIGN KEY (reported_by_agency_id) REFERENCES agencies (id)
);
CREATE TABLE involvements (
    id uuid PRIMARY KEY,
    partnership_id uuid NOT NULL,
    person_id uuid NOT NULL,
    agency_id uuid NOT NULL,
    professional_id uuid,
    role text NOT NULL,
    is_lead boolean NOT NULL,
    from_date date NOT NULL,
    to_date date,
    recorded_at timestamptz NOT NULL,
    FOREIGN KEY (person_id) REFERENCES people (id),
    FOREIGN KEY (agency_id) REFERENCES agencies (id),
    FOREIGN KEY (professional_id) REFERENCES professionals (id)
);
CREATE TABLE entries (
    id uuid PRIMARY KEY,
    partnership_id uuid NOT NULL,
    kind text NOT NULL,
    details text NOT NULL,
    narrative text,
    occurred_at timestamptz,
    occurred_precision text NOT NULL,
    recorded_at timestamptz NOT NULL,
    recorded_by_professional_id uuid NOT NULL,
    recorded_by_agency_id uuid NOT NULL,
    source text NOT NULL,
    source_name text,
    significance text NOT NULL,
    sharing_level text NOT NULL,
    supersedes_entry_id uuid,
    correction_reason text,
    idempotency_key text,
    FOREIGN KEY (recorded_by_professional_id) REFERENCES professionals (id),
    FOREIGN KEY (recorded_by_agency_id) REFERENCES agencies (id),
    FOREIGN KEY (supersedes_entry_id) REFERENCES entries (id)
);
CREATE TABLE entry_subjects (
    entry_id uuid NOT NULL,
    person_id uuid NOT NULL,
    PRIMARY KEY (entry_id, person_id),
    FOREIGN KEY (entry_id) REFERENCES entries (id),
    FOREIGN KEY (person_id) REFERENCES people (id)
);
CREATE TABLE alerts (
    id uuid PRIMARY KEY,
    partnership_id uuid NOT NULL,
    safeguard_id text NOT NULL,
    safeguard_version integer NOT NULL,
    subject_person_id uuid NOT NULL,
    cause_key text NOT NULL,
    severity text NOT NULL,
    summary text NOT NULL,
    ask_for text NOT NULL,
    owner_professional_id uuid,
    raised_at timestamptz NOT NULL,
    due_at timestamptz NOT NULL,
    status text NOT NULL,
    acknowledged_at timestamptz,
    closed_at timestamptz,
    escalated_at timestamptz,
    escalated_to_professional_id uuid,
    evidence_entry_ids text NOT NULL,
    FOREIGN KEY (subject_person_id) REFERENCES people (id)
);
CREATE TABLE alert_events (
    id uuid PRIMARY KEY,
    alert_id uuid NOT NULL,
    type text NOT NULL,
    at timestamptz NOT NULL,
    by_professional_id uuid,
    to_professional_id uuid,
    reason text,
    FOREIGN KEY (alert_id) REFERENCES alerts (id)
);
CREATE TABLE policy_changes (
    id uuid PRIMARY KEY,
    partnership_id uuid NOT NULL,
    key text NOT NULL,
    old_value text,
    new_value text NOT NULL,
    changed_by_professional_id uuid NOT NULL,
    changed_at timestamptz NOT NULL,
    reason text
);
CREATE TABLE idempotency_records (
    partnership_id uuid NOT NULL,
    key text NOT NULL,
    request_hash text NOT NULL,
    status_code integer NOT NULL,
    response_body text NOT NULL,
    location text,
    created_at timestamptz NOT NULL,
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
CREATE FUNCTION chronicle_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% are append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON entries FOR EACH ROW EXECUTE FUNCTION chronicle_append_only();
CREATE TRIGGER entry_subjects_append_only BEFORE UPDATE OR DELETE ON entry_subjects FOR EACH ROW EXECUTE FUNCTION chronicle_append_only();
CREATE TRIGGER alert_events_append_only BEFORE UPDATE OR DELETE ON alert_events FOR EACH ROW EXECUTE FUNCTION chronicle_append_only();
CREATE TRIGGER policy_changes_append_only BEFORE UPDATE OR DELETE ON policy_changes FOR EACH ROW EXECUTE FUNCTION chronicle_append_only();
