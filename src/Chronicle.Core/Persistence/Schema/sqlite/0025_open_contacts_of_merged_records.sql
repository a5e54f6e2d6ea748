-- Chronicle schema, version 25 (SQLite): the open contacts of merged records. A released script is never edited: a change
-- is a new numbered script in both dialects.

-- A person merged into another has no open contacts of their own: their contacts with the front door are the
-- survivor's, worked out with the survivor's case as one record. Every row is written again, after this script, from
-- the record as it stands (OpenContacts).
DELETE FROM open_contacts;
