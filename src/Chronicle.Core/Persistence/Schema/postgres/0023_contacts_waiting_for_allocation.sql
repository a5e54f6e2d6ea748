-- Chronicle schema, version 23 (PostgreSQL): the contacts waiting for allocation. A released script is never edited: a
-- change is a new numbered script in both dialects.

-- A contact the front door decided to take further stays with the front door until someone of children's social care
-- holds the child's case: decided_at is when it was decided, null while it waits for the decision. Every row is written
-- again, after this script, from the record as it stands (OpenContacts).
ALTER TABLE open_contacts ADD COLUMN decided_at timestamptz NULL;
