-- Chronicle schema, version 2 (PostgreSQL): the learning cycle. A released script is never edited: a change is a new numbered script in both dialects.

CREATE TABLE serious_incidents (
    id uuid PRIMARY KEY,
    partnership_id uuid NOT NULL,
    title text NOT NULL,
    summary text NOT NULL,
    child_person_ids text NOT NULL,
    aware_on date NOT NULL,
    notified_on date,
    rapid_review_completed_on date,
    decision text,
    decided_on date,
    decision_rationale text,
    created_at timestamptz NOT NULL
);
CREATE TABLE reviews (
    id uuid PRIMARY KEY,
    partnership_id uuid NOT NULL,
    incident_id uuid,
    title text NOT NULL,
    type text NOT NULL,
    status text NOT NULL,
    lead_reviewer text,
    agencies_scrutinised text NOT NULL,
    period_from date,
    period_to date,
    method text,
    summary text,
    focus text,
    decided_on date,
    report_completed_on date,
    published_on date,
    source_document text,
    created_at timestamptz NOT NULL,
    FOREIGN KEY (incident_id) REFERENCES serious_incidents (id)
);
CREATE TABLE review_slippages (
    id uuid PRIMARY KEY,
    review_id uuid NOT NULL,
    recorded_on date NOT NULL,
    new_expected_on date,
    reason text NOT NULL,
    FOREIGN KEY (review_id) REFERENCES reviews (id)
);
CREATE TABLE review_items (
    id uuid PRIMARY KEY,
    review_id uuid NOT NULL,
    type text NOT NULL,
    number text,
    text text NOT NULL,
    parent_item_id uuid,
    themes text NOT NULL,
    position integer NOT NULL,
    FOREIGN KEY (review_id) REFERENCES reviews (id),
    FOREIGN KEY (parent_item_id) REFERENCES review_items (id)
);
CREATE TABLE lesson_safeguards (
    lesson_item_id uuid NOT NULL,
    safeguard_id text NOT NULL,
    PRIMARY KEY (lesson_item_id, safeguard_id),
    FOREIGN KEY (lesson_item_id) REFERENCES review_items (id)
);
CREATE TABLE response_actions (
    id uuid PRIMARY KEY,
    review_id uuid NOT NULL,
    item_id uuid,
    description text NOT NULL,
    owner text,
    deadline date,
    expected_impact text,
    how_we_will_know text,
    status text NOT NULL,
    done_on date,
    created_at timestamptz NOT NULL,
    FOREIGN KEY (review_id) REFERENCES reviews (id),
    FOREIGN KEY (item_id) REFERENCES review_items (id)
);
CREATE TABLE evidence_items (
    id uuid PRIMARY KEY,
    action_id uuid NOT NULL,
    kind text NOT NULL,
    summary text NOT NULL,
    recorded_on date NOT NULL,
    recorded_by_professional_id uuid,
    FOREIGN KEY (action_id) REFERENCES response_actions (id)
);
CREATE TABLE disseminations (
    id uuid PRIMARY KEY,
    review_id uuid NOT NULL,
    channel text NOT NULL,
    held_on date NOT NULL,
    reach integer,
    audience text,
    notes text,
    FOREIGN KEY (review_id) REFERENCES reviews (id)
);
CREATE TABLE briefing_feedback (
    id uuid PRIMARY KEY,
    review_id uuid NOT NULL,
    professional_id uuid,
    usefulness integer NOT NULL,
    practice_change text,
    comment text,
    given_at timestamptz NOT NULL,
    FOREIGN KEY (review_id) REFERENCES reviews (id)
);
CREATE INDEX ix_serious_incidents_partnership ON serious_incidents (partnership_id);
CREATE INDEX ix_reviews_partnership ON reviews (partnership_id);
CREATE INDEX ix_review_items_review ON review_items (review_id);
CREATE INDEX ix_lesson_safeguards_safeguard ON lesson_safeguards (safeguard_id);
CREATE INDEX ix_response_actions_review ON response_actions (review_id);
CREATE INDEX ix_evidence_items_action ON evidence_items (action_id);
