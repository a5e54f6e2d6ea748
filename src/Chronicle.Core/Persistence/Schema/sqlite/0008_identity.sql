-- Chronicle schema, version 8 (SQLite): one person, one record. The choices made at the duplicate check, the
-- front door's review queue, every agency's own records as linked, names kept as facts with their source, and
-- merges (each reversible). A released script is never edited: a change is a new numbered script in both dialects.

CREATE TABLE person_names (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    given_name TEXT,
    family_name TEXT,
    given_folded TEXT NOT NULL,
    family_folded TEXT NOT NULL,
    source TEXT NOT NULL,
    agency_id TEXT,
    merge_id TEXT,
    recorded_at INTEGER NOT NULL,
    FOREIGN KEY (person_id) REFERENCES people (id)
);
CREATE INDEX ix_person_names_person ON person_names (person_id);
CREATE INDEX ix_person_names_family ON person_names (partnership_id, family_folded);

CREATE TABLE match_decisions (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    professional_id TEXT,
    choice TEXT NOT NULL,
    person_id TEXT NOT NULL,
    candidates TEXT NOT NULL,
    at INTEGER NOT NULL,
    FOREIGN KEY (person_id) REFERENCES people (id)
);
CREATE INDEX ix_match_decisions_person ON match_decisions (person_id);

CREATE TABLE agency_records (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    agency_id TEXT NOT NULL,
    agency_record_id TEXT NOT NULL,
    person_id TEXT,
    given_name TEXT,
    family_name TEXT,
    date_of_birth TEXT,
    sex TEXT NOT NULL,
    nhs_number TEXT,
    postcode TEXT,
    address TEXT,
    content_hash TEXT NOT NULL,
    outcome TEXT NOT NULL,
    score REAL,
    linked_at INTEGER NOT NULL,
    FOREIGN KEY (agency_id) REFERENCES agencies (id),
    FOREIGN KEY (person_id) REFERENCES people (id)
);
CREATE UNIQUE INDEX ux_agency_records_agency_record ON agency_records (agency_id, agency_record_id);
CREATE INDEX ix_agency_records_person ON agency_records (person_id);

CREATE TABLE identity_reviews (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    linked_record_id TEXT,
    requested_by_professional_id TEXT,
    submitted TEXT NOT NULL,
    candidates TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    decided_at INTEGER,
    decided_by_professional_id TEXT,
    decision TEXT,
    person_id TEXT,
    FOREIGN KEY (linked_record_id) REFERENCES agency_records (id)
);
CREATE INDEX ix_identity_reviews_open ON identity_reviews (partnership_id, status);

CREATE TABLE person_merges (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    survivor_person_id TEXT NOT NULL,
    merged_person_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    by_professional_id TEXT,
    merged_at INTEGER NOT NULL,
    moved TEXT NOT NULL,
    unmerged_at INTEGER,
    unmerged_by_professional_id TEXT,
    unmerge_reason TEXT,
    FOREIGN KEY (survivor_person_id) REFERENCES people (id),
    FOREIGN KEY (merged_person_id) REFERENCES people (id)
);
CREATE INDEX ix_person_merges_survivor ON person_merges (survivor_person_id);
CREATE INDEX ix_person_merges_merged ON person_merges (merged_person_id);
-- A merge is undone by recording its unmerge, never by deleting it.
CREATE TRIGGER person_merges_no_delete BEFORE DELETE ON person_merges BEGIN SELECT RAISE(ABORT, 'person_merges are kept'); END;

-- The duplicate check looks people up by date of birth, family name and postcode.
CREATE INDEX ix_people_date_of_birth ON people (partnership_id, date_of_birth);
CREATE INDEX ix_people_family_name ON people (partnership_id, lower(family_name));
CREATE INDEX ix_address_facts_postcode ON address_facts (upper(replace(postcode, ' ', '')));
CREATE INDEX ix_person_identifiers_person ON person_identifiers (person_id);
