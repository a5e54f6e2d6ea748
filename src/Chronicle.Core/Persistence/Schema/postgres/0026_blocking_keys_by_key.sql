-- Chronicle schema, version 26 (PostgreSQL): each person's blocking keys kept in the order the duplicate check and
-- linking look them up. A released script is never edited: a change is a new numbered script in both dialects.

-- 0013 indexed the keys twice: by person and key (the primary key), and by partnership, key and person. The primary
-- key is now the order of the look-up, by key then person, with the partnership beside each key (not in the index: a
-- key is a 64-bit hash, so the rows of one key are few, and the partnership is checked on each); a small index by
-- person finds a person's keys when they change. Every key already on record is kept as it is.
DROP INDEX ix_person_blocking_keys_key;
ALTER TABLE person_blocking_keys DROP CONSTRAINT person_blocking_keys_pkey;
ALTER TABLE person_blocking_keys ADD PRIMARY KEY (blocking_key, person_id);
CREATE INDEX ix_person_blocking_keys_person ON person_blocking_keys (person_id);
