-- Chronicle schema, version 20 (SQLite): the children each tracked action is about. A released script is never
-- edited: a change is a new numbered script in both dialects.

-- An action from an entry about several children (a family meeting, a family plan, a strategy discussion) is each
-- named child's work: a row for each child, in the order the entry names them. The action's one child_person_id
-- (the first child it was about) is no longer written or read; it is copied here, and the other children of each
-- action's entry are added in code when this script runs (ActionChildren), so a database already holding actions
-- keeps them on every child they are about.
CREATE TABLE action_children (
    action_id TEXT NOT NULL,
    child_person_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (action_id, child_person_id),
    FOREIGN KEY (action_id) REFERENCES actions (id),
    FOREIGN KEY (child_person_id) REFERENCES people (id)
);
CREATE INDEX ix_action_children_child ON action_children (child_person_id);
INSERT INTO action_children (action_id, child_person_id, position)
SELECT id, child_person_id, 0 FROM actions WHERE child_person_id IS NOT NULL;
