-- Chronicle schema, version 19 (PostgreSQL): information governance's review of each break-glass grant, and a
-- review's dates as its source document gives them. A released script is never edited: a change is a new numbered
-- script in both dialects.

-- A grant is reviewed once, by information governance: whether the reason justified the access, and what they noted.
-- A review is a fact: never updated or removed.
CREATE TABLE break_glass_reviews (
    id uuid PRIMARY KEY,
    grant_id uuid NOT NULL UNIQUE,
    reviewed_by_user_id uuid NOT NULL,
    reviewed_at timestamptz NOT NULL,
    outcome text NOT NULL,
    note text,
    FOREIGN KEY (grant_id) REFERENCES break_glass_grants (id),
    FOREIGN KEY (reviewed_by_user_id) REFERENCES user_accounts (id)
);
CREATE TRIGGER break_glass_reviews_append_only BEFORE UPDATE OR DELETE ON break_glass_reviews FOR EACH ROW EXECUTE FUNCTION chronicle_append_only();

-- What a review's source document says of its dates, in its words ("commissioned in the autumn of 2019"), where it
-- gives a month, a season or a year but no day: the day columns stay empty rather than hold a day it does not give.
ALTER TABLE reviews ADD COLUMN dates_as_given text;
