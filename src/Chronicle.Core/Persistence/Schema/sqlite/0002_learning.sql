-- Chronicle schema, version 2 (SQLite): the learning cycle. A released script is never edited: a change is a new numbered script in both dialects.

CREATE TABLE serious_incidents (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    child_person_ids TEXT NOT NULL,
    aware_on TEXT NOT NULL,
    notified_on TEXT,
    rapid_review_completed_on TEXT,
    decision TEXT,
    decided_on TEXT,
    decision_rationale TEXT,
    created_at INTEGER NOT NULL
);
CREATE TABLE reviews (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    incident_id TEXT,
    title TEXT NOT NULL,
    type TEXT NOT NULL,
    status TEXT NOT NULL,
    lead_reviewer TEXT,
    agencies_scrutinised TEXT NOT NULL,
    period_from TEXT,
    period_to TEXT,
    method TEXT,
    summary TEXT,
    focus TEXT,
    decided_on TEXT,
    report_completed_on TEXT,
    published_on TEXT,
    source_document TEXT,
    created_at INTEGER NOT NULL,
    FOREIGN KEY (incident_id) REFERENCES serious_incidents (id)
);
CREATE TABLE review_slippages (
    id TEXT PRIMARY KEY,
    review_id TEXT NOT NULL,
    recorded_on TEXT NOT NULL,
    new_expected_on TEXT,
    reason TEXT NOT NULL,
    FOREIGN KEY (review_id) REFERENCES reviews (id)
);
CREATE TABLE review_items (
    id TEXT PRIMARY KEY,
    review_id TEXT NOT NULL,
    type TEXT NOT NULL,
    number TEXT,
    text TEXT NOT NULL,
    parent_item_id TEXT,
    themes TEXT NOT NULL,
    position INTEGER NOT NULL,
    FOREIGN KEY (review_id) REFERENCES reviews (id),
    FOREIGN KEY (parent_item_id) REFERENCES review_items (id)
);
CREATE TABLE lesson_safeguards (
    lesson_item_id TEXT NOT NULL,
    safeguard_id TEXT NOT NULL,
    PRIMARY KEY (lesson_item_id, safeguard_id),
    FOREIGN KEY (lesson_item_id) REFERENCES review_items (id)
);
CREATE TABLE response_actions (
    id TEXT PRIMARY KEY,
    review_id TEXT NOT NULL,
    item_id TEXT,
    description TEXT NOT NULL,
    owner TEXT,
    deadline TEXT,
    expected_impact TEXT,
    how_we_will_know TEXT,
    status TEXT NOT NULL,
    done_on TEXT,
    created_at INTEGER NOT NULL,
    FOREIGN KEY (review_id) REFERENCES reviews (id),
    FOREIGN KEY (item_id) REFERENCES review_items (id)
);
CREATE TABLE evidence_items (
    id TEXT PRIMARY KEY,
    action_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    summary TEXT NOT NULL,
    recorded_on TEXT NOT NULL,
    recorded_by_professional_id TEXT,
    FOREIGN KEY (action_id) REFERENCES response_actions (id)
);
CREATE TABLE disseminations (
    id TEXT PRIMARY KEY,
    review_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    held_on TEXT NOT NULL,
    reach INTEGER,
    audience TEXT,
    notes TEXT,
    FOREIGN KEY (review_id) REFERENCES reviews (id)
);
CREATE TABLE briefing_feedback (
    id TEXT PRIMARY KEY,
    review_id TEXT NOT NULL,
    professional_id TEXT,
    usefulness INTEGER NOT NULL,
    practice_change TEXT,
    comment TEXT,
    given_at INTEGER NOT NULL,
    FOREIGN KEY (review_id) REFERENCES reviews (id)
);
CREATE INDEX ix_serious_incidents_partnership ON serious_incidents (partnership_id);
CREATE INDEX ix_reviews_partnership ON reviews (partnership_id);
CREATE INDEX ix_review_items_review ON review_items (review_id);
CREATE INDEX ix_lesson_safeguards_safeguard ON lesson_safeguards (safeguard_id);
CREATE INDEX ix_response_actions_review ON response_actions (review_id);
CREATE INDEX ix_evidence_items_action ON evidence_items (action_id);
