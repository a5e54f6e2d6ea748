-- Chronicle schema, version 19 (SQLite): information governance's review of each break-glass grant, and a review's
-- dates as its source document gives them. A released script is never edited: a change is a new numbered script in
-- both dialects.

-- A grant is reviewed once, by information governance: whether the reason justified the access, and what they noted.
-- A review is a fact: never updated or removed.
CREATE TABLE break_glass_reviews (
    id TEXT PRIMARY KEY,
    grant_id TEXT NOT NULL UNIQUE,
    reviewed_by_user_id TEXT NOT NULL,
    reviewed_at INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    note TEXT,
    FOREIGN KEY (grant_id) REFERENCES break_glass_grants (id),
    FOREIGN KEY (reviewed_by_user_id) REFERENCES user_accounts (id)
);
CREATE TRIGGER break_glass_reviews_no_update BEFORE UPDATE ON break_glass_reviews BEGIN SELECT RAISE(ABORT, 'break_glass_reviews are append-only'); END;
CREATE TRIGGER break_glass_reviews_no_delete BEFORE DELETE ON break_glass_reviews BEGIN SELECT RAISE(ABORT, 'break_glass_reviews are append-only'); END;

-- What a review's source document says of its dates, in its words ("commissioned in the autumn of 2019"), where it
-- gives a month, a season or a year but no day: the day columns stay empty rather than hold a day it does not give.
ALTER TABLE reviews ADD COLUMN dates_as_given TEXT;
