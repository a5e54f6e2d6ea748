-- Chronicle schema, version 15 (SQLite): when the clock must next evaluate each child. A released script is never
-- edited: a change is a new numbered script in both dialects.

-- The earliest moment any safeguard's findings for the child could change with nothing new recorded, written with
-- each evaluation's alerts (null: never with time alone). A child with no row is due now: never evaluated, or its
-- record or its partnership's policy changed since. The sweep reads the children due through the index.
CREATE TABLE next_checks (
    child_id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    next_at INTEGER,
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX ix_next_checks_due ON next_checks (partnership_id, next_at);
