-- Chronicle schema, version 8 (PostgreSQL): one person, one record. The choices made at the duplicate check, the
-- front door's review queue, every agency's own records as linked, names kept as facts with their source, and
-- merges (each reversible). A released script is never edited: a change is a new numbered script in both dialects.

CREATE TABLE person_names (
    id uuid PRIMARY KEY,
    partnership_id uuid NOT NULL,
    person_id uuid NOT NULL,
    given_name text,
    family_name text,
    given_folded text NOT NULL,
    family_folded text NOT NULL,
    source text NOT NULL,
    agency_id uuid,
    merge_id uuid,
    recorded_at timestamptz NOT NULL,
    FOREIGN KEY (person_id) REFERENCES people (id)
);
CREATE INDEX ix_person_names_person ON person_names (person_id);
CREATE INDEX ix_person_names_family ON person_names (partnership_id, family_folded);

CREATE TABLE match_decisions (
    id uuid PRIMARY KEY,
    partnership_id uuid NOT NULL,
    professional_id uuid,
    choice text NOT NULL,
    person_id uuid NOT NULL,
    candidates text NOT NULL,
    at timestamptz NOT NULL,
    FOREIGN KEY (person_id) REFERENCES people (id)
);
CREATE INDEX ix_match_decisions_person ON match_decisions (person_id);

CREATE TABLE agency_records (
    id uuid PRIMARY KEY,
    partnership_id uuid NOT NULL,
    agency_id uuid NOT NULL,
    agency_record_id text NOT NULL,
    person_id uuid,
    given_name text,
    family_name text,
    date_of_birth date,
    sex text NOT NULL,
    nhs_number text,
    postcode text,
    address text,
    content_hash text NOT NULL,
    outcome text NOT NULL,
    score double precision,
    linked_at timestamptz NOT NULL,
    FOREIGN KEY (agency_id) REFERENCES agencies (id),
    FOREIGN KEY (person_id) REFERENCES people (id)
);
CREATE UNIQUE INDEX ux_agency_records_agency_record ON agency_records (agency_id, agency_record_id);
CREATE INDEX ix_agency_records_person ON agency_records (person_id);

CREATE TABLE identity_reviews (
    id uuid PRIMARY KEY,
    partnership_id uuid NOT NULL,
    kind text NOT NULL,
    status text NOT NULL,
    linked_record_id uuid,
    requested_by_professional_id uuid,
    submitted text NOT NULL,
    candidates text NOT NULL,
    created_at timestamptz NOT NULL,
    decided_at timestamptz,
    decided_by_professional_id uuid,
    decision text,
    person_id uuid,
    FOREIGN KEY (linked_record_id) REFERENCES agency_records (id)
);
CREATE INDEX ix_identity_reviews_open ON identity_reviews (partnership_id, status);

CREATE TABLE person_merges (
    id uuid PRIMARY KEY,
    partnership_id uuid NOT NULL,
    survivor_person_id uuid NOT NULL,
    merged_person_id uuid NOT NULL,
    reason text NOT NULL,
    by_professional_id uuid,
    merged_at timestamptz NOT NULL,
    moved text NOT NULL,
    unmerged_at timestamptz,
    unmerged_by_professional_id uuid,
    unmerge_reason text,
    FOREIGN KEY (survivor_person_id) REFERENCES people (id),
    FOREIGN KEY (merged_person_id) REFERENCES people (id)
);
CREATE INDEX ix_person_merges_survivor ON person_merges (survivor_person_id);
CREATE INDEX ix_person_merges_merged ON person_merges (merged_person_id);
-- A merge is undone by recording its unmerge, never by deleting it.
CREATE FUNCTION person_merges_kept() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'person_merges are kept'; END; $$;
CREATE TRIGGER person_merges_no_delete BEFORE DELETE ON person_merges FOR EACH ROW EXECUTE FUNCTION person_merges_kept();

-- The duplicate check looks people up by date of birth, family name and postcode.
CREATE INDEX ix_people_date_of_birth ON people (partnership_id, date_of_birth);
CREATE INDEX ix_people_family_name ON people (partnership_id, lower(family_name));
CREATE INDEX ix_address_facts_postcode ON address_facts (upper(replace(postcode, ' ', '')));
CREATE INDEX ix_person_identifiers_person ON person_identifiers (person_id);
