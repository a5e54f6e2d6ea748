-- Chronicle schema, version 13 (PostgreSQL): the duplicate check as an indexed lookup, and its limit per account kept
-- in the database. A released script is never edited: a change is a new numbered script in both dialects.

-- Each person's blocking keys (docs/identity.md, "Blocking"): 64-bit hashes of the rules Blocking.Keys applies to
-- everything on record for them. Written in the same transaction as every change to a person's names, date of birth,
-- NHS numbers or addresses, and by merges and unmerges (a person merged into another has none: their survivor holds
-- their names). The rows for people already on record are written when this script is applied (SchemaMigrator).
CREATE TABLE person_blocking_keys (
    person_id uuid NOT NULL,
    blocking_key bigint NOT NULL,
    partnership_id uuid NOT NULL,
    PRIMARY KEY (person_id, blocking_key),
    FOREIGN KEY (person_id) REFERENCES people (id)
);
CREATE INDEX ix_person_blocking_keys_key ON person_blocking_keys (partnership_id, blocking_key, person_id);

-- How many duplicate checks each account has made in its current hour (Chronicle:Identity:ChecksPerHour): kept here
-- so a restart or a second server gives no fresh allowance.
CREATE TABLE duplicate_check_counts (
    account_id uuid PRIMARY KEY,
    window_started_at timestamptz NOT NULL,
    checks integer NOT NULL,
    FOREIGN KEY (account_id) REFERENCES user_accounts (id)
);
