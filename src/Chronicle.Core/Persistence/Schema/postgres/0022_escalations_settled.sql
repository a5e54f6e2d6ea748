-- Chronicle schema, version 22 (PostgreSQL): an escalation whose cause has since been dealt with. A released script
-- is never edited: a change is a new numbered script in both dialects.

-- An escalation leaves a manager's unhandled list when what it was about is dealt with (the information acknowledged,
-- the action done, handed on or reassigned, the absent person's actions reassigned): when, and what settled it, in
-- words. Set once; the escalation and its handling, if any, stay as they were.
ALTER TABLE notifications ADD COLUMN cause_settled_at timestamptz;
ALTER TABLE notifications ADD COLUMN cause_settled text;
