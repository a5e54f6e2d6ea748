-- Chronicle schema, version 21 (PostgreSQL): an escalation handled by a manager, with what they did. A released
-- script is never edited: a change is a new numbered script in both dialects.

-- Reading an escalation is no longer handling it: when it was handled and by whom (on every escalation of the same
-- matter), and the note of what was done (on the escalation of the manager who did it). An escalation read before
-- this script is not taken as handled: nothing recorded what was done about it.
ALTER TABLE notifications ADD COLUMN handled_at timestamptz;
ALTER TABLE notifications ADD COLUMN handled_by_professional_id uuid REFERENCES professionals (id);
ALTER TABLE notifications ADD COLUMN handled_note text;
-- The escalations of one matter, found by the action or the unacknowledged item they are about.
CREATE INDEX ix_notifications_action ON notifications (action_id) WHERE action_id IS NOT NULL;
CREATE INDEX ix_notifications_about ON notifications (about_notification_id) WHERE about_notification_id IS NOT NULL;
