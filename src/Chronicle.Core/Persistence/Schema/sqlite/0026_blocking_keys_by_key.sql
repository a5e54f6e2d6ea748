-- Chronicle schema, version 26 (SQLite): each person's blocking keys kept in the order the duplicate check and linking
-- look them up. A released script is never edited: a change is a new numbered script in both dialects.

-- 0013 kept the keys in a rowid table with two indexes: by person and key (the primary key), and by partnership, key
-- and person. Every key was written three times, each index row carrying 36-character ids, in no common order. The
-- table is now its own index in the order of the look-up, by key then person, with the partnership beside each key
-- (not in the index: a key is a 64-bit hash, so the rows of one key are few, and the partnership is checked on each);
-- a small index by person finds a person's keys when they change. Every key already on record is kept as it is, copied
-- in the new order.
CREATE TABLE person_blocking_keys_by_key (
    blocking_key INTEGER NOT NULL,
    person_id TEXT NOT NULL,
    partnership_id TEXT NOT NULL,
    PRIMARY KEY (blocking_key, person_id),
    FOREIGN KEY (person_id) REFERENCES people (id)
) WITHOUT ROWID;
INSERT INTO person_blocking_keys_by_key (blocking_key, person_id, partnership_id)
    SELECT blocking_key, person_id, partnership_id FROM person_blocking_keys ORDER BY blocking_key, person_id;
DROP TABLE person_blocking_keys;
ALTER TABLE person_blocking_keys_by_key RENAME TO person_blocking_keys;
CREATE INDEX ix_person_blocking_keys_person ON person_blocking_keys (person_id);
