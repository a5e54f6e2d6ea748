-- Chronicle schema, version 18 (PostgreSQL): the contacts and referrals waiting for the front door's decision. A
-- released script is never edited: a change is a new numbered script in both dialects.

-- A contact with no decision on it yet, a row for each person it is about, kept with every write of a contact, a
-- decision or a correction of either (OpenContacts), and written for the record already held when this script runs.
-- The front door's work and its access read what is open through these indexes, not every contact of the partnership.
CREATE TABLE open_contacts (
    contact_entry_id uuid NOT NULL,
    person_id uuid NOT NULL,
    partnership_id uuid NOT NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (contact_entry_id, person_id),
    FOREIGN KEY (contact_entry_id) REFERENCES entries (id),
    FOREIGN KEY (person_id) REFERENCES people (id)
);
CREATE INDEX ix_open_contacts_partnership ON open_contacts (partnership_id, received_at);
CREATE INDEX ix_open_contacts_person ON open_contacts (person_id);
